"""One object of each kind in an organisation, reached through the apps' services and factories.

The permission matrix and the form-injection tests build this world in ``school`` (where the
cast works) and in ``other_school`` (same municipality, another organisation).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from types import SimpleNamespace

from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from apps.accounts.models import Role
from apps.monitoring import services as monitoring_services
from apps.monitoring.models import SurveyAssignment
from apps.programs import services as program_services
from apps.programs.models import EventForm, ProgramTemplate, Responsible
from tests.factories import banks as bf
from tests.factories import monitoring as mf
from tests.factories import orders as of
from tests.factories import pairs as f
from tests.factories import programs as pf
from tests.factories.accounts import UserFactory
from tests.factories.organizations import (
    AcademicYearFactory,
    MunicipalityFactory,
    OrganizationFactory,
    RegionFactory,
)


@dataclass
class Objects:
    """Ids of one object of each kind in one organisation."""

    organization: object
    person: object
    consent: object
    order: object
    participant: object
    group: object
    program: object
    plan_item: object
    event: object
    file: object
    change: object
    template: object
    question: object
    campaign: object
    survey_token: str
    assignment: object
    mentee_entry: object
    mentor_entry: object
    candidate_mentor: object
    candidate_mentee: object
    program_template: object
    # An entry of the program's work log written by the mentor just now (within the correction window).
    activity: object = None
    # The user account of ``person`` (the mentor), for the pages about an account.
    account: object = None
    # Documents (``add_document_objects``).
    regulation: object = None
    award: object = None
    # Training of the mentor (with a scan) and a psychologist's support record (``add_training_objects``).
    training_record: object = None
    support_record: object = None
    recommendation: object = None
    # A cooperation agreement with a partner, its scan and ``person`` marked as its mentor.
    agreement: object = None
    # Territory and public objects (``add_territory_objects``).
    roadmap: object = None
    roadmap_event: object = None
    remark: object = None
    disclosure: object = None
    route: object = None
    route_action: object = None
    news: object = None
    # An entry of the risk register (``add_risk_objects``).
    risk_entry: object = None
    # The municipality's documents (``add_municipal_objects``, ``school``'s municipality only).
    municipality: object = None
    municipal_regulation: object = None
    municipal_order: object = None
    # The municipality's own roadmap of the current year, returned by the regional operator with a remark.
    municipal_roadmap: object = None
    municipal_roadmap_event: object = None
    municipal_remark: object = None
    # Objects in the state a POST-only action needs (``build_world``, ``school`` only).
    signed_order: object = None
    awaiting_order: object = None
    submitted_program: object = None
    # The council of mentors (``add_council_objects``): a planned meeting with a question, a held one.
    meeting: object = None
    held_meeting: object = None
    # The mentee's application (заявление) for a mentor, filed from the account and waiting.
    petition: object = None
    # The monthly basis of the mentors' allowance (``add_allowance_objects``): a draft, an approved and a
    # closed one.
    allowance_basis: object = None
    approved_basis: object = None
    closed_basis: object = None


# The canary (``test_canary.py``): the surname stem of school B's mentor and mentee (``other_school``), and
# of their accounts. Faker's ru_RU surnames do not contain it, so it cannot appear by chance.
CANARY = "Канареечников"


def build_cast(names: dict | None = None):
    """The same cast as ``tests/conftest.py`` (built here once per module, not per test). ``names`` (role →
    ``last_name, first_name, patronymic, sex``) renames the users of the roles it names."""
    names = names or {}
    region = RegionFactory(name="Ханты-Мансийский автономный округ — Югра")
    municipality = MunicipalityFactory(region=region, name="город Сургут")
    far_municipality = MunicipalityFactory(region=region, name="город Нефтеюганск")
    school = OrganizationFactory(municipality=municipality, short_name="МБОУ СОШ № 7")
    other_school = OrganizationFactory(municipality=municipality, short_name="МБОУ Гимназия № 2")
    far_school = OrganizationFactory(municipality=far_municipality, short_name="НГ МБОУ СОШ № 1")
    alien_region = RegionFactory(name="Ямало-Ненецкий автономный округ")
    alien_school = OrganizationFactory(
        municipality=MunicipalityFactory(region=alien_region, name="город Салехард"),
        short_name="МАОУ СОШ № 4",
    )
    year = AcademicYearFactory(start_year=2026, is_current=True)

    def u(username, **kwargs):
        if username in names:
            last, first, patronymic, _sex = names[username]
            kwargs.update(last_name=last, first_name=first, patronymic=patronymic)
        return UserFactory(username=username, **kwargs)

    inactive_member = u(username="inactive_member", roles=[(Role.CURATOR, school)])
    inactive_member.memberships.update(is_active=False)
    return SimpleNamespace(
        school=school,
        other_school=other_school,
        far_school=far_school,
        alien_school=alien_school,
        year=year,
        admin=u(username="admin", roles=[(Role.ADMIN, None)]),
        director=u(username="director", roles=[(Role.DIRECTOR, school)]),
        curator=u(username="curator", roles=[(Role.CURATOR, school)]),
        council=u(username="council", roles=[(Role.COUNCIL, school)]),
        psychologist=u(username="psychologist", roles=[(Role.PSYCHOLOGIST, school)]),
        mentor=u(username="mentor", last_name="Морозова", roles=[(Role.MENTOR, school)]),
        mentee=u(username="mentee", last_name="Васильев", roles=[(Role.MENTEE, school)]),
        two_roles=u(username="two_roles", roles=[(Role.MENTOR, school), (Role.MENTEE, school)]),
        other_curator=u(username="other_curator", roles=[(Role.CURATOR, other_school)]),
        other_director=u(username="other_director", roles=[(Role.DIRECTOR, other_school)]),
        other_teacher=u(
            username="other_teacher",
            last_name=f"{CANARY}а",
            first_name="Дарья",
            roles=[(Role.MENTOR, other_school)],
        ),
        far_curator=u(username="far_curator", roles=[(Role.CURATOR, far_school)]),
        municipal=u(username="municipal", roles=[(Role.MUNICIPAL, municipality)]),
        far_municipal=u(username="far_municipal", roles=[(Role.MUNICIPAL, far_municipality)]),
        regional=u(username="regional", roles=[(Role.REGIONAL, region)]),
        nobody=u(username="nobody"),
        # Extra people of other_school so that it has a whole world of its own.
        other_mentee=u(
            username="other_mentee", last_name=CANARY, first_name="Пётр", roles=[(Role.MENTEE, other_school)]
        ),
        # See ``tests/conftest.py``: a former curator, a mentor of the last year only, another region,
        # a distance mentor of other_school (``build_world`` gives him a pair in school), staff without a group.
        inactive_member=inactive_member,
        past_mentor=u(username="past_mentor", roles=[(Role.MENTOR, school)]),
        alien_curator=u(username="alien_curator", roles=[(Role.CURATOR, alien_school)]),
        alien_regional=u(username="alien_regional", roles=[(Role.REGIONAL, alien_region)]),
        distance_mentor=u(
            username="distance_mentor",
            last_name="Дюма",
            first_name="Виктор",
            roles=[(Role.MENTOR, other_school)],
        ),
        staff_user=u(username="staff_user", is_staff=True),
        # The school's accountant: reads the allowance basis, nothing else about people (issue 16).
        accountant=u(username="accountant", roles=[(Role.ACCOUNTANT, school)]),
    )


def build_objects(
    org,
    year,
    *,
    mentor_user,
    mentee_user,
    curator,
    director,
    mentor_name="Наставникова",
    mentee_name="Молодой",
    names: dict | None = None,
) -> Objects:
    """A pair with a signed order, an approved program with a plan item, an event with a file,
    a proposed change, a questionnaire, a campaign, bank entries and a draft order."""
    names = names or {}
    mentor = f.mentor_entry(
        org,
        year,
        user=mentor_user,
        **_person_names(names, "mentor", last_name=mentor_name, sex="f"),
        max_mentees=2,
    )
    mentee = f.mentee_entry(
        org, year, user=mentee_user, **_person_names(names, "mentee", last_name=mentee_name)
    )
    group = pf.active_group(org, year, mentor, [mentee], curator=curator, director=director)
    program = pf.draft_program(group, mentor_user)
    plan_item = program_services.plan_item_save(
        program=program,
        user=mentor_user,
        plan="deficit",
        data={"direction": "Выявление дефицитов", "deadline": "2026-2027", "events": "Консультации"},
    )
    program = pf.approve(program, curator)
    event = program_services.event_save(
        program=program,
        user=mentor_user,
        data={
            "title": "Посещение урока наставника",
            "form": EventForm.LESSON_VISIT,
            "start": date(2026, 10, 15),
            "end": None,
            "responsible": Responsible.MENTEE,
            "responsible_person": None,
            "responsible_other": "",
            "product": "",
            "expected_result": "Самоанализ урока",
        },
    )
    evidence = program_services.file_attach(
        program=program, user=mentor_user, upload=SimpleUploadedFile("карта.pdf", b"%PDF-1.7 x"), event=event
    )
    activity = program_services.activity_log(
        program=program,
        user=mentor_user,
        date=date(2026, 11, 10),
        minutes=45,
        format="in_person",
        kind="meeting",
        notes="Обсудили цели урока",
    )
    change = program_services.change_propose(
        program=program, user=mentor_user, reason="Нужно больше времени", new_end=date(2027, 8, 31)
    )
    template = mf.small_template(org, curator)
    campaign = monitoring_services.campaign_create(
        organization=org,
        user=curator,
        template=template,
        title="Удовлетворённость",
        audience="mentee",
        point="start",
        days_to_answer=14,
        programs=[program],
    )
    assignment = SurveyAssignment.objects.filter(campaign=campaign).first()
    person = mentor.person
    order = of.make_draft(org, curator, participants=[(person, "наставник")])
    candidate_mentor = bf.mentor(
        org, year, status="candidate", person=_staff_person(org, names, "candidate_mentor")
    )
    candidate_mentee = bf.mentee(
        org, year, status="candidate", person=_staff_person(org, names, "candidate_mentee")
    )
    program_template = ProgramTemplate.objects.create(
        organization=org, title="Программа из банка", months=8, published_by=curator, on_public_page=True
    )
    from apps.banks.petitions import petition_file

    petition = petition_file(
        user=mentee_user,
        person=mentee.person,
        year=year,
        kind="mentee",
        text="Прошу помочь с подготовкой открытого урока.",
        areas=["methodical"],
        category="young",
    )
    return Objects(
        petition=petition,
        account=mentor_user,
        program_template=program_template,
        activity=activity,
        organization=org,
        person=person,
        consent=person.consents.first(),
        order=order,
        participant=order.participants.first(),
        group=group,
        program=program,
        plan_item=plan_item,
        event=event,
        file=evidence,
        change=change,
        template=template,
        question=template.questions.first(),
        campaign=campaign,
        survey_token=assignment.token,
        assignment=assignment,
        mentee_entry=mentee,
        mentor_entry=mentor,
        candidate_mentor=candidate_mentor,
        candidate_mentee=candidate_mentee,
    )


def add_allowance_objects(objects: Objects, *, curator, director) -> None:
    """The curator's draft basis of this month (its pairs started today); an approved basis of the last
    month and a closed one of the month before, written straight to the model (a month without lines
    cannot be approved through the service)."""
    from django.utils import timezone

    from apps.allowances import services as allowance_services
    from apps.allowances.models import AllowanceBasis

    org = objects.organization
    today = timezone.localdate()
    objects.allowance_basis = allowance_services.basis_prepare(
        organization=org, year=today.year, month=today.month, user=curator
    )
    months = [((today.month - k - 1) % 12 + 1, today.year - (today.month - k <= 0)) for k in (1, 2)]
    now = timezone.now()
    common = {"organization": org, "prepared_by": curator, "prepared_at": now}
    approved = {"approved_by": director, "approved_at": now, "approver_name": "Н. В. Директорова"}
    objects.approved_basis = AllowanceBasis.objects.create(
        year=months[0][1], month=months[0][0], status="approved", **common, **approved
    )
    objects.closed_basis = AllowanceBasis.objects.create(
        year=months[1][1],
        month=months[1][0],
        status="closed",
        closed_by=director,
        closed_at=now,
        **common,
        **approved,
    )


def _person_names(names: dict, role: str, **defaults) -> dict:
    """The person fields of ``role`` from ``names`` (``build_cast``), else ``defaults``."""
    if role not in names:
        return defaults
    last, first, patronymic, sex = names[role]
    return {"last_name": last, "first_name": first, "patronymic": patronymic, "sex": sex}


def _staff_person(org, names: dict, role: str):
    """A registry person of ``role`` named from ``names``; None lets the bank factory make one."""
    if role not in names:
        return None
    return bf.StaffPersonFactory(organization=org, **_person_names(names, role))


def add_territory_objects(objects: Objects, *, curator, director, coordinator, year) -> None:
    """A roadmap approved by the director and returned by the coordinator with a remark, a disclosure
    consent of the mentor, an individual route of the mentee with an action, and a news item."""
    from apps.public import services as public_services
    from apps.staff import services as staff_services
    from apps.staff.models import DisclosureConsent
    from apps.territory import services as territory_services
    from apps.territory.models import RouteAction

    org = objects.organization
    roadmap = territory_services.roadmap_start(organization=org, year=year, user=curator)
    territory_services.roadmap_approve(roadmap=roadmap, director=director)
    roadmap = territory_services.roadmap_return(
        roadmap=roadmap, coordinator=coordinator, remarks="Уточните сроки"
    )
    objects.roadmap = roadmap
    objects.roadmap_event = roadmap.events.first()
    objects.remark = roadmap.remarks.first()
    objects.disclosure = staff_services.disclosure_consent_record(
        person=objects.person,
        kind=DisclosureConsent.Kind.PUBLICATION,
        signed_on=date(2026, 9, 5),
        user=curator,
    )
    route = territory_services.route_create(
        organization=org,
        person=objects.mentee_entry.person,
        tutor_name="Тьюторова Анна Ивановна",
        start_year=2026,
        end_year=2030,
        user=curator,
    )
    objects.route = route
    # Straight to the model: the service asks for the first three steps of the algorithm first.
    objects.route_action = RouteAction.objects.create(
        route=route, kind=RouteAction.Kind.COURSE, title="Курсы ДПО", deadline=date(2027, 3, 1)
    )
    objects.news = public_services.news_create(
        organization=org,
        data={
            "kind": "news",
            "title": "Старт программ наставничества",
            "text": "Текст",
            "publish_on": date(2026, 9, 1),
        },
        user=curator,
    )


def add_municipal_objects(objects: Objects, *, coordinator, operator=None, year=None) -> None:
    """The municipality's Regulation approved by a registered order of the authority, and a draft second
    edition (``municipal_regulation``); ``municipal_order`` is the registered order. With ``operator`` and
    ``year``: the municipality's roadmap approved by the coordinator and returned by the regional operator
    with a remark (``municipal_roadmap``, ``municipal_roadmap_event``, ``municipal_remark``)."""
    from apps.territory import municipal_services

    municipality = objects.organization.municipality
    municipality.authority_name = "Департамент образования Администрации города Сургута"
    municipality.authority_head_position = "Директор департамента"
    municipality.authority_head_name = "Томазова Анна Николаевна"
    municipality.save()
    first = municipal_services.municipal_regulation_start(municipality=municipality, user=coordinator)
    order = municipal_services.municipal_order_create(regulation=first, user=coordinator)
    municipal_services.municipal_order_register(order=order, signed_on=date(2026, 9, 15), user=coordinator)
    objects.municipality = municipality
    objects.municipal_order = order
    objects.municipal_regulation = municipal_services.municipal_regulation_start(
        municipality=municipality, user=coordinator
    )
    if operator is not None and year is not None:
        roadmap = municipal_services.municipal_roadmap_start(
            municipality=municipality, year=year, user=coordinator
        )
        municipal_services.municipal_roadmap_approve(roadmap=roadmap, coordinator=coordinator)
        municipal_services.municipal_roadmap_return(
            roadmap=roadmap, operator=operator, remarks="Уточните сроки"
        )
        objects.municipal_roadmap = roadmap
        objects.municipal_roadmap_event = roadmap.events.first()
        objects.municipal_remark = roadmap.remarks.first()


def add_partner_objects(objects: Objects, *, curator) -> None:
    """The school's agreement with a university, with a scan, and ``objects.person`` as its mentor."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from apps.partners import services as partner_services

    agreement = partner_services.agreement_create(
        user=curator,
        organization=objects.organization,
        data={
            "partner_name": "Педагогический университет",
            "partner_kind": "university",
            "partner_inn": "",
            "number": "1",
            "signed_on": date(2026, 9, 1),
            "ends_on": None,
            "subject": "Наставники из числа преподавателей.",
        },
        scan=SimpleUploadedFile("agreement.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
    )
    partner_services.partner_person_add(
        agreement=agreement, person=objects.person, role="mentor", user=curator
    )
    objects.agreement = agreement


def add_document_objects(objects: Objects, *, curator, director) -> None:
    """A draft Regulation and a diploma of the mentor (``objects.person``)."""
    from apps.territory import services as territory_services
    from apps.territory.models import Award

    org = objects.organization
    objects.regulation = territory_services.regulation_start(organization=org, user=curator)
    objects.award = territory_services.award_issue(
        organization=org,
        person=objects.person,
        kind=Award.Kind.DIPLOMA,
        reason="за наставничество",
        on=date(2026, 11, 1),
        user=director,
    )
    # An addressed recommendation of the curator for the pair (monitoring, seed 002 §VI).
    from apps.monitoring import services as monitoring_services

    objects.recommendation = monitoring_services.recommendation_add(
        organization=org,
        year=objects.program.group.year,
        program=objects.program,
        text="Провести встречу куратора с парой.",
        user=curator,
    )


def add_training_objects(objects: Objects, *, curator, psychologist=None) -> None:
    """A training of the mentor (``objects.person``) with its certificate's scan, and a support record of the
    psychologist for the mentee (written directly: the mentee of the world has a pair)."""
    from apps.training import services as training_services
    from apps.training.models import SupportRecord, TrainingRecord
    from apps.training.services import TrainingData

    objects.training_record = training_services.training_record_create(
        organization=objects.organization,
        person=objects.person,
        data=TrainingData(
            kind=TrainingRecord.Kind.COURSE,
            title="Наставничество в школе",
            organiser="Институт развития образования",
            start_date=date(2025, 3, 1),
            end_date=date(2025, 3, 20),
            hours=72,
            document_kind=TrainingRecord.Document.CERTIFICATE,
            document_number="862400012345",
            document_date=date(2025, 3, 20),
        ),
        scan=SimpleUploadedFile("удостоверение.pdf", b"%PDF-1.7 x"),
        user=curator,
    )
    objects.support_record = SupportRecord.objects.create(
        organization=objects.organization,
        person=objects.mentee_entry.person,
        kind=SupportRecord.Kind.CONSULTATION,
        date=date(2026, 10, 1),
        topic="Адаптация",
        hours=1,
        recorded_by=psychologist,
    )


def build_world(names: dict | None = None):
    """The world; ``names`` (role → ``last_name, first_name, patronymic, sex``) names the people of
    ``school`` (users and their registry records; also ``candidate_mentor``, ``candidate_mentee`` and
    ``distance_mentee``)."""
    cast = build_cast(names)
    own = build_objects(
        cast.school,
        cast.year,
        mentor_user=cast.mentor,
        mentee_user=cast.mentee,
        curator=cast.curator,
        director=cast.director,
        names=names,
    )
    other = build_objects(
        cast.other_school,
        cast.year,
        mentor_user=cast.other_teacher,
        mentee_user=cast.other_mentee,
        curator=cast.other_curator,
        director=cast.other_director,
        mentor_name=f"{CANARY}а",
        mentee_name=CANARY,
    )
    # The roadmaps belong to the last academic year: «Дорожная карта» of the current year stays a page that
    # offers to start one (200), instead of redirecting to an existing roadmap.
    last_year = AcademicYearFactory(start_year=cast.year.start_year - 1, is_current=False)
    add_territory_objects(
        own, curator=cast.curator, director=cast.director, coordinator=cast.municipal, year=last_year
    )
    add_territory_objects(
        other,
        curator=cast.other_curator,
        director=cast.other_director,
        coordinator=cast.municipal,
        year=last_year,
    )
    add_document_objects(own, curator=cast.curator, director=cast.director)
    add_municipal_objects(own, coordinator=cast.municipal, operator=cast.regional, year=cast.year)
    add_document_objects(other, curator=cast.other_curator, director=cast.other_director)
    add_risk_objects(own, curator=cast.curator, year=cast.year)
    add_risk_objects(other, curator=cast.other_curator, year=cast.year)
    add_training_objects(own, curator=cast.curator, psychologist=cast.psychologist)
    add_training_objects(other, curator=cast.other_curator)
    add_partner_objects(own, curator=cast.curator)
    add_partner_objects(other, curator=cast.other_curator)
    add_canary_traces(other, mentor_user=cast.other_teacher, mentee_user=cast.other_mentee)
    distance_group = add_extra_cast_objects(cast, last_year=last_year, names=names or {})
    add_workflow_objects(own, cast=cast, distance_group=distance_group)
    add_council_objects(own, council=cast.council, curator=cast.curator)
    add_allowance_objects(own, curator=cast.curator, director=cast.director)
    add_allowance_objects(other, curator=cast.other_curator, director=cast.other_director)
    ics = program_services.calendar_token_for(cast.mentor)
    # Nobody signs in as this user, so its reset link stays valid for every request of the matrix.
    forgetful = UserFactory(username="forgetful")
    reset = {
        "uidb64": urlsafe_base64_encode(force_bytes(forgetful.pk)),
        "token": default_token_generator.make_token(forgetful),
    }
    return SimpleNamespace(
        cast=cast, own=own, other=other, ics_token=ics.token, reset=reset, distance_group=distance_group
    )


def add_risk_objects(objects: Objects, *, curator, year) -> None:
    """An open entry of the organisation's risk register, entered by its curator."""
    from apps.risks import services as risk_services
    from apps.risks.catalogue import RiskKind, measures_text

    objects.risk_entry = risk_services.entry_create(
        organization=objects.organization,
        year=year,
        kind=RiskKind.LOAD,
        description="Два наставника ведут по три наставляемых.",
        measure=measures_text(RiskKind.LOAD),
        owner=curator,
        due_on=date(2027, 5, 31),
        user=curator,
        on=date(2026, 11, 1),
    )


def add_canary_traces(objects: Objects, *, mentor_user, mentee_user) -> None:
    """School B's canary in the free text of its program too: an activity and comments naming her."""
    program = objects.program
    program_services.activity_log(
        program=program,
        user=mentor_user,
        date=date(2026, 11, 10),
        minutes=45,
        format="in_person",
        kind="consultation",
        notes=f"Консультация провела {CANARY}а Дарья",
    )
    program_services.comment_add(program=program, user=mentor_user, text=f"Комментарий {CANARY}ой")
    program_services.comment_add(program=program, user=mentee_user, text=f"Ответ {CANARY}а", private=True)


def add_extra_cast_objects(cast, *, last_year, names=None):
    """The records of ``past_mentor`` (a mentor entry of the last academic year only) and of
    ``distance_mentor``: a mentor of other_school in the regional base with a transfer consent, mentoring a
    pair of ``school`` (README «Distance pairs across schools»). Returns the distance pair."""
    from apps.staff import services as staff_services
    from apps.staff.models import DisclosureConsent

    f.mentor_entry(cast.school, last_year, user=cast.past_mentor, last_name="Прошлогодняя", sex="f")
    names = names or {}
    entry = f.mentor_entry(
        cast.other_school,
        cast.year,
        user=cast.distance_mentor,
        **_person_names(names, "distance_mentor", last_name="Дюма", sex="m"),
    )
    entry.visible_in_region = True
    entry.save(update_fields=["visible_in_region"])
    staff_services.disclosure_consent_record(
        person=entry.person, kind=DisclosureConsent.Kind.TRANSFER, signed_on=date(2026, 9, 5), user=None
    )
    mentee = f.mentee_entry(
        cast.school, cast.year, **_person_names(names, "distance_mentee", last_name="Удалёнкин")
    )
    return pf.active_group(
        cast.school, cast.year, entry, [mentee], curator=cast.curator, director=cast.director
    )


def add_workflow_objects(objects: Objects, *, cast, distance_group) -> None:
    """The signed order of the pair, a draft order sent for signature, and a submitted program (of the
    distance pair), so that acknowledging, signing, returning, agreeing and approving can succeed."""
    from apps.orders import services as order_services

    objects.signed_order = objects.group.assigned_order
    awaiting = of.make_draft(cast.school, cast.curator, participants=[(objects.person, "наставник")])
    objects.awaiting_order = order_services.order_send_for_signature(order=awaiting, user=cast.curator)
    program = pf.draft_program(distance_group, cast.distance_mentor)
    objects.submitted_program = program_services.program_submit(program=program, user=cast.curator)


def add_council_objects(objects: Objects, *, council, curator) -> None:
    """A meeting of the council planned for next week with one question, and one held today (protocol
    № 1) whose accepted decision is about another question."""
    from django.utils import timezone

    from apps.council import services as council_services

    org, today = objects.organization, timezone.localdate()
    planned = council_services.meeting_create(
        organization=org, date=today + timedelta(days=7), chair=council, secretary=council, user=curator
    )
    council_services.item_add(meeting=planned, kind="other", question="О плане работы", user=curator)
    held = council_services.meeting_create(
        organization=org, date=today, chair=council, secretary=council, user=curator
    )
    council_services.attendance_set(meeting=held, members=[council], user=curator)
    item = council_services.item_add(meeting=held, kind="other", question="О графике встреч", user=curator)
    council_services.decision_record(item=item, text="Утвердить график.", votes_for=1, user=curator)
    objects.meeting = planned
    objects.held_meeting = council_services.meeting_hold(meeting=held, user=curator)
