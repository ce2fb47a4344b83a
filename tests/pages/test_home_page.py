"""The home page as a way in: "Find your area" first, the wards as a map and as links, then the headlines."""



def _text(component) -> str:
    return repr(component)  # nested components print with their props


def test_home_opens_with_find_your_area_then_wards_then_headlines(dash_app, seeded_store):
    import dash

    page = dash.page_registry["pages.home"]["layout"]()
    text = _text(page)
    find, wards, glance = (text.index(s) for s in ("Find your area", "home-ward-map", "Trafford at a glance"))
    assert find < wards < glance
    for code in ("E05015239", "E05015240", "E05015241", "E05015242"):  # every ward a link to its profile
        assert f"'/area/{code}'" in text
    assert "'/data'" in text and "catalogue-table" not in text  # the catalogue lives on /data
    assert "id='home-search'" in text


def test_home_search_goes_where_the_navbar_search_goes(dash_app, seeded_store):
    import dash

    from pages import _search

    assert _search.home_go(1, "broad") == "/area/E05015242"
    assert _search.home_go(1, "zzzz") is dash.no_update
    assert "Broadheath" in _text(dash.html.Div(_search.home_results("broad")))
