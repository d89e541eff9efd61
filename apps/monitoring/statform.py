"""The statistical form of monitoring (seed 002 §VI, seed 003 part IV): every indicator as a declared row.

A row is (code, section, title in the seed's words, unit, how it is counted, a function). The function
takes a queryset of organisations and an academic year and returns ``{organization id: Value}``; an
organisation missing from the dict has no data for that row («нет данных», never a made-up 0). A row
whose data the portal does not hold has no function at all.

The titles are the seed's words; where the seed writes a slash («молодых/начинающих») the title says it
with a conjunction, as the portal's Russian does everywhere.

A ``Value`` keeps its numerator and denominator (or sum and number of answers), so a municipality's
total is the sum of the schools' numbers and its share is recomputed from the summed parts, never an
average of the schools' percentages. A value the curator entered as a percentage cannot be summed:
its total says so.

Rows whose data another app builds are added by one line each: ``ROWS.append(Row(...))`` or, from an
app above monitoring, through the ``statform_rows`` hook (apps/monitoring/hooks.py). For a function
that reads a whole set of organisations at once, ``each_organization`` calls it once per organisation.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date as dt_date
from decimal import Decimal

from django.db.models import Avg, Count, F, Q, QuerySet
from django.db.models.expressions import RawSQL

from apps.accounts.models import Membership, Role
from apps.banks.models import MenteeEntry, MentorEntry
from apps.organizations.models import AcademicYear, Organization
from apps.pairs.models import Form, GroupMember, MentoringGroup, MentoringType
from apps.partners.models import CooperationAgreement
from apps.programs.models import Mode, Program, ProgramTemplate, RoadmapEvent
from apps.staff.models import DisclosureConsent
from apps.training.selectors import TRAINED_WITHIN_YEARS, trained_share_by_organization

from .models import Answer, Assessment, Indicator, ObservationScore, OrganizationIndicator, Stage, Topic
from .selectors.outcomes import outcome_figures_by
from .selectors.process import _formal_events
from .selectors.risks import MENTOR_LOAD_CEILING

NO_DATA = "нет данных"
NOT_SUMMED = "не суммируется"


@dataclass(frozen=True)
class Value:
    """A figure of one organisation (or a sum of them).

    kind ``count``: ``number`` people or things. ``share``: ``number`` of ``base`` (a flag is a share
    of base 1: «да» is 1 of 1). ``mean``: ``number`` is the sum of ``base`` scores. ``entered``: a
    figure the curator entered as is (a percentage, percentage points): shown, never summed.
    """

    kind: str
    number: Decimal | int | float
    base: int = 0

    @property
    def percent(self) -> float | None:
        if self.kind != "share" or not self.base:
            return None
        return round(100 * float(self.number) / self.base, 1)

    @property
    def mean(self) -> float | None:
        return round(float(self.number) / self.base, 2) if self.kind == "mean" and self.base else None

    def display(self, unit: str = "") -> str:
        if self.kind == "share":
            if not self.base:
                return NO_DATA
            return f"{_num(self.number)} из {_num(self.base)} ({_num(self.percent)}%)"
        if self.kind == "mean":
            return NO_DATA if self.mean is None else _num(self.mean)
        return _num(self.number)

    def cell(self):
        """The number a spreadsheet cell holds: the count, the share in percent, the mean."""
        if self.kind == "share":
            return self.percent
        if self.kind == "mean":
            return self.mean
        if isinstance(self.number, Decimal):
            return int(self.number) if self.number == self.number.to_integral_value() else float(self.number)
        return self.number


def _num(value) -> str:
    if isinstance(value, Decimal):  # 30.0 → «30», never «3e+1»
        value = int(value) if value == value.to_integral_value() else float(value)
    text = f"{value:g}" if isinstance(value, float | Decimal) else str(value)
    return text.replace(".", ",")


def count(n) -> Value:
    return Value("count", n)


def share(n, of: int) -> Value:
    return Value("share", n, of)


def flag(yes: bool) -> Value:
    return Value("share", 1 if yes else 0, 1)


def total(values: list[Value | None]) -> Value | None:
    """The municipality's figure: counts summed, shares and means from the summed parts; None when no
    school has data; an entered percentage is not summed (``Value('entered', …)`` stays out)."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    kind = present[0].kind
    if kind == "entered":
        return Value("entered", NOT_SUMMED)  # type: ignore[arg-type]
    return Value(kind, sum(v.number for v in present), sum(v.base for v in present))


def show(value: Value | None, unit: str = "") -> str:
    if value is None:
        return NO_DATA
    if value.kind == "entered" and value.number == NOT_SUMMED:
        return NOT_SUMMED
    return value.display(unit)


Compute = Callable[[QuerySet, AcademicYear], dict[int, Value]]


@dataclass(frozen=True)
class Row:
    code: str
    section: str
    title: str
    unit: str
    measure: str
    compute: Compute | None = None

    def values(self, organizations: QuerySet, year: AcademicYear) -> dict[int, Value]:
        return self.compute(organizations, year) if self.compute else {}


def each_organization(func: Callable[[QuerySet, AcademicYear], Value | None]) -> Compute:
    """A row function of the whole set (``outcome_figures`` style), called once per organisation."""

    def compute(organizations, year):
        result = {}
        for org in organizations:
            value = func(Organization.objects.filter(pk=org.pk), year)
            if value is not None:
                result[org.pk] = value
        return result

    return compute


def _ids(organizations) -> list[int]:
    return [o.pk for o in organizations]


def _in(organizations) -> RawSQL:
    """The organisations' ids for an ``__in`` lookup as one array parameter: a region's 5,000 ids as a
    list would be 5,000 parameters for Django to prepare and compile in each of the form's 50 queries
    (issue 18)."""
    return RawSQL("SELECT unnest(%s::bigint[])", (_ids(organizations),))


def _zeros(organizations, found: dict[int, Value]) -> dict[int, Value]:
    """A count row: an organisation with no rows has 0, which is true (it has none), not missing."""
    return {pk: found.get(pk, count(0)) for pk in _ids(organizations)}


# Participants --------------------------------------------------------------------------------------


def _programs(organizations, year):
    return _zeros(
        organizations,
        {
            r["organization_id"]: count(r["n"])
            for r in Program.objects.filter(organization__in=_in(organizations), group__year=year)
            .values("organization_id")
            .annotate(n=Count("pk"))
            .order_by()
        },
    )


def _members(organizations, year):
    return GroupMember.objects.filter(group__organization__in=_in(organizations), group__year=year)


def _people(field: str, category: str | None = None) -> Compute:
    def compute(organizations, year):
        qs = _members(organizations, year)
        if category:
            qs = qs.filter(mentee__category=category)
        rows = qs.values(org=F("group__organization_id")).annotate(n=Count(field, distinct=True)).order_by()
        return _zeros(organizations, {r["org"]: count(r["n"]) for r in rows})

    return compute


def _groups_of_form(form: str) -> Compute:
    def compute(organizations, year):
        rows = (
            MentoringGroup.objects.filter(organization__in=_in(organizations), year=year, form=form)
            .values("organization_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        return _zeros(organizations, {r["organization_id"]: count(r["n"]) for r in rows})

    return compute


def _programs_of_type(kind: str) -> Compute:
    def compute(organizations, year):
        rows = (
            Program.objects.filter(
                organization__in=_in(organizations), group__year=year, group__types__contains=[kind]
            )
            .values("organization_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        return _zeros(organizations, {r["organization_id"]: count(r["n"]) for r in rows})

    return compute


# Environment of mentoring (seed 002 §VI, «эффективная среда наставничества») ------------------------


def _change_share(rows, org_key: str, person_key: str, stage_key: str) -> dict[int, Value]:
    """Of the people with a start and an end score, how many ended higher: {org: share}."""
    scores: dict = {}
    for r in rows:
        scores.setdefault(r[org_key], {}).setdefault(r[person_key], {})[r[stage_key]] = r["avg"]
    result = {}
    for org, people in scores.items():
        both = [p for p in people.values() if Stage.START in p and Stage.END in p]
        if both:
            result[org] = share(sum(1 for p in both if p[Stage.END] > p[Stage.START]), len(both))
    return result


def _knowledge_growth(organizations, year):
    rows = (
        Assessment.objects.filter(program__organization__in=_in(organizations), program__group__year=year)
        .values("mentee_id", "stage", org=F("program__organization_id"))
        .annotate(avg=Avg("score5"))
        .order_by()
    )
    return _change_share(rows, "org", "mentee_id", "stage")


def _practice_growth(organizations, year):
    rows = (
        ObservationScore.objects.filter(
            protocol__program__organization__in=_in(organizations), protocol__program__group__year=year
        )
        .values(
            mentee=F("protocol__mentee_id"),
            stage=F("protocol__stage"),
            org=F("protocol__program__organization_id"),
        )
        .annotate(avg=Avg("score"))
        .order_by()
    )
    return _change_share(rows, "org", "mentee", "stage")


def _young_retained(organizations, year):
    young = MenteeEntry.objects.filter(
        organization__in=_in(organizations), year=year, category=MenteeEntry.Category.YOUNG
    )
    kept = Q(person__left_on__isnull=True) | Q(person__left_on__gt=year.ends_on)
    return {
        r["organization_id"]: share(r["kept"], r["total"])
        for r in young.values("organization_id")
        .annotate(total=Count("pk"), kept=Count("pk", filter=kept))
        .order_by()
    }


def _experienced_mentees(organizations, year):
    rows = (
        MenteeEntry.objects.filter(
            organization__in=_in(organizations),
            year=year,
            category=MenteeEntry.Category.NEW_TECHNOLOGY,
            memberships__group__year=year,
        )
        .values("organization_id")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    return _zeros(organizations, {r["organization_id"]: count(r["n"]) for r in rows})


def _council(organizations, year):
    rows = (
        Membership.objects.filter(organization__in=_in(organizations), role=Role.COUNCIL, is_active=True)
        .values("organization_id")
        .annotate(n=Count("user", distinct=True))
        .order_by()
    )
    return _zeros(organizations, {r["organization_id"]: count(r["n"]) for r in rows})


def _distance_programs(organizations, year):
    rows = (
        Program.objects.filter(organization__in=_in(organizations), group__year=year)
        .values("organization_id")
        .annotate(total=Count("pk"), n=Count("pk", filter=Q(mode__in=(Mode.ONLINE, Mode.MIXED))))
        .order_by()
    )
    return {r["organization_id"]: share(r["n"], r["total"]) for r in rows}


def _bank_practices(organizations, year):
    rows = (
        ProgramTemplate.objects.filter(
            organization__in=_in(organizations),
            visibility=ProgramTemplate.Visibility.REGION,
            created_at__date__range=(year.starts_on, year.ends_on),
        )
        .values("organization_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return _zeros(organizations, {r["organization_id"]: count(r["n"]) for r in rows})


def _mentors_in_regional_base(organizations, year):
    rows = (
        MentorEntry.objects.filter(
            organization__in=_in(organizations),
            year=year,
            status__in=MentorEntry.APPROVED_STATUSES,
            person__disclosure_consents__kind=DisclosureConsent.Kind.TRANSFER,
            person__disclosure_consents__withdrawn_on__isnull=True,
        )
        .values("organization_id")
        .annotate(n=Count("person", distinct=True))
        .order_by()
    )
    return _zeros(organizations, {r["organization_id"]: count(r["n"]) for r in rows})


# Entered by the curator (level 4 indicators) --------------------------------------------------------


def _entered(kind: str, *, additive: bool) -> Compute:
    """An indicator the curator entered: a number (additive) or a percentage (shown, never summed)."""

    def compute(organizations, year):
        rows = OrganizationIndicator.objects.filter(
            organization__in=_in(organizations), year=year, kind=kind
        ).values_list("organization_id", "value")
        return {org: count(v) if additive else Value("entered", v) for org, v in rows}

    return compute


def _innovation(organizations, year):
    entered = dict(
        OrganizationIndicator.objects.filter(
            organization__in=_in(organizations), year=year, kind=Indicator.INNOVATION
        ).values_list("organization_id", "value")
    )
    mentees = _people("mentee_person")(organizations, year)
    return {org: share(int(n), mentees[org].number) for org, n in entered.items()}


# Process: results and risks -------------------------------------------------------------------------


def _events_done(organizations, year):
    rows = (
        RoadmapEvent.objects.filter(program__organization__in=_in(organizations), program__group__year=year)
        .values(org=F("program__organization_id"))
        .annotate(
            total=Count("pk", filter=~Q(status=RoadmapEvent.Status.CANCELLED)),
            done=Count("pk", filter=Q(status=RoadmapEvent.Status.DONE)),
        )
        .order_by()
    )
    return {r["org"]: share(r["done"], r["total"]) for r in rows if r["total"]}


def _overloaded_mentors(organizations, year):
    from apps.banks.selectors import mentor_load_annotation

    rows = (
        MentorEntry.objects.filter(organization__in=_in(organizations), year=year)
        .annotate(load=mentor_load_annotation())
        .filter(Q(load__gt=F("max_mentees")) | Q(load__gt=MENTOR_LOAD_CEILING))
        .values("organization_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return _zeros(organizations, {r["organization_id"]: count(r["n"]) for r in rows})


def _formal(organizations, year):
    rows = (
        _formal_events(
            RoadmapEvent.objects.filter(
                program__organization__in=_in(organizations), program__group__year=year
            )
        )
        .values(org=F("program__organization_id"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    return _zeros(organizations, {r["org"]: count(r["n"]) for r in rows})


# Impact ---------------------------------------------------------------------------------------------


def _satisfaction(role: str) -> Compute:
    def compute(organizations, year):
        rows = (
            Answer.objects.filter(
                response__program__organization__in=_in(organizations),
                response__program__group__year=year,
                response__role=role,
                response__template__counts_for_level1=True,
                score5__isnull=False,
            )
            .exclude(question__topic=Topic.NONE)
            .exclude(question__topic=Topic.PLAN_MENTOR)
            .values(org=F("response__program__organization_id"))
            .annotate(n=Count("pk"), avg=Avg("score5"))
            .order_by()
        )
        # The sum of the scores and their number: the territory's mean is computed from the sums.
        return {r["org"]: Value("mean", Decimal(str(r["avg"])) * r["n"], r["n"]) for r in rows}

    return compute


def _planning(model, source) -> Compute:
    def compute(organizations, year):
        rows = (
            model.objects.filter(organization__in=_in(organizations), year=year, source=source)
            .values("organization_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        return _zeros(organizations, {r["organization_id"]: count(r["n"]) for r in rows})

    return compute


def _recommendations(organizations, year):
    from .models import Recommendation

    rows = (
        Recommendation.objects.filter(organization__in=_in(organizations), year=year, dismissed=False)
        .values("organization_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return _zeros(organizations, {r["organization_id"]: count(r["n"]) for r in rows})


# The rows --------------------------------------------------------------------------------------------


# Built in other modules: level 4 per mentee (``selectors.outcomes``), the training of mentors ---------


def _outcome(value: Callable[[dict], Value | None]) -> Compute:
    """A row from the figures of ``outcome_figures`` of each organisation (one round trip for all)."""

    def compute(organizations, year):
        by_org = outcome_figures_by(
            Organization.objects.filter(pk__in=_in(organizations)), year, "organization"
        )
        result = {}
        for pk, figures in by_org.items():
            found = value(figures)
            if found is not None:
                result[pk] = found
        return result

    return compute


def _outcome_share(number: str, base: str, recorded: str | None = None) -> Compute:
    """A share of the figures; no data while nothing of its kind is recorded (``recorded`` is 0): an
    activity nobody has entered is unknown, not absent."""
    return _outcome(
        lambda f: share(f[number], f[base]) if f.get(base) and (recorded is None or f.get(recorded)) else None
    )


def _quality_progress(figures: dict) -> Value | None:
    progress = figures.get("quality_progress")
    return None if progress is None else Value("entered", Decimal(str(round(progress, 1))))


def _partner_agreements(organizations, year):
    """Cooperation agreements of the school in force during the academic year (seed 002 §1.3: ЦНППМ,
    colleges, universities, employers)."""
    in_force = Q(ends_on__isnull=True) | Q(ends_on__gte=year.starts_on)
    return _zeros(
        organizations,
        {
            r["organization_id"]: count(r["n"])
            for r in CooperationAgreement.objects.filter(
                in_force, organization__in=_in(organizations), signed_on__lte=year.ends_on
            )
            .values("organization_id")
            .annotate(n=Count("pk"))
            .order_by()
        },
    )


def _trained(organizations, year):
    today = min(dt_date.today(), year.ends_on)
    found = trained_share_by_organization(organizations=_ids(organizations), today=today, year=year)
    return {pk: share(s.trained, s.mentors) for pk, s in found.items()}


S1 = "1. Участники наставничества"
S2 = "2. Показатель региональной системы наставничества"
S3 = "3. Эффективная среда наставничества"
S4 = "4. Направления ежегодного мониторинга"
S5 = "5. Результаты реализации программы наставничества"
S6 = "6. Мониторинг процесса реализации персонализированных программ наставничества"
S7 = "7. Мониторинг влияния программ наставничества на всех участников"
S8 = "8. Риски внедрения и реализации системы наставничества"
S9 = "9. Адресные рекомендации"

ROWS: list[Row] = [
    Row(
        "1.1",
        S1,
        "Персонализированные программы наставничества",
        "шт.",
        "программы пар и групп учебного года",
        _programs,
    ),
    Row("1.2", S1, "Наставники", "чел.", "наставники пар и групп учебного года", _people("mentor_person")),
    Row(
        "1.3", S1, "Наставляемые", "чел.", "наставляемые пар и групп учебного года", _people("mentee_person")
    ),
    *[
        Row(
            f"1.3.{i}",
            S1,
            f"в том числе: {label}",
            "чел.",
            "по категории в банке наставляемых",
            _people("mentee_person", value),
        )
        for i, (value, label) in enumerate(MenteeEntry.Category.choices, 1)
    ],
    Row(
        "2.1",
        S2,
        "Организация реализует целевую модель наставничества педагогических работников (по муниципалитету — "
        "доля общеобразовательных организаций, образовательных организаций дополнительного образования и "
        "профессиональных образовательных организаций, реализующих целевую модель наставничества)",
        "да или нет; %",
        "действующее Положение, назначенный куратор и пара с утверждённой программой",
    ),
    Row(
        "3.1",
        S3,
        "Непрерывный профессиональный рост, личностное развитие и самореализация педагогических работников",
        "чел., %",
        "наставляемые, у которых итоговая оценка знаний и умений (уровень 2) выше входной, "
        "из оценённых дважды",
        _knowledge_growth,
    ),
    Row(
        "3.2",
        S3,
        "Рост числа закрепившихся в профессии молодых и начинающих педагогов",
        "чел., %",
        "молодые специалисты банка наставляемых, продолжающие работу к концу учебного года",
        _young_retained,
    ),
    Row(
        "3.3",
        S3,
        "Развитие профессиональных перспектив педагогов старшего возраста в условиях цифровизации "
        "образования",
        "чел.",
        "опытные педагоги, осваивающие новую технологию или навык, в парах и группах",
        _experienced_mentees,
    ),
    Row(
        "3.4",
        S3,
        "Методическое сопровождение системы наставничества образовательной организации",
        "чел.",
        "члены совета наставников (методического объединения)",
        _council,
    ),
    Row(
        "3.5",
        S3,
        "Цифровая информационно-коммуникативная среда наставничества",
        "шт., %",
        "программы с дистанционным или смешанным режимом работы",
        _distance_programs,
    ),
    Row(
        "3.6",
        S3,
        "Обмен инновационным опытом в сфере практик наставничества педагогических работников",
        "шт.",
        "программы, переданные в региональный банк программ за учебный год",
        _bank_practices,
    ),
    Row(
        "3.7",
        S3,
        f"Наставники, прошедшие обучение за последние {TRAINED_WITHIN_YEARS} года "
        "(курсы повышения квалификации, семинары, «Школа наставника»)",
        "чел., %",
        "утверждённые наставники банка учебного года с обучением, завершённым за три года",
        _trained,
    ),
    Row(
        "4.1",
        S4,
        "Повышение правового и социально-профессионального статуса наставников, соблюдение гарантий "
        "профессиональных прав и свобод наставляемых",
        "—",
        "в портале нет таких сведений",
    ),
    Row(
        "4.2",
        S4,
        "Формирование межшкольной цифровой информационно-коммуникативной среды наставничества",
        "чел.",
        "наставники, согласившиеся на передачу сведений в региональную базу наставников",
        _mentors_in_regional_base,
    ),
    *[
        Row(
            f"4.3.{i}",
            S4,
            f"Оказание методической помощи в реализации различных форм наставничества: пары "
            f"(группы) в форме {label}",
            "шт.",
            "пары и группы учебного года",
            _groups_of_form(value),
        )
        for i, (value, label) in enumerate(Form.choices, 1)
    ],
    *[
        Row(
            f"4.4.{i}",
            S4,
            f"Оказание методической помощи в реализации различных видов наставничества: {label}",
            "шт.",
            "программы учебного года с этим видом наставничества",
            _programs_of_type(value),
        )
        for i, (value, label) in enumerate(MentoringType.choices, 1)
    ],
    Row(
        "4.5",
        S4,
        "Формирование единого научно-методического сопровождения педагогических работников, развитие "
        "стратегических партнерских отношений в сфере наставничества",
        "шт.",
        "соглашения о сотрудничестве с организациями-партнёрами (ЦНППМ, колледжи, вузы, работодатели), "
        "действовавшие в учебном году",
        _partner_agreements,
    ),
    Row(
        "5.1",
        S5,
        "Улучшение образовательных результатов и у наставляемого, и у наставника: качество знаний "
        "обучающихся наставляемых",
        "п. п.",
        "изменение доли «4» и «5» у обучающихся наставляемых от начала к концу программы, среднее по "
        "наставляемым (уровень 4)",
        _outcome(_quality_progress),
    ),
    Row(
        "5.1.1",
        S5,
        "в том числе: наставники с профессиональными результатами за учебный год",
        "чел., %",
        "наставники пар и групп, у которых записаны конкурсы, категория, публикации или награды (уровень 4)",
        _outcome_share("mentors_with_results", "mentors_total", recorded="mentor_results"),
    ),
    Row(
        "5.2",
        S5,
        "Повышение уровня мотивированности и осознанности наставляемых в вопросах саморазвития и "
        "профессионального самообразования",
        "—",
        "в портале нет таких сведений",
    ),
    Row(
        "5.3",
        S5,
        "Степень включенности наставляемого в инновационную деятельность школы",
        "чел., %",
        "внесено куратором, из всех наставляемых учебного года",
        _innovation,
    ),
    Row(
        "5.4",
        S5,
        "Качество и темпы адаптации молодого, менее опытного или сменившего место работы специалиста на "
        "новом месте работы",
        "чел., %",
        "наставляемые, достигшие 4 или 5 баллов по шкале адаптации, из оценённых (уровень 4)",
        _outcome_share("adapted", "adaptation_assessed"),
    ),
    Row(
        "6.1",
        S6,
        "Результативность реализации персонализированной программы наставничества",
        "шт., %",
        "выполненные мероприятия дорожных карт из запланированных (без отменённых)",
        _events_done,
    ),
    Row(
        "6.2",
        S6,
        "Эффективность реализации образовательных и культурных проектов совместно с наставляемым",
        "шт.",
        "внесено куратором",
        _entered(Indicator.JOINT_PROJECTS, additive=True),
    ),
    Row(
        "6.3",
        S6,
        "Процент обучающихся наставляемого, успешно прошедших ВПР, ОГЭ и ЕГЭ",
        "%",
        "внесено куратором",
        _entered(Indicator.EXAM_PASS, additive=False),
    ),
    Row(
        "6.4",
        S6,
        "Динамика успеваемости обучающихся",
        "п. п.",
        "внесено куратором",
        _entered(Indicator.MARKS_DYNAMICS, additive=False),
    ),
    Row(
        "6.5",
        S6,
        "Динамика участия обучающихся в олимпиадах",
        "чел.",
        "внесено куратором",
        _entered(Indicator.OLYMPIAD, additive=True),
    ),
    Row(
        "6.6",
        S6,
        "Социально-профессиональная активность наставляемого",
        "чел., %",
        "наставляемые с записями о конкурсах, выступлениях, открытых уроках, публикациях за учебный год, "
        "из всех наставляемых (уровень 4)",
        _outcome_share("mentees_active", "mentees_total", recorded="mentee_activities"),
    ),
    Row(
        "7.1",
        S7,
        "Мотивационно-личностный и профессиональный рост участников системы наставничества",
        "чел., %",
        "наставляемые, у которых итоговое наблюдение урока (уровень 3) выше входного, из наблюдённых дважды",
        _practice_growth,
    ),
    Row(
        "7.2",
        S7,
        "Удовлетворенность наставляемых участием в программе наставничества",
        "балл из 5",
        "средний балл анкет наставляемых (уровень 1)",
        _satisfaction("mentee"),
    ),
    Row(
        "7.3",
        S7,
        "Удовлетворенность наставника своей деятельностью",
        "балл из 5",
        "средний балл анкет наставников (уровень 1)",
        _satisfaction("mentor"),
    ),
    Row(
        "7.4",
        S7,
        "Увеличение числа педагогов, планирующих стать наставниками в ближайшем будущем",
        "чел.",
        "анкеты «Готов стать наставником» в банке наставников",
        _planning(MentorEntry, MentorEntry.Source.SELF),
    ),
    Row(
        "7.5",
        S7,
        "Увеличение числа педагогов, планирующих стать наставляемыми в ближайшем будущем",
        "чел.",
        "анкеты «Хочу наставника» в банке наставляемых",
        _planning(MenteeEntry, MenteeEntry.Source.SELF),
    ),
    Row(
        "8.1",
        S8,
        "Отсутствие у части педагогов восприятия наставничества как механизма профессионального "
        "роста педагогов",
        "—",
        "в портале нет таких сведений",
    ),
    Row(
        "8.2",
        S8,
        "Высокая нагрузка на наставников и наставляемых",
        "чел.",
        f"наставники, у которых наставляемых больше личного предела или больше {MENTOR_LOAD_CEILING}",
        _overloaded_mentors,
    ),
    Row("8.3", S8, "Низкая мотивация наставников", "—", "в портале нет таких сведений"),
    Row(
        "8.4",
        S8,
        "Недостаточно высокое качество наставнической деятельности и формализм в выполнении функций "
        "наставника",
        "шт.",
        "мероприятия, отмеченные выполненными без подтверждения",
        _formal,
    ),
    Row("8.5", S8, "Низкая мотивация наставляемых", "—", "в портале нет таких сведений"),
    Row(
        "8.6",
        S8,
        "Низкая степень взаимодействия всех элементов двухконтурной структуры системы (целевой "
        "модели) наставничества",
        "—",
        "в портале нет таких сведений",
    ),
    Row(
        "9.1",
        S9,
        "Адресные рекомендации участникам по итогам мониторинга",
        "шт.",
        "рекомендации куратора, кроме отклонённых",
        _recommendations,
    ),
]


def rows() -> list[Row]:
    """The declared rows, with those registered by higher apps replacing a row of the same code."""
    from .hooks import statform_rows

    extra = {row.code: row for provide in statform_rows for row in provide()}
    return [extra.pop(row.code, row) for row in ROWS] + list(extra.values())


def form(organizations, year: AcademicYear) -> list[dict]:
    """Every row with its values: ``{"row": Row, "values": {org id: Value}, "total": Value | None}``."""
    organizations = list(organizations)
    result = []
    for row in rows():
        values = row.values(organizations, year)
        result.append(
            {"row": row, "values": values, "total": total([values.get(o.pk) for o in organizations])}
        )
    return result


def organizations_without_data(organizations, table: list[dict]) -> list[tuple]:
    """(organisation, codes of the computed rows it has no data for) — the consolidated form's list."""
    computed = [item for item in table if item["row"].compute]
    return [
        (o, [item["row"].code for item in computed if o.pk not in item["values"]])
        for o in organizations
        if any(o.pk not in item["values"] for item in computed)
    ]


# The kept consolidated form (monitoring.StatFormFigures, issue 18) ---------------------------------


def encode(value: Value) -> list:
    """A value as JSON: [kind, number, base]; a Decimal as its text, so that nothing is rounded."""
    number = str(value.number) if isinstance(value.number, Decimal) else value.number
    return [value.kind, number, value.base]


def decode(data: list) -> Value:
    kind, number, base = data
    if isinstance(number, str) and number != NOT_SUMMED:
        number = Decimal(number)
    return Value(kind, number, base)


def computed_codes() -> list[str]:
    """The codes of the rows the portal computes, in the form's order: a kept form with other codes was
    kept by another version of the form and is computed again."""
    return [row.code for row in rows() if row.compute]


def kept_form(organizations, year: AcademicYear) -> dict:
    """What is kept of a municipality's consolidated form (JSON): each organisation's values by row code,
    the totals, the codes of the computed rows each organisation lacks, and the counts the region's form
    shows without reading the organisations' values."""
    organizations = list(organizations)
    table = form(organizations, year)
    missing = organizations_without_data(organizations, table)
    return {
        "codes": computed_codes(),
        "ids": [o.pk for o in organizations],
        "organizations": {
            str(o.pk): {
                item["row"].code: encode(item["values"][o.pk]) for item in table if o.pk in item["values"]
            }
            for o in organizations
        },
        "totals": {item["row"].code: encode(item["total"]) for item in table if item["total"] is not None},
        "missing": {str(o.pk): codes for o, codes in missing},
        "summary": {"organizations": len(organizations), "missing": len(missing)},
    }
