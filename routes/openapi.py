"""The API's OpenAPI 3 document, with the store's own themes, levels and indicator ids as enums."""

from __future__ import annotations

from data.schema import LEVELS, THEMES
from routes.api_support import CODE, CODES, DATE, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE


def _q(name: str, schema: dict, description: str, required: bool = False) -> dict:
    return {"name": name, "in": "query", "required": required, "description": description, "schema": schema}


def _text(n: int) -> dict:
    return {"type": "string", "minLength": 1, "maxLength": n}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(kind: str, **extra) -> dict:
    return {"type": kind, "nullable": True, **extra}


ERRORS = {
    "400": {"description": "A malformed request: unknown or repeated parameter, wrong type, out of range.",
            "content": {"application/json": {"schema": _ref("Error")}}},
    "404": {"description": "Well formed, but the store has no such indicator, area, period or page.",
            "content": {"application/json": {"schema": _ref("Error")}}},
    "503": {"description": "The store is not available, or an unexpected error (logged).",
            "content": {"application/json": {"schema": _ref("Error")}}},
}
CSV_TEXT = {"text/csv": {"schema": {"type": "string"}}}


def _ok(description: str, schema: dict, csv: bool = True) -> dict:
    content = {"application/json": {"schema": schema}} | (CSV_TEXT if csv else {})
    return {"200": {"description": description, "content": content}, **ERRORS}


def _posted(get: dict, operation_id: str) -> dict:
    """The same operation taking its query parameters as a form body (a selection too long for a URL)."""
    query = [p for p in get["parameters"] if p["in"] == "query"]
    schema = {"type": "object", "properties": {p["name"]: p["schema"] for p in query},
              "required": [p["name"] for p in query if p.get("required")]}
    return {**get, "summary": get["summary"] + " (parameters as a form body)", "operationId": operation_id,
            "description": "The same as GET, the parameters sent as application/x-www-form-urlencoded: for "
                           "selections too long for a URL (up to 500 area codes).",
            "parameters": [p for p in get["parameters"] if p["in"] != "query"],
            "requestBody": {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": schema}}},
            "responses": {**get["responses"], "415": {"description": "The body is not a form.", "content": {
                "application/json": {"schema": _ref("Error")}}}}}


def document(facets: dict[str, list[str]], indicator_ids: list[str]) -> dict:
    """The OpenAPI document for the current store."""
    fmt = _q("format", {"type": "string", "enum": ["json", "csv"], "default": "json"}, "Response format.")
    level = _q("level", {"type": "string", "enum": list(LEVELS)}, "Area level key.")
    indicator_enum = {"type": "string", "enum": sorted(indicator_ids)} if indicator_ids else _text(100)
    page = _q("page", {"type": "integer", "minimum": 1, "maximum": 10**9, "default": 1}, "Page number, from 1.")
    page_size = _q("page_size", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE,
                                 "default": DEFAULT_PAGE_SIZE},
                   f"Rows per page (default {DEFAULT_PAGE_SIZE:,}, at most {MAX_PAGE_SIZE:,}).")
    date_text = {"type": "string", "pattern": DATE.pattern}
    filters = [
        level,
        _q("period", _text(60), "One period label, e.g. 2021, 2019/20, 2017 - 19, Mar 2026 "
                                "(see the indicator's coverage)."),
        _q("from", date_text, "Keep periods starting on or after this year, month or day (2019, 2019-04, "
                              "2019-04-01)."),
        _q("to", date_text, "Keep periods ending on or before this year, month or day (a year or month means its "
                            "last day)."),
        _q("areas", {"type": "string", "pattern": CODES.pattern, "maxLength": 4999},
           "Up to 500 area codes separated by commas, no spaces (E05015239,E05015240)."),
        _q("breakdown", _text(100), "One breakdown (Persons, Female, Male, ...); default: all."),
    ]
    indicator_path = {"name": "indicator_id", "in": "path", "required": True, "schema": indicator_enum,
                      "description": "Indicator id (see /indicators)."}
    paths = {
        "/": {"get": {"summary": "What the API offers and its limits", "operationId": "index",
                      "responses": _ok("Endpoints and limits", _ref("Index"), csv=False)}},
        "/openapi.json": {"get": {"summary": "This document", "operationId": "openapi",
                                  "responses": _ok("The OpenAPI document", {"type": "object"}, csv=False)}},
        "/indicators": {"get": {
            "summary": "The catalogue of indicators, filtered, ranked by relevance when searched",
            "operationId": "listIndicators",
            "parameters": [
                _q("q", _text(100), "Search names, definitions, themes and sources; small typos and common "
                                    "synonyms are forgiven."),
                _q("theme", {"type": "string", "enum": list(THEMES)}, "Theme key."),
                _q("level", {"type": "string", "enum": list(LEVELS)}, "Only indicators with data at this level."),
                _q("source", _text(200), "Part of the publisher's name (ignores case)."),
                _q("licence", _text(200), "Part of the licence's name (ignores case; 'ogl' for the Open "
                                          "Government Licence)."),
                fmt],
            "responses": _ok("The matching indicators", _ref("IndicatorList"))}},
        "/indicators/{indicator_id}": {"get": {
            "summary": "One indicator: definition, method, source, licence and coverage by level",
            "operationId": "getIndicator", "parameters": [indicator_path, fmt],
            "responses": _ok("The indicator", _ref("IndicatorDetail"))}},
        "/areas": {"get": {
            "summary": "Areas of a level, or the children of a parent area; paged",
            "operationId": "listAreas",
            "parameters": [level, _q("parent", {"type": "string", "pattern": CODE.pattern},
                                     "Parent area code: its children."), page, page_size, fmt],
            "responses": _ok("A page of areas", _ref("AreaPage"))}},
        "/areas/{code}": {"get": {
            "summary": "One area with its parents up to England and its children",
            "operationId": "getArea",
            "parameters": [{"name": "code", "in": "path", "required": True, "description": "Area code.",
                            "schema": {"type": "string", "pattern": CODE.pattern}},
                           _q("level", {"type": "string", "enum": list(LEVELS)},
                              "The level, for a code standing at several."), fmt],
            "responses": _ok("The area", _ref("AreaDetail"))}},
        "/data": {"get": {
            "summary": "Values of one indicator, filtered; paged",
            "description": "Rows are ordered by level, period start, period, area code and breakdown. The same "
                           "numbers the website shows. period and from/to together keep what satisfies both.",
            "operationId": "getData",
            "parameters": [_q("indicator", indicator_enum, "Indicator id.", required=True), *filters, page,
                           page_size, fmt],
            "responses": _ok("A page of values (CSV: X-Total-Count, X-Page, X-Pages and Link headers)",
                             _ref("DataPage"))}},
        "/downloads/{indicator_id}.csv": {"get": {
            "summary": "One indicator's values as CSV, headed by '#' lines naming the source and licence",
            "operationId": "downloadCsv", "parameters": [indicator_path, *filters],
            "responses": {"200": {"description": "CSV file", "content": CSV_TEXT}, **ERRORS}}},
        "/downloads/{indicator_id}.parquet": {"get": {
            "summary": "One indicator's values as parquet, with source and licence in its key-value metadata",
            "operationId": "downloadParquet", "parameters": [indicator_path, *filters],
            "responses": {"200": {"description": "Parquet file", "content": {
                "application/vnd.apache.parquet": {"schema": {"type": "string", "format": "binary"}}}}, **ERRORS}}},
    }
    for path, op in (("/data", "postData"), ("/downloads/{indicator_id}.csv", "postDownloadCsv"),
                     ("/downloads/{indicator_id}.parquet", "postDownloadParquet")):
        paths[path]["post"] = _posted(paths[path]["get"], op)
    paths |= {
        "/interventions": {"get": {
            "summary": "The intervention register: id, title, organisation, areas, indicators, dates and costs",
            "description": "Entries with example true are shipped illustrations, not real schemes.",
            "operationId": "listInterventions", "parameters": [fmt],
            "responses": _ok("The register", _ref("InterventionList"))}},
        "/impact": {"get": {
            "summary": "What changed around one intervention: the result the /impact page shows",
            "description": "The windows compared (a 5-year baseline ending at the start; during, from the start to "
                           "the end; after, the follow-up after an ended intervention), each method's estimate "
                           "with its 95% interval or its refusal with the reason, the comparator areas, the cost "
                           "per outcome (or why it is not given) and the verdict in plain words. An association "
                           "in time, not proof of cause. CSV: one row per item (section, item, value, lower, "
                           "upper, note), the same content.",
            "operationId": "getImpact",
            "parameters": [
                _q("intervention", _text(100), "Intervention id (see /interventions).", required=True),
                _q("indicator", _text(100), "One of the intervention's indicators; default its first."),
                _q("area", {"type": "string", "pattern": CODE.pattern},
                   "One of the areas it covers with data for the indicator; default its first."),
                _q("comparators", {"type": "string", "pattern": CODES.pattern, "maxLength": 4999},
                   "Up to 10 area codes of the same level, comma-separated; default the 5 most similar areas "
                   "the intervention does not cover."),
                _q("follow_up", {"type": "integer", "minimum": 1, "maximum": 60, "default": 12},
                   "Months of follow-up after an ended intervention (default 12)."),
                fmt],
            "responses": _ok("The impact result", _ref("ImpactResult"))}},
        "/downloads/observatory.zip": {"get": {
            "summary": "The whole store: a zip of its parquet files with a README of the schema",
            "operationId": "downloadEverything",
            "responses": {"200": {"description": "Zip file", "content": {
                "application/zip": {"schema": {"type": "string", "format": "binary"}}}}, **ERRORS}}},
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Trafford Data Observatory API", "version": "1",
                 "description": "Open data for Trafford's wards and neighbourhoods: the same numbers the website "
                                "shows. Responses are cacheable (weak ETag from the store version and the request; "
                                "304 on If-None-Match; Cache-Control public, 5 minutes) and gzipped when asked. "
                                f"Pages hold at most {MAX_PAGE_SIZE:,} rows. Errors are JSON: {{\"error\": ...}}.",
                 "license": {"name": "Open Government Licence v3.0 (exceptions named per indicator)",
                             "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}},
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": {"schemas": _schemas(facets)},
    }


def _schemas(facets: dict[str, list[str]]) -> dict:
    text, num, flag = {"type": "string"}, _nullable("number"), {"type": "boolean"}
    strings = {"type": "array", "items": text}
    indicator = {"type": "object", "required": ["id", "name", "theme", "unit", "levels", "licence", "publisher"],
                 "properties": {
                     "id": text, "name": text, "theme": {"type": "string", "enum": facets.get("themes") or list(THEMES)},
                     "theme_name": text, "definition": _nullable("string"), "unit": _nullable("string"),
                     "value_type": _nullable("string"), "multiplier": _nullable("number"),
                     "polarity": _nullable("string"), "ci_method": _nullable("string"), "publisher": text,
                     "organisation": text, "licence": text, "source_url": _nullable("string"), "levels": strings,
                     "breakdowns": strings, "first_period": _nullable("string"), "latest_period": _nullable("string"),
                     "n_periods": {"type": "integer"}, "n_values": {"type": "integer"},
                     "data_date": _nullable("string", format="date"), "has_intervals": _nullable("boolean"),
                     "score": {"type": "number"}, "links": {"type": "object"}}}
    coverage = {"type": "object", "properties": {
        "level": text, "level_name": text, "periods": strings, "n_periods": {"type": "integer"},
        "first_period": text, "latest_period": text, "breakdowns": strings, "n_areas": {"type": "integer"},
        "n_rows": {"type": "integer"}}}
    area = {"type": "object", "required": ["area_code", "area_name", "level"], "properties": {
        "area_code": text, "area_name": text, "level": text, "parent_code": _nullable("string"),
        "parent_level": _nullable("string"), "la_code": _nullable("string"), "lon": num, "lat": num,
        "area_sqkm": num}}
    paging = {"page": {"type": "integer", "minimum": 1}, "page_size": {"type": "integer", "minimum": 1},
              "pages": {"type": "integer", "minimum": 1}, "total": {"type": "integer", "minimum": 0},
              "next": _nullable("string"), "previous": _nullable("string")}
    row = {"type": "object", "required": ["indicator_id", "level", "area_code", "period", "value"], "properties": {
        "indicator_id": text, "level": text, "area_code": text, "area_name": _nullable("string"), "period": text,
        "period_start": _nullable("string", format="date"), "period_end": _nullable("string", format="date"),
        "breakdown": text, "value": num, "lower_ci": num, "upper_ci": num, "lower_ci_998": num,
        "upper_ci_998": num, "numerator": num, "denominator": num, "suppressed": flag, "estimated": flag,
        "provisional": flag, "source_path": _nullable("string")}}
    return {
        "Error": {"type": "object", "required": ["error"],
                  "properties": {"error": text, "status": {"type": "integer"}}},
        "Index": {"type": "object", "required": ["endpoints", "limits"], "properties": {
            "endpoints": {"type": "object"}, "limits": {"type": "object"}, "store_version": text}},
        "Indicator": indicator,
        "IndicatorList": {"type": "object", "required": ["count", "indicators"], "properties": {
            "count": {"type": "integer"}, "indicators": {"type": "array", "items": _ref("Indicator")}}},
        "Coverage": coverage,
        "IndicatorDetail": {"allOf": [_ref("Indicator"), {"type": "object", "required": ["coverage"], "properties": {
            "coverage": {"type": "array", "items": _ref("Coverage")}, "notes": _nullable("string"),
            "periods": strings}}]},
        "Area": area,
        "AreaPage": {"type": "object", "required": ["areas", "total"], "properties": {
            **paging, "areas": {"type": "array", "items": _ref("Area")}}},
        "AreaDetail": {"allOf": [_ref("Area"), {"type": "object", "required": ["levels", "parents", "children"],
                                                "properties": {"levels": strings,
                                                               "parents": {"type": "array", "items": _ref("Area")},
                                                               "children": {"type": "array", "items": _ref("Area")},
                                                               "links": {"type": "object"}}}]},
        "Row": row,
        "Intervention": {"type": "object", "required": ["id", "title", "areas", "indicators", "start", "example"],
                         "properties": {
                             "id": text, "title": text, "organisation": text, "service": text, "theme": text,
                             "areas": strings, "indicators": strings, "expected_directions": strings,
                             "start": {"type": "string", "format": "date"},
                             "end": _nullable("string", format="date"), "cost_total": num, "cost_per_year": num,
                             "example": flag, "description": text, "link": _nullable("string"),
                             "version": {"type": "integer"}, "changed_at": _nullable("string")}},
        "InterventionList": {"type": "object", "required": ["interventions", "count"], "properties": {
            "interventions": {"type": "array", "items": _ref("Intervention")}, "count": {"type": "integer"},
            "note": text}},
        "ImpactWindow": {"type": "object", "required": ["window", "first_day", "last_day", "points"], "properties": {
            "window": {"type": "string", "enum": ["before", "during", "after"]}, "label": text,
            "first_day": {"type": "string", "format": "date"}, "last_day": _nullable("string", format="date"),
            "points": {"type": "integer"}, "first_period": _nullable("string"),
            "last_period": _nullable("string")}},
        "ImpactMethod": {"type": "object", "required": ["method", "ok", "estimate", "lower", "upper", "reason"],
                         "properties": {
                             "method": {"type": "string", "enum": ["difference_in_differences", "before_after",
                                                                   "interrupted_time_series", "spc"]},
                             "ok": flag, "estimate": num, "lower": num, "upper": num,
                             "reason": _nullable("string"), "what": text, "details": _nullable("string"),
                             "note": _nullable("string"), "p_value": num}},
        "CostPerOutcome": {"type": "object", "required": ["ok", "reason", "per_unit", "per_person"], "properties": {
            "ok": flag, "reason": _nullable("string"), "cost": num, "currency": text, "unit": text,
            "set_against": _nullable("string"), "label": _nullable("string"), "person_label": _nullable("string"),
            "per_unit": num, "per_unit_lower": num, "per_unit_upper": num, "people": num, "people_lower": num,
            "people_upper": num, "per_person": num, "per_person_lower": num, "per_person_upper": num}},
        "ImpactResult": {"type": "object",
                         "required": ["verdict", "caveat", "intervention", "indicator", "area", "windows",
                                      "comparators", "methods", "cost_per_outcome"],
                         "properties": {
                             "verdict": text, "caveat": text, "intervention": {"type": "object"},
                             "indicator": {"type": "object"}, "area": {"type": "object"},
                             "follow_up_months": _nullable("integer"),
                             "windows": {"type": "array", "items": _ref("ImpactWindow")},
                             "comparators": {"type": "array", "items": {"type": "object"}},
                             "comparators_chosen": text, "comparator_note": text,
                             "methods": {"type": "array", "items": _ref("ImpactMethod")},
                             "cost_per_outcome": _ref("CostPerOutcome"),
                             "series": {"type": "array", "items": {"type": "object"}}}},
        "DataPage": {"type": "object", "required": ["indicator", "licence", "rows", "total"], "properties": {
            "indicator": text, "name": text, "unit": _nullable("string"), "publisher": text, "licence": text,
            "source_url": _nullable("string"), "filters": {"type": "object"}, **paging,
            "rows": {"type": "array", "items": _ref("Row")}}},
    }
