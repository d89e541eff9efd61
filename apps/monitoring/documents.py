"""The curator's annual analytical report (PDF and .xlsx), the statistical form (.xlsx) and the
printable survey form with a QR code. Numbers come from selectors.organization_summary."""

from datetime import date

import segno
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from apps.core import freshness, russian
from apps.core.pdf import render_pdf
from apps.core.xlsx import Column, Sheet, write_workbook
from apps.training.selectors import training_report

from . import selectors, statform
from .models import Stage


def _fmt(value, suffix: str = "") -> str:
    return "нет данных" if value is None else f"{value:g}{suffix}".replace(".", ",")


def _points(value) -> str:
    """«4,5 балла», «1 балл», «5 баллов»: a fraction takes the genitive singular, a whole number agrees."""
    if value is not None and float(value).is_integer():
        return russian.count(int(value), "балл")
    return f"{_fmt(value)} балла"


def conclusions(summary: dict) -> tuple[list[str], list[str]]:
    """Conclusions and proposals written from the figures, for the curator to edit if needed."""
    l1, l2, l3, l4, pr = (summary[k] for k in ("level1", "level2", "level3", "level4", "progress"))
    found, proposals = [], []
    if l1["average"] is None:
        found.append("Анкетирование удовлетворённости наставляемых в отчётном периоде не проводилось.")
        proposals.append("Провести анкетирование наставляемых в начале и по окончании каждой программы.")
    elif l1["average"] >= 4:
        found.append(
            f"Удовлетворённость наставляемых участием в программах высокая: {_points(l1['average'])} из 5 "
            f"({russian.count(l1['responses'], 'анкета')})."
        )
    elif l1["average"] >= selectors.LOW_SATISFACTION:
        found.append(f"Удовлетворённость наставляемых средняя: {_points(l1['average'])} из 5.")
        proposals.append("Обсудить на совете наставников причины неудовлетворённости, названные в анкетах.")
    else:
        found.append(f"Удовлетворённость наставляемых низкая: {_points(l1['average'])} из 5.")
        proposals.append(
            "Провести индивидуальные беседы с наставляемыми, при необходимости заменить наставника."
        )
    if l2["average_change"] is not None:
        found.append(
            f"Оценка знаний и умений наставляемых по направлениям затруднений изменилась в среднем на "
            f"{_points(l2['average_change'])} (шкала 1–5)."
        )
    else:
        proposals.append(
            "Провести входную и итоговую оценку знаний наставляемых по направлениям затруднений."
        )
    if l3["average_change"] is not None:
        found.append(
            f"По протоколам посещения уроков профессиональные действия наставляемых изменились в среднем на "
            f"{_points(l3['average_change'])}."
        )
    else:
        proposals.append("Организовать посещение уроков наставляемых в начале и в конце программы.")
    if l4.retention is not None:
        found.append(f"Закрепление молодых педагогов составило {_fmt(l4.retention, '%')}.")
    if pr["total"]:
        found.append(
            f"Выполнено {pr['done']} из {pr['total']} "
            f"{russian.agree(pr['total'], 'мероприятия,мероприятий,мероприятий')} "
            f"дорожных карт ({pr['percent']}%), "
            f"проведено {_fmt(pr['hours'])} ч совместной работы."
        )
    advice = {
        "overload": "Перераспределить наставляемых: у наставника не больше его предела и не больше трёх.",
        "stalled": "Проверить работу пар без записей в журнале, скорректировать планы.",
        "overdue": "Скорректировать сроки просроченных мероприятий или программы (по согласию участников).",
        "low_satisfaction": "Разобрать причины низкой удовлетворённости с наставниками и наставляемыми.",
        "formalism": "Требовать подтверждение выполнения мероприятий (продукт, файл, описание результата).",
    }
    for risk in summary["risks"]:
        if risk.items:
            proposals.append(advice[risk.kind])
    if not proposals:
        proposals.append("Продолжить работу по действующим программам; распространить лучшие практики.")
    return found, proposals


def report_context(*, organization, year, program_ids=None, user=None) -> dict:
    summary = selectors.organization_summary(organization=organization, year=year, program_ids=program_ids)
    found, proposals = conclusions(summary)
    from .selectors.recommendations import by_addressee, recommendations_of

    addressed = recommendations_of(organization=organization, year=year)
    if program_ids:
        addressed = addressed.filter(Q(program__isnull=True) | Q(program_id__in=program_ids))
    school_advice, pair_advice = by_addressee(addressed)
    for pair in pair_advice:
        pair["heading"] = pair_heading(pair["program"])
    return {
        "school_advice": school_advice,
        "pair_advice": pair_advice,
        **summary,
        "conclusions": found,
        "proposals": proposals,
        "suggestions": selectors.free_text_answers(summary["programs_qs"], limit=15),
        "subset": bool(program_ids),
        "program_titles": list(summary["programs_qs"].order_by("title").values_list("title", flat=True)),
        "generated": timezone.localdate(),
        "author": user,
        "stage_labels": dict(Stage.choices),
        "training": training_report(organization=organization, year=year, today=timezone.localdate()),
    }


def pair_heading(program) -> str:
    """«Пара наставника Морозовой Татьяны Сергеевны и наставляемого …: программа «…»» (group: «группа»)."""
    group = program.group
    mentees = [m.mentee_person for m in group.members.all()]
    mentor = russian.full_name_in(group.mentor.person, "genitive")
    if len(mentees) == 1:
        role = russian.by_sex(mentees[0], "наставляемого", "наставляемой")
        text = f"Пара наставника {mentor} и {role} {russian.full_name_in(mentees[0], 'genitive')}"
    else:
        text = f"Группа наставника {mentor} ({russian.count(len(mentees), 'наставляемый')})"
    return f"{text}: программа {russian.quoted(program.title)}"


def annual_report_pdf(**kwargs) -> bytes:
    return render_pdf("pdf/annual_report.html", report_context(**kwargs))


def annual_report_xlsx(**kwargs) -> bytes:
    ctx = report_context(**kwargs)
    l1, l2, l3, l4, pr, part = (
        ctx[k] for k in ("level1", "level2", "level3", "level4", "progress", "participants")
    )
    two = [Column("Показатель", 70, wrap=True), Column("Значение", 22)]
    summary_rows = [
        ("Организация", ctx["organization"].full_name),
        ("Учебный год", ctx["year"].label),
        ("Программ", part["programs"]),
        ("Наставников", part["mentors"]),
        ("Наставляемых", part["mentees"]),
        ("Удовлетворённость наставляемых (1–5)", l1["average"]),
        ("Анкет наставляемых", l1["responses"]),
        ("Удовлетворённость наставников (1–5)", ctx["level1_mentors"]["average"]),
        ("Изменение знаний (уровень 2), баллов", l2["average_change"]),
        ("Изменение поведения (уровень 3), баллов", l3["average_change"]),
        ("Закрепление молодых педагогов, %", l4.retention),
        ("Мероприятий запланировано", pr["total"]),
        ("Мероприятий выполнено", pr["done"]),
        ("Мероприятий просрочено", pr["overdue"]),
        ("Часов совместной работы", pr["hours"]),
    ]
    sheets = [
        Sheet("Итоги", two, summary_rows, autofilter=False),
        Sheet(
            "Уровень 1",
            [Column("Тема", 50, wrap=True), Column("Средний балл", 14)],
            [(t["topic"], t["average"]) for t in l1["by_topic"]]
            + [(f"Оценка {i}", n) for i, n in enumerate(l1["distribution"], 1)],
        ),
        Sheet(
            "Уровень 2",
            [
                Column("Направление", 40),
                Column("В начале", 12),
                Column("В конце", 12),
                Column("Изменение", 12),
            ],
            [(a["label"], a["start"], a["end"], a["change"]) for a in l2["areas"]],
        ),
        Sheet(
            "Уровень 3",
            [
                Column("Критерий", 60, wrap=True),
                Column("В начале", 12),
                Column("В конце", 12),
                Column("Изменение", 12),
            ],
            [(c["label"], c["start"], c["end"], c["change"]) for c in l3["criteria"]],
        ),
        Sheet(
            "Уровень 4",
            [Column("Показатель", 70, wrap=True), Column("Значение", 22), Column("Источник", 40, wrap=True)],
            l4.rows(),
        ),
        Sheet(
            "Обучение наставников",
            [Column("Наставник", 40), Column("Обучение за три года", 80, wrap=True)],
            [
                (
                    e.person.full_name,
                    "; ".join(
                        f"{r.title} ({r.end_date:%d.%m.%Y}, {r.hours} ч)" for r in e.person.recent_trainings
                    )
                    or russian.by_sex(e.person, "не обучен", "не обучена"),
                )
                for e in ctx["training"]["mentors"]
            ],
        ),
        Sheet(
            "Риски",
            [Column("Риск", 30), Column("Где", 80, wrap=True)],
            [(r.title, "; ".join(r.items) or "не выявлен") for r in ctx["risks"]],
        ),
        Sheet(
            "Выводы",
            [Column("Раздел", 20), Column("Текст", 100, wrap=True)],
            [("Вывод", t) for t in ctx["conclusions"]] + [("Предложение", t) for t in ctx["proposals"]],
        ),
        Sheet(
            "Адресные рекомендации",
            [Column("Кому", 50, wrap=True), Column("Рекомендация", 100, wrap=True)],
            [("Образовательной организации", r.text) for r in ctx["school_advice"]]
            + [(p["heading"], r.text) for p in ctx["pair_advice"] for r in p["items"]],
        ),
    ]
    return write_workbook(*sheets)


def russian_date(day) -> str:
    from django.template.defaultfilters import date as date_filter

    return f"{date_filter(day, 'j E Y')} г."


def _titled(title: str, columns: list[Column], facts: list[str], rows: list[tuple]) -> list:
    """A form's sheet: the title as the bold first row, then the requisites (organisation, municipality,
    academic year, date), a blank line, the columns' names and the rows."""
    width = len(columns)
    sheet_columns = [Column("", columns[0].width), Column(title, columns[1].width, wrap=True)]
    sheet_columns += [Column("", c.width, wrap=c.wrap) for c in columns[2:]]
    body = [("", fact, *[""] * (width - 2)) for fact in facts]
    body += [("",) * width, tuple(c.title for c in columns), *rows]
    return [sheet_columns, body]


def _parts(value):
    """(number, of) for the form's numeric columns: the count, or the share's parts, or the mean's."""
    if value is None:
        return None, None
    if value.kind == "share":
        return value.number, value.base
    if value.kind == "mean":
        return value.mean, value.base
    return value.cell(), None


def _with_sections(table, cells) -> list[tuple]:
    rows, section = [], None
    for item in table:
        if item["row"].section != section:
            section = item["row"].section
            rows.append(("", section))
        rows.append(cells(item))
    return rows


def statistical_form_xlsx(*, organization, year) -> bytes:
    """The school's statistical form: every indicator of seed 002 §VI (apps/monitoring/statform.py)."""
    table = statform.form([organization], year)
    columns = [
        Column("№", 7),
        Column("Показатель", 70, wrap=True),
        Column("Единица", 10),
        Column("Значение", 22, wrap=True),
        Column("Число", 10),
        Column("Из", 10),
        Column("Как считается", 50, wrap=True),
    ]

    def cells(item):
        row, value = item["row"], item["values"].get(organization.pk)
        return (row.code, row.title, row.unit, statform.show(value), *_parts(value), row.measure)

    sheet_columns, body = _titled(
        "Статистическая форма мониторинга реализации системы (целевой модели) наставничества педагогических "
        "работников",
        columns,
        [
            f"Организация: {organization.full_name}",
            f"Муниципальное образование: {organization.municipality.name}",
            f"Учебный год: {year.label}",
            f"Дата формирования: {russian_date(timezone.localdate())}",
        ],
        _with_sections(table, cells),
    )
    return write_workbook(
        Sheet("Статистическая форма", sheet_columns, body, autofilter=False, freeze_header=False)
    )


def consolidated_form_xlsx(*, title: str, year, form, by_municipality: bool) -> bytes:
    """The consolidated form (``selectors.consolidated.ConsolidatedForm``, every column): a column per
    school of a municipality or per municipality of a region, and the total (counts summed, shares from
    the summed parts); a second sheet lists the schools without data, row by row."""
    columns = [Column("№", 7), Column("Показатель", 60, wrap=True), Column("Единица", 10)]
    columns += [Column(column.name, 18, wrap=True) for column in form.columns]
    columns.append(Column("Итого", 20, wrap=True))

    def sheet_value(value):
        """A number stays a number (a spreadsheet sums it further); a share keeps its parts as text."""
        if value is None or value.kind == "share" or value.number == statform.NOT_SUMMED:
            return statform.show(value)
        return value.cell()

    def cells(item):
        code = item["row"].code
        values = [sheet_value(column.values.get(code)) for column in form.columns]
        return (code, item["row"].title, item["row"].unit, *values, sheet_value(form.totals.get(code)))

    facts = [f"Территория: {title}"]
    if by_municipality:
        facts.append(f"Муниципалитетов: {len(form.columns)}")
    facts += [
        f"Организаций: {form.organizations}",
        f"Учебный год: {year.label}",
        f"Дата формирования: {russian_date(timezone.localdate())}",
    ]
    if form.as_of is not None:
        facts.append(f"Данные на: {freshness.moment_text(form.as_of)}")
    sheet_columns, body = _titled(
        "Сводная статистическая форма мониторинга реализации системы (целевой модели) наставничества "
        "педагогических работников",
        columns,
        facts,
        _with_sections([{"row": row} for row in statform.rows()], cells),
    )
    gap_columns = [Column("Организация", 50, wrap=True), Column("Строки формы без данных", 60, wrap=True)]
    if by_municipality:
        gap_columns.insert(0, Column("Муниципалитет", 30, wrap=True))
    gaps = Sheet(
        "Нет данных",
        gap_columns,
        [
            (municipality, name, ", ".join(codes)) if by_municipality else (name, ", ".join(codes))
            for name, municipality, codes in form.gaps
        ]
        or [("Все организации представили данные по всем строкам", "", "")[: len(gap_columns)]],
        autofilter=False,
    )
    return write_workbook(
        Sheet("Сводная форма", sheet_columns, body, autofilter=False, freeze_header=False), gaps
    )


def qr_svg(url: str) -> str:
    """A QR code as inline SVG markup: WeasyPrint draws it with no file, no data URI, no network."""
    return segno.make(url, error="m").svg_inline(scale=4, border=2, omitsize=True)


def survey_form_pdf(*, campaign, base_url: str, assignments) -> bytes:
    """The paper form: the questions with boxes to tick, and per addressee a QR code of their survey."""
    content = selectors.template_content(campaign.template)
    sheets = [
        {
            "assignment": a,
            "qr": qr_svg(base_url.rstrip("/") + reverse("monitoring:survey-fill", args=[a.token])),
        }
        for a in assignments
    ]
    return render_pdf(
        "pdf/survey_form.html",
        {
            "campaign": campaign,
            "content": content,
            "sheets": sheets or [{"assignment": None, "qr": None}],
            "today": date.today(),
        },
    )
