"""Region → municipality → organisation, and the academic years that scope banks and programs."""

from datetime import date

from django.db import models
from django.db.models import Q
from django.urls import reverse

from apps.core.models import RU_COLLATION, TimeStampedModel
from apps.core.translit import unique_slug


class Region(TimeStampedModel):
    class StageTemplate(models.TextChoices):
        """Which seed's seven stages of the implementation roadmap the region takes as its template (the
        wording of each list is in ``apps.territory.stages``); the stage numbers 1–7 stay the same."""

        SCHOOL_ANNEX = (
            "seed001",
            "Примерная дорожная карта (приложение к Положению образовательной организации)",
        )
        REGIONAL = "seed002", "Семь основных этапов по региональному Положению (раздел IV)"

    name = models.CharField("название", max_length=200, unique=True, db_collation=RU_COLLATION)
    stage_template = models.CharField(
        "этапы дорожной карты внедрения",
        max_length=20,
        choices=StageTemplate.choices,
        default=StageTemplate.SCHOOL_ANNEX,
    )

    class Meta:
        verbose_name = "регион"
        verbose_name_plural = "регионы"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Municipality(TimeStampedModel):
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name="регион"
    )
    name = models.CharField("название", max_length=200, db_collation=RU_COLLATION)
    authority_name = models.CharField(
        "орган управления образованием",
        max_length=300,
        blank=True,
        help_text="Например: Управление образования администрации города Сургута",
    )
    # The requisites of the authority's orders (приказ органа управления образованием): the name in the
    # genitive for the title of the Regulation, the head who signs, the place of issue.
    name_genitive = models.CharField(
        "название в родительном падеже",
        max_length=200,
        blank=True,
        help_text="Как в заголовке Положения: «…организациях города Сургута». Пусто — составить по названию",
    )
    authority_head_position = models.CharField(
        "должность руководителя органа управления образованием",
        max_length=200,
        blank=True,
        help_text="Например: Директор департамента, Председатель комитета",
    )
    authority_head_name = models.CharField(
        "ФИО руководителя органа управления образованием", max_length=200, blank=True
    )
    locality = models.CharField(
        "место издания приказов", max_length=120, blank=True, help_text="Например: г. Сургут"
    )

    class Meta:
        verbose_name = "муниципалитет"
        verbose_name_plural = "муниципалитеты"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="municipality_unique_name_in_region"),
        ]

    def __str__(self) -> str:
        return self.name


class Organization(TimeStampedModel):
    class Kind(models.TextChoices):
        SCHOOL = "school", "Общеобразовательная организация"
        COLLEGE = "college", "Профессиональная образовательная организация"
        ADDITIONAL = "additional", "Организация дополнительного образования"
        PRESCHOOL = "preschool", "Дошкольная образовательная организация"

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="organizations", verbose_name="муниципалитет"
    )
    full_name = models.CharField("полное наименование (по уставу)", max_length=500, db_collation=RU_COLLATION)
    short_name = models.CharField("сокращённое наименование", max_length=200, db_collation=RU_COLLATION)
    kind = models.CharField("тип", max_length=20, choices=Kind.choices, default=Kind.SCHOOL)
    inn = models.CharField("ИНН", max_length=12, blank=True)
    address = models.CharField("адрес", max_length=500, blank=True)
    locality = models.CharField(
        "место издания приказов",
        max_length=120,
        blank=True,
        help_text="Как в реквизите приказа: «г. Сургут», «с. Покур»; Москва и Санкт-Петербург без «г.»",
    )
    phone = models.CharField("телефон", max_length=50, blank=True)
    email = models.EmailField("электронная почта", blank=True)
    website = models.URLField("сайт", blank=True)
    director_name = models.CharField("ФИО руководителя", max_length=200, blank=True)
    director_position = models.CharField("должность руководителя", max_length=200, default="Директор")
    curator_name = models.CharField("ФИО куратора наставничества", max_length=200, blank=True)
    # The mentor's allowance the Regulation (Положение о системе наставничества, with the pay rules of
    # the collective agreement) sets by default; a pair or group may set its own (ТК РФ ст. 351.8).
    mentor_allowance_amount = models.PositiveIntegerField(
        "доплата наставнику по Положению, руб. в месяц", null=True, blank=True
    )
    mentor_allowance_percent = models.PositiveSmallIntegerField(
        "доплата наставнику по Положению, % должностного оклада", null=True, blank=True
    )
    # The readable address of the public page «Наставничество»: /public/<slug>/nastavnichestvo/.
    # Empty only for rows bulk-created without it (their page answers at /public/<id>/).
    slug = models.SlugField(
        "адрес публичной страницы",
        max_length=60,
        unique=True,
        null=True,
        blank=True,
        help_text="Латинские буквы, цифры и дефис, например mbou-sosh-7. Пусто — составить из сокращённого "
        "наименования.",
    )

    class Meta:
        verbose_name = "образовательная организация"
        verbose_name_plural = "образовательные организации"
        ordering = ["short_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mentor_allowance_amount__isnull=True) | Q(mentor_allowance_percent__isnull=True),
                name="organization_allowance_sum_or_percent",
            ),
            models.CheckConstraint(
                condition=Q(mentor_allowance_amount__isnull=True) | Q(mentor_allowance_amount__gte=1),
                name="organization_allowance_amount_positive",
            ),
            models.CheckConstraint(
                condition=Q(mentor_allowance_percent__isnull=True)
                | Q(mentor_allowance_percent__gte=1, mentor_allowance_percent__lte=100),
                name="organization_allowance_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return self.short_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Organization.objects.all(), self.short_name, exclude_pk=self.pk)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "slug"}
        super().save(*args, **kwargs)

    def public_url(self) -> str:
        """The public page «Наставничество» (no sign-in), the address for the school's site."""
        if self.slug:
            return reverse("public:page", kwargs={"slug": self.slug})
        return reverse("public:page-by-id", kwargs={"pk": self.pk})

    @property
    def region(self) -> Region:
        return self.municipality.region


class AcademicYearQuerySet(models.QuerySet):
    def current(self) -> "AcademicYear | None":
        return self.filter(is_current=True).first()


class AcademicYear(TimeStampedModel):
    """Учебный год: 1 сентября – 31 августа. One of them is current for the whole portal."""

    start_year = models.PositiveSmallIntegerField("год начала", unique=True)
    is_current = models.BooleanField("текущий", default=False)

    objects = AcademicYearQuerySet.as_manager()

    class Meta:
        verbose_name = "учебный год"
        verbose_name_plural = "учебные годы"
        ordering = ["-start_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="academic_year_one_current"
            ),
            models.CheckConstraint(
                condition=Q(start_year__gte=2000, start_year__lte=2100), name="academic_year_start_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start_year}/{self.start_year + 1} учебный год"

    @property
    def label(self) -> str:
        return f"{self.start_year}/{self.start_year + 1}"

    @property
    def starts_on(self) -> date:
        return date(self.start_year, 9, 1)

    @property
    def ends_on(self) -> date:
        return date(self.start_year + 1, 8, 31)

    @staticmethod
    def start_year_for(day: date) -> int:
        """The academic year a day belongs to: September starts a new one."""
        return day.year if day.month >= 9 else day.year - 1

    def contains(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on
