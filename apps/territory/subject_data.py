"""The territory's section of the answer to a subject's request (152-ФЗ art. 14), registered on
``apps.staff.hooks.subject_data_sections``: the person's individual educational routes (ИОМ)."""

from apps.staff.subject_data import Section, table

from .models import Route


def _routes(person) -> Section:
    return table(
        "ИОМ",
        "индивидуальные образовательные маршруты",
        Route.objects.filter(person=person).prefetch_related("actions").order_by("start_year", "pk"),
        [
            ("Годы", lambda r: f"{r.start_year}–{r.end_year}"),
            ("Тьютор", "tutor_name"),
            ("Статус", "status"),
            ("Мероприятия", lambda r: "; ".join(a.title for a in r.actions.all())),
        ],
        (12, 30, 14, 60),
    )


def sections(*, person) -> list[Section]:
    return [_routes(person)]
