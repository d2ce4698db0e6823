"""The Python client against a live app: typed answers, the server's errors as exceptions."""
from datetime import date

import pytest

from claimcheck_client import (CheckAnswer, Citation, Client, Document, Forbidden, NotFound, Result, SearchHit,
                               Unauthorized, ValidationFailed)
from tests.conftest import KEY

US = "US-Regierung spricht von 10.000 nordkoreanischen Soldaten in Russland"
UKRAINE = "Die ukrainische Regierung spricht von rund 3.000 nordkoreanischen Soldaten in Russland"
ARTICLE = ("Seoul meldet neue Zahlen. Südkorea zufolge sind 10.000 nordkoreanische Soldaten in Russland. "
           "Das Wetter war schön.")


@pytest.fixture(scope="module")
def stored(live):
    with Client(live.url, KEY) as client:
        ids = client.add_claims([
            {"text": US, "publisher": "AFP", "title": "Truppen", "url": "https://example.org/us",
             "published": date(2024, 10, 28)},
            {"text": UKRAINE, "publisher": "Kyiv Post", "published": "2024-10-30"},
        ])
    return dict(zip(("us", "ukraine"), ids))


def test_check_answers_typed_results_with_citations(live, stored):
    answer = Client(live.url).check("US says 10,000 North Korean troops in Russia")
    assert isinstance(answer, CheckAnswer)
    assert answer.statement.language == "en" and answer.statement.claims[0].quantity.value == 10000
    assert [r.claim.id for r in answer.matching] == [stored["us"]]
    assert [r.claim.id for r in answer.conflicting] == [stored["ukraine"]]
    match = answer.matching[0]
    assert isinstance(match, Result) and isinstance(match.citation, Citation)
    assert (match.citation.publisher, match.citation.quote, match.citation.url) == ("AFP", US, "https://example.org/us")
    assert match.claim.attributor.canonical == "US government" and 0 < match.score <= 1
    assert set(answer.raw) >= {"statement", "matching", "corroborating", "conflicting", "related"}
    assert list(answer.results())[0] is match


def test_check_as_of_leaves_out_later_claims(live, stored):
    answer = Client(live.url).check("US says 10,000 North Korean troops in Russia", as_of=date(2024, 10, 29))
    assert [r.claim.id for r in answer.matching] == [stored["us"]] and answer.conflicting == []


def test_ingest_is_idempotent_and_answers_the_document(live, stored):
    client = Client(live.url, KEY)
    first = client.ingest(ARTICLE, title="Seoul", publisher="Yonhap", published=date(2024, 10, 30), language="de")
    assert isinstance(first, Document) and first.created and first.id.startswith("d_")
    assert [claim.text for claim in first.claims] == ["Südkorea zufolge sind 10.000 nordkoreanische Soldaten in Russland."]
    relations = {result.claim.id: result.relation for result in first.claims[0].relations}
    assert relations.get(stored["ukraine"]) == "conflicting"
    again = client.ingest(ARTICLE, title="Seoul", publisher="Yonhap", published="2024-10-30")
    assert (again.created, again.id) == (False, first.id)
    assert client.get_document(first.id).claims[0].citation.publisher == "Yonhap"


def test_search_get_and_delete(live, stored):
    client = Client(live.url, KEY)
    page = client.search("Ukraine says about 3,000 North Korean soldiers", limit=1)
    assert len(page.items) == 1 and isinstance(page.items[0], SearchHit)
    assert page.items[0].claim.id == stored["ukraine"] and 0 <= page.items[0].score <= 1 and page.next
    claim = client.add_claim("Laut Pentagon sind 8.000 nordkoreanische Soldaten in Kursk", publisher="AP",
                             published="2024-10-31")
    assert claim.id and claim.quantity.value == 8000 and claim.attributor.canonical == "US government"
    assert client.get_claim(claim.id).text == claim.text
    assert claim.id in {c.id for c in client.iter_claims(attributor="US government", limit=1)}
    client.delete_claim(claim.id)
    with pytest.raises(NotFound) as missing:
        client.get_claim(claim.id)
    assert (missing.value.status, missing.value.code) == (404, "not_found") and claim.id in missing.value.message


def test_errors_carry_the_servers_code_message_and_details(live):
    with pytest.raises(Unauthorized) as no_key:
        Client(live.url).add_claims(["Kiew meldet 12.000 Soldaten"])
    assert (no_key.value.status, no_key.value.code) == (401, "unauthorized") and "API key" in no_key.value.message
    with pytest.raises(Forbidden) as wrong_key:
        Client(live.url, "not-the-key").delete_claim("c_x")
    assert wrong_key.value.code == "forbidden"
    with pytest.raises(ValidationFailed) as invalid:
        Client(live.url).check("")
    assert invalid.value.status == 422 and "statement" in invalid.value.details
    with pytest.raises(ValidationFailed) as batch:
        Client(live.url, KEY).add_claims([{"text": "Kiew meldet 12.000 Soldaten", "published": "gestern"}])
    assert "claims" in batch.value.details
