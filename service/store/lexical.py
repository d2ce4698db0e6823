"""Lexical retrieval beside the vectors: stemmed words of each claim (and its title) in a full-text index.

SQLite keeps them in an FTS5 table, PostgreSQL in a tsvector column with a GIN index. Triggers
created by migration 0002 keep both in step with every insert, update and delete, whichever
process or replica writes. Each claim is analysed in its own language (German or English
Snowball stemmer and stop words); a query, whose language may be either, is analysed both ways.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Optional

import regex
import Stemmer
from sqlalchemy import Engine, text

# SQLite calls this function from the triggers; every connection registers it (see register_functions).
SQLITE_FUNCTION = "claimcheck_terms"
# PostgreSQL text search configurations by claim language; anything else is read as English.
PG_CONFIGS = {"de": "german", "en": "english"}

_WORD = regex.compile(r"[\p{L}\p{N}]+")
_MAX_QUERY_TERMS = 64


@lru_cache(maxsize=None)
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(PG_CONFIGS.get(language, "english"))


@lru_cache(maxsize=1)
def _stopwords() -> dict[str, frozenset[str]]:
    data = json.loads(Path(__file__).with_name("stopwords.json").read_text(encoding="utf-8"))
    return {language: frozenset(words) for language, words in data.items()}


def terms(value: Optional[str], language: Optional[str]) -> list[str]:
    """The stemmed index terms of a text in one language, in order, stop words left out."""
    if not value:
        return []
    language = language if language in PG_CONFIGS else "en"
    stop = _stopwords()[language]
    words = [word for word in _WORD.findall(value.lower()) if word not in stop]
    return _stemmer(language).stemWords(words)


def document_terms(value: Optional[str], language: Optional[str]) -> str:
    """What the SQLite index stores for a claim: its terms separated by blanks."""
    return " ".join(terms(value, language))


def query_terms(value: str) -> list[str]:
    """The distinct terms of a query read as German and as English, most frequent words first kept."""
    seen: dict[str, None] = {}
    for language in ("en", "de"):
        for term in terms(value, language):
            seen.setdefault(term, None)
    return list(seen)[:_MAX_QUERY_TERMS]


def register_functions(dbapi_connection) -> None:
    """Make the analysis the SQLite triggers call available on a new connection."""
    dbapi_connection.create_function(SQLITE_FUNCTION, 2, document_terms, deterministic=True)


class LexicalIndex:
    """Best-matching claims for a text by BM25 (SQLite FTS5) or ts_rank (PostgreSQL); higher is better."""

    def __init__(self, engine: Engine):
        self._engine = engine
        self._postgres = engine.dialect.name == "postgresql"

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        """(claim id, score > 0) of at most k claims sharing words with `query`, best first."""
        wanted = query_terms(query)
        if not wanted or k <= 0:
            return []
        with self._engine.connect() as connection:
            if self._postgres:
                # Stems from the same Snowball algorithms as the german/english configurations;
                # 'simple' takes them as they are.
                rows = connection.execute(text(
                    "SELECT id, ts_rank(lexical, query, 1) AS score "
                    "FROM claims, to_tsquery('simple', :query) AS query "
                    "WHERE lexical @@ query ORDER BY score DESC, seq DESC LIMIT :k"),
                    {"query": " | ".join(f"'{term}'" for term in wanted), "k": k})
            else:
                rows = connection.execute(text(
                    "SELECT claims.id, -found.rank AS score FROM "
                    "(SELECT rowid, rank FROM claims_lexical WHERE claims_lexical MATCH :query "
                    " ORDER BY rank LIMIT :k) AS found "
                    "JOIN claims ON claims.seq = found.rowid ORDER BY found.rank"),
                    {"query": " OR ".join(f'"{term}"' for term in wanted), "k": k})
            return [(claim_id, float(score)) for claim_id, score in rows if score and score > 0]
