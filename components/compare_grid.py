"""The overview grid ('tartan rug'): indicators by areas, each cell a judged value linking to Explore."""

from __future__ import annotations

import math
from html import escape

import pandas as pd
from dash import html

from components import urls
from components.format import format_interval, format_value
from components.judgement import LABELS

SYMBOLS = {k: v.split(" ")[0] for k, v in LABELS.items()}
FIFTHS = {1: "lowest", 2: "second lowest", 3: "middle", 4: "second highest", 5: "highest"}
WORDS = {"better": "better", "worse": "worse", "similar": "similar", "higher": "higher", "lower": "lower",
         "not_compared": "not compared"}


def short_value(value, unit: str = "", value_type: str = "other") -> str:
    """A value in at most about six characters: 12.3%, £245k, 1.2m, 81.2."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    v = float(value)
    money = "£" if value_type == "currency" or unit in ("£", "GBP") else ""
    for size, suffix, from_ in ((1e6, "m", 1e6), (1e3, "k", 1e4)):
        if abs(v) >= from_ or (money and abs(v) >= size):
            return f"{money}{v / size:.1f}{suffix}".replace(".0" + suffix, suffix)
    if v.is_integer() and not money and unit != "%":
        return f"{v:,.0f}"  # ranks, deciles and counts read as whole numbers
    text = f"{v:,.0f}" if abs(v) >= 100 else f"{v:.1f}" if abs(v) >= 1 else f"{v:.2f}"
    return money + text + ("%" if unit == "%" else "")


def explore_href(indicator: str, level: str, period: str, benchmark: str, code: str) -> str:
    """The Explore URL for one indicator with one area selected (Explore's own parameter names)."""
    return urls.explore_url(indicator=indicator, level=level, period=period, benchmark=benchmark, areas=code)


def _cell(r: dict, m: dict, href: str, bench_name: str, area_name: str, plural: str) -> str:
    """One value: its judgement's colour, symbol and word; or, where nothing judged it, its fifth within the level
    (a purple shade and "Q1".."Q5", never better or worse); the full figure in the tooltip."""
    j = r["judgement"] if isinstance(r["judgement"], str) else "not_compared"
    unit, kind = m["unit"], m["value_type"]
    full = format_value(r["value"], unit, kind)
    interval = format_interval(r["lower_ci"], r["upper_ci"], unit, kind)
    q = r.get("quintile")
    if j == "not_compared" and q is not None and not (isinstance(q, float) and math.isnan(q)):
        verdict = f"in the {FIFTHS[int(q)]} fifth of {plural} (not tested against {bench_name})"
        css, mark = f"cmp-q cmp-q{int(q)}", f'<span class="cmp-qmark">Q{int(q)}</span>'
    else:
        verdict = WORDS.get(j, "not compared") + ("" if j in ("similar", "not_compared") else " than") + \
            (f" {bench_name}" if j != "not_compared" else "")
        css, mark = f"judgement-{j}", SYMBOLS.get(j, "○")
    tip = f"{area_name}, {m['name']}: {full} {interval} in {r['period']}; {verdict}. Open in Explore."
    return (f'<td class="cmp-cell {css}"><a href="{_e(href)}" title="{_e(tip)}" '
            f'aria-label="{_e(f"{area_name}: {full}, {verdict}")}">'
            f"{_e(short_value(r['value'], unit, kind))} {mark}</a></td>")


def _e(text) -> str:
    return escape(str(text), quote=True)


def grid_caption(bench_name: str, plural: str = "areas") -> str:
    """What the grid shows and how its symbols and shades read."""
    return (f"Each indicator (rows) for every area (columns), judged against {bench_name}: ▲ better, ▼ worse, "
            "● similar (for indicators with no good direction ▲ higher, ▼ lower). Where no judgement can be made, "
            f"purple shades show the value's fifth among the {plural}, Q1 lowest to Q5 highest: a position, not "
            "tested and not better or worse. Select a value to open it in Explore.")


def quintile_key() -> html.P:
    """The purple shades' key (assets/60_compare.css): Q1 lowest fifth to Q5 highest, for values nobody judged."""
    return html.P(["Not judged, position in the level: ",
                   *[html.Span(f"Q{q}", className=f"cmp-key cmp-q cmp-q{q}") for q in range(1, 6)],
                   " (lowest to highest fifth)"], className="small mb-1 cmp-quintile-key", **{"aria-hidden": "true"})


def grid_html(rows: pd.DataFrame, indicators: list[str], catalogue: pd.DataFrame, order: list[str],
              names: dict[str, str], level: str, benchmark: str, bench_name: str, sort: str,
              plural: str = "areas") -> str:
    """The grid as an HTML table string (every text escaped): a sticky indicator column, the benchmark, the areas.

    Thousands of cells as Dash components freeze the browser for seconds; the browser parses this string in
    milliseconds (the page sets it as the innerHTML of an empty host element).
    """
    if "quintile" not in rows:
        rows = rows.assign(quintile=float("nan"))
    cols = ["indicator_id", "area_code", "period", "value", "lower_ci", "upper_ci", "judgement", "quintile"]
    # plain lists, not itertuples: thousands of cells, and Arrow-backed strings are slow to iterate one by one
    by = {(r["indicator_id"], r["area_code"]): r for r in
          (dict(zip(cols, t, strict=True)) for t in zip(*(rows[c].tolist() for c in cols), strict=True))}
    bench = rows.drop_duplicates("indicator_id").set_index("indicator_id")
    out = [f'<table class="cmp-grid"><caption class="visually-hidden">{_e(grid_caption(bench_name, plural))}'
           '</caption>',
           '<thead><tr><th scope="col" class="cmp-rowhead">Indicator</th>',
           f'<th scope="col" class="cmp-bench">{_e(bench_name)}</th>']
    out += [f'<th scope="col" class="cmp-colhead" title="{_e(names.get(c, c))} ({_e(c)})">{_e(names.get(c, c))}</th>'
            for c in order]
    out.append("</tr></thead><tbody>")
    for ind in indicators:
        m = catalogue.loc[ind, ["name", "unit", "value_type"]].to_dict()
        b = bench.loc[ind] if ind in bench.index else None
        label = (f"{_e(m['name'])}<br><small class=\"text-muted fw-normal\">{_e(m['unit'])}, "
                 f"{_e(b['period'] if b is not None else '')}</small>")
        reason = _not_judged(rows[rows["indicator_id"] == ind], bench_name, m["value_type"])
        if reason:
            label += f'<br><small class="text-muted fw-normal fst-italic">{_e(reason)}</small>'
        if ind == sort:
            label += ' <small class="fw-semibold">(sorted)</small>'
        bench_value = short_value(b["bench_value"] if b is not None else None, m["unit"], m["value_type"])
        out.append(f'<tr data-indicator="{_e(ind)}"><th scope="row" class="cmp-rowhead">{label}</th>'
                   f'<td class="cmp-bench">{_e(bench_value)}</td>')
        base: dict[str, str] = {}
        for code in order:
            r = by.get((ind, code))
            if r is None:
                out.append('<td class="cmp-cell cmp-empty" title="No value">—</td>')
                continue
            key = r["period"]
            if key not in base:  # one urlencode per indicator and period, not per cell (codes need no quoting)
                base[key] = explore_href(ind, level, key, benchmark, "AREA")
            href = base[key].replace("AREA", code)
            out.append(_cell(r, m, href, bench_name, names.get(code, code), plural))
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _not_judged(part: pd.DataFrame, bench_name: str, value_type: str = "") -> str:
    """Why an indicator's row has no judgements, or '' when some are judged."""
    if part.empty or (part["judgement"] != "not_compared").any():
        return ""
    if value_type == "count":
        return "Not judged: counts are not compared with larger areas"
    if part["bench_value"].isna().all():
        return f"Not judged: no {bench_name} value for this period"
    if part["lower_ci"].isna().all():
        return "Not judged: no confidence intervals"
    return "Not judged"
