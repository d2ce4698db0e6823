"""claimcheck draft-check benchmark: p50/p95 of POST /v1/check/document for ~5,000-character drafts at each
claim-base size (`make bench` runs it after benchmarks/run.py).

Starts gunicorn (the repository's gunicorn.conf.py) on a fresh SQLite base, loads synthetic claims
(benchmarks/synth.py) through `POST /v1/claims` with run.py's loader, and at each size checks a fixed set of
drafts of about 5,000 characters cut from the seed articles (real German news copy). Each draft is checked once as a warm-up, then `--rounds` times.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import Client, Server, load, machine, percentile  # noqa: E402
from benchmarks.synth import Generator  # noqa: E402

SEEDS = ROOT / "seeds"
DRAFT_CHARS = 5000
TARGET_P50_MS = 300


def drafts(count: int, chars: int = DRAFT_CHARS) -> list[dict]:
    """`count` POST /v1/check/document bodies of about `chars` characters of real news copy: the seed
    articles, each continued by the next one and cut at the last paragraph break before `chars`. Real copy
    has the density of claims a draft has (15 to 30 per 5,000 characters in the seeds), which synthetic
    sentences, each a claim, do not."""
    entries = json.loads((SEEDS / "manifest.json").read_text(encoding="utf-8"))["documents"]
    texts = [(SEEDS / entry["file"]).read_text(encoding="utf-8") for entry in entries]
    bodies = []
    for i in range(count):
        text = "\n\n".join(texts[(i + j) % len(texts)] for j in range(len(texts)))[:chars]
        cut = text.rfind("\n\n")
        entry = entries[i % len(entries)]
        bodies.append({"text": text[:cut] if cut > chars // 2 else text, "language": entry.get("language"),
                       "published": entry.get("published")})
    return bodies


def latency(client: Client, bodies: list[dict], rounds: int) -> dict:
    claims = []
    for body in bodies:
        status, answer = client.request("POST", "/v1/check/document", body)
        if status != 200:
            raise RuntimeError(f"draft check failed: {status} {answer[:300]!r}")
        claims.append(json.loads(answer)["summary"]["claims"])
    times, errors = [], 0
    for _ in range(rounds):
        for body in bodies:
            status, ms = client.timed("POST", "/v1/check/document", body)
            errors += status != 200
            times.append(ms)
    return {"p50": percentile(times, 50), "p95": percentile(times, 95), "samples": len(times), "errors": errors,
            "chars": sum(len(body["text"]) for body in bodies) / len(bodies),
            "claims_per_draft": sum(claims) / len(claims)}


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000", help="claim-base sizes, comma-separated")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_DRAFT_PORT", "8101")))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--drafts", type=int, default=5, help="fixed drafts the latencies are taken over")
    parser.add_argument("--rounds", type=int, default=5, help="times each draft is checked per size")
    parser.add_argument("--workdir", default=None, help="where the claim base goes (default: a new temp dir)")
    parser.add_argument("--json", default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="claimcheck-draft-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    # The same synthetic base as run.py's (seed 42).
    generator, bodies = Generator(seed=42), drafts(args.drafts)
    results = {"machine": machine(), "workers": args.workers, "sizes": {}}
    server, client = Server(workdir, args.port, args.workers), Client(args.port)
    try:
        server.start()
        loaded = json.loads(client.request("GET", "/health")[1])["claims"]
        for size in sizes:
            if size > loaded:
                load(client, generator, size - loaded)
                loaded = size
            figures = results["sizes"][size] = latency(client, bodies, args.rounds)
            print(f"  {size:>7,} claims: draft check p50 {figures['p50']:.0f} ms, p95 {figures['p95']:.0f} ms "
                  f"({figures['chars']:.0f} characters, {figures['claims_per_draft']:.1f} claims a draft, "
                  f"{figures['errors']} errors)", flush=True)
    finally:
        server.stop()
    largest = results["sizes"][sizes[-1]]
    print(f"\nclaimcheck draft check ({results['machine']}), {args.workers} gunicorn workers")
    print(f"{'claims':>9} {'p50':>8} {'p95':>8} {'claims/draft':>13}")
    for size in sizes:
        f = results["sizes"][size]
        print(f"{size:>9,} {f['p50']:>6.0f}ms {f['p95']:>6.0f}ms {f['claims_per_draft']:>13.1f}")
    print(f"{'draft check p50 at ' + format(sizes[-1], ','):<28} {largest['p50']:.0f} ms   target <= {TARGET_P50_MS} ms "
          f"{'met' if largest['p50'] <= TARGET_P50_MS else 'NOT met'}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    main()
