"""Pedagogical workers of an organisation (the staff registry) and their consents: to the processing of
their personal data and, separately, to its disclosure beyond the school."""

import re
from datetime import date, timedelta

import pghistory
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Lower, Replace
from django.utils import timezone

from apps.core.models import RU_COLLATION, TimeStampedModel
from apps.core.uploads import SCAN, UploadValidator
from apps.organizations.models import Organization

# A pedagogical worker is an adult; the Labour Code allows work from 14 (art. 63), which bounds the
# experience a person of a given age can have.
MIN_STAFF_AGE = 16
MAX_STAFF_AGE = 100
MIN_WORKING_AGE = 14
NAME_RE = re.compile(r"^[A-Za-zА-ЯЁа-яё][A-Za-zА-ЯЁа-яё' -]*$")
PHONE_RE = re.compile(r"^\+?[\d\s()\-]+$")
# The employee's code in 1С:Зарплата и кадры («0000-00012», «ЗП-000123», «12»): letters, digits and the
# separators 1С's prefixes use; leading zeros are significant, so it is a string.
PERSONNEL_NUMBER_MAX = 20
PERSONNEL_NUMBER_RE = re.compile(r"^[0-9A-Za-zА-ЯЁа-яё](?:[0-9A-Za-zА-ЯЁа-яё./_ -]*[0-9A-Za-zА-ЯЁа-яё])?$")


def normalize_name(text: str) -> str:
    """The form of ``Person.search_name``: lower case, ё folded to е, single spaces."""
    return " ".join(text.lower().replace("ё", "е").split())


def years_between(start: date, end: date) -> int:
    """Full years from ``start`` to ``end`` (age on a date)."""
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


class Position(models.Model):
    """A position: the nomenclature of pedagogical positions (ПП РФ № 225 of 21.02.2022) and the
    management positions of a school, shipped as the ``positions`` fixture."""

    class Section(models.TextChoices):
        TEACHING = "teaching", "Иные педагогические работники (раздел I, подраздел 2 номенклатуры)"
        HIGHER = "higher", "Профессорско-преподавательский состав (раздел I, подраздел 1 номенклатуры)"
        MANAGEMENT = "management", "Руководители образовательной организации (раздел II номенклатуры)"

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
    """A school subject or an area (направленность) of additional education, shipped as the
    ``subjects`` fixture."""

    class Kind(models.TextChoices):
        SUBJECT = "subject", "Учебный предмет"
        ADDITIONAL = "additional", "Направленность дополнительного образования"
        OTHER = "other", "Иное направление работы"

    name = models.CharField("наименование", max_length=200, unique=True, db_collation=RU_COLLATION)
    kind = models.CharField("вид", max_length=20, choices=Kind.choices, default=Kind.SUBJECT)
    sort_order = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "предмет или направление"
        verbose_name_plural = "предметы и направления"
        ordering = ["sort_order", "name"]

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
        Subject, blank=True, related_name="people", verbose_name="предметы и направления"
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
    # The key by which 1С:ЗУП finds the employee when the mentors' allowance is exported.
    personnel_number = models.CharField(
        "табельный номер",
        max_length=PERSONNEL_NUMBER_MAX,
        blank=True,
        help_text="Как в 1С:Зарплата и кадры; нужен для выгрузки доплаты наставникам",
    )
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
            models.Index(fields=["organization", "last_name", "first_name"], name="person_org_name_idx"),
            # Search by any part of the name: LIKE '%…%' on search_name uses this trigram index.
            GinIndex(OpClass(F("search_name"), name="gin_trgm_ops"), name="person_search_name_trgm"),
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
            models.UniqueConstraint(
                fields=["organization", "personnel_number"],
                condition=~Q(personnel_number=""),
                name="person_personnel_number_unique_in_organization",
            ),
        ]

    # clean() reports these rules at the field; the database constraints stay as the last guard.
    FIELD_CHECKED_CONSTRAINTS = frozenset(
        {
            "person_unique_in_organization",
            "person_pedagogical_experience_within_total",
            "person_personnel_number_unique_in_organization",
        }
    )

    def __str__(self) -> str:
        return self.full_name

    def get_constraints(self):
        return [
            (model, [c for c in constraints if c.name not in self.FIELD_CHECKED_CONSTRAINTS])
            for model, constraints in super().get_constraints()
        ]

    def clean(self) -> None:
        """Every rule of a registry entry, each reported at its field in Russian. The form and the
        Excel import both call it (through full_clean), so the rules live here only."""
        errors: dict[str, list[str]] = {}

        def refuse(field: str, message: str) -> None:
            errors.setdefault(field, []).append(message)

        today = timezone.localdate()
        for field in ("last_name", "first_name", "patronymic"):
            value = " ".join((getattr(self, field) or "").split())
            setattr(self, field, value)
            if value and not NAME_RE.match(value):
                refuse(field, "Допустимы только буквы, дефис, апостроф и пробел.")

        age_today = years_between(self.birth_date, today) if self.birth_date else None
        if self.birth_date:
            if self.birth_date > today:
                refuse("birth_date", "Дата рождения не может быть в будущем.")
            elif age_today < MIN_STAFF_AGE:
                refuse(
                    "birth_date",
                    f"Педагогу не может быть меньше {MIN_STAFF_AGE} лет: проверьте год рождения.",
                )
            elif age_today > MAX_STAFF_AGE:
                refuse("birth_date", f"Возраст больше {MAX_STAFF_AGE} лет: проверьте год рождения.")

        if self.hire_date:
            if self.hire_date > today:
                refuse("hire_date", "Дата приёма на работу не может быть в будущем.")
            elif self.birth_date and years_between(self.birth_date, self.hire_date) < MIN_STAFF_AGE:
                refuse(
                    "hire_date",
                    f"На дату приёма педагогу было меньше {MIN_STAFF_AGE} лет: "
                    "проверьте даты рождения и приёма.",
                )
        if self.left_on:
            if self.left_on > today:
                refuse("left_on", "Дата увольнения не может быть в будущем.")
            elif self.hire_date and self.left_on < self.hire_date:
                refuse("left_on", "Дата увольнения не может быть раньше даты приёма на работу.")

        total, pedagogical = self.total_experience_years, self.pedagogical_experience_years
        if total is not None and pedagogical is not None and pedagogical > total:
            refuse("pedagogical_experience_years", "Педагогический стаж не может быть больше общего стажа.")
        if age_today is not None and MIN_STAFF_AGE <= age_today <= MAX_STAFF_AGE:
            most = max(age_today - MIN_WORKING_AGE, 0)
            if total is not None and total > most:
                refuse(
                    "total_experience_years",
                    f"Стаж не может быть больше, чем позволяет возраст: не более {most} лет.",
                )
            elif total is None and pedagogical is not None and pedagogical > most:
                refuse(
                    "pedagogical_experience_years",
                    f"Стаж не может быть больше, чем позволяет возраст: не более {most} лет.",
                )

        if self.category_date:
            if self.category_date > today:
                refuse("category_date", "Дата присвоения категории не может быть в будущем.")
            elif self.qualification_category == self.Category.NONE:
                refuse("category_date", "Дата указывается только вместе с квалификационной категорией.")
            elif self.birth_date and self.category_date < self.birth_date:
                refuse("category_date", "Дата присвоения категории раньше даты рождения.")
        if self.education_year:
            if self.education_year > today.year:
                refuse("education_year", "Год окончания не может быть в будущем.")
            elif self.birth_date and self.education_year < self.birth_date.year + MIN_WORKING_AGE:
                refuse("education_year", "Год окончания слишком ранний для указанной даты рождения.")

        if self.phone:
            self.phone = " ".join(self.phone.split())
            digits = re.sub(r"\D", "", self.phone)
            if not PHONE_RE.match(self.phone) or not 10 <= len(digits) <= 15:
                refuse("phone", "Укажите телефон цифрами, например +7 912 345-67-89.")
        if self.email:
            self.email = self.email.strip().lower()
        self.personnel_number = " ".join((self.personnel_number or "").split())
        if self.personnel_number:
            if not PERSONNEL_NUMBER_RE.match(self.personnel_number):
                refuse(
                    "personnel_number",
                    "Табельный номер пишется как в 1С: буквы, цифры, дефис, точка, косая черта, "
                    "например 0000-00012.",
                )
            elif self.organization_id:
                holder = self.personnel_number_holder()
                if holder is not None:
                    from apps.core.russian import short_name_in

                    refuse(
                        "personnel_number",
                        f"Табельный номер {self.personnel_number} уже указан у "
                        f"{short_name_in(holder, 'genitive')} в реестре этой организации.",
                    )

        if self.is_external:
            self.external_organization = self.external_organization.strip()
            if not self.external_organization:
                refuse(
                    "external_organization",
                    "Для внешнего участника укажите организацию, в которой он работает.",
                )
        else:
            self.external_organization = ""

        if self.last_name and self.first_name and self.organization_id and "last_name" not in errors:
            duplicate = self.duplicates().first()
            if duplicate is not None:
                born = f" ({self.birth_date:%d.%m.%Y} г. р.)" if self.birth_date else ""
                refuse(
                    "last_name",
                    f"{duplicate.full_name}{born} уже есть в реестре этой организации.",
                )
        if errors:
            raise ValidationError(errors)

    def duplicates(self) -> "models.QuerySet[Person]":
        """The same person in the same organisation: surname, name, patronymic (case and ё/е
        ignored) and date of birth."""
        # Exactly the expression of the generated column (a missing patronymic leaves a trailing space).
        search_name = f"{self.last_name} {self.first_name} {self.patronymic or ''}".lower().replace("ё", "е")
        qs = Person.objects.filter(
            organization_id=self.organization_id, search_name=search_name, birth_date=self.birth_date
        )
        return qs.exclude(pk=self.pk) if self.pk else qs

    def personnel_number_holder(self) -> "Person | None":
        """Another person of the organisation with this personnel number (1С finds an employee by it)."""
        qs = Person.objects.filter(
            organization_id=self.organization_id, personnel_number=self.personnel_number
        )
        if self.pk:
            qs = qs.exclude(pk=self.pk)
        return qs.only("last_name", "first_name", "patronymic", "sex", "name_genitive").first()

    def name_in(self, case: str) -> str:
        """The full name in a grammatical case: the stored form (the curator may have corrected it),
        or declined now when none is stored."""
        from apps.core.names import decline_full_name

        stored = getattr(self, f"name_{case}", "")
        return stored or decline_full_name(self.last_name, self.first_name, self.patronymic, case, self.sex)

    @property
    def full_name_genitive(self) -> str:
        return self.name_in("genitive")

    @property
    def age(self) -> int | None:
        return years_between(self.birth_date, timezone.localdate()) if self.birth_date else None

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
        PAPER = "paper", "на бумаге"
        PORTAL = "portal", "подтверждено в портале лично"

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="consents", verbose_name="субъект персональных данных"
    )
    # The subject (art. 9 p. 4 items 1–2). Required for a consent confirmed in the portal (the record is
    # the consent); a paper consent holds them on the signed paper, so the record may leave them empty.
    subject_address = models.CharField("адрес субъекта", max_length=500, blank=True)
    subject_document = models.CharField(
        "основной документ, удостоверяющий личность",
        max_length=300,
        blank=True,
        help_text="Вид, серия, номер, кем и когда выдан",
    )
    representative = models.CharField("представитель субъекта (если есть)", max_length=500, blank=True)
    # The operator and the processing (items 3–9)
    operator_name = models.CharField("оператор", max_length=500)
    operator_address = models.CharField("адрес оператора", max_length=500)
    purpose = models.TextField("цель обработки", max_length=4000)
    data_list = models.TextField("перечень персональных данных", max_length=4000)
    processors = models.TextField(
        "лица, осуществляющие обработку по поручению оператора", blank=True, max_length=4000
    )
    actions = models.TextField("перечень действий и способы обработки", max_length=4000)
    term = models.CharField("срок действия согласия", max_length=300)
    withdrawal_procedure = models.TextField("порядок отзыва", max_length=4000)
    text_version = models.CharField("версия текста согласия", max_length=20)
    text_snapshot = models.TextField("текст согласия, с которым согласился субъект", max_length=20000)
    # Signature
    form = models.CharField("форма", max_length=10, choices=Form.choices)
    signed_on = models.DateField("дата согласия")
    scan = models.FileField(
        "скан подписанного согласия", upload_to="consents/%Y/", blank=True, validators=[UploadValidator(SCAN)]
    )
    paper_location = models.CharField(
        "где хранится бумажный экземпляр",
        max_length=300,
        blank=True,
        help_text="Например: «личное дело педагога» или «папка „Согласия 2026“, кабинет 12»",
    )
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
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="отзыв внёс",
    )
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
            # A paper consent is proven by its paper: the record says where it is kept, or holds its scan
            # (until it is withdrawn: the destruction of the data erases the scan).
            models.CheckConstraint(
                condition=~Q(form="paper")
                | ~Q(scan="")
                | ~Q(paper_location="")
                | Q(withdrawn_on__isnull=False),
                name="consent_paper_has_scan_or_location",
            ),
        ]

    def __str__(self) -> str:
        return f"Согласие от {self.signed_on:%d.%m.%Y}"

    @property
    def is_valid(self) -> bool:
        return self.withdrawn_on is None

    def destruction_date_for(self, withdrawn_on):
        return withdrawn_on + timedelta(days=self.DESTRUCTION_DAYS)


class DisclosureConsent(TimeStampedModel):
    """Отдельное согласие на распространение (152-ФЗ ст. 10.1) или на передачу третьим лицам (ТК РФ
    ст. 88): without it a person's name never leaves the school."""

    class Kind(models.TextChoices):
        PUBLICATION = "publication", "публикация на странице «Наставничество» сайта организации"
        TRANSFER = "transfer", "передача сведений муниципалитету, региону и другим организациям региона"

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="disclosure_consents", verbose_name="педагог"
    )
    kind = models.CharField("вид согласия", max_length=20, choices=Kind.choices)
    signed_on = models.DateField("дата согласия")
    withdrawn_on = models.DateField("дата отзыва", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "согласие на распространение персональных данных"
        verbose_name_plural = "согласия на распространение персональных данных"
        ordering = ["person__last_name", "person__first_name", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind"],
                condition=Q(withdrawn_on__isnull=True),
                name="disclosure_one_active_per_kind",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=F("signed_on")),
                name="disclosure_withdrawn_after_signed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None


class DestructionAct(TimeStampedModel):
    """Акт об уничтожении персональных данных (152-ФЗ art. 21 p. 5; Roskomnadzor order № 179 of
    28.10.2022): the proof of destruction, kept three years together with an extract of the event log.
    It holds the person's name only: the rest is gone."""

    KEEP_YEARS = 3

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="destruction_acts", verbose_name="оператор"
    )
    operator_name = models.CharField("наименование оператора", max_length=500)
    operator_address = models.CharField("адрес оператора", max_length=500, blank=True)
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="destruction_acts",
        verbose_name="субъект персональных данных",
    )
    person_name = models.CharField("ФИО субъекта", max_length=300)
    data_list = models.TextField("перечень уничтоженных персональных данных", max_length=8000)
    system = models.CharField("информационная система", max_length=300)
    method = models.CharField("способ уничтожения", max_length=300)
    reason = models.TextField("причина уничтожения", max_length=2000)
    destroyed_on = models.DateField("дата уничтожения")
    destroyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="уничтожил",
    )
    destroyed_by_name = models.CharField("кто уничтожил", max_length=300)
    event_log_extract = models.JSONField(
        "выгрузка из журнала событий",
        default=list,
        blank=True,
        help_text="Когда и какие записи о субъекте были в журнале, без значений персональных данных",
    )
    keep_until = models.DateField("хранить до")

    class Meta:
        verbose_name = "акт об уничтожении персональных данных"
        verbose_name_plural = "акты об уничтожении персональных данных"
        ordering = ["-destroyed_on", "-pk"]

    def __str__(self) -> str:
        return f"Акт № {self.pk} от {self.destroyed_on:%d.%m.%Y}: {self.person_name}"
