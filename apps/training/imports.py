"""Training records from an .xlsx file: the template to fill, the check of every row (the person found in
the school by surname, name, patronymic and date of birth, as the registry's update import finds them;
every cell read by the registry's parsers) and the rows ready to save, all or nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core import signing
from django.http import HttpResponse
from django.utils import timezone

from apps.core.xlsx import Column, Sheet, xlsx_response
from apps.staff.imports.columns import normalize
from apps.staff.imports.parsing import CellError, _text, name_case, parse_date, parse_int
from apps.staff.models import Person

from .models import HOURS_MAX, TrainingRecord
from .services import TrainingData, training_errors

DATA_SHEET = "Обучение"
MAX_ROWS = 1000
_SALT = "apps.training.imports"
PAYLOAD_MAX_AGE = 60 * 60 * 24

# (key, title, required, how to fill, example)
COLUMNS = [
    ("last_name", "Фамилия", True, "Как в реестре педагогов.", "Иванова"),
    ("first_name", "Имя", True, "Как в реестре педагогов.", "Мария"),
    ("patronymic", "Отчество", False, "Как в реестре педагогов; пусто, если отчества нет.", "Петровна"),
    (
        "birth_date",
        "Дата рождения",
        True,
        "ДД.ММ.ГГГГ: по ней педагог отличается от однофамильца.",
        "14.03.1985",
    ),
    ("kind", "Вид обучения", True, "Из списка.", "курсы повышения квалификации"),
    (
        "title",
        "Тема (программа)",
        True,
        "Название программы, семинара, школы.",
        "Методологические аспекты наставничества и менторства в педагогической практике",
    ),
    ("organiser", "Организатор", True, "Кто проводил обучение.", "АУ «Институт развития образования»"),
    ("start_date", "Дата начала", True, "ДД.ММ.ГГГГ.", "02.09.2025"),
    (
        "end_date",
        "Дата окончания",
        True,
        "ДД.ММ.ГГГГ, не раньше начала и не позже сегодняшнего дня.",
        "30.09.2025",
    ),
    ("hours", "Часов", True, f"Целое число от 1 до {HOURS_MAX}.", 72),
    (
        "document_kind",
        "Документ",
        False,
        "Из списка: удостоверение, сертификат или справка.",
        "удостоверение",
    ),
    ("document_number", "Номер документа", False, "Как в документе.", "862400012345"),
    ("document_date", "Дата выдачи", False, "ДД.ММ.ГГГГ.", "30.09.2025"),
]
KEYS = [c[0] for c in COLUMNS]
TITLES = {c[0]: c[1] for c in COLUMNS}
_KINDS = {normalize(label): value for value, label in TrainingRecord.Kind.choices}
_KINDS |= {"кпк": TrainingRecord.Kind.COURSE, "школа наставника": TrainingRecord.Kind.SCHOOL}
_DOCUMENTS = {normalize(label): value for value, label in TrainingRecord.Document.choices}


def template_xlsx() -> HttpResponse:
    kinds = [label for _, label in TrainingRecord.Kind.choices]
    documents = [label for _, label in TrainingRecord.Document.choices]
    col = {key: i for i, key in enumerate(KEYS)}
    data = Sheet(
        title=DATA_SHEET,
        columns=[
            Column(f"{title}*" if required else title, 18, wrap=True) for _, title, required, _, _ in COLUMNS
        ],
        rows=[],
        validations={
            col["kind"]: ("'Справочники'!$A$2:$A$" + str(len(kinds) + 1), "Вид обучения"),
            col["document_kind"]: ('"' + ",".join(documents) + '"', "Документ"),
        },
        validation_rows=MAX_ROWS,
    )
    explanations = Sheet(
        title="Пояснения",
        columns=[
            Column("Столбец", 24),
            Column("Обязательный", 13),
            Column("Как заполнять", 60, wrap=True),
            Column("Пример", 40, wrap=True),
        ],
        rows=[
            *[
                (title, "да" if required else "", how, example)
                for _, title, required, how, example in COLUMNS
            ],
            (),
            (
                "Как загрузить",
                "",
                "Заполните лист «Обучение» со второй строки: одна строка — одно обучение одного педагога. "
                "Педагог находится в реестре организации по фамилии, имени, отчеству и дате рождения. Портал "
                "покажет каждую строку с ошибками и ничего не сохранит, пока в файле есть хоть одна ошибка. "
                "Сканы документов прикладываются потом в карточке записи.",
                "",
            ),
        ],
        autofilter=False,
    )
    directories = Sheet(
        title="Справочники",
        columns=[Column("Вид обучения", 34), Column("Документ", 20)],
        rows=[
            (kinds[i] if i < len(kinds) else None, documents[i] if i < len(documents) else None)
            for i in range(max(len(kinds), len(documents)))
        ],
        autofilter=False,
    )
    return xlsx_response(
        "Шаблон загрузки сведений об обучении наставников.xlsx", data, explanations, directories
    )


@dataclass
class RowCheck:
    line: int
    name: str = ""
    person_id: int | None = None
    values: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    period: str = ""  # «01.03.2025 — 20.03.2025», as the preview shows it


def _people_index(organization) -> dict[tuple, list[int]]:
    index: dict[tuple, list[int]] = {}
    for pk, last, first, middle, born in Person.objects.filter(organization=organization).values_list(
        "pk", "last_name", "first_name", "patronymic", "birth_date"
    ):
        index.setdefault((normalize(last), normalize(first), normalize(middle or ""), born), []).append(pk)
    return index


def _cells(row: tuple) -> dict:
    return {key: (row[i] if i < len(row) else None) for i, key in enumerate(KEYS)}


def _choice(value, lookup: dict, what: str) -> str:
    text = _text(value)
    if not text:
        return ""
    found = lookup.get(normalize(text))
    if found is None:
        raise CellError(f"«{text}» нет в списке ({what}).")
    return found


def check_rows(*, organization, rows: list[tuple], today: dt.date | None = None) -> list[RowCheck]:
    """Each filled row under the header, checked; ``rows[0]`` is the header row of the file."""
    today = today or timezone.localdate()
    people = _people_index(organization)
    checks = []
    for index, row in enumerate(rows[1:], start=2):
        if not any(_text(v) for v in row):
            continue
        cells = _cells(row)
        check = RowCheck(line=index)
        parsed = {}
        unreadable = set()
        for key, parser in (
            ("birth_date", parse_date),
            ("start_date", parse_date),
            ("end_date", parse_date),
            ("document_date", parse_date),
            ("hours", lambda v: parse_int(v, low=1, high=HOURS_MAX)),
            ("kind", lambda v: _choice(v, _KINDS, "вид обучения")),
            ("document_kind", lambda v: _choice(v, _DOCUMENTS, "документ")),
        ):
            try:
                parsed[key] = parser(cells[key])
            except CellError as error:
                check.errors.append(f"{TITLES[key]}: {error}")
                parsed[key] = None
                unreadable.add(key)
        last, first, middle = (name_case(_text(cells[k])) for k in ("last_name", "first_name", "patronymic"))
        check.name = " ".join(p for p in (last, first, middle) if p)
        if not (last and first):
            check.errors.append("Укажите фамилию и имя педагога.")
        elif parsed["birth_date"] is None:
            if "birth_date" not in unreadable:
                check.errors.append("Укажите дату рождения: по ней педагог отличается от однофамильца.")
        else:
            found = people.get(
                (normalize(last), normalize(first), normalize(middle), parsed["birth_date"]), []
            )
            if not found:
                check.errors.append(
                    f"{check.name}: в реестре организации нет педагога с такой датой рождения."
                )
            elif len(found) > 1:
                check.errors.append(
                    f"{check.name}: в реестре два педагога с такими данными; внесите вручную."
                )
            else:
                check.person_id = found[0]
        data = TrainingData(
            kind=parsed["kind"] or "",
            title=_text(cells["title"])[:300],
            organiser=_text(cells["organiser"])[:300],
            start_date=parsed["start_date"],
            end_date=parsed["end_date"],
            hours=parsed["hours"],
            document_kind=parsed["document_kind"] or "",
            document_number=_text(cells["document_number"])[:50],
            document_date=parsed["document_date"],
        )
        for key, message in training_errors(data, today=today):
            if key not in unreadable:  # an unreadable cell is said once, above; the message names its field
                check.errors.append(message)
        if data.start_date or data.end_date:
            check.period = " — ".join(f"{d:%d.%m.%Y}" if d else "…" for d in (data.start_date, data.end_date))
        check.values = {
            "kind": data.kind,
            "title": data.title,
            "organiser": data.organiser,
            "start_date": data.start_date.isoformat() if data.start_date else None,
            "end_date": data.end_date.isoformat() if data.end_date else None,
            "hours": data.hours,
            "document_kind": data.document_kind,
            "document_number": data.document_number,
            "document_date": data.document_date.isoformat() if data.document_date else None,
        }
        checks.append(check)
    return checks


def sign_rows(checks: list[RowCheck], *, organization_id: int, user_id: int) -> str:
    """The checked rows to carry to the confirmation in the page itself, signed (nothing kept on disk)."""
    payload = {
        "organization": organization_id,
        "user": user_id,
        "rows": [{"line": c.line, "person": c.person_id, "values": c.values} for c in checks],
    }
    return signing.dumps(payload, salt=_SALT, compress=True)


def unsign_rows(
    token: str, *, organization_id: int, user_id: int
) -> list[tuple[int, int, TrainingData]] | None:
    """The rows signed for this organisation and user, or None (forged, stale or another's)."""
    try:
        payload = signing.loads(token, salt=_SALT, max_age=PAYLOAD_MAX_AGE)
    except signing.BadSignature:
        return None
    if payload.get("organization") != organization_id or payload.get("user") != user_id:
        return None
    rows = []
    for row in payload["rows"]:
        v = row["values"]
        rows.append(
            (
                row["line"],
                row["person"],
                TrainingData(
                    kind=v["kind"],
                    title=v["title"],
                    organiser=v["organiser"],
                    start_date=dt.date.fromisoformat(v["start_date"]),
                    end_date=dt.date.fromisoformat(v["end_date"]),
                    hours=v["hours"],
                    document_kind=v["document_kind"],
                    document_number=v["document_number"],
                    document_date=dt.date.fromisoformat(v["document_date"]) if v["document_date"] else None,
                ),
            )
        )
    return rows
