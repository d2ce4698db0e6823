"""When a claim holds: relative dates resolved against the publication date; forecasts and negation."""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Optional

from .lexicon import TermFinder, load
from .model import TimeSpan

WEEKDAYS = {
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5, "sonnabend": 5,
    "sonntag": 6, "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
MONTHS = {
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7, "august": 8,
    "september": 9, "oktober": 10, "november": 11, "dezember": 12, "january": 1, "february": 2, "march": 3,
    "may": 5, "june": 6, "july": 7, "october": 10, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "okt": 10,
    "oct": 10, "nov": 11, "dez": 12, "dec": 12,
}
_WEEKDAY = re.compile(r"\b(am |on |bis |by |seit |since )?(" + "|".join(WEEKDAYS) + r")(?:abend|morgen|mittag|nachmittag|vormittag|nacht)?\b", re.IGNORECASE)
_DAY_NAMES = "|".join(WEEKDAYS)
# "von Montag bis Mittwoch", "zwischen Dienstag und Donnerstag", "from Monday to Wednesday", "Monday through
# Friday": a figure counted over the days, which holds as of the last
_WEEKDAY_RANGE = re.compile(
    rf"\b(?:vo[nm]|zwischen|from|between)?\s*({_DAY_NAMES})\w*\s+(?:bis(?:\s+(?:zum|einschließlich))?|und|to|"
    rf"through|and|until|till|-|–)\s+({_DAY_NAMES})", re.IGNORECASE)
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})\.\s*({_MONTH_NAMES})\.?(?:\s+(\d{{4}}))?", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"\b({_MONTH_NAMES})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.IGNORECASE)
_PART_MONTH = re.compile(rf"\b(Anfang|Mitte|Ende|early|mid|late|im|in)[\s-]+({_MONTH_NAMES})\b", re.IGNORECASE)
_UNTIL_MONTH = re.compile(rf"\b(bis|by|until|bis Ende)\s+({_MONTH_NAMES})\b", re.IGNORECASE)
_UNTIL_YEAR = re.compile(r"\b(?:bis|by|until)\s+(?:Ende\s+|Mitte\s+|(?:the\s+)?end\s+of\s+)?((?:19|20)\d\d)\b(?![.,]\d)", re.IGNORECASE)
_IN_YEAR = re.compile(r"\b(?:im Jahr(?:e)?|in|im|during)\s+((?:19|20)\d\d)\b(?![.,]\d)", re.IGNORECASE)
_RELATIVE = {
    r"\b(gestern|yesterday)\b": (-1, -1), r"\b(heute|today|derzeit|currently|inzwischen)\b": (0, 0),
}


@lru_cache(maxsize=1)
def _markers():
    data = load("markers")
    forecast = TermFinder((w, True) for lang in data.get("forecast", {}).values() for w in lang)
    negation = TermFinder((w, True) for lang in data.get("negation", {}).values() for w in lang)
    return forecast, negation


@lru_cache(maxsize=2)
def _forecast_in(language: str):
    """The forecast markers of one language: German "plant" (plans) is no marker in "the Veridan plant"."""
    return TermFinder((w, True) for w in load("markers").get("forecast", {}).get(language, []))


def _span(start: date, end: date) -> TimeSpan:
    return TimeSpan(start.isoformat(), end.isoformat())


def _year_for(month: int, reference: date) -> int:
    # a month named in an article is this year's unless that lies far in the future
    return reference.year - 1 if month > reference.month + 2 else reference.year


def _since(text: str, start: int) -> bool:
    """Whether "seit"/"since" governs the time phrase at `start` ("seit Anfang September", "since the strike
    began on Monday")."""
    return re.search(r"\b(?:seit|since)\b(?:\s+\S+){0,5}\s*$", text[max(0, start - 50):start], re.IGNORECASE) is not None


def _absolute(text: str, reference: Optional[date]) -> tuple[Optional[TimeSpan], bool]:
    """Dates that carry their year: "am 6. November 2024", "bis 2030", "im Jahr 2023"."""
    for m, month_group, day_group in ((_DAY_MONTH.search(text), 2, 1), (_MONTH_DAY.search(text), 1, 2)):
        if m is None or not m.group(3):
            continue
        try:
            when = date(int(m.group(3)), MONTHS[m.group(month_group).lower()], int(m.group(day_group)))
        except ValueError:
            continue
        return _span(when, when), reference is not None and when > reference
    m = _UNTIL_YEAR.search(text)
    if m:
        year = int(m.group(1))
        end = date(year, 12, 31)
        if reference is None or end > reference:
            start = reference if reference is not None and reference.year <= year else date(year, 1, 1)
            return _span(start, end), True
    m = _IN_YEAR.search(text)
    if m:
        year = int(m.group(1))
        return _span(date(year, 1, 1), date(year, 12, 31)), reference is not None and year > reference.year
    return None, False


def resolve_time(text: str, reference: Optional[date]) -> tuple[Optional[TimeSpan], bool]:
    """The span a sentence's figure refers to, and whether it points past the reference date.
    Without a reference only dates that carry their year are read: "am Montag" of an undated
    statement could be any Monday."""
    if reference is None:
        return _absolute(text, None)
    m = _UNTIL_MONTH.search(text)
    if m:
        month = MONTHS[m.group(2).lower()]
        year = reference.year + (1 if month < reference.month else 0)
        last = date(year, month, calendar.monthrange(year, month)[1])
        if last > reference:
            return _span(reference, last), True
    for m, month_group, day_group in ((_DAY_MONTH.search(text), 2, 1), (_MONTH_DAY.search(text), 1, 2)):
        if m is None or m.group(month_group).lower() == "may" and month_group == 1:
            continue  # "may" before a number is more often the verb than the month
        month, day = MONTHS[m.group(month_group).lower()], int(m.group(day_group))
        year = int(m.group(3)) if m.group(3) else _year_for(month, reference)
        try:
            when = date(year, month, day)
        except ValueError:
            continue
        if _since(text, m.start()) and when <= reference:
            return _span(when, reference), False   # "seit dem 3. September": counted from then up to the report
        return _span(when, when), when > reference
    found = _absolute(text, reference)
    if found[0] is not None:
        return found
    m = _WEEKDAY_RANGE.search(text)
    if m:
        end = reference - timedelta(days=(reference.weekday() - WEEKDAYS[m.group(2).lower()]) % 7)
        start = end - timedelta(days=(WEEKDAYS[m.group(2).lower()] - WEEKDAYS[m.group(1).lower()]) % 7)
        return _span(start, end), False
    m = _WEEKDAY.search(text)
    if m:
        back = (reference.weekday() - WEEKDAYS[m.group(2).lower()]) % 7
        when = reference - timedelta(days=back)
        if (m.group(1) or "").strip().lower() in ("seit", "since") or _since(text, m.start()):
            # "seit Montag", "since the strike began on Monday"
            return _span(when, reference), False  # counted from that day up to the report
        return _span(when, when), False
    m = _PART_MONTH.search(text)
    if m:
        month = MONTHS[m.group(2).lower()]
        year = _year_for(month, reference)
        last = calendar.monthrange(year, month)[1]
        part = m.group(1).lower()
        first_day, last_day = {"anfang": (1, 10), "early": (1, 10), "mitte": (10, 20), "mid": (10, 20),
                               "ende": (20, last), "late": (20, last)}.get(part, (1, last))
        if _since(text, m.start()) and date(year, month, first_day) <= reference:
            # "seit Anfang September", "since early September": counted from then up to the report
            return _span(date(year, month, first_day), reference), False
        return _span(date(year, month, first_day), date(year, month, last_day)), False
    monday = reference - timedelta(days=reference.weekday())
    if re.search(r"\b(zu Wochenbeginn|Anfang der Woche|diese[rn]? Woche|earlier this week|this week)\b", text, re.IGNORECASE):
        return _span(monday, reference), False
    if re.search(r"\b(vergangene|letzte|vorige)[n]? Woche\b|\blast week\b", text, re.IGNORECASE):
        return _span(monday - timedelta(days=7), monday - timedelta(days=1)), False
    for pattern, (a, b) in _RELATIVE.items():
        if re.search(pattern, text, re.IGNORECASE):
            return _span(reference + timedelta(days=a), reference + timedelta(days=b)), False
    return None, False


# A headline's "Volkswagen to cut 35,000 jobs": a name, then "to" and a verb, is what will happen.
_HEADLINE_FUTURE = re.compile(r"^\s*(?!According\b)[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}\s+to\s+(?!the\b)[a-z]{3,}\b")


def is_forecast(text: str, language: Optional[str] = None) -> bool:
    """'könnte', 'bald', 'soon', 'bis Dezember … ansteigen', 'would reach': a figure expected, not counted;
    the markers of the text's language when it is known. A plan's own figure is no forecast: "46 services
    will be cut", "850 jobs would be lost" and "die Stadt plant 300 Wohnungen" say what is decided, and
    compare like a count (SEMANTICS: jobs a plan will cut are compared as at the same time); only a future
    of a figure's course ("will reach", "werde auf 200 steigen") is expected."""
    forecast = _forecast_in(language) if language in ("de", "en") else _markers()[0]
    headline = language != "de" and (_HEADLINE_FUTURE.match(text) is not None or _headline_to_verb(text))
    return forecast.search(text) is not None or headline or _future_course(text, language)


# A future auxiliary, and a verb that says where a figure is going: what is expected of a count.
_FUTURE_AUXILIARIES = frozenset({"will", "would", "'ll", "wird", "werde", "werden", "würde", "würden"})
_COURSE_VERBS = frozenset({"reach", "rise", "climb", "grow", "increase", "exceed", "top", "double", "surpass",
                           "fall", "drop", "decline", "steigen", "ansteigen", "erreichen", "wachsen", "anwachsen",
                           "klettern", "übersteigen", "verdoppeln", "sinken", "fallen", "zurückgehen"})


def _future_course(text: str, language: Optional[str]) -> bool:
    from .reading import read

    words = re.findall(r"[\w']+", text.casefold())
    if not _FUTURE_AUXILIARIES.intersection(words):
        return False
    tokens = read(text, language if language in ("de", "en") else "en").tokens
    # a verb, not a noun of the same spelling ("von 76 Fällen" is no "fall")
    return any(t.pos.startswith("V") and (t.lemma.casefold() in _COURSE_VERBS or t.text.casefold() in _COURSE_VERBS)
               for t in tokens)


_NOUN_PHRASE_TAGS = ("AJ", "AT0", "CRD", "DPS", "DT0", "NN", "NP0", "ORD", "PRF", "POS")


def _headline_to_verb(text: str) -> bool:
    """"Average household to pay 480 euros more", "Thousands of pupils to resit maths exam": a noun phrase
    without a verb of its own, then "to" and a verb, opening a headline-like statement (after a source and a
    colon), is what will happen."""
    from .reading import read

    lead = re.match(r"\s*(?:[^:]{1,60}:\s+)?", text)
    tokens = read(text[lead.end():], "en").tokens[:8]
    to = next((i for i, t in enumerate(tokens) if t.pos == "TO0"), None)
    opening = text.lstrip()[:1]
    if not (opening.isupper() or opening.isdigit()):
        return False   # (a clause cut from a sentence is no headline: "…, continued to put the number at 52")
    return (to is not None and 0 < to <= 5 and to + 1 < len(tokens) and tokens[to + 1].pos == "VVI"
            and all(t.pos.startswith(_NOUN_PHRASE_TAGS) for t in tokens[:to]))


_DENIALS = {"bestreitet", "bestritten", "bestreiten", "dementiert", "dementierte", "zurückgewiesen",
            "weist zurück", "wies zurück", "denies", "denied", "deny", "rejects", "rejected"}


def is_negated(text: str) -> bool:
    """Whether the sentence denies what it reports. A denial that is itself negated ("bestreitet …
    nicht", "did not deny") affirms: the two cancel."""
    _, negation = _markers()
    hits = list(negation.finditer(text))
    denials = [h for h in hits if h.text.casefold() in _DENIALS]
    plain = [h for h in hits if h.text.casefold() not in _DENIALS]
    for denial in denials:
        # German puts "nicht" at the end of the clause: same clause, not too far
        near = next((p for p in plain if abs(p.start - denial.start) <= 60 and not re.search(
            r"[,;:.]", text[min(p.start, denial.start):max(p.start, denial.start)])), None)
        if near is not None:
            plain.remove(near)
            hits = [h for h in hits if h is not denial and h is not near]
    return bool(hits)
