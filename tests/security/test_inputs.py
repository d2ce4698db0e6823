"""Hostile input through the API, on SQLite and PostgreSQL: NUL bytes, oversized bodies and fields,
SQL metacharacters in every field and query. Each is refused cleanly or stored verbatim; nothing else changes."""
import io
import json

import pytest

from tests.conftest import AUTH

SENTENCE = "Die Polizei zählte 500 Demonstranten in Berlin."


def _error(answer, status, code):
    assert answer.status_code == status, answer.get_data(as_text=True)[:300]
    error = answer.get_json()["error"]
    assert error["code"] == code and error["message"] and isinstance(error["details"], dict)
    return error


def _count(client):
    return client.get("/health").get_json()["claims"]


NUL_REQUESTS = [
    ("/v1/check", {"statement": "US says 10\x00000 troops"}, ["statement"]),
    ("/v1/documents", {"text": SENTENCE + "\x00", "title": "a\x00b"}, ["text", "title"]),
    ("/v1/claims", {"text": SENTENCE, "publisher": "\x00"}, ["publisher"]),
    ("/v1/claims", {"text": SENTENCE, "attributor": "Poli\x00zei"}, ["attributor"]),
    ("/v1/claims", {"claims": [{"text": SENTENCE}, {"text": SENTENCE, "url": "http://x/\x00"}]}, ["claims"]),
]


@pytest.mark.parametrize("path, body, fields", NUL_REQUESTS)
def test_nul_bytes_are_a_clear_422_on_both_back_ends(backend_app, path, body, fields):
    client = backend_app.test_client()
    error = _error(client.post(path, json=body, headers=AUTH), 422, "validation_error")
    assert set(fields) <= set(error["details"])
    assert "NUL" in json.dumps(error["details"])
    assert _count(client) == 0


def test_nul_in_a_batch_names_the_item_and_stores_none_of_the_batch(backend_app):
    client = backend_app.test_client()
    error = _error(client.post("/v1/claims", json={"claims": [{"text": SENTENCE}, {"text": "7\x00 Tote"}]},
                               headers=AUTH), 422, "validation_error")
    assert error["details"]["claims"] == {"1": {"text": ["Must not contain NUL characters (U+0000)."]}}
    assert _count(client) == 0


def test_nul_in_queries_and_addresses(backend_app):
    client = backend_app.test_client()
    for query in ({"attributor": "a\x00"}, {"subject": "\x00"}, {"q": "x\x00y"}, {"cursor": "\x00"}):
        _error(client.get("/v1/claims", query_string=query), 422, "validation_error")
    _error(client.get("/v1/claims/c_\x00"), 404, "not_found")
    _error(client.get("/v1/documents/d_\x00"), 404, "not_found")
    # A write checks the key before anything else, so an anonymous request learns nothing more.
    _error(client.delete("/v1/claims/c_\x00"), 401, "unauthorized")
    _error(client.post("/v1/claims", json={"text": "\x00"}), 401, "unauthorized")
    _error(client.delete("/v1/claims/c_\x00", headers=AUTH), 404, "not_found")


def test_body_over_the_limit_is_413_even_without_a_content_length(make_app):
    client = make_app(MAX_CONTENT_LENGTH=64 * 1024).test_client()
    body = json.dumps({"text": "x" * 70 * 1024}).encode()

    # Chunked, no Content-Length: the size is only found while reading.
    answer = client.post("/v1/documents", input_stream=io.BytesIO(body), content_type="application/json",
                         headers=AUTH, environ_overrides={"wsgi.input_terminated": True})
    _error(answer, 413, "payload_too_large")
    _error(client.post("/v1/documents", data=body, content_type="application/json", headers=AUTH),
           413, "payload_too_large")
    assert _count(client) == 0


@pytest.mark.parametrize("path, field, limit, extra", [
    ("/v1/check", "statement", 2000, {}),
    ("/v1/documents", "text", 200_000, {}),
    ("/v1/documents", "title", 1000, {"text": SENTENCE}),
    ("/v1/documents", "publisher", 500, {"text": SENTENCE}),
    ("/v1/documents", "url", 2000, {"text": SENTENCE}),
    ("/v1/claims", "text", 2000, {}),
    ("/v1/claims", "attributor", 200, {"text": SENTENCE}),
])
def test_field_size_limits(client, path, field, limit, extra):
    error = _error(client.post(path, json={**extra, field: "a" * (limit + 1)}, headers=AUTH), 422, "validation_error")
    assert field in error["details"]
    assert _count(client) == 0


def test_batch_size_limit(client):
    batch = {"claims": [{"text": f"{n} Soldaten."} for n in range(1001)]}
    error = _error(client.post("/v1/claims", json=batch, headers=AUTH), 422, "validation_error")
    assert "claims" in error["details"]
    assert _count(client) == 0


def test_deeply_nested_json_is_refused_not_a_crash(client):
    body = b'{"text": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"
    answer = client.post("/v1/claims", data=body, content_type="application/json", headers=AUTH)
    assert answer.status_code in (400, 422)
    assert answer.get_json()["error"]["code"] in ("malformed_json", "validation_error")
    assert _count(client) == 0


INJECTIONS = ["'; DROP TABLE claims; --", "\" OR 1=1 --", "x') OR ('1'='1", "%' OR '%'='",
              "1; DELETE FROM documents", "\\'; SELECT pg_sleep(5); --", "Robert'); UPDATE claims SET text='x'; --"]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_sql_metacharacters_are_data_not_code(backend_app, payload):
    client = backend_app.test_client()
    victim = client.post("/v1/claims", json={"text": "Die Feuerwehr meldet 12 Verletzte in Köln."}, headers=AUTH)
    assert victim.status_code == 201
    sentence = f"Die Polizei zählte 500 Demonstranten in Berlin. {payload}"
    stored = client.post("/v1/claims", json={"text": sentence, "publisher": payload, "title": payload,
                                             "url": payload, "attributor": payload[:200]}, headers=AUTH)
    assert stored.status_code == 201, stored.get_json()
    claim = stored.get_json()
    assert claim["text"] == sentence and claim["citation"]["publisher"] == payload
    document = client.post("/v1/documents", json={"text": f"{sentence} Die Feuerwehr meldet 30 Verletzte.",
                                                  "title": payload, "publisher": payload, "url": payload},
                           headers=AUTH)
    assert document.status_code == 201 and document.get_json()["title"] == payload
    for query in ({"attributor": payload}, {"subject": payload}, {"q": payload}, {"attributor": payload, "q": payload}):
        answer = client.get("/v1/claims", query_string=query)
        assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    check = client.post("/v1/check", json={"statement": payload})
    assert check.status_code == 200
    for path in (f"/v1/claims/{payload}", f"/v1/documents/{payload}"):
        _error(client.get(path), 404, "not_found")
    _error(client.delete(f"/v1/claims/{payload}", headers=AUTH), 404, "not_found")
    # Everything is still there, verbatim: the victim, the claim, the document's claims.
    after = client.get(f"/v1/claims/{victim.get_json()['id']}")
    assert after.status_code == 200 and after.get_json()["text"] == "Die Feuerwehr meldet 12 Verletzte in Köln."
    assert client.get(f"/v1/claims/{claim['id']}").get_json()["citation"]["url"] == payload
    assert _count(client) == 2 + len(document.get_json()["claims"])


@pytest.mark.parametrize("path, raw, field", [
    ("/v1/check", '{"statement": "US says \\ud800 10,000 troops"}', "statement"),
    ("/v1/documents", '{"text": "Die Polizei sagt, 100 Menschen \\udfff seien in Berlin gewesen."}', "text"),
    ("/v1/claims", '{"text": "Die Polizei sagt, 100 Menschen seien in Berlin.", "title": "\\ud83d"}', "title"),
])
def test_unpaired_surrogates_are_a_clear_422_on_both_back_ends(backend_app, path, raw, field):
    """A JSON escape of half a surrogate pair decodes to text no UTF-8 encoder takes (it was a 500)."""
    client = backend_app.test_client()
    error = _error(client.post(path, data=raw, content_type="application/json", headers=AUTH), 422, "validation_error")
    assert "surrogate" in error["details"][field][0]
    assert _count(client) == 0
    # A whole pair is an ordinary character (an emoji) and is stored.
    whole = client.post("/v1/claims", data='{"text": "Die Polizei zählte 500 Demonstranten \\ud83d\\ude00 in Berlin."}',
                        content_type="application/json", headers=AUTH)
    assert whole.status_code == 201 and "\U0001F600" in whole.get_json()["text"]
