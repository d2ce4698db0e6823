"""The claim vectors of the base held in one numpy matrix per process, kept in step with the database."""
from __future__ import annotations

import threading
from datetime import date
from typing import Optional

import numpy as np
from sqlalchemy import Engine, func, select

from service.encoder import DIM

from .models import ClaimRow

# Claims without a publication date are never left out by an as_of cut.
_UNDATED = 0


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float16).tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float16).astype(np.float32)


class VectorIndex:
    """Cosine search over every stored claim.

    Other workers and replicas write to the same database, so before each search a cheap
    max(seq)/count(*) query tells whether claims were added (load only the rows past the
    newest seq held) or deleted (drop the seqs that are gone). Seqs are never reused.
    """

    def __init__(self, engine: Engine):
        self._engine = engine
        self._lock = threading.Lock()
        self._seqs = np.zeros(0, dtype=np.int64)
        self._days = np.zeros(0, dtype=np.int64)
        self._matrix = np.zeros((0, DIM), dtype=np.float32)
        self._ids: list[str] = []
        self._position: Optional[dict[str, int]] = None   # id -> row, rebuilt after a change
        self._max_seq = 0

    def __len__(self) -> int:
        return len(self._ids)

    def search(self, vector: np.ndarray, k: Optional[int] = None,
               as_of: Optional[date] = None) -> list[tuple[str, float]]:
        """(claim id, cosine) of the k closest claims, best first; claims published after as_of left out."""
        with self._lock:
            self._refresh()
            if not self._ids:
                return []
            scores = self._matrix @ np.asarray(vector, dtype=np.float32).reshape(-1)
            if as_of is not None:
                later = self._days > as_of.toordinal()
                scores = np.where(later, -np.inf, scores)
            k = len(scores) if k is None else min(k, len(scores))
            top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
            top = top[np.argsort(-scores[top], kind="stable")]
            return [(self._ids[i], float(scores[i])) for i in top if np.isfinite(scores[i])]

    def _refresh(self) -> None:
        with self._engine.connect() as connection:
            db_max, db_count = connection.execute(
                select(func.coalesce(func.max(ClaimRow.seq), 0), func.count()).select_from(ClaimRow)
            ).one()
            if db_max < self._max_seq:      # the base was emptied and refilled under us: start over
                self._keep(np.zeros(len(self._ids), dtype=bool))
                self._max_seq = 0
            if db_max > self._max_seq:
                rows = connection.execute(
                    select(ClaimRow.seq, ClaimRow.id, ClaimRow.published, ClaimRow.vector)
                    .where(ClaimRow.seq > self._max_seq, ClaimRow.seq <= db_max)
                    .order_by(ClaimRow.seq)
                ).all()
                self._append(rows)
                self._max_seq = db_max
            if db_count != len(self._ids):
                alive = connection.execute(select(ClaimRow.seq).where(ClaimRow.seq <= self._max_seq)).scalars()
                self._keep(np.isin(self._seqs, np.fromiter(alive, dtype=np.int64)))

    def similarities(self, vector: np.ndarray, claim_ids) -> dict[str, float]:
        """Cosine of `vector` with each of the given claims that the index holds."""
        with self._lock:
            self._refresh()
            if self._position is None:
                self._position = {claim_id: i for i, claim_id in enumerate(self._ids)}
            rows = [(claim_id, self._position[claim_id]) for claim_id in claim_ids if claim_id in self._position]
            if not rows:
                return {}
            scores = self._matrix[[i for _, i in rows]] @ np.asarray(vector, dtype=np.float32).reshape(-1)
            return {claim_id: float(score) for (claim_id, _), score in zip(rows, scores)}

    def _append(self, rows) -> None:
        if not rows:
            return
        self._position = None
        vectors = np.stack([from_bytes(row.vector) for row in rows])
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        self._matrix = np.vstack([self._matrix, vectors / norms])
        self._seqs = np.concatenate([self._seqs, [row.seq for row in rows]])
        self._days = np.concatenate([self._days, [row.published.toordinal() if row.published else _UNDATED
                                                  for row in rows]])
        self._ids.extend(row.id for row in rows)

    def _keep(self, mask: np.ndarray) -> None:
        self._position = None
        self._matrix = self._matrix[mask]
        self._seqs = self._seqs[mask]
        self._days = self._days[mask]
        self._ids = [claim_id for claim_id, kept in zip(self._ids, mask) if kept]
