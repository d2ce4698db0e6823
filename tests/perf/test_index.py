"""The vector index gives what a full scan of the stored vectors gives, follows other processes'
writes at once, and its claim cache never answers with a deleted claim or a different answer."""
import multiprocessing
from datetime import date, timedelta

import numpy as np
import pytest
from sqlalchemy import select

from service import checker
from service.ingest import ClaimInput, add_claims
from service.nlp.model import Citation, Claim
from service.store import Repository, make_engine
from service.store.index import VectorIndex
from service.store.models import ClaimRow

DIM = 512


def _random_claims(repo, rng, count, start_day=date(2024, 1, 1)):
    claims, vectors = [], rng.standard_normal((count, DIM)).astype(np.float32)
    vectors[::17] *= 40          # some long vectors: the index must compare directions only
    for i in range(count):
        text = f"Claim {i} with {rng.integers(1, 10**6)} things"
        claim = Claim(text=text, language="en", end=len(text), subject_key=f"k{i % 7}")
        published = (start_day + timedelta(days=int(rng.integers(0, 300)))).isoformat()
        claim.citation = Citation(None, "Wire", "T", None, published, text, 0, len(text))
        claims.append(claim)
    return repo.add_claims(claims, vectors)


def _brute_force(engine, query, k, as_of=None):
    """Cosine of the query with every stored vector, computed from scratch from the rows."""
    with engine.connect() as connection:
        rows = connection.execute(select(ClaimRow.id, ClaimRow.published, ClaimRow.vector)).all()
    query = np.asarray(query, dtype=np.float32)
    scored = []
    for row in rows:
        if as_of is not None and row.published is not None and row.published > as_of:
            continue
        vector = np.frombuffer(row.vector, dtype=np.float16).astype(np.float32)
        scored.append((row.id, float(vector @ query / (np.linalg.norm(vector) or 1.0))))
    scored.sort(key=lambda pair: -pair[1])
    return scored[:k]


def _same(found, expected):
    assert [claim_id for claim_id, _ in found] == [claim_id for claim_id, _ in expected]
    assert [score for _, score in found] == pytest.approx([score for _, score in expected], abs=1e-5)


def test_search_equals_a_full_scan_through_growth_and_deletes(repo):
    rng = np.random.default_rng(3)
    index = VectorIndex(repo.engine)
    ids = []
    for batch in (5, 1000, 60, 1):            # past the first capacity, then grown in place
        ids += _random_claims(repo, rng, batch)
        query = rng.standard_normal(DIM).astype(np.float32)
        query /= np.linalg.norm(query)
        _same(index.search(query, 50), _brute_force(repo.engine, query, 50))
    for claim_id in ids[::9]:
        repo.delete(claim_id)
    query = rng.standard_normal(DIM).astype(np.float32)
    query /= np.linalg.norm(query)
    _same(index.search(query, 200), _brute_force(repo.engine, query, 200))
    cut = date(2024, 3, 1)
    _same(index.search(query, 40, as_of=cut), _brute_force(repo.engine, query, 40, as_of=cut))
    assert len(index.search(query, None)) == len(index) == len(ids) - len(ids[::9])
    some = ids[1:30]
    alive = set(some) - set(ids[::9])
    scores = index.similarities(query, some)
    assert set(scores) == alive
    expected = dict(_brute_force(repo.engine, query, len(ids)))
    for claim_id, score in scores.items():
        assert score == pytest.approx(expected[claim_id], abs=1e-5)


def test_frame_ids_follow_by_frame_order(repo):
    rng = np.random.default_rng(4)
    _random_claims(repo, rng, 60)
    for key in ("k0", "k3"):
        for as_of in (None, date(2024, 5, 1)):
            expected = [claim.id for claim in repo.by_frame(key, as_of=as_of, limit=5)]
            assert repo.index.frame_ids(key, as_of=as_of, limit=5) == expected


def _writer(url, text, vector, queue):
    repo = Repository(make_engine(url))
    claim = Claim(text=text, language="en", end=len(text))
    claim.citation = Citation(None, "Wire", "T", None, "2024-10-28", text, 0, len(text))
    queue.put(repo.add_claims([claim], np.asarray([vector]))[0])


def test_a_claim_written_by_another_process_is_found_by_the_next_search(repo):
    """Another process on the same base stands for another worker or replica: what it commits is
    found by the very next search here, with no waiting or polling (so well within a second)."""
    url = repo.engine.url.render_as_string(hide_password=False)
    query = np.random.default_rng(6).standard_normal(DIM).astype(np.float32)
    repo.index.refresh()
    assert repo.nearest(query, 5) == []
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_writer, args=(url, "Police counted 4,200 protesters.", query, queue))
    process.start()
    claim_id = queue.get(timeout=120)
    assert [claim.id for claim, _ in repo.nearest(query, 5)] == [claim_id]
    process.join(60)
    assert process.exitcode == 0


def test_checks_answer_the_same_with_and_without_the_claim_cache(app):
    repo = app.extensions["claimcheck.repo"]
    texts = ["Laut Polizei demonstrierten rund 12.000 Menschen in Leipzig.",
             "Das Pentagon spricht von 10.000 nordkoreanischen Soldaten in Russland.",
             "Kyiv Post: up to 10,000 North Korean troops are in Russia.",
             "Ukraine says 3,000 North Korean soldiers are in Russia."]
    stored = add_claims(repo, [ClaimInput(t, published=date(2024, 10, 28)) for t in texts])
    statement = "US says 10,000 troops"
    cached = checker.check(repo, statement, as_of=date(2024, 11, 1))
    again = checker.check(repo, statement, as_of=date(2024, 11, 1))
    uncached_repo = Repository(repo.engine)
    uncached_repo.index = VectorIndex(repo.engine, claim_cache=0)
    assert cached == again == checker.check(uncached_repo, statement, as_of=date(2024, 11, 1))
    assert sum(len(cached[name]) for name in checker.RELATIONS) >= 2
    # A deleted claim leaves every answer, however often it was served from the cache before.
    first = cached["matching"][0]["claim"]["id"] if cached["matching"] else cached["corroborating"][0]["claim"]["id"]
    assert Repository(repo.engine).delete(first)     # through another process's Repository
    after = checker.check(repo, statement, as_of=date(2024, 11, 1))
    assert first not in {item["claim"]["id"] for name in checker.RELATIONS for item in after[name]}
    assert first not in repo.index._claims
    assert {c.id for c in stored} > {item["claim"]["id"] for name in checker.RELATIONS for item in after[name]}


def test_claim_cache_is_bounded(repo):
    rng = np.random.default_rng(5)
    ids = _random_claims(repo, rng, 50)
    index = VectorIndex(repo.engine, claim_cache=10)
    loads = []

    def load(missing):
        loads.append(len(missing))
        return repo.get_many(missing)

    assert set(index.claims(ids, load)) == set(ids)
    assert len(index._claims) == 10
    assert set(index.claims(ids[-10:], load)) == set(ids[-10:])
    assert loads == [50]        # the 10 most recent came from the cache


def test_deletes_by_other_processes_are_seen_within_the_interval_on_a_large_base(repo, monkeypatch):
    """On a large base count(*) is not run before every search; a delete elsewhere shows within the interval."""
    import service.store.index as index_module

    rng = np.random.default_rng(8)
    ids = _random_claims(repo, rng, 30)
    monkeypatch.setattr(index_module, "ALWAYS_COUNT", 10)
    monkeypatch.setattr(index_module, "DELETE_CHECK_INTERVAL", 3600.0)
    index = VectorIndex(repo.engine)
    query = rng.standard_normal(DIM).astype(np.float32)
    assert len(index.search(query, None)) == 30
    Repository(repo.engine).delete(ids[0])
    assert len(index.search(query, None)) == 30        # not looked for yet
    monkeypatch.setattr(index_module, "DELETE_CHECK_INTERVAL", 0.0)
    assert ids[0] not in {claim_id for claim_id, _ in index.search(query, None)}
    repo.delete(ids[1])                                 # through this process: gone at once
    assert ids[1] not in {claim_id for claim_id, _ in repo.index.search(query, None)}


