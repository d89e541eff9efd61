"""Documents of a program: the PDF that reads like the signed paper, the roadmap workbook and the
.ics calendar feed (RFC 5545)."""

from datetime import UTC, date, datetime, timedelta

from django.utils import timezone

from apps.core.pdf import render_pdf
from apps.core.russian import count, initials_name_in, person_named
from apps.core.xlsx import Column, Sheet, dated_filename, xlsx_response
from apps.pairs.selectors import participants

from .evaluation import evaluation_plan
from .forms import PLAN_TITLES
from .models import Program, RoadmapEvent
from .responsibles import label_events

# The printed program in the order of seed 004: the sections up to «Виды наставничества» (with the
# seed's blocks «Цель и задачи», «Реализация программы», «Режим работы» in their places), then the
# three plans and the roadmap, then «Оценка эффективности программы», the signatures and Приложение 1.
GOAL_AND_TASKS, REALISATION, MODE, TYPES = "_goal_tasks", "_realisation", "_mode", "_types"
BEFORE_PLANS = [
    "intro",
    "problem",
    GOAL_AND_TASKS,
    REALISATION,
    "evaluated_results",
    MODE,
    "application_area",
    "content",
    "expected_results",
    "forms_methods",
    "resources",
    "conditions",
    "uniqueness",
    "principles",
    TYPES,
]
BLOCK_TITLES = {
    GOAL_AND_TASKS: "Цель и задачи наставничества",
    REALISATION: "Реализация персонализированной программы наставничества",
    MODE: "Режим работы",
    TYPES: "Виды наставничества",
}


def _months(program: Program) -> int:
    return max(1, round((program.end - program.start).days / 30.44))


def _period(event: RoadmapEvent) -> str:
    if event.end and event.end != event.start:
        return f"{event.start:%d.%m.%Y} – {event.end:%d.%m.%Y}"
    return f"{event.start:%d.%m.%Y}"


def program_context(program: Program) -> dict:
    people = participants(program.group)
    events = label_events(
        program, program.events.select_related("responsible_person").order_by("start", "pk")
    )
    sections = {name: (title, text) for name, title, text in program.sections()}
    organization = program.organization
    blocks = [
        (name, BLOCK_TITLES.get(name) or sections[name][0], "" if name in BLOCK_TITLES else sections[name][1])
        for name in BEFORE_PLANS
    ]
    return {
        "program": program,
        "organization": organization,
        "director": initials_name_in(person_named(organization.director_name)),
        "mentor": people[0],
        "mentees": people[1:],
        "blocks": blocks,
        "term": count(_months(program), "месяц"),
        "evaluation": program.evaluation,
        "deficit": list(program.deficit_items.all()),
        "competence": list(program.competence_items.all()),
        "model": list(program.model_items.all()),
        "titles": PLAN_TITLES,
        "roadmap": [(e, _period(e), e.responsible_label) for e in events],
        "levels": evaluation_plan(program),
        "year": program.start.year,
    }


def program_pdf(program: Program) -> bytes:
    return render_pdf("pdf/program.html", program_context(program))


def roadmap_xlsx_response(program: Program):
    events = label_events(
        program, program.events.select_related("responsible_person").order_by("start", "pk")
    )
    rows = (
        (
            n,
            e.title,
            e.get_form_display(),
            e.start,
            e.end,
            e.responsible_label,
            e.get_product_display() if e.product else "",
            e.expected_result,
            e.get_status_display(),
            e.evidence,
        )
        for n, e in enumerate(events, start=1)
    )
    sheet = Sheet(
        title="Дорожная карта",
        columns=[
            Column("№", 5),
            Column("Мероприятие", 40, wrap=True),
            Column("Форма", 22),
            Column("Начало", 12),
            Column("Окончание", 12),
            Column("Ответственный", 22),
            Column("Продукт", 26),
            Column("Ожидаемый результат", 36, wrap=True),
            Column("Статус", 14),
            Column("Подтверждение", 36, wrap=True),
        ],
        rows=rows,
    )
    return xlsx_response(dated_filename(f"Дорожная карта программы {program.pk}"), sheet)


# iCalendar ------------------------------------------------------------------------------------------


def ics_escape(text: str) -> str:
    """RFC 5545 §3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values."""
    return (
        (text or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def ics_fold(line: str) -> str:
    """RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8
    character: Cyrillic letters are two octets each."""
    out, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        limit = 75 if not out else 74  # a continuation line starts with the space
        if len(current) + len(encoded) > limit:
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def ics_calendar(events, *, host: str = "nastavnik.local", now: datetime | None = None) -> bytes:
    stamp = (now or timezone.now()).astimezone(UTC)
    stamp_text = stamp.strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Наставник.Школа//Программы наставничества//RU",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + ics_escape("Наставничество: дорожная карта"),
    ]
    for event in events:
        last: date = event.end or event.start
        description = f"Программа: {event.program.title}\nФорма: {event.get_form_display()}"
        if event.expected_result:
            description += f"\nОжидаемый результат: {event.expected_result}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:program-event-{event.pk}@{host}",
            f"DTSTAMP:{stamp_text}",
            f"DTSTART;VALUE=DATE:{event.start:%Y%m%d}",
            f"DTEND;VALUE=DATE:{last + timedelta(days=1):%Y%m%d}",
            "SUMMARY:" + ics_escape(event.title),
            "DESCRIPTION:" + ics_escape(description),
            "STATUS:" + ("CANCELLED" if event.status == RoadmapEvent.Status.CANCELLED else "CONFIRMED"),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(ics_fold(line) for line in lines) + "\r\n").encode("utf-8")
