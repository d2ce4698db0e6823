"""Title and claim vectors on CheckThat! 2022 2A: does the article title's vector beside the claim's help?

Offline, beside the service: embeds every verified claim's sentence and its article title with the
service's encoder, ranks the tweets of a split by cosine to the claim alone, to the title alone, and to the
better of the two (max) or their mean, then fuses each dense ranking with the service's own lexical
ranking (from `checkthat.py --rankings`) by the service's formula, w = 0.5 (score = w × lexical/best +
(1 − w) × cosine over the union of the top 100 of each).

    .venv/bin/python benchmarks/checkthat.py --workdir /tmp/ct --rankings /tmp/ranked.json
    .venv/bin/python benchmarks/title_vectors.py --rankings /tmp/ranked.json
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.checkthat import DATA, DEPTH, as_claim, read_jsonl, scores  # noqa: E402
from service import encoder  # noqa: E402

_URL = re.compile(r"\bhttps?://\S+|\bpic\.twitter\.com/\S+|\bwww\.\S+")   # as service/api/claims.py
WEIGHT = 0.5


def embed_all(texts: list[str], chunk: int = 256) -> np.ndarray:
    return np.vstack([encoder.embed(texts[i:i + chunk]) for i in range(0, len(texts), chunk)])


def fuse(dense: dict[str, float], lexical: list, weight: float = WEIGHT) -> list[str]:
    words = dict((claim, score) for claim, score in lexical)
    union = dense.keys() | words.keys()
    fused = {c: weight * words.get(c, 0.0) + (1 - weight) * max(0.0, dense.get(c, 0.0)) for c in union}
    return [c for c, _ in sorted(fused.items(), key=lambda item: (-item[1], item[0]))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--rankings", type=Path, required=True, help="checkthat.py --rankings output of the split")
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--cache", type=Path, help="keep the claim and title vectors in this .npz file")
    args = parser.parse_args()
    vclaims = read_jsonl(args.data / "vclaims.jsonl")
    queries = read_jsonl(args.data / f"{args.split}.jsonl")
    lexical = json.loads(args.rankings.read_text())["lexical"]
    ids = [v["id"] for v in vclaims]
    position = {claim: i for i, claim in enumerate(ids)}
    start = time.perf_counter()
    if args.cache and args.cache.exists():
        stored = np.load(args.cache)
        claims, titles = stored["claims"], stored["titles"]
    else:
        claims = embed_all([as_claim(v)["text"] for v in vclaims])
        titles = embed_all([v["title"] or as_claim(v)["text"] for v in vclaims])
        if args.cache:
            np.savez(args.cache, claims=claims, titles=titles)
    asked = embed_all([_URL.sub(" ", q["text"]).strip() or q["text"] for q in queries])
    print(f"{args.split}: {len(queries)} tweets; vectors ready in {time.perf_counter() - start:.0f} s", flush=True)
    variants = {
        "claim": lambda q: claims @ q,
        "title": lambda q: titles @ q,
        "max(claim, title)": lambda q: np.maximum(claims @ q, titles @ q),
        "mean(claim, title)": lambda q: (claims @ q + titles @ q) / 2,
    }
    print(f"\n{'dense part':22} {'alone MAP@5':>12} {'fused MAP@5':>12} {'fused MRR':>10} {'fused R@5':>10}")
    for name, cosine in variants.items():
        alone, fused = {}, {}
        for query, vector in zip(queries, asked):
            row = cosine(vector)
            top = np.argpartition(-row, DEPTH)[:DEPTH]
            top = top[np.argsort(-row[top], kind="stable")]
            alone[query["id"]] = [ids[i] for i in top]
            dense = {ids[i]: float(row[i]) for i in top}
            # a lexical candidate outside the dense top 100 keeps its own cosine, as in the service
            for claim, _ in lexical.get(query["id"], []):
                if claim not in dense and claim in position:
                    dense[claim] = float(row[position[claim]])
            fused[query["id"]] = fuse(dense, lexical.get(query["id"], []))
        a, f = scores(alone, queries), scores(fused, queries)
        print(f"{name:22} {a['map@5']:12.4f} {f['map@5']:12.4f} {f['mrr']:10.4f} {f['recall@5']:10.4f}")


if __name__ == "__main__":
    main()
