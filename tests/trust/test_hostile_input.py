"""Hostile input into the main forms: never a 500, nothing half-saved, stored text shown escaped.

Hypothesis draws long Unicode, control characters and NUL bytes, HTML/script, SQL fragments,
impossible dates and huge numbers for the fields of each form, posted by the role allowed to use it.
"""

import pytest
from django.apps import apps
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
NASTY_TEXT = [
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE staff_person; --",
    "1' OR '1'='1",
    '=HYPERLINK("http://evil")',
    "\x00",
    "Иванова\x00",
    "\u202eevil\u202c",
    "\ud7ff\ufffd\U0001f600" * 50,
    "\r\n\t\x0b\x0c\x1b",
    "A" * 5000,
    "Ё" * 400,
    " ",
    "{{ 7*7 }}{% debug %}",
]
text = st.one_of(
    st.sampled_from(NASTY_TEXT),
    st.text(max_size=300),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=40),
)
dates = st.one_of(
    st.sampled_from(
        ["2026-02-30", "0000-00-00", "99999-01-01", "31.13.2026", "1900-01-01", "9999-12-31", "\x00", ""]
    ),
    st.dates().map(str),
)
numbers = st.one_of(
    st.sampled_from(["99999999999999999999999", "-1", "1e309", "NaN", "0x10", "\x00", "", "2147483648"]),
    st.integers().map(str),
)
KINDS = {"text": text, "date": dates, "int": numbers}

HYPOTHESIS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _choice(form_path: str, field: str) -> str:
    module, _, name = form_path.rpartition(".")
    form = getattr(__import__(module, fromlist=[name]), name)
    return next(str(v) for v, _ in form.base_fields[field].choices if v not in ("", None))


def _cases(world):
    o = world.own
    return {
        "person-create": (
            "curator",
            reverse("staff:person-create"),
            {"last_name": "Иванова", "first_name": "Анна", "patronymic": "Петровна", "sex": "f"},
            {
                "last_name": "text",
                "first_name": "text",
                "patronymic": "text",
                "birth_date": "date",
                "total_experience_years": "int",
                "phone": "text",
                "email": "text",
                "education_institution": "text",
                "personnel_number": "text",
            },
            ["staff.Person"],
        ),
        "order-draft": (
            "curator",
            reverse("orders:order-create"),
            {"kind": _choice("apps.orders.forms.OrderForm", "kind"), "title": "О наставничестве"},
            {
                "title": "text",
                "preamble": "text",
                "items_text": "text",
                "control_text": "text",
                "preparer_name": "text",
            },
            ["orders.Order", "orders.OrderParticipant"],
        ),
        "event-create": (
            "mentor",
            reverse("programs:event-add", args=[o.program.pk]),
            {
                "form": _choice("apps.programs.forms.EventEditForm", "form"),
                "responsible": "mentor",
                "start": "2026-11-02",
            },
            {
                "title": "text",
                "expected_result": "text",
                "start": "date",
                "end": "date",
                "responsible_other": "text",
            },
            ["programs.RoadmapEvent"],
        ),
        "activity-log": (
            "mentor",
            reverse("programs:activity-add", args=[o.program.pk]),
            {
                "date": "2026-10-20",
                "minutes": "45",
                "kind": _choice("apps.programs.forms.ActivityForm", "kind"),
                "format": _choice("apps.programs.forms.ActivityForm", "format"),
            },
            {"notes": "text", "date": "date", "minutes": "int"},
            ["programs.ActivityLog"],
        ),
        "program-comment": (
            "mentor",
            reverse("programs:comment-add", args=[o.program.pk]),
            {},
            {"text": "text"},
            ["programs.ProgramComment"],
        ),
        "program-change": (
            "mentor",
            reverse("programs:change-propose", args=[o.program.pk]),
            {"reason": "Нужно время"},
            {"reason": "text", "content": "text", "tasks": "text", "deficit_plan": "text", "new_end": "date"},
            ["programs.ProgramChange"],
        ),
        "consent": (
            "mentor",
            reverse("staff:consent-confirm", args=[o.person.pk]),
            {"agree": "on"},
            {"subject_address": "text", "subject_document": "text", "representative": "text"},
            ["staff.PersonalDataConsent"],
        ),
        "questionnaire": (
            "mentor",
            reverse("banks:questionnaire-mentee"),
            {"category": _choice("apps.banks.forms.MenteeQuestionnaireForm", "category")},
            {"request": "text"},
            ["banks.MenteeEntry", "banks.MenteeDifficulty"],
        ),
        "risk-entry": (
            "curator",
            reverse("risks:entry-create"),
            {"kind": "load"},
            {"description": "text", "measure": "text", "due_on": "date"},
            ["risks.RiskEntry"],
        ),
    }


def _counts(models):
    return {m: apps.get_model(m).objects.count() for m in models}


@pytest.mark.parametrize(
    "case",
    [
        "person-create",
        "order-draft",
        "event-create",
        "activity-log",
        "program-comment",
        "program-change",
        "consent",
        "questionnaire",
        "risk-entry",
    ],
)
def test_hostile_values_never_500_never_half_saved_and_shown_escaped(case, world, client, settings):
    settings.MEDIA_ROOT = world.media
    role, url, base, fields, models = _cases(world)[case]
    client.force_login(getattr(world.cast, role))

    @HYPOTHESIS
    @given(values=st.fixed_dictionaries({name: KINDS[kind] for name, kind in fields.items()}))
    def post(values):
        data = {**base, **values}
        with transaction.atomic():
            before = _counts(models)
            response = client.post(url, data)
            assert response.status_code != 500
            pages = [response]
            if response.status_code == 302:
                pages.append(client.get(response["Location"]))
            else:
                assert _counts(models) == before, f"an invalid answer ({response.status_code}) saved rows"
            for page in pages:
                assert page.status_code != 500
                if page.get("Content-Type", "").startswith("text/html"):
                    assert SCRIPT.encode() not in page.content
            transaction.set_rollback(True)

    post()


@pytest.mark.parametrize(
    ("role", "name"),
    [
        ("curator", "staff:person-list"),
        ("curator", "banks:mentee-list"),
        ("curator", "banks:mentor-list"),
        ("curator", "pairs:group-list"),
        ("curator", "orders:order-list"),
        ("curator", "programs:program-list"),
        ("director", "audit:event-list"),
    ],
)
@pytest.mark.parametrize("value", ["\x00", SCRIPT, "2026-02-30", "9" * 40, "' OR 1=1 --"])
def test_hostile_filter_values_in_lists_never_500(role, name, value, world, client):
    client.force_login(getattr(world.cast, role))
    params = dict.fromkeys(("q", "status", "page", "since", "year", "position", "action", "mentor"), value)
    with transaction.atomic():
        response = client.get(reverse(name), params)
        transaction.set_rollback(True)
    assert response.status_code in (200, 302, 404)
    assert SCRIPT.encode() not in response.content


@pytest.mark.parametrize(
    "formula", ['=HYPERLINK("http://evil","x")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3*cmd"]
)
def test_formulas_stored_in_names_are_neutralised_in_the_registry_export(formula, world, client):
    import io

    import openpyxl

    from tests.factories.staff import PersonFactory

    client.force_login(world.cast.curator)
    with transaction.atomic():
        PersonFactory(organization=world.cast.school, last_name=formula, first_name="Анна")
        response = client.get(reverse("staff:person-list"), {"export": "xlsx"})
        transaction.set_rollback(True)
    cells = [
        c
        for row in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
        for c in row
    ]
    assert not any(isinstance(c, str) and c.startswith(("=", "+", "@", "-2+3*")) for c in cells)
    assert any(isinstance(c, str) and formula in c for c in cells)
