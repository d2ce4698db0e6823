"""The claim vectors of the base held in one numpy matrix per process, kept in step with the database,
and a bounded cache of the stored claims that checks keep coming back to."""
from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from datetime import date
from typing import Callable, Iterable, Optional, Sequence

import numpy as np
from sqlalchemy import Engine, func, select

from service.encoder import DIM

from .models import ClaimRow

# Claims without a publication date are never left out by an as_of cut.
_UNDATED = 0
# Rows read per round trip when the index catches up (bounds the transient memory of a cold start).
_CHUNK = 20_000
# From this many claims on, a search first ranks every claim in a low-dimensional projection (the
# principal directions of the stored vectors) and computes the exact cosine only for the best
# PREFILTER_FACTOR * k of them: a scan of RANK instead of DIM numbers per claim. Below it, or when
# all claims are asked for, every cosine is exact.
PREFILTER_MIN = int(os.environ.get("CLAIMCHECK_PREFILTER_MIN", "50000"))
RANK = 96
PREFILTER_FACTOR = 15
_SAMPLE = 8192
# New claims are looked for before every search (max(seq) is an index lookup). Deletions by other
# processes need count(*), a scan of the table, so they are looked for at most this often (seconds);
# deletions through this process's Repository are applied at once (see forget()).
# Below ALWAYS_COUNT claims the count is cheap and runs before every search.
DELETE_CHECK_INTERVAL = float(os.environ.get("CLAIMCHECK_DELETE_CHECK_INTERVAL", "0.25"))
ALWAYS_COUNT = 20_000


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float16).tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float16).astype(np.float32)


def _unit_rows(blobs: Sequence[bytes]) -> np.ndarray:
    """The stored float16 vectors as unit-length float32 rows (the same values as from_bytes + normalising)."""
    vectors = np.frombuffer(b"".join(blobs), dtype=np.float16).reshape(len(blobs), DIM).astype(np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    vectors /= norms
    return vectors


class VectorIndex:
    """Cosine search over every stored claim.

    Other workers and replicas write to the same database, so before each search a cheap
    max(seq) query tells whether claims were added (load only the rows past the newest seq held);
    at most every DELETE_CHECK_INTERVAL a count(*) tells whether claims were deleted (drop the
    seqs that are gone). Seqs are never reused.

    The rows live in preallocated arrays that grow geometrically, so adding a batch copies only
    the batch (not the whole matrix). Loaded in the gunicorn master before it forks (see
    gunicorn.conf.py), the matrix is shared copy-on-write by all workers.
    """

    def __init__(self, engine: Engine, claim_cache: Optional[int] = None, prefilter_min: Optional[int] = None):
        self._engine = engine
        self._prefilter_min = PREFILTER_MIN if prefilter_min is None else prefilter_min
        self._basis: Optional[np.ndarray] = None      # DIM x RANK, once there are prefilter_min claims
        self._basis_n = 0
        self._projected = np.zeros((0, RANK), dtype=np.float32)
        self._lock = threading.RLock()
        self._n = 0
        self._seqs = np.zeros(0, dtype=np.int64)
        self._days = np.zeros(0, dtype=np.int64)
        self._matrix = np.zeros((0, DIM), dtype=np.float32)
        self._ids: list[str] = []
        self._position: dict[str, int] = {}   # id -> row
        self._max_seq = 0
        self._counted_at = float("-inf")
        self._cache_size = int(os.environ.get("CLAIMCHECK_CLAIM_CACHE", "20000")) if claim_cache is None else claim_cache
        self._claims: OrderedDict = OrderedDict()   # id -> Claim, least recently used first

    def __len__(self) -> int:
        return self._n

    def refresh(self) -> None:
        """Catch up with the database now (at start-up, rather than on the first request)."""
        with self._lock:
            self._refresh()

    def search(self, vector: np.ndarray, k: Optional[int] = None,
               as_of: Optional[date] = None) -> list[tuple[str, float]]:
        """(claim id, cosine) of the k closest claims, best first; claims published after as_of left out."""
        with self._lock:
            self._refresh()
            n = self._n
            if not n:
                return []
            query = np.asarray(vector, dtype=np.float32).reshape(-1)
            k = n if k is None else min(k, n)
            if self._basis is not None and k * PREFILTER_FACTOR < n:
                rows = self._prefilter(query, k * PREFILTER_FACTOR, as_of)
                scores = self._matrix[rows] @ query
            else:
                rows = None
                scores = self._matrix[:n] @ query
                if as_of is not None:
                    scores[self._days[:n] > as_of.toordinal()] = -np.inf
            m = len(scores)
            top = np.argpartition(-scores, k - 1)[:k] if k < m else np.arange(m)
            top = top[np.argsort(-scores[top], kind="stable")]
            ids = self._ids
            if rows is not None:
                return [(ids[rows[i]], float(scores[i])) for i in top.tolist() if scores[i] != -np.inf]
            return [(ids[i], float(scores[i])) for i in top.tolist() if scores[i] != -np.inf]

    def _prefilter(self, query: np.ndarray, count: int, as_of: Optional[date]) -> np.ndarray:
        """Rows of the `count` claims closest to the query in the projection (published by as_of)."""
        n = self._n
        approximate = self._projected[:n] @ (query @ self._basis)
        if as_of is not None:
            approximate[self._days[:n] > as_of.toordinal()] = -np.inf
        rows = np.argpartition(-approximate, count - 1)[:count]
        return rows[approximate[rows] != -np.inf]

    def _fit_projection(self) -> None:
        """Principal directions of (a spread-out sample of) the stored vectors, and every claim projected."""
        n = self._n
        sample = self._matrix[np.linspace(0, n - 1, min(n, _SAMPLE)).astype(np.int64)]
        _, vectors = np.linalg.eigh(sample.T @ sample)
        self._basis = np.ascontiguousarray(vectors[:, ::-1][:, :RANK], dtype=np.float32)
        self._basis_n = n
        self._projected = np.empty((len(self._seqs), RANK), dtype=np.float32)
        for start in range(0, n, _CHUNK):
            self._projected[start:min(n, start + _CHUNK)] = self._matrix[start:min(n, start + _CHUNK)] @ self._basis

    def similarities(self, vector: np.ndarray, claim_ids) -> dict[str, float]:
        """Cosine of `vector` with each of the given claims that the index holds."""
        with self._lock:
            self._refresh()
            rows = [(claim_id, self._position[claim_id]) for claim_id in claim_ids if claim_id in self._position]
            if not rows:
                return {}
            scores = self._matrix[[i for _, i in rows]] @ np.asarray(vector, dtype=np.float32).reshape(-1)
            return {claim_id: float(score) for (claim_id, _), score in zip(rows, scores)}

    def frame_ids(self, subject_key: str, as_of: Optional[date] = None, limit: int = 500) -> list[str]:
        """Ids of the claims about the same counted thing, newest first (the order of Repository.by_frame)."""
        query = select(ClaimRow.id).where(ClaimRow.subject_key == subject_key)
        if as_of is not None:
            query = query.where((ClaimRow.published <= as_of) | ClaimRow.published.is_(None))
        query = query.order_by(ClaimRow.published.desc().nulls_last(), ClaimRow.seq.desc()).limit(limit)
        with self._engine.connect() as connection:
            return list(connection.execute(query).scalars())

    def claims(self, claim_ids: Iterable[str], load: Callable[[list[str]], list]) -> dict:
        """The stored claims with these ids, from the cache or else through `load` (Repository.get_many).

        Stored claims never change (a claim is added or deleted, never edited) and ids are never
        reused, so a cached claim stays right for as long as the claim exists; deleted claims leave
        the cache when the index sees them go. Callers must not modify the claims they get.
        """
        found, missing = {}, []
        with self._lock:
            for claim_id in claim_ids:
                claim = self._claims.get(claim_id)
                if claim is None:
                    missing.append(claim_id)
                else:
                    self._claims.move_to_end(claim_id)
                    found[claim_id] = claim
        if missing:
            loaded = load(missing)
            with self._lock:
                for claim in loaded:
                    found[claim.id] = claim
                    if self._cache_size > 0:
                        self._claims[claim.id] = claim
                while len(self._claims) > self._cache_size:
                    self._claims.popitem(last=False)
        return found

    def forget(self, claim_id: str) -> None:
        """A claim deleted through this process: out of the index and the cache now."""
        with self._lock:
            self._claims.pop(claim_id, None)
            row = self._position.get(claim_id)
            if row is not None:
                mask = np.ones(self._n, dtype=bool)
                mask[row] = False
                self._keep(mask)

    def _refresh(self) -> None:
        with self._engine.connect() as connection:
            # A bare max() of the primary key is an index lookup; wrapped (coalesce) it scans the table.
            db_max = connection.execute(select(func.max(ClaimRow.seq))).scalar_one() or 0
            if db_max < self._max_seq:      # the base was emptied and refilled under us: start over
                self._keep(np.zeros(self._n, dtype=bool))
                self._max_seq = 0
            while db_max > self._max_seq:
                rows = connection.execute(
                    select(ClaimRow.seq, ClaimRow.id, ClaimRow.published, ClaimRow.vector)
                    .where(ClaimRow.seq > self._max_seq, ClaimRow.seq <= db_max)
                    .order_by(ClaimRow.seq).limit(_CHUNK)
                ).all()
                if not rows:
                    break
                self._append(rows)
                self._max_seq = rows[-1].seq
            self._max_seq = max(self._max_seq, db_max)
            now = time.monotonic()
            if self._n >= ALWAYS_COUNT and now - self._counted_at < DELETE_CHECK_INTERVAL:
                return
            self._counted_at = now
            # A bare count(*) reads the smallest index; rows past max_seq arrived meanwhile: next time.
            db_count = connection.execute(select(func.count()).select_from(ClaimRow)).scalar_one()
            if db_count != self._n:
                alive = np.fromiter(connection.execute(
                    select(ClaimRow.seq).where(ClaimRow.seq <= self._max_seq)).scalars(), dtype=np.int64)
                self._keep(np.isin(self._seqs[:self._n], alive))
                # On PostgreSQL a transaction can commit after a later one: its claims have seqs below
                # the newest one held, and only the count tells they arrived.
                late = np.setdiff1d(alive, self._seqs[:self._n]).tolist()
                for start in range(0, len(late), _CHUNK):
                    self._append(connection.execute(
                        select(ClaimRow.seq, ClaimRow.id, ClaimRow.published, ClaimRow.vector)
                        .where(ClaimRow.seq.in_(late[start:start + _CHUNK])).order_by(ClaimRow.seq)
                    ).all())

    def _reserve(self, rows: int) -> None:
        if rows <= len(self._seqs):
            return
        capacity = max(rows, int(len(self._seqs) * 1.5), 1024)
        matrix = np.empty((capacity, DIM), dtype=np.float32)
        matrix[:self._n] = self._matrix[:self._n]
        seqs, days = np.zeros(capacity, dtype=np.int64), np.zeros(capacity, dtype=np.int64)
        seqs[:self._n], days[:self._n] = self._seqs[:self._n], self._days[:self._n]
        self._matrix, self._seqs, self._days = matrix, seqs, days
        if self._basis is not None:
            projected = np.empty((capacity, RANK), dtype=np.float32)
            projected[:self._n] = self._projected[:self._n]
            self._projected = projected

    def _append(self, rows) -> None:
        if not rows:
            return
        n, added = self._n, len(rows)
        self._reserve(n + added)
        self._matrix[n:n + added] = _unit_rows([row.vector for row in rows])
        self._seqs[n:n + added] = [row.seq for row in rows]
        self._days[n:n + added] = [row.published.toordinal() if row.published else _UNDATED for row in rows]
        for offset, row in enumerate(rows):
            self._ids.append(row.id)
            self._position[row.id] = n + offset
        self._n = n + added
        if self._basis is not None and self._n <= 4 * self._basis_n:
            self._projected[n:n + added] = self._matrix[n:n + added] @ self._basis
        elif self._n >= self._prefilter_min:
            self._fit_projection()      # the first time, or the base has grown fourfold since

    def _keep(self, mask: np.ndarray) -> None:
        n, kept = self._n, int(mask.sum())
        for claim_id, alive in zip(self._ids, mask.tolist()):
            if not alive:
                self._claims.pop(claim_id, None)
        self._matrix[:kept] = self._matrix[:n][mask]
        self._seqs[:kept] = self._seqs[:n][mask]
        self._days[:kept] = self._days[:n][mask]
        if self._basis is not None:
            self._projected[:kept] = self._projected[:n][mask]
        self._ids = [claim_id for claim_id, alive in zip(self._ids, mask.tolist()) if alive]
        self._position = {claim_id: i for i, claim_id in enumerate(self._ids)}
        self._n = kept
