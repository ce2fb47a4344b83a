"""Memory stays bounded: large request bodies get 413 before they are read, and spreadsheets are refused before
decompression when their parts would unzip too large, or when they hold too many cells (issue 19, item 5)."""

from __future__ import annotations

import io
import zipfile

import pytest

from sharing.parse import UploadError, parse_upload
from tests.fixtures.bad_uploads import good_long_csv, xlsx_bytes


def _with_member(book: bytes, name: str, size: int) -> bytes:
    """The workbook with one part replaced by `size` bytes of one repeated letter (a zip bomb's shape)."""
    src, out = zipfile.ZipFile(io.BytesIO(book)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info, src.read(info.filename))
        with dst.open(name, "w", force_zip64=True) as fh:
            fh.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>')
            chunk = b"a" * (1 << 20)
            for _ in range(size >> 20):
                fh.write(chunk)
            fh.write(b"</t></si></sst>")
    return out.getvalue()


def test_shared_strings_bomb_is_refused_before_unzipping():
    bomb = _with_member(xlsx_bytes(good_long_csv()), "xl/sharedStrings.xml", 300 << 20)
    assert len(bomb) < 2 << 20  # a small file ...
    with pytest.raises(UploadError, match="unzip"):  # ... that would unzip to 300 MB
        parse_upload(bomb, "bomb.xlsx")


def test_too_many_cells_are_refused(monkeypatch):
    import sharing.parse as parse

    monkeypatch.setattr(parse, "MAX_CELLS", 50)
    with pytest.raises(UploadError, match="cells"):
        parse_upload(xlsx_bytes(good_long_csv()), "many.xlsx")


def test_a_zip_that_is_not_a_workbook_is_explained():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(UploadError, match="Excel"):
        parse_upload(out.getvalue(), "x.xlsx")


def test_large_anonymous_body_is_refused_unread(dash_app):
    client = dash_app.server.test_client()
    response = client.post("/_dash-update-component", data=b"{}", content_type="application/json",
                           environ_overrides={"CONTENT_LENGTH": str(300 * 1024 * 1024)})
    assert response.status_code == 413 and "too large" in response.get_data(as_text=True)
    response = client.post("/_dash-update-component", data=b"x" * (3 << 20), content_type="application/json")
    assert response.status_code == 413


def test_signed_in_upload_sized_body_is_not_refused_for_size(dash_app):
    from flask import request

    from accounts.limits import body_limit

    with dash_app.server.test_request_context("/_dash-update-component", method="POST"):
        assert body_limit(signed_in=True) >= 20 * 1024 * 1024 * 4 // 3
        assert body_limit(signed_in=False) < 3 << 20
        assert request.path == "/_dash-update-component"
