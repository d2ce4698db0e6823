"""Fixtures of the reliability tests: gunicorn servers, and a throw-away PostgreSQL database per test."""
from __future__ import annotations

import os
import time
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.reliability.servers import POSTGRES_URL, Server


@pytest.fixture
def workdir(tmp_path):
    (tmp_path / "prom").mkdir()
    return tmp_path


@pytest.fixture
def start_server(workdir):
    started: list[Server] = []

    def start(database_url: str, **options) -> Server:
        server = Server(workdir, database_url, **options).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def _admin_engine():
    return create_engine(make_url(POSTGRES_URL).set(database="postgres"), isolation_level="AUTOCOMMIT")


@pytest.fixture
def postgres_database():
    """A PostgreSQL database of its own for one test, dropped after it (needs CREATEDB; .ci/parts/rel.sh)."""
    if not POSTGRES_URL:
        pytest.skip("CLAIMCHECK_TEST_POSTGRES_URL is not set")
    name = f"claimcheck_rel_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = _admin_engine()
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    _drop(admin, name)
    admin.dispose()


def _drop(admin, name: str, attempts: int = 20) -> None:
    """Drop a test database. FORCE ends the test's own connections, but not a server process of another role
    (an autovacuum worker busy on a freshly restored base): then wait for it to finish and try again."""
    from sqlalchemy.exc import ProgrammingError

    for attempt in range(attempts):
        try:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except ProgrammingError as error:
            if "InsufficientPrivilege" not in type(error.orig).__name__ or attempt == attempts - 1:
                raise
            time.sleep(0.5)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, workdir):
    """The test runs on a SQLite file and on a PostgreSQL database of its own."""
    if request.param == "sqlite":
        return f"sqlite:///{workdir / 'claims.db'}"
    return request.getfixturevalue("postgres_database")
