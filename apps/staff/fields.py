"""The fields of a registry entry (a person) in the one order the portal shows them: the edit form, the
service that writes them, the Excel export and the Excel import template all take their lists here.

A field with a ``title`` is a column of the export; of those, the ``imported`` ones are the columns of
the import template, with what the template's «Пояснения» sheet says about each.
"""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonField:
    key: str  # the Person model field
    title: str = ""  # the Excel column's title (export and import template); empty: no column
    width: float = 0  # the Excel column's width
    wrap: bool = False  # the export wraps long values
    imported: bool = True  # a column of the import template (when it has a title)
    how: str = ""  # the import template: how to fill the column
    example: object = ""  # the import template's example row
    required: bool = False  # the import refuses a row without it
    aliases: tuple[str, ...] = ()  # other headers the import recognises
    text: bool = False  # the template's column is formatted as text: Excel keeps leading zeros


FIELDS: tuple[PersonField, ...] = (
    PersonField(
        "last_name", "Фамилия", 18, how="Обязательно. Буквы, дефис, пробел.", example="Иванова", required=True
    ),
    PersonField("first_name", "Имя", 14, how="Обязательно.", example="Мария", required=True),
    PersonField("patronymic", "Отчество", 18, how="Если есть.", example="Петровна"),
    PersonField("sex", "Пол", 9, how="«ж» или «м». Нужен, чтобы верно склонять ФИО в приказах.", example="ж"),
    PersonField(
        "birth_date",
        "Дата рождения",
        13,
        how="ДД.ММ.ГГГГ. По фамилии, имени, отчеству и дате рождения ищутся повторы.",
        example=dt.date(1990, 3, 14),
    ),
    PersonField(
        "position",
        "Должность",
        30,
        wrap=True,
        how="Наименование из листа «Должности» (номенклатура, ПП РФ № 225 от 21.02.2022).",
        example="учитель",
    ),
    PersonField(
        "subjects",
        "Предметы и направления",
        30,
        wrap=True,
        how="Через точку с запятой, названия из листа «Справочники».",
        example="Математика; Информатика",
        aliases=("предметы", "предмет", "предметы / направления"),
    ),
    PersonField("total_experience_years", "Общий стаж, лет", 10, how="Целое число полных лет.", example=12),
    PersonField(
        "pedagogical_experience_years",
        "Педагогический стаж, лет",
        13,
        how="Целое число полных лет; не больше общего стажа.",
        example=10,
        aliases=("пед. стаж", "педстаж"),
    ),
    PersonField(
        "qualification_category",
        "Квалификационная категория",
        22,
        how="Из листа «Справочники»; пусто — без категории.",
        example="первая",
        aliases=("категория",),
    ),
    PersonField(
        "category_date",
        "Дата присвоения категории",
        13,
        how="ДД.ММ.ГГГГ, если есть категория.",
        example=dt.date(2023, 12, 20),
    ),
    PersonField(
        "education_level",
        "Уровень образования",
        18,
        how="«высшее», «среднее профессиональное» или «иное».",
        example="высшее",
        aliases=("образование",),
    ),
    PersonField(
        "education_pedagogical",
        "Педагогическое образование",
        14,
        how="«да» или «нет» («педагогическое» или «непедагогическое»); пусто — да.",
        example="да",
        aliases=("образование: педагогическое / непедагогическое", "педагогическое или непедагогическое"),
    ),
    PersonField(
        "education_institution",
        "Образовательная организация (окончил)",
        30,
        wrap=True,
        how="Вуз или колледж, который окончил педагог.",
        example="Сургутский государственный педагогический университет",
        aliases=("учебное заведение",),
    ),
    PersonField("education_year", "Год окончания", 10, how="Четыре цифры.", example=2012),
    PersonField(
        "hire_date",
        "Дата приёма на работу",
        13,
        how="ДД.ММ.ГГГГ, не позже сегодняшнего дня.",
        example=dt.date(2014, 9, 1),
    ),
    PersonField(
        "personnel_number",
        "Табельный номер",
        13,
        how="Как в 1С:Зарплата и кадры, с нулями впереди (ячейка текстовая): по нему 1С находит "
        "сотрудника при выгрузке доплаты наставникам. Номер не повторяется в организации.",
        example="0000-00012",
        aliases=("таб. номер", "таб. №", "табельный №", "код сотрудника"),
        text=True,
    ),
    # Nobody is imported as having left already.
    PersonField("left_on", "Дата увольнения", 13, imported=False),
    PersonField(
        "email",
        "Электронная почта",
        26,
        how="Адрес для приглашения в портал.",
        example="ivanova@school7.ru",
        aliases=("e-mail", "email", "почта"),
    ),
    PersonField(
        "phone", "Телефон", 18, how="Цифрами, например +7 912 345-67-89.", example="+7 912 345-67-89"
    ),
    PersonField(
        "is_external",
        "Внешний участник",
        11,
        how="«да» для наставника из вуза, колледжа или организации-партнёра; пусто — нет.",
        example="нет",
    ),
    PersonField(
        "external_organization",
        "Место работы внешнего участника",
        26,
        wrap=True,
        how="Обязательно, если «Внешний участник» — да.",
    ),
    # The declined forms of the name: filled from the name on creation, corrected in the edit form
    # before orders are printed; no column of their own.
    PersonField("name_genitive"),
    PersonField("name_dative"),
    PersonField("name_accusative"),
)

# The edit form's fields, in this order.
FORM_FIELDS: tuple[str, ...] = tuple(f.key for f in FIELDS)
# The fields a service writes on the person's row; the subjects are a many-to-many set of their own.
PERSON_FIELDS: tuple[str, ...] = tuple(f.key for f in FIELDS if f.key != "subjects")
# The columns of the registry's Excel export (the consent's state follows them).
EXPORT_COLUMNS: tuple[PersonField, ...] = tuple(f for f in FIELDS if f.title)
# The columns of the import template.
IMPORT_COLUMNS: tuple[PersonField, ...] = tuple(f for f in EXPORT_COLUMNS if f.imported)
