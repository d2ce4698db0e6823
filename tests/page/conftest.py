"""One app per module for the page tests, with a few articles ingested through the API."""
import pytest

from service import create_app
from tests.conftest import AUTH, KEY

ARTICLES = [
    {"title": "Pentagon: 10,000 North Korean troops in Russia", "publisher": "Wire One", "published": "2024-10-28",
     "url": "https://example.org/pentagon",
     "text": "The US government says 10,000 North Korean soldiers are in Russia. The weather was fine."},
    {"title": "Kyiv: about 3,000", "publisher": "Wire Two", "published": "2024-10-31",
     "text": "Ukraine's government said about 3,000 North Korean soldiers are in Russia."},
    {"title": "Seoul <script>window.__pwned=1</script> report", "publisher": "Wire <b>Three</b>",
     "published": "2024-10-25", "url": "javascript:alert(1)",
     "text": "South Korea's intelligence service said 12,000 North Korean soldiers are in Russia "
             "<script>window.__pwned=1</script> <img src=x onerror=\"window.__pwned=2\">."},
]


@pytest.fixture(scope="module")
def page_app(tmp_path_factory, warm_encoder):
    folder = tmp_path_factory.mktemp("page")
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{folder / 'claims.db'}", "API_KEYS": [KEY],
                      "SEED": False})
    client = app.test_client()
    app.config["INGESTED"] = []
    for article in ARTICLES:
        answer = client.post("/v1/documents", json=article, headers=AUTH)
        assert answer.status_code == 201, answer.get_json()
        app.config["INGESTED"].append(answer.get_json())
    return app


@pytest.fixture
def page(page_app):
    return page_app.test_client()


@pytest.fixture
def ingested(page_app):
    return page_app.config["INGESTED"]
