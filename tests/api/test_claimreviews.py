"""POST /v1/claimreviews: ClaimReview JSON-LD in (object, list, DataFeed), claims with their rating out."""
import copy

import pytest

from tests.conftest import AUTH

REVIEW = {
    "@context": "https://schema.org", "@type": "ClaimReview",
    "url": "https://factcheck.example/2024/10/troops",
    "claimReviewed": "Russia has 100,000 North Korean soldiers at the front.",
    "author": {"@type": "Organization", "name": "Example Check"},
    "datePublished": "2024-10-30",
    "inLanguage": "en",
    "reviewRating": {"@type": "Rating", "ratingValue": "1", "bestRating": 5, "worstRating": 1,
                     "alternateName": "False"},
}


def review(n, **changes):
    item = copy.deepcopy(REVIEW)
    item["url"] = f"https://factcheck.example/{n}"
    item.update(changes)
    return item


def post(client, body):
    return client.post("/v1/claimreviews", headers=AUTH, json=body)


def test_one_review_becomes_a_claim_with_its_rating(client):
    answer = post(client, REVIEW)
    assert answer.status_code == 201
    body = answer.get_json()
    assert body["errors"] == [] and len(body["ids"]) == 1
    claim = client.get(f"/v1/claims/{body['ids'][0]}").get_json()
    assert claim["text"] == REVIEW["claimReviewed"]
    assert claim["rating"] == {"name": "False", "value": 1, "best": 5, "worst": 1, "reviewer": "Example Check",
                               "url": REVIEW["url"]}
    assert claim["attributor"]["canonical"] == "Example Check"
    assert claim["citation"]["publisher"] == "Example Check" and claim["citation"]["url"] == REVIEW["url"]
    assert claim["citation"]["published"] == "2024-10-30"
    # read like any claim sentence: the figure and the counted thing
    assert claim["quantity"]["value"] == 100000 and claim["subject_key"]


def test_a_review_is_found_and_related_like_any_claim(client):
    stored = post(client, REVIEW).get_json()["ids"][0]
    answer = client.post("/v1/check", json={"statement": "Russia has 100,000 North Korean soldiers at the front.",
                                           "language": "en"}).get_json()
    found = [item for relation in ("matching", "corroborating", "conflicting", "related")
             for item in answer[relation] if item["claim"]["id"] == stored]
    assert found and found[0]["claim"]["rating"]["name"] == "False"
    search = client.get("/v1/claims", query_string={"q": "North Korean soldiers at the front"}).get_json()
    assert search["items"][0]["claim"]["id"] == stored
    assert search["items"][0]["claim"]["rating"]["reviewer"] == "Example Check"


def test_a_second_import_of_the_same_url_stores_nothing_new(client):
    first = post(client, REVIEW).get_json()["ids"]
    count = client.get("/health").get_json()["claims"]
    again = post(client, [REVIEW, review(2)]).get_json()["ids"]
    assert again[0] == first[0] and again[1] != first[0]
    assert client.get("/health").get_json()["claims"] == count + 1
    twice = post(client, [review(3), review(3)]).get_json()["ids"]
    assert twice[0] == twice[1]


def test_a_data_feed_with_items_directly_and_under_item(client):
    feed = {"@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": [
        {"@type": "DataFeedItem", "item": [review(1)]},
        {"@type": "DataFeedItem", "item": review(2)},
        review(3),
    ]}
    body = post(client, feed).get_json()
    assert body["errors"] == [] and len(set(body["ids"])) == 3


def test_bad_items_are_named_by_position_and_the_rest_is_stored(client):
    items = [review(0), review(1, claimReviewed=""), review(2), "not an object",
             review(4, reviewRating={"ratingValue": 1}), review(5, url=None),
             review(6, reviewRating={"alternateName": "False", "ratingValue": "one"}),
             review(7, datePublished="yesterday"), review(8, **{"@type": "Claim"})]
    answer = post(client, items)
    assert answer.status_code == 201
    body = answer.get_json()
    assert len(body["ids"]) == 2
    assert [error["index"] for error in body["errors"]] == [1, 3, 4, 5, 6, 7, 8]
    messages = {error["index"]: error["message"] for error in body["errors"]}
    assert "claimReviewed" in messages[1] and "alternateName" in messages[4] and "url" in messages[5]
    assert "ratingValue" in messages[6] and "datePublished" in messages[7] and "@type" in messages[8]


@pytest.mark.parametrize("body", [{"@type": "ClaimReview"}, [], {"@type": "DataFeed", "dataFeedElement": []},
                                  [1, 2], "a string", 42])
def test_nothing_storable_answers_422_and_stores_nothing(client, body):
    answer = post(client, body)
    assert answer.status_code == 422
    assert answer.get_json()["error"]["code"] == "validation_error"
    assert client.get("/health").get_json()["claims"] == 0


def test_malformed_json_and_missing_key(client):
    bad = client.post("/v1/claimreviews", headers={**AUTH, "Content-Type": "application/json"}, data="{not json")
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "malformed_json"
    assert client.post("/v1/claimreviews", json=REVIEW).status_code == 401
    assert client.get("/health").get_json()["claims"] == 0


def test_the_rating_is_in_the_openapi_claim(client):
    spec = client.get("/openapi.json").get_json()
    schemas = spec["components"]["schemas"]
    assert "rating" in schemas["Claim"]["properties"]
    assert "requestBody" in spec["paths"]["/v1/claimreviews"]["post"]
