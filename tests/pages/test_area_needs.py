"""The needs summary's wording for better, similar, worse, not compared, trends and quarters; the SVG charts."""

import xml.etree.ElementTree as ET

from report.needs import judgement_sentence, name_list, needs_summary, quarter_sentence, trend_sentence

ROWS = [
    {"label": "Smoking", "judgements": {"England": "worse", "Trafford": "similar"}, "trend": "getting_worse",
     "trend_tested": True, "quarter": "worst"},
    {"label": "Green space", "judgements": {"England": "better", "Trafford": "better"}, "trend": "getting_better",
     "trend_tested": True},
    {"label": "Obesity", "judgements": {"England": "similar", "Trafford": "worst"}, "trend_tested": True},
    {"label": "Turnout", "judgements": {"England": "not_compared", "Trafford": "not_compared"}},
    {"label": "Aged 65+", "judgements": {"England": "higher", "Trafford": "lower"}},
]


def texts(lines):
    return {(n.kind, n.benchmark): n.text for n in lines}


def test_summary_sentences_for_each_judgement():
    t = texts(needs_summary(ROWS, ("England", "Trafford"), "wards"))
    assert t[("worse", "England")] == "Worse than England on 1 indicator: Smoking."
    assert t[("worse", "Trafford")] == "Worse than Trafford on 1 indicator: Obesity."  # "worst" counts as worse
    assert t[("better", "England")] == "Better than England on 1 indicator: Green space."
    assert t[("similar", "England")] == "Similar to England on 1 indicator: Obesity."
    assert t[("similar", "Trafford")] == "Similar to Trafford on 1 indicator: Smoking."
    assert t[("not_compared", "England")] == ("Not compared with England on 1 indicator (no confidence interval, or "
                                              "no England value for the same period).")
    assert t[("differs", "England")] == ("Significantly higher or lower than England, with no judgement of better "
                                         "or worse, on 1 indicator: Aged 65+.")
    assert t[("getting_worse", None)] == "Getting worse on 1 indicator: Smoking."
    assert t[("getting_better", None)] == "Getting better on 1 indicator: Green space."
    assert t[("worst_quarter", None)] == ("In the least favourable quarter of wards on 1 indicator (by value alone, "
                                          "not a significance test): Smoking.")


def test_need_comes_first_and_symbols_go_with_words():
    lines = needs_summary(ROWS, ("England", "Trafford"), "wards")
    assert [n.kind for n in lines[:4]] == ["worse", "worse", "getting_worse", "worst_quarter"]
    symbols = {n.kind: n.symbol for n in lines}
    assert symbols["worse"] == "▼" and symbols["better"] == "▲" and symbols["similar"] == "●"
    assert symbols["not_compared"] == "○"


def test_none_found_and_nothing_compared():
    rows = [{"label": "A", "judgements": {"England": "similar"}}, {"label": "B", "judgements": {"England": "similar"}}]
    t = texts(needs_summary(rows, ("England",)))
    assert t[("worse", "England")] == "Not significantly worse than England on any of the 2 indicators compared."
    assert t[("better", "England")] == "Not significantly better than England on any of the 2 indicators compared."
    assert t[("similar", "England")] == "Similar to England on 2 indicators: A and B."
    assert t[("getting_worse", None)] == ("No recent trend could be tested: a trend needs five periods with "
                                          "confidence intervals or counts.")
    assert next(n for n in needs_summary(rows, ("England",)) if n.kind == "worse").symbol == "–"
    nothing = texts(needs_summary([{"label": "A", "judgements": {}}], ("England",), quarters=False))
    assert nothing[("worse", "England")] == "No indicator could be compared with England."
    assert nothing[("not_compared", "England")] == ("None of the 1 indicator could be compared with England: they "
                                                    "have no confidence interval, or England has no value for the "
                                                    "same period.")
    assert ("worst_quarter", None) not in nothing
    assert judgement_sentence("worse", "England", [], compared=1) == ("Not significantly worse than England on the "
                                                                      "1 indicator compared.")


def test_lists_trends_and_quarters_in_plain_words():
    assert name_list(["A"]) == "A" and name_list(["A", "B"]) == "A and B" and name_list(["A", "B", "C"]) == "A, B and C"
    assert name_list(list("ABCDEFG"), 3) == "A, B, C and 4 more"
    assert trend_sentence("getting_worse", ["A", "B", "C"], 5) == "Getting worse on 3 indicators: A, B and C."
    assert trend_sentence("getting_worse", [], 4) == ("Not getting significantly worse on any of the 4 indicators "
                                                      "with a recent-trend test.")
    assert quarter_sentence([], "LSOAs (2021)") == ("Not in the least favourable quarter of LSOAs (2021) on any "
                                                    "indicator with a direction.")
    cut = needs_summary([{"label": f"I{i}", "judgements": {"England": "worse"}} for i in range(9)], ("England",),
                        max_names=6)
    assert cut[0].text == "Worse than England on 9 indicators: I0, I1, I2, I3, I4, I5 and 3 more."
    assert len(cut[0].names) == 9


def test_svg_charts_are_well_formed_with_titles():
    from components.svg_charts import decile_bars_svg, locator_svg, sparkline_svg, spine_svg, svg_data_uri

    spark = sparkline_svg([(1, 2.0), (2, 3.0), (3, float("nan")), (4, 1.0)], "A <b> & C")
    root = ET.fromstring(spark)
    assert root.find("{http://www.w3.org/2000/svg}title").text == "A <b> & C"
    assert root.find("{http://www.w3.org/2000/svg}polyline") is not None
    assert ET.fromstring(sparkline_svg([], "none")).find("{http://www.w3.org/2000/svg}polyline") is None
    spine = ET.fromstring(spine_svg({"min": 1, "q1": 2, "median": 3, "q3": 4, "max": 9, "n": 21}, 5, 3.5, "worse", "t"))
    circle = spine.find("{http://www.w3.org/2000/svg}circle")
    assert circle.get("fill") == "#d4351c" and circle.get("stroke") == "#0b0c0c"
    bars = ET.fromstring(decile_bars_svg({1: 2, 10: 5}, "deciles"))
    assert len(bars.findall("{http://www.w3.org/2000/svg}rect")) == 10
    square = {"type": "Feature", "properties": {"area_code": "X"},
              "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}}
    other = {**square, "properties": {"area_code": "Y"}}
    loc = ET.fromstring(locator_svg({"features": [square, other]}, "X", "map"))
    assert len(loc.findall("{http://www.w3.org/2000/svg}path")) == 2
    uri = svg_data_uri(spark)
    assert uri.startswith("data:image/svg+xml,") and "#" not in uri and "<" not in uri
