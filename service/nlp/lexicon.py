"""Loads the word lists in data/ once and turns them into longest-match term finders."""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

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


class Hit(NamedTuple):
    start: int
    end: int
    text: str
    value: object


class TermFinder:
    """Finds lexicon terms in text, longest first, on word boundaries, case-insensitively."""

    def __init__(self, entries: Iterable[tuple[str, object]]):
        self._values: dict[str, object] = {}
        spellings = set()
        for term, value in entries:
            term = term.strip()
            if term and fold(term) not in self._values:
                self._values[fold(term)] = value
            if term:
                spellings.update({term, fold(term)})  # the text keeps its ß; the key folds it
        terms = sorted(spellings, key=len, reverse=True)
        if terms:
            body = "|".join(re.escape(t).replace(r"\ ", r"[\s\u00a0]+") for t in terms)
            self._pattern = re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE)
        else:
            self._pattern = None

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
