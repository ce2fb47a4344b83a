"""Area profiles on the seeded store: the bulk queries, the assembled profile, the page and its search."""

import json

import pytest

SEEDED_WARDS = {"E05015239", "E05015240", "E05015241", "E05015242"}


def _text(component) -> str:
    return json.dumps(component.to_plotly_json(), default=str)


@pytest.fixture()
def area_page(dash_app, seeded_store):
    import pages.area as area

    return area


def test_area_all_series_has_every_indicator_and_period(seeded_store):
    from queries.profile import area_all_series

    s = area_all_series("E05015239", "ward_2023")
    assert set(s["indicator_id"]) == {"smoking", "green_space", "population"}
    assert len(s) == 15 and list(s[s["indicator_id"] == "population"]["period"]) == ["2019", "2020", "2021", "2022",
                                                                                      "2023"]
    assert {"value", "lower_ci", "upper_ci", "numerator", "denominator", "period_start"} <= set(s.columns)


def test_area_ranks_agree_with_area_rank(seeded_store):
    import queries
    from queries.profile import area_ranks

    ranks = area_ranks("E05015240", "ward_2023").set_index("indicator_id")
    for indicator in ("smoking", "green_space", "population"):
        one = queries.area_rank(indicator, "E05015240", "ward_2023", "2023")
        assert (ranks.loc[indicator, "rank"], ranks.loc[indicator, "n"]) == (one["rank"], one["n"])
    # the suppressed ward has no 2023 smoking value, so three wards are ranked
    assert ranks.loc["smoking", "n"] == 3


def test_area_level_stats_is_the_latest_period_of_each_indicator(seeded_store):
    import queries
    from queries.profile import area_level_stats

    stats = area_level_stats("E05015239", "ward_2023").set_index("indicator_id")
    assert set(stats.index) == {"smoking", "green_space", "population"}
    one = queries.level_stats("green_space", "ward_2023", "2023")
    assert stats.loc["green_space", "median"] == pytest.approx(one["median"]) and stats.loc["green_space", "n"] == 4


def test_vintage_links_and_deciles_are_empty_where_the_store_has_none(seeded_store):
    from queries.profile import area_lsoa_deciles, area_vintage_links

    assert area_vintage_links("E05015239", "ward_2023").empty  # the fixture's link names a ward it does not hold
    assert area_lsoa_deciles("E05015239", "ward_2023").empty
    assert area_lsoa_deciles("E08000009", "la").empty


def test_unknown_and_hostile_codes_raise_query_error(seeded_store):
    from queries.errors import QueryError
    from report.profile import parse_request

    for bad in ("NOPE", "E05999999", "E05015239' OR 1=1 --", "", None, "<script>"):
        with pytest.raises(QueryError):
            parse_request(bad)


def test_request_defaults_and_notices(seeded_store):
    from report.profile import parse_request

    req = parse_request("e05015239")
    assert (req.code, req.level, req.benchmark, req.notices) == ("E05015239", "ward_2023", "la", [])  # wards: Trafford
    assert parse_request("E05015239", benchmark="trafford").benchmark == "la"
    odd = parse_request("E05015239", level="lsoa_2011", benchmark="mars")
    assert odd.level == "ward_2023" and odd.benchmark == "la" and len(odd.notices) == 2
    own = parse_request("E08000009", benchmark="la")
    assert own.benchmark == "england" and "its own benchmark" in own.notices[0]
    assert parse_request("E92000001").benchmark == "la"  # England's profile compares with Trafford by default


def test_profile_rows_judge_rank_trend_and_spread(seeded_store):
    from report.profile import load_profile

    p = load_profile("E05015239", benchmark="england")
    assert (p.name, p.level, p.code) == ("Altrincham", "ward_2023", "E05015239")
    assert p.population is None  # the header's population is population_total, which the fixture lacks
    assert [a["name"] for a in p.parents] == ["Trafford", "Greater Manchester", "England"]
    rows = {r["indicator_id"]: r for r in p.rows}
    assert set(rows) == {"smoking", "green_space", "population"}
    smoking = rows["smoking"]
    assert smoking["judgement"] in ("better", "similar", "worse") and smoking["lower"] < smoking["value"]
    assert smoking["england"] is not None and smoking["benchmark_value"] == smoking["england"]
    assert set(smoking["judgements"]) == {"England", "Trafford", "Greater Manchester"}
    assert smoking["trend_tested"] and smoking["trend_marker"] in ("increasing", "decreasing", "no_significant_change")
    assert smoking["rank_n"] == 3 and smoking["stats"]["n"] == 3 and len(smoking["series"]) == 5
    # no interval: not compared; a count is never compared with a larger area
    assert rows["green_space"]["judgement"] == "not_compared" and not rows["green_space"]["trend_tested"]
    assert rows["population"]["judgement"] == "not_compared" and "count" in rows["population"]["explanation"]
    assert [t[0] for t in p.themes] == ["population", "health", "environment"]


def test_profile_benchmark_changes_the_judged_value(seeded_store):
    from report.profile import load_profile

    p = load_profile("E05015241", benchmark="la")
    smoking = next(r for r in p.rows if r["indicator_id"] == "smoking")
    assert p.benchmark_name == "Trafford" and smoking["benchmark_value"] == smoking["trafford"]
    assert smoking["judgement"] == smoking["judgements"]["Trafford"]
    assert [k for k, _ in p.benchmark_options] == ["england", "la", "combined_authority"]


def test_suppressed_value_is_shown_as_suppressed(seeded_store):
    from report.profile import load_profile

    p = load_profile("E05015242")
    smoking = next(r for r in p.rows if r["indicator_id"] == "smoking")
    # 2023 is suppressed (and so not in the latest table): the row says so instead of vanishing
    assert (smoking["period"], smoking["value"], smoking["suppressed"]) == ("2023", None, True)
    assert smoking["judgement"] == "not_compared" and "suppressed" in smoking["explanation"]


def test_layout_builds_for_typical_hostile_and_unknown_urls(area_page):
    page = _text(area_page.layout(code="E05015239"))
    assert "Altrincham" in page and "Summary of need" in page and "area-themes" in page
    assert "/area/E05015239/evidence.pdf" in page and "data:image/svg+xml" in page
    assert "Every indicator for Altrincham" in page and "Compared with Trafford" in page  # a ward's default
    england = _text(area_page.layout(code="E05015239", benchmark="england"))
    assert "Compared with England" in england and "evidence.pdf?benchmark=england" in england
    hostile = _text(area_page.layout(code="E05015239", benchmark="<b>x</b>", level="DROP TABLE"))
    assert "Unknown benchmark" in hostile and "Altrincham" in hostile
    for bad in ("NOPE", "E05999999", "x' OR 1=1 --", None, ""):
        missing = _text(area_page.layout(code=bad))
        assert "No such area" in missing and "area-missing-search" in missing


def test_unknown_name_suggests_matching_areas(area_page):
    missing = _text(area_page.layout(code="altrincham"))
    assert "Did you mean" in missing and "/area/E05015239" in missing


def test_title_never_raises(area_page):
    assert area_page._title(code="E05015239").startswith("Altrincham")
    assert area_page._title(code="NOPE") == "Area profile · Trafford Data Observatory"
    assert area_page._title() == "Area profile · Trafford Data Observatory"


def test_search_finds_areas_by_name_and_code(dash_app, seeded_store):
    import dash

    from pages import _search

    found = _search.find_areas("bow")
    assert found[0]["code"] == "E05015241" and found[0]["href"] == "/area/E05015241"
    assert _search.find_areas("E05015240")[0]["name"] == "Ashton upon Mersey"
    assert _search.find_areas("a") == [] and _search.find_areas(None) == [] and _search.find_areas("zzzz") == []
    assert "No area or indicator matches" in _text(_search.results_list("zzzz")[0])
    assert _search.navbar_go(1, "broad") == ("/area/E05015242", "")
    assert _search.navbar_go(1, "zzzz")[0] is dash.no_update


def test_search_forgives_typos_and_finds_indicators(dash_app, seeded_store):
    from dash import html

    from pages import _search

    near = _search.find_areas("altrincam")  # a letter missing: no direct match, the nearest spelling
    assert near[0]["code"] == "E05015239" and near[0]["near"]
    assert not _search.find_areas("altrin")[0]["near"]
    found = _search.find_all("smokers")
    assert [i["id"] for i in found["indicators"]] == ["smoking"] and found["areas"] == []
    assert found["indicators"][0]["href"] == "/explore?indicator=smoking"
    assert _search.navbar_go(1, "smoking") == ("/explore?indicator=smoking", "")
    text = _text(html.Div(_search.results_list("altrincam")))
    assert "Did you mean" in text and "nearest spellings" in text


def test_explore_profile_links(dash_app, seeded_store):
    from pages._explore_profile import profile_links

    assert profile_links([], "ward_2023", []) == []
    from dash import html

    links = _text(html.Div(profile_links(["E05015239"], "ward_2023", [{"label": "Altrincham", "value": "E05015239"}])))
    assert "Open profile of Altrincham" in links and "/area/E05015239?level=ward_2023" in links


def test_download_callback_sends_a_pdf(area_page, dash_app, tmp_path, monkeypatch):
    import base64

    monkeypatch.setenv("OBSERVATORY_CACHE", str(tmp_path))
    with dash_app.server.test_request_context("/", base_url="http://observatory.test"):
        data, status = area_page.download_pack(1, {"code": "E05015239", "level": "ward_2023", "benchmark": "england"})
        again, _ = area_page.download_pack(2, {"code": "E05015239", "level": "ward_2023", "benchmark": "england"})
    pdf = base64.b64decode(data["content"])
    assert pdf.startswith(b"%PDF") and data["filename"] == "evidence-pack_altrincham_E05015239_england.pdf"
    assert "Evidence pack ready" in status and again["content"] == data["content"]  # the second is the cached file
    assert len(list((tmp_path / "evidence").glob("E05015239-*.pdf"))) == 1


def test_evidence_routes(dash_app, seeded_store, tmp_path, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_CACHE", str(tmp_path))
    client = dash_app.server.test_client()
    pdf = client.get("/area/E05015240/evidence.pdf?benchmark=la")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    csv = client.get("/area/E05015240/evidence.csv")
    assert csv.status_code == 200 and "attachment" in csv.headers["Content-Disposition"]
    text = csv.get_data(as_text=True)
    assert text.startswith("# Trafford Data Observatory: evidence pack for Ashton upon Mersey")
    assert "# Suggested citation: Trafford Data Observatory" in text and "theme,indicator_id" in text
    assert client.get("/area/NOPE/evidence.pdf").status_code == 404
    assert client.get("/area/E05999999/evidence.csv").status_code == 404


def test_profile_rows_carry_the_quantified_comparison(seeded_store):
    from report.profile import load_profile

    p = load_profile("E05015239")  # a ward: Trafford by default, the nearest benchmark with a value if not
    assert p.benchmark == "la"
    for r in p.rows:
        assert {"comparator_used", "comparator_value", "judged_by", "tested", "gap", "gap_text", "rank_text",
                "derivation"} <= set(r)
        if r["tested"]:
            assert r["judged_by"] in ("interval", "published") and r["comparator_value"] is not None
        else:
            assert r["judgement"] == "not_compared"
    smoking = next(r for r in p.rows if r["indicator_id"] == "smoking")
    assert smoking["comparator_used"] in ("Trafford", "Greater Manchester", "England")
    assert smoking["gap_text"] and smoking["comparator_used"] in smoking["gap_text"]
    assert smoking["rank_text"].endswith("of 3 wards")


def test_summary_leads_with_the_figure_and_the_people_in_plain_words(seeded_store):
    import re

    from report.profile import load_profile

    for code in ("E05015239", "E05015240", "E05015241", "E05015242"):
        p = load_profile(code)
        lines = p.summary()
        assert lines, code
        first = lines[0].text
        # '12.3% of adults smoke in 2023: ... the Trafford average (10.1%)': the figure, the people, then Trafford's
        assert re.match(r"\d+\.\d% of (adults smoke|the land is green space) (in|\()", first), first
        assert re.search(r"the Trafford average \(", first) or lines[0].kind != "need", first
        for line in lines:
            assert not re.search(r"\b(wilson|byar\w*|significan\w*|vintage|99\.8|chi|confidence)\b", line.text,
                                 re.I), line.text


def test_profile_takes_the_published_judgement_where_it_has_no_interval(seeded_store):
    from report.profile import load_profile

    rows = {r["indicator_id"]: r for r in load_profile("E05015241").rows}
    green = rows["green_space"]  # no interval; its publisher judged it better than England
    assert green["judgement"] == "better" and "as published by OHID" in green["explanation"]
    # the publisher compared it with England only: against Trafford it stays not compared
    assert green["judgements"]["Trafford"] == "not_compared"


def test_search_finds_a_postcodes_ward_and_says_when_it_is_outside_trafford(dash_app, seeded_store):
    from dash import html

    from pages import _search

    full = _search.find_all("wa141ab")["postcode"]  # no space, lower case
    assert full["links"][0]["href"] == "/area/E05015239" and "Altrincham" in full["message"]
    assert _search.best_href("WA14 1AB") == "/area/E05015239"
    sector = _search.find_all("WA14 2")["postcode"]
    assert [x["href"] for x in sector["links"]] == ["/area/E05015241"] and "100%" in sector["links"][0]["detail"]
    district = _search.find_all("WA14")["postcode"]
    assert {x["href"] for x in district["links"]} == {"/area/E05015239", "/area/E05015241"}
    outside = _search.find_all("SW1A 1AA")
    assert "not a Trafford postcode" in outside["postcode"]["message"] and outside["areas"] == []
    assert "not a Trafford postcode" in _text(html.Div(_search.results_list("SW1A 1AA")))
    assert _search.find_all("E05")["postcode"] is None  # the start of a ward code is not a postcode district
    assert _search.find_all("E050152")["areas"]
