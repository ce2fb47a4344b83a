"""Issue 19's findings reproduced through public interfaces only (the upload wizard's callbacks, HTTP routes through
Flask's test client, the register's Register class), so that each test runs unchanged on the code before the fixes
and fails there for the reason the issue names (docs/security-evidence.md), and passes now.

Nothing here imports a module the fixes added: an official indicator's write grant (sharing.grants) is given
through a helper that does nothing where grants did not exist (then any partner could write anywhere)."""

from __future__ import annotations

import base64
import io
import random

import openpyxl
import pytest

from accounts import User
from tests.accounts.conftest import app as app  # noqa: F401  (the fixtures)
from tests.accounts.conftest import sign_in
from tests.accounts.conftest import state as state  # noqa: F401
from tests.pages.test_upload_page import GOOD, PARTNER, _choose, _send, _text
from tests.pages.test_upload_page import upload as upload  # noqa: F401  (the fixture)

WARDS = ["E05015239", "E05015240", "E05015241", "E05015242"]


def _grant(indicator: str) -> None:
    try:
        from sharing import grants
    except ImportError:  # before the fixes: no grants, every partner wrote into every indicator
        return
    grants.grant(PARTNER.organisation, indicator, granted_by="admin")


def _passed(out) -> bool:
    """Whether the file passed validation: step 4 (preview and save) opened."""
    return out[7] is False


def _csv(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def _count_file(values, period="2024", breakdown=None) -> str:
    head = "area_code,area_name,period,value" + (",breakdown" if breakdown is not None else "")
    extra = f",{breakdown}" if breakdown is not None else ""
    return _csv([head, *(f"{c},Ward,{period},{v}{extra}" for c, v in zip(WARDS, values, strict=False))])


def _book(*sheets) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


# Item 3: an unwritable state folder gives a clear message, not an exception (HTTP 500)

def test_item3_upload_with_an_unwritable_state_folder_says_so(upload, monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    choice = _choose(upload)
    monkeypatch.setenv("OBSERVATORY_STATE", str(blocker / "state"))
    out = _send(upload, monkeypatch, choice, GOOD)  # before: NotADirectoryError raised, a 500 in the browser
    assert out[0] is None and "not writable" in _text(out[1])


# Item 4: a line break in the uploaded file's name

HOSTILE_NAME = "rates\r\nSet-Cookie: a=b\n.csv"


def test_item4_a_line_break_in_the_file_name_breaks_no_download(upload, monkeypatch, dash_app):
    from accounts.store import save_user
    from sharing import batches

    save_user("pat", PARTNER.organisation, "partner", "pat-password-123")
    choice = _choose(upload)
    token = _send(upload, monkeypatch, choice, GOOD, filename=HOSTILE_NAME)[0]
    assert "Saved as draft batch" in _text(upload.save(1, None, token, None, choice, "partners", None, 5)[0])
    [batch] = batches.list_batches()
    client = dash_app.server.test_client()
    assert sign_in(client, "pat", "pat-password-123").status_code in (302, 303)
    original = client.get(f"/partner/batches/{batch.batch_id}/original")  # before: 500 (header with a newline)
    assert original.status_code == 200 and original.data == GOOD.encode()
    assert "\n" not in original.headers["Content-Disposition"]
    rows = client.get(f"/partner/batches/{batch.batch_id}/rows.csv").get_data(as_text=True).splitlines()
    head = [line for line in rows if line.startswith("#")]
    assert len(head) == 5 and rows[5].split(",")[0] == "indicator_id"  # before: the # line split in two


# Item 5: a spreadsheet bomb is refused before it is unzipped

def test_item5_a_shared_strings_bomb_is_refused_before_unzipping(upload, monkeypatch):
    from tests.fixtures.bad_uploads import good_long_csv, xlsx_bytes
    from tests.sharing.test_bounded_memory import _with_member

    bomb = _with_member(xlsx_bytes(good_long_csv()), "xl/sharedStrings.xml", 48 << 20)
    assert len(bomb) < 1 << 20  # a small file that unzips to 48 MB of one string
    monkeypatch.setattr(upload, "_trigger", lambda: upload.ID["file"])
    url = "data:application/octet-stream;base64," + base64.b64encode(bomb).decode()
    out = upload.receive_file(url, None, _choose(upload), "bomb.xlsx", None)
    assert not _passed(out) and "unzip" in _text(out[1])  # before: unzipped and read whole into memory


# Item 6: formulas in partner data are exported as text

def test_item6_a_formula_in_a_partners_breakdown_is_text_in_the_rows_csv(upload, monkeypatch, dash_app):
    from accounts.store import save_user
    from sharing import batches

    save_user("pat", PARTNER.organisation, "partner", "pat-password-123")
    values = dict(name="Households in fuel poverty", definition="Households below the line.", unit="count",
                  value_type="count", polarity="low_is_good", theme="housing", publisher="Trafford Council",
                  licence="Open Government Licence v3.0")
    keys = upload.META_KEYS
    choice = upload.use_indicator(1, "new", None, *[values.get(k) for k in keys])[0]
    formula = "=HYPERLINK(A1)"
    out = _send(upload, monkeypatch, choice, _count_file([10, 20, 30, 40], breakdown=formula))
    assert _passed(out), _text(out[1])
    assert "Saved as draft batch" in _text(upload.save(1, None, out[0], None, choice, "partners", None, 5)[0])
    [batch] = batches.list_batches()
    client = dash_app.server.test_client()
    sign_in(client, "pat", "pat-password-123")
    text = client.get(f"/partner/batches/{batch.batch_id}/rows.csv").get_data(as_text=True)
    cells = [c.strip('"') for line in text.splitlines() if not line.startswith("#") for c in line.split(",")]
    assert not [c for c in cells if c.startswith("=")], text  # before: =HYPERLINK(... as it was


# Item 7: the sign-in throttle cannot be raced, and counts per account

def _client(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_item7_thirty_parallel_wrong_passwords_are_not_all_checked(app, monkeypatch):
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    from accounts import routes
    from tests.accounts.conftest import form_token

    checked, lock = [], threading.Lock()
    real = routes.authenticate

    def counting(username, password):
        with lock:
            checked.append(username)
        time.sleep(0.05)  # a password check takes time: the window a race needs
        return real(username, password)

    monkeypatch.setattr("accounts.routes.authenticate", counting)
    monkeypatch.setattr("accounts.routes.time.sleep", lambda s: None)
    clients = [_client(app, "198.51.100.7") for _ in range(30)]
    tokens = [form_token(c) for c in clients]
    start = threading.Barrier(30)

    def attempt(i):
        start.wait()
        return clients[i].post("/login", data={"username": "pat", "password": f"wrong-password-{i:03d}",
                                               "csrf_token": tokens[i], "next": "/partner"}).status_code

    with ThreadPoolExecutor(30) as pool:
        list(pool.map(attempt, range(30)))
    lock_after = app.extensions["accounts_throttle"].lock_after
    assert len(checked) <= lock_after, f"{len(checked)} of 30 parallel guesses were checked"  # before: 30


def test_item7_guesses_at_one_account_from_many_addresses_are_stopped(app, monkeypatch):
    monkeypatch.setattr("accounts.routes.time.sleep", lambda s: None)
    monkeypatch.setattr("accounts.routes.authenticate", lambda username, password: None)
    for i in range(120):  # a guessing botnet: a few guesses each from many addresses
        sign_in(_client(app, f"198.51.{i // 250}.{i % 250 + 1}"), "pat", "wrong-password-000")
    # before: counted per address only, so the 121st guess from a new address was still checked
    assert sign_in(_client(app, "192.0.2.200"), "pat", "wrong-password-000").status_code == 429


# Item 8: a partner cannot change another organisation's intervention

def _fields(**change) -> dict:
    from interventions import parse_fields

    raw = {"title": "Job club", "organisation": "Trafford Council", "service": "Skills", "theme": "economy",
           "areas": "E05000824", "start": "2016-04-01", "end": "", "cost_total": "£180,000", "cost_per_year": "",
           "indicators": "claimant_rate:decrease", "description": "Weekly", "link": "https://example.org/a"}
    fields, errors = parse_fields({**raw, **change})
    assert errors == []
    return fields


def test_item8_a_partner_cannot_edit_or_withdraw_another_organisations_intervention(tmp_path, monkeypatch):
    from interventions import RegisterError
    from interventions.store import Register

    monkeypatch.setenv("OBSERVATORY_EXAMPLES", "0")
    monkeypatch.setenv("OBSERVATORY_STATE", str(tmp_path))
    council, dwp = User("cara", "Trafford Council", "partner"), User("dan", "DWP", "partner")
    from interventions import Catalogue

    cat = Catalogue(indicators=frozenset({"claimant_rate"}), areas=frozenset({"E05000824"}),
                    themes=frozenset({"economy"}))
    reg = Register()
    item = reg.create(_fields(organisation="Trafford Council"), council, cat)
    with pytest.raises(RegisterError):  # before: the edit went through
        reg.edit(item.intervention_id, _fields(organisation="Trafford Council", title="Hijacked"), dwp, cat)
    with pytest.raises(RegisterError):
        reg.delete(item.intervention_id, dwp)
    assert reg.get(item.intervention_id).title == "Job club"


# Item 10: silently accepted values, unclear messages

@pytest.mark.parametrize("period", ["2099", "1066"])
def test_item10_years_out_of_range_are_refused(upload, monkeypatch, period):
    out = _send(upload, monkeypatch, _choose(upload), GOOD.replace("2024", period))
    assert not _passed(out) and "outside the years" in _text(out[1])  # before: Passed


def test_item10_non_whole_counts_are_refused(upload, monkeypatch):
    _grant("population")
    out = _send(upload, monkeypatch, _choose(upload, "population"), _count_file([5.5, 6, 7, 8]))
    assert not _passed(out) and "not a whole number" in _text(out[1])  # before: Passed


def test_item10_a_50000_character_breakdown_is_refused(upload, monkeypatch):
    _grant("population")
    out = _send(upload, monkeypatch, _choose(upload, "population"), _count_file([5, 6, 7, 8], breakdown="x" * 50_000))
    assert not _passed(out) and "50,000 characters" in _text(out[1])  # before: Passed


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_item10_a_utf16_csv_is_read(upload, monkeypatch, encoding):
    out = _send(upload, monkeypatch, _choose(upload), GOOD.encode(encoding))
    assert _passed(out), _text(out[1])  # before: refused as "binary data"


def test_item10_random_bytes_are_not_called_empty(upload, monkeypatch):
    rng = random.Random(19)
    data = bytes(rng.randrange(0, 256) for _ in range(20_000))
    text = _text(_send(upload, monkeypatch, _choose(upload), data)[1])
    assert "empty" not in text and "does not look like a CSV file or a spreadsheet" in text  # before: "empty"


# Real partner files (DEFRA fly-tipping, IMD 2019, ward life expectancy), made in code

def test_real_financial_years_are_read_as_financial_years(upload, monkeypatch):
    _grant("population")
    choice = _choose(upload, "population")
    text = _csv(["area_code,area_name,period,value"] + [f"{c},Ward,{p},{v}" for c in WARDS
                                                       for p, v in (("2010-11", 11), ("2011-12", 12))])
    out = _send(upload, monkeypatch, choice, text)
    assert _passed(out), _text(out[1])
    periods = upload.update_preview("ward_2023", None, 0, out[0], None, choice)[0]
    assert [p["value"] for p in periods] == ["2010/11", "2011/12"]  # before: Nov 2010 and Dec 2011


def test_real_imd_domains_are_not_breakdowns_of_the_imd_score(upload, monkeypatch):
    domains = ["Income", "Employment", "Crime", "Living Environment"]
    text = _csv(["area_code,area_name,period,value,breakdown"] + [f"{c},Ward,2024,{10 + j},{d}" for c in WARDS
                                                                   for j, d in enumerate(domains)])
    out = _send(upload, monkeypatch, _choose(upload), text)
    assert not _passed(out) and "is not a breakdown this indicator has" in _text(out[1])  # before: Passed


def test_real_total_rows_are_said_once_as_total_rows(upload, monkeypatch):
    _grant("population")
    lines = ["Ward code,Ward name,2022,2023"] + [f"{c},Ward,1,2" for c in WARDS]
    lines += ["Total,,4,8", "Trafford total,,4,8"]
    out = _send(upload, monkeypatch, _choose(upload, "population"), _csv(lines))
    text = _text(out[1])
    assert _passed(out) and "total" in text.lower() and "2 rows" in text  # before: an error per cell, refused


def test_real_ons_headers_and_code_name_cells_are_read(upload, monkeypatch):
    _grant("population")
    text = _csv(["wd23cd,period,value"] + [f"{c} - Ward name,2024,5" for c in WARDS])
    out = _send(upload, monkeypatch, _choose(upload, "population"), text)
    assert _passed(out), _text(out[1])  # before: 'wd23cd' not recognised, a generic tip


def test_real_title_rows_above_the_header_are_skipped(upload, monkeypatch):
    _grant("population")
    data = _book(("Notes", [["About this workbook"], ["See the data sheet."]]),
                 ("Wards", [["Table 1: population by ward"], ["Source: a partner"], [],
                            ["area_code", "area_name", "period", "value"],
                            *[[c, "Ward", "2024", 5] for c in WARDS]]))
    monkeypatch.setattr(upload, "_trigger", lambda: upload.ID["file"])
    url = "data:application/octet-stream;base64," + base64.b64encode(data).decode()
    out = upload.receive_file(url, "Wards", _choose(upload, "population"), "flytipping.xlsx", None)
    assert _passed(out) and "Row 4 of sheet 'Wards'" in _text(out[1])  # before: "No recognisable columns"
