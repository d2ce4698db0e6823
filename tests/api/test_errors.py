"""Every error status of the contract answers {"error": {"code", "message", "details"}} and changes nothing."""
import pytest

from tests.conftest import AUTH


def error_of(answer, status, code):
    assert answer.status_code == status, answer.data[:300]
    assert answer.is_json
    error = answer.get_json()["error"]
    assert error["code"] == code and error["message"] and isinstance(error["details"], dict)
    return error


@pytest.mark.parametrize("path", ["/v1/check", "/v1/documents", "/v1/claims"])
def test_400_malformed_json(client, path):
    answer = client.post(path, data=b'{"statement": ', content_type="application/json", headers=AUTH)
    error_of(answer, 400, "malformed_json")


@pytest.mark.parametrize("path", ["/v1/check", "/v1/documents", "/v1/claims"])
def test_415_not_json(client, path):
    answer = client.post(path, data="statement=hello", content_type="application/x-www-form-urlencoded",
                         headers=AUTH)
    error_of(answer, 415, "unsupported_media_type")


def test_413_body_over_one_mebibyte_is_refused(client):
    body = b'{"text": "' + b"x" * (1024 * 1024) + b'"}'
    error_of(client.post("/v1/documents", data=body, content_type="application/json", headers=AUTH),
             413, "payload_too_large")
    assert client.get("/health").get_json()["claims"] == 0


def test_404_unknown_route(client):
    error_of(client.get("/v1/nothing"), 404, "not_found")


def test_405_wrong_method(client):
    answer = client.get("/v1/check")
    error_of(answer, 405, "method_not_allowed")
    assert "POST" in answer.headers["Allow"]
    error_of(client.put("/v1/claims/c_x", json={}), 405, "method_not_allowed")


def test_422_details_name_each_field(client):
    error = error_of(client.post("/v1/check", json={"language": "xx", "limit": "many"}), 422, "validation_error")
    assert {"statement", "language", "limit"} <= set(error["details"])


def test_429_when_rate_limited(make_app):
    client = make_app(RATE_LIMIT=2).test_client()
    for _ in range(2):
        assert client.post("/v1/check", json={"statement": "eins"}).status_code == 200
    answer = client.post("/v1/check", json={"statement": "eins"})
    error_of(answer, 429, "rate_limited")
    assert int(answer.headers["Retry-After"]) > 0
    assert client.get("/health").status_code == 200   # only the API is limited


def test_500_without_internals(client, monkeypatch):
    import service.checker

    def broken(*args, **kwargs):
        raise RuntimeError("secret internal detail at /srv/db")

    monkeypatch.setattr(service.checker, "check", broken)
    answer = client.post("/v1/check", json={"statement": "eins"})
    error = error_of(answer, 500, "internal_error")
    assert b"secret" not in answer.data and b"Traceback" not in answer.data
    assert error["details"] == {}
