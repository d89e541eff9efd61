"""Demo trainings: the approved mentors of the demo schools trained within three years (a course of the
regional institute with its certificate, «Школа наставника»; one also long ago), except the last of a
school, so that the share is below 100 %; the psychologist's sessions with a mentee still without a pair."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from apps.banks.models import MenteeEntry, MentorEntry

from .models import SupportRecord, TrainingRecord

COURSE = {
    "kind": TrainingRecord.Kind.COURSE,
    "title": "Методологические аспекты наставничества и менторства в педагогической практике",
    "organiser": "АУ «Институт развития образования»",
    "hours": 72,
    "document_kind": TrainingRecord.Document.CERTIFICATE,
}
SCHOOL = {
    "kind": TrainingRecord.Kind.SCHOOL,
    "title": "Школа наставника: планирование персонализированной программы",
    "organiser": "муниципальный методический центр",
    "hours": 16,
    "document_kind": TrainingRecord.Document.DIPLOMA,
}
SEMINAR = {
    "kind": TrainingRecord.Kind.SEMINAR,
    "title": "Наставничество в образовательной организации: нормативная база",
    "organiser": "ЦНППМ",
    "hours": 8,
    "document_kind": "",
}


def _record(entry, spec, *, ended, days, number, user):
    TrainingRecord.objects.create(
        organization=entry.organization,
        person=entry.person,
        start_date=ended - timedelta(days=days),
        end_date=ended,
        document_number=f"8624000{number:05d}" if spec["document_kind"] else "",
        document_date=ended if spec["document_kind"] else None,
        entered_by=user,
        **spec,
    )


@transaction.atomic
def seed(ctx) -> None:
    today = timezone.localdate()
    curator, psychologist = ctx.objects.get("user_curator"), ctx.objects.get("user_psychologist")
    for school in (ctx["school"], ctx.objects.get("school_other")):
        if school is None or TrainingRecord.objects.filter(organization=school).exists():
            continue
        entries = list(
            MentorEntry.objects.filter(
                organization=school, year__is_current=True, status__in=MentorEntry.APPROVED_STATUSES
            )
            .select_related("person", "organization")
            .order_by("person__last_name", "pk")
        )
        for i, entry in enumerate(entries):
            if i == len(entries) - 1 and len(entries) > 2:
                continue  # the last one not trained at all
            ended = today - timedelta(days=60 + 200 * (i % 4))
            _record(entry, COURSE, ended=ended, days=28, number=100 + i, user=curator)
            if i % 2 == 0:
                _record(
                    entry,
                    SCHOOL,
                    ended=today - timedelta(days=20 + 30 * i),
                    days=2,
                    number=200 + i,
                    user=curator,
                )
            if i == 0:  # trained long ago too: that seminar no longer counts
                _record(entry, SEMINAR, ended=today - timedelta(days=4 * 365), days=1, number=i, user=curator)

    school = ctx["school"]
    if psychologist is None or SupportRecord.objects.filter(organization=school).exists():
        return
    waiting = (
        MenteeEntry.objects.filter(
            organization=school, status=MenteeEntry.Status.WAITING, year__is_current=True
        )
        .select_related("person")
        .order_by("pk")
        .first()
    )
    if waiting is None:
        return
    for days, kind, topic, hours in (
        (21, SupportRecord.Kind.CONSULTATION, "Адаптация в коллективе, ожидания от наставничества", "1"),
        (7, SupportRecord.Kind.TRAINING, "Тренинг стрессоустойчивости для начинающих педагогов", "2"),
    ):
        SupportRecord.objects.create(
            organization=school,
            person=waiting.person,
            kind=kind,
            date=today - timedelta(days=days),
            topic=topic,
            hours=Decimal(hours),
            recorded_by=psychologist,
        )
