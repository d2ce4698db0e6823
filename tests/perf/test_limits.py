"""The work one article may cause is bounded: a cap on its claims and a time budget, each answering 422 naming
the limit, with nothing stored."""
from tests.conftest import AUTH

ARTICLE = " ".join(f"Die Polizei in Köln zählte am Montag {500 + n} Demonstranten vor dem Rathaus." for n in range(6))


def _post(client, text=ARTICLE):
    return client.post("/v1/documents", json={"text": text, "published": "2024-10-28"}, headers=AUTH)


def test_an_article_over_the_claim_cap_is_refused_naming_the_limit(client, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_MAX_CLAIMS_PER_ARTICLE", "4")
    answer = _post(client)
    assert answer.status_code == 422, answer.get_data(as_text=True)
    error = answer.get_json()["error"]
    assert error["code"] == "validation_error"
    assert "CLAIMCHECK_MAX_CLAIMS_PER_ARTICLE" in error["message"] and "at most 4" in error["message"]
    assert "text" in error["details"]
    assert client.get("/health").get_json()["claims"] == 0
    monkeypatch.setenv("CLAIMCHECK_MAX_CLAIMS_PER_ARTICLE", "6")
    assert _post(client).status_code == 201


def test_the_time_budget_refuses_an_article_that_takes_too_long(client, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_ARTICLE_TIME_BUDGET", "0.000001")
    answer = _post(client)
    assert answer.status_code == 422
    assert "CLAIMCHECK_ARTICLE_TIME_BUDGET" in answer.get_json()["error"]["message"]
    assert client.get("/health").get_json()["claims"] == 0
    monkeypatch.setenv("CLAIMCHECK_ARTICLE_TIME_BUDGET", "0")      # 0 turns it off
    assert _post(client).status_code == 201


def test_the_default_cap_keeps_an_article_of_1400_figures_from_stalling_a_worker(client):
    import time

    text = " ".join(f"Die Polizei zählte am Montag {1000 + n} Demonstranten in Köln." for n in range(1400))
    start = time.monotonic()
    answer = _post(client, text)
    assert answer.status_code == 422 and "at most 200" in answer.get_json()["error"]["message"]
    assert time.monotonic() - start < 60      # extraction only, no relating (was minutes)
