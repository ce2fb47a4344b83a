"""A line break or other control character in an uploaded file's name never reaches a header: names are cleaned at
upload, and the download headers and `#` lines are encoded even for batches kept before (issue 19, item 4)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sharing.filenames import header_text, safe_filename
from tests.accounts.conftest import sign_in

HOSTILE = 'rates\r\nSet-Cookie: a=b\u2028"x";\x00\t.csv'


@pytest.mark.parametrize("name, expected", [
    (HOSTILE, "rates Set-Cookie a=b x .csv"), ("../../etc/passwd", "passwd"), ("C:\\temp\\x.xlsx", "x.xlsx"),
    ("", "upload"), ("\r\n", "upload"), ("ünïcödé data.csv", "ünïcödé data.csv"), ("a" * 300 + ".csv", "a" * 116 + ".csv"),
])
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


def test_header_text_is_one_line():
    assert "\n" not in header_text(HOSTILE) and "\r" not in header_text(HOSTILE)
    assert "\u2028" not in header_text(HOSTILE) and "\x00" not in header_text(HOSTILE)


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"indicator_id": "x_arrears", "area_code": ["E05015239", "E05015240"],
                         "area_name": ["Altrincham", "Ashton upon Mersey"], "level": "ward_2023", "period": "2024/25",
                         "breakdown": "Persons", "value": [1.0, 10.0], "lower_ci": np.nan, "upper_ci": np.nan,
                         "numerator": [3.0, 30.0], "denominator": 300.0})


def test_batch_keeps_a_clean_name(tmp_path, monkeypatch):
    from sharing.batches import create_batch

    monkeypatch.setenv("OBSERVATORY_STATE", str(tmp_path))
    batch = create_batch(_frame(), indicator_meta=None, organisation="Org", uploaded_by="pat", original=b"csv",
                         filename=HOSTILE, visibility="private", embargo=None)
    assert batch.filename == "rates Set-Cookie a=b x .csv"


def test_downloads_of_an_old_batch_with_a_line_break_in_its_name(dash_app, seeded_store, tmp_path, monkeypatch):
    from accounts.store import save_user
    from sharing.batches import create_batch, update_batch

    monkeypatch.setenv("OBSERVATORY_STATE", str(tmp_path))
    save_user("pat", "Org", "partner", "pat-password-123")
    batch = create_batch(_frame(), indicator_meta=None, organisation="Org\nX", uploaded_by="pat", original=b"csv",
                         filename="x.csv", visibility="private", embargo=None)
    update_batch(batch.batch_id, filename=HOSTILE, organisation="Org")  # as a batch kept before names were cleaned
    client = dash_app.server.test_client()
    assert sign_in(client, "pat", "pat-password-123").status_code == 303
    original = client.get(f"/partner/batches/{batch.batch_id}/original")
    assert original.status_code == 200 and original.data == b"csv"
    assert "\n" not in original.headers["Content-Disposition"]
    rows = client.get(f"/partner/batches/{batch.batch_id}/rows.csv").get_data(as_text=True)
    head = [line for line in rows.splitlines() if line.startswith("#")]
    assert len(head) == 5 and rows.splitlines()[5].startswith("indicator_id")
