"""claimcheck benchmarks: scale, throughput, ingestion, memory and start-up, in one run (`make bench`).

Starts gunicorn (the repository's gunicorn.conf.py, 2 workers) on a fresh SQLite base in a temporary
directory, loads synthetic claims (benchmarks/synth.py) through `POST /v1/claims` in batches of 1,000
to each size, and measures at each size `POST /v1/check` over a fixed set of statements and `GET /health`
(the floor) in the same run. At the largest size it also measures checks per second under a bounded
concurrent load, articles per second through `POST /v1/documents`, memory per worker, and the time
from start to a ready `/health`. Prints a table and writes the figures as JSON.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="claim-base sizes, comma-separated")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8100")))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--statements", type=int, default=40, help="fixed statements the latencies are taken over")
    parser.add_argument("--rounds", type=int, default=5, help="times each statement is checked per size")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of the throughput run")
    parser.add_argument("--threads", type=int, default=4, help="concurrent clients of the throughput run")
    parser.add_argument("--articles", type=int, default=200)
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
               "sizes": {}, "workers": args.workers}
    server = Server(workdir, args.port, args.workers)
    client = Client(args.port)
    try:
        results["startup_empty_s"] = server.start()
        # A --workdir kept from an earlier run already holds claims (loaded through the API then).
        loaded, rates = json.loads(client.request("GET", "/health")[1])["claims"], []
        for size in sizes:
            if size > loaded:
                rate = load(client, generator, size - loaded)
                rates.append((size - loaded, rate))
                loaded = size
            figures = latency(client, statements, args.rounds)
            results["sizes"][size] = figures
            print(f"  {size:>7,} claims: check p50 {figures['check_p50']:.1f} ms, p95 {figures['check_p95']:.1f} ms; "
                  f"health p50 {figures['health_p50']:.1f} ms (loaded at {rates[-1][1] if rates else float('nan'):.0f} claims/s)", flush=True)
        results["batch_claims_per_s"] = (sum(n for n, _ in rates) / sum(n / r for n, r in rates)) if rates else float("nan")
        results["throughput"] = throughput(client, statements, args.threads, args.seconds)
        print(f"  throughput: {results['throughput']['checks_per_s']:.0f} checks/s", flush=True)
        results["memory"] = [memory(pid) for pid in server.worker_pids()]
        # Articles not seen by an earlier run on the same --workdir (a repeated text is not ingested again).
        results["ingestion"] = ingestion(client, Generator(seed=1000 + loaded), args.articles)
        print(f"  ingestion: {results['ingestion']['articles_per_s']:.1f} articles/s", flush=True)
        server.stop()
        results["startup_s"] = server.start()
        status, ms = client.timed("POST", "/v1/check", {"statement": statements[0]})
        results["first_check_after_start_ms"] = ms
    finally:
        server.stop()
    report(results, sizes)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return results


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "unknown CPU")
    load1 = os.getloadavg()[0]
    return f"{os.cpu_count()} cores, {cpu}, load average {load1:.1f} at start"


def report(results: dict, sizes: list[int]) -> None:
    base = results["sizes"][sizes[0]]
    largest = results["sizes"][sizes[-1]]
    print(f"\nclaimcheck benchmark, {results['when']} ({results['machine']}), {results['workers']} gunicorn workers")
    print(f"{'claims':>9} {'check p50':>10} {'check p95':>10} {'health p50':>11} {'health p95':>11} {'p50/1st':>8} {'p95/1st':>8}")
    for size in sizes:
        f = results["sizes"][size]
        print(f"{size:>9,} {f['check_p50']:>8.1f}ms {f['check_p95']:>8.1f}ms {f['health_p50']:>9.1f}ms "
              f"{f['health_p95']:>9.1f}ms {f['check_p50'] / base['check_p50']:>7.2f}x {f['check_p95'] / base['check_p95']:>7.2f}x")
    t = results["throughput"]
    rss = max(m["rss"] for m in results["memory"])
    pss = max(m["pss"] for m in results["memory"])
    uss = max(m["uss"] for m in results["memory"])
    n = f"{sizes[-1]:,}"
    rows = [
        (f"check p50 at {n}", f"{largest['check_p50']:.1f} ms", "<= 15 ms", largest["check_p50"] <= 15),
        (f"check p95 at {n}", f"{largest['check_p95']:.1f} ms", "<= 40 ms", largest["check_p95"] <= 40),
        (f"growth p50 {sizes[0]:,} -> {n}", f"{largest['check_p50'] / base['check_p50']:.2f}x", "<= 1.5x",
         largest["check_p50"] / base["check_p50"] <= 1.5),
        ("throughput", f"{t['checks_per_s']:.0f} checks/s ({t['errors']} errors, {t['client_threads']} clients)",
         ">= 300/s", t["checks_per_s"] >= 300 and t["errors"] == 0),
        ("batch import", f"{results['batch_claims_per_s']:.0f} claims/s", ">= 2000/s", results["batch_claims_per_s"] >= 2000),
        (f"ingestion at {n}", f"{results['ingestion']['articles_per_s']:.1f} articles/s "
         f"({results['ingestion']['claims_per_article']:.1f} claims each, {results['ingestion']['errors']} errors)",
         ">= 50/s", results["ingestion"]["articles_per_s"] >= 50 and not results["ingestion"]["errors"]),
        (f"memory per worker at {n}", f"RSS {rss:.0f} MB, PSS {pss:.0f} MB, USS {uss:.0f} MB", "<= 350 MB", pss <= 350),
        (f"start-up to ready at {n}", f"{results['startup_s']:.2f} s (first check {results['first_check_after_start_ms']:.0f} ms)",
         "<= 5 s", results["startup_s"] <= 5),
    ]
    print()
    for name, value, target, met in rows:
        print(f"{name:<28} {value:<58} target {target:<10} {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
