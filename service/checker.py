"""Answer a statement: retrieve candidate claims, relate each, group and rank."""
from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Iterable, Optional

from . import nlp
from .encoder import embed
from .nlp.model import Claim
from .relations import Relation, in_time, relate, unit_similarity

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
    """The strongest relation of one stored claim with any of the statement's claims, pairwise only."""
    best = None
    for claim in statement_claims:
        relation = _pairwise(claim, stored, similarity)
        if relation and (best is None or _order(relation) < _order(best)):
            best = relation
    return best


def _order(relation: Relation) -> tuple:
    return _RANK[relation.relation], -relation.score


def _pairwise(claim: Claim, stored: Claim, similarity: float) -> Optional[Relation]:
    if claim.quantity is not None and claim.subject_key is None and similarity < UNKNOWN_SUBJECT_SIMILARITY:
        return None
    return relate(claim, stored, similarity, unit_similarity)


def relate_candidates(statement_claims: list[Claim], candidates: Iterable[tuple[Claim, float]]) -> list[tuple[Relation, Claim]]:
    """Each candidate's strongest relation with the statement: pairwise first, then in time over all the
    claims of each statement claim's frame (a source's later figure supersedes its earlier one)."""
    candidates = list(candidates)
    best: dict[int, tuple[Relation, Claim]] = {}
    for claim in statement_claims:
        pairs = []
        for stored, similarity in candidates:
            relation = _pairwise(claim, stored, similarity)
            if relation:
                pairs.append((relation, stored))
        for relation, stored in in_time(claim, pairs):
            known = best.get(id(stored))
            if known is None or _order(relation) < _order(known[0]):
                best[id(stored)] = (relation, stored)
    return list(best.values())


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
    language, claims = nlp.parse_statement(statement, language=language, as_of=as_of)
    vector = embed([statement])[0]
    pairs = relate_candidates(claims, _candidates(repo, vector, claims, as_of).values())
    return {
        "statement": {"text": statement, "language": language, "claims": [c.to_dict() for c in claims]},
        **_grouped(pairs, limit),
    }


def relations_for(repo, claim: Claim, *, limit: int = 20) -> list[dict]:
    """Result objects for the stored claims (of other documents) that `claim` matches, corroborates or conflicts with."""
    vector = embed([claim.text])[0]
    document = claim.citation.document_id if claim.citation else None
    candidates = [(stored, similarity) for stored, similarity in
                  _candidates(repo, vector, [claim], None, exclude_document=document).values() if stored.id != claim.id]
    pairs = [(r, c) for r, c in relate_candidates([claim], candidates) if r.relation != "related"]
    pairs.sort(key=lambda rc: (_RANK[rc[0].relation], -rc[0].score))
    return [result(r, c) for r, c in pairs[:limit]]
