"""/health, /metrics, /openapi.json, /docs, the web page, request ids and access logs."""
import json

from tests.conftest import AUTH


def test_health_counts_claims(client):
    assert client.get("/health").get_json() == {"status": "ok", "claims": 0}
    client.post("/v1/claims", json={"text": "Es sind 5 Soldaten."}, headers=AUTH)
    assert client.get("/health").get_json() == {"status": "ok", "claims": 1}


def test_metrics_in_prometheus_text(client):
    client.post("/v1/check", json={"statement": "eins"})
    client.get("/v1/claims/c_unknown")
    answer = client.get("/metrics")
    assert answer.status_code == 200 and answer.content_type.startswith("text/plain")
    text = answer.get_data(as_text=True)
    assert 'claimcheck_requests_total{endpoint="/v1/check",method="POST",status="200"} 1.0' in text
    assert 'endpoint="/v1/claims/<claim_id>",method="GET",status="404"' in text
    assert "claimcheck_request_duration_seconds_bucket" in text
    assert "claimcheck_claims_stored 0.0" in text


def test_openapi_document_lists_every_endpoint(client):
    spec = client.get("/openapi.json").get_json()
    assert {"/v1/check", "/v1/documents", "/v1/documents/{document_id}", "/v1/claims", "/v1/claims/{claim_id}",
            "/health", "/metrics"} <= set(spec["paths"])
    assert set(spec["paths"]["/v1/claims/{claim_id}"]) >= {"get", "delete"}
    assert "CheckRequest" in spec["components"]["schemas"]
    assert client.get("/docs").status_code == 200


def test_page_has_a_statement_box_and_no_inline_script(client):
    answer = client.get("/")
    assert answer.status_code == 200 and answer.content_type.startswith("text/html")
    html = answer.get_data(as_text=True)
    assert 'id="statement"' in html and "<script>" not in html
    assert "script-src 'self'" in answer.headers["Content-Security-Policy"]
    assert client.get("/static/app.js").status_code == 200


def test_request_id_is_echoed_or_made(client):
    assert client.get("/health", headers={"X-Request-ID": "abc-123"}).headers["X-Request-ID"] == "abc-123"
    made = client.get("/health").headers["X-Request-ID"]
    assert len(made) == 32
    assert client.get("/health", headers={"X-Request-ID": "bad id; drop"}).headers["X-Request-ID"] != "bad id; drop"


def test_one_json_log_line_per_request(client, capfd):
    capfd.readouterr()
    client.get("/health", headers={"X-Request-ID": "log-me"})
    lines = [json.loads(line) for line in capfd.readouterr().err.splitlines() if line.startswith("{")]
    access = [line for line in lines if line.get("request_id") == "log-me"]
    assert len(access) == 1
    assert {"method": "GET", "path": "/health", "status": 200}.items() <= access[0].items()
    assert access[0]["duration_ms"] >= 0
