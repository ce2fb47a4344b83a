"""Download an area's evidence pack in the browser, waiting for the server to say the pack is made."""

# The pack is made on the server when the button is pressed: seconds on a quiet machine, over a minute on a busy
# one (a ward's pack took about 75 s with both cores busy). The test waits for the page's own signal, the status
# line the callback fills when it ends, so it is as fast as the server; this bound only stops a hung server.
HUNG_MS = 300_000


def download_pack(page):
    """Press the evidence-pack button; return the download once the status line says the pack is ready."""
    status = "document.querySelector('#area-pdf-status')?.textContent ?? ''"
    with page.expect_download(timeout=HUNG_MS) as info:
        page.locator("#area-pdf-btn").click()
        page.wait_for_function(f"({status}) !== ''", timeout=HUNG_MS)
        text = page.evaluate(status)
        assert text.startswith("Evidence pack ready"), text  # a refusal says why, and no download follows
    return info.value
