"""The monitoring's sections of the answer to a subject's request (152-ФЗ art. 14), registered on
``apps.staff.hooks.subject_data_sections``: assessments, observation protocols and the surveys the
person was asked to fill. Survey answers are stored without a link to the person: the section lists
the surveys and when they were answered, not the answers."""

from apps.staff.subject_data import Section, table

from .models import (
    AdaptationAssessment,
    Assessment,
    ObservationProtocol,
    ProfessionalActivity,
    PupilResults,
    SurveyAssignment,
)


def _assessments(person) -> Section:
    return table(
        "Оценки",
        "оценки знаний и умений в начале и в конце программы (уровень 2 модели Киркпатрика)",
        Assessment.objects.filter(mentee=person)
        .select_related("program")
        .order_by("program_id", "area", "stage"),
        [
            ("Программа", "program"),
            ("Этап", "stage"),
            ("Кто оценивает", "rater"),
            ("Направление", "area"),
            ("Балл", lambda a: float(a.score)),
            ("Наибольший балл", lambda a: float(a.max_score)),
        ],
        (30, 18, 24, 30, 8, 10),
    )


def _observations(person) -> Section:
    return table(
        "Наблюдения",
        "протоколы посещения уроков (наблюдение профессиональной деятельности, уровень 3)",
        ObservationProtocol.objects.filter(mentee=person)
        .select_related("program")
        .order_by("visited_on", "pk"),
        [
            ("Программа", "program"),
            ("Дата посещения", "visited_on"),
            ("Этап", "stage"),
            ("Наблюдатель", "observer_role"),
            ("Урок", "lesson"),
            ("Выводы и рекомендации", "notes"),
        ],
        (30, 12, 18, 24, 30, 50),
    )


def _surveys(person) -> Section:
    return table(
        "Анкетирование",
        "анкетирования, в которых субъекту предложено участвовать, и отметка об ответе "
        "(ответы хранятся обезличенно и с субъектом не связаны)",
        SurveyAssignment.objects.filter(person=person)
        .select_related("campaign", "program")
        .order_by("opens_on", "pk"),
        [
            ("Анкетирование", "campaign"),
            ("Программа", "program"),
            ("Роль", "role"),
            ("Открыто с", "opens_on"),
            ("Ответить до", "due_on"),
            ("Ответ получен", "answered_at"),
        ],
        (36, 30, 14, 12, 12, 18),
    )


def _pupil_results(person) -> Section:
    return table(
        "Результаты обучающихся",
        "результаты обучающихся наставляемого в начале и в конце программы (уровень 4)",
        PupilResults.objects.filter(mentee=person).select_related("program").order_by("program_id", "-point"),
        [
            ("Программа", "program"),
            ("Когда", "point"),
            ("ВПР, ОГЭ, ЕГЭ, %", lambda r: None if r.passed_share is None else float(r.passed_share)),
            ("Качество знаний, %", lambda r: None if r.quality_share is None else float(r.quality_share)),
            ("Участники олимпиад", "olympiad_participants"),
            ("Классы, предмет", "classes"),
            ("Источник", "source"),
        ],
        (30, 18, 12, 12, 10, 24, 30),
    )


def _activities(person) -> Section:
    return table(
        "Активность",
        "записи о социально-профессиональной активности и профессиональных результатах",
        ProfessionalActivity.objects.filter(person=person)
        .select_related("program")
        .order_by("happened_on", "pk"),
        [
            ("Программа", "program"),
            ("Дата", "happened_on"),
            ("Вид", "kind"),
            ("Уровень", "level"),
            ("Название", "title"),
            ("Результат", "result"),
        ],
        (30, 12, 24, 14, 40, 16),
    )


def _adaptation(person) -> Section:
    return table(
        "Адаптация",
        "оценки уровня адаптации на новом месте работы (шкала 1–5)",
        AdaptationAssessment.objects.filter(mentee=person)
        .select_related("program")
        .order_by("assessed_on", "pk"),
        [
            ("Программа", "program"),
            ("Дата оценки", "assessed_on"),
            ("Когда", "point"),
            ("Кто оценивает", "rater"),
            ("Уровень", "level"),
            ("На чём основана оценка", "note"),
        ],
        (30, 12, 18, 16, 8, 40),
    )


def sections(*, person) -> list[Section]:
    return [
        _assessments(person),
        _observations(person),
        _surveys(person),
        _pupil_results(person),
        _activities(person),
        _adaptation(person),
    ]
