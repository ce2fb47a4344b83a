"""Every indicator that can speak in the summary of need has plain words, and they fit the figure they carry."""

import re

import pytest

from data.ingest.catalog import CATALOG_DIR, CatalogError, load_catalog, plain_ok

CATALOG = load_catalog([p.stem for p in sorted(CATALOG_DIR.glob("*.yaml"))])


def test_every_indicator_with_a_direction_has_plain_words():
    missing = [i for i, m in CATALOG.items()
               if m["polarity"] != "no_judgement" and m["value_type"] != "count" and not m.get("plain")]
    assert missing == []


@pytest.mark.parametrize("ind", sorted(i for i, m in CATALOG.items() if m.get("plain")))
def test_plain_words_fit_the_figure(ind):
    m = CATALOG[ind]
    plain = m["plain"]
    assert plain_ok(plain) and plain == plain.strip() and not plain.endswith(".")
    assert not plain.endswith(")")  # the summary adds '(Census 2021)': never two brackets side by side
    assert not re.search(r"\b(in|from) (?:19|20)\d\d\b", plain)  # no period: the summary says when
    if m["value_type"] == "percentage":
        assert "{value} of " in plain  # '47.4% of <whom> ...'
    unit = str(m["unit"])
    if unit.startswith("per "):  # a rate says its own 'for every 1,000 ...' around the bare number
        assert "{number}" in plain and unit.split()[1] in plain


@pytest.mark.parametrize("bad", ["no slot", "{value} and {number}", "{value} of {whom}", "{value"])
def test_malformed_plain_words_are_refused(tmp_path, bad):
    (tmp_path / "x.yaml").write_text(
        "- id: x\n  name: X\n  plain: \"" + bad + "\"\n  theme: health\n  definition: d\n  unit: '%'\n"
        "  value_type: percentage\n  polarity: low_is_good\n  ci_method: none\n  publisher: p\n  licence: l\n")
    with pytest.raises(CatalogError, match="plain"):
        load_catalog(["x"], tmp_path)
