"""Load: checks and writes at once against gunicorn (2 workers) for a bounded time; every answer a success,
and the claim base afterwards holds exactly what the clients were told was stored, each claim findable."""
from __future__ import annotations

import os
import random

import requests

from tests.reliability.servers import stored_claims, stored_documents
from tests.reliability.traffic import Client, Ledger, assert_base_matches, run_clients

SECONDS = float(os.environ.get("CLAIMCHECK_LOAD_SECONDS", "20"))


def test_load_loses_nothing(store_url, start_server):
    server = start_server(store_url, workers=2)
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

    assert_base_matches(ledger, stored_claims(store_url), stored_documents(store_url))
    writes = sum(len(ledger.latencies.get(kind, [])) for kind in ("claim", "batch", "document", "delete"))
    assert writes and ledger.latencies.get("check"), "the load ran no writes or no checks"
    # Every worker's vector index kept up with the writes of the others: a stored claim is found by its own text.
    kept = sorted(claim_id for claim_id in ledger.claims if claim_id not in ledger.deleted)
    for claim_id in random.Random(8).sample(kept, min(20, len(kept))):
        found = requests.get(server.url + "/v1/claims", params={"q": ledger.claims[claim_id], "limit": 10},
                             timeout=60).json()
        assert claim_id in [item["claim"]["id"] for item in found["items"]]
    print(f"\n[load] {store_url.split(':')[0].split('+')[0]}: {SECONDS:.0f}s, 2 workers, 6 clients: {ledger.requests} "
          f"requests ({ledger.requests / SECONDS:.1f}/s), 0 errors, {len(ledger.claims)} claims and "
          f"{len(ledger.documents)} documents stored, {len(ledger.deleted)} deleted, none lost or twice; "
          f"{ledger.summary()}")
