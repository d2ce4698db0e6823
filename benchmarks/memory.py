"""Memory per worker, and where it goes: one or more checkouts served at once on one bench base, loaded alike
(every statement once, rounds of them alternated between the checkouts, then 4 clients in alternating
halves), then each worker's memory by mapping from /proc/PID/smaps.

    .venv/bin/python benchmarks/memory.py --base /tmp/bench-workdir [--code /tmp/before --code .] [--seconds 20]

The base is served in place (its claims.db and index files), so the checkouts must read the same index
format. Per worker: RSS, PSS (shared pages split between the processes sharing them) and USS (its private
pages), then the mappings grouped (the Python heap and anonymous memory, the index files, shared libraries,
other files) with their PSS and private pages: the private anonymous memory is what a worker allocated or
copied from the master (a page of a shared object is copied when the worker writes to it, e.g. a reference
count).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.compare import Checkout  # noqa: E402
from benchmarks.run import Client, machine, memory, throughput  # noqa: E402
from benchmarks.synth import Generator  # noqa: E402


def group_of(name: str) -> str:
    if name in ("", "[heap]") or name.startswith("[anon"):
        return "anonymous"
    if ".index" in name or name.endswith((".usearch", ".rec", ".npy", ".vec")):
        return "index files"
    if ".so" in name:
        return "libraries"
    if name.startswith("["):
        return name
    return "other files"


def by_mapping(pid: int) -> dict:
    """PSS and private pages (MB) of a process's mappings, grouped by group_of; the largest files apart."""
    groups = defaultdict(lambda: {"pss": 0.0, "private": 0.0, "rss": 0.0})
    files = defaultdict(lambda: {"pss": 0.0, "private": 0.0, "rss": 0.0})
    name = ""
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        head = line.split(None, 1)[0]
        if "-" in head and ":" not in head:   # a mapping's header: range perms offset dev inode [name]
            parts = line.split(None, 5)
            name = parts[5].strip() if len(parts) > 5 else ""
            continue
        field, _, value = line.partition(":")
        if field not in ("Rss", "Pss", "Private_Clean", "Private_Dirty"):
            continue
        mb = int(value.split()[0]) / 1024
        key = {"Rss": "rss", "Pss": "pss"}.get(field, "private")
        groups[group_of(name)][key] += mb
        if group_of(name) != "anonymous":
            files[name][key] += mb
    largest = sorted(files.items(), key=lambda item: -item[1]["pss"])[:8]
    rounded = lambda d: {k: round(v, 1) for k, v in d.items()}   # noqa: E731
    return {"groups": {k: rounded(v) for k, v in sorted(groups.items(), key=lambda item: -item[1]["pss"])},
            "largest_files": {Path(k).name or k: rounded(v) for k, v in largest}}


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", action="append", help="a checkout (with its .venv); repeatable, default this one")
    parser.add_argument("--base", required=True, help="a bench workdir, served in place")
    parser.add_argument("--statements", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=20.0, help="seconds of 4 clients per checkout")
    parser.add_argument("--port", type=int, default=8275)
    parser.add_argument("--json", default=None)
    args = parser.parse_args(argv)
    codes = args.code or [str(Path(__file__).resolve().parents[1])]
    statements = Generator(seed=7).statements(args.statements) + ["US says 10,000 troops",
                                                                   "Nordkorea hat 12.000 Soldaten nach Russland geschickt"]
    sides = []
    for number, code in enumerate(codes):
        side = Checkout(Path(code), args.port + number, 2)
        side.env["CLAIMCHECK_DATABASE_URL"] = f"sqlite:///{Path(args.base).resolve() / 'claims.db'}"
        side.env["CLAIMCHECK_ALERT_WORKER"] = "0"
        sides.append(side)
    result = {"machine": machine(), "base": args.base, "checkouts": []}
    try:
        for side in sides:
            side.start()
        clients = [Client(side.port) for side in sides]
        for turn in range(1 + args.rounds):
            for statement in statements:
                for client in (clients if turn % 2 == 0 else clients[::-1]):
                    status, _ = client.request("POST", "/v1/check", {"statement": statement})
                    if status != 200:
                        raise RuntimeError(f"HTTP {status} for {statement!r}")
        rates = defaultdict(list)
        if args.seconds:
            order = list(range(len(sides))) + list(range(len(sides)))[::-1]
            for number in order:
                rates[number].append(throughput(clients[number], statements, 4, args.seconds / 2)["checks_per_s"])
        for number, side in enumerate(sides):
            workers = subprocess.run(["ps", "-o", "pid=", "--ppid", str(side.process.pid)], capture_output=True,
                                     text=True).stdout.split()
            entry = {"code": str(side.code), "workers": [], "master": memory(side.process.pid)}
            if rates[number]:
                entry["checks_per_s"] = round(sum(rates[number]) / len(rates[number]), 1)
            for pid in workers:
                entry["workers"].append({**memory(int(pid)), **by_mapping(int(pid))})
            result["checkouts"].append(entry)
    finally:
        for side in sides:
            side.stop()
    result["load_average_end"] = os.getloadavg()[0]
    print(f"memory per worker, base {args.base} ({result['machine']}; load {result['load_average_end']:.1f} at the end)")
    for entry in result["checkouts"]:
        rate = f", {entry['checks_per_s']} checks/s" if "checks_per_s" in entry else ""
        print(f"  {entry['code']}{rate}; master RSS {entry['master']['rss']:.0f} MB")
        for worker in entry["workers"]:
            print(f"    worker PSS {worker['pss']:.0f} MB  RSS {worker['rss']:.0f}  USS {worker['uss']:.0f}")
            for group, figures in worker["groups"].items():
                print(f"      {group:14} PSS {figures['pss']:7.1f}  private {figures['private']:7.1f}  RSS {figures['rss']:7.1f}")
            for name, figures in list(worker["largest_files"].items())[:4]:
                print(f"        {name[:40]:40} PSS {figures['pss']:6.1f}  private {figures['private']:6.1f}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
