"""Figures a German or English sentence asserts: value, qualifier, interval, unit and offsets (pure)."""
from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from .model import Quantity

__all__ = ["APPROX_TOLERANCE", "find_quantities", "format_quantity"]

APPROX_TOLERANCE = 0.1          # the one relative tolerance of approx qualifiers ("rund", "about", "knapp", ...)
MAX_RECOGNIZER_CHARS = 1200     # longer inputs use the regex path only (the recognizer is slow on long text)
MAX_INPUT_CHARS = 200_000       # beyond this nothing is scanned
MAX_FIGURES = 300               # candidate figures examined per input (caps the work on pathological text)

_DATA_PATH = Path(__file__).parent / "data" / "qualifiers.json"
_WS = r"[ \t\r\n\u00a0\u202f\u2009]"   # a line break inside a sentence is a soft wrap


# --------------------------------------------------------------------------- data

def _alt(phrases) -> str:
    """Regex alternation of literal phrases, longest first; inner spaces match any blank."""
    uniq = sorted({p for p in phrases if p}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", _WS + "+") for p in uniq)


@dataclass(frozen=True)
class _Lexicon:
    data: dict
    q_before: re.Pattern
    q_before_map: dict          # phrase(lower, single-spaced) -> (qualifier, shape)
    q_after: re.Pattern
    q_after_map: dict
    inc_before: re.Pattern
    inc_after: re.Pattern
    change_prep: re.Pattern
    change_verb: re.Pattern
    vague: re.Pattern
    vague_map: dict             # phrase -> group
    scale: re.Pattern
    scale_map: dict
    scale_attached: re.Pattern
    scale_money: re.Pattern
    unit_after: re.Pattern
    unit_after_map: dict
    unit_before: re.Pattern
    unit_before_map: dict
    measure_after: re.Pattern
    blocked: tuple              # patterns whose spans are never counts (dates, times, ages, ordinals)
    blocked_group: tuple        # patterns whose group 1 is never a count
    ordinal_dot_next: re.Pattern
    year_context: re.Pattern
    id_prefix: re.Pattern
    range_join: re.Pattern
    range_open: re.Pattern
    months: frozenset
    starters_de: frozenset
    articles: frozenset
    one_before: frozenset
    one_after: frozenset
    markers: dict


def _norm(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase.strip().lower())


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = json.loads(_DATA_PATH.read_text(encoding="utf-8"))
    flags = re.IGNORECASE

    q_map = {}
    for group in data["qualifiers_before"]:
        for p in group["phrases"]:
            q_map[_norm(p)] = (group["qualifier"], group["shape"])
    # phrase, then blanks, at the very end of the window; words need a left word boundary
    q_before = re.compile(r"(?<!\w)(" + _alt(q_map) + r")" + _WS + r"*$", flags)
    qa_map = {}
    for group in data["qualifiers_after"]:
        for p in group["phrases"]:
            qa_map[_norm(p)] = group["qualifier"]
    q_after = re.compile(r"^" + _WS + r"*(" + _alt(qa_map) + r")(?!\w)(?!" + _WS + r"*(?:als|than|\d))", flags)

    vague_map = {}
    for group in data["vague"]:
        for p in group["phrases"]:
            vague_map[_norm(p)] = group
    vague = re.compile(r"(?<![\w-])(" + _alt(vague_map) + r")(?![\w-])", flags)

    scale_map = {k.lower(): float(v) for k, v in data["scales"]["common"].items()}
    for lang in ("de", "en"):
        for k, v in data["scales"][lang].items():
            scale_map.setdefault(k.lower(), float(v))
    scale_words = [k for k in scale_map]
    scale = re.compile(r"^" + _WS + r"?(" + _alt(scale_words) + r")(?![\w])", flags)
    scale_attached = re.compile(r"^(" + _alt(data["attached_scales"]) + r")(?![\w])", flags)
    scale_money = re.compile(r"^(" + _alt(data["attached_scales_money_only"]) + r")(?![\w])", flags)

    ua_map = {}
    for unit, phrases in data["units_after"].items():
        for p in phrases:
            ua_map[_norm(p)] = unit
    unit_after = re.compile(r"^" + _WS + r"?(" + _alt(ua_map) + r")(?![\w])", flags)
    ub_map = {}
    for unit, phrases in data["units_before"].items():
        for p in phrases:
            ub_map[_norm(p)] = unit
    unit_before = re.compile(r"(?:(?<![\w$€£])|(?<=[\w]))(" + _alt(ub_map) + r")" + _WS + r"?$", flags)
    measure_after = re.compile(r"^(" + _alt(data["measure_suffixes"]) + r")(?![\w])", flags)

    months = _alt(data["months"])
    m = r"(?:" + months + r")\.?"
    time_de = r"\b\d{1,2}(?:[.:]\d{2})?" + _WS + r"*Uhr\b"
    time_en = r"\b\d{1,2}(?:[.:]\d{2})?" + _WS + r"*(?:o'clock|o’clock|[ap]\.[ ]?m\.|[ap]m\b|[ap]\.m\b)"
    blocked = (
        re.compile(r"\b\d{1,2}\." + _WS + r"*" + m + r"(?![\w])(?:" + _WS + r"*\d{4}\b)?", flags),          # 24. Oktober 2024
        re.compile(r"(?<![\w])" + m + _WS + r"+\d{1,2}(?:st|nd|rd|th)?\b(?:,?" + _WS + r"*\d{4}\b)?", flags),  # October 24, 2024
        re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?" + _WS + r"+(?:of" + _WS + r"+)?" + m + r"(?![\w])", flags),    # 24 October
        re.compile(r"\b(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:\d{2,4})?(?!\d)"),                    # 24.10.2024 / 24.10.
        re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"),                           # ISO / US dates
        re.compile(r"\b\d+:\d+(?::\d+)?\b"),                                                                  # 10:30, 2:1
        re.compile(time_de, flags),
        re.compile(time_en, flags),
        re.compile(r"\b\d{1,3}" + _WS + r"?-?" + _WS + r"?jährig\w*", flags),                               # 68-jährige
        re.compile(r"\b\d{1,3}" + _WS + r"+Jahre?n?" + _WS + r"+alt\b", flags),
        re.compile(r"\b\d{1,3}(?:" + _WS + r"+|-)years?(?:" + _WS + r"+|-)old\b", flags),
        re.compile(r"\b\d+(?:st|nd|rd|th)\b", flags),                                                       # 3rd, 21st
    )
    blocked_group = (
        re.compile(r"(?<!\w)(?:" + _alt(data["age_before"]) + r")" + _WS + r"+(\d{1,3})\b", flags),
        re.compile(r"\bmit" + _WS + r"+(\d{1,3})" + _WS + r"+Jahren\b", flags),
        re.compile(r"[A-ZÄÖÜ][\wäöüß-]+" + _WS + r"\((\d{1,3})\)"),                                         # Name (45)
    )
    ordinal_dot_next = re.compile(r"^\." + _WS + r"+([^\W\d_][\w-]*)")

    year_context = re.compile(r"(?<!\w)(?:" + _alt(list(data["year_context_before"]) + list(data["months"])
                                                    + ["the", "its", "their", "this", "next", "last", "der", "die",
                                                       "das", "des", "dem", "den"])
                              + r")\.?" + _WS + r"*$", flags)
    id_prefix = re.compile(r"(?<!\w)(?:" + _alt(data["id_prefix_words"]) + r")" + _WS + r"*$", flags)
    range_join = re.compile(r"^" + _WS + r"*(" + _alt(data["range_joiners"]) + r")" + _WS + r"*$", flags)
    openers = [w for ws in data["range_openers"].values() for w in ws]
    range_open = re.compile(r"(?<!\w)(" + _alt(openers) + r")" + _WS + r"*$", flags)

    return _Lexicon(
        data=data, q_before=q_before, q_before_map=q_map, q_after=q_after, q_after_map=qa_map,
        inc_before=re.compile(r"(?<!\w)(?:" + _alt(data["increment_before"]) + r")" + _WS + r"*$", flags),
        inc_after=re.compile(r"^" + _WS + r"*(?:" + _alt(data["increment_after"]) + r")(?!\w)", flags),
        change_prep=re.compile(r"(?<!\w)(?:" + _alt(data["change_prepositions"]) + r")" + _WS + r"*$", flags),
        change_verb=re.compile(r"(?<!\w)(?:" + _alt(data["change_verbs"]) + r")(?!\w)", flags),
        vague=vague, vague_map=vague_map, scale=scale, scale_map=scale_map, scale_attached=scale_attached,
        scale_money=scale_money, unit_after=unit_after, unit_after_map=ua_map, unit_before=unit_before,
        unit_before_map=ub_map, measure_after=measure_after, blocked=blocked, blocked_group=blocked_group,
        ordinal_dot_next=ordinal_dot_next, year_context=year_context, id_prefix=id_prefix,
        range_join=range_join, range_open=range_open,
        months=frozenset(_norm(x) for x in data["months"]),
        starters_de=frozenset(data["sentence_starters_de"]),
        articles=frozenset(data["articles_as_one"]),
        one_before=frozenset(data["one_pronoun_before"]),
        one_after=frozenset(data["one_pronoun_after"]),
        markers={k: frozenset(v) for k, v in data["language_markers"].items()},
    )


# --------------------------------------------------------------------------- atoms

@dataclass
class _Atom:
    start: int                  # number (or vague word) span, without qualifier / currency prefix
    end: int                    # after the scale word
    value: Optional[float]
    kind: str                   # digit | word | vague
    scale: float = 1.0
    plain_int: bool = False     # digits only, no separators, no decimals, no scale
    unit: Optional[str] = None
    pre_start: Optional[int] = None   # start of a currency prefix ("$", "€")
    post_end: Optional[int] = None    # end of a unit word after the figure
    low: Optional[float] = None       # vague interval
    high: Optional[float] = None

    @property
    def lead(self) -> int:
        return self.pre_start if self.pre_start is not None else self.start

    @property
    def tail(self) -> int:
        return self.post_end if self.post_end is not None else self.end


_DIGITS = re.compile(
    r"(?<![\d.,])(?:"
    r"\d{1,3}(?:(?P<sep>[.,'’])\d{3}(?!\d))(?:(?P=sep)\d{3}(?!\d))*(?:[.,]\d+(?![.,]?\d))?"      # 10.000 / 1,234,567.8
    r"|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3}(?![\d.,]\d))+(?:[.,]\d+)?"                           # 10 000
    r"|\d+(?:[.,]\d+)?"                                                                          # 1500 / 1,5
    r")"
)


def _parse_digits(txt: str, lang: str, decimal_ok: bool = True) -> Optional[float]:
    """Locale-aware digits. A lone 3-digit group after the locale's decimal mark ("1,500" in German,
    "1.500" in English) reads as thousands unless `decimal_ok` (a scale word or "%" follows)."""
    t = re.sub(r"[ \u00a0\u202f\u2009'’]", "", txt)
    dots, commas = t.count("."), t.count(",")
    if dots and commas:
        dec = "." if t.rfind(".") > t.rfind(",") else ","
        thou = "," if dec == "." else "."
        t = t.replace(thou, "").replace(dec, ".")
    elif dots or commas:
        sep = "." if dots else ","
        parts = t.split(sep)
        if len(parts) > 2:
            if any(len(p) != 3 for p in parts[1:]):
                return None
            t = "".join(parts)
        elif len(parts[1]) == 3 and parts[0] not in ("", "0"):
            thousands = ((sep == ".") if lang == "de" else (sep == ",")) or not decimal_ok
            t = "".join(parts) if thousands else parts[0] + "." + parts[1]
        else:
            t = parts[0] + "." + parts[1]
    try:
        return float(t)
    except ValueError:
        return None


def _guess_language(sentence: str) -> str:
    lex = _lexicon()
    words = re.findall(r"[^\W\d_]+", sentence.lower()[:2000])
    de = sum(w in lex.markers["de"] for w in words) + 2 * len(re.findall(r"[äöüß]", sentence[:2000].lower()))
    en = sum(w in lex.markers["en"] for w in words)
    if de == en:
        if re.search(r"\d\.\d{3}(?!\d)|\d,\d{1,2}(?!\d)", sentence[:2000]):
            return "de"
        return "en"
    return "de" if de > en else "en"


def _digit_atoms(s: str, lang: str) -> list[_Atom]:
    lex = _lexicon()
    atoms = []
    for m in _DIGITS.finditer(s):
        if len(atoms) >= MAX_FIGURES:
            break
        raw = m.group(0)
        if len(raw) > 40:
            continue
        rest = s[m.end():m.end() + 40]
        decimal_ok = bool(lex.scale.match(rest) or lex.scale_attached.match(rest)
                          or (lex.unit_after.match(rest) and
                              lex.unit_after_map.get(_norm(lex.unit_after.match(rest).group(1))) in ("%", "pp")))
        value = _parse_digits(raw, lang, decimal_ok)
        if value is None or not math.isfinite(value):
            continue
        atom = _Atom(m.start(), m.end(), value, "digit", plain_int=raw.isdigit())
        pm = lex.unit_before.search(s, max(0, atom.start - 6), atom.start)
        if pm:
            atom.pre_start = pm.start(1)
            atom.unit = lex.unit_before_map.get(_norm(pm.group(1)))
        # scale words: "1,5 Mio.", "3 Millionen", "10k", "$5m", "3 hundred thousand"
        for _ in range(2):
            rest = s[atom.end:atom.end + 40]
            sm = lex.scale_attached.match(rest)
            if sm is None and atom.unit in ("EUR", "USD", "GBP"):
                sm = lex.scale_money.match(rest)
            if sm is not None:
                mult = float(lex.data["attached_scales"].get(sm.group(1).lower())
                             or lex.data["attached_scales_money_only"].get(sm.group(1).lower()) or 1)
            else:
                sm = lex.scale.match(rest)
                if sm is None:
                    break
                word = sm.group(1).lower()
                mult = lex.scale_map.get(word, 1.0)
                if word == "billion":       # German "Billion" = 10^12, English "billion" = 10^9
                    mult = 1e12 if lang == "de" and sm.group(1)[0].isupper() else 1e9
            if atom.scale > 1 and mult <= atom.scale:
                break
            if not math.isfinite(atom.value * mult):
                break
            atom.value *= mult
            atom.scale *= mult
            atom.plain_int = False
            atom.end += sm.end()
        atoms.append(atom)
    return atoms


@lru_cache(maxsize=2048)
def _recognize(text: str, culture: str) -> tuple:
    try:
        from ms_recognizers_number import recognize_number
        results = recognize_number(text, culture)
    except Exception:       # the recognizer must never take the parser down
        return ()
    out = []
    for r in results:
        try:
            start, end = int(r.start), int(r.end) + 1          # recognizer `end` is inclusive
            value = float(str(r.resolution.get("value")).replace(",", "."))
        except Exception:
            continue
        if text[start:end].lower() != str(r.text).lower():
            continue
        out.append((start, end, value))
    return tuple(out)


def _word_atoms(s: str, langs: tuple) -> list[_Atom]:
    lex = _lexicon()
    atoms: list[_Atom] = []
    for lang in langs:
        culture = "de-de" if lang == "de" else "en-us"
        for start, end, value in _recognize(s, culture):
            span = s[start:end]
            low = _norm(span)
            if any(ch.isdigit() for ch in span) or value != value or value < 0:
                continue
            if not float(value).is_integer() and not (value > 1 and re.search(r"(?:einhalb|and a half)$", low)):
                continue       # "ein Drittel", "a quarter" (but "fünfeinhalb Jahre", "two and a half years")
            if low in lex.articles:                                # "eine Frau", "a man", "einer"
                continue
            if low == "one":
                before = re.findall(r"[^\W\d_]+", s[max(0, start - 20):start].lower())
                after = re.findall(r"[^\W\d_]+", s[end:end + 20].lower())
                if (before and before[-1] in lex.one_before) or (after and after[0] in lex.one_after) \
                        or (start and s[start - 1] == "-"):
                    continue
            if (start and (s[start - 1].isalnum())) or (end < len(s) and s[end].isalnum()):
                continue                                           # inside a longer word
            scale = 1.0
            words = low.split()
            for w in reversed(words):
                if w in lex.scale_map:
                    scale = lex.scale_map[w]
                    break
            if scale > 1 and value < scale / 2:                    # "two and a half thousand" -> 502
                continue
            if any(a.start < end and start < a.end for a in atoms):
                continue
            atom = _Atom(start, end, float(value), "word", scale=scale)
            pm = lex.unit_before.search(s, max(0, start - 6), start)
            if pm:
                atom.pre_start = pm.start(1)
                atom.unit = lex.unit_before_map.get(_norm(pm.group(1)))
            atoms.append(atom)
    return atoms


# "at least a week", "mindestens eine Woche": an article before a unit of time is one of it.
_ONE_SPAN = re.compile(r"\b(a|an|one|ein|eine|einen|einem|einer)\s+(?=(?:week|month|year|day|hour|decade|Woche|Monat|"
                       r"Jahr|Tag|Stunde|Jahrzehnt)e?s?n?\b)", re.IGNORECASE)
_SPAN_QUALIFIED = re.compile(r"\b(?:at least|at most|more than|less than|about|around|for|within|nearly|almost|"
                             r"mindestens|höchstens|mehr als|weniger als|rund|etwa|knapp|für|innerhalb|fast)\s+$",
                             re.IGNORECASE)


def _one_span_atoms(s: str) -> list[_Atom]:
    """One unit of time after an article, where a qualifier or "for" says it is an amount ("for at least a week")."""
    return [_Atom(m.start(1), m.end(1), 1.0, "word") for m in _ONE_SPAN.finditer(s)
            if _SPAN_QUALIFIED.search(s[max(0, m.start() - 20):m.start()])]


def _vague_atoms(s: str) -> list[_Atom]:
    lex = _lexicon()
    atoms = []
    for m in lex.vague.finditer(s):
        group = lex.vague_map.get(_norm(m.group(1)))
        if group is None:
            continue
        atoms.append(_Atom(m.start(1), m.end(1), None, "vague", low=float(group["low"]), high=float(group["high"])))
        if len(atoms) >= MAX_FIGURES:
            break
    return atoms


# --------------------------------------------------------------------------- filters

def _blocked_spans(s: str, lang: str) -> list[tuple[int, int]]:
    lex = _lexicon()
    spans = []
    for i, pat in enumerate(lex.blocked):
        if i == 7 and lang == "de":          # "3 am Montag" is German, not 3 a.m.
            continue
        if i == 3 and lang == "en":
            # "rose to 4.5." is a decimal at the end of an English sentence; "24.10.2024" is still a date
            spans.extend(m.span() for m in pat.finditer(s) if not m.group(0).endswith("."))
            continue
        spans.extend(m.span() for m in pat.finditer(s))
    for pat in lex.blocked_group:
        spans.extend(m.span(1) for m in pat.finditer(s))
    merged: list[list[int]] = []
    for b0, b1 in sorted(spans):
        if merged and b0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b1)
        else:
            merged.append([b0, b1])
    return [(b0, b1) for b0, b1 in merged]


def _overlaps_blocked(a: "_Atom", blocked, starts) -> bool:
    i = bisect_right(starts, a.end - 1) - 1          # last blocked span starting before a.end
    return i >= 0 and blocked[i][1] > a.start


def _is_not_count(s: str, a: _Atom, lang: str, blocked, starts) -> bool:
    lex = _lexicon()
    if _overlaps_blocked(a, blocked, starts):
        return True
    before = s[a.start - 1] if a.start else ""
    before2 = s[a.start - 2] if a.start > 1 else ""
    after = s[a.end] if a.end < len(s) else ""
    if a.kind == "digit":
        if before.isalpha() or (before and before in "#/@_") or (before == "-" and before2.isalpha()) \
                or (before == "-" and re.search(r"(?<!\d)(19|20)\d\d-$", s[max(0, a.start - 6):a.start]) and a.end - a.start <= 2):
            return True                                          # G7, Covid-19, F-16, A1, #1, 2023/24
        if (after and after in "/@_") or (after == "-" and s[a.end + 1:a.end + 2].isdigit() and a.plain_int
                               and len(s[a.start:a.end]) == 4 and s[a.end + 1:a.end + 3].isdigit()
                               and not s[a.end + 1:a.end + 5].isdigit()):
            return True                                          # 2023-24
        if after.isalpha():
            rest = s[a.end:a.end + 12]
            if not lex.measure_after.match(rest) and not lex.unit_after.match(rest):
                return True                                      # 4G, 3D, 1990er
        if a.plain_int and after == "." and lang == "de" and a.end - a.start <= 3:
            nm = lex.ordinal_dot_next.match(s[a.end:a.end + 40])
            if nm:
                word = nm.group(1).lower()
                if word not in lex.starters_de:
                    return True                                  # "21. Jahrhundert", "3. Platz"
    if lex.id_prefix.search(s, max(0, a.lead - 30), a.lead):
        return True                                              # Artikel 5, Nr. 3, Seite 4
    return False


def _yearish(a: _Atom) -> bool:
    return a.kind == "digit" and a.plain_int and a.value is not None and 1900 <= a.value <= 2100


def _count_evidence_after(s: str, end: int, lang: str) -> bool:
    """A year-looking bare number read as a count when a counted noun follows ("2000 Soldaten")."""
    lex = _lexicon()
    m = re.match(_WS + r"+([^\W\d_][\w-]*)", s[end:end + 40])
    if not m:
        return False
    word = m.group(1)
    low = word.lower()
    if low in lex.months or low in lex.starters_de:
        return False
    if lang == "de" or word[0].isupper():
        return word[0].isupper()
    return low.endswith("s") and low not in {"was", "has", "is", "does", "as", "its", "his", "this", "plus", "thus"}


# --------------------------------------------------------------------------- main

def _interval(value: float, qualifier: str, shape: str) -> tuple[Optional[float], Optional[float]]:
    t = APPROX_TOLERANCE
    if qualifier == "approx":
        if shape == "below":
            return _clean(value * (1 - t)), value
        if shape == "above":
            return value, _clean(value * (1 + t))
        return _clean(value * (1 - t)), _clean(value * (1 + t))
    if qualifier in ("min", "gt"):
        return value, None
    if qualifier in ("max", "lt"):
        return 0.0, value
    return value, value


def _clean(x: float) -> float:
    return float(f"{x:.12g}")


def _qualifier_before(s: str, pos: int) -> Optional[tuple[int, str, str]]:
    lex = _lexicon()
    m = lex.q_before.search(s, max(0, pos - 40), pos)
    if not m:
        return None
    qualifier, shape = lex.q_before_map.get(_norm(m.group(1)), ("exact", "exact"))
    if _norm(m.group(1)) in ("über", "over") and _PREPOSITION_USE.search(s, max(0, m.start(1) - 40), m.start(1)):
        return None  # "Berichte über 12.000 Soldaten", "Streit über 100 Euro": a preposition, not "more than"
    return m.start(1), qualifier, shape


# One of these nouns right before "über"/"over" makes it the preposition "about".
_PREPOSITION_USE = re.compile(r"\b(Berichte|Bericht|Berichten|Meldungen|Angaben|Streit|Debatte|Diskussion|"
                              r"Gespräche|Verhandlungen|Informationen|Spekulationen|Gerüchte|reports|talks|debate|dispute)\s+$")


@lru_cache(maxsize=256)
def _has_change_verb(s: str) -> bool:
    return _lexicon().change_verb.search(s) is not None


# Verbs that size a change by what was lost or gained, unless a share "of" something follows.
_LOST_OR_GAINED = re.compile(r"\b(?:verlor|verloren|verliert|verlieren|lost|loses|gained|gains)(?:\s+[^\W\d_]+){0,3}\s+"
                             r"(?:(?:about|around|some|nearly|almost|rund|etwa|knapp|fast)\s+)?$", re.IGNORECASE)
_SHARE_OF_AFTER = re.compile(r"\s+(?:of|der|des|ihrer|seiner|ihres|seines)\b", re.IGNORECASE)


def _increment(s: str, lead: int, tail: int) -> bool:
    lex = _lexicon()
    if lex.inc_before.search(s, max(0, lead - 30), lead):
        return True
    if lex.inc_after.match(s[tail:tail + 30]):
        return True
    if lex.change_prep.search(s, max(0, lead - 10), lead) and _has_change_verb(s):
        return True
    before = s[max(0, lead - 30):lead]
    verb = _VERB_THEN_FIGURE.search(before)
    if verb and verb.group(1).casefold() not in ("up", "down") and lex.change_verb.fullmatch(verb.group(1)) and \
            _percent_or_unit(s, lead, tail):
        return True   # "Rents rose 4.2 percent", "shares jumped 23 percent": a change verb sizes the change directly
    percent = _PERCENT_AFTER.match(s, tail) or _PERCENT_AFTER.search(s, lead, tail)
    points = re.match(r"\s*(?:Prozentpunkt|percentage point)", s[min(tail, percent.start()) if percent else tail:],
                      re.IGNORECASE)
    if (_LOST_OR_GAINED.search(s[max(0, lead - 40):lead]) and percent and not points
            and not _SHARE_OF_AFTER.match(s, max(tail, percent.end()))):
        # (percentage points are a difference as they are: "verlor 3,5 Prozentpunkte")
        return True   # "Die Aktie verlor 22 Prozent", "shares lost 22 percent" (not "lost 31 percent of their colonies")
    if _BY_ABOUT.search(s[max(0, lead - 20):lead]) and _percent_or_unit(s, lead, tail):
        return True   # "legte um 22 Prozent zu", "schoss um 23 Prozent nach oben": "um"/"by" a percentage sizes a change
    if _UP_OR_DOWN.search(s[max(0, lead - 12):lead]) and (_PERCENT_AFTER.match(s, tail) or _PERCENT_AFTER.search(
            s, lead, tail)):
        return True   # "Demand is up 35 percent", "bookings are down 20 percent": the size of a change
    # "the property tax increase stays at 18 percent", "eine Erhöhung um 18 Prozent", "an 18 percent rise":
    # the figure is the size of a change a noun names
    if _CHANGE_NOUN_BEFORE.search(s[max(0, lead - 40):lead]) or _CHANGE_NOUN_AFTER.match(s, tail):
        return True
    return False


_VERB_THEN_FIGURE = re.compile(r"\b(\w+)\s+(?:(?:about|around|some|nearly|almost|roughly|more than)\s+)?$", re.IGNORECASE)


def _percent_or_unit(s: str, lead: int, tail: int) -> bool:
    return bool(_PERCENT_AFTER.match(s, tail) or _PERCENT_AFTER.search(s, lead, tail))


_BY_ABOUT = re.compile(r"\b(?:um|by)\s+(?:(?:rund|etwa|knapp|fast|gut|mehr als|about|around|some|nearly|almost|"
                       r"more than)\s+)?$", re.IGNORECASE)
_UP_OR_DOWN = re.compile(r"\b(?:is|are|was|were|been|be|now|still)\s+(?:up|down)\s+(?:by\s+)?$", re.IGNORECASE)
_PERCENT_AFTER = re.compile(r"\s*(?:%|percent|per cent|percentage points?|Prozent|Prozentpunkte)", re.IGNORECASE)
_CHANGE_NOUNS = (r"(?:increase|rise|hike|cut|reduction|drop|Erhöhung|Anstieg|Steigerung|Senkung|Kürzung|Zuwachs|"
                 r"Rückgang)")
# (a verb is no change noun: "the number of posts to be cut at 260" counts posts)
_CHANGE_NOUN_BEFORE = re.compile(r"(?<!\bto )(?<!\bbe )(?<!\bbeen )(?<!\bwill )\b" + _CHANGE_NOUNS + r"s?\s+(?:\w+\s+){0,2}?(?:of|at|by|von|um)\s+"
                                 r"(?:(?:about|around|rund|etwa|some|nearly|almost|fast|knapp)\s+)?$", re.IGNORECASE)
_CHANGE_NOUN_AFTER = re.compile(r"\s*(?:%|percent|per cent|Prozent)?[\s-]*" + _CHANGE_NOUNS + r"\b", re.IGNORECASE)


def _units_after(s: str, a: _Atom) -> None:
    lex = _lexicon()
    um = lex.unit_after.match(s[a.end:a.end + 40])
    if um:
        unit = lex.unit_after_map.get(_norm(um.group(1)))
        if unit and (a.unit is None or a.unit == unit):
            a.unit = unit
            a.post_end = a.end + um.end()


def find_quantities(sentence: str, language: str = "de") -> list[Quantity]:
    """Each figure the sentence asserts, left to right; never raises."""
    try:
        return _find(sentence, language)
    except Exception:           # pragma: no cover - last line of defence
        return []


def _find(sentence, language) -> list[Quantity]:
    if not isinstance(sentence, str) or not sentence:
        return []
    s = sentence[:MAX_INPUT_CHARS]
    lang = (language or "").lower()[:2]
    langs: tuple
    if lang in ("de", "en"):
        langs = (lang,)
    else:
        lang = _guess_language(s)
        langs = (lang, "en" if lang == "de" else "de")
    lex = _lexicon()

    digits = _digit_atoms(s, lang)
    words = _word_atoms(s, langs) if len(s) <= MAX_RECOGNIZER_CHARS else []
    vague = _vague_atoms(s)
    words += _one_span_atoms(s)

    blocked = _blocked_spans(s, lang)
    starts = [b[0] for b in blocked]
    digits = [a for a in digits if not _is_not_count(s, a, lang, blocked, starts)]
    words = [a for a in words if not _is_not_count(s, a, lang, blocked, starts)]

    # overlaps: digits beat everything; a number phrase containing a vague word ("zwei Millionen") beats it;
    # otherwise the vague phrase wins ("einige tausend" over "tausend")
    ranked = [(3, a) for a in digits]
    for a in words:
        inner = any(a.start <= v.start and v.end <= a.end and (v.end - v.start) < (a.end - a.start) for v in vague)
        ranked.append((2.5 if inner else 1, a))
    ranked += [(2, a) for a in vague]
    ranked.sort(key=lambda p: (-p[0], -(p[1].end - p[1].start), p[1].start))
    atoms: list[_Atom] = []          # kept sorted by start, pairwise disjoint
    for _, a in ranked:
        i = bisect_right([b.start for b in atoms], a.start) if len(atoms) < 64 else _bisect_atoms(atoms, a.start)
        if i > 0 and atoms[i - 1].end > a.start:
            continue
        if i < len(atoms) and atoms[i].start < a.end:
            continue
        atoms.insert(i, a)
    for a in atoms:
        _units_after(s, a)

    times = _race_times(s)
    if times:
        atoms = [a for a in atoms if not any(t.start < a.end and a.start < t.end for t in times)]
    out: list[Quantity] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        rng = _range(s, a, b, lang) if b is not None else None
        if rng is not None:
            out.append(rng)
            i += 2
            continue
        q = _single(s, a, lang)
        if q is not None:
            out.append(q)
        i += 1
    if times:
        out = sorted(out + times, key=lambda q: q.start)
    return out


# A time taken written in hours, minutes and seconds ("in 2:05:41", "in 2:05:41 Stunden"): one duration, in
# seconds, not three figures
_RACE_TIME = re.compile(r"(?<![\d:.,])(\d{1,2}):([0-5]\d):([0-5]\d)(?![\d:])(?:\s*(?:Stunden|Std\.|h|hours)\b)?")


def _race_times(s: str) -> list[Quantity]:
    out = []
    for m in _RACE_TIME.finditer(s):
        value = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
        out.append(Quantity(text=m.group(0), value=float(value), low=float(value), high=float(value),
                            qualifier="exact", unit="seconds", start=m.start(), end=m.end()))
    return out


def _bisect_atoms(atoms: list, start: int) -> int:
    lo, hi = 0, len(atoms)
    while lo < hi:
        mid = (lo + hi) // 2
        if atoms[mid].start <= start:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _range(s: str, a: _Atom, b: _Atom, lang: str) -> Optional[Quantity]:
    lex = _lexicon()
    if a.kind == "vague" or b.kind == "vague" or a.value is None or b.value is None:
        return None
    jm = lex.range_join.match(s[a.tail:b.lead])
    if not jm:
        return None
    joiner = _norm(jm.group(1))
    om = lex.range_open.search(s, max(0, a.lead - 20), a.lead)
    opener = _norm(om.group(1)) if om else None
    if joiner in ("und", "and"):
        if opener not in ("zwischen", "between"):
            return None
    elif opener in ("zwischen", "between"):
        return None
    if opener in ("von", "from") and _has_change_verb(s):
        return None                                     # "rose from 1,500 to 3,000" is a change
    if a.unit and b.unit and a.unit != b.unit:
        return None                                     # "fell 2.4 percentage points to 7.3 percent"
    if a.unit and not b.unit:
        return None                                     # "fell 27 percent to 260,000": a change and a level
    lo, hi = a.value, b.value
    if a.scale == 1 and b.scale > 1 and lo * b.scale <= hi:
        lo = lo * b.scale                               # "2 bis 3 Millionen"
    if not lo < hi:
        return None
    if _yearish(a) and _yearish(b) and not (a.unit or b.unit) and not _qualifier_before(s, a.lead) \
            and not _count_evidence_after(s, b.tail, lang):
        return None                                     # "2022 bis 2024" – years; single pass drops them
    start = om.start(1) if om else a.lead
    if not om:
        qb = _qualifier_before(s, a.lead)
        if qb:
            start = qb[0]
    end = b.end
    unit = a.unit or b.unit
    return Quantity(text=s[start:end], value=_clean((lo + hi) / 2), low=lo, high=hi, qualifier="range",
                    unit=unit, start=start, end=end, increment=_increment(s, start, b.tail))


def _single(s: str, a: _Atom, lang: str) -> Optional[Quantity]:
    lex = _lexicon()
    if a.kind == "vague":
        return Quantity(text=s[a.start:a.end], value=None, low=a.low, high=a.high, qualifier="vague",
                        unit=a.unit, start=a.start, end=a.end, increment=_increment(s, a.start, a.tail))
    start, end = a.lead, a.end
    qualifier, shape = "exact", "exact"
    qb = _qualifier_before(s, a.lead)
    if qb:
        start, qualifier, shape = qb
    else:
        qa = lex.q_after.match(s[a.tail:a.tail + 30])
        if qa:
            qualifier = shape = lex.q_after_map.get(_norm(qa.group(1)), "exact")
            if a.post_end is None:
                end = a.end + qa.end()
    if _yearish(a) and not a.unit and qualifier == "exact":
        inc = _increment(s, start, a.tail)
        context = lex.year_context.search(s, max(0, a.start - 30), a.start)
        if not inc and (context or not _count_evidence_after(s, a.tail, lang)):
            return None                                 # "im Jahr 2024", "in 2023", "2024"
    value = float(a.value)
    low, high = _interval(value, qualifier, shape)
    return Quantity(text=s[start:end], value=value, low=low, high=high, qualifier=qualifier, unit=a.unit,
                    start=start, end=end, increment=_increment(s, start, a.tail))


# --------------------------------------------------------------------------- formatting

_Q_WORDS = {
    "en": {"approx": "about", "approx_below": "almost", "approx_above": "just over", "min": "at least",
           "gt": "more than", "max": "up to", "lt": "less than", "between": "between", "and": "and"},
    "de": {"approx": "rund", "approx_below": "knapp", "approx_above": "gut", "min": "mindestens",
           "gt": "mehr als", "max": "bis zu", "lt": "weniger als", "between": "zwischen", "and": "und"},
}
_SCALE_WORDS = {"en": ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")),
                "de": ((1e12, "Billionen"), (1e9, "Milliarden"), (1e6, "Millionen"))}


def _fmt_number(x: float, lang: str) -> str:
    for mult, word in _SCALE_WORDS[lang]:
        if abs(x) >= mult and x % (mult / 100) == 0 and x != mult * 1000:
            n = _fmt_number(x / mult, lang)
            if lang == "de" and x == mult:
                word = {"Millionen": "Million", "Milliarden": "Milliarde", "Billionen": "Billion"}[word]
            return f"{n} {word}"
    if float(x).is_integer():
        txt = f"{int(x):,}"
    else:
        txt = f"{x:,.2f}".rstrip("0").rstrip(".")
    if lang == "de":
        txt = txt.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return txt


def _with_unit(num: str, unit: Optional[str], lang: str) -> str:
    if unit == "%":
        return f"{num}%" if lang == "en" else f"{num} %"
    if unit == "pp":
        return f"{num} percentage points" if lang == "en" else f"{num} Prozentpunkte"
    if unit in ("EUR", "USD", "GBP"):
        if lang == "en":
            return {"EUR": "€", "USD": "$", "GBP": "£"}[unit] + num
        return f"{num} " + {"EUR": "Euro", "USD": "US-Dollar", "GBP": "Pfund"}[unit]
    return num


def format_quantity(q: Quantity, language: str = "en") -> str:
    if q.unit == "seconds" and _RACE_TIME.match(q.text):
        return _RACE_TIME.match(q.text).group(0).split()[0]   # a time taken, as written: "2:05:41"
    return _format_quantity(q, language)


def _format_quantity(q: Quantity, language: str = "en") -> str:
    """Short human form of a quantity for explanations ("about 3,000", "between 1,500 and 3,000")."""
    try:
        lang = "de" if (language or "").lower().startswith("de") else "en"
        words = _Q_WORDS[lang]
        if q.qualifier == "vague" or q.value is None:
            for group in _lexicon().data["vague"]:
                if q.low is not None and float(group["low"]) == float(q.low):
                    return group["label"][lang]
            if q.low is not None and q.high is not None:
                core = f"{words['between']} {_fmt_number(q.low, lang)} {words['and']} {_fmt_number(q.high, lang)}"
            else:
                core = q.text or "?"
            return core
        num = lambda x: _with_unit(_fmt_number(float(x), lang), q.unit, lang)  # noqa: E731
        if q.qualifier == "range" and q.low is not None and q.high is not None:
            core = f"{words['between']} {num(q.low)} {words['and']} {num(q.high)}"
        elif q.qualifier == "approx":
            key = "approx"
            if q.high is not None and q.high == q.value and q.low is not None and q.low < q.value:
                key = "approx_below"
            elif q.low is not None and q.low == q.value and q.high is not None and q.high > q.value:
                key = "approx_above"
            core = f"{words[key]} {num(q.value)}"
        elif q.qualifier in words:
            core = f"{words[q.qualifier]} {num(q.value)}"
        else:
            core = num(q.value)
        if q.increment:
            core = f"{core} more" if lang == "en" else f"{core} weitere"
        return core
    except Exception:
        return getattr(q, "text", "") or ""
