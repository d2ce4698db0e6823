"""From request to claim base: ingest an article, or add claim sentences. The API, CLI and seeder share these."""
from __future__ import annotations

import hashlib
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Iterator, Optional

import numpy as np

from sqlalchemy.exc import IntegrityError

from . import alerts, checker, encoder, nlp
from .nlp.model import Citation, Claim
from .store import Repository
from .store.models import Document


# The work one article may cause is bounded: relating each claim to the base is a check, so an article
# with 1,400 figures kept a worker busy for minutes. Past either limit nothing is stored and the request
# answers 422 naming the limit. Both are read per request (CLAIMCHECK_MAX_CLAIMS_PER_ARTICLE, a count;
# CLAIMCHECK_ARTICLE_TIME_BUDGET, seconds for extracting and relating; 0 turns either off).
MAX_CLAIMS_PER_ARTICLE = 200
ARTICLE_TIME_BUDGET = 30.0


class LimitExceeded(Exception):
    """An article needs more work than one request may cause; `limit` names the setting."""

    def __init__(self, message: str, limit: str, value: float):
        super().__init__(message)
        self.message, self.limit, self.value = message, limit, value


def max_claims_per_article() -> int:
    return int(os.environ.get("CLAIMCHECK_MAX_CLAIMS_PER_ARTICLE", MAX_CLAIMS_PER_ARTICLE))


def article_time_budget() -> float:
    return float(os.environ.get("CLAIMCHECK_ARTICLE_TIME_BUDGET", ARTICLE_TIME_BUDGET))


@dataclass
class Ingested:
    document: Document
    claims: list[Claim]
    created: bool
    relations: dict[str, list[dict]] = field(default_factory=dict)   # claim id -> Result objects


def ingest_document(repo: Repository, text: str, *, title: Optional[str] = None, publisher: Optional[str] = None,
                    url: Optional[str] = None, published: Optional[date] = None,
                    language: Optional[str] = None, relations: bool = True) -> Ingested:
    """Store an article and its claims in one transaction; the same text again returns what is stored."""
    content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    stored = repo.document_by_hash(content_hash)
    if stored is not None:
        return _stored(repo, stored, relations)
    started = time.monotonic()
    published = published or date.today()
    language = language or nlp.detect_language(text)
    claims = nlp.extract_claims(text, language=language, published=published, publisher=publisher)
    cap = max_claims_per_article()
    if cap and len(claims) > cap:
        raise LimitExceeded(f"The article holds {len(claims)} claims; at most {cap} are taken from one article "
                            f"(CLAIMCHECK_MAX_CLAIMS_PER_ARTICLE). Split it, or raise the limit.",
                            "CLAIMCHECK_MAX_CLAIMS_PER_ARTICLE", cap)
    vectors = encoder.embed([claim.text for claim in claims])
    for claim in claims:
        claim.citation = Citation(None, publisher, title, url, published.isoformat(),
                                  quote=text[claim.start:claim.end], start=claim.start, end=claim.end)
    # Before the write, not inside it: SQLite has one write lock for all workers, and comparing hundreds of
    # claims with the base while holding it kept every other writer waiting, up to "database is locked".
    # Nothing is stored yet, so an article is not related to its own sentences, and a failure stores nothing.
    found = _related(repo, claims, started) if relations else [[] for _ in claims]
    try:
        with repo.transaction() as tx:
            document = tx.add_document(text=text, content_hash=content_hash, title=title, publisher=publisher,
                                       url=url, published=published, language=language)
            for claim in claims:
                claim.citation.document_id = document.id
            tx.add_claims(claims, vectors)
            queued = alerts.enqueue(tx, alerts.conflict_alert(_summary(document), claims, dict(
                (claim.id, results) for claim, results in zip(claims, found))))
    except IntegrityError:
        # The same text arrived through another request a moment ago.
        stored = repo.document_by_hash(content_hash)
        if stored is None:
            raise
        return _stored(repo, stored, relations)
    if queued:
        alerts.notify()
    return Ingested(document, claims, True, {claim.id: results for claim, results in zip(claims, found)})


def _summary(document: Document) -> dict:
    """The document as an alert carries it: where it is and what it is, not its whole text."""
    return {"id": document.id, "title": document.title, "publisher": document.publisher, "url": document.url,
            "published": document.published.isoformat() if document.published else None,
            "language": document.language}


def _related(repo: Repository, claims: list[Claim], started: float) -> list[list[dict]]:
    """relations_for each claim, within the article's time budget (checked between claims)."""
    budget, found = article_time_budget(), []
    for claim in claims:
        if budget and time.monotonic() - started > budget:
            raise LimitExceeded(f"Relating the article's {len(claims)} claims to the base took more than {budget:g} s "
                                f"(CLAIMCHECK_ARTICLE_TIME_BUDGET); nothing was stored. Split the article, "
                                f"or raise the limit.", "CLAIMCHECK_ARTICLE_TIME_BUDGET", budget)
        found.append(checker.relations_for(repo, claim))
    return found


def _stored(repo: Repository, document: Document, relations: bool) -> Ingested:
    claims = repo.claims_of(document.id)
    found = {claim.id: _others(checker.relations_for(repo, claim), claim.id) for claim in claims} if relations else {}
    return Ingested(document, claims, False, found)


def _others(results: list[dict], claim_id: str) -> list[dict]:
    """A stored claim is trivially related to itself; that is no news to the desk."""
    return [result for result in results if (result.get("claim") or {}).get("id") != claim_id]


@dataclass
class ClaimInput:
    text: str
    publisher: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None
    published: Optional[date] = None
    language: Optional[str] = None
    attributor: Optional[str] = None


def _prepared(inputs: list[ClaimInput]) -> tuple[list[Claim], np.ndarray]:
    """Parse claim sentences and encode them as one matrix product."""
    claims = []
    for item in inputs:
        published = item.published or date.today()
        claim = nlp.claim_from_sentence(item.text, language=item.language, published=published,
                                        publisher=item.publisher, attributor=item.attributor)
        claim.citation = Citation(None, item.publisher, item.title, item.url, published.isoformat(),
                                  quote=item.text, start=0, end=len(item.text))
        claims.append(claim)
    return claims, encoder.embed([claim.text for claim in claims])


# Parsing and encoding are pure CPU work: a bulk import spreads them over processes (see parallel()).
_pool = None
_POOL_CHUNK = 500


@contextmanager
def parallel(processes: Optional[int] = None) -> Iterator[None]:
    """Within this block add_claims parses and encodes large lists in `processes` forked processes
    (default: one per core). For bulk imports from the command line; a served worker never forks."""
    global _pool
    import multiprocessing

    processes = processes or os.cpu_count() or 1
    if processes < 2:
        yield
        return
    encoder.warm_up()
    nlp.warm_up()       # loaded before the fork: the processes share the weights and word lists
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        _pool = pool
        try:
            yield
        finally:
            _pool = None


def add_claims(repo: Repository, inputs: list[ClaimInput]) -> list[Claim]:
    """Normalise claim sentences and store them all in one transaction, or none of them."""
    if _pool is not None and len(inputs) >= 2 * _POOL_CHUNK:
        parts = _pool.map(_prepared, [inputs[i:i + _POOL_CHUNK] for i in range(0, len(inputs), _POOL_CHUNK)])
        claims = [claim for part, _ in parts for claim in part]
        vectors = np.concatenate([part for _, part in parts])
    else:
        claims, vectors = _prepared(inputs)
    repo.add_claims(claims, vectors)
    return claims
