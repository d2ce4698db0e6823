"""ANN engines compared on the bench corpus: build time, file size, open time, query latency, recall@200.

Encodes `--size` synthetic claim sentences (benchmarks/synth.py) with the service's encoder once (kept in
`--cache` as .npy), then builds each engine over them and searches `--queries` statements (other synthetic
sentences) for the 200 nearest, compared with an exact scan. `python benchmarks/ann.py --size 50000`.
Engines that are not installed are skipped, saying so.

`--copies C` makes the corpus of `--size / C` distinct sentences, each stored C times with its vector moved
by a random vector of length `--noise` (as benchmarks/bulk.py fills the bench's large bases): the case of
one wire sentence printed by many papers. "service base" is the service's own base generation
(service/store/index.py: near-identical vectors grouped under one graph node), the others the raw engines.
Besides recall@200 it prints the share of the exact top 200's distinct sentences found ("sentences").
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

K = 200
EF = 4 * K      # the candidate list of a search, as service/store/index.py sets it (SEARCH_FACTOR)


def vectors(size: int, seed: int, cache: Path) -> np.ndarray:
    path = cache / f"vectors-{seed}-{size}.npy"
    if path.exists():
        return np.load(path)
    from benchmarks.synth import Generator
    from service import encoder

    generator = Generator(seed=seed)
    texts = [generator.claim_sentence()[0] for _ in range(size)]
    out = np.concatenate([encoder.embed(texts[i:i + 2000]) for i in range(0, size, 2000)]).astype(np.float32)
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, out)
    return out


def recall(found: list[np.ndarray], exact: list[np.ndarray]) -> tuple[float, float]:
    values = [len(set(f.tolist()) & set(e.tolist())) / len(e) for f, e in zip(found, exact)]
    return float(np.mean(values)), float(np.min(values))


SENTENCE = None     # the distinct sentence of each stored vector (set by main)


def sentences(found: list[np.ndarray], exact: list[np.ndarray]) -> float:
    """The share of the distinct sentences among the exact top k that the search found a copy of."""
    values = []
    for f, e in zip(found, exact):
        wanted = set(SENTENCE[np.asarray(e, dtype=np.int64)].tolist())
        values.append(len(wanted & set(SENTENCE[np.asarray(f, dtype=np.int64)].tolist())) / len(wanted))
    return float(np.mean(values))


def bench_service(data, queries, exact, workdir):
    """The service's base generation (near-identical vectors grouped), searched as the service does."""
    from service.store import index as service_index

    service_index._build_threads = 1
    start = time.perf_counter()
    base = service_index.base_of(data)
    build = time.perf_counter() - start
    service_index._write(workdir / "service", base)
    start = time.perf_counter()
    opened = service_index.Base.open(workdir / "service")
    seconds = time.perf_counter() - start
    size = sum(path.stat().st_size for path in (workdir / "service").glob("g*"))
    keep = lambda rows: np.ones(len(rows), dtype=bool)   # noqa: E731
    # the base's rows are the vectors in their order (keys 1..n)
    found, p50, p95 = timed_queries(lambda q: opened.search(q, K, keep)[0][:K], queries)
    how = f"mmap; {len(opened.graph):,} graph nodes, {len(opened.groups):,} grouped"
    return build, size, seconds, p50, p95, recall(found, exact), how, sentences(found, exact)


def timed_queries(search, queries: np.ndarray) -> tuple[list[np.ndarray], float, float]:
    found, ms = [], []
    for query in queries:
        start = time.perf_counter()
        found.append(search(query))
        ms.append((time.perf_counter() - start) * 1000)
    return found, float(np.percentile(ms, 50)), float(np.percentile(ms, 95))


def bench_usearch(data, queries, exact, workdir, dtype):
    from usearch.index import Index

    index = Index(ndim=data.shape[1], metric="cos", dtype=dtype, connectivity=16, expansion_add=128,
                  expansion_search=EF)
    start = time.perf_counter()
    index.add(np.arange(len(data), dtype=np.uint64), data, threads=1)
    build = time.perf_counter() - start
    path = workdir / f"u-{dtype}.usearch"
    index.save(str(path))
    start = time.perf_counter()
    viewed = Index.restore(str(path), view=True)
    viewed.expansion_search = EF
    opened = time.perf_counter() - start
    found, p50, p95 = timed_queries(lambda q: viewed.search(q, K, threads=1).keys, queries)
    return build, path.stat().st_size, opened, p50, p95, recall(found, exact), "mmap (view=True)", sentences(found, exact)


def bench_hnswlib(data, queries, exact, workdir):
    import hnswlib

    index = hnswlib.Index(space="cosine", dim=data.shape[1])
    index.init_index(max_elements=len(data), ef_construction=128, M=16)
    index.set_num_threads(1)
    start = time.perf_counter()
    index.add_items(data, np.arange(len(data)))
    build = time.perf_counter() - start
    path = workdir / "h.bin"
    index.save_index(str(path))
    start = time.perf_counter()
    loaded = hnswlib.Index(space="cosine", dim=data.shape[1])
    loaded.load_index(str(path))
    loaded.set_ef(EF)
    loaded.set_num_threads(1)
    opened = time.perf_counter() - start
    found, p50, p95 = timed_queries(lambda q: loaded.knn_query(q, K)[0][0], queries)
    return (build, path.stat().st_size, opened, p50, p95, recall(found, exact), "read into memory (float32)",
            sentences(found, exact))


def bench_faiss(data, queries, exact, workdir):
    import faiss

    faiss.omp_set_num_threads(1)
    index = faiss.IndexHNSWFlat(data.shape[1], 16, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = 128
    start = time.perf_counter()
    index.add(data)
    build = time.perf_counter() - start
    path = workdir / "f.faiss"
    faiss.write_index(index, str(path))
    start = time.perf_counter()
    loaded = faiss.read_index(str(path), faiss.IO_FLAG_MMAP | faiss.IO_FLAG_READ_ONLY)
    loaded.hnsw.efSearch = EF
    opened = time.perf_counter() - start
    found, p50, p95 = timed_queries(lambda q: loaded.search(q.reshape(1, -1), K)[1][0], queries)
    return (build, path.stat().st_size, opened, p50, p95, recall(found, exact), "IO_FLAG_MMAP (float32)",
            sentences(found, exact))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "claimcheck-ann"))
    parser.add_argument("--copies", type=int, default=1, help="copies of each distinct sentence (near-identical vectors)")
    parser.add_argument("--noise", type=float, default=0.04, help="length of the random vector that moves a copy")
    parser.add_argument("--engines", default="service,usearch-f16,usearch-i8,hnswlib,faiss",
                        help="comma-separated: service, usearch-f16, usearch-i8, hnswlib, faiss")
    args = parser.parse_args(argv)
    global SENTENCE
    cache = Path(args.cache)
    distinct = vectors(args.size // args.copies, 42, cache)
    SENTENCE = np.repeat(np.arange(len(distinct)), args.copies)
    np.random.default_rng(5).shuffle(SENTENCE)
    data = distinct[SENTENCE]
    if args.copies > 1:
        moved = data + args.noise / np.sqrt(data.shape[1]) * np.random.default_rng(6).standard_normal(data.shape)
        data = (moved / np.linalg.norm(moved, axis=1, keepdims=True)).astype(np.float32)
    queries = vectors(args.queries, 7, cache)
    start = time.perf_counter()
    # exact over the vectors as the engines store them (float16 rounding of the copies' small moves matters)
    scores = queries @ (data.astype(np.float16).astype(np.float32) if args.copies > 1 else data).T
    exact = [np.argsort(-row, kind="stable")[:K] for row in scores]
    exact_ms = (time.perf_counter() - start) * 1000 / len(queries)
    print(f"{len(data):,} vectors of {data.shape[1]} dims ({len(distinct):,} distinct sentences x {args.copies}"
          f"{f', moved by {args.noise}' if args.copies > 1 else ''}), {len(queries)} queries, k={K}; "
          f"exact numpy scan {exact_ms:.1f} ms per query (float32)")
    print(f"{'engine':<18} {'build s':>8} {'file MB':>8} {'open ms':>8} {'p50 ms':>7} {'p95 ms':>7} "
          f"{'recall':>7} {'worst':>6} {'sentences':>9}  loading")
    workdir = Path(tempfile.mkdtemp(prefix="claimcheck-ann-"))
    engines = {"service": ("service base", lambda: bench_service(data, queries, exact, workdir)),
               "usearch-f16": ("usearch f16", lambda: bench_usearch(data, queries, exact, workdir, "f16")),
               "usearch-i8": ("usearch i8", lambda: bench_usearch(data, queries, exact, workdir, "i8")),
               "hnswlib": ("hnswlib", lambda: bench_hnswlib(data, queries, exact, workdir)),
               "faiss": ("faiss HNSWFlat", lambda: bench_faiss(data, queries, exact, workdir))}
    for key in args.engines.split(","):
        name, run = engines[key]
        try:
            build, size, opened, p50, p95, (mean, worst), how, share = run()
        except ImportError as error:
            print(f"{name:<18} skipped: {error}")
            continue
        print(f"{name:<18} {build:>8.1f} {size / 2**20:>8.1f} {opened * 1000:>8.1f} {p50:>7.2f} {p95:>7.2f} "
              f"{mean:>7.4f} {worst:>6.3f} {share:>9.4f}  {how}", flush=True)


if __name__ == "__main__":
    main()
