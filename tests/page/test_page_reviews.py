"""The page: a result that is an imported fact-check says "Rated False by …" with a link; other languages get the notice."""
import html
import re
from urllib.parse import quote

import pytest

from service import create_app
from tests.conftest import AUTH, KEY

REVIEW = {"@type": "ClaimReview", "url": "https://factcheck.example/troops",
          "claimReviewed": "Russia has 100,000 North Korean soldiers at the front.",
          "author": {"name": "Example Check"}, "datePublished": "2024-10-30", "inLanguage": "en",
          "reviewRating": {"ratingValue": 1, "bestRating": 5, "worstRating": 1, "alternateName": "False"}}


@pytest.fixture(scope="module")
def page(tmp_path_factory, warm_encoder):
    folder = tmp_path_factory.mktemp("reviews")
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{folder / 'claims.db'}", "API_KEYS": [KEY],
                      "SEED": False})
    client = app.test_client()
    assert client.post("/v1/claimreviews", headers=AUTH, json=REVIEW).status_code == 201
    return client


def test_a_rated_result_names_the_verdict_the_reviewer_and_links_the_fact_check(page):
    answer = page.get("/?statement=" + quote("Russia has 100,000 North Korean soldiers at the front."))
    assert answer.status_code == 200
    assert "Content-Security-Policy" in answer.headers
    [rating] = re.findall(r'<p class="rating">(.*?)</p>', answer.get_data(as_text=True), re.S)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", rating)).split())
    assert text.startswith("Rated False by Example Check (1 of 5)")
    assert f'<a href="{REVIEW["url"]}" rel="noopener noreferrer">' in rating


def test_a_statement_in_another_language_shows_the_notice(page):
    body = page.get("/?statement=" + quote("В России находятся 100 000 северокорейских солдат.")).get_data(as_text=True)
    [notice] = re.findall(r'<p class="notice" role="note">(.*?)</p>', body, re.S)
    assert "Russian" in notice and "German and English" in notice
