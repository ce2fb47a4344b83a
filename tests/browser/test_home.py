"""The home page in a real browser: a way in (search, ward map and links), headline figures, at most three
screens tall, and no console errors."""

import pytest

pytestmark = pytest.mark.browser


def test_home_is_a_way_in_then_headlines(page, app_url):
    page.goto(app_url + "/")
    page.wait_for_selector(".headline-card")
    assert page.locator("h1").inner_text() == "Find your area"
    assert page.locator(".home-ward-list a").count() == 21  # the keyboard route to every ward
    page.wait_for_selector(".home-ward-map path.leaflet-interactive", timeout=20000)
    assert page.locator(".home-ward-map path.leaflet-interactive").count() == 21
    cards = page.locator(".headline-card")
    assert cards.count() >= 4
    first = cards.first.inner_text()
    assert "Trafford," in first and "Source:" in first  # every figure with its period and source
    assert page.locator(".catalogue-table").count() == 0 and page.locator("a[href='/data']").count() >= 1
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 2700, f"home is {height} px tall at 1280x900: at most three screens"
    assert page.console_errors == []


def test_find_your_area_forgives_typos_and_the_map_opens_a_ward(page, app_url):
    page.goto(app_url + "/")
    page.locator("#home-search").fill("old traford")
    link = page.locator("#home-search-results .area-search-link", has_text="Ward (2023 boundaries)").first
    link.wait_for(timeout=10000)
    assert link.inner_text().startswith("Old Trafford")
    page.locator("#home-search").fill("")
    page.wait_for_selector(".home-ward-map path.leaflet-interactive", timeout=20000)
    page.locator(".home-ward-map path.leaflet-interactive").nth(4).click()
    page.wait_for_function("location.pathname.startsWith('/area/E0501')", timeout=10000)
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
