"""Writes of level 4 per mentee (issue 15): the outcomes of the mentee's pupils at the start and the end
of the program, the mentee's and the mentor's professional activity, the assessment of adaptation.
Keyword-only, one transaction each, DomainError with a Russian message at the field.

The views check the permissions (``monitoring.enter_pupil_results`` …); the services check what the
permission cannot: the person belongs to this program, the mentee writes only her own activity."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from apps.core import freshness
from apps.core.db_router import read_alias
from apps.core.exceptions import DomainError
from apps.programs.models import Program

from .hooks import territory_figures_refreshed
from .models import (
    AdaptationAssessment,
    ProfessionalActivity,
    PupilResults,
    Stage,
    StatFormFigures,
    TerritoryFigures,
)

OLYMPIAD_CEILING = 1000


def _share(value, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).replace(",", ".").strip())
    except InvalidOperation as error:
        raise DomainError("Введите число, например 87,5.", field=field) from error
    if not number.is_finite() or not 0 <= number <= 100:
        raise DomainError("Доля — от 0 до 100 %.", field=field)
    return number.quantize(Decimal("0.1"))


def _mentee_of(program: Program, mentee) -> None:
    if mentee is None or not program.group.members.filter(mentee_person=mentee).exists():
        raise DomainError("Этот педагог не наставляемый этой программы.", field="mentee")


def _within_program(program: Program, day: date, field: str) -> None:
    if day is None:
        raise DomainError("Укажите дату.", field=field)
    if day > timezone.localdate():
        raise DomainError("Дата не может быть позже сегодняшней.", field=field)
    year = program.group.year
    if not year.starts_on <= day <= year.ends_on:
        raise DomainError(
            f"Дата должна быть в {year.label} учебном году программы "
            f"({year.starts_on:%d.%m.%Y} – {year.ends_on:%d.%m.%Y}).",
            field=field,
        )


@transaction.atomic
def pupil_results_record(
    *,
    program: Program,
    mentee,
    point: str,
    passed_share=None,
    quality_share=None,
    olympiad_participants=0,
    classes: str = "",
    source: str,
    user,
) -> PupilResults:
    """The outcomes of the mentee's pupils at one point; recording again replaces the earlier ones."""
    if point not in Stage.values:
        raise DomainError("Выберите, в начале или в конце программы.", field="point")
    _mentee_of(program, mentee)
    passed = _share(passed_share, "passed_share")
    quality = _share(quality_share, "quality_share")
    if passed is None and quality is None:
        raise DomainError(
            "Укажите долю успешно прошедших ВПР, ОГЭ, ЕГЭ или качество знаний.", field="passed_share"
        )
    olympiad = olympiad_participants if olympiad_participants not in (None, "") else 0
    if not isinstance(olympiad, int) or not 0 <= olympiad <= OLYMPIAD_CEILING:
        raise DomainError(
            f"Число участников олимпиад — от 0 до {OLYMPIAD_CEILING}.", field="olympiad_participants"
        )
    source = (source or "").strip()
    if not source:
        raise DomainError("Укажите источник сведений, например: протоколы ВПР 2026.", field="source")
    obj, _ = PupilResults.objects.update_or_create(
        program=program,
        mentee=mentee,
        point=point,
        defaults={
            "passed_share": passed,
            "quality_share": quality,
            "olympiad_participants": olympiad,
            "classes": (classes or "").strip(),
            "source": source,
            "entered_by": user,
        },
    )
    return obj


@transaction.atomic
def activity_record(
    *,
    program: Program,
    person,
    whose: str,
    kind: str,
    level: str,
    title: str,
    happened_on: date,
    result: str = "",
    user,
    as_mentee: bool = False,
) -> ProfessionalActivity:
    """A fact of activity of the program's mentee or mentor. ``as_mentee``: the mentee writes it
    herself, so only about herself."""
    if whose not in ProfessionalActivity.Whose.values:
        raise DomainError("Выберите, чья это активность.", field="whose")
    if kind not in ProfessionalActivity.Kind.values:
        raise DomainError("Выберите вид активности.", field="kind")
    if level not in ProfessionalActivity.Level.values:
        raise DomainError("Выберите уровень.", field="level")
    if whose == ProfessionalActivity.Whose.MENTOR:
        if as_mentee:
            raise DomainError("Наставляемый записывает только свою активность.", field="whose")
        if person.pk != program.group.mentor.person_id:
            raise DomainError("Это не наставник этой программы.", field="person")
    else:
        _mentee_of(program, person)
        if as_mentee and person.user_id != getattr(user, "pk", None):
            raise DomainError("Наставляемый записывает только свою активность.", field="person")
    title = (title or "").strip()
    if not title:
        raise DomainError("Укажите название конкурса, темы, публикации.", field="title")
    _within_program(program, happened_on, "happened_on")
    return ProfessionalActivity.objects.create(
        program=program,
        person=person,
        whose=whose,
        kind=kind,
        level=level,
        title=title,
        happened_on=happened_on,
        result=(result or "").strip(),
        entered_by=user,
    )


@transaction.atomic
def adaptation_record(
    *, program: Program, mentee, point: str, rater: str, level, assessed_on: date, note: str = "", user
) -> AdaptationAssessment:
    """The level of adaptation (1–5) at one point by one rater; recording again replaces it."""
    if point not in AdaptationAssessment.Point.values:
        raise DomainError("Выберите, когда проводится оценка.", field="point")
    if rater not in AdaptationAssessment.Rater.values:
        raise DomainError("Выберите, кто оценивает.", field="rater")
    _mentee_of(program, mentee)
    if not isinstance(level, int) or level not in AdaptationAssessment.SCALE:
        raise DomainError("Уровень адаптации — от 1 до 5.", field="level")
    _within_program(program, assessed_on, "assessed_on")
    obj, _ = AdaptationAssessment.objects.update_or_create(
        program=program,
        mentee=mentee,
        point=point,
        rater=rater,
        defaults={
            "level": level,
            "assessed_on": assessed_on,
            "note": (note or "").strip(),
            "entered_by": user,
        },
    )
    return obj


def erase_person_outcomes(*, person) -> dict[str, int]:
    """Destruction after a withdrawal (152-ФЗ art. 21 p. 5): the person's level-4 records."""
    return {
        "pupil_results": PupilResults.objects.filter(mentee=person).delete()[0],
        "activities": ProfessionalActivity.objects.filter(person=person).delete()[0],
        "adaptation": AdaptationAssessment.objects.filter(mentee=person).delete()[0],
    }


# The kept figures of the territories (issue 18) ---------------------------------------------------


def territory_figures_keep(*, year, municipality=None, region=None) -> TerritoryFigures:
    """Compute the figures of one municipality or region (an instance or an id) and keep them, with the
    moment of the data taken before reading (less the replica's lag when a page computes them from the
    replica)."""
    from .selectors.outcomes import territory_figures_of

    territory = {"municipality": municipality} if municipality is not None else {"region": region}
    lookup = {f"{name}_id" if isinstance(value, int) else name: value for name, value in territory.items()}
    computed_at = freshness.data_time(read_alias())
    figures = territory_figures_of(year=year, **territory)
    try:
        with transaction.atomic():
            row, _ = TerritoryFigures.objects.update_or_create(
                year=year, **lookup, defaults={"figures": figures, "computed_at": computed_at}
            )
    except IntegrityError:  # another process kept the same territory at the same moment: theirs stays
        row = TerritoryFigures.objects.get(year=year, **lookup)
    return row


def territory_figures_refresh(*, year) -> int:
    """Compute again the kept figures of every municipality and region with organisations (the command
    ``refresh_territory_figures``, from cron), then what the apps above keep of them
    (``hooks.territory_figures_refreshed``: the territory's .xlsx); the number of territories."""
    from apps.organizations.models import Municipality, Organization

    municipalities = list(
        Municipality.objects.filter(Exists(Organization.objects.filter(municipality=OuterRef("pk"))))
        .order_by("pk")
        .values_list("pk", "region_id")
    )
    for pk, _region in municipalities:
        territory_figures_keep(year=year, municipality=pk)
    regions = sorted({region for _pk, region in municipalities})
    for pk in regions:
        territory_figures_keep(year=year, region=pk)
    territory_figures_refreshed.call(
        year=year, municipality_ids=[pk for pk, _region in municipalities], region_ids=regions
    )
    return len(municipalities) + len(regions)


def statform_keep(*, year, municipality: int) -> StatFormFigures:
    """Compute the consolidated statistical form of one municipality (an id) and keep it, with the
    moment of the data taken before reading (``territory_figures_keep``'s rule)."""
    from apps.organizations.models import Organization

    from .statform import kept_form

    computed_at = freshness.data_time(read_alias())
    organizations = Organization.objects.filter(municipality_id=municipality).order_by("short_name")
    figures = kept_form(organizations, year)
    try:
        with transaction.atomic():
            row, _ = StatFormFigures.objects.update_or_create(
                year=year,
                municipality_id=municipality,
                defaults={"figures": figures, "computed_at": computed_at},
            )
    except IntegrityError:  # another process kept the same municipality at the same moment: theirs stays
        row = StatFormFigures.objects.get(year=year, municipality_id=municipality)
    return row


def statform_refresh(*, year) -> int:
    """Compute again the kept consolidated form of every municipality with organisations (the command
    ``refresh_territory_figures``, from cron); the number of municipalities."""
    from apps.organizations.models import Municipality, Organization

    municipalities = list(
        Municipality.objects.filter(Exists(Organization.objects.filter(municipality=OuterRef("pk"))))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for pk in municipalities:
        statform_keep(year=year, municipality=pk)
    return len(municipalities)
