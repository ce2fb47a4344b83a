"""The publisher's own judgement: used where the store has no interval, in the indicator's polarity."""

from __future__ import annotations

import numpy as np

from analysis.judge import judge
from analysis.stats import compare_vec, published_word, with_published


def test_published_words_follow_polarity():
    assert published_word("better", "high_is_good") == "better"
    assert published_word("Worse", "low_is_good") == "worse"
    assert published_word("higher", "low_is_good") == "worse" and published_word("lower", "low_is_good") == "better"
    assert published_word("higher", "no_judgement") == "higher"
    # better/worse under no judgement: the side of the benchmark decides
    assert published_word("better", "no_judgement", 84.1, 83.5) == "higher"
    assert published_word("better", "no_judgement") == "not_compared"
    assert published_word("similar", "no_judgement") == "similar"
    assert published_word("not compared", "high_is_good") == "not_compared"
    assert published_word(None, "high_is_good") == "not_compared"


def test_judge_uses_published_only_without_an_interval():
    # Trafford's female life expectancy 84.1 against England 83.5, published "Better", no interval held
    word, text = judge(84.1, None, None, 83.5, polarity="high_is_good", ci_method="none", benchmark_name="England",
                       published="better", published_by="OHID")
    assert word == "better" and text.startswith("Better than England, as published by OHID")
    # with its own interval the store's judgement wins (here: the interval includes England)
    word, text = judge(84.1, 83.0, 85.0, 83.5, polarity="high_is_good", ci_method="wilson", benchmark_name="England",
                       published="better", published_by="OHID")
    assert word == "similar" and "published" not in text
    # no England value in the store: the publisher's comparison still stands
    assert judge(84.1, None, None, None, polarity="high_is_good", ci_method="none", benchmark_name="England",
                 published="worse", published_by="OHID")[0] == "worse"
    # no value: never judged
    assert judge(None, None, None, 83.5, polarity="high_is_good", ci_method="none", benchmark_name="England",
                 published="better")[0] == "not_compared"
    assert judge(84.1, None, None, 83.5, polarity="high_is_good", ci_method="none",
                 benchmark_name="England")[0] == "not_compared"


def test_with_published_fills_only_what_compare_could_not():
    value = np.array([10.0, 20.0, 30.0, np.nan])
    lower = np.array([9.0, np.nan, np.nan, np.nan])
    upper = np.array([11.0, np.nan, np.nan, np.nan])
    own = compare_vec(value, lower, upper, 15.0, "low_is_good")
    out = with_published(own, ["worse", "higher", None, "better"], "low_is_good", value, 15.0)
    assert out.tolist() == ["better", "worse", "not_compared", "not_compared"]
