"""The one-line "how this was judged" text."""

import pytest

from analysis.stats import explain

ENGLAND = {"benchmark_name": "England", "benchmark_value": 18.23, "unit": "%"}


@pytest.mark.parametrize(
    ("judgement", "polarity", "text"),
    [
        (
            "worse",
            "low_is_good",
            "Worse than England: the 95% interval (Wilson) lies wholly above England's 18.2%; low is good.",
        ),
        (
            "better",
            "low_is_good",
            "Better than England: the 95% interval (Wilson) lies wholly below England's 18.2%; low is good.",
        ),
        (
            "better",
            "high_is_good",
            "Better than England: the 95% interval (Wilson) lies wholly above England's 18.2%; high is good.",
        ),
        (
            "similar",
            "low_is_good",
            "Similar to England: the 95% interval (Wilson) includes England's 18.2%; low is good.",
        ),
        (
            "higher",
            "no_judgement",
            "Higher than England: the 95% interval (Wilson) lies wholly above England's 18.2%; "
            "no judgement of better or worse is made.",
        ),
        (
            "lower",
            "no_judgement",
            "Lower than England: the 95% interval (Wilson) lies wholly below England's 18.2%; "
            "no judgement of better or worse is made.",
        ),
    ],
)
def test_explain_judgements(judgement, polarity, text):
    out = explain(judgement, method="Wilson", confidence=0.95, polarity=polarity, **ENGLAND)
    assert out == text


def test_explain_not_compared_with_and_without_reason():
    kw = {"method": "Dobson", "confidence": 0.95, "polarity": "low_is_good"}
    assert explain("not_compared", **kw, **ENGLAND) == "Not compared with England."
    assert (
        explain("not_compared", reason="fewer than 10 events", **kw, **ENGLAND)
        == "Not compared with England: fewer than 10 events."
    )
    no_polarity = explain("similar", method="Wilson", confidence=0.95, polarity=None, **ENGLAND)
    assert no_polarity == "Not compared with England: the indicator has no polarity."


def test_explain_five_way_and_method_labels():
    out = explain(
        "worst",
        method="Byars",
        confidence=0.998,
        benchmark_name="North West",
        benchmark_value=1234.56,
        polarity="high_is_good",
        unit=" per 100,000",
    )
    assert out == (
        "Worse than North West: the 99.8% interval (Byar's) lies wholly below North West's "
        "1,234.6 per 100,000; high is good."
    )


def test_explain_method_from_value_type_and_unknown_word():
    out = explain(
        "higher",
        method=None,
        value_type="dsr",
        confidence=0.95,
        benchmark_name="Wards",
        benchmark_value=5,
        polarity="no_judgement",
        decimals=0,
    )
    assert out.startswith("Higher than Wards: the 95% interval (Dobson) lies wholly above Wards' 5;")
    with pytest.raises(ValueError):
        explain("sideways", method=None, confidence=0.95, polarity="low_is_good", **ENGLAND)


def test_explain_refuses_a_judgement_for_no_judgement_polarity():
    with pytest.raises(ValueError):
        explain("better", method="Wilson", confidence=0.95, polarity="no_judgement", **ENGLAND)
