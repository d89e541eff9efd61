"""Every form that creates something is one-shot (issue «Trust, tried from outside», item 9).

Three walks over the URL configuration: the set of one-shot views is the decided one; each of their
pages (or the forms that post to them) carries a token; a token already spent runs nothing, whoever
the view is and whatever it needs, and leads where the first submission did.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import get_resolver, reverse

from apps.core.idempotency import TOKEN_FIELD, claim, new_token, token_key
from apps.core.models import FormSubmission
from tests.one_shot import tokens_on, told_repeated
from tests.trust.permission_matrix import MATRIX, kwargs_for
from tests.trust.urlwalk import url_names

pytestmark = pytest.mark.django_db

# The decision: views whose POST creates a record (or a file, an order draft, a consent, answers).
# Transitions of an existing object (send, sign, approve, delete, withdraw a change) are refused by
# their state the second time and are not listed; the staff import has a one-shot token of its own
# (``PendingImport``), deleted on confirmation.
ONE_SHOT = {
    "allowances:basis-correct",
    "allowances:basis-prepare",
    "council:item-create",
    "council:meeting-create",
    "banks:carry-over",
    "banks:mentee-create",
    "banks:mentor-create",
    "banks:petition-new",
    "banks:petition-paper",
    "banks:questionnaire-mentee",
    "banks:questionnaire-mentor",
    "monitoring:activity",
    "monitoring:adaptation",
    "monitoring:assessment",
    "monitoring:campaign-create",
    "monitoring:criteria",
    "monitoring:protocol-create",
    "monitoring:pupil-results",
    "monitoring:question-add",
    "monitoring:recommendations",
    "monitoring:section-add",
    "monitoring:survey-fill",
    "monitoring:survey-paper",
    "monitoring:template-copy",
    "monitoring:template-create",
    "orders:acquaintance-paper",
    "orders:order-create",
    "pairs:cohort",
    "partners:agreement-create",
    "partners:person-add",
    "pairs:consent-confirm",
    "pairs:consent-replace",
    "pairs:consent-upload",
    "pairs:group-create",
    "pairs:order-create",
    "pairs:release",
    "pairs:replace",
    "programs:activity-add",
    "programs:activity-delete",
    "programs:activity-edit",
    "programs:change-consent",
    "programs:change-propose",
    "programs:comment-add",
    "programs:event-add",
    "programs:event-done",
    "programs:event-edit",  # the same view as event-add
    "programs:plan-add",
    "programs:plan-edit",  # the same view as plan-add
    "programs:program-create",
    "programs:program-end",
    "programs:program-publish",
    "public:news-create",
    "risks:detected-add",
    "risks:entry-create",
    "staff:consent-bulk",
    "staff:consent-confirm",
    "staff:consent-create",
    "staff:consent-withdraw",
    "staff:person-create",
    "staff:person-invite",
    "territory:award-create",
    "training:import-confirm",
    "training:record-create",
    "training:support-create",
    "territory:consent-list",
    "territory:event-add",
    "territory:municipal-order-create",
    "territory:municipal-regulation-start",
    "territory:municipal-roadmap-event-add",
    "territory:municipal-roadmap-remark-answer",
    "territory:municipal-roadmap-start",
    "territory:regulation-order",
    "territory:regulation-start",
    "territory:remark-answer",
    "territory:roadmap-start",
    "territory:route-action-add",
    "territory:route-create",
    "territory:route-note-add",
    "territory:route-product",
}
ROWS = {row.name: row for row in MATRIX}


def _callbacks() -> dict[str, object]:
    found = {}

    def walk(resolver, namespace):
        for p in resolver.url_patterns:
            if hasattr(p, "url_patterns"):
                ns = f"{namespace}:{p.namespace}" if namespace and p.namespace else p.namespace or namespace
                walk(p, ns)
            elif p.name:
                found[f"{namespace}:{p.name}" if namespace else p.name] = p.callback

    walk(get_resolver(), "")
    return found


def _url(world, name: str) -> str:
    target = ROWS[name].target
    return reverse(name, kwargs=kwargs_for(name, url_names()[name], world.own, world, target))


def test_the_one_shot_views_are_the_decided_ones():
    marked = {name for name, view in _callbacks().items() if getattr(view, "one_shot", False)}
    assert marked == ONE_SHOT, (
        f"decorated but not listed: {marked - ONE_SHOT}; listed only: {ONE_SHOT - marked}"
    )


FORM_RE = re.compile(r"<form\b[^>]*>.*?</form>", re.S)
ACTION_RE = re.compile(r"""action="\{% url '([a-z_]+:[a-z-]+)'""")


def test_every_form_that_posts_to_a_one_shot_view_carries_a_token():
    templates = Path(settings.BASE_DIR) / "templates"
    missing = []
    for path in templates.rglob("*.html"):
        for form in FORM_RE.findall(path.read_text()):
            names = set(ACTION_RE.findall(form.split(">", 1)[0] + ">")) & ONE_SHOT
            if names and "{% form_token %}" not in form:
                missing.append(f"{path.relative_to(templates)} → {sorted(names)}")
    assert not missing, missing


def _first_allowed(name: str) -> str | None:
    expected = ROWS[name].expected()
    return next((role for role, answer in expected.items() if answer == "200"), None)


GET_PAGES = sorted(name for name in ONE_SHOT if _first_allowed(name))
# In the world these pages show no form: the survey is answered (or not open) and every mentee has a
# pair. Their forms are checked where they are shown (tests/monitoring/test_one_shot.py, the
# template check above does not see forms without an action).
# «Согласия списком» shows its form only when someone has no consent: every person of the world has one
# (tests/staff/test_consent_paper_bulk.py checks its token and a double submission).
# «Адресные рекомендации» opens first for the director, who reads them; the curator's forms are checked in
# tests/monitoring/test_one_shot.py.
NO_FORM_IN_WORLD = {
    "monitoring:recommendations",
    "monitoring:survey-fill",
    "monitoring:survey-paper",
    "pairs:cohort",
    "staff:consent-bulk",
}
POST_FORM_RE = re.compile(r"<form\b[^>]*method=\"post\"[^>]*>.*?</form>", re.S | re.I)


@pytest.mark.parametrize("name", GET_PAGES)
def test_the_form_page_of_a_one_shot_view_carries_a_good_token(world, client, name):
    client.force_login(getattr(world.cast, _first_allowed(name)))
    url = _url(world, name)
    with transaction.atomic():
        response = client.get(url)
        transaction.set_rollback(True)
    assert response.status_code == 200
    html = response.content.decode()
    # The page's own form: a POST form without an action or with the page's address.
    own = [
        f
        for f in POST_FORM_RE.findall(html)
        if 'action="' not in f.split(">", 1)[0] or f'action="{url}"' in f
    ]
    if name in NO_FORM_IN_WORLD:
        assert not own, f"{name} shows its form now: remove it from NO_FORM_IN_WORLD"
        return
    assert own, f"no form of its own on {url}"
    for form in own:
        found = tokens_on(form)
        assert len(found) == 1 and token_key(found[0]), form[:200]


@pytest.mark.parametrize("name", sorted(ONE_SHOT))
def test_a_spent_token_runs_nothing_and_leads_where_the_first_submission_did(world, client, name):
    user = world.cast.curator
    client.force_login(user)
    token = new_token()
    with transaction.atomic():
        assert claim(key=token_key(token), user_id=user.pk, path="/")
        FormSubmission.objects.filter(token=token_key(token)).update(result_url="/first/result/")
        before = FormSubmission.objects.count()
        response = client.post(_url(world, name), {TOKEN_FIELD: token})
        after = FormSubmission.objects.count()
        transaction.set_rollback(True)
    # The view itself never answers with this address: it was not run.
    assert response.status_code == 302 and response["Location"] == "/first/result/"
    assert told_repeated(response)
    assert after == before
