"""Demo of the council of mentors of МБОУ СОШ № 7: three members, a held meeting (protocol № 1) with
decisions on a program, on a conflict in a pair and on a nomination (the director has issued the diploma),
and a planned meeting whose questions wait for the council."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import Membership, Role, User
from apps.core.demo import DEMO_PASSWORD
from apps.core.russian import short_name_in
from apps.pairs.models import MentoringGroup
from apps.programs.models import Program

from . import services
from .models import Meeting

# username, surname, name, patronymic: council members besides the demo «council» user.
MEMBERS = [
    ("council2", "Беляева", "Светлана", "Игоревна"),
    ("council3", "Никитин", "Андрей", "Павлович"),
]


def _member(ctx, username, last, first, patronymic):
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "last_name": last,
            "first_name": first,
            "patronymic": patronymic,
            "email": f"{username}@example.ru",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    Membership.objects.update_or_create(
        user=user, role=Role.COUNCIL, organization=ctx["school"], defaults={"is_active": True}
    )
    return user


@transaction.atomic
def seed(ctx) -> None:
    school, year = ctx["school"], ctx["year"]
    curator, director = ctx.objects.get("user_curator"), ctx.objects.get("user_director")
    council = ctx.objects.get("user_council")
    if not (curator and director and council) or Meeting.objects.filter(organization=school).exists():
        return
    members = [council, *(_member(ctx, *row) for row in MEMBERS)]
    chair, secretary = council, members[1]
    today = timezone.localdate()
    held_on = max(today - timedelta(days=14), year.starts_on)

    groups = list(
        MentoringGroup.objects.filter(
            organization=school, status=MentoringGroup.Status.ACTIVE, mentor__person__organization=school
        )
        .select_related("mentor__person")
        .order_by("pk")
    )
    mentor_user = ctx.objects.get("user_mentor")
    main = next((g for g in groups if g.mentor.person.user_id == getattr(mentor_user, "pk", None)), None)
    program = Program.objects.filter(group=main, status=Program.Status.APPROVED).first() if main else None
    others = [g for g in groups if g != main]
    conflict_group = others[0] if others else main

    # The held meeting: attendance, three questions, the minutes closed with № 1.
    meeting = services.meeting_create(
        organization=school,
        date=held_on,
        place="методический кабинет (каб. 214)",
        chair=chair,
        secretary=secretary,
        user=curator,
    )
    services.attendance_set(
        meeting=meeting,
        members=members,
        invited=[(curator.get_full_name(), "заместитель директора по учебно-воспитательной работе, куратор")],
        user=curator,
    )
    decided = []
    if program is not None:
        mentor = program.group.mentor.person
        item = services.item_add(
            meeting=meeting,
            kind="program",
            question=f"О корректировке персонализированной программы наставничества «{program.title}»",
            speaker=curator,
            program=program,
            user=curator,
        )
        decided.append(
            (
                item,
                "о ходе реализации программы: план первой четверти выполнен, открытый урок наставляемого "
                "перенесён из-за болезни.",
                f"{short_name_in(mentor)} предложила перенести открытый урок на апрель и добавить участие "
                "в муниципальном конкурсе методических разработок.",
                "Рекомендовать наставнику и наставляемому внести изменения в план мероприятий программы "
                "по взаимному согласию: открытый урок — в апреле, участие в конкурсе методических "
                "разработок — в марте.",
                (3, 0, 0),
            )
        )
    if conflict_group is not None:
        item = services.item_add(
            meeting=meeting,
            kind="conflict",
            question="О разногласиях в паре (группе) наставника "
            + short_name_in(conflict_group.mentor.person, "genitive"),
            speaker=chair,
            group=conflict_group,
            user=curator,
        )
        decided.append(
            (
                item,
                "о заявлении наставляемого: встречи переносятся, рекомендации наставника не обсуждаются.",
                "Педагог-психолог предложила провести совместную беседу и закрепить график встреч.",
                "Сохранить пару. Закрепить график встреч: вторник, 15:00. Через месяц заслушать наставника "
                "и наставляемого о результатах; педагогу-психологу провести беседу с участниками.",
                (2, 0, 1),
            )
        )
    nominee = ctx.objects.get("person_mentor")
    nomination = None
    if nominee is not None:
        nomination = services.item_add(
            meeting=meeting,
            kind="nomination",
            question="О выдвижении наставника на поощрение",
            speaker=secretary,
            person=nominee,
            nomination="грамота за наставничество",
            user=curator,
        )
        decided.append(
            (
                nomination,
                f"о результатах работы {short_name_in(nominee, 'genitive')}: два молодых педагога прошли "
                "адаптацию, открытый урок наставляемого получил высокую оценку.",
                "",
                f"Ходатайствовать перед директором о награждении {short_name_in(nominee, 'genitive')} "
                "грамотой за наставничество.",
                (3, 0, 0),
            )
        )
    for item, heard, discussion, text, (votes_for, against, abstained) in decided:
        services.decision_record(
            item=item,
            heard=heard,
            discussion=discussion,
            text=text,
            votes_for=votes_for,
            votes_against=against,
            votes_abstained=abstained,
            user=secretary,
        )
    if decided:
        meeting = services.meeting_hold(meeting=meeting, user=secretary)
    if nomination is not None and meeting.is_held:
        services.decision_apply(
            decision=nomination.decision,
            user=director,
            kind="diploma",
            reason="за успешную адаптацию молодых педагогов и высокие результаты наставничества",
            on=min(held_on + timedelta(days=3), today),
        )

    # The planned meeting: its questions are the council members' open questions on the dashboard.
    planned = services.meeting_create(
        organization=school,
        date=today + timedelta(days=10),
        place="методический кабинет (каб. 214)",
        chair=chair,
        secretary=secretary,
        user=council,
    )
    services.item_add(
        meeting=planned,
        kind="other",
        question="Об итогах анкетирования удовлетворённости наставляемых за первое полугодие",
        speaker=curator,
        user=council,
    )
    if conflict_group is not None:
        services.item_add(
            meeting=planned,
            kind="conflict",
            question="О выполнении решения совета по паре: результаты повторной беседы",
            speaker=chair,
            group=conflict_group,
            user=council,
        )
