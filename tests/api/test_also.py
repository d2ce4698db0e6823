"""One card per claim: a figure the same source repeats in one document (headline, teaser, body) is one result
carrying `also`, in /v1/check, /v1/check/document and the relations of POST /v1/documents."""
import pytest

from service import checker
from tests.conftest import AUTH

REPEATING = {"title": "US: 10,000", "publisher": "Wire One", "published": "2024-10-28",
             "text": "US government: 10,000 North Korean soldiers in Russia\n\n"
                     "The US government says 10,000 North Korean soldiers are in Russia. The weather was fine. "
                     "According to the US government, 10,000 North Korean soldiers are now in Russia. "
                     "The US government also said 500 North Korean soldiers were wounded."}
OTHER_OUTLET = {"title": "Pentagon", "publisher": "Wire Three", "published": "2024-10-28",
                "text": "The US government says 10,000 North Korean soldiers are in Russia, officials said in Washington."}
KYIV = {"title": "Kyiv", "publisher": "Wire Two", "published": "2024-10-29",
        "text": "Ukraine's government said about 3,000 North Korean soldiers are in Russia."}
STATEMENT = {"statement": "US says 10,000 North Korean troops in Russia"}


@pytest.fixture
def base(client):
    for article in (REPEATING, OTHER_OUTLET):
        assert client.post("/v1/documents", json=article, headers=AUTH).status_code == 201
    return client


def test_repeats_in_one_document_are_one_card(base):
    matching = base.post("/v1/check", json=STATEMENT).get_json()["matching"]
    by_document = {}
    for card in matching:
        by_document.setdefault(card["citation"]["document_id"], []).append(card)
    assert sorted(len(cards) for cards in by_document.values()) == [1, 1]   # two documents, one card each
    repeated = next(card for card in matching if card["citation"]["publisher"] == "Wire One")
    assert len(repeated["also"]) == 2
    text = REPEATING["text"]
    for quote in repeated["also"]:
        assert text[quote["start"]:quote["end"]] == quote["quote"]
    assert [quote["start"] for quote in repeated["also"]] == sorted(quote["start"] for quote in repeated["also"])
    # the card is the fullest of the repeats, not the headline that shortens it
    assert repeated["citation"]["quote"].startswith("According to the US government")
    single = next(card for card in matching if card["citation"]["publisher"] == "Wire Three")
    assert "also" not in single


def test_the_limit_counts_distinct_claims(base):
    assert len(base.post("/v1/check", json={**STATEMENT, "limit": 2}).get_json()["matching"]) == 2


def test_the_relations_of_an_ingested_article_carry_also(base):
    body = base.post("/v1/documents", json=KYIV, headers=AUTH).get_json()
    relations, = [claim["relations"] for claim in body["claims"]]
    repeated = [r for r in relations if r["citation"]["publisher"] == "Wire One" and r["relation"] == "conflicting"]
    assert len(repeated) == 1 and repeated[0]["also"]
    for quote in repeated[0]["also"]:
        assert REPEATING["text"][quote["start"]:quote["end"]] == quote["quote"]


def test_a_draft_claim_gets_one_card_per_stored_claim(base):
    body = base.post("/v1/check/document", json={
        "text": "The US government says 10,000 North Korean soldiers are in Russia."}).get_json()
    matching = body["claims"][0]["matching"]
    assert len({card["citation"]["document_id"] for card in matching}) == len(matching)


def _result(relation, document, canonical, value, qualifier="exact", start=0, quote="q", score=0.5, day="2024-10-28"):
    return {"relation": relation, "score": score,
            "claim": {"attributor": {"canonical": canonical} if canonical else None,
                      "quantity": {"value": value, "qualifier": qualifier} if value is not None else None,
                      "time": {"start": day, "end": day}},
            "citation": {"document_id": document, "quote": quote, "start": start, "end": start + len(quote)}}


@pytest.mark.parametrize("other, folded", [
    (_result("matching", "d_1", "US", 10000, start=90, quote="the same, again"), True),
    (_result("matching", "d_2", "US", 10000, start=90), False),                        # another document
    (_result("matching", "d_1", "Kyiv", 10000, start=90), False),                      # another source
    (_result("matching", "d_1", "US", 12000, start=90), False),                        # another figure
    (_result("matching", "d_1", "US", 10000, "approx", start=90), False),              # another qualifier
    (_result("matching", "d_1", "US", 10000, start=90, day="2024-10-20"), False),      # another day
    (_result("conflicting", "d_1", "US", 10000, start=90), False),                     # another relation
    (_result("matching", None, "US", 10000, start=90), False),                         # no document
])
def test_what_folds_into_also(other, folded):
    first = _result("matching", "d_1", "US", 10000, start=0, quote="US: 10,000", score=0.9)
    out = checker.with_also([first, other])
    assert len(out) == (1 if folded else 2)
    if folded:
        card, = out
        assert card["citation"]["quote"] == "the same, again"      # the longer sentence is the card
        assert card["also"] == [{"quote": "US: 10,000", "start": 0, "end": 10}]


def test_claims_without_a_figure_never_fold():
    a, b = _result("matching", "d_1", "US", None, quote="a"), _result("matching", "d_1", "US", None, quote="b")
    assert len(checker.with_also([a, b])) == 2


def test_folding_keeps_the_blocks_of_a_relations_list_in_order():
    results = [_result("matching", "d_1", "US", 10000, quote="US: 10,000", score=0.9),
               _result("matching", "d_2", "Kyiv", 3000, quote="Kyiv: 3,000", score=0.8),
               _result("matching", "d_1", "US", 10000, start=40, quote="The US says 10,000 soldiers", score=0.7),
               _result("conflicting", "d_3", "Seoul", 12000, quote="Seoul: 12,000", score=0.95)]
    out = checker.with_also(results)
    assert [(item["relation"], item["score"]) for item in out] == \
        [("matching", 0.8), ("matching", 0.7), ("conflicting", 0.95)]
    assert out[1]["also"] == [{"quote": "US: 10,000", "start": 0, "end": 10}]
