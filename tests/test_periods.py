"""Period labels as the sources spell them, parsed to canonical labels and dates."""

from datetime import date

import pytest

from data.periods import PeriodError, parse_period

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
    p = parse_period(raw)
    assert (p.label, p.start, p.end, p.type) == (label, start, end, kind)


def test_two_spellings_of_one_period_agree():
    assert parse_period("2011 to 2015") == parse_period("2011-2015") == parse_period("2011 - 15")


@pytest.mark.parametrize("raw", [None, "", "NA", "soon", "2021-13", "2021/22 Q5", "2019 - 17", "31/02/2020"])
def test_unparseable_periods_raise_period_error(raw):
    with pytest.raises(PeriodError):
        parse_period(raw)
