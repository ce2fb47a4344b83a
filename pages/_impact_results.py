"""The /impact analysis as page pieces: the verdict first, then each method folded with its numbers, chart or refusal."""

from __future__ import annotations

import math

import dash_bootstrap_components as dbc
from dash import dcc, html

from analysis.impact import CAVEAT, MIN_POINTS, RULE_LABELS
from components import impact_charts as charts
from components import urls
from components.format import format_value
from components.impact_register import example_badge, money
from components.lazy_details import LazyDetails
from report.impact import Analysis, spans, unit_word, verdict, window_rows

PREFERRED = MIN_POINTS["spc"]["preferred"]
GRAPH_CONFIG = {"displaylogo": False, "responsive": True}


def _num(x) -> bool:
    return x is not None and isinstance(x, int | float) and math.isfinite(float(x))


def signed(value, unit: str) -> str:
    """'+0.56 percentage points', '−12 units' ('—' when missing)."""
    if not _num(value):
        return "—"
    word = unit_word(unit)
    text = format_value(abs(value), "", "other")
    plural = "" if abs(value) == 1 or word.endswith("s") else "s"
    return f"{'+' if value > 0 else '−' if value < 0 else ''}{text} {word}{plural}"


def level(value, unit: str, value_type: str) -> str:
    """A level as people read it ('3.4%')."""
    return format_value(value, unit if unit in ("%", "£") else "", value_type)


def interval(lo, hi, unit: str) -> str:
    """'95% interval −0.2 to +0.9 percentage points'."""
    if not (_num(lo) and _num(hi)):
        return ""
    return f"95% interval {signed(lo, unit).rsplit(' ', 2)[0]} to {signed(hi, unit)}"


def p_words(p) -> str:
    """A p-value with what it means in plain words (never colour alone)."""
    if not _num(p):
        return ""
    shown = "p < 0.001" if p < 0.001 else f"p = {p:.3f}"
    return f"{shown}: " + ("unlikely to be chance alone" if p < 0.05 else "could well be chance")


def caveat(text: str = CAVEAT) -> html.P:
    """The plain-language caveat every result carries."""
    return html.P(["⚠ ", html.Strong("Association, not proof. "), text], className="impact-caveat small mb-2")


def refusal(message: str) -> dbc.Alert:
    """What a method says instead of a number (too few points, no comparators...)."""
    return html.Div(["Not worked out: ", message], className="alert alert-secondary py-2 mb-2", role="status")


def _graph(fig, summary: str, name: str) -> html.Figure:
    return html.Figure([dcc.Graph(figure=fig, config={**GRAPH_CONFIG, "toImageButtonOptions": {"filename": name}}),
                        html.Figcaption(summary, className="small obs-meta")], className="mb-0")


def _card(title: str, body: list, anchor: str) -> html.Section:
    return html.Section([html.H3(title, className="h5", id=anchor), *body], className="explore-panel impact-card",
                        **{"aria-labelledby": anchor})


def _method(title: str, outcome: str, body: list, anchor: str) -> LazyDetails:
    """One method, folded: its name and a few words of outcome; open it to see how this was worked out (its chart
    is drawn then, not for every reader of the page)."""
    return LazyDetails([
        html.Summary([html.Span(f"How this was worked out: {title}", className="fw-semibold", id=anchor),
                      html.Span(f" · {outcome}", className="small obs-meta")]),
        html.Div(body, className="pt-2")], className="explore-panel impact-card impact-method")


def verdict_panel(a: Analysis) -> html.Section:
    """The answer first: one or two plain sentences, then the caveat once."""
    return html.Section([html.H3("What the figures say", className="h5", id="impact-h-verdict"),
                         html.P(verdict(a), className="lead impact-verdict mb-2"), caveat()],
                        className="explore-panel impact-card", **{"aria-labelledby": "impact-h-verdict"})


def source_panel(a: Analysis) -> html.Div:
    """The indicator's source, period and licence, with the intervention and area analysed."""
    m = a.meta
    period = f"{a.periods[0]} to {a.periods[-1]} ({len(a.periods)} periods)" if a.periods else "no periods"
    item = a.item
    return html.Div([
        html.P([example_badge() if item.example else None, html.Strong(item.title),
                f" · {a.area_name} · {m['name']} ({m['unit']})"], className="mb-1"),
        html.P([f"Source: {m.get('publisher') or 'not recorded'}. Licence: {m.get('licence') or 'not recorded'}. "
                f"Period: {period}. ",
                html.A("About this indicator", href=urls.data_url(m["indicator_id"]))], className="small obs-meta mb-2"),
    ])


def _day(iso: str | None) -> str:
    if not iso:
        return "the latest data"
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{d} {charts.MONTHS[m - 1]} {y}"


def windows_text(a: Analysis) -> str:
    """The windows in one sentence each, with the points each holds."""
    out = []
    for w in window_rows(a):
        held = (f"{w['points']} point{'s' if w['points'] != 1 else ''}, {w['first_period']} to {w['last_period']}"
                if w["points"] else "no points")
        out.append(f"{charts.WINDOW_TEXT[w['window']]}: {_day(w['first_day'])} to {_day(w['last_day'])}, "
                   f"{w['label']} ({held}).")
    return " ".join(out)


def windows_panel(a: Analysis) -> html.Section:
    """The whole series with the baseline, during and follow-up windows shaded and written out."""
    m = a.meta
    inside = set(zip(a.t, a.y, strict=True))
    used = [(t, y) in inside for t, y in zip(a.all_t, a.all_y, strict=True)]
    fig = charts.series_figure(a.all_t, a.all_y, spans(a), f"{m['name']}: {a.area_name}", m["unit"], a.all_periods,
                               used)
    text = windows_text(a)
    caption = "The series with the windows shaded; grey points fall outside them and are not used."
    return _card("The windows compared", [html.P(text, className="small"), _graph(fig, caption, "windows")],
                 "impact-h-windows")


def before_after_card(a: Analysis) -> html.Section:
    """Mean before and from the start, with intervals and the difference."""
    r, m = a.results["before_after"], a.meta
    if not r.ok:
        return _method("before and after", "not worked out: too few points", [refusal(r.message)], "impact-h-ba")
    text = (f"Mean before the start {level(r.before_mean, m['unit'], m['value_type'])} "
            f"({r.n_before} points), from the start {level(r.after_mean, m['unit'], m['value_type'])} "
            f"({r.n_after} points): a difference of {signed(r.difference, m['unit'])}")
    return _method("before and after", signed(r.difference, m["unit"]), [
        html.P([text, html.Br(), html.Span(f"{interval(r.difference_lower, r.difference_upper, m['unit'])}; "
                                           f"{p_words(r.p_value)}.", className="small")]),
        _graph(charts.before_after_figure(r, f"Mean before and after: {a.area_name}", m["unit"],
                                          names=("Baseline", "From the start")), text + ".", "before-after"),
        html.P(r.method or "", className="small obs-meta"), *_note(r)], "impact-h-ba")


def its_card(a: Analysis) -> html.Section:
    """Segmented regression: change in level and in slope at the start."""
    r, m = a.results["its"], a.meta
    if not r.ok:
        return _method("trend before and after (interrupted time series)", "not run: too few points",
                       [refusal(r.message)], "impact-h-its")
    text = (f"At the start the level changed by {signed(r.level_change, m['unit'])} "
            f"({interval(r.level_change_lower, r.level_change_upper, m['unit'])}; {p_words(r.level_change_p)}) "
            f"and the trend by {signed(r.slope_change, m['unit'])} a year "
            f"({interval(r.slope_change_lower, r.slope_change_upper, m['unit'])}; {p_words(r.slope_change_p)}).")
    fig = charts.its_figure(a.t, a.y, r, a.start, a.end, f"{m['name']}: {a.area_name}", m["unit"], a.periods,
                            spans=spans(a), bounds=a.bounds)
    return _method("trend before and after (interrupted time series)",
                   f"level {signed(r.level_change, m['unit'])} at the start", [
        html.P(text), _graph(fig, "Observed values, the fitted line before and after the start, and the dashed line "
                             "the pre-start trend would have followed. " + text, "interrupted-time-series"),
        html.P(r.method or "", className="small obs-meta"), *_note(r)], "impact-h-its")


def did_card(a: Analysis, selector) -> html.Section:
    """Difference in differences against the comparators (chosen in `selector`)."""
    r, m = a.results["did"], a.meta
    head = [html.P(a.comparator_note, className="small"), selector]
    if not r.ok:
        return _method("against comparator areas", "not worked out", [*head, refusal(r.message)], "impact-h-did")
    text = (f"{a.area_name} changed by {signed(r.treated_change, m['unit'])}, the comparators by "
            f"{signed(r.comparator_change, m['unit'])} on average: a difference in differences of "
            f"{signed(r.difference, m['unit'])} ({interval(r.difference_lower, r.difference_upper, m['unit'])}; "
            f"{p_words(r.p_value)}).")
    fig = charts.did_figure(a.t, a.y, a.comparator_mean, a.start, f"{a.area_name} and comparators", m["unit"],
                            result=r, labels=a.periods, treated_name=a.area_name, spans=spans(a))
    return _method("against comparator areas", f"{signed(r.difference, m['unit'])} against them", [
        *head, html.P(text), _graph(fig, text, "difference-in-differences"),
        html.P(r.method or "", className="small obs-meta"), *_note(r)], "impact-h-did")


def _note(result) -> list:
    """The model's own warning (intervals from a short series are too narrow, comparators with gaps), if any."""
    note = getattr(result, "note", "")
    return [html.P(note, className="small obs-note")] if note else []


def spc_card(a: Analysis) -> html.Section:
    """The control chart with limits recalculated at the start and the special-cause signals."""
    r, m = a.results["spc"], a.meta
    if not r.ok:
        return _method("control chart", "not drawn: too few baseline points",
                       [html.P(a.spc_note, className="small"), refusal(r.message)], "impact-h-spc")
    flagged = [p for p in r.points if p.get("flags")]
    signals = html.Ul([html.Li(f"{a.periods[i] if i < len(a.periods) else round(p['t'], 2)}: "
                               + "; ".join(RULE_LABELS.get(f, f) for f in p["flags"]))
                       for i, p in enumerate(r.points) if p.get("flags")][:12], className="small") if flagged else \
        html.P("No special-cause signals: the variation looks like common cause.", className="small")
    text = f"{len(flagged)} of {len(r.points)} points show a special-cause signal (marked ◆ on the chart)."
    base = r.phases[0]["n"]
    limits = (f"Limits from the {base} baseline points before the start"
              + (f" (provisional: fewer than {PREFERRED} points)" if r.provisional else "") + ".")
    warn = [html.P(["⚠ ", w], className="small obs-note") for w in r.warnings]
    return _method("control chart", f"{len(flagged)} of {len(r.points)} points flagged", [
        html.P(a.spc_note, className="small"), html.P([text, " ", limits]), *warn,
        _graph(charts.spc_figure(r, f"Control chart: {m['name']}, {a.area_name}", m["unit"], a.periods,
                                 spans=spans(a)), text, "spc"),
        signals, html.P(r.method or "", className="small obs-meta")], "impact-h-spc")


def cost_card(a: Analysis) -> html.Section:
    """Cost per unit change and per person with their intervals, or why a figure would mislead."""
    r, item = a.results["cost"], a.item
    spend = f"Recorded cost {money(item.cost_total)}" + (f" ({money(item.cost_per_year)} a year)"
                                                          if item.cost_per_year is not None else "") + "."
    body = [html.P(spend)]
    if r.ok:
        body.append(html.P([html.Strong(r.label), f", set against {a.change_used}."]))
        if r.person_label:
            people = (f"{r.people:,.0f} people" + (f" (95% interval {r.people_lower:,.0f} to {r.people_upper:,.0f})"
                                                     if r.people_lower is not None else ""))
            body.append(html.P([html.Strong(r.person_label), f": the change is about {people}."]))
        if r.note:
            body.append(html.P(r.note, className="small"))
        body.append(html.P("It assumes the whole difference is due to the intervention, which these figures cannot "
                           "show.", className="small"))
    else:  # say which change was refused: the before-and-after may be significant where the comparison is not
        message = r.message[:1].lower() + r.message[1:]
        body.append(refusal(f"set against {a.change_used}, {message}" if a.change_used else r.message))
    return _card("Cost per outcome", body, "impact-h-cost")


def theme_table(rows: list[dict], theme_name: str) -> html.Section:
    """The theme's interventions with spend and measured change side by side."""
    body = []
    for r in rows:
        item = r["item"]
        change = (f"{signed(r['change'], r['unit'])} ({interval(r['lower'], r['upper'], r['unit'])}; "
                  f"{p_words(r['p'])})") if _num(r["change"]) else r["message"]
        cost = r["cost"]
        body.append(html.Tr([
            html.Th([example_badge() if item.example else None, item.title], scope="row"),
            html.Td(money(item.cost_total)), html.Td(f"{r['indicator']} · {r['area']}" if r["indicator"] else "—"),
            html.Td(change), html.Td(cost.label if cost is not None and cost.ok else
                                     (cost.message if cost is not None else "—"), className="small"),
        ]))
    table = dbc.Table([
        html.Caption(f"{theme_name}: spend and measured change", className="visually-hidden"),
        html.Thead(html.Tr([html.Th(h, scope="col") for h in ("Intervention", "Spend", "Indicator · area",
                                                               "Change, mean from the start minus before",
                                                               "Cost per unit change")])),
        html.Tbody(body)], size="sm", className="mb-0") if body else html.P("No interventions in this theme.")
    return _card(f"{theme_name}: spend and measured change", [
        html.P("Each intervention's first indicator with data at the level of its first area, before and after its "
               "start. Changes are not adjusted for comparators here; open one for the full analysis.",
               className="small"), html.Div(table, className="table-responsive", tabIndex="0", role="region",
                                        **{"aria-label": f"{theme_name}: spend and measured change"})], "impact-h-theme")
