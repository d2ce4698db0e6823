"""POST /v1/check: input validation and the answer's shape (the relations themselves are tested elsewhere)."""
import pytest

RELATIONS = ("matching", "corroborating", "conflicting", "related")


def test_answer_has_the_statement_and_four_lists(client):
    answer = client.post("/v1/check", json={"statement": "US says 10,000 troops", "language": "en"})
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["statement"]["text"] == "US says 10,000 troops"
    assert body["statement"]["language"] == "en"
    assert isinstance(body["statement"]["claims"], list)
    for relation in RELATIONS:
        assert isinstance(body[relation], list)


def test_results_cite_stored_claims_and_are_sorted(client, figure_sentences):
    from tests.conftest import AUTH

    text = ("North Korea has sent 10,000 soldiers to Russia, the US government says. "
            "The Pentagon said 10,000 North Korean troops are in Russia. Nothing else")
    client.post("/v1/documents", json={"text": text, "publisher": "Wire", "title": "T", "published": "2024-10-28"},
                headers=AUTH)
    body = client.post("/v1/check", json={"statement": "US says 10,000 North Korean troops in Russia",
                                          "limit": 5}).get_json()
    for relation in RELATIONS:
        scores = [item["score"] for item in body[relation]]
        assert scores == sorted(scores, reverse=True)
        assert len(body[relation]) <= 5
        for item in body[relation]:
            cite = item["citation"]
            assert text[cite["start"]:cite["end"]] == cite["quote"]


@pytest.mark.parametrize("body, field", [
    ({}, "statement"),
    ({"statement": ""}, "statement"),
    ({"statement": "x" * 2001}, "statement"),
    ({"statement": "ok", "language": "fr"}, "language"),
    ({"statement": "ok", "as_of": "yesterday"}, "as_of"),
    ({"statement": "ok", "limit": 0}, "limit"),
    ({"statement": "ok", "limit": 101}, "limit"),
    ({"statement": 5}, "statement"),
])
def test_invalid_fields_answer_422_naming_the_field(client, body, field):
    answer = client.post("/v1/check", json=body)
    assert answer.status_code == 422
    error = answer.get_json()["error"]
    assert error["code"] == "validation_error"
    assert field in error["details"]
