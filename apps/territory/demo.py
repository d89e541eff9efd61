"""Demo roadmaps of the three schools of «город Сургут» in different states (one agreed, one returned
with remarks, one draft), disclosure consents of the demo mentor, and a mentor of the gymnasium in the
regional base."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from apps.banks.models import Area, MentorEntry, MentorStrength
from apps.staff import services as staff_services
from apps.staff.models import DisclosureConsent

from . import municipal_demo, services
from .models import Roadmap, RoadmapEvent


def _roadmap(organization, year, user):
    roadmap = Roadmap.objects.filter(organization=organization, year=year).first()
    if roadmap is not None:
        return roadmap, False
    return services.roadmap_start(organization=organization, year=year, user=user), True


def _consent(person, kind, user, signed_on):
    if not DisclosureConsent.objects.filter(person=person, kind=kind, withdrawn_on__isnull=True).exists():
        staff_services.disclosure_consent_record(person=person, kind=kind, signed_on=signed_on, user=user)


@transaction.atomic
def seed(ctx) -> None:
    year = ctx["year"]
    today = timezone.localdate()
    municipal = ctx.objects.get("user_municipal")
    curator, director = ctx.objects.get("user_curator"), ctx.objects.get("user_director")
    other_curator, other_director = (
        ctx.objects.get("user_other_curator"),
        ctx.objects.get("user_other_director"),
    )
    if not (municipal and curator and director and other_curator and other_director):
        return

    # МБОУ СОШ № 7: approved by the director, agreed by the municipality, the past events done.
    roadmap, created = _roadmap(ctx["school"], year, curator)
    if created:
        services.roadmap_approve(roadmap=roadmap, director=director)
        services.roadmap_agree(roadmap=roadmap, coordinator=municipal)
        for event in roadmap.events.filter(deadline__lt=today):
            services.event_set_status(
                event=event, status=RoadmapEvent.Status.DONE, user=curator, on=event.deadline
            )

    # МБОУ Гимназия № 2: returned with two remarks, one of them answered.
    roadmap, created = _roadmap(ctx["school_other"], year, other_curator)
    if created:
        services.roadmap_approve(roadmap=roadmap, director=other_director)
        roadmap = services.roadmap_return(
            roadmap=roadmap,
            coordinator=municipal,
            remarks="Этап 4: добавьте обучение наставников на курсах ЦНППМ с конкретной датой.\n"
            "Этап 7: укажите адрес страницы «Наставничество» на сайте гимназии.",
        )
        first = roadmap.remarks.order_by("pk").first()
        services.remark_answer(
            remark=first,
            answer="Добавлено мероприятие «Курсы ЦНППМ для наставников» (ноябрь).",
            user=other_curator,
        )

    # МАУ ДО «Центр детского творчества»: a draft (no curator yet, the municipality started it).
    _roadmap(ctx["school_third"], year, None)

    # The demo mentor (Морозова Т. С.) agreed to publication and to transfer beyond the school.
    mentor_user = ctx.objects.get("user_mentor")
    person = ctx.objects.get("person_mentor")
    if person is None and mentor_user is not None:
        person = mentor_user.people.filter(organization=ctx["school"]).first()
    if person is not None:
        signed = min(year.starts_on + timedelta(days=4), today)
        _consent(person, DisclosureConsent.Kind.PUBLICATION, curator, signed)
        _consent(person, DisclosureConsent.Kind.TRANSFER, curator, signed)
        MentorEntry.objects.filter(person=person, year=year).update(visible_in_region=True)

    # A mentor of the gymnasium visible in the region: a distance mentor for МБОУ СОШ № 7.
    gymn_person = next((p for p in ctx.objects.get("people_other", []) if p.last_name == "Дюма"), None)
    if gymn_person is not None:
        entry, created = MentorEntry.objects.get_or_create(
            organization=ctx["school_other"],
            year=year,
            person=gymn_person,
            defaults={
                "status": MentorEntry.Status.APPROVED,
                "consent_signed_on": min(year.starts_on, today),
                "max_mentees": 2,
                "visible_in_region": True,
                "mentoring_experience": (
                    "Руководит методическим объединением учителей истории; 4 года наставничества."
                ),
                "approved_by": other_director,
                "approved_at": timezone.now(),
            },
        )
        if created:
            MentorStrength.objects.create(entry=entry, area=Area.METHODICAL, comment="Проблемное обучение")
            MentorStrength.objects.create(
                entry=entry, area=Area.ICT, comment="Цифровые образовательные ресурсы"
            )
        _consent(gymn_person, DisclosureConsent.Kind.TRANSFER, other_curator, min(year.starts_on, today))
        _seed_distance_pair(ctx, entry)

    _seed_route(ctx)
    _seed_route_tutor(ctx)
    _seed_regulation_in_force(ctx)
    _seed_documents(ctx, person)
    municipal_demo.seed(ctx)


def _seed_distance_pair(ctx, mentor: MentorEntry) -> None:
    """A distance pair across two schools (issue 9 §3): the young history teacher Лаптева Д. О. of
    МБОУ СОШ № 7 with the gymnasium's mentor Дюма В. П., fixed by a signed order of СОШ № 7; the
    mentor signs in as «distance» and sees the pair, its order and its program."""
    from apps.accounts.models import Membership, Role, User
    from apps.core.demo import DEMO_PASSWORD
    from apps.orders.services import order_send_for_signature, order_sign
    from apps.pairs import demo as pairs_demo
    from apps.pairs import services as pair_services
    from apps.pairs.models import Direction, Form, MentoringGroup, MentoringType

    school, year = ctx["school"], ctx["year"]
    curator, director = ctx.objects.get("user_curator"), ctx.objects.get("user_director")
    user, created = User.objects.get_or_create(
        username="distance",
        defaults={
            "last_name": mentor.person.last_name,
            "first_name": mentor.person.first_name,
            "patronymic": mentor.person.patronymic,
            "email": "distance@example.ru",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, role=Role.MENTOR, organization=mentor.organization)
    if mentor.person.user_id is None:
        mentor.person.user = user
        mentor.person.save(update_fields=["user"])
    if MentoringGroup.objects.filter(organization=school, year=year, mentor=mentor).exists():
        return
    mentee = pairs_demo._mentee(
        ctx,
        school,
        year,
        ("Лаптева", "Дарья", "Олеговна", "f", "Учитель", 1, None, [(Area.METHODICAL, 3), (Area.ICT, 2)]),
    )
    group = pair_services.group_create(
        organization=school,
        year=year,
        mentor=mentor,
        mentees=[mentee],
        form=Form.TEACHER_TEACHER,
        types=[MentoringType.VIRTUAL, MentoringType.GOAL],
        direction=Direction.METHODS,
        planned_start=year.starts_on.replace(month=10, day=15),
        planned_end=year.ends_on.replace(month=5, day=31),
        goal="Освоить проблемное обучение на уроках истории: разработать и провести два урока-исследования.",
        created_by=curator,
    )
    pairs_demo._consent_all(group)
    order = pair_services.groups_submit_to_order(groups=[group], user=curator)
    order_send_for_signature(order=order, user=curator)
    order_sign(order=order, director=director)
    _seed_distance_program(group, user)


def _seed_distance_program(group, mentor_user) -> None:
    """The distance mentor drafts the pair's program with an online consultation and logs a meeting."""
    from apps.programs import services as program_services
    from apps.programs.models import ActivityFormat, ActivityKind, EventForm, Responsible

    group.refresh_from_db()
    start = group.started_on
    program = program_services.program_create(
        group=group,
        user=mentor_user,
        title="Персонализированная программа наставничества: проблемное обучение на уроках истории",
        start=start,
        end=group.planned_end,
    )
    program_services.event_save(
        program=program,
        user=mentor_user,
        data={
            "title": "Онлайн-консультация: конструирование проблемной ситуации на уроке истории",
            "form": EventForm.CONSULTATION,
            "start": start + timedelta(days=7),
            "responsible": Responsible.MENTOR,
        },
    )
    program_services.activity_log(
        program=program,
        user=mentor_user,
        date=start,
        minutes=40,
        format=ActivityFormat.ONLINE,
        kind=ActivityKind.MEETING,
        notes="Знакомство по видеосвязи, обсудили запрос наставляемой и план на первую четверть.",
    )


def _seed_regulation_in_force(ctx) -> None:
    """МБОУ СОШ № 7: the first edition of the Regulation, considered by the pedagogical council and
    approved by the director's signed order: the edition in force, linked from the public page
    «Наставничество» (seed 001 §8.1). The draft of a new edition follows (``_seed_documents``)."""
    from datetime import date

    from apps.orders.services import order_send_for_signature, order_sign

    from .models import Regulation

    curator, director = ctx.objects.get("user_curator"), ctx.objects.get("user_director")
    school = ctx["school"]
    if curator is None or director is None or Regulation.objects.filter(organization=school).exists():
        return
    regulation = services.regulation_start(organization=school, user=curator)
    services.regulation_council_protocol_set(
        regulation=regulation, number="1", on=date(ctx["year"].start_year, 8, 29), user=curator
    )
    order = services.regulation_order_create(regulation=regulation, user=curator)
    order_send_for_signature(order=order, user=curator)
    order_sign(order=order, director=director)


def _seed_documents(ctx, mentor_person) -> None:
    """МБОУ СОШ № 7: a draft of the new edition of the Regulation with one edited section, and a
    letter of thanks and a diploma of the demo mentor."""
    from datetime import date

    from .models import Award, Regulation

    curator, director = ctx.objects.get("user_curator"), ctx.objects.get("user_director")
    school = ctx["school"]
    if not Regulation.objects.filter(organization=school, status=Regulation.Status.DRAFT).exists():
        regulation = services.regulation_start(organization=school, user=curator)
        sections = regulation.versions.get(number=1).sections
        number = next(i for i, s in enumerate(sections, 1) if s.get("key") == "incentives")
        text = sections[number - 1]["text"]
        services.regulation_section_save(
            regulation=regulation,
            number=number,
            title=sections[number - 1]["title"],
            text=f"{text}\nЛучшие наставники года представляются к участию в муниципальном конкурсе "
            "«Наставник года».",
            user=curator,
        )
    if mentor_person is None or Award.objects.filter(person=mentor_person).exists():
        return
    today = timezone.localdate()
    for kind, reason, on in (
        (
            Award.Kind.LETTER,
            "за профессионализм и чуткое сопровождение молодого учителя в первый год работы",
            date(ctx["year"].start_year, 10, 5),
        ),
        (
            Award.Kind.DIPLOMA,
            "за высокие результаты наставнической деятельности и вклад в адаптацию молодых педагогов",
            today,
        ),
    ):
        services.award_issue(
            organization=school,
            person=mentor_person,
            kind=kind,
            reason=reason,
            on=min(on, today),
            user=director,
        )


def _seed_route_tutor(ctx) -> None:
    """The ЦНППМ tutor of the demo route as an account (login «tutor»): no role in any school, she sees the
    route she tutors and nothing else."""
    from django.contrib.auth import get_user_model

    from .models import Route

    curator = ctx.objects.get("user_curator")
    route = Route.objects.filter(
        organization=ctx["school"], tutor__isnull=True, tutor_name__startswith="Гончаренко"
    ).first()
    if route is None or curator is None:
        return
    User = get_user_model()
    tutor = User.objects.filter(username="tutor").first()
    if tutor is None:
        tutor = User.objects.create_user(
            username="tutor",
            password="demo2026",
            email="tutor@cnppm.example.ru",
            last_name="Гончаренко",
            first_name="Алла",
            patronymic="Викторовна",
        )
    services.route_tutor_set(route=route, tutor_login="tutor", user=curator)


def _seed_route(ctx) -> None:
    """The young teacher Васильев А. Д. on a five-year route with a ЦНППМ tutor, up to the roadmap."""
    from .models import Route, RouteAction, RouteStep

    mentee_user, curator = ctx.objects.get("user_mentee"), ctx.objects.get("user_curator")
    year = ctx["year"]
    person = mentee_user.people.filter(organization=ctx["school"]).first() if mentee_user else None
    if person is None or Route.objects.filter(person=person).exists():
        return
    route = services.route_create(
        organization=ctx["school"],
        person=person,
        tutor_name="Гончаренко Алла Викторовна, тьютор ЦНППМ ХМАО — Югры",
        start_year=year.start_year,
        end_year=year.start_year + 5,
        user=curator,
    )
    for step, text in [
        (
            RouteStep.SELF_DETERMINATION,
            "Хочу стать учителем, на уроках которого дети сами ставят вопросы и ищут ответы; "
            "через пять лет — первая категория и своя методическая разработка.",
        ),
        (
            RouteStep.ACHIEVEMENTS,
            "Уверенно владею ИКТ, легко нахожу контакт с детьми, веду кружок робототехники.",
        ),
        (
            RouteStep.DEFICITS,
            "Методическая: постановка целей урока; психолого-педагогическая: работа с родителями.",
        ),
    ]:
        services.route_note_add(route=route, step=step, text=text, user=mentee_user)
    services.route_action_add(
        route=route,
        kind=RouteAction.Kind.COURSE,
        title="Курсы ДПО «Современный урок: целеполагание и рефлексия» (36 ч)",
        deadline=year.starts_on.replace(month=12, day=20),
        user=curator,
    )
    services.route_action_add(
        route=route,
        kind=RouteAction.Kind.PROJECT,
        title="Проект «Родительский клуб 5-х классов»",
        deadline=year.starts_on.replace(year=year.start_year + 1, month=4, day=30),
        user=curator,
    )
