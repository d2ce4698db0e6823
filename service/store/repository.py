"""The one interface to the claim base: documents, claims, their filters, and nearest-vector search."""
from __future__ import annotations

import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Iterator, Optional, Sequence

import numpy as np
from sqlalchemy import Engine, and_, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from service.nlp.model import Citation, Claim

from . import records
from .index import VectorIndex, to_bytes
from .lexical import LexicalIndex
from .models import ClaimReviewRow, ClaimRow, Delivery, Document, Subscription, _now

# Search: how many candidates each retriever contributes before fusion, and the share of the
# lexical score in the fused one (tuned on the CheckThat! 2022 2A train queries, benchmarks/checkthat.py).
SEARCH_CANDIDATES = 100
LEXICAL_WEIGHT = 0.5


@dataclass
class ClaimFilter:
    """What GET /v1/claims narrows the list by; None means no restriction."""
    attributor: Optional[str] = None
    subject: Optional[str] = None
    since: Optional[date] = None
    until: Optional[date] = None

    def apply(self, query):
        if self.attributor:
            query = query.where(func.lower(ClaimRow.attributor) == self.attributor.lower())
        if self.subject:
            wanted = self.subject.lower()
            query = query.where((func.lower(ClaimRow.subject) == wanted) | (func.lower(ClaimRow.subject_key) == wanted))
        if self.since:
            query = query.where(ClaimRow.published >= self.since)
        if self.until:
            query = query.where(ClaimRow.published <= self.until)
        return query

    def __bool__(self) -> bool:
        return any((self.attributor, self.subject, self.since, self.until))


def _to_claim(row: ClaimRow) -> Claim:
    # (the one construction of a stored claim, shared with the compact records of records.py)
    return records.claim_of(row.id, row.document_id, row.publisher, row.title, row.url,
                            row.published.isoformat() if row.published else None, row.text, row.start, row.end,
                            row.data)


_CLAIM_COLUMNS = records.COLUMNS


def _row_values(claim: Claim, vector: np.ndarray) -> dict:
    """The column values of a stored claim (one dict per row for a multi-row INSERT)."""
    citation = claim.citation or Citation(None, None, None, None, None, claim.text, claim.start, claim.end)
    return dict(
        id=claim.id, document_id=citation.document_id, text=claim.text, language=claim.language,
        start=citation.start, end=citation.end,
        attributor=claim.attributor.canonical if claim.attributor else None,
        subject=claim.subject, subject_key=claim.subject_key,
        published=date.fromisoformat(citation.published) if citation.published else None,
        publisher=citation.publisher, title=citation.title, url=citation.url,
        data={**claim.to_dict(), "start": claim.start, "end": claim.end, "extra": claim.extra},
        vector=to_bytes(vector),
        created_at=_now(),
    )


class Transaction:
    """Writes that are committed together when the `with repo.transaction()` block ends, or not at all."""

    def __init__(self, session: Session):
        self._session = session

    def add_document(self, *, text: str, content_hash: str, title: Optional[str], publisher: Optional[str],
                     url: Optional[str], published: Optional[date], language: str) -> Document:
        document = Document(id="d_" + content_hash[:32], content_hash=content_hash, text=text, title=title,
                            publisher=publisher, url=url, published=published, language=language)
        self._session.add(document)
        self._session.flush()
        return document

    def add_claims(self, claims: Sequence[Claim], vectors: np.ndarray) -> list[str]:
        """Store claims (their `citation` says where each came from); sets and returns their ids.

        One multi-row INSERT (executemany) instead of an ORM object per claim: the bulk import writes
        tens of thousands of claims per transaction."""
        rows = []
        for claim, vector in zip(claims, vectors, strict=True):
            claim.id = "c_" + uuid.uuid4().hex
            rows.append(_row_values(claim, vector))
        if rows:
            self._session.execute(insert(ClaimRow), rows)
        return [claim.id for claim in claims]

    def add_review(self, url: str, claim_id: str, rating: dict) -> None:
        """Record that the fact-check at `url` is stored as claim `claim_id` (a second one of the url fails)."""
        self._session.add(ClaimReviewRow(url=url, claim_id=claim_id, rating=rating))
        self._session.flush()

    def enqueue(self, subscription_id: str, event: str, body: str, due: float) -> None:
        """Queue an alert for a subscription; it is sent once the transaction has committed."""
        self._session.add(Delivery(subscription_id=subscription_id, event=event, body=body, state="pending",
                                   attempts=0, due=due))

    def subscriptions(self, event: str) -> list[Subscription]:
        """The subscriptions that want `event`, read inside this transaction."""
        return [row for row in self._session.scalars(select(Subscription).order_by(Subscription.created_at))
                if event in (row.events or [])]


@dataclass
class Claimed:
    """A delivery a worker holds until `lease`: what to send, where, and the secret to sign it with."""
    seq: int
    url: str
    secret: str
    body: str
    attempts: int
    lease: float


class Repository:
    """Storage behind one small interface; SQLite or PostgreSQL, whatever the engine points at.

    Every method opens its own short session, so one Repository serves all requests of a process.
    Reads see committed data only: relations computed inside a transaction compare with what
    was stored before it.
    """

    def __init__(self, engine: Engine):
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.index = VectorIndex(engine)
        self.lexical = LexicalIndex(engine)

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        with self._sessions.begin() as session:
            yield Transaction(session)

    # documents

    def document(self, document_id: str) -> Optional[Document]:
        with self._sessions() as session:
            return session.get(Document, document_id)

    def document_by_hash(self, content_hash: str) -> Optional[Document]:
        with self._sessions() as session:
            return session.scalars(select(Document).where(Document.content_hash == content_hash)).first()

    def claims_of(self, document_id: str) -> list[Claim]:
        """The claims of a document in the order they were stored (the order of the text)."""
        with self._sessions() as session:
            rows = session.scalars(select(ClaimRow).where(ClaimRow.document_id == document_id).order_by(ClaimRow.seq))
            return [_to_claim(row) for row in rows]

    # claims

    def add_claims(self, claims: Sequence[Claim], vectors: np.ndarray) -> list[str]:
        """Store claims in one transaction: all of them, or none."""
        with self.transaction() as tx:
            return tx.add_claims(claims, vectors)

    def get(self, claim_id: str) -> Optional[Claim]:
        with self._sessions() as session:
            row = session.scalars(select(ClaimRow).where(ClaimRow.id == claim_id)).first()
            return _to_claim(row) if row else None

    def get_many(self, claim_ids: Sequence[str]) -> list[Claim]:
        """Claims by id, in the order asked; ids no longer stored are skipped."""
        if not claim_ids:
            return []
        # The columns a Claim is made of, as plain rows: no ORM objects, and not the vector (1 KB a claim).
        # A check asks for up to 700 candidates: reading those not in the claim cache takes about a quarter less.
        wanted = list(claim_ids)
        rows = {}
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), 5000):
                query = select(*_CLAIM_COLUMNS).where(ClaimRow.id.in_(wanted[start:start + 5000]))
                rows.update((row.id, row) for row in connection.execute(query))
        return [_to_claim(rows[i]) for i in wanted if i in rows]

    def delete(self, claim_id: str) -> bool:
        with self._sessions.begin() as session:
            deleted = session.execute(delete(ClaimRow).where(ClaimRow.id == claim_id)).rowcount > 0
        self.index.forget(claim_id)   # other processes see it go within index.DELETE_CHECK_INTERVAL
        return deleted

    def count(self) -> int:
        with self._sessions() as session:
            return session.scalar(select(func.count()).select_from(ClaimRow))

    def stats(self) -> dict:
        with self._sessions() as session:
            documents = session.scalar(select(func.count()).select_from(Document))
            languages = dict(session.execute(select(ClaimRow.language, func.count()).group_by(ClaimRow.language)).all())
            attributors = session.execute(
                select(ClaimRow.attributor, func.count()).where(ClaimRow.attributor.is_not(None))
                .group_by(ClaimRow.attributor).order_by(func.count().desc()).limit(10)).all()
        return {"documents": documents, "claims": sum(languages.values()), "languages": languages,
                "top_attributors": [list(pair) for pair in attributors]}

    def list(self, where: ClaimFilter, *, limit: int = 20, before: Optional[int] = None) -> tuple[list[Claim], Optional[int]]:
        """Newest first. Returns the page and the seq to continue `before`, or None on the last page."""
        query = where.apply(select(ClaimRow)).order_by(ClaimRow.seq.desc()).limit(limit + 1)
        if before is not None:
            query = query.where(ClaimRow.seq < before)
        with self._sessions() as session:
            rows = session.scalars(query).all()
        more = len(rows) > limit
        rows = rows[:limit]
        return [_to_claim(row) for row in rows], (rows[-1].seq if more else None)

    # search

    def nearest(self, vector: np.ndarray, k: int, as_of: Optional[date] = None) -> list[tuple[Claim, float]]:
        """The k claims closest to `vector` by cosine, best first; claims published after as_of left out."""
        ranked = self.index.search(vector, k, as_of)
        claims = {claim.id: claim for claim in self.get_many([claim_id for claim_id, _ in ranked])}
        return [(claims[claim_id], score) for claim_id, score in ranked if claim_id in claims]

    def similarities(self, vector: np.ndarray, claim_ids) -> dict[str, float]:
        """Cosine of `vector` with each given claim, from the stored vectors."""
        return self.index.similarities(vector, claim_ids)

    def search(self, vector: np.ndarray, where: ClaimFilter, *, limit: int = 20, offset: int = 0,
               query: Optional[str] = None, mode: str = "hybrid",
               lexical_weight: float = LEXICAL_WEIGHT) -> tuple[list[tuple[Claim, float]], bool]:
        """A page of the claims passing `where`, best first, and whether more follow.

        `hybrid` ranks by a weighted sum of the cosine to `vector` and the lexical score of `query`
        (divided by the best lexical score of the query, so both lie in 0..1), over the union of the
        best candidates of each; `vector` and `lexical` rank by one of them alone.
        """
        depth = max(offset + limit + 1, SEARCH_CANDIDATES)
        use_lexical = bool(query) and mode in ("hybrid", "lexical")
        allowed = None
        if where:
            with self._sessions() as session:
                allowed = set(session.scalars(where.apply(select(ClaimRow.id))))
        dense: dict[str, float] = {}
        if mode != "lexical":
            # With a filter the whole ranking is needed: the best claims may all be filtered out.
            ranked = self.index.search(vector, None if allowed is not None else depth)
            dense = dict((i, s) for i, s in ranked if allowed is None or i in allowed)
            if allowed is not None:
                dense = dict(list(dense.items())[:depth])
        lexical: dict[str, float] = {}
        if use_lexical:
            found = self.lexical.search(query, depth if allowed is None else depth * 4)
            found = [(i, s) for i, s in found if allowed is None or i in allowed][:depth]
            best = found[0][1] if found else 1.0
            lexical = {claim_id: score / best for claim_id, score in found}
        if mode == "lexical":
            scores = lexical
        elif not lexical:
            scores = dense
        else:
            missing = [claim_id for claim_id in lexical if claim_id not in dense]
            cosine = {**dense, **self.index.similarities(vector, missing)}
            scores = {claim_id: lexical_weight * lexical.get(claim_id, 0.0)
                      + (1 - lexical_weight) * max(0.0, cosine.get(claim_id, 0.0))
                      for claim_id in dense.keys() | lexical.keys()}
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        page = ranked[offset:offset + limit]
        claims = {claim.id: claim for claim in self.get_many([claim_id for claim_id, _ in page])}
        return [(claims[i], score) for i, score in page if i in claims], len(ranked) > offset + limit

    # imported fact-checks

    def reviewed(self, urls: Sequence[str]) -> dict[str, str]:
        """Review url -> the id of the claim it was stored as, for the urls already imported."""
        if not urls:
            return {}
        with self._sessions() as session:
            rows = session.execute(select(ClaimReviewRow.url, ClaimReviewRow.claim_id)
                                   .where(ClaimReviewRow.url.in_(list(urls))))
            return {url: claim_id for url, claim_id in rows}

    # webhook subscriptions and their delivery queue

    def add_subscription(self, url: str, secret: str, events: Sequence[str]) -> Subscription:
        row = Subscription(id="s_" + uuid.uuid4().hex, url=url, secret=secret, events=list(events))
        with self._sessions.begin() as session:
            session.add(row)
        return row

    def list_subscriptions(self) -> list[Subscription]:
        with self._sessions() as session:
            return list(session.scalars(select(Subscription).order_by(Subscription.created_at, Subscription.id)))

    def delete_subscription(self, subscription_id: str) -> bool:
        with self._sessions.begin() as session:
            return session.execute(delete(Subscription).where(Subscription.id == subscription_id)).rowcount > 0

    def deliveries(self, subscription_id: Optional[str] = None) -> list[Delivery]:
        """The queue (for operators and tests), oldest first."""
        query = select(Delivery).order_by(Delivery.seq)
        if subscription_id:
            query = query.where(Delivery.subscription_id == subscription_id)
        with self._sessions() as session:
            return list(session.scalars(query))

    def claim_deliveries(self, now: float, lease: float, limit: int) -> list[Claimed]:
        """Take up to `limit` due deliveries for this worker until now + lease, so no other worker sends them.

        Due: pending and past `due`, or held by a worker whose lease ran out (it died sending).
        PostgreSQL locks the rows it picks and skips those another worker is picking (FOR UPDATE
        SKIP LOCKED); SQLite takes each row with an UPDATE that only succeeds while it is still due.
        """
        due = or_(and_(Delivery.state == "pending", Delivery.due <= now),
                  and_(Delivery.state == "sending", Delivery.lease < now))
        until = now + lease
        with self._sessions.begin() as session:
            pick = select(Delivery.seq).where(due).order_by(Delivery.due, Delivery.seq).limit(limit)
            if self.engine.dialect.name == "postgresql":
                pick = pick.with_for_update(skip_locked=True)
            taken = []
            for seq in session.scalars(pick).all():
                done = session.execute(update(Delivery).where(Delivery.seq == seq, due).values(
                    state="sending", lease=until, attempts=Delivery.attempts + 1))
                if done.rowcount == 1:
                    taken.append(seq)
            if not taken:
                return []
            rows = session.execute(
                select(Delivery.seq, Subscription.url, Subscription.secret, Delivery.body, Delivery.attempts)
                .join(Subscription, Subscription.id == Delivery.subscription_id)
                .where(Delivery.seq.in_(taken)).order_by(Delivery.seq)).all()
        return [Claimed(row.seq, row.url, row.secret, row.body, row.attempts, until) for row in rows]

    def finish_delivery(self, claimed: Claimed, *, state: str, due: Optional[float] = None,
                        status: Optional[int] = None, error: Optional[str] = None) -> bool:
        """Record how an attempt ended: delivered, failed (given up), or pending again at `due`.

        Only while this worker still holds the row (its lease), so a worker that outlived its
        lease cannot overwrite what the one that took the row over recorded.
        """
        from datetime import datetime, timezone

        values = {"state": state, "lease": None, "last_status": status, "last_error": error}
        if due is not None:
            values["due"] = due
        if state in ("delivered", "failed"):
            values["finished_at"] = datetime.now(timezone.utc)
        with self._sessions.begin() as session:
            return session.execute(update(Delivery).where(
                Delivery.seq == claimed.seq, Delivery.state == "sending", Delivery.lease == claimed.lease,
            ).values(**values)).rowcount == 1

    def by_frame(self, subject_key: str, as_of: Optional[date] = None, limit: int = 500) -> list[Claim]:
        """Claims about the same counted thing (equal subject_key), newest first."""
        query = select(ClaimRow).where(ClaimRow.subject_key == subject_key)
        if as_of is not None:
            query = query.where((ClaimRow.published <= as_of) | ClaimRow.published.is_(None))
        query = query.order_by(ClaimRow.published.desc().nulls_last(), ClaimRow.seq.desc()).limit(limit)
        with self._sessions() as session:
            return [_to_claim(row) for row in session.scalars(query)]
