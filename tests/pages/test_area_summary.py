"""The quotable summary: need first with its numbers, polarity-aware, then strengths and what is getting worse."""

from report.needs import how_we_judged, quotable_summary, summary_sentence


def row(label, value, trafford, polarity="low_is_good", england=None, judgement="not_compared", tested=False,
        rank_text="", rank_n=21, stats=None, **more):
    return {"indicator_id": label.lower().replace(" ", "_"), "breakdown": "Persons", "label": label, "value": value,
            "period": "2024/25", "polarity": polarity, "value_type": "percentage", "unit": "%", "trafford": trafford,
            "england": england, "comparator_used": "Trafford", "comparator_value": trafford, "judgement": judgement,
            "judged_by": "interval" if tested else "none", "tested": tested, "rank_text": rank_text,
            "rank_n": rank_n, "stats": stats or {"n": 21, "q1": 10.0, "q3": 20.0}, "trend": None, "series": [],
            **more}


LOW_INCOME = row("Children in relative low income families", 33.1, 12.3, england=19.8,
                 rank_text="highest of 21 wards")


def test_the_issue_sentence():
    assert summary_sentence(LOW_INCOME, "Trafford's") == (
        "Children in relative low income families: 33.1% in 2024/25, the highest of Trafford's 21 wards, 2.7 times "
        "Trafford's (12.3%) and above England's (19.8%).")


def test_significant_first_then_largest_gaps_and_polarity():
    rows = [
        row("Small gap", 13.0, 12.0),
        LOW_INCOME,
        row("Turnout", 42.2, 48.9, polarity="high_is_good", judgement="worse", tested=True),
        row("Degree", 50.0, 40.0, polarity="high_is_good"),  # above Trafford and high is good: a strength
        row("Share aged 65+", 9.5, 17.6, polarity="no_judgement"),  # no direction: never need
    ]
    lines = quotable_summary(rows, "Trafford's")
    needs = [x.row["label"] for x in lines if x.kind == "need"]
    assert needs[:2] == ["Turnout", "Children in relative low income families"]
    assert "Degree" not in needs and "Share aged 65+" not in needs
    assert [x.row["label"] for x in lines if x.kind == "strength"] == ["Degree"]
    assert lines[0].text == "Turnout: 42.2% in 2024/25, significantly below Trafford's (48.9%) by 6.7 percentage points."
    assert all("interval" not in x.text and "Wilson" not in x.text for x in lines)  # methods stay in the note


def test_first_sentence_has_the_figures_when_nothing_shows_need():
    lines = quotable_summary([row("Degree", 50.0, 40.0, polarity="high_is_good")], "Trafford's")
    assert "50.0%" in lines[0].text and "Trafford's (40.0%)" in lines[0].text


def test_counts_and_other_breakdowns_are_left_out_and_worsening_last():
    rows = [LOW_INCOME, {**LOW_INCOME, "breakdown": "Female", "label": "Low income (female)"},
            {**row("Claimants", 560, 4465), "value_type": "count"},
            {**row("Obesity", 25.0, 20.0), "trend": "getting_worse", "series": [("2019", None, 20.0),
                                                                               ("2024/25", None, 25.0)]}]
    lines = quotable_summary(rows, "Trafford's")
    labels = [x.row["label"] for x in lines]
    assert "Low income (female)" not in labels and "Claimants" not in labels
    assert lines[-1].kind == "worsening" and lines[-1].text == ("Obesity is getting worse: 25.0% in 2024/25, from "
                                                                 "20.0% in 2019.")


def test_how_we_judged_note():
    note = " ".join(how_we_judged("Trafford", "wards"))
    assert "95% confidence interval" in note and "as published" in note and "not tested" in note
