"""The coordinators' .xlsx of the territory page: «Итоги» (the whole scope), «Муниципалитеты» (each summed)
and «Организации» (every organisation), from the grouped query of ``regional_report``.

It lists every organisation, so building it grows with the territory (issue 18: 8× the CPU for 10× the
organisations). The workbook of a whole municipality or region — the download without a search or a
filter, by a coordinator of that territory — is therefore kept (``KeptWorkbook``), like the territory's
figures: ``manage.py refresh_territory_figures`` (cron) builds it again through
``monitoring.hooks.territory_figures_refreshed``, and the download serves the kept bytes. A workbook missing
or older than ``TERRITORY_FIGURES_MAX_AGE_SECONDS`` (the refresh did not run) is built by the download and
kept. A filtered download is built as it is asked. Either states the moment of its data («Данные на»).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from apps.core import freshness
from apps.core.db_router import read_alias
from apps.core.xlsx import Column, Sheet, dated_filename, write_workbook
from apps.organizations.models import AcademicYear, Organization

from .models import KeptWorkbook, Roadmap
from .regional_report import RegionalReport, regional_report


@dataclass(frozen=True)
class Workbook:
    """The bytes of a territory's .xlsx and the moment of its data."""

    content: bytes
    data_time: datetime


def workbook_filename(year: AcademicYear, data_time: datetime) -> str:
    """«Наставничество 2026/2027 05.12.2026.xlsx»: the day of the data (today's for a live build)."""
    return dated_filename(f"Наставничество {year.label}", timezone.localtime(data_time).date())


def _yes(value) -> str:
    return "да" if value else "нет"


def territory_sheets(report: RegionalReport, *, year: AcademicYear, data_time: datetime) -> list[Sheet]:
    """The three sheets of the workbook."""
    statuses = dict(Roadmap.Status.choices)
    kinds = dict(Organization.Kind.choices)
    by_municipality, whole = report.municipalities, report.whole
    # A number, as in «Муниципалитеты»: the spreadsheet shows it with the reader's decimal comma.
    share = "нет данных" if whole.share is None else whole.share
    summary = Sheet(
        title="Итоги",
        columns=[Column("Показатель", 70, wrap=True), Column("Значение", 16)],
        rows=[
            ("Учебный год", year.label),
            ("Данные на", freshness.moment_text(data_time)),
            ("Муниципалитетов", len(by_municipality)),
            ("Организаций", whole.organizations),
            (
                "из них учитываемых в показателе (школы, дополнительное и профессиональное образование)",
                whole.total,
            ),
            ("Реализуют целевую модель наставничества", whole.implementing),
            ("Доля организаций, реализующих целевую модель наставничества, %", share),
            ("Положение утверждено", whole.with_regulation),
            ("Куратор назначен", whole.with_curator),
            ("Есть действующие пары с программой", whole.with_pairs),
            ("Дорожная карта согласована", whole.roadmaps_agreed),
            ("Действующих пар с программой", whole.active_pairs),
            ("Наставников", whole.n_mentors),
            ("Наставляемых", whole.n_mentees),
            ("Программ", whole.n_programs),
        ],
        autofilter=False,
    )
    municipalities = Sheet(
        title="Муниципалитеты",
        columns=[
            Column("Муниципалитет", 30, wrap=True),
            Column("Организаций", 12),
            Column("Учитываемых в показателе", 14),
            Column("Реализуют целевую модель", 14),
            Column("Доля, %", 10),
            Column("Положение утверждено", 12),
            Column("Куратор назначен", 12),
            Column("Действующих пар с программой", 14),
            Column("Наставников", 12),
            Column("Наставляемых", 12),
            Column("Программ", 12),
        ],
        rows=[
            (
                m.municipality,
                m.organizations,
                m.total,
                m.implementing,
                m.share,
                m.with_regulation,
                m.with_curator,
                m.active_pairs,
                m.n_mentors,
                m.n_mentees,
                m.n_programs,
            )
            for m in by_municipality
        ],
    )
    organizations = Sheet(
        title="Организации",
        columns=[
            Column("Муниципалитет", 22),
            Column("Организация", 40, wrap=True),
            Column("Тип", 30),
            Column("Положение утверждено", 12),
            Column("Куратор назначен", 12),
            Column("Действующих пар с программой", 14),
            Column("Реализует целевую модель", 14),
            Column("Наставников", 12),
            Column("Наставляемых", 12),
            Column("Программ", 12),
            Column("Дорожная карта", 30),
        ],
        rows=(
            (
                o.municipality,
                o.short_name,
                kinds.get(o.kind, o.kind),
                _yes(o.has_regulation),
                _yes(o.has_curator),
                o.active_pairs,
                _yes(o.implements),
                o.n_mentors,
                o.n_mentees,
                o.n_programs,
                statuses.get(o.roadmap_status, "нет"),
            )
            for o in report.organizations
        ),
    )
    return [summary, municipalities, organizations]


def territory_workbook(*, organizations: QuerySet[Organization], year: AcademicYear) -> Workbook:
    """The workbook of ``organizations`` built now; its data are of the moment before reading (less the
    replica's lag when read from the replica)."""
    data_time = freshness.data_time(read_alias())
    report = regional_report(organizations=organizations, year=year)
    return Workbook(write_workbook(*territory_sheets(report, year=year, data_time=data_time)), data_time)


def _territory(territory: tuple[str, int]) -> tuple[dict, QuerySet[Organization]]:
    """The lookup of a kept row and the organisations of a whole municipality ("m", id) or region
    ("r", id): all of them, whoever reads them (as the kept figures)."""
    level, pk = territory
    if level == "m":
        return {"municipality_id": pk}, Organization.objects.filter(municipality_id=pk)
    return {"region_id": pk}, Organization.objects.filter(municipality__region_id=pk)


def territory_workbook_keep(*, year: AcademicYear, territory: tuple[str, int]) -> Workbook:
    """Build the workbook of a whole municipality or region and keep it. The row is replaced by one
    statement, and only by data newer than its own: two processes keeping the same territory at once
    leave one whole workbook, the newer (a second insert of the same territory fails on its unique
    constraint and leaves the first)."""
    lookup, organizations = _territory(territory)
    workbook = territory_workbook(organizations=organizations, year=year)
    content = workbook.content
    updated = KeptWorkbook.objects.filter(year=year, computed_at__lt=workbook.data_time, **lookup).update(
        content=content, computed_at=workbook.data_time
    )
    if not updated:
        try:
            with transaction.atomic():
                KeptWorkbook.objects.create(
                    year=year, content=content, computed_at=workbook.data_time, **lookup
                )
        except IntegrityError:  # kept by another process meanwhile, with data as new as these
            pass
    return workbook


def kept_territory_workbook(*, year: AcademicYear, territory: tuple[str, int]) -> Workbook:
    """The kept workbook of a whole municipality ("m", id) or region ("r", id): one query; missing or
    older than ``TERRITORY_FIGURES_MAX_AGE_SECONDS`` (the refresh command did not run), built now and
    kept."""
    lookup, _organizations = _territory(territory)
    oldest_allowed = timezone.now() - timedelta(seconds=settings.TERRITORY_FIGURES_MAX_AGE_SECONDS)
    kept = (
        KeptWorkbook.objects.filter(year=year, computed_at__gte=oldest_allowed, **lookup)
        .values_list("content", "computed_at")
        .first()
    )
    if kept is None:
        return territory_workbook_keep(year=year, territory=territory)
    content, computed_at = kept
    return Workbook(bytes(content), computed_at)


def territory_workbooks_refresh(*, year: AcademicYear, municipality_ids, region_ids) -> None:
    """Build again the kept workbook of every municipality and region given (registered on
    ``monitoring.hooks.territory_figures_refreshed``: the cron's ``refresh_territory_figures``)."""
    for pk in municipality_ids:
        territory_workbook_keep(year=year, territory=("m", pk))
    for pk in region_ids:
        territory_workbook_keep(year=year, territory=("r", pk))
