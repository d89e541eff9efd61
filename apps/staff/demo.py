"""Demo staff registry: about twenty-five teachers of the demo school (the demo users among them), a
few in the neighbouring gymnasium, consents for most — two without and one withdrawn, to show the
gating. Idempotent: people are found by account or by name and only changed fields are saved.

Also the demo entries of the access journal (audit) about these people: ``seed_access_journal``."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.audit.models import AccessEvent
from apps.audit.services import audit_record

from .models import Person, PersonalDataConsent, Position, Subject
from .services import (
    consent_confirm_in_portal,
    consent_record_paper,
    consent_withdraw,
    person_create,
    person_update,
)

# A one-page PDF standing in for the scan of a signed paper consent.
DEMO_SCAN = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

# consent: "portal" (the user confirms), "paper", "none", "withdrawn"
# fmt: off
SCHOOL_PEOPLE = [
    ("director", "Кузнецова", "Наталья", "Викторовна", "f", date(1972, 4, 18), "Директор", ["Русский язык"],
     31, 29, "highest", date(2021, 12, 24), True,
     "Тобольский государственный педагогический институт им. Д. И. Менделеева", 1994, date(2009, 8, 25),
     "portal", {}),
    ("curator", "Соловьёва", "Елена", "Петровна", "f", date(1978, 11, 2),
     "Заместитель директора по учебно-воспитательной работе", ["Математика"], 24, 22, "highest",
     date(2022, 4, 27), True, "Сургутский государственный педагогический университет", 2000,
     date(2004, 8, 30), "portal", {}),
    ("council", "Григорьева", "Марина", "Александровна", "f", date(1969, 6, 25), "Учитель",
     ["Русский язык", "Литература"], 35, 33, "highest", date(2020, 2, 26), True,
     "Ишимский государственный педагогический институт", 1991, date(1998, 9, 1), "portal", {}),
    ("psychologist", "Лебедева", "Ольга", "Николаевна", "f", date(1985, 9, 14), "Педагог-психолог",
     ["Психолого-педагогическое сопровождение"], 16, 14, "first", date(2023, 3, 29), True,
     "Тюменский государственный университет", 2007, date(2012, 8, 27), "portal", {}),
    ("mentor", "Морозова", "Татьяна", "Сергеевна", "f", date(1976, 3, 9), "Учитель",
     ["Математика", "Алгебра", "Геометрия"], 24, 22, "highest", date(2022, 12, 21), True,
     "Сургутский государственный педагогический университет", 1998, date(2002, 8, 29), "portal", {}),
    ("mentee", "Васильев", "Артём", "Дмитриевич", "m", date(2001, 7, 21), "Учитель",
     ["История", "Обществознание"], 1, 1, "none", None, True,
     "Сургутский государственный педагогический университет", 2025, date(2025, 8, 28), "portal", {}),
    ("reverse", "Ёлкина", "Дарья", "Андреевна", "f", date(1998, 12, 5), "Учитель", ["Информатика"], 4, 3,
     "first", date(2025, 5, 28), True, "Югорский государственный университет", 2021, date(2022, 8, 29),
     "portal", {}),
    (None, "Гусев", "Лев", "Аркадьевич", "m", date(1965, 1, 30), "Учитель", ["Физика", "Астрономия"], 38, 36,
     "mentor", date(2024, 11, 27), True, "Омский государственный педагогический институт", 1987,
     date(1995, 8, 21), "paper", {"phone": "+7 912 410-22-35"}),
    (None, "Шевченко", "Ирина", "Богдановна", "f", date(1980, 5, 17), "Учитель",
     ["Иностранный язык (английский)"], 20, 18, "highest", date(2021, 4, 28), True,
     "Нижневартовский государственный университет", 2002, date(2006, 8, 28), "paper", {}),
    (None, "Кузьмина-Караваева", "Алёна", "Игоревна", "f", date(2002, 2, 11), "Учитель", ["Начальные классы"],
     0, 0, "none", None, True, "Сургутский педагогический колледж", 2022, date(2026, 8, 27), "paper",
     {"education_level": "secondary_vocational"}),
    (None, "Черных", "Максим", "Олегович", "m", date(1999, 10, 3), "Учитель", ["Физическая культура"], 2, 2,
     "none", None, True, "Сибирский государственный университет физической культуры и спорта", 2024,
     date(2024, 8, 26), "paper", {}),
    (None, "Дюма", "Софья", "Андреевна", "f", date(2000, 8, 19), "Учитель",
     ["Иностранный язык (французский)"], 1, 1, "none", None, True, "Тюменский государственный университет",
     2025, date(2025, 8, 25), "paper", {}),
    (None, "Ахмедова", "Лейла", "Руслановна", "f", date(1990, 4, 4), "Учитель-логопед",
     ["Логопедическая работа"], 12, 10, "first", date(2022, 10, 26), True,
     "Шадринский государственный педагогический университет", 2012, date(2015, 9, 1), "paper", {}),
    (None, "Беляев", "Константин", "Павлович", "m", date(1983, 9, 30), "Учитель", ["Химия", "Биология"], 18,
     6, "first", date(2024, 2, 28), False, "Тюменский индустриальный университет (инженер-химик)", 2005,
     date(2019, 8, 26), "paper", {}),
    (None, "Орлова-Седых", "Виктория", "Ильинична", "f", date(1992, 1, 15), "Социальный педагог",
     ["Социально-педагогическое сопровождение"], 9, 7, "first", date(2023, 12, 20), True,
     "Сургутский государственный педагогический университет", 2014, date(2018, 8, 27), "paper", {}),
    (None, "Фёдоров", "Игорь", "Васильевич", "m", date(1974, 7, 7),
     "Преподаватель-организатор основ безопасности и защиты Родины", ["Основы безопасности и защиты Родины"],
     30, 11, "conformity", date(2023, 5, 31), False, "Омское высшее общевойсковое командное училище", 1995,
     date(2015, 8, 31), "paper", {}),
    (None, "Никитина", "Светлана", "Юрьевна", "f", date(1987, 3, 22), "Учитель", ["Начальные классы"], 15, 15,
     "highest", date(2024, 4, 24), True, "Сургутский государственный педагогический университет", 2009,
     date(2010, 8, 30), "paper", {}),
    (None, "Седых", "Анна", "Викторовна", "f", date(1995, 6, 6), "Учитель", ["Изобразительное искусство"], 6,
     6, "none", None, True, "Омский государственный педагогический университет", 2018, date(2020, 8, 31),
     "none", {}),
    (None, "Петрова", "Алина", "Руслановна", "f", date(2003, 3, 3), "Педагог-организатор",
     ["Внеурочная деятельность"], 0, 0, "none", None, True, "Сургутский педагогический колледж", 2024,
     date(2026, 9, 1), "none", {"education_level": "secondary_vocational"}),
    (None, "Захарова", "Ксения", "Олеговна", "f", date(1996, 11, 11),
     "Советник директора по воспитанию и взаимодействию с детскими общественными объединениями",
     ["Воспитательная работа и классное руководство"], 5, 4, "none", None, True,
     "Югорский государственный университет", 2019, date(2023, 9, 1), "paper", {}),
    (None, "Романов", "Денис", "Сергеевич", "m", date(1989, 2, 27), "Педагог дополнительного образования",
     ["Техническая направленность"], 12, 8, "first", date(2022, 3, 30), False,
     "Сургутский государственный университет (инженер-программист)", 2011, date(2017, 9, 1), "paper", {}),
    (None, "Ильина", "Мария", "Фёдоровна", "f", date(1970, 10, 10), "Педагог-библиотекарь",
     ["Библиотечно-информационная работа"], 32, 20, "first", date(2021, 10, 27), True,
     "Челябинский государственный институт культуры", 1992, date(2005, 8, 29), "paper", {}),
    (None, "Тарасова", "Юлия", "Геннадьевна", "f", date(1993, 5, 5), "Тьютор",
     ["Коррекционно-развивающие занятия"], 8, 8, "first", date(2024, 12, 25), True,
     "Уральский государственный педагогический университет", 2016, date(2017, 8, 28), "paper", {}),
    (None, "Ковальчук", "Пётр", "Николаевич", "m", date(1979, 12, 12), "Учитель", ["География"], 22, 20,
     "highest", date(2020, 12, 23), True, "Тобольский государственный педагогический институт", 2002,
     date(2004, 8, 30), "withdrawn", {}),
    (None, "Мамедов", "Рустам", "Эльдарович", "m", date(1997, 9, 9), "Учитель", ["Музыка"], 4, 4, "none",
     None, True, "Уральская государственная консерватория им. М. П. Мусоргского", 2021, date(2022, 9, 1),
     "paper", {}),
    (None, "Миронова", "Анастасия", "Владимировна", "f", date(1975, 8, 1),
     "Преподаватель (профессорско-преподавательский состав)", ["Математика"], 27, 25, "none", None, True,
     "Уральский государственный университет", 1997, None, "paper",
     {"is_external": True,
      "external_organization": "ФГБОУ ВО «Сургутский государственный педагогический университет», "
                               "доцент кафедры математики"}),
]

OTHER_SCHOOL_PEOPLE = [
    ("other_director", "Ёлкин", "Пётр", "Фомич", "m", date(1968, 2, 14), "Директор", ["Физика"], 34, 32,
     "highest", date(2020, 6, 24), True, "Томский государственный педагогический институт", 1990,
     date(2011, 8, 22), "portal", {}),
    ("other_curator", "Черных", "Ирина", "Олеговна", "f", date(1981, 7, 30),
     "Заместитель директора по научно-методической работе", ["Литература"], 21, 21, "highest",
     date(2023, 1, 25), True, "Сургутский государственный педагогический университет", 2003,
     date(2008, 8, 25), "portal", {}),
    (None, "Соловьева", "Ольга", "Игоревна", "f", date(1991, 9, 19), "Учитель", ["Биология"], 10, 10, "first",
     date(2024, 10, 30), True, "Тюменский государственный университет", 2013, date(2014, 8, 25), "paper", {}),
    (None, "Дюма", "Виктор", "Павлович", "m", date(1986, 4, 2), "Учитель", ["История"], 15, 15, "first",
     date(2022, 5, 25), True, "Омский государственный педагогический университет", 2008, date(2012, 8, 27),
     "paper", {}),
    (None, "Ярославцева", "Нина", "Семёновна", "f", date(2000, 1, 28), "Учитель", ["Русский язык"], 2, 2,
     "none", None, True, "Сургутский государственный педагогический университет", 2023, date(2024, 8, 26),
     "none", {}),
]
# fmt: on


def _address(number: int) -> str:
    streets = ["ул. Ленина", "пр. Мира", "ул. Университетская", "ул. 30 лет Победы", "ул. Энергетиков"]
    street = streets[number % len(streets)]
    return f"628400, ХМАО — Югра, г. Сургут, {street}, д. {10 + number}, кв. {number * 7 % 120 + 1}"


def _document(number: int) -> str:
    return (
        f"паспорт гражданина РФ 67 {10 + number % 12:02d} {400000 + number * 7919 % 99999}, "
        "выдан УМВД России по Ханты-Мансийскому автономному округу — Югре "
        f"{date(2015, 1 + number % 12, 10):%d.%m.%Y}"
    )


def _email(person_row, organization_key: str) -> str:
    translit = str.maketrans(
        {
            "а": "a",
            "б": "b",
            "в": "v",
            "г": "g",
            "д": "d",
            "е": "e",
            "ё": "e",
            "ж": "zh",
            "з": "z",
            "и": "i",
            "й": "y",
            "к": "k",
            "л": "l",
            "м": "m",
            "н": "n",
            "о": "o",
            "п": "p",
            "р": "r",
            "с": "s",
            "т": "t",
            "у": "u",
            "ф": "f",
            "х": "kh",
            "ц": "ts",
            "ч": "ch",
            "ш": "sh",
            "щ": "shch",
            "ъ": "",
            "ы": "y",
            "ь": "",
            "э": "e",
            "ю": "yu",
            "я": "ya",
            "-": "-",
        }
    )
    last, first = person_row[1].lower().translate(translit), person_row[2].lower().translate(translit)
    domain = "school7.example.ru" if organization_key == "school" else "gymn2.example.ru"
    return f"{first[0]}.{last}@{domain}"


def _seed_people(ctx, organization_key: str, rows: list, *, numbering: str = "") -> list[Person]:
    """``numbering``: the format of the personnel numbers (1С's codes) given by the row's place, such
    as ``"{:06d}"``; none by default (a row added by another app's step is not numbered here)."""
    organization = ctx[organization_key]
    positions = {p.name: p for p in Position.objects.all()}
    subjects = {s.name: s for s in Subject.objects.all()}
    today = timezone.localdate()
    people = []
    for number, row in enumerate(rows):
        (
            key,
            last,
            first,
            patronymic,
            sex,
            born,
            position,
            subject_names,
            total,
            pedagogical,
            category,
            category_date,
            pedagogical_education,
            institution,
            graduated,
            hired,
            consent,
            extra,
        ) = row
        user = ctx.objects.get(f"user_{key}") if key else None
        data = {
            "last_name": last,
            "first_name": first,
            "patronymic": patronymic,
            "sex": sex,
            "birth_date": born,
            "position": positions[position],
            "total_experience_years": total,
            "pedagogical_experience_years": pedagogical,
            "qualification_category": category,
            "category_date": category_date,
            "education_level": Person.EducationLevel.HIGHER,
            "education_pedagogical": pedagogical_education,
            "education_institution": institution,
            "education_year": graduated,
            "hire_date": hired,
            "email": user.email if user else _email(row, organization_key),
            "phone": f"+7 912 {400 + number:03d}-{10 + number:02d}-{30 + number:02d}",
            # The code in 1С:ЗУП; an external mentor is not an employee of the school.
            "personnel_number": numbering.format(101 + number)
            if numbering and not extra.get("is_external")
            else "",
            **extra,
        }
        chosen = [subjects[name] for name in subject_names]
        person = None
        if user is not None:
            person = Person.objects.filter(organization=organization, user=user).first()
        if person is None:
            person = Person.objects.filter(
                organization=organization, last_name=last, first_name=first, patronymic=patronymic
            ).first()
        if person is None:
            person = person_create(organization=organization, data=data, subjects=chosen)
        elif not person.consents.filter(destroyed_on__isnull=False).exists():
            if set(person.subjects.values_list("pk", flat=True)) == {s.pk for s in chosen}:
                chosen = None
            person = person_update(person=person, data=data, subjects=chosen)
        if user is not None and person.user_id != user.pk:
            Person.objects.filter(pk=person.pk).update(user=user)
            person.user = user
        if not PersonalDataConsent.objects.filter(person=person).exists() and consent != "none":
            details = {
                "subject_address": _address(number),
                "subject_document": _document(number),
            }
            if consent == "portal" and user is not None:
                consent_confirm_in_portal(person=person, user=user, **details)
            else:
                record = consent_record_paper(
                    person=person,
                    signed_on=today - timedelta(days=60 + number),
                    scan=SimpleUploadedFile("scan.pdf", DEMO_SCAN, content_type="application/pdf"),
                    recorded_by=ctx["user_curator"],
                    **details,
                )
                if consent == "withdrawn":
                    consent_withdraw(
                        consent=record,
                        withdrawn_by=ctx["user_curator"],
                        withdrawn_on=today - timedelta(days=10),
                    )
        if key:
            ctx[f"person_{key}"] = person
        people.append(person)
    return people


def seed(ctx) -> None:
    # The two schools number their employees in 1С differently.
    ctx["people"] = _seed_people(ctx, "school", SCHOOL_PEOPLE, numbering="000{:03d}")
    ctx["people_other"] = _seed_people(ctx, "school_other", OTHER_SCHOOL_PEOPLE, numbering="0000-{:05d}")


def seed_access_journal(ctx) -> None:
    """Demo entries of the access journal of МБОУ СОШ № 7: the curator and the director at work."""
    users = get_user_model().objects.in_bulk(["curator", "director"], field_name="username")
    curator, director = users.get("curator"), users.get("director")
    if curator is None or director is None or AccessEvent.objects.exists():
        return
    people = list(
        Person.objects.filter(organization__memberships__user=curator).distinct().order_by("pk")[:4]
    )
    for person in people:
        audit_record(request_or_user=curator, action="view", obj=person, url_name="staff:person-detail")
    if people:
        audit_record(request_or_user=curator, action="print", obj=people[0], url_name="staff:consent-pdf")
        audit_record(request_or_user=director, action="view", obj=people[-1], url_name="staff:person-detail")
        audit_record(
            request_or_user=curator,
            action="export",
            organization=people[0].organization,
            object_type="list:staff:person-list",
            url_name="staff:person-list",
        )
