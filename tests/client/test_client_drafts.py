"""The client's check_draft and Result.also against a live app."""
from datetime import date

import pytest

from claimcheck_client import Client, DraftAnswer, DraftClaim, Quote, Result, ValidationFailed
from tests.conftest import KEY

REPEATING = ("US government: 10,000 North Korean soldiers in Russia\n\n"
             "The US government says 10,000 North Korean soldiers are in Russia. The weather was fine.")
KYIV = "Ukraine's government said about 3,000 North Korean soldiers are in Russia."
DRAFT = ("Draft\n\nThe US government says 10,000 North Korean soldiers are in Russia. "
         "The mayor said 7 cats were rescued in Paris.")


@pytest.fixture(scope="module")
def stored(live):
    with Client(live.url, KEY) as client:
        client.ingest(REPEATING, publisher="Wire One", published=date(2024, 10, 28))
        client.ingest(KYIV, publisher="Wire Two", published="2024-10-29")


def test_check_draft_answers_typed_claims_with_offsets(live, stored):
    answer = Client(live.url).check_draft(DRAFT, as_of=date(2024, 10, 30))
    assert isinstance(answer, DraftAnswer) and answer.language == "en"
    assert [type(item) for item in answer.claims] == [DraftClaim, DraftClaim]
    for item in answer.claims:
        assert DRAFT[item.start:item.end] == item.claim.text
    us, cats = answer.claims
    assert us.claim.quantity.value == 10000 and us.supported and not cats.supported
    assert [r.citation.publisher for r in us.conflicting] == ["Wire Two"]
    assert (answer.summary.claims, answer.summary.conflicting, answer.summary.unsupported) == (2, 1, 1)
    assert set(answer.raw) == {"language", "claims", "summary"}
    assert all(isinstance(result, Result) for result in us.results())


def test_result_also_is_typed(live, stored):
    card, = Client(live.url).check("US says 10,000 North Korean troops in Russia").matching
    assert card.also == [Quote(quote="US government: 10,000 North Korean soldiers in Russia", start=0, end=53)]
    assert card.citation.quote.startswith("The US government says")


def test_check_draft_without_repeats_has_no_also(live, stored):
    kyiv, = Client(live.url).check_draft(KYIV).claims
    assert all(result.also == [] for result in kyiv.results() if result.citation.publisher == "Wire Two")


def test_check_draft_errors_name_the_field(live):
    with pytest.raises(ValidationFailed) as raised:
        Client(live.url).check_draft("x" * 200_001)
    assert raised.value.status == 422 and "text" in raised.value.details
    with pytest.raises(ValidationFailed):
        Client(live.url).check_draft("ok", as_of="soon")
