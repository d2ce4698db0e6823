"""GET /v1/claims?q=: hybrid ranking of meaning and words, in German and English, with filters and pages."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from service import create_app
from service.store.repository import LEXICAL_WEIGHT
from tests.conftest import AUTH, KEY

FIXTURE = json.loads(Path(__file__).with_name("fixture.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def client(tmp_path_factory, warm_encoder):
    """One app and claim base for the module: the searches here only read."""
    url = f"sqlite:///{tmp_path_factory.mktemp('search') / 'claims.db'}"
    return create_app({"TESTING": True, "DATABASE_URL": url, "API_KEYS": [KEY], "SEED": False}).test_client()


@pytest.fixture(scope="module")
def loaded(client):
    """The fixture claims stored through the batch endpoint; key -> claim id."""
    batch = [{"text": c["text"], "title": c["title"], "language": c["language"], "publisher": "Faktencheck",
              "published": "2024-10-28"} for c in FIXTURE["claims"]]
    response = client.post("/v1/claims", json={"claims": batch}, headers=AUTH)
    assert response.status_code == 201, response.get_json()
    return dict(zip((c["key"] for c in FIXTURE["claims"]), response.get_json()["ids"]))


def ranked(client, query: str, **params) -> list[dict]:
    response = client.get("/v1/claims", query_string={"q": query, **params})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["items"]


@pytest.fixture(scope="module")
def rankings(client, loaded) -> dict[str, dict[str, list[dict]]]:
    """mode -> query -> every stored claim it ranks (with the lexical mode, those sharing a word)."""
    return {mode: {q["text"]: ranked(client, q["text"], mode=mode, limit=len(loaded) + 1) for q in FIXTURE["queries"]}
            for mode in ("hybrid", "vector", "lexical")}


def average_precision_at_5(found: dict[str, list[dict]], ids: dict) -> float:
    total = 0.0
    for query in FIXTURE["queries"]:
        relevant = {ids[key] for key in query["relevant"]}
        hits, precision = 0, 0.0
        for rank, item in enumerate(found[query["text"]][:5], 1):
            if item["claim"]["id"] in relevant:
                hits += 1
                precision += hits / rank
        total += precision / len(relevant)
    return total / len(FIXTURE["queries"])


def test_fixture_map(rankings, loaded):
    """Paraphrases, rare names and codes, and queries in the other language: fused, nearly all come first.
    Words alone miss the queries in the other language."""
    scores = {mode: average_precision_at_5(found, loaded) for mode, found in rankings.items()}
    assert scores["hybrid"] >= 0.9 and scores["hybrid"] > scores["lexical"] + 0.05, scores


def test_hybrid_is_the_weighted_sum_of_its_parts(rankings, loaded):
    """Each hybrid score is LEXICAL_WEIGHT x (lexical score / the query's best) + the rest x cosine (the
    cosine alone when no claim shares a word), and the order follows it; words move some claims past
    what meaning alone ranks first."""
    reordered = 0
    for query in FIXTURE["queries"]:
        cosine = {i["claim"]["id"]: i["score"] for i in rankings["vector"][query["text"]]}
        words = {i["claim"]["id"]: i["score"] for i in rankings["lexical"][query["text"]]}
        hybrid = rankings["hybrid"][query["text"]]
        assert len(cosine) == len(hybrid) == len(loaded) and all(0 < score <= 1 for score in words.values())
        assert not words or max(words.values()) == 1.0
        for item in hybrid:
            expected = cosine[item["claim"]["id"]] if not words else \
                LEXICAL_WEIGHT * words.get(item["claim"]["id"], 0.0) + (1 - LEXICAL_WEIGHT) * cosine[item["claim"]["id"]]
            assert item["score"] == pytest.approx(expected, abs=2e-4), query["text"]
        assert [i["score"] for i in hybrid] == sorted((i["score"] for i in hybrid), reverse=True)
        reordered += [i["claim"]["id"] for i in hybrid[:3]] != [i["claim"]["id"] for i in rankings["vector"][query["text"]][:3]]
    assert reordered >= 3


@pytest.mark.parametrize("key", ["vaccine", "senator", "monitor-other", "bahn", "impfung", "bargeld"])
def test_the_exact_wording_comes_first_with_the_top_score(client, loaded, key):
    claim = next(c for c in FIXTURE["claims"] if c["key"] == key)
    items = ranked(client, claim["text"], limit=3)
    assert items[0]["claim"]["id"] == loaded[key]
    assert items[0]["score"] >= 0.99 and all(0 <= item["score"] <= items[0]["score"] for item in items)


@pytest.mark.parametrize("query, key", [
    ("Nachtzüge zwischen Berlin und München gestrichen", "bahn"),         # German, German claim
    ("Wolfsangriff Schulbus", "wolf"),                                    # German words of the title
    ("night trains between Berlin and Munich cancelled", "bahn"),         # English query, German claim
    ("Impfstoff mit Mikrochips zur Überwachung", "vaccine"),              # German query, English claim
    ("shark seen swimming on a Houston highway", "shark"),                # English, English claim
])
def test_german_and_english_queries(client, loaded, query, key):
    assert ranked(client, query, limit=3)[0]["claim"]["id"] == loaded[key]


def test_links_in_a_query_do_not_change_its_answer(client, loaded):
    plain = ranked(client, "tracking chips in flu shots", limit=5)
    linked = ranked(client, "tracking chips in flu shots https://t.co/AbC123xyz pic.twitter.com/q9Zz", limit=5)
    assert [i["claim"]["id"] for i in plain] == [i["claim"]["id"] for i in linked]


def test_modes_and_filters_and_pages(client, loaded):
    response = client.get("/v1/claims", query_string={"q": "chips", "mode": "fuzzy"})
    assert response.status_code == 422 and "mode" in json.dumps(response.get_json()["error"])
    # lexical alone answers only claims that share a word
    assert [i["claim"]["id"] for i in ranked(client, "Golden Gate", mode="lexical")] == [loaded["bridge"]]
    # a filter narrows the ranking; pages continue it without repeating a claim
    assert ranked(client, "Golden Gate Bridge", since="2025-01-01") == []
    first = client.get("/v1/claims", query_string={"q": "vaccine chips", "limit": 4}).get_json()
    second = client.get("/v1/claims", query_string={"q": "vaccine chips", "limit": 4, "cursor": first["next"]}).get_json()
    assert first["next"] and len(first["items"]) == len(second["items"]) == 4
    seen = [i["claim"]["id"] for i in first["items"] + second["items"]]
    assert len(set(seen)) == 8 and seen[0] == loaded["vaccine"]
    scores = [i["score"] for i in first["items"] + second["items"]]
    assert scores == sorted(scores, reverse=True)
