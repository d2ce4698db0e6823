"""Tables of the claim base: documents with their full text, and the claims extracted from them."""
from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    pass


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(34), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ClaimRow(Base):
    """A stored claim. `data` holds Claim.to_dict() plus offsets and `extra`; the columns beside it
    are copies of the parts that queries filter on, and the citation."""

    __tablename__ = "claims"
    # AUTOINCREMENT so SQLite never reuses the seq of a deleted claim: the vector index relies on it.
    __table_args__ = {"sqlite_autoincrement": True}

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(34), unique=True)
    document_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    attributor: Mapped[str | None] = mapped_column(Text, index=True)
    subject: Mapped[str | None] = mapped_column(Text, index=True)
    subject_key: Mapped[str | None] = mapped_column(Text, index=True)
    published: Mapped[date | None] = mapped_column(Date, index=True)
    publisher: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict] = mapped_column(JSON)
    vector: Mapped[bytes] = mapped_column(LargeBinary)   # float16, encoder.DIM values
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
