"""Fixtures: an app per test on its own temporary SQLite base; the sentence encoder loaded once per session."""
import os

import pytest
from sqlalchemy import text

from service import create_app, encoder
from service.store import Repository, make_engine, migrate

# No alert delivery threads in the many apps tests build; the alert tests turn them on (ALERT_WORKER=True).
os.environ.setdefault("CLAIMCHECK_ALERT_WORKER", "0")

KEY = "test-key"
AUTH = {"Authorization": f"Bearer {KEY}"}
POSTGRES_URL = os.environ.get("CLAIMCHECK_TEST_POSTGRES_URL")


@pytest.fixture(scope="session")
def warm_encoder():
    encoder.warm_up()


@pytest.fixture
def make_app(tmp_path, warm_encoder):
    def build(**config):
        return create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'claims.db'}",
                           "API_KEYS": [KEY], "SEED": False, **config})
    return build


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


def _empty_postgres(url: str):
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS rate_limits, deliveries, subscriptions, claim_reviews, claims, documents, alembic_version CASCADE"))
    return engine


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """The storage tests run on both back ends; PostgreSQL when CLAIMCHECK_TEST_POSTGRES_URL is set."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'claims.db'}"
    if not POSTGRES_URL:
        pytest.skip("CLAIMCHECK_TEST_POSTGRES_URL is not set")
    _empty_postgres(POSTGRES_URL).dispose()
    return POSTGRES_URL


@pytest.fixture
def repo(database_url, warm_encoder):
    engine = make_engine(database_url)
    migrate(engine)
    yield Repository(engine)
    engine.dispose()


def _sentences_with_figures(text, *, language=None, published=None, publisher=None):
    from service.nlp.model import Claim

    claims, position = [], 0
    for part in text.split(". "):
        if any(ch.isdigit() for ch in part):
            claims.append(Claim(text=part, language=language or "de", start=position, end=position + len(part)))
        position += len(part) + 2
    return claims


@pytest.fixture
def figure_sentences(monkeypatch):
    """A predictable extractor (every sentence with a digit is a claim) for tests about storage, not language."""
    import service.nlp

    monkeypatch.setattr(service.nlp, "extract_claims", _sentences_with_figures)
