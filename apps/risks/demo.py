"""Demo register of risks. The demo school: an entry of the curator overdue, one in work, one closed with
its result, and the risk the portal detects left waiting for the curator's click. The gymnasium: its
detected risks taken into the register and in work, and one of the curator's overdue, so that the
municipality's table has sums. The third school keeps no register (it has no curator yet)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from . import services
from .catalogue import RiskKind, measures_text
from .detection import detect_all
from .models import RiskEntry

TEXTS = {
    RiskKind.PERCEPTION: "На совещании при директоре трое педагогов назвали наставничество лишней бумажной "
    "работой; в банк наставников из них никто не записался.",
    RiskKind.MENTOR_MOTIVATION: "Наставники просят учитывать наставничество при распределении "
    "стимулирующих выплат: в положении об оплате труда доплата наставникам не указана.",
    RiskKind.LOAD: "Два наставника ведут по три наставляемых при нагрузке 27 часов в неделю.",
    RiskKind.MENTEE_MOTIVATION: "Двое молодых учителей пропускают консультации наставника и просят "
    "сменить его на более молодого коллегу.",
}


def _enter(school, year, kind, curator, *, entered, due):
    return services.entry_create(
        organization=school,
        year=year,
        kind=kind,
        description=TEXTS[kind],
        measure=measures_text(kind),
        owner=curator,
        due_on=due,
        user=curator,
        on=entered,
    )


def _demo_school(school, year, curator, on) -> None:
    # Entered six weeks ago with a fortnight's term, and still open: overdue.
    _enter(
        school,
        year,
        RiskKind.PERCEPTION,
        curator,
        entered=on - timedelta(days=42),
        due=on - timedelta(days=14),
    )
    entry = _enter(
        school,
        year,
        RiskKind.MENTOR_MOTIVATION,
        curator,
        entered=on - timedelta(days=10),
        due=on + timedelta(days=20),
    )
    services.entry_start(entry=entry, user=curator)
    entry = _enter(
        school, year, RiskKind.LOAD, curator, entered=on - timedelta(days=60), due=on - timedelta(days=20)
    )
    services.entry_start(entry=entry, user=curator)
    services.entry_close(
        entry=entry,
        result="Наставляемые перераспределены: у каждого наставника не больше двух, мероприятия "
        "перенесены на методические дни.",
        user=curator,
        on=on - timedelta(days=25),
    )


def _gymnasium(school, year, curator, on) -> None:
    for finding in detect_all(organization=school, year=year, on=on):
        if finding.found:
            entry = services.entry_register_detected(
                organization=school, year=year, kind=finding.kind, user=curator, on=on - timedelta(days=7)
            )
            services.entry_start(entry=entry, user=curator)
    _enter(
        school,
        year,
        RiskKind.MENTEE_MOTIVATION,
        curator,
        entered=on - timedelta(days=30),
        due=on - timedelta(days=5),
    )


@transaction.atomic
def seed(ctx) -> None:
    on = timezone.localdate()
    year = ctx["year"]
    curator, other_curator = ctx.objects.get("user_curator"), ctx.objects.get("user_other_curator")
    if curator is not None and not RiskEntry.objects.filter(organization=ctx["school"], year=year).exists():
        _demo_school(ctx["school"], year, curator, on)
    school = ctx["school_other"]
    if other_curator is not None and not RiskEntry.objects.filter(organization=school, year=year).exists():
        _gymnasium(school, year, other_curator, on)
