"""Pedagogical workers of an organisation (the staff registry) and their personal-data consents."""

from datetime import timedelta

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Lower, Replace

from apps.core.models import RU_COLLATION, TimeStampedModel
from apps.organizations.models import Organization


class Position(models.Model):
    """A position: the nomenclature of pedagogical positions (ПП РФ № 225 of 21.02.2022) and the
    management positions of a school, shipped as the ``positions`` fixture."""

    class Section(models.TextChoices):
        TEACHING = "teaching", "Педагогические работники (раздел II номенклатуры)"
        HIGHER = "higher", "Профессорско-преподавательский состав (раздел I номенклатуры)"
        MANAGEMENT = "management", "Руководители образовательной организации"

    name = models.CharField("наименование", max_length=255, unique=True, db_collation=RU_COLLATION)
    section = models.CharField("раздел", max_length=20, choices=Section.choices, default=Section.TEACHING)
    sort_order = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "должность"
        verbose_name_plural = "должности"
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Subject(models.Model):
    name = models.CharField("наименование", max_length=200, unique=True, db_collation=RU_COLLATION)

    class Meta:
        verbose_name = "предмет / направление"
        verbose_name_plural = "предметы и направления"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class Person(TimeStampedModel):
    """A pedagogical worker (or an external mentor) registered in one organisation."""

    class Sex(models.TextChoices):
        FEMALE = "f", "женский"
        MALE = "m", "мужской"

    class Category(models.TextChoices):
        NONE = "none", "без категории"
        CONFORMITY = "conformity", "соответствие занимаемой должности"
        FIRST = "first", "первая"
        HIGHEST = "highest", "высшая"
        METHODIST = "methodist", "педагог-методист"
        MENTOR = "mentor", "педагог-наставник"

    class EducationLevel(models.TextChoices):
        HIGHER = "higher", "высшее"
        SECONDARY_VOCATIONAL = "secondary_vocational", "среднее профессиональное"
        OTHER = "other", "иное"

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="people", verbose_name="организация"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name="учётная запись",
    )
    last_name = models.CharField("фамилия", max_length=100, db_collation=RU_COLLATION)
    first_name = models.CharField("имя", max_length=100, db_collation=RU_COLLATION)
    patronymic = models.CharField("отчество", max_length=100, blank=True, db_collation=RU_COLLATION)
    sex = models.CharField("пол", max_length=1, choices=Sex.choices, blank=True)
    birth_date = models.DateField("дата рождения", null=True, blank=True)
    position = models.ForeignKey(
        Position,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name="должность",
    )
    subjects = models.ManyToManyField(
        Subject, blank=True, related_name="people", verbose_name="предметы / направления"
    )
    total_experience_years = models.PositiveSmallIntegerField("общий стаж, лет", null=True, blank=True)
    pedagogical_experience_years = models.PositiveSmallIntegerField(
        "педагогический стаж, лет", null=True, blank=True
    )
    qualification_category = models.CharField(
        "квалификационная категория", max_length=20, choices=Category.choices, default=Category.NONE
    )
    category_date = models.DateField("дата присвоения категории", null=True, blank=True)
    education_level = models.CharField(
        "уровень образования", max_length=30, choices=EducationLevel.choices, blank=True
    )
    education_pedagogical = models.BooleanField("педагогическое образование", default=True)
    education_institution = models.CharField(
        "образовательная организация (окончил)", max_length=300, blank=True
    )
    education_year = models.PositiveSmallIntegerField("год окончания", null=True, blank=True)
    hire_date = models.DateField("дата приёма на работу", null=True, blank=True)
    email = models.EmailField("электронная почта", blank=True)
    phone = models.CharField("телефон", max_length=30, blank=True)
    is_external = models.BooleanField(
        "внешний участник",
        default=False,
        help_text="Наставник из вуза, колледжа или организации-партнёра, не работающий в организации",
    )
    external_organization = models.CharField("место работы внешнего участника", max_length=300, blank=True)
    left_on = models.DateField("дата увольнения", null=True, blank=True)
    # Declined forms for orders (pytrovich fills them, the curator may correct them before printing).
    name_genitive = models.CharField("ФИО в родительном падеже", max_length=300, blank=True)
    name_dative = models.CharField("ФИО в дательном падеже", max_length=300, blank=True)
    name_accusative = models.CharField("ФИО в винительном падеже", max_length=300, blank=True)
    # Lower-cased "фамилия имя отчество" with ё folded to е: search by any part of the name.
    search_name = models.GeneratedField(
        expression=Replace(
            Lower(Concat(F("last_name"), Value(" "), F("first_name"), Value(" "), F("patronymic"))),
            Value("ё"),
            Value("е"),
        ),
        output_field=models.TextField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = "педагогический работник"
        verbose_name_plural = "педагогические работники"
        ordering = ["last_name", "first_name", "patronymic"]
        indexes = [
            models.Index(fields=["organization", "last_name", "first_name"], name="person_org_name_idx")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "last_name", "first_name", "patronymic", "birth_date"],
                name="person_unique_in_organization",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(pedagogical_experience_years__isnull=True)
                | Q(total_experience_years__isnull=True)
                | Q(pedagogical_experience_years__lte=F("total_experience_years")),
                name="person_pedagogical_experience_within_total",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)

    @property
    def short_name(self) -> str:
        """«Морозова Т. С.»"""
        initials = " ".join(f"{p[0]}." for p in (self.first_name, self.patronymic) if p)
        return f"{self.last_name} {initials}".strip()

    @property
    def initials_name(self) -> str:
        """«Т. С. Морозова», as in a signature or acquaintance line."""
        initials = " ".join(f"{p[0]}." for p in (self.first_name, self.patronymic) if p)
        return f"{initials} {self.last_name}".strip()


@pghistory.track()
class PersonalDataConsent(TimeStampedModel):
    """Согласие на обработку персональных данных (152-ФЗ art. 9), with every item the law requires.

    At most one valid (not withdrawn) consent per person. Withdrawal stops processing at once and
    schedules the destruction of the data within 30 days (art. 21 p. 5).
    """

    DESTRUCTION_DAYS = 30

    class Form(models.TextChoices):
        PAPER = "paper", "на бумаге (скан загружен)"
        PORTAL = "portal", "подтверждено в портале лично"

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="consents", verbose_name="субъект персональных данных"
    )
    # The subject (art. 9 p. 4 items 1–2)
    subject_address = models.CharField("адрес субъекта", max_length=500)
    subject_document = models.CharField(
        "основной документ, удостоверяющий личность",
        max_length=300,
        help_text="Вид, серия, номер, кем и когда выдан",
    )
    representative = models.CharField("представитель субъекта (если есть)", max_length=500, blank=True)
    # The operator and the processing (items 3–9)
    operator_name = models.CharField("оператор", max_length=500)
    operator_address = models.CharField("адрес оператора", max_length=500)
    purpose = models.TextField("цель обработки")
    data_list = models.TextField("перечень персональных данных")
    processors = models.TextField("лица, осуществляющие обработку по поручению оператора", blank=True)
    actions = models.TextField("перечень действий и способы обработки")
    term = models.CharField("срок действия согласия", max_length=300)
    withdrawal_procedure = models.TextField("порядок отзыва")
    text_version = models.CharField("версия текста согласия", max_length=20)
    text_snapshot = models.TextField("текст согласия, с которым согласился субъект")
    # Signature
    form = models.CharField("форма", max_length=10, choices=Form.choices)
    signed_on = models.DateField("дата согласия")
    scan = models.FileField("скан подписанного согласия", upload_to="consents/%Y/", blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="подтвердил в портале",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="внёс",
    )
    # Withdrawal and destruction
    withdrawn_on = models.DateField("дата отзыва", null=True, blank=True)
    destruction_due = models.DateField("уничтожить до", null=True, blank=True)
    destroyed_on = models.DateField("дата уничтожения", null=True, blank=True)

    class Meta:
        verbose_name = "согласие на обработку персональных данных"
        verbose_name_plural = "согласия на обработку персональных данных"
        ordering = ["-signed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(withdrawn_on__isnull=True), name="consent_one_valid_per_person"
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=F("signed_on")),
                name="consent_withdrawn_after_signed",
            ),
        ]

    def __str__(self) -> str:
        return f"Согласие от {self.signed_on:%d.%m.%Y}"

    @property
    def is_valid(self) -> bool:
        return self.withdrawn_on is None

    def destruction_date_for(self, withdrawn_on):
        return withdrawn_on + timedelta(days=self.DESTRUCTION_DAYS)
