"""Language of a text: German or English (other languages answer the closer of the two)."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.GERMAN, Language.ENGLISH).build()


def detect_language(text: str) -> str:
    """'de' or 'en'."""
    sample = (text or "")[:2000]
    if not sample.strip():
        return "en"
    try:
        found = _detector().detect_language_of(sample)
    except Exception:  # the detector is a compiled extension; a bad input must not fail a request
        return "en"
    return "de" if found is not None and found.name == "GERMAN" else "en"
