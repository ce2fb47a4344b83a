"""Headline cards name a licence by its short name and keep the full wording in reach."""

from components.licence import short_licence


def test_short_names():
    assert short_licence("Open Government Licence v3.0") == "OGL v3.0"
    assert short_licence("Open Government Licence v3.0.") == "OGL v3.0"
    long = ("Open Government Licence v3.0; some rows: Open Government Licence v3.0 at source (official statistics); "
            "the copy used here states no data licence")
    assert short_licence(long) == "OGL v3.0 (see note)"
    assert short_licence('OS Free to Use Data licence (attribution "Contains OS data")') == "OS Free to Use Data (see note)"
    assert short_licence("Not stated (compiled by a lab)") == "Licence not stated"
    assert short_licence(None) == "Licence not stated" and short_licence("CC BY 4.0") == "CC BY 4.0"


def test_card_shows_the_short_name_with_the_full_text_as_its_title():
    from components.headlines import headline_card

    long = "Open Government Licence v3.0; some rows: a copy with no licence file"
    card = headline_card({"name": "Claimant rate", "value": 3.0, "lower": None, "upper": None, "unit": "%",
                          "value_type": "proportion", "period": "Mar 2026", "england_value": 4.1,
                          "judgement": "better", "explanation": "x", "publisher": "DWP", "licence": long,
                          "href": "/explore", "data_href": "/data/claimant_rate"})
    source = card.children.children[-1]
    link = source.children[1]
    assert source.children[0].startswith("Source: DWP.") and link.children == "OGL v3.0 (see note)"
    assert link.title == long and link.href == "/data/claimant_rate"
