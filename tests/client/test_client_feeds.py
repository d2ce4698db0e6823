"""The client's fact-check import, subscriptions, ratings and language notice, against a live app."""
import pytest

from claimcheck_client import Client
from claimcheck_client.errors import ApiError
from tests.client.conftest import serve
from tests.conftest import KEY

REVIEW = {"@type": "ClaimReview", "url": "https://factcheck.example/client",
          "claimReviewed": "Russia has 100,000 North Korean soldiers at the front.",
          "author": {"name": "Example Check"}, "datePublished": "2024-10-30", "inLanguage": "en",
          "reviewRating": {"ratingValue": 1, "bestRating": 5, "alternateName": "False"}}


@pytest.fixture(scope="module")
def server(tmp_path_factory, warm_encoder):
    live = serve(tmp_path_factory)
    yield live
    live.stop()


def test_import_claimreviews_then_the_claim_carries_its_rating(server):
    with Client(server.url, KEY) as client:
        imported = client.import_claimreviews({"@type": "DataFeed", "dataFeedElement": [REVIEW, {"@type": "ClaimReview"}]})
        assert len(imported["ids"]) == 1 and imported["errors"][0]["index"] == 1
        assert client.import_claimreviews(REVIEW)["ids"] == imported["ids"]
        claim = client.get_claim(imported["ids"][0])
        assert claim.rating["name"] == "False" and claim.rating["reviewer"] == "Example Check"
        answer = client.check("Russia has 100,000 North Korean soldiers at the front.", language="en")
        assert any(result.claim.rating for result in answer.results())
        assert answer.notice is None


def test_subscribe_list_unsubscribe(server):
    with Client(server.url, KEY) as client:
        subscription = client.subscribe("https://desk.example/hook", "client-secret")
        listed = client.list_subscriptions()
        assert [item["id"] for item in listed] == [subscription] and "secret" not in listed[0]
        client.unsubscribe(subscription)
        assert client.list_subscriptions() == []
        with pytest.raises(ApiError) as refused:
            client.subscribe("ftp://desk.example/hook", "client-secret")
        assert refused.value.status == 422 and "url" in refused.value.details


def test_a_russian_statement_has_a_notice(server):
    with Client(server.url) as client:
        answer = client.check("В России находятся 100 000 северокорейских солдат.")
        assert answer.statement.language == "ru" and "Russian" in answer.notice
