"""The upload wizard's layout and callbacks as plain functions on the seeded store, with the user patched in."""

from __future__ import annotations

import base64
import io
import json

import openpyxl
import pytest

from accounts import User

PARTNER = User("pat", "Trafford Housing Trust", "partner")
GOOD = ("area_code,area_name,period,value,lower_ci,upper_ci,numerator,denominator\n"
        "E05015239,Altrincham,2024,20.0,18.0,22.0,200,1000\n"
        "E05015240,Ashton upon Mersey,2024,25.0,23.0,27.0,250,1000\n"
        "E05015241,Bowdon,2024,30.0,,,3,10\n"
        "E05015242,Broadheath,2024,22.0,20.0,24.0,220,1000\n")
BAD = GOOD.replace("E05015240,Ashton", "E05015204,Ashton").replace("2024,22.0", "2024/25/26,22.0")


def _text(component) -> str:
    from plotly.utils import PlotlyJSONEncoder

    return json.dumps(component, cls=PlotlyJSONEncoder, ensure_ascii=False)


def _data_url(text: str | bytes) -> str:
    raw = text.encode() if isinstance(text, str) else text
    return "data:text/csv;base64," + base64.b64encode(raw).decode()


@pytest.fixture()
def upload(dash_app, seeded_store, tmp_path, monkeypatch):
    """The page module with a partner signed in and a fresh state folder."""
    import pages.upload as upload
    from pages import _upload_data

    monkeypatch.setenv("OBSERVATORY_STATE", str(tmp_path))
    monkeypatch.setattr(upload, "current_user", lambda: PARTNER)
    _upload_data._results.clear()
    from sharing import grants

    # "smoking" is an official indicator: the partner writes into it only with an administrator's grant
    grants.grant(PARTNER.organisation, "smoking", granted_by="admin")
    return upload


def _choose(upload, indicator="smoking"):
    data, msg, hidden, *_ = upload.use_indicator(1, "existing", indicator, *[None] * len(upload.META_KEYS))
    assert data and not hidden, msg
    return data


def _send(upload, monkeypatch, choice, text, filename="rates.csv"):
    monkeypatch.setattr(upload, "_trigger", lambda: upload.ID["file"])
    out = upload.receive_file(_data_url(text), None, choice, filename, None)
    monkeypatch.setattr(upload, "_trigger", lambda: None)
    return out


def test_signed_out_visitors_get_a_sign_in_link(dash_app, seeded_store, monkeypatch):
    import pages.upload as upload

    monkeypatch.setattr(upload, "current_user", lambda: None)
    text = _text(upload.layout())
    assert "/login?next=/upload" in text and "upload-file" not in text


def test_viewers_may_not_upload(upload, monkeypatch):
    monkeypatch.setattr(upload, "current_user", lambda: User("vic", "GMP", "viewer"))
    assert "may view shared data but not upload" in _text(upload.layout())
    assert upload.use_indicator(1, "existing", "smoking", *[None] * len(upload.META_KEYS))[0] is None


def test_a_viewer_who_tries_to_upload_is_told_they_lack_permission(upload, monkeypatch):
    """Not "Your session has ended": the viewer is signed in and stays so (issue 19, Low)."""
    choice = _choose(upload)
    monkeypatch.setattr(upload, "current_user", lambda: User("vic", "GMP", "viewer"))
    said = [upload.use_indicator(1, "existing", "smoking", *[None] * len(upload.META_KEYS))[1],
            _send(upload, monkeypatch, choice, GOOD)[1], upload.save(1, None, "t", None, choice, "private", None, 5)[0]]
    for alert in said:
        assert "do not have permission to upload" in _text(alert) and "session has ended" not in _text(alert)
        assert "viewer" in _text(alert)


def test_partner_sees_the_four_steps(upload):
    text = _text(upload.layout(anything="<script>"))
    for part in ("1. Choose the indicator", "2. Upload your file", "3. Preview", "4. Save or publish", "upload-file",
                 "Trafford Housing Trust", "Adults who smoke"):
        assert part in text


def test_new_indicator_requires_its_metadata(upload):
    keys = upload.META_KEYS
    values = {k: None for k in keys}
    data, msg, hidden, *rest = upload.use_indicator(1, "new", None, *values.values())
    invalid, messages = rest[:len(keys)], rest[len(keys):]
    assert data is None and hidden and "Fix the" in _text(msg)
    assert invalid[keys.index("name")] and messages[keys.index("definition")] == "Definition is required."
    values.update(name="Households in fuel poverty", definition="Households below the line.", unit="%",
                  value_type="percentage", polarity="low_is_good", theme="housing", publisher="Trafford Council",
                  licence="Open Government Licence v3.0")
    data, msg, hidden, *_ = upload.use_indicator(1, "new", None, *values.values())
    assert data["id"] == "households_in_fuel_poverty" and data["new_meta"]["multiplier"] == 100.0 and not hidden
    values.update(id="smoking")
    data, *_ = upload.use_indicator(1, "new", None, *values.values())
    assert data is None


def test_unknown_existing_indicator_is_explained(upload):
    data, msg, *_ = upload.use_indicator(1, "existing", "nope'; DROP TABLE x", *[None] * len(upload.META_KEYS))
    assert data is None and "Unknown indicator" in _text(msg)


def test_template_download_csv_and_excel(upload, monkeypatch):
    choice = _choose(upload)
    sent = upload.download_template(1, None, choice, "ward_2023")
    assert sent["filename"] == "smoking_ward_2023_template.csv" and "E05015239" in sent["content"]
    assert "# Adults who smoke (%; percentage), Wards (2023)" in sent["content"]
    monkeypatch.setattr(upload, "_trigger", lambda: upload.ID["template-xlsx"])
    sent = upload.download_template(None, 1, choice, "ward_2023")
    assert sent["filename"].endswith(".xlsx") and sent["base64"]


def test_bad_file_shows_the_report_with_suggestions_and_keeps_the_preview_closed(upload, monkeypatch):
    choice = _choose(upload)
    token, report, btn, _sheets, _sheet, _sheet_hidden, step3_hidden, step4_hidden, *_ = _send(
        upload, monkeypatch, choice, BAD)
    text = _text(report)
    assert token and step3_hidden["visibility"] == "hidden" and step4_hidden and btn == {}
    assert "Unknown area code E05015204" in text and "E05015240 (Ashton upon Mersey, Wards (2023))" in text, text
    assert "Period not recognised" in text and "✖ Error" in text
    sent = upload.download_report(1, token, None, choice)
    assert sent["filename"] == "rates_validation_report.csv"
    assert sent["content"].startswith("# Validation report for rates.csv (indicator smoking)")
    assert "row,column,value,rule,severity,message,suggestion" in sent["content"]
    assert ",unknown_area," in sent["content"] and "\n3,area_code,E05015204," in sent["content"]


def test_good_file_opens_the_preview_with_suppression(upload, monkeypatch):
    choice = _choose(upload)
    token, report, btn, *_rest = _send(upload, monkeypatch, choice, GOOD)
    step3_hidden, step4_hidden, level_options, level = _rest[3], _rest[4], _rest[5], _rest[6]
    assert "✔ Passed" in _text(report) and step3_hidden == {} and not step4_hidden
    assert level == "ward_2023" and level_options[0]["label"] == "Wards (2023)"
    periods, period, url, hideout, _bounds, legend, figure, table = upload.update_preview(
        "ward_2023", None, 5, token, None, choice)
    assert period == "2024" and url == "/geometry/ward_2023.geojson"
    assert set(hideout["colours"]) == {"E05015239", "E05015240", "E05015242"}  # Bowdon's 3 of 10 suppressed
    assert "suppressed" in hideout["labels"]["E05015241"]
    assert "Suppressed (count under 5)" in _text(table) and "Bowdon" in _text(figure.to_dict())
    _p, _q, _u, hideout, *_ = upload.update_preview("ward_2023", "2024", 0, token, None, choice)
    assert len(hideout["colours"]) == 4


def test_save_as_draft_keeps_a_batch_and_forgets_the_pending_file(upload, monkeypatch):
    from sharing import batches

    choice = _choose(upload)
    token = _send(upload, monkeypatch, choice, GOOD)[0]
    result, draft_disabled, publish_disabled = upload.save(1, None, token, None, choice, "partners", None, 5)
    assert "Saved as draft batch" in _text(result) and draft_disabled and publish_disabled
    [batch] = batches.list_batches()
    assert (batch.status, batch.organisation, batch.uploaded_by, batch.visibility, batch.rows) == \
        ("draft", "Trafford Housing Trust", "pat", "partners", 4)
    assert batch.original_path.read_bytes() == GOOD.encode()
    assert "/partner" in _text(result)
    again = upload.save(1, None, token, None, choice, "partners", None, 5)[0]
    assert "Nothing was saved" in _text(again)


def test_publish_calls_the_publisher_with_the_user(upload, monkeypatch):
    from sharing import publish

    calls = []

    def fake(batch_id, user):
        calls.append((batch_id, user))
        return publish.PublishResult(True, batch_id, "publishing", "Publishing… (about 20 s).")

    monkeypatch.setattr(publish, "publish_in_background", fake)
    choice = _choose(upload)
    token = _send(upload, monkeypatch, choice, GOOD)[0]
    monkeypatch.setattr(upload, "_trigger", lambda: upload.ID["publish"])
    result, *_ = upload.save(None, 1, token, None, choice, "public", "2030-01-01", 5)
    assert calls and calls[0][1] == PARTNER and "Publishing" in _text(result)
    from sharing import batches

    assert batches.list_batches()[0].embargo == "2030-01-01"


def test_every_write_rechecks_the_user(upload, monkeypatch):
    from sharing import batches

    choice = _choose(upload)
    token = _send(upload, monkeypatch, choice, GOOD)[0]
    monkeypatch.setattr(upload, "current_user", lambda: None)
    result, *_ = upload.save(1, None, token, None, choice, "private", None, 5)
    assert "session has ended" in _text(result) and batches.list_batches() == []
    monkeypatch.setattr(upload, "current_user", lambda: User("other", "Another Org", "partner"))
    result, *_ = upload.save(1, None, token, None, choice, "private", None, 5)
    assert "Nothing was saved" in _text(result) and batches.list_batches() == []


def test_files_that_cannot_be_read_are_explained(upload, monkeypatch):
    choice = _choose(upload)
    for body, message in ((b"\x89PNG\r\n\x1a\n\x00\x00", "binary data"), (b"", "empty"),
                          (b"colour,shape\nred,round\n", "No row of the file names the columns")):
        out = _send(upload, monkeypatch, choice, body, "x.csv")
        assert message in _text(out[1]) and out[6]["visibility"] == "hidden" and out[7] is True
    monkeypatch.setattr(upload, "_trigger", lambda: upload.ID["file"])
    out = upload.receive_file("data:text/csv;base64,@@@not base64", None, choice, "x.csv", None)
    assert "could not be read" in _text(out[1])
    out = upload.receive_file("data:," + "A" * (30 * 1024 * 1024), None, choice, "x.csv", None)
    assert "larger than 20 MB" in _text(out[1])


def test_a_file_before_an_indicator_waits_for_step_one(upload, monkeypatch):
    token, report, *_ = _send(upload, monkeypatch, None, GOOD)
    assert token and "Choose the indicator in step 1" in _text(report)
    choice = _choose(upload)
    out = upload.receive_file(None, None, choice, "rates.csv", token)
    assert "✔ Passed" in _text(out[1])


def test_forged_tokens_are_refused(upload, monkeypatch):
    choice = _choose(upload)
    for token in ("../../etc/passwd", "0" * 32, 12):
        out = upload.receive_file(None, None, choice, "x.csv", token)
        assert "upload it again" in _text(out[1])


def test_excel_with_a_notes_sheet_offers_the_sheet_choice(upload, monkeypatch):
    from tests.fixtures.bad_uploads import xlsx_bytes

    choice = _choose(upload)
    data = xlsx_bytes(GOOD, sheet="values", first_sheet="read me")
    monkeypatch.setattr(upload, "_trigger", lambda: upload.ID["file"])
    out = upload.receive_file("data:application/octet-stream;base64," + base64.b64encode(data).decode(), None,
                              choice, "rates.xlsx", None)
    token, report, _btn, sheets, sheet, sheet_hidden = out[:6]
    assert [s["value"] for s in sheets] == ["read me", "values"] and sheet == "values" and sheet_hidden is False
    assert "✔ Passed" in _text(report) and "holds no table" in _text(report)
    monkeypatch.setattr(upload, "_trigger", lambda: upload.ID["sheet"])
    out = upload.receive_file(None, "read me", choice, "rates.xlsx", token)
    assert "sheet 'read me'" in _text(out[1])


# Issue 19, real partner files: proportions asked about, the sheet choice kept on show, title rows and financial
# years said in the report.
PROPORTIONS = ("area_code,area_name,period,value,lower_ci,upper_ci\n"
               "E05015239,Altrincham,2024,0.014,0.01,0.02\n"
               "E05015240,Ashton upon Mersey,2024,0.25,0.23,0.27\n"
               "E05015241,Bowdon,2024,0.443,0.42,0.46\n")


def _book(*sheets: tuple[str, list[list]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        ws = book.create_sheet(title)
        for r in rows:
            ws.append(r)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def test_proportions_for_a_percentage_are_refused_then_converted_on_the_partners_word(upload, monkeypatch):
    choice = _choose(upload)  # smoking prevalence, a percentage
    out = _send(upload, monkeypatch, choice, PROPORTIONS)
    token = out[0]
    assert "proportions" in _text(out[1]) and out[7] is True  # refused: no step 4
    assert out[-1] is False  # the "my values are proportions" box is shown
    monkeypatch.setattr(upload, "_trigger", lambda: upload.ID["proportions"])
    out = upload.receive_file(None, None, choice, "rates.csv", token, True)
    assert out[7] is False and "multiplied by 100" in _text(out[1]) and out[-1] is False
    from pages import _upload_pending as pending
    from pages._upload_data import validated

    content, name = pending.load(token, "pat")
    result = validated(token, content, name, None, upload.checked_choice(choice, PARTNER), True)
    assert result.frame["value"].tolist() == [1.4, 25.0, 44.3]


def test_a_workbook_that_cannot_be_read_keeps_the_sheet_choice_on_show(upload, monkeypatch):
    choice = _choose(upload)
    data = _book(("Contents", [["Fly-tipping statistics"], ["See the other sheets."]]),
                 ("Chart", [["A chart lives here"]]))
    monkeypatch.setattr(upload, "_trigger", lambda: upload.ID["file"])
    out = upload.receive_file("data:application/octet-stream;base64," + base64.b64encode(data).decode(), None,
                              choice, "flytipping.xlsx", None)
    assert [o["value"] for o in out[3]] == ["Contents", "Chart"] and out[5] is False
    assert "sheet 'Contents'" in _text(out[1]) and "Fly-tipping statistics" in _text(out[1])


def test_the_report_says_which_row_and_sheet_held_the_header_and_reads_financial_years(upload, monkeypatch):
    choice = _choose(upload)
    rows = [["Smoking prevalence by ward"], ["Source: a partner's survey"], [],
            ["Ward code", "Ward name", "2021-22", "2022-23"]]
    rows += [[c, n, 20.0 + i, 21.0 + i] for i, (c, n) in enumerate(
        [("E05015239", "Altrincham"), ("E05015240", "Ashton upon Mersey"), ("E05015241", "Bowdon")])]
    data = _book(("Read me", [["Notes"], ["About this file"]]), ("Wards", rows))
    monkeypatch.setattr(upload, "_trigger", lambda: upload.ID["file"])
    out = upload.receive_file("data:application/octet-stream;base64," + base64.b64encode(data).decode(), None,
                              choice, "smoking.xlsx", None)
    text = _text(out[1])
    assert "Row 4 of sheet 'Wards' was read as the header" in text and "Smoking prevalence by ward" in text
    assert out[4] == "Wards" and out[7] is False, text
    assert {o["value"] for o in upload.update_preview("ward_2023", None, 0, out[0], "Wards", choice)[0]} == \
        {"2021/22", "2022/23"}
