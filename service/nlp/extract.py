"""Sentences to claims: one claim per counted figure, or one per sourced statement without a figure."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Callable, Optional, Sequence

from .attributors import Attribution, attribute, is_media, mentions, sources
from .bilingual import in_dictionary
from .entities import actor, canonical_in_article, generic_role_name, named_bodies, spokesperson_body, taught_acronyms
from .entities import _kind_word, role_of, taught_where, toponym_like
from .entities import Organisation, legal_name, organisations as article_organisations
from .lexicon import both_languages, fold, load
from .model import Attributor, Claim, TimeSpan
from .numbers import find_quantities
from .places import gazetteer
from .sentences import Sentence, article_sentences
from .reading import TIME_WORD, read
from .subjects import PARTITIVE, Subject, counted, is_increment, lexicon, measured_thing, names_a_change
from .times import is_forecast, is_negated, resolve_time

# A second reported clause joined to the first ("… and that …", "and estimates that", "und dass") is a clause
# of its own
_JOINED_REPORT = r"\s(?:and|but|und|aber)\s(?=(?:[a-zäöüß]+\s){0,2}?(?:that|dass|daß)\s)"
_CLAUSE_BREAK = re.compile(r"[,;:„“”\"«»()]|\s[–-]\s|" + _JOINED_REPORT)
_TERRITORY = re.compile(r"(\w+)\s+(Territorium|Boden|Staatsgebiet|Gebiet|territory|soil)\b", re.IGNORECASE)
# "in russischen Ausbildungslagern", "at Russian bases": a nationality word after a location preposition
_IN_NATIONAL = re.compile(r"\b(?:in|im|auf|at|on|inside|within)\s+(?:den\s+|der\s+|dem\s+|the\s+)?(\w+)\s+(\w+)")
_NOT_A_PLACE_NOUN = re.compile(r"^(uniform|dienst|sprache|service|language|hand|händen|auftrag|namen|name|"
                               r"medien|media|interesse|interest)", re.IGNORECASE)
_OF_THEM = re.compile(r"\s+(davon|of them|of whom|of which|darunter|von ihnen|unter ihnen)\b", re.IGNORECASE)
# Words that say a figure is a part of the one before: "davon 40 Kinder", "including 12 children"
_PART_WORDS = r"(davon|darunter|unter ihnen|of them|of whom|of which|including|among them)"
_PART_CUE = re.compile(r"\b" + _PART_WORDS + r"\s+(?:\w+\s+)?$", re.IGNORECASE)
_PART_CLAUSE = re.compile(r"[,;]\s*" + _PART_WORDS + r"\b", re.IGNORECASE)
_OF_THOSE = re.compile(r"^\W*(?:(?:(?:rund|etwa|about|some|around)\s+)?(?:of those|of them|of these|davon|darunter)\W*\s*"
                       r"(?:(?-i:[a-zäöüß]+),?\s+)?"   # ("Of those infected, 31 are care workers")
                       r"|(?:von den|von diesen|of the|of these)\s+(?:[\w-]+\s+)?(?-i:[A-ZÄÖÜ][\w-]*|[a-z]+s)\s*,?\s+"
                       r"(?:(?-i:[a-zäöüß][\w-]*)\s+){0,3}"
                       r"|(?:unter den|among the)\s+[^,.;]{1,60}?\s+(?:sind|waren|befinden sich|were|are)\s+"
                       r"(?:(?:nach|laut|according to)\s+(?:[\w-]+\s+){1,3})?)"
                       r"(?:(?:rund|etwa|about|some|around|mindestens|at least)\s+)?$", re.IGNORECASE)
# Parts without their whole's figure: "1,9 Millionen der Übernachtungen", "Allein die Gemeinde X zählte …",
# "Foreign guests accounted for 1.9 million", "entfielen auf Gäste aus dem Ausland"
_OF_THE_COUNTED = re.compile(r"\s+der\s+(?:[a-zäöüß][\w-]*\s+)?[A-ZÄÖÜ]")
_ALONE = re.compile(r"^\W*(?:allein|alone)\b|\b(?:alone|allein)\s*,", re.IGNORECASE)
_SHARE_VERB = re.compile(r"\b(?:accounted for|accounts for|account for|made up|make up|makes up|entfielen|entfallen|"
                         r"entfällt|entfiel)\b", re.IGNORECASE)
_THE_NUMBER_AT = re.compile(r"\b(?:put|puts|putting|estimated|estimates|gave|gives|set|sets)\s+(?:the|its|their|his|her)\s+"
                            r"(?:own\s+)?(?:number|figure|"
                            r"total|count|toll)\s+at\b|\b(?:beziffert|bezifferte|bezifferten|schätzt|schätzte|gibt|gab)\s+"
                            r"(?:die|deren|ihre|seine)\s+(?:Zahl|Anzahl)\s+(?:mit|auf)\b", re.IGNORECASE)
_RESTATED_WHOLE = re.compile(r"^\W*(?:von den|of the|of those)\s*$", re.IGNORECASE)
_FROM_THE_WHOLE = re.compile(r"^\W*(?:von den|von|of the|of)\s+\S+\s", re.IGNORECASE)
# ("1.100 der zuvor betroffenen 4.200 Haushalte": words that say which may stand before the whole's figure)
_DENOMINATOR = re.compile(r"^\s+(?:der|von|of|out of|aus|seiner|ihrer|seinen|ihren)"
                          r"(?:\s+(?:the|den|insgesamt|a total of|its|their|seiner|ihrer|seinen|ihren))?"
                          r"(?:\s+(?-i:[a-zäöüß][\w-]*)){0,2}?\s+$", re.IGNORECASE)
# A sentence that only says who said the one before: "Das teilte die Polizei mit.", "That was what X said."
_SAID_THAT = re.compile(r"^\s*(?:Das|Dies|Diese Angaben|Diese Zahl|This|That|These figures)\s+(?!\w+\s+\d)", re.IGNORECASE)
_HAS_FIGURE = re.compile(r"\d|\b(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|"
                         r"hundert|tausend|Dutzend|Hunderte|Tausende|one|two|three|four|five|six|seven|eight|nine|"
                         r"ten|eleven|twelve|twenty|thirty|hundred|thousand|dozens|hundreds|thousands|million)",
                         re.IGNORECASE)
_CONTINUES = re.compile(r"^\s*(Demnach|Dem zufolge|Accordingly|Zudem|Außerdem|Weiter)\b", re.IGNORECASE)


_NOT_A_RATE = r"(?!(?:jahr|monat|woche|tag|stunde|year|month|week|day|hour|annum|cent)\w*\b)"
_PER = re.compile(r"\s*(?:[^\W\d_]+\s+|[€$£]\s*)?(?:(?:je|pro|per)\s+" + _NOT_A_RATE + r"[^\W\d_]|each\b|apiece\b"
                  r"|a head\b|a piece\b)", re.IGNORECASE)


# "Je Aktie sollen die Aktionäre 38 Euro erhalten": a rate named anywhere in the figure's clause; per year,
# month or day is how yearly figures are given, not a rate of another kind
_PER_IN_CLAUSE = re.compile(r"\b(?:je|pro|per)\s+" + _NOT_A_RATE + r"[^\W\d_]", re.IGNORECASE)


# "43 Euro je Aktie, insgesamt rund 4,75 Milliarden Euro": the total beside a rate
_IN_TOTAL = re.compile(r"\b(?:insgesamt|in total|in all|total(?:ling)?|a total of|zusammen)\s+(?:(?:rund|etwa|about|some|"
                       r"around)\s+)?$", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:it|es|ihn|this|that|dies|diesen|diese)\b", re.IGNORECASE)


# "slumped to 6 percent", "sackte auf 6 Prozent ab": the level a change reached, not its size.
_TO_A_LEVEL = re.compile(r"\b(?:to|auf)\s+(?:(?:about|around|some|nearly|almost|roughly|just|only|rund|etwa|knapp|nur|"
                         r"noch)\s+)?$", re.IGNORECASE)


def _a_noun_in(text: str, language: str, lemma: str) -> bool:
    """Whether the sentence has the word as a noun ("The increase came to …"), not only as a verb ("slumped to")."""
    return any(t.noun and fold(t.lemma) == lemma for t in read(text, language).tokens)


_TARGET = re.compile(
    r"\b(?:nötig|notwendig|erforderlich|benötigt|benötigen|braucht|brauchen|fordert|fordern|forderte|forderten|"
    r"gefordert|Forderung|verlangt|verlangte|verlangten|verlangen|bietet|bieten|bot|boten|angeboten|Angebot|"
    r"beantragt|beantragte|beantragten|plädiert|plädierte|plädierten|demanding|seeking|asking for|calling for|"
    r"Ziel|angestrebt|strebt|needed|needs|need|required|requires|require|necessary|demand|demands|demanded|"
    r"sought|seeks|seek|calls? for|called for|asked for|asks for|offer|offers|offered|bid|bids|target|targets|"
    r"aims? for|goal)\b", re.IGNORECASE)


# A figure of what is usual or would have been, right before it: not the figure at issue.
_BASELINE = re.compile(
    r"\b(?:(?:statt|anstatt|anstelle|instead of|rather than)\s+(?:der|die|des|den|dem|the|of)?\s*(?:\w+\s+)?|"
    r"(?:üblichen?|gewöhnlichen?|normalen?|sonst|usual|normal|typical|customary)\s+"
    r"(?:\w+\s+)?)(?:rund|etwa|gut|knapp|about|around|some)?\s*$", re.IGNORECASE)


# "3.2 million euros of the emergency aid", "2 Millionen Euro der Soforthilfe": a sum out of a sum named after it
_MONEY_OF_THE = re.compile(r"\s+(?:euros?|dollars?|pounds?|francs?|Euro|Dollar|Pfund|Franken|€|\$|£)\s+(?:of|der|des|aus)\s+"
                           r"(?:the|its|their|dem|den)?\s*(?:\w+\s+)?(?:aid|funds?|budget|package|Hilfe|Soforthilfe|"
                           r"Mittel|Budget|Etat|Topf|Fonds|Hilfspaket|Paket|[\w-]*hilfe|[\w-]*mittel|[\w-]*fonds)\b")
# A figure of what is allowed, named right before it or right after it in its clause ("on a section limited to
# 60 km/h", "erlaubt sind dort 60", "Genehmigt gewesen seien höchstens zwei Tonnen", "30 km/h are permitted"):
# a limit, not what is measured (relations honours it for measures, sums and shares, not counts of people)
_LIMIT_WORDS = (r"(?:erlaubt|zulässig\w*|genehmigt|gestattet|Tempolimit|Höchstgeschwindigkeit|Obergrenze|Grenzwert\w*|"
                r"Höchstmenge|permitted|allowed|authori[sz]ed|limited\s+to|limits?|capped\s+at|cap\s+of)")
_LIMIT_BEFORE = re.compile(rf"\b{_LIMIT_WORDS}(?:\s+[^\W\d]+){{0,6}}\s*$", re.IGNORECASE)
_FIGURE_NEXT = re.compile(r"\s*(?:[^\W\d]+\s+){0,2}?\d")
_LIMIT_AFTER = re.compile(rf"[^\d,;.:]{{0,30}}?\b(?:are|is|were|was|sind|ist|waren|war|seien|sei)?\s*{_LIMIT_WORDS}\b(?!\s+to\b)",
                          re.IGNORECASE)
_USUALLY = re.compile(r"\b(?:in an? (?:normal|average|typical|ordinary) year|in normalen Jahren|in einem normalen Jahr)\b",
                      re.IGNORECASE)


def _own_clause(text: str, quantity, language: str) -> str:
    """The words of the figure's own clause as the reading cuts it ("… je Aktie | und damit 4,75 Milliarden")."""
    reading = read(text, language)
    own = reading.clause(reading.clause_of(quantity.start, quantity.end))
    return text[own[0].start:own[-1].end] if own else text


def _gapped_clause(text: str, quantity, language: str) -> str:
    """The figure's own clause, and when it has no verb of its own the clause before whose verb it shares
    ("Die Staatsanwaltschaft hatte fünf Jahre gefordert, die Verteidigung drei Jahre")."""
    reading = read(text, language)
    index = reading.clause_of(quantity.start, quantity.end)
    own = reading.clause(index)
    if not own or any(t.verb or t.auxiliary for t in own):
        return text[own[0].start:own[-1].end] if own else text
    for before in range(index - 1, -1, -1):
        words = reading.clause(before)
        if any(t.verb or t.auxiliary for t in words):
            return text[words[0].start:own[-1].end]
    return text[own[0].start:own[-1].end]


_ANOTHER_REPORT = re.compile(_JOINED_REPORT)


_FINITE_TAGS = ("VV(FIN)", "VA(FIN)", "VM(FIN)", "VVZ", "VVD", "VBZ", "VBD", "VHZ", "VHD", "VDZ", "VDD", "VM0")
_POSSESSOR = re.compile(r"\b([A-ZÄÖÜ][\w-]+)['’]s\s")


def _holder(text: str, quantity, language: str, attribution: Attribution) -> Optional[str]:
    """Whose the counted thing is when a name says it: the company or person the figure's clause opens with
    ("Der Konkurrent Maxwerk beschäftigt 52.000 Menschen", "Kiprop won in 2:05:41") or an English
    possessor before it ("Rival Maxwerk's quarterly revenue came to 3.9 billion euros"). Not a place (that
    is the owner or the place), not a kind of body ("the company", "police"), not who says it."""
    from .entities import _name_like, role_of

    geo = gazetteer()
    spoken = attribution.span if attribution.how != "actor" else (0, 0)

    def name(word: str, opening: bool = True) -> bool:
        # (a name a dictionary knows may be another language's: "Donau", "Danube"; so may an acronym: "EZB".
        # An English capital inside a sentence marks a name even when the word is also a common one: "Hale")
        return (word[:1].isupper() and sum(c.isupper() for c in word) < 2 and not geo.names.get(word)
                and not geo.demonyms.get(word)
                and not TIME_WORD.match(word) and not role_of(word, language) and not sources().kind.get(word)
                and (not in_dictionary(word) or language == "en" and not opening))

    reading = read(text, language)
    clause = reading.clause_of(quantity.start, quantity.end)
    own = [t for t in reading.tokens if t.clause == clause and t.end <= quantity.start]
    for m in _POSSESSOR.finditer(text, own[0].start if own else 0, quantity.start):
        if language == "en" and name(m.group(1)) and not spoken[0] <= m.start() < spoken[1]:
            return m.group(1)
    # the clause's subject: (article) (descriptor noun) name(s), then its finite verb
    k = 0
    while k < len(own) and (own[k].pos in ("ART", "AT0") or (own[k].noun or own[k].adjective) and not _name_like(own[k])
                            and k + 1 < len(own) and (_name_like(own[k + 1]) or own[k + 1].noun)):
        # ("Der Konkurrent Maxwerk", "Second-placed Mutai", "Der Kenianer Daniel Kiprop")
        k += 1
    names = []
    while k < len(own) and _name_like(own[k]) and name(own[k].text, k == 0 and own[k] is reading.tokens[0]):
        names.append(own[k])
        k += 1
    subject = bool(names) and k < len(own) and own[k].pos in _FINITE_TAGS
    if not subject and language == "de":
        # a German subject after the verb when something else opens the clause ("Nach Angaben des Instituts
        # erreichte Kallwitz 64 Prozent"): the finite verb, then only the name(s) before the figure
        verb = next((i for i, t in enumerate(own) if t.pos in _FINITE_TAGS), None)
        after = own[verb + 1:] if verb else []
        names = after if after and all(_name_like(t) and name(t.text) for t in after) else []
        subject = bool(names)
    if subject and not any(spoken[0] <= t.start < spoken[1] for t in names):
        others = [t for t in reading.tokens if _name_like(t) and t not in names and name(t.text)
                  and not spoken[0] <= t.start < spoken[1]]
        if not others:   # ("Talvex bietet 2,8 Milliarden Euro für Brenno": whose is the offer?)
            return " ".join(t.text for t in names)
    return None


_SUPERLATIVE = re.compile(r"(?:st|ßt)(?:e|en|er|es|em)$")
# ordinals and "next" end like superlatives and rank nothing by size ("nach ersten Schätzungen", "am
# zwanzigsten Tag", "in den nächsten Tagen")
_ORDINAL = re.compile(r"^(?:erst|zweit|dritt|viert|fünft|sechst|siebt|acht|neunt|zehnt|elft|zwölft|\w+zehnt|\w+(?:zig|ßig)st|"
                      r"\w*hundertst|\w*tausendst|nächst)(?:e|en|er|es|em)$")


def _one_of_many(text: str, quantity, language: str) -> bool:
    """A superlative before the figure in its clause ("das schwerste Stück", "the heaviest piece")."""
    reading = read(text, language)
    clause = reading.clause_of(quantity.start, quantity.end)
    return any(t.adjective and t.end <= quantity.start and t.clause == clause and (
        t.pos == "AJS" if language == "en" else bool(_SUPERLATIVE.search(t.text.casefold())) and len(t.text) > 5
        and not _ORDINAL.match(t.text.casefold()))
        for t in reading.tokens)


def _counts(claim: Claim) -> bool:
    from ..relations import kind

    return kind(claim) == "count"


def _own_report(sentence: str, quantity) -> str:
    """The sentence without the reported clauses joined to it that do not hold the figure ("…had reached
    5 million euros and that the system would be restored": the second one says nothing of the figure)."""
    left, right = 0, len(sentence)
    for m in _ANOTHER_REPORT.finditer(sentence):
        if m.end() <= quantity.start:
            left = m.end()
        elif m.start() >= quantity.end:
            right = min(right, m.start())
    return sentence[left:right]


def _clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a figure: between the nearest punctuation breaks."""
    left = 0
    for m in _CLAUSE_BREAK.finditer(sentence, 0, start):
        left = m.end()
    m = _CLAUSE_BREAK.search(sentence, end)
    return left, m.start() if m else len(sentence)


def _location_prepositions() -> set[str]:
    return {w.lower() for w in both_languages(load("markers").get("location_prepositions", {})) if " " not in w}


# Words that may stand between a preposition and the place it governs: "in der russischen Grenzregion Kursk".
_FILLER = re.compile(r"^(der|die|das|dem|den|des|the|[a-zäöüß][\w-]*|Region|Regionen|Grenzregion|Gebiet|Gebiete|Oblast|"
                     r"Provinz|Bundesland|Landkreis|Kreis|Stadt|Osten|Westen|Norden|Süden|Nordosten|Nordwesten|Südosten|"
                     r"Südwesten|Nähe|Umgebung|Raum|Großraum|Hauptstadt|Grenze)$")
_ASIDE = re.compile(r"^\s*(wo|where|als|when|während|while|nachdem|after|bei dem|bei der)\b", re.IGNORECASE)


def _governed(sentence: str, start: int, preps: set[str]) -> bool:
    """Whether a location preposition governs the place at `start` (within its clause)."""
    words = re.findall(r"[\w-]+", re.split(r"[,;:„“”\"«»()]", sentence[max(0, start - 60):start])[-1])
    for word in reversed(words[-5:]):
        if word.lower() in preps:
            return True
        if not _FILLER.match(word):
            return False
    return False


def _attribution_clause(text: str) -> bool:
    return sources().reporting.search(text) is not None or bool(_ASIDE.match(text))


def locate(sentence: str, start: int, end: int, skip: tuple = (0, 0), language: Optional[str] = None,
           not_places: frozenset = frozenset()) -> Optional[str]:
    """Where a figure holds: places governed by a location preposition, in the figure's clause first,
    then in the sentence's other clauses except those saying who spoke where; the finest grain wins."""
    geo = gazetteer()
    preps = _location_prepositions()

    def places_in(lo: int, hi: int) -> list[str]:
        found = []
        for hit in geo.names.finditer(sentence[lo:hi]):
            s = lo + hit.start
            if skip[0] <= s < skip[1] or sentence[lo + hit.end:lo + hit.end + 1] == "-":
                continue
            if _governed(sentence, s, preps):
                found.append(hit.value)
        for m in _TERRITORY.finditer(sentence[lo:hi]):
            place = geo.demonyms.get(m.group(1))
            if place:
                found.append(geo.country(place) or place)
        for m in _IN_NATIONAL.finditer(sentence[lo:hi]):
            place = geo.demonyms.get(m.group(1))
            if place and not _NOT_A_PLACE_NOUN.match(m.group(2)) and not _TERRITORY.match(m.group(0), m.start(1)):
                found.append(geo.country(place) or place)
        return found

    lo, hi = _clause(sentence, start, end)
    found = places_in(lo, hi)
    # (a part's own clause after the figure says where the part is: "38 Filialen, davon 11 in Reinsfeld")
    part = _PART_CLAUSE.search(sentence, hi)
    ends = part.start() if part else len(sentence)
    if not found:
        bounds = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, ends)] + [ends + 1]
        speaking = False  # after "…“, sagte X" the rest of the sentence says where X spoke
        for a, b in zip(bounds, bounds[1:]):
            clause = sentence[a:b - 1] if b <= len(sentence) else sentence[a:]
            if not clause.strip() or a == lo:
                continue
            if _attribution_clause(clause):
                speaking = speaking or a > lo
                continue
            if not (speaking and a > lo):
                found += places_in(a, a + len(clause))
    if not found:
        return _unknown_place(sentence, lo, hi, preps, language, not_places=not_places) or _unknown_place(
            sentence, 0, ends, preps, language, skip, not_places)
    return max(found, key=lambda p: len(geo.ancestors(p)))


def _unknown_place(sentence: str, lo: int, hi: int, preps: set[str], language: Optional[str],
                   skip: tuple = (0, 0), not_places: frozenset = frozenset()) -> Optional[str]:
    """A place no gazetteer knows ("In Catarroja", "in Paiporta"): a proper noun that a location
    preposition governs in the figure's clause. It is its own place, inside none we know of."""
    return next(_unknown_places(sentence, lo, hi, preps, language, skip, not_places), None)


def article_places(sentences: list, language: Optional[str], not_places: frozenset = frozenset(),
                   most: int = 8) -> list[str]:
    """The places no gazetteer knows that an article names under a location preposition ("auf der Ilmer",
    "into the Ilmer river"), in order of first mention: where else its story is set than its dateline."""
    preps, found = _location_prepositions(), {}
    for sentence in sentences:
        for place in _unknown_places(sentence.text, 0, len(sentence.text), preps, language, not_places=not_places,
                                     loose=True):
            found.setdefault(place, None)
    return list(found)[:most]


def _unknown_places(sentence: str, lo: int, hi: int, preps: set[str], language: Optional[str],
                    skip: tuple = (0, 0), not_places: frozenset = frozenset(), loose: bool = False):
    """Each place no gazetteer knows that a location preposition governs between lo and hi (see _unknown_place).
    `loose` also takes a name before a noun ("into the Ilmer river") and a German noun no dictionary knows
    that is not a compound of known words ("auf der Ilmer"): an article's places, not a figure's."""
    from .entities import _compound
    from .numbers import _guess_language
    from .reading import read

    reading = read(sentence, language or _guess_language(sentence))
    tokens = reading.tokens
    for i, token in enumerate(tokens[:-1]):
        if token.start < lo or token.end > hi or token.text.casefold() not in preps or token.text.casefold() in ("nach", "to"):
            continue
        if skip[0] <= token.start < skip[1]:
            continue
        following = tokens[i + 1:i + 3]
        for k, nxt in enumerate(following):
            after = tokens[i + 2 + k] if i + 2 + k < len(tokens) else None
            if after is not None and after.noun and not after.proper and not (
                    loose and (nxt.proper or nxt.pos in ("ART", "AT0"))):
                break   # "in the Solvana scheme": a name that modifies a noun is not a place
            # (a German town's name the tagger took for a common noun, which no dictionary knows and which is
            # formed as names of places are: "in Wettlingen", "in Haldenberg")
            misread = (nxt.noun and not nxt.proper and reading.language == "de" and token.text == "in" and k == 0
                       and toponym_like(nxt.text) and not in_dictionary(nxt.text)) or (
                loose and nxt.noun and not nxt.proper and reading.language == "de" and not any(
                    in_dictionary(w) for w in (nxt.text, nxt.lemma, nxt.text.rsplit("-", 1)[-1]))
                and (toponym_like(nxt.text) or not _compound(nxt.text)))
            if nxt.text in not_places or any(body.startswith(nxt.text + " ") for body in not_places):
                break   # ("um die HSG Talbrück": a body's name that opens with a word, not a place)
            if k == 0 and nxt.text.isupper() and len(nxt.text) > 1 and len(following) > 1 and following[1].proper:
                continue   # "at SC Brenndorf", "beim FC Auetal": an acronym opens a club's name, the town follows
            if loose and gazetteer().names.get(nxt.text):
                break   # (a place the gazetteer knows is the caller's to find)
            if (nxt.proper or misread) and nxt.text[:1].isupper() and not sources().mentions.get(nxt.text) and not TIME_WORD.match(
                    nxt.text) and (not in_dictionary(nxt.text) or toponym_like(nxt.text)):
                yield "?:" + fold(nxt.text)   # (a word the dictionary knows is no place: "auf Reede", at anchor)
                break
            if nxt.pos not in ("ART", "AT0"):
                break


@dataclass
class _Context:
    """What earlier sentences of the same article said: who spoke, what was counted."""
    publisher: Optional[str]
    last_speaker: Optional[Attributor] = None
    last_paragraph: int = -1
    last_subject: Optional[Subject] = None
    pending_vague: list = field(default_factory=list)


def _publisher(context: _Context) -> Optional[Attributor]:
    return Attributor(context.publisher, context.publisher) if context.publisher else None


def _speaker(attribution: Attribution, sentence: Sentence, context: _Context, subjunctive: bool) -> Optional[Attributor]:
    if attribution.attributor is not None:
        return attribution.attributor
    same_paragraph = sentence.paragraph == context.last_paragraph
    if attribution.how == "pronoun" and context.last_speaker:
        return context.last_speaker
    if attribution.how == "none" and context.last_speaker and same_paragraph and (
            subjunctive or _CONTINUES.match(sentence.text)):
        return context.last_speaker  # reported speech goes on: "Die Truppen seien …"
    return None


def _subjunctive(text: str) -> bool:
    words = {w.lower() for w in re.findall(r"\w+", text)}
    return bool(words & {w.lower() for w in load("markers").get("subjunctive", {}).get("de", [])})


def analyse(text: str, language: str, reference: Optional[date], *, attributor: Optional[Attributor] = None,
            fallback_subject: Optional[Subject] = None, explicit_time_only: bool = False,
            attribution: Optional[Attribution] = None, story_event: Optional[str] = None,
            resolve: Optional[Callable[[Attributor], Attributor]] = None,
            measured_before: Optional[dict] = None) -> list[Claim]:
    """Claims in one sentence, offsets relative to the sentence; `attributor` when none is named; `resolve`
    gives a source named in one clause its name in the article ("der Bank" -> Rheinmark Bank);
    `measured_before` what the article's earlier figures of each kind measured."""
    attribution = attribution or attribute(text)
    speaker = attribution.attributor or attributor
    claims = []
    quantities = find_quantities(text, language)
    sentence_speaker = speaker
    restated = None
    for index, quantity in enumerate(quantities):
        speaker = _clause_speaker(text, quantity, quantities, language)
        speaker = (resolve(speaker) if resolve else speaker) if speaker is not None else sentence_speaker
        # a count noun without its own counted thing takes the figure's before it, in this sentence or the last
        within = _subject_of(claims[-1]) if claims else fallback_subject
        if index and _DENOMINATOR.match(text[quantities[index - 1].end:quantity.start]):
            # "32 der 88 Sitze", "300 of the 2,000 jobs": 88 is the whole the first figure is part of
            if claims and claims[-1].quantity is quantities[index - 1]:
                claims[-1].extra.update(part=True, whole=quantity.value)
            continue
        whole = quantities[index + 1] if index + 1 < len(quantities) and _DENOMINATOR.match(
            text[quantity.end:quantities[index + 1].start]) else None
        if claims and _OF_THEM.match(text, quantity.end):
            # "Gegen 23 Beschuldigte wird ermittelt, elf davon sitzen in Untersuchungshaft": a part of the
            # figure before, counting what it counts
            claims.append(_part_of(claims[-1], quantity, text))
            continue
        # "300 of the 2,000 job cuts": the part counts what its whole counts
        subject = counted(text, whole or quantity, language, fallback=within, story_event=story_event,
                          speaker_span=attribution.span)
        if subject is None and within is not None and _RESTATED_WHOLE.match(text[:quantity.start]):
            # "Of the 610, about 90 live abroad", "Von den 610 wohnen etwa 90 im Ausland": the whole counted
            # before, named again by its figure alone; the figure after it is its part
            restated = quantity
            continue
        claims_part_of = restated.value if restated is not None and quantity.start > restated.end else None
        if subject is None and within is not None and claims_part_of is not None:
            subject = within
        if subject is None and within is not None and _OF_THOSE.match(text[:quantity.start]):
            # "Davon betreffen rund 900 die Abschlagszahlungen": a part that names no noun counts what its whole
            # counted
            subject = within
        if subject is None and claims and _PART_CUE.search(text[max(0, quantity.start - 30):quantity.start]):
            # "Das Unternehmen will 38 seiner 140 Filialen schließen, davon 11 in Reinsfeld": a part of the figure
            # before that names no noun, in its own place
            claims.append(_part_of(claims[-1], quantity, text))
            place = locate(text, quantity.start, quantity.end, attribution.span, language)
            if place is not None:
                claims[-1].location, claims[-1].location_key = gazetteer().label(place, "en"), place
            continue
        if subject is None:
            if claims and _FROM_THE_WHOLE.search(text[:quantity.start]) and claims[-1].quantity.text in text[:quantity.start]:
                # "Von den 214 Münzen sind bislang 37 wieder aufgetaucht": a part of the figure before
                claims.append(_part_of(claims[-1], quantity, text))
            continue
        lo, hi = _clause(text, quantity.start, quantity.end)
        time, ahead = resolve_time(text[lo:hi], reference)
        if time is None:
            time, ahead = resolve_time(text, reference)
        explicit = time is not None
        if time is None and reference is not None and not explicit_time_only:
            time = TimeSpan(reference.isoformat(), reference.isoformat())
        quantity.unit = subject.unit_text if quantity.unit is None else quantity.unit
        quantity.increment = is_increment(text, quantity)
        location = locate(text, quantity.start, quantity.end, attribution.span, language)
        claims.append(Claim(
            text=text, language=language, start=0, end=len(text), attributor=speaker, quantity=quantity,
            subject=subject.label, subject_key=subject.key, location=gazetteer().label(location, "en"),
            location_key=location, time=time, forecast=ahead or is_forecast(text[lo:hi], language) or (
                len(quantities) == 1 and is_forecast(_own_report(text, quantity), language)),
            negated=False,
            extra={"concept": subject.concept, "event": subject.event, "owner": subject.owner,
                   "time_explicit": explicit, "attribution": attribution.how,
                   **({"verb": subject.verb} if subject.verb else {}),
                   **({"measure_verb": subject.measure_verb} if subject.measure_verb else {}),
                   **({"head": subject.head} if subject.head else {})},
        ))
        holder = _holder(text, quantity, language, attribution)
        if holder:
            claims[-1].extra["holder"] = holder
        if claims_part_of is not None:
            claims[-1].extra.update(part=True, whole=claims_part_of)
        of_those = _OF_THOSE.match(text[:quantity.start])
        if (_PART_CUE.search(text[max(0, quantity.start - 30):quantity.start]) or _OF_THEM.match(text, quantity.end)
                or of_those or PARTITIVE.match(text, quantity.end)
                or _MONEY_OF_THE.match(text, quantity.end)):
            # "davon 40 Kinder", "including 12 children", "of them 3"; a sentence of its own that takes its
            # whole from the one before: "Rund 40 davon sind Tankschiffe.", "Of those, 23 are tankers."
            claims[-1].extra["part"] = True
            _befallen_as_its_whole(claims, fallback_subject)
            _befallen_as_named(claims[-1], of_those)
        elif _one_of_many(text, quantity, language):
            # "Das schwerste Stück wiegt 640 Gramm", "the biggest single donation was 5,000 euros": one among
            # the things a total counts
            claims[-1].extra["part"] = True
        elif _counts(claims[-1]) and (
                language == "de" and _OF_THE_COUNTED.match(text, quantity.end) or _ALONE.search(text[:quantity.start])
                or _SHARE_VERB.search(text[lo:hi])):
            claims[-1].extra["part"] = True
        elif len(claims) >= 2 and _FROM_THE_WHOLE.search(text[:quantity.start]) and claims[-2].quantity.text in (
                text[:quantity.start]) and claims[-2].quantity.end <= quantity.start:
            # "Of the 66 injured, 12 were firefighters": a part of the whole the sentence opens with, befallen
            # by what befell it
            whole, part = claims[-2], claims[-1]
            part.extra.update(part=True, whole=whole.quantity.value)
            if not part.extra.get("event") and whole.extra.get("event"):
                part.extra["event"] = whole.extra["event"]
                part.subject_key = f"{(part.subject_key or '').split('@')[0]}@{whole.extra['event']}"
        own = _own_clause(text, quantity, language)
        if subject.concept in lexicon().generic:
            # the source's words say who reports, not what is measured; an actor's name may be what is ("SPD")
            reporting = attribution.span if attribution.how != "actor" else (0, 0)
            claims[-1].extra["measured"] = measured_thing(text, quantity, language, reporting)
            before = next((c for c in reversed(claims[:-1]) if c.extra.get("measured")), None)
            if (before is not None and before.extra.get("concept") == claims[-1].extra.get("concept")
                    and _PRONOUN.search(own)):
                # "customs put the value at 130 million, while the LKA estimated it at 200 million": it is the value
                claims[-1].extra["measured"] = before.extra["measured"]
            guess = claims[-1].extra.get("measured") or ""
            if guess.startswith("~w:") and names_a_change(guess[3:], language) and not (
                    _TO_A_LEVEL.search(text[max(0, quantity.start - 30):quantity.start])
                    and not _a_noun_in(text, language, guess[3:])):
                quantity.increment = True   # "Das Plus liegt bei 8,9 Prozent", "the increase was 2 percent"
            inherited = (measured_before or {}).get(subject.concept)
            if inherited is not None and not _TARGET.search(own) and (
                    not guess or guess.startswith("~w:") and speaker is not None and guess[3:] in fold(speaker.text)):
                # "Der Landesbauernverband bleibt bei 600 Millionen Euro", "Orfanis hält an 41 Prozent fest": only
                # the speaker is named; the figure is of what the article's last figure of its kind measured, a
                # total or a change as that one was (what someone asks for is no restatement: "Die
                # Staatsanwaltschaft hatte acht Jahre gefordert")
                claims[-1].extra["measured"], quantity.increment = inherited
            if _PER.match(text, quantity.end) or _PER_IN_CLAUSE.search(own) and not _IN_TOTAL.search(
                    text[max(0, quantity.start - 25):quantity.start]):
                claims[-1].extra["per"] = True   # "43 Euro je Aktie", "13,500 euros each": a rate, not a total
        if subject.scale:
            claims[-1].extra["scale"] = list(subject.scale)
        if _BASELINE.search(text[max(0, quantity.start - 30):quantity.start]) or _USUALLY.search(
                text[lo:quantity.start]):
            # "Statt der üblichen 380.000 Hektoliter", "in a normal year 380,000": what is usual, not what is
            claims[-1].extra["baseline"] = True
        after = _LIMIT_AFTER.match(text, quantity.end)
        if _LIMIT_BEFORE.search(text[max(0, quantity.start - 60):quantity.start]) or (
                after and not _FIGURE_NEXT.match(text, after.end())):
            # (a limit word after the figure that a figure of its own follows is that figure's: "travelling at
            # 87 km/h on a section limited to 60 km/h")
            claims[-1].extra["limit"] = True
        if _TARGET.search(_gapped_clause(text, quantity, language)):   # (the own clause, or more of it)
            # "Verdi fordert 8 Prozent", "15.000 Unterschriften sind nötig", "prosecutors had sought nine years":
            # what someone asks, offers or needs, not what is
            claims[-1].extra["target"] = True
    claims = _joined_durations(text, claims)
    _mark_wholes(claims)
    _mark_revisions(text, claims, language)
    _mark_tallies(text, claims)
    return claims


_FROM = re.compile(r"\b(?:from|von)\s+(?:(?:about|around|some|rund|etwa|knapp)\s+)?$", re.IGNORECASE)
_TO = re.compile(r"^\s*(?:[^\W\d]+\s+){0,2}?(?:to|auf)\s+", re.IGNORECASE)


# Between two figures of one duration: the larger unit and "and" ("three years and nine months", "2 Stunden und 5 Minuten").
_DURATION_AND = re.compile(r"^\s*[^\W\d_]+\s+(?:and|und)\s+$")


def _joined_durations(text: str, claims: list[Claim]) -> list[Claim]:
    """"three years and nine months" is one duration, 45 months, not two figures that conflict with it."""
    out: list[Claim] = []
    for claim in claims:
        before = out[-1] if out else None
        q, p = claim.quantity, before.quantity if before is not None else None
        if (p is not None and q is not None and p.value is not None and q.value is not None
                and before.extra.get("concept") == claim.extra.get("concept") == "days"
                and before.extra.get("scale") and claim.extra.get("scale")
                and before.extra["scale"][0] > claim.extra["scale"][0] and p.end <= q.start
                and _DURATION_AND.match(text[p.end:q.start])):
            unit = claim.extra["scale"][0]
            value = round((p.value * before.extra["scale"][0] + q.value * unit) / unit, 6)
            # (the first figure's qualifier is the whole's: "mindestens drei Jahre und sechs Monate")
            ratio = value / p.value if p.value else 1.0
            out[-1] = replace(claim, quantity=replace(
                q, text=text[p.start:q.end], value=value, qualifier=p.qualifier, start=p.start,
                low=None if p.low is None else p.low * ratio, high=None if p.high is None else p.high * ratio))
            continue
        out.append(claim)
    return out


def _mark_revisions(text: str, claims: list[Claim], language: str) -> None:
    """"has raised the number of job cuts from 180 to 240", "von 180 auf 240 korrigiert": the first figure is
    the one the source had before; the second supersedes it."""
    from .numbers import _has_change_verb

    figures = [c for c in claims if c.quantity is not None and c.quantity.value is not None]
    for before, after in zip(figures, figures[1:]):
        if before.subject_key != after.subject_key or before.quantity.start is None:
            continue
        if _FROM.search(text[max(0, before.quantity.start - 20):before.quantity.start]) and _TO.match(
                text[before.quantity.end:after.quantity.start]) and (_has_change_verb(text) or _REVISED.search(text)):
            before.extra["revised_to"] = after.quantity.value


_REVISED = re.compile(r"\b(?:revised|corrected|raised|lowered|cut|korrigiert\w*|angehoben|gesenkt|nach oben|nach unten)\b",
                      re.IGNORECASE)


# "mit 7 zu 2 Stimmen", "by 31 votes to 19", "won 2-1": the two sides of a tally
_TALLY_FIRST = re.compile(r"(?:\s+[^\W\d_]+)?\s*(?:zu|to|-|–|:)\s*(\d+)(?![\d.,]*\d)", re.IGNORECASE)
_TALLY_SECOND = re.compile(r"(?<![\d.,])(\d+)(?:\s+[^\W\d_]+)?\s*(?:zu|to|-|–|:)\s*$", re.IGNORECASE)
_NOT_A_TALLY = re.compile(r"\b(?:from|von|vom|up|down|increase|rise|fall)\s*$", re.IGNORECASE)


def _mark_tallies(text: str, claims: list[Claim]) -> None:
    """A count written as one side of a tally counts a side of one vote or game: it is marked with its
    side, so that it meets only the same side of another tally ("7 zu 2 Stimmen" is neither 289 ballots
    nor nine votes short)."""
    for claim in claims:
        q = claim.quantity
        if (q is None or q.value is None or q.increment or claim.extra.get("concept") in lexicon().generic
                or not q.text.isdigit()):
            continue
        first = _TALLY_FIRST.match(text, q.end)
        second = _TALLY_SECOND.search(text[:q.start])
        if first and int(first.group(1)) <= q.value and not _NOT_A_TALLY.search(text[max(0, q.start - 12):q.start]):
            claim.extra["tally"] = 1
        elif second and int(second.group(1)) >= q.value and not _NOT_A_TALLY.search(
                text[max(0, second.start() - 12):second.start()]):
            claim.extra["tally"] = 2


def _mark_wholes(claims: list[Claim]) -> None:
    """In "Six of the water board's 40 wells" the 40 is the whole the six are part of: the part learns its whole,
    and the whole is marked as one, so that neither contradicts a count of the other."""
    for part in claims:
        if not part.extra.get("part") or part.quantity is None or part.quantity.value is None:
            continue
        if part.extra.get("whole") is None:
            larger = [c for c in claims if c is not part and c.subject_key == part.subject_key and c.quantity
                      and c.quantity.value is not None and c.quantity.value > part.quantity.value
                      and not c.extra.get("part")]
            if len(larger) == 1:
                part.extra["whole"] = larger[0].quantity.value
        for whole in claims:
            if (whole is not part and whole.quantity and whole.quantity.value == part.extra.get("whole")
                    and (whole.subject_key or "").split("@")[0] == (part.subject_key or "").split("@")[0]):
                whole.extra["a_whole"] = True


def _subject_of(claim: Claim) -> Subject:
    """What a stored claim counts, as the reader of the next figure takes it over."""
    return Subject(claim.subject_key, claim.extra.get("concept"), claim.extra.get("event"),
                   claim.extra.get("owner"), claim.quantity.unit, claim.subject)


def _befallen_as_its_whole(claims: list, before: Optional[Subject]) -> None:
    """A part of people with no event of its own ("Of those, eight were children") counts those whom the
    whole's event befell (the 14 treated in hospital in the sentence before)."""
    part = claims[-1]
    whole = next((_subject_of(c) for c in reversed(claims[:-1]) if c.quantity is not None), before)
    persons = lexicon().persons
    if (whole is None or not whole.event or part.extra.get("event") or part.extra.get("concept") not in persons
            or whole.concept not in persons):
        return
    _befell(part, whole.event)


def _befallen_as_named(part: Claim, of_those) -> None:
    """"Of those infected, 31 are care workers": the whole's participle names the event that befell the part."""
    if of_those is None or part.extra.get("event") or part.extra.get("concept") not in lexicon().persons:
        return
    found = lexicon().events.search(of_those.group(0))
    if found is not None:
        _befell(part, found.value)


def _befell(part: Claim, event: str) -> None:
    part.extra["event"] = event
    part.subject_key = f"{part.extra['concept']}@{event}"


def _part_of(whole: Claim, quantity, text: str = "") -> Claim:
    """A figure that is a part of the claim before ("elf davon"): the same claim with its own figure, and
    with what its own clause says befell it where that is something else ("61 birds found, 17 of them dead",
    "23 Beschuldigte, elf davon sitzen in Untersuchungshaft")."""
    from dataclasses import replace

    quantity.unit = whole.quantity.unit
    extra = {**whole.extra, "part": True, "whole": whole.quantity.value}
    extra.pop("verb", None)
    subject_key = whole.subject_key
    found = lexicon().events.search(text[quantity.end:_clause(text, quantity.start, quantity.end)[1]]) if text else None
    if found is not None and found.value != whole.extra.get("event"):
        extra["event"] = found.value
        subject_key = f"{(subject_key or '').split('@')[0]}@{found.value}"
    return replace(whole, quantity=quantity, extra=extra, subject_key=subject_key)


def _clause_speaker(text: str, quantity, quantities: list, language: str) -> Optional[Attributor]:
    """Where a sentence gives its figures to different speakers ("X said 500,000 had lined the course,
    while police put the figure at around 300,000"), each figure's clause names its own."""
    if len(quantities) < 2:
        return None
    lo, hi = _clause(text, quantity.start, quantity.end)
    if sum(1 for q in quantities if lo <= q.start < hi) == len(quantities):
        return None
    found = attribute(text[lo:hi], language)
    return found.attributor if found.how == "explicit" else None


def _reportable(sentence: Sentence, attribution: Attribution) -> bool:
    words = len(sentence.text.split())
    return not sentence.heading and words >= 6 and (attribution.how not in ("none", "actor") or is_negated(sentence.text))


def _scene(sentences: list[Sentence], attributions: list[Attribution], bodies: frozenset = frozenset(),
           lead: int = 3) -> Optional[str]:
    """Where the article's story takes place: the first place a location preposition governs in the
    headline or the first sentences ("Erdbeben in der Türkei", "nordkoreanische Soldaten in Russland"); a
    body the article names is no place ("nach dem Austritt bei Veridan in Auenfeld")."""
    for sentence in sentences[:lead]:
        filed = _dateline(sentence.text)
        if filed is not None:
            return filed   # "BRENNDORF, Germany –", "Kaltenau (dpa) –": where the story was filed from
    for sentence, attribution in list(zip(sentences, attributions))[:lead]:
        place = locate(sentence.text, 0, len(sentence.text), attribution.span, not_places=bodies)
        if place is not None:
            return place
    return None


# A dateline: a town's name opening the body, in capitals or followed by an agency's mark, then a comma or dash
_DATELINE = re.compile(r"^(?:(?P<caps>[A-ZÄÖÜ][A-ZÄÖÜ'\-]{2,}(?: [A-ZÄÖÜ][A-ZÄÖÜ'\-]+)*)\s*(?:,|\(|[–—-]\s)"
                       r"|(?P<town>[A-ZÄÖÜ][\wäöüß'\-]+(?: [A-ZÄÖÜ][\wäöüß'\-]+)?)\s*(?:\([A-Za-z/]{2,8}\)\s*[–—-]|[–—])\s)")


def _dateline(text: str) -> Optional[str]:
    """The place a dateline names ("ROTENFELS, Germany –", "Kaltenau (dpa) –"), known or not."""
    m = _DATELINE.match(text)
    if m is None:
        return None
    name = m.group("caps") or m.group("town")
    known = gazetteer().names.get(name.title()) or gazetteer().names.get(name)
    if known is None and (len(name) < 5 or sources().mentions.get(name) or sources().mentions.get(name.title()) or any(
            in_dictionary(w) and not toponym_like(w) for w in name.title().split())):
        return None   # "NATO, …", "UPDATE –", "Die Polizei –": an acronym, a known source or words, no town
    # (keyed as a figure's own unknown place is, by its first word: "in Sankt Orlen" is "?:sankt")
    return known or "?:" + fold(name.split()[0])


def _story_event(sentences: list[Sentence], lead: int = 2) -> Optional[str]:
    """What happened in the article's story, named in its headline or first sentence ("demonstrieren")."""
    events = lexicon().events
    for sentence in sentences[:lead]:
        found = events.search(sentence.text)
        if found is not None:
            return found.value
    return None


def _bare_kind(name: str) -> bool:
    """A noun that only says what kind of body speaks ("Unternehmen" from "nach Unternehmensangaben")."""
    from .entities import _compound, role_of

    return " " not in name and bool(role_of(name, "de") or role_of(name, "en")) and not _compound(name)


def _official_of(attribution: Attribution, text: str) -> Optional[str]:
    """The body an official named as the source speaks for, by the title before the name."""
    from .entities import official_body, role_of

    canonical = attribution.attributor.canonical
    if canonical in sources().kind or role_of(canonical.split()[-1], "de") or role_of(canonical.split()[-1], "en"):
        return None
    start, end = attribution.span
    body = official_body(text[max(0, start - 40):end])
    return generic_role_name(body) or body if body else None


_KNOWN_AS = re.compile(r"\s*,\s*(?:also\s+)?(?:known|called)\s+(?:in\s+\w+\s+|locally\s+)?as\s+"
                       r"([A-ZÄÖÜ][\w'’.-]*(?:\s+(?:(?:für|for|of|the|des|der|und|and)\s+)?[A-ZÄÖÜ][\w'’.-]*){0,4})"
                       r"(?=\s*[,(])")
_APPOSED_NAME = re.compile(r"\s*,\s+((?-i:[A-ZÄÖÜ][\w'’&.-]+)(?:\s+(?-i:[A-ZÄÖÜ][\w'’&.-]+)){0,3}),\s")
_WHO_HEADS = re.compile(r"\s*,\s+(?:who\s+(?:heads|leads|runs|chairs|directs)|(?:the\s+)?(?:head|director|chief|"
                        r"chair(?:wo)?man|chair|spokes(?:wo)?man|spokesperson|president)\s+(?:of|for|at)|"
                        r"(?:Leiter(?:in)?|Chef(?:in)?|Sprecher(?:in)?|Direktor(?:in)?|Präsident(?:in)?)\s+(?:des|der|vom))\s+"
                        r"(?:the\s+)?([\w'’-]+(?:\s+[\w'’-]+){0,5}?)(?=\s*[,.;(]|\s+(?:said|says|sagte|am|on)\b)")
_ITS_TITLE = re.compile(r"\b(?:its|seine?|ihre?)\s+(?:\w+\s+)?(?:spokes(?:wo)?man|spokesperson|chair(?:wo)?man|chair|"
                        r"chief executive|chief|director|president|head|\w*(?:sprecher(?:in)?|vorsitzender?|chef(?:in)?|"
                        r"präsident(?:in)?|leiter(?:in)?|direktor(?:in)?|geschäftsführer(?:in)?))\s+(?-i:[A-ZÄÖÜ][\w-]+)(?:\s+(?-i:[A-ZÄÖÜ][\w-]+))?\b", re.IGNORECASE)


# The titles of a company's officers, written before their names.
# (a compound's head that says it heads a part of the body: "Standortleiter", "Werksleiterin", "Finanzchef")
_OFFICER = re.compile(r"\b(?:Vorstand|Vorstandsvorsitzender?|Vorstandschef(?:in)?|Geschäftsführer(?:in)?|Firmenchef(?:in)?|"
                      r"Konzernchef(?:in)?|Unternehmenschef(?:in)?|chief executive(?: officer)?|CEO|managing director|"
                      r"(?-i:[A-ZÄÖÜ][a-zäöüß]{3,}(?:leiter|chef|direktor|manager)(?:in)?)|"
                      r"(?:site|plant|project|factory|works|operations|finance|personnel|HR|sales) (?:manager|director|head|chief))"
                      r"\s+(?-i:[A-ZÄÖÜ][\w-]+)(?:\s+(?-i:[A-ZÄÖÜ][\w-]+))?\b", re.IGNORECASE)


def _a_person(name: str) -> bool:
    """A person's name: two or three capitalised words, none of them a body's kind, no name the alias table
    knows."""
    words = name.split()
    return 2 <= len(words) <= 3 and all(re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß'’-]+", w) for w in words) and \
        name not in sources().kind and not any(role_of(w, "de") or role_of(w, "en") for w in words)


def _said_before(attributor: Attributor, earlier: list[Attribution]) -> Optional[Attributor]:
    """"… the district veterinary office said. Some 240,000 … were culled, the office said": a bare noun of a
    kind stands for the source of the sentences just before whose name ends in that noun."""
    word = attributor.canonical
    if not _bare_kind(word):
        # "…, sagte Standortleiter Markus Feld. … sagte Feld.": a surname alone is the person named in full just
        # before, and speaks for whom that person spoke
        if re.fullmatch(r"[A-ZÄÖÜ][\wäöüß'’-]+", word) and not sources().kind.get(word):
            for before in reversed(earlier[-4:]):
                named = before.attributor
                if named is not None and fold(named.text.split()[-1]) == fold(word) and len(named.text.split()) >= 2:
                    return Attributor(attributor.text, named.canonical)
        return None
    for before in reversed(earlier[-3:]):
        named = before.attributor
        if named is not None and " " in named.canonical and fold(named.canonical.split()[-1]) == fold(word):
            return Attributor(attributor.text, named.canonical)
    return None


def _descriptor(name: str) -> bool:
    """A compound that describes a company or organisation by what it does ("Terminalbetreiber",
    "Betreibergesellschaft"), unlike an institution's name ("Gesundheitsamt")."""
    from .entities import _compound, role_of

    return " " not in name and role_of(name, "de") in ("company", "organisation") and _compound(name)


# The nouns that name a business as a whole ("das Unternehmen", "the company"), not one of its organs.
_THE_BUSINESS = frozenset({"unternehmen", "company", "firma", "firm", "konzern", "betreiber", "operator"})


_LEGAL_FORM = re.compile(r"GmbH|AG|KG|SE|UG|eG|mbH|OHG|KGaA|GbR|PLC|LLC|NV|BV|SA")   # a company's form, not its name
_ACRONYM_WORD = re.compile(r"(?<![\w-])[A-ZÄÖÜ](?=[\w]*[A-ZÄÖÜ])[A-Za-zÄÖÜäöü]{1,7}(?![\w-])")


def _the_body_before(attributor: Attributor, before: str, bodies: frozenset) -> Optional[Attributor]:
    """"Dem BfArM wurden 112 Zwischenfälle gemeldet. Das teilte die Behörde mit.": a bare noun of a body's kind
    stands for the one body the sentence before names, where it names exactly one; a noun of a body's own
    kind ("die Kämmerei", the treasury; "die Polizei") stays the body it names."""
    if (role_of(attributor.canonical, "de") or role_of(attributor.canonical, "en")) not in (
            "authority", "company", "organisation"):
        return None
    named = {b for b in bodies if not _bare_kind(b) and re.search(r"(?<![\w-])" + re.escape(b) + r"(?![\w-])", before)}
    # (and a body no article taught, by its acronym: "Dem BfArM wurden …")
    named |= {m.group(0) for m in _ACRONYM_WORD.finditer(before)
              if not is_media(m.group(0)) and not _LEGAL_FORM.fullmatch(m.group(0))}
    named = {b for b in named if not any(b != other and b in other for other in named)}   # ("LKA" in "LKA Nord")
    return Attributor(attributor.text, next(iter(named))) if len(named) == 1 else None


def _named_before(attributor: Attributor, earlier: list[Attribution], organisations: list,
                  at: Optional[int] = None, others: frozenset = frozenset()) -> Optional[Attributor]:
    """"Kaiport, which runs the terminal, said … The company said …": a bare noun of a kind that the article
    types no body of stands for the last source before it named by a name of one word that no kind types
    (not a person, not a body of another kind, not a report), else for a hospital the article named
    before, a business too ("das Klinikum Tessenau … teilte das Unternehmen mit")."""
    from .entities import role_of

    kind = role_of(attributor.canonical, "en") or role_of(attributor.canonical, "de")
    if kind not in ("company", "organisation"):
        return None   # (a public body's kind, "die Kämmerei", is no company's name)
    if any(o[1] == kind for o in organisations):
        return None   # (the article's own body of that kind was not the one meant, or resolve_role found it)
    for before in reversed(earlier):
        named = before.attributor
        if named is None or before.how not in ("explicit", "actor"):
            continue
        name = named.canonical
        words = name.split()
        # (a name and the word of its trade is a company's name too: "Nordwind Energie")
        traded = len(words) == 2 and in_dictionary(words[1]) and words[1][:1].isupper()
        if len(words) > 1 and not traded or not name[:1].isupper() or name.isupper() or _bare_kind(name) or is_media(name):
            continue
        if role_of(name, "de") or role_of(name, "en") or name in sources().kind or toponym_like(name) or name in others:
            continue   # (nor an acronym the article taught for a body of another kind: "BdP" is the union)
        return Attributor(attributor.text, name)
    if kind == "company" and fold(attributor.canonical) in _THE_BUSINESS:
        # (its management, "die Geschäftsführung", speaks as the management: "Hospital management")
        hospitals = [o for o in organisations if o[1] == "hospital" and getattr(o, "index", -1) <= (
            at if at is not None else 10 ** 6)]
        if hospitals:
            return Attributor(attributor.text, hospitals[-1][0])
    return None


def _heading_name(text: str, language: str) -> Optional[str]:
    """A name the tagger knows as one opening the sentence before its verb ("Pharvo hat …"), not a place."""
    tokens = read(text, language).tokens
    if len(tokens) > 1 and tokens[0].proper and tokens[1].pos.endswith(("FIN)", "VBZ", "VHZ", "VVD", "VVZ")) and \
            not gazetteer().names.get(tokens[0].text):
        return tokens[0].text
    return None


def _article_speakers(sentences: list[Sentence], language: str, short: Sequence[str] = ()) -> tuple[
        list[Attribution], Callable, frozenset]:
    """Each sentence's source as the article names it, resolved within the article: taught acronyms, role
    nouns ("das Unternehmen") for the organisation of that kind, and an organisation acting in its own
    name ("Der Autohersteller Vanta ruft … zurück") where no one else is said to speak; and the names of the
    bodies the article names, in its `short` sentences too ("Oleifera widerspricht.")."""
    texts = [s.text for s in sentences]
    acronyms = taught_acronyms(texts)
    taught_at = taught_where(texts, acronyms)
    organisations = article_organisations(texts, language)
    # (a name that an organisation of another kind begins with is not the story's company: "IG Metall")
    # (nor is an acronym the article taught for a body of another kind: "Milchbauernverband Nord (MBV)")
    other_kinds = frozenset(o[0].split()[0] for o in organisations if o[1] != "company") | frozenset(
        acronym for acronym, expansion in acronyms.items() if _kind_word(expansion)[0] not in (None, "company"))
    organisations += named_bodies(texts + list(short), language, other_kinds)
    bodies = frozenset(name for name, *_ in organisations) | frozenset(acronyms)
    out = []
    for index, text in enumerate(texts):
        # the sentence's grammar is read where a source matters: figures, the lead, "Das teilte X mit."
        deep = index < 3 or bool(_HAS_FIGURE.search(text)) or bool(_SAID_THAT.match(text))
        attribution = attribute(text, language, deep=deep)
        if attribution.attributor is not None:
            known_as = _KNOWN_AS.match(text, attribution.span[1])
            apposed = _APPOSED_NAME.match(text, attribution.span[1]) if known_as is None else None
            if apposed is not None and (_bare_kind(attribution.attributor.canonical) or re.fullmatch(
                    r"(?i:the|der|die|das)\s+(?:[a-zäöüß'’-]+\s+){0,3}[a-zäöüß]+|(?i:der|die|das)\s+[A-ZÄÖÜ][a-zäöüß]+",
                    attribution.attributor.text)):
                # "The importer, Oleifera Feinkost, says": the name beside the kind's noun is the body's
                name = apposed.group(1)
                attribution = Attribution(Attributor(attribution.attributor.text, legal_name(name) or name),
                                          attribution.how, attribution.span)
            elif known_as is not None:
                # "The road authority, known in German as Staatliches Bauamt, said": the body's own name
                attribution = Attribution(Attributor(attribution.attributor.text, known_as.group(1).strip()),
                                          attribution.how, attribution.span)
            official = _official_of(attribution, text)
            heads = _WHO_HEADS.match(text, attribution.span[1]) if official is None else None
            if heads is not None:
                # "said Hanna Vollmer, who heads the centre", "…, head of the GIZ": the body she heads
                official = re.sub(r"['’]s\b", "", heads.group(1)).strip()
            if official is None and _ITS_TITLE.search(text[max(0, attribution.span[0] - 40):attribution.span[1]]):
                # "Its chairwoman Anna Berg said", "Seine Sprecherin sagte": the organisation named last before
                before = [o for o in organisations if isinstance(o, Organisation) and 0 <= o.index <= index]
                official = before[-1].name if before else None
            if official is None and heads is None and _a_person(attribution.attributor.canonical) and (
                    _OFFICER.search(text[max(0, attribution.span[0] - 40):attribution.span[1]])):
                # "sagte Vorstand Georg Strickner", "managing director Jan Ott said": a company's officer speaks
                # for the company the article names before
                # (one the article names before, ahead of one only its other lines name: "Lorsinger Stadtwerke")
                companies = [o for o in organisations if o[1] == "company" and getattr(o, "index", -1) <= index]
                companies = [o for o in companies if getattr(o, "index", -1) >= 0] or companies
                official = companies[-1][0] if companies else None
            if official is None and heads is None and _a_person(attribution.attributor.canonical):
                # "The centre has received some 2,100 complaints …, energy adviser Miriam Hallstein said": a
                # person whom no title ties to a body speaks for the body that acts in her sentence
                acting = actor(text, language, bodies=bodies)
                if acting is not None and acting.role not in (None, "report") and acting.end <= attribution.span[0]:
                    official = generic_role_name(acting.name) or acting.name
            if official is not None:
                # "sagte BdSt-Landeschef Rainer Koll": an official speaks for the body the title names
                attribution = Attribution(Attributor(attribution.attributor.text, official), attribution.how,
                                          attribution.span)
            body = spokesperson_body(attribution.attributor.canonical)
            if body:
                # "ein Firmensprecher": the body the compound names, resolved below
                attribution = Attribution(Attributor(attribution.attributor.text, generic_role_name(body) or body),
                                          attribution.how, attribution.span)
            elif body == "":
                # "…, sagte ein Sprecher": the body acting in the sentence, else the story's organisation
                acting = actor(text, language, statement=True, bodies=bodies)
                # (else a body the sentence names before the spokesperson: "Inzwischen liegen der Polizei 740
                # Anzeigen vor, wie ein Sprecher sagte")
                named = [h for h in mentions(text) if h.end <= attribution.span[0] and h.value in sources().kind]
                name = (generic_role_name(acting.name) or acting.name) if acting else named[-1].value if named else (
                    organisations[0][0] if organisations else None)
                if name:
                    attribution = Attribution(Attributor(attribution.attributor.text, name), attribution.how,
                                              attribution.span)
            resolved = _said_before(attribution.attributor, out) or canonical_in_article(
                attribution.attributor, organisations, acronyms, index, taught_at)
            if _bare_kind(resolved.canonical) and resolved.canonical == attribution.attributor.canonical:
                # "Pharvo hat nach Unternehmensangaben …": no company named before, the one acting here
                acting = actor(text, language, statement=True, bodies=bodies)
                name = acting.name if acting is not None else _heading_name(text, language)
                if name and not _bare_kind(name):
                    resolved = Attributor(resolved.text, generic_role_name(name) or name)
                else:
                    resolved = _named_before(resolved, out, organisations, index, other_kinds) or (
                        _the_body_before(resolved, texts[index - 1], bodies) if index and _SAID_THAT.match(text)
                        and out[index - 1].how in ("none", "actor") else None) or resolved
            elif _descriptor(resolved.canonical) and resolved.canonical == attribution.attributor.canonical:
                # "der Terminalbetreiber", "die Betreibergesellschaft": a company's descriptor names no body of
                # its own; it is the article's one body of its kind ("die Genossenschaftsmolkerei" of "das
                # Milchwerk Auetal"), else the name that spoke before
                kind = role_of(resolved.canonical, "de")
                of_kind = {o[0] for o in organisations if o[1] == kind and o[0] != resolved.canonical}
                resolved = (Attributor(resolved.text, next(iter(of_kind))) if len(of_kind) == 1 else None) or \
                    _named_before(resolved, out, organisations, index, other_kinds) or resolved
            attribution = Attribution(resolved, attribution.how, attribution.span)
        elif attribution.how == "none" and deep:
            acting = actor(text, language, bodies=bodies)
            if acting is not None:
                acting_as = Attributor(acting.text, generic_role_name(acting.name) or acting.name)
                attribution = Attribution(canonical_in_article(acting_as, organisations, acronyms, index, taught_at), "actor",
                                          (acting.start, acting.end))
        out.append(attribution)
    return out, lambda attributor: canonical_in_article(attributor, organisations, acronyms), bodies


def extract(text: str, language: str, published: Optional[date], publisher: Optional[str]) -> list[Claim]:
    """All claims of an article, offsets into `text`."""
    context = _Context(publisher=publisher)
    sentences = article_sentences(text)
    kept = {(s.start, s.end) for s in sentences}
    short = [s.text for s in article_sentences(text, shortest=2) if (s.start, s.end) not in kept]
    explicit_speakers, resolve, bodies = _article_speakers(sentences, language, short)
    scene = _scene(sentences, explicit_speakers, bodies)
    named_places = article_places(sentences, language, bodies)
    story_event = _story_event(sentences)
    claims, previous = [], []
    measured: dict = {}   # what the article's last figure of each kind measured (by its words), and if a change
    for index, sentence in enumerate(sentences):
        attribution = explicit_speakers[index]
        speaker = _speaker(attribution, sentence, context, _subjunctive(sentence.text))
        if attribution.how == "vague" and speaker is None:
            # "Berichten zufolge …": the report is usually named in the next few sentences
            for later in explicit_speakers[index + 1:index + 5] + explicit_speakers[max(0, index - 3):index][::-1]:
                if later.attributor and is_media(later.attributor.canonical):
                    speaker = later.attributor
                    break
        if speaker is None:
            speaker = _publisher(context)
        # (a count named only as "the number" goes back to the count before it, past a paragraph's end: "…, put
        # the number at about 45")
        fallback = context.last_subject if sentence.paragraph == context.last_paragraph or _THE_NUMBER_AT.search(
            sentence.text) else None
        found = analyse(sentence.text, language, published, attributor=speaker, fallback_subject=fallback,
                        attribution=attribution, story_event=story_event, resolve=resolve, measured_before=measured)
        if attribution.attributor is not None and _SAID_THAT.match(sentence.text) and (
                not found or attribution.how == "explicit"):
            # "… 3.000 Menschen mussten ihre Häuser verlassen. Das teilte das Innenministerium mit.":
            # the speaker of the sentence before, which named none ("Das geht aus einer Umfrage der GEW
            # hervor, an der sich 212 Schulen beteiligten" also has a claim of its own)
            for claim in previous:
                if claim.extra.get("attribution") in ("none", "actor"):
                    claim.attributor, claim.extra["attribution"] = attribution.attributor, "explicit"
            if previous and not found:
                context.last_speaker = attribution.attributor
                previous = []
                continue
        if not found and _reportable(sentence, attribution):
            time, ahead = resolve_time(sentence.text, published)
            found = [Claim(text=sentence.text, language=language, attributor=speaker,
                           time=time or (TimeSpan(published.isoformat(), published.isoformat()) if published else None),
                           forecast=ahead or is_forecast(sentence.text, language), negated=is_negated(sentence.text),
                           location_key=locate(sentence.text, 0, len(sentence.text), attribution.span),
                           extra={"attribution": attribution.how})]
            found[0].location = gazetteer().label(found[0].location_key, "en")
        for claim in found:
            claim.start, claim.end = sentence.start, sentence.end
            if claim.location_key is None and scene is not None:
                claim.extra["scene"] = scene
            held = claim.location_key or scene
            if held and held.startswith("?:") and any(p != held for p in named_places):
                # (a statement's river or district that the article names meets its claims set in the dateline's town)
                claim.extra["places"] = [p for p in named_places if p != held]
            if claim.quantity is not None:
                context.last_subject = _subject_of(claim)
        claims.extend(found)
        for claim in found:
            if claim.extra.get("measured"):
                measured[claim.extra.get("concept")] = (claim.extra["measured"], claim.quantity.increment)
        previous = found
        if attribution.attributor is not None and attribution.how in ("explicit", "colon"):
            context.last_speaker = attribution.attributor
        elif speaker is not None and attribution.how == "pronoun":
            context.last_speaker = speaker
        context.last_paragraph = sentence.paragraph
    _story_people(claims)
    return claims


def _story_people(claims: list[Claim]) -> None:
    """"Dabei wurden 23 Kinder verletzt … Das DRK sprach dagegen von 31 Verletzten": a count of all that an
    event befell, set against other sources' counts in the article that all count one group of people for it,
    counts that group (`story_people`), not a whole the group is among."""
    def base(claim: Claim) -> str:
        return (claim.subject_key or "").split("@")[0]

    for claim in claims:
        event = claim.extra.get("event")
        if base(claim) != "people" or not event or claim.quantity is None or claim.extra.get("part"):
            continue
        others = [c for c in claims if c is not claim and c.quantity is not None and c.extra.get("event") == event
                  and not c.extra.get("part")]
        groups = {base(c) for c in others}
        if len(groups) == 1 and "people" not in groups and not any(
                c.start == claim.start or _same_speaker(c, claim) for c in others):
            # (the group's counts too: a statement's "31 injured" meets them)
            for counted in (claim, *others):
                counted.extra["story_people"] = next(iter(groups))


def _same_speaker(a: Claim, b: Claim) -> bool:
    return a.attributor is not None and b.attributor is not None and a.attributor.canonical == b.attributor.canonical
