"""The audit policy names real URLs, and every printed or exported document is either audited or
declared free of personal data."""

import re

from django.apps import apps

from apps.audit.policy import AUDITED_URLS, NOT_PERSONAL
from tests.trust.urlwalk import url_names

DOCUMENT = re.compile(r"pdf|xlsx|print|report|statistical|export|paper|download", re.IGNORECASE)


def test_every_audited_url_name_exists():
    assert not set(AUDITED_URLS) - set(url_names())


def test_every_audited_model_exists():
    for rule in AUDITED_URLS.values():
        if rule.kwarg and rule.organization:
            apps.get_model(rule.model)


def test_every_document_or_export_url_is_audited_or_declared_without_personal_data():
    names = url_names()
    undecided = sorted(
        n for n in names if DOCUMENT.search(n) and n not in AUDITED_URLS and n not in NOT_PERSONAL
    )
    assert not undecided, f"add to apps/audit/policy.py (AUDITED_URLS or NOT_PERSONAL): {undecided}"


def test_every_audited_page_and_every_section_has_a_russian_name_for_the_journal():
    from apps.audit.policy import PAGE_NAMES, SECTION_NAMES

    assert not set(AUDITED_URLS) - set(PAGE_NAMES)
    assert not {n.partition(":")[0] for n in url_names() if ":" in n} - set(SECTION_NAMES)


def test_the_journal_names_a_page_not_its_url_name():
    from apps.audit.policy import page_name

    assert page_name("staff:person-detail") == "Карточка педагога"
    assert page_name("programs:event-edit") == "Программы наставничества: другая страница"
