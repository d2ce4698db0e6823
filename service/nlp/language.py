"""Language of a text.

Claims are understood in German and English only, so `detect_language` answers the closer of the
two for the readers. `identify_language` names the language a text is actually in (an ISO 639-1
code, or `und`) among the widely used ones below, so a statement in Russian is said to be Russian
and the answer can say that it is not understood word by word (`notice`).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

UNDERSTOOD = ("de", "en")
UNDETERMINED = "und"
# The major European languages, and those of the regions the news covers most. Each one more costs
# a little time per text (measured in benchmarks/languages.py): the list is not all that lingua knows.
WIDE = ("GERMAN", "ENGLISH", "FRENCH", "SPANISH", "ITALIAN", "PORTUGUESE", "DUTCH", "POLISH", "CZECH",
        "SLOVAK", "HUNGARIAN", "ROMANIAN", "BULGARIAN", "GREEK", "SWEDISH", "DANISH", "BOKMAL", "FINNISH",
        "CROATIAN", "SERBIAN", "SLOVENE", "LITHUANIAN", "LATVIAN", "ESTONIAN", "RUSSIAN", "UKRAINIAN",
        "BELARUSIAN", "TURKISH", "ARABIC", "PERSIAN", "HEBREW", "CHINESE", "JAPANESE", "KOREAN", "HINDI")
# Languages lingua names apart that people read as one: Norwegian Bokmål is "no" to most tools.
_CODES = {"BOKMAL": "no"}
_NAMES = {"no": "Norwegian"}
NOTICE = ("Only German and English are understood: this statement {reads}, so its wording was not read for "
          "sources, places and times, and the lists rest on what matches it by meaning.")
_SAMPLE = 2000
# The least confidence (0..1, lingua's) with which a Latin-script text is named another language.
CONFIDENT = 0.8


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.GERMAN, Language.ENGLISH).build()


@lru_cache(maxsize=1)
def _wide_detector():
    # Low-accuracy mode: trigram models only, ~35 MB for all of WIDE instead of ~600 MB, and ~4x faster.
    # What it loses on short Latin-script texts, CONFIDENT gives back to the German/English detector.
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(*(getattr(Language, name) for name in WIDE)) \
        .with_low_accuracy_mode().build()


def detect_language(text: str) -> str:
    """'de' or 'en': the closer of the two understood languages (what the readers of service.nlp take)."""
    sample = (text or "")[:_SAMPLE]
    if not sample.strip():
        return "en"
    by_words = _by_function_words(sample)
    if by_words is not None:
        return by_words
    try:
        found = _detector().detect_language_of(sample)
    except Exception:  # the detector is a compiled extension; a bad input must not fail a request
        return "en"
    return "de" if found is not None and found.name == "GERMAN" else "en"


def _by_function_words(text: str) -> Optional[str]:
    """German or English by the function words only one of them has ("the", "says", "has" against "der",
    "sagt", "hat"), when they all point one way: names ("Norderbrück", "Rheinmark Bank") mislead trigrams
    in a short statement, its grammar words do not."""
    from ..store.lexical import _stopwords

    known = _stopwords()
    words = [w.casefold() for w in re.findall(r"[^\W\d_]+", text)]
    de = sum(1 for w in words if w in known["de"] and w not in known["en"])
    en = sum(1 for w in words if w in known["en"] and w not in known["de"])
    if en and not de:
        return "en"
    if de and not en:
        return "de"
    return None


def identify_language(text: str) -> str:
    """The ISO 639-1 code of the language the text is in, among WIDE; `und` when none can be told.

    A text in another script than the Latin one is named by the wide detector (the script all but
    decides it). A Latin-script text is another language only when the wide detector is CONFIDENT of
    it; short or mixed ones ("Pentagon: 3000 Soldaten" looks Romanian to trigrams) are read as the
    closer of German and English.
    """
    sample = (text or "")[:_SAMPLE]
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return UNDETERMINED
    try:
        ranked = _wide_detector().compute_language_confidence_values(sample)
    except Exception:  # the detector is a compiled extension; a bad input must not fail a request
        return UNDETERMINED
    if not ranked:
        return UNDETERMINED
    best = ranked[0]
    code = _CODES.get(best.language.name) or best.language.iso_code_639_1.name.lower()
    if code in UNDERSTOOD:
        return detect_language(sample)
    latin = sum(ch < "\u0250" for ch in letters) / len(letters)
    if latin < 0.5:
        return code
    if best.value >= CONFIDENT and not _reads_as_understood(sample):
        return code
    return detect_language(sample)


def _reads_as_understood(text: str) -> bool:
    """A Latin-script text whose short words are German or English ones ("Norvik now offers 4.75 billion
    euros for Seltra" is English whatever its names look like to trigrams)."""
    from ..store.lexical import _stopwords

    from .bilingual import known_share

    words = [w.casefold() for w in re.findall(r"[^\W\d_]+", text)]
    known = _stopwords()
    hits = sum(1 for w in words if w in known["de"] or w in known["en"])
    return (hits >= 2 and hits >= len(words) / 4) or (len(words) >= 3 and known_share(words) >= UNDERSTOOD_WORDS)


def statement_language(text: str, given: Optional[str] = None) -> str:
    """The language a statement to check is reported in: the caller's when given, else the identified one."""
    return given or identify_language(text)


# A Latin-script text of which this share of words are German or English dictionary words is read as
# German or English, whatever its names look like to the trigram detector.
UNDERSTOOD_WORDS = 0.7
_SYMBOLS = frozenset({"EUR", "USD", "GBP", "CHF", "JPY", "%"})


def meaning_only(claims: list) -> list:
    """The claims of a statement in a language that is not understood, without what word lists made of it.

    The readers take foreign words for the counted thing ("северокорейских" as a unit) or a source;
    such a frame never meets a stored one. What is left is what holds in any language, the figures
    (digits) and the sentence's meaning, so stored claims close in meaning are compared by figure.
    """
    for claim in claims:
        claim.subject = claim.subject_key = None
        claim.attributor = None
        claim.location = claim.location_key = None
        if claim.quantity is not None and claim.quantity.unit not in _SYMBOLS:
            claim.quantity.unit = None   # a currency or a percent sign says its kind in any language
        claim.extra = {key: value for key, value in claim.extra.items() if key in ("time_explicit",)}
    return claims


def notice(language: str) -> dict:
    """`{"notice": …}` for an answer about a statement in a language other than German and English, else `{}`."""
    if language in UNDERSTOOD:
        return {}
    reads = "is in no language that could be told" if language == UNDETERMINED else f"is in {_name(language)}"
    return {"notice": NOTICE.format(reads=reads)}


def _name(code: str) -> str:
    if code in _NAMES:
        return _NAMES[code]
    from lingua import IsoCode639_1, Language

    iso = getattr(IsoCode639_1, "NB" if code == "no" else code.upper(), None)
    return Language.from_iso_code_639_1(iso).name.capitalize() if iso is not None else code
