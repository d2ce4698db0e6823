"""Start-up to ready of two checkouts in one run: gunicorn launched, seconds until /health answers ok, then
the first check; the checkouts alternate (before, after, after, before, ...) so that the machine's load
hits both alike.

    .venv/bin/python benchmarks/startup.py --before /tmp/base-checkout [--after .] [--base DIR [--in-place]] [--rounds 4]

Each checkout serves its own copy of the same base (--base: a bench workdir's claims.db, the index files
built by each side's code before the first start; without it an empty base). The derived cache of built
word lists and encoder weights (service/nlp/cache.py) is given a fresh directory per side
(CLAIMCHECK_NLP_CACHE): the first start of a side that has one builds and writes it ("cold", reported
apart), the later starts read it.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.compare import Checkout  # noqa: E402
from benchmarks.run import Client, machine  # noqa: E402

STATEMENT = "Nordkorea hat 12.000 Soldaten nach Russland geschickt"


def timed_start(side: Checkout) -> tuple[float, float]:
    """Seconds from launching gunicorn until /health says ok, and the first check's milliseconds."""
    log = open(side.workdir / "gunicorn.log", "ab")
    start = time.perf_counter()
    side.process = subprocess.Popen([str(side.code / ".venv/bin/gunicorn"), "--config", "gunicorn.conf.py",
                                     "service:create_app()"], cwd=side.code, env=side.env, stdout=log, stderr=log,
                                    start_new_session=True)
    client = Client(side.port)
    while time.perf_counter() - start < 300:
        if side.process.poll() is not None:
            raise RuntimeError(f"gunicorn of {side.code} exited; see {side.workdir / 'gunicorn.log'}")
        try:
            status, body = client.request("GET", "/health")
            if status == 200 and json.loads(body).get("status") == "ok":
                ready = time.perf_counter() - start
                break
        except OSError:
            pass
        time.sleep(0.02)
    else:
        raise RuntimeError(f"{side.code} not ready in 300 s")
    _, first_ms = client.timed("POST", "/v1/check", {"statement": STATEMENT})
    side.stop()
    return ready, first_ms


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="checkout of the code before (with its .venv)")
    parser.add_argument("--after", default=str(Path(__file__).resolve().parents[1]))
    parser.add_argument("--base", default=None, help="a bench workdir whose claims.db each side copies (default: empty)")
    parser.add_argument("--in-place", action="store_true",
                        help="both sides serve --base's own claims.db and index files, one at a time (no copies: for a "
                             "1M base; only when the two checkouts read the same index format)")
    parser.add_argument("--rounds", type=int, default=4, help="starts of each side after its first")
    parser.add_argument("--port", type=int, default=8270)
    parser.add_argument("--json", default=None)
    args = parser.parse_args(argv)
    sides = {"before": Checkout(Path(args.before), args.port, 2), "after": Checkout(Path(args.after), args.port + 1, 2)}
    for side in sides.values():
        side.env["CLAIMCHECK_NLP_CACHE"] = tempfile.mkdtemp(prefix="claimcheck-nlp-cache-")
        side.env["CLAIMCHECK_ALERT_WORKER"] = "0"
        if args.base and args.in_place:
            side.env["CLAIMCHECK_DATABASE_URL"] = f"sqlite:///{Path(args.base).resolve() / 'claims.db'}"
        elif args.base:
            side.copy_base(Path(args.base))
        subprocess.run([str(side.code / ".venv/bin/flask"), "--app", "service", "init-db"], cwd=side.code,
                       env=side.env, check=True, capture_output=True)
        if args.base and not args.in_place:
            side.build_index()
    results = {"when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "machine": machine(),
               "base": args.base or "empty", "sides": {name: {"cold": None, "ready_s": [], "first_check_ms": []}
                                                       for name in sides}}
    try:
        for name, side in sides.items():
            results["sides"][name]["cold"] = timed_start(side)
        order = [name for turn in range(args.rounds) for name in (("before", "after") if turn % 2 == 0 else ("after", "before"))]
        for name in order:
            ready, first = timed_start(sides[name])
            results["sides"][name]["ready_s"].append(round(ready, 3))
            results["sides"][name]["first_check_ms"].append(round(first, 1))
            print(f"  {name:>6}: ready {ready:.2f} s, first check {first:.0f} ms", flush=True)
    finally:
        for side in sides.values():
            side.stop()
    for name, figures in results["sides"].items():
        ready = sorted(figures["ready_s"])
        figures["ready_median_s"] = ready[len(ready) // 2] if len(ready) % 2 else sum(ready[len(ready) // 2 - 1:][:2]) / 2
        print(f"{name:>6}: cold {figures['cold'][0]:.2f} s; ready median {figures['ready_median_s']:.2f} s "
              f"(min {ready[0]:.2f}, max {ready[-1]:.2f}); first check {min(figures['first_check_ms']):.0f}-"
              f"{max(figures['first_check_ms']):.0f} ms")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    main()
