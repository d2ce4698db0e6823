"""claimcheck benchmarks: scale, throughput, ingestion, memory and start-up, in one run (`make bench`).

Starts gunicorn (the repository's gunicorn.conf.py, 2 workers) on a fresh SQLite base in a temporary
directory, loads the first size of synthetic claims (benchmarks/synth.py) through `POST /v1/claims`, then
stops the server and fills the base to each further size through the bulk path (first a real
`claimcheck import-claims` of --cli-claims sentences, then benchmarks/bulk.py) and starts it again
(start-up measured at each size). At each size it measures `POST /v1/check` over a fixed set of
statements and `GET /health` (the floor); at 100k (or the size nearest it) and at the largest, checks
per second under a bounded concurrent load; at the largest, memory per worker, the batch API, articles
per second through `POST /v1/documents`, a restart; then the recall@200 of the index file against an
exact scan. Prints every row of issue 13's targets and writes the figures as JSON.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# One BLAS thread per process, as gunicorn.conf.py sets for the workers: the bulk fill here and the
# `import-claims` it starts run one process per core, and more BLAS threads only oversubscribe the cores.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

from benchmarks.synth import Generator  # noqa: E402

KEY = "bench"
BATCH = 1000


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def in_threads(target, count: int, args=lambda n: ()) -> float:
    """Run `target` in `count` threads (thread n gets `args(n)`), wait for all; the seconds it took."""
    start = time.perf_counter()
    workers = [threading.Thread(target=target, args=args(n)) for n in range(count)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return time.perf_counter() - start


class Client:
    """One HTTP/1.1 connection per thread to the server (reconnects when gunicorn closes it)."""

    def __init__(self, port: int, host: str = "127.0.0.1", api_key: str = KEY):
        self.port, self.host, self.api_key = port, host, api_key
        self.local = threading.local()

    def request(self, method: str, path: str, body=None, key: bool = False) -> tuple[int, bytes]:
        headers = {"Content-Type": "application/json"}
        if key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        data = json.dumps(body).encode() if body is not None else None
        for attempt in range(2):
            connection = getattr(self.local, "connection", None)
            if connection is None:
                connection = self.local.connection = http.client.HTTPConnection(self.host, self.port, timeout=300)
            try:
                connection.request(method, path, body=data, headers=headers)
                response = connection.getresponse()
                return response.status, response.read()
            except (http.client.HTTPException, ConnectionError, OSError):
                connection.close()
                self.local.connection = None
                if attempt:
                    raise
        raise RuntimeError("unreachable")

    def timed(self, method: str, path: str, body=None) -> tuple[int, float]:
        start = time.perf_counter()
        status, _ = self.request(method, path, body)
        return status, (time.perf_counter() - start) * 1000


class Server:
    def __init__(self, workdir: Path, port: int, workers: int):
        self.workdir, self.port, self.workers = workdir, port, workers
        self.process = None
        self.env = {**os.environ, "CLAIMCHECK_DATABASE_URL": f"sqlite:///{workdir / 'claims.db'}",
                    "CLAIMCHECK_API_KEYS": KEY, "CLAIMCHECK_SEED": "0", "PORT": str(port),
                    "WEB_CONCURRENCY": str(workers), "PROMETHEUS_MULTIPROC_DIR": str(workdir / "prom")}

    def start(self) -> float:
        """Seconds from launching gunicorn until /health answers ok."""
        (self.workdir / "prom").mkdir(exist_ok=True)
        subprocess.run([str(ROOT / ".venv/bin/flask"), "--app", "service", "init-db"], cwd=ROOT, env=self.env,
                       check=True, capture_output=True)
        log = open(self.workdir / "gunicorn.log", "ab")
        start = time.perf_counter()
        self.process = subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "--config", "gunicorn.conf.py",
                                         "service:create_app()"], cwd=ROOT, env=self.env, stdout=log, stderr=log)
        client = Client(self.port)
        while time.perf_counter() - start < 300:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.workdir / 'gunicorn.log'}")
            try:
                status, body = client.request("GET", "/health")
                if status == 200 and json.loads(body).get("status") == "ok":
                    return time.perf_counter() - start
            except OSError:
                pass
            time.sleep(0.02)
        raise RuntimeError("gunicorn did not get ready in 300 s")

    def worker_pids(self) -> list[int]:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(self.process.pid)], capture_output=True, text=True)
        return [int(pid) for pid in out.stdout.split()]

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


def memory(pid: int) -> dict:
    """Resident, proportional (shared pages split between sharers) and unique memory of a process, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0]) / 1024
    return {"rss": round(fields["Rss"], 1), "pss": round(fields["Pss"], 1),
            "uss": round(fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0), 1)}


def load(client: Client, generator: Generator, count: int, threads: int = 2) -> float:
    """Add `count` claims through the batch endpoint from `threads` clients; claims per second."""
    batches = [[generator.claim() for _ in range(min(BATCH, count - i))] for i in range(0, count, BATCH)]
    errors, lock = [], threading.Lock()

    def post():
        while True:
            with lock:
                if not batches:
                    return
                batch = batches.pop()
            status, body = client.request("POST", "/v1/claims", {"claims": batch}, key=True)
            if status != 201:
                errors.append((status, body[:300]))

    seconds = in_threads(post, threads)
    if errors:
        raise RuntimeError(f"batch import failed: {errors[:2]}")
    return count / seconds


def latency(client: Client, statements: list[str], rounds: int) -> dict:
    """p50/p95 of POST /v1/check over the statements (each seen once before: warm-up), and of GET /health."""
    for statement in statements:
        client.request("POST", "/v1/check", {"statement": statement})
    checks, health, errors = [], [], 0
    for _ in range(rounds):
        for statement in statements:
            status, ms = client.timed("POST", "/v1/check", {"statement": statement})
            errors += status != 200
            checks.append(ms)
            status, ms = client.timed("GET", "/health")
            errors += status != 200
            health.append(ms)
    return {"check_p50": percentile(checks, 50), "check_p95": percentile(checks, 95),
            "health_p50": percentile(health, 50), "health_p95": percentile(health, 95),
            "samples": len(checks), "errors": errors}


def throughput(client: Client, statements: list[str], threads: int, seconds: float) -> dict:
    """Checks per second from `threads` concurrent clients, each sending one request at a time."""
    done, errors, lock, stop = [0], [0], threading.Lock(), time.perf_counter() + seconds

    def run(offset):
        i = offset
        while time.perf_counter() < stop:
            status, _ = client.request("POST", "/v1/check", {"statement": statements[i % len(statements)]})
            with lock:
                done[0] += 1
                errors[0] += status != 200
            i += 1

    seconds = in_threads(run, threads, args=lambda n: (n * 7,))
    return {"checks_per_s": done[0] / seconds, "requests": done[0], "errors": errors[0],
            "client_threads": threads}


def ingestion(client: Client, generator: Generator, articles: int, threads: int = 2) -> dict:
    bodies = [generator.article() for _ in range(articles)]
    claims, errors, lock = [0], [], threading.Lock()

    def post():
        while True:
            with lock:
                if not bodies:
                    return
                body = bodies.pop()
            status, answer = client.request("POST", "/v1/documents", body, key=True)
            if status == 200:
                errors.append((status, b"already ingested: not a new article"))
            elif status != 201:
                errors.append((status, answer[:200]))
            else:
                with lock:
                    claims[0] += len(json.loads(answer)["claims"])

    seconds = in_threads(post, threads)
    return {"articles_per_s": articles / seconds, "claims_per_article": claims[0] / articles, "errors": len(errors)}


def cli_import(workdir: Path, env: dict, count: int, seed: int) -> float:
    """Claims per second of `claimcheck import-claims FILE` on the local base (parse, encode, write, index)."""
    generator = Generator(seed=seed)
    path = workdir / f"import-{seed}.jsonl"
    path.write_text("".join(json.dumps(generator.claim()) + "\n" for _ in range(count)), encoding="utf-8")
    start = time.perf_counter()
    subprocess.run([str(ROOT / ".venv/bin/flask"), "--app", "service", "import-claims", str(path)], cwd=ROOT,
                   env=env, check=True, capture_output=True)
    return count / (time.perf_counter() - start)


def recall(workdir: Path, statements: list[str]) -> dict:
    """recall@200 of the base file's search (as the service searches it: the graph's nodes and their groups
    of near-identical members) against an exact scan of every vector the file holds; and the same over
    distinct sentences (the share of the exact top 200's texts that the search found a claim of)."""
    import sqlite3

    from service import encoder
    from service.store.index import Base

    base = Base.open(workdir / "claims.db.index")
    if base is None:
        return {"recall": float("nan"), "worst": float("nan"), "claims": 0}
    rows = np.arange(len(base))
    vectors = np.concatenate([base.vectors(rows[i:i + 50_000]) for i in range(0, len(rows), 50_000)])
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    with sqlite3.connect(workdir / "claims.db") as connection:
        text_of = dict(connection.execute("SELECT seq, text FROM claims"))
    texts = [text_of.get(int(seq)) for seq in base.seqs]
    keep_all = lambda found: np.ones(len(found), dtype=bool)   # noqa: E731
    values, distinct = [], []
    for vector in encoder.embed(statements):
        found, _ = base.search(vector, 200, keep_all)
        exact = np.argsort(-(vectors @ vector), kind="stable")[:200]
        values.append(len(set(found[:200].tolist()) & set(exact.tolist())) / len(exact))
        wanted = {texts[row] for row in exact.tolist()}
        distinct.append(len(wanted & {texts[row] for row in found[:200].tolist()}) / len(wanted))
    return {"recall": float(np.mean(values)), "worst": float(min(values)), "claims": len(base),
            "nodes": len(base.graph), "distinct_sentences": float(np.mean(distinct))}


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000",
                        help="claim-base sizes, comma-separated: the first loaded through POST /v1/claims, the others "
                             "through the bulk path (benchmarks/bulk.py); e.g. 1000,100000,1000000")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8100")))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--statements", type=int, default=40, help="fixed statements the latencies are taken over")
    parser.add_argument("--rounds", type=int, default=5, help="times each statement is checked per size")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of the throughput run")
    parser.add_argument("--threads", type=int, default=4, help="concurrent clients of the throughput run")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--cli-claims", type=int, default=20_000,
                        help="claims imported with `claimcheck import-claims` (real parsing and encoding) before the bulk fill")
    parser.add_argument("--pool", type=int, default=20_000, help="distinct sentences the bulk fill copies")
    parser.add_argument("--workdir", default=None, help="where the claim base goes (default: a new temp dir)")
    parser.add_argument("--json", default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="claimcheck-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)

    generator, statements = Generator(seed=42), Generator(seed=7).statements(args.statements)
    statements.append("US says 10,000 troops")
    statements.append("Nordkorea hat 12.000 Soldaten nach Russland geschickt")
    results = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(),
               "sizes": {}, "workers": args.workers, "startup": {}}
    server = Server(workdir, args.port, args.workers)
    client = Client(args.port)
    try:
        results["startup_empty_s"] = server.start()
        loaded = json.loads(client.request("GET", "/health")[1])["claims"]
        for number, size in enumerate(sizes):
            if size > loaded and number == 0:
                results["batch_first_claims_per_s"] = load(client, generator, size - loaded)
                loaded = size
            elif size > loaded:
                server.stop()
                if "cli_claims_per_s" not in results and args.cli_claims and size - loaded > args.cli_claims:
                    results["cli_claims_per_s"] = cli_import(workdir, server.env, args.cli_claims, seed=500)
                    loaded += args.cli_claims
                    print(f"  import-claims: {args.cli_claims:,} claims at {results['cli_claims_per_s']:.0f} claims/s",
                          flush=True)
                fill_base(workdir, size - loaded, args.pool, seed=1000 + size)
                loaded = size
                results["startup"][size] = server.start()
                status, ms = client.timed("POST", "/v1/check", {"statement": statements[0]})
                results["startup"][f"{size}_first_check_ms"] = ms
            figures = latency(client, statements, args.rounds)
            results["sizes"][size] = figures
            print(f"  {size:>9,} claims: check p50 {figures['check_p50']:.1f} ms, p95 {figures['check_p95']:.1f} ms; "
                  f"health p50 {figures['health_p50']:.1f} ms; start-up {results['startup'].get(size, float('nan')):.2f} s",
                  flush=True)
            if size == sizes[-1] or size == min(sizes, key=lambda s: abs(s - 100_000)):
                figures["throughput"] = throughput(client, statements, args.threads, args.seconds)
                print(f"  throughput at {size:,}: {figures['throughput']['checks_per_s']:.0f} checks/s", flush=True)
            if args.json:      # the figures so far, should a long run be stopped
                Path(args.json).write_text(json.dumps(results, indent=2))
        results["memory"] = [memory(pid) for pid in server.worker_pids()]
        # Batch import through the API on the largest base (4 batches of 1,000 from 2 clients).
        results["batch_claims_per_s"] = load(client, Generator(seed=2000 + loaded), 4 * BATCH)
        print(f"  batch import at {sizes[-1]:,}: {results['batch_claims_per_s']:.0f} claims/s", flush=True)
        # Articles not seen by an earlier run on the same --workdir (a repeated text is not ingested again).
        results["ingestion"] = ingestion(client, Generator(seed=1000 + loaded), args.articles)
        print(f"  ingestion: {results['ingestion']['articles_per_s']:.1f} articles/s", flush=True)
        server.stop()
        results["startup_s"] = server.start()
        status, ms = client.timed("POST", "/v1/check", {"statement": statements[0]})
        results["first_check_after_start_ms"] = ms
    finally:
        server.stop()
    results["recall"] = recall(workdir, statements)
    report(results, sizes)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return results


def fill_base(workdir: Path, count: int, pool: int, seed: int) -> None:
    """The bulk fill (benchmarks/bulk.py) on the bench's SQLite base, in this process, the server stopped."""
    from benchmarks.bulk import fill
    from service.store import Repository, make_engine

    engine = make_engine(f"sqlite:///{workdir / 'claims.db'}")
    start = time.perf_counter()
    print(f"  bulk fill: {count:,} claims", flush=True)
    fill(Repository(engine), count, pool=pool, seed=seed, log=lambda line: print(line, flush=True))
    engine.dispose()
    print(f"  bulk fill done in {time.perf_counter() - start:.0f} s", flush=True)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "unknown CPU")
    load1 = os.getloadavg()[0]
    return f"{os.cpu_count()} cores, {cpu}, load average {load1:.1f} at start"


def report(results: dict, sizes: list[int]) -> None:
    base = results["sizes"][sizes[0]]
    print(f"\nclaimcheck benchmark, {results['when']} ({results['machine']}), {results['workers']} gunicorn workers")
    print(f"{'claims':>10} {'check p50':>10} {'check p95':>10} {'health p50':>11} {'health p95':>11} {'p50/1st':>8} "
          f"{'p95/1st':>8} {'start-up':>9}")
    for size in sizes:
        f = results["sizes"][size]
        print(f"{size:>10,} {f['check_p50']:>8.1f}ms {f['check_p95']:>8.1f}ms {f['health_p50']:>9.1f}ms "
              f"{f['health_p95']:>9.1f}ms {f['check_p50'] / base['check_p50']:>7.2f}x "
              f"{f['check_p95'] / base['check_p95']:>7.2f}x {results['startup'].get(size, float('nan')):>8.2f}s")
    near = min(sizes, key=lambda size: abs(size - 100_000))
    at = results["sizes"][near]
    largest, n = results["sizes"][sizes[-1]], f"{sizes[-1]:,}"
    t = at["throughput"]
    rss = max(m["rss"] for m in results["memory"])
    pss = max(m["pss"] for m in results["memory"])
    uss = max(m["uss"] for m in results["memory"])
    cli = results.get("cli_claims_per_s", float("nan"))
    growth_1m = f"{largest['check_p50'] / base['check_p50']:.2f}x at {n}" if sizes[-1] >= 1_000_000 else "1M not run"
    r = results["recall"]
    rows = [
        (f"check p50 growth {sizes[0]:,} -> {near:,} / -> 1M",
         f"{at['check_p50'] / base['check_p50']:.2f}x / {growth_1m}", "<= 1.5x / <= 2x",
         at["check_p50"] / base["check_p50"] <= 1.5 and (sizes[-1] < 1_000_000 or largest["check_p50"] / base["check_p50"] <= 2)),
        (f"check p50 / p95 at {near:,}", f"{at['check_p50']:.1f} / {at['check_p95']:.1f} ms", "<= 15 / 40 ms",
         at["check_p50"] <= 15 and at["check_p95"] <= 40),
        (f"throughput at {near:,}", f"{t['checks_per_s']:.0f} checks/s ({t['errors']} errors, {t['client_threads']} clients)",
         ">= 300/s", t["checks_per_s"] >= 300 and t["errors"] == 0),
        ("import, bulk CLI / batch API", f"{cli:.0f} / {results['batch_claims_per_s']:.0f} claims/s (API at {n})",
         ">= 2000 / 1000", cli >= 2000 and results["batch_claims_per_s"] >= 1000),
        (f"start-up to ready at {n}", f"{results['startup_s']:.2f} s (first check {results['first_check_after_start_ms']:.0f} ms)",
         "<= 3 s", results["startup_s"] <= 3),
        (f"memory per worker at {n}", f"PSS {pss:.0f} MB (RSS {rss:.0f}, USS {uss:.0f})", "<= 400 MB", pss <= 400),
        (f"ANN recall@200 vs exact ({r['claims']:,} in the file)",
         f"{r['recall']:.4f} (worst {r['worst']:.3f}; distinct sentences {r.get('distinct_sentences', float('nan')):.4f}; "
         f"{r.get('nodes', 0):,} graph nodes)",
         ">= 0.99", r["recall"] >= 0.99),
        (f"ingestion at {n}", f"{results['ingestion']['articles_per_s']:.1f} articles/s "
         f"({results['ingestion']['claims_per_article']:.1f} claims each, {results['ingestion']['errors']} errors)",
         "(>= 50/s)", results["ingestion"]["articles_per_s"] >= 50 and not results["ingestion"]["errors"]),
    ]
    print()
    for name, value, target, met in rows:
        print(f"{name:<44} {value:<52} target {target:<16} {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
