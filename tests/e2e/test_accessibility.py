"""Accessibility of every page of the portal, checked by axe-core (tests/e2e/vendor) in chromium: no serious or
critical violation (WCAG 2.1 A/AA and axe's best practices).

The pages are those of the permission matrix (``tests/trust/permission_matrix.py``) on its world
(``tests/trust/world.py``): every role opens every page it may open (GET answering 200 with HTML; downloads are
left out) at 1280×800, and the mentors and mentees, who work on their phones, again at 390×844. A failure lists
each rule once with the pages and the elements that break it.
"""

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from apps.programs.models import Program
from tests.e2e.conftest import AXE_JS, PHONE, session_cookie
from tests.trust.permission_matrix import ROLES as MATRIX_ROLES
from tests.trust.urlwalk import pages_of

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DESKTOP = {"width": 1280, "height": 800}
# Every role of the portal, each in the school of the world (``school``), and the signed-in user without a role.
# The cast's scope variants (``other_*``, ``far_*``, ``alien_*``, ``past_mentor``, ``inactive_member``,
# ``staff_user``) open the same templates about another school's objects of the same kinds: the matrix checks
# what they may open, this check would only render those pages again (and double its time).
ROLES = (
    "anonymous",
    "nobody",
    "admin",
    "director",
    "curator",
    "council",
    "psychologist",
    "mentor",
    "mentee",
    "two_roles",
    "distance_mentor",
    "municipal",
    "regional",
)
# The mentors and mentees: they work on their phones, so their pages are checked at 390×844 too.
PHONE_ROLES = ("mentor", "mentee", "two_roles", "distance_mentor")

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({id: v.id, impact: v.impact, help: v.help,
                  nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " :: " + n.html.slice(0, 160)
                    + (n.any[0] && n.any[0].data && n.any[0].data.contrastRatio
                       ? ` (${n.any[0].data.fgColor} on ${n.any[0].data.bgColor}: ${n.any[0].data.contrastRatio})` : ""))}));
}"""


def _runs():
    """(role, viewport name, viewport): every role on a desktop, the mentors and mentees on a phone as well."""
    for role in ROLES:
        yield role, "desktop", DESKTOP
        if role in PHONE_ROLES:
            yield role, "phone", PHONE


def _report(found: dict[str, dict]) -> str:
    return "\n".join(
        f"[{rule['impact']}] {rule_id} — {rule['help']}\n    on {len(rule['pages'])} pages: "
        + ", ".join(rule["pages"][:15])
        + ("…" if len(rule["pages"]) > 15 else "")
        + "\n    "
        + "\n    ".join(rule["nodes"][:10])
        for rule_id, rule in found.items()
    )


def test_every_page_of_every_role_has_no_serious_accessibility_violation(matrix_world, live_server, browser):
    assert set(ROLES) <= set(MATRIX_ROLES)
    found: dict[str, dict] = {}  # rule id → what, where, which elements
    checked = 0
    for role, view, viewport in _runs():
        # One browser per role and screen, signed in by its session cookie. axe is injected into every page
        # as a script: only this check's browser ignores the portal's CSP.
        context = browser.new_context(locale="ru-RU", bypass_csp=True, viewport=viewport)
        context.add_init_script(path=str(AXE_JS))
        if role != "anonymous":
            context.add_cookies([session_cookie(getattr(matrix_world.cast, role), live_server.url)])
        page = context.new_page()
        page.set_default_timeout(15_000)
        for _name, url in pages_of(role, matrix_world):
            try:
                response = page.goto(live_server.url + url)
            except (
                PlaywrightError
            ) as error:  # an attachment (XLSX, ZIP): chromium downloads it, opens no page
                if "Download is starting" in str(error):
                    continue
                raise
            if response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
                continue  # a PDF shown inline; the answers themselves are the permission matrix's concern
            checked += 1
            for violation in page.evaluate(AXE_RUN):
                rule = found.setdefault(violation["id"], {**violation, "pages": [], "nodes": []})
                rule["pages"].append(f"{role} ({view}) {url}")
                rule["nodes"].extend(node for node in violation["nodes"] if node not in rule["nodes"])
        context.close()
    assert checked > 400, f"only {checked} pages checked: the world or the sign-in broke"
    assert not found, f"Serious accessibility violations ({checked} pages checked):\n" + _report(found)


def test_a_table_wider_than_the_phone_scrolls_from_the_keyboard(portal):
    """Issue 14 on the demo data: on a phone the plans of the mentor's program are wider than the screen. Their
    scrolling wrappers (.table-responsive) take the focus and are regions named after their tables; on a desktop,
    where they fit, they are neither."""
    program = Program.objects.get(title="Становление молодого учителя")
    phone = portal.new_page(viewport=PHONE)
    portal.sign_in("mentor", page=phone)
    portal.open(f"/programs/{program.pk}/", page=phone)
    regions = phone.locator(".table-responsive[role='region'][tabindex='0']")
    expect(regions.first).to_be_attached()
    names = regions.evaluate_all("boxes => boxes.map((box) => box.getAttribute('aria-label'))")
    assert "План устранения профессиональных дефицитов" in names, names
    assert all(names), names
    scrolling = phone.locator(".table-responsive").evaluate_all(
        "boxes => boxes.filter((box) => box.scrollWidth > box.clientWidth + 1).length"
    )
    assert regions.count() == scrolling
    # Tab reaches the first wrapper (after the links of the header and of the program).
    for _ in range(100):
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.matches('.table-responsive')"):
            break
    else:
        raise AssertionError("Tab never reaches a scrolling table")
    phone.set_viewport_size(DESKTOP)
    expect(phone.locator(".table-responsive[tabindex]")).to_have_count(0)
