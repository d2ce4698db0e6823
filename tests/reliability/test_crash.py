"""Crash safety: kill -9 a worker, then the whole server, with a batch import or an article ingestion written but
not committed; after a restart the base holds all of it or none, and retrying stores it exactly once."""
from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import threading
import time
import uuid
from contextlib import closing

import requests
from sqlalchemy.engine import make_url

from tests.reliability.servers import AUTH, stored_claims, stored_documents

BATCH = 100        # claims in one import
SENTENCES = 15     # figure sentences in one article


def batch_of(tag: str) -> list[dict]:
    return [{"text": f"Laut Feuerwehr standen in Hamburg {100 + n} Keller unter Wasser ({tag}).",
             "published": "2024-10-28"} for n in range(BATCH)]


def article_of(tag: str) -> str:
    figures = [f"Die Polizei in Köln zählte am Montag {300 + n} Demonstranten vor dem Rathaus." for n in range(SENTENCES)]
    return " ".join([f"Lagebericht {tag}."] + figures)


class InFlight(threading.Thread):
    """A write sent in the background; after the crash it must not have been answered with success."""

    def __init__(self, url: str, path: str, body: dict):
        super().__init__(daemon=True)
        self.url, self.path, self.body, self.answer, self.failure = url, path, body, None, None

    def run(self):
        try:
            self.answer = requests.post(self.url + self.path, json=self.body, headers=AUTH, timeout=300)
        except requests.RequestException as error:
            self.failure = error


def crash_mid_write(server, path: str, body: dict, *, whole_server: bool) -> None:
    """Send the write, wait until a worker has written it and is about to commit, then kill -9."""
    server.holding.unlink(missing_ok=True)
    server.hold.touch()
    write = InFlight(server.url, path, body)
    write.start()
    deadline = time.monotonic() + 240
    while not server.holding.exists():
        assert write.is_alive(), f"the write finished before it could be interrupted: {write.answer}"
        assert time.monotonic() < deadline, "no worker reached the commit of the write"
        time.sleep(0.02)
    time.sleep(0.1)   # the pid is written whole
    worker = int(server.holding.read_text())
    assert worker in server.worker_pids()
    if whole_server:
        server.kill()
    else:
        os.kill(worker, signal.SIGKILL)
    server.hold.unlink()
    write.join(60)
    assert write.answer is None and write.failure is not None, "the client was told the write succeeded"


def post(server, path: str, body: dict, expected: int) -> dict:
    answer = requests.post(server.url + path, json=body, headers=AUTH, timeout=300)
    assert answer.status_code == expected, answer.text
    return answer.json()


def test_killed_writes_leave_all_or_nothing_and_retries_store_once(store_url, start_server):
    server = start_server(store_url, faults=True)
    before = post(server, "/v1/claims", {"claims": batch_of("before")[:5]}, 201)["ids"]
    survived = 0

    for whole_server in (False, True):
        tag = f"{'server' if whole_server else 'worker'}-{uuid.uuid4().hex[:6]}"
        batch, article = batch_of(tag), {"text": article_of(tag), "published": "2024-10-28"}
        content_hash = hashlib.sha256(article["text"].encode()).hexdigest()
        committed = set(stored_claims(store_url))

        crash_mid_write(server, "/v1/claims", {"claims": batch}, whole_server=whole_server)
        if whole_server:
            server = start_server(store_url, faults=True)
        crash_mid_write(server, "/v1/documents", article, whole_server=whole_server)
        if whole_server:
            server = start_server(store_url, faults=True)
        survived += 2

        # The file survived the kills intact, nothing of the interrupted writes is stored, and nothing
        # committed before was lost.
        if store_url.startswith("sqlite"):
            with closing(sqlite3.connect(make_url(store_url).database)) as connection:
                assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert set(stored_claims(store_url)) == committed
        assert content_hash not in {digest for _, digest in stored_documents(store_url)}

        # Retrying stores each exactly once.
        ids = post(server, "/v1/claims", {"claims": batch}, 201)["ids"]
        created = post(server, "/v1/documents", article, 201)
        again = post(server, "/v1/documents", article, 200)
        assert created["created"] is True and again["created"] is False and again["id"] == created["id"]
        assert [claim["id"] for claim in again["claims"]] == [claim["id"] for claim in created["claims"]]
        assert len(created["claims"]) == SENTENCES

        claims = stored_claims(store_url)
        new = set(claims) - committed
        assert sorted(claim_id for claim_id, _, document in new if document is None) == sorted(ids)
        assert sorted(text for _, text, document in new if document is None) == sorted(item["text"] for item in batch)
        assert sorted(claim_id for claim_id, _, document in new if document == created["id"]) == \
            sorted(claim["id"] for claim in created["claims"])
        assert len(new) == BATCH + SENTENCES
        assert [digest for _, digest in stored_documents(store_url)].count(content_hash) == 1
        assert set(before) <= {claim_id for claim_id, _, _ in claims}

    print(f"\n[crash] {store_url.split(':')[0].split('+')[0]}: {survived} kill -9 mid-commit survived "
          f"(batch of {BATCH}, article of {SENTENCES} claims; worker and whole server); nothing partial, nothing lost")
