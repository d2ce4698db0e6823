"""One reading of a sentence: tokens with their spans, part of speech, lemma and compound parts, and its clauses.

Tagged once (HanTa, models inside the wheel) and cached by text, so every stage that needs the words of a
sentence reads the same reading instead of scanning the raw string again.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

# A name joined by an ampersand is one word: "Brandt & Keller", "Procter & Gamble".
_AMPERSAND_NAME = r"[A-ZÄÖÜ][\w'’-]*\w\s?&\s?[A-ZÄÖÜ][\w'’-]*\w|"
_TOKEN = re.compile(_AMPERSAND_NAME + r"\d[\d.,]*\d|\d|[^\W\d_](?:[\w'’-]*\w)?|[^\w\s]", re.UNICODE)
# English: a genitive 's is a token of its own, as the tagger's model reads it ("Germany 's health ministry");
# joined, the tagger takes "Germany's" for a number
_TOKEN_EN = re.compile(_AMPERSAND_NAME + r"\d[\d.,]*\d|\d|['’]s\b|[^\W\d_](?:(?!['’]s\b)[\w'’-])*(?<=\w)|[^\w\s]", re.UNICODE)
# Clause breaks: punctuation, and conjunctions that join two clauses ("12 were killed and 40 injured").
_BREAK_PUNCT = frozenset(",;:()[]„“”\"«»–—")
# Names of days, months and feasts: when something happened, never what it was.
TIME_WORD = re.compile(r"(?i)^(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|monday|tuesday|"
                       r"wednesday|thursday|friday|saturday|sunday|januar|january|februar|february|märz|march|april|"
                       r"mai|may|juni|june|juli|july|august|september|oktober|october|november|dezember|december|"
                       r"ostern|easter|weihnachten|christmas)s?$")
_BREAK_WORDS = frozenset({"und", "and", "sowie", "oder", "or", "während", "while", "whereas", "aber", "but",
                          "doch", "jedoch", "wobei", "darunter", "including", "davon"})


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    pos: str          # HanTa tag: German STTS ("NN", "VV(PP)"), English CLAWS-like ("NN1", "VVN")
    lemma: str
    clause: int       # index of the clause the token belongs to
    parts: tuple = ()  # German compound parts (lemma pieces), head last: ("grippe", "fall")

    @property
    def noun(self) -> bool:
        return self.pos.startswith("NN") or self.pos in ("NP0",)

    @property
    def proper(self) -> bool:
        return self.pos in ("NE", "NP0")

    @property
    def verb(self) -> bool:
        return self.pos.startswith(("VV", "VVN", "VVD", "VVG", "VVZ", "VVB", "VVI"))

    @property
    def auxiliary(self) -> bool:
        return self.pos.startswith(("VA", "VM", "VB", "VD", "VH"))

    @property
    def adjective(self) -> bool:
        return self.pos.startswith(("ADJ", "AJ"))

    @property
    def number(self) -> bool:
        return self.pos in ("CARD", "CRD")

    @property
    def particle(self) -> bool:
        return self.pos == "PTKVZ"

    @property
    def head(self) -> str:
        """The head of a compound ("Grippefall" -> "fall"), else the lemma, lower case."""
        return self.parts[-1] if self.parts else self.lemma.casefold()


@dataclass(frozen=True)
class Reading:
    text: str
    language: str
    tokens: tuple

    def at(self, offset: int) -> Optional[int]:
        """Index of the token covering a character offset."""
        for i, token in enumerate(self.tokens):
            if token.start <= offset < token.end:
                return i
        return None

    def after(self, offset: int) -> Optional[int]:
        """Index of the first token starting at or after an offset."""
        for i, token in enumerate(self.tokens):
            if token.start >= offset:
                return i
        return None

    def clause_of(self, start: int, end: int) -> int:
        i = self.at(start)
        if i is None:
            i = self.after(start)
        return self.tokens[i].clause if i is not None else -1

    def clause(self, index: int) -> list[Token]:
        return [t for t in self.tokens if t.clause == index]


@lru_cache(maxsize=2)
def _tagger(language: str):
    from HanTa import HanoverTagger

    tagger = HanoverTagger.HanoverTagger("morphmodel_ger.pgz" if language == "de" else "morphmodel_en.pgz")
    # the tagger analyses each word afresh; news repeats its words, so remember the analyses (pure functions
    # of the word) — a statement's reading then costs its Viterbi pass and little more
    tagger._analyze = lru_cache(maxsize=200_000)(tagger._analyze)
    tagger.analyze_forward = lru_cache(maxsize=200_000)(tagger.analyze_forward)
    return tagger


@lru_cache(maxsize=16384)
def _parts(language: str, word: str, pos: str) -> tuple:
    """German compound parts of a noun, lemma pieces, head last ("Impfdosen" -> ("impf", "dosis"))."""
    if language != "de" or not pos.startswith("NN") or len(word) < 6:
        return ()
    try:
        lemma, pieces, _ = _tagger("de").analyze(word, taglevel=3)
    except (ValueError, KeyError, IndexError):
        return ()
    stems = [p for p, tag in pieces if tag in ("NN", "NN_VAR", "VV", "ADJ", "NE")]
    if len(stems) < 2:
        return ()
    # the last piece's lemma is the tail of the whole lemma ("einsatzkraft" -> "kraft")
    last = max(k for k, (p, tag) in enumerate(pieces) if tag in ("NN", "NN_VAR", "VV", "ADJ", "NE"))
    head_len = sum(len(p) for p, tag in pieces[:last])   # (with the linking pieces: "krank|en|haus")
    head = lemma[head_len:] if 0 < head_len < len(lemma) else stems[-1]
    from .bilingual import in_dictionary

    if len(stems[0]) <= 3 and in_dictionary(lemma):
        return ()   # "Apotheke" is a word of its own, not Apo + Theke
    return tuple(stems[:-1]) + (head.strip("-"),)


@lru_cache(maxsize=4096)
def read(text: str, language: str) -> Reading:
    language = "de" if language == "de" else "en"
    matches = list((_TOKEN_EN if language == "en" else _TOKEN).finditer(text))
    words = [m.group(0) for m in matches]
    tagged = _tagger(language).tag_sent([w.replace("’", "'") for w in words], taglevel=1) if words else []
    tokens, clause, opened, resume = [], 0, 0, None
    for i, (m, (_, lemma, pos)) in enumerate(zip(matches, tagged)):
        word = m.group(0)
        if word == ")" and resume is not None:
            # "… 23 Menschen an Frühsommer-Meningoenzephalitis (FSME) erkrankt": a short aside in brackets
            # leaves the clause around it whole
            tokens.append(Token(word, m.start(), m.end(), pos, lemma or word, clause, ()))
            clause, resume = resume, None
            continue
        if word == "(" and _aside(tagged, i):
            resume = clause
        if word in _BREAK_PUNCT or word.casefold() in _BREAK_WORDS and _opens_clause(tagged, i):
            opened += 1
            clause = opened
        if language == "en" and _misread_name(tokens, word, pos):
            pos, lemma = "NP0", word
        if language == "de" and _nominalised(tokens, tagged, i, word, pos):
            pos, lemma = "NN", word
        tokens.append(Token(word, m.start(), m.end(), pos, lemma or word, clause, _parts(language, word, pos)))
        if word in _BREAK_PUNCT:
            opened += 1
            clause = opened
    return Reading(text, language, tuple(tokens))


def _aside(tagged: list, i: int) -> bool:
    """A bracket that closes within four words, none a verb or a figure: an acronym, a name, a place."""
    for k in range(i + 1, min(len(tagged), i + 6)):
        word, _, pos = tagged[k]
        if word == ")":
            return k > i + 1
        if pos in ("CARD", "CRD") or pos.startswith(("VV", "VA", "VM", "VB", "VD", "VH")) or word in _BREAK_PUNCT:
            return False
    return False


def _misread_name(before: list, word: str, pos: str) -> bool:
    """An English capitalised word inside a sentence that the tagger read as a verb or could not class,
    though no English dictionary knows it: a name ("The IG Metall union said")."""
    # (a longer word in capitals throughout, or one read as a verb, is shouting, not a name: "WERE KILLED")
    shape = word[1:].islower() and (pos.startswith("VV") or pos == "UNC") or (
        word.isupper() and len(word) <= 5 and pos == "UNC")   # "IG"
    if not (before and word[:1].isupper() and shape) or before[-1].text in ".!?:\"“”‘'(":
        return False
    from .bilingual import english_word

    return not english_word(word) and not english_word(word.rstrip("s"))


def _nominalised(before: list, tagged: list, i: int, word: str, pos: str) -> bool:
    """A German word the tagger read as an attributive adjective though it is written capitalised inside a
    sentence and no noun follows it: a noun ("9.000 falsche Fünfziger hergestellt", "die Grünen stimmten")."""
    if not (pos.startswith("ADJ(A") or pos == "ADJA") or not word[:1].isupper() or not word[1:].islower():
        return False
    if not before or before[-1].text in ".!?:\"“”„‘'(–-" or before[-1].pos in ("$.", "$("):
        return False   # (the first word of a sentence or of a heading's clause is capitalised anyway)
    following = tagged[i + 1][2] if i + 1 < len(tagged) else ""
    return not following.startswith(("NN", "NE", "ADJ(A", "ADJA"))


def _opens_clause(tagged: list, i: int) -> bool:
    """A conjunction opens a clause when a figure or a verb follows before any noun ("12 were killed and
    40 injured", "tötete 16 Menschen und verletzte 100"); between nouns it only joins them
    ("Bürgerinnen und Bürger")."""
    for _, _, pos in tagged[i + 1:i + 4]:
        if pos in ("CARD", "CRD") or pos.startswith(("VV", "VA", "VM", "VB", "VD", "VH")):
            return True
        if pos.startswith(("NN", "NE", "NP")):
            return False
    return False
