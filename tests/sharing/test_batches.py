"""Batches: original file, rows and manifest kept atomically; bad arguments refused; the build's source module
takes only published, public, past-embargo batches, with disclosure control."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import types

import numpy as np
import pandas as pd
import pytest

from sharing.batches import (
    BatchError,
    batch_rows,
    create_batch,
    get_batch,
    list_batches,
    manifest_path,
    update_batch,
)

META = {"id": "tht_arrears", "name": "Tenants in rent arrears", "theme": "housing", "definition": "Share of tenants.",
        "unit": "%", "value_type": "percentage", "multiplier": 100, "polarity": "low_is_good", "ci_method": "wilson",
        "publisher": "Trafford Housing Trust", "licence": "Open Government Licence v3.0"}


def rows(indicator="tht_arrears", numerators=(3, 40, 12)) -> pd.DataFrame:
    codes = ["E05015239", "E05015240", "E05015241"][: len(numerators)]
    return pd.DataFrame({"indicator_id": indicator, "area_code": codes, "area_name": ["a", "b", "c"][: len(codes)],
                         "level": "ward_2023", "period": "2024/25", "breakdown": "Persons",
                         "value": [n / 2 for n in numerators], "lower_ci": np.nan, "upper_ci": np.nan,
                         "numerator": [float(n) for n in numerators], "denominator": 200.0})


@pytest.fixture()
def state(tmp_path, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_STATE", str(tmp_path))
    monkeypatch.delenv("OBSERVATORY_PUBLISHING_BATCH", raising=False)
    return tmp_path


def make(visibility="public", embargo=None, meta=META, **kw):
    return create_batch(rows(**kw), indicator_meta=meta, organisation="Trafford Housing Trust", uploaded_by="pat",
                        original=b"area_code,period,value\nE05015239,2024/25,1.5\n", filename="../../arrears.csv",
                        visibility=visibility, embargo=embargo)


def test_create_keeps_original_rows_and_manifest(state):
    b = make()
    assert b.status == "draft" and b.rows == 3 and b.indicator_ids == ("tht_arrears",)
    assert b.filename == "arrears.csv"  # no path from the client survives
    assert b.original_path.read_bytes().startswith(b"area_code")
    assert b.sha256 == hashlib.sha256(b.original_path.read_bytes()).hexdigest()
    assert len(batch_rows(b)) == 3
    assert json.loads((b.folder / "indicator.json").read_text())["id"] == "tht_arrears"
    assert get_batch(b.batch_id) == b and list_batches() == [b]
    assert not [p for p in (state / "batches").iterdir() if p.name.startswith(".b")]  # no staging left behind


def test_bad_batches_refused(state):
    with pytest.raises(ValueError):
        make(visibility="everyone")
    with pytest.raises(BatchError):
        create_batch(rows().drop(columns="period"), indicator_meta=None, organisation="O", uploaded_by="u",
                     original=b"", filename="f.csv", visibility="private", embargo=None)
    with pytest.raises(BatchError):
        create_batch(rows(), indicator_meta=None, organisation="O", uploaded_by="u", original=b"", filename="f.csv",
                     visibility="private", embargo=None, suppress_below=-1)
    with pytest.raises(BatchError):
        get_batch("../../etc")
    assert not manifest_path().exists()


def test_manifest_survives_a_failed_write(state, monkeypatch):
    b = make()
    before = manifest_path().read_text()
    monkeypatch.setattr("sharing.batches.json.dumps", lambda *a, **k: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        update_batch(b.batch_id, status="published")
    assert manifest_path().read_text() == before


def _module():
    from data.ingest.sources import partner_batches as pb
    return types.SimpleNamespace(__name__=pb.__name__, CATALOG=pb._write_catalog(), load=pb.load,
                                 included=pb.included)


def test_source_module_takes_only_public_published_past_embargo(state):
    from data.ingest.context import IngestContext

    tomorrow = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
    public = make()
    private = make("private", meta={**META, "id": "tht_private"}, indicator="tht_private")
    shared = make("partners", meta={**META, "id": "tht_shared"}, indicator="tht_shared")
    embargoed = make("public", embargo=tomorrow, meta={**META, "id": "tht_later"}, indicator="tht_later")
    draft = make(meta={**META, "id": "tht_draft"}, indicator="tht_draft")
    withdrawn = make(meta={**META, "id": "tht_gone"}, indicator="tht_gone")
    for b in (public, private, shared, embargoed):
        update_batch(b.batch_id, status="published")
    update_batch(withdrawn.batch_id, status="withdrawn")
    module = _module()
    assert [b["batch_id"] for b in module.included()] == [public.batch_id]
    assert [b["batch_id"] for b in module.included(tomorrow)] == [public.batch_id, embargoed.batch_id]
    ctx = IngestContext(raw=state)
    out = module.load(ctx)
    assert set(out["indicator_id"]) == {"tht_arrears"}
    small = out[out["area_code"] == "E05015239"].iloc[0]
    assert small["suppressed"] and np.isnan(small["value"]) and np.isnan(small["numerator"])
    assert out["source_path"].iloc[0] == f"partner_batches/{public.batch_id}/arrears.csv"
    assert ctx.sources[out["source_path"].iloc[0]]["sha256"] == public.sha256
    catalog = (state / "batches" / "catalog.yaml").read_text()
    assert "tht_arrears" in catalog and "tht_private" not in catalog and "tht_later" not in catalog
    assert draft.status == "draft"


def test_publishing_batch_included_only_in_its_own_build(state, monkeypatch):
    b = make()
    update_batch(b.batch_id, status="publishing")
    module = _module()
    assert module.included() == []
    monkeypatch.setenv("OBSERVATORY_PUBLISHING_BATCH", b.batch_id)
    assert [x["batch_id"] for x in module.included()] == [b.batch_id]


def test_new_indicator_cannot_redeclare_an_official_one(state):
    b = make(meta={**META, "id": "claimant_rate"}, indicator="claimant_rate")
    update_batch(b.batch_id, status="published")
    assert _module().CATALOG == "partner_batches"  # the empty list: claimant_rate keeps its own entry
    assert not (state / "batches" / "catalog.yaml").exists()


def test_no_batches_no_side_effects(state):
    assert _module().CATALOG == "partner_batches"
    assert not (state / "batches").exists()


def test_store_goes_stale_when_public_batches_change(state, tmp_path_factory):
    from data.ingest.staleness import is_stale

    raw = tmp_path_factory.mktemp("raw")
    store = tmp_path_factory.mktemp("store")
    pd.DataFrame({"source_path": ["tdl_x/a.csv"]}).to_parquet(store / "sources.parquet")
    (store / "VERSION").write_text("v\n")
    assert not is_stale(raw, store)
    b = make()
    assert not is_stale(raw, store)  # a draft changes nothing public
    update_batch(b.batch_id, status="published")
    assert is_stale(raw, store)
    pd.DataFrame({"source_path": ["tdl_x/a.csv", b.source_path]}).to_parquet(store / "sources.parquet")
    assert not is_stale(raw, store)
    update_batch(b.batch_id, status="withdrawn")
    assert is_stale(raw, store)


def test_crash_switch(state, monkeypatch):
    from data.ingest.context import IngestContext

    monkeypatch.setenv("OBSERVATORY_PUBLISH_CRASH", "1")
    with pytest.raises(RuntimeError, match="crash injected"):
        _module().load(IngestContext(raw=state))
