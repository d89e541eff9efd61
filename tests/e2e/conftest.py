"""Browser tests: Playwright drives the Debian chromium against pytest-django's live server.

The demo data of ``seed_demo`` is built afresh for every test (the live server needs committed
rows, so the tests are transactional and the database is flushed after each). ``make e2e`` runs
them; ``make test`` leaves them out (marker ``e2e``).
"""

import io
import os
import re
import shutil
import weakref
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections
from django.test import Client
from playwright.sync_api import Locator, Page, expect

from apps.core.demo import DEMO_PASSWORD
from tests.trust.world import build_world

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "e2e"
AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 390, "height": 844}
# The controls a finger taps: links, buttons, fields, summaries, and the labels of checkboxes and radio
# buttons (their 16-px boxes are tapped through the label). A link inside a sentence keeps the line's
# height (WCAG 2.5.8, «inline» exception): a link displayed inline whose parent holds other text too.
_CONTROLS_BELOW_JS = """(px) => {
  const tapped = (el) => {
    if (el.tagName === 'LABEL') {
      const c = el.control;
      return !!c && (c.type === 'checkbox' || c.type === 'radio');
    }
    if (el.tagName === 'INPUT') return !['hidden', 'checkbox', 'radio'].includes(el.type);
    return true;
  };
  const inSentence = (el) => {
    if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false;
    const own = (el.textContent || '').trim().length;
    const around = (el.parentElement.textContent || '').trim().length;
    return around > own + 2;
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 1 && r.height > 1 && s.visibility !== 'hidden' && s.opacity !== '0';
  };
  return [...document.querySelectorAll('a[href], button, input, select, textarea, summary, label')]
    .filter((el) => tapped(el) && visible(el) && !inSentence(el))
    .filter((el) => el.getBoundingClientRect().height < px)
    .map((el) => {
      const r = el.getBoundingClientRect();
      const text = (el.innerText || el.value || el.name || el.id || '').trim().replace(/\\s+/g, ' ');
      return `${el.tagName.toLowerCase()} «${text.slice(0, 40)}» ${Math.round(r.height)} px at y=${Math.round(r.top + scrollY)}`;
    });
}"""


def controls_below(page, px: int = 44) -> list[str]:
    """The visible controls of the page lower than ``px`` (issue 14: at least 44 px on a phone), each
    described with its text, height and position; an empty list when every control is large enough."""
    return page.evaluate(_CONTROLS_BELOW_JS, px)


# Signing renders the PDF and the demo data is large: give a loaded CI machine time (default 5 s).
expect.set_options(timeout=15_000)


def pytest_collection_modifyitems(config, items):
    """Every browser test commits its rows for the live server and must end with a serialized rollback.
    A plain flush emits ``post_migrate``, which recreates the portal administrators' group and the
    permissions; the next test's restored reference data then collides with them («duplicate key …
    auth_group_name_key») and every later test fails at set-up. Refuse such a test at collection."""
    here = Path(__file__).parent
    for item in items:
        if here not in Path(str(item.fspath)).parents:
            continue
        marker = item.get_closest_marker("django_db")
        if marker is None:
            continue
        if not (marker.kwargs.get("transaction") and marker.kwargs.get("serialized_rollback")):
            raise pytest.UsageError(
                f"{item.nodeid}: a browser test needs "
                "pytest.mark.django_db(transaction=True, serialized_rollback=True)"
            )


@pytest.fixture(scope="session", autouse=True)
def _allow_orm_beside_playwright():
    """Playwright's sync API runs an event loop in the test thread; the ORM calls of the fixtures are
    still synchronous and run before or after the browser steps, never inside the loop. Set only while
    the browser tests run: the variable must not leak into the rest of the suite (``check --deploy``
    refuses it)."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Playwright downloads no browser here: it drives the system chromium.
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "ru-RU",
        "timezone_id": "Europe/Moscow",
        "accept_downloads": True,
    }


@pytest.fixture(scope="session", autouse=True)
def _reference_data(django_db_setup, django_db_blocker):
    """The rows the migrations install (positions, subjects, questionnaires), serialized by the test
    database setup. Taken before Playwright starts: once its event loop runs, later tests may get
    a new connection wrapper without them, and Django then skips the serialized rollback."""
    return getattr(connections[DEFAULT_DB_ALIAS], "_test_serialized_contents", None)


def _restore_reference_data(reference_data) -> None:
    connection = connections[DEFAULT_DB_ALIAS]
    if reference_data and not hasattr(connection, "_test_serialized_contents"):
        # A wrapper without them ended its last test with a flush that emitted ``post_migrate``: the
        # portal administrators' group and the permissions it recreated would collide with the
        # restored rows. Empty the tables first, without the signal.
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(reference_data)
        connection._test_serialized_contents = reference_data
    # The restored rows keep their ids: every sequence moves past them, so that the next row created
    # (a questionnaire of the matrix world after the migrations' ones) never takes an id already in use.
    statements = connection.ops.sequence_reset_sql(no_style(), django_apps.get_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


@pytest.fixture(autouse=True)
def _reference_rows(transactional_db, _reference_data):
    """Every browser test starts on the reference data and leaves its connection marked as holding it,
    so that the flush after the test restores them instead of emitting ``post_migrate``."""
    _restore_reference_data(_reference_data)


@pytest.fixture
def demo(transactional_db, _reference_data):
    """The demo school of ``seed_demo``: every demo user signs in with ``DEMO_PASSWORD``."""
    _restore_reference_data(_reference_data)
    call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture
def matrix_world(transactional_db, _reference_data, settings, tmp_path):
    """The world of the permission matrix (``tests/trust/world.py``), committed for the live server: its cast
    signs in by a session cookie (``session_cookie``), not by a password."""
    _restore_reference_data(_reference_data)
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world = build_world()
    world.media = tmp_path
    return world


def session_cookie(user, base_url: str) -> dict:
    """A signed-in session of ``user`` as a Playwright cookie for the live server."""
    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": base_url,
    }


@pytest.fixture
def portal(live_server, demo, page, context):
    """A helper bound to one browser page: sign in, open a path, save a screenshot."""
    return Portal(live_server.url, page)


class Portal:
    def __init__(self, base_url: str, page):
        self.base_url = base_url
        self.page = page
        self.browser_errors: list[str] = []
        self._watch(page)

    def _watch(self, page) -> None:
        page.set_default_timeout(15_000)
        Counter(page)  # every page counts its user's actions and page loads (``Portal.counter``)
        # The portal asks before dangerous steps (data-confirm → window.confirm): the user says yes.
        page.on("dialog", lambda dialog: dialog.accept())
        # Script errors and CSP refusals («Refused to execute inline script…») show up in the console.
        page.on(
            "console", lambda message: message.type == "error" and self.browser_errors.append(message.text)
        )
        page.on("pageerror", lambda error: self.browser_errors.append(str(error)))

    def assert_no_browser_errors(self) -> None:
        assert not self.browser_errors, "Errors in the browser console:\n" + "\n".join(self.browser_errors)

    def url(self, path: str) -> str:
        return self.base_url + path

    def open(self, path: str, page=None):
        page = page or self.page
        response = page.goto(self.url(path))
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        return response

    def new_page(self, **context_args):
        """A second person at another browser (own cookies), e.g. the director beside the curator."""
        context = self.page.context.browser.new_context(locale="ru-RU", **context_args)
        page = context.new_page()
        self._watch(page)
        return page

    def counter(self, page=None) -> "Counter":
        """The counter of the person at ``page`` (the main page by default)."""
        return Counter.of(page or self.page)

    def sign_in(self, username: str, page=None):
        """Sign in; not counted: a journey starts on the dashboard of a signed-in user."""
        page = page or self.page
        with Counter.of(page).paused():
            page.context.clear_cookies()
            page.goto(self.url("/login/"))
            page.get_by_label("Логин").fill(username)
            page.get_by_label("Пароль").fill(DEMO_PASSWORD)
            page.get_by_role("button", name="Войти").click()
            page.wait_for_url(re.compile(r"^(?!.*/login/).*$"))
            page.wait_for_load_state()

    def screenshot(self, name: str, page=None, full_page: bool = True) -> Path:
        page = page or self.page
        page.wait_for_load_state("networkidle")  # embedded PDF previews, charts
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path


# Counting a person's effort (issue 14, «Measured, in make e2e»): every Playwright action on a page with
# a Counter counts as one action (a click, a check, a choice in a select, a field filled, a file chosen,
# a key pressed, a confirmation dialog accepted), except a multiple select, which counts one action
# per option chosen (a ctrl-click each). Typing an address (``page.goto``) counts as an action too: a
# journey should follow the links a person would. Page loads (the browser's ``load`` event of the
# page's main frame: a link followed, a form posted and its redirect, a reload) are counted apart.
# htmx requests are not page loads.
ACTIONS = {
    Locator: (
        "click",
        "dblclick",
        "tap",
        "check",
        "uncheck",
        "set_checked",
        "fill",
        "type",
        "press",
        "press_sequentially",
        "select_option",
        "set_input_files",
    ),
    Page: ("click", "dblclick", "tap", "check", "uncheck", "fill", "type", "press", "select_option", "goto"),
}


@dataclass
class Step:
    name: str
    budget: bool = True  # False: outside the person's budget (e.g. a stand-in for an unmerged feature)
    actions: list[str] = field(default_factory=list)
    loads: int = 0


class Counter:
    """The actions and page loads of the person at one page, by step of the journey.

    ``counter.step("Импорт")`` opens a step; ``counter.clicks`` is the total of the steps within the
    budget, ``counter.loads`` their page loads, ``counter.report()`` a table of every step."""

    _pages: "weakref.WeakKeyDictionary[Page, Counter]" = weakref.WeakKeyDictionary()

    def __init__(self, page: Page):
        self.page = page
        self.steps: list[Step] = [Step("—")]
        self._paused = 0
        Counter._pages[page] = self
        page.on("load", self._loaded)
        page.on("dialog", lambda dialog: self.record("accept dialog", dialog.message))

    @classmethod
    def of(cls, page: Page) -> "Counter":
        return cls._pages.get(page) or cls(page)

    def step(self, name: str, *, budget: bool = True) -> "Counter":
        self.steps.append(Step(name, budget))
        return self

    def reset(self) -> None:
        self.steps = [Step("—")]

    @contextmanager
    def paused(self):
        """Actions that are not the person's (signing in, the test's own set-up) are not counted."""
        self._paused += 1
        try:
            yield
        finally:
            self._paused -= 1

    def record(self, action: str, target: object, times: int = 1) -> None:
        if not self._paused:
            self.steps[-1].actions.extend([f"{action} {_describe(target)}"] * times)

    def _loaded(self, _page) -> None:
        if not self._paused:
            self.steps[-1].loads += 1

    def _counted(self) -> list[Step]:
        return [s for s in self.steps if s.budget and (s.actions or s.loads)]

    @property
    def clicks(self) -> int:
        """Actions within the budget."""
        return sum(len(s.actions) for s in self._counted())

    @property
    def loads(self) -> int:
        return sum(s.loads for s in self._counted())

    def report(self) -> str:
        lines = [f"{'шаг':<58} {'действий':>8} {'загрузок':>8}"]
        for s in self.steps:
            if s.actions or s.loads:
                mark = "" if s.budget else "  (вне бюджета)"
                lines.append(f"{s.name + mark:<58} {len(s.actions):>8} {s.loads:>8}")
        lines.append(f"{'итого в бюджете':<58} {self.clicks:>8} {self.loads:>8}")
        return "\n".join(lines)


def _describe(target: object) -> str:
    text = str(target)
    match = re.search(r"selector='(.*)'>$", text)
    return (match.group(1) if match else text)[:120]


def _counting(name: str, original):
    def action(self, *args, **kwargs):
        page = self.page if isinstance(self, Locator) else self
        counter = Counter._pages.get(page)
        if counter is not None:
            times = 1
            if name == "select_option":
                values = args[0] if args else next(iter(kwargs.values()), None)
                times = len(values) if isinstance(values, list | tuple) and values else 1
            counter.record(name, self if isinstance(self, Locator) else (args[0] if args else ""), times)
        return original(self, *args, **kwargs)

    action.__name__ = name
    action.__doc__ = original.__doc__
    return action


@pytest.fixture(scope="session", autouse=True)
def _count_actions():
    """Playwright's actions report to the Counter of their page while the browser tests run."""
    originals = [(cls, name, getattr(cls, name)) for cls, names in ACTIONS.items() for name in names]
    for cls, name, original in originals:
        setattr(cls, name, _counting(name, original))
    yield
    for cls, name, original in originals:
        setattr(cls, name, original)
