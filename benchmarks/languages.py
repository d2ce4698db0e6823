"""Language identification: how fast the wide detector is beside the German/English one, and whether it
still names German and English sentences right.

Sentences: those of the seed articles (German and English) and the statements of the public check set.
Prints per-text microseconds of both detectors and the sentences the wide one names otherwise.

    .venv/bin/python -m benchmarks.languages
"""
from __future__ import annotations

import json
import re
import statistics
import time
from pathlib import Path

from service.nlp.language import detect_language, identify_language

ROOT = Path(__file__).resolve().parent.parent
CHECKS = ROOT.parent.parent / "shared" / "examples" / "public_checks.json"


def sentences() -> list[tuple[str, str]]:
    """(text, language) of every seed sentence of 20 to 400 characters, and the public statements."""
    manifest = json.loads((ROOT / "seeds" / "manifest.json").read_text(encoding="utf-8"))
    found = []
    for document in manifest["documents"]:
        text = (ROOT / "seeds" / document["file"]).read_text(encoding="utf-8")
        for line in re.split(r"(?<=[.!?])\s+|\n+", text):
            if 20 <= len(line.strip()) <= 400:
                found.append((line.strip(), document["language"]))
    for path in (CHECKS, Path("/work/shared/examples/public_checks.json")):
        if path.exists():
            checks = json.loads(path.read_text(encoding="utf-8"))
            for document in checks.get("documents", []):
                found.append((document["text"], document["language"]))
            found += [(check["statement"], None) for check in checks["checks"]]
            break
    return found + OTHER


# Statements in other languages, written for this benchmark (news-like, with figures and sources).
OTHER = [
    ("Россия направила в Курскую область около 10 000 солдат, сообщил Пентагон.", "ru"),
    ("По данным МЧС, эвакуированы 3500 жителей.", "ru"),
    ("Україна отримала від союзників 500 танків, заявив міністр оборони.", "uk"),
    ("Понад 3000 людей евакуювали з прикордонних сіл.", "uk"),
    ("قال البنتاغون إن 10 آلاف جندي كوري شمالي موجودون في روسيا.", "ar"),
    ("五角大楼称约有一万名朝鲜士兵在俄罗斯。", "zh"),
    ("Pentagon, Rusya'da 10.000 Kuzey Koreli asker bulunduğunu açıkladı.", "tr"),
    ("Le Pentagone affirme que 10 000 soldats nord-coréens se trouvent en Russie.", "fr"),
    ("Selon la préfecture, 3 500 habitants ont été évacués dimanche.", "fr"),
    ("El Pentágono afirma que hay 10.000 soldados norcoreanos en Rusia.", "es"),
    ("Según los bomberos, el incendio quemó 400 hectáreas.", "es"),
    ("Il Pentagono afferma che in Russia ci sono 10.000 soldati nordcoreani.", "it"),
    ("Secondo la protezione civile sono state evacuate 3.500 persone.", "it"),
    ("Het Pentagon zegt dat er 10.000 Noord-Koreaanse soldaten in Rusland zijn.", "nl"),
    ("Pentagon twierdzi, że w Rosji przebywa 10 tysięcy żołnierzy z Korei Północnej.", "pl"),
    ("O Pentágono diz que há 10 mil soldados norte-coreanos na Rússia.", "pt"),
    ("Pentagon uppger att 10 000 nordkoreanska soldater finns i Ryssland.", "sv"),
    ("Το Πεντάγωνο λέει ότι 10.000 Βορειοκορεάτες στρατιώτες βρίσκονται στη Ρωσία.", "el"),
]


def timed(function, texts: list[str], rounds: int = 5) -> float:
    """Median over rounds of the mean microseconds per text."""
    function(texts[0])   # builds the detector
    per_round = []
    for _ in range(rounds):
        start = time.perf_counter()
        for text in texts:
            function(text)
        per_round.append((time.perf_counter() - start) / len(texts) * 1e6)
    return statistics.median(per_round)


def main() -> None:
    found = sentences()
    texts = [text for text, _ in found]
    german_english = [text for text, language in found if language in (None, "de", "en")]
    print(f"{len(texts)} texts (seed sentences, example articles, public statements, other languages)")
    print(f"German and English texts: de/en detector {timed(detect_language, german_english):6.0f} µs, "
          f"identify_language {timed(identify_language, german_english):6.0f} µs per text")
    wrong = [(text, language, identify_language(text)) for text, language in found
             if identify_language(text) != (language or detect_language(text))]
    print(f"named wrongly by identify_language: {len(wrong)} of {len(texts)}")
    for text, language, named in wrong:
        print(f"  {named} (is {language or detect_language(text)}): {text[:90]!r}")


if __name__ == "__main__":
    main()
