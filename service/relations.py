"""The one place that decides how two normalised claims relate, and says why."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Optional

from .nlp.lexicon import fold
from .nlp.model import Attributor, Claim, Quantity
from .nlp.numbers import APPROX_TOLERANCE, format_quantity
from .nlp.places import gazetteer

# Exact figures in news copy are rounded too ("10.000" for 9,870): allow this much between them.
EXACT_TOLERANCE = 0.02
RACE_TIME_TOLERANCE = 1e-5
# How close two sentences must be in meaning to be about the same thing when neither has a figure.
MEANING_AGREE = 0.62
# Short statements score lower against long article sentences: this close suffices when the two
# also share most of what they name (places, sources, things, events) across languages.
MEANING_WITH_SHARED_KEYS = 0.45
SHARED_KEYS = 0.75
# A unit that says nothing of what it measures (%, €, days) needs sentences at least this close.
GENERIC_UNIT_SIMILARITY = 0.55
# Content words the clauses of two generic figures (money, percent, durations) share to be one frame when
# their sentences' meaning does not say so (one is enough beside the same figure).
SHARED_CLAUSE_WORDS = 2
# Two counts under different nouns are one frame only above this sentence similarity.
PEOPLE_ALIKE_SIMILARITY = 0.3
# Above this, two sentences mean the same whatever words their figures' clauses share.
GENERIC_DISTINCT_SIMILARITY = 0.75
# Sentences this close in meaning measure the same thing when they give the same distinct figure.
DISTINCT_FIGURE_SIMILARITY = 0.40
# Below this similarity, an unknown counted noun is not taken for the same thing as another.
UNIT_SIMILARITY = 0.62
# What a generic figure measures, read as a word no list knows (a noun or the clause's verb), is the same
# thing at this similarity: stricter than for counted nouns, since a verb meets a noun here ("put", "turnout").
MEASURED_SIMILARITY = 0.75
# Below this similarity, two content verbs no list knows name different events ("geraten" / "zurückrufen").
VERB_SIMILARITY = 0.45
# Counted nouns this close are one thing when the same figure and two words of their clauses say so too.
HEADS_NEAR = 0.35


@dataclass
class Relation:
    relation: str          # matching | corroborating | conflicting | related
    score: float
    explanation: str


def _exact_tolerance(q: Quantity) -> float:
    # a time taken to the second ("2:05:41", unit "seconds" whatever unit it is compared in) is exact to the
    # second: 29 seconds apart in a marathon are two times, not one within rounding
    return RACE_TIME_TOLERANCE if q.unit == "seconds" else EXACT_TOLERANCE


def _tolerance(q: Quantity) -> float:
    if q.qualifier == "exact":
        return _exact_tolerance(q)
    if q.qualifier == "range" and q.value and q.low is not None and q.high is not None:
        return max(APPROX_TOLERANCE, (q.high - q.low) / 2 / q.value)
    return APPROX_TOLERANCE


def _bounds(q: Quantity) -> tuple[float, float]:
    low = q.low if q.low is not None else 0.0
    high = q.high if q.high is not None else float("inf")
    if q.qualifier == "exact" and q.value is not None:
        low, high = q.value * (1 - _exact_tolerance(q)), q.value * (1 + _exact_tolerance(q))
    if q.qualifier == "vague" and q.low:
        # "Hunderte Fans" and "rund 1.200": a vague plural reaches up to where the next one begins ("Tausende"
        # from 2,000); news writes "hundreds" of twelve hundred
        high = max(high, q.low * 10)
    return low, high


def overlap(a: Quantity, b: Quantity) -> bool:
    a_low, a_high = _bounds(a)
    b_low, b_high = _bounds(b)
    return a_low <= b_high and b_low <= a_high


def _distinct_same_figure(a: Quantity, b: Quantity) -> bool:
    """The same figure, told apart from the many figures a story has: the same bound ("at least 30 days", "less
    than eight minutes"), or a value of several significant digits given alike ("14,200", "0.90", "91 million",
    "about 180,000" and "rund 180.000")."""
    if a.value is None or b.value is None or a.value != b.value:
        return False
    if a.qualifier == b.qualifier and a.qualifier in ("min", "max", "lt", "gt"):
        return True
    digits = f"{abs(a.value):f}".replace(".", "").strip("0")   # (not ".6g": "2e+06" is no five digits)
    return a.qualifier == b.qualifier and a.qualifier in ("exact", "approx") and len(digits) >= 2


def same_figure(a: Quantity, b: Quantity) -> bool:
    """Whether two figures denote the same amount: overlapping, headlines within the looser tolerance."""
    if a.value is None or b.value is None or not overlap(a, b):
        return False
    tolerance = max(_tolerance(a), _tolerance(b))
    return abs(a.value - b.value) <= tolerance * max(abs(a.value), abs(b.value)) + 1e-9


def _fmt(q: Quantity) -> str:
    return format_quantity(q, "en")


def _fmt_claim(claim: Claim) -> str:
    """The figure as the claim gives it, and in the base unit when it was converted ("up to 120 mph, ≈193 km/h")."""
    from .nlp.subjects import base_unit

    shown = _fmt(claim.quantity)
    if claim.extra.get("scale") and claim.quantity.value is not None and claim.extra.get("concept") != "days":
        # (a duration reads best in its own unit: "18 Monate", not "≈547.9 days")
        converted = in_base(claim)
        figure = _fmt(replace(converted, qualifier="exact", value=float(f"{converted.value:.4g}"), text=""))
        shown += f" {claim.quantity.unit} (≈{figure} {base_unit(claim.extra.get('concept')) or ''})".rstrip()
    return shown


def in_base(claim: Claim) -> Quantity:
    """The claim's quantity in its concept's base unit ("120 mph" as 193 km/h); as it is when not converted."""
    q = claim.quantity
    if q is None or not claim.extra.get("scale"):
        return q

    def convert(x):
        return None if x is None else _scaled(claim, x)

    return replace(q, value=convert(q.value), low=convert(q.low), high=convert(q.high))


def _scaled(claim: Claim, value: float) -> float:
    """A figure written beside the claim's, in the claim's base unit."""
    scale = claim.extra.get("scale")
    return value * scale[0] + scale[1] if scale else value


def _source(claim: Claim) -> str:
    who = claim.attributor.canonical if claim.attributor else "unattributed"
    when = claim.citation.published if claim.citation and claim.citation.published else (
        claim.time.start if claim.time else None)
    return f"{who}, {when}" if when else who


def _days(claim: Claim) -> Optional[tuple[date, date]]:
    if not claim.time or not claim.time.start or not claim.extra.get("time_explicit", True):
        return None
    try:
        return date.fromisoformat(claim.time.start), date.fromisoformat(claim.time.end or claim.time.start)
    except ValueError:
        return None


def _expected_later(claim: Claim) -> bool:
    """A forecast for a date after the one it was made on ("bis Dezember", "by the end of the year")."""
    if not claim.forecast or not claim.time or not claim.time.end:
        return False
    made = claim.citation.published if claim.citation and claim.citation.published else claim.time.start
    return bool(made) and str(claim.time.end) > str(made)


# Events that befall what is counted: a count without one is not a count of those they befell.
BEFALLS = frozenset({"poisoned", "killed", "injured", "in_hospital", "hospitalised", "in_intensive_care", "casualties", "missing", "arrested", "investigated", "displaced", "rescued", "infected"})
# Events people are counted by, whatever noun names them: "4,800 pupils vaccinated" and "4.800 Jugendliche
# geimpft", "1,100 employees on strike" and "1.100 Streikende" count one group
PERSON_EVENTS = BEFALLS | {"evacuated", "vaccinated", "laid_off", "hired", "voted", "on_strike", "protested"}
_DURATIONS = frozenset({"seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades"})


def kind(claim: Claim) -> str:
    """The kind of a claim's quantity: count, money in one currency, percent, points, a measure of one
    dimension, or a duration. Figures of different kinds never share a frame."""
    from .nlp.subjects import base_unit, lexicon

    concept = claim.extra.get("concept") or ""
    if claim.extra.get("per"):
        return "rate:" + concept   # "43 euros per share" is not the offer's 4.75 billion
    if concept.startswith("money_"):
        return "money:" + concept[len("money_"):]
    if concept in ("percent", "per_mille"):
        return concept
    if concept in ("percentage_points", "basis_points", "points"):
        return "points:" + concept
    if concept in _DURATIONS:
        return "duration"
    if concept in lexicon().measures:
        return "measure:" + (concept if base_unit(concept) is None else base_unit(concept))
    unit = (claim.quantity.unit if claim.quantity else None) or ""
    if unit in ("%",):
        return "percent"
    if unit in ("EUR", "USD", "GBP", "CHF"):
        return "money:" + unit.lower()
    return "count"


_AGENT = ("er", "ler", "or", "ist", "ant", "ent")


def _doer_and_deed(x: str, y: str) -> bool:
    """One noun is the other with an agent's ending: the one who does a thing and the thing ("spieler", "spiel")."""
    x, y = fold(x), fold(y)
    short, long = sorted((x, y), key=len)
    if not (len(short) >= 3 and long.startswith(short) and long[len(short):] in _AGENT):
        return False
    from .nlp.reading import read

    # (not a plural the lemmas missed: "Kinder", "Felder")
    return all(fold(t.lemma) != short for t in read(long.capitalize(), "de").tokens)


_DOER_ENDINGS = _AGENT + ("erin", "in", "ee", "ende")


@lru_cache(maxsize=4096)   # (asked in same_frame for each candidate: the same verbs and nouns again and again)
def _doer_of(verb: str, verb_language: str, noun: str, noun_language: str) -> bool:
    """The noun names one who does what the verb says, in either language ("besuchen" and "Besucherin",
    "attend" and "Besucher" by way of "attendee", "teilnehmen" and "participant" by way of "Teilnehmer")."""
    from .nlp.bilingual import english

    verbs = {fold(verb), *(fold(v) for v in english(verb, verb_language)[:3])}
    forms = {noun, noun[:-2]} if noun_language == "de" and fold(noun).endswith("erin") else {noun}   # "Besucherin"
    nouns = {fold(f) for f in forms} | {fold(n) for f in forms for n in english(f, noun_language)[:6]}
    stems = {v[:-2] if v.endswith("en") else v[:-1] if v.endswith(("e", "n")) else v for v in verbs} | verbs
    if any(len(st) >= 3 and n.startswith(st) and n[len(st):] in _DOER_ENDINGS for st in stems for n in nouns):
        return True
    # (the verb's own doer in its language, translated: "teilnehmen" -> "Teilnehmer" -> "participant")
    doers = {st + "er" for st in stems if len(st) >= 3} if verb_language == "de" else set()
    return any(fold(n) in nouns for d in doers for n in english(d, "de")[:6])


def _heads_alike(a: Claim, b: Claim, unit_similarity) -> bool:
    """Unknown counted nouns compared word by word: their heads by dictionary, else by the encoder."""
    from .nlp.bilingual import similarity

    head_a, head_b = a.extra.get("head"), b.extra.get("head")
    if head_a and head_b and _doer_and_deed(head_a, head_b):
        return False   # "Spieler" against "Spiele", "player" against "play": who does it is not what is done
    if head_a and head_b:
        alike = similarity(head_a, a.language, head_b, b.language)
        for word, claim in ((a, b), (b, a)):
            # a noun no list knows against a concept of the list: the concept's own name too ("officer" and
            # police officers, whose German noun here is "Beamte")
            unknown, known = word.extra.get("concept") or "", claim.extra.get("concept") or ""
            if unknown.startswith("w:") and known and not known.startswith("w:") and not is_generic(known):
                alike = max(alike, similarity(word.extra["head"], word.language, _concept_name(known), "en"))
    elif unit_similarity is not None:
        alike = unit_similarity(a.quantity.unit or "", b.quantity.unit or "")   # (no heads read: the units)
    else:
        return False
    compound = any(c.extra.get("head") and not fold(c.quantity.unit or "").startswith(c.extra["head"][:3])
                   for c in (a, b))
    # ("Containerschiffe" are no "containers": a compound whose modifier is the other's head counts another thing)
    modifies = any(c.extra.get("head") and o.extra.get("head") and c.extra["head"] != o.extra["head"]
                   and fold(c.quantity.unit or "").startswith(o.extra["head"][:max(4, len(o.extra["head"]) - 1)])
                   for c, o in ((a, b), (b, a)))
    if alike < UNIT_SIMILARITY and compound and not modifies and a.quantity.unit and b.quantity.unit and " " not in (
            a.quantity.unit + b.quantity.unit):
        # a compound's head says less than the whole word ("Arzneimittel" is no "Mittel" alone)
        alike = max(alike, similarity(a.quantity.unit, a.language, b.quantity.unit, b.language))
    if alike >= UNIT_SIMILARITY:
        return True
    # nouns some way apart ("farms", "Betriebe") beside the same figure, with the clauses' words in common
    return (alike >= HEADS_NEAR and a.quantity.value is not None and same_figure(a.quantity, b.quantity)
            and _clause_words_shared(a, b) >= SHARED_CLAUSE_WORDS)


def _events_alike(a: Claim, b: Claim) -> bool:
    """What happened to the counted thing. Known events must be equal; content verbs no list knows
    ("in Brand geraten", "zurückrufen") must not be far apart in meaning; a clause without a verb of its
    own says nothing against the other."""
    from .nlp.bilingual import similarity

    event_a, event_b = a.extra.get("event"), b.extra.get("event")
    if event_a and event_b:
        return event_a == event_b or _reached_by(event_a, event_b) or _reached_by(event_b, event_a)
    verb_a, verb_b = a.extra.get("verb"), b.extra.get("verb")
    if event_a or event_b or not (verb_a and verb_b):
        return True
    if similarity(verb_a, a.language, verb_b, b.language) >= VERB_SIMILARITY:
        return True
    # verbs the encoder finds apart ("abgeben", "file") beside the same figure and a word of the clause in
    # common besides the counted noun ("zu spät", "late"): one thing said in two ways
    return (a.quantity is not None and b.quantity is not None and same_figure(a.quantity, b.quantity)
            and _clause_words_shared(a, b) >= 1)


def _reached_by(state: str, event: str) -> bool:
    """Whether an event puts what it befalls in the state ("37 taken to hospital" are "37 in hospital")."""
    from .nlp.subjects import lexicon

    return event in (lexicon().reached_by or {}).get(state, ())


@lru_cache(maxsize=512)
def _concept_name(concept: str) -> str:
    """A concept's English name in the singular ("police officers" -> "police officer")."""
    from .nlp.reading import read
    from .nlp.subjects import lexicon

    label = (lexicon().labels.get(concept) or {}).get("en") or concept.replace("_", " ")
    tokens = read(label, "en").tokens
    if not tokens:
        return label
    return " ".join([t.text for t in tokens[:-1]] + [tokens[-1].lemma])


def _base(claim: Claim) -> str:
    return (claim.subject_key or "").split("@")[0]


def _befallen(claim: Claim) -> Optional[str]:
    """The event a count of people is counted by, when one befell them ("seven suspects arrested")."""
    from .nlp.subjects import lexicon

    event, base = claim.extra.get("event"), _base(claim)
    if event in PERSON_EVENTS and (base.startswith("w:") or base in lexicon().persons):
        return event
    return None


def _names_all(claim: Claim) -> bool:
    """Whether a count of people befallen by an event names all it befell ("people", "Festnahmen" and
    "suspects" for the arrested), not a group among them ("children" among the dead)."""
    from .nlp.subjects import lexicon

    event, base = claim.extra.get("event"), _base(claim)
    return base == "people" or lexicon().implied_event.get(base) == event or base in (lexicon().roles or {}).get(event, ())


def _votes_by_voters(a: Claim, b: Claim) -> bool:
    """A count of votes and a count of people who voted are one count ("with 31 votes in favour", "31 der 52
    Ratsmitglieder stimmten für den Entwurf")."""
    from .nlp.subjects import lexicon

    for votes, voters in ((a, b), (b, a)):
        if _base(votes) == "votes" and voters.extra.get("event") == "voted" and (
                _base(voters) in lexicon().persons or _base(voters).startswith("w:")):
            return True
    return False


def _people_alike(a: Claim, b: Claim) -> bool:
    """Two counts of people under different nouns that count the same way: one event befell both ("sieben
    Verdächtige festgenommen", "sieben Männer wurden festgenommen"), or people in general did what the
    others did ("beschäftigt 6.500 Menschen", "beschäftigt 6.500 Mitarbeiter")."""
    from .nlp.bilingual import similarity
    from .nlp.subjects import lexicon

    if _befallen(a) is not None and _befallen(a) == _befallen(b):
        return True
    bases = {_base(a), _base(b)}
    if "people" not in bases or not bases <= lexicon().persons or a.extra.get("event") or b.extra.get("event"):
        return False
    for doing, doers in ((a, b), (b, a)):
        # people who did a thing and those named for doing it ("60.000 Menschen besuchten das Festival",
        # "85,000 visitors"; "attended", "Besucher")
        if _base(doing) == "people" and doing.extra.get("verb") and doers.extra.get("head") and _doer_of(
                doing.extra["verb"], doing.language, doers.extra["head"], doers.language):
            return True
    verb_a, verb_b = a.extra.get("verb"), b.extra.get("verb")
    return bool(verb_a and verb_b) and similarity(verb_a, a.language, verb_b, b.language) >= VERB_SIMILARITY


def group_among(a: Claim, b: Claim, unit_similarity=None) -> Optional[Claim]:
    """Of two counts of people under different nouns that count the same way, the one that counts a group
    among the others ("12 children" of "40 killed"); None when both count all of them."""
    if _base(a) == _base(b) or not _people_alike(a, b):
        return None
    if (_base(a).startswith("w:") or _base(b).startswith("w:")) and _heads_alike(a, b, unit_similarity):
        return None
    all_a, all_b = _names_all(a), _names_all(b)
    if all_a and all_b:
        return None
    group, whole = (b, a) if all_a else (a, b)
    if _base(group) in (whole.extra.get("story_people"), group.extra.get("story_people")):
        return None   # (the story's count of all it befell counts that group: "31 Verletzte" of "23 Kinder verletzt")
    return group


def same_frame(a: Claim, b: Claim, unit_similarity=None) -> bool:
    """Same kind of quantity, same thing counted (subject and event), same owner, compatible place."""
    if a.quantity is not None and b.quantity is not None and kind(a) != kind(b):
        return False
    if a.extra.get("tally") != b.extra.get("tally"):
        return False   # a side of a tally ("7 zu 2 Stimmen") meets only that side of another
    if a.subject_key and b.subject_key and a.subject_key != b.subject_key:
        base_a, base_b = a.subject_key.split("@")[0], b.subject_key.split("@")[0]
        if base_a != base_b:
            # one event that befalls people counts them under any noun: "sieben Verdächtige festgenommen"
            # and "sieben Männer wurden festgenommen" (a group among them is told apart in relate)
            if not _people_alike(a, b) and not _a_kind_and_its_category(a, b) and not _votes_by_voters(a, b) and (
                    not _heads_translate(a, b)) and not _deed_and_those_it_befell(a, b) and (
                    not (base_a.startswith("w:") or base_b.startswith("w:")) or not _heads_alike(a, b, unit_similarity)):
                return False
        elif bool(a.extra.get("event")) != bool(b.extra.get("event")) and (
                base_a == "people" or (a.extra.get("event") or b.extra.get("event")) in BEFALLS):
            # people counted without an event say nothing of those it befell, and soldiers wounded are not
            # the soldiers sent
            return False
    if not _events_alike(a, b):
        return False
    if _of_a_category(a) and _base(a) == _base(b) and not _category_heads_alike(a, b):
        return False   # "58 Schafe gerissen" and "ein Rudel mit neun Wölfen": animals of two kinds
    owner_a, owner_b = a.extra.get("owner"), b.extra.get("owner")
    if owner_a and owner_b and owner_a != owner_b:
        return False
    holder_a, holder_b = a.extra.get("holder"), b.extra.get("holder")
    if holder_a and holder_b and not _same_canonical(holder_a, holder_b):
        return False   # "Maxwerk's revenue" is not Hansatec's; "Kiprop" is "Daniel Kiprop"
    return placed_alike(a, b)


# How many translations of a noun and a verb are read to find the deed they share.
DEED_TRANSLATIONS = 8
# The least prefix a German deed noun and its verb share ("austritt", "austreten"), with the encoder's nearness.
DEED_PREFIX, DEED_SIMILARITY = 5, 0.8


@lru_cache(maxsize=4096)
def _names_the_deed(noun: str, noun_language: str, verb: str, verb_language: str) -> bool:
    """The noun names the verb's deed, in either language ("Austritte" and "verlassen" by their shared
    "exit", "Festnahmen" and "festgenommen", "Austritte" and "ausgetreten" by their stem)."""
    from .nlp.bilingual import english, similarity

    nouns = {fold(w) for w in english(noun, noun_language, heads=False)[:DEED_TRANSLATIONS]}
    verbs = {fold(w) for w in english(verb, verb_language, heads=False)[:DEED_TRANSLATIONS]}
    if nouns & verbs:
        return True
    stems = {v[:-1] if v.endswith("e") else v for v in verbs}
    if any(len(st) >= DEED_PREFIX and n.startswith(st) for st in stems for n in nouns):
        return True   # (the English deed is the verb's noun: "evacuation", "evacuate"; "resignation", "resign")
    if noun_language != verb_language:
        return False
    a, b = fold(noun), fold(verb)
    common = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return common >= DEED_PREFIX and similarity(noun, noun_language, verb, verb_language) >= DEED_SIMILARITY


def _deed_and_those_it_befell(a: Claim, b: Claim) -> bool:
    """"2.300 Austritte" and "2.300 Mitglieder sind ausgetreten": a count of a deed no list knows is a count
    of those who did it, when the other's verb is that deed."""
    for deed, done in ((a, b), (b, a)):
        head, verb = deed.extra.get("head"), done.extra.get("verb")
        if (_base(deed).startswith("w:") and head and verb and not done.extra.get("event")
                and not deed.extra.get("verb") and not _base(done).startswith("w:")
                and _names_the_deed(head, deed.language, verb, done.language)):
            return True
    return False


# How many of a German noun's translations, in the dictionary's order, are its everyday English words.
EVERYDAY_TRANSLATIONS = 4


def _heads_translate(a: Claim, b: Claim) -> bool:
    """Counted nouns in two languages that the dictionary gives as each other's words ("Zwischenfälle" and
    "incidents"): one thing counted, whatever concept the word list filed each under."""
    from .nlp.bilingual import english

    if a.language == b.language or is_generic(_base(a)) or is_generic(_base(b)):
        return False
    german, other = (a, b) if a.language == "de" else (b, a)
    head_de, head_en = german.extra.get("head"), other.extra.get("head")
    if not head_de or not head_en or other.language != "en":
        return False
    return fold(head_en) in {fold(w) for w in english(head_de, "de", heads=False)[:EVERYDAY_TRANSLATIONS]}


@lru_cache(maxsize=1)
def _categories() -> frozenset:
    """Concepts that gather kinds of things a reader tells apart (animals: sheep, wolves, cattle)."""
    from .nlp.lexicon import load

    return frozenset(c["key"] for c in load("subjects").get("concepts", []) if c.get("category"))


def _of_a_category(claim: Claim) -> bool:
    return _base(claim) in _categories()


def _a_kind_and_its_category(a: Claim, b: Claim) -> bool:
    """"20 Pinguine gestorben" and "zehn tote Tiere": a kind no list knows and its category's own word, one
    event befalling both."""
    for kind_claim, whole in ((a, b), (b, a)):
        event = kind_claim.extra.get("event")
        if (_base(kind_claim).startswith("w:") and _of_a_category(whole) and event and event == whole.extra.get("event")
                and _names_its_category(whole)):
            return True
    return False


def _names_its_category(claim: Claim) -> bool:
    """Whether a count of a category is named by the category's own word ("Tiere", "animals")."""
    from .nlp.bilingual import similarity

    head = claim.extra.get("head")
    return bool(head) and similarity(head, claim.language, _concept_name(_base(claim)), "en") >= UNIT_SIMILARITY


def _category_heads_alike(a: Claim, b: Claim) -> bool:
    """Two counts of a category: the same kind by their head nouns, or one of them the category's own word."""
    from .nlp.bilingual import similarity

    head_a, head_b = a.extra.get("head"), b.extra.get("head")
    if not head_a or not head_b or head_a == head_b:
        return True
    name = _concept_name(_base(a))
    if any(similarity(h, c.language, name, "en") >= UNIT_SIMILARITY for h, c in ((head_a, a), (head_b, b))):
        return True   # "Tiere", "animals": the whole category
    return similarity(head_a, a.language, head_b, b.language) >= UNIT_SIMILARITY


def where(claim: Claim) -> Optional[str]:
    """The place a claim holds for: its own, else the place its article's story is set in."""
    return claim.location_key or claim.extra.get("scene")


def placed_alike(a: Claim, b: Claim) -> bool:
    """Whether two claims can hold for one place: their places are compatible, or one's place no gazetteer
    knows is among those the other's article names where that one's own place is unknown too ("on the Ilmer"
    against an article filed from "HOLLWEIDE" that tells of oil "in die Ilmer")."""
    at_a, at_b = where(a), where(b)
    if gazetteer().compatible(at_a, at_b):
        return True
    return at_a in b.extra.get("places", ()) or at_b in a.extra.get("places", ())   # (neither is missing here: compatible took that)


def is_generic(concept: Optional[str]) -> bool:
    from .nlp.subjects import lexicon

    return bool(concept) and (concept in lexicon().generic or concept.startswith("w:"))


def _finer(a: Claim, b: Claim) -> Optional[Claim]:
    """The claim about a place strictly inside the other's place (Kursk inside Russia), if either is."""
    if not a.location_key or not b.location_key or a.location_key == b.location_key:
        return None
    geo = gazetteer()
    if geo.contains(b.location_key, a.location_key):
        return a
    if geo.contains(a.location_key, b.location_key):
        return b
    return None


def _only_one(a: Claim, b: Claim, flag: str) -> Optional[tuple[Claim, Claim]]:
    """The one of two claims that carries a flag ("baseline", "target"), and the other; None unless exactly one does."""
    flagged = [c for c in (a, b) if c.extra.get(flag)]
    if len(flagged) != 1:
        return None
    return flagged[0], (b if flagged[0] is a else a)


# The words that say which dimension a length measures, in either language.
_DIMENSIONS = {"thickness": ("dicke", "dick", "thick", "thickness", "thin", "thinned", "dünn"),
               "height": ("höhe", "hoch", "high", "height", "tall"),
               "depth": ("tiefe", "tief", "deep", "depth"),
               "width": ("breite", "breit", "wide", "width", "durchmesser", "diameter", "across"),   # (a hole's)
               "length": ("länge", "lang", "long", "length")}
_DIMENSION_OF = {word: dimension for dimension, words in _DIMENSIONS.items() for word in words}


def _dimension(claim: Claim) -> Optional[str]:
    """The dimension a measure's clause names ("2,7 Meter an Dicke": thickness, "48 Meter hoch": height), else
    length."""
    if claim.quantity is None or claim.quantity.start is None:
        return None
    for token in _figure_clause(claim):
        found = _DIMENSION_OF.get(token.text.casefold()) or _DIMENSION_OF.get(token.lemma.casefold()) or (
            _DIMENSION_OF.get(token.parts[-1]) if len(token.parts) >= 2 else None)   # ("Eisdicke")
        if found:
            return found
    return "length"   # (a length no word qualifies: "um 52 Meter zurückgegangen", "lowered by six metres")


def _figure_clause(claim: Claim) -> list:
    """The tokens of the clause a claim's figure stands in (none without a figure's span)."""
    from .nlp.reading import read

    q = claim.quantity
    if q is None or q.start is None:
        return []
    reading = read(claim.text, claim.language)
    return reading.clause(reading.clause_of(q.start, q.end))


def _clause_lemmas(claim: Claim) -> set:
    return {t.lemma.casefold() for t in _figure_clause(claim) if t.verb}


# Verbs of a decision that sets a figure (a sentence, a fine, an award) and verbs that demand one before it.
_DECIDING = frozenset({"verurteilen", "verhängen", "anordnen", "beschließen", "entscheiden", "urteilen", "zusprechen",
                       "festsetzen", "sentence", "impose", "order", "rule", "award", "fine", "decide", "convict"})
_DEMANDING = frozenset({"fordern", "verlangen", "beantragen", "plädieren", "demand", "seek", "request", "ask",
                        "call", "urge"})


def _decided(claim: Claim) -> bool:
    """Whether a figure's clause says it was decided: "zu sechs Jahren Haft verurteilt", "fined 3 million"."""
    return bool(_clause_lemmas(claim) & _DECIDING)


def _demanded(claim: Claim) -> bool:
    """Whether a figure's clause says it was demanded: "sechs Jahre Haft gefordert", "prosecutors sought"."""
    text = claim.text.casefold()
    return bool(_clause_lemmas(claim) & _DEMANDING) or any(w in text for w in ("gefordert", "beantragt", "sought"))


def _source_key(claim: Claim) -> Optional[tuple]:
    """All that _same_source reads of a claim; None without a source."""
    x = claim.attributor
    return (x.canonical, x.text, claim.language) if x else None


def _same_source(a: Claim, b: Claim) -> bool:
    """One source under any of its names: the same canonical name, an acronym and its expansion, the name
    in the other language, or (for a statement) the report the stored claim's source published."""
    if not (a.attributor and b.attributor):
        return False
    x, y = a.attributor, b.attributor
    return _same_names(x.canonical, x.text, a.language, y.canonical, y.text, b.language)


_ACRONYM_NAME = re.compile(r"^[A-ZÄÖÜ][A-Za-zÄÖÜ]{1,6}$")


def is_acronym(name: str) -> bool:
    """A short name written with capitals inside ("BdSt", "LALS", "WFP")."""
    return bool(_ACRONYM_NAME.match(name)) and sum(1 for c in name if c.isupper()) >= 2


def teaches_acronym(source: Optional[Attributor]) -> bool:
    """A source stored under an acronym that its article spelled out: the name as written is the expansion
    ("The Taxpayers' Association (BdSt)"), which teaches the acronym to statements that give the name."""
    return (source is not None and is_acronym(source.canonical) and source.text != source.canonical
            and source.canonical not in (source.text or ""))


def _name_language(name: str, language: str) -> str:
    """The language a body's name is written in: an English article may give the German name ("known in German
    as Staatliches Bauamt"), whose German noun of a body's kind says so."""
    from .nlp.entities import role_of

    if language == "en" and any(w[:1].isupper() and len(w) > 3 and role_of(w, "de") and not role_of(w, "en")
                                and not role_of(w.casefold(), "en") for w in name.split()):
        return "de"
    return language


@lru_cache(maxsize=65536)
def _same_names(x_canonical: str, x_text: str, a_language: str, y_canonical: str, y_text: str, b_language: str) -> bool:
    """_same_source on the names alone, cached: a check asks it of the same few sources hundreds of times."""
    from .nlp.entities import abbreviates, generic_role_name, role_of, same_name, same_report, same_territory_body

    # ("Schwarzbrunn town hall" is stored as the town: the names as written say it is the town's own body)
    same_territory = same_territory_body(x_text, a_language, y_text, b_language) if x_text and y_text else None
    if same_territory is not None:
        return same_territory
    # a body stored by its kind ("union", "fire service") is named in English whatever its article's language
    x_lang = "en" if generic_role_name(x_canonical) == x_canonical else _name_language(x_canonical, a_language)
    y_lang = "en" if generic_role_name(y_canonical) == y_canonical else _name_language(y_canonical, b_language)
    if same_name(x_canonical, x_lang, y_canonical, y_lang):
        return True
    stored_as_acronym = any(_ACRONYM_NAME.match(canonical) and text != canonical
                            for canonical, text in ((x_canonical, x_text), (y_canonical, y_text)))
    # a body stored by its kind ("union" for "Betriebsrat") keeps its name as written too
    by_kind = bool(generic_role_name(x_canonical) or generic_role_name(y_canonical))
    if _of_kind(x_canonical, y_canonical) or _of_kind(y_canonical, x_canonical):
        return True   # "LKA" (stored as police) and "the State Criminal Police Office": a body of that kind
    for bare, lang, text, text_lang in ((x_canonical, x_lang, y_text, b_language), (y_canonical, y_lang, x_text, a_language)):
        if " " not in bare.strip() and role_of(bare, lang) and text and " " not in _bare_words(text) and same_name(
                bare, lang, text, text_lang):
            return True   # "Geschäftsführung:" and "Die Geschäftsführung bekräftigte …" (resolved to its hospital)
    if stored_as_acronym and (_of_kind(x_canonical, y_text) or _of_kind(y_canonical, x_text)):
        return True   # "the utility" and "SWO", taught as "Stadtwerke Ostermünde (SWO)"
    if (stored_as_acronym or by_kind) and (same_name(x_text, a_language, y_text, b_language)
                                           or x_text == y_canonical or y_text == x_canonical):
        return True   # "das Deutsche Rote Kreuz" (stored as DRK) and "the German Red Cross"
    if abbreviates(x_canonical.strip(), y_text) or abbreviates(y_canonical.strip(), x_text):
        return True   # "DIB" and "Der Deutsche Imkerbund": an acronym of the name as written
    for headed, other_canonical, other_text in ((x_canonical, y_canonical, y_text), (y_canonical, x_canonical, x_text)):
        first = _acronym_heading(headed)
        if first and not gazetteer().names.get(first) and (
                first == other_canonical.strip() or abbreviates(first, other_text) or abbreviates(first, other_canonical)):
            # "GIZ poison centre" and "GIZ", "ZWL space surveillance centre" and "Zentrum für Weltraumlage": an
            # acronym and the words that say what it is are the acronym's body
            return True
    for one, one_lang, canonical, text, lang in ((x_canonical, a_language, y_canonical, y_text, b_language),
                                                 (y_canonical, b_language, x_canonical, x_text, a_language)):
        if canonical in text and len(text.split()) > len(canonical.split()) + 1 and same_name(one, one_lang, text, lang):
            return True   # "Mieterverein" and "Der Mieterverein Sanderbrück" (stored as Sanderbrück)
        title = text[:text.find(canonical)].strip() if canonical in text and " " in canonical.strip() else ""
        if title and (title[:1].isupper() or role_of(title.split()[-1], lang)) and same_name(one, one_lang, title, lang):
            return True   # "Verteidigerin" and "Defence lawyer Frieda Sommerau": a person by the title before the name
    if same_report(x_text, a_language, y_text, b_language):
        return True
    return _same_canonical(x_canonical, y_canonical)


def _acronym_heading(name: str) -> Optional[str]:
    """The acronym a name of several words opens with ("GIZ poison centre" -> GIZ), if any."""
    words = name.split()
    return words[0] if len(words) >= 2 and is_acronym(words[0]) else None


def _bare_words(text: str) -> str:
    """A name as written without its article: "Die Geschäftsführung" -> "Geschäftsführung"."""
    words = text.split()
    return " ".join(words[1:] if len(words) > 1 and words[0].casefold() in ("der", "die", "das", "the") else words)


def _of_kind(kind_name: str, name: str) -> bool:
    """Whether a source stored by its kind ("police") meets a name whose own noun is of that kind."""
    from .nlp.entities import generic_role_name, role_of

    kind = generic_role_name(kind_name)
    return bool(kind) and kind_name != name and any(
        role_of(word, "en") == kind or role_of(word, "de") == kind for word in name.split()[-2:])


def _same_canonical(a: str, b: str) -> bool:
    # "Deutschen Bahn" and "Deutsche Bahn": a German case ending does not make another source
    x, y = ([w[:-1] if len(w) >= 5 and w[-1] in "ns" else w for w in canonical.casefold().split()]
            for canonical in (a, b))
    if x == y:
        return True
    # "Koca" and "Fahrettin Koca": a surname alone names the same person
    short, full = sorted((x, y), key=len)
    return len(short) == 1 and len(full) in (2, 3) and short[0] == full[-1] and short[0][:1].isalpha()


def _part_of_that(part: Claim, whole: Claim) -> bool:
    """Whether a part names the other claim's figure as the whole it is counted of."""
    stated = part.extra.get("whole")
    if not isinstance(stated, (int, float)) or whole.quantity is None or whole.quantity.value is None:
        return False
    value = in_base(whole).value
    return abs(_scaled(part, stated) - value) <= APPROX_TOLERANCE * abs(value)


def relate(statement: Claim, stored: Claim, similarity: float = 0.5, unit_similarity=None) -> Optional[Relation]:
    """How `stored` bears on `statement`; None when it is about something else."""
    similarity = max(0.0, min(1.0, similarity))
    a, b = statement.quantity, stored.quantity
    if a is None and b is None:
        return _relate_by_meaning(statement, stored, similarity)
    if a is None or b is None:
        return None
    if not same_frame(statement, stored, unit_similarity):
        return None
    if _base(statement) != _base(stored) and similarity < PEOPLE_ALIKE_SIMILARITY and not (
            _befallen(statement) is not None and _befallen(statement) == _befallen(stored)) and not _clause_words_shared(
            statement, stored, with_units=True):
        # counts of people under different nouns ("310 Menschen … aufgenommen", "1.500 Soldaten verlegt") are one
        # frame only where their sentences or the words of their clauses are about the same thing at all, or
        # one event befell both ("1.100 Beschäftigte beteiligten sich am Streik", "650 Streikende")
        return None
    if kind(statement).startswith("measure:") and _dimension(statement) != _dimension(stored):
        # "verlor 2,7 Meter an Dicke" and "um 52 Meter zurückgegangen", "48 Meter hoch" and "um sechs Meter
        # abgesenkt": a length of one dimension is not another's
        return None
    a, b = in_base(statement), in_base(stored)   # "120 mph" and "193 km/h" compare as the same speed
    if is_generic(stored.extra.get("concept")) and not (stored.extra.get("head") and statement.extra.get("head")
                                                         and stored.subject_key.startswith("w:")):
        # (a noun no list knows was compared word by word in same_frame already)
        # "59 Prozent der SPD-Wähler" and "3 Prozent Inflation" share only the unit: compare what they
        # measure when both say it, else ask that the sentences mean much the same
        # a guess from the clause ("~w:bieten") only adds evidence: "bietet 4,2 Milliarden" and "a 4.2 billion
        # euro offer" measure the same though their sentences differ; guesses that differ leave it to meaning
        measured_a, measured_b = statement.extra.get("measured"), stored.extra.get("measured")
        alike = bool(measured_a and measured_b) and (measured_a == measured_b or _measured_alike(
            measured_a.lstrip("~"), statement, measured_b.lstrip("~"), stored))
        if measured_a and measured_b and not alike and not (measured_a + measured_b).count("~") and not (
                similarity >= GENERIC_UNIT_SIMILARITY and _distinct_same_figure(statement.quantity, stored.quantity)):
            # (two names for one thing beside the same distinct figure in sentences alike: "drought losses of
            # 1.4 billion euros" and "Dürreschäden von 1,4 Milliarden Euro")
            return None
        if not alike and kind(statement) == "percent" and not (statement.quantity.increment or stored.quantity.increment) \
                and _guess_against_a_named_thing(statement, stored):
            return None
        if not alike:
            # the sentences' meaning says little across languages ("Die Rakete zerbrach 79 Sekunden nach
            # dem Start" against "Die Rakete sei 79 Sekunden nach dem Start zerbrochen": 0.48); the words of
            # the figures' clauses say more: two shared, or one beside the same figure; and sentences of one
            # story that share no word of the figures' clauses measure different things ("a prize of 50,000
            # euros", "the marathon costs the city 1.2 million")
            shared = _clause_words_shared(statement, stored)
            if similarity < GENERIC_UNIT_SIMILARITY and not (
                    shared >= SHARED_CLAUSE_WORDS or shared and same_figure(a, b)
                    or similarity >= DISTINCT_FIGURE_SIMILARITY
                    and _distinct_same_figure(statement.quantity, stored.quantity)):   # (as written, not in days)
                return None
            if not shared and similarity < GENERIC_DISTINCT_SIMILARITY and not same_figure(a, b):
                return None

    source = _source(stored)
    # "eight more weeks" and "noch acht Wochen": time still to come is a span like any other; a measure's
    # change is an amount of it ("um 52 Meter zurückgegangen", "retreated 52 metres")
    if a.increment != b.increment and kind(statement) != "duration" and not kind(statement).startswith("measure:"):
        return Relation("related", 0.3 + 0.3 * similarity,
                        f"Related: {'a change' if b.increment else 'a total'} of {_fmt_claim(stored)} ({source}), "
                        f"not comparable with {'a change' if a.increment else 'a total'} of {_fmt_claim(statement)}.")
    # one expects, the other counts (two expectations compare like two counts)
    forecast = None
    if stored.forecast != statement.forecast:
        forecast = (stored, statement) if stored.forecast else (statement, stored)
    if forecast is not None:
        which, other = forecast
        if _expected_later(which):
            # "bis Dezember auf bis zu 10.000": a figure for a later date, not today's count, even if equal
            return Relation("related", 0.35 + 0.3 * similarity,
                            f"Forecast, not a count: {_fmt_claim(which)} ({_source(which)}) is expected by "
                            f"{which.time.end}, so it neither confirms nor contradicts {_fmt_claim(other)}.")
    usual = _only_one(statement, stored, "baseline")
    if usual is not None:
        usual, other = usual
        return Relation("related", 0.35 + 0.3 * similarity,
                        f"What is usual, not the figure at issue: {_fmt_claim(usual)} ({_source(usual)}) against "
                        f"{_fmt_claim(other)}.")
    allowed = _only_one(statement, stored, "limit") if kind(statement) != "count" else None
    if allowed is not None:
        limit, other = allowed
        return Relation("related", 0.35 + 0.3 * similarity,
                        f"What is allowed, not the figure at issue: the limit {_fmt_claim(limit)} ({_source(limit)}) "
                        f"against {_fmt_claim(other)}.")
    asked = _only_one(statement, stored, "target")
    if asked is not None:
        target, other = asked
        if _decided(other) and _demanded(target):
            # "sechs Jahre Haft gefordert" and "zu sechs Jahren Haft verurteilt": what was demanded and what was
            # decided do not agree even when the figure is the same
            return Relation("related", 0.35 + 0.3 * similarity,
                            f"Asked, offered or needed, not a count: {_fmt_claim(target)} ({_source(target)}) "
                            f"was demanded; {_fmt_claim(other)} is what was decided.")
    if same_figure(a, b):
        score = 0.7 + 0.3 * similarity
        if _same_source(statement, stored):
            return Relation("matching", score,
                            f"Same source ({stored.attributor.canonical}) and the same figure: {_fmt_claim(statement)} vs {_fmt_claim(stored)} ({source}).")
        return Relation("corroborating", score,
                        f"Same figure from another source: {_fmt_claim(statement)} vs {_fmt_claim(stored)} ({source}).")
    target = next((c for c in (statement, stored) if c.extra.get("target")), None)
    if target is not None and not (statement.extra.get("target") and stored.extra.get("target")
                                   and _same_source(statement, stored)):
        # what one asks, offers or needs is not what is, nor what another asks: only a source's own
        # demands can contradict each other
        other = stored if target is statement else statement
        return Relation("related", 0.35 + 0.3 * similarity,
                        f"Asked, offered or needed, not a count: {_fmt_claim(target)} ({_source(target)}) "
                        f"does not contradict {_fmt_claim(other)} ({_source(other)}).")
    if overlap(a, b):
        return Relation("related", 0.4 + 0.3 * similarity,
                        f"Compatible but not the same: {_fmt_claim(stored)} ({source}) does not rule out {_fmt_claim(statement)}.")
    group = group_among(statement, stored, unit_similarity)
    whole = (stored if group is statement else statement) if group is not None else None
    if group is not None and _bounds(in_base(group))[0] <= _bounds(in_base(whole))[1]:
        # (a group larger than the whole is no group among them: "600 Senioren" against "312 victims")
        return Relation("related", 0.35 + 0.3 * similarity,
                        f"Part of: {_fmt_claim(group)} {group.quantity.unit or ''} ({_source(group)}) may be a group "
                        f"among the {_fmt_claim(whole)} {whole.quantity.unit or ''} ({_source(whole)}), "
                        f"not a different count of them.".replace("  ", " "))
    whole = next((c for c in (statement, stored) if c.extra.get("a_whole")), None)
    if whole is not None and not (statement.extra.get("a_whole") and stored.extra.get("a_whole")):
        other = stored if whole is statement else statement
        # (a figure for what befell the whole itself, "10 oiled birds found" against "61 oiled birds had been
        # found, 17 of them dead", is another count of the whole, not a part of it)
        if _bounds(in_base(other))[0] <= _bounds(in_base(whole))[1] and (
                other.extra.get("part") or _a_denominator(whole) or not _same_deed(other, whole)):
            return Relation("related", 0.35 + 0.3 * similarity,
                            f"Part of: {_fmt_claim(whole)} ({_source(whole)}) is the whole that a part is counted of, "
                            f"so {_fmt_claim(other)} may be a part of it.")
    part = next((c for c in (statement, stored) if c.extra.get("part")), None)
    if statement.extra.get("part") and stored.extra.get("part"):
        # two parts, one of them counted out of the other ("38 of its 140 shops, 11 of them in Reinsfeld")
        part = next((p for p, w in ((statement, stored), (stored, statement)) if _part_of_that(p, w)), None)
    if part is not None and (not (statement.extra.get("part") and stored.extra.get("part")) or _part_of_that(
            part, stored if part is statement else statement)):
        whole = stored if part is statement else statement
        # a part whose whole is given ("2,400 of the 6,500 staff") is a part of that whole or of a larger
        # count of it; a figure below that whole is another count of the part
        stated = part.extra.get("whole")
        other = in_base(whole).value
        if _bounds(in_base(part))[0] <= _bounds(in_base(whole))[1] and (
                not isinstance(stated, (int, float)) or other is None
                or other >= _scaled(part, stated) * (1 - APPROX_TOLERANCE)):
            of = f" of {part.extra['whole']:,.10g}" if part.extra.get("whole") else ""
            return Relation("related", 0.35 + 0.3 * similarity,
                            f"Part of: {_fmt_claim(part)}{of} ({_source(part)}) is a part of the whole "
                            f"{_fmt_claim(whole)}, not a different count of it.")
    finer = _finer(statement, stored)
    if finer is not None:
        part, whole = (statement, stored) if finer is statement else (stored, statement)
        part_low = _bounds(in_base(part))[0]
        if part_low <= _bounds(in_base(whole))[1]:
            return Relation("related", 0.35 + 0.3 * similarity,
                            f"Part of a whole: {_fmt_claim(part)} in {part.location or part.location_key} "
                            f"fits within {_fmt_claim(whole)} in {whole.location or whole.location_key} ({source}).")
    if forecast is not None:
        which, other = forecast
        return Relation("related", 0.35 + 0.3 * similarity,
                        f"Forecast, not a count: {_fmt_claim(which)} ({_source(which)}) is expected, "
                        f"so it does not contradict {_fmt_claim(other)}.")
    revised = next((c for c in (stored, statement) if c.extra.get("revised_to") is not None), None)
    if revised is not None:
        return Relation("related", 0.35 + 0.3 * similarity,
                        f"Earlier figure: {_fmt_claim(revised)} ({_source(revised)}), revised in the same report to "
                        f"{revised.extra['revised_to']:,.10g}.")
    # the intervals do not overlap: as figures of one time they cannot both be true; whether they are of
    # one time is decided over all the frame's claims at once (in_time)
    return Relation("conflicting", 0.6 + 0.4 * similarity,
                    f"Conflicts: {_fmt_claim(stored)} ({source}) cannot be {_fmt_claim(statement)}.")


_DENOMINATOR_BEFORE = re.compile(r"\b(?:of|out of|von|aus)(?:\s+[\w'’-]+){0,3}\s*$", re.IGNORECASE)


def _a_denominator(whole: Claim) -> bool:
    """The whole's figure is what a part is counted out of ("Three of the remaining 23 satellites had to fire"):
    what its sentence says befell befell the part."""
    q = whole.quantity
    return q is not None and q.start is not None and bool(_DENOMINATOR_BEFORE.search(whole.text[max(0, q.start - 50):q.start]))


def _same_deed(a: Claim, b: Claim) -> bool:
    """Both claims name what befell the counted with verbs that agree across the languages ("gefunden", "found")."""
    from .nlp.bilingual import english

    va, vb = a.extra.get("verb"), b.extra.get("verb")
    if not va or not vb:
        return False
    return bool(({va} | set(english(va, a.language)[:2])) & ({vb} | set(english(vb, b.language)[:2])))


def _guess_against_a_named_thing(a: Claim, b: Claim) -> bool:
    """A share of a thing a list knows ("Wahlbeteiligung": turnout), said of no one, against a share that a
    sentence gives to someone ("Berger erhielt 51,9 Prozent"), of a thing guessed from its clause or of none,
    and that names none of the known thing's words: the two measure different things."""
    from .nlp.subjects import _measured

    finder = _measured()[0]
    for known, guess in ((a, b), (b, a)):
        named, guessed = known.extra.get("measured") or "", guess.extra.get("measured") or ""
        if (named and "~" not in named and not named.startswith("w:") and not known.extra.get("holder")
                and (not guessed or guessed.startswith("~")) and guess.extra.get("holder")
                and not any(hit.value == named for hit in finder.finditer(guess.text))):
            return True
    return False


def _clause_words_shared(a: Claim, b: Claim, with_units: bool = False) -> int:
    from .nlp.bilingual import figure_words, shared_words

    def words(claim: Claim) -> tuple:
        q = claim.quantity
        return figure_words(claim.text, claim.language, q.start, q.end, "" if with_units else q.unit or "")

    x, y = words(a), words(b)
    return min(shared_words(x, y), shared_words(y, x))


def _measured_alike(x: str, a: Claim, y: str, b: Claim) -> bool:
    """Measured things no list knows ("w:stimme", "w:vote") compared as words across languages."""
    from .nlp.bilingual import similarity

    if not (x.startswith("w:") or y.startswith("w:")):
        return False   # two things the list knows, and they differ
    # a word no list knows against a known thing: the thing's name in English ("interest_rate"), or one of its
    # words in the list ("spend" is the budget's "spending")
    if x.startswith("w:") and y.startswith("w:"):
        return similarity(x[2:], a.language, y[2:], b.language) >= MEASURED_SIMILARITY
    (word, lang), known = ((x[2:], a.language), y) if x.startswith("w:") else ((y[2:], b.language), x)
    if similarity(word, lang, known.replace("_", " "), "en") >= MEASURED_SIMILARITY:
        return True
    # the list's words as written, in the word's own language ("spend" begins the budget's "spending"; across
    # languages, or by their translations, words meet too loosely: "vote" and "Wahlbeteiligung" 0.75)
    return len(word) >= 5 and any(name_lang == lang and fold(name).startswith(fold(word))
                                  for name, name_lang in _measured_terms().get(known, ()))


@lru_cache(maxsize=1)
def _measured_terms() -> dict:
    """Each measured thing's words in the list, by language ("budget": Haushalt, Ausgaben, spending …)."""
    from .nlp.lexicon import load

    out: dict = {}
    for thing in load("measured").get("things", []):
        out[thing["key"]] = tuple((term, language) for language, terms in thing.get("terms", {}).items()
                                  for term in terms if " " not in term)
    return out


def shared_keys(a: str, b: str) -> float:
    """How much of what the shorter text names the other names too (0 unless they share three things)."""
    from .nlp.subjects import content_keys

    x, y = content_keys(a), content_keys(b)
    smaller = min(len(x), len(y))
    return len(x & y) / smaller if len(x & y) >= 3 else 0.0


def _relate_by_meaning(statement: Claim, stored: Claim, similarity: float) -> Optional[Relation]:
    if similarity < MEANING_AGREE and not (
            similarity >= MEANING_WITH_SHARED_KEYS and shared_keys(statement.text, stored.text) >= SHARED_KEYS):
        return None
    if not placed_alike(statement, stored):
        return None
    source = _source(stored)
    if statement.negated != stored.negated:
        return Relation("conflicting", similarity,
                        f"Says the opposite: one {'denies' if stored.negated else 'asserts'} what the other "
                        f"{'asserts' if stored.negated else 'denies'} ({source}).")
    if _same_source(statement, stored):
        return Relation("matching", similarity, f"Same source ({stored.attributor.canonical}) says the same ({source}).")
    return Relation("corroborating", similarity, f"Another source says the same ({source}).")


@lru_cache(maxsize=4096)
def _unit_vector(text: str):
    from .encoder import embed

    return embed([text])[0]


def unit_similarity(a: str, b: str) -> float:
    """Meaning similarity of two counted nouns the lexicon does not know ('Brigaden' vs 'brigades')."""
    if not a or not b:
        return 0.0
    return float(_unit_vector(a.casefold()) @ _unit_vector(b.casefold()))


# Counts that only grow: what happened cannot un-happen (SEMANTICS.md, Time).
GROWING_EVENTS = frozenset({"poisoned", "killed", "injured", "hospitalised", "casualties", "evacuated", "arrested", "displaced", "rescued",
                            "infected", "vaccinated", "burned", "damaged"})
GROWING_CONCEPTS = frozenset({"cases", "deaths", "injured", "casualties", "evacuees", "arrests", "victims",
                              "vaccinations", "hospitalisations", "deportations"})
GROWING_VERBS = frozenset({"send", "deploy", "schicken", "entsenden", "verlegen", "infect", "infizieren",
                           "kill", "töten", "evacuate", "evakuieren", "arrest", "festnehmen", "destroy",
                           "zerstören", "damage", "beschädigen", "vaccinate", "impfen", "displace", "rescue",
                           "retten", "bergen", "recall", "zurückrufen",
                           # what has leaked out only adds up: "30.000 Liter Diesel liefen aus"
                           "leak", "auslaufen", "austreten", "spill", "seep", "versickern", "escape",
                           # what has been found so far is a running tally: "61 oiled birds had been found"
                           "find", "finden", "discover", "entdecken"})


def grows(claim: Claim) -> bool:
    """Whether the claim counts something that only grows over time (people killed, cases, soldiers sent)."""
    from .nlp.bilingual import english

    if claim.extra.get("event") in GROWING_EVENTS or claim.extra.get("concept") in GROWING_CONCEPTS:
        return True
    verb = claim.extra.get("verb") or claim.extra.get("measure_verb")
    return bool(verb) and (verb in GROWING_VERBS or bool(set(english(verb, claim.language)[:2]) & GROWING_VERBS))


def day_of(claim: Claim) -> Optional[date]:
    """The day a claim holds: the one its sentence names, else its publication date."""
    published = claim.citation.published if claim.citation and claim.citation.published else None
    day = None
    if claim.time and claim.time.start and (claim.extra.get("time_explicit", True) or not published):
        try:
            day = date.fromisoformat(claim.time.end or claim.time.start)
        except ValueError:
            day = None
    if published:
        try:
            published_day = date.fromisoformat(str(published)[:10])
        except ValueError:
            return day
        return published_day if day is None or day > published_day else day
    return day


def _timed(relation: Relation, claim: Claim) -> bool:
    """Claims the time rules apply to: counts of the statement's frame, not forecasts, changes or parts."""
    # (a part compared as a count of its own, "2,400 of the 6,500 staff" against 3,100, is timed like any count)
    return (claim.quantity is not None and not claim.forecast and not claim.quantity.increment
            and not relation.explanation.startswith(
                ("Forecast", "Related: a", "Part of", "Asked, offered")))


def in_time(statement: Claim, pairs: list[tuple[Relation, Claim]]) -> list[tuple[Relation, Claim]]:
    """The relations of one statement claim with the stored claims of its frame, decided in time
    (SEMANTICS.md, Time): when the statement speaks, each source's present figure then, the figures it
    superseded, and counts that only grow forming a timeline instead of conflicting."""
    if statement.quantity is None or statement.forecast:
        return pairs
    timed = [(r, c) for r, c in pairs if _timed(r, c) and day_of(c) is not None]
    if not timed:
        return pairs
    dated = statement.extra.get("time_explicit") or statement.citation is not None
    when = day_of(statement) if statement.time and dated else None
    spoken = set()   # every day the statement's source said the figure the statement repeats
    if when is None:
        # a statement that repeats a source's figure speaks of when that source said it; one that names no
        # source, of when any source said it
        agreeing = ("matching",) if statement.attributor is not None else ("matching", "corroborating")
        repeated = [day_of(c) for r, c in timed if r.relation in agreeing]
        when = max(repeated) if repeated else None
        spoken = set(repeated) if statement.attributor is not None else set()
    # a frame's count only grows when any of its claims names an event that only grows ("sent", "killed")
    growing = grows(statement) or any(grows(c) for _, c in timed)
    value = in_base(statement)
    # a source under any of its names: claims join the group of any claim of the same source, and groups
    # that a claim bridges are one ("farmers", "the state farmers' association", "Landesbauernverband")
    # (_same_source reads only a claim's source and language: each two distinct ones are compared once, and
    # `sources` holds a claim of each distinct one of each group)
    groups: list[list[tuple[Relation, Claim]]] = []
    sources: list[dict] = []
    same: dict[tuple, bool] = {}
    for pair in timed:
        key = _source_key(pair[1])

        def meets(seen: dict) -> bool:
            for k, c in seen.items():
                if (k, key) not in same:
                    same[k, key] = _same_source(c, pair[1])
                if same[k, key]:
                    return True
            return False

        hit = [i for i, seen in enumerate(sources) if meets(seen)]
        joined = [groups[i] for i in hit]
        groups = [g for i, g in enumerate(groups) if i not in hit]
        merged = {k: c for i in hit for k, c in sources[i].items()}
        sources = [seen for i, seen in enumerate(sources) if i not in hit] + [{key: pair[1], **merged}]
        groups.append([p for g in joined for p in g] + [pair])
    decided: dict[int, Relation] = {}
    for group in groups:
        days = [day_of(c) for _, c in group if when is None or day_of(c) <= when]
        present = max(days) if days else None
        current = [c for _, c in group if day_of(c) == present]
        for relation, claim in group:
            day = day_of(claim)
            if present is not None and day < present and (day not in spoken or _same_source(statement, claim)) and not any(same_figure(in_base(claim), in_base(c)) for c in current):
                later = current[0]
                decided[id(claim)] = Relation(
                    "related", min(relation.score, 0.5),
                    f"Earlier figure: {_fmt_claim(claim)} on {day}; the same source ({_who(claim)}) reported "
                    f"{_fmt_claim(later)} on {present}.")
                continue
            if when is None or day == when or day in spoken or relation.relation in ("matching", "corroborating"):
                continue
            if day > when and _same_source(statement, claim) and not growing:
                decided[id(claim)] = Relation(
                    "related", min(relation.score, 0.5),
                    f"Later figure: {_fmt_claim(claim)} on {day}, after {when}, the day the statement speaks of.")
                continue
            if not growing:
                continue
            low, high = _bounds(in_base(claim))
            v_low, v_high = _bounds(value)
            if day < when:
                if low > v_high:
                    decided[id(claim)] = Relation(
                        "conflicting", relation.score,
                        f"Cannot have shrunk: {_fmt_claim(claim)} ({_source(claim)}) was already reported on {day}, "
                        f"before {when}, and is above {_fmt_claim(statement)}.")
                elif high < v_low:
                    decided[id(claim)] = Relation(
                        "related", min(relation.score, 0.5),
                        f"Timeline: {_fmt_claim(claim)} on {day}, then {_fmt_claim(statement)} by {when}; "
                        f"a count that grew, not a contradiction.")
            else:
                if high < v_low:
                    decided[id(claim)] = Relation(
                        "conflicting", relation.score,
                        f"Cannot have shrunk: {_fmt_claim(claim)} ({_source(claim)}) on {day}, after {when}, "
                        f"is below {_fmt_claim(statement)}.")
                elif low > v_high:
                    decided[id(claim)] = Relation(
                        "related", min(relation.score, 0.5),
                        f"Timeline: {_fmt_claim(statement)} by {when}, then {_fmt_claim(claim)} on {day}; "
                        f"a count that grew, not a contradiction.")
    return [(decided.get(id(c), r), c) for r, c in pairs]


def _who(claim: Claim) -> str:
    return claim.attributor.canonical if claim.attributor else "unattributed"
