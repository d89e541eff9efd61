"""The dashboards' layout in a browser (issue 14): the director's sections on one line at 1280 px, and
on a 390×844 phone the mentor's quick log with its button on the first screen, the compact inbox after it."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_directors_sections_fit_one_line_at_1280_px(portal):
    page = portal.page
    page.set_viewport_size({"width": 1280, "height": 900})
    portal.sign_in("director")
    links = page.locator("nav.portal-sections .navbar-nav > .nav-item")
    tops = {round(links.nth(i).bounding_box()["y"]) for i in range(links.count())}
    assert len(tops) == 1, f"the sections wrap onto {len(tops)} lines"
    assert page.locator("#inbox [data-inbox]").count() >= 1


def test_the_mentors_quick_log_stays_on_the_first_phone_screen(portal):
    page = portal.page
    page.set_viewport_size({"width": 390, "height": 844})
    portal.sign_in("mentor")
    assert page.locator("#inbox [data-inbox]").count() >= 1
    save = page.locator("form[action*='/log/add/'] button[type=submit]").first
    box = save.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 844, box
    # «Ждут вашего решения» follows the quick log.
    inbox = page.locator("#inbox").bounding_box()
    assert box["y"] < inbox["y"]
    portal.assert_no_browser_errors()
