"""Check latency of two checkouts in one run: the same base size, statements and machine state, rounds
interleaved, so that the ratio holds on a shared, noisy machine (issue 12: "check p50 at 1k claims no more
than 1.3x today's, measured before and after in one run").

    .venv/bin/python benchmarks/compare.py --before /tmp/base-checkout --after . [--size 1000] [--rounds 5]

Each checkout runs its own gunicorn (2 workers, SQLite, no seeds) on its own port; the same synthetic
claims are loaded into each through POST /v1/claims, then the statements are checked against both in turn.
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

from benchmarks.run import KEY, Client, load, percentile  # noqa: E402
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
    parser.add_argument("--port", type=int, default=8150)
    parser.add_argument("--json", default=None)
    args = parser.parse_args(argv)
    statements = Generator(seed=7).statements(args.statements) + ["US says 10,000 troops",
                                                                   "Nordkorea hat 12.000 Soldaten nach Russland geschickt"]
    sides = {"before": Checkout(Path(args.before), args.port, 2), "after": Checkout(Path(args.after), args.port + 1, 2)}
    samples = {name: [] for name in sides}
    try:
        for name, side in sides.items():
            side.start()
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
    finally:
        for side in sides.values():
            side.stop()
    result = {name: {"p50_ms": round(percentile(values, 50), 2), "p95_ms": round(percentile(values, 95), 2),
                     "samples": len(values)} for name, values in samples.items()}
    result["ratio_p50"] = round(result["after"]["p50_ms"] / result["before"]["p50_ms"], 3)
    result["size"], result["load_average"] = args.size, os.getloadavg()[0]
    print(f"check latency at {args.size:,} claims, interleaved, {len(samples['after'])} checks each:")
    for name in sides:
        print(f"  {name:6}  p50 {result[name]['p50_ms']:7.2f} ms   p95 {result[name]['p95_ms']:7.2f} ms   ({sides[name].code})")
    print(f"  ratio after / before (p50): {result['ratio_p50']:.2f}   load average {result['load_average']:.1f}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
