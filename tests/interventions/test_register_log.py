"""The register's append-only log: every create, edit and delete a new version row in the state database; the
current register derived from it."""

from datetime import date

import pytest

from interventions import Catalogue, RegisterError, parse_fields
from interventions.store import Register
from statedb import read, sql

CAT = Catalogue(indicators=frozenset({"claimant_rate", "smoking"}), areas=frozenset({"E05000824", "E08000009"}),
                themes=frozenset({"economy", "health"}))


def _fields(**change) -> dict:
    raw = {"title": "Job club", "organisation": "Trafford Council", "service": "Skills", "theme": "economy",
           "areas": "E05000824", "start": "2016-04-01", "end": "", "cost_total": "£180,000", "cost_per_year": "",
           "indicators": "claimant_rate:decrease", "description": "Weekly", "link": "https://example.org/a"}
    fields, errors = parse_fields({**raw, **change})
    assert errors == []
    return fields


@pytest.fixture()
def reg(tmp_path, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_EXAMPLES", "0")
    monkeypatch.setenv("OBSERVATORY_STATE", str(tmp_path))
    return Register()


def test_create_edit_delete_keep_every_version_with_who_and_when(reg):
    item = reg.create(_fields(), "alice (Trafford)", CAT)
    assert item.version == 1 and item.cost_total == 180000 and item.start == date(2016, 4, 1)
    edited = reg.edit(item.intervention_id, _fields(title="Job club and hub"), "bob (DWP)", CAT, expected_version=1)
    assert edited.version == 2 and edited.title == "Job club and hub"
    reg.delete(item.intervention_id, "alice (Trafford)", expected_version=2)
    assert reg.current() == []
    log = reg.history(item.intervention_id)
    assert [(r["version"], r["action"], r["changed_by"]) for r in log] == [
        (1, "create", "alice (Trafford)"), (2, "edit", "bob (DWP)"), (3, "delete", "alice (Trafford)")]
    assert [r["title"] for r in log] == ["Job club", "Job club and hub", "Job club and hub"]  # nothing overwritten
    assert all(r["changed_at"].endswith("Z") for r in log)
    assert {"intervention_id", "version", "action", "changed_by", "changed_at", "areas", "indicators"} <= set(log[0])
    assert read(sql("interventions.count"))[0][0] == 3


def test_invalid_fields_are_refused_with_every_reason_and_nothing_written(reg):
    fields, errors = parse_fields({"title": "", "start": "01/04/2016", "areas": "E0XXXX", "indicators": "nope:up",
                                   "cost_total": "lots", "link": "javascript:alert(1)"})
    assert any("not a date" in e for e in errors) and any("money" in e for e in errors)
    with pytest.raises(RegisterError) as err:
        reg.create(fields, "alice", CAT)
    text = " ".join(err.value.errors)
    for words in ("Title is required", "Unknown area codes", "Unknown indicators", "direction", "link"):
        assert words in text
    assert read(sql("interventions.count"))[0][0] == 0


def test_end_before_start_and_unknown_theme_are_refused(reg):
    with pytest.raises(RegisterError, match="end date is before"):
        reg.create(_fields(end="2015-01-01"), "alice", CAT)
    with pytest.raises(RegisterError, match="Unknown theme"):
        reg.create(_fields(theme="<script>"), "alice", CAT)


def test_a_stale_edit_is_refused_rather_than_overwriting(reg):
    item = reg.create(_fields(), "alice", CAT)
    reg.edit(item.intervention_id, _fields(title="B"), "bob", CAT, expected_version=1)
    with pytest.raises(RegisterError, match="Someone else changed"):
        reg.edit(item.intervention_id, _fields(title="C"), "carol", CAT, expected_version=1)
    assert reg.get(item.intervention_id).title == "B"


def test_unknown_or_withdrawn_or_example_ids_cannot_be_edited(reg):
    with pytest.raises(RegisterError, match="No intervention"):
        reg.edit("iv-nope", _fields(), "alice", CAT)
    with pytest.raises(RegisterError, match="examples cannot be changed"):
        reg.delete("example-trafford-works", "alice")
    item = reg.create(_fields(), "alice", CAT)
    reg.delete(item.intervention_id, "alice")
    with pytest.raises(RegisterError, match="No intervention"):
        reg.delete(item.intervention_id, "alice")


def test_the_cache_follows_the_database(reg):
    reg.create(_fields(), "alice", CAT)
    other = Register()  # another process's view of the same database
    assert len(other.current()) == 1
    reg.create(_fields(title="Second"), "alice", CAT)
    assert sorted(i.title for i in other.current()) == ["Job club", "Second"]


def test_examples_are_marked_and_switched_off_by_the_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_STATE", str(tmp_path))
    reg = Register()
    monkeypatch.setenv("OBSERVATORY_EXAMPLES", "1")
    shown = reg.current()
    assert len(shown) >= 3 and all(i.example and i.label.startswith("Example: ") for i in shown)
    assert reg.history(shown[0].intervention_id)[0]["action"] == "shipped"
    monkeypatch.setenv("OBSERVATORY_EXAMPLES", "0")
    assert reg.current() == []


def test_import_is_all_or_nothing(reg):
    good = {**_fields(), "intervention_id": ""}
    bad = {**_fields(), "areas": ["E09999999"], "intervention_id": ""}
    with pytest.raises(RegisterError, match="Nothing was imported"):
        reg.import_rows([good, bad], "alice", CAT)
    assert reg.current() == []
    assert reg.import_rows([good, good], "alice", CAT) == (2, 0)
    first = reg.current()[0]
    assert reg.import_rows([{**_fields(title="Renamed"), "intervention_id": first.intervention_id}], "bob", CAT) == (0, 1)
    assert reg.get(first.intervention_id).version == 2
