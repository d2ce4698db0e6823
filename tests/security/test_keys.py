"""Who may write: no key, a wrong key and a revoked key are refused; keys compare in constant time and never show in logs."""
import hmac
import logging

import pytest

from tests.conftest import KEY

WRITES = [("post", "/v1/documents", {"text": "Die Polizei zählte 500 Demonstranten in Berlin."}),
          ("post", "/v1/claims", {"text": "Die Polizei zählte 500 Demonstranten in Berlin."}),
          ("post", "/v1/claims", {"claims": [{"text": "Die Polizei zählte 500 Demonstranten in Berlin."}]}),
          ("delete", "/v1/claims/{id}", None)]


def _stored_claim(client, key=KEY):
    answer = client.post("/v1/claims", json={"text": "Die Feuerwehr meldet 12 Verletzte in Köln."},
                         headers={"X-API-Key": key})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["id"]


def _write(client, method, path, body, headers):
    return getattr(client, method)(path, json=body, headers=headers)


def _refused(answer, status, code):
    assert answer.status_code == status, answer.get_data(as_text=True)[:300]
    assert answer.get_json()["error"]["code"] == code


@pytest.mark.parametrize("method, path, body", WRITES)
def test_no_wrong_or_revoked_key_changes_nothing(make_app, method, path, body):
    client = make_app(API_KEYS=[KEY, "old-key"], REVOKED_KEYS=["old-key"]).test_client()
    claim_id = _stored_claim(client)
    path = path.format(id=claim_id)
    _refused(_write(client, method, path, body, {}), 401, "unauthorized")
    _refused(_write(client, method, path, body, {"Authorization": "Bearer not-a-key"}), 403, "forbidden")
    _refused(_write(client, method, path, body, {"X-API-Key": KEY + "x"}), 403, "forbidden")
    revoked = _write(client, method, path, body, {"Authorization": "Bearer old-key"})
    _refused(revoked, 403, "forbidden")
    assert "revoked" in revoked.get_json()["error"]["message"]
    assert client.get("/health").get_json()["claims"] == 1
    assert client.get(f"/v1/claims/{claim_id}").status_code == 200
    # The valid key still works for the same request.
    assert _write(client, method, path, body, {"Authorization": f"Bearer {KEY}"}).status_code in (200, 201, 204)


def test_revoked_keys_from_the_environment(monkeypatch):
    from service.config import from_environment

    monkeypatch.setenv("CLAIMCHECK_API_KEYS", "a, b")
    monkeypatch.setenv("CLAIMCHECK_REVOKED_KEYS", "b")
    settings = from_environment()
    assert settings["API_KEYS"] == ["a", "b"] and settings["REVOKED_KEYS"] == ["b"]


def test_a_key_file_is_read_again_when_it_changes(make_app, tmp_path):
    key_file = tmp_path / "keys"
    key_file.write_text("# desk keys\nalpha\nbeta\n")
    client = make_app(API_KEYS=[], API_KEYS_FILE=str(key_file)).test_client()
    assert client.post("/v1/claims", json={"text": "Es sind 5 Soldaten."}, headers={"X-API-Key": "beta"}).status_code == 201
    # Revoke beta, add gamma: no restart.
    key_file.write_text("alpha\n!beta\ngamma\n")
    _refused(client.post("/v1/claims", json={"text": "Es sind 6 Soldaten."}, headers={"X-API-Key": "beta"}),
             403, "forbidden")
    assert client.post("/v1/claims", json={"text": "Es sind 7 Soldaten."}, headers={"X-API-Key": "gamma"}).status_code == 201
    assert client.get("/health").get_json()["claims"] == 2
    # A file that cannot be read allows nobody (and says how to configure keys).
    key_file.unlink()
    _refused(client.post("/v1/claims", json={"text": "Es sind 8 Soldaten."}, headers={"X-API-Key": "alpha"}),
             403, "forbidden")


def test_every_key_is_compared_with_compare_digest(make_app, monkeypatch):
    """Constant time: the presented key meets every configured key through hmac.compare_digest, as equal-length
    digests, whichever key matches and however long the presented one is."""
    import service.auth

    calls, compare = [], hmac.compare_digest

    def recording(a, b):
        calls.append((len(a), len(b)))
        return compare(a, b)

    monkeypatch.setattr(service.auth.hmac, "compare_digest", recording)
    keys = ["k-one", "k-two-longer", "k-three-much-longer-than-the-others"]
    client = make_app(API_KEYS=keys).test_client()
    for presented in (keys[0], keys[2], "x", "y" * 500):
        calls.clear()
        client.delete("/v1/claims/c_none", headers={"X-API-Key": presented})
        assert len(calls) >= len(keys) and len(calls) % len(keys) == 0
        assert set(calls) == {(32, 32)}


def test_keys_never_reach_the_log(make_app, caplog, capfd):
    client = make_app(API_KEYS=["the-real-secret"], REVOKED_KEYS=["the-old-secret"]).test_client()
    caplog.set_level(logging.DEBUG)
    for headers in ({"Authorization": "Bearer the-real-secret"}, {"X-API-Key": "the-real-secret"},
                    {"Authorization": "Bearer the-wrong-secret"}, {"X-API-Key": "the-old-secret"}):
        client.post("/v1/claims", json={"text": "Es sind 9 Soldaten."}, headers=headers)
        client.post("/v1/claims", data=b"{broken", content_type="application/json", headers=headers)
        client.delete("/v1/claims/c_none", headers=headers)
    logged = capfd.readouterr()
    text = logged.out + logged.err + caplog.text + "".join(str(record.__dict__) for record in caplog.records)
    assert "request" in text   # the access log did write lines
    for secret in ("the-real-secret", "the-wrong-secret", "the-old-secret"):
        assert secret not in text
