"""Synthetic but realistic news claims and articles (German and English) for the benchmarks.

Sources, counted things and places come from the service's own word lists (service/nlp/data), so
the sentences are the kind the extractor reads: "Laut Polizei wurden rund 12.000 Menschen in
Leipzig ...", "According to the UN, at least 3,400 civilians were killed in Gaza ...". Everything
is drawn from one seeded random generator: the same seed gives the same claims.
"""
from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "service" / "nlp" / "data"

PUBLISHERS = ["Reuters", "AFP", "dpa", "AP", "Der Spiegel", "Süddeutsche Zeitung", "FAZ", "Die Zeit", "tagesschau.de",
              "BBC News", "The Guardian", "The New York Times", "Kyiv Post", "Al Jazeera", "Deutsche Welle",
              "Stuttgarter Zeitung", "Handelsblatt", "Financial Times", "Le Monde (English)", "ORF", "NZZ", "taz"]
QUALIFIERS = {"de": ["", "", "rund", "etwa", "mindestens", "mehr als", "bis zu", "knapp", "über", "fast"],
              "en": ["", "", "about", "around", "at least", "more than", "up to", "nearly", "over", "some"]}
EVENTS = {"de": ["getötet", "verletzt", "evakuiert", "festgenommen", "geschickt", "gezählt", "registriert",
                 "gemeldet", "vertrieben", "beschäftigt"],
          "en": ["killed", "injured", "evacuated", "arrested", "sent", "counted", "registered", "reported",
                 "displaced", "employed"]}
WEEKDAYS = {"de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
            "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]}
FILLER = {"de": ["Die Lage blieb am Abend angespannt.", "Weitere Einzelheiten wurden zunächst nicht bekannt.",
                 "Die Regierung kündigte eine Untersuchung an.", "Beobachter rechnen mit weiteren Protesten.",
                 "Eine unabhängige Bestätigung gab es zunächst nicht."],
          "en": ["The situation remained tense in the evening.", "No further details were immediately available.",
                 "The government announced an investigation.", "Observers expect further protests.",
                 "There was no independent confirmation at first."]}


def _load(name: str) -> dict:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


class Generator:
    def __init__(self, seed: int = 0):
        self.rng = random.Random(seed)
        sources = _load("attributors").get("sources", [])
        self.sources = [(s["canonical"], s.get("aliases", {})) for s in sources if s.get("aliases")]
        self.concepts = [c for c in _load("subjects").get("concepts", []) if c.get("terms")]
        self.places = [p for p in _load("places").get("places", [])
                       if p.get("kind") in ("country", "city", "capital", "region", "state") and p.get("names")]

    def _pick(self, options):
        return options[self.rng.randrange(len(options))]

    def _names(self, mapping: dict, language: str) -> list[str]:
        return mapping.get(language) or [name for names in mapping.values() for name in names]

    def _figure(self, language: str) -> str:
        rng = self.rng
        if rng.random() < 0.12:
            whole, tenth = rng.randint(1, 9), rng.randint(1, 9)
            return f"{whole},{tenth} Millionen" if language == "de" else f"{whole}.{tenth} million"
        value = rng.choice([rng.randint(2, 99), rng.randint(1, 99) * 10, rng.randint(1, 99) * 100,
                            rng.randint(1, 250) * 1000, rng.randint(1000, 99999)])
        text = f"{value:,}"
        return text.replace(",", ".") if language == "de" else text

    def claim_sentence(self, language: str | None = None) -> tuple[str, str]:
        """One claim sentence and its language."""
        rng = self.rng
        language = language or ("de" if rng.random() < 0.5 else "en")
        canonical, aliases = self._pick(self.sources)
        source = self._pick(self._names(aliases, language) or [canonical])
        concept = self._pick(self.concepts)
        label = (concept.get("label") or {}).get(language)
        noun = label if label and rng.random() < 0.6 else self._pick(self._names(concept["terms"], language))
        place = self._pick(self._names(self._pick(self.places)["names"], language))
        qualifier = self._pick(QUALIFIERS[language])
        amount = f"{qualifier} {self._figure(language)}".strip()
        event = self._pick(EVENTS[language])
        day = self._pick(WEEKDAYS[language])
        if language == "de":
            template = self._pick([
                "Laut {source} wurden am {day} {amount} {noun} in {place} {event}.",
                "{source} zufolge sind in {place} {amount} {noun} {event} worden.",
                "{source} sprach am {day} von {amount} {noun} in {place}.",
                "Nach Angaben von {source} wurden in {place} {amount} {noun} {event}.",
                "In {place} seien {amount} {noun} {event} worden, sagte {source} am {day}.",
            ])
        else:
            template = self._pick([
                "According to {source}, {amount} {noun} were {event} in {place} on {day}.",
                "{source} said {amount} {noun} had been {event} in {place}.",
                "{amount} {noun} were {event} in {place}, {source} said on {day}.",
                "{source} reported {amount} {noun} in {place} on {day}.",
                "In {place}, {amount} {noun} have been {event}, {source} said.",
            ])
        text = template.format(source=source, day=day, amount=amount, noun=noun, place=place, event=event)
        return text[0].upper() + text[1:], language

    def published(self) -> date:
        return date(2023, 1, 1) + timedelta(days=self.rng.randrange(3 * 365))

    def claim(self) -> dict:
        """A POST /v1/claims item."""
        text, language = self.claim_sentence()
        publisher = self._pick(PUBLISHERS)
        return {"text": text, "language": language, "publisher": publisher,
                "title": f"{publisher}: {text[:60]}", "url": f"https://example.org/{self.rng.getrandbits(48):x}",
                "published": self.published().isoformat()}

    def article(self, claims: int = 4) -> dict:
        """A POST /v1/documents body: a headline-free wire story with `claims` claim sentences and filler."""
        language = "de" if self.rng.random() < 0.5 else "en"
        sentences = [self.claim_sentence(language)[0] for _ in range(claims)]
        sentences += self.rng.sample(FILLER[language], 2)
        self.rng.shuffle(sentences)
        publisher = self._pick(PUBLISHERS)
        return {"text": " ".join(sentences), "title": sentences[0][:80], "publisher": publisher,
                "url": f"https://example.org/a/{self.rng.getrandbits(48):x}", "language": language,
                "published": self.published().isoformat()}

    def statements(self, count: int) -> list[str]:
        """The fixed statements the latency figures are measured over."""
        return [self.claim_sentence()[0] for _ in range(count)]


if __name__ == "__main__":
    generator = Generator(1)
    for _ in range(12):
        print(generator.claim_sentence()[0])
