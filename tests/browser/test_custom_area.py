"""Making an area in a real browser: click four LSOAs on the map, name it, open its profile, download its pack."""

import re

import pytest

from tests.browser.evidence_pack import download_pack

pytestmark = pytest.mark.browser


def test_click_four_lsoas_open_profile_and_download_pack(page, app_url):
    page.goto(app_url + "/make-area")
    paths = page.locator(".make-map path.leaflet-interactive")
    paths.nth(100).wait_for(timeout=20000)
    page.wait_for_function("(document.querySelector('#make-count')?.textContent ?? '').includes('No LSOAs')", timeout=20000)
    page.locator("#make-name").fill("Four clicked LSOAs")
    for n, i in enumerate((5, 40, 75, 110), start=1):  # far apart: each click lands on a different LSOA
        # the layer restyles after each click: wait until the path is drawn again, and click its middle
        middle = page.wait_for_function("""i => { const p = document.querySelectorAll('.make-map path.leaflet-interactive')[i];
            const r = p && p.getBoundingClientRect();
            return r && r.width > 0 && r.height > 0 ? [r.x + r.width / 2, r.y + r.height / 2] : null; }""",
                                        arg=i, timeout=20000).json_value()
        page.mouse.click(*middle)
        page.wait_for_function(f"(document.querySelector('#make-count')?.textContent ?? '').startsWith('{n} LSOA')",
                               timeout=20000)
    page.wait_for_function("(document.querySelector('#make-count')?.textContent ?? '').includes('4 LSOAs chosen')",
                           timeout=20000)
    assert page.locator("#make-count").inner_text() == "4 LSOAs chosen."
    assert len(re.findall(r"E01\d{6}", page.locator("#make-list").inner_text())) == 4  # the list box agrees
    page.screenshot(path="test-artifacts/make-area.png", full_page=False)
    page.locator("#make-open").click()
    page.wait_for_function("location.pathname === '/area/custom'", timeout=10000)
    assert re.search(r"lsoa=(E01\d{6},){3}E01\d{6}&name=Four%20clicked%20LSOAs", page.url)
    page.wait_for_selector(".area-profile h1", timeout=30000)
    assert page.locator(".area-profile h1").inner_text() == "Four clicked LSOAs"
    assert "Summary of need" in page.locator("#area-needs").inner_text()
    assert page.locator("#custom-lsoas tbody tr").count() == 4
    assert page.locator("#area-themes .accordion-item").count() >= 3
    download = download_pack(page)
    assert re.fullmatch(r"evidence-pack_four-clicked-lsoas_custom-[0-9a-f]{10}_england\.pdf",
                        download.suggested_filename)
    with open(download.path(), "rb") as f:
        assert f.read(5) == b"%PDF-"
    assert page.console_errors == []


def test_a_partner_saves_an_area_and_finds_it_listed_with_its_fixed_link(page, app_url):
    from tests.conftest import TEST_ADMIN

    page.goto(app_url + "/login?next=/make-area")
    page.fill("#username", TEST_ADMIN[0])
    page.fill("#password", TEST_ADMIN[1])
    page.click("button[type=submit]")
    page.wait_for_function("location.pathname === '/make-area'", timeout=30000)
    page.goto(app_url + "/area/custom?lsoa=E01006074,E01006075,E01006076,E01006077&name=Saved%20streets")
    page.wait_for_selector("#custom-save", timeout=30000)
    page.locator("#custom-save").click()
    page.wait_for_function("(document.querySelector('#custom-saved')?.textContent ?? '').includes('Saved as')",
                           timeout=20000)
    saved = page.locator("#custom-saved").inner_text()
    assert "“Saved streets”, version 1" in saved
    page.goto(app_url + "/make-area")
    page.wait_for_selector("#make-saved li", timeout=30000)
    listed = page.locator("#make-saved").inner_text()
    assert "Saved streets" in listed
    link = page.locator("#make-saved a").first.get_attribute("href")
    page.goto(app_url + link)  # the fixed link opens the same four LSOAs under the saved name
    page.wait_for_selector("#custom-lsoas tbody tr", timeout=30000)
    assert page.locator("#custom-lsoas tbody tr").count() == 4
    assert page.locator(".area-profile h1").inner_text() == "Saved streets"
    assert page.console_errors == []
