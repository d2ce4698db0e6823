"""Places from a gazetteer kept as data, with containment (Kursk ⊂ Russia)."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from .lexicon import TermFinder, both_languages, load


class Gazetteer:
    def __init__(self, data: dict):
        places = data.get("places", [])
        self.parent = {p["id"]: p.get("parent") for p in places}
        self.kind = {p["id"]: p.get("kind") for p in places}
        self.labels = {}
        for p in places:
            names = p.get("names", {})
            self.labels[p["id"]] = {lang: (names.get(lang) or both_languages(names) or [p["id"]])[0]
                                    for lang in ("de", "en")}
        self.names = TermFinder((n, p["id"]) for p in places for n in both_languages(p.get("names", {})))
        self.demonyms = TermFinder((n, p["id"]) for p in places for n in both_languages(p.get("demonyms", {})))
        self.demonym_label = {p["id"]: (p.get("demonyms", {}).get("en") or [None])[0] for p in places}
        self.directions = TermFinder((d, True) for d in both_languages(data.get("direction_phrases", {})))

    def ancestors(self, place: str) -> list[str]:
        chain, seen = [], set()
        while place and place not in seen:
            seen.add(place)
            chain.append(place)
            place = self.parent.get(place)
        return chain

    def contains(self, outer: str, inner: str) -> bool:
        return outer in self.ancestors(inner)

    def compatible(self, a: Optional[str], b: Optional[str]) -> bool:
        """Same frame: unknown on either side, the same place, or one inside the other."""
        if not a or not b:
            return True
        return self.contains(a, b) or self.contains(b, a)

    def country(self, place: Optional[str]) -> Optional[str]:
        for candidate in self.ancestors(place) if place else []:
            if self.kind.get(candidate) == "country":
                return candidate
        return None

    def label(self, place: Optional[str], language: str = "en") -> Optional[str]:
        if not place:
            return None
        return self.labels.get(place, {}).get(language, place)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer(load("places"))
