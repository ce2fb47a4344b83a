"""/api/v1/interventions and /api/v1/impact on the real store: windows, refusals, bounds, cost, verdict, errors."""

from datetime import date

import pytest

from analysis.impact_windows import add_months
from tests.api.conftest import fresh_client

FORBIDDEN = ("HAC", "maxlags", "XmR", "p =")


@pytest.fixture()
def api(dash_app, real_store, tmp_path, monkeypatch):
    """The API's test client on the real store with the shipped examples and an empty register."""
    monkeypatch.setenv("OBSERVATORY_STORE", str(real_store))
    monkeypatch.setenv("OBSERVATORY_STATE", str(tmp_path))
    monkeypatch.setenv("OBSERVATORY_EXAMPLES", "1")
    yield from fresh_client(dash_app)


def _examples(api) -> list[dict]:
    body = api.get("/api/v1/interventions").get_json()
    return [i for i in body["interventions"] if i["example"]]


def test_the_register_lists_the_examples_labelled(api):
    items = _examples(api)
    assert len(items) >= 4
    assert all(i["title"] and i["areas"] and i["indicators"] and i["start"] for i in items)
    assert "illustrative" in api.get("/api/v1/interventions").get_json()["note"]
    assert api.get("/api/v1/interventions?format=csv").data.decode().count("example-") >= 4


def test_every_example_keeps_its_windows_bounds_and_plain_verdict(api):
    for item in _examples(api):
        for indicator in item["indicators"]:
            r = api.get(f"/api/v1/impact?intervention={item['id']}&indicator={indicator}")
            assert r.status_code == 200, r.get_json()
            rec = r.get_json()
            verdict = rec["verdict"]
            assert 1 <= verdict.count(". ") + 1 <= 2 and not any(w in verdict for w in FORBIDDEN), verdict
            windows = {w["window"]: w for w in rec["windows"]}
            if item["end"]:
                limit = add_months(date.fromisoformat(item["end"]), rec["follow_up_months"])
                assert date.fromisoformat(windows["after"]["last_day"]) <= limit
            else:
                assert "after" not in windows
            if rec["indicator"]["lowest_possible"] == 0:
                for m in rec["methods"]:
                    for key in ("before_lower", "after_lower"):
                        assert m.get(key) is None or m[key] >= 0, (item["id"], m["method"], key)
                    assert all(p["value"] >= 0 for p in m.get("projection", []))
                    assert all(p["lower"] >= 0 for p in m.get("limits", []))


def test_the_20mph_example_gets_no_interrupted_time_series_and_says_why(api):
    rec = api.get("/api/v1/impact?intervention=example-stretford-20mph").get_json()
    its = next(m for m in rec["methods"] if m["method"] == "interrupted_time_series")
    assert its["ok"] is False and its["estimate"] is None
    assert "Needs at least 12 points before the start" in its["reason"] and "Wagner" in its["reason"]


def test_an_example_gives_a_cost_per_outcome_in_pounds_with_an_interval(api):
    rec = api.get("/api/v1/impact?intervention=example-bucklow-job-club&indicator=claimant_count").get_json()
    cost = rec["cost_per_outcome"]
    assert cost["ok"] and cost["currency"] == "GBP"
    assert cost["per_person_lower"] < cost["per_person"] < cost["per_person_upper"]
    assert cost["person_label"].startswith("£") and "95% interval £" in cost["person_label"]


def test_the_follow_up_moves_the_after_window(api):
    rec = api.get("/api/v1/impact?intervention=example-bucklow-job-club&follow_up=6").get_json()
    after = next(w for w in rec["windows"] if w["window"] == "after")
    assert after["last_day"] == "2017-09-30" and rec["follow_up_months"] == 6


def test_the_csv_holds_the_same_result(api):
    rec = api.get("/api/v1/impact?intervention=example-bucklow-job-club&indicator=claimant_count").get_json()
    r = api.get("/api/v1/impact?intervention=example-bucklow-job-club&indicator=claimant_count&format=csv")
    text = r.data.decode()
    assert r.mimetype == "text/csv" and "attachment" in r.headers["Content-Disposition"]
    assert rec["verdict"] in text and "cost_per_outcome,per person" in text and "window,after" in text
    for m in rec["methods"]:
        assert f"method,{m['method']}" in text


@pytest.mark.parametrize(("query", "status", "fragment"), [
    # well formed but naming nothing there: 404, as elsewhere in the API (schemathesis: schema-valid, not 400)
    ("intervention=nope", 404, "no intervention"),
    ("intervention=example-bucklow-job-club&indicator=obesity", 404, "not one this intervention"),
    ("intervention=example-bucklow-job-club&area=E08000009", 404, "not an area this intervention covers"),
    ("intervention=example-bucklow-job-club&comparators=E08000009", 404, "not areas of the same level"),
    # malformed: 400
    ("", 400, "intervention is required"),
    ("intervention=example-bucklow-job-club&area=DROP", 400, "not an area code"),
    ("intervention=example-bucklow-job-club&follow_up=0", 400, "between 1 and 60"),
    ("intervention=example-bucklow-job-club&colour=red", 400, "Unknown parameter"),
])
def test_a_name_the_register_or_store_lacks_is_a_json_404_and_a_bad_parameter_a_400(api, query, status, fragment):
    r = api.get(f"/api/v1/impact?{query}")
    assert r.status_code == status and r.is_json and fragment in r.get_json()["error"]
