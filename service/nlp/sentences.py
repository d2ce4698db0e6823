"""Article text to body sentences with character spans; page furniture is left out."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import syntok.segmenter as segmenter

from .lexicon import fold, load

_WORD = re.compile(r"[^\W\d_][\w'’:-]*|\d[\d.,]*", re.UNICODE)
_MONTH_START = re.compile(
    r"^(Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Jahrhundert|Jahrhunderts)\b")
_BULLET = re.compile(r"^\s*(?:[-–•*·]|\d{1,2}[.)])\s+")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    heading: bool          # a line without closing punctuation: a title or subheading


@dataclass(frozen=True)
class _Rules:
    line_phrases: tuple
    section_breaks: frozenset
    cta: frozenset
    strong_cta: frozenset
    captions: tuple


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = load("furniture")
    strong = {"unterstützen", "abonnieren", "spenden", "paywall", "subscribe", "donate", "newsletter", "abo",
              "anmelden", "sign up", "cookies", "consent"}
    return _Rules(
        line_phrases=tuple(fold(p) for p in data.get("line_phrases", [])),
        section_breaks=frozenset(fold(p).rstrip(":") for p in data.get("section_breaks", [])),
        cta=frozenset(fold(p) for p in data.get("call_to_action", [])),
        strong_cta=frozenset(strong),
        captions=tuple(fold(p) for p in data.get("caption_markers", [])),
    )


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_call_to_action(block: str, rules: _Rules) -> bool:
    folded = fold(block)
    words = set(fold(w) for w in _words(block))
    found = {t for t in rules.cta if (t in words if " " not in t else t in folded)}
    return len(found) >= 4 and bool(found & rules.strong_cta)


def _furniture(block: str, rules: _Rules) -> bool:
    """Whether a line is page furniture rather than article text."""
    words = _words(block)
    folded = fold(block)
    if len(words) <= 3:
        return True
    if _announces(folded.split(":", 1)[0], rules) and ":" in folded:
        return True   # "Most read: …", "Lesen Sie auch: …", "Related: …": a teaser for another story
    if any(marker in folded for marker in rules.captions):
        return True
    if len(words) <= 8 and any(phrase in folded for phrase in rules.line_phrases):
        return True
    if _BULLET.match(block) and len(words) <= 6 and not block.rstrip().endswith((".", "!", "?")):
        return True
    return _is_call_to_action(block, rules)


def _announces(head: str, rules: _Rules) -> bool:
    """Whether a line (or what stands before its colon) only announces other stories ("Lesen Sie auch")."""
    head = head.strip().rstrip(":").strip()
    return head in rules.section_breaks or head in rules.line_phrases


def _is_section_break(block: str, rules: _Rules) -> bool:
    return fold(block).rstrip(":").strip() in rules.section_breaks


def body_blocks(text: str) -> list[tuple[int, int]]:
    """Spans of the lines that belong to the article (furniture, repeats and teaser sections dropped)."""
    rules = _rules()
    spans, seen, body_seen, teaser_next = [], set(), 0, False
    for m in re.finditer(r"[^\n]+", text):
        start, end = m.start(), m.end()
        line = m.group(0)
        stripped = line.strip()
        if not stripped:
            continue
        start += len(line) - len(line.lstrip())
        end -= len(line) - len(line.rstrip())
        if _is_section_break(stripped, rules):
            if body_seen >= 2:
                break  # what follows is teasers for other stories
            continue
        if teaser_next and not stripped.endswith((".", "!", "?", "“", "\"", "”")):
            teaser_next = False
            continue   # the headline of another story under "Lesen Sie auch"
        teaser_next = False
        if _furniture(stripped, rules):
            teaser_next = _announces(fold(stripped), rules)
            continue
        key = fold(stripped)
        if key in seen or any(key in earlier and len(key) > 30 for earlier in seen):
            continue  # headline repeated by the page layout
        seen.add(key)
        body_seen += 1
        spans.append((start, end))
    return spans


_ADDRESS_END = re.compile(r"\b[\w-]+\.(?:com|org|net|gov|edu|de|at|ch|us|uk|eu|io|info|fr|it|es|ru|ua)\.(?=\s+[A-ZÄÖÜ„\"])"
                          # "… bleibt bei 3.100. Laut …": a figure with digit groups or decimals is never an
                          # ordinal, so its full stop ends the sentence
                          # (before a capitalised word; before a quotation the segmenter decides, as before)
                          r"|(?<![\d.,])\d{1,3}(?:[.,]\d{3})+\.(?=\s+[A-ZÄÖÜ])|(?<![\d.,])\d+,\d+\.(?=\s+[A-ZÄÖÜ])")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end], in absolute offsets."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    spans = []
    try:
        for paragraph in segmenter.analyze(chunk):
            for sentence in paragraph:
                tokens = [t for t in sentence if t.value]
                if tokens:
                    spans.append([tokens[0].offset, tokens[-1].offset + len(tokens[-1].value)])
    except Exception:  # the segmenter is third-party; never lose the text over it
        spans = [[0, len(chunk)]]
    merged: list[list[int]] = []
    for span in spans:
        if merged:
            previous = chunk[merged[-1][0]:merged[-1][1]]
            following = chunk[span[0]:span[1]]
            if re.search(r"\b\d{1,2}\.$", previous) and (_MONTH_START.match(following) or following[:1].islower()):
                merged[-1][1] = span[1]  # "am 6. | November" is one date, not two sentences
                continue
        merged.append(span)
    split: list[list[int]] = []
    for s_, e_ in merged:
        # "… according to PowerOutage.us. Officials said …": a web address ends the sentence it closes
        cut = s_
        for m in _ADDRESS_END.finditer(chunk, s_, e_):
            split.append([cut, m.end()])
            cut = m.end() + len(chunk[m.end():e_]) - len(chunk[m.end():e_].lstrip())
        split.append([cut, e_])
    bounded: list[list[int]] = []
    for s_, e_ in split:
        bounded.extend(_bounded(chunk, s_, e_))
    return [(start + s, start + e) for s, e in bounded if e > s]


# Beyond this a "sentence" is run-on text (a list, a scraped table, a hostile request): it is cut at a
# blank, after a comma or semicolon where there is one, so that no claim text costs the encoder minutes.
MAX_SENTENCE_CHARS = 1000


def _bounded(chunk: str, s_: int, e_: int) -> list[list[int]]:
    pieces = []
    while e_ - s_ > MAX_SENTENCE_CHARS:
        window = chunk[s_ + MAX_SENTENCE_CHARS // 2:s_ + MAX_SENTENCE_CHARS]
        at = max(window.rfind(", "), window.rfind("; "))
        at = at + 1 if at >= 0 else max(window.rfind(" "), window.rfind("\n"))
        cut = s_ + MAX_SENTENCE_CHARS // 2 + at if at > 0 else s_ + MAX_SENTENCE_CHARS
        pieces.append([s_, cut])
        s_ = cut + len(chunk[cut:e_]) - len(chunk[cut:e_].lstrip())
    pieces.append([s_, e_])
    return pieces


def article_sentences(text: str, shortest: int = 3) -> list[Sentence]:
    """The article's sentences of at least `shortest` words, furniture removed, offsets into `text`."""
    sentences = []
    for paragraph, (start, end) in enumerate(body_blocks(text)):
        spans = split_sentences(text, start, end)
        for s, e in spans:
            sentence = text[s:e]
            if len(_words(sentence)) < shortest:
                continue
            heading = len(spans) == 1 and not sentence.rstrip().endswith((".", "!", "?", "\"", "“", "”", "«", "»", ":"))
            sentences.append(Sentence(s, e, sentence, paragraph, heading))
    return sentences
