"""Loads the word lists in data/ once and turns them into longest-match term finders."""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple, Optional

from . import cache

DATA = Path(__file__).with_name("data")


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    path = DATA / f"{name}.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def fold(text: str) -> str:
    """Case- and typography-insensitive key: 'US-Regierung' and 'us regierung' meet."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = text.replace("ß", "ss").replace("\u2011", "-").replace("\u2010", "-")
    return re.sub(r"[\s\u00a0]+", " ", text).strip()


_SPACE = object()   # a space in a term matches any run of whitespace


def _key(char: str):
    """Trie edge of a term character: case-insensitive like the pattern, spaces as one edge."""
    if char == " ":
        return _SPACE
    lower = char.lower()
    return lower if len(lower) == 1 else char


def _trie_pattern(terms: list[str]) -> str:
    """A regex body matching exactly the given terms, longest first, with shared prefixes factored out."""
    root: dict = {}
    for term in terms:
        node = root
        for char in term:
            node = node.setdefault(_key(char), {})
        node[None] = True

    def emit(node: dict) -> str:
        branches = [(r"[\s\u00a0]+" if key is _SPACE else re.escape(key)) + emit(child)
                    for key, child in node.items() if key is not None]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if None in node:   # a term ends here: try the longer terms first, then end
            return body + "?" if len(branches) == 1 and len(body) == 1 else "(?:" + body + ")?"
        return body

    return emit(root)


# Finders of fewer terms compile in a few milliseconds: not worth a cache file each.
_CACHED_FROM = 200


def _built_terms(entries: list[tuple[str, object]]) -> tuple[dict, Optional[tuple]]:
    """A finder's folded terms with their values, and its compiled pattern (as `cache.regex_spec`)."""
    values: dict[str, object] = {}
    spellings = set()
    for term, value in entries:
        term = term.strip()
        if term and fold(term) not in values:
            values[fold(term)] = value
        if term:
            spellings.update({term, fold(term)})  # the text keeps its ß; the key folds it
    if not spellings:
        return values, None
    # One alternation per shared prefix (a trie), not one branch per term: the matcher then
    # walks each position once instead of trying thousands of terms there. Longer terms
    # are still preferred, as with the terms sorted longest first.
    body = _trie_pattern(sorted(spellings))
    return values, cache.regex_spec(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE)


class Hit(NamedTuple):
    start: int
    end: int
    text: str
    value: object


class TermFinder:
    """Finds lexicon terms in text, longest first, on word boundaries, case-insensitively."""

    def __init__(self, entries: Iterable[tuple[str, object]]):
        entries = list(entries)
        if len(entries) < _CACHED_FROM:
            values, spec = _built_terms(entries)
        else:   # built once and read back from the derived cache (service/nlp/cache.py) after that
            values, spec = cache.cached("terms", entries, lambda: _built_terms(entries))
        self._values: dict[str, object] = values
        self._pattern = cache.regex(spec) if spec is not None else None

    def __contains__(self, term: str) -> bool:
        return fold(term) in self._values

    def get(self, term: str, default=None):
        return self._values.get(fold(term), default)

    def finditer(self, text: str) -> Iterator[Hit]:
        if self._pattern is None:
            return
        for m in self._pattern.finditer(text):
            value = self._values.get(fold(m.group(0)))
            if value is not None:
                yield Hit(m.start(), m.end(), m.group(0), value)

    def search(self, text: str):
        return next(self.finditer(text), None)

    def terms(self) -> list[str]:
        return list(self._values)


def both_languages(mapping) -> list[str]:
    """Terms of a {"de": [...], "en": [...]} entry (or a plain list)."""
    if isinstance(mapping, dict):
        return [t for terms in mapping.values() for t in terms]
    return list(mapping or [])
