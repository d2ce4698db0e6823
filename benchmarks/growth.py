"""Check latency growth with the base's size in one run: one checkout served twice at once, on a fresh 1k
base (loaded through POST /v1/claims as benchmarks/run.py loads its first size) and on a large bench base
served in place, the same statements checked against both in turn, so that the ratio of the p50s holds on a
shared, noisy machine.

    .venv/bin/python benchmarks/growth.py --base /tmp/bench-workdir [--base /tmp/bench-1m] [--rounds 5]

--base is a workdir a bench run left (`benchmarks/run.py --workdir DIR`, or a bulk fill): its claims.db and
index files are served as they are (nothing is written to them but what serving writes).
"""
from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.compare import Checkout  # noqa: E402
from benchmarks.run import Client, load, machine, percentile  # noqa: E402
from benchmarks.synth import Generator  # noqa: E402


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", default=str(Path(__file__).resolve().parents[1]))
    parser.add_argument("--base", action="append", required=True, help="a bench workdir served in place (repeatable)")
    parser.add_argument("--first", type=int, default=1000, help="claims of the fresh small base")
    parser.add_argument("--statements", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--port", type=int, default=8285)
    parser.add_argument("--json", default=None)
    args = parser.parse_args(argv)
    statements = Generator(seed=7).statements(args.statements) + ["US says 10,000 troops",
                                                                   "Nordkorea hat 12.000 Soldaten nach Russland geschickt"]
    sides = {}
    small = Checkout(Path(args.code), args.port, 2)
    small.env["CLAIMCHECK_ALERT_WORKER"] = "0"
    sides[args.first] = small
    for number, base in enumerate(args.base, start=1):
        with sqlite3.connect(Path(base) / "claims.db") as connection:
            size = connection.execute("SELECT count(*) FROM claims").fetchone()[0]
        side = Checkout(Path(args.code), args.port + number, 2)
        side.env["CLAIMCHECK_DATABASE_URL"] = f"sqlite:///{Path(base).resolve() / 'claims.db'}"
        side.env["CLAIMCHECK_ALERT_WORKER"] = "0"
        sides[size] = side
    samples = {size: [] for size in sides}
    try:
        for size, side in sides.items():
            side.start()
        load(Client(small.port), Generator(seed=42), args.first)
        clients = {size: Client(side.port) for size, side in sides.items()}
        for client in clients.values():   # warm-up: every statement once
            for statement in statements:
                client.request("POST", "/v1/check", {"statement": statement})
        for turn in range(args.rounds):
            for statement in statements:
                order = list(clients.items()) if turn % 2 == 0 else list(reversed(clients.items()))
                for size, client in order:
                    status, ms = client.timed("POST", "/v1/check", {"statement": statement})
                    if status != 200:
                        raise RuntimeError(f"{size}: HTTP {status} for {statement!r}")
                    samples[size].append(ms)
    finally:
        for side in sides.values():
            side.stop()
    result = {"when_load_average": os.getloadavg()[0], "machine": machine(), "sizes": {}}
    first = percentile(samples[args.first], 50)
    print(f"check latency by base size, one checkout ({args.code}), checks alternated, load {os.getloadavg()[0]:.1f}:")
    for size, values in samples.items():
        p50, p95 = percentile(values, 50), percentile(values, 95)
        result["sizes"][size] = {"p50_ms": round(p50, 2), "p95_ms": round(p95, 2), "samples": len(values),
                                 "p50_ratio": round(p50 / first, 3)}
        print(f"  {size:>9,} claims: p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  p50 / {args.first:,}: {p50 / first:.2f}x")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
