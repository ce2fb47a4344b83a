"""Estimated 2023-ward series: counts summed from 2021 LSOAs and apportioned from MSOAs and pre-2023 wards by the
postcode-weighted lookups, so today's wards have a history. Every derived row is flagged estimated with its method,
and an official value for the same ward and period always wins."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.ingest.report import BuildReport
from data.schema import POSTCODE_WEIGHT_NOTE, RESIDENT_WEIGHT_NOTE, TRAFFORD

TARGET = "ward_2023"
# (level the values are held at, level of the lookup used, method), in order of preference: LSOAs nest in wards
# but for a few split ones; most pre-2023 wards map onto one 2023 ward; MSOAs are larger and cut across wards.
# The 2011 and 2021 MSOAs of Trafford have the same 28 codes, so a 2011 MSOA is read as the 2021 one.
ROUTES = (
    ("lsoa_2021", "lsoa_2021", "summed from 2021 LSOAs, postcode-weighted"),
    ("ward_2022", "ward_2022", "apportioned from pre-2023 wards by postcode shares"),
    ("msoa_2021", "msoa_2021", "apportioned from 2021 MSOAs by postcode shares"),
    ("msoa_2011", "msoa_2021", "apportioned from 2011 MSOAs by postcode shares (2021 MSOAs of the same codes)"),
)
# What a route says instead when its lookup's shares are weighted by residents (postcodes.weight_by_residents).
BY_RESIDENTS = ("by postcode shares", "by residents' shares")
# Means that may be carried as a postcode-weighted average of the source areas' values (a speed measured per
# connection: postcodes stand in for the premises).
MEANS = {"broadband_download_speed": "postcode-weighted average of pre-2023 ward values"}
# Rates published on pre-2023 wards without their counts, and the population each is a share of: carried as the
# average of the old wards' rates weighted by that population as apportioned (the latest mid-year estimate before
# the month). Estimates with no interval: there are no counts to give one.
RATES_WITHOUT_COUNTS = {"claimant_rate": "population_working_age"}
MID_YEAR = pd.Timedelta(days=181)  # a mid-year estimate's year label -> its date, 30 June (1 July in leap years)
RATE_HOW = ("average of pre-2023 wards' published rates weighted by their residents aged 16-64 as apportioned "
            "(no counts, so no interval)")
# Indicators that cannot be carried honestly to other boundaries, with the reason their notes give.
NOT_CARRIED = {
    "election_turnout": "An election turnout belongs to the wards the election was fought on, so it is not "
                        "estimated for other boundaries: 2023-ward turnouts start with the 2023 election.",
}
KEY = ["indicator_id", "period", "breakdown"]


def derive_ward_2023(values: pd.DataFrame, catalog: dict, lookups: pd.DataFrame, report: BuildReport) -> pd.DataFrame:
    """`values` with estimated 2023-ward rows added wherever a count-based series has no official 2023-ward value."""
    for ind, why in NOT_CARRIED.items():
        if ind in catalog and why not in (catalog[ind].get("notes") or ""):
            catalog[ind]["notes"] = ((catalog[ind].get("notes") or "").rstrip() + " " + why).strip()
    if lookups is None or lookups.empty:
        return values
    taken = values.loc[values["level"] == TARGET, KEY + ["area_code"]]
    taken = set(map(tuple, taken.to_numpy()))  # official 2023-ward keys: they win
    frames = []
    for level, lookup_level, how in ROUTES:
        shares = lookups.loc[(lookups["from_level"] == lookup_level) & (lookups["to_level"] == TARGET),
                             ["from_code", "to_code", "share_of_from", "share_of_to"]]
        source = values.loc[(values["level"] == level) & ~values["indicator_id"].isin(NOT_CARRIED)]
        weights = lookups.loc[(lookups["from_level"] == lookup_level) & (lookups["to_level"] == TARGET)]
        if "weight" in weights and weights["weight"].fillna("").str.contains("by residents").any():
            how = how.replace(*BY_RESIDENTS)
        derived = _carry(source, shares, catalog, how)
        if derived.empty:
            continue
        keys = list(map(tuple, derived[KEY + ["area_code"]].to_numpy()))
        fresh = np.array([k not in taken for k in keys], dtype=bool)
        derived = derived.loc[fresh]
        taken.update(k for k, f in zip(keys, fresh, strict=True) if f)
        frames.append(derived)
    shares = lookups.loc[(lookups["from_level"] == "ward_2022") & (lookups["to_level"] == TARGET),
                         ["from_code", "to_code", "share_of_from", "share_of_to"]]
    rates = _rates_without_counts(values, shares, catalog)
    if not rates.empty:
        keys = list(map(tuple, rates[KEY + ["area_code"]].to_numpy()))
        frames.append(rates.loc[np.array([k not in taken for k in keys], dtype=bool)])
    if not frames:
        return values
    derived = pd.concat(frames, ignore_index=True)
    for ind, group in derived.groupby("indicator_id"):
        methods = sorted(group["derivation"].unique())
        note = (f"Values on 2023 wards marked estimated are derived here ({'; '.join(methods)}) for periods with no "
                f"official 2023-ward figure.")
        if any("postcode" in m for m in methods):
            note += f" {POSTCODE_WEIGHT_NOTE}"
        if any(BY_RESIDENTS[1] in m or m == RATE_HOW for m in methods):
            note += f" {RESIDENT_WEIGHT_NOTE}"
        catalog[ind]["notes"] = ((catalog[ind].get("notes") or "").rstrip() + " " + note).strip()
        report.fix(group["source_path"].iloc[0], None, f"{ind}: {len(group)} estimated 2023-ward values over "
                   f"{group['period'].nunique()} periods ({'; '.join(methods)})")
    return pd.concat([values, derived], ignore_index=True)


def _rates_without_counts(values: pd.DataFrame, shares: pd.DataFrame, catalog: dict) -> pd.DataFrame:
    """Pre-2023-ward rates with no counts carried as population-weighted averages (RATES_WITHOUT_COUNTS): the
    population stands in as denominator and rate x population as numerator only to weight; neither is kept."""
    frames = []
    for ind, population in RATES_WITHOUT_COUNTS.items():
        src = values.loc[(values["level"] == "ward_2022") & (values["indicator_id"] == ind)
                         & values["numerator"].isna() & values["value"].notna() & ~values["suppressed"]]
        pop = values.loc[(values["level"] == "ward_2022") & (values["indicator_id"] == population)
                         & (values["breakdown"] == "Persons") & ~values["estimated"] & values["numerator"].notna(),
                         ["area_code", "period_start", "numerator"]]
        if src.empty or pop.empty:
            continue
        pop = pop.assign(mid_year=(pop["period_start"] + MID_YEAR).astype(values["period_end"].dtype))
        pop = pop.drop(columns="period_start")
        pop = pop.rename(columns={"numerator": "people"}).sort_values("mid_year")
        src = pd.merge_asof(src.drop(columns=["numerator", "denominator"]).sort_values("period_end"), pop,
                            left_on="period_end", right_on="mid_year", by="area_code", direction="backward")
        src = src.dropna(subset=["people"])
        mult = float(catalog[ind].get("multiplier") or 1)
        src = src.assign(numerator=src["value"] / mult * src["people"], denominator=src["people"])
        frames.append(_carry(src.drop(columns=["people", "mid_year"]), shares, catalog, RATE_HOW))
    if not frames:
        return values.iloc[0:0]
    out = pd.concat(frames, ignore_index=True)
    out[["numerator", "denominator"]] = np.nan  # weights, not counts
    return out


def _carry(source: pd.DataFrame, shares: pd.DataFrame, catalog: dict, how: str) -> pd.DataFrame:
    """Source rows carried to 2023 wards: counts and numerator/denominator pairs apportioned by share_of_from,
    listed means averaged by share_of_to. A ward is derived only when every source area sharing postcodes with it
    has a usable figure (a suppressed or missing part would undercount it)."""
    if source.empty or shares.empty:
        return source.iloc[0:0]
    count_type = source["indicator_id"].map(lambda i: catalog.get(i, {}).get("value_type") == "count").astype(bool)
    has_pair = source["numerator"].notna() & source["denominator"].notna()
    is_mean = source["indicator_id"].isin(MEANS)
    value_ok = source["value"].notna() & ~source["suppressed"]
    kind = np.select([count_type & value_ok, ~count_type & has_pair, is_mean & value_ok], ["count", "ratio", "mean"],
                     default="")
    rows = source.assign(kind=kind)
    # an indicator and period is carried only when it has some usable row; unusable rows still count as holes
    usable = rows["kind"] != ""
    wanted = rows.loc[usable, KEY].drop_duplicates()
    rows = rows.merge(wanted, on=KEY)
    if rows.empty:
        return source.iloc[0:0]
    joined = rows.merge(shares, left_on="area_code", right_on="from_code")
    expected = shares.groupby("to_code")["from_code"].nunique().rename("expected")
    joined["good"] = joined["kind"] != ""
    group = KEY + ["to_code"]
    joined["w_numerator"] = joined["numerator"] * joined["share_of_from"]
    joined["w_denominator"] = joined["denominator"] * joined["share_of_from"]
    joined["w_value"] = np.where(joined["kind"] == "count", joined["value"] * joined["share_of_from"],
                                 joined["value"] * joined["share_of_to"])
    agg = joined.groupby(group, sort=False).agg(
        value=("w_value", "sum"), numerator=("w_numerator", "sum"), denominator=("w_denominator", "sum"),
        n_num=("numerator", "count"), n_den=("denominator", "count"), n_good=("good", "sum"),
        n_from=("from_code", "nunique"), kind=("kind", "max"), source_path=("source_path", "min"),
        period_start=("period_start", "first"), period_end=("period_end", "first"),
        provisional=("provisional", "any"))
    agg = agg.join(expected, on="to_code")
    complete = (agg["n_good"] == agg["n_from"]) & (agg["n_from"] == agg["expected"])
    agg = agg.loc[complete].reset_index()
    mult = agg["indicator_id"].map(lambda i: float(catalog.get(i, {}).get("multiplier") or 1))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = agg["numerator"] / agg["denominator"] * mult
    agg["value"] = np.where(agg["kind"] == "ratio", ratio, agg["value"])
    # counts keep numerator and denominator only when every part had them (road casualties: events and people)
    pairs = (agg["n_num"] == agg["n_from"]) & (agg["n_den"] == agg["n_from"])
    agg.loc[~pairs, ["numerator", "denominator"]] = np.nan
    agg = agg.loc[np.isfinite(agg["value"])]
    derivation = agg["indicator_id"].map(MEANS).where(agg["kind"] == "mean", how)
    return pd.DataFrame({
        "indicator_id": agg["indicator_id"], "level": TARGET, "period": agg["period"], "area_code": agg["to_code"],
        "area_name": None, "breakdown": agg["breakdown"], "value": agg["value"], "numerator": agg["numerator"],
        "denominator": agg["denominator"], "suppressed": False, "estimated": True,
        "provisional": agg["provisional"].astype(bool), "period_start": agg["period_start"],
        "period_end": agg["period_end"], "source_path": agg["source_path"], "source_row": np.nan,
        "derivation": derivation,
    }).astype({c: "string" for c in ("indicator_id", "level", "period", "area_code", "breakdown", "source_path",
                                      "derivation")})


def check_derived_totals(values: pd.DataFrame, report: BuildReport) -> None:
    """Derived 2023-ward counts summed over all wards equal Trafford's count for the same period, within the rounding
    of the source (half a rounding unit for each source area and for Trafford's own figure).

    Where the source's own areas already add up to something else than its Trafford figure (another release,
    DWP's disclosure control), the wards must carry exactly that difference and no more: the estimate adds none.
    """
    derived = values.loc[(values["level"] == TARGET) & values["derivation"].notna()]
    if derived.empty:
        return
    n_wards = values.loc[values["level"] == TARGET, "area_code"].nunique()
    level_of = {label: level for level, _, how in ROUTES for label in (how, how.replace(*BY_RESIDENTS))}
    g = derived.groupby(KEY, sort=True)
    maps = g.agg(n=("area_code", "size"), hows=("derivation", "nunique"), how=("derivation", "first"),
                 has_num=("numerator", "count"), num=("numerator", "sum"), val=("value", "sum"))
    # whole maps of one count-carrying method (an average is not a count)
    maps = maps[(maps["n"] >= n_wards) & (maps["hows"] == 1) & maps["how"].isin(level_of)].copy()
    maps["col"] = np.where(maps["has_num"] == maps["n"], "numerator", "value")
    maps["total"] = np.where(maps["col"] == "numerator", maps["num"], maps["val"])
    maps["level"] = maps["how"].map(level_of)
    parts = values.loc[values["level"].isin(set(level_of.values())), KEY + ["level", "numerator", "value"]]
    src = parts.groupby(KEY + ["level"]).agg(
        s_num=("numerator", "sum"), s_val=("value", "sum"), n_parts=("value", "size"),
        **{f"num{u:g}": ("numerator", lambda x, u=u: bool(len(x.dropna())) and not np.any(x.dropna() % u))
           for u in (100.0, 10.0, 5.0)},
        **{f"val{u:g}": ("value", lambda x, u=u: bool(len(x.dropna())) and not np.any(x.dropna() % u))
           for u in (100.0, 10.0, 5.0)})
    maps = maps.reset_index().merge(src.reset_index(), on=KEY + ["level"], how="left")
    la = values.loc[(values["level"] == "la") & (values["area_code"] == TRAFFORD), KEY + ["numerator", "value"]]
    maps = maps.merge(la.rename(columns={"numerator": "la_num", "value": "la_val"}), on=KEY, how="left")
    is_num = maps["col"] == "numerator"
    source_total = np.where(is_num, maps["s_num"], maps["s_val"])
    official = np.where(is_num, maps["la_num"], maps["la_val"])
    unit = np.ones(len(maps))
    for u in (5.0, 10.0, 100.0):  # the largest unit every part is a multiple of
        unit = np.where(np.where(is_num, maps[f"num{u:g}"], maps[f"val{u:g}"]).astype(bool), u, unit)
    label = maps["indicator_id"] + "/" + maps["period"] + "/" + maps["breakdown"] + " " + maps["col"]
    bad = np.abs(maps["total"] - source_total) > 1e-6 * np.maximum(np.abs(source_total), 1)
    failures = [f"{lab}: wards {t:.1f}, source areas {s:.1f}"
                for lab, t, s in zip(label[bad], maps["total"][bad], source_total[bad], strict=True)]
    has_la = ~bad & ~np.isnan(official.astype(float))
    no_la = int((~bad & ~has_la).sum())
    close = np.abs(maps["total"] - official) <= unit / 2 * (maps["n_parts"] + 1) + 1e-6 * np.abs(official)
    within = int((has_la & close).sum())
    off = has_la & ~close
    inherited = [f"{lab}: {t:.0f} against {o:.0f}"
                 for lab, t, o in zip(label[off], maps["total"][off], official[off], strict=True)]
    compared = within + len(inherited)
    report.check("derived 2023-ward counts add up to Trafford's", not failures,
                 f"{within} of {compared} indicator-periods within the source's rounding of Trafford's figure"
                 + (f"; {len(inherited)} differ from it exactly as the source's own areas do (another release or "
                    f"disclosure control): {'; '.join(inherited)}" if inherited else "")
                 + (f"; {len(failures)} do not equal their source areas' total: {'; '.join(failures[:20])}"
                    if failures else "")
                 + f"; {no_la} with no Trafford figure to compare (their wards equal their source areas' total)")
