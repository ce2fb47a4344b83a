"""Issue 19 item 8: writes to the register follow the batches' ownership rules. A partner adds, edits and withdraws
only their own organisation's interventions; an administrator any; a viewer none."""

from __future__ import annotations

import pytest

from accounts.models import User
from interventions import RegisterError
from interventions.store import Register
from tests.interventions.test_register_log import CAT, _fields

COUNCIL = User("cara", "Trafford Council", "partner")
DWP = User("dan", "DWP", "partner")
ADMIN = User("ada", "Trafford Data Observatory", "admin")
VIEWER = User("vic", "Trafford Council", "viewer")
pytestmark = pytest.mark.usefixtures("state_db")  # on SQLite and on PostgreSQL


@pytest.fixture()
def reg(tmp_path, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_EXAMPLES", "0")
    monkeypatch.setenv("OBSERVATORY_STATE", str(tmp_path))
    return Register()


def test_a_partner_cannot_edit_or_withdraw_another_organisations_intervention(reg):
    item = reg.create(_fields(organisation="Trafford Council"), COUNCIL, CAT)
    with pytest.raises(RegisterError, match="only Trafford Council"):
        reg.edit(item.intervention_id, _fields(organisation="Trafford Council", title="Hijacked"), DWP, CAT)
    with pytest.raises(RegisterError, match="only Trafford Council"):
        reg.delete(item.intervention_id, DWP)
    with pytest.raises(RegisterError, match="only Trafford Council"):  # nor by importing a CSV naming its id
        reg.import_rows([{**_fields(organisation="DWP"), "intervention_id": item.intervention_id}], DWP, CAT)
    assert reg.get(item.intervention_id).title == "Job club" and reg.get(item.intervention_id).version == 1


def test_a_partner_writes_only_in_their_own_organisations_name(reg):
    with pytest.raises(RegisterError, match="your own organisation"):
        reg.create(_fields(organisation="Trafford Council"), DWP, CAT)
    item = reg.create(_fields(organisation="Trafford Council"), COUNCIL, CAT)
    with pytest.raises(RegisterError, match="your own organisation"):  # nor hand it to another organisation
        reg.edit(item.intervention_id, _fields(organisation="DWP"), COUNCIL, CAT)
    assert reg.get(item.intervention_id).organisation == "Trafford Council"


def test_own_organisation_and_admins_may_change_it(reg):
    item = reg.create(_fields(organisation="Trafford Council"), COUNCIL, CAT)
    edited = reg.edit(item.intervention_id, _fields(organisation="Trafford Council", title="Job hub"), COUNCIL, CAT,
                      expected_version=1)
    assert edited.version == 2 and edited.changed_by == "cara (Trafford Council)"
    assert reg.edit(item.intervention_id, _fields(organisation="DWP"), ADMIN, CAT).organisation == "DWP"
    reg.delete(item.intervention_id, ADMIN)
    assert reg.current() == []


def test_a_viewer_writes_nothing(reg):
    with pytest.raises(RegisterError, match="may not change the register"):
        reg.create(_fields(organisation="Trafford Council"), VIEWER, CAT)
