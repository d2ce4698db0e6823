"""Schema fuzzing: schemathesis drives every operation of the service's own /openapi.json, in process.

Each operation gets FUZZ_EXAMPLES generated requests (valid and invalid ones) with a write key
and as many without one. Every answer must be below 500, conform to the documented schema and
status codes, carry the contract's error shape when it is an error, and a refused request must
leave the claim base as it was. The number of requests sent is printed at the end of the module
(run with -s to see it) and written to /tmp/claimcheck-fuzz-requests.json.
"""
import json
import os
import tempfile
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from service import create_app
from tests.conftest import KEY
from tests.security.conftest import POSTGRES_URL, empty_postgres

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))
SENT: Counter = Counter()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def fuzz_app(request, tmp_path_factory, warm_encoder):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'claims.db'}"
    else:
        if not POSTGRES_URL:
            pytest.skip("no PostgreSQL: set CLAIMCHECK_FUZZ_POSTGRES_URL or CLAIMCHECK_TEST_POSTGRES_URL")
        empty_postgres(POSTGRES_URL)
        url = POSTGRES_URL
    app = create_app({"TESTING": False, "DATABASE_URL": url, "API_KEYS": [KEY], "SEED": False})
    app.config["FUZZ_EXAMPLES"] = EXAMPLES if request.param == "sqlite" else max(10, EXAMPLES // 4)
    client = app.test_client()
    # A few stored claims, so reads, searches and checks have something to find and relate.
    for text in ("Die Polizei sagt, 100 Menschen seien in Berlin gewesen.",
                 "The US says 10,000 North Korean troops are in Russia.",
                 "Laut Ukraine sind 12.000 nordkoreanische Soldaten in Russland."):
        assert client.post("/v1/claims", json={"text": text}, headers={"X-API-Key": KEY}).status_code == 201
    yield app
    app.extensions["claimcheck.repo"].engine.dispose()
    report = {"requests": sum(SENT.values()), "per_operation": dict(sorted(SENT.items()))}
    print("\nschema fuzzing:", json.dumps(report))
    with open("/tmp/claimcheck-fuzz-requests.json", "w") as out:
        json.dump(report, out)


@pytest.fixture(scope="module")
def api_schema(fuzz_app):
    return schemathesis.openapi.from_wsgi("/openapi.json", fuzz_app)


def _operations() -> list[str]:
    """Every operation of the OpenAPI document, read at collection time so a new route is fuzzed too."""
    with tempfile.TemporaryDirectory() as scratch:
        app = create_app({"DATABASE_URL": f"sqlite:///{scratch}/spec.db", "API_KEYS": [KEY], "SEED": False})
        paths = app.test_client().get("/openapi.json").get_json()["paths"]
        app.extensions["claimcheck.repo"].engine.dispose()
    return [f"{method.upper()} {path}" for path, item in paths.items() for method in item if method != "parameters"]


OPERATIONS = _operations()
WRITE_HEADERS = ("authorization", "x-api-key")
# The document cannot say "text or claims, one of them" nor that a cursor is opaque, so a request
# valid by the schema may rightly be refused with 422; every other check of schemathesis runs.
EXCLUDED = [schemathesis.checks.positive_data_acceptance]


def test_the_document_has_the_contract_operations():
    assert {"POST /v1/check", "POST /v1/documents", "GET /v1/documents/{document_id}", "POST /v1/claims",
            "GET /v1/claims", "GET /v1/claims/{claim_id}", "DELETE /v1/claims/{claim_id}", "GET /health",
            "GET /metrics"} <= set(OPERATIONS)


def contract_error_shape(ctx, response, case):
    """Every 4xx/5xx answer is JSON {"error": {"code", "message", "details"}} (API.md, Errors)."""
    if response.status_code < 400:
        return None
    content_type = {name.lower(): value for name, value in response.headers.items()}.get("content-type", [""])
    assert "application/json" in str(content_type), f"error answer is not JSON: {response.text[:200]}"
    body = json.loads(response.text)
    error = body.get("error")
    assert isinstance(error, dict), body
    assert isinstance(error.get("code"), str) and error["code"], body
    assert isinstance(error.get("message"), str) and error["message"], body
    assert isinstance(error.get("details"), dict), body
    return None


def _count_of_claims(app) -> int:
    return app.extensions["claimcheck.repo"].count()


def _cases(operation):
    """Valid and invalid requests of one operation, in equal measure."""
    return st.one_of(operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE))


@pytest.mark.parametrize("with_key", [True, False], ids=["key", "no-key"])
@pytest.mark.parametrize("label", OPERATIONS)
def test_fuzz(api_schema, fuzz_app, label, with_key):
    operation = api_schema.find_operation_by_label(label)
    secured = bool(operation.definition.raw.get("security"))
    headers = {"Authorization": f"Bearer {KEY}"} if with_key else None
    backend = fuzz_app.config["DATABASE_URL"].split(":")[0].split("+")[0]

    @settings(max_examples=fuzz_app.config["FUZZ_EXAMPLES"], deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(case=_cases(operation))
    def run(case):
        if not with_key and case.headers:
            case.headers = {k: v for k, v in case.headers.items() if k.lower() not in WRITE_HEADERS}
        before = _count_of_claims(fuzz_app)
        response = case.call(headers=headers)
        SENT[f"{backend} {label} {'key' if with_key else 'no-key'}"] += 1
        assert response.status_code < 500, (response.status_code, response.text[:300])
        # A body over the size limit is refused with 413 before it is read; schemathesis does not count
        # 413 among the statuses that reject invalid data, so that check is left out for it alone.
        excluded = EXCLUDED + [schemathesis.checks.negative_data_rejection] if response.status_code == 413 else EXCLUDED
        case.validate_response(response, additional_checks=[contract_error_shape], excluded_checks=excluded,
                               headers=headers)
        if response.status_code >= 400 or case.method == "GET" or (secured and not with_key):
            # Refused requests and reads change nothing (API.md: no request changes data unless it succeeds).
            assert _count_of_claims(fuzz_app) == before, (response.status_code, response.text[:300])
        if secured and not with_key:
            assert response.status_code in (401, 403, 404, 405, 413, 415), response.status_code

    run()
