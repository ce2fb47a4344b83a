"""A trend that joins two releases marks the join: a dotted line and a "Release join" label."""

import pandas as pd

from components.figures import release_joins, trend_figure


def _series(releases) -> pd.DataFrame:
    starts = pd.date_range("2009-01-01", periods=len(releases), freq="YS")
    return pd.DataFrame({"area_code": "E08000009", "level": "la", "area_name": "Trafford",
                         "period": starts.year.astype(str), "period_start": starts,
                         "period_end": starts + pd.offsets.YearEnd(0), "value": range(len(releases)),
                         "lower_ci": float("nan"), "upper_ci": float("nan"), "release": releases})


def test_join_between_releases_is_marked_once_between_the_points():
    s = _series(["old", "old", "old", "new", "new"])  # 2009-2011 old release, 2012 on new (as CO2)
    (join,) = release_joins(s, [("E08000009", "la")])
    assert pd.Timestamp("2011-07-01") < join[0] < pd.Timestamp("2012-07-02") and join[1:] == ("old", "new")
    fig = trend_figure(s, [("E08000009", "la")], "CO2", "kt", "other", {}).to_dict()
    assert [sh["line"]["dash"] for sh in fig["layout"]["shapes"]] == ["dot"]
    note = next(a for a in fig["layout"]["annotations"] if a["text"] == "Release join")
    assert note["hovertext"] == "Before: old; after: new"


def test_one_release_or_none_marks_nothing():
    for releases in (["a"] * 4, [None] * 4):
        fig = trend_figure(_series(releases), [("E08000009", "la")], "x", "%", "percentage", {}).to_dict()
        assert not fig["layout"].get("shapes")
    assert release_joins(_series(["a"] * 3).drop(columns="release"), [("E08000009", "la")]) == []
