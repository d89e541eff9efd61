"""Every URL name of the portal has a decided answer for every role, and the portal gives it."""

import os
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.urls import reverse

from tests.trust.permission_matrix import (
    MATRIX,
    OUTSIDERS,
    PENDING,
    ROLES,
    _target,
    answer_matches,
    kwargs_for,
)
from tests.trust.urlwalk import url_names

pytestmark = pytest.mark.django_db

ROWS = {row.name: row for row in MATRIX}


def _answer(response) -> str:
    if response.status_code == 302:
        return "302" if "/login/" in response["Location"] else "302R"
    return str(response.status_code)


def _sign_in(client, world, role: str) -> None:
    client.logout()
    if role != "anonymous":
        client.force_login(getattr(world.cast, role))


def _request(client, method: str, url: str) -> str:
    """One request in a savepoint rolled back afterwards, so that the world stays as built."""
    try:
        with transaction.atomic():
            response = getattr(client, method)(url)
            transaction.set_rollback(True)
            return _answer(response)
    except Exception as exc:
        return f"500 ({type(exc).__name__})"


def _url(world, row, target: str | None = None) -> str:
    args = url_names()[row.name]
    return reverse(row.name, kwargs=kwargs_for(row.name, args, world.own, world, target or row.target))


def _params(rows):
    return [
        pytest.param(
            row, id=row.name, marks=[pytest.mark.xfail(strict=True, reason=row.xfail)] if row.xfail else []
        )
        for row in rows
    ]


def test_every_url_name_has_a_row():
    missing = sorted(set(url_names()) - set(ROWS) - PENDING)
    assert not missing, f"URL names without a row in tests/trust/permission_matrix.py: {missing}"


def test_no_row_names_a_url_that_does_not_exist():
    assert not sorted(set(ROWS) - set(url_names()))


def test_a_url_with_a_row_is_no_longer_pending():
    assert not PENDING & set(ROWS)


def test_every_row_answers_for_every_role():
    for row in MATRIX:
        assert set(row.expected()) == set(ROLES)


@pytest.mark.parametrize("row", _params(MATRIX))
def test_get_answer_of_every_role(row, world, client, settings):
    settings.MEDIA_ROOT = world.media
    url = _url(world, row)
    wrong = {}
    for role, expected in row.expected().items():
        _sign_in(client, world, role)
        got = _request(client, "get", url)
        if not answer_matches(got, expected):
            wrong[role] = f"expected {expected}, got {got}"
    assert not wrong, f"{row.name} {url}: {wrong}"


@pytest.mark.parametrize(
    "row",
    [
        pytest.param(
            row,
            id=row.name,
            marks=[pytest.mark.xfail(strict=True, reason=row.post_xfail)] if row.post_xfail else [],
        )
        for row in MATRIX
        if row.post_as
    ],
)
def test_post_answer_of_every_role(row, world, client, settings):
    """POST-only actions in scope: who may act gets the success answer (a redirect), who may not 403/404.
    Each POST is rolled back, so every role meets the world as built."""
    settings.MEDIA_ROOT = world.media
    url = _url(world, row, row.post_target)
    wrong = {}
    for role, expected in row.expected_post().items():
        _sign_in(client, world, role)
        got = _request(client, "post", url)
        if not answer_matches(got, expected):
            wrong[role] = f"expected {expected}, got {got}"
    assert not wrong, f"POST {row.name} {url}: {wrong}"


def test_every_post_only_view_has_post_answers():
    """A «405: *» row without ``post_as`` would test its POST for outsiders only."""
    skipped = {"accounts:organization-switch"}  # needs an organisation of the user's own; tests/accounts
    missing = [r.name for r in MATRIX if r.get == "405: *" and not r.post_as and r.name not in skipped]
    assert not missing


LISTS = [row for row in MATRIX if not url_names()[row.name] and "405" not in row.get]


@pytest.mark.parametrize("row", _params(LISTS))
def test_query_parameters_do_not_widen_who_gets_a_list(row, world, client, settings):
    """``?export=xlsx`` and filters naming another school's objects open nothing the plain list refuses (they
    may narrow it: the export is the managers', another school is 404); what a 200 contains is read by
    ``test_canary.py``."""
    settings.MEDIA_ROOT = world.media
    other = world.other
    query = urlencode(
        {
            "export": "xlsx",
            "organization": world.cast.other_school.pk,
            "org": world.cast.other_school.pk,
            "person": other.person.pk,
            "mentor": other.mentor_entry.pk,
            "mentee": other.mentee_entry.pk,
        }
    )
    url = f"{_url(world, row)}?{query}"
    wrong = {}
    for role, expected in row.expected().items():
        _sign_in(client, world, role)
        got = _request(client, "get", url)
        if got.startswith("500") or (got == "200" and expected != "200"):
            wrong[role] = f"expected {expected}, got {got}"
    assert not wrong, f"{row.name} {url}: {wrong}"


def test_the_distance_mentor_reaches_his_pair_in_the_other_school_and_nothing_else_there(world, client):
    """README «Distance pairs across schools»: the pair and its program belong to the mentee's school; the
    mentor works on them from his account, his own curator does not see them."""
    group = reverse("pairs:group-detail", args=[world.distance_group.pk])
    program = reverse("programs:program-detail", args=[world.own.submitted_program.pk])
    answers = {}
    for role in ("distance_mentor", "other_curator", "curator", "mentor"):
        _sign_in(client, world, role)
        answers[role] = (_request(client, "get", group), _request(client, "get", program))
    assert answers == {
        "distance_mentor": ("200", "200"),
        "other_curator": ("404", "404"),
        "curator": ("200", "200"),
        "mentor": ("403", "403"),
    }


@pytest.mark.parametrize("row", _params([r for r in MATRIX if r.target and r.post]))
def test_post_of_an_outsider_to_an_object_of_another_organisation_is_refused(row, world, client, settings):
    settings.MEDIA_ROOT = world.media
    url = _url(world, row)
    wrong = {}
    for role in OUTSIDERS:
        _sign_in(client, world, role)
        got = _request(client, "post", url)
        if got not in ("403", "404", "405"):
            wrong[role] = got
    _sign_in(client, world, "anonymous")
    got = _request(client, "post", url)
    if got not in ("302", "405"):
        wrong["anonymous"] = got
    assert not wrong, f"POST {url}: {wrong}"


@pytest.mark.skipif(not os.environ.get("TRUST_MATRIX_PROBE"), reason="prints suggested rows on demand")
def test_probe_suggests_rows_for_urls_without_one(world, client, settings):
    """Not a check: prints the answers the portal gives today, to be reviewed before they become rows."""
    settings.MEDIA_ROOT = world.media
    for name, args in sorted(url_names().items()):
        if name in ROWS:
            continue
        target = _target(name) if args else None
        try:
            url = reverse(name, kwargs=kwargs_for(name, args, world.own, world, target))
        except (KeyError, AttributeError, TypeError) as exc:
            print(f"# {name}: no object for its arguments yet ({exc})")
            continue
        answers: dict[str, list[str]] = {}
        for role in ROLES:
            _sign_in(client, world, role)
            answers.setdefault(_request(client, "get", url), []).append(role)
        cells = " | ".join(f"{code}: {' '.join(roles)}" for code, roles in sorted(answers.items()))
        print(f'    Row("{name}", {target!r}, "{cells}"),')
