"""Answer a statement: retrieve candidate claims, relate each, group and rank. STUB body for now."""
from __future__ import annotations

from datetime import date
from typing import Optional

from . import nlp
from .nlp.model import Claim

RELATIONS = ("matching", "corroborating", "conflicting", "related")


def check(repo, statement: str, *, language: Optional[str] = None, as_of: Optional[date] = None,
          limit: int = 20) -> dict:
    """The body of a POST /v1/check answer (see API.md)."""
    language, claims = nlp.parse_statement(statement, language=language, as_of=as_of)
    return {
        "statement": {"text": statement, "language": language, "claims": [c.to_dict() for c in claims]},
        **{relation: [] for relation in RELATIONS},
    }


def relations_for(repo, claim: Claim, *, limit: int = 20) -> list[dict]:
    """Result objects for the stored claims that `claim` matches, corroborates or conflicts with."""
    return []
