"""The council of mentors at work (seed 000 §4.1.4, seed 001 §3.5): its meetings with an agenda, the
attendance, a decision per question, and the minutes numbered per academic year."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from apps.core.models import TimeStampedModel
from apps.core.workflow import WorkflowMixin
from apps.organizations.models import AcademicYear, Organization
from apps.pairs.models import MentoringGroup
from apps.programs.models import Program
from apps.staff.models import Person


class Meeting(WorkflowMixin, TimeStampedModel):
    """A meeting (заседание) of the school's council of mentors. It gets its number when the minutes are
    closed (held): held meetings are never deleted, so the numbers of a year have no gaps."""

    class Status(models.TextChoices):
        PLANNED = "planned", "запланировано"
        HELD = "held", "проведено"

    TRANSITIONS = {
        Status.PLANNED: {Status.HELD},
        Status.HELD: set(),
    }

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="council_meetings", verbose_name="организация"
    )
    year = models.ForeignKey(
        AcademicYear, on_delete=models.PROTECT, related_name="+", verbose_name="учебный год"
    )
    number = models.PositiveIntegerField("номер протокола", null=True, blank=True)
    date = models.DateField("дата заседания")
    place = models.CharField("место проведения", max_length=200, blank=True)
    status = models.CharField("статус", max_length=10, choices=Status.choices, default=Status.PLANNED)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="председатель",
    )
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="секретарь",
    )
    held_at = models.DateTimeField("протокол закрыт", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "заседание совета наставников"
        verbose_name_plural = "заседания совета наставников"
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "number"], name="council_meeting_unique_number_in_year"
            ),
            models.CheckConstraint(
                condition=Q(status="planned", number__isnull=True)
                | Q(status="held", number__isnull=False, number__gte=1),
                name="council_meeting_number_only_when_held",
            ),
        ]

    def __str__(self) -> str:
        if self.number:
            return f"Заседание совета наставников № {self.number} от {self.date:%d.%m.%Y}"
        return f"Заседание совета наставников {self.date:%d.%m.%Y}"

    @property
    def is_held(self) -> bool:
        return self.status == self.Status.HELD


class MeetingCounter(models.Model):
    """The last protocol number given in an academic year: a row locked while a meeting is closed."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="+")
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "счётчик номеров протоколов совета"
        verbose_name_plural = "счётчики номеров протоколов совета"
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="council_meeting_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year_id}: {self.last_number}"


class Attendee(models.Model):
    """Who was present: a council member of the school (``user``) or an invited person (name and position)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="член совета",
    )
    name = models.CharField("фамилия, имя, отчество приглашённого", max_length=200, blank=True)
    position = models.CharField("должность приглашённого", max_length=200, blank=True)

    class Meta:
        verbose_name = "присутствующий"
        verbose_name_plural = "присутствующие"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"], condition=Q(user__isnull=False), name="council_attendee_once"
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False, name="") | Q(user__isnull=True) & ~Q(name=""),
                name="council_attendee_member_or_invited",
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(self.user_id)

    @property
    def is_member(self) -> bool:
        return self.user_id is not None


class AgendaItem(models.Model):
    """A question of the agenda (повестка дня), linked to what it is about."""

    class Kind(models.TextChoices):
        PROGRAM = "program", "рассмотрение программы наставничества (утверждение, корректировка)"
        BANK = "bank", "включение программы в банк программ"
        CONFLICT = "conflict", "конфликт наставника и наставляемого"
        NOMINATION = "nomination", "выдвижение на поощрение или конкурс"
        OTHER = "other", "другой вопрос"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField("номер вопроса")
    kind = models.CharField("вид вопроса", max_length=20, choices=Kind.choices, default=Kind.OTHER)
    question = models.CharField("вопрос", max_length=500)
    speaker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="докладчик",
    )
    speaker_name = models.CharField("докладчик (приглашённый)", max_length=200, blank=True)
    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="программа"
    )
    group = models.ForeignKey(
        MentoringGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="пара (группа)",
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="педагог"
    )
    nomination = models.CharField("награда или конкурс", max_length=300, blank=True)
    heard = models.TextField("СЛУШАЛИ: содержание доклада", max_length=4000, blank=True)
    discussion = models.TextField("ВЫСТУПИЛИ", max_length=4000, blank=True)

    class Meta:
        verbose_name = "вопрос повестки"
        verbose_name_plural = "повестка дня"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="council_item_unique_position"),
            models.CheckConstraint(
                condition=(
                    Q(
                        kind__in=["program", "bank"],
                        program__isnull=False,
                        group__isnull=True,
                        person__isnull=True,
                    )
                    | Q(kind="conflict", program__isnull=True, group__isnull=False, person__isnull=True)
                    | Q(kind="nomination", program__isnull=True, group__isnull=True, person__isnull=False)
                    | Q(kind="other", program__isnull=True, group__isnull=True, person__isnull=True)
                ),
                name="council_item_object_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.question}"


class Decision(TimeStampedModel):
    """РЕШИЛИ: the council's decision on one question, with the vote of the members present."""

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", "решение принято"
        REJECTED = "rejected", "решение не принято"

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="decision")
    text = models.TextField("РЕШИЛИ", max_length=4000)
    votes_for = models.PositiveSmallIntegerField("за", default=0)
    votes_against = models.PositiveSmallIntegerField("против", default=0)
    votes_abstained = models.PositiveSmallIntegerField("воздержались", default=0)
    outcome = models.CharField("итог", max_length=10, choices=Outcome.choices)
    # What the decision led to, through the services of the app it is about.
    applied_at = models.DateTimeField("исполнено", null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    award = models.ForeignKey(
        "territory.Award", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "решение совета наставников"
        verbose_name_plural = "решения совета наставников"

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def accepted(self) -> bool:
        return self.outcome == self.Outcome.ACCEPTED
