"""Retrieval quality on CLEF CheckThat! 2022 Task 2A (English): MAP@5, MRR and Recall@5 of GET /v1/claims?q=.

Loads the 14,231 verified claims (claim sentence, with the article title as `title`) through the batch
endpoint `POST /v1/claims`, ranks them for each tweet with `GET /v1/claims?q=TWEET&limit=100`, and scores
the ranking against the qrels, beside BM25 baselines (rank-bm25, Okapi, default parameters) computed in
the same run. `mode=hybrid` is the service's default ranking; `vector` and `lexical` are its two parts.

    .venv/bin/python benchmarks/checkthat.py                  # own server, dev split (the figures to report)
    .venv/bin/python benchmarks/checkthat.py --quick          # the claims relevant to dev plus 2,000 others
    .venv/bin/python benchmarks/checkthat.py --split train --tune   # the weight grid, on train only
    .venv/bin/python benchmarks/checkthat.py --url http://127.0.0.1:8000 --api-key KEY

--tune fuses the `vector` and `lexical` rankings (top 100 of each) on the client with the service's
formula for each lexical weight; a claim missing from the vector list counts with cosine 0 there,
so the grid is a close approximation of what the service would rank. Tune on train, report dev.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import Client, Server, in_threads, percentile  # noqa: E402

DATA = ROOT.parent / "shared" / "bench" / "checkthat2022-2a"
PORT = 8121
BATCH = 500
DEPTH = 100
MODES = ("hybrid", "vector", "lexical")
WEIGHTS = (0.0, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.8, 1.0)


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as file:
        return [json.loads(line) for line in file if line.strip()]


def published(value: str):
    try:
        return datetime.strptime(value.strip(), "%d %B %Y").date().isoformat()
    except (ValueError, AttributeError):
        return None


def as_claim(vclaim: dict) -> dict:
    return {"text": vclaim["vclaim"].strip() or vclaim["title"], "title": vclaim["title"] or None,
            "published": published(vclaim.get("date") or ""), "language": "en",
            "publisher": "Snopes", "url": vclaim.get("page_url")}


# metrics

def scores(rankings: dict[str, list[str]], queries: list[dict]) -> dict:
    """MAP@5 (the official measure: precision at each relevant hit in the top 5, over all relevant), MRR, Recall@5."""
    ap = rr = recall = 0.0
    for query in queries:
        relevant, ranked = set(query["relevant"]), rankings.get(query["id"], [])
        hits, precision = 0, 0.0
        for rank, claim in enumerate(ranked[:5], 1):
            if claim in relevant:
                hits += 1
                precision += hits / rank
        ap += precision / len(relevant)
        recall += hits / len(relevant)
        rr += next((1 / rank for rank, claim in enumerate(ranked, 1) if claim in relevant), 0.0)
    n = len(queries)
    return {"map@5": round(ap / n, 4), "mrr": round(rr / n, 4), "recall@5": round(recall / n, 4)}


def bm25_rankings(vclaims: list[dict], queries: list[dict], fields: tuple[str, ...]) -> dict[str, list[str]]:
    """The baseline: Okapi BM25 (rank-bm25 defaults) over lower-cased word tokens, no stemming."""
    import numpy as np
    from rank_bm25 import BM25Okapi

    def tokens(text: str) -> list[str]:
        return re.findall(r"\w+", text.lower())

    bm25 = BM25Okapi([tokens(" ".join(v.get(f) or "" for f in fields)) for v in vclaims])
    ids = [v["id"] for v in vclaims]
    rankings = {}
    for query in queries:
        row = bm25.get_scores(tokens(query["text"]))
        top = np.argpartition(-row, DEPTH)[:DEPTH]
        rankings[query["id"]] = [ids[i] for i in top[np.argsort(-row[top], kind="stable")]]
    return rankings


# the service

def load(client: Client, vclaims: list[dict], key: str, threads: int = 2) -> tuple[dict[str, str], float]:
    """Add the verified claims through the batch endpoint; service id -> vclaim id, and claims per second."""
    batches = [vclaims[i:i + BATCH] for i in range(0, len(vclaims), BATCH)]
    mapping, errors, lock = {}, [], threading.Lock()

    def post():
        while True:
            with lock:
                if not batches or errors:
                    return
                batch = batches.pop()
            status, body = client.request("POST", "/v1/claims", {"claims": [as_claim(v) for v in batch]}, key=key)
            if status != 201:
                errors.append((status, body[:300]))
                return
            with lock:
                mapping.update(zip(json.loads(body)["ids"], (v["id"] for v in batch)))

    seconds = in_threads(post, threads)
    if errors:
        raise RuntimeError(f"batch import failed: {errors[:2]}")
    return mapping, len(vclaims) / seconds


def search(client: Client, queries: list[dict], mapping: dict[str, str], mode: str,
           threads: int = 2) -> tuple[dict[str, list[tuple[str, float]]], list[float]]:
    """query id -> [(vclaim id, score)] best first, as GET /v1/claims?q= ranks them; and the latencies in ms."""
    pending, found, took, errors, lock = list(queries), {}, [], [], threading.Lock()

    def run():
        while True:
            with lock:
                if not pending or errors:
                    return
                query = pending.pop()
            path = "/v1/claims?" + urlencode({"q": query["text"], "limit": DEPTH, "mode": mode})
            start = time.perf_counter()
            status, body = client.request("GET", path)
            elapsed = (time.perf_counter() - start) * 1000
            if status != 200:
                errors.append((status, body[:300]))
                return
            items = json.loads(body)["items"]
            with lock:
                took.append(elapsed)
                found[query["id"]] = [(mapping.get(item["claim"]["id"], item["claim"]["id"]), item["score"])
                                      for item in items]

    in_threads(run, threads)
    if errors:
        raise RuntimeError(f"search failed: {errors[:2]}")
    return found, took


def fused(vector: list[tuple[str, float]], lexical: list[tuple[str, float]], weight: float) -> list[str]:
    """The service's hybrid formula (repository.Repository.search) on the two lists of one query."""
    cosine, words = dict(vector), dict(lexical)
    score = {c: weight * words.get(c, 0.0) + (1 - weight) * max(0.0, cosine.get(c, 0.0)) for c in cosine.keys() | words.keys()}
    return [c for c, _ in sorted(score.items(), key=lambda item: (-item[1], item[0]))]


def reciprocal_rank(vector: list[tuple[str, float]], lexical: list[tuple[str, float]], k: float) -> list[str]:
    """Reciprocal rank fusion (Cormack et al. 2009): sum over the two lists of 1 / (k + rank); scores unused."""
    score: dict[str, float] = {}
    for ranking in (vector, lexical):
        for rank, (claim, _) in enumerate(ranking, 1):
            score[claim] = score.get(claim, 0.0) + 1.0 / (k + rank)
    return [c for c, _ in sorted(score.items(), key=lambda item: (-item[1], item[0]))]


RRF_K = (1, 5, 10, 20, 60)


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running service (its claim base gets the verified claims); default: start one")
    parser.add_argument("--api-key", default="bench", help="write key of --url")
    parser.add_argument("--port", type=int, default=PORT, help="port of the server started here")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--split", default="dev", choices=("dev", "train"), help="the split to report")
    parser.add_argument("--quick", action="store_true", help="only the claims relevant to the split plus 2,000 others")
    parser.add_argument("--tune", action="store_true", help="also rank the train queries and print their lexical-weight grid")
    parser.add_argument("--workdir", type=Path, help="keep the claim base here; a later run on it skips the loading")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--rankings", type=Path, help="write each mode's ranking of the split here "
                                                      "(for benchmarks/title_vectors.py)")
    args = parser.parse_args(argv)

    vclaims = read_jsonl(args.data / "vclaims.jsonl")
    queries = read_jsonl(args.data / f"{args.split}.jsonl")
    train = read_jsonl(args.data / "train.jsonl") if args.tune and args.split != "train" else queries
    if args.quick:
        wanted = {claim for query in queries + train for claim in query["relevant"]}
        others = [v for v in vclaims if v["id"] not in wanted]
        keep = wanted | {v["id"] for v in random.Random(5).sample(others, min(2000, len(others)))}
        vclaims = [v for v in vclaims if v["id"] in keep]
    print(f"CheckThat! 2022 2A English, {args.split}: {len(queries)} queries, {len(vclaims)} verified claims", flush=True)

    server, workdir = None, None
    if args.url:
        parsed = urlparse(args.url)
        client = Client(parsed.port or 80, parsed.hostname, args.api_key)
    else:
        if args.workdir:
            args.workdir.mkdir(parents=True, exist_ok=True)
        workdir = tempfile.TemporaryDirectory(prefix="checkthat-")
        server = Server(args.workdir or Path(workdir.name), args.port, 2)
        server.env["CLAIMCHECK_API_KEYS"] = args.api_key
        client = Client(args.port, "127.0.0.1", args.api_key)
    results: dict = {"split": args.split, "queries": len(queries), "claims": len(vclaims)}
    try:
        if server:
            server.start()
        kept = args.workdir / f"ids{'-quick' if args.quick else ''}.json" if args.workdir and not args.url else None
        if kept and kept.exists():
            mapping = json.loads(kept.read_text())
            print(f"reusing the {len(mapping)} claims stored in {args.workdir}", flush=True)
        else:
            mapping, rate = load(client, vclaims, args.api_key)
            results["load_claims_per_s"] = round(rate, 1)
            print(f"loaded {len(mapping)} claims through POST /v1/claims at {rate:.0f} claims/s", flush=True)
            if kept:
                kept.write_text(json.dumps(mapping))
        ranked = {}
        for mode in MODES:
            found, took = search(client, queries, mapping, mode)
            ranked[mode] = found
            results[mode] = {**scores({q: [c for c, _ in items] for q, items in found.items()}, queries),
                             "p50_ms": round(percentile(took, 50), 1), "p95_ms": round(percentile(took, 95), 1)}
        if args.rankings:
            args.rankings.write_text(json.dumps(ranked))
        # Fusion variants on the client, from the two rankings of this split (top 100 of each):
        # the service's score fusion (w = 0.5) as a reference, and rank fusion for several k.
        split_vector, split_lexical = ranked["vector"], ranked["lexical"]
        results["fusion (client)"] = {"score w=0.5": scores({q: fused(split_vector[q], split_lexical.get(q, []), 0.5)
                                                             for q in split_vector}, queries)}
        for k in RRF_K:
            results["fusion (client)"][f"rrf k={k}"] = scores(
                {q: reciprocal_rank(split_vector[q], split_lexical.get(q, []), k) for q in split_vector}, queries)
        if args.tune:
            tuning = {mode: search(client, train, mapping, mode)[0] for mode in ("vector", "lexical")} \
                if train is not queries else ranked
            results["grid (train)"] = {
                weight: scores({q: fused(tuning["vector"][q], tuning["lexical"].get(q, []), weight)
                                for q in tuning["vector"]}, train)["map@5"] for weight in WEIGHTS}
    finally:
        if server:
            server.stop()
            workdir.cleanup()
    for name, fields in (("bm25 claim", ("vclaim",)), ("bm25 claim+title", ("vclaim", "title"))):
        results[name] = scores(bm25_rankings(vclaims, queries, fields), queries)
    report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return results


def report(results: dict) -> None:
    print(f"\n{'ranking':28} {'MAP@5':>7} {'MRR':>7} {'R@5':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for name in ("hybrid", "vector", "lexical", "bm25 claim", "bm25 claim+title"):
        row = results[name]
        label = f"GET /v1/claims?q= {name}" if name in MODES else f"{name} (rank-bm25)"
        print(f"{label:28} {row['map@5']:7.4f} {row['mrr']:7.4f} {row['recall@5']:7.4f} "
              f"{row.get('p50_ms', ''):>8} {row.get('p95_ms', ''):>8}")
    for name, row in results.get("fusion (client)", {}).items():
        label = f"client fusion, {name}"
        print(f"{label:28} {row['map@5']:7.4f} {row['mrr']:7.4f} {row['recall@5']:7.4f}")
    if "grid (train)" in results:
        print("train, lexical weight -> MAP@5 (client-side fusion): "
              + ", ".join(f"{weight}: {value:.4f}" for weight, value in results["grid (train)"].items()))


if __name__ == "__main__":
    main()
