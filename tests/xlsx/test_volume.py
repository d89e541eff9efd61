"""Exports of 10,000 rows and an import of 5,000 rows keep every row.

Their time budgets (export under 3 s, import under 10 s) are measured by `make bench`, where the machine
is idle; a test on a machine shared with the rest of the suite would fail by chance.
"""

import itertools
from datetime import date, timedelta

import pytest
from django.urls import reverse

from apps.banks.exports import mentee_bank_xlsx, mentor_bank_xlsx
from apps.banks.models import Area, Level, MenteeDifficulty, MenteeEntry, MentorEntry, MentorStrength
from apps.staff.exports import people_xlsx
from apps.staff.models import Person, PersonalDataConsent
from apps.staff.views_import import SESSION_KEY

from .conftest import person_row, read_response, workbook_bytes
from .test_import_views import send

pytestmark = pytest.mark.django_db

SURNAMES = [
    "Иванова",
    "Петрова",
    "Смирнова",
    "Кузнецова",
    "Попова",
    "Васильева",
    "Соколова",
    "Михайлова",
    "Новикова",
    "Фёдорова",
    "Морозова",
    "Волкова",
    "Алексеева",
    "Лебедева",
    "Семёнова",
    "Егорова",
    "Павлова",
    "Козлова",
    "Степанова",
    "Николаева",
]
NAMES = [
    "Мария",
    "Анна",
    "Елена",
    "Ольга",
    "Татьяна",
    "Наталья",
    "Ирина",
    "Светлана",
    "Юлия",
    "Екатерина",
    "Галина",
    "Людмила",
    "Марина",
    "Дарья",
    "Ксения",
    "Алёна",
    "Вера",
    "Надежда",
    "Любовь",
    "Софья",
]
PATRONYMICS = [
    "Петровна",
    "Ивановна",
    "Сергеевна",
    "Александровна",
    "Николаевна",
    "Владимировна",
    "Андреевна",
    "Дмитриевна",
    "Викторовна",
    "Юрьевна",
    "Олеговна",
    "Павловна",
    "Игоревна",
    "Фёдоровна",
    "Михайловна",
]


def names(count):
    """Names in turn; with distinct birth dates (the callers give them) every person is distinct."""
    return itertools.islice(itertools.cycle(itertools.product(SURNAMES, NAMES, PATRONYMICS)), count)


@pytest.fixture
def ten_thousand_people(cast, directory):
    people = Person.objects.bulk_create(
        [
            Person(
                organization=cast.school,
                last_name=last,
                first_name=first,
                patronymic=patronymic,
                sex="f",
                birth_date=date(1960, 1, 1) + timedelta(days=i % 12000),
                position=directory["teacher"],
                total_experience_years=20,
                pedagogical_experience_years=15,
                qualification_category=Person.Category.FIRST,
                category_date=date(2020, 12, 1),
                education_level=Person.EducationLevel.HIGHER,
                education_institution="Сургутский государственный педагогический университет",
                hire_date=date(2010, 9, 1),
                email=f"t{i}@school7.ru",
                phone="+7 912 345-67-89",
            )
            for i, (last, first, patronymic) in enumerate(names(10_000))
        ],
        batch_size=2000,
    )
    through = Person.subjects.through
    through.objects.bulk_create(
        [
            through(person_id=p.pk, subject_id=s.pk)
            for p in people
            for s in (directory["math"], directory["cs"])
        ],
        batch_size=5000,
    )
    PersonalDataConsent.objects.bulk_create(
        [
            PersonalDataConsent(
                person=p,
                subject_address="г. Сургут",
                subject_document="паспорт",
                operator_name="МБОУ СОШ № 7",
                operator_address="г. Сургут",
                purpose="наставничество",
                data_list="ФИО",
                actions="хранение",
                term="до отзыва",
                withdrawal_procedure="заявление",
                text_version="1",
                text_snapshot="…",
                form="paper",
                paper_location="личное дело педагога",
                signed_on=date(2026, 9, 1),
            )
            for p in people
        ],
        batch_size=2000,
    )
    return people


def test_exports_of_10000_rows_hold_every_row(cast, year, ten_thousand_people):
    """One setup of 10,000 people in both banks (building it costs more than the exports)."""
    mentees = MenteeEntry.objects.bulk_create(
        [
            MenteeEntry(
                organization=cast.school, year=year, person=p, category="young", request="Хочу научиться"
            )
            for p in ten_thousand_people
        ],
        batch_size=2000,
    )
    MenteeDifficulty.objects.bulk_create(
        [
            MenteeDifficulty(entry=e, area=a, level=Level.HIGH, comment="нужна помощь")
            for e in mentees
            for a in (Area.ICT, Area.PSYCHOLOGICAL)
        ],
        batch_size=5000,
    )
    mentors = MentorEntry.objects.bulk_create(
        [
            MentorEntry(organization=cast.school, year=year, person=p, confirmed_results="Учитель года")
            for p in ten_thousand_people
        ],
        batch_size=2000,
    )
    MentorStrength.objects.bulk_create(
        [MentorStrength(entry=e, area=Area.SUBJECT, level=Level.HIGH) for e in mentors], batch_size=5000
    )

    # Their time budget (3 s each) is measured by `make bench` («export 10,000 rows»), not here.
    registry = people_xlsx(Person.objects.filter(organization=cast.school))
    mentee_bank = mentee_bank_xlsx(MenteeEntry.objects.filter(organization=cast.school))
    mentor_bank = mentor_bank_xlsx(MentorEntry.objects.filter(organization=cast.school))
    registry_sheet = read_response(registry).active
    assert registry_sheet.max_row == 10_001
    assert registry_sheet["G2"].value == "Информатика; Математика"
    assert read_response(mentee_bank).active.max_row == 10_001
    assert read_response(mentor_bank).active.max_row == 10_001


def test_import_of_5000_rows_creates_every_person(client_for, cast, directory):
    rows = [
        person_row(
            last_name=last,
            first_name=first,
            patronymic=patronymic,
            birth_date=date(1960, 1, 1) + timedelta(days=i),
            email=f"t{i}@school7.ru",
            subjects="Математика; Информатика",
        )
        for i, (last, first, patronymic) in enumerate(names(5000))
    ]
    data = workbook_bytes(rows)
    client = client_for("curator")

    # Its time budget (10 s) is measured by `make bench` («import 5,000 rows»), not here.
    response = send(client, data)  # upload: read and check every row
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post(reverse("staff_import:confirm"), {"token": client.session[SESSION_KEY]["token"]})

    assert response.status_code == 302
    assert Person.objects.filter(organization=cast.school).count() == 5000
    assert Person.subjects.through.objects.filter(person__organization=cast.school).count() == 10_000
