"""«Ждут вашего решения» at the top of every dashboard (issue 14): each provider's rule (who sees what,
and never another organisation's items or another mentor's), one group per kind for a person with two
roles, the empty line, and the dashboard's query ceiling for every role on a world with several items
of each kind."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts import inbox
from apps.monitoring import services as monitoring_services
from apps.orders.services import order_return, order_send_for_signature
from apps.pairs import services as pair_services
from apps.pairs.models import Compatibility
from apps.programs import services as program_services
from apps.programs.models import EventForm, Responsible
from apps.territory import services as territory_services
from tests.factories import banks as bf
from tests.factories import monitoring as mf
from tests.factories import pairs as pf
from tests.factories import programs as prf
from tests.factories import territory as tf
from tests.factories.orders import make_draft, make_signed

pytestmark = pytest.mark.django_db


def groups_of(user, organization, **kwargs) -> dict[str, inbox.InboxGroup]:
    got = inbox.collect(user=user, organization=organization, roles=user.roles_in(organization), limit=50)
    return {g.key: g for g in got}


def urls(group: inbox.InboxGroup | None) -> set[str]:
    return {item.url for item in group.items} if group else set()


def sent(organization, curator, **kwargs):
    return order_send_for_signature(order=make_draft(organization, curator, **kwargs), user=curator)


def event(program, user, start, title="Посещение урока наставника"):
    return program_services.event_save(
        program=program,
        user=user,
        data={
            "title": title,
            "form": EventForm.LESSON_VISIT,
            "start": start,
            "end": None,
            "responsible": Responsible.MENTEE,
            "responsible_person": None,
            "responsible_other": "",
            "product": "",
            "expected_result": "Самоанализ урока",
        },
    )


# --- The director -------------------------------------------------------------------------------------


def test_the_director_sees_the_orders_to_sign_of_her_school_only(cast):
    mine = [sent(cast.school, cast.curator) for _ in range(2)]
    draft = make_draft(cast.school, cast.curator)  # a draft is the curator's, not the director's
    elsewhere = sent(cast.other_school, cast.other_curator)

    group = groups_of(cast.director, cast.school)["orders.to_sign"]
    assert group.count == 2
    assert urls(group) == {reverse("orders:order-detail", args=[o.pk]) for o in mine}
    assert reverse("orders:order-detail", args=[draft.pk]) not in urls(group)
    assert reverse("orders:order-detail", args=[elsewhere.pk]) not in urls(group)
    for name in ("curator", "mentor", "council"):
        assert "orders.to_sign" not in groups_of(getattr(cast, name), cast.school)
    assert groups_of(cast.other_director, cast.other_school)["orders.to_sign"].count == 1


def test_the_director_sees_the_candidates_for_mentors(cast, year):
    candidates = [bf.mentor(cast.school, year, status="candidate") for _ in range(3)]
    approved = bf.mentor(cast.school, year, director=cast.director)
    elsewhere = bf.mentor(cast.other_school, year, status="candidate")

    group = groups_of(cast.director, cast.school)["banks.mentor_candidates"]
    assert group.count == 3
    assert urls(group) == {reverse("banks:mentor-detail", args=[e.pk]) for e in candidates}
    assert reverse("banks:mentor-detail", args=[approved.pk]) not in urls(group)
    assert reverse("banks:mentor-detail", args=[elsewhere.pk]) not in urls(group)
    assert "banks.mentor_candidates" not in groups_of(cast.curator, cast.school)


def test_the_roadmap_to_approve_and_the_one_returned_with_remarks(cast, year):
    roadmap = tf.roadmap(cast.school, year, cast.curator)
    group = groups_of(cast.director, cast.school)["territory.roadmaps"]
    assert group.count == 1 and group.title == "Дорожная карта на утверждение"
    assert "territory.roadmaps" not in groups_of(cast.curator, cast.school)  # a draft: the director approves

    roadmap = territory_services.roadmap_approve(roadmap=roadmap, director=cast.director)
    assert "territory.roadmaps" not in groups_of(cast.director, cast.school)
    territory_services.roadmap_return(roadmap=roadmap, coordinator=cast.municipal, remarks="Добавьте сроки")
    for name in ("director", "curator"):
        group = groups_of(getattr(cast, name), cast.school)["territory.roadmaps"]
        assert group.title == "Дорожная карта: возвращена с замечаниями"
        assert "с замечаниями" in group.items[0].note
    assert "territory.roadmaps" not in groups_of(cast.other_director, cast.other_school)


# --- The curator --------------------------------------------------------------------------------------


def test_the_curator_sees_the_orders_returned_for_revision(cast):
    returned = order_return(order=sent(cast.school, cast.curator), director=cast.director, comment="Нет даты")
    sent(cast.school, cast.curator)  # still with the director
    make_draft(cast.school, cast.curator)  # never sent
    order_return(order=sent(cast.other_school, cast.other_curator), director=cast.other_director, comment="x")

    group = groups_of(cast.curator, cast.school)["orders.returned"]
    assert group.count == 1
    assert urls(group) == {reverse("orders:order-detail", args=[returned.pk])}
    assert "Нет даты" in group.items[0].note
    assert "orders.returned" not in groups_of(cast.director, cast.school)


def test_the_curator_sees_the_people_without_a_consent(cast):
    missing = pf.person(cast.school, consent=False)
    pf.person(cast.school)  # consented
    gone = pf.person(cast.school, consent=False)
    gone.left_on = timezone.localdate()
    gone.save(update_fields=["left_on"])
    withdrawn = pf.person(cast.school)
    bf.withdraw_consent(withdrawn)  # the person's own decision: not asked again
    elsewhere = pf.person(cast.other_school, consent=False)

    group = groups_of(cast.curator, cast.school)["staff.without_consent"]
    assert reverse("staff:person-detail", args=[missing.pk]) in urls(group)
    for person in (gone, withdrawn, elsewhere):
        assert reverse("staff:person-detail", args=[person.pk]) not in urls(group)
    assert group.all_url.endswith("?consent=missing")
    assert "staff.without_consent" not in groups_of(cast.director, cast.school)


def test_the_curator_sees_the_mentee_questionnaires_to_review(cast, year):
    candidate = pf.mentee_entry(cast.school, year, status="candidate")
    pf.mentee_entry(cast.school, year)  # waiting already
    pf.mentee_entry(cast.other_school, year, status="candidate")
    group = groups_of(cast.curator, cast.school)["banks.mentee_candidates"]
    assert urls(group) == {reverse("banks:mentee-detail", args=[candidate.pk])}


def test_the_curator_sees_pairs_without_a_program_and_programs_to_approve_or_behind(cast, year):
    without = prf.active_group(
        cast.school,
        year,
        pf.mentor_entry(cast.school, year),
        [pf.mentee_entry(cast.school, year)],
        curator=cast.curator,
        director=cast.director,
    )
    program, _users, _mentees = mf.trio(cast, year)  # approved on 01.10.2026, nothing logged since
    with_program_group = program.group
    on_approval = prf.draft_program(
        prf.active_group(
            cast.school,
            year,
            pf.mentor_entry(cast.school, year),
            [pf.mentee_entry(cast.school, year)],
            curator=cast.curator,
            director=cast.director,
        ),
        cast.curator,
    )
    on_approval = program_services.program_submit(program=on_approval, user=cast.curator)

    groups = groups_of(cast.curator, cast.school)
    assert urls(groups["programs.groups_without_program"]) == {
        reverse("programs:program-create", args=[without.pk])
    }
    assert reverse("programs:program-create", args=[with_program_group.pk]) not in urls(
        groups["programs.groups_without_program"]
    )
    assert urls(groups["programs.on_approval"]) == {reverse("programs:program-detail", args=[on_approval.pk])}
    assert groups["programs.on_approval"].title == "Программы на утверждение"
    behind = groups["programs.behind"]
    assert reverse("programs:program-detail", args=[program.pk]) in urls(behind)
    assert "нет записей в журнале 30 дней" in behind.items[0].note

    # A mentor logging her work takes the program off the list.
    program_services.activity_log(
        program=program,
        user=cast.mentor,
        date=timezone.localdate(),
        minutes=45,
        format="in_person",
        kind="consultation",
    )
    behind = groups_of(cast.curator, cast.school).get("programs.behind")
    assert reverse("programs:program-detail", args=[program.pk]) not in urls(behind)
    # The council reviews the program on approval; the director and another school see none of it.
    council = groups_of(cast.council, cast.school)["programs.on_approval"]
    assert council.title == "Программы на согласовании: рассмотреть"
    assert "programs.on_approval" not in groups_of(cast.director, cast.school)
    other = groups_of(cast.other_curator, cast.other_school)
    assert not {"programs.on_approval", "programs.behind", "programs.groups_without_program"} & set(other)


def test_an_overdue_event_puts_a_program_behind(cast, year):
    program, _users, _mentees = mf.trio(cast, year)
    today = timezone.localdate()
    program_services.activity_log(
        program=program, user=cast.mentor, date=today, minutes=45, format="in_person", kind="consultation"
    )
    assert "programs.behind" not in groups_of(cast.curator, cast.school)
    event(program, cast.mentor, today - timedelta(days=3))
    group = groups_of(cast.curator, cast.school)["programs.behind"]
    assert "просрочено: 1 мероприятие" in group.items[0].note


def test_the_curator_sees_the_campaigns_whose_answers_are_late(cast, year):
    program, _users, _mentees = mf.trio(cast, year)
    campaign = monitoring_services.campaign_create(
        organization=cast.school,
        user=cast.curator,
        template=mf.small_template(cast.school, cast.curator),
        title="Удовлетворённость",
        audience="mentee",
        point="start",
        days_to_answer=1,
        programs=[program],
    )
    group = groups_of(cast.curator, cast.school)["monitoring.campaigns_due"]
    assert urls(group) == {reverse("monitoring:campaign-detail", args=[campaign.pk])}
    assert "без ответа: 3 анкеты" in group.items[0].note
    assert "monitoring.campaigns_due" not in groups_of(cast.other_curator, cast.other_school)


# --- The psychologist and the council ------------------------------------------------------------------


def test_the_psychologist_sees_the_pairs_waiting_for_her_conclusion(cast, year):
    waiting = pair_services.group_create(
        **pf.group_kwargs(
            cast.school, year, pf.mentor_entry(cast.school, year), [pf.mentee_entry(cast.school, year)]
        )
    )
    concluded = pair_services.group_create(
        **pf.group_kwargs(
            cast.school, year, pf.mentor_entry(cast.school, year), [pf.mentee_entry(cast.school, year)]
        )
    )
    concluded.compatibility = Compatibility.COMPATIBLE
    concluded.save(update_fields=["compatibility"])
    elsewhere = pair_services.group_create(
        **pf.group_kwargs(
            cast.other_school,
            year,
            pf.mentor_entry(cast.other_school, year),
            [pf.mentee_entry(cast.other_school, year)],
        )
    )
    group = groups_of(cast.psychologist, cast.school)["pairs.awaiting_conclusion"]
    assert urls(group) == {reverse("pairs:group-detail", args=[waiting.pk]) + "#compatibility"}
    assert not {concluded.pk, elsewhere.pk} & {int(re.search(r"/(\d+)/", u).group(1)) for u in urls(group)}
    assert "pairs.awaiting_conclusion" not in groups_of(cast.curator, cast.school)


def test_the_council_sees_the_mentees_without_a_mentor_who_consented(cast, year):
    waiting = pf.mentee_entry(cast.school, year)
    no_consent = pf.mentee_entry(cast.school, year, person_obj=pf.person(cast.school, consent=False))
    pf.mentee_entry(cast.other_school, year)
    group = groups_of(cast.council, cast.school)["banks.mentees_waiting"]
    assert urls(group) == {reverse("banks:mentee-detail", args=[waiting.pk])}
    assert reverse("banks:mentee-detail", args=[no_consent.pk]) not in urls(group)


# --- The mentor and the mentee -------------------------------------------------------------------------


def test_the_mentor_and_the_mentee_see_their_own_orders_events_and_surveys(cast, year):
    today = timezone.localdate()
    # A program running since ten days ago: its start survey is open now.
    program, _users, mentees = mf.trio(
        cast, year, start=today - timedelta(days=10), end=today + timedelta(days=200)
    )
    due = event(program, cast.mentor, today + timedelta(days=2), title="Открытый урок")
    later = event(program, cast.mentor, today + timedelta(days=30), title="Итоговая конференция")
    order = make_signed(
        cast.school,
        cast.curator,
        cast.director,
        participants=[(program.group.mentor.person, "наставник"), (mentees[0].person, "наставляемый")],
    )
    monitoring_services.campaign_create(
        organization=cast.school,
        user=cast.curator,
        template=mf.small_template(cast.school, cast.curator),
        title="Удовлетворённость",
        audience="mentee",
        point="start",
        days_to_answer=30,
        programs=[program],
    )
    mentor = groups_of(cast.mentor, cast.school)
    mentee = groups_of(cast.mentee, cast.school)
    for groups in (mentor, mentee):
        assert reverse("orders:order-detail", args=[order.pk]) in urls(groups["orders.acknowledge"])
        events = [i.label for i in groups["programs.events_due"].items]
        assert "Открытый урок" in events and "Итоговая конференция" not in events
    assert [i.label for i in mentee["monitoring.surveys"].items] == ["Удовлетворённость"]
    assert "monitoring.surveys" not in mentor  # the survey is the mentees'
    # Someone else's program: another mentor sees none of it.
    stranger = groups_of(cast.two_roles, cast.school)
    assert "programs.events_due" not in stranger and "orders.acknowledge" not in stranger
    assert due.pk and later.pk


def test_a_person_with_two_roles_sees_each_kind_once(client_for, cast, year):
    mentee_entry = pf.mentee_entry(cast.school, year, user=cast.two_roles)
    mentor_entry = pf.mentor_entry(cast.school, year, user=cast.two_roles)
    group = prf.active_group(
        cast.school,
        year,
        mentor_entry,
        [pf.mentee_entry(cast.school, year)],
        curator=cast.curator,
        director=cast.director,
    )
    program = prf.approve(prf.draft_program(group, cast.two_roles), cast.curator)
    event(program, cast.two_roles, timezone.localdate() + timedelta(days=1))
    make_signed(
        cast.school,
        cast.curator,
        cast.director,
        participants=[(mentor_entry.person, "наставник"), (mentee_entry.person, "наставляемый")],
    )
    body = client_for("two_roles").get(reverse("accounts:dashboard")).content.decode()
    assert body.count('data-inbox="orders.acknowledge"') == 1
    assert body.count('data-inbox="programs.events_due"') == 1
    assert body.count(reverse("staff:my-consent")) == 1
    assert 'id="dash-mentor"' in body and 'id="dash-mentee"' in body


def test_a_mentee_alone_still_sees_her_consent_link(client_for):
    body = client_for("mentee").get(reverse("accounts:dashboard")).content.decode()
    assert body.count(reverse("staff:my-consent")) == 1


def test_an_empty_inbox_says_so_in_one_line(client_for):
    body = client_for("psychologist").get(reverse("accounts:dashboard")).content.decode()
    assert "Нет дел, ждущих вашего решения." in body


def test_the_inbox_lists_a_few_items_and_links_to_all_of_them(client_for, cast, year):
    for _ in range(5):
        bf.mentor(cast.school, year, status="candidate")
    body = client_for("director").get(reverse("accounts:dashboard")).content.decode()
    block = re.search(r'<li class="col" data-inbox="banks.mentor_candidates">(.*?)</li>\s*</ul>', body, re.S)
    assert block, "no group of candidates"
    assert "data-count>5<" in block.group(1)
    assert block.group(1).count('<li class="mt-1"><a') == 4  # three candidates and «все 5 кандидатов»
    assert block.group(1).count(reverse("banks:mentor-list") + "?status=candidate") == 1
    assert "все 5 кандидатов" in block.group(1)
