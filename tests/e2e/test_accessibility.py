"""Accessibility of the main pages, checked by axe-core (tests/e2e/vendor) in chromium: no serious
or critical violation (WCAG 2.1 A/AA and axe's best practices)."""

import pytest

from tests.e2e.conftest import AXE_JS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Who opens which page; None: the path is found by following a link of the user's dashboard.
PAGES = [
    ("curator", "/", "кабинет куратора"),
    ("curator", "/staff/", "реестр педагогов"),
    ("curator", "/banks/mentors/", "банк наставников"),
    ("curator", "/banks/mentees/", "банк наставляемых"),
    ("curator", "/banks/mentors/new/", "форма банка наставников"),
    ("curator", "/pairs/", "пары и группы"),
    ("curator", "/pairs/new/", "форма пары"),
    ("curator", "/orders/", "приказы"),
    ("curator", "/monitoring/", "мониторинг"),
    ("director", "/", "кабинет руководителя"),
    ("director", "/orders/desk/", "приказы на подпись"),
    ("mentor", "/", "кабинет наставника"),
    ("mentor", "Становление молодого учителя", "страница программы"),
    ("mentee", "/", "кабинет наставляемого"),
    ("mentee", "Анкетирование через месяц после начала программы", "анкета"),
    (None, "/login/", "вход"),
]

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({id: v.id, impact: v.impact, help: v.help,
                  nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " :: " + n.html.slice(0, 160)
                    + (n.any[0] && n.any[0].data && n.any[0].data.contrastRatio
                       ? ` (${n.any[0].data.fgColor} on ${n.any[0].data.bgColor}: ${n.any[0].data.contrastRatio})` : ""))}));
}"""


def test_main_pages_have_no_serious_accessibility_violations(portal, browser):
    # axe is injected as an inline script: only this check's browser ignores the portal's CSP.
    context = browser.new_context(locale="ru-RU", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    found: dict[str, dict] = {}  # rule id → what, where, which elements
    signed_in = "—"
    for user, target, title in PAGES:
        if user != signed_in:
            context.clear_cookies()
            if user:
                portal.sign_in(user, page=page)
            signed_in = user
        if target.startswith("/"):
            portal.open(target, page=page)
        else:
            portal.open("/", page=page)
            page.locator("main").get_by_role("link", name=target).first.click()
            page.wait_for_load_state()
        page.add_script_tag(path=str(AXE_JS))
        for violation in page.evaluate(AXE_RUN):
            rule = found.setdefault(violation["id"], {**violation, "pages": [], "nodes": []})
            rule["pages"].append(title)
            rule["nodes"].extend(n for n in violation["nodes"] if n not in rule["nodes"])
    context.close()
    report = "\n".join(
        f"[{rule['impact']}] {rule_id} — {rule['help']}\n    pages: {', '.join(rule['pages'])}\n    "
        + "\n    ".join(rule["nodes"][:8])
        for rule_id, rule in found.items()
    )
    assert not found, "Serious accessibility violations:\n" + report
