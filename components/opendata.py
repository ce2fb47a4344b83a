"""Open data pieces: catalogue results, an indicator's facts, coverage and downloads, and the API how-to."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from components import urls
from components.static_html import static_html
from data.schema import LEVELS, MAP_LEVELS

POLARITY = {"high_is_good": "Higher is better", "low_is_good": "Lower is better",
            "no_judgement": "No judgement of better or worse"}
CI_METHOD = {"wilson": "95% confidence intervals by the Wilson score method, from each numerator and denominator.",
             "byars": "95% confidence intervals: exact Poisson below 10 events, Byar's method from 10.",
             "source": "Confidence intervals as published by the source.",
             "none": "No confidence intervals: areas are not judged better or worse than a benchmark."}


def _date(value) -> str:
    """A date as '31 Mar 2026', or '' when missing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    ts = pd.Timestamp(value)
    return f"{ts.day} {ts:%b %Y}"


def levels_text(levels) -> str:
    """Level keys as their names, smallest areas first."""
    have = set(levels if levels is not None else [])
    return ", ".join(LEVELS[lv] for lv in LEVELS if lv in have)


def periods_text(periods) -> str:
    """'2015 to 2023 (9 periods)', '2021 (1 period)' or 'none'."""
    periods = list(periods if periods is not None else [])
    if not periods:
        return "none"
    span = periods[0] if len(periods) == 1 else f"{periods[0]} to {periods[-1]}"
    return f"{span} ({len(periods)} period{'s' if len(periods) != 1 else ''})"


def explore_href(indicator_id: str, level: str) -> str:
    """The Explore view of an indicator at a level."""
    return urls.explore_url(indicator=indicator_id, level=level)


def explore_level(levels) -> str | None:
    """The level Explore opens best for these levels (newest wards first), or None if Explore cannot map any."""
    have = set(levels if levels is not None else [])
    return next((lv for lv in MAP_LEVELS if lv in have), None)


def result_item(row: dict) -> html.Li:
    """One catalogue result: name linked to its page, definition, unit, levels, periods, date, source, licence."""
    iid = row["indicator_id"]
    level = explore_level(row["levels"])
    links = [html.A("Details and downloads", href=urls.data_url(iid), className="me-3"),
             html.A("CSV", href=urls.download_url(iid, "csv"), className="me-3",
                    **{"aria-label": f"Download {row['name']} as CSV"}),
             html.A("API", href=urls.api_url("data", indicator=iid), className="me-3",
                    **{"aria-label": f"{row['name']} in the API (JSON)"})]
    if level:
        links.insert(1, html.A("Explore", href=explore_href(iid, level), className="me-3",
                               **{"aria-label": f"Explore {row['name']} on the map"}))
    facts = [("Unit", row.get("unit") or "—"), ("Areas", levels_text(row["levels"])),
             ("Periods", periods_text(row["periods"])),
             ("Latest data", f"{row.get('latest_period') or '—'} (to {_date(row.get('data_date'))})"),
             ("Source", row.get("organisation") or row.get("publisher") or "—"), ("Licence", row.get("licence") or "—")]
    return html.Li([
        html.H3(html.A(row["name"], href=urls.data_url(iid)), className="h6 mb-1"),
        html.P(row.get("definition") or "", className="mb-1 small"),
        html.Dl([part for k, v in facts for part in (html.Dt(k), html.Dd(v))], className="result-facts small"),
        html.Div(links, className="small result-links"),
    ], className="data-result")


def catalogue_results(rows: list[dict], searched: str | None = None) -> html.Div:
    """The result count (announced to screen readers) and the list of results."""
    n = len(rows)
    what = f"{n} indicator{'s' if n != 1 else ''}" + (f" matching “{searched}”" if searched else "")
    if not rows:
        return html.Div([html.P(f"No indicators found{' for “' + searched + '”' if searched else ''}. Try fewer "
                                "words or clear a filter.", className="fw-semibold", id="data-count")])
    # one component for the whole list: 223 entries as Dash components took seconds to draw (static_html)
    return html.Div([html.P(what, className="fw-semibold", id="data-count"),
                     static_html([result_item(r) for r in rows], tag="ul", className="data-results list-unstyled")])


def indicator_facts(meta: dict, organisation: str) -> html.Dl:
    """Definition, method, polarity, source, licence, dates and notes of one indicator."""
    source = [meta["publisher"]]
    if meta.get("source_url"):
        source += [" (", html.A("publisher's page", href=meta["source_url"]), ")"]
    method = f"{meta.get('value_type') or 'value'}"
    if meta.get("multiplier") and meta["multiplier"] not in (1, 1.0):
        method += f", multiplied by {meta['multiplier']:g}"
    facts = [
        ("Definition", meta.get("definition") or "—"),
        ("Unit", f"{meta.get('unit') or '—'} ({method})"),
        ("Method", CI_METHOD.get(meta.get("ci_method"), CI_METHOD["none"])),
        ("Polarity", POLARITY.get(meta.get("polarity"), POLARITY["no_judgement"])),
        ("Source", source), ("Organisation", organisation),
        ("Licence", meta.get("licence") or "—"),
        ("Latest data", f"{meta.get('latest_period') or '—'} (period ending {_date(meta.get('data_date'))})"),
        ("Theme", meta.get("theme_name") or meta.get("theme") or "—"),
        ("Indicator id", html.Code(meta["indicator_id"])),
    ]
    if meta.get("notes"):
        facts.append(("Notes", meta["notes"]))
    return html.Dl([part for k, v in facts for part in (html.Dt(k, className="col-sm-3"),
                                                       html.Dd(v, className="col-sm-9"))],
                   className="row indicator-facts")


def coverage_table(coverage: pd.DataFrame, indicator_id: str) -> dbc.Table:
    """Levels by periods: each level's span of periods, breakdowns and areas, with Explore and download links."""
    heads = ("Areas", "Periods", "Breakdowns", "Areas covered", "View", "Download")
    head = html.Thead(html.Tr([html.Th(h, scope="col") for h in heads]))
    body = []
    for r in coverage.to_dict("records"):
        lv = r["level"]
        view = html.A("Explore", href=explore_href(indicator_id, lv),
                      **{"aria-label": f"Explore at {r['level_name']}"}) if lv in MAP_LEVELS else "—"
        cells = [periods_text(r["periods"]), ", ".join(r["breakdowns"]), f"{r['n_areas']:,}", view,
                 html.Span([html.A("CSV", href=urls.download_url(indicator_id, "csv", level=lv),
                                   **{"aria-label": f"CSV for {r['level_name']}"}), " · ",
                            html.A("Parquet", href=urls.download_url(indicator_id, "parquet", level=lv),
                                   **{"aria-label": f"Parquet for {r['level_name']}"})])]
        # each cell names its column for the phone layout, where the row becomes a card (stack-on-phone)
        body.append(html.Tr([html.Th(r["level_name"], scope="row"),
                             *[html.Td(c, **{"data-label": h}) for h, c in zip(heads[1:], cells, strict=True)]]))
    return dbc.Table([head, html.Tbody(body)], className="coverage-table stack-on-phone", striped=True, size="sm",
                     responsive=True)


def periods_grid(coverage: pd.DataFrame, periods: list[str], max_periods: int = 40) -> html.Details | None:
    """Levels by periods (in time order) as a grid of ticks, folded away; None when too wide to read."""
    if not periods or len(periods) > max_periods:
        return None
    head = html.Thead(html.Tr([html.Th("Areas", scope="col"), *[html.Th(p, scope="col") for p in periods]]))
    rows = [html.Tr([html.Th(r["level_name"], scope="row"),
                     *[html.Td("✓" if p in set(r["periods"]) else "", **{"aria-label": "data" if p in
                                                                          set(r["periods"]) else "no data"})
                       for p in periods]]) for r in coverage.to_dict("records")]
    return html.Details([html.Summary("Coverage by level and period"),
                         dbc.Table([head, html.Tbody(rows)], size="sm", bordered=True, responsive=True,
                                   className="periods-grid mt-2")])


def downloads_panel(indicator_id: str, name: str, host: str) -> html.Div:
    """Downloads of every level and period, and the same through the API."""
    iid = indicator_id
    return html.Div([
        html.P(["Every level and period, with source and licence: ",
                html.A("CSV", href=urls.download_url(iid, "csv"), **{"aria-label": f"{name}: all values as CSV"}),
                " (source and licence in '#' lines at the top) or ",
                html.A("Parquet", href=urls.download_url(iid, "parquet"),
                       **{"aria-label": f"{name}: all values as Parquet"}),
                " (source and licence in the file's metadata). Add ", html.Code(urls.link("", {"level": "ward_2023"})), ", ",
                html.Code("period="), ", ", html.Code("from="), "/", html.Code("to="), " or ",
                html.Code("areas="), " to filter."]),
        html.P(["Through the API: ", html.A("catalogue entry", href=urls.api_url("indicators", iid)), " · ",
                html.A("values (JSON)", href=urls.api_url("data", indicator=iid)), " · ",
                html.A("values (CSV)", href=urls.api_url("data", indicator=iid, format="csv")), "."]),
        code_block(f"curl -s '{host}{urls.api_url('data', indicator=indicator_id, page_size=100)}'\n\n"
                   "import pandas as pd\n"
                   f"df = pd.read_parquet('{host}{urls.download_url(indicator_id, 'parquet')}')",
                   f"Using {indicator_id} with curl and pandas"),
    ])


def code_block(text: str, label: str) -> html.Pre:
    """Preformatted example code, labelled for screen readers."""
    return html.Pre(html.Code(text), className="code-example", tabIndex="0", **{"aria-label": label})


def api_section(example: str, host: str) -> html.Section:
    """How to use the API with curl and pandas, its endpoints and its limits."""
    rows = [("GET /api/v1/indicators", "The catalogue: theme, level, q (search), source, licence, format"),
            ("GET /api/v1/indicators/{id}", "One indicator with its coverage by level"),
            ("GET /api/v1/areas", "Areas by level or parent (paged)"),
            ("GET /api/v1/areas/{code}", "One area with its parents and children"),
            ("GET /api/v1/data", "Values: indicator (required), level, period or from/to, areas (comma-separated "
                                 "codes), breakdown, page, page_size, format=json|csv"),
            ("GET /api/v1/downloads/{id}.csv | .parquet", "One indicator, all or filtered, with source and licence"),
            ("GET /api/v1/downloads/observatory.zip", "Everything: the parquet store and a README of its schema"),
            ("GET /api/v1/openapi.json", "The OpenAPI 3 description of all of the above")]
    curl = (f"curl -s '{host}{urls.api_url('indicators', q='obesity')}'\n"
            f"curl -s '{host}{urls.api_url('data', indicator=example, level='ward_2023', page_size=100)}'\n"
            f"curl -s --compressed -o {example}.csv '{host}{urls.api_url('data', indicator=example, format='csv')}'")
    pandas = ("import pandas as pd\n"
              f"df = pd.read_csv('{host}{urls.api_url('data', indicator=example, format='csv', page_size=10000)}')\n"
              f"full = pd.read_parquet('{host}{urls.download_url(example, 'parquet')}')   # every level and period\n"
              f"catalogue = pd.read_csv('{host}{urls.api_url('indicators', format='csv')}')")
    return html.Section([
        html.H2("Use the API", id="api", className="h4"),
        html.P("The API serves the same numbers as these pages, from the same queries, as JSON or CSV. It needs no "
               "key. Responses are gzipped when asked and cacheable: each carries an ETag from the data's version, "
               "and a repeat request with If-None-Match is answered 304 Not Modified."),
        dbc.Table([html.Thead(html.Tr([html.Th("Endpoint", scope="col"), html.Th("What it gives", scope="col")])),
                   html.Tbody([html.Tr([html.Td(html.Code(e)), html.Td(d)]) for e, d in rows])],
                  size="sm", striped=True, responsive=True, className="api-table"),
        html.H3("With curl", className="h6"), code_block(curl, "curl examples"),
        html.H3("With pandas", className="h6"), code_block(pandas, "pandas examples"),
        html.H3("Limits", className="h6"),
        html.Ul([html.Li("Pages hold 1,000 rows by default and at most 10,000 (page_size); follow next links or "
                         "use the downloads for everything at once."),
                 html.Li("At most 500 area codes in one request."),
                 html.Li("Unknown parameters, repeated parameters and malformed values are refused with 400 and "
                         "a JSON {\"error\": ...} message; unknown indicators, areas and periods with 404."),
                 html.Li(["The full description: ", html.A(urls.api_url("openapi.json"), href=urls.api_url("openapi.json")),
                          "."])]),
    ], className="explore-panel api-section", **{"aria-labelledby": "api"})


def search_box(component_id: str, value: str) -> html.Div:
    """The labelled search input of the catalogue."""
    return html.Div([
        dbc.Label("Search indicators", html_for=component_id, className="fw-semibold"),
        # dbc.Input, not dcc.Input: dcc's debounced input puts the caret back where it was a keystroke ago on a
        # timer, which on a busy page lands after the next keys ("obesty" became "otybes" under load)
        dbc.Input(id=component_id, type="search", value=value, debounce=350,
                  placeholder="e.g. obesity, claimant rate, life expectancy", autocomplete="off"),
        html.Div("Searches names, definitions, themes and sources; small typos and common words "
                 "(jobless, poverty) are understood.", id=component_id + "-help", className="form-text"),
    ])
