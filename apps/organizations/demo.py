"""Demo region, municipality, the demo school and two neighbouring organisations."""

from django.utils import timezone

from .models import AcademicYear, Municipality, Organization, Region
from .services import academic_year_ensure

SCHOOLS = [
    {
        "key": "school",
        "short_name": "МБОУ СОШ № 7",
        "full_name": "Муниципальное бюджетное общеобразовательное учреждение "
        "«Средняя общеобразовательная школа № 7»",
        "inn": "8602017250",
        "address": "628408, Ханты-Мансийский автономный округ — Югра, г. Сургут, ул. Гагарина, д. 12",
        "phone": "+7 (3462) 52-41-07",
        "email": "school7@surgut.example.ru",
        "director_name": "Кузнецова Наталья Викторовна",
        "curator_name": "Соловьёва Елена Петровна",
        # The mentor's allowance its Regulation sets: new pairs and their agreements take it.
        "mentor_allowance_amount": 3000,
    },
    {
        "key": "school_other",
        "short_name": "МБОУ Гимназия № 2",
        "full_name": "Муниципальное бюджетное общеобразовательное учреждение «Гимназия № 2»",
        "inn": "8602017331",
        "address": "628400, Ханты-Мансийский автономный округ — Югра, г. Сургут, пр. Ленина, д. 40",
        "phone": "+7 (3462) 35-12-90",
        "email": "gymn2@surgut.example.ru",
        "director_name": "Ёлкин Пётр Фомич",
        "curator_name": "Черных Ирина Олеговна",
        "mentor_allowance_percent": 10,
    },
    {
        "key": "school_third",
        "short_name": "МАУ ДО «Центр детского творчества»",
        "full_name": "Муниципальное автономное учреждение дополнительного образования "
        "«Центр детского творчества»",
        "kind": Organization.Kind.ADDITIONAL,
        "inn": "8602017412",
        "address": "628403, Ханты-Мансийский автономный округ — Югра, г. Сургут, ул. Энергетиков, д. 5",
        "phone": "+7 (3462) 24-66-18",
        "email": "cdt@surgut.example.ru",
        "director_name": "Шевченко Оксана Игоревна",
        "curator_name": "",
    },
]


def seed(ctx) -> None:
    region, _ = Region.objects.get_or_create(name="Ханты-Мансийский автономный округ — Югра")
    municipality, _ = Municipality.objects.update_or_create(
        region=region,
        name="город Сургут",
        defaults={"authority_name": "Департамент образования Администрации города Сургута"},
    )
    other_municipality, _ = Municipality.objects.update_or_create(
        region=region,
        name="город Нефтеюганск",
        defaults={"authority_name": "Департамент образования Администрации города Нефтеюганска"},
    )
    ctx["region"], ctx["municipality"], ctx["other_municipality"] = region, municipality, other_municipality
    for data in SCHOOLS:
        data = dict(data)
        key = data.pop("key")
        org, _ = Organization.objects.update_or_create(
            municipality=municipality,
            short_name=data.pop("short_name"),
            defaults={**data, "locality": "г. Сургут"},
        )
        ctx[key] = org
    far, _ = Organization.objects.update_or_create(
        municipality=other_municipality,
        short_name="НГ МБОУ СОШ № 1",
        defaults={
            "full_name": "Нефтеюганское городское муниципальное бюджетное общеобразовательное учреждение "
            "«Средняя общеобразовательная школа № 1»",
            "locality": "г. Нефтеюганск",
            "director_name": "Дюма Александр Сергеевич",
        },
    )
    ctx["school_far"] = far
    today = timezone.localdate()
    current = academic_year_ensure(start_year=AcademicYear.start_year_for(today), make_current=True)
    academic_year_ensure(start_year=current.start_year - 1)
    ctx["year"] = current
