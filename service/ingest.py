"""From request to claim base: ingest an article, or add claim sentences. The API, CLI and seeder share these."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from sqlalchemy.exc import IntegrityError

from . import alerts, checker, encoder, nlp
from .nlp.model import Citation, Claim
from .store import Repository
from .store.models import Document


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
    published = published or date.today()
    language = language or nlp.detect_language(text)
    claims = nlp.extract_claims(text, language=language, published=published, publisher=publisher)
    vectors = encoder.embed([claim.text for claim in claims])
    for claim in claims:
        claim.citation = Citation(None, publisher, title, url, published.isoformat(),
                                  quote=text[claim.start:claim.end], start=claim.start, end=claim.end)
    # Before the write, not inside it: SQLite has one write lock for all workers, and comparing hundreds of
    # claims with the base while holding it kept every other writer waiting, up to "database is locked".
    # Nothing is stored yet, so an article is not related to its own sentences, and a failure stores nothing.
    found = [checker.relations_for(repo, claim) for claim in claims] if relations else [[] for _ in claims]
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


def add_claims(repo: Repository, inputs: list[ClaimInput]) -> list[Claim]:
    """Normalise claim sentences and store them all in one transaction, or none of them."""
    claims = []
    for item in inputs:
        published = item.published or date.today()
        claim = nlp.claim_from_sentence(item.text, language=item.language, published=published,
                                        publisher=item.publisher, attributor=item.attributor)
        claim.citation = Citation(None, item.publisher, item.title, item.url, published.isoformat(),
                                  quote=item.text, start=0, end=len(item.text))
        claims.append(claim)
    repo.add_claims(claims, encoder.embed([claim.text for claim in claims]))
    return claims
