"""Private, partner-shared, embargoed, draft and withdrawn batches never reach the API or the public pages; the
public batch's small counts reach them only as suppressed rows.

A small store is built in process by the normal build (seeded areas, the partner_batches module) from a state
folder holding one batch of each kind.
"""

from __future__ import annotations

import datetime as dt
import io
import types
import zipfile

import numpy as np
import pandas as pd
import pytest

import data.ingest.build as build
from sharing.batches import create_batch, update_batch
from tests.api.conftest import fresh_client
from tests.fixtures.seeded_store import WARDS, seeded_areas

META = {"name": "Arrears", "theme": "housing", "definition": "Tenancies in arrears.", "unit": "%",
        "value_type": "percentage", "multiplier": 100, "polarity": "low_is_good", "ci_method": "wilson",
        "publisher": "Trafford Housing Trust", "licence": "Open Government Licence v3.0"}
KINDS = {"tht_pub": ("public", "published", None), "tht_priv": ("private", "published", None),
         "tht_shared": ("partners", "published", None), "tht_later": ("public", "published", 1),
         "tht_draft": ("public", "draft", None), "tht_gone": ("public", "withdrawn", None)}


def _rows(indicator: str) -> pd.DataFrame:
    codes = list(WARDS)
    return pd.DataFrame({"indicator_id": indicator, "area_code": codes, "area_name": list(WARDS.values()),
                         "level": "ward_2023", "period": "2024/25", "breakdown": "Persons",
                         "value": [1.0, 10.0, 12.0, 14.0], "lower_ci": np.nan, "upper_ci": np.nan,
                         "numerator": [3.0, 30.0, 36.0, 42.0], "denominator": 300.0})


@pytest.fixture()
def client(dash_app, tmp_path, monkeypatch):
    """The app's test client on a store built with one batch of each kind."""
    from data.ingest.sources import partner_batches

    monkeypatch.setenv("OBSERVATORY_STATE", str(tmp_path / "state"))
    monkeypatch.delenv("OBSERVATORY_PUBLISHING_BATCH", raising=False)
    today = dt.datetime.now(dt.UTC).date()
    for ind, (visibility, status, days) in KINDS.items():
        b = create_batch(_rows(ind), indicator_meta={**META, "id": ind}, organisation="Trafford Housing Trust",
                         uploaded_by="pat", original=b"file", filename=f"{ind}.csv", visibility=visibility,
                         embargo=today + dt.timedelta(days=days) if days else None)
        update_batch(b.batch_id, status=status)
    geometry = {"ward_2023": {"type": "FeatureCollection", "features": []}}
    links = pd.DataFrame({"from_code": ["E05000819"], "to_code": ["E05015239"], "share_of_from": [1.0],
                          "from_level": ["ward_2022"], "to_level": ["ward_2023"], "relation": ["succeeded_by"],
                          "derived": [True]})
    points = pd.DataFrame({"point_id": ["libraries-0"], "category": ["libraries"], "category_label": ["Libraries"],
                           "name": ["Altrincham Library"], "lon": [-2.35], "lat": [53.38], "source_path": ["x.csv"]})
    monkeypatch.setattr(build, "build_areas", lambda ctx: (seeded_areas(), links, geometry))
    monkeypatch.setattr(build, "build_points", lambda ctx: points)
    module = types.SimpleNamespace(__name__=partner_batches.__name__, CATALOG=partner_batches._write_catalog(),
                                   load=partner_batches.load)
    raw = tmp_path / "raw"
    raw.mkdir()
    result = build.build_store(raw, tmp_path / "store", modules=[module])
    assert result.ok, result.summary
    monkeypatch.setenv("OBSERVATORY_STORE", str(tmp_path / "store"))
    yield from fresh_client(dash_app)


def test_only_the_public_batch_is_in_the_catalogue(client):
    ids = {i["id"] for i in client.get("/api/v1/indicators").get_json()["indicators"]}
    assert ids == {"tht_pub"}
    for hidden in set(KINDS) - {"tht_pub"}:
        assert client.get(f"/api/v1/indicators/{hidden}").status_code == 404
        assert client.get(f"/api/v1/data?indicator={hidden}").status_code == 404
        assert client.get(f"/api/v1/downloads/{hidden}.csv").status_code == 404


def test_small_counts_suppressed_in_every_public_form(client):
    body = client.get("/api/v1/data?indicator=tht_pub&level=ward_2023").get_json()
    small = [r for r in body["rows"] if r["area_code"] == "E05015239"]
    assert small and small[0]["suppressed"] and small[0]["value"] is None and small[0]["numerator"] is None
    assert small[0]["lower_ci"] is None and small[0]["denominator"] is None
    csv = client.get("/api/v1/downloads/tht_pub.csv").get_data(as_text=True)
    frame = pd.read_csv(io.StringIO(csv), comment="#")
    row = frame[frame["area_code"] == "E05015239"].iloc[0]
    assert pd.isna(row["value"]) and pd.isna(row["numerator"])
    assert (frame.loc[frame["area_code"] != "E05015239", "value"].notna()).all()


def test_whole_store_download_holds_no_private_rows(client):
    data = client.get("/api/v1/downloads/observatory.zip").data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        blob = b"".join(z.read(n) for n in z.namelist())
    for hidden in set(KINDS) - {"tht_pub"}:
        assert hidden.encode() not in blob


def test_public_pages_do_not_show_them(client):
    import queries
    from pages import data_indicator

    assert "Indicator not found" in str(data_indicator.layout(indicator="tht_priv"))
    assert "Indicator not found" not in str(data_indicator.layout(indicator="tht_pub"))
    assert set(queries.search_indicators("arrears")["indicator_id"]) == {"tht_pub"}
