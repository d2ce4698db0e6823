"""Rate limits per client, apart for writes, checks and reads: 429 with Retry-After, configurable, off by default."""
import pytest

import service.ratelimit
from tests.conftest import AUTH


@pytest.fixture
def clock(monkeypatch):
    """A clock the test moves, so windows pass without waiting."""
    now = [1000.0]
    monkeypatch.setattr(service.ratelimit, "_now", lambda: now[0])
    return now


def _limited(answer, kind):
    assert answer.status_code == 429, answer.get_data(as_text=True)[:200]
    error = answer.get_json()["error"]
    assert error["code"] == "rate_limited" and error["details"]["kind"] == kind
    retry = int(answer.headers["Retry-After"])
    assert retry == error["details"]["retry_after"] and retry >= 1
    return retry


def _check(client, addr="10.0.0.1"):
    return client.post("/v1/check", json={"statement": "5 Soldaten"}, environ_base={"REMOTE_ADDR": addr})


def _write(client, n, addr="10.0.0.1"):
    return client.post("/v1/claims", json={"text": f"Es sind {n} Soldaten."}, headers=AUTH,
                       environ_base={"REMOTE_ADDR": addr})


def test_off_by_default(client):
    for n in range(30):
        assert client.get("/v1/claims").status_code == 200
    assert all(_write(client, n).status_code == 201 for n in range(15))


def test_writes_and_checks_have_their_own_limits(make_app, clock):
    client = make_app(RATE_LIMIT=0, RATE_LIMIT_WRITES=3, RATE_LIMIT_CHECKS=2, RATE_LIMIT_WINDOW=60).test_client()
    assert [_write(client, n).status_code for n in range(3)] == [201, 201, 201]
    _limited(_write(client, 4), "writes")
    assert client.get("/health").get_json()["claims"] == 3   # the refused write stored nothing
    assert [_check(client).status_code for _ in range(2)] == [200, 200]
    _limited(_check(client), "checks")
    # Reads are not limited here, and neither is another client.
    assert all(client.get("/v1/claims").status_code == 200 for _ in range(10))
    assert _write(client, 5, addr="10.0.0.2").status_code == 201
    assert _check(client, addr="10.0.0.2").status_code == 200


def test_retry_after_counts_down_and_the_window_reopens(make_app, clock):
    client = make_app(RATE_LIMIT_CHECKS=1, RATE_LIMIT_WINDOW=60).test_client()
    assert _check(client).status_code == 200
    first = _limited(_check(client), "checks")
    clock[0] += 20
    later = _limited(_check(client), "checks")
    assert first == 60 and later == 40
    clock[0] += 40
    assert _check(client).status_code == 200


def test_one_setting_limits_every_kind(make_app, clock):
    client = make_app(RATE_LIMIT=2).test_client()
    for kind, call in (("reads", lambda: client.get("/v1/claims")), ("checks", lambda: _check(client)),
                       ("writes", lambda: client.delete("/v1/claims/c_none", headers=AUTH))):
        assert [call().status_code for _ in range(2)] != [429, 429]
        _limited(call(), kind)
    # The page, health and metrics stay reachable.
    assert client.get("/health").status_code == 200 and client.get("/metrics").status_code == 200


def test_settings_from_the_environment(monkeypatch):
    from service.config import from_environment

    monkeypatch.setenv("CLAIMCHECK_RATE_LIMIT_WRITES", "30")
    monkeypatch.setenv("CLAIMCHECK_RATE_LIMIT_CHECKS", "120")
    monkeypatch.setenv("CLAIMCHECK_RATE_LIMIT_WINDOW", "10")
    settings = from_environment()
    assert service.ratelimit.limits_of(settings) == {"reads": 0, "writes": 30, "checks": 120}
    assert settings["RATE_LIMIT_WINDOW"] == 10.0


def test_many_clients_do_not_grow_memory_without_bound(monkeypatch, clock):
    monkeypatch.setattr(service.ratelimit, "MAX_CLIENTS", 50)
    windows = service.ratelimit.Windows(limit=1, window=60)
    windows.admit("busy")
    assert windows.admit("busy") is not None
    clock[0] += 61
    for n in range(60):
        windows.admit(f"10.1.0.{n}")
    assert len(windows._seen) <= 50
    # Still limiting after the table was trimmed.
    windows.admit("busy")
    assert windows.admit("busy") is not None
