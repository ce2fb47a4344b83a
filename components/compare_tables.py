"""Compare's tables: plain accessible tables (the charts' alternatives), side by side, and similar areas."""

from __future__ import annotations

import pandas as pd
from dash import html

from components.compare_grid import short_value
from components.format import format_interval, format_value
from components.judgement import LABELS, judgement_badge


def plain_table(header: list[str], rows: list[list], caption: str, caption_hidden: bool = False) -> html.Div:
    """A small HTML table with column headers and a caption, in a sideways-scrolling wrapper; on a phone each row
    stacks into a card, each cell labelled with its column (stack-on-phone, assets/10_observatory.css)."""
    return html.Div(html.Table([
        html.Caption(caption, className="visually-hidden" if caption_hidden else "text-muted"),
        html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
        html.Tbody([html.Tr([html.Th(r[0], scope="row")] + [html.Td(c, **{"data-label": h})
                                                            for h, c in zip(header[1:], r[1:], strict=False)])
                    for r in rows]),
    ], className="table table-sm cmp-table stack-on-phone"), className="cmp-table-wrap")


def scatter_table(rows: pd.DataFrame, x_meta: dict, y_meta: dict) -> html.Div:
    """Every area's pair of values: the scatter's table alternative."""
    data = rows.sort_values("area_name")
    body = [[r.area_name, format_value(r.x, x_meta["unit"], x_meta["value_type"]), r.x_period or "",
             format_value(r.y, y_meta["unit"], y_meta["value_type"]), r.y_period or ""]
            for r in data.itertuples()]
    return plain_table(["Area", x_meta["name"], "Period", y_meta["name"], "Period"], body,
                       "Values of both indicators for every area")


def inequality_table(groups: pd.DataFrame, meta: dict, group_word: str) -> html.Div:
    """The groups' values, limits and sizes: the inequality chart's table alternative."""
    body = [[f"{int(r.group)}" + (" (most deprived)" if r.group == 1 else ""),
             format_value(r.value, meta["unit"], meta["value_type"]),
             format_interval(r.lower, r.upper, meta["unit"], meta["value_type"]), int(r.n_areas),
             "" if pd.isna(r.numerator) else f"{r.numerator:,.0f} / {r.denominator:,.0f}", r.method]
            for r in groups.itertuples()]
    return plain_table([group_word.title(), "Value", "95% interval", "LSOAs", "Count / population", "Method"],
                       body, f"{meta['name']} by national deprivation {group_word}")


def difference_text(diff: float, meta: dict) -> str:
    """A difference in the indicator's own terms: percentage points for percentages, else its unit."""
    if meta["unit"] == "%" or meta["value_type"] == "percentage":
        return f"{diff:.1f} pp"
    return short_value(diff, meta["unit"], meta["value_type"])


def _sig_text(sig, diff, lo, hi, meta: dict, first_name: str) -> html.Span:
    """A difference with its interval and a word saying whether it is significant."""
    if pd.isna(diff):
        return html.Span("—")
    figure = f"{'+' if diff > 0 else ''}{difference_text(diff, meta)}"
    if sig is None or (isinstance(sig, float) and pd.isna(sig)):
        return html.Span([figure, html.Br(), html.Small("not tested (no intervals)", className="text-muted")])
    word = ("significantly higher" if diff > 0 else "significantly lower") if sig else "not significant"
    return html.Span([figure, " ", html.Small(format_interval(lo, hi, "", meta["value_type"])), html.Br(),
                      html.Small(("✱ " if sig else "") + f"{word} than {first_name}",
                                 className="cmp-sig" if sig else "text-muted")])


def side_table(rows: pd.DataFrame, catalogue: pd.DataFrame, areas: list[str], names: dict[str, str],
               bench_name: str) -> html.Div:
    """The theme's indicators for two to six areas, each after the first with its difference from the first."""
    first = names.get(areas[0], areas[0])
    header = ["Indicator", "Period", bench_name] + [names.get(c, c) for c in areas] + \
        [f"{names.get(c, c)} − {first}" for c in areas[1:]]
    body = []
    for r in rows.to_dict("records"):
        m = catalogue.loc[r["indicator_id"]]
        cells = [html.Span([m["name"], html.Br(), html.Small(m["unit"], className="text-muted")]), r["period"],
                 short_value(r["bench_value"], m["unit"], m["value_type"])]
        for c in areas:
            j = r.get(f"{c}_judgement")
            cells.append(html.Span([short_value(r.get(f"{c}_value"), m["unit"], m["value_type"]), html.Br(),
                                    judgement_badge(j if isinstance(j, str) else "not_compared")]))
        for c in areas[1:]:
            cells.append(_sig_text(r.get(f"{c}_sig"), r.get(f"{c}_diff"), r.get(f"{c}_diff_lower"),
                                   r.get(f"{c}_diff_upper"), m, first))
        body.append(cells)
    return plain_table(header, body, f"Judgements are against {bench_name}; differences are from {first}, with "
                                     "their 95% intervals, in percentage points (pp) for percentages. ✱ marks a "
                                     "significant difference.")


def similar_table(near: pd.DataFrame, matrix: pd.DataFrame, target: str, target_name: str,
                  catalogue: pd.DataFrame) -> html.Div:
    """The nearest areas with their distance and the indicators they are most alike on (with both values)."""
    body = []
    for i, r in enumerate(near.itertuples(), start=1):
        alike = []
        for ind in r.alike_on:
            m = catalogue.loc[ind]
            alike.append(html.Li(f"{m['name']}: {short_value(matrix.at[r.area_code, ind], m['unit'], m['value_type'])}"
                                 f" (vs {short_value(matrix.at[target, ind], m['unit'], m['value_type'])})"))
        body.append([f"{i}. {r.area_name}", f"{r.distance:.2f}", f"{int(r.shared)} of {matrix.shape[1]}",
                     html.Ul(alike, className="mb-0 ps-3")])
    return plain_table(["Area", "Distance", "Indicators compared", f"Most alike on (its value vs {target_name})"],
                       body, f"Areas most like {target_name}: the smaller the distance (in standard deviations), "
                             "the more alike.")


def legend_line() -> html.P:
    """The judgement symbols and words, said once above the views."""
    return html.P(" · ".join([*(LABELS[k] for k in ("better", "similar", "worse", "higher", "lower", "not_compared")),
                              "Q1 to Q5 (purple in the grid): fifth within the level, not judged"]),
                  className="small text-muted mb-1")
