"""The organisation's implementation roadmap (дорожная карта внедрения), its agreement by the
municipal coordinator, the editable Regulation on the mentoring system and the awards (letters of
thanks, diplomas) of mentors. The separate consents to disclose a person's data beyond the school are
the staff registry's (``apps.staff.models.DisclosureConsent``)."""

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q

from apps.core.models import TimeStampedModel
from apps.core.workflow import WorkflowMixin
from apps.organizations.models import AcademicYear, Municipality, Organization
from apps.staff.models import Person


class Stage(models.IntegerChoices):
    """The stored stages of an event (seed 001, annex; seed 002 §IV). The printed seven stages are the
    region's template (``apps.territory.stages``): seed 001 prints 5 and 8 as one stage, seed 002 prints
    7 as the information support of every stage. The numbers never change."""

    CONDITIONS = 1, "Подготовка условий реализации системы наставничества"
    MENTEE_BANK = 2, "Формирование банка наставляемых"
    MENTOR_BANK = 3, "Формирование банка наставников"
    SELECTION = 4, "Отбор и обучение наставников"
    PAIRS = 5, "Организация и осуществление работы наставнических пар (групп)"
    FINISH = 6, "Завершение персонализированных программ наставничества"
    INFORMATION = 7, "Информационная поддержка системы наставничества"
    PAIRS_WORK = 8, "Организация работы наставнических пар или групп"


class Roadmap(WorkflowMixin, TimeStampedModel):
    """Дорожная карта (план мероприятий) по реализации Положения о системе наставничества: one per
    organisation and academic year, approved by the director and agreed by the municipal coordinator;
    or the municipality's own roadmap (``municipality`` set, no organisation), approved by the municipal
    coordinator and agreed by the regional operator. Exactly one of the two holders is set."""

    class Status(models.TextChoices):
        DRAFT = "draft", "проект"
        APPROVED = "approved", "утверждена руководителем, на согласовании"
        RETURNED = "returned", "возвращена с замечаниями"
        AGREED = "agreed", "согласована муниципальным координатором"

    TRANSITIONS = {
        Status.DRAFT: {Status.APPROVED},
        Status.APPROVED: {Status.AGREED, Status.RETURNED},
        Status.RETURNED: {Status.APPROVED},
        Status.AGREED: set(),
    }
    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roadmaps",
        verbose_name="организация",
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roadmaps",
        verbose_name="муниципалитет",
    )
    year = models.ForeignKey(
        AcademicYear, on_delete=models.PROTECT, related_name="roadmaps", verbose_name="учебный год"
    )
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.DRAFT)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField("утверждена", null=True, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    agreed_at = models.DateTimeField("согласована", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "дорожная карта внедрения"
        verbose_name_plural = "дорожные карты внедрения"
        ordering = ["-year__start_year", "organization__short_name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="roadmap_one_per_org_and_year"),
            models.UniqueConstraint(
                fields=["municipality", "year"], name="roadmap_one_per_municipality_and_year"
            ),
            models.CheckConstraint(
                condition=Q(organization__isnull=False, municipality__isnull=True)
                | Q(organization__isnull=True, municipality__isnull=False),
                name="roadmap_of_organization_or_municipality",
            ),
        ]

    def __str__(self) -> str:
        return f"Дорожная карта {self.organization or self.municipality} на {self.year.label}"

    @property
    def is_municipal(self) -> bool:
        return self.municipality_id is not None

    MUNICIPAL_STATUS_LABELS = {
        Status.DRAFT: "проект",
        Status.APPROVED: "утверждена координатором, на согласовании",
        Status.RETURNED: "возвращена с замечаниями",
        Status.AGREED: "согласована региональным оператором",
    }

    @property
    def status_label(self) -> str:
        if self.is_municipal:
            return self.MUNICIPAL_STATUS_LABELS[self.status]
        return self.get_status_display()

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES


class RoadmapEvent(TimeStampedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", "запланировано"
        DONE = "done", "выполнено"
        CANCELLED = "cancelled", "отменено"

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="events")
    stage = models.PositiveSmallIntegerField("этап", choices=Stage.choices)
    position = models.PositiveSmallIntegerField("порядок", default=0)
    title = models.CharField("мероприятие", max_length=500)
    deadline = models.DateField("срок")
    responsible = models.CharField("ответственный", max_length=300)
    expected_result = models.TextField("ожидаемый результат", blank=True, max_length=2000)
    document = models.CharField("документ (подтверждение)", max_length=300, blank=True)
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.PLANNED)
    done_on = models.DateField("выполнено", null=True, blank=True)

    class Meta:
        verbose_name = "мероприятие дорожной карты"
        verbose_name_plural = "мероприятия дорожной карты"
        ordering = ["stage", "deadline", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class RoadmapRemark(TimeStampedModel):
    """A remark of the municipal coordinator on return, and the organisation's answer to it."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="remarks")
    text = models.TextField("замечание", max_length=4000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answer = models.TextField("ответ на замечание", blank=True, max_length=4000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField("дата ответа", null=True, blank=True)

    class Meta:
        verbose_name = "замечание к дорожной карте"
        verbose_name_plural = "замечания к дорожным картам"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class RoadmapHistory(models.Model):
    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, choices=Roadmap.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Roadmap.Status.choices)
    action = models.CharField("действие", max_length=200)
    comment = models.TextField("комментарий", blank=True, max_length=2000)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField("когда", auto_now_add=True)

    class Meta:
        verbose_name = "запись истории дорожной карты"
        verbose_name_plural = "история дорожных карт"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return self.action


class RouteStep(models.IntegerChoices):
    """The seven positions of the ИОМ algorithm (seed 002 §4.3.3; seed 000)."""

    SELF_DETERMINATION = 1, "Самоопределение (саморефлексия) педагога"
    ACHIEVEMENTS = 2, "Диагностика достижений и личностных ресурсов"
    DEFICITS = 3, "Диагностика профессиональных затруднений и дефицитов"
    ROADMAP = 4, "Дорожная карта ИОМ"
    REALISATION = 5, "Реализация дорожной карты (педагогические продукты)"
    CORRECTION = 6, "Корректировка дорожной карты"
    REFLECTION = 7, "Рефлексивный анализ эффективности ИОМ"


class Route(TimeStampedModel):
    """Индивидуальный образовательный маршрут: a 4–5-year route of a teacher with a tutor."""

    MIN_YEARS, MAX_YEARS = 4, 5

    class Status(models.TextChoices):
        ACTIVE = "active", "реализуется"
        FINISHED = "finished", "завершён"

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="routes", verbose_name="организация"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="routes", verbose_name="педагог"
    )
    tutor_name = models.CharField(
        "тьютор", max_length=300, help_text="Тьютор ЦНППМ или методист, сопровождающий маршрут"
    )
    # The tutor's account (ЦНППМ, ГМК: outside the school): sees and writes the routes they tutor and
    # nothing else of the school (rules.is_route_tutor). ``tutor_name`` stays the name shown, and the only
    # one for the routes entered before tutors had accounts.
    tutor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tutored_routes",
        verbose_name="учётная запись тьютора",
    )
    start_year = models.PositiveSmallIntegerField("год начала")
    end_year = models.PositiveSmallIntegerField("год окончания")
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.ACTIVE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "индивидуальный образовательный маршрут"
        verbose_name_plural = "индивидуальные образовательные маршруты"
        ordering = ["person__last_name", "person__first_name", "-start_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    end_year__gte=models.F("start_year") + 4, end_year__lte=models.F("start_year") + 5
                ),
                name="route_lasts_four_to_five_years",
            ),
            models.UniqueConstraint(
                fields=["person"], condition=Q(status="active"), name="route_one_active_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"ИОМ {self.person} {self.start_year}–{self.end_year}"


class RouteNote(TimeStampedModel):
    """A text of one step: self-determination, diagnostics, a correction, the reflective analysis."""

    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="notes")
    step = models.PositiveSmallIntegerField("шаг", choices=RouteStep.choices)
    text = models.TextField("содержание", max_length=4000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "запись ИОМ"
        verbose_name_plural = "записи ИОМ"
        ordering = ["step", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class RouteAction(TimeStampedModel):
    """A measure of the route's roadmap (step 4) and, once done, its pedagogical product (step 5)."""

    class Kind(models.TextChoices):
        COURSE = "course", "обучение по программе ДПО"
        TRIAL = "trial", "пробно-поисковые действия с обучающимися"
        PROJECT = "project", "инновационная программа, проект, исследование"
        OTHER = "other", "иное мероприятие"

    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField("вид", max_length=20, choices=Kind.choices)
    title = models.CharField("мероприятие", max_length=500)
    deadline = models.DateField("срок")
    product = models.CharField("педагогический продукт", max_length=500, blank=True)
    attitude = models.TextField("отношение педагога к результату", blank=True, max_length=2000)
    done_on = models.DateField("выполнено", null=True, blank=True)

    class Meta:
        verbose_name = "мероприятие ИОМ"
        verbose_name_plural = "мероприятия ИОМ"
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.title


# The Regulation on the mentoring system (Положение) ----------------------------------------------


class Regulation(TimeStampedModel):
    """An edition of the organisation's Regulation: a draft edited section by section (each save is a
    new version), approved by the director's order «Об утверждении Положения…»; once that order is
    signed the edition is frozen (a trigger refuses any change) and a new edition starts as a draft."""

    class Status(models.TextChoices):
        DRAFT = "draft", "проект"
        APPROVED = "approved", "утверждено"

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="regulations", verbose_name="организация"
    )
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.DRAFT)
    order = models.ForeignKey(
        "orders.Order",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="regulations",
        verbose_name="приказ об утверждении",
    )
    approved_version = models.PositiveIntegerField("утверждённая версия", null=True, blank=True)
    # «РАССМОТРЕНО на заседании педагогического совета, протокол от … № …» at the top of the printed text.
    council_protocol_number = models.CharField(
        "номер протокола педагогического совета", max_length=20, blank=True
    )
    council_protocol_date = models.DateField("дата протокола педагогического совета", null=True, blank=True)
    approved_at = models.DateTimeField("утверждено", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "Положение о системе наставничества"
        verbose_name_plural = "Положения о системе наставничества"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization"], condition=Q(status="draft"), name="regulation_one_draft_per_org"
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | Q(order__isnull=False, approved_version__isnull=False, approved_at__isnull=False),
                name="regulation_approved_has_order_and_version",
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="protect_approved_regulation",
                operation=pgtrigger.Update | pgtrigger.Delete,
                condition=pgtrigger.Q(old__status="approved"),
            ),
        ]

    def __str__(self) -> str:
        return f"Положение о системе наставничества {self.organization} ({self.get_status_display()})"

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class RegulationVersion(models.Model):
    """One saved state of the whole text: sections as [{"title": …, "text": …}], plain text with
    paragraphs separated by line breaks. Versions are never changed or deleted (a trigger refuses);
    none may be added once the Regulation is approved."""

    regulation = models.ForeignKey(Regulation, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("номер версии")
    sections = models.JSONField("разделы")
    note = models.CharField("что изменилось", max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("когда", auto_now_add=True)

    class Meta:
        verbose_name = "версия текста Положения"
        verbose_name_plural = "версии текста Положения"
        ordering = ["regulation", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["regulation", "number"], name="regulation_version_unique_number")
        ]
        triggers = [
            pgtrigger.Protect(
                name="protect_regulation_versions", operation=pgtrigger.Update | pgtrigger.Delete
            ),
            pgtrigger.Trigger(
                name="no_version_of_approved_regulation",
                when=pgtrigger.Before,
                operation=pgtrigger.Insert,
                func=(
                    "IF EXISTS (SELECT 1 FROM territory_regulation r WHERE r.id = NEW.regulation_id "
                    "AND r.status = 'approved') THEN "
                    "RAISE EXCEPTION 'pgtrigger: the regulation is approved and cannot be changed' "
                    "USING ERRCODE = 'integrity_constraint_violation'; END IF; RETURN NEW;"
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"Версия {self.number}"


# Non-material incentives: letters of thanks and diplomas -------------------------------------------


class Award(TimeStampedModel):
    """A letter of thanks or a diploma (грамота) awarded to a mentor by the director (seed 000 §3.4,
    seed 002 §3.4), numbered in the organisation's register per calendar year."""

    class Kind(models.TextChoices):
        LETTER = "letter", "благодарственное письмо"
        DIPLOMA = "diploma", "грамота"

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="awards", verbose_name="организация"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="awards", verbose_name="педагог"
    )
    kind = models.CharField("вид поощрения", max_length=20, choices=Kind.choices)
    reason = models.TextField("за что", max_length=1000)
    date = models.DateField("дата")
    year = models.PositiveSmallIntegerField("год регистрации")
    number = models.PositiveIntegerField("номер")
    signer_position = models.CharField("должность подписавшего", max_length=200)
    signer_name = models.CharField("подпись (И. О. Фамилия)", max_length=200)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="наградил"
    )

    class Meta:
        verbose_name = "поощрение наставника"
        verbose_name_plural = "поощрения наставников"
        ordering = ["-date", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "number"], name="award_unique_number_in_year"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="award_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display().capitalize()} № {self.number} от {self.date:%d.%m.%Y}"


# The coordinators' workbook of a whole territory, kept (issue 18) -------------------------------------


class KeptWorkbook(models.Model):
    """The territory page's .xlsx of a whole municipality or region for an academic year («Итоги»,
    «Муниципалитеты», «Организации»: every organisation of it), built by ``manage.py
    refresh_territory_figures`` (cron) with the kept figures and served by the territory page's download
    instead of building it there (apps/territory/exports.py). It lists every organisation, so building it
    grows with the territory; reading the row does not. In the database, so every app server sees the same
    file, and only the permission-checked view serves it (no MEDIA URL). ``computed_at`` is the moment of
    its data, written in the workbook («Данные на»). Exactly one of municipality and region is set."""

    year = models.ForeignKey(
        AcademicYear, on_delete=models.CASCADE, related_name="+", verbose_name="учебный год"
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="муниципалитет",
    )
    region = models.ForeignKey(
        "organizations.Region",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="регион",
    )
    content = models.BinaryField("книга .xlsx")
    computed_at = models.DateTimeField("данные на")

    class Meta:
        verbose_name = "книга .xlsx территории"
        verbose_name_plural = "книги .xlsx территорий"
        constraints = [
            models.CheckConstraint(
                condition=Q(municipality__isnull=False, region__isnull=True)
                | Q(municipality__isnull=True, region__isnull=False),
                name="kept_workbook_one_territory",
            ),
            models.UniqueConstraint(
                fields=["year", "municipality"],
                condition=Q(municipality__isnull=False),
                name="kept_workbook_once_per_municipality",
            ),
            models.UniqueConstraint(
                fields=["year", "region"],
                condition=Q(region__isnull=False),
                name="kept_workbook_once_per_region",
            ),
        ]

    def __str__(self) -> str:
        return f"Книга .xlsx {self.municipality_id or self.region_id} за {self.year_id}"


# The municipality's Regulation and the authority's order live in their own module.
from .municipal_models import (  # noqa: E402, F401
    MunicipalOrder,
    MunicipalRegulation,
    MunicipalRegulationVersion,
)
