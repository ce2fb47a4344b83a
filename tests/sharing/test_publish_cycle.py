"""The whole cycle on the real raw folder: upload (a batch), publish, view, withdraw; private and shared batches
kept out of the public store; a crash mid-publish leaving the store whole; an embargo passing.

The store is a copy of the session's real store, rebuilt twice here by the normal build in a subprocess (about
20 s each), so this module takes about a minute.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import time

import numpy as np
import pandas as pd
import pytest

from accounts import User
from accounts.store import save_user
from sharing.batches import create_batch, get_batch, update_batch
from sharing.publish import needs_rebuild, publish, withdraw

pytestmark = pytest.mark.integration

ORG = "Trafford Housing Trust"
PAT = User("pat", ORG, "partner")
VAL = User("val", ORG, "viewer")
OLI = User("oli", "Other Org", "partner")
META = {"id": "tht_test_arrears", "name": "Tenants in rent arrears (test)", "theme": "housing",
        "definition": "Tenancies in arrears as a share of tenancies.", "unit": "%", "value_type": "percentage",
        "multiplier": 100, "polarity": "low_is_good", "ci_method": "wilson", "publisher": ORG,
        "licence": "Open Government Licence v3.0"}
TIMINGS: dict[str, float] = {}


@pytest.fixture(scope="module")
def cycle(real_store, tmp_path_factory):
    """A private copy of the real store and a fresh state folder, with three users."""
    from queries import db

    base = tmp_path_factory.mktemp("cycle")
    version = base / ".store-versions" / "copied"
    shutil.copytree(real_store.resolve(), version)
    store = base / "store"
    store.symlink_to(version.relative_to(base))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("OBSERVATORY_STORE", str(store))
        mp.setenv("OBSERVATORY_STATE", str(base / "state"))
        for name in ("OBSERVATORY_PUBLISH_CRASH", "OBSERVATORY_PUBLISHING_BATCH", "OBSERVATORY_BUILD_NO_EXPECT"):
            mp.delenv(name, raising=False)
        db.reset()
        save_user("pat", ORG, "partner", "pat-password-123")
        save_user("val", ORG, "viewer", "val-password-123")
        save_user("oli", "Other Org", "partner", "oli-password-123")
        wards = pd.read_parquet(store / "areas.parquet").query("level == 'ward_2023'")
        yield {"store": store, "wards": wards, "batches": {}}
        db.reset()
    print("\npublish timings (s):", {k: round(v, 1) for k, v in TIMINGS.items()})


def ward_rows(wards: pd.DataFrame, indicator: str, period: str = "2024/25") -> pd.DataFrame:
    """One row per ward: the first two wards have counts under 5."""
    n = len(wards)
    numerators = np.array([2.0, 4.0] + [float(10 + 3 * i) for i in range(n - 2)])
    return pd.DataFrame({"indicator_id": indicator, "area_code": wards["area_code"].to_numpy(),
                         "area_name": wards["area_name"].to_numpy(), "level": "ward_2023", "period": period,
                         "breakdown": "Persons", "value": numerators / 400 * 100, "lower_ci": np.nan,
                         "upper_ci": np.nan, "numerator": numerators, "denominator": 400.0})


def new_batch(cycle, key, indicator, visibility, embargo=None, meta=True):
    frame = ward_rows(cycle["wards"], indicator)
    batch = create_batch(frame, indicator_meta={**META, "id": indicator} if meta else None, organisation=ORG,
                         uploaded_by="pat", original=frame.to_csv(index=False).encode(), filename=f"{key}.csv",
                         visibility=visibility, embargo=embargo)
    cycle["batches"][key] = batch.batch_id
    return batch


def store_values(cycle) -> pd.DataFrame:
    return pd.read_parquet(cycle["store"] / "values")


def api(dash_app, path):
    return dash_app.server.test_client().get(path)


def test_publish_public_batch_reaches_store_and_api(cycle, dash_app):
    batch = new_batch(cycle, "public", "tht_test_arrears", "public")
    target = os.readlink(cycle["store"])
    started = time.monotonic()
    result = publish(batch.batch_id, PAT)
    TIMINGS["publish (rebuild)"] = time.monotonic() - started
    assert result.ok, result.message
    assert get_batch(batch.batch_id).status == "published" and get_batch(batch.batch_id).in_public_store
    assert os.readlink(cycle["store"]) != target
    rows = store_values(cycle).query("indicator_id == 'tht_test_arrears'")
    assert len(rows) == len(cycle["wards"])
    small = rows[rows["suppressed"]]
    assert len(small) == 2 and small[["value", "numerator", "denominator", "lower_ci", "upper_ci"]].isna().all().all()
    shown = rows[~rows["suppressed"]]
    assert shown["value"].notna().all() and (shown["lower_ci"] < shown["value"]).all()  # Wilson intervals
    body = api(dash_app, "/api/v1/data?indicator=tht_test_arrears&level=ward_2023").get_json()
    assert body["total"] == len(cycle["wards"])
    hidden = [r for r in body["rows"] if r["suppressed"]]
    assert len(hidden) == 2 and all(r["value"] is None and r["numerator"] is None for r in hidden)
    meta = api(dash_app, "/api/v1/indicators/tht_test_arrears").get_json()
    assert ORG in str(meta)


def test_private_and_shared_batches_never_enter_the_public_store(cycle, dash_app):
    version = (cycle["store"] / "VERSION").read_text()
    private = new_batch(cycle, "private", "tht_test_private", "private")
    shared = new_batch(cycle, "shared", "tht_test_shared", "partners")
    existing = create_batch(ward_rows(cycle["wards"], "claimant_rate", "Jan 2031"), indicator_meta=None,
                            organisation=ORG, uploaded_by="pat", original=b"x", filename="claimant.csv",
                            visibility="private", embargo=None)
    for b in (private, shared, existing):
        started = time.monotonic()
        assert publish(b.batch_id, PAT).ok
        assert time.monotonic() - started < 3  # no rebuild
    assert (cycle["store"] / "VERSION").read_text() == version
    values = store_values(cycle)
    assert not values["indicator_id"].isin(["tht_test_private", "tht_test_shared"]).any()
    assert not (values["period"] == "Jan 2031").any()
    for path in ("/api/v1/indicators/tht_test_private", "/api/v1/indicators/tht_test_shared",
                 "/api/v1/data?indicator=tht_test_shared"):
        assert api(dash_app, path).status_code == 404, path
    assert "tht_test_private" not in api(dash_app, "/api/v1/indicators").get_data(as_text=True)
    periods = api(dash_app, "/api/v1/indicators/claimant_rate").get_data(as_text=True)
    assert "2031" not in periods
    from pages import data_indicator
    assert "Indicator not found" in str(data_indicator.layout(indicator="tht_test_private"))


def _signed_in(dash_app, username, password):
    client = dash_app.server.test_client()
    html = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    assert client.post("/login", data={"username": username, "password": password, "csrf_token": token}
                       ).status_code == 303
    return client


def test_signed_in_views_follow_visibility(cycle, dash_app):
    private = cycle["batches"]["private"]
    url = f"/partner/batches/{private}/rows.csv"
    assert dash_app.server.test_client().get(url).status_code in (302, 403)
    assert _signed_in(dash_app, "oli", "oli-password-123").get(url).status_code == 404
    shared = _signed_in(dash_app, "oli", "oli-password-123").get(f"/partner/batches/{cycle['batches']['shared']}/rows.csv")
    assert shared.status_code == 200
    csv = _signed_in(dash_app, "val", "val-password-123").get(url)
    text = csv.get_data(as_text=True)
    assert csv.status_code == 200 and text.startswith("# Source: Trafford Housing Trust")
    assert "# Licence: Open Government Licence v3.0" in text and "not for publication" in text
    original = _signed_in(dash_app, "val", "val-password-123").get(f"/partner/batches/{private}/original")
    assert original.status_code == 200 and original.headers["Content-Type"] == "application/octet-stream"


def test_only_the_organisation_or_an_admin_may_publish_or_withdraw(cycle):
    public = cycle["batches"]["public"]
    for user in (OLI, VAL, None):
        assert not withdraw(public, user).ok
    other = new_batch(cycle, "other", "tht_test_other", "private")
    assert not publish(other.batch_id, OLI).ok and get_batch(other.batch_id).status == "draft"
    assert not publish("no-such-batch", PAT).ok


@pytest.mark.parametrize("crash", ["1", "kill"])
def test_crash_mid_publish_leaves_the_store_whole(cycle, monkeypatch, crash):
    target, version = os.readlink(cycle["store"]), (cycle["store"] / "VERSION").read_text()
    batch = new_batch(cycle, f"crash-{crash}", f"tht_test_crash_{crash}", "public")
    monkeypatch.setenv("OBSERVATORY_PUBLISH_CRASH", crash)
    result = publish(batch.batch_id, PAT)
    assert not result.ok and result.status == "failed" and "unchanged" in result.message
    after = get_batch(batch.batch_id)
    assert after.status == "failed" and not after.in_public_store
    assert os.readlink(cycle["store"]) == target and (cycle["store"] / "VERSION").read_text() == version
    assert not store_values(cycle)["indicator_id"].str.startswith("tht_test_crash").any()
    assert store_values(cycle)["indicator_id"].eq("tht_test_arrears").any()  # the previous store, whole


def test_embargo_then_withdraw(cycle):
    tomorrow = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
    later = new_batch(cycle, "later", "tht_test_later", "public", embargo=tomorrow)
    result = publish(later.batch_id, PAT)
    assert result.ok and "embargo" in result.message and not get_batch(later.batch_id).in_public_store
    assert not needs_rebuild()
    update_batch(later.batch_id, embargo=dt.datetime.now(dt.UTC).date().isoformat())  # the day has come
    assert needs_rebuild()
    public = cycle["batches"]["public"]
    started = time.monotonic()
    result = withdraw(public, PAT)  # this rebuild also takes the batch whose embargo passed
    TIMINGS["withdraw (rebuild)"] = time.monotonic() - started
    assert result.ok, result.message
    values = store_values(cycle)
    assert not values["indicator_id"].eq("tht_test_arrears").any()
    assert values["indicator_id"].eq("tht_test_later").any()
    gone = get_batch(public)
    assert gone.status == "withdrawn" and gone.withdrawn_by == "pat" and not gone.in_public_store
    assert gone.original_path.exists()  # the record and the file are kept
    assert get_batch(later.batch_id).in_public_store and not needs_rebuild()
