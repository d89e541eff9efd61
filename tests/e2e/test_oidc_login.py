"""The sign-in page with the identity provider's button (README «Sign-in through a regional identity
provider»): no serious accessibility violation, controls large enough on a phone, screenshots in var/e2e/."""

import pytest

from tests.e2e.conftest import AXE_JS, PHONE, SCREENSHOTS, controls_below
from tests.e2e.test_accessibility import AXE_RUN, DESKTOP

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("configured", [True, False], ids=["with-provider", "without-provider"])
def test_the_login_page_with_and_without_the_providers_button(live_server, browser, settings, configured):
    settings.OIDC_ISSUER = "https://sso.region.example/realms/schools" if configured else ""
    settings.OIDC_CLIENT_ID, settings.OIDC_CLIENT_SECRET = "portal", "secret"
    settings.OIDC_PROVIDER_NAME = "Госуслуги"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context = browser.new_context(locale="ru-RU", bypass_csp=True, viewport=viewport)
        context.add_init_script(path=str(AXE_JS))
        page = context.new_page()
        page.goto(live_server.url + "/login/")
        button = page.get_by_role("link", name="Войти через Госуслуги")
        assert button.count() == (1 if configured else 0)
        assert page.get_by_label("Пароль").count() == 1  # the password stays a way in
        assert page.evaluate(AXE_RUN) == []
        if name == "phone":  # the button is tapped with a finger: at least 44 px high
            assert not [control for control in controls_below(page) if "Войти через" in control]
        page.screenshot(
            path=SCREENSHOTS / f"login-{'oidc' if configured else 'password'}-{name}.png", full_page=True
        )
        context.close()
