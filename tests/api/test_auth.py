"""Writes need a key from CLAIMCHECK_API_KEYS; reads do not."""
import pytest

WRITES = [("post", "/v1/documents", {"text": "Es sind 5 Soldaten."}),
          ("post", "/v1/claims", {"text": "Es sind 5 Soldaten."}),
          ("delete", "/v1/claims/c_x", None)]


@pytest.mark.parametrize("method, path, body", WRITES)
def test_missing_key_is_401(client, method, path, body):
    answer = getattr(client, method)(path, json=body)
    assert answer.status_code == 401 and answer.get_json()["error"]["code"] == "unauthorized"
    assert client.get("/health").get_json()["claims"] == 0


@pytest.mark.parametrize("headers", [{"Authorization": "Bearer wrong"}, {"X-API-Key": "wrong"},
                                     {"Authorization": "Basic test-key"}, {"Authorization": "Bearer test-key2"}])
@pytest.mark.parametrize("method, path, body", WRITES)
def test_wrong_key_is_403(client, method, path, body, headers):
    answer = getattr(client, method)(path, json=body, headers=headers)
    # A Basic header carries no bearer key at all.
    expected = 401 if headers.get("Authorization", "").startswith("Basic") else 403
    assert answer.status_code == expected
    assert client.get("/health").get_json()["claims"] == 0


def test_both_headers_are_accepted(client):
    assert client.post("/v1/claims", json={"text": "Es sind 5 Soldaten."},
                       headers={"X-API-Key": "test-key"}).status_code == 201
    assert client.post("/v1/claims", json={"text": "Es sind 6 Soldaten."},
                       headers={"Authorization": "Bearer test-key"}).status_code == 201


def test_any_of_several_keys(make_app):
    client = make_app(API_KEYS=["one", "two"]).test_client()
    assert client.post("/v1/claims", json={"text": "7 Soldaten."}, headers={"X-API-Key": "two"}).status_code == 201


def test_no_keys_configured_disables_writes_and_says_how_to_enable(make_app):
    client = make_app(API_KEYS=[]).test_client()
    answer = client.post("/v1/claims", json={"text": "Es sind 5 Soldaten."}, headers={"X-API-Key": "anything"})
    assert answer.status_code == 403
    assert "CLAIMCHECK_API_KEYS" in answer.get_json()["error"]["message"]
    assert client.post("/v1/check", json={"statement": "5 Soldaten"}).status_code == 200


def test_keys_are_never_logged(client, capfd):
    client.post("/v1/claims", json={"text": "x 1"}, headers={"Authorization": "Bearer very-secret-key"})
    client.post("/v1/claims", json={"text": "x 1"}, headers={"X-API-Key": "test-key"})
    captured = capfd.readouterr()
    assert "very-secret-key" not in captured.err + captured.out
    assert "test-key" not in captured.err + captured.out
