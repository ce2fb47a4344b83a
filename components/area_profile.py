"""The area profile page's pieces: header, needs summary, deprivation context and the indicator tables by theme.

Pure builders over report.profile.AreaProfile (plain data); no queries. Charts are small SVGs sent as <img>
data URIs with their description as alt text.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import dash_bootstrap_components as dbc
import dash_leaflet as dl
from dash import dcc, html
from dash_extensions.javascript import Namespace

from components import urls
from components.choropleth import GM_BOUNDS, TRAFFORD_BOUNDS
from components.format import format_interval, format_value, is_missing
from components.intervention_marks import marks_sentence
from components.judgement import judgement_badge
from components.static_html import static_html
from components.svg_charts import decile_bars_svg, sparkline_svg, spine_svg, svg_data_uri

LOCATOR_JS = Namespace("observatory_area", "locator")
NEED_KINDS = ("worse", "getting_worse", "worst_quarter")
POLARITY_TEXT = {"high_is_good": "higher is better", "low_is_good": "lower is better",
                 "no_judgement": "no judgement of better or worse"}
VINTAGE_LABEL = {"ward_2022": "pre-2023 ward", "ward_2023": "2023 ward", "lsoa_2011": "2011 LSOA",
                 "lsoa_2021": "2021 LSOA", "msoa_2011": "2011 MSOA", "msoa_2021": "2021 MSOA"}
VINTAGE_CHANGE = {"ward": "Ward boundaries in Trafford changed in May 2023.",
                  "lsoa": "LSOA boundaries were revised after the 2021 Census.",
                  "msoa": "MSOA boundaries were revised after the 2021 Census."}


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd..."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank_text(rank: int | None, n: int | None, polarity: str) -> str:
    """'3rd best of 21' ('3rd highest of 21' where no judgement is made); '—' without a rank."""
    if rank is None or not n or n < 2:
        return "—"
    return f"{ordinal(rank)} {'highest' if polarity not in ('high_is_good', 'low_is_good') else 'best'} of {n}"


def short_unit(unit) -> str:
    """The unit to print after a number (long descriptions such as a decile's are left to the header)."""
    unit = unit if isinstance(unit, str) else ""
    return "" if len(unit) > 12 else unit


def fmt(value, row: dict) -> str:
    """A value of this row's indicator as people read it."""
    return format_value(value, short_unit(row["unit"]), row["value_type"])


def _x(when) -> float | None:
    if isinstance(when, datetime | date):
        return float(when.toordinal())
    return None


def sparkline_for(row: dict, area_name: str, width: int = 96, height: int = 24, marks: list[dict] | None = None) -> str:
    """The area's series as an SVG sparkline, described in its title; `marks` are interventions covering it."""
    pts = [(p, _x(start), v) for p, start, v in row["series"] if v is not None and _x(start) is not None]
    if not pts:
        return sparkline_svg([], f"{row['label']}: no series for {area_name}.", width, height)
    first, last = pts[0], pts[-1]
    text = (f"{row['label']}, {area_name}: {fmt(first[2], row)} in {first[0]}" +
            (f" to {fmt(last[2], row)} in {last[0]} ({len(pts)} periods)" if len(pts) > 1 else " (one period)"))
    guessed = set(row.get("estimated_periods") or ())
    flags = [p in guessed for p, _, _ in pts]
    if any(flags):
        text += f". Hollow points are estimates ({sum(flags)} of {len(pts)} periods)"
    if marks:
        text += ". " + marks_sentence(marks)
    return sparkline_svg([(x, v) for _, x, v in pts], text, width, height, marks=marks, estimated=flags)


def spine_for(row: dict, area_name: str, level_plural: str, benchmark_name: str, width: int = 140,
              height: int = 22) -> str | None:
    """Where the area sits in the spread of its level, or None when the level has fewer than three values."""
    st = row.get("stats")
    if not st or (st.get("n") or 0) < 3:
        return None
    text = (f"{row['label']}: across {int(st['n'])} {level_plural}, lowest {fmt(st['min'], row)}, middle half "
            f"{fmt(st['q1'], row)} to {fmt(st['q3'], row)}, median {fmt(st['median'], row)}, highest "
            f"{fmt(st['max'], row)}; {area_name} {fmt(row['value'], row)}; {benchmark_name} "
            f"{fmt(row['benchmark_value'], row)}.")
    bench = None if row["value_type"] == "count" else row["benchmark_value"]  # a larger area's count is off scale
    if bench is None:
        text = text.rsplit(f"; {benchmark_name}", 1)[0] + "."
    return spine_svg(st, row["value"], bench, row["judgement"], text, width, height)


def _img(svg: str, alt: str, cls: str) -> html.Img:
    return html.Img(src=svg_data_uri(svg), alt=alt, className=cls)


def _alt(svg: str) -> str:
    start = svg.find("<title>") + 7
    return (svg[start:svg.find("</title>")] if start > 6 else "").replace("&amp;", "&").replace("&lt;", "<") \
        .replace("&gt;", ">").replace("&quot;", '"').replace("&#x27;", "'")


def parent_label(parent: dict) -> str:
    """'Bowdon (2023 ward, best fit)', 'Trafford': a parent's name with its vintage and whether it is a best fit."""
    notes = [VINTAGE_LABEL[parent["level"]]] if parent["level"] in VINTAGE_LABEL else []
    if parent.get("best_fit"):
        notes.append("best fit")
    return parent["name"] + (f" ({', '.join(notes)})" if notes else "")


def breadcrumb(profile) -> html.Nav:
    """The area's parents up to England, each a link to its profile."""
    items = []
    for p in profile.parents:
        label = parent_label(p)
        items.append(html.Li(dcc.Link(label, href=urls.area_url(
                                      p["code"], level=p["level"] if p["level"].startswith(("lsoa", "msoa")) else None)),
                             className="breadcrumb-item"))
    return html.Nav(html.Ol([html.Li("Part of:", className="breadcrumb-item obs-meta"), *items],
                            className="breadcrumb mb-1"), **{"aria-label": "Parent areas"})


def locator_map(profile, map_id: str) -> html.Figure | None:
    """A small map of the level's boundaries with this area filled (no tiles, not draggable)."""
    if profile.level in ("england", "region", "combined_authority"):
        return None
    bounds = GM_BOUNDS if profile.level == "la" else TRAFFORD_BOUNDS
    codes = getattr(profile, "lsoa_codes", None)  # a custom area: its 2021 LSOAs filled
    layer = dl.GeoJSON(url=urls.geometry_url("lsoa_2021" if codes else profile.level),
                       hideout={"codes": codes} if codes else {"code": profile.code},
                       style=LOCATOR_JS("style"), onEachFeature=LOCATOR_JS("tooltip"), zoomToBounds=False)
    m = dl.Map([layer], id=map_id, bounds=bounds, style={"height": "220px", "width": "100%"},
               dragging=False, zoomControl=False, scrollWheelZoom=False, doubleClickZoom=False, boxZoom=False,
               touchZoom=False, keyboard=False, attributionControl=False, trackViewport=False,
               className="area-locator")
    return html.Figure([m, html.Figcaption(f"Where {profile.name} is: filled dark blue among the "
                                           f"{'local authorities of Greater Manchester' if profile.level == 'la' else 'areas of Trafford'}.",
                                           className="obs-meta small mt-1")],
                       className="mb-0", **{"aria-label": f"Locator map of {profile.name}"})


def header(profile, level_plural: str, map_id: str, tools=None) -> html.Header:
    """Name, level, code, parents, population, then `tools` (benchmark, evidence pack), beside the locator map."""
    pop = profile.population
    facts = [html.Span(profile.level_label, className="badge text-bg-light border me-2"),
             html.Span(profile.code, className="obs-meta me-3")]
    if pop:
        facts.append(html.Span([html.Strong(f"{format_value(pop['value'], 'count', 'count')}"),
                                f" residents (mid-{pop['period']} estimate)"]))
    left = [breadcrumb(profile) if profile.parents else None, html.H1(profile.name, className="h2 mb-1"),
            html.P(facts, className="mb-2"), *(tools or [])]
    locator = locator_map(profile, map_id)
    return html.Header(dbc.Row([dbc.Col(left, md=8), dbc.Col(locator, md=4) if locator else None],
                               className="g-2 align-items-start"), className="area-header explore-panel")


def notices(messages: list[str]) -> html.Div:
    """What in the address was replaced, as a polite status region."""
    return html.Div([dbc.Alert(m, color="warning", className="py-1 mb-1") for m in messages], role="status",
                    className="notice-list")


def vintage_links(profile) -> html.Div | None:
    """The overlapping areas of the other boundary vintage, and other levels of the same code."""
    parts = []
    kind = profile.level.split("_")[0]
    if len(profile.links):
        older = profile.links[profile.links["direction"] == "succeeds"]
        newer = profile.links[profile.links["direction"] == "succeeded_by"]
        items = []
        for r in older.itertuples():
            share = "" if is_missing(r.share_of_from) else f": {r.share_of_from:.0%} of that area lies in this one"
            items.append(html.Li([dcc.Link(f"{r.other_name} ({VINTAGE_LABEL.get(r.other_level, r.other_level)})",
                                           href=urls.area_url(r.other_code, level=r.other_level)), share]))
        for r in newer.itertuples():
            share = "" if is_missing(r.share_of_from) else f": {r.share_of_from:.0%} of this area lies in it"
            items.append(html.Li([dcc.Link(f"{r.other_name} ({VINTAGE_LABEL.get(r.other_level, r.other_level)})",
                                           href=urls.area_url(r.other_code, level=r.other_level)), share]))
        lead = "This area overlaps these areas of the earlier boundaries" if len(older) else \
            "This area overlaps these areas of the newer boundaries"
        parts += [html.P([VINTAGE_CHANGE.get(kind, "Boundaries changed."), f" {lead} (by share of area):"],
                         className="mb-1"),
                  html.Ul(items, className="mb-1"),
                  html.P("Figures are not joined across the change: each vintage's figures are on its own profile.",
                         className="mb-0 small")]
    for lv in profile.other_levels:
        parts.append(html.P(["The code ", profile.code, " also stands for an area of another vintage: ",
                             dcc.Link(f"open its {lv.split('_')[0].upper()} ({lv.split('_')[1]}) profile",
                                      href=urls.area_url(profile.code, level=lv)), "."], className="mb-0 small"))
    if not parts:
        return None
    return html.Section(parts, className="explore-panel area-vintage", **{"aria-label": "Boundary changes"})


def benchmark_selector(profile, href_for) -> html.Nav:
    """Links to the same profile against each benchmark; the current one marked in words, not colour alone."""
    items = []
    for key, name in profile.benchmark_options:
        if key == profile.benchmark:
            items.append(html.Span([html.Span("✓ ", **{"aria-hidden": "true"}), name,
                                    html.Span(" (current)", className="visually-hidden")],
                                   className="btn btn-sm btn-primary disabled-look"))
        else:
            items.append(dcc.Link(name, href=href_for(key), className="btn btn-sm btn-outline-primary"))
    return html.Nav([html.Span("Compare with:", className="me-2 fw-semibold", id="area-benchmark-label"),
                     html.Div(items, className="d-inline-flex flex-wrap gap-1")],
                    className="area-benchmark d-flex flex-wrap align-items-center",
                    **{"aria-labelledby": "area-benchmark-label"})


SUMMARY_HEADS = {"need": "Where {name} shows most need", "strength": "Where {name} does well",
                 "worsening": "What is getting worse"}
SUMMARY_SYMBOLS = {"need": "▼", "strength": "▲", "worsening": "↘"}


def _name_first(text: str, label) -> list:
    """The figure that leads the sentence in bold ('47.4%', 'The living environment deprivation score is 7.70'), or
    the indicator's name where the sentence leads with it, and the rest in plain weight (a whole bold paragraph is
    hard to read, most of all on a phone)."""
    head = f"{label}:" if isinstance(label, str) else ""
    if head and text.startswith(head):
        return [html.Strong(head), text[len(head):]]
    lead = re.match(r"(?:Getting worse: )?\D{0,90}?-?\d[\d,]*(?:\.\d+)?%?", text)
    if lead:
        return [html.Strong(lead.group(0)), text[lead.end():]]
    return [html.Span(text)]


def needs_panel(profile, max_names: int = 6) -> html.Section:
    """The quotable summary (need, strengths, worsening, each a sentence with its numbers), the note on how it was
    judged, and the counts by judgement."""
    lines = profile.summary()
    blocks = []
    for kind in ("need", "strength", "worsening"):
        items = [html.Li([html.Span(SUMMARY_SYMBOLS[kind] + " ", className="need-symbol", **{"aria-hidden": "true"}),
                          *_name_first(x.text, x.row.get("label"))], className=f"need-line summary-{kind}")
                 for x in lines if x.kind == kind]
        if items:
            blocks += [html.H3(SUMMARY_HEADS[kind].format(name=profile.name), className="h6 mt-2"),
                       html.Ul(items, className="needs-list needs-primary")]
    if not blocks:
        blocks = [html.P("No indicator has a value beside Trafford's or England's to compare.", className="mb-1")]
    judged = sum(1 for r in profile.rows if r.get("tested"))
    counts = [html.Li([html.Span(n.symbol + " ", className="need-symbol", **{"aria-hidden": "true"}),
                       html.Span(n.text)], className=f"need-line need-{n.kind}") for n in profile.needs(max_names)]
    return html.Section([
        html.H2("Summary of need", className="h4"),
        *blocks,
        html.Details([html.Summary("How we judged this", className="small"),
                      *[html.P(t, className="small mb-1") for t in profile.how_judged()]], className="mt-2"),
        html.Details([html.Summary(f"Counts by judgement: {judged} of {len(profile.rows)} indicators tested for "
                                   "significance", className="small"),
                      html.Ul(counts, className="needs-list needs-other")], className="mt-1"),
    ], className="explore-panel", id="area-needs", **{"aria-label": "Summary of need"})


def deprivation_panel(profile) -> html.Section | None:
    """How many of the area's LSOAs fall in each national IMD decile, as bars and a table."""
    if profile.deciles is None or not len(profile.deciles):
        return None
    counts = profile.decile_counts()
    total = sum(counts.values())
    title = (f"{profile.name}: {total} LSOAs by national IMD decile; " +
             "; ".join(f"decile {d}: {n}" for d, n in counts.items() if n))
    svg = decile_bars_svg(counts, title)
    table = dbc.Table([
        html.Thead(html.Tr([html.Th("Decile", scope="col"), *[html.Th(str(d), scope="col") for d in range(1, 11)]])),
        html.Tbody(html.Tr([html.Th("LSOAs", scope="row"), *[html.Td(str(counts[d])) for d in range(1, 11)]])),
    ], size="sm", bordered=True, className="decile-table mb-1", responsive=True)
    lsoas = html.Details([
        html.Summary(f"The {len(profile.deciles)} LSOAs"),
        static_html([html.Li([dcc.Link(r.area_name, href=urls.area_url(r.area_code, level=r.level)),
                              f": decile {int(r.decile)}" if not is_missing(r.decile) else ": no decile"])
                     for r in profile.deciles.itertuples()], tag="ul", className="small lsoa-list"),
    ])
    return html.Section([
        html.H2("Deprivation context", className="h4"),
        html.P(profile.decile_note, className="small"),
        dbc.Row([dbc.Col(_img(svg, title, "decile-chart"), md=6), dbc.Col([table, lsoas], md=6)]),
    ], className="explore-panel", id="area-deprivation", **{"aria-label": "Deprivation context"})


def children_panel(profile, level_names: dict) -> html.Section | None:
    """Links to the areas inside this one (at the newest level)."""
    if profile.children is None or not len(profile.children):
        return None
    lv = profile.children["level"].iloc[0]
    named = lv if lv.startswith(("lsoa", "msoa")) else None
    return html.Section([
        html.H2(f"Areas within {profile.name}: {level_names.get(lv, lv)}", className="h6"),
        static_html([html.Li(dcc.Link(r.area_name, href=urls.area_url(r.area_code, level=named)))
                     for r in profile.children.itertuples()], tag="ul", className="children-list small mb-0"),
    ], className="explore-panel")


def _cell(label: str, children, cls: str = "") -> html.Td:
    """A cell labelled for the stacked phone layout (one wrapper, so the label sits beside all its content)."""
    return html.Td(html.Div(children), className=cls, **{"data-label": label})


def indicator_row(row: dict, profile, level_plural: str, marks: list[dict] | None = None) -> html.Tr:
    """One indicator: value, comparators, judgement, rank, sparkline with trend, spine."""
    interval = format_interval(row["lower"], row["upper"], short_unit(row["unit"]), row["value_type"])
    value = "suppressed" if row["value"] is None and row["suppressed"] else fmt(row["value"], row)
    name = dcc.Link(row["label"], href=row["explore"]) if row["explore"] else row["label"]
    spark = sparkline_for(row, profile.name, marks=marks)
    spine = spine_for(row, profile.name, level_plural, profile.benchmark_name)
    trend_text = row["trend_label"] if row["trend_tested"] else (
        "One period only" if len(row["series"]) < 2 else "No trend test")
    return html.Tr([
        html.Th([name, html.Div(f"{row['unit']} · {POLARITY_TEXT.get(row['polarity'], '')}",
                                className="obs-meta small")], scope="row", className="ind-name"),
        _cell("Period", row["period"]),
        _cell("Value", [html.Span(value, className="fw-semibold"), html.Div(interval, className="obs-meta small"),
                        *([html.Div(f"Estimated: {row['derivation']}", className="obs-meta small")]
                          if row.get("derivation") else [])]),
        _cell("Trafford", fmt(row["trafford"], row)),
        _cell("Greater Manchester", fmt(row["gm"], row)),
        _cell("England", fmt(row["england"], row)),
        _cell(f"Compared with {profile.benchmark_name}", comparison_cell(row)),
        _cell("Rank", row.get("rank_text") or rank_text(row["rank"], row["rank_n"], row["polarity"])),
        _cell("Trend", [_img(spark, _alt(spark), "sparkline"),
                        html.Div(trend_text, className="small", title=row["trend_explanation"])]),
        _cell(f"Spread across {level_plural}", _img(spine, _alt(spine), "spine") if spine else
              html.Span("—", className="obs-meta")),
    ])


def comparison_cell(row: dict) -> list:
    """The judgement (or 'not tested'), the gap in the indicator's own terms, who judged and how."""
    comparator = row.get("comparator_used") or ""
    if row.get("tested"):
        badge = judgement_badge(row["judgement"], row["explanation"], comparator)
    else:
        badge = html.Span("Not tested for significance", className="judgement judgement-not_compared",
                          title=row["explanation"])
    notes = []
    if row.get("judged_by") == "published":
        notes.append(row.get("judged_source") or "as published")
    if row.get("fallback") and comparator:
        notes.append(f"against {comparator}: the chosen benchmark has no value")
    if row.get("derivation"):
        notes.append(f"estimated: {row['derivation']}")
    return [badge,
            html.Div(row.get("gap_text") or "", className="small gap-text"),
            html.Div("; ".join(notes), className="obs-meta small") if notes else None,
            html.Details([html.Summary("How judged", className="small"),
                          html.P(row["explanation"], className="small mb-0")], className="how-judged")]


def theme_table(rows: list[dict], profile, level_plural: str, theme_name: str,
                marks: dict[str, list[dict]] | None = None) -> dbc.Table:
    """One theme's indicators as an accessible table that stacks into cards on a phone."""
    heads = ["Indicator", "Period", "Value (95% interval)", "Trafford", "Greater Manchester", "England",
             f"Compared with {profile.benchmark_name}", "Rank among neighbours", "Trend", f"Spread across {level_plural}"]
    return dbc.Table([
        html.Caption(f"{theme_name}: {profile.name}'s latest values", className="visually-hidden"),
        html.Thead(html.Tr([html.Th(h, scope="col") for h in heads])),
        html.Tbody([indicator_row(r, profile, level_plural, (marks or {}).get(r["indicator_id"])) for r in rows]),
    ], size="sm", hover=True, className="area-table mb-0")


def spine_key(profile, level_plural: str) -> html.Div:
    """What the marks of the spine charts and sparklines mean."""
    return html.Div([
        html.Span("Reading the charts: ", className="fw-semibold"),
        html.Span(f"Spread: the light bar is the range of all {level_plural}, the darker bar their middle half, "
                  f"the grey tick the median, the black line {profile.benchmark_name} and the circle this area "
                  "(its fill is the judgement colour; the word is in the table). Trend: the area's values over "
                  "time, the dot the latest. Rank: among areas with the same parent, 1st is best (or highest "
                  "where no judgement is made)."),
    ], className="small obs-meta mb-2")


def theme_accordion(profile, level_plural: str, marks: dict[str, list[dict]] | None = None) -> dbc.Accordion | html.P:
    """Every indicator grouped by theme, the first theme open; `marks` maps indicator id to intervention marks."""
    themes = profile.themes
    if not themes:
        return html.P("The store has no indicators for this area.", className="obs-meta")
    # each table one component (static_html): ~70 rows of ten cells as Dash components took seconds to draw
    items = [dbc.AccordionItem(static_html(theme_table(rows, profile, level_plural, name, marks),
                                           className="table-responsive-md"),
                               title=f"{name} ({len(rows)})", item_id=f"theme-{key}")
             for key, name, rows in themes]
    return dbc.Accordion(items, active_item=[f"theme-{themes[0][0]}"], always_open=True, id="area-themes")


def evidence_panel(profile, button_id: str, download_id: str, pdf_href: str, csv_href: str) -> html.Section:
    """The evidence pack: a button that makes the PDF (with progress) and direct PDF and CSV links."""
    return html.Section([
        html.H2("Evidence pack", className="h6 mb-1"),
        html.P("Everything on this page as a PDF for a funding bid: the summary, tables, charts, sources, licences, "
               "a permanent link and a suggested citation.", className="small mb-1"),
        html.Div([
            dbc.Button("Download evidence pack (PDF)", id=button_id, color="primary", size="sm", className="me-2"),
            dcc.Loading(dcc.Download(id=download_id), type="circle", parent_className="d-inline-block",
                        overlay_style={"visibility": "visible"}),
            html.A("PDF link", href=pdf_href, className="small me-3", target="_blank", rel="noopener"),
            html.A("Same content as CSV", href=csv_href, className="small", download=""),
        ], className="d-flex flex-wrap align-items-center gap-1"),
    ], className="area-evidence mt-2", **{"aria-label": "Evidence pack"})


def not_found(code: str, reason: str, suggestions: list[dict], search_id: str, results_id: str) -> html.Div:
    """A clear page for an unknown area code, with matches for what was typed and a search box."""
    links = [html.Li(dcc.Link(f"{s['name']} ({s['level_label']}, {s['code']})", href=s["href"])) for s in suggestions]
    return html.Div([
        html.H1("No such area", className="h2"),
        html.P([f"There is no area with the code “{code[:40]}”. " if code else "No area was named. ", reason],
               className="lead"),
        html.Div([html.H2("Did you mean", className="h5"), html.Ul(links)]) if links else None,
        html.Div([
            dbc.Label("Find an area by name or code", html_for=search_id),
            dbc.Input(id=search_id, type="search", placeholder="e.g. Altrincham or E05015239", debounce=300,
                      autocomplete="off"),  # not dcc.Input: see components.opendata.search_box
            html.Div(id=results_id, className="mt-2", **{"aria-live": "polite"}),
        ], className="explore-panel area-missing-search", style={"maxWidth": "32rem"}),
        html.P(["The search box at the top of every page finds wards, LSOAs, MSOAs and local authorities. Or ",
                dcc.Link("explore an indicator on the map", href=urls.explore_url()), "."]),
    ])
