"""Checks the form of the generalisation sets: every gold quote occurs once in its document, every check
names known claims, no claim is under two contradictory relations, and each set has the articles and checks it needs.

Usage: validate.py [SET.json ...]   (default: every sets/*.json); exit 1 on any problem.
"""
import json
import re
import sys
from pathlib import Path

SETS = Path(__file__).resolve().parent / "sets"
RELATIONS = ("agree", "same_source", "conflict", "not_conflict", "exclude")
DOC_FIELDS = ("key", "language", "publisher", "published", "title", "url", "text")
# Figures in digits that are not a day of a month ("6 April", "12. März").
FIGURE = re.compile(r"\d[\d.,:]*(?![\d.,:]*\s*(?:\.\s*)?(?:Jan|Feb|Mär|Mar|Apr|Mai|May|Jun|Jul|Aug|Sep|Okt|Oct|Nov|Dez|Dec))")


def sentence_of(text: str, quote: str) -> str:
    """The sentence (roughly: between full stops or line breaks) that holds the quote."""
    start = text.index(quote)
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    ends = [i for i in (text.find(". ", start + len(quote)), text.find("\n", start + len(quote))) if i >= 0]
    return text[left:min(ends) if ends else len(text)]


def problems(path: Path) -> list[str]:
    spec = json.loads(path.read_text(encoding="utf-8"))
    found = []
    docs = {d["key"]: d for d in spec.get("documents", [])}
    for doc in docs.values():
        missing = [f for f in DOC_FIELDS if not doc.get(f)]
        if missing:
            found.append(f"document {doc.get('key')}: missing {missing}")
    languages = {d.get("language") for d in docs.values()}
    if len(docs) < 3 or not {"de", "en"} <= languages:
        found.append(f"needs at least 3 documents in German and English (has {len(docs)}, {sorted(languages)})")
    for key, claim in spec.get("claims", {}).items():
        doc = docs.get(claim.get("doc"))
        if doc is None:
            found.append(f"claim {key}: unknown doc {claim.get('doc')}")
            continue
        count = doc["text"].count(claim["quote"])
        if count != 1:
            found.append(f"claim {key}: quote occurs {count} times in {doc['key']}")
        elif "value" not in claim and len(FIGURE.findall(sentence_of(doc["text"], claim["quote"]))) > 1:
            # The grader takes any result citing the sentence as this claim unless a value names the figure.
            found.append(f"claim {key}: its sentence has several figures, give a value")
    checks = spec.get("checks", [])
    if len(checks) < 5:
        found.append(f"only {len(checks)} checks")
    ids = [c["id"] for c in checks]
    if len(ids) != len(set(ids)):
        found.append("duplicate check ids")
    for check in checks:
        named = {}
        for relation in RELATIONS:
            for key in check.get(relation, []):
                if key not in spec.get("claims", {}):
                    found.append(f"{check['id']}: unknown claim {key} under {relation}")
                named.setdefault(key, []).append(relation)
        for key, relations in named.items():
            clash = {frozenset(("conflict", "agree")), frozenset(("conflict", "not_conflict")),
                     frozenset(("exclude", "agree")), frozenset(("exclude", "conflict")),
                     frozenset(("exclude", "same_source")), frozenset(("conflict", "same_source"))}
            for pair in clash:
                if pair <= set(relations):
                    found.append(f"{check['id']}: {key} under both {sorted(pair)}")
            if "same_source" in relations and "agree" not in relations:
                found.append(f"{check['id']}: {key} same_source without agree")
        if check.get("no_agree") and check.get("agree"):
            found.append(f"{check['id']}: no_agree with agree entries")
        if "as_of" in check and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", check["as_of"]):
            found.append(f"{check['id']}: as_of {check['as_of']!r} is not a date")
    return found


def main(argv: list[str]) -> int:
    paths = [Path(p) for p in argv] or sorted(SETS.glob("*.json"))
    bad = 0
    for path in paths:
        issues = problems(path)
        bad += bool(issues)
        print(f"{path.name}: {'ok' if not issues else ''}")
        for issue in issues:
            print("   " + issue)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
