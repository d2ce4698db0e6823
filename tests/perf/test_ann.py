"""The ANN base of the vector index: recall against an exact scan, its file (persisted, shared, reopened after
a restart without reading the vectors), deletes, claims that arrive after it, and a file left from another base."""
from datetime import date, timedelta

import numpy as np
import pytest

from service.nlp.model import Citation, Claim
from service.store import Repository, make_engine, migrate
from service.store.index import VectorIndex, index_path

DIM = 512


def _low_rank(rng, count, rank=24):
    """Vectors with a few dominant directions and dense clusters, like sentence vectors of news claims."""
    mixing = rng.standard_normal((rank, DIM)).astype(np.float32)
    return rng.standard_normal((count, rank)).astype(np.float32) @ mixing + \
        0.05 * rng.standard_normal((count, DIM)).astype(np.float32)


def _store(repo, vectors, start_day=date(2024, 1, 1), rng=None):
    rng = rng or np.random.default_rng(0)
    claims = []
    for i in range(len(vectors)):
        text = f"Claim {i}"
        claim = Claim(text=text, language="en", end=len(text))
        published = (start_day + timedelta(days=int(rng.integers(0, 300)))).isoformat()
        claim.citation = Citation(None, "Wire", "T", None, published, text, 0, len(text))
        claims.append(claim)
    ids = []
    for start in range(0, len(claims), 1000):
        ids += repo.add_claims(claims[start:start + 1000], vectors[start:start + 1000])
    return ids


def _exact(repo):
    return VectorIndex(repo.engine, path=None, ann_min=10**9)


def test_recall_at_200_against_an_exact_scan(repo, tmp_path):
    rng = np.random.default_rng(11)
    _store(repo, _low_rank(rng, 6000), rng=rng)
    exact = _exact(repo)
    ann = VectorIndex(repo.engine, path=tmp_path / "ann", ann_min=1000, background=False)
    ann.refresh()
    assert ann.base_size == 6000 and ann._n == 0, "every claim is searched through the base"
    recalls = []
    for _ in range(30):
        query = _low_rank(rng, 1)[0]
        expected = exact.search(query, 200)
        found = ann.search(query, 200)
        recalls.append(len({i for i, _ in found} & {i for i, _ in expected}) / 200)
        # the scores are true cosines (float16 vectors, as stored)
        common = dict(found).keys() & dict(expected).keys()
        assert {i: dict(found)[i] for i in common} == pytest.approx({i: dict(expected)[i] for i in common}, abs=2e-3)
    assert np.mean(recalls) >= 0.99, recalls
    # as_of: the claims published after the cut are left out, and enough are found before it
    cut = date(2024, 2, 1)
    query = _low_rank(rng, 1)[0]
    expected, found = exact.search(query, 200, as_of=cut), ann.search(query, 200, as_of=cut)
    assert len(found) == len(expected)
    assert len({i for i, _ in found} & {i for i, _ in expected}) >= 0.99 * len(expected)


def test_the_file_is_reopened_after_a_restart_without_reading_vectors(repo, tmp_path):
    rng = np.random.default_rng(12)
    ids = _store(repo, _low_rank(rng, 2500), rng=rng)
    path = tmp_path / "ann"
    VectorIndex(repo.engine, path=path, ann_min=1000, background=False).refresh()
    assert (path / "current.json").exists()

    # A restarted process: what it reads from the database is the max(seq) and count(*) only.
    reads = []
    from sqlalchemy import event

    @event.listens_for(repo.engine, "before_cursor_execute")
    def _seen(conn, cursor, statement, parameters, context, executemany):
        reads.append(statement)

    again = VectorIndex(repo.engine, path=path, ann_min=1000, background=False)
    again.refresh()
    event.remove(repo.engine, "before_cursor_execute", _seen)
    assert again.base_size == 2500 and again._n == 0
    assert isinstance(again._base.seqs, np.memmap) and isinstance(again._base._order, np.memmap)
    assert not any("claims.vector" in statement for statement in reads), reads
    query = _low_rank(rng, 1)[0]
    assert [i for i, _ in again.search(query, 10)] == [i for i, _ in _exact(repo).search(query, 10)]
    assert set(again.similarities(query, ids[:5])) == set(ids[:5])


def test_deletes_and_new_claims_with_a_base(repo, tmp_path):
    rng = np.random.default_rng(13)
    vectors = _low_rank(rng, 2000)
    ids = _store(repo, vectors, rng=rng)
    index = VectorIndex(repo.engine, path=tmp_path / "ann", ann_min=1000, delta_max=500, background=False)
    index.refresh()
    assert index.base_size == 2000
    # deleted through another process's Repository: gone on the next search (count(*) tells)
    Repository(repo.engine).delete(ids[0])
    assert ids[0] not in {i for i, _ in index.search(vectors[0], 5)}
    # deleted through this process (Repository.delete, then forget): gone at once, without a count
    Repository(repo.engine).delete(ids[1])
    index.forget(ids[1])
    assert ids[1] not in {i for i, _ in index.search(vectors[1], 5)}
    assert ids[1] not in index.similarities(vectors[1], [ids[1]])
    # new claims: searched exactly in the delta, then folded into the next generation of the base
    more = _store(repo, vectors[:600] + 0.01, rng=rng)
    assert [i for i, _ in index.search(vectors[5] + 0.01, 1)] == [more[5]]
    index.refresh()
    assert index._base.generation == 2 and index._n == 0 and len(index) == 2598
    assert [i for i, _ in index.search(vectors[5] + 0.01, 1)] == [more[5]]
    assert ids[0] not in {i for i, _ in index.search(vectors[0], 5)}
    assert len(index.search(vectors[0], None)) == 2598
    # another process opening the directory now gets the newer generation
    other = VectorIndex(repo.engine, path=tmp_path / "ann", ann_min=1000, background=False)
    other.refresh()
    assert other._base.generation == 2 and len(other) == 2598


def test_a_file_left_from_another_base_is_not_used(tmp_path, warm_encoder):
    rng = np.random.default_rng(14)
    path = tmp_path / "shared-ann"
    first = make_engine(f"sqlite:///{tmp_path / 'a.db'}")
    migrate(first)
    _store(Repository(first), _low_rank(rng, 1200), rng=rng)
    VectorIndex(first, path=path, ann_min=1000, background=False).refresh()
    # Another base with the same seqs and other claims (a restore, a refill) meets the same directory.
    second = make_engine(f"sqlite:///{tmp_path / 'b.db'}")
    migrate(second)
    theirs = _store(Repository(second), _low_rank(rng, 1200), rng=rng)
    index = VectorIndex(second, path=path, ann_min=10**9, background=False)
    query = _low_rank(rng, 1)[0]
    assert {i for i, _ in index.search(query, None)} == set(theirs)
    first.dispose()
    second.dispose()


def test_index_path_beside_the_base():
    assert index_path("sqlite:///var/claims.db").as_posix() == "var/claims.db.index"
    assert index_path("sqlite://") is None
    one = index_path("postgresql+psycopg://u:secret@db/claims")
    assert "secret" not in str(one) and one != index_path("postgresql+psycopg://u:secret@other/claims")


def test_an_unwritable_index_directory_keeps_the_base_in_memory(repo, tmp_path):
    rng = np.random.default_rng(15)
    vectors = _low_rank(rng, 1200)
    ids = _store(repo, vectors, rng=rng)
    (tmp_path / "a-file").write_text("not a directory")
    index = VectorIndex(repo.engine, path=tmp_path / "a-file" / "ann", ann_min=1000)
    assert [i for i, _ in index.search(vectors[3], 1)] == [ids[3]]
    assert index.base_size == 1200 and index._path is None


def test_a_worker_hands_the_next_generation_to_a_builder_process(repo, tmp_path):
    """A served process does not build: it starts `python -m service.store.index`, keeps answering from the
    delta, and switches to the new file on its first search after the builder wrote it."""
    rng = np.random.default_rng(16)
    vectors = _low_rank(rng, 1500)
    ids = _store(repo, vectors, rng=rng)
    path = tmp_path / "ann"
    index = VectorIndex(repo.engine, path=path, ann_min=1000, delta_max=300)
    assert [i for i, _ in index.search(vectors[7], 1)] == [ids[7]]      # from the delta, while it builds
    assert index._builder is not None and index._builder.wait(300) == 0
    assert [i for i, _ in index.search(vectors[7], 1)] == [ids[7]]
    assert index._base is not None and index.base_size == 1500 and index._n == 0
    more = _store(repo, vectors[:400] + 0.01, rng=rng)
    index.search(vectors[0], 1)                                           # delta 400 >= 300: next builder
    assert index._builder.wait(300) == 0
    assert [i for i, _ in index.search(vectors[9] + 0.01, 1)] == [more[9]]
    assert index._base.generation == 2 and len(index) == 1900 and index._n == 0


def _copies(rng, sentences, copies, noise=0.04):
    """`copies` near-identical vectors of each of `sentences` distinct ones (one wire sentence printed by
    many papers), shuffled: such a cluster defeats HNSW's neighbour pruning unless grouped."""
    distinct = _low_rank(rng, sentences)
    which = np.repeat(np.arange(sentences), copies)
    rng.shuffle(which)
    moved = distinct[which] / np.linalg.norm(distinct[which], axis=1, keepdims=True)
    return moved + noise / np.sqrt(DIM) * rng.standard_normal(moved.shape).astype(np.float32), which


def _same_ranking(found, expected):
    """The same claims with the same cosines, up to the order of near-ties (float16 rounding)."""
    found, expected = dict(found), dict(expected)
    kth = min(expected.values())
    missing = {i for i in expected.keys() - found.keys() if expected[i] > kth + 2e-3}
    common = found.keys() & expected.keys()
    return not missing and len(common) >= 0.97 * len(expected) and \
        all(abs(found[i] - expected[i]) <= 2e-3 for i in common)


def test_near_identical_copies_are_one_graph_node_and_found_exactly(repo, tmp_path):
    rng = np.random.default_rng(21)
    vectors, which = _copies(rng, 60, 50)
    vectors = np.concatenate([vectors, _low_rank(rng, 1000)])        # and distinct claims beside them
    ids = _store(repo, vectors, rng=rng)
    exact = _exact(repo)
    path = tmp_path / "ann"
    ann = VectorIndex(repo.engine, path=path, ann_min=1000, background=False)
    ann.refresh()
    assert ann.base_size == 4000 and ann._n == 0
    assert len(ann._base.graph) < 1200 and len(ann._base.groups) > 2800, "each cluster of copies is one node"
    reopened = VectorIndex(repo.engine, path=path, ann_min=1000, background=False)
    reopened.refresh()
    assert len(reopened._base.groups) == len(ann._base.groups)
    recalls = []
    for i in range(20):
        query = vectors[rng.integers(0, 3000)] + 0.3 * _low_rank(rng, 1)[0] / 10
        expected = exact.search(query, 200)
        found = reopened.search(query, 200)
        recalls.append(len({i for i, _ in found} & {i for i, _ in expected}) / 200)
        # members are scored from their own vectors: the cosines are the exact scan's
        common = dict(found).keys() & dict(expected).keys()
        assert {i: dict(found)[i] for i in common} == pytest.approx({i: dict(expected)[i] for i in common}, abs=2e-3)
    assert np.mean(recalls) >= 0.99, recalls
    # a member's similarity comes from the groups' vectors, a node's from the graph
    member = next(i for i, row in enumerate(reopened._base.member.tolist()) if row >= 0)
    node = next(i for i, row in enumerate(reopened._base.member.tolist()) if row < 0)
    both = [reopened._base.ids[member].decode(), reopened._base.ids[node].decode()]
    assert reopened.similarities(vectors[0], both) == pytest.approx(exact.similarities(vectors[0], both), abs=2e-3)


def test_a_deleted_node_still_leads_to_its_copies(repo, tmp_path):
    rng = np.random.default_rng(22)
    vectors, which = _copies(rng, 20, 60)
    ids = _store(repo, vectors, rng=rng)
    index = VectorIndex(repo.engine, path=tmp_path / "ann", ann_min=1000, delta_max=200, background=False)
    index.refresh()
    base = index._base
    nodes = [base.ids[row].decode() for row in np.flatnonzero(np.asarray(base.member) < 0).tolist()]
    assert len(nodes) < 40
    # delete every node: their copies are still found, the nodes are not
    for claim_id in nodes:
        Repository(repo.engine).delete(claim_id)
        index.forget(claim_id)
    query = vectors[0]
    found = [i for i, _ in index.search(query, 100)]
    assert not set(found) & set(nodes)
    assert _same_ranking(index.search(query, 100), _exact(repo).search(query, 100))
    # the next generation (more claims arrive) keeps the deleted nodes that lead to copies, and no row of theirs
    more = _store(repo, vectors[:300] + 0.001, rng=rng)
    index.search(query, 1)
    index.refresh()
    assert index._base.generation == 2 and index._n == 0 and len(index) == 1200 - len(nodes) + 300
    assert _same_ranking(index.search(query, 100), _exact(repo).search(query, 100))
    assert set(more) <= {i for i, _ in index.search(query, None)}


def test_member_vectors_are_read_by_row_without_a_mapping(tmp_path):
    from service.store.index import _FileRows

    rows = np.random.default_rng(23).standard_normal((300, DIM)).astype(np.float16)
    np.save(tmp_path / "m.npy", rows)
    file_rows = _FileRows(tmp_path / "m.npy")
    assert len(file_rows) == 300
    for positions in ([5], [7, 3, 4, 5, 299, 0, 4], np.arange(100, 180), []):
        assert np.array_equal(file_rows[positions], rows[np.asarray(positions, dtype=np.int64)])
    assert str(tmp_path / "m.npy") not in open("/proc/self/maps").read()
