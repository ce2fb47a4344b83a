"""Signed-in partners save named custom areas: listed for their organisation, never changed under a link."""

import pytest

from accounts.models import User
from tests.fixtures.custom_store import LSOAS


@pytest.fixture()
def state(tmp_path, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_STATE", str(tmp_path))
    return tmp_path


def test_saving_again_with_other_lsoas_is_a_new_version_and_the_first_is_unchanged(state):
    from sharing import saved_areas

    pat = User("pat", "Trafford Housing Trust", "partner")
    first = saved_areas.save_area(pat, LSOAS[:2], "Estates")
    assert saved_areas.save_area(pat, LSOAS[:2], "Estates") == first  # the same area: the same record
    second = saved_areas.save_area(pat, LSOAS[:3], "Estates")
    assert (first["version"], second["version"]) == (1, 2) and first["id"] != second["id"]
    listed = saved_areas.saved_areas(User("viv", "Trafford Housing Trust", "viewer"))
    assert {a["id"] for a in listed} == {first["id"], second["id"]}
    assert next(a for a in listed if a["id"] == first["id"])["lsoa"] == LSOAS[:2]
    assert saved_areas.saved_areas(User("o", "Other group", "partner")) == []
    assert saved_areas.saved_areas(None) == []


def test_visitors_and_viewers_cannot_save(state):
    from sharing import saved_areas

    for user in (None, User("viv", "Trafford Housing Trust", "viewer")):
        with pytest.raises(PermissionError):
            saved_areas.save_area(user, LSOAS[:2], "Estates")
