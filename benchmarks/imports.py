"""Import throughput of one or more checkouts in one run: `claimcheck import-claims` (the bulk CLI, on a
fresh local SQLite base) and the batch API (`POST /v1/claims` with `{"claims": [...]}`, batches of 1,000 from
2 clients, on a fresh base served by 2 gunicorn workers), the checkouts alternated.

    .venv/bin/python benchmarks/imports.py --code /tmp/before --code . [--claims 20000] [--batches 4] [--blas-env]

The sentences are the bench's synthetic claims (benchmarks/synth.py, seed 500 as `run.py` imports them):
each is parsed and encoded for real. By default the CLI runs without OPENBLAS_NUM_THREADS in its
environment, as a user starts it; --blas-env sets it to 1 as `benchmarks/run.py` does.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.compare import Checkout  # noqa: E402
from benchmarks.run import KEY, Client, load, machine  # noqa: E402
from benchmarks.synth import Generator  # noqa: E402

_BLAS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def cli_rate(code: Path, path: Path, count: int, blas_env: bool) -> float:
    workdir = Path(tempfile.mkdtemp(prefix="claimcheck-imports-"))
    env = {k: v for k, v in os.environ.items() if blas_env or k not in _BLAS}
    env.update({"CLAIMCHECK_DATABASE_URL": f"sqlite:///{workdir / 'claims.db'}", "CLAIMCHECK_API_KEYS": KEY,
                "CLAIMCHECK_SEED": "0"})
    if blas_env:
        env.update({name: "1" for name in _BLAS})
    subprocess.run([str(code / ".venv/bin/flask"), "--app", "service", "init-db"], cwd=code, env=env, check=True,
                   capture_output=True)
    start = time.perf_counter()
    subprocess.run([str(code / ".venv/bin/flask"), "--app", "service", "import-claims", str(path)], cwd=code, env=env,
                   check=True, capture_output=True)
    return count / (time.perf_counter() - start)


def api_rate(code: Path, port: int, batches: int) -> float:
    side = Checkout(code, port, 2)
    side.env["CLAIMCHECK_ALERT_WORKER"] = "0"
    try:
        side.start()
        client = Client(port)
        load(client, Generator(seed=41), 1000)        # a first batch each worker has parsed with (warm caches)
        return load(client, Generator(seed=43), batches * 1000)
    finally:
        side.stop()


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", action="append", help="a checkout (with its .venv); repeatable, default this one")
    parser.add_argument("--claims", type=int, default=20_000, help="sentences of the CLI import (0: none)")
    parser.add_argument("--batches", type=int, default=4, help="batches of 1,000 through the API (0: none)")
    parser.add_argument("--cli-rounds", type=int, default=1, help="CLI imports per checkout, alternated")
    parser.add_argument("--api-rounds", type=int, default=1, help="batch API runs per checkout, alternated")
    parser.add_argument("--blas-env", action="store_true", help="run the CLI with OPENBLAS_NUM_THREADS=1")
    parser.add_argument("--port", type=int, default=8292)
    parser.add_argument("--json", default=None)
    args = parser.parse_args(argv)
    codes = [Path(c).resolve() for c in (args.code or [str(Path(__file__).resolve().parents[1])])]
    path = Path(tempfile.mkdtemp(prefix="claimcheck-imports-")) / "claims.jsonl"
    generator = Generator(seed=500)
    path.write_text("".join(json.dumps(generator.claim()) + "\n" for _ in range(args.claims)), encoding="utf-8")
    result = {"machine": machine(), "claims": args.claims, "blas_env": args.blas_env, "codes": {}}
    for code in codes:
        result["codes"][str(code)] = {"cli_claims_per_s": [], "api_claims_per_s": []}
    for turn in range(args.cli_rounds if args.claims else 0):
        for code in (codes if turn % 2 == 0 else codes[::-1]):
            result["codes"][str(code)]["cli_claims_per_s"].append(round(cli_rate(code, path, args.claims, args.blas_env), 1))
            print(f"  import-claims {code}: {result['codes'][str(code)]['cli_claims_per_s'][-1]} claims/s (load "
                  f"{os.getloadavg()[0]:.1f})", flush=True)
    for turn in range(args.api_rounds if args.batches else 0):
        for code in (codes if turn % 2 == 0 else codes[::-1]):
            result["codes"][str(code)]["api_claims_per_s"].append(round(api_rate(code, args.port, args.batches), 1))
            print(f"  batch API     {code}: {result['codes'][str(code)]['api_claims_per_s'][-1]} claims/s", flush=True)
    result["load_average_end"] = os.getloadavg()[0]
    print(f"import throughput ({result['machine']}; load {result['load_average_end']:.1f} at the end)")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
