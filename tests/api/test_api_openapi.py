"""Property-based tests of the API against its own OpenAPI document, with schemathesis (positive and negative cases).

Every generated request must get a documented status with a documented content type and a body matching the
documented schema; schema-valid requests must not be refused as malformed (400), schema-invalid ones must be
refused with a 4xx, and nothing may be a server error.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.generation import GenerationMode

# /impact is left out: a schema-valid id need not be in the register (tests/api/test_api_impact.py checks it)
OPERATIONS = ["/", "/openapi.json", "/indicators", "/indicators/{indicator_id}", "/areas", "/areas/{code}", "/data",
              "/downloads/{indicator_id}.csv", "/downloads/{indicator_id}.parquet", "/downloads/observatory.zip",
              "/interventions"]


@pytest.fixture()
def api_schema(dash_app, seeded_store, tmp_path, monkeypatch):
    """The API's own OpenAPI document, loaded through the app (WSGI, no network)."""
    from routes.api import CACHE

    monkeypatch.setenv("OBSERVATORY_EXPORTS", str(tmp_path))  # the whole-store zip is built here
    CACHE.clear()
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", dash_app.server)


# schemathesis's pytest integration (`from_fixture(...).parametrize()`) reads a node attribute pytest 9 no longer
# has, so each operation's cases are drawn from schemathesis's own strategies inside a plain hypothesis test.
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("path", OPERATIONS)
def test_api_conforms_to_its_openapi_document(api_schema, path, mode):
    operation = api_schema[path]["GET"]
    if mode == GenerationMode.NEGATIVE and not operation.definition.raw.get("parameters"):
        pytest.skip("no parameters to make invalid")

    @settings(max_examples=20 if mode == GenerationMode.POSITIVE else 15, deadline=None, derandomize=True,
              suppress_health_check=list(HealthCheck), database=None)
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case):
        # identity: the WSGI transport hands schemathesis the body as sent, and gzip is tested elsewhere
        case.call_and_validate(headers={"Accept-Encoding": "identity"})

    check()


def test_openapi_document_describes_every_endpoint(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    assert set(doc["paths"]) == {"/", "/openapi.json", "/indicators", "/indicators/{indicator_id}", "/areas",
                                 "/areas/{code}", "/data", "/downloads/{indicator_id}.csv",
                                 "/downloads/{indicator_id}.parquet", "/downloads/observatory.zip",
                                 "/interventions", "/impact"}
    data = {p["name"]: p for p in doc["paths"]["/data"]["get"]["parameters"]}
    assert data["indicator"]["required"] and data["indicator"]["schema"]["enum"] == ["green_space", "population",
                                                                                    "smoking"]
    assert data["page_size"]["schema"]["maximum"] == 10_000
    assert {"from", "to", "areas", "period", "level", "breakdown", "format", "page"} <= set(data)

