"""Downloads round-trip: the CSV and parquet of an indicator, and the whole-store zip, read back equal the store."""

import io
import zipfile

import pandas as pd
import pyarrow.parquet as pq
import pytest

from data.schema import indicator_bucket
from queries import opendata

KEY = ["level", "period_start", "period", "area_code", "breakdown"]
COMPARED = ["indicator_id", "level", "area_code", "period", "breakdown", "value", "lower_ci", "upper_ci",
            "lower_ci_998", "upper_ci_998", "numerator", "denominator", "suppressed", "estimated", "provisional",
            "source_path"]


def store_rows(store, indicator: str, **where) -> pd.DataFrame:
    """The indicator's rows read straight from the store's parquet files (not through the query layer)."""
    parts = []
    for path in sorted((store / "values").glob("level=*/part-*.parquet")):
        frame = pd.read_parquet(path).assign(level=path.parent.name.split("=", 1)[1])
        parts.append(frame[frame["indicator_id"] == indicator])
    rows = pd.concat(parts, ignore_index=True)
    for col, value in where.items():
        rows = rows[rows[col] == value]
    return rows.sort_values(KEY).reset_index(drop=True)


def _equal(got: pd.DataFrame, want: pd.DataFrame) -> None:
    got = got.sort_values(KEY).reset_index(drop=True)
    assert len(got) == len(want)
    for col in COMPARED:
        a, b = got[col], want[col]
        if pd.api.types.is_float_dtype(b):
            pd.testing.assert_series_equal(a.astype(float), b.astype(float), check_names=False)  # exact
        else:
            assert [str(x) for x in a] == [str(x) for x in b], col
    for col in ("period_start", "period_end"):
        assert list(pd.to_datetime(got[col]).dt.date) == list(pd.to_datetime(want[col]).dt.date)


@pytest.mark.parametrize("indicator", ["smoking", "green_space", "population"])
def test_csv_download_reads_back_equal_to_the_store(client, seeded_store, indicator):
    r = client.get(f"/api/v1/downloads/{indicator}.csv")
    assert r.status_code == 200 and r.mimetype == "text/csv"
    assert f'filename="{indicator}.csv"' in r.headers["Content-Disposition"]
    text = r.get_data(as_text=True)
    head = [line for line in text.splitlines() if line.startswith("#")]
    assert any(line.startswith("# Source: ") for line in head)
    assert any("Licence: Open Government Licence v3.0" in line for line in head)
    got = pd.read_csv(io.StringIO(text), comment="#", dtype={"period": str, "area_code": str})
    assert list(got.columns) == opendata.DATA_COLUMNS
    _equal(got, store_rows(seeded_store, indicator))


@pytest.mark.parametrize("indicator", ["smoking", "population"])
def test_parquet_download_reads_back_equal_with_source_and_licence(client, seeded_store, indicator):
    r = client.get(f"/api/v1/downloads/{indicator}.parquet")
    assert r.status_code == 200 and r.mimetype == "application/vnd.apache.parquet"
    table = pq.read_table(io.BytesIO(r.get_data()))
    meta = {k.decode(): v.decode() for k, v in table.schema.metadata.items() if not k.startswith(b"pandas")}
    assert meta["licence"] == "Open Government Licence v3.0" and meta["source"] and meta["indicator"] == indicator
    assert meta["store_version"] == opendata.store_version()
    _equal(table.to_pandas(), store_rows(seeded_store, indicator))


def test_filtered_downloads(client, seeded_store):
    r = client.get("/api/v1/downloads/smoking.parquet?level=ward_2023&period=2022")
    assert 'filename="smoking-ward_2023-2022.parquet"' in r.headers["Content-Disposition"]
    _equal(pq.read_table(io.BytesIO(r.get_data())).to_pandas(),
           store_rows(seeded_store, "smoking", level="ward_2023", period="2022"))
    csv = client.get("/api/v1/downloads/smoking.csv?areas=E05015239,E08000009&from=2021").get_data(as_text=True)
    got = pd.read_csv(io.StringIO(csv), comment="#", dtype={"period": str})
    assert set(got["area_code"]) == {"E05015239", "E08000009"} and set(got["period"]) == {"2021", "2022", "2023"}


def test_a_hash_in_a_value_cannot_break_the_csv(client, seeded_store, monkeypatch):
    real = opendata.value_rows_all

    def with_hash(indicator, **filters):
        return real(indicator, **filters).assign(source_path="odd#name.csv")

    monkeypatch.setattr(opendata, "value_rows_all", with_hash)
    got = pd.read_csv(io.StringIO(client.get("/api/v1/downloads/smoking.csv").get_data(as_text=True)), comment="#")
    assert len(got) == 35 and set(got["source_path"]) == {"odd#name.csv"}


def test_whole_store_zip_has_every_table_and_a_readme(client, seeded_store, tmp_path, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_EXPORTS", str(tmp_path))
    r = client.get("/api/v1/downloads/observatory.zip")
    assert r.status_code == 200 and r.mimetype == "application/zip"
    body = r.get_data()
    with zipfile.ZipFile(io.BytesIO(body)) as zf:
        names = set(zf.namelist())
        assert {"README.md", "load.sql", "VERSION", "indicators.parquet", "areas.parquet", "periods.parquet",
                f"values/level=ward_2023/part-{indicator_bucket('smoking')}.parquet", "geometry/ward_2023.geojson"} <= names
        assert not any(n.startswith("values_by_area/") for n in names)  # the speed copy stays out
        readme = zf.read("README.md").decode()
        for word in ("### values", "### indicators", "### areas", "| value | double |", "Open Government Licence",
                     opendata.store_version()):
            assert word in readme, word
        zf.extractall(tmp_path / "unzipped")
    values = pd.read_parquet(tmp_path / "unzipped" / "values")  # hive partitions: level from the folder names
    values = values[values["indicator_id"] == "smoking"].assign(level=lambda d: d["level"].astype(str))
    _equal(values, store_rows(seeded_store, "smoking"))
    # built once per store version: the second request is the same file, and a conditional request is a 304
    again = client.get("/api/v1/downloads/observatory.zip", headers={"If-None-Match": r.headers["ETag"]})
    assert again.status_code == 304
    assert len(list(tmp_path.glob("trafford-observatory-*.zip"))) == 1
