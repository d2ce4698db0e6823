"""The term finder's prefix-factored pattern finds exactly what one branch per term (longest first) found."""
import json
import random
import re
import time
from pathlib import Path

from service.nlp.lexicon import DATA, TermFinder, fold

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _all_terms() -> list[str]:
    terms = set()
    for path in DATA.glob("*.json"):
        terms.update(s.strip() for s in _strings(json.loads(path.read_text(encoding="utf-8")))
                     if s.strip() and len(s) < 60)
    return sorted(terms)


def _reference(terms):
    """The pattern as it was built before: every spelling its own branch, longest first."""
    spellings = set()
    for term in terms:
        spellings.update({term, fold(term)})
    body = "|".join(re.escape(t).replace(r"\ ", r"[\s\u00a0]+") for t in sorted(spellings, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE)


def _texts(terms):
    rng = random.Random(5)
    texts = [path.read_text(encoding="utf-8")[:3000] for path in sorted(SEEDS.glob("*.txt"))]
    for _ in range(60):
        picked = rng.sample(terms, 6)
        picked = [t.upper() if rng.random() < 0.2 else t for t in picked]
        texts.append(" und ".join(picked) + ", laut " + rng.choice(terms) + "s " + rng.choice(terms) + ".")
    return texts


def test_same_hits_as_one_branch_per_term():
    terms = _all_terms()
    assert len(terms) > 1000
    finder = TermFinder((t, t) for t in terms)
    reference = _reference(terms)
    compared = 0
    for text in _texts(terms):
        expected = [(m.start(), m.end()) for m in reference.finditer(text) if finder.get(m.group(0)) is not None]
        assert [(h.start, h.end) for h in finder.finditer(text)] == expected
        compared += len(expected)
    assert compared > 300


def test_faster_than_one_branch_per_term():
    terms = _all_terms()
    finder, reference = TermFinder((t, t) for t in terms), _reference(terms)
    text = " ".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))[:6000]
    start = time.perf_counter()
    list(reference.finditer(text))
    slow = time.perf_counter() - start
    start = time.perf_counter()
    list(finder._pattern.finditer(text))
    fast = time.perf_counter() - start
    assert fast * 3 < slow
