"""seed_scale builds a region whose data follows the domain's rules, in proportion to --scale, the
same from the same seed; it refuses to run twice without --reset."""

import io
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, transaction
from django.db.models import Count, Q
from django.test import override_settings
from django.utils import timezone

from apps.accounts.models import User
from apps.banks.models import MenteeEntry, MentorEntry
from apps.core.scale import DOCUMENTED_USERS, PASSWORD, SCALE_REGION_NAME, targets
from apps.monitoring.models import Response, SurveyAssignment
from apps.orders.models import Order, OrderCounter, OrderItem
from apps.orders.services import order_blockers
from apps.organizations.models import Organization
from apps.pairs.models import DutyConsent, GroupMember, MentoringGroup
from apps.programs.dates import check_length
from apps.programs.models import ActivityLog, Program, RoadmapEvent
from apps.staff.models import Person, PersonalDataConsent

pytestmark = pytest.mark.django_db

SCALE = 0.005


def _seed(**options):
    call_command("seed_scale", scale=SCALE, stdout=io.StringIO(), **options)


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker):
    """One region for the module, built inside a transaction that is rolled back at the end; each
    test runs in a savepoint of it (pytest-django's ``db``)."""
    fast_hasher = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast_hasher, transaction.atomic():
        _seed(seed=3)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def region(_built, db):
    return SCALE_REGION_NAME


def _in_region():
    return Q(organization__municipality__region__name=SCALE_REGION_NAME)


def test_counts_follow_the_scale(region):
    n = targets(SCALE)
    assert Organization.objects.filter(municipality__region__name=region).count() == n["organizations"]
    assert Person.objects.filter(_in_region()).count() == n["staff"]
    assert MenteeEntry.objects.filter(_in_region()).count() == n["mentees"]
    assert MentorEntry.objects.filter(_in_region()).count() == n["mentors"]
    assert MentoringGroup.objects.filter(_in_region()).count() == n["groups"]
    assert Program.objects.filter(_in_region()).count() == n["groups"]
    assert (
        RoadmapEvent.objects.filter(program__in=Program.objects.filter(_in_region())).count() == n["events"]
    )
    assert (
        ActivityLog.objects.filter(program__in=Program.objects.filter(_in_region())).count()
        == n["activities"]
    )
    assert (
        Response.objects.filter(campaign__organization__municipality__region__name=region).count()
        == (n["responses"])
    )
    assert not Organization.objects.filter(municipality__region__name=region, director_name="").exists()
    # Proportional: 0.5 % of the region is 0.5 % of each thing (minimums aside).
    assert n["staff"] == 150 and n["mentees"] == 40 and n["mentors"] == 15 and n["events"] == 450


def test_everyone_has_a_valid_consent_given_before_any_order(region):
    people = Person.objects.filter(_in_region())
    assert not people.exclude(consents__withdrawn_on__isnull=True).exists()
    first_signed = {}
    for org_id, day in Order.objects.filter(status=Order.Status.SIGNED).values_list(
        "organization_id", "date"
    ):
        first_signed[org_id] = min(day, first_signed.get(org_id, day))
    for consent in PersonalDataConsent.objects.filter(person__in=people).select_related("person"):
        assert consent.signed_on < first_signed[consent.person.organization_id]
        assert consent.signed_on >= consent.person.hire_date
        assert consent.text_snapshot and consent.operator_name


def test_every_pair_is_active_by_a_signed_order_with_the_participants_consents(region):
    groups = MentoringGroup.objects.filter(_in_region()).select_related("assigned_order", "mentor")
    for group in groups:
        order = group.assigned_order
        assert group.status == MentoringGroup.Status.ACTIVE
        assert order.status == Order.Status.SIGNED and order.kind == Order.Kind.PAIRS
        assert order.date == group.started_on
        assert group.mentor.consent_signed_on < order.date
        people = [group.mentor.person_id, *group.members.values_list("mentee_person_id", flat=True)]
        duty = dict(DutyConsent.objects.filter(group=group).values_list("person_id", "signed_on"))
        assert set(duty) == set(people)
        assert all(day < order.date for day in duty.values())
    # The service's own checks find nothing missing before signing.
    for order in Order.objects.filter(organization__municipality__region__name=region, kind=Order.Kind.PAIRS):
        assert order_blockers(order) == []


def test_mentor_load_and_pair_rules(region):
    mentors = MentorEntry.objects.filter(_in_region()).annotate(
        load=Count("groups__members", filter=Q(groups__members__status=GroupMember.Status.ACTIVE))
    )
    assert all(m.load <= m.max_mentees <= 10 for m in mentors)
    assert all((m.status == MentorEntry.Status.ACTIVE) == (m.load > 0) for m in mentors)
    members = GroupMember.objects.filter(group__organization__municipality__region__name=region)
    assert not members.filter(mentee_person=models_f("mentor_person")).exists()
    per_mentee = members.values("mentee").annotate(n=Count("id"))
    assert all(row["n"] == 1 for row in per_mentee)
    assert not MenteeEntry.objects.filter(
        _in_region(), status=MenteeEntry.Status.IN_PAIR, memberships=None
    ).exists()
    for group in MentoringGroup.objects.filter(_in_region()).annotate(n=Count("members")):
        assert (group.n >= 2) == (group.form == "teacher_group")


def models_f(name):
    from django.db.models import F

    return F(name)


def test_programs_last_three_to_twelve_months_with_dated_events_and_log(region):
    today = timezone.localdate()
    programs = Program.objects.filter(_in_region()).select_related("group")
    for program in programs:
        check_length(program.start, program.end)  # raises DomainError when outside 3–12 months
        assert program.start >= program.group.started_on
        assert program.status in (Program.Status.APPROVED, Program.Status.ON_APPROVAL)
    events = RoadmapEvent.objects.filter(program__in=programs).select_related("program")
    for event in events:
        assert event.program.start <= event.start <= (event.end or event.start) <= event.program.end
        if event.status == RoadmapEvent.Status.DONE:
            assert event.done_on <= today
    for entry in ActivityLog.objects.filter(program__in=programs).select_related("program"):
        assert entry.program.start <= entry.date <= today
        assert 5 <= entry.minutes <= 600


def test_signed_orders_have_gapless_numbers_per_organisation_and_year(region):
    numbers = defaultdict(list)
    signed = Order.objects.filter(organization__municipality__region__name=region, status=Order.Status.SIGNED)
    for org_id, year, number, day in signed.order_by("date", "number").values_list(
        "organization_id", "year", "number", "date"
    ):
        assert day.year == year
        numbers[(org_id, year)].append(number)
    assert numbers
    for key, got in numbers.items():
        assert got == list(range(1, len(got) + 1)), key
        assert OrderCounter.objects.get(organization_id=key[0], year=key[1]).last_number == len(got)
    assert not signed.filter(items=None).exists()
    assert Order.objects.filter(
        organization__municipality__region__name=region, status=Order.Status.AWAITING_SIGNATURE
    ).exists()


def test_signed_orders_stay_protected_by_the_triggers(region):
    order = Order.objects.filter(status=Order.Status.SIGNED, organization__municipality__region__name=region)[
        0
    ]
    with pytest.raises(DatabaseError), transaction.atomic():
        Order.objects.filter(pk=order.pk).update(title="О другом")
    with pytest.raises(DatabaseError), transaction.atomic():
        OrderItem.objects.create(order=order, position=99, text="Дописать пункт.")


def test_survey_responses_are_not_linked_to_people_and_match_answered_assignments(region):
    answered = SurveyAssignment.objects.filter(
        campaign__organization__municipality__region__name=region, answered_at__isnull=False
    )
    assert answered.count() == targets(SCALE)["responses"]
    assert not answered.filter(opens_on__gt=timezone.localdate()).exists()
    assert "person" not in {f.name for f in Response._meta.get_fields()}


def test_every_seeded_row_of_a_tracked_model_has_its_history_event(region):
    from apps.orders.models import OrderEvent
    from apps.staff.models import PersonEvent

    people = Person.objects.filter(_in_region())
    events = PersonEvent.objects.filter(pgh_obj__in=people, pgh_label="insert")
    assert events.count() == people.count()
    assert events.first().pgh_context.metadata["source"] == "seed_scale"
    signed = Order.objects.filter(organization__municipality__region__name=region, status=Order.Status.SIGNED)
    assert OrderEvent.objects.filter(pgh_obj__in=signed, status=Order.Status.SIGNED).count() == signed.count()


def test_a_second_run_needs_reset(region):
    with pytest.raises(CommandError, match="--reset"):
        _seed(seed=3)


def _snapshot():
    people = list(
        Person.objects.filter(_in_region())
        .order_by("organization__email", "last_name", "first_name", "patronymic", "birth_date")
        .values_list("organization__short_name", "last_name", "first_name", "patronymic", "birth_date")
    )
    orders = list(
        Order.objects.filter(organization__municipality__region__name=SCALE_REGION_NAME)
        .order_by("organization__email", "year", "number", "title")
        .values_list("organization__short_name", "number", "date", "title")
    )
    programs = sorted(Program.objects.filter(_in_region()).values_list("title", "start", "end"))
    users = sorted(User.objects.filter(username__startswith="scale_").values_list("username", "last_name"))
    return people, orders, programs, users, ActivityLog.objects.count(), Response.objects.count()


def test_the_same_seed_gives_the_same_region_after_reset(region):
    first = _snapshot()
    _seed(seed=3, reset=True)
    assert _snapshot() == first
    _seed(seed=4, reset=True)
    assert _snapshot()[0] != first[0]


def test_documented_users_sign_in_and_their_pages_render(region, client):
    assert set(User.objects.filter(username__in=DOCUMENTED_USERS).values_list("username", flat=True)) == set(
        DOCUMENTED_USERS
    )
    pages = {
        "scale_curator": [
            "/",
            "/staff/",
            "/banks/mentees/",
            "/banks/mentors/",
            "/pairs/",
            "/orders/",
            "/programs/",
        ],
        "scale_director": ["/", "/orders/desk/", "/monitoring/"],
        "scale_mentor": ["/", "/programs/"],
        "scale_mentee": ["/"],
        "scale_municipal": ["/", "/territory/"],
        "scale_regional": ["/", "/territory/"],
    }
    for username, urls in pages.items():
        user = User.objects.get(username=username)
        assert user.check_password(PASSWORD)
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (username, url, response.status_code)
        client.logout()
    mentor = User.objects.get(username="scale_mentor")
    program = Program.objects.filter(group__mentor__person__user=mentor).first()
    client.force_login(mentor)
    assert client.get(f"/programs/{program.pk}/").status_code == 200
