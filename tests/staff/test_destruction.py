"""Destruction of personal data after a withdrawal (152-ФЗ art. 21 p. 5): only when due, names kept,
everything else erased, the change history deleted, and an act recorded."""

from datetime import timedelta
from io import StringIO

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from apps.accounts.models import Membership
from apps.banks.models import MenteeEntry, MentorEntry
from apps.core.exceptions import DomainError
from apps.organizations.models import AcademicYear
from apps.staff import services
from apps.staff.models import DestructionAct, Person, PersonalDataConsent
from tests.factories.staff import PersonFactory, give_consent, subject

pytestmark = pytest.mark.django_db


@pytest.fixture
def withdrawn(cast):
    """A teacher with an account, both banks and a scan, who withdrew the consent ten days ago."""
    year = AcademicYear.objects.get(is_current=True)
    person = PersonFactory(
        organization=cast.school,
        last_name="Ковальчук",
        first_name="Пётр",
        patronymic="Николаевич",
        sex="m",
        user=cast.mentee,
        phone="+7 912 555-44-33",
        email="p.kovalchuk@example.ru",
        education_institution="Тобольский педагогический институт",
        subjects=[subject("География")],
    )
    consent = give_consent(person, signed_on=timezone.localdate() - timedelta(days=100))
    mentee = MenteeEntry.objects.create(
        organization=cast.school,
        year=year,
        person=person,
        category="new_technology",
        request="Хочу научиться работать с интерактивной доской",
    )
    mentor = MentorEntry.objects.create(
        organization=cast.school,
        year=year,
        person=person,
        motivation="Люблю делиться опытом",
        confirmed_results="Победитель конкурса «Учитель года — 2019»",
    )
    consent = services.consent_withdraw(
        consent=consent, withdrawn_by=None, withdrawn_on=timezone.localdate() - timedelta(days=10)
    )
    return person, consent, mentee, mentor


def run_command(*args) -> str:
    out = StringIO()
    call_command("destroy_withdrawn_personal_data", *args, stdout=out, stderr=out)
    return out.getvalue()


def test_nothing_is_destroyed_before_the_thirty_days(withdrawn):
    person, _consent, *_ = withdrawn
    assert "Уничтожены данные: 0" in run_command()
    person.refresh_from_db()
    assert person.phone == "+7 912 555-44-33"
    assert not DestructionAct.objects.exists()


def test_command_destroys_the_data_keeps_the_names_and_records_the_act(
    withdrawn, cast, django_capture_on_commit_callbacks
):
    person, consent, mentee, mentor = withdrawn
    scan_name = consent.scan.name
    assert default_storage.exists(scan_name)
    with django_capture_on_commit_callbacks(execute=True):
        output = run_command("--date", (timezone.localdate() + timedelta(days=20)).isoformat())
    assert "Уничтожены данные: 1" in output

    person.refresh_from_db()
    assert (person.last_name, person.first_name, person.patronymic) == ("Ковальчук", "Пётр", "Николаевич")
    assert person.name_genitive == "Ковальчука Петра Николаевича"
    assert person.phone == "" and person.email == "" and person.birth_date is None
    assert person.position is None and person.education_institution == "" and person.hire_date is None
    assert person.total_experience_years is None and person.user is None
    assert not person.subjects.exists()

    consent.refresh_from_db()
    assert consent.destroyed_on == timezone.localdate() + timedelta(days=20)
    assert consent.subject_address == "" and consent.subject_document == "" and consent.text_snapshot == ""
    assert not consent.scan
    assert not default_storage.exists(scan_name)

    mentee.refresh_from_db()
    mentor.refresh_from_db()
    assert mentee.request == "" and mentor.motivation == "" and mentor.confirmed_results == ""

    act = DestructionAct.objects.get()
    assert act.person == person
    assert act.person_name == "Ковальчук Пётр Николаевич"
    assert act.organization == cast.school
    assert act.operator_name == cast.school.full_name
    assert "дата рождения" in act.data_list and "номер телефона" in act.data_list
    assert "Наставник.Школа" in act.system
    assert "Отзыв согласия на обработку персональных данных" in act.reason
    assert act.destroyed_by is None and "автоматически" in act.destroyed_by_name
    assert act.keep_until == (timezone.localdate() + timedelta(days=20)).replace(
        year=(timezone.localdate() + timedelta(days=20)).year + 3
    )
    assert act.event_log_extract and {row["object"] for row in act.event_log_extract} >= {"person", "consent"}
    assert "Ковальчук" not in str(act.event_log_extract) and "555-44-33" not in str(act.event_log_extract)


def test_destruction_deletes_the_change_history_of_the_person(withdrawn):
    person, consent, mentee, mentor = withdrawn
    event_models = [
        apps.get_model("staff", "PersonEvent"),
        apps.get_model("staff", "PersonalDataConsentEvent"),
        apps.get_model("banks", "MenteeEntryEvent"),
        apps.get_model("banks", "MentorEntryEvent"),
    ]
    assert all(model.objects.exists() for model in event_models)
    services.personal_data_destroy(consent=consent, today=timezone.localdate() + timedelta(days=20))
    assert not apps.get_model("staff", "PersonEvent").objects.filter(pgh_obj_id=person.pk).exists()
    assert (
        not apps.get_model("staff", "PersonalDataConsentEvent").objects.filter(pgh_obj_id=consent.pk).exists()
    )
    assert not apps.get_model("banks", "MenteeEntryEvent").objects.filter(pgh_obj_id=mentee.pk).exists()
    assert not apps.get_model("banks", "MentorEntryEvent").objects.filter(pgh_obj_id=mentor.pk).exists()


def test_destruction_closes_the_account_left_without_roles(withdrawn, cast):
    _person, consent, *_ = withdrawn
    services.personal_data_destroy(consent=consent, today=timezone.localdate())
    cast.mentee.refresh_from_db()
    assert not Membership.objects.filter(user=cast.mentee, is_active=True).exists()
    assert not cast.mentee.is_active and cast.mentee.email == ""


def test_destruction_keeps_an_account_that_still_has_roles_elsewhere(withdrawn, cast):
    _person, consent, *_ = withdrawn
    Membership.objects.create(user=cast.mentee, role="mentor", organization=cast.other_school)
    services.personal_data_destroy(consent=consent, today=timezone.localdate())
    cast.mentee.refresh_from_db()
    assert cast.mentee.is_active
    assert not Membership.objects.filter(user=cast.mentee, organization=cast.school, is_active=True).exists()


def test_a_person_who_consented_again_is_not_destroyed(withdrawn):
    person, consent, *_ = withdrawn
    give_consent(person)
    output = run_command("--date", (timezone.localdate() + timedelta(days=40)).isoformat())
    assert "Уничтожены данные: 0" in output
    person.refresh_from_db()
    assert person.phone == "+7 912 555-44-33"
    with pytest.raises(DomainError):
        services.personal_data_destroy(consent=consent, today=timezone.localdate())


def test_destroying_twice_is_refused(withdrawn):
    _, consent, *_ = withdrawn
    services.personal_data_destroy(consent=consent, today=timezone.localdate())
    with pytest.raises(DomainError) as error:
        services.personal_data_destroy(consent=consent, today=timezone.localdate())
    assert "уже уничтожены" in error.value.message
    assert DestructionAct.objects.count() == 1


def test_a_valid_consent_cannot_be_destroyed(cast):
    consent = give_consent(PersonFactory(organization=cast.school))
    with pytest.raises(DomainError):
        services.personal_data_destroy(consent=consent, today=timezone.localdate())


def test_dry_run_lists_and_changes_nothing(withdrawn):
    person, *_ = withdrawn
    output = run_command("--dry-run", "--date", (timezone.localdate() + timedelta(days=30)).isoformat())
    assert "Ковальчук П. Н." in output and "Подлежат уничтожению: 1" in output
    assert not DestructionAct.objects.exists()
    assert PersonalDataConsent.objects.get(person=person).destroyed_on is None


def test_a_bad_date_stops_the_command_with_a_message(withdrawn):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="ГГГГ-ММ-ДД"):
        run_command("--date", "01.10.2026")


def test_card_of_a_destroyed_person_shows_only_the_names(client_for, withdrawn):
    person, consent, *_ = withdrawn
    services.personal_data_destroy(consent=consent, today=timezone.localdate())
    page = client_for("curator").get(f"/staff/{person.pk}/").content.decode()
    assert "Ковальчук Пётр Николаевич" in page
    assert "Персональные данные уничтожены" in page
    acts = client_for("curator").get("/staff/destruction-acts/").content.decode()
    assert "Ковальчук Пётр Николаевич" in acts and "Отзыв согласия" in acts
    assert Person.objects.filter(pk=person.pk).exists()


def test_the_act_keeps_an_extract_of_the_access_journal_without_values(client_for, withdrawn, cast):
    """152-ФЗ art. 21 p. 5: the act goes with an extract of the event log, including who viewed the data."""
    from apps.audit.models import AccessEvent

    person, consent, *_ = withdrawn
    client_for("curator").get(f"/staff/{person.pk}/")
    assert AccessEvent.objects.filter(object_type="staff.person", object_id=str(person.pk)).exists()
    act = services.personal_data_destroy(consent=consent, today=timezone.localdate())
    access = [row for row in act.event_log_extract if row["object"] == "access:staff.person"]
    assert access and access[0]["event"] == "view" and access[0]["user_id"] == cast.curator.pk
    assert access[0]["action"] == "staff:person-detail"
    assert "Ковальчук" not in str(act.event_log_extract)
    # The journal itself stays: it names no values.
    assert AccessEvent.objects.filter(object_type="staff.person", object_id=str(person.pk)).exists()
