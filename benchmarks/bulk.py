"""Fill a claim base to a large size fast, for the benchmarks: the bulk write path with a bounded vocabulary.

Parsing and encoding a claim sentence costs about 1.7 ms of one core (benchmarks/README.md), so a million
real sentences would take about 15 minutes of both cores before anything is written. Instead `fill` parses
and encodes a bounded pool of distinct synthetic sentences (benchmarks/synth.py; `pool` of them, 20,000 by
default) once through the service's own path (service.ingest), then writes copies of them: each copy is the
parsed claim of a pool sentence with a new id, a new publisher, url and publication date (so the as_of cut
and the frames behave as in a real archive), and the pool sentence's vector moved by a small random vector
(so no two stored vectors are equal and the ANN graph is not built over duplicates; the copies of one
sentence stay its nearest neighbours). Rows go in through Repository.add_claims (one multi-row INSERT per
transaction of 20,000), the path `claimcheck import-claims` takes; then the index file is brought up to date
as the import does.
"""
from __future__ import annotations

import random
import time
from datetime import date, timedelta

import numpy as np

from service.ingest import ClaimInput, add_claims, parallel
from service.nlp.model import Claim
from service.store import Repository
from service.store.index import build

from .synth import PUBLISHERS, Generator

TRANSACTION = 20_000
NOISE = 0.04       # length of the random vector added to a copy (its cosine with the original is about 0.999)


def fill(repo: Repository, count: int, *, pool: int = 20_000, seed: int = 99, log=print) -> dict:
    """Add `count` claims; returns the seconds taken by each stage."""
    rng = random.Random(seed)
    noise = np.random.default_rng(seed)
    generator = Generator(seed=seed)
    timings = {}
    start = time.perf_counter()
    pool = min(pool, count)
    inputs = []
    for _ in range(pool):
        item = generator.claim()
        inputs.append(ClaimInput(text=item["text"], publisher=item["publisher"], title=item["title"],
                                 url=item["url"], published=date.fromisoformat(item["published"]),
                                 language=item["language"]))
    originals, vectors = [], []
    with parallel():
        for first in range(0, pool, TRANSACTION):
            stored = add_claims(repo, inputs[first:first + TRANSACTION])
            originals += stored
    vectors = _vectors(repo, [claim.id for claim in originals])
    timings["pool_s"] = time.perf_counter() - start
    log(f"    {pool:,} distinct sentences parsed, encoded and stored in {timings['pool_s']:.0f} s")
    start = time.perf_counter()
    left, written = count - pool, 0
    while left > 0:
        size = min(TRANSACTION, left)
        picks = [rng.randrange(pool) for _ in range(size)]
        claims = [_copy(originals[i], rng) for i in picks]
        moved = vectors[picks] + NOISE / np.sqrt(vectors.shape[1]) * noise.standard_normal((size, vectors.shape[1]))
        repo.add_claims(claims, moved.astype(np.float32))
        left -= size
        written += size
        if written % 200_000 < TRANSACTION:
            log(f"    {pool + written:,} claims written ({written / (time.perf_counter() - start):.0f}/s)")
    timings["copies_s"] = time.perf_counter() - start
    start = time.perf_counter()
    build(repo.engine)
    timings["index_s"] = time.perf_counter() - start
    log(f"    index file built in {timings['index_s']:.0f} s")
    return timings


def _vectors(repo: Repository, ids: list[str]) -> np.ndarray:
    from sqlalchemy import select

    from service.store.models import ClaimRow

    with repo.engine.connect() as connection:
        rows = dict(connection.execute(select(ClaimRow.id, ClaimRow.vector).where(ClaimRow.id.in_(ids))).all()) \
            if len(ids) < 30_000 else dict(connection.execute(select(ClaimRow.id, ClaimRow.vector)).all())
    return np.stack([np.frombuffer(rows[i], dtype=np.float16).astype(np.float32) for i in ids])


def _copy(claim: Claim, rng: random.Random) -> Claim:
    copy = Claim.from_dict({**claim.to_dict(), "start": claim.start, "end": claim.end, "extra": claim.extra})
    published = date(2023, 1, 1) + timedelta(days=rng.randrange(3 * 365))
    citation = claim.citation
    publisher = PUBLISHERS[rng.randrange(len(PUBLISHERS))]
    copy.citation = type(citation)(None, publisher, citation.title, f"https://example.org/{rng.getrandbits(48):x}",
                                   published.isoformat(), citation.quote, citation.start, citation.end)
    return copy
