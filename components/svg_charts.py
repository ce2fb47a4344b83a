"""Small charts as SVG text (sparkline, spine, decile bars, locator map): light in a page, offline in a PDF.

Every builder returns a complete <svg> string with a <title> (its text alternative) and no external
references, so the same chart works inline in the evidence pack and as an <img> data URI in the page.
"""

from __future__ import annotations

import math
from html import escape
from urllib.parse import quote

from components.colours import JUDGEMENT, SEQUENTIAL

INK = "#0b0c0c"
MUTED = "#505a5f"
LINE = "#1d4f91"
# National IMD deciles, most deprived first: a colour-blind-safe diverging ramp (ColorBrewer RdYlBu, 10 classes).
DECILE_COLOURS = ["#a50026", "#d73027", "#f46d43", "#fdae61", "#fee090", "#e0f3f8", "#abd9e9", "#74add1",
                  "#4575b4", "#313695"]


def _finite(x) -> bool:
    return x is not None and isinstance(x, int | float) and math.isfinite(float(x))


def _svg(width: float, height: float, body: str, title: str, extra: str = "") -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height:g}" '
            f'viewBox="0 0 {width:g} {height:g}" role="img"{extra}><title>{escape(title)}</title>{body}</svg>')


def svg_data_uri(svg: str) -> str:
    """An SVG as a compact data: URI for an <img> (percent-encoded, smaller than base64 for SVG)."""
    return "data:image/svg+xml," + quote(svg, safe=" =:/;,'()-.")


def sparkline_svg(points: list[tuple[float, float]], title: str, width: int = 96, height: int = 24,
                  colour: str = LINE, marks: list[dict] | None = None, estimated: list[bool] | None = None) -> str:
    """A line through (x, y) points (x any increasing number, e.g. a date's ordinal) with the last point marked.

    `marks` (interventions: title, start, end as dates; x must then be date ordinals) add a thin line and a light
    span, each with its own <title>. `estimated` (one flag a point) draws those points hollow on a dotted line.
    """
    flags = list(estimated) if estimated is not None else [False] * len(points)
    kept = [((float(x), float(y)), bool(e)) for (x, y), e in zip(points, flags, strict=True) if _finite(x) and _finite(y)]
    pts, est = [p for p, _ in kept], [e for _, e in kept]
    pad = 3.0
    if not pts:
        return _svg(width, height, "", title)
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)

    def sx(x: float) -> float:
        return width / 2 if x1 == x0 else pad + (x - x0) / (x1 - x0) * (width - 2 * pad)

    def sy(y: float) -> float:
        return height / 2 if y1 == y0 else height - pad - (y - y0) / (y1 - y0) * (height - 2 * pad)

    coords = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in pts)
    line = (f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="1.5" '
            f'stroke-linejoin="round" stroke-linecap="round"/>') if len(pts) > 1 and not any(est) else ""
    if any(est):  # segments touching an estimate dotted, estimates as hollow points
        for i in range(len(pts) - 1):
            (a, ea), (b, eb) = (pts[i], est[i]), (pts[i + 1], est[i + 1])
            dash = ' stroke-dasharray="1.5 2"' if ea or eb else ""
            line += (f'<line x1="{sx(a[0]):.1f}" y1="{sy(a[1]):.1f}" x2="{sx(b[0]):.1f}" y2="{sy(b[1]):.1f}" '
                     f'stroke="{colour}" stroke-width="1.5" stroke-linecap="round"{dash}/>')
        line += "".join(f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="1.8" fill="#fff" stroke="{colour}" '
                        f'stroke-width="1"/>' for (x, y), e in zip(pts, est, strict=True) if e)
    lx, ly = pts[-1]
    dot = (f'<circle cx="{sx(lx):.1f}" cy="{sy(ly):.1f}" r="2.5" fill="#fff" stroke="{colour}" stroke-width="1.2"/>'
           if est[-1] else f'<circle cx="{sx(lx):.1f}" cy="{sy(ly):.1f}" r="2.5" fill="{colour}"/>')
    spans = ""
    if marks:
        from components.intervention_marks import svg_marks  # drawn under the line

        spans = svg_marks(marks, sx, x0, x1, height)
    return _svg(width, height, spans + line + dot, title)


def spine_svg(stats: dict, value, benchmark, judgement: str, title: str, width: int = 140, height: int = 22) -> str:
    """Where a value sits in the spread of its level: grey range min-max, darker middle half (q1-q3), a median
    tick, the benchmark as a black line and the value as a circle coloured by its judgement (outlined, so it
    shows on any fill). Low values on the left."""
    lo, hi = stats.get("min"), stats.get("max")
    candidates = [v for v in (lo, hi, value, benchmark) if _finite(v)]
    if not candidates:
        return _svg(width, height, "", title)
    a, b = min(candidates), max(candidates)
    pad = 6.0
    mid = height / 2

    def sx(v: float) -> float:
        return width / 2 if b == a else pad + (float(v) - a) / (b - a) * (width - 2 * pad)

    parts = []
    if _finite(lo) and _finite(hi):
        parts.append(f'<rect x="{sx(lo):.1f}" y="{mid - 4:.1f}" width="{max(sx(hi) - sx(lo), 1):.1f}" height="8" '
                     'fill="#dfe2e5"/>')
    q1, q3, med = stats.get("q1"), stats.get("q3"), stats.get("median")
    if _finite(q1) and _finite(q3):
        parts.append(f'<rect x="{sx(q1):.1f}" y="{mid - 4:.1f}" width="{max(sx(q3) - sx(q1), 1):.1f}" height="8" '
                     'fill="#9aa3ab"/>')
    if _finite(med):
        parts.append(f'<line x1="{sx(med):.1f}" x2="{sx(med):.1f}" y1="{mid - 5:.1f}" y2="{mid + 5:.1f}" '
                     f'stroke="{MUTED}" stroke-width="1.5"/>')
    if _finite(benchmark):
        parts.append(f'<line x1="{sx(benchmark):.1f}" x2="{sx(benchmark):.1f}" y1="1" y2="{height - 1}" '
                     f'stroke="{INK}" stroke-width="2"/>')
    if _finite(value):
        fill = JUDGEMENT.get(judgement, "#ffffff")
        parts.append(f'<circle cx="{sx(value):.1f}" cy="{mid:.1f}" r="5" fill="{fill}" stroke="{INK}" '
                     'stroke-width="1.5"/>')
    return _svg(width, height, "".join(parts), title)


def decile_bars_svg(counts: dict[int, int], title: str, width: int = 360, height: int = 150) -> str:
    """How many LSOAs fall in each national IMD decile (1 = most deprived), as labelled bars."""
    top = max([*counts.values(), 1])
    left, bottom, head = 8.0, 34.0, 16.0
    step = (width - 2 * left) / 10
    parts = []
    for d in range(1, 11):
        n = int(counts.get(d, 0))
        h = (height - bottom - head) * n / top
        x = left + (d - 1) * step
        y = height - bottom - h
        parts.append(f'<rect x="{x + 2:.1f}" y="{y:.1f}" width="{step - 4:.1f}" height="{h:.1f}" '
                     f'fill="{DECILE_COLOURS[d - 1]}" stroke="{INK}" stroke-width="0.5"/>')
        parts.append(f'<text x="{x + step / 2:.1f}" y="{y - 3:.1f}" font-size="11" text-anchor="middle" '
                     f'fill="{INK}">{n}</text>')
        parts.append(f'<text x="{x + step / 2:.1f}" y="{height - bottom + 13:.1f}" font-size="11" '
                     f'text-anchor="middle" fill="{INK}">{d}</text>')
    parts.append(f'<line x1="{left}" x2="{width - left}" y1="{height - bottom}" y2="{height - bottom}" stroke="{INK}"/>')
    parts.append(f'<text x="{left}" y="{height - 4}" font-size="10" fill="{MUTED}">← most deprived</text>')
    parts.append(f'<text x="{width - left}" y="{height - 4}" font-size="10" fill="{MUTED}" text-anchor="end">'
                 'least deprived →</text>')
    return _svg(width, height, "".join(parts), title, ' font-family="DejaVu Sans, Arial, sans-serif"')


def compare_bars_svg(bars: list[tuple[str, float | None, str]], title: str, width: int = 150,
                     height: int = 44) -> str:
    """Small horizontal bars (the area, Trafford, England), each labelled with its name and figure."""
    shown = [(name, v, text) for name, v, text in bars if _finite(v)]
    top = max([abs(float(v)) for _, v, _ in shown] + [1e-9])
    row = height / max(len(shown), 1)
    label_w, value_w = 60.0, 30.0  # room for a ward name on two lines; "100.0%" still fits right of a bar
    span = width - label_w - value_w
    parts = []
    for i, (name, v, text) in enumerate(shown):
        y = i * row
        w = max(span * abs(float(v)) / top, 0.5)
        fill = LINE if i == 0 else "#b1b4b6"
        parts.append(_bar_label(name, y, row, label_w))
        parts.append(f'<rect x="{label_w}" y="{y + row * 0.18:.1f}" width="{w:.1f}" height="{row * 0.64:.1f}" '
                     f'fill="{fill}"/>')
        parts.append(f'<text x="{label_w + w + 2:.1f}" y="{y + row * 0.72:.1f}" font-size="8" '
                     f'fill="{INK}">{escape(text)}</text>')
    return _svg(width, height, "".join(parts), title, ' font-family="DejaVu Sans, Arial, sans-serif"')


def _bar_label(name: str, y: float, row: float, label_w: float) -> str:
    """A bar's name in the space left of it: one line when it fits, else two lines split between words (so
    'Hale Barns & Timperley South' is read whole, not cut to 'Hale Barns &')."""
    fits = int(label_w / 4.3)  # characters of 8 px DejaVu Sans, about 4.3 px each on average
    if len(name) <= fits:
        return f'<text x="0" y="{y + row * 0.72:.1f}" font-size="8" fill="{INK}">{escape(name)}</text>'
    words, first = name.split(), ""
    while words and len(f"{first} {words[0]}".strip()) <= len(name) / 2 + 2:
        first = f"{first} {words.pop(0)}".strip()
    first = first or words.pop(0)
    second = " ".join(words)
    cut = int(label_w / 3.8)  # 7 px text: a little more fits
    lines = [t if len(t) <= cut else t[:cut - 1] + "\u2026" for t in (first, second)]
    return (f'<text x="0" y="{y + row * 0.45:.1f}" font-size="7" fill="{INK}">{escape(lines[0])}'
            f'<tspan x="0" dy="7">{escape(lines[1])}</tspan></text>')


def _rings(geometry: dict) -> list[list]:
    if not geometry:
        return []
    if geometry.get("type") == "Polygon":
        return list(geometry["coordinates"])
    if geometry.get("type") == "MultiPolygon":
        return [ring for poly in geometry["coordinates"] for ring in poly]
    return []


def locator_svg(geojson: dict, code, title: str, width: int = 260, height: int = 220) -> str:
    """The level's boundaries in grey with one area (or a set of codes: a custom area) filled (an equirectangular
    projection, true to scale at the areas' mid-latitude); the view fits every area of the file."""
    chosen = {code} if isinstance(code, str) else set(code)
    features = geojson.get("features", []) if geojson else []
    rings = [(f.get("properties", {}).get("area_code"), ring) for f in features for ring in _rings(f.get("geometry"))]
    if not rings:
        return _svg(width, height, "", title)
    lons = [p[0] for _, ring in rings for p in ring]
    lats = [p[1] for _, ring in rings for p in ring]
    k = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x, span_y = (max(lons) - min(lons)) * k or 1e-9, (max(lats) - min(lats)) or 1e-9
    scale = min((width - 8) / span_x, (height - 8) / span_y)
    ox = (width - span_x * scale) / 2
    oy = (height - span_y * scale) / 2

    west, north = min(lons), max(lats)  # once, not per point: an LSOA map has thousands of points

    def path(ring: list) -> str:
        return "M" + "L".join(f"{ox + (p[0] - west) * k * scale:.1f},{oy + (north - p[1]) * scale:.1f}"
                              for p in ring) + "Z"

    others = "".join(path(r) for c, r in rings if c not in chosen)
    mine = "".join(path(r) for c, r in rings if c in chosen)
    body = f'<path d="{others}" fill="#f3f2f1" stroke="#6f777b" stroke-width="0.6"/>'
    if mine:
        body += f'<path d="{mine}" fill="{SEQUENTIAL[-1]}" stroke="{INK}" stroke-width="1.5"/>'
    return _svg(width, height, body, title)
