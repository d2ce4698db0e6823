"""POST /v1/check/document: a draft's claims with offsets, their four lists, the summary; nothing stored; bad input."""
import pytest

from service import create_app
from tests.api.test_errors import error_of
from tests.conftest import AUTH, KEY

RELATIONS = ("matching", "corroborating", "conflicting", "related")
STORED = [
    {"title": "US: 10,000", "publisher": "Wire One", "published": "2024-10-28",
     "text": "US government: 10,000 North Korean soldiers in Russia\n\n"
             "The US government says 10,000 North Korean soldiers are in Russia. The weather was fine. "
             "According to the US government, 10,000 North Korean soldiers are now in Russia."},
    {"title": "Kyiv", "publisher": "Wire Two", "published": "2024-10-29",
     "text": "Ukraine's government said about 3,000 North Korean soldiers are in Russia."},
]
# CRLF line ends, a non-ASCII line and blanks before the first claim: offsets must still point into the text as sent.
DRAFT = ("  Entwurf – “Truppen” 🚩\r\n\r\n"
         "The US government says 10,000 North Korean soldiers are in Russia.\r\nNothing else happened. "
         "Ukraine's government said 3,000 North Korean soldiers are in Russia. "
         "The mayor said 7 cats were rescued in Paris.")


@pytest.fixture(scope="module")
def drafts_app(tmp_path_factory, warm_encoder):
    folder = tmp_path_factory.mktemp("drafts")
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{folder / 'claims.db'}", "API_KEYS": [KEY],
                      "SEED": False})
    client = app.test_client()
    for article in STORED:
        assert client.post("/v1/documents", json=article, headers=AUTH).status_code == 201
    return app


@pytest.fixture
def client(drafts_app):
    return drafts_app.test_client()


@pytest.fixture(scope="module")
def answer(drafts_app):
    response = drafts_app.test_client().post("/v1/check/document",
                                             json={"text": DRAFT, "as_of": "2024-10-30", "published": "2024-10-30"})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _claim_with(answer, words):
    return next(item for item in answer["claims"] if words in item["claim"]["text"])


def test_each_claim_has_its_offsets_into_the_draft_as_sent(answer):
    assert answer["language"] == "en"
    assert len(answer["claims"]) == 3
    for item in answer["claims"]:
        assert DRAFT[item["start"]:item["end"]] == item["claim"]["text"]
        assert set(RELATIONS) <= set(item)
    starts = [item["start"] for item in answer["claims"]]
    assert starts == sorted(starts) and starts[0] > DRAFT.index("\r\n\r\n")


def test_claims_are_read_like_a_statement(answer):
    us = _claim_with(answer, "US government says")["claim"]
    assert us["attributor"]["canonical"] == "US government"
    assert us["quantity"]["value"] == 10000 and us["quantity"]["qualifier"] == "exact"
    assert us["id"] is None   # a draft's claim is not stored


def test_lists_relate_each_claim_to_the_stored_ones(answer):
    us = _claim_with(answer, "US government says")
    assert [r["claim"]["attributor"]["canonical"] for r in us["matching"]] == ["US government"]
    assert any(r["claim"]["quantity"]["value"] == 3000 for r in us["conflicting"])
    kyiv = _claim_with(answer, "Ukraine's government")
    assert [r["claim"]["attributor"]["canonical"] for r in kyiv["matching"]] == ["Ukrainian government"]
    cats = _claim_with(answer, "cats")
    assert not any(cats[relation] for relation in RELATIONS)
    for item in answer["claims"]:
        for relation in RELATIONS:
            scores = [result["score"] for result in item[relation]]
            assert scores == sorted(scores, reverse=True)
            assert all(result["relation"] == relation for result in item[relation])


def test_repeats_of_one_stored_figure_are_one_card_with_also(answer):
    card, = _claim_with(answer, "US government says")["matching"]
    stored = STORED[0]["text"]
    assert len(card["also"]) == 2
    for quote in card["also"] + [card["citation"]]:
        assert stored[quote["start"]:quote["end"]] == quote["quote"]
    assert {card["citation"]["start"], *(quote["start"] for quote in card["also"])} == \
        {0, stored.index("The US"), stored.index("According")}


def test_summary_counts_claims_conflicts_and_claims_without_support(answer):
    claims = answer["claims"]
    assert answer["summary"] == {
        "claims": len(claims),
        "conflicting": sum(1 for item in claims if item["conflicting"]),
        "unsupported": sum(1 for item in claims if not item["matching"] and not item["corroborating"]),
    }
    assert answer["summary"] == {"claims": 3, "conflicting": 2, "unsupported": 1}


def test_as_of_leaves_out_what_was_published_later(client):
    before_kyiv = client.post("/v1/check/document", json={"text": DRAFT, "as_of": "2024-10-28"}).get_json()
    kyiv = _claim_with(before_kyiv, "Ukraine's government")
    assert not kyiv["matching"]
    assert before_kyiv["summary"]["unsupported"] == 2


def test_nothing_is_stored(drafts_app, client, answer):
    repo = drafts_app.extensions["claimcheck.repo"]
    before = repo.stats()
    assert client.post("/v1/check/document", json={"text": DRAFT, "title": "T", "publisher": "P",
                                                   "url": "https://example.org/d"}).status_code == 200
    assert repo.stats() == before
    assert before["documents"] == len(STORED)


def test_the_draft_is_encoded_in_one_call(client, monkeypatch):
    import service.checker

    calls = []
    real = service.checker.embed
    monkeypatch.setattr(service.checker, "embed", lambda texts: calls.append(list(texts)) or real(texts))
    assert client.post("/v1/check/document", json={"text": DRAFT}).status_code == 200
    assert len(calls) == 1 and len(calls[0]) == 3


def test_a_draft_without_claims_answers_empty_lists(client):
    body = client.post("/v1/check/document", json={"text": "Nothing to see here."}).get_json()
    assert body["claims"] == [] and body["summary"] == {"claims": 0, "conflicting": 0, "unsupported": 0}


def test_furniture_makes_no_claims(client):
    body = client.post("/v1/check/document", json={
        "text": "Read more\n\nThe US government says 10,000 North Korean soldiers are in Russia."}).get_json()
    assert [item["claim"]["text"] for item in body["claims"]] == \
        ["The US government says 10,000 North Korean soldiers are in Russia."]


def test_400_malformed_json(client):
    error_of(client.post("/v1/check/document", data=b'{"text": ', content_type="application/json"),
             400, "malformed_json")


def test_415_not_json(client):
    error_of(client.post("/v1/check/document", data="text=hello", content_type="application/x-www-form-urlencoded"),
             415, "unsupported_media_type")


def test_413_body_over_one_mebibyte(drafts_app, client):
    before = drafts_app.extensions["claimcheck.repo"].stats()
    body = b'{"text": "' + b"x" * (1024 * 1024) + b'"}'
    error_of(client.post("/v1/check/document", data=body, content_type="application/json"), 413, "payload_too_large")
    assert drafts_app.extensions["claimcheck.repo"].stats() == before


@pytest.mark.parametrize("body, field", [
    ({}, "text"),
    ({"text": ""}, "text"),
    ({"text": "x" * 200_001}, "text"),
    ({"text": 5}, "text"),
    ({"text": "ok", "as_of": "yesterday"}, "as_of"),
    ({"text": "ok", "as_of": "2024-02-30"}, "as_of"),
    ({"text": "ok", "published": "soon"}, "published"),
    ({"text": "ok", "language": "fr"}, "language"),
    ({"text": "10.000 Soldaten\x00"}, "text"),
])
def test_422_names_the_field(client, body, field):
    error = error_of(client.post("/v1/check/document", json=body), 422, "validation_error")
    assert field in error["details"]

def test_in_the_openapi_document(client):
    spec = client.get("/openapi.json").get_json()
    operation = spec["paths"]["/v1/check/document"]["post"]
    assert {"200", "422"} <= set(operation["responses"])
    schemas = spec["components"]["schemas"]
    assert {"claims", "summary", "language"} <= set(schemas["DraftResponse"]["properties"])
    assert "as_of" in schemas["DraftRequest"]["properties"]
    assert "also" in schemas["Result"]["properties"]


def test_counts_as_a_check_for_rate_limits(make_app):
    client = make_app(RATE_LIMIT=100, RATE_LIMIT_CHECKS=1).test_client()
    assert client.post("/v1/check/document", json={"text": "eins"}).status_code == 200
    error_of(client.post("/v1/check", json={"statement": "eins"}), 429, "rate_limited")
