"""Check latency of two checkouts in one run: the same base size, statements and machine state, rounds
interleaved, so that the ratio holds on a shared, noisy machine (issue 12: "check p50 at 1k claims no more
than 1.3x today's, measured before and after in one run").

    .venv/bin/python benchmarks/compare.py --before /tmp/base-checkout --after . [--size 1000] [--rounds 5]
    .venv/bin/python benchmarks/compare.py --before /tmp/base-checkout --base /tmp/bench-workdir [--throughput 20]

Each checkout runs its own gunicorn (2 workers, SQLite, no seeds) on its own port; the same synthetic
claims are loaded into each through POST /v1/claims (or, with --base, each side gets its own copy of a
base a bench run left, e.g. `benchmarks/run.py --workdir DIR`: its `claims.db`, without the index files,
which each side's code builds for itself before serving), then the statements are checked against both in
turn. With --throughput S each side then serves 4 concurrent clients for S seconds, the sides alternating
in halves (before, after, after, before), so that a change of the machine's load hits both alike.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.run import KEY, Client, load, memory, percentile, throughput  # noqa: E402
from benchmarks.synth import Generator  # noqa: E402


class Checkout:
    """gunicorn from one checkout's own code and virtualenv, on a fresh SQLite base."""

    def __init__(self, code: Path, port: int, workers: int):
        self.code, self.port = code.resolve(), port
        self.workdir = Path(tempfile.mkdtemp(prefix="claimcheck-compare-"))
        self.env = {**os.environ, "CLAIMCHECK_DATABASE_URL": f"sqlite:///{self.workdir / 'claims.db'}",
                    "CLAIMCHECK_API_KEYS": KEY, "CLAIMCHECK_SEED": "0", "PORT": str(port), "HOST": "127.0.0.1",
                    "WEB_CONCURRENCY": str(workers), "PROMETHEUS_MULTIPROC_DIR": str(self.workdir / "prom")}
        self.process = None

    def copy_base(self, base: Path) -> None:
        """This side's own copy of a stored base (its claims.db; the index files are built by this side's code)."""
        import sqlite3

        with sqlite3.connect(base / "claims.db") as source, sqlite3.connect(self.workdir / "claims.db") as target:
            source.backup(target)

    def build_index(self) -> None:
        """The index file of this side's copy, as `import-claims` leaves it (by this side's code)."""
        subprocess.run([str(self.code / ".venv/bin/python"), "-c",
                        "import sys; from service.store import make_engine, migrate; from service.store.index import build; "
                        "e = make_engine(sys.argv[1]); migrate(e); build(e)", self.env["CLAIMCHECK_DATABASE_URL"]],
                       cwd=self.code, env=self.env, check=True, capture_output=True)

    def start(self) -> None:
        (self.workdir / "prom").mkdir(exist_ok=True)
        subprocess.run([str(self.code / ".venv/bin/flask"), "--app", "service", "init-db"], cwd=self.code,
                       env=self.env, check=True, capture_output=True)
        log = open(self.workdir / "gunicorn.log", "ab")
        self.process = subprocess.Popen([str(self.code / ".venv/bin/gunicorn"), "--config", "gunicorn.conf.py",
                                         "service:create_app()"], cwd=self.code, env=self.env, stdout=log, stderr=log,
                                        start_new_session=True)
        client, deadline = Client(self.port), time.monotonic() + 300
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn of {self.code} exited; see {self.workdir / 'gunicorn.log'}")
            try:
                if client.request("GET", "/health")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"{self.code} not ready in 300 s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(60)


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="checkout of the code before (with its .venv)")
    parser.add_argument("--after", default=str(Path(__file__).resolve().parents[1]))
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--statements", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--base", default=None, help="a bench workdir whose claims.db each side copies (instead of --size)")
    parser.add_argument("--in-place", action="store_true",
                        help="both sides serve --base's own claims.db and index files (no copies: for a 1M base; only "
                             "when the two checkouts read the same index format, i.e. service/store is unchanged)")
    parser.add_argument("--throughput", type=float, default=0.0, help="seconds of 4-client throughput per side")
    parser.add_argument("--port", type=int, default=8150)
    parser.add_argument("--json", default=None)
    args = parser.parse_args(argv)
    statements = Generator(seed=7).statements(args.statements) + ["US says 10,000 troops",
                                                                   "Nordkorea hat 12.000 Soldaten nach Russland geschickt"]
    sides = {"before": Checkout(Path(args.before), args.port, 2), "after": Checkout(Path(args.after), args.port + 1, 2)}
    samples = {name: [] for name in sides}
    rates, errors = {name: [] for name in sides}, {name: 0 for name in sides}
    memories = {name: [] for name in sides}
    try:
        for name, side in sides.items():
            if args.base and args.in_place:
                side.env["CLAIMCHECK_DATABASE_URL"] = f"sqlite:///{Path(args.base).resolve() / 'claims.db'}"
            elif args.base:
                side.copy_base(Path(args.base))
                side.build_index()
            side.start()
            if not args.base:
                load(Client(side.port), Generator(seed=42), args.size)
        clients = {name: Client(side.port) for name, side in sides.items()}
        for name, client in clients.items():   # warm-up: every statement once
            for statement in statements:
                client.request("POST", "/v1/check", {"statement": statement})
        for _ in range(args.rounds):
            for statement in statements:
                for name, client in clients.items():
                    status, ms = client.timed("POST", "/v1/check", {"statement": statement})
                    if status != 200:
                        raise RuntimeError(f"{name}: HTTP {status} for {statement!r}")
                    samples[name].append(ms)
        if args.throughput:
            for name in ("before", "after", "after", "before"):
                figures = throughput(clients[name], statements, 4, args.throughput / 2)
                rates[name].append(figures["checks_per_s"])
                errors[name] += figures["errors"]
        for name, side in sides.items():   # each worker's memory once it has served all of the above
            workers = subprocess.run(["ps", "-o", "pid=", "--ppid", str(side.process.pid)], capture_output=True, text=True)
            memories[name] = [memory(int(pid)) for pid in workers.stdout.split()]
    finally:
        for side in sides.values():
            side.stop()
    result = {name: {"p50_ms": round(percentile(values, 50), 2), "p95_ms": round(percentile(values, 95), 2),
                     "samples": len(values)} for name, values in samples.items()}
    result["ratio_p50"] = round(result["after"]["p50_ms"] / result["before"]["p50_ms"], 3)
    if args.throughput:
        for name in sides:
            result[name]["checks_per_s"] = round(sum(rates[name]) / len(rates[name]), 1)
            result[name]["throughput_errors"] = errors[name]
    if args.base:
        import sqlite3

        with sqlite3.connect(Path(args.base) / "claims.db") as connection:
            args.size = connection.execute("SELECT count(*) FROM claims").fetchone()[0]
    result["size"], result["load_average"] = args.size, os.getloadavg()[0]
    print(f"check latency at {args.size:,} claims, interleaved, {len(samples['after'])} checks each:")
    for name in sides:
        rate = f"   {result[name]['checks_per_s']:.1f} checks/s ({errors[name]} errors)" if args.throughput else ""
        print(f"  {name:6}  p50 {result[name]['p50_ms']:7.2f} ms   p95 {result[name]['p95_ms']:7.2f} ms{rate}   ({sides[name].code})")
    for name in sides:
        result[name]["memory"] = memories[name]
        if memories[name]:
            print(f"  {name:6}  worker PSS " + " / ".join(f"{m['pss']:.0f}" for m in memories[name]) + " MB (RSS "
                  + " / ".join(f"{m['rss']:.0f}" for m in memories[name]) + ")")
    print(f"  ratio after / before (p50): {result['ratio_p50']:.2f}   load average {result['load_average']:.1f}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
