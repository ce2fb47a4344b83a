"""The quotable summary: need first, ranked by the size of the gap (significance a tie-breaker), with its numbers,
polarity-aware and free of near-duplicates and civic measures; then strengths, then what is getting worse."""

import re
from datetime import date

import pytest

from report.needs import how_we_judged, near_duplicates, period_words, quotable_summary, summary_sentence

TODAY = date(2026, 12, 1)


def row(label, value, trafford, polarity="low_is_good", england=None, judgement="not_compared", tested=False,
        rank=None, rank_n=21, stats=None, theme="deprivation", publisher=None, period="2024/25", **more):
    """A profile row; rank counts from the best (1), as the store's ranks do."""
    rank_text = ""
    if rank is not None:
        from analysis.judgement import value_rank_text
        rank_text = value_rank_text(rank, rank_n, polarity, "wards")
    return {"indicator_id": label.lower().replace(" ", "_"), "breakdown": "Persons", "label": label, "value": value,
            "period": period, "polarity": polarity, "value_type": "percentage", "unit": "%", "trafford": trafford,
            "england": england, "comparator_used": "Trafford", "comparator_value": trafford, "judgement": judgement,
            "judged_by": "interval" if tested else "none", "tested": tested, "rank": rank, "rank_n": rank_n,
            "rank_text": rank_text, "stats": stats or {"n": 21, "q1": 10.0, "median": 14.0, "q3": 20.0},
            "theme": theme, "publisher": publisher or label, "trend": None, "series": [], **more}


LOW_INCOME = row("Children in relative low income families", 33.1, 12.3, england=19.8, rank=21,
                 theme="children_education", publisher="DWP", stats={"n": 21, "q1": 5.1, "median": 7.6, "q3": 16.3},
                 definition="Children aged under 16 living in families with income below 60% of the UK median, as a "
                            "percentage of children aged under 16.",
                 plain="{value} of children live in relative low income families")
IDAOPI = row("Income deprivation affecting older people (IDAOPI)", 47.4, 14.8, rank=21, period="2025",
             publisher="Ministry of Housing, Communities and Local Government (English Indices of Deprivation)",
             plain="{value} of people aged 60 and over live in income-deprived households")
# Words about methods that belong in the 'how we judged this' note, never in a sentence a funder reads
JARGON = re.compile(r"\b(wilson|byar\w*|significan\w*|vintage|99\.8|chi|confidence interval|iod|idaopi|idaci)\b",
                    re.I)

# Old Trafford as the real store has it (values from the issue; spreads across Trafford's 21 wards)
OLD_TRAFFORD = [
    row("Local election turnout", 42.2, 48.9, polarity="high_is_good", judgement="worse", tested=True, rank=4,
        theme="democracy", period="2026", stats={"n": 21, "q1": 47.9, "median": 50.1, "q3": 53.7}),
    row("Disabled residents (Equality Act)", 17.6, 16.0, judgement="worse", tested=True, rank=15, theme="health",
        period="2021", publisher="ONS (Census)", stats={"n": 21, "q1": 13.6, "median": 16.7, "q3": 17.7}),
    LOW_INCOME,
    row("Claimant rate", 6.3, 3.0, england=4.1, rank=21, theme="economy", period="Mar 2026",
        stats={"n": 21, "q1": 1.7, "median": 2.3, "q3": 4.0}),
    row("Universal Credit claimants", 29.4, 15.3, england=19.7, rank=20, theme="economy", period="Mar 2026",
        stats={"n": 21, "q1": 8.9, "median": 12.1, "q3": 20.1}),
    row("Income deprivation affecting children (IDACI)", 48.2, 21.9, rank=20, period="2025", publisher="IoD",
        stats={"n": 21, "q1": 9.7, "median": 13.7, "q3": 31.8}),
]


def needs_of(lines):
    return [x.row["label"] for x in lines if x.kind == "need"]


def test_the_issue_sentence():
    assert summary_sentence(LOW_INCOME, "Trafford's") == (
        "33.1% of children live in relative low income families in 2024/25: the highest of Trafford's 21 wards, "
        "2.7 times the Trafford average (12.3%) and above the England average (19.8%).")


def test_an_edition_is_named_not_its_year_alone():
    assert summary_sentence(IDAOPI, "Trafford's") == (
        "47.4% of people aged 60 and over live in income-deprived households (Indices of Deprivation 2025): the "
        "highest of Trafford's 21 wards and 3.2 times the Trafford average (14.8%).")


def test_a_rate_says_of_how_many_and_a_score_keeps_a_plain_fallback():
    care = {**row("Permanent admissions to care homes, aged 65 and over", 779.6, None, england=566.0, theme="health",
                  period="2023/24", plain="{number} of every 100,000 people aged 65 and over were admitted "
                                          "permanently to care homes"),
            "value_type": "rate", "unit": "per 100,000", "trafford": None, "comparator_used": "England",
            "comparator_value": 566.0, "_self": "Trafford"}
    assert summary_sentence(care) == ("779.6 of every 100,000 people aged 65 and over were admitted permanently to "
                                      "care homes in 2023/24: above the England average (566.0 per 100,000).")
    score = {**row("Living environment deprivation score", 7.7, 24.1, rank=1, period="2025",
                   publisher="MHCLG (English Indices of Deprivation)",
                   plain="the living environment deprivation score (higher is more deprived) is {value}"),
             "value_type": "score", "unit": "score"}
    assert summary_sentence(score, "Trafford's") == (
        "The living environment deprivation score (higher is more deprived) is 7.70 (Indices of Deprivation 2025): "
        "the lowest of Trafford's 21 wards and below the Trafford average (24.1).")


@pytest.mark.parametrize(("period", "words"), [
    ("Mar 2026", "in March 2026"), ("2024/25", "in 2024/25"), ("2023 - 25", "in 2023 to 2025"),
    ("2022/23 - 24/25", "in 2022/23 to 2024/25"), ("Q3 2025", "in July to September 2025"),
    ("2025/26 Q3", "in October to December 2025"), ("Jan 2025 - Dec 2025", "in January to December 2025"),
    ("Apr 2025 - Mar 2026", "in April 2025 to March 2026"), ("Oct 2017 - Nov 2018", "in October 2017 to November 2018"),
    ("2021/22 Q1 - 2025/26 Q3", "in April 2021 to December 2025"), ("2006 - 08", "in 2006 to 2008"),
])
def test_periods_in_words(period, words):
    assert period_words(period) == words


def test_census_and_indices_say_their_edition():
    assert period_words("2021", {"publisher": "Office for National Statistics (Census)"}) == "(Census 2021)"
    assert period_words("2019", {"publisher": "MHCLG (English Indices of Deprivation)"}) == (
        "(Indices of Deprivation 2019)")


def test_old_trafford_leads_with_its_largest_gap_not_a_tiny_significant_one():
    lines = quotable_summary(OLD_TRAFFORD, "Trafford's", today=TODAY)
    needs = needs_of(lines)
    assert needs[0] == "Children in relative low income families"
    assert lines[0].text.startswith("33.1% of children live in relative low income families")
    assert "the Trafford average (12.3%)" in lines[0].text
    # the four figures the issue names all appear; the 1.6-point significant gap comes after every one of them
    assert set(needs[:4]) == {"Children in relative low income families", "Claimant rate",
                              "Universal Credit claimants", "Income deprivation affecting children (IDACI)"}
    assert needs.index("Disabled residents (Equality Act)") > 3
    assert "Local election turnout" not in [x.row["label"] for x in lines]  # civic participation, not need


def test_significance_breaks_ties_and_a_tested_similar_gap_is_not_need():
    same = dict(rank=None, stats={"n": 21, "q1": 10.0, "median": 14.0, "q3": 20.0})
    rows = [row("Untested", 16.0, 12.0, **same), row("Significant", 16.0, 12.0, judgement="worse", tested=True, **same),
            row("Not significant", 30.0, 12.0, judgement="similar", tested=True, **same)]
    assert needs_of(quotable_summary(rows, "Trafford's", today=TODAY)) == ["Significant", "Untested"]


def test_polarity_and_strengths():
    rows = [LOW_INCOME,
            row("Degree", 50.0, 40.0, polarity="high_is_good", rank=2),  # above Trafford, high is good: a strength
            row("Share aged 65+", 9.5, 17.6, polarity="no_judgement")]  # no direction: never need
    lines = quotable_summary(rows, "Trafford's", today=TODAY)
    assert needs_of(lines) == ["Children in relative low income families"]
    assert [x.row["label"] for x in lines if x.kind == "strength"] == ["Degree"]
    assert all("interval" not in x.text and "Wilson" not in x.text for x in lines)  # methods stay in the note


def test_near_duplicates_and_one_dataset_do_not_crowd_the_list():
    absolute = {**LOW_INCOME, "label": "Children in absolute low income families", "value": 30.0,
                "indicator_id": "abs"}
    assert near_duplicates(LOW_INCOME, absolute)
    assert not near_duplicates(LOW_INCOME, OLD_TRAFFORD[5])
    iod = [row(f"{c} deprivation", 40.0, 15.0, rank=21, publisher="IoD", period="2025")
           for c in ("Income", "Employment", "Health", "Crime", "Education")]
    needs = needs_of(quotable_summary([LOW_INCOME, absolute, *iod], "Trafford's", today=TODAY))
    assert "Children in absolute low income families" not in needs
    assert sum(1 for n in needs if n.endswith(" deprivation")) == 3


def test_old_figures_come_after_recent_ones_and_the_lead_carries_trafford():
    old = row("Old but large", 60.0, 12.0, rank=21, period="2011")
    no_trafford = {**row("Only ranked", 40.0, None, rank=21), "comparator_used": None, "comparator_value": None}
    lines = quotable_summary([old, no_trafford, row("Recent", 18.0, 12.0)], "Trafford's", today=TODAY)
    assert needs_of(lines)[0] == "Recent" and "the Trafford average (12.0%)" in lines[0].text
    assert needs_of(lines)[-1] == "Old but large"


def test_significant_gap_in_points_reads_naturally():
    r = row("Unemployment", 6.9, 4.7, judgement="worse", tested=True, rank=20, england=5.0,
            plain="{value} of residents aged 16 and over who are working or looking for work are unemployed")
    assert summary_sentence(r, "Trafford's") == (
        "6.9% of residents aged 16 and over who are working or looking for work are unemployed in 2024/25: the 2nd "
        "highest of Trafford's 21 wards, 2.2 percentage points above the Trafford average (4.7%), a real difference, not "
        "chance, and above the England average (5.0%).")


def test_without_plain_words_the_name_leads():
    assert summary_sentence(row("Unemployment", 6.9, 4.7), "Trafford's") == (
        "Unemployment: 6.9% in 2024/25: 2.2 percentage points above the Trafford average (4.7%).")


def test_sentences_lead_with_the_figure_and_carry_no_method_words():
    rows = [*OLD_TRAFFORD, IDAOPI, {**row("Degree", 21.0, 43.0, polarity="high_is_good", judgement="worse",
                                          tested=True, rank=21), "plain": "{value} of residents have a degree"}]
    lines = [x for x in quotable_summary(rows, "Trafford's", today=TODAY) if x.row.get("plain")]
    assert len(lines) >= 3
    for line in lines:
        assert not JARGON.search(line.text), line.text
        assert re.match(r"\d+\.\d% of (children|people|residents) ", line.text), line.text


def test_first_sentence_has_the_figures_when_nothing_shows_need():
    lines = quotable_summary([row("Degree", 50.0, 40.0, polarity="high_is_good")], "Trafford's", today=TODAY)
    assert "50.0%" in lines[0].text and "the Trafford average (40.0%)" in lines[0].text
    assert lines[0].kind == "strength"  # never called need


def test_counts_and_other_breakdowns_are_left_out_and_worsening_last():
    rows = [LOW_INCOME, {**LOW_INCOME, "breakdown": "Female", "label": "Low income (female)"},
            {**row("Claimants", 560, 4465), "value_type": "count"},
            {**row("Obesity", 25.0, 20.0), "trend": "getting_worse", "series": [("2019", None, 20.0),
                                                                               ("2024/25", None, 25.0)]}]
    lines = quotable_summary(rows, "Trafford's", today=TODAY)
    labels = [x.row["label"] for x in lines]
    assert "Low income (female)" not in labels and "Claimants" not in labels
    assert lines[-1].kind == "worsening" and lines[-1].text == ("Getting worse: Obesity: 25.0% in 2024/25, up from "
                                                                 "20.0% in 2019.")
    plain = {**rows[-1], "plain": "{value} of Year 6 children are obese"}
    assert quotable_summary([plain], today=TODAY)[-1].text == (
        "Getting worse: 25.0% of Year 6 children are obese in 2024/25, up from 20.0% in 2019.")


def test_how_we_judged_note():
    note = " ".join(how_we_judged("Trafford", "wards"))
    assert "95% confidence interval" in note and "as published" in note and "not tested" in note
    assert "spread" in note and "near-identical" in note and "turnout" in note


def test_the_page_sets_the_leading_figure_in_bold():
    from components.area_profile import _name_first

    strong, rest = _name_first("47.4% of people aged 60 and over live in income-deprived households.", "IDAOPI")
    assert strong.children == "47.4%" and rest.startswith(" of people")
    strong, _ = _name_first("Claimant rate: 6.3% in 2025.", "Claimant rate")  # no plain words: the name in bold
    assert strong.children == "Claimant rate:"


def test_a_quoted_sentence_names_its_place_and_the_borough_average_is_not_mistaken_for_the_ward():
    """A line lifted into a bid must say where; beside a ward called Old Trafford, "Trafford's rate" read as the
    ward's own, so the comparison names the Trafford average."""
    placed = {**IDAOPI, "plain": "{value} of people aged 60 and over{where} are on a low income"}
    assert summary_sentence(placed, "Trafford's", "Old Trafford") == (
        "47.4% of people aged 60 and over in Old Trafford are on a low income (Indices of Deprivation 2025): the "
        "highest of Trafford's 21 wards and 3.2 times the Trafford average (14.8%).")
    # without a {where} in the phrase the place follows it, before the period
    assert summary_sentence(LOW_INCOME, "Trafford's", "Old Trafford").startswith(
        "33.1% of children live in relative low income families in Old Trafford in 2024/25: ")
    assert "Trafford's rate" not in summary_sentence(LOW_INCOME, "Trafford's", "Old Trafford")


def test_plain_words_take_one_place_slot_at_most():
    from data.ingest.catalog import plain_ok

    assert plain_ok("{value} of children{where} live in low-income families")
    assert not plain_ok("{value} of children{where} live{where} in low-income families")
    assert not plain_ok("children{where} live in low-income families")
