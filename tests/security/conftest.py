"""Fixtures of the security tests: an app on SQLite or on a PostgreSQL base of their own."""
import os

import pytest
from sqlalchemy import text

from service import create_app
from service.store import make_engine
from tests.conftest import KEY

# Its own PostgreSQL database (.ci/parts/fuzz.sh creates it), so these tests never race the storage tests.
POSTGRES_URL = os.environ.get("CLAIMCHECK_FUZZ_POSTGRES_URL") or os.environ.get("CLAIMCHECK_TEST_POSTGRES_URL")


def empty_postgres(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS rate_limits, deliveries, subscriptions, claim_reviews, claims, documents, alembic_version CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_app(request, tmp_path, warm_encoder):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'claims.db'}"
    else:
        if not POSTGRES_URL:
            pytest.skip("no PostgreSQL: set CLAIMCHECK_FUZZ_POSTGRES_URL or CLAIMCHECK_TEST_POSTGRES_URL")
        empty_postgres(POSTGRES_URL)
        url = POSTGRES_URL
    app = create_app({"TESTING": True, "DATABASE_URL": url, "API_KEYS": [KEY], "SEED": False})
    yield app
    app.extensions["claimcheck.repo"].engine.dispose()
