"""Writes and checks sent by many client threads at once, each answer recorded with its latency."""
from __future__ import annotations

import hashlib
import itertools
import threading
import time
from dataclasses import dataclass, field

import requests

from tests.reliability.servers import AUTH

PLACES = ["Berlin", "Hamburg", "Köln", "München", "Leipzig", "Dresden", "Bremen", "Kiel"]
STATEMENTS = [
    "Die Feuerwehr in Hamburg meldete 250 Einsätze.",
    "Police in Berlin counted 3,000 protesters.",
    "Laut Polizei demonstrierten in Köln rund 1200 Menschen.",
    "The fire brigade says 40 cellars were flooded in Bremen.",
    "In Leipzig wurden 15 Menschen verletzt.",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


@dataclass
class Ledger:
    """What was sent and what came back, shared by the client threads."""
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    claims: dict[str, str] = field(default_factory=dict)   # id -> text sent, one by one or in batches
    documents: dict[str, tuple[str, list[str]]] = field(default_factory=dict)   # id -> (content hash, claim ids)
    deleted: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, seconds: float, error: str | None = None) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)
            if error:
                self.errors.append(f"{kind}: {error}")

    def summary(self) -> str:
        parts = []
        for kind, values in sorted(self.latencies.items()):
            parts.append(f"{kind} n={len(values)} p50={percentile(values, .5) * 1000:.0f}ms "
                         f"p95={percentile(values, .95) * 1000:.0f}ms")
        return "; ".join(parts)

    @property
    def requests(self) -> int:
        return sum(len(values) for values in self.latencies.values())


class Client:
    """One client thread's requests; every text it writes is unique, so the base can be compared with the ledger."""

    _serial = itertools.count()

    def __init__(self, base_url: str, ledger: Ledger, name: str):
        self.base_url, self.ledger, self.name = base_url, ledger, name
        self.session = requests.Session()

    def _post(self, kind: str, path: str, body: dict, expected: tuple[int, ...], auth: bool = True):
        started = time.monotonic()
        try:
            answer = self.session.post(self.base_url + path, json=body, headers=AUTH if auth else {}, timeout=180)
        except requests.RequestException as error:
            self.ledger.record(kind, time.monotonic() - started, repr(error))
            return None
        elapsed = time.monotonic() - started
        if answer.status_code not in expected:
            self.ledger.record(kind, elapsed, f"{answer.status_code} {answer.text[:300]}")
            return None
        self.ledger.record(kind, elapsed)
        return answer.json()

    def sentence(self) -> str:
        n = next(self._serial)
        return f"Laut Polizei wurden in {PLACES[n % len(PLACES)]} {1000 + n} Menschen gezählt ({self.name} {n})."

    def check(self) -> None:
        n = next(self._serial)
        body = self._post("check", "/v1/check", {"statement": STATEMENTS[n % len(STATEMENTS)]}, (200,), auth=False)
        if body is not None and not {"matching", "corroborating", "conflicting", "related"} <= set(body):
            self.ledger.record("check", 0.0, f"answer without the lists: {list(body)}")

    def add_claim(self) -> None:
        text = self.sentence()
        body = self._post("claim", "/v1/claims", {"text": text, "published": "2024-10-28"}, (201,))
        if body is not None:
            with self.ledger.lock:
                self.ledger.claims[body["id"]] = text

    def add_batch(self, size: int = 10) -> None:
        texts = [self.sentence() for _ in range(size)]
        body = self._post("batch", "/v1/claims", {"claims": [{"text": text} for text in texts]}, (201,))
        if body is not None:
            with self.ledger.lock:
                self.ledger.claims.update(zip(body["ids"], texts, strict=True))

    def add_document(self, sentences: int = 3) -> None:
        text = " ".join(self.sentence() for _ in range(sentences))
        body = self._post("document", "/v1/documents", {"text": text, "published": "2024-10-28"}, (201,))
        if body is not None:
            with self.ledger.lock:
                self.ledger.documents[body["id"]] = (hashlib.sha256(text.encode()).hexdigest(),
                                                     [claim["id"] for claim in body["claims"]])

    def delete_one(self) -> None:
        with self.ledger.lock:
            victim = next((claim_id for claim_id in self.ledger.claims if claim_id not in self.ledger.deleted), None)
            if victim is None:
                return
            self.ledger.deleted.add(victim)
        started = time.monotonic()
        try:
            answer = self.session.delete(f"{self.base_url}/v1/claims/{victim}", headers=AUTH, timeout=180)
            error = None if answer.status_code == 204 else f"{answer.status_code} {answer.text[:300]}"
        except requests.RequestException as failure:
            error = repr(failure)
        self.ledger.record("delete", time.monotonic() - started, error)


def run_clients(plans: list, *, seconds: float | None = None, rounds: int | None = None,
                until: list | None = None) -> None:
    """Run each plan (a list of Client methods, cycled, each at least once) in its own thread, for `seconds`
    or `rounds` cycles, or as long as the plans of `until`, each run once, take."""
    stop = threading.Event()

    def loop(steps):
        for done, step in enumerate(itertools.cycle(steps)):
            if (stop.is_set() and done >= len(steps)) or (rounds is not None and done >= rounds * len(steps)):
                return
            step()

    threads = [threading.Thread(target=loop, args=(steps,), daemon=True) for steps in plans]
    for thread in threads:
        thread.start()
    if until is not None:
        finite = [threading.Thread(target=lambda steps=steps: [step() for step in steps]) for steps in until]
        for thread in finite:
            thread.start()
        for thread in finite:
            thread.join()
        stop.set()
    if seconds is not None:
        stop.wait(seconds)
        stop.set()
    for thread in threads:
        thread.join(300)


def assert_base_matches(ledger: Ledger, claims: list[tuple], documents: list[tuple]) -> None:
    """The base holds exactly what the ledger says was stored: nothing lost, nothing twice, nothing changed."""
    assert not ledger.errors, ledger.errors[:5]
    ids = [claim_id for claim_id, _, _ in claims]
    assert len(ids) == len(set(ids)), "a claim id is stored twice"
    loose = {claim_id: text for claim_id, text, document in claims if document is None}
    expected = {claim_id: text for claim_id, text in ledger.claims.items() if claim_id not in ledger.deleted}
    assert loose == expected
    assert sorted(loose.values()) == sorted(set(loose.values())), "a claim text is stored twice"
    by_document: dict[str, list[str]] = {}
    for claim_id, _, document in claims:
        if document is not None:
            by_document.setdefault(document, []).append(claim_id)
    assert {doc_id: digest for doc_id, digest in documents} == \
        {doc_id: digest for doc_id, (digest, _) in ledger.documents.items()}
    assert {doc_id: sorted(ids) for doc_id, ids in by_document.items()} == \
        {doc_id: sorted(ids) for doc_id, (_, ids) in ledger.documents.items() if ids}
