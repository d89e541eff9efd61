"""The import template: the data sheet with an example row, positions and reference lists."""

from __future__ import annotations

from django.http import HttpResponse

from apps.core.xlsx import Column, Sheet, xlsx_response

from ..models import Person, Position, Subject
from .columns import COLUMNS, DATA_SHEET, MAX_ROWS


def template_xlsx() -> HttpResponse:
    """The workbook to fill: «Педагоги» (headers, drop-downs), «Пояснения» (every column and an
    example row), «Должности» and «Справочники» (the names the import accepts)."""
    positions = list(Position.objects.order_by("sort_order", "name").values_list("name", "section"))
    sections = dict(Position.Section.choices)
    subject_names = list(Subject.objects.order_by("sort_order", "name").values_list("name", flat=True))
    categories = [label for _, label in Person.Category.choices]
    levels = [label for _, label in Person.EducationLevel.choices]
    lists = max(len(subject_names), len(categories), len(levels), 2)

    def column_range(sheet: str, letter: str, count: int) -> str:
        return f"'{sheet}'!${letter}$2:${letter}${max(count, 1) + 1}"

    col = {c.key: i for i, c in enumerate(COLUMNS)}
    validations = {
        col["sex"]: ('"ж,м"', "ж — женский, м — мужской"),
        col["position"]: (column_range("Должности", "A", len(positions)), "Должность из номенклатуры"),
        col["qualification_category"]: (column_range("Справочники", "B", len(categories)), "Категория"),
        col["education_level"]: (column_range("Справочники", "C", len(levels)), "Уровень образования"),
        col["education_pedagogical"]: ('"да,нет"', "Педагогическое ли образование"),
        col["is_external"]: ('"да,нет"', "Наставник из другой организации?"),
    }
    data_sheet = Sheet(
        title=DATA_SHEET,
        columns=[
            Column(f"{c.title}*" if c.required else c.title, c.width, wrap=True, text=c.text) for c in COLUMNS
        ],
        rows=[],
        validations=validations,
        validation_rows=MAX_ROWS,
    )
    explanations = Sheet(
        title="Пояснения",
        columns=[
            Column("Столбец", 34),
            Column("Обязательный", 13),
            Column("Как заполнять", 70, wrap=True),
            Column("Пример", 30),
        ],
        rows=[
            *[(c.title, "да" if c.required else "", c.how, c.example) for c in COLUMNS],
            (),
            (
                "Как загрузить",
                "",
                "Заполните лист «Педагоги» со второй строки, по одному педагогу в строке. "
                "Заголовки не меняйте. Загрузите файл: портал покажет каждую строку с ошибками, и ничего "
                "не сохранит, пока в файле есть хоть одна ошибка.",
                "",
            ),
            (
                "Повторы",
                "",
                "Педагог с теми же фамилией, именем, отчеством и датой рождения не "
                "загружается второй раз: ни из того же файла, ни если он уже есть в реестре. Табельный номер "
                "тоже не повторяется в организации. Чтобы обновить "
                "сведения о педагогах из реестра, при загрузке отметьте «Обновить сведения о педагогах, "
                "которые уже есть в реестре»: заполненные ячейки меняют сведения, пустая ячейка не меняет.",
                "",
            ),
            (
                "Согласие на обработку ПДн",
                "",
                "Загрузка вносит педагогов в реестр. Согласие на обработку "
                "персональных данных оформляется в карточке педагога: без него педагог не попадёт в банки, "
                "пары и приказы.",
                "",
            ),
            ("Пример", "", "Заполненная строка — на листе «Пример строки».", ""),
        ],
        autofilter=False,
    )
    example = Sheet(
        title="Пример строки",
        columns=[Column(c.title, c.width) for c in COLUMNS],
        rows=[[c.example for c in COLUMNS]],
        autofilter=False,
    )
    positions_sheet = Sheet(
        title="Должности",
        columns=[Column("Должность", 60), Column("Раздел номенклатуры", 60)],
        rows=[(name, sections.get(section, section)) for name, section in positions],
    )
    directories = Sheet(
        title="Справочники",
        columns=[
            Column("Предметы и направления", 45),
            Column("Квалификационная категория", 32),
            Column("Уровень образования", 28),
        ],
        rows=[
            (
                subject_names[i] if i < len(subject_names) else None,
                categories[i] if i < len(categories) else None,
                levels[i] if i < len(levels) else None,
            )
            for i in range(lists)
        ],
        autofilter=False,
    )
    return xlsx_response(
        "Шаблон загрузки педагогов.xlsx", data_sheet, explanations, example, positions_sheet, directories
    )
