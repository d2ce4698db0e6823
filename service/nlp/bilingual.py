"""Words across German and English: a bilingual dictionary first, the multilingual encoder for what it lacks.

The dictionary is `data/de_en.tsv.gz`, derived from Debian's trans-de-en (Ding, GPL-2.0-or-later) by
`tools/build_dictionary.py`. Whole phrases blur meaning in the encoder ("soldiers killed" is close to
"verwundete Soldaten"), so callers compare one part at a time: a head noun, a verb.
"""
from __future__ import annotations

import gzip
import io
from functools import lru_cache
from typing import Optional
from pathlib import Path

from .packed import PackedSet, PackedTable

_DATA = Path(__file__).with_name("data") / "de_en.tsv.gz"


@lru_cache(maxsize=1)
def _tables() -> tuple:
    """The dictionary, its vocabulary (German and English words) and its English words, packed
    (service/nlp/packed.py: two byte strings each instead of 80 MB of Python objects that every worker
    would copy page by page), read back from the derived cache (service/nlp/cache.py) once built."""
    from .cache import cached

    data = _DATA.read_bytes() if _DATA.exists() else b""
    states = cached("bilingual", data, lambda: tuple(table.state() for table in _pack(_read_dictionary(data))))
    return PackedTable(*states[0]), PackedSet(*states[1]), PackedSet(*states[2])


def _pack(table: dict[str, tuple[str, ...]]) -> tuple:
    english_words = {}      # (ordered, so that the same dictionary packs into the same bytes)
    for meanings in table.values():
        for meaning in meanings:
            english_words.update(dict.fromkeys(meaning.split()))
    vocabulary = dict.fromkeys(table)
    vocabulary.update(english_words)
    return (PackedTable.build(((german, "|".join(meanings)) for german, meanings in table.items()), split="|"),
            PackedSet.build(vocabulary), PackedSet.build(english_words))


def _dictionary() -> PackedTable:
    """German words (casefolded) to their English meanings: a read-only mapping of str to tuple of str."""
    return _tables()[0]


_dictionary.cache_clear = _tables.cache_clear   # as when _dictionary itself was the cached function


def _read_dictionary(data: bytes) -> dict[str, tuple[str, ...]]:
    table = {}
    if not data:
        return table
    with gzip.open(io.BytesIO(data), "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            german, _, english = line.rstrip("\n").partition("\t")
            table[german] = tuple(english.split("|"))
    # words are looked up casefolded, which writes "ß" as "ss": "Wasserstraße" is found as "wasserstrasse"
    for german in [g for g in table if "ß" in g]:
        table.setdefault(german.replace("ß", "ss"), table[german])
    return table


def english(word: str, language: str, heads: bool = True) -> tuple[str, ...]:
    """English words for a lemma: itself for English, the dictionary's translations for German; with
    `heads`, a compound the dictionary lacks by its last part ("Fernzug": Zug; "Brakenfeld" is no compound)."""
    word = word.casefold().strip()
    if not word:
        return ()
    if language != "de":
        return (word,)
    found = _dictionary().get(word)
    if found is None and "-" in word:
        found = _dictionary().get(word.rsplit("-", 1)[1])
    if found is None and heads:
        found = _compound_head(word)
    return found or ()


# The shortest head a German compound is split into when the dictionary lacks the whole ("fernzug": "zug").
MIN_HEAD = 3


# Endings after which German links a compound's parts with an s ("Gesundheitsamt", "Schifffahrtsamt").
_LINKED_BY_S = ("ung", "heit", "keit", "schaft", "tum", "ling", "ion", "tät", "fahrt", "arbeit", "sicht", "zeit")


@lru_cache(maxsize=8192)
def compound_split(word: str) -> Optional[tuple[str, str]]:
    """A German compound the dictionary lacks as its modifier and its longest known last part, both words
    the dictionary knows ("kreiskrankenhaus": kreis + krankenhaus), else None; a longer modifier the
    dictionary knows first ("landwirtschafts|ministerium", not "land|wirtschaftsministerium")."""
    split = _compound_split(word)
    if split is None:
        return None
    modifier, head = split
    table = _dictionary()
    for j in range(3, len(head) - MIN_HEAD + 1):
        longer, rest = modifier + head[:j], head[j:]
        if longer in table and len(longer) > len(modifier) + 3:
            if rest in table:
                return longer, rest
            if rest[:1] == "s" and rest[1:] in table and len(rest) - 1 >= MIN_HEAD:
                return longer, rest[1:]
    return split


def _linked_by_s(modifier: str, head: str, table: dict) -> bool:
    """Whether a compound's parts are joined by a linking s at the head's start: "schifffahrts|amt"."""
    return head[:1] == "s" and head[1:] in table and modifier in table and len(head) - 1 >= MIN_HEAD and (
        modifier.endswith(_LINKED_BY_S))


def _compound_split(word: str) -> Optional[tuple[str, str]]:
    word = word.casefold()
    table = _dictionary()
    if word in table:
        return None
    for i in range(3, len(word) - MIN_HEAD + 1):
        head, modifier = word[i:], word[:i]
        if _linked_by_s(modifier, head, table):
            return modifier, head[1:]   # the linking s after "-fahrt", "-ung": "schifffahrts|amt", not "samt"
        if modifier in table and head not in table and any(
                head.endswith(ending) and head[:-len(ending)] in table for ending in ("n", "en", "e", "s")):
            return modifier, head   # a plural head: "wasser|straßen" (Straße), not "wassers|trassen"
        for link in ("", "s", "es", "n", "en", "e"):
            if head in table and modifier.endswith(link) and modifier[:len(modifier) - len(link)] in table:
                return modifier[:len(modifier) - len(link)], head
    return None


@lru_cache(maxsize=8192)
def _compound_head(word: str) -> tuple[str, ...]:
    """The translations of the longest last part of a German compound, when the dictionary knows both that
    part and the rest (a linking s, es, n or en aside): "fernzug" is fern + zug, "Brakenfeld" is no compound."""
    table = _dictionary()
    for i in range(3, len(word) - MIN_HEAD + 1):
        head, modifier = word[i:], word[:i]
        if _linked_by_s(modifier, head, table):
            return table[head[1:]]   # "zollfahndungs|amt" is an office, not "zollfahndung|samt" (velvet)
        if head in table and any(modifier[:len(modifier) - len(link)] in table
                                 for link in ("", "s", "es", "n", "en", "e") if modifier.endswith(link)):
            return table[head]
    return ()


def translates(a: str, a_lang: str, b: str, b_lang: str, heads: bool = True) -> bool:
    """Whether the dictionary gives the two words a common English meaning (or they are the same word);
    without `heads`, compounds only by their own entries ("Landesgesundheitsamt" is not "Gesundheitsamt")."""
    if a.casefold() == b.casefold():
        return True
    ea, eb = set(english(a, a_lang, heads=heads)), set(english(b, b_lang, heads=heads))
    if not ea or not eb:
        return False
    if ea & eb:
        return True
    # "product recall" and "recall": a multi-word translation whose last word is the other word
    last_a, last_b = {w.split()[-1] for w in ea}, {w.split()[-1] for w in eb}
    return bool((a_lang == "en" and ea & last_b) or (b_lang == "en" and eb & last_a))


@lru_cache(maxsize=8192)
def _vector(text: str):
    from ..encoder import embed

    return embed([text])[0]


def similarity(a: str, a_lang: str, b: str, b_lang: str) -> float:
    """1.0 when the dictionary translates one word into the other, else the encoder's cosine of the two
    words (German words given by their first English translation when the dictionary has one)."""
    if not a or not b:
        return 0.0
    if translates(a, a_lang, b, b_lang):
        return 1.0
    # (its first few translations, not only the first: which sense a dictionary lists first is half chance)
    left = english(a, a_lang, heads=True)[:FIRST_SENSES] or (a.casefold(),)
    right = english(b, b_lang, heads=True)[:FIRST_SENSES] or (b.casefold(),)
    raw = float(_vector(a.casefold()) @ _vector(b.casefold()))
    return max(raw, max(float(_vector(x) @ _vector(y)) for x in left for y in right))


# How many of a German word's first translations stand for it before the encoder compares two words.
FIRST_SENSES = 2


def _vocabulary() -> PackedSet:
    """Every word the dictionary knows, German (its entries) or English (the words of its meanings)."""
    return _tables()[1]


def _english_words() -> PackedSet:
    return _tables()[2]


def english_word(word: str) -> bool:
    """Whether the dictionary knows the word as an English one ("metal", not "Metall")."""
    return word.casefold() in _english_words()


def in_dictionary(word: str) -> bool:
    """Whether the dictionary knows the word as it is, in German or in English (a compound's head aside)."""
    word = word.casefold()
    return word in _dictionary() or word in _vocabulary()


def known_share(words: list[str]) -> float:
    """The share of the words that the dictionary knows in German or in English."""
    if not words:
        return 0.0
    vocabulary = _vocabulary()
    return sum(1 for w in words if w.casefold() in vocabulary) / len(words)


# Words that say nothing of what a figure measures: units, magnitudes, light verbs.
_EMPTY = frozenset({"euro", "euros", "dollar", "dollars", "million", "millionen", "milliarde", "milliarden", "billion",
                    "prozent", "percent", "per", "cent", "mio", "mrd", "be", "sein", "have", "haben", "werden",
                    "become", "do", "tun", "machen", "make", "get", "say", "sagen", "said", "rund", "etwa", "about",
                    "around", "mehr", "more", "than", "als", "weniger", "less", "bis", "up",
                    # verbs and nouns any figure takes: it comes to, rises, falls, is a share of something
                    "kommen", "come", "liegen", "lie", "stehen", "stand", "steigen", "rise", "sinken", "fall",
                    "fallen", "drop", "erreichen", "reach", "betragen", "amount", "total", "increase", "decrease",
                    "growth", "wachsen", "grow", "klettern", "climb", "anteil", "share", "rate", "quote",
                    "zahl", "number", "figure", "insgesamt", "gesamt", "allein", "alone"})


@lru_cache(maxsize=8192)
def figure_words(text: str, language: str, start: int, end: int, unit: str = "") -> tuple[frozenset, ...]:
    """The content words of a figure's clause, each as its English meanings (a German compound also by its
    parts), its unit left out: what the figure is said of, in words that meet across languages."""
    from ..store.lexical import _stopwords
    from .reading import read

    reading = read(text, language)
    clause = reading.clause_of(start, end)
    stop = _stopwords()["de" if language == "de" else "en"]
    out = []
    for token in reading.clause(clause):
        adverb = token.pos in ("ADV", "AV0", "ADJD")
        if token.start < end and start < token.end or not (token.noun or token.verb or token.adjective or adverb):
            continue
        lemma = token.lemma.casefold()
        if token.proper or token.number or lemma in stop or lemma in _EMPTY or token.text.casefold() in stop:
            continue
        if unit and token.text.casefold() in (unit.casefold(), unit.casefold() + "s"):
            continue
        meanings = {lemma, token.text.casefold()}
        if language == "de":
            meanings.update(english(lemma, "de"))
            for part in token.parts:
                meanings.update(english(part, "de", heads=False))
        meanings |= {m.rstrip("s") for m in meanings if len(m) > 4}
        meanings |= {m.split()[-1] for m in meanings if " " in m}
        # a word and its derivations meet by their English stem ("developing", "Entwicklung" = development)
        meanings |= {"~" + _english_stem(m) for m in meanings if " " not in m and len(m) > 5}
        out.append(frozenset(m for m in meanings if m not in _EMPTY and m not in stop))
    return tuple(out)


@lru_cache(maxsize=65536)
def _english_stem(word: str) -> str:
    from ..store.lexical import _stemmer

    return _stemmer("en").stemWord(word)


def shared_words(a: tuple, b: tuple) -> int:
    """How many of one clause's content words have a meaning among the other's."""
    if not a or not b:
        return 0
    pool = frozenset().union(*b)
    return sum(1 for word in a if word & pool)
