"""Load: checks and writes at once against gunicorn (2 workers) for a bounded time; every answer a success,
and the claim base afterwards holds exactly what the clients were told was stored."""
from __future__ import annotations

import os

from tests.reliability.servers import stored_claims, stored_documents
from tests.reliability.traffic import Client, Ledger, assert_base_matches, run_clients

SECONDS = float(os.environ.get("CLAIMCHECK_LOAD_SECONDS", "30"))


def test_load_loses_nothing(workdir, start_server):
    url = f"sqlite:///{workdir / 'claims.db'}"
    server = start_server(url, workers=2)
    ledger = Ledger()
    seed = Client(server.url, ledger, "seed")
    for _ in range(3):
        seed.add_batch(20)

    clients = [Client(server.url, ledger, f"client{n}") for n in range(6)]
    plans = [[clients[0].check], [clients[1].check], [clients[2].check],
             [clients[3].add_claim, clients[3].add_batch],
             [clients[4].add_document, clients[4].add_claim],
             [clients[5].add_batch, clients[5].check, clients[5].delete_one]]
    run_clients(plans, seconds=SECONDS)

    assert_base_matches(ledger, stored_claims(url), stored_documents(url))
    writes = sum(len(ledger.latencies.get(kind, [])) for kind in ("claim", "batch", "document", "delete"))
    assert writes and ledger.latencies.get("check"), "the load ran no writes or no checks"
    print(f"\n[load] {SECONDS:.0f}s, 2 workers, 6 clients: {ledger.requests} requests "
          f"({ledger.requests / SECONDS:.1f}/s), 0 errors, {len(ledger.claims)} claims and {len(ledger.documents)} "
          f"documents stored, {len(ledger.deleted)} deleted, none lost or twice; {ledger.summary()}")
