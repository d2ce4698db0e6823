"""Nearest-claim search over every stored claim, kept in step with the database, and a bounded cache
of the stored claims that checks keep coming back to.

Two parts answer each search together:

- the **base**: an HNSW graph (usearch, float16 vectors, cosine) in a file beside the claim base
  (`var/claims.db.index/`; with PostgreSQL a directory per replica, see `index_path`), opened
  memory-mapped (`view=True`): every worker of a machine shares the same pages, and a restart is ready
  as soon as the file is mapped, without reading any vector. Its keys are claim seqs; beside it, sorted
  numpy arrays (also memory-mapped) give each seq its claim id and publication day.
  Near-identical vectors (one wire sentence printed by many papers: cosine DUPLICATE_COSINE or more)
  are one node of the graph: the first of them is the node, the others its group's members, whose
  vectors lie beside the graph (`.mvec.npy`, grouped) and are scored exactly when the search reaches
  their node. A tight cluster of copies otherwise defeats HNSW's neighbour pruning: each copy keeps
  links to a few other copies only, the cluster is an island, and searches miss it entirely.
- the **delta**: the claims the base does not hold yet, unit float32 rows in this process, scanned
  exactly. Small bases (below ANN_MIN claims) live in the delta alone, so every cosine is exact there.

Beside the graph each generation keeps its rows' claims as compact records (records.py: `.rec`, read with
`pread`), so a claim the bounded cache of decoded claims does not hold is read without SQL or JSON.

When the delta reaches DELTA_MAX claims a new base generation is built from the old one plus the
delta (a separate process when a worker notices, so no request waits for it; one builder at a time
per directory, under a file lock) and every process switches to it on its next search (a stat of
`current.json`). Deletes are honoured at once through a per-process mask over the base rows.
The database stays the store of record: the files are a cache that any process can rebuild.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import subprocess
import sys
import threading
import time
from collections import OrderedDict
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence

import numpy as np
from sqlalchemy import Engine, func, select
from sqlalchemy.engine import make_url

from service.encoder import DIM

from .models import ClaimRow
from .records import COLUMNS as RECORD_COLUMNS, Records, pack, unpack, write as write_records

log = logging.getLogger("claimcheck")
# Claims without a publication date are never left out by an as_of cut.
_UNDATED = 0
# Rows read per round trip when the index catches up (bounds the transient memory of a cold start).
_CHUNK = 20_000
# Below ANN_MIN claims everything is scanned exactly (a few milliseconds); from there on a base file is
# built. A new base generation is built once DELTA_MAX claims arrived after the last one.
ANN_MIN = int(os.environ.get("CLAIMCHECK_ANN_MIN", "20000"))
DELTA_MAX = int(os.environ.get("CLAIMCHECK_ANN_DELTA_MAX", "20000"))
# HNSW parameters (benchmarks/ann.py measures them): graph degree, and the candidate list of a search,
# at least SEARCH_FACTOR times the number of claims asked for (on 50,000 distinct bench sentences, k = 200:
# recall 0.968 with 2x, 0.986 with 3x, 0.993 with 4x, 0.996 with 5x; the search's time grows with it).
CONNECTIVITY = 16
EXPANSION_ADD = 128
SEARCH_FACTOR = 4
# A vector at least this close (cosine) to a node of the graph joins that node's group instead of
# becoming a node (benchmarks/ann.py --copies measures recall with and without groups).
DUPLICATE_COSINE = float(os.environ.get("CLAIMCHECK_ANN_DUPLICATE_COSINE", "0.99"))
# Vectors grouped per round while a generation is built (a round's own similarity matrix is this square).
_GROUP_CHUNK = 2000
# A search that needs more candidates than this (as_of or deletes left too few) ranks the base exactly.
EXACT_FALLBACK = 20_000
# New claims are looked for before every search (max(seq) is an index lookup). Deletions by other
# processes need count(*), a scan of the table, so they are looked for at most this often (seconds);
# deletions through this process's Repository are applied at once (see forget()).
# Below ALWAYS_COUNT claims the count is cheap and runs before every search.
DELETE_CHECK_INTERVAL = float(os.environ.get("CLAIMCHECK_DELETE_CHECK_INTERVAL", "0.25"))
ALWAYS_COUNT = 20_000
# Frames (frame_ids) kept per process: a list of up to 500 ids each (about 40 KB).
FRAMES = 128


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


def _day(published: Optional[date]) -> int:
    return published.toordinal() if published else _UNDATED


def index_path(url) -> Optional[Path]:
    """Where the base files of this database live: CLAIMCHECK_INDEX_PATH, else beside a SQLite file
    (`claims.db` -> `claims.db.index/`), else (PostgreSQL) `var/index/<database>-<hash of the URL>/`
    under the working directory: each replica keeps its own. None (memory only) for in-memory SQLite."""
    chosen = os.environ.get("CLAIMCHECK_INDEX_PATH")
    if chosen:
        return Path(chosen)
    parsed = make_url(url) if isinstance(url, str) else url
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            return None
        return Path(parsed.database + ".index")
    digest = hashlib.sha256(parsed.render_as_string(hide_password=True).encode()).hexdigest()[:12]
    return Path("var/index") / f"{parsed.database or 'claims'}-{digest}"


def _new_usearch():
    from usearch.index import Index

    return Index(ndim=DIM, metric="cos", dtype="f16", connectivity=CONNECTIVITY, expansion_add=EXPANSION_ADD)


class _FileRows:
    """The rows of a float16 matrix in a .npy file, read with pread rather than memory-mapped: members are read
    a few hundred at a time, scattered, and a mapping's fault-around maps 16 pages around each one, so after a
    few hundred checks the whole file (1 KB a claim) was resident in every worker. Read this way the pages stay
    in the page cache, shared by every process and reclaimable, and no worker maps them."""

    def __init__(self, path: Path):
        mapped = np.load(path, mmap_mode="r")
        self.shape, self._offset = mapped.shape, mapped.offset
        del mapped
        self._row = DIM * np.dtype(np.float16).itemsize
        self._fd = os.open(path, os.O_RDONLY)       # pread does not move a file position: safe across fork

    def __len__(self) -> int:
        return self.shape[0]

    def __getitem__(self, positions) -> np.ndarray:
        positions = np.asarray(positions, dtype=np.int64).reshape(-1)
        out = np.empty((len(positions), DIM), dtype=np.float16)
        if not len(positions):
            return out
        order = np.argsort(positions, kind="stable")
        ordered = positions[order]
        # one read per run of consecutive rows (a group's members are consecutive)
        breaks = np.flatnonzero(np.diff(ordered) != 1) + 1
        starts, ends = np.concatenate([[0], breaks]), np.concatenate([breaks, [len(ordered)]])
        data = b"".join(os.pread(self._fd, int(end - start) * self._row, self._offset + int(ordered[start]) * self._row)
                        for start, end in zip(starts.tolist(), ends.tolist()))
        out[order] = np.frombuffer(data, dtype=np.float16).reshape(-1, DIM)
        return out

    def __del__(self):
        try:
            os.close(self._fd)
        except (AttributeError, OSError):
            pass


class Groups:
    """The members of the graph's nodes: rows whose vector is within DUPLICATE_COSINE of a node's.

    `vectors` (float16) holds the members' vectors grouped by node (a group's rows are contiguous, so
    scoring one reads a few pages), `nodes` the node key (seq) of each, `rows` each one's base row;
    `keys`, `radius`: each node that has members and the largest distance of a member from it (unit
    vectors: a member's cosine with any query is within `radius` of its node's)."""

    def __init__(self, vectors: np.ndarray, nodes: np.ndarray, rows: np.ndarray, keys: np.ndarray,
                 radius: np.ndarray):
        self.vectors, self.nodes, self.rows, self.keys, self.radius = vectors, nodes, rows, keys, radius
        self.start = np.searchsorted(nodes, keys, side="left")
        self.end = np.searchsorted(nodes, keys, side="right")

    @staticmethod
    def empty() -> "Groups":
        none = np.zeros(0, dtype=np.int64)
        return Groups(np.zeros((0, DIM), dtype=np.float16), none, none, none, np.zeros(0, dtype=np.float32))

    def __len__(self) -> int:
        return len(self.rows)

    def of(self, keys: np.ndarray) -> np.ndarray:
        """The group index of each node key, -1 for nodes without members."""
        if not len(self.keys):
            return np.full(len(keys), -1, dtype=np.int64)
        at = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
        return np.where(np.asarray(self.keys)[at] == keys, at, -1)

    def scores(self, positions: np.ndarray, query: np.ndarray) -> np.ndarray:
        """Cosine of the query with the members at these positions (as the graph scores its float16 nodes)."""
        vectors = np.asarray(self.vectors[positions], dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1)
        norms[norms == 0] = 1.0
        return (vectors @ query) / norms


class Base:
    """One generation of the base: the HNSW graph, its groups of near-identical members, and, sorted by
    seq, each row's seq, id and day; `member[row]` is the row's position among the members, -1 for a node."""

    def __init__(self, graph, seqs: np.ndarray, ids: np.ndarray, days: np.ndarray, generation: int = 0,
                 order: Optional[np.ndarray] = None, groups: Optional[Groups] = None,
                 member: Optional[np.ndarray] = None, records: Optional[Records] = None):
        self.graph, self.seqs, self.ids, self.days, self.generation = graph, seqs, ids, days, generation
        self._order = order     # rows in id order (written with the file; else made on the first lookup by id)
        self.groups = groups if groups is not None else Groups.empty()
        self.member = member if member is not None else np.full(len(seqs), -1, dtype=np.int64)
        self.records = records  # each row's claim as a compact record (records.py); None: read from the database

    def __len__(self) -> int:
        return len(self.seqs)

    @property
    def max_seq(self) -> int:
        return int(self.seqs[-1]) if len(self.seqs) else 0

    def rows_of_seqs(self, seqs: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.seqs, seqs)

    def row_of_id(self, claim_id: str) -> Optional[int]:
        row = int(self.rows_of_ids([claim_id])[0])
        return row if row >= 0 else None

    def rows_of_ids(self, claim_ids: Sequence[str]) -> np.ndarray:
        """The base row of each id, -1 where the base does not hold it (one vectorised lookup)."""
        if self._order is None:
            self._order = np.argsort(self.ids, kind="stable")
        keys = np.array([claim_id.encode("ascii", "replace") for claim_id in claim_ids], dtype="S34")
        if not len(self._order) or not len(keys):
            return np.full(len(keys), -1, dtype=np.int64)
        at = np.minimum(np.searchsorted(self.ids, keys, sorter=self._order), len(self._order) - 1)
        rows = np.asarray(self._order[at], dtype=np.int64)
        rows[np.asarray(self.ids[rows]) != keys] = -1
        return rows

    def vectors(self, rows: np.ndarray) -> np.ndarray:
        """The stored (float16) vectors of these base rows, as float32 (nodes from the graph, members from
        their groups)."""
        out = np.zeros((len(rows), DIM), dtype=np.float32)
        positions = np.asarray(self.member[rows], dtype=np.int64)
        nodes = positions < 0
        if nodes.any():
            # (asked for as float16, the stored type, and converted here: 3x faster than asking for float32)
            out[nodes] = np.asarray(self.graph.get(np.asarray(self.seqs[rows[nodes]], dtype=np.uint64)),
                                    dtype=np.float32)
        if (~nodes).any():
            out[~nodes] = np.asarray(self.groups.vectors[positions[~nodes]], dtype=np.float32)
        return out

    def search(self, query: np.ndarray, want: int, alive: Callable[[np.ndarray], np.ndarray],
               exact: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """(rows, cosines), best first, of about the `want` closest rows that `alive(rows)` keeps: the
        graph's best `want` nodes (all of them if exact), each with the members of its group that can
        rank among the best (a member's cosine is within its group's radius of its node's)."""
        nodes = len(self.graph) if exact else min(want, len(self.graph))
        if not exact:
            self.graph.expansion_search = max(64, SEARCH_FACTOR * nodes)
        matches = self.graph.search(query, nodes, exact=exact, threads=1)
        keys = np.asarray(matches.keys, dtype=np.int64)
        scores = 1.0 - np.asarray(matches.distances, dtype=np.float64)
        # A node whose claim was deleted keeps leading to its group's members; it is no row of its own.
        rows = np.minimum(self.rows_of_seqs(keys), max(len(self.seqs) - 1, 0))
        own = np.asarray(self.seqs[rows]) == keys if len(self.seqs) else np.zeros(len(keys), dtype=bool)
        found_rows, found_scores = [rows[own]], [scores[own]]
        groups = self.groups
        which = groups.of(keys)
        if (which >= 0).any():
            sizes = np.where(which >= 0, groups.end[which] - groups.start[which], 0) + own
            # first the groups of the best nodes until `want` rows are reached, then any later group whose
            # members can beat the want-th score found
            reach = len(keys) if exact else int(np.searchsorted(np.cumsum(sizes), want)) + 1
            first = [g for g in which[:reach].tolist() if g >= 0]
            self._expand(first, query, found_rows, found_scores)
            rows_so_far = np.concatenate(found_rows)
            kept = np.concatenate(found_scores)[alive(rows_so_far)]
            if len(kept) >= want and reach < len(keys):
                kth = np.partition(-kept, want - 1)[want - 1] * -1
                later = np.flatnonzero((which >= 0) & (np.arange(len(keys)) >= reach))
                later = later[scores[later] + groups.radius[which[later]] >= kth]
                self._expand(which[later].tolist(), query, found_rows, found_scores)
            elif reach < len(keys):
                self._expand([g for g in which[reach:].tolist() if g >= 0], query, found_rows, found_scores)
        rows, scores = np.concatenate(found_rows), np.concatenate(found_scores)
        keep = alive(rows)
        rows, scores = rows[keep], scores[keep]
        best = np.argsort(-scores, kind="stable")
        return rows[best], scores[best]

    def _expand(self, groups: list[int], query: np.ndarray, rows: list, scores: list) -> None:
        if not groups:
            return
        g = self.groups
        positions = np.concatenate([np.arange(g.start[i], g.end[i]) for i in groups])
        for first in range(0, len(positions), _CHUNK):
            part = positions[first:first + _CHUNK]
            rows.append(np.asarray(g.rows[part], dtype=np.int64))
            scores.append(g.scores(part, query).astype(np.float64))

    @staticmethod
    def open(directory: Path) -> Optional["Base"]:
        """The current generation in `directory`, memory-mapped; None when there is none (or it is unreadable)."""
        try:
            current = json.loads((directory / "current.json").read_text())
            name = directory / current["name"]
            from usearch.index import Index

            graph = Index.restore(str(name.with_suffix(".usearch")), view=True)
            arrays = [np.load(name.with_suffix(f".{part}.npy"), mmap_mode="r") for part in ("seqs", "ids", "days")]
            order_file = name.with_suffix(".order.npy")
            order = np.load(order_file, mmap_mode="r") if order_file.exists() else None
            groups, member = None, None
            if name.with_suffix(".member.npy").exists():
                member = np.load(name.with_suffix(".member.npy"), mmap_mode="r")
                groups = Groups(_FileRows(name.with_suffix(".mvec.npy")),
                                *[np.load(name.with_suffix(f".{part}.npy"), mmap_mode="r")
                                  for part in ("mnode", "mrow", "gkeys", "gradius")])
            records = None
            try:
                records = Records(name.with_suffix(".rec"), name.with_suffix(".recoff.npy"))
            except (OSError, ValueError):
                pass                    # written before records existed, or lost: the database answers
            if records is not None and len(records) != len(arrays[0]):
                records = None
        except Exception:      # missing, half-written by a crashed builder, another format: rebuild
            return None
        if graph is None or len(graph) != current.get("nodes", len(arrays[0])) or \
                (order is not None and len(order) != len(arrays[0])):
            return None
        return Base(graph, *arrays, generation=int(current.get("generation", 0)), order=order, groups=groups,
                    member=member, records=records)


class VectorIndex:
    """Cosine search over every stored claim (base + delta, see the module's doc).

    Other workers and replicas write to the same database, so before each search a cheap max(seq)
    query tells whether claims were added (load only the rows past the newest seq held); at most
    every DELETE_CHECK_INTERVAL a count(*) tells whether claims were deleted or committed out of
    order (then the seqs alive are read and compared). Seqs are never reused.
    """

    def __init__(self, engine: Engine, claim_cache: Optional[int] = None, path: Optional[Path] = "auto",
                 ann_min: Optional[int] = None, delta_max: Optional[int] = None, background: bool = True):
        self._engine = engine
        self._path = index_path(engine.url) if path == "auto" else (Path(path) if path else None)
        self._ann_min = ANN_MIN if ann_min is None else ann_min
        self._delta_max = DELTA_MAX if delta_max is None else delta_max
        self._background = background
        self._lock = threading.RLock()
        self._base: Optional[Base] = None
        self._dead = np.zeros(0, dtype=bool)       # base rows deleted since the base was built
        self._dead_count = 0
        self._stamp = None                          # (mtime, size) of current.json when last looked at
        self._builder: Optional[subprocess.Popen] = None
        self._reset_delta()
        self._max_seq = 0
        self._counted_at = float("-inf")
        self._cache_size = int(os.environ.get("CLAIMCHECK_CLAIM_CACHE", "20000")) if claim_cache is None else claim_cache
        self._claims: OrderedDict = OrderedDict()   # id -> Claim, least recently used first
        self._memos: dict[str, dict] = {}           # name -> id -> a value derived from the claim (memo())
        self._traits: dict[str, _Traits] = {}       # name -> what screened() derived from each claim
        self._version = 0                           # changed whenever the claims held change (frame_ids)
        self._frames: OrderedDict = OrderedDict()   # (subject_key, as_of, limit) -> (version, ids)

    def _reset_delta(self) -> None:
        self._n = 0
        self._seqs = np.zeros(0, dtype=np.int64)
        self._days = np.zeros(0, dtype=np.int64)
        self._matrix = np.zeros((0, DIM), dtype=np.float32)
        self._ids: list[str] = []
        self._position: dict[str, int] = {}   # id -> delta row

    def __len__(self) -> int:
        return self._n + self._base_alive()

    def _base_alive(self) -> int:
        return (len(self._base) - self._dead_count) if self._base is not None else 0

    @property
    def base_size(self) -> int:
        """Claims searched through the base file (the rest are scanned exactly)."""
        return self._base_alive()

    def refresh(self, build: bool = True) -> None:
        """Catch up with the database now (at start-up, rather than on the first request); with `build`,
        a base due to be built is built here and now (the gunicorn master, the bulk import)."""
        with self._lock:
            self._refresh(build_now=build)

    # -- search ---------------------------------------------------------------------------------

    def search(self, vector: np.ndarray, k: Optional[int] = None,
               as_of: Optional[date] = None) -> list[tuple[str, float]]:
        """(claim id, cosine) of the k closest claims, best first; claims published after as_of left out."""
        with self._lock:
            self._refresh()
            total = len(self)
            if not total:
                return []
            query = np.asarray(vector, dtype=np.float32).reshape(-1)
            norm = float(np.linalg.norm(query))
            if norm:
                query = query / norm
            k = total if k is None else min(k, total)
            cut = as_of.toordinal() if as_of is not None else None
            found = self._search_delta(query, k, cut) + self._search_base(query, k, cut)
            found.sort(key=lambda pair: -pair[1])
            return found[:k]

    def _search_delta(self, query: np.ndarray, k: int, cut: Optional[int]) -> list[tuple[str, float]]:
        n = self._n
        if not n:
            return []
        scores = self._matrix[:n] @ query
        if cut is not None:
            scores[self._days[:n] > cut] = -np.inf
        top = np.argpartition(-scores, k - 1)[:k] if k < n else np.arange(n)
        top = top[np.argsort(-scores[top], kind="stable")]
        ids = self._ids
        return [(ids[i], float(scores[i])) for i in top.tolist() if scores[i] != -np.inf]

    def _search_base(self, query: np.ndarray, k: int, cut: Optional[int]) -> list[tuple[str, float]]:
        base = self._base
        if base is None or not self._base_alive():
            return []
        n = len(base)
        days = base.days

        def alive(rows: np.ndarray) -> np.ndarray:
            keep = ~self._dead[rows]
            if cut is not None:
                keep &= np.asarray(days[rows]) <= cut
            return keep

        want = min(n, k + self._dead_count)
        while True:
            # Past EXACT_FALLBACK candidates (a far as_of, k=None, mass deletes) one exact pass ranks them all.
            exact = want > EXACT_FALLBACK or 2 * want > n
            rows, scores = base.search(query, want, alive, exact=exact)
            if len(rows) >= k or exact or want >= n:
                break
            want = min(n, want * 4)
        return [(base.ids[row].decode(), float(score)) for row, score in zip(rows[:k].tolist(), scores[:k].tolist())]

    def similarities(self, vector: np.ndarray, claim_ids) -> dict[str, float]:
        """Cosine of `vector` with each of the given claims that the index holds."""
        with self._lock:
            query = np.asarray(vector, dtype=np.float32).reshape(-1)
            norm = float(np.linalg.norm(query))
            query = query / norm if norm else query
            claim_ids = list(claim_ids)
            result = self._similarities(query, claim_ids)
            if len(result) < len(claim_ids):
                # a claim this process has not seen yet (a check's search has just caught up: rarely)
                self._refresh()
                result.update(self._similarities(query, [i for i in claim_ids if i not in result]))
            return result

    def _similarities(self, query: np.ndarray, claim_ids) -> dict[str, float]:
        """Cosines with the claims held now (delta rows exactly, base rows from their stored vectors)."""
        out, others = {}, []
        for claim_id in claim_ids:
            row = self._position.get(claim_id)
            if row is not None:
                out[claim_id] = row
            else:
                others.append(claim_id)
        in_base = []
        if others and self._base is not None:
            rows = self._base.rows_of_ids(others)
            in_base = [(claim_id, row) for claim_id, row in zip(others, rows.tolist())
                       if row >= 0 and not self._dead[row]]
        result = {}
        if out:
            scores = self._matrix[list(out.values())] @ query
            result.update({claim_id: float(score) for claim_id, score in zip(out, scores)})
        if in_base:
            vectors = self._base.vectors(np.asarray([row for _, row in in_base], dtype=np.int64))
            norms = np.linalg.norm(vectors, axis=1)
            norms[norms == 0] = 1.0
            scores = (vectors @ query) / norms
            result.update({claim_id: float(score) for (claim_id, _), score in zip(in_base, scores)})
        return result

    def frame_ids(self, subject_key: str, as_of: Optional[date] = None, limit: int = 500) -> list[str]:
        """Ids of the claims about the same counted thing, newest first (the order of Repository.by_frame).

        Kept (the last FRAMES asked) while the claims this index holds stay the same: a frame changes only
        when claims are added or deleted, and any change the index has seen (on the refresh before each
        search) asks the database again. So the frames agree with the search they go with: a claim another
        process adds or deletes is seen by both on the same refresh (a delete within DELETE_CHECK_INTERVAL)."""
        key = (subject_key, as_of, limit)
        with self._lock:
            held = self._frames.get(key)
            if held is not None and held[0] == self._version:
                self._frames.move_to_end(key)
                return list(held[1])
            version = self._version
        query = select(ClaimRow.id).where(ClaimRow.subject_key == subject_key)
        if as_of is not None:
            query = query.where((ClaimRow.published <= as_of) | ClaimRow.published.is_(None))
        query = query.order_by(ClaimRow.published.desc().nulls_last(), ClaimRow.seq.desc()).limit(limit)
        with self._engine.connect() as connection:
            ids = list(connection.execute(query).scalars())
        with self._lock:
            if version == self._version:
                self._frames[key] = (version, tuple(ids))
                while len(self._frames) > FRAMES:
                    self._frames.popitem(last=False)
        return ids

    def claims(self, claim_ids: Iterable[str], load: Callable[[list[str]], list], remember: bool = True) -> dict:
        """The stored claims with these ids, from the cache or else through `load` (Repository.get_many).

        Stored claims never change (a claim is added or deleted, never edited) and ids are never
        reused, so a cached claim stays right for as long as the claim exists; deleted claims leave
        the cache when the index sees them go. Callers must not modify the claims they get. Without
        `remember` the claims read are not put in the cache (those a caller only looks at once).
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
            base, dead = self._base, self._dead
        if missing and base is not None and base.records is not None:
            # claims of the base file: its compact records, without SQL or JSON; the rest from the database
            rows = base.rows_of_ids(missing)
            held = rows >= 0
            held[held] = ~dead[rows[held]]
            read = [unpack(record) for record in base.records.raw(rows[held]) if record]
            self._remember(found, read, remember)
            missing = [claim_id for claim_id in missing if claim_id not in found]
        if missing:
            self._remember(found, load(missing), remember)
        return found

    def screened(self, claim_ids: Iterable[str], load: Callable[[list[str]], list], name: str,
                 traits: Callable[[object], object], keep: Callable[[object], bool]) -> dict:
        """The stored claims with these ids (as claims() gives them) that `keep` keeps, judged by `traits`:
        a hashable value derived from the claim alone, under `name` (one function per name).

        A claim's traits are derived once, when it is first met, and kept as a code (4 bytes per base row,
        an entry per claim outside the base file) into a table of the distinct values; `keep` is asked once
        per distinct value. So a claim that a check leaves out is not read or decoded again by later checks,
        and only the claims kept are read and held in the claim cache. Right for as long as the claim
        exists, since stored claims never change and ids are never reused."""
        claim_ids = list(claim_ids)
        with self._lock:
            base = self._base
            table = self._traits.get(name)
            if table is None or table.base is not base:
                table = self._traits[name] = _Traits(base)
            if len(table.others) > max(self._cache_size, 2000):
                table.others.clear()
        if base is not None and claim_ids:
            rows = base.rows_of_ids(claim_ids)
            held = rows >= 0
            codes = np.zeros(len(claim_ids), dtype=np.int64)
            codes[held] = table.rows[rows[held]]
            codes, rows = codes.tolist(), rows.tolist()
        else:
            codes, rows = [0] * len(claim_ids), [-1] * len(claim_ids)
        others = table.others
        for i, row in enumerate(rows):
            if row < 0:
                codes[i] = others.get(claim_ids[i], 0)
        fresh = {}
        unknown = [claim_id for claim_id, code in zip(claim_ids, codes) if not code]
        if unknown:
            fresh = self.claims(unknown, load, remember=False)
            with self._lock:            # (one thread at a time hands out codes)
                for i, claim_id in enumerate(claim_ids):
                    claim = fresh.get(claim_id) if not codes[i] else None
                    if claim is not None:
                        code = codes[i] = table.code(traits(claim))
                        if rows[i] >= 0:
                            table.rows[rows[i]] = code
                        else:
                            others[claim_id] = code
        decided: dict[int, bool] = {}
        kept = []
        for claim_id, code in zip(claim_ids, codes):
            if code:                    # (0: no such claim any more)
                verdict = decided.get(code)
                if verdict is None:
                    verdict = decided[code] = bool(keep(table.values[code - 1]))
                if verdict:
                    kept.append(claim_id)
        found: dict = {}
        self._remember(found, [fresh[claim_id] for claim_id in kept if claim_id in fresh])
        rest = [claim_id for claim_id in kept if claim_id not in found]
        if rest:
            found.update(self.claims(rest, load))
        return found

    def memo(self, name: str) -> dict:
        """A table (claim id -> value) for what a caller derives from a stored claim alone, which stays
        right while the claim exists (stored claims never change, ids are never reused). Bounded: past
        the claim cache's size (at least 2,000 entries) it is emptied and filled again."""
        table = self._memos.get(name)
        if table is None or len(table) > max(self._cache_size, 2000):
            table = self._memos[name] = {}
        return table

    def _remember(self, found: dict, loaded: list, cache: bool = True) -> None:
        with self._lock:
            for claim in loaded:
                found[claim.id] = claim
                if cache and self._cache_size > 0:
                    self._claims[claim.id] = claim
            while len(self._claims) > self._cache_size:
                self._claims.popitem(last=False)

    def forget(self, claim_id: str) -> None:
        """A claim deleted through this process: out of the index and the cache now."""
        with self._lock:
            self._version += 1
            self._claims.pop(claim_id, None)
            row = self._position.get(claim_id)
            if row is not None:
                mask = np.ones(self._n, dtype=bool)
                mask[row] = False
                self._keep(mask)
            elif self._base is not None:
                base_row = self._base.row_of_id(claim_id)
                if base_row is not None and not self._dead[base_row]:
                    self._dead[base_row] = True
                    self._dead_count += 1

    # -- keeping in step ------------------------------------------------------------------------

    def _refresh(self, build_now: bool = False) -> None:
        self._look_for_new_base()
        with self._engine.connect() as connection:
            # A bare max() of the primary key is an index lookup; wrapped (coalesce) it scans the table.
            db_max = connection.execute(select(func.max(ClaimRow.seq))).scalar_one() or 0
            if db_max < self._max_seq:      # the base was emptied and refilled under us: start over
                self._drop_everything()
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
            if len(self) >= ALWAYS_COUNT and now - self._counted_at < DELETE_CHECK_INTERVAL and not build_now:
                self._maybe_build(build_now)
                return
            self._counted_at = now
            # A bare count(*) reads the smallest index; rows past max_seq arrived meanwhile: next time.
            db_count = connection.execute(select(func.count()).select_from(ClaimRow)).scalar_one()
            if db_count != len(self):
                alive = np.fromiter(connection.execute(
                    select(ClaimRow.seq).where(ClaimRow.seq <= self._max_seq)).scalars(), dtype=np.int64)
                alive.sort()
                self._keep(np.isin(self._seqs[:self._n], alive, assume_unique=True))
                held = self._seqs[:self._n]
                if self._base is not None:
                    self._mark_dead(alive)
                    held = np.concatenate([held, np.asarray(self._base.seqs)[~self._dead]])
                # On PostgreSQL a transaction can commit after a later one: its claims have seqs below
                # the newest one held, and only the count tells they arrived.
                late = np.setdiff1d(alive, held, assume_unique=True).tolist()
                for start in range(0, len(late), _CHUNK):
                    self._append(connection.execute(
                        select(ClaimRow.seq, ClaimRow.id, ClaimRow.published, ClaimRow.vector)
                        .where(ClaimRow.seq.in_(late[start:start + _CHUNK])).order_by(ClaimRow.seq)
                    ).all())
        self._maybe_build(build_now)

    def _mark_dead(self, alive: np.ndarray) -> None:
        self._version += 1
        base_seqs = np.asarray(self._base.seqs)
        gone = ~np.isin(base_seqs, alive, assume_unique=True)
        for row in np.flatnonzero(gone & ~self._dead).tolist():
            self._claims.pop(self._base.ids[row].decode(), None)
        self._dead = gone
        self._dead_count = int(gone.sum())

    def _drop_everything(self) -> None:
        self._version += 1
        self._claims.clear()
        self._memos.clear()
        self._traits.clear()
        self._reset_delta()
        self._base, self._dead, self._dead_count = None, np.zeros(0, dtype=bool), 0
        self._max_seq = 0
        if self._path is not None:
            _remove_generations(self._path)

    def _reserve(self, rows: int) -> None:
        if rows <= len(self._seqs):
            return
        capacity = max(rows, int(len(self._seqs) * 1.5), 1024)
        matrix = np.empty((capacity, DIM), dtype=np.float32)
        matrix[:self._n] = self._matrix[:self._n]
        seqs, days = np.zeros(capacity, dtype=np.int64), np.zeros(capacity, dtype=np.int64)
        seqs[:self._n], days[:self._n] = self._seqs[:self._n], self._days[:self._n]
        self._matrix, self._seqs, self._days = matrix, seqs, days

    def _append(self, rows) -> None:
        if not rows:
            return
        self._version += 1
        n, added = self._n, len(rows)
        self._reserve(n + added)
        self._matrix[n:n + added] = _unit_rows([row.vector for row in rows])
        self._seqs[n:n + added] = [row.seq for row in rows]
        self._days[n:n + added] = [_day(row.published) for row in rows]
        for offset, row in enumerate(rows):
            self._ids.append(row.id)
            self._position[row.id] = n + offset
        self._n = n + added

    def _keep(self, mask: np.ndarray) -> None:
        n, kept = self._n, int(mask.sum())
        if kept == n:
            return
        self._version += 1
        for claim_id, alive in zip(self._ids, mask.tolist()):
            if not alive:
                self._claims.pop(claim_id, None)
        self._matrix[:kept] = self._matrix[:n][mask]
        self._seqs[:kept] = self._seqs[:n][mask]
        self._days[:kept] = self._days[:n][mask]
        self._ids = [claim_id for claim_id, alive in zip(self._ids, mask.tolist()) if alive]
        self._position = {claim_id: i for i, claim_id in enumerate(self._ids)}
        self._n = kept

    # -- base generations -----------------------------------------------------------------------

    def _look_for_new_base(self) -> None:
        """Switch to a newer base generation written by any process (one stat when nothing changed)."""
        if self._path is None:
            return
        try:
            stat = (self._path / "current.json").stat()
        except OSError:
            return
        stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        if stamp == self._stamp:
            return
        self._stamp = stamp
        base = Base.open(self._path)
        if base is None or (self._base is not None and base.generation <= self._base.generation):
            return
        if not self._same_database(base):
            return
        self._use_base(base)

    def _same_database(self, base: Base) -> bool:
        """A file left from another base (restored, emptied and refilled) is not used: the ids of a few
        spread-out seqs must be the ones the database holds (or gone)."""
        rows = np.unique(np.linspace(0, len(base) - 1, min(len(base), 16)).astype(np.int64))
        sample = {int(base.seqs[row]): base.ids[row].decode() for row in rows.tolist()}
        with self._engine.connect() as connection:
            stored = dict(connection.execute(select(ClaimRow.seq, ClaimRow.id).where(ClaimRow.seq.in_(list(sample)))).all())
        return all(stored.get(seq, claim_id) == claim_id for seq, claim_id in sample.items()) and \
            len(stored) * 2 >= len(sample)

    def _use_base(self, base: Base) -> None:
        """Take `base`; delta rows it holds leave the delta; the count check then finds what it lacks."""
        self._version += 1
        self._base = base
        self._dead = np.zeros(len(base), dtype=bool)
        self._dead_count = 0
        if self._n:
            self._keep(~np.isin(self._seqs[:self._n], np.asarray(base.seqs)))
        self._max_seq = max(self._max_seq, base.max_seq)
        self._counted_at = float("-inf")      # compare with the count on this refresh

    def _maybe_build(self, build_now: bool) -> None:
        if self._builder is not None and self._builder.poll() is not None:
            self._builder = None        # reaped
        due = (self._base is None and self._n >= self._ann_min) or \
              (self._base is not None and (self._n >= self._delta_max or self._dead_count > len(self._base) // 4))
        if not due:
            return
        try:
            if self._path is None or build_now or not self._background:
                self._build_here()
            else:
                self._start_builder()
        except OSError as error:
            # The directory cannot be written (a read-only image, a full disk): keep the base in memory.
            log.warning("vector index files in %s not usable (%s); the index stays in memory", self._path, error)
            self._path = None
            self._build_here()

    def _build_here(self) -> None:
        """Build the next generation in this process from the current base and the delta."""
        if self._path is None:
            self._use_base(self._next_generation())
            return
        with _BuildLock(self._path, wait=True):
            self._look_for_new_base()        # another process may have built it meanwhile
            if self._n < self._delta_max and self._base is not None and self._dead_count <= len(self._base) // 4:
                return
            old = self._base
            base = self._next_generation()
            _write(self._path, base, lambda: self._record_chunks(base, old))
            self._stamp = None
            self._look_for_new_base()

    def _next_generation(self) -> Base:
        """The base's alive rows plus the delta, as a new (in-memory) generation: a copy of the current
        graph with the deleted claims removed and the delta added (the graph is not built anew). A delta
        vector within DUPLICATE_COSINE of a node (or of an earlier delta vector that became one) joins
        that node's group."""
        n = self._n
        # the members carried over and added: node key, seq, vector, distance from the node
        m_nodes, m_seqs, m_vectors, m_radius = [], [], [], []
        if self._base is not None:
            old = self._base
            graph = old.graph.copy()
            groups = old.groups
            alive = np.flatnonzero(~self._dead)
            if len(groups):
                member_alive = ~self._dead[np.asarray(groups.rows)]
                m_nodes.append(np.asarray(groups.nodes)[member_alive])
                m_seqs.append(np.asarray(old.seqs[np.asarray(groups.rows)[member_alive]], dtype=np.int64))
                alive_members = np.flatnonzero(member_alive)
                m_vectors.append(np.concatenate([np.asarray(groups.vectors[alive_members[i:i + 100_000]])
                                                 for i in range(0, len(alive_members), 100_000)] or
                                                [np.zeros((0, DIM), dtype=np.float16)]))
                radius_of = np.zeros(len(groups.nodes), dtype=np.float32)
                if len(groups.keys):
                    radius_of = np.asarray(groups.radius)[groups.of(np.asarray(groups.nodes))]
                m_radius.append(radius_of[member_alive])
            # a deleted node goes from the graph unless members of its group are alive (it leads to them)
            dead_nodes = np.flatnonzero(self._dead & (np.asarray(old.member) < 0))
            if len(dead_nodes):
                keys = np.asarray(old.seqs[dead_nodes], dtype=np.int64)
                still = np.isin(keys, m_nodes[0]) if m_nodes else np.zeros(len(keys), dtype=bool)
                if (~still).any():
                    graph.remove(keys[~still].astype(np.uint64))
            seqs = [np.asarray(old.seqs[alive], dtype=np.int64)]
            ids = [np.asarray(old.ids[alive])]
            days = [np.asarray(old.days[alive], dtype=np.int32)]
            generation = old.generation + 1
        else:
            graph, seqs, ids, days, generation = _new_usearch(), [], [], [], 1
        if n:
            for start in range(0, n, _GROUP_CHUNK):
                end = min(n, start + _GROUP_CHUNK)
                chunk_seqs, vectors = self._seqs[start:end], self._matrix[start:end]
                node_of, radius = _group(graph, chunk_seqs, vectors)
                new_nodes = node_of == chunk_seqs
                if new_nodes.any():
                    graph.add(chunk_seqs[new_nodes].astype(np.uint64), vectors[new_nodes], threads=_threads())
                if (~new_nodes).any():
                    m_nodes.append(node_of[~new_nodes])
                    m_seqs.append(chunk_seqs[~new_nodes].copy())
                    m_vectors.append(vectors[~new_nodes].astype(np.float16))
                    m_radius.append(radius[~new_nodes])
            seqs.append(self._seqs[:n].copy())
            ids.append(np.array(self._ids, dtype="S34"))
            days.append(self._days[:n].astype(np.int32))
        seqs = np.concatenate(seqs) if seqs else np.zeros(0, dtype=np.int64)
        order = np.argsort(seqs, kind="stable")
        seqs = seqs[order]
        groups, member = None, None
        if m_nodes and sum(len(part) for part in m_nodes):
            nodes, member_seqs = np.concatenate(m_nodes), np.concatenate(m_seqs)
            grouped = np.lexsort((member_seqs, nodes))          # by node, then by seq
            nodes, member_seqs = nodes[grouped], member_seqs[grouped]
            radius = np.concatenate(m_radius)[grouped]
            keys, first = np.unique(nodes, return_index=True)
            rows = np.searchsorted(seqs, member_seqs)
            member = np.full(len(seqs), -1, dtype=np.int64)
            member[rows] = np.arange(len(rows))
            groups = Groups(np.concatenate(m_vectors)[grouped], nodes, rows, keys,
                            np.maximum.reduceat(radius, first).astype(np.float32))
        return Base(graph, seqs, np.concatenate(ids)[order].astype("S34"),
                    np.concatenate(days)[order], generation=generation, groups=groups, member=member)

    def _record_chunks(self, base: Base, old: Optional[Base]) -> Iterable[list[bytes]]:
        """The compact record of each row of a new generation, in row order: copied from the generation
        before where it holds the row, else packed from the database row (an empty record for a claim
        deleted meanwhile: its row is dead, and the database is asked should it be read)."""
        for first in range(0, len(base), _CHUNK):
            seqs = np.asarray(base.seqs[first:first + _CHUNK], dtype=np.int64)
            out: list[Optional[bytes]] = [None] * len(seqs)
            if old is not None and old.records is not None and len(old):
                rows = np.minimum(old.rows_of_seqs(seqs), len(old) - 1)
                held = np.flatnonzero(np.asarray(old.seqs[rows]) == seqs)
                for position, record in zip(held.tolist(), old.records.raw(rows[held])):
                    out[position] = record
            wanted = [int(seq) for seq, record in zip(seqs.tolist(), out) if record is None]
            if wanted:
                packed = {}
                with self._engine.connect() as connection:
                    for start in range(0, len(wanted), 5000):
                        part = wanted[start:start + 5000]
                        packed.update((row.seq, pack(row)) for row in connection.execute(
                            select(ClaimRow.seq, *RECORD_COLUMNS).where(ClaimRow.seq.in_(part))))
                out = [record if record is not None else packed.get(int(seq), b"")
                       for seq, record in zip(seqs.tolist(), out)]
            yield out

    def _start_builder(self) -> None:
        """A separate process builds the next generation; every process switches to it when it is written."""
        if self._builder is not None and self._builder.poll() is None:
            return
        if _BuildLock.held(self._path):
            return
        self._path.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "CLAIMCHECK_INDEX_BUILD_URL": self._engine.url.render_as_string(hide_password=False),
               "CLAIMCHECK_ANN_MIN": str(self._ann_min), "CLAIMCHECK_ANN_DELTA_MAX": str(self._delta_max)}
        self._builder = subprocess.Popen([sys.executable, "-m", "service.store.index", str(self._path)], env=env,
                                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)


# Threads that insert into the graph: 1 in a served process; build() (the bulk import, the builder
# process) uses every core.
_build_threads = 1


class _Traits:
    """What VectorIndex.screened derived from each claim, for one base generation: a code per base row
    (`rows`, int32, 0 while not known; zero pages until written, so a worker only pays for rows it met),
    one per other claim id (`others`), into `values` (code - 1 -> value, each distinct value once)."""

    def __init__(self, base: Optional[Base]):
        self.base = base
        self.rows = np.zeros(len(base) if base is not None else 0, dtype=np.int32)
        self.others: dict[str, int] = {}
        self.values: list = []
        self._codes: dict = {}

    def code(self, value) -> int:
        code = self._codes.get(value)
        if code is None:
            self.values.append(value)
            code = self._codes[value] = len(self.values)
        return code


def _threads() -> int:
    return int(os.environ.get("CLAIMCHECK_ANN_THREADS", "0")) or _build_threads


class _BuildLock:
    """One builder per base directory at a time (an flock on `build.lock`)."""

    def __init__(self, path: Path, wait: bool):
        self.path, self.wait = path, wait
        self.file = None

    def __enter__(self):
        self.path.mkdir(parents=True, exist_ok=True)
        self.file = open(self.path / "build.lock", "a+")
        fcntl.flock(self.file, fcntl.LOCK_EX if self.wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.file, fcntl.LOCK_UN)
        self.file.close()

    @staticmethod
    def held(path: Path) -> bool:
        try:
            with open(path / "build.lock", "a+") as file:
                fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
                fcntl.flock(file, fcntl.LOCK_UN)
            return False
        except FileNotFoundError:
            return False
        except BlockingIOError:
            return True


def _group(graph, seqs: np.ndarray, vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each of these (unit) vectors, in order, the node key it belongs to (its own seq when it is to
    become a node) and its distance from that node: a vector within DUPLICATE_COSINE of a node of the
    graph, or of an earlier vector of this round that becomes a node, joins that node's group."""
    node_of, cosine = seqs.astype(np.int64).copy(), np.ones(len(seqs), dtype=np.float64)
    if len(graph):
        graph.expansion_search = 64
        matches = graph.search(vectors, 1, threads=_threads())
        near = 1.0 - np.asarray(matches.distances, dtype=np.float64).reshape(-1)
        joined = near >= DUPLICATE_COSINE
        node_of[joined] = np.asarray(matches.keys, dtype=np.int64).reshape(-1)[joined]
        cosine[joined] = near[joined]
    free = np.flatnonzero(node_of == seqs)
    if len(free) > 1:
        similar = vectors[free] @ vectors[free].T >= DUPLICATE_COSINE
        taken = np.zeros(len(free), dtype=bool)
        for i in range(len(free)):
            if taken[i]:
                continue
            members = np.flatnonzero(similar[i] & ~taken)
            members = members[members > i]
            if len(members):
                taken[members] = True
                node_of[free[members]] = seqs[free[i]]
                cosine[free[members]] = vectors[free[members]] @ vectors[free[i]]
    # unit vectors: |a - b| = sqrt(2 - 2 cos); a little more for the float16 rounding of stored vectors
    return node_of, (np.sqrt(np.maximum(0.0, 2.0 - 2.0 * cosine)) + 2e-3).astype(np.float32)


def _write(directory: Path, base: Base, record_chunks: Optional[Callable[[], Iterable[list[bytes]]]] = None) -> None:
    """Write a generation next to the current one, then point current.json at it (an atomic rename);
    with `record_chunks`, the rows' compact records beside it."""
    directory.mkdir(parents=True, exist_ok=True)
    name = f"g{base.generation:06d}-{os.getpid()}"
    base.graph.save(str(directory / f"{name}.usearch"))
    if record_chunks is not None:
        write_records(directory / f"{name}.rec", directory / f"{name}.recoff.npy", record_chunks())
    order = np.argsort(base.ids, kind="stable")
    g = base.groups
    parts = [("seqs", base.seqs), ("ids", base.ids), ("days", base.days), ("order", order)]
    if len(g):
        parts += [("member", base.member), ("mvec", g.vectors), ("mnode", g.nodes), ("mrow", g.rows),
                  ("gkeys", g.keys), ("gradius", g.radius)]
    for part, array in parts:
        np.save(directory / f"{name}.{part}.npy", np.ascontiguousarray(array))
    pointer = directory / f"current.json.{os.getpid()}"
    pointer.write_text(json.dumps({"name": name, "generation": base.generation, "claims": len(base),
                                   "nodes": len(base.graph), "members": len(g),
                                   "max_seq": base.max_seq, "written": time.time()}))
    os.replace(pointer, directory / "current.json")
    # Older generations go; processes still mapping them keep their pages until they switch.
    for old in directory.glob("g*"):
        if not old.name.startswith(name + "."):
            old.unlink(missing_ok=True)


def _remove_generations(directory: Path) -> None:
    for old in list(directory.glob("g*")) + [directory / "current.json"]:
        old.unlink(missing_ok=True)


def base_of(vectors: np.ndarray) -> Base:
    """A base generation over these vectors alone, built as the service builds one (keys 1..n, undated):
    for benchmarks/ann.py and the bench's recall."""
    index = VectorIndex(None, claim_cache=0, path=None, background=False)
    count = len(vectors)
    index._reserve(count)
    index._matrix[:count] = _unit_rows([to_bytes(vector) for vector in vectors])
    index._seqs[:count] = np.arange(1, count + 1)
    index._ids = [f"c{seq}" for seq in range(1, count + 1)]
    index._n = count
    return index._next_generation()


def build(engine: Engine, path: Optional[Path] = None) -> VectorIndex:
    """Bring the base files of this database up to date now (the builder process, the bulk import)."""
    global _build_threads
    _build_threads = os.cpu_count() or 1
    try:
        index = VectorIndex(engine, claim_cache=0, path=path or "auto", background=False)
        index.refresh(build=True)
    finally:
        _build_threads = 1
    return index


if __name__ == "__main__":
    # python -m service.store.index DIRECTORY: started by a worker whose delta is due (see _start_builder).
    from service.store import make_engine

    # _build_here takes the build lock and looks again whether the build is still due. Served workers
    # share the cores: they come first.
    os.nice(10)
    build(make_engine(os.environ["CLAIMCHECK_INDEX_BUILD_URL"]), Path(sys.argv[1]))
