"""The monitoring's sections of the answer to a subject's request (152-ФЗ art. 14), registered on
``apps.staff.hooks.subject_data_sections``: assessments, observation protocols and the surveys the
person was asked to fill. Survey answers are stored without a link to the person: the section lists
the surveys and when they were answered, not the answers."""

from apps.staff.subject_data import Section, table

from .models import Assessment, ObservationProtocol, SurveyAssignment


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


def sections(*, person) -> list[Section]:
    return [_assessments(person), _observations(person), _surveys(person)]
