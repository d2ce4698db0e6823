"""Claim understanding: from text to normalised claims (language, numbers, sources, subject, place, time).

STUB: the real pipeline replaces these bodies; the signatures are the interface the rest of
the service codes against.
"""
from __future__ import annotations

from datetime import date
from typing import Optional

from .model import Attributor, Citation, Claim, Quantity, TimeSpan  # noqa: F401


def detect_language(text: str) -> str:
    """'de' or 'en' (other languages answer the closer of the two)."""
    return "en" if sum(w in text.lower().split() for w in ("the", "says", "and", "of")) else "de"


def extract_claims(text: str, *, language: Optional[str] = None, published: Optional[date] = None,
                   publisher: Optional[str] = None) -> list[Claim]:
    """Claims of an article: furniture dropped, one Claim per asserted figure or sourced fact,
    each with `start`/`end` offsets into `text` such that text[start:end] == claim.text."""
    language = language or detect_language(text)
    claims, pos = [], 0
    for part in text.split(". "):
        if any(ch.isdigit() for ch in part):
            claims.append(Claim(text=part, language=language, start=pos, end=pos + len(part)))
        pos += len(part) + 2
    return claims


def claim_from_sentence(text: str, *, language: Optional[str] = None, published: Optional[date] = None,
                        publisher: Optional[str] = None, attributor: Optional[str] = None) -> Claim:
    """One claim sentence (POST /v1/claims); `attributor` names the source when the text does not."""
    claim = Claim(text=text, language=language or detect_language(text), start=0, end=len(text))
    if attributor:
        claim.attributor = Attributor(text=attributor, canonical=attributor)
    return claim


def parse_statement(text: str, *, language: Optional[str] = None,
                    as_of: Optional[date] = None) -> tuple[str, list[Claim]]:
    """A statement to check: its language and the claims it makes (at least one, even without a figure)."""
    language = language or detect_language(text)
    return language, [Claim(text=text, language=language, start=0, end=len(text))]
