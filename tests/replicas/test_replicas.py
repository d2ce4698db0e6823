"""Three gunicorn replicas on one PostgreSQL base: the property docker-compose.yml relies on.

No Docker needed: three `gunicorn` processes (one worker each, free local ports) share a schema
of their own in the PostgreSQL test database. Migrations and seeding run once beforehand, as
the compose file's one-shot `migrate` service does. The checks: every replica gives the same
answers; what is written through one is found through each other on its very next request
(the per-process vector index follows the database); a restart of all keeps the data.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_URL = os.environ.get("CLAIMCHECK_TEST_POSTGRES_URL")
REPLICAS = 3
KEY = "replica-key"
AUTH = {"Authorization": f"Bearer {KEY}"}
START_TIMEOUT = 180   # seconds for a replica to answer /health on a busy 2-core machine

pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason="CLAIMCHECK_TEST_POSTGRES_URL is not set")

STATEMENTS = [
    "Selenskyj sagt, rund 3.000 nordkoreanische Soldaten seien bereits in Russland",
    "North Korea has sent 50,000 soldiers to Russia",
    "US says 10,000 troops",
]
ARTICLE = ("Die Polizei zählte am Montag in Leipzig 4.321 Demonstranten auf dem Augustusplatz. "
           "Der Veranstalter sprach dagegen von 9.000 Teilnehmern.")
CLAIM = "Die Feuerwehr Dresden meldete am Dienstag 137 Einsätze wegen des Sturms."


def _free_port() -> int:
    # Chosen by the system, so that two runs of the suite at once on one machine do not collide.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _bin(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


class Replica:
    def __init__(self, port: int, env: dict, workdir: Path):
        self.port, self.env, self.workdir = port, env, workdir
        self.url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = {**self.env, "PORT": str(self.port), "PROMETHEUS_MULTIPROC_DIR": str(self.workdir / f"prom-{self.port}")}
        log = open(self.workdir / f"gunicorn-{self.port}.log", "ab")
        self.process = subprocess.Popen([_bin("gunicorn"), "--config", "gunicorn.conf.py", "service:create_app()"],
                                        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        log.close()

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"replica on {self.port} exited: {self.log_tail()}")
            try:
                if requests.get(f"{self.url}/health", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise AssertionError(f"replica on {self.port} not ready in {START_TIMEOUT}s: {self.log_tail()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def log_tail(self) -> str:
        path = self.workdir / f"gunicorn-{self.port}.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    def check(self, statement: str) -> dict:
        answer = requests.post(f"{self.url}/v1/check", json={"statement": statement, "limit": 100}, timeout=60)
        assert answer.status_code == 200, answer.text
        return answer.json()


def _schema_url(schema: str) -> str:
    url = make_url(POSTGRES_URL)
    return url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """Three replicas on a fresh schema of the PostgreSQL test database, seeded once."""
    schema = f"replicas_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    workdir = tmp_path_factory.mktemp("replicas")
    env = {**os.environ, "CLAIMCHECK_DATABASE_URL": _schema_url(schema), "CLAIMCHECK_API_KEYS": KEY,
           "CLAIMCHECK_SEED": "1", "CLAIMCHECK_RATE_LIMIT": "0", "WEB_CONCURRENCY": "1", "HOST": "127.0.0.1"}
    replicas = [Replica(_free_port(), env, workdir) for _ in range(REPLICAS)]
    try:
        # Once, before any replica starts (the compose file's `migrate` service).
        subprocess.run([_bin("flask"), "--app", "service", "init-db"], cwd=ROOT, env=env, check=True,
                       capture_output=True, timeout=600)
        for replica in replicas:
            replica.start()
        for replica in replicas:
            replica.wait_ready()
        yield replicas
    finally:
        for replica in replicas:
            replica.stop()
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def _ids(answer: dict, relation: str) -> list[str]:
    return [result["claim"]["id"] for result in answer[relation]]


def test_every_replica_gives_the_same_answers(cluster):
    counts = {requests.get(f"{r.url}/health", timeout=10).json()["claims"] for r in cluster}
    assert len(counts) == 1 and counts.pop() > 0, "the seeds are loaded once and seen by all"
    for statement in STATEMENTS:
        answers = [replica.check(statement) for replica in cluster]
        assert any(answers[0][relation] for relation in ("matching", "corroborating", "conflicting", "related")), \
            f"{statement!r} should find seeded claims"
        for answer in answers[1:]:
            assert answer == answers[0], f"replicas disagree on {statement!r}"


def test_a_write_through_one_replica_is_found_through_the_others_at_once(cluster):
    writer, *others = cluster
    created = requests.post(f"{writer.url}/v1/documents", headers=AUTH, timeout=60,
                            json={"text": ARTICLE, "publisher": "Replica Wire", "published": "2024-11-04"})
    assert created.status_code == 201, created.text
    document = created.json()
    claim_ids = {claim["id"] for claim in document["claims"]}
    assert claim_ids, "the article has figures, so it yields claims"
    written = time.monotonic()
    latencies = []
    for replica in others:
        # The very first request after the write must see it: no stale window per replica.
        found = requests.get(f"{replica.url}/v1/documents/{document['id']}", timeout=30)
        assert found.status_code == 200 and {c["id"] for c in found.json()["claims"]} == claim_ids
        answer = replica.check("Die Polizei zählte 4.321 Demonstranten in Leipzig")
        agreeing = set(_ids(answer, "matching")) | set(_ids(answer, "corroborating"))
        assert agreeing & claim_ids, f"replica {replica.port} does not find the new claim by check"
        latencies.append(time.monotonic() - written)
    print(f"write on {writer.port} seen through {[r.port for r in others]} after {latencies} s")


def test_a_claim_added_and_deleted_through_different_replicas(cluster):
    first, second, third = cluster
    added = requests.post(f"{first.url}/v1/claims", headers=AUTH, timeout=60,
                          json={"text": CLAIM, "publisher": "Replica Wire", "published": "2024-11-05"})
    assert added.status_code == 201, added.text
    claim_id = added.json()["id"]

    search = requests.get(f"{second.url}/v1/claims", params={"q": "Feuerwehr Dresden 137 Einsätze Sturm"},
                          timeout=60)
    assert search.status_code == 200
    assert claim_id in [item["claim"]["id"] for item in search.json()["items"]]

    removed = requests.delete(f"{third.url}/v1/claims/{claim_id}", headers=AUTH, timeout=30)
    assert removed.status_code in (200, 204), removed.text
    for replica in cluster:
        assert requests.get(f"{replica.url}/v1/claims/{claim_id}", timeout=30).status_code == 404
        search = requests.get(f"{replica.url}/v1/claims", params={"q": "Feuerwehr Dresden 137 Einsätze Sturm"},
                              timeout=60).json()
        assert claim_id not in [item["claim"]["id"] for item in search["items"]], \
            f"replica {replica.port} still finds a deleted claim"


def test_a_restart_of_every_replica_keeps_the_data(cluster):
    before = [requests.get(f"{r.url}/health", timeout=10).json()["claims"] for r in cluster]
    documents = cluster[0].check("Die Polizei zählte 4.321 Demonstranten in Leipzig")
    for replica in cluster:
        replica.stop()
    for replica in cluster:
        replica.start()
    for replica in cluster:
        replica.wait_ready()
    after = [requests.get(f"{r.url}/health", timeout=10).json()["claims"] for r in cluster]
    assert after == before
    for replica in cluster:
        assert replica.check("Die Polizei zählte 4.321 Demonstranten in Leipzig") == documents
