"""A custom area's profile: sums of its LSOAs' counts with intervals from the sums, ranks among wards, bad input."""

import json
import math

import pandas as pd
import pytest

from tests.fixtures.custom_store import LSOAS, OLD_LSOA

FOUR = LSOAS[:4]


def _text(component) -> str:
    return json.dumps(component.to_plotly_json(), default=str)


def test_four_lsoas_value_is_summed_numerator_over_summed_denominator_with_wilson_of_the_sums(custom_store):
    from analysis.stats import proportion_ci, rate_ci
    from queries import custom_area as q
    from report.custom_area import load_custom

    profile = load_custom(",".join(FOUR), "Four squares")
    parts = q.lsoa_values(FOUR)
    rows = {(r["indicator_id"], r["breakdown"]): r for r in profile.rows}
    smoking = rows[("smoking", "Persons")]
    mine = parts[(parts["indicator_id"] == "smoking") & (parts["period"] == smoking["period"])]
    assert len(mine) == 4
    num, den = mine["numerator"].sum(), mine["denominator"].sum()
    ci = proportion_ci(num, den)
    assert smoking["value"] == pytest.approx(100 * num / den)
    assert (smoking["lower"], smoking["upper"]) == pytest.approx((ci.lower, ci.upper))
    adm = rows[("admissions", "Persons")]
    mine = parts[(parts["indicator_id"] == "admissions") & (parts["period"] == adm["period"])]
    ci = rate_ci(mine["numerator"].sum(), mine["denominator"].sum(), multiplier=1000)
    assert (adm["value"], adm["lower"], adm["upper"]) == pytest.approx((ci.value, ci.lower, ci.upper))
    assert rows[("population_total", "Persons")]["value"] == pytest.approx(
        parts[(parts["indicator_id"] == "population_total") & (parts["period"] == "2022")]["value"].sum())


def test_scores_are_estimated_without_interval_and_deciles_left_out_with_reason(custom_store):
    from report.custom_area import load_custom

    profile = load_custom(",".join(FOUR), "Four squares")
    crime = next(r for r in profile.rows if r["indicator_id"] == "crime_score")
    assert crime["estimated"] and crime["lower"] is None and "estimated, no interval" in crime["label"]
    assert crime["judgement"] == "not_compared" or crime["judgement"].startswith("not")
    assert profile.estimated == ["Crime score"]
    # imd_decile is at 2011 LSOAs only: not part of a 2021 custom area at all; the deciles panel uses it
    assert list(profile.deciles["area_code"].sort_values()) == FOUR


def test_ranks_are_among_the_wards_and_comparators_are_trafford_gm_england(custom_store):
    from queries import custom_area as q
    from report.custom_area import load_custom

    profile = load_custom(",".join(FOUR), "Four squares")
    smoking = next(r for r in profile.rows if r["indicator_id"] == "smoking" and r["breakdown"] == "Persons")
    wards = q.ward_values(["smoking"], [smoking["period"]])
    assert smoking["rank_n"] == len(wards) + 1
    assert smoking["rank"] == 1 + int((wards["value"] < smoking["value"]).sum())  # low is good
    assert smoking["trafford"] is not None and smoking["england"] is not None
    assert smoking["judgements"]["Trafford"] in {"better", "worse", "similar"}
    assert profile.path.startswith("/area/custom?lsoa=" + ",".join(FOUR))


@pytest.mark.parametrize("lsoa, words", [
    ("", "No LSOAs"), ("E01006100,E05015239", "other kinds of area"), (f"E01006100,{OLD_LSOA}", "mixed boundary"),
    ("E01009999,bad", "not LSOAs of Trafford")])
def test_bad_codes_get_a_clear_message(custom_store, dash_app, lsoa, words):
    import pages.area_custom as page

    text = _text(page.layout(lsoa=lsoa, name="x"))
    assert "cannot be shown" in text and words in text


def test_the_page_is_the_area_page_with_what_it_is_made_of(custom_store, dash_app):
    import pages.area_custom as page

    text = _text(page.layout(lsoa=",".join(FOUR), name="Four squares", benchmark="trafford"))
    for part in ("Summary of need", "What Four squares is made of", "Every indicator for Four squares",
                 "Deprivation context", "/area/custom/evidence.pdf?lsoa=", "estimated, no interval", LSOAS[3]):
        assert part in text, part


def test_evidence_csv_has_the_columns_of_any_area_and_lists_the_lsoas(custom_store, dash_app):
    client = dash_app.server.test_client()
    q = f"lsoa={','.join(FOUR)}&name=Four%20squares"
    custom = client.get(f"/area/custom/evidence.csv?{q}")
    ward = client.get("/area/E05015239/evidence.csv")
    assert custom.status_code == 200 and ward.status_code == 200
    head = [x for x in custom.get_data(as_text=True).splitlines() if not x.startswith("#")][0]
    assert head == [x for x in ward.get_data(as_text=True).splitlines() if not x.startswith("#")][0]
    assert f"# Custom area of 4 2021 LSOAs: {', '.join(FOUR)}" in custom.get_data(as_text=True)
    bad = client.get("/area/custom/evidence.csv?lsoa=E05015239")
    assert bad.status_code == 400 and "cannot be made" in bad.get_data(as_text=True)
    assert not math.isnan(pd.read_csv(__import__("io").StringIO(custom.get_data(as_text=True)), comment="#")
                          ["value"].iloc[0])
