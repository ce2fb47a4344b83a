"""The judgement engine: nearest benchmark with a value, honest sources, gaps in the indicator's own terms."""

import math

import pandas as pd

from analysis.judgement import (
    Benchmark,
    benchmark_chain,
    default_benchmark,
    gap_words,
    judge_frame,
    judge_row,
    judge_value,
    need_side,
    number_text,
    value_rank_text,
)

TRAFFORD = Benchmark("la", "E08000009", "Trafford", 12.3)
GM = Benchmark("combined_authority", "E47000001", "Greater Manchester", 20.0)
ENGLAND = Benchmark("england", "E92000001", "England", 19.8)


def test_default_and_chain():
    assert default_benchmark("ward_2023") == "la"
    assert default_benchmark("lsoa_2021") == "la"
    assert default_benchmark("la") == "england"
    assert benchmark_chain("ward_2023") == ["la", "combined_authority", "england"]
    assert benchmark_chain("ward_2023", "england") == ["england", "la", "combined_authority"]
    assert benchmark_chain("la") == ["england"]
    assert benchmark_chain("la", "la", own_code="E08000009") == ["england"]


def test_own_interval_against_chosen():
    j = judge_value(33.1, 30.0, 36.0, [TRAFFORD, GM, ENGLAND], polarity="low_is_good", value_type="percentage",
                    unit="%")
    assert j.judgement == "worse" and j.judged_by == "interval" and j.tested and not j.fallback
    assert j.comparator_name == "Trafford" and math.isclose(j.gap, 20.8)
    assert j.gap_text == "20.8 percentage points above Trafford (12.3%)"


def test_nearest_benchmark_with_a_value():
    empty = Benchmark("la", "E08000009", "Trafford", None)
    j = judge_value(30.0, 28.0, 32.0, [empty, GM, ENGLAND], polarity="high_is_good", value_type="percentage",
                    unit="%")
    assert j.comparator.key == "combined_authority" and j.fallback and j.judgement == "better"
    assert "Trafford has no value" in j.explanation


def test_published_judgement_when_no_interval():
    j = judge_value(84.1, None, None, [ENGLAND], polarity="high_is_good", value_type="years", unit="years",
                    published="Better", published_comparator="E92000001", published_by="OHID")
    assert j.judgement == "better" and j.judged_by == "published" and j.source == "as published by OHID"


def test_own_interval_wins_over_published():
    j = judge_value(84.1, 83.9, 84.3, [ENGLAND], polarity="high_is_good", published="Worse",
                    published_comparator="E92000001", published_by="OHID")
    assert j.judgement == "better" and j.judged_by == "interval"


def test_published_against_england_used_for_a_ward_without_interval():
    j = judge_value(10.0, None, None, [TRAFFORD, GM, ENGLAND], polarity="low_is_good", published="worse",
                    published_comparator="E92000001", published_by="OHID")
    assert j.judgement == "worse" and j.comparator_name == "England"


def test_untested_gap_is_shown_but_not_judged():
    j = judge_value(33.1, None, None, [TRAFFORD, ENGLAND], polarity="low_is_good", value_type="percentage",
                    unit="%")
    assert j.judgement == "not_compared" and not j.tested and j.source == "not tested for significance"
    assert j.gap_text.startswith("20.8 percentage points above Trafford")


def test_null_published_is_absent():
    j = judge_value(5.0, None, None, [TRAFFORD], polarity="low_is_good", published=None)
    assert j.judgement == "not_compared"
    j = judge_value(5.0, None, None, [TRAFFORD], polarity="low_is_good", published=float("nan"))
    assert j.judgement == "not_compared"


def test_counts_never_judged():
    j = judge_value(560, 500, 600, [TRAFFORD], polarity="low_is_good", value_type="count")
    assert j.judgement == "not_compared" and j.gap_text == ""


def test_gap_words_by_kind():
    rate = Benchmark("la", "E08000009", "Trafford", 100.0)
    assert gap_words(270.0, rate, "rate") == "2.7 times Trafford's rate (100.0)"
    assert gap_words(50.0, rate, "rate") == "50% lower than Trafford's rate (100.0)"
    years = Benchmark("england", "E92000001", "England", 83.5)
    assert gap_words(84.1, years, "years", "years") == "0.6 years above England (83.5 years)"
    assert gap_words(1.0, None) == ""


def test_number_text():
    assert number_text(12.3, "percentage", "%") == "12.3%"
    assert number_text(13077, "count") == "13,077"
    assert number_text(None) == "—"


def test_rank_text_by_value():
    assert value_rank_text(21, 21, "low_is_good", "wards") == "highest of 21 wards"
    assert value_rank_text(1, 21, "low_is_good", "wards") == "lowest of 21 wards"
    assert value_rank_text(1, 21, "high_is_good", "wards") == "highest of 21 wards"
    assert value_rank_text(3, 21, "no_judgement", "wards") == "3rd highest of 21 wards"
    assert value_rank_text(19, 21, "high_is_good", "wards") == "3rd lowest of 21 wards"
    assert value_rank_text(None, 21, "high_is_good") == ""


def test_need_side():
    assert need_side(33.1, 12.3, "low_is_good") == 1
    assert need_side(33.1, 12.3, "high_is_good") == -1
    assert need_side(33.1, 12.3, "no_judgement") == 0


def test_judge_row_from_latest_table_row():
    row = {"value": 33.1, "lower_ci": None, "upper_ci": None, "trafford_value": None, "gm_value": float("nan"),
           "england_value": 19.8, "polarity": "low_is_good", "value_type": "percentage", "unit": "%",
           "published_judgement": None}
    j = judge_row(row, "ward_2023")
    assert j.chosen == "la" and j.comparator_name == "England" and j.fallback


def test_judge_frame_own_then_published():
    f = pd.DataFrame({"value": [10.0, 20.0, 30.0, 40.0], "lower_ci": [9.0, None, None, 39.0],
                      "upper_ci": [11.0, None, None, 41.0],
                      "published_judgement": [None, "Worse", "Better", None],
                      "published_comparator": [None, "E92000001", "E08000009", None]})
    out = judge_frame(f, "low_is_good", 15.0, "E92000001", "percentage")
    assert out["judgement"].tolist() == ["better", "worse", "not_compared", "worse"]
    assert out["judged_by"].tolist() == ["interval", "published", "none", "interval"]
    assert judge_frame(f, "low_is_good", 15.0, value_type="count")["judgement"].eq("not_compared").all()
