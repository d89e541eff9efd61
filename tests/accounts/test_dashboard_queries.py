"""The dashboard stays within 15 queries for every role and for a person with two roles, on a world with
several items of each kind of «Ждут вашего решения» (an N+1 in a provider or a block would show)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.council import services as council_services
from apps.monitoring import services as monitoring_services
from apps.orders.services import order_return, order_send_for_signature
from apps.pairs import services as pair_services
from apps.programs import services as program_services
from apps.programs.models import EventForm, Responsible
from tests.factories import banks as bf
from tests.factories import monitoring as mf
from tests.factories import pairs as pf
from tests.factories import programs as prf
from tests.factories import territory as tf
from tests.factories.orders import make_draft, make_signed

pytestmark = pytest.mark.django_db

CEILING = 15


@pytest.fixture
def world(cast, year):
    school, curator, director = cast.school, cast.curator, cast.director
    program, _users, mentees = mf.trio(cast, year)
    for i in range(3):
        order_send_for_signature(order=make_draft(school, curator), user=curator)
        order_return(
            order=order_send_for_signature(order=make_draft(school, curator), user=curator),
            director=director,
            comment=f"Исправьте пункт {i + 1}",
        )
        bf.mentor(school, year, status="candidate")
        pf.mentee_entry(school, year, status="candidate")
        pf.mentee_entry(school, year)
        pf.person(school, consent=False)
        pair_services.group_create(
            **pf.group_kwargs(school, year, pf.mentor_entry(school, year), [pf.mentee_entry(school, year)])
        )
        group = prf.active_group(
            school,
            year,
            pf.mentor_entry(school, year),
            [pf.mentee_entry(school, year)],
            curator=curator,
            director=director,
        )
        if i:
            program_services.program_submit(program=prf.draft_program(group, curator), user=curator)
        program_services.event_save(
            program=program,
            user=cast.mentor,
            data={
                "title": f"Мероприятие {i + 1}",
                "form": EventForm.LESSON_VISIT,
                "start": timezone.localdate() + timedelta(days=i),
                "end": None,
                "responsible": Responsible.MENTEE,
                "responsible_person": None,
                "responsible_other": "",
                "product": "",
                "expected_result": "Самоанализ урока",
            },
        )
    from apps.banks.petitions import petition_file

    for i in range(3):  # the teachers' applications waiting for the curator
        petition_file(
            user=curator,
            person=pf.person(school),
            year=year,
            kind="mentee",
            text=f"Заявление {i + 1}",
            areas=["methodical"],
            category="young",
            filed_on=timezone.localdate(),
        )
    two_roles = pf.person(school, user=cast.two_roles)
    for _ in range(3):
        make_signed(
            school,
            curator,
            director,
            participants=[
                (program.group.mentor.person, "наставник"),
                (mentees[0].person, "наставляемый"),
                (two_roles, "наставник"),
            ],
        )
    for title in ("Удовлетворённость", "Через месяц", "Итоговая"):
        monitoring_services.campaign_create(
            organization=school,
            user=curator,
            template=mf.small_template(school, curator, title=title),
            title=title,
            audience="mentee",
            point="start",
            days_to_answer=2,
            programs=[program],
        )
    tf.roadmap(school, year, curator)
    # The council's open questions: three of a coming meeting and three conflicts awaiting arbitration.
    meeting = council_services.meeting_create(
        organization=school, date=timezone.localdate() + timedelta(days=5), user=curator
    )
    for i in range(3):
        council_services.item_add(meeting=meeting, kind="other", question=f"Вопрос {i + 1}", user=curator)
        council_services.item_add(
            meeting=meeting, kind="conflict", question=f"Конфликт {i + 1}", group=program.group, user=curator
        )
    # The allowance: a basis waiting for the director, an approved one waiting for the accountant (set
    # directly: the pairs of this world started today, so the months before have no line to approve).
    from apps.allowances import services as allowance_services
    from apps.allowances.models import AllowanceBasis

    allowance_services.basis_prepare(organization=school, year=2026, month=10, user=curator)
    approved = allowance_services.basis_prepare(organization=school, year=2026, month=11, user=curator)
    AllowanceBasis.objects.filter(pk=approved.pk).update(
        status="approved", approved_by=director, approved_at=timezone.now()
    )
    return program


@pytest.mark.parametrize(
    "role", ["director", "curator", "council", "psychologist", "mentor", "mentee", "two_roles", "accountant"]
)
def test_the_dashboard_stays_within_its_query_budget(world, client_for, role, django_assert_max_num_queries):
    client = client_for(role)
    client.get(reverse("accounts:dashboard"))  # the session's first page warms what a session caches
    with django_assert_max_num_queries(CEILING):
        response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-inbox="' in body, f"{role}: the world gives every role something to decide"
