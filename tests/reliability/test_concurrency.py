"""Concurrency: many writers on SQLite across gunicorn workers see no "database is locked" (nor any 5xx);
the same article sent at once to PostgreSQL is stored once, and every sender gets the documented answer."""
from __future__ import annotations

import hashlib
import threading

import requests

from tests.reliability.servers import AUTH, stored_claims, stored_documents
from tests.reliability.traffic import Client, Ledger, assert_base_matches, run_clients

LONG = 80   # figure sentences in a long article


def test_parallel_writers_on_sqlite_never_see_a_locked_database(workdir, start_server):
    url = f"sqlite:///{workdir / 'claims.db'}"
    server = start_server(url, workers=4)
    ledger = Ledger()
    clients = [Client(server.url, ledger, f"writer{n}") for n in range(8)]
    plans = [[client.add_claim, client.add_batch, client.add_document, client.delete_one] for client in clients[1:]]
    # A long article while the others keep writing: the longest write they meet.
    run_clients(plans, until=[[lambda: clients[0].add_document(sentences=LONG)]])

    assert not [error for error in ledger.errors if "locked" in error.lower()], ledger.errors[:5]
    assert_base_matches(ledger, stored_claims(url), stored_documents(url))
    print(f"\n[concurrency] sqlite, 4 workers, 7 writers and an article of {LONG} claims: {ledger.requests} writes, "
          f"0 errors; {ledger.summary()}")


def test_same_article_at_once_on_postgresql_is_stored_once(postgres_database, start_server):
    server = start_server(postgres_database, workers=4)
    text = " ".join(f"Die Polizei in Köln zählte am Montag {500 + n} Demonstranten vor dem Rathaus."
                    for n in range(8))
    answers, barrier = [], threading.Barrier(8)

    def send():
        barrier.wait()
        answer = requests.post(server.url + "/v1/documents", json={"text": text, "published": "2024-10-28"},
                               headers=AUTH, timeout=300)
        answers.append((answer.status_code, answer.json()))

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)

    statuses = sorted(status for status, _ in answers)
    assert statuses == [200] * 7 + [201], [body for _, body in answers]
    assert {body["id"] for _, body in answers} == {answers[0][1]["id"]}
    assert [body["created"] for _, body in answers].count(True) == 1
    claim_ids = {tuple(sorted(claim["id"] for claim in body["claims"])) for _, body in answers}
    assert len(claim_ids) == 1 and len(next(iter(claim_ids))) == 8
    assert stored_documents(postgres_database) == [(answers[0][1]["id"], hashlib.sha256(text.encode()).hexdigest())]
    assert sorted(claim_id for claim_id, _, _ in stored_claims(postgres_database)) == sorted(next(iter(claim_ids)))
    print("\n[concurrency] postgresql: 8 simultaneous ingestions of one article -> 1 document (1x 201, 7x 200)")
