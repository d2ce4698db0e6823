"""Answer a statement: retrieve candidate claims, relate each, group and rank."""
from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import asdict, replace
from functools import lru_cache
from datetime import date
from typing import Iterable, Optional

from . import nlp
from .encoder import embed
from .nlp.language import UNDERSTOOD, meaning_only, notice as language_notice, statement_language
from .nlp.lexicon import fold
from .nlp.model import Claim
from .relations import Relation, in_time, relate, unit_similarity

RELATIONS = ("matching", "corroborating", "conflicting", "related")
# Candidates by meaning: enough to reach every claim of a frame in a large base, few enough to stay fast.
NEAREST = 200
BY_FRAME = 500
# A statement whose counted thing was not recognised only meets claims this close in meaning.
UNKNOWN_SUBJECT_SIMILARITY = 0.45
# Two sentences of one document that share this much of their words are one sentence said twice.
REPEAT_OVERLAP = 0.7
_RANK = {"matching": 0, "corroborating": 1, "conflicting": 2, "related": 3}


def _candidates(repo, vector, claims: list[Claim], as_of: Optional[date],
                exclude_document: Optional[str] = None) -> dict[str, tuple[Claim, float]]:
    index = repo.index
    nearest = index.search(vector, NEAREST, as_of=as_of)
    framed: list[str] = []
    for key in {c.subject_key for c in claims if c.subject_key}:
        framed.extend(index.frame_ids(key, as_of=as_of, limit=BY_FRAME))
    # A stored claim that can relate to none of the statement's claims is left out before it is read, before
    # its similarity is looked up and before relate() meets it: one with a figure where they have none, or
    # none where they all have one, or one whose figure is, for every statement claim with a figure, of
    # another kind (relations.kind) or about a place that is neither that claim's nor inside it nor around
    # it (relations.same_frame: gazetteer().compatible of their places). At 100k claims the place leaves out
    # about 9 in 10 of the candidates a check met (tests/perf/test_candidates.py holds relate() to all of
    # this). A claim whose source is an acronym its article spelled out ("The Taxpayers' Association
    # (BdSt)") stays whatever it is about: it may teach a statement's source its acronym. What decides it
    # (_traits) is derived once per stored claim and kept by the index, so a claim left out is not read
    # again by the next check that meets it; only the claims kept are read (and cached).
    from .nlp.places import gazetteer
    from .relations import kind, where

    frames = {(kind(claim), where(claim)) for claim in claims if claim.quantity is not None}
    kinds, compatible = {k for k, _ in frames}, gazetteer().compatible
    bare = any(claim.quantity is None for claim in claims)

    def keep(traits) -> bool:           # asked once per distinct traits a check meets (a few dozen)
        if traits is None:
            return bare
        of, at, teaches = traits
        # (a place no gazetteer knows may turn out a body the base knows: _place_named_by_the_base decides)
        return of in kinds and (any(of == k and (compatible(place, at) or (place or "").startswith("?:"))
                                    for k, place in frames) or teaches)

    stored = index.screened(dict.fromkeys([claim_id for claim_id, _ in nearest] + framed), repo.get_many,
                            "relate", _traits, keep)
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


def _traits(claim: Claim) -> Optional[tuple]:
    """What decides whether a stored claim can relate to a statement's claims (see _candidates): None for a
    claim without a figure, else its figure's kind, its place and whether its source teaches an acronym."""
    import sys

    from .relations import kind, teaches_acronym, where

    if claim.quantity is None:
        return None
    # (interned: the index keeps each distinct value once)
    return sys.intern(kind(claim)), where(claim), teaches_acronym(claim.attributor)


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


def _known_as(claim: Claim, candidates: list[tuple[Claim, float]]) -> Claim:
    """A statement's source under the acronym that a stored article taught for its name ("Taxpayers'
    Association" is the BdSt wherever an article wrote "The Taxpayers' Association (BdSt)"), so that it
    meets the claims of other articles that name it only by the acronym."""
    from .nlp.entities import same_name
    from .relations import is_acronym, teaches_acronym

    source = claim.attributor
    if source is None or is_acronym(source.canonical):
        return claim
    for stored, _ in candidates:
        taught = stored.attributor
        if teaches_acronym(taught) and same_name(source.canonical, claim.language, taught.text, stored.language):
            return replace(claim, attributor=replace(source, canonical=taught.canonical))
    return claim


_HEADING_NAME = re.compile(r"\s*([A-ZÄÖÜ][\w-]{2,})\s+(?=[a-zäöüß])")


def _named_by_the_base(claim: Claim, candidates: list[tuple[Claim, float]]) -> Claim:
    """A statement that names no source but opens with a name and its verb ("Kornmeister streicht 510 Stellen"),
    where the tagger took the name for a common noun: the name is its source when stored claims give it as theirs
    (a body acting in its own name speaks for what it does)."""
    from .nlp.model import Attributor
    from .nlp.places import gazetteer

    if claim.attributor is not None:
        return claim
    m = _HEADING_NAME.match(claim.text)
    if m is None or gazetteer().names.get(m.group(1)):
        return claim
    name = m.group(1)
    if any(stored.attributor is not None and stored.attributor.canonical == name for stored, _ in candidates):
        return replace(claim, attributor=Attributor(name, name))
    return claim


def _place_named_by_the_base(claim: Claim, candidates: list[tuple[Claim, float]]) -> Claim:
    """A statement's place that no gazetteer knows ("Bei Aurivia fallen 1.300 Stellen weg") is no place where
    stored claims give that name as a source or as whose figure it is: the base knows it as a body."""
    key = claim.location_key or ""
    if not key.startswith("?:"):
        return claim
    name = key[2:]
    for stored, _ in candidates:
        names = [stored.attributor.canonical if stored.attributor else None, stored.extra.get("holder"),
                 stored.extra.get("owner")]
        if any(n and fold(n) == name for n in names):
            return replace(claim, location=None, location_key=None)
    return claim


def relate_candidates(statement_claims: list[Claim], candidates: Iterable[tuple[Claim, float]]) -> list[tuple[Relation, Claim]]:
    """Each candidate's strongest relation with the statement: pairwise first, then in time over all the
    claims of each statement claim's frame (a source's later figure supersedes its earlier one)."""
    candidates = list(candidates)
    best: dict[int, tuple[Relation, Claim]] = {}
    for claim in (_known_as(_named_by_the_base(_place_named_by_the_base(c, candidates), candidates), candidates)
                  for c in statement_claims):
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


def result(relation: Relation, claim: Claim, also: Iterable[Claim] = ()) -> dict:
    citation = claim.citation
    answer = {
        "relation": relation.relation,
        "score": round(relation.score, 4),
        "explanation": relation.explanation,
        "claim": claim.to_dict(),
        # the fields as they are (dataclasses.asdict copies deeply, and a draft builds thousands of these)
        "citation": dict(vars(citation)) if citation else None,
    }
    quotes = [{"quote": other.citation.quote, "start": other.citation.start, "end": other.citation.end}
              for other in also if other.citation]
    if quotes:
        answer["also"] = sorted(quotes, key=lambda quote: quote["start"])
    return answer


def _same_quote(relation: str, document_id: Optional[str], canonical: Optional[str], value, qualifier,
                time: tuple) -> Optional[tuple]:
    """What makes results one claim repeated (headline, teaser, body): the same figure, value and
    qualifier, for the same time, from the same canonical source in the same document, in the same
    relation. None when a result stands alone: no document, or no figure to be the same."""
    if document_id is None or value is None:
        return None
    return relation, document_id, canonical, float(value), qualifier, time


def _pair_key(pair: tuple[Relation, Claim]) -> Optional[tuple]:
    relation, claim = pair
    quantity, time = claim.quantity, claim.time
    if quantity is None or claim.citation is None:
        return None
    return _same_quote(relation.relation, claim.citation.document_id,
                       claim.attributor.canonical if claim.attributor else None, quantity.value, quantity.qualifier,
                       (time.start, time.end) if time else (None, None))


def _result_key(item: dict) -> Optional[tuple]:
    claim = item.get("claim") or {}
    quantity, time = claim.get("quantity") or {}, claim.get("time") or {}
    return _same_quote(item.get("relation"), (item.get("citation") or {}).get("document_id"),
                       (claim.get("attributor") or {}).get("canonical"), quantity.get("value"),
                       quantity.get("qualifier"), (time.get("start"), time.get("end")))


def _collapsed(items: list, key, quote_length) -> list[tuple]:
    """`items` (best first) as [(card, [its repeats])] in the order of each group's best item. Of a
    repeated figure the card is its fullest sentence, the one that says most (the body's, not a headline
    that shortens it); of equally long ones the best-scored."""
    groups: list[list] = []
    by_key: dict[tuple, list] = {}
    for item in items:
        same = key(item)
        if same is not None and same in by_key:
            by_key[same].append(item)
            continue
        groups.append([item])
        if same is not None:
            by_key[same] = groups[-1]
    cards = []
    for group in groups:
        card = max(group, key=quote_length)
        repeats = [item for item in group if item is not card and _repeats(_text_of(item), _text_of(card))]
        cards.append((card, repeats))
        # another body sentence with the same figure is a claim of its own, not a repeat
        cards += [(item, []) for item in group if item is not card and item not in repeats]
    return cards


def _text_of(item) -> str:
    if isinstance(item, dict):
        return (item.get("citation") or {}).get("quote") or ""
    claim = item[1]
    return claim.citation.quote if claim.citation else claim.text


def _repeats(quote: str, card: str) -> bool:
    """A headline or teaser repeating the card: a line without a sentence's final stop, or much the same
    sentence again (most of the words of both in common); another sentence of the body with the same
    figure is a claim of its own."""
    if not re.search(r"[.!?…\"“”»)]$", quote.strip()):
        return True
    a, b = (set(re.findall(r"\w+", text.casefold())) for text in (quote, card))
    return bool(a and b) and len(a & b) / len(a | b) >= REPEAT_OVERLAP


def _quote_of(item: dict) -> dict:
    citation = item["citation"]
    return {"quote": citation["quote"], "start": citation["start"], "end": citation["end"]}


def _quote_length(item: dict) -> int:
    return len((item.get("citation") or {}).get("quote") or "")


def with_also(results: list[dict]) -> list[dict]:
    """Result objects (in blocks by relation, best first) with each repeated quote folded into one card as
    `also` (see _collapsed); the blocks keep their order, each sorted by score."""
    block = {}
    for position, item in enumerate(results):
        block.setdefault(item["relation"], position)
    out = []
    for card, repeats in _collapsed(results, _result_key, _quote_length):
        quotes = [quote for item in repeats for quote in [_quote_of(item), *item.get("also", [])]]
        quotes += card.get("also", [])
        out.append({**card, "also": sorted(quotes, key=lambda q: q["start"])} if quotes else card)
    return sorted(out, key=lambda item: (block[item["relation"]], -item["score"]))


def _pair_quote_length(pair: tuple[Relation, Claim]) -> int:
    return len(pair[1].citation.quote) if pair[1].citation else 0


def _grouped(pairs: Iterable[tuple[Relation, Claim]], limit: int) -> dict[str, list[dict]]:
    groups: dict[str, list] = {relation: [] for relation in RELATIONS}
    for relation, claim in pairs:
        groups[relation.relation].append((relation, claim))
    answer = {}
    for name, items in groups.items():
        # One card per claim (see _collapsed); the limit counts distinct claims.
        cards = _collapsed(sorted(items, key=lambda rc: -rc[0].score), _pair_key, _pair_quote_length)
        cards.sort(key=lambda card_repeats: -card_repeats[0][0].score)
        answer[name] = [result(r, c, [other for _, other in repeats]) for (r, c), repeats in cards[:limit]]
    return answer


@lru_cache(maxsize=1024)
def _read_statement(statement: str, language: Optional[str], as_of: Optional[date]) -> tuple[str, tuple]:
    reported = statement_language(statement, language)   # de, en, another ISO 639-1 code, or und
    language, claims = nlp.parse_statement(statement, language=language, as_of=as_of)
    claims = claims if reported in UNDERSTOOD else meaning_only(nlp.figures_only(statement))
    return reported, tuple(claims)


def _statement(statement: str, language: Optional[str], as_of: Optional[date]) -> tuple[str, list[Claim]]:
    """The language a statement is reported in and its claims. Reading it is a function of its text, the
    language given and as_of, so the same statement checked again (about a tenth of a check's work) is read
    once: kept (the last 1,024) and given as a deep copy, so nothing a check does to its claims reaches the next."""
    reported, claims = _read_statement(statement, language, as_of)
    return reported, deepcopy(list(claims))


def check(repo, statement: str, *, language: Optional[str] = None, as_of: Optional[date] = None,
          limit: int = 20) -> dict:
    """The body of a POST /v1/check answer (see API.md)."""
    reported, claims = _statement(statement, language, as_of)
    vector = embed([statement])[0]
    pairs = relate_candidates(claims, _candidates(repo, vector, claims, as_of).values())
    return {
        "statement": {"text": statement, "language": reported, "claims": [c.to_dict() for c in claims]},
        **_grouped(pairs, limit),
        **language_notice(reported),
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


def check_claims(repo, claims: list[Claim], *, as_of: Optional[date] = None, limit: int = 20) -> list[dict]:
    """The four lists of each already-parsed claim (a draft's sentences), in order: what check() answers
    for a statement, with each claim's own sentence vector (all encoded in one call)."""
    if not claims:
        return []
    vectors = embed([claim.text for claim in claims])
    answers = []
    for claim, vector in zip(claims, vectors):
        pairs = relate_candidates([claim], _candidates(repo, vector, [claim], as_of).values())
        answers.append(_grouped(pairs, limit))
    return answers
