"""schema.org JSON-LD: GET /v1/claims/{id} as a Claim, POST /v1/check as ClaimReviews; shapes, dates, negotiation."""
from datetime import date

import pytest

from service.claimreview import check_claimreviews, claim_jsonld
from service.nlp.model import Attributor, Citation, Claim
from tests.conftest import AUTH

LD = "application/ld+json"
US = {"text": "US-Regierung spricht von 10.000 nordkoreanischen Soldaten in Russland", "publisher": "AFP",
      "title": "Truppen in Kursk", "url": "https://example.org/kursk", "published": "2024-10-28"}
SINGH = {"text": "Pentagon-Sprecherin Sabrina Singh sagte, rund 10.000 nordkoreanische Soldaten seien in Russland",
         "publisher": "AP", "published": "2024-10-29"}
UKRAINE = {"text": "Die ukrainische Regierung spricht von rund 3.000 nordkoreanischen Soldaten in Russland",
           "publisher": "Kyiv Post", "published": "2024-10-30"}
SOUTH_KOREA = {"text": "Südkorea zufolge sind 10.000 nordkoreanische Soldaten in Russland", "publisher": "Yonhap",
               "published": "2024-10-30"}


def iso_date(value):
    assert isinstance(value, str) and date.fromisoformat(value).isoformat() == value
    return value


def assert_work(work, published):
    assert work["@type"] in ("NewsArticle", "CreativeWork")
    assert iso_date(work["datePublished"]) == published
    assert work["publisher"]["@type"] == "Organization" and isinstance(work["publisher"]["name"], str)


def assert_claim(node, stored):
    """The keys a schema.org consumer relies on, with their types."""
    assert node["@type"] == "Claim" and node["@id"].endswith(f"/v1/claims/{node['identifier']}")
    assert node["text"] == stored["text"] and node["inLanguage"] in ("de", "en")
    assert node["author"]["@type"] in ("Organization", "Person") and node["author"]["name"]
    assert iso_date(node["datePublished"]) == stored["published"]
    assert isinstance(node["appearance"], list) and len(node["appearance"]) == 1
    assert node["firstAppearance"] == node["appearance"][0]
    assert_work(node["firstAppearance"], stored["published"])


@pytest.fixture
def stored(client):
    answer = client.post("/v1/claims", json={"claims": [US, SINGH, UKRAINE, SOUTH_KOREA]}, headers=AUTH)
    assert answer.status_code == 201
    return dict(zip(("us", "singh", "ukraine", "south_korea"), answer.get_json()["ids"]))


@pytest.mark.parametrize("ask", [{"query_string": {"format": "claimreview"}},
                                 {"query_string": {"format": "jsonld"}},
                                 {"headers": {"Accept": LD}},
                                 {"headers": {"Accept": "application/json;q=0.5, application/ld+json"}}])
def test_a_claim_as_schema_org_claim(client, stored, ask):
    answer = client.get(f"/v1/claims/{stored['us']}", **ask)
    assert answer.status_code == 200 and answer.mimetype == LD and "Accept" in answer.headers["Vary"]
    node = answer.get_json()
    assert node["@context"] == "https://schema.org"
    assert_claim(node, US)
    assert node["author"] == {"@type": "Organization", "name": "US government", "alternateName": "US-Regierung"}
    assert node["appearance"][0]["url"] == US["url"] and node["appearance"][0]["headline"] == US["title"]
    assert node["about"]["name"] and node["spatialCoverage"] == {"@type": "Place", "name": "Russia"}
    start, end = node["temporalCoverage"].split("/")
    assert iso_date(start) <= iso_date(end)


def test_a_known_official_is_a_person_of_their_source(client, stored):
    node = client.get(f"/v1/claims/{stored['singh']}?format=claimreview").get_json()
    assert node["author"]["@type"] == "Person" and "Sabrina Singh" in node["author"]["name"]
    assert node["author"]["affiliation"] == {"@type": "Organization", "name": "US government"}


@pytest.mark.parametrize("ask", [{}, {"query_string": {"format": "json"}}, {"headers": {"Accept": "*/*"}},
                                 {"headers": {"Accept": "application/json, application/ld+json;q=0.5"}},
                                 {"headers": {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}}])
def test_plain_json_stays_the_default(client, stored, ask):
    answer = client.get(f"/v1/claims/{stored['us']}", **ask)
    assert answer.mimetype == "application/json" and answer.get_json()["id"] == stored["us"]


def test_errors_stay_the_contracts_json(client, stored):
    missing = client.get("/v1/claims/c_nope?format=claimreview")
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "not_found"
    wrong = client.get(f"/v1/claims/{stored['us']}?format=rdf")
    assert wrong.status_code == 422 and "format" in wrong.get_json()["error"]["details"]
    invalid = client.post("/v1/check?format=claimreview", json={"statement": ""})
    assert invalid.status_code == 422 and "statement" in invalid.get_json()["error"]["details"]


@pytest.mark.parametrize("ask", [{"query_string": {"format": "claimreview"}}, {"headers": {"Accept": LD}}])
def test_a_check_as_claimreviews_of_the_conflicting_and_corroborating_claims(client, stored, ask):
    statement = "US says 10,000 North Korean troops in Russia"
    plain = client.post("/v1/check", json={"statement": statement}).get_json()
    answer = client.post("/v1/check", json={"statement": statement}, **ask)
    assert answer.status_code == 200 and answer.mimetype == LD
    document = answer.get_json()
    assert document["@context"] == "https://schema.org"
    reviews = document["@graph"]
    expected = {item["claim"]["id"]: relation for relation in ("conflicting", "corroborating")
                for item in plain[relation]}
    assert expected == {stored["ukraine"]: "conflicting", stored["south_korea"]: "corroborating"}
    assert {review["isBasedOn"]["identifier"]: review["reviewRating"]["alternateName"] for review in reviews} == expected
    explanations = {item["claim"]["id"]: item["explanation"] for relation in expected.values() for item in plain[relation]}
    by_id = {stored[name]: source for name, source in (("ukraine", UKRAINE), ("south_korea", SOUTH_KOREA))}
    for review in reviews:
        assert review["@type"] == "ClaimReview" and review["claimReviewed"] == statement
        assert review["itemReviewed"]["@type"] == "Claim" and review["itemReviewed"]["text"] == statement
        assert review["itemReviewed"]["author"]["name"] == "US government"
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating" and rating["name"] in ("Conflicting", "Corroborated")
        assert rating["ratingExplanation"] == explanations[review["isBasedOn"]["identifier"]]
        assert review["author"]["@type"] == "Organization" and iso_date(review["datePublished"])
        assert "@context" not in review["isBasedOn"]
        assert_claim(review["isBasedOn"], by_id[review["isBasedOn"]["identifier"]])


def test_matching_and_related_claims_are_not_reviewed(client, stored):
    reviews = client.post("/v1/check?format=claimreview",
                          json={"statement": "Die US-Regierung spricht von 10.000 nordkoreanischen Soldaten"}).get_json()
    assert stored["us"] not in {review["isBasedOn"]["identifier"] for review in reviews["@graph"]}


def test_an_empty_check_is_an_empty_graph(client):
    assert client.post("/v1/check?format=claimreview", json={"statement": "Das Wetter ist schön"}).get_json() == {
        "@context": "https://schema.org", "@graph": []}


def test_without_attributor_the_publisher_is_the_author_and_without_document_a_creative_work():
    claim = Claim(text="12.000 Soldaten", language="de", id="c_1",
                  citation=Citation("d_1", "Wire", "Title", None, "2024-10-28", "12.000 Soldaten", 0, 15))
    node = claim_jsonld(claim, "http://host/")
    assert node["@id"] == "http://host/v1/claims/c_1" and node["author"] == {"@type": "Organization", "name": "Wire"}
    assert node["appearance"][0]["@type"] == "NewsArticle" and "url" not in node["appearance"][0]
    claim.citation = None
    claim.attributor = Attributor("Kiew", "Ukrainian government")
    bare = claim_jsonld(claim, "http://host")
    assert "appearance" not in bare and "datePublished" not in bare and bare["author"]["name"] == "Ukrainian government"


def test_the_review_date_is_the_day_of_the_check():
    answer = {"statement": {"text": "x", "language": "en", "claims": []}, "matching": [], "related": [],
              "corroborating": [], "conflicting": [{
                  "relation": "conflicting", "score": 0.5, "explanation": "Conflicts.",
                  "claim": Claim(text="y", language="de", id="c_2").to_dict(), "citation": None}]}
    [review] = check_claimreviews(answer, "http://host", reviewed_on=date(2025, 1, 2))["@graph"]
    assert review["datePublished"] == "2025-01-02" and review["reviewRating"]["ratingExplanation"] == "Conflicts."


def test_the_openapi_document_describes_both_json_ld_answers(client):
    spec = client.get("/openapi.json").get_json()
    for path, method in (("/v1/claims/{claim_id}", "get"), ("/v1/check", "post")):
        operation = spec["paths"][path][method]
        assert set(operation["responses"]["200"]["content"]) == {"application/json", LD}
        [fmt] = [p for p in operation["parameters"] if p["name"] == "format"]
        assert fmt["in"] == "query" and "claimreview" in fmt["schema"]["enum"]
    assert "@graph" in spec["components"]["schemas"]["ClaimReviewGraph"]["properties"]
