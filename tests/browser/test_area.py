"""Area profiles in a real browser: find a ward by name in the shell's search box, open its profile, download its
evidence pack; keyboard search, no serious axe violations, and a phone-width layout without sideways scrolling."""

import pytest

from tests.browser.evidence_pack import download_pack
from tests.browser.test_accessibility import serious_violations

pytestmark = pytest.mark.browser


def test_search_by_name_open_profile_and_download_pack(page, app_url):
    page.goto(app_url + "/")
    page.locator("#area-search").fill("Altrincham")
    link = page.locator(".area-search-link", has_text="Ward (2023 boundaries)").first
    link.wait_for(timeout=10000)
    link.click()
    page.wait_for_function("location.pathname === '/area/E05015239'", timeout=10000)
    page.wait_for_selector(".area-profile h1", timeout=20000)
    assert page.locator(".area-profile h1").inner_text() == "Altrincham"
    assert "Summary of need" in page.locator("#area-needs").inner_text()
    assert page.locator("#area-themes .accordion-item").count() >= 5
    assert page.locator("#area-themes img.sparkline").count() >= 5
    download = download_pack(page)
    assert download.suggested_filename == "evidence-pack_altrincham_E05015239_la.pdf"  # wards are set beside Trafford by default
    with open(download.path(), "rb") as f:
        assert f.read(5) == b"%PDF-"
    assert page.console_errors == []


def test_keyboard_search_and_benchmark(page, app_url):
    page.goto(app_url + "/explore")
    page.wait_for_selector("#explore-table", timeout=20000)
    search = page.locator("#area-search")
    search.focus()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'area-search'")
    search.press_sequentially("E01006074", delay=40)  # as a person types, so every keystroke is seen
    page.locator(".area-search-link").first.wait_for(timeout=20000)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('area-search-link')")
    page.keyboard.press("Enter")
    page.wait_for_function("location.pathname === '/area/E01006074'", timeout=10000)
    page.wait_for_selector(".area-benchmark", timeout=20000)
    page.locator(".area-benchmark a", has_text="England").click()  # small areas open beside Trafford
    page.wait_for_function("location.search.includes('benchmark=england')", timeout=10000)
    page.wait_for_function("(document.querySelector('.area-benchmark')?.innerText ?? '').includes('✓ England')",
                           timeout=20000)
    assert page.locator("#area-search").input_value() == ""
    assert page.console_errors == []


def test_profile_has_no_serious_accessibility_violations(page, app_url):
    page.goto(app_url + "/area/E05000819")
    page.wait_for_selector(".area-profile .accordion-item", timeout=20000)
    page.wait_for_selector(".area-locator path.leaflet-interactive", timeout=20000)
    assert serious_violations(page) == []


def test_phone_width_has_no_sideways_scroll_and_no_such_area_helps(chromium, app_url):
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(app_url + "/area/E05015239")
        page.wait_for_selector(".area-profile .accordion-item", timeout=20000)
        assert page.evaluate("document.documentElement.scrollWidth") <= 392
        page.screenshot(path="test-artifacts/area-profile-390.png", full_page=False)
        page.goto(app_url + "/area/NOPE")
        page.wait_for_selector("h1")
        assert page.locator("h1").inner_text() == "No such area"
        page.locator("#area-missing-search").fill("sale")
        page.locator("#area-missing-results a").first.wait_for(timeout=10000)
    finally:
        context.close()
