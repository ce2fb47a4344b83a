"""Period labels as the sources and partners spell them, read by the one reader (read_period) to canonical labels
and dates; a source says how it spells a shape with two meanings (hint)."""

from datetime import date

import pytest

from data.periods import MONTH_HINT, SPAN_HINT, STORE, PeriodError, read_period

CASES = [
    ("2021", "2021", date(2021, 1, 1), date(2021, 12, 31), "year"),
    ("2021/22", "2021/22", date(2021, 4, 1), date(2022, 3, 31), "financial_year"),
    ("2019 - 21", "2019 - 21", date(2019, 1, 1), date(2021, 12, 31), "multi_year"),
    ("2011 to 2015", "2011 - 15", date(2011, 1, 1), date(2015, 12, 31), "multi_year"),
    ("2011-2015", "2011 - 15", date(2011, 1, 1), date(2015, 12, 31), "multi_year"),
    ("2014 - 18", "2014 - 18", date(2014, 1, 1), date(2018, 12, 31), "multi_year"),
    ("2014/15 to 2016/17", "2014/15 - 16/17", date(2014, 4, 1), date(2017, 3, 31), "multi_financial_year"),
    ("2010/11 - 2014/15", "2010/11 - 14/15", date(2010, 4, 1), date(2015, 3, 31), "multi_financial_year"),
    ("2021-03-21", "2021-03-21", date(2021, 3, 21), date(2021, 3, 21), "date"),
    ("2019-01", "Jan 2019", date(2019, 1, 1), date(2019, 1, 31), "month"),
    ("April 2021", "Apr 2021", date(2021, 4, 1), date(2021, 4, 30), "month"),
    ("Sept 2020", "Sep 2020", date(2020, 9, 1), date(2020, 9, 30), "month"),
    ("Q1 2022", "Q1 2022", date(2022, 1, 1), date(2022, 3, 31), "quarter"),
    ("2023/24 Q4", "2023/24 Q4", date(2024, 1, 1), date(2024, 3, 31), "financial_quarter"),
    ("Apr 2022-Mar 2023", "Apr 2022 - Mar 2023", date(2022, 4, 1), date(2023, 3, 31), "range"),
    ("2017-10 to 2018-11", "Oct 2017 - Nov 2018", date(2017, 10, 1), date(2018, 11, 30), "range"),
    ("2021/22 Q1 - 2022/23 Q2", "2021/22 Q1 - 2022/23 Q2", date(2021, 4, 1), date(2022, 9, 30), "range"),
    ("  2021  ", "2021", date(2021, 1, 1), date(2021, 12, 31), "year"),
    ("2021.0", "2021", date(2021, 1, 1), date(2021, 12, 31), "year"),
]


@pytest.mark.parametrize(("raw", "label", "start", "end", "kind"), CASES)
def test_parse(raw, label, start, end, kind):
    p = read_period(raw, hint=STORE)
    assert (p.label, p.start, p.end, p.type) == (label, start, end, kind)


def test_two_spellings_of_one_period_agree():
    assert read_period("2011 to 2015", hint=STORE) == read_period("2011 - 15", hint=STORE)
    assert read_period("2011-2015", hint=SPAN_HINT) == read_period("2011 - 15", hint=STORE)


@pytest.mark.parametrize("raw", [None, "", "NA", "soon", "2021-13", "2021/22 Q5", "2019 - 17", "31/02/2020"])
def test_unparseable_periods_raise_period_error(raw):
    with pytest.raises(PeriodError):
        read_period(raw, hint=STORE)


# A partner's file: one reader with the build's canonical labels (issue 19, real partner files).
FINANCIAL_YEAR_SPELLINGS = ["2012-13", "2012/13", "2012-2013", "FY2012/13", "FY 2012-13", "2012/2013"]


@pytest.mark.parametrize("raw", FINANCIAL_YEAR_SPELLINGS)
def test_partner_financial_year_spellings_read_as_the_builds_financial_year(raw):
    from data.ingest.sources._la_periods import fy_dash
    from data.periods import read_period

    assert read_period(raw) == read_period("2012/13", hint=STORE) == read_period(fy_dash("2012-13"), hint=STORE)
    assert read_period(raw).label == "2012/13" and read_period(raw).type == "financial_year"


@pytest.mark.parametrize(("raw", "label"), [("2010-11", "2010/11"), ("2011-12", "2011/12"), ("2000-01", "2000/01")])
def test_year_pairs_that_look_like_months_are_never_months(raw, label):
    from data.periods import read_period

    p = read_period(raw)
    assert (p.label, p.type, p.start) == (label, "financial_year", date(int(raw[:4]), 4, 1))


def test_a_year_pair_in_a_monthly_or_two_year_series_is_asked_about():
    from data.periods import AmbiguousPeriod, read_period

    with pytest.raises(AmbiguousPeriod) as err:
        read_period("2010-11", {"month"})
    assert "'2010-11'" in str(err.value) and "write 2010/11" in str(err.value) and "write Nov 2010" in str(err.value)
    assert [c.label for c in err.value.choices] == ["2010/11", "Nov 2010"]
    with pytest.raises(AmbiguousPeriod, match="write 2012 - 13"):
        read_period("2012-13", {"multi_year"})
    assert read_period("2012-13", {"multi_year", "financial_year"}).label == "2012/13"
    with pytest.raises(AmbiguousPeriod, match="the calendar years 2012 to 2013"):
        read_period("2012 - 13")  # the store's own spelling of a span of years


def test_day_month_dates_read_when_only_one_reading_is_real_and_asked_otherwise():
    from data.periods import AmbiguousPeriod, read_period

    assert read_period("31/03/2021").label == "2021-03-31"
    with pytest.raises(AmbiguousPeriod, match="3 April 2021.*4 March 2021"):
        read_period("03/04/2021")


@pytest.mark.parametrize("raw", ["2099", "1066", "2099/00", "Q1 1900", "2040 - 45"])
def test_years_out_of_range_are_refused_saying_the_range(raw):
    from data.periods import MIN_YEAR, max_year, read_period

    with pytest.raises(PeriodError, match=f"outside the years the observatory takes \\({MIN_YEAR} to {max_year()}\\)"):
        read_period(raw)


@pytest.mark.parametrize("raw", ["2021", "2019 - 21", "Q1 2022", "2023/24 Q4", "Apr 2022-Mar 2023", "2019-01"])
def test_partner_reader_agrees_with_the_build_elsewhere(raw):
    from data.periods import read_period

    assert read_period(raw) == read_period(raw, hint=STORE)


def test_there_is_one_period_parser():
    """The build and the upload share read_period: the old build-only parser is gone."""
    import data.periods

    assert not hasattr(data.periods, "parse_period")


@pytest.mark.parametrize(("raw", "hint", "label", "kind"), [
    ("2010-11", MONTH_HINT, "Nov 2010", "month"),  # a monthly source (MSOA claimants, ward history)
    ("2019-01", MONTH_HINT, "Jan 2019", "month"),
    ("2011-15", MONTH_HINT, "2011 - 15", "multi_year"),  # no month 15: the years 2011 to 2015
    ("2010/11", MONTH_HINT, "2010/11", "financial_year"),
    ("2006-08", SPAN_HINT, "2006 - 08", "multi_year"),  # pooled years (ward history's modelled estimates)
    ("2012-13", SPAN_HINT, "2012 - 13", "multi_year"),
    ("2012/13", SPAN_HINT, "2012/13", "financial_year"),
    ("2012 - 13", STORE, "2012 - 13", "multi_year"),  # the store's own spelling, read back
    ("2010-11", None, "2010/11", "financial_year"),  # a person's file
    ("1961", STORE, "1961", "year"),  # the build has no upload bounds
])
def test_a_source_says_how_it_spells_a_shape_with_two_meanings(raw, hint, label, kind):
    p = read_period(raw, hint=hint)
    assert (p.label, p.type) == (label, kind)


def test_an_unknown_hint_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown period hint"):
        read_period("2021", hint="months")


@pytest.mark.parametrize("raw", ["2010-11", "2010-2011"])
def test_a_build_label_with_two_meanings_is_refused_not_guessed(raw):
    """A source that hands the build '2010-11' without saying what it means gets its rows rejected, not misread."""
    from data.periods import AmbiguousPeriod

    with pytest.raises(AmbiguousPeriod, match="could mean the financial year 2010/11"):
        read_period(raw, hint=STORE)
