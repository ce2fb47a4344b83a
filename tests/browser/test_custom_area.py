"""Making an area in a real browser: click four LSOAs on the map, name it, open its profile, download its pack."""

import re

import pytest

pytestmark = pytest.mark.browser


def test_click_four_lsoas_open_profile_and_download_pack(page, app_url):
    page.goto(app_url + "/make-area")
    paths = page.locator(".make-map path.leaflet-interactive")
    paths.nth(100).wait_for(timeout=20000)
    page.wait_for_function("document.querySelector('#make-count').textContent.includes('No LSOAs')", timeout=20000)
    page.locator("#make-name").fill("Four clicked LSOAs")
    for n, i in enumerate((5, 40, 75, 110), start=1):  # far apart: each click lands on a different LSOA
        box = None
        for _ in range(50):  # the layer restyles after each click: wait until its paths are back in place
            box = paths.nth(i).bounding_box()
            if box:
                break
            page.wait_for_timeout(200)
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_function(f"document.querySelector('#make-count').textContent.startsWith('{n} LSOA')",
                               timeout=20000)
    page.wait_for_function("document.querySelector('#make-count').textContent.includes('4 LSOAs chosen')",
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
    with page.expect_download(timeout=60000) as info:
        page.locator("#area-pdf-btn").click()
    download = info.value
    assert re.fullmatch(r"evidence-pack_four-clicked-lsoas_custom-[0-9a-f]{10}_england\.pdf",
                        download.suggested_filename)
    with open(download.path(), "rb") as f:
        assert f.read(5) == b"%PDF-"
    assert page.console_errors == []
