"""The access journal records who touched personal data (never the data), and the director reads it."""

import io

import openpyxl
import pghistory
import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from apps.audit.models import AccessEvent
from apps.audit.selectors import object_history
from apps.audit.services import audit_record
from tests.factories.staff import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(cast):
    return PersonFactory(
        organization=cast.school, last_name="Тайнова", first_name="Мария", patronymic="Ивановна"
    )


def _values(event: AccessEvent) -> str:
    return " ".join(str(getattr(event, f.attname)) for f in AccessEvent._meta.concrete_fields)


def test_viewing_a_person_card_is_recorded_without_personal_values(client_for, cast, person):
    assert client_for("curator").get(reverse("staff:person-detail", args=[person.pk])).status_code == 200
    event = AccessEvent.objects.get()
    assert (event.user, event.action, event.object_type, event.object_id) == (
        cast.curator,
        "view",
        "staff.person",
        str(person.pk),
    )
    assert event.organization == cast.school and event.role == "Куратор наставничества"
    assert "Тайнова" not in _values(event) and "Мария" not in _values(event)


def test_a_refused_or_hidden_page_is_not_recorded_as_access(client_for, person):
    assert client_for("mentee").get(reverse("staff:person-detail", args=[person.pk])).status_code == 403
    assert (
        client_for("other_curator").get(reverse("staff:person-detail", args=[person.pk])).status_code == 404
    )
    assert not AccessEvent.objects.exists()


def test_an_xlsx_export_of_a_list_is_recorded_as_an_export(client_for, cast, person):
    response = client_for("curator").get(reverse("staff:person-list") + "?export=xlsx")
    assert response.status_code == 200
    event = AccessEvent.objects.get()
    assert event.action == "export" and event.object_type == "list:staff:person-list"
    assert event.organization == cast.school


def test_printing_a_consent_form_is_recorded_as_print(client_for, cast, person):
    assert client_for("curator").get(reverse("staff:consent-pdf", args=[person.pk])).status_code == 200
    assert AccessEvent.objects.get().action == "print"


def test_the_director_reads_the_journal_of_the_own_organisation_only(client_for, cast, person, other_school):
    audit_record(request_or_user=cast.curator, action="view", obj=person)
    other = PersonFactory(organization=other_school)
    audit_record(request_or_user=cast.other_curator, action="view", obj=other)
    response = client_for("director").get(reverse("audit:event-list"))
    assert response.status_code == 200
    assert [e.organization_id for e in response.context["page_obj"].object_list] == [cast.school.pk]


@pytest.mark.parametrize("who", ["curator", "mentor", "council", "nobody"])
def test_the_journal_is_refused_to_everyone_but_the_director(client_for, who):
    assert client_for(who).get(reverse("audit:event-list")).status_code in (403, 404)


def test_journal_export_is_an_xlsx_with_the_rows(client_for, cast, person):
    audit_record(request_or_user=cast.curator, action="print", obj=person)
    response = client_for("director").get(reverse("audit:event-list") + "?export=xlsx")
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][1] == "Кто" and "Соловьёва" in rows[1][1] and rows[1][3] == "печать"


def test_people_with_access_to_personal_data_lists_managing_roles_not_teachers(client_for, cast):
    response = client_for("director").get(reverse("audit:access-list"))
    names = {m.user.username for m in response.context["memberships"]}
    assert {"director", "curator", "council", "psychologist"} <= names
    assert not names & {"mentor", "mentee", "other_curator"}
    xlsx = client_for("director").get(reverse("audit:access-list") + "?export=xlsx")
    rows = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert len(rows) == 1 + len(names)


def test_object_history_names_who_changed_which_field_and_is_shown_escaped(cast, person):
    with pghistory.context(user=cast.curator.pk):
        person.last_name = "<script>alert(1)</script>"
        person.save()
    history = object_history(person)
    assert history[0].user == cast.curator and history[0].label == "изменение"
    assert any(c.new == "<script>alert(1)</script>" for c in history[0].changes)
    html = render_to_string("components/_history.html", {"history": history})
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_the_journal_shows_the_page_in_russian_not_its_url_name(client_for, cast, person):
    assert client_for("curator").get(reverse("staff:person-detail", args=[person.pk])).status_code == 200
    assert client_for("curator").get(reverse("staff:person-list") + "?export=xlsx").status_code == 200
    response = client_for("director").get(reverse("audit:event-list"))
    rows = {(e.object_label, e.page_label) for e in response.context["page_obj"].object_list}
    assert rows == {
        ("педагогический работник", "Карточка педагога"),
        ("список «Реестр педагогов»", "Реестр педагогов"),
    }
    assert "staff:person" not in response.content.decode()
