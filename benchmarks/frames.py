"""Frame decisions on the labelled pair corpus: does the service put two figures in context in one frame?

Each line of `tests/nlp/frame_pairs.jsonl` holds two sentences with the figure each is about and the label
`same_frame` (SEMANTICS.md: same kind of quantity, same counted thing and event, same owner, compatible
place; time does not change the frame). A pair marked `part_of_whole` (one figure a part of the other's
whole: "12 firefighters" among "66 injured") is two frames that are related: "related" is right for it, as
is no answer. `b` plays the stored claim, `a` the statement. The service's
decision is `checker._best([a], b, cosine)`: a relation of any kind means "same frame", None "another
frame". A figure that the parser does not return as a claim makes the decision False ("not parsed").

    .venv/bin/python benchmarks/frames.py                 # figures: precision, recall, F1, per topic and language mix
    .venv/bin/python benchmarks/frames.py --errors        # and every misjudged pair with what was parsed
    .venv/bin/python benchmarks/frames.py --json FILE     # and the figures as JSON
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.checker import _best  # noqa: E402
from service.encoder import embed  # noqa: E402
from service.nlp.extract import analyse  # noqa: E402
from service.nlp.model import Claim  # noqa: E402

CORPUS = ROOT / "tests" / "nlp" / "frame_pairs.jsonl"
# the parsed figure is the pair's figure when they differ by no more than this share
VALUE_TOLERANCE = 0.005


def load(path: Path = CORPUS) -> list[dict]:
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def figure_claim(side: dict) -> Optional[Claim]:
    """The claim the parser makes of the side's figure, or None when it makes none of it."""
    value = float(side["value"])
    for claim in analyse(side["text"], side["language"], None):
        parsed = claim.quantity.value if claim.quantity else None
        if parsed is not None and abs(parsed - value) <= VALUE_TOLERANCE * max(abs(value), 1e-9):
            return claim
    return None


class Judge:
    """Decides pairs; sentence vectors are computed once per distinct text."""

    def __init__(self):
        self._vectors: dict[str, object] = {}

    def prepare(self, pairs: Iterable[dict]) -> None:
        texts = list(dict.fromkeys(side["text"] for pair in pairs for side in (pair["a"], pair["b"])))
        missing = [t for t in texts if t not in self._vectors]
        for start in range(0, len(missing), 64):
            batch = missing[start:start + 64]
            for text, vector in zip(batch, embed(batch)):
                self._vectors[text] = vector

    def similarity(self, a: str, b: str) -> float:
        self.prepare([{"a": {"text": a}, "b": {"text": b}}])
        return float(self._vectors[a] @ self._vectors[b])

    def judge(self, pair: dict) -> dict:
        """The decision with what it rests on: both claims (None when not parsed) and the cosine."""
        statement, stored = figure_claim(pair["a"]), figure_claim(pair["b"])
        similarity = self.similarity(pair["a"]["text"], pair["b"]["text"])
        relation = None
        if statement is not None and stored is not None:
            relation = _best([statement], stored, similarity)
        same = relation is not None
        if pair.get("part_of_whole"):
            # a part and its whole are two frames that SEMANTICS.md relates ("Part of: …"): "related", or no
            # answer, is right; matching, corroborating or conflicting treats them as one count
            same = same and relation.relation != "related"
        return {"same": same, "relation": relation.relation if relation else None,
                "parsed": statement is not None and stored is not None,
                "a": statement, "b": stored, "similarity": similarity}


_judge = Judge()


def decide(pair: dict) -> bool:
    """Whether the service puts the figures of `pair["a"]` (statement) and `pair["b"]` (stored) in one frame."""
    return _judge.judge(pair)["same"]


def _scores(counts: dict) -> dict:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {**counts, "pairs": sum(counts[k] for k in ("tp", "fp", "fn", "tn")),
            "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def language_mix(pair: dict) -> str:
    return "-".join(sorted((pair["a"]["language"], pair["b"]["language"])))


def evaluate(pairs: list[dict], judge: Judge = _judge) -> dict:
    """Precision, recall and F1 of the "same frame" decision, overall, per topic and per language mix;
    `errors` lists the misjudged pairs with what was parsed."""
    judge.prepare(pairs)
    empty = lambda: {"tp": 0, "fp": 0, "fn": 0, "tn": 0, "not_parsed": 0}  # noqa: E731
    total, topics, mixes = empty(), defaultdict(empty), defaultdict(empty)
    errors = []
    for pair in pairs:
        verdict = judge.judge(pair)
        truth, said = bool(pair["same_frame"]), verdict["same"]
        cell = {(True, True): "tp", (False, True): "fp", (True, False): "fn", (False, False): "tn"}[(truth, said)]
        for counts in (total, topics[pair["topic"]], mixes[language_mix(pair)]):
            counts[cell] += 1
            counts["not_parsed"] += 0 if verdict["parsed"] else 1
        if truth != said:
            errors.append({"id": pair["id"], "topic": pair["topic"], "label": truth, "relation": verdict["relation"],
                           "similarity": round(verdict["similarity"], 3), "why": pair["why"],
                           "a": _described(pair["a"], verdict["a"]), "b": _described(pair["b"], verdict["b"])})
    return {**_scores(total),
            "topics": {t: _scores(c) for t, c in sorted(topics.items())},
            "language_mix": {m: _scores(c) for m, c in sorted(mixes.items())},
            "errors": errors}


def _described(side: dict, claim: Optional[Claim]) -> dict:
    parsed = None
    if claim is not None:
        parsed = {"subject": claim.subject, "subject_key": claim.subject_key, "location": claim.location_key,
                  "unit": claim.quantity.unit if claim.quantity else None,
                  "extra": {k: v for k, v in claim.extra.items() if isinstance(v, (str, int, float, bool, type(None)))}}
    return {"text": side["text"], "language": side["language"], "value": side["value"], "parsed": parsed}


def _print(figures: dict, seconds: float, show_errors: bool) -> None:
    print(f"frame pairs: {figures['pairs']}  precision {figures['precision']:.3f}  recall {figures['recall']:.3f}  "
          f"F1 {figures['f1']:.3f}  ({seconds:.1f} s)")
    print(f"  tp {figures['tp']}  fp {figures['fp']}  fn {figures['fn']}  tn {figures['tn']}  "
          f"not parsed {figures['not_parsed']}")
    for title, key in (("topic", "topics"), ("languages", "language_mix")):
        print(f"\n{title:<20} {'pairs':>5} {'prec':>6} {'recall':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4} {'tn':>4} {'unparsed':>8}")
        for name, row in figures[key].items():
            print(f"{name:<20} {row['pairs']:>5} {row['precision']:>6.3f} {row['recall']:>6.3f} {row['f1']:>6.3f} "
                  f"{row['tp']:>4} {row['fp']:>4} {row['fn']:>4} {row['tn']:>4} {row['not_parsed']:>8}")
    if not show_errors:
        return
    print(f"\nmisjudged pairs: {len(figures['errors'])}")
    for error in figures["errors"]:
        verdict = "same frame" if error["label"] else "another frame"
        print(f"\n{error['id']} [{error['topic']}] labelled {verdict} ({error['why']}); service: "
              f"{error['relation'] or 'another frame'}, cosine {error['similarity']}")
        for name in ("a", "b"):
            side = error[name]
            print(f"  {name} ({side['language']}, {side['value']}): {side['text']}")
            parsed = side["parsed"]
            if parsed is None:
                print("     not parsed: no claim with this figure")
            else:
                extra = parsed["extra"]
                print(f"     subject {parsed['subject']!r} key {parsed['subject_key']!r} unit {parsed['unit']!r} "
                      f"place {parsed['location']!r} concept {extra.get('concept')!r} event {extra.get('event')!r} "
                      f"owner {extra.get('owner')!r}")


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--errors", action="store_true", help="list the misjudged pairs with what was parsed")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures (and errors) as JSON")
    args = parser.parse_args(argv)
    pairs = load(args.corpus)
    started = time.perf_counter()
    figures = evaluate(pairs)
    _print(figures, time.perf_counter() - started, args.errors)
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
