"""The program's evaluation plan by the model of Donald Kirkpatrick (seed 004, «Оценка эффективности
программы»): the four levels, what each measures, its instruments, who evaluates (by name) and when
(dates computed from the program's own term). Printed as Приложение 1 to the program."""

from dataclasses import dataclass
from datetime import date, timedelta

from apps.core.russian import initials_name_in, person_named

from .models import Program, Responsible
from .responsibles import responsible_names


@dataclass(frozen=True)
class Level:
    number: int
    name: str
    measures: str
    instruments: str
    evaluators: str
    timing: str


def _d(day: date) -> str:
    return f"{day:%d.%m.%Y}"


def _span(first: date, last: date) -> str:
    return f"{_d(first)} –\u00a0{_d(last)}"  # the dash stays with the first date


def year_end(day: date) -> date:
    """31 August of the academic year (1 September – 31 August) the day belongs to."""
    return date(day.year if day.month <= 8 else day.year + 1, 8, 31)


def _kept(names: str) -> str:
    """«И.\u00a0О.\u00a0Черных»: a name's initials stay on the line of its surname."""
    return ", ".join(name.replace(" ", "\u00a0") for name in names.split(", "))


def _names(*names: str, fallback: str) -> str:
    shown = [n for n in names if n]
    return ", ".join(shown) if shown else fallback


def evaluation_plan(program: Program) -> list[Level]:
    """The four levels for this program; the first and the last two weeks of its term are where the
    seed puts the testing «в начале и в конце реализации программы»."""
    start, end = program.start, program.end
    two_weeks = timedelta(days=13)
    opening = _span(start, min(start + two_weeks, end))
    closing = _span(max(end - two_weeks, start), end)
    middle = start + (end - start) / 2
    names = {
        role: _kept(name)
        for role, name in responsible_names(
            program, {Responsible.MENTOR, Responsible.MENTEE, Responsible.CURATOR}
        ).items()
    }
    mentor, mentees, curator = (
        names[Responsible.MENTOR],
        names[Responsible.MENTEE],
        names[Responsible.CURATOR],
    )
    organization = program.organization
    director = _kept(initials_name_in(person_named(organization.director_name)))
    director_role = (organization.director_position or "директор").lower()
    curator_role = f"куратор {curator}" if curator else "куратор"
    return [
        Level(
            1,
            "Реакция: эмоциональная удовлетворённость наставляемого",
            "Сроки и условия обучения; способы организации наставничества, информированность о содержании "
            "работы; квалификация наставника; готовность применять полученные знания на практике; причины "
            "удовлетворённости или неудовлетворённости; пути совершенствования наставничества.",
            "Анкетирование наставляемых и наставника (анкета удовлетворённости).",
            f"{curator_role}; анкеты заполняют {mentees} и наставник" if mentees else curator_role,
            closing,
        ),
        Level(
            2,
            "Обучение: знания и умения, полученные в программе",
            "Уровень овладения новыми знаниями и умениями в начале и в конце реализации программы.",
            "Тестирование (входное и итоговое).",
            _names(
                f"наставник {mentor}" if mentor else "",
                curator_role,
                fallback="наставник, куратор",
            ),
            f"входное: {opening}; итоговое: {closing}",
        ),
        Level(
            3,
            "Поведение: изменение способов профессиональных действий",
            "Применение освоенных способов поведения и умений на практике по постоянным критериям оценки "
            "деятельности педагога.",
            "Наблюдение, посещение уроков, анкеты и опросники, невключённое наблюдение.",
            _names(curator_role, "непосредственный руководитель, коллеги", fallback="куратор"),
            _span(middle, end),
        ),
        Level(
            4,
            "Результаты для образовательной организации",
            "Рост качества образования; уменьшение числа обращений родителей по вопросам качества "
            "преподавания и организации учебного процесса; закрепление педагогов в организации.",
            "Анализ результатов обучающихся, обращений родителей и кадровых данных по итогам учебного года.",
            _names(
                f"{director_role} {director}".strip() if director else director_role,
                curator_role,
                fallback="руководитель, куратор",
            ),
            f"до {_d(max(year_end(end), end))}",
        ),
    ]
