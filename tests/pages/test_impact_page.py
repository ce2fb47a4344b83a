"""/impact's layout for typical and hostile URLs, its callbacks as plain functions, and writes refused unless signed in."""

import json
from contextvars import copy_context

import pytest
from dash._callback_context import context_value
from dash._utils import AttributeDict


@pytest.fixture()
def impact(dash_app, real_store, tmp_path, monkeypatch):
    """The page on the real store with an empty register in a fresh state folder."""
    from queries import db

    monkeypatch.setenv("OBSERVATORY_STORE", str(real_store))
    monkeypatch.setenv("OBSERVATORY_STATE", str(tmp_path))
    monkeypatch.setenv("OBSERVATORY_EXAMPLES", "1")
    db.reset()
    import pages.impact as impact

    yield impact
    db.reset()


def _text(component) -> str:
    from plotly.utils import PlotlyJSONEncoder

    return json.dumps(component, cls=PlotlyJSONEncoder)


def _triggered(prop_id: str, fn, *args, value=1):
    def run():
        context_value.set(AttributeDict(triggered_inputs=[{"prop_id": prop_id, "value": value}]))
        return fn(*args)
    return copy_context().run(run)


def test_layout_with_no_arguments_shows_the_register_examples_and_an_analysis(impact):
    text = _text(impact.layout())
    for words in ("The intervention register", "Example", "Bucklow-St Martins job club", "interrupted time series",
                  "What the figures say", "How this was worked out",
                  "Association, not proof", "Sign in to add or edit", "/login?next=/impact",
                  "Open Government Licence"):
        assert words in text, words
    assert "impact-save" not in text  # no form for visitors


def test_a_shared_url_reopens_the_same_analysis(impact):
    text = _text(impact.layout(intervention="example-trafford-works", indicator="universal_credit_rate",
                               area="E08000009", comparators="E08000007,E08000029"))
    assert "People on Universal Credit" in text and "Trafford Works" in text
    assert '"value": ["E08000007", "E08000029"]' in text
    assert "Comparators chosen by hand" in text


def test_hostile_urls_give_notices_not_errors(impact):
    text = _text(impact.layout(intervention="<script>alert(1)</script>", indicator="x' OR 1=1 --",
                               area="DROP TABLE", comparators="E0;1,E08000007", theme="nope"))
    for words in ("No intervention", "Unknown area code", "Ignored comparator codes", "Unknown theme"):
        assert words in text, words


def test_a_too_short_series_shows_the_models_message(impact):
    text = _text(impact.layout(intervention="example-stretford-20mph"))
    assert "Needs at least 12 points before the start" in text  # ITS and SPC refuse 3 annual points before
    assert "Wagner" in text


def test_changing_the_intervention_resets_indicator_area_and_comparators(impact):
    out = _triggered("impact-intervention.value", impact.update_analysis, "example-stop-smoking-relaunch",
                     "claimant_rate", "E05000824", ["E08000007"])
    ind_options, indicator, area_options, area, comp_options, comps, view, history, query = out
    assert indicator == "smoking_prevalence_adults" and area == "E08000009"
    assert len(comps) == 5 and "E08000009" not in comps  # the similar areas, never itself
    assert "intervention=example-stop-smoking-relaunch" in query and "comparators" not in query
    assert "Shipped example" in _text(history)


def test_comparators_chosen_by_hand_are_kept_and_put_in_the_url(impact):
    out = _triggered("impact-comparators.value", impact.update_analysis, "example-trafford-works", "claimant_rate",
                     "E08000009", ["E08000007", "E08000008"])
    assert out[5] == ["E08000007", "E08000008"] and "comparators=E08000007%2CE08000008" in out[8]


def test_writes_are_refused_without_a_signed_in_partner(impact, dash_app):
    import pages._impact_register as reg

    values = [None] * len(reg.FORM_FIELDS)
    with dash_app.server.test_request_context("/_dash-update-component", method="POST"):
        out = _triggered("impact-save.n_clicks", reg.form_action, 1, 0, [], None, *values, None, 0)
        assert "Only signed-in partners" in _text(out[-2])
        status, version = _triggered("impact-upload.contents", reg.import_csv, "data:text/csv;base64,eA==", "x.csv", 0)
        assert "Only signed-in partners" in _text(status)
    from interventions import register

    assert register().current(include_examples=False) == []


def _Partner():
    """A signed-in partner (the real User, so the page's checks read what they read in the app)."""
    from accounts.models import User

    return User("pat", "Trafford CVS", "partner")


def test_a_partner_adds_edits_and_withdraws_through_the_form(impact, monkeypatch):
    import pages._impact_register as reg
    from interventions import register

    monkeypatch.setattr(reg, "_editor", lambda: _Partner())
    values = ["Warm homes", "Trafford CVS", "", "housing", ["E05000824"], "2020-01-01", None, 5000, None,
              [], ["epc_rated_a_to_c"], "Insulation", "https://example.org"]
    out = _triggered("impact-save.n_clicks", reg.form_action, 1, 0, [], None, *values, None, 0)
    assert "Added" in _text(out[-2]) and out[-1] == 1
    (item,) = register().current(include_examples=False)
    assert item.changed_by == "pat (Trafford CVS)" and item.directions == ("increase",)
    loaded = _triggered(json.dumps({"index": item.intervention_id, "type": "impact-edit"}, separators=(",", ":"))
                        + ".n_clicks", reg.form_action, 0, 0, [1], None, *[None] * 13, None, 1)
    assert loaded[0] == "Warm homes" and loaded[13] == {"id": item.intervention_id, "version": 1}
    values[0] = "Warm homes grants"
    out = _triggered("impact-save.n_clicks", reg.form_action, 2, 0, [1], None, *values, loaded[13], 1)
    assert "Saved version 2" in _text(out[-2])
    out = _triggered("impact-confirm.submit_n_clicks", reg.form_action, 2, 0, [1], 1, *values,
                     {"id": item.intervention_id, "version": 2}, 2)
    assert "Withdrawn" in _text(out[-2])
    assert [r["action"] for r in register().history(item.intervention_id)] == ["create", "edit", "delete"]


def _OtherPartner():
    from accounts.models import User

    return User("dan", "DWP", "partner")


def test_a_partner_cannot_withdraw_or_edit_another_organisations_intervention(impact, monkeypatch):
    """Issue 19 item 8, through the form: the register refuses, the page says why, nothing changes."""
    import pages._impact_register as reg
    from interventions import register

    monkeypatch.setattr(reg, "_editor", lambda: _Partner())
    values = ["Warm homes", "", "", "housing", ["E05000824"], "2020-01-01", None, 5000, None,
              [], ["epc_rated_a_to_c"], "Insulation", "https://example.org"]
    _triggered("impact-save.n_clicks", reg.form_action, 1, 0, [], None, *values, None, 0)
    (item,) = register().current(include_examples=False)
    assert item.organisation == "Trafford CVS"  # left empty: the partner's own
    monkeypatch.setattr(reg, "_editor", lambda: _OtherPartner())
    target = {"id": item.intervention_id, "version": 1}
    out = _triggered("impact-confirm.submit_n_clicks", reg.form_action, 0, 0, [], 1, *values, target, 1)
    assert "only Trafford CVS" in _text(out[-2])
    out = _triggered("impact-save.n_clicks", reg.form_action, 2, 0, [], None, *values, target, 1)
    assert "only Trafford CVS" in _text(out[-2])
    assert register().get(item.intervention_id).version == 1


def test_a_bad_form_lists_every_problem_and_saves_nothing(impact, monkeypatch):
    import pages._impact_register as reg
    from interventions import register

    monkeypatch.setattr(reg, "_editor", lambda: _Partner())
    values = ["", "", "", None, [], "", None, -5, None, [], [], "", "ftp://x"]
    out = _triggered("impact-save.n_clicks", reg.form_action, 1, 0, [], None, *values, None, 0)
    text = _text(out[-2])
    for words in ("Title is required", "Theme is required", "at least one area", "Start date is required",
                  "between", "web address"):
        assert words in text, words
    assert register().current(include_examples=False) == []


def test_csv_import_through_the_upload_all_or_nothing(impact, monkeypatch):
    import base64

    import pages._impact_register as reg
    from interventions import register

    monkeypatch.setattr(reg, "_editor", lambda: _Partner())
    head = "title,organisation,theme,areas,start,indicators\n"
    bad = head + ("A,Trafford CVS,economy,E05000824,2016-04-01,claimant_rate:decrease\n"
                  "B,Trafford CVS,economy,E0,2016,claimant_rate\n")
    status, version = reg.import_csv("data:text/csv;base64," + base64.b64encode(bad.encode()).decode(), "b.csv", 0)
    assert "Nothing was imported" in _text(status) and "Row 3:" in _text(status)
    assert register().current(include_examples=False) == []
    good = head + "A,Trafford CVS,economy,E05000824,2016-04-01,claimant_rate:decrease\n"
    status, version = reg.import_csv("data:text/csv;base64," + base64.b64encode(good.encode()).decode(), "g.csv", 0)
    assert "Imported 1 new" in _text(status) and version == 1
    status, _ = reg.import_csv("data:text/csv;base64,!!!notbase64", "x.csv", 0)
    assert "could not be read" in _text(status)


def test_the_export_download_has_source_lines(impact):
    import pages._impact_register as reg

    sent = reg.download_register(1)
    assert sent["filename"] == "trafford-interventions.csv" and sent["content"].startswith("# Trafford Data")


def test_the_theme_filter_narrows_the_table_and_goes_into_the_url(impact):
    import pages._impact_register as reg

    table, query = reg.refresh_table("health", 0, "intervention=example-trafford-works&theme=economy")
    text = _text(table)
    assert "stop-smoking" in text and "Trafford Works" not in text
    assert query == "theme=health&intervention=example-trafford-works"
    assert reg.refresh_table(None, 0, "theme=health")[1] == ""


def test_a_refused_cost_says_which_change_it_was_set_against(impact):
    # the default example: its before-and-after change is significant, the comparison with similar wards is not
    text = _text(impact.layout())
    assert "set against the change against the comparators, the change is not" in text


def test_a_significant_change_against_the_comparators_gets_a_cost_per_person_with_its_interval(impact):
    text = _text(impact.layout(intervention="example-bucklow-job-club", indicator="claimant_count"))
    assert "per person (95% interval \\u00a37,060" in text and "per unit (95% interval" in text


def test_the_verdict_comes_first_in_plain_words_and_the_caveat_once(impact):
    text = _text(impact.layout(intervention="example-bucklow-job-club", indicator="claimant_rate"))
    assert text.index("What the figures say") < text.index("How this was worked out")
    start = text.index("impact-verdict")
    said = text[start - 600:start]
    assert "Bucklow-St Martins" in said and "similar wards" in said
    for word in ("HAC", "maxlags", "XmR", "p ="):
        assert word not in said
    assert text.count("Association, not proof") == 1


def test_the_follow_up_is_in_the_url_and_bounds_the_windows(impact):
    text = _text(impact.layout(intervention="example-bucklow-job-club", follow_up="6"))
    assert "30 Sep 2017" in text and "follow_up=6" in text
    assert "not one of" in _text(impact.layout(intervention="example-bucklow-job-club", follow_up="99"))


def test_the_result_downloads_as_csv_with_the_verdict_and_methods(impact):
    sent = impact.download_result(1, "example-bucklow-job-club", "claimant_count", "E05000824", None, 12)
    assert sent["filename"] == "impact-example-bucklow-job-club-claimant_count-E05000824.csv"
    text = sent["content"]
    assert text.startswith("# Trafford Data Observatory") and '"verdict"' in text and "per person" in text
    assert '"window","after"' in text
