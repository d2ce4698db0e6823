"""Places from a gazetteer kept as data, with containment (Kursk ⊂ Russia)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from .lexicon import Hit, TermFinder, both_languages, load

# "Norditalien", "Ostukraine", "Südwestdeutschland": a part of a country named by a compass word
_COMPASS = ("Nord", "Süd", "Ost", "West", "Nordost", "Nordwest", "Südost", "Südwest", "Mittel", "Zentral")


class _Names:
    """The hand-made gazetteer's names, then GeoNames cities; a city only where the text capitalises it."""

    def __init__(self, curated: TermFinder, cities: TermFinder):
        self._curated, self._cities = curated, cities

    def get(self, term: str, default=None):
        found = self._curated.get(term)
        if found is None and term[:1].isupper():
            found = self._cities.get(term)
        return default if found is None else found

    def finditer(self, text: str):
        hits = list(self._curated.finditer(text))
        for hit in self._cities.finditer(text):
            if hit.text[:1].isupper() and not any(h.start < hit.end and hit.start < h.end for h in hits):
                hits.append(hit)
        return iter(sorted(hits))

    def search(self, text: str):
        return next(self.finditer(text), None)


class Gazetteer:
    def __init__(self, data: dict, cities: list | None = None):
        places = data.get("places", []) + [
            {"id": c["id"], "kind": "city", "parent": c["country"], "names": {"en": c["names"]}} for c in cities or []]
        curated = data.get("places", [])
        self.parent = {p["id"]: p.get("parent") for p in places}
        self.kind = {p["id"]: p.get("kind") for p in places}
        self.labels = {}
        for p in places:
            names = p.get("names", {})
            self.labels[p["id"]] = {lang: (names.get(lang) or both_languages(names) or [p["id"]])[0]
                                    for lang in ("de", "en")}
        compass = [(word + name[:1].lower() + name[1:], p["id"]) for p in curated if p.get("kind") == "country"
                   for name in p.get("names", {}).get("de", []) for word in _COMPASS]
        self.names = _Names(
            TermFinder([(n, p["id"]) for p in curated for n in both_languages(p.get("names", {}))] + compass),
            TermFinder((n, c["id"]) for c in cities or [] for n in c["names"]))
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
        if a.startswith("?:") or b.startswith("?:"):
            # a place no gazetteer knows may lie inside a known one; two unknown places are two places
            # ("Nordmünde" is written "Nordmuende" in English copy)
            # (a street lies in some town: "in der Lindenstraße" and "in Schwarzbrunn")
            return _spelled(a) == _spelled(b) or not (a.startswith("?:") and b.startswith("?:")) or any(
                _STREET.search(p) for p in (a, b))
        return self.contains(a, b) or self.contains(b, a)

    def country(self, place: Optional[str]) -> Optional[str]:
        for candidate in self.ancestors(place) if place else []:
            if self.kind.get(candidate) == "country":
                return candidate
        return None

    def label(self, place: Optional[str], language: str = "en") -> Optional[str]:
        if not place:
            return None
        if place.startswith("?:"):
            return place[2:].title()
        return self.labels.get(place, {}).get(language, place)


# An unknown place's key that names a German street or square ("?:lindenstrasse", "?:marktplatz").
_STREET = re.compile(r"(?:strasse|straße|gasse|weg|allee|platz|ring|damm|chaussee)$")


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def _spelled(place: str) -> str:
    """A place's key with its umlauts written out, as English copy writes names no gazetteer knows."""
    return place.translate(_UMLAUTS)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer(load("places"), load("cities").get("cities", []))
