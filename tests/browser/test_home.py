"""The home page in a real browser: headline figures, the catalogue, and no console errors."""

import pytest

pytestmark = pytest.mark.browser


def test_home_shows_headlines_and_catalogue(page, app_url):
    page.goto(app_url + "/")
    page.wait_for_selector(".headline-card")
    assert page.locator("h1").inner_text() == "Trafford at a glance"
    cards = page.locator(".headline-card")
    assert cards.count() >= 4
    first = cards.first.inner_text()
    assert "Trafford," in first and "Source:" in first  # every figure with its period and source
    assert page.locator(".catalogue-theme").count() >= 8
    assert page.locator(".catalogue-table tbody tr").count() >= 40
    assert page.console_errors == []


def test_home_is_keyboard_reachable_with_skip_link(page, app_url):
    page.goto(app_url + "/")
    page.wait_for_selector(".headline-card")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"


def test_unknown_page_says_not_found(page, app_url):
    page.goto(app_url + "/no-such-page")
    page.wait_for_selector("h1")
    assert "not found" in page.locator("h1").inner_text().lower()
