"""Backups: `flask backup` and `flask restore` bring back the same claims (ids and content) after the base is lost."""
from __future__ import annotations

import threading
import time
from collections import Counter
from pathlib import Path

import numpy as np
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from service import create_app
from service.backup import backup, restore
from service.nlp.model import Citation, Claim
from service.store import Repository, make_engine, migrate
from tests.reliability.servers import AUTH, KEY

BATCH = 50


def snapshot(database_url: str) -> dict:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            claims = connection.execute(text("SELECT seq, id, document_id, text, attributor, subject, published, "
                                             "data, vector FROM claims ORDER BY seq"))
            documents = connection.execute(text("SELECT id, content_hash, text, title, published FROM documents"))
            return {"claims": [tuple(row) for row in claims], "documents": sorted(tuple(row) for row in documents)}
    finally:
        engine.dispose()


def wipe(database_url: str) -> None:
    """Lose the base: the SQLite file is deleted, the PostgreSQL tables dropped."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(url.database + suffix).unlink(missing_ok=True)
        return
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS rate_limits, deliveries, subscriptions, claim_reviews, claims, documents, alembic_version CASCADE"))
    engine.dispose()


def app_on(database_url: str):
    return create_app({"TESTING": True, "DATABASE_URL": database_url, "API_KEYS": [KEY], "SEED": False})


def test_backup_then_restore_brings_back_the_same_claims(store_url, workdir, warm_encoder):
    app = app_on(store_url)
    client = app.test_client()
    batch = [{"text": f"Laut Feuerwehr standen in Bremen {40 + n} Keller unter Wasser.", "published": f"2024-10-2{n}"}
             for n in range(8)]
    ids = client.post("/v1/claims", json={"claims": batch}, headers=AUTH).get_json()["ids"]
    document = client.post("/v1/documents", headers=AUTH, json={
        "text": "Die Polizei in Köln zählte am Montag 1200 Demonstranten. Am Dienstag waren es 800.",
        "published": "2024-10-28", "publisher": "Rheinische Post", "title": "Demo"}).get_json()
    before = snapshot(store_url)
    assert len(before["claims"]) == len(ids) + len(document["claims"]) and len(before["documents"]) == 1

    target = workdir / "backups" / "claims.backup"
    done = app.test_cli_runner().invoke(args=["backup", str(target)])
    assert done.exit_code == 0, done.output
    # Written after the backup: a restore must take the base back to the backup, without this.
    late = client.post("/v1/claims", json={"text": "Laut Polizei wurden in Kiel 77 Menschen gezählt."}, headers=AUTH)
    assert late.status_code == 201
    app.extensions["claimcheck.repo"].engine.dispose()
    wipe(store_url)

    restored_app = app_on(store_url)   # an empty base again, as after a reinstall
    assert snapshot(store_url) == {"claims": [], "documents": []}
    done = restored_app.test_cli_runner().invoke(args=["restore", "--yes", str(target)])
    assert done.exit_code == 0, done.output
    assert snapshot(store_url) == before

    client = app_on(store_url).test_client()
    assert [client.get(f"/v1/claims/{claim_id}").get_json()["text"] for claim_id in ids] == [b["text"] for b in batch]
    assert client.get(f"/v1/claims/{late.get_json()['id']}").status_code == 404
    assert client.get(f"/v1/documents/{document['id']}").get_json()["text"] == document["text"]
    found = client.post("/v1/check", json={"statement": "Laut Feuerwehr standen in Bremen 41 Keller unter Wasser."})
    assert ids[1] in {item["claim"]["id"] for relation in ("matching", "corroborating")
                      for item in found.get_json()[relation]}


def test_restore_refuses_a_file_that_is_no_backup(workdir, warm_encoder):
    app = app_on(f"sqlite:///{workdir / 'claims.db'}")
    junk = workdir / "junk.backup"
    junk.write_text("not a backup")
    done = app.test_cli_runner().invoke(args=["restore", "--yes", str(junk)])
    assert done.exit_code != 0 and "not a SQLite backup" in done.output


def test_backup_taken_while_writers_write_holds_whole_batches(store_url, workdir):
    """An online backup is a snapshot: each batch committed during it is in the backup whole or not at all."""
    engine = make_engine(store_url)
    migrate(engine)
    repo = Repository(engine)
    stop, batches = threading.Event(), []

    def write():
        rng = np.random.default_rng(3)
        while not stop.is_set():
            tag = f"b{len(batches)}"
            claims = []
            for n in range(BATCH):
                text_ = f"Laut Polizei wurden in Kiel {n} Menschen gezählt ({tag})."
                claim = Claim(text=text_, language="de", end=len(text_))
                claim.citation = Citation(None, "Wire", tag, None, "2024-10-28", text_, 0, len(text_))
                claims.append(claim)
            repo.add_claims(claims, rng.standard_normal((BATCH, 512)).astype(np.float32))
            batches.append(tag)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        while len(batches) < 3:
            time.sleep(0.01)
        target = workdir / "online.backup"
        backup(store_url, target)
        taken = len(batches)
        while len(batches) < taken + 3:
            time.sleep(0.01)
    finally:
        stop.set()
        writer.join()
    engine.dispose()
    wipe(store_url)
    migrate(make_engine(store_url))
    restore(store_url, target)

    rows = snapshot(store_url)["claims"]
    per_batch = Counter(row[3].rsplit("(", 1)[1].rstrip(").") for row in rows)
    assert set(per_batch.values()) == {BATCH}, per_batch       # no batch cut in half
    assert 3 <= len(per_batch) < len(batches)                  # written before the backup: in; long after: not
    assert set(per_batch) == {f"b{n}" for n in range(len(per_batch))}
