"""Scroll a chart or table into view, as a reader does, so the page draws it (assets/04_lazy_until_seen.js)."""

# true once `drawn` is inside one of the `within` boxes; until then each waiting box there is scrolled into view
_SCROLL_UNTIL_DRAWN = """([within, drawn]) => {
  const hosts = Array.from(document.querySelectorAll(within));
  if (hosts.some(h => h.matches(drawn) || h.querySelector(drawn))) { return true; }
  hosts.forEach(h => (h.matches('.obs-waiting-for-view') ? [h] : Array.from(h.querySelectorAll('.obs-waiting-for-view')))
    .forEach(box => box.scrollIntoView({block: 'center'})));
  return false;
}"""


def bring_into_view(page, within: str, drawn: str = ".js-plotly-plot", timeout: float = 20000) -> None:
    """Wait until `within` holds `drawn`, scrolling its waiting chart or table into view while it waits."""
    page.wait_for_function(_SCROLL_UNTIL_DRAWN, arg=[within, drawn], timeout=timeout)
