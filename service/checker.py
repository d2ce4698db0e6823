"""Answer a statement: retrieve candidate claims, relate each, group and rank."""
from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Iterable, Optional

from . import nlp
from .encoder import embed
from .nlp.language import UNDERSTOOD, meaning_only, notice as language_notice, statement_language
from .nlp.model import Claim
from .relations import Relation, relate, unit_similarity

RELATIONS = ("matching", "corroborating", "conflicting", "related")
# Candidates by meaning: enough to reach every claim of a frame in a large base, few enough to stay fast.
NEAREST = 200
BY_FRAME = 500
# A statement whose counted thing was not recognised only meets claims this close in meaning.
UNKNOWN_SUBJECT_SIMILARITY = 0.45
_RANK = {"matching": 0, "corroborating": 1, "conflicting": 2, "related": 3}


def _candidates(repo, vector, claims: list[Claim], as_of: Optional[date],
                exclude_document: Optional[str] = None) -> dict[str, tuple[Claim, float]]:
    index = repo.index
    nearest = index.search(vector, NEAREST, as_of=as_of)
    framed: list[str] = []
    for key in {c.subject_key for c in claims if c.subject_key}:
        framed.extend(index.frame_ids(key, as_of=as_of, limit=BY_FRAME))
    # Stored claims never change: the index keeps the ones checks keep meeting, and loads the rest.
    stored = index.claims(dict.fromkeys([claim_id for claim_id, _ in nearest] + framed), repo.get_many)
    found: dict[str, tuple[Claim, float]] = {}
    for claim_id, score in nearest:
        if claim_id in stored:
            found[claim_id] = (stored[claim_id], score)
    for claim_id in framed:
        if claim_id not in found and claim_id in stored:
            found[claim_id] = (stored[claim_id], None)
    if exclude_document:
        found = {k: v for k, v in found.items() if not (v[0].citation and v[0].citation.document_id == exclude_document)}
    missing = [cid for cid, (_, score) in found.items() if score is None]
    if missing:
        # similarity for frame candidates that retrieval by meaning did not reach, from the stored vectors
        known = repo.similarities(vector, missing)
        for cid in missing:
            found[cid] = (found[cid][0], known.get(cid, 0.0))
    return found


def _best(statement_claims: list[Claim], stored: Claim, similarity: float) -> Optional[Relation]:
    best = None
    for claim in statement_claims:
        if claim.quantity is not None and claim.subject_key is None and similarity < UNKNOWN_SUBJECT_SIMILARITY:
            continue
        relation = relate(claim, stored, similarity, unit_similarity)
        if relation and (best is None or (_RANK[relation.relation], -relation.score) < (_RANK[best.relation], -best.score)):
            best = relation
    return best


def result(relation: Relation, claim: Claim) -> dict:
    return {
        "relation": relation.relation,
        "score": round(relation.score, 4),
        "explanation": relation.explanation,
        "claim": claim.to_dict(),
        "citation": asdict(claim.citation) if claim.citation else None,
    }


def _grouped(pairs: Iterable[tuple[Relation, Claim]], limit: int) -> dict[str, list[dict]]:
    groups: dict[str, list] = {relation: [] for relation in RELATIONS}
    for relation, claim in pairs:
        groups[relation.relation].append((relation, claim))
    return {name: [result(r, c) for r, c in sorted(items, key=lambda rc: -rc[0].score)[:limit]]
            for name, items in groups.items()}


def check(repo, statement: str, *, language: Optional[str] = None, as_of: Optional[date] = None,
          limit: int = 20) -> dict:
    """The body of a POST /v1/check answer (see API.md)."""
    reported = statement_language(statement, language)   # de, en, another ISO 639-1 code, or und
    language, claims = nlp.parse_statement(statement, language=language, as_of=as_of)
    claims = claims if reported in UNDERSTOOD else meaning_only(claims)
    vector = embed([statement])[0]
    pairs = []
    for stored, similarity in _candidates(repo, vector, claims, as_of).values():
        relation = _best(claims, stored, similarity)
        if relation:
            pairs.append((relation, stored))
    return {
        "statement": {"text": statement, "language": reported, "claims": [c.to_dict() for c in claims]},
        **_grouped(pairs, limit),
        **language_notice(reported),
    }


def relations_for(repo, claim: Claim, *, limit: int = 20) -> list[dict]:
    """Result objects for the stored claims (of other documents) that `claim` matches, corroborates or conflicts with."""
    vector = embed([claim.text])[0]
    document = claim.citation.document_id if claim.citation else None
    pairs = []
    for stored, similarity in _candidates(repo, vector, [claim], None, exclude_document=document).values():
        if stored.id == claim.id:
            continue
        relation = _best([claim], stored, similarity)
        if relation and relation.relation != "related":
            pairs.append((relation, stored))
    pairs.sort(key=lambda rc: (_RANK[rc[0].relation], -rc[0].score))
    return [result(r, c) for r, c in pairs[:limit]]
