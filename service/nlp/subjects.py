"""What is counted: the noun after (or before) a figure, its owner ('nordkoreanische'), and the event."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .bilingual import in_dictionary
from .lexicon import TermFinder, both_languages, fold, load
from .model import Quantity
from .places import gazetteer

_TOKEN = re.compile(r"[\w][\w'’-]*", re.UNICODE)
_STOP = re.compile(r"[,;:.!?()\[\]„“”\"«»–]")
# Units a figure carries itself: currencies, percent, and a time taken in h:mm:ss (numbers._race_times)
_CURRENCY = {"EUR": "money_eur", "USD": "money_usd", "GBP": "money_gbp", "%": "percent", "seconds": "seconds"}


@dataclass
class Subject:
    key: Optional[str]            # concept (+ "@event"): claims are comparable only when keys are equal
    concept: Optional[str]
    event: Optional[str]
    owner: Optional[str]          # place id of a nationality ("nordkoreanische Soldaten" -> KP)
    unit_text: Optional[str]      # the noun as written
    label: Optional[str]          # "North Korean soldiers"
    scale: Optional[tuple] = None  # (factor, offset) into the concept's base unit: "120 mph" -> km/h
    verb: Optional[str] = None    # the content verb of the figure's clause, lemma ("zurückrufen", "capsize")
    head: Optional[str] = None    # head noun lemma of what is counted, compound head last ("fall")
    measure_verb: Optional[str] = None  # a measure's clause verb, lemma ("auslaufen": litres that leaked)


@dataclass(frozen=True)
class Lexicon:
    concepts: TermFinder          # term -> concept key
    labels: dict                  # concept key -> {"de": .., "en": ..}
    implied_event: dict           # concept key -> event key
    events: TermFinder            # phrase -> event key
    suffixes: list                # (folded term, concept) for German compounds, longest first
    measures: frozenset           # units of measure: what happened ("burned") does not change what 400 ha are
    generic: frozenset            # units that say nothing of what is measured (%, €, days): meaning must confirm
    people: frozenset             # people counted by what happened to them or what they did ("Menschen", "Teilnehmer")
    story: frozenset              # people counted for the article's event when their sentence names none ("Teilnehmer")
    persons: frozenset = frozenset()  # concepts that name people or a group of them ("Verdächtige", "children")
    roles: dict = None            # event -> concepts that name all it befell ("arrested": suspects)
    reached_by: dict = None       # state -> events that put what they befell in it ("in hospital": taken to hospital)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = load("subjects")
    entries, labels, implied = [], {}, {}
    for concept in data.get("concepts", []):
        key = concept["key"]
        labels[key] = concept.get("label", {})
        if concept.get("event"):
            implied[key] = concept["event"]
        entries += [(term, key) for term in both_languages(concept.get("terms", {}))]
    events = [(t, e["key"]) for e in load("events").get("events", []) for t in both_languages(e.get("terms", {}))]
    suffixes = sorted(((fold(t), k) for t, k in entries if len(t) >= 4 and " " not in t and t[:1].isupper()),
                      key=lambda pair: -len(pair[0]))
    concepts = data.get("concepts", [])
    return Lexicon(TermFinder(entries), labels, implied, TermFinder(events), suffixes,
                   frozenset(c["key"] for c in concepts if c.get("measure")),
                   frozenset(c["key"] for c in concepts if c.get("generic")),
                   frozenset(c["key"] for c in concepts if c.get("people")),
                   frozenset(c["key"] for c in concepts if c.get("story")),
                   frozenset(c["key"] for c in concepts if c.get("person")),
                   {e["key"]: frozenset(e.get("roles", ())) for e in load("events").get("events", [])},
                   {e["key"]: frozenset(e.get("reached_by", ())) for e in load("events").get("events", [])})


def _concept_of_token(token: str) -> Optional[str]:
    lex = lexicon()
    found = lex.concepts.get(token)
    if found:
        return found
    if "-" in token:
        found = lex.concepts.get(token.rsplit("-", 1)[1])
        if found:
            return found
    if token[:1].isupper() and len(token) > 5 and _may_be_compound(token):
        folded = fold(token)
        for suffix, concept in lex.suffixes:
            if folded.endswith(suffix) and len(folded) - len(suffix) >= 3:
                # German compound: "Militärbeamte" counts "Beamte"
                return concept if _compound_means(token, concept) else None
    return None


@lru_cache(maxsize=8192)
def _compound_means(word: str, concept: str) -> bool:
    """Whether a German compound counts its head's concept: unless the dictionary gives the whole word a meaning
    of its own that is not the concept ("Annahmestellen" are receiving offices, not jobs; "Badestellen"
    bathing areas; "Grippefälle" flu cases)."""
    if not in_dictionary(word):
        return True
    from .bilingual import english

    meanings = english(word, "de", heads=False)
    words = {w for meaning in meanings for w in re.split(r"[\s-]+", meaning.casefold())}
    return not meanings or bool(words & _english_terms(concept))


@lru_cache(maxsize=None)
def _english_terms(concept: str) -> frozenset:
    """The English words of a concept's terms ("jobs": job, jobs, positions, ...)."""
    for entry in load("subjects").get("concepts", []):
        if entry["key"] == concept:
            return frozenset(w for term in entry.get("terms", {}).get("en", []) for w in re.split(r"[\s-]+", term.casefold()))
    return frozenset()


@lru_cache(maxsize=65536)
def _may_be_compound(word: str) -> bool:
    """A German noun a compound's head may be read off: one the tagger splits, or one no dictionary knows as a
    word of its own ("Traktoren" is a word, not "Trak" and "Toren")."""
    from .reading import read

    tokens = read(word, "de").tokens
    return not in_dictionary(word) or bool(tokens) and len(tokens[0].parts) >= 2


_NOT_COUNTED = {"of", "them", "they", "those", "these", "it", "its", "their", "which", "who", "whom", "davon",
                "ihnen", "ihrer", "denen", "deren", "die", "der", "das", "sie", "es", "von", "und", "and", "or",
                "oder", "more", "mehr", "weitere", "other", "others", "andere", "anderen"}


_MORE_OR_OTHER = {"more", "mehr", "weitere", "other", "andere", "anderen"}


def _owner_in(text: str) -> Optional[str]:
    geo = gazetteer()
    hit = geo.demonyms.search(text)
    return geo.country(hit.value) or hit.value if hit else None


# A noun that names a count, so the counted noun may stand before the figure: "die Zahl der Toten
# steigt auf 1.200", "die Opferzahl liegt bei 40", "the death toll has risen to 1,500".
# "Zwölf mussten in Krankenhäuser gebracht werden", "14 were taken to hospital": a noun a preposition
# governs is where they went, not what is counted
_PLACE_PREPOSITION = re.compile(r"\b(in|im|ins|zu|zum|zur|nach|aus|auf|an|am|bei|mit|to|into|at|from|on|with|for|für)\s+"
                                r"(?:(?:der|die|das|den|dem|the|a|an|ein|eine|einem|einer)\s+)?$", re.IGNORECASE)
# "waren es", "sind es", "it was", "there were": a bare figure that counts what was counted just before.
_SAME_AGAIN = re.compile(r"\b(?:(?:waren|sind|seien|wären|war|ist|sei)\s+es|es\s+(?:waren|sind|seien)|it\s+(?:was|is)|"
                         r"there\s+(?:were|are)|(?:sprach|sprachen|spricht|sprechen|geht|ging)\s+(?:\w+\s+){0,2}?"
                         r"(?:von|aus)|(?:spoke|speaks|spoke)\s+of|(?:put|puts|gave|gives|estimated|estimates)\s+it\s+at|"
                         # "Das Unternehmen bleibt bei 3.100", "the company stuck to 3,100": a source keeps its figure
                         r"(?:bleibt|blieb|bleiben|blieben)\s+(?:\w+\s+){0,2}?bei|"
                         r"(?:stays?|stayed|sticks?|stuck|stands?|stood)\s+(?:\w+\s+){0,2}?(?:at|to|by))"
                         r"\b(?!.*\b(?:der|die|das|the)\b\s*$)", re.IGNORECASE)
_COUNTS_BARE = re.compile(r"\b(?:zählt|zählte|zählen|zählten|registriert|registrierte|counts|counted|has\s+counted|"
                          r"registered|recorded|has\s+recorded|spricht\s+von|sprach\s+von|speaks\s+of)"
                          r"(?:\s+(?:inzwischen|bislang|bisher|nun|jetzt|now|so\s+far|already|bereits|sogar|even))*"
                          r"\s+(?:(?:rund|etwa|gut|knapp|mehr\s+als|mindestens|über|about|some|around|at\s+least|"
                          r"more\s+than|nearly)\s+)?$", re.IGNORECASE)
_ENDS_CLAUSE = re.compile(r"\s*(?:[.;!?]|$)")
_COUNT_NOUN = re.compile(r"(zahl(?:en)?\b|\b(?:number|total|count|toll|tally|figure)s?\b)", re.IGNORECASE)


_HYPHEN_UNIT = re.compile(r"-([^\W\d_]+?)(?:s)?\b(?!-old)", re.UNICODE)
_HYPHEN_TWO_WORD_UNIT = re.compile(r"-([^\W\d_]+)-([^\W\d_]+?)(?:s)?\b", re.UNICODE)


# "41 of the coins", "elf der Münzen": a part of a whole the sentence does not count
_WHOLE_FIGURE = re.compile(r"[^\d,.;:]{0,40}?\b\d[\d.,]*\s+")
PARTITIVE = re.compile(r"\s+(?:of|von)\s+(?:the|these|those|its|their|den|diesen|(?-i:[A-ZÄÖÜ])[\w-]*['’]s)\s+",
                       re.IGNORECASE)
_COUNT_NOUN_AT = re.compile(r"\b(?:the|its|their|die|der|ihre|seine)\s+(?:(?:own|eigene)\s+)?(?:number|figure|total|count|tally|"
                            r"Zahl|Anzahl)\s+"
                            r"(?:at|auf|bei)\s+(?:(?:around|about|some|roughly|nearly|almost|more than|rund|etwa|"
                            r"ungefähr|knapp|mehr als|über)\s+)?$", re.IGNORECASE)
_ESTIMATED_AT = re.compile(r"\b(?:at|auf)\s+(?:(?:around|about|some|roughly|nearly|almost|more than|rund|etwa|"
                           r"ungefähr|knapp|mehr als|über)\s+)?$", re.IGNORECASE)


def _object_before(sentence: str, quantity: Quantity, language: str):
    """The noun right before "at"/"auf" in the figure's clause ("estimated the crowd at"), if it is one."""
    reading, clause = _figure_clause(sentence, quantity, language)
    first = reading.at(quantity.start)
    first = reading.after(quantity.start) if first is None else first
    if first is None:
        return None
    from .reading import TIME_WORD

    before = [t for t in reading.tokens[:first] if t.clause == clause]
    for k in range(len(before) - 1, -1, -1):
        token = before[k]
        if token.pos in ("APPR", "PRP") or token.number or token.pos in ("AV0", "ADV"):
            continue
        if not token.noun or token.proper or TIME_WORD.match(token.text):
            return None
        j = k - 1
        while j >= 0 and (before[j].pos in ("ART", "AT0", "PPOSAT", "DPS") or before[j].adjective):
            j -= 1
        governed = j >= 0 and before[j].pos in ("APPR", "APPRART", "PRP", "PRF")
        return None if governed else token
    return None


def counted(sentence: str, quantity: Quantity, language: str, *, fallback: Optional["Subject"] = None,
            story_event: Optional[str] = None, speaker_span: tuple = (0, 0)) -> Optional[Subject]:
    """The thing a figure counts, read from the words around it; None when nothing is counted.
    `story_event` is what the article is about ("demonstrieren" in its headline): people counted
    without a verb of their own ("250.000 Teilnehmer") are counted for it."""
    lex = lexicon()
    geo = gazetteer()
    concept, unit_text, owner, noun_start, noun_end = None, None, None, None, None

    hyphen = _HYPHEN_UNIT.match(sentence, quantity.end)
    two_words = _HYPHEN_TWO_WORD_UNIT.match(sentence, quantity.end)
    if two_words and lex.concepts.get(f"{two_words.group(1)} {two_words.group(2)}") in lex.measures:
        hyphen = two_words   # "a 900-square-metre headquarters": a unit of two words joined to the figure
    if quantity.unit in _CURRENCY:
        concept, unit_text = _CURRENCY[quantity.unit], quantity.unit
        noun_start = noun_end = quantity.end
    elif hyphen and lex.concepts.get(" ".join(hyphen.groups())) in lex.measures:
        # "a seven-year term", "a 15-month sentence", "a 40-kilometre stretch": the unit joined to the figure
        # says what it measures, whatever noun follows
        unit_text = " ".join(hyphen.groups())
        concept = lex.concepts.get(unit_text)
        noun_start, noun_end = quantity.end + 1, hyphen.end()
    else:
        after = sentence[quantity.end:quantity.end + 90]
        stop = _STOP.search(after)
        window = after[:stop.start()] if stop else after
        tokens = list(_TOKEN.finditer(window))[:5]
        hits = [h for h in lex.concepts.finditer(window) if tokens and h.start <= tokens[min(3, len(tokens) - 1)].start()
                and not _modifies_a_noun(sentence, quantity.end + h.end - 1, language)
                and not _PLACE_PREPOSITION.search(window[:h.start])
                and not _INDEFINITE_BEFORE.search(window[:h.start])
                and not _verb_between(sentence, quantity.end, quantity.end + h.start, language)]
        first = _head_noun_after(sentence, quantity, language)
        if first is not None and language == "de" and re.search(
                r"\b(?:an|am|auf|aus|bei|beim|durch|für|im|in|mit|nach|über|um|unter|von|vom|vor|wegen|zum|zur)\b",
                sentence[quantity.end:first.start]):
            hits = [h for h in hits if quantity.end + h.start >= first.start]   # (not "vom Hochwasser" in its phrase)
        if first is not None and quantity.unit is None:
            # the figure counts its own noun: "1.200 Cholerafälle im Bundesstaat Kassala" counts cases
            own = _concept_of_noun(first)
            hits = [h for h in hits if quantity.end + h.start <= first.start]
            if own is not None and hits and not re.search(r"[^\w\s-]", sentence[quantity.end:first.start]) and (
                    _only_nouns_between(sentence, quantity.end, first.start, language)):
                # "35 container ships": the head of the noun run counts, its modifiers do not; a unit of
                # measure before it is what the figure is ("45 Minuten Verspätung", "40 Tonnen Müll")
                unit = next((h for h in hits if h.value in lex.measures), None)
                hits = [unit] if unit is not None else [h for h in hits if quantity.end + h.end > first.start]
            if own is not None and not hits:
                concept, unit_text = own, first.text
                noun_start, noun_end = first.start, first.end
        if concept is None and hits:
            concept, unit_text = hits[0].value, hits[0].text
            noun_start, noun_end = quantity.end + hits[0].start, quantity.end + hits[0].end
        elif concept is None and (first is None or quantity.unit is not None):
            for token in tokens[:4]:
                if token.group(0).casefold() in _INDEFINITE:
                    break   # (a noun with its own article is not what the figure counts)
                found = _concept_of_token(token.group(0))
                if found and (_PLACE_PREPOSITION.search(window[:token.start()]) or _verb_between(
                        sentence, quantity.end, quantity.end + token.start(), language)):
                    break
                if found:
                    concept, unit_text = found, token.group(0)
                    noun_start, noun_end = quantity.end + token.start(), quantity.end + token.end()
                    break
        if concept is None and tokens:
            # "5.5 million Floridians", "3,000 Ukrainians", "200 Deutsche": people of a place
            word = tokens[0].group(0)
            place = next((geo.demonyms.get(w) for w in (word, word[:-1] if word.endswith("s") else None)
                          if w and w[:1].isupper() and geo.demonyms.get(w)), None)
            if place is not None:
                concept, unit_text = "people", word
                noun_start, noun_end = quantity.end + tokens[0].start(), quantity.end + tokens[0].end()
        if (concept is None and first is None and _ESTIMATED_AT.search(sentence[max(0, quantity.start - 30):quantity.start])
                and not _COUNT_NOUN.search(sentence[:quantity.start])):
            # (a noun right after the figure is what it counts: "auf zwölf Linien eingestellt")
            # "police estimated the crowd at around 300,000", "bezifferte die Menge auf 5.000": what the
            # estimate is of is the object before "at"
            noun = _object_before(sentence, quantity, language)
            if noun is not None and not _COUNT_NOUN.search(noun.text):
                concept = _concept_of_noun(noun) or "w:" + fold(noun.head)
                unit_text, noun_start, noun_end = noun.text, noun.start, noun.end
        if concept is None and fallback is not None and _COUNT_NOUN_AT.search(sentence[max(0, quantity.start - 40):
                                                                                 quantity.start]):
            # "The town's own count on the same day put the figure at 21,000": the count of the sentence before
            return fallback
        if concept is None:
            # "die Zahl der … Soldaten auf 10.000": the counted noun stands before the figure
            before = sentence[:quantity.start]
            clause_start = max(before.rfind(c) for c in ",;:(") + 1
            # (not a word of the source's name: "The tenants' association puts the number at 65,000")
            hits = [h for h in lex.concepts.finditer(before[clause_start:])
                    if not speaker_span[0] <= clause_start + h.start < speaker_span[1]]
            count = _COUNT_NOUN.search(before[clause_start:])
            counted_noun = _noun_after_count(sentence, clause_start + count.end(), language) if count else None
            if counted_noun is not None and not [h for h in hits if _COUNT_NOUN.search(h.text)]:
                # "die Zahl der Masernfälle … auf 42": the noun the count is of, by its own reading
                concept = _concept_of_noun(counted_noun) or "w:" + fold(counted_noun.head)
                unit_text = counted_noun.text
                noun_start, noun_end = counted_noun.start, counted_noun.end
            elif hits and count:
                # the noun that is itself the count ("death toll"), else the one the count is of
                # ("die Zahl der Toten"), else the count named in the sentence before ("… while police put the
                # figure at 300,000": the spectators), else the last one named
                named = ([h for h in hits if _COUNT_NOUN.search(h.text)]
                         or [h for h in hits if h.start >= count.end()])
                if not named and fallback is not None:
                    return fallback
                named = named or hits[-1:]
                chosen = named[0]
                concept, unit_text = chosen.value, chosen.text
                noun_start, noun_end = clause_start + chosen.start, clause_start + chosen.end
        if concept is None:
            # "put the number of heat admissions considerably higher, at around 420": the count's noun stands
            # before a comma in the same sentence
            counts = [m for m in _COUNT_NOUN.finditer(sentence[:quantity.start]) if m.start() >= speaker_span[1]
                      or m.end() <= speaker_span[0]]
            counted_noun = _noun_after_count(sentence, counts[-1].end(), language) if counts else None
            if counted_noun is not None and counted_noun.start < quantity.start:
                concept = _concept_of_noun(counted_noun) or "w:" + fold(counted_noun.head)
                unit_text, noun_start, noun_end = counted_noun.text, counted_noun.start, counted_noun.end
        if concept is None:
            rose = _ROSE_TO.search(sentence[max(0, quantity.start - 60):quantity.start])
            noun = _subject_before(sentence, max(0, quantity.start - 60) + rose.start(), language) if rose else None
            if noun is not None and not _COUNT_NOUN.search(noun.text):
                # "Tick-borne encephalitis cases have risen to 142", "Overnight stays rose to 2.1 million": the
                # subject of the change is what is counted
                concept = _concept_of_noun(noun) or "w:" + fold(noun.head)
                unit_text, noun_start, noun_end = noun.text, noun.start, noun.end
        if concept is None and fallback is not None and _COUNT_NOUN.search(sentence[:quantity.start]):
            return fallback  # "Ihre Zahl werde bald auf 12.000 steigen": the count named just before
        if concept is None and fallback is not None and (
                _SAME_AGAIN.search(sentence[:quantity.start]) or _COUNTS_BARE.search(sentence[:quantity.start])) and (
                _ENDS_CLAUSE.match(sentence, quantity.end)):
            # ("Der Bund der Steuerzahler zählt inzwischen 25.": a bare count at the clause's end counts again
            # what was counted before)
            # "Rund 600 Beschäftigte kamen … Nach Angaben von Verdi waren es sogar 850.": the figure gives the
            # count of the sentence before again, by another account
            return fallback
        partitive = PARTITIVE.match(sentence, quantity.end)
        if concept is None and partitive:
            # "they had recovered 41 of the coins": a part of the coins, counted as coins
            from .reading import read

            reading = read(sentence, language)
            # "Six of the water board's 40 wells": the whole's own figure stands before the noun counted
            whole = _WHOLE_FIGURE.match(sentence, partitive.end())
            start = reading.after(whole.end() if whole else partitive.end())
            noun = _noun_from(reading, start, reading.tokens[start].clause) if start is not None else None
            if noun is not None:
                concept = _concept_of_noun(noun) or "w:" + fold(noun.head)
                unit_text, noun_start, noun_end = noun.text, noun.start, noun.end
        # ("14 weitere Partien", "14 more games": a word of more or other before the noun it counts)
        more = (tokens and tokens[0].group(0).casefold() in _MORE_OR_OTHER and len(tokens) > 1 and first is not None
                and first.start == quantity.end + tokens[1].start())
        if concept is None and (more or not (tokens and tokens[0].group(0).casefold() in _NOT_COUNTED)):
            # a noun no list knows: the first noun after the figure in its own clause, by its lemma
            if first is not None:
                concept, unit_text = "w:" + fold(first.head), first.text
                noun_start, noun_end = first.start, first.end
    clause_event, verb = _clause_event(sentence, quantity, language)
    if concept is not None and concept not in lex.measures and not concept.startswith(("money", "percent")) and (
            verb in _HOLDS or _CAPACITY_OF.search(sentence[max(0, quantity.start - 40):quantity.start])
            or concept in lex.persons | {"people"} and _a_thing_holds(sentence, quantity, language)):
        # "the sold-out stadium holds 42,000", "Die Halle bietet Platz für 8.000 Menschen": how many a place
        # holds is its capacity, not a count of those something befell
        concept, clause_event, verb = "capacity", None, None
    if concept == "people" and _A_PLACE_OF.search(sentence[max(0, quantity.start - 60):quantity.start]):
        # "Lehnhausen, a city of 180,000 people", "das Bergdorf mit seinen 340 Einwohnern": how many live in a
        # place is its population, not people something befell
        concept, clause_event, verb = "population", None, None
    befallen = _nominalised_event(unit_text) if concept is not None and concept.startswith("w:") and unit_text else None
    if befallen is not None:
        # "rund 38 Vergifteten", "die 120 Evakuierten": a participle made a noun counts the people its event befell
        # ("Sieben Vergiftete liegen noch im Krankenhaus": the clause's own event first)
        concept, clause_event = "people", clause_event or befallen
    elif concept is not None and concept.startswith("w:") and unit_text and language == "de" and (
            _participle_of(unit_text) is not None):
        # "von etwa 800 Abgewiesenen": a participle no list knows, made a noun, counts the people its verb was
        # done to; the verb says what (the clause's own verb says what they do now: "warten", "liegen")
        concept, verb = "people", _participle_of(unit_text)
    by_count = noun_start is not None and noun_start < quantity.start and _COUNT_NOUN.search(sentence[:noun_start])
    if (_PLACE_PREPOSITION.search(sentence[max(0, quantity.start - 30):quantity.start]) and concept is not None
            and not by_count):
        # ("The number of people hurt … has risen to 31": "to" gives the count's new figure, not a place)
        # "Bei Durchsuchungen in drei Bundesländern wurden elf Verdächtige festgenommen": a figure inside a
        # preposition's phrase says where or with what; the clause's event befell something else
        clause_event, verb = None, None
    if concept is None and (clause_event in _PEOPLE_EVENTS or clause_event is None and verb and _passive_subject(
            sentence, quantity, language)) and not _noun_follows(sentence, quantity, language):
        # "Etwa 30 wurden verletzt", "40 were evacuated": a bare figure counts the people the event befell;
        # "Etwa 30 wurden vor Ort untersucht": or those a verb no list knows was done to
        concept, unit_text = "people", None
        noun_start = noun_end = quantity.end
    if concept is None and not _noun_follows(sentence, quantity, language):
        valued = _VALUE_OF.search(sentence[:quantity.start])
        noun = valued and _measure_named(sentence, valued.start(1), language)
        if noun is not None:
            # "eine Magnitude von 3,4", "a pH value of 6.2": the figure is a value of what the noun names
            concept, unit_text = "w:" + fold(noun.lemma), noun.text
            noun_start, noun_end = noun.start, noun.end
    if concept is None:
        return None

    # owner: "nordkoreanische Soldaten", "Nordkorea-Soldaten", "Soldaten aus Nordkorea", "Soldaten Nordkoreas"
    owner = _owner_in(sentence[quantity.end:noun_start]) if noun_start is not None else None
    if owner is None and noun_start and sentence[noun_start - 1:noun_start] == "-":
        prefix = re.findall(r"[\w]+$", sentence[:noun_start - 1])  # "Nordkorea-Soldaten"
        hit = geo.names.search(prefix[0]) if prefix else None
        owner = geo.country(hit.value) or hit.value if hit else None
    if owner is None and unit_text and "-" in unit_text:
        hit = geo.names.search(unit_text.split("-")[0])
        owner = geo.country(hit.value) or hit.value if hit else None
    if owner is None and noun_end is not None:
        m = re.match(r"\s+(?:aus|from|of)\s+(?:der |dem |the )?(\w[\w-]*(?:\s\w+)?)", sentence[noun_end:noun_end + 40])
        if m:
            hit = geo.names.search(m.group(1))
            owner = geo.country(hit.value) or hit.value if hit else None
        elif noun_start is not None and noun_start >= quantity.end:
            m = re.match(r"\s+(\w+s)\b", sentence[noun_end:noun_end + 30])  # genitive: "Soldaten Nordkoreas"
            hit = geo.names.search(m.group(1)) if m else None
            owner = geo.country(hit.value) or hit.value if hit else None
    if owner is None and noun_start is not None and noun_start < quantity.start:
        owner = _owner_in(sentence[max(0, noun_start - 40):noun_start])
    if owner is None:
        owner = _subject_owner(sentence, quantity, language, speaker_span)

    scale = None
    if (concept in lex.measures or concept.startswith("w:")) and unit_text:
        # (a unit's word read as a noun no list knows is the unit: "210,000 hectolitres of must")
        converted = units().get(fold(unit_text))
        if converted is not None:
            concept, scale = converted[0], converted[1:]
    event = lex.implied_event.get(concept)
    if event in ("injured", "infected", "poisoned"):
        # "sieben Verletzte liegen noch im Krankenhaus": the injured still in hospital, taken there, in intensive care
        event = _in_hospital(sentence, quantity, language) or event
    if event is None and concept not in lex.measures:
        event = clause_event
        person = concept in lex.persons or concept.startswith("w:")
        if not person and (event in _ONLY_PEOPLE or event in _ONLY_LIVING and concept not in _LIVING_THINGS):
            # "Zum Auftakt des Warnstreiks wurden 180 Flüge gestrichen": flights do not strike; "65.000 Wohnungen
            # fielen unter den Mietendeckel": homes are not killed
            event = None
    if event is None and concept in lex.story and not _own_verb(sentence, quantity, language):
        # (a clause with a verb of its own says what its figure did: "Zu der Feier waren 180 Gäste gekommen" are
        # not the story's guests in hospital)
        event = story_event
    label = concept_label(concept, unit_text, owner, language)
    # "12 Tote" and "12 Menschen getötet" count the same: nouns that imply an event count people,
    # and so do plain people nouns once an event says what they did ("250.000 Teilnehmer" of a protest)
    base = "people" if concept in lex.implied_event or (concept in lex.people and event) else concept
    head = reading_head(sentence, noun_start, language) if noun_start is not None else None
    return Subject(key=f"{base}@{event}" if event else concept, concept=concept, event=event,
                   owner=owner, unit_text=unit_text, label=label,
                   scale=scale if scale and scale != (1.0, 0.0) else None,
                   verb=None if event or concept in lex.measures else verb, head=head,
                   measure_verb=verb if concept in lex.measures else None)


@lru_cache(maxsize=1)
def _participle_events() -> dict:
    """German one-word participles of the events ("vergiftet", "evakuiert") by their folded form."""
    return {fold(t): e["key"] for e in load("events").get("events", []) for t in e.get("terms", {}).get("de", [])
            if " " not in t and t[:1].islower() and t.endswith("t")}


def _nominalised_event(word: str) -> Optional[str]:
    """The event a participle used as a noun names ("Vergifteten" -> poisoned), if any."""
    folded, events = fold(word), _participle_events()
    for ending in ("en", "er", "es", "em", "e"):
        if folded.endswith(ending) and folded[:-len(ending)] in events:
            return events[folded[:-len(ending)]]
    return None


# A German past participle's shape: "ge-" after any separable prefix, an inseparable prefix, or "-iert".
_PARTICIPLE_SHAPE = re.compile(r"^(?:[a-zäöü]{0,8}?ge[a-zäöüß]{3,}|(?:be|ver|er|ent|zer|emp|miss)[a-zäöüß]{3,}|"
                               r"[a-zäöü]{3,}iert)(?:t|en)$")


@lru_cache(maxsize=4096)
def _participle_of(word: str) -> Optional[str]:
    """The verb whose past participle a German noun is ("Abgewiesenen" -> abweisen), read by the tagger from
    the participle in a passive; None for a noun that is none ("Bewerber") or an adjective ("Gefangene")."""
    from .reading import read

    if not word[:1].isupper() or " " in word or "-" in word:
        return None
    folded = word.casefold()
    for ending in ("en", "e", "er", "es", "em"):
        if folded.endswith(ending) and _PARTICIPLE_SHAPE.match(folded[:-len(ending)]):
            tokens = read(f"Sie wurden {folded[:-len(ending)]}.", "de").tokens
            if len(tokens) > 2 and tokens[2].pos == "VV(PP)":
                return tokens[2].lemma.casefold()
    return None


# A noun and "von"/"of" right before a figure that no unit follows: the figure is that noun's value.
_VALUE_OF = re.compile(r"\b([^\W\d_]{4,})\s+(?:von|of)\s+(?:(?:rund|etwa|knapp|about|around|nearly|almost)\s+)?$")


def _measure_named(sentence: str, start: int, language: str):
    """The common noun at `start` when it can name a measured value: not a count's noun ("Zahl"), a change
    ("Anstieg", "increase") or a body's kind."""
    from .reading import read

    token = next((t for t in read(sentence, language).tokens if t.start == start), None)
    if token is None or not token.noun or token.proper or _COUNT_NOUN.search(token.text):
        return None
    if fold(token.lemma) in _CHANGE_MEANINGS or token.lemma.casefold() in _CHANGE_MEANINGS:
        return None
    from .entities import role_of

    return None if role_of(token.text, language) else token


def _passive_subject(sentence: str, quantity: Quantity, language: str) -> bool:
    """A bare figure opening its clause as the subject of a passive: "Etwa 30 wurden … untersucht", "About
    30 were examined"."""
    reading, clause = _figure_clause(sentence, quantity, language)
    own = reading.clause(clause)
    figure = next((k for k, t in enumerate(own) if t.number and quantity.start <= t.start < quantity.end), None)
    if figure is None:
        return False
    # ("The company said 1,300 had stopped work": a reporting verb and its subject before the figure's own clause)
    said = max((k + 1 for k, t in enumerate(own[:figure]) if fold(t.text) in _reporting_words()
                and all(not (u.noun or u.verb or u.auxiliary) for u in own[k + 1:figure])), default=0)
    if any(t.noun or t.verb or t.auxiliary for t in own[said:figure]):
        return False
    after = own[figure + 1:]
    if not after or not after[0].auxiliary:
        return False
    auxiliary = after[0].lemma.casefold()
    participle = any(t.pos.startswith("VV(PP)") or t.pos == "VVN" for t in after[1:])
    # (or of the perfect: "1,300 had stopped work", "Elf haben aufgegeben": people did what the verb says)
    return participle and auxiliary in ("werden", "be", "haben", "have")


# Events that befall people, so that a figure without a noun ("30 wurden verletzt") counts people.
# Events only people take part in, never the things counted beside them.
_ONLY_PEOPLE = frozenset({"on_strike", "protested", "voted", "arrested", "hired", "investigated"})
# Events that befall only the living, and the counted things of the word lists that live without being people.
_ONLY_LIVING = frozenset({"poisoned", "killed", "injured", "in_hospital", "hospitalised", "in_intensive_care", "infected",
                          "vaccinated", "missing", "casualties"})
_LIVING_THINGS = frozenset({"animals"})
_PEOPLE_EVENTS = frozenset({"poisoned", "killed", "injured", "in_hospital", "hospitalised", "in_intensive_care", "casualties",
                            "evacuated", "arrested", "investigated", "missing", "displaced", "rescued", "infected", "vaccinated", "laid_off", "hired", "on_strike", "protested"})


_HOSPITAL_EVENTS = ("in_intensive_care", "hospitalised", "in_hospital")


def _in_hospital(sentence: str, quantity: Quantity, language: str) -> Optional[str]:
    """The hospital event the figure's clause names beside another event word (in intensive care, taken to
    hospital, in hospital), if any."""
    reading, clause = _figure_clause(sentence, quantity, language)
    own = reading.clause(clause)
    if not own:
        return None
    found = {h.value for h in lexicon().events.finditer(sentence[own[0].start:own[-1].end])}
    _, phrases = _event_lemmas()
    ordered = [_lemma_key(t, own) for t in own]
    found |= {phrase[2] for phrase in phrases if phrase[0] == language and _phrase_in(phrase, language, ordered)}
    return next((event for event in _HOSPITAL_EVENTS if event in found), None)


def _figure_clause(sentence: str, quantity: Quantity, language: str):
    from .reading import read

    reading = read(sentence, language)
    return reading, reading.clause_of(quantity.start, quantity.end)


def _concept_of_noun(token) -> Optional[str]:
    """A noun's concept by its spelling, its lemma or its compound's head ("Cholerafälle" -> cases), unless the
    dictionary gives the compound a meaning of its own that is not the head's concept ("Annahmestellen" are
    receiving offices, not jobs; "Badestellen" bathing areas)."""
    found = _concept_of_token(token.text) or _concept_of_token(token.lemma)
    if found:
        return found
    concept = lexicon().concepts.get(token.head)
    if concept is None or token.head == fold(token.lemma):
        return concept
    return concept if _compound_means(token.lemma, concept) else None


def _modifies_a_noun(sentence: str, offset: int, language: str) -> bool:
    """"200.000 betroffenen Elektroautos": an adjective before a noun only says which ones are counted."""
    from .reading import read

    reading = read(sentence, language)
    i = reading.at(offset)
    if i is None or not reading.tokens[i].adjective:
        return False
    following = reading.tokens[i + 1:i + 3]
    return any(t.noun for t in following)


_ROSE_TO = re.compile(r"\b(?:(?:has|have|had)\s+)?(?:(?:risen|rose|rises|rise|climbed|climbs|grown|grew|grows|fallen|fell|falls|"
                      r"dropped|drops|increased|increases|decreased|decreases|jumped|jumps|stieg|stiegen|steigt|steigen|"
                      r"gestiegen|sank|sanken|sinkt|gesunken|kletterte|wuchs|wächst)\s+(?:\w+\s+){0,2}?(?:to|auf)"
                      # ("Scabies cases … have reached 212": a count reached is one risen to)
                      r"|reached|reaches|totals|totalled|totaled|numbered|erreichte|erreichten)\s+"
                      r"(?:(?:about|around|some|nearly|almost|more than|rund|etwa|knapp|mehr als|über)\s+)?$",
                      re.IGNORECASE)


def _subject_before(sentence: str, end: int, language: str):
    """The last common noun of the clause before `end` that no preposition governs: a change's subject."""
    from .reading import read

    reading = read(sentence, language)
    before = [t for t in reading.tokens if t.end <= end]
    if not before:
        return None
    clause = before[-1].clause
    for k in range(len(before) - 1, -1, -1):
        token = before[k]
        if token.clause != clause:
            return None
        if token.noun and not token.proper:
            j = k
            while j > 0 and before[j - 1].pos in ("ADJA", "AJ0", "ART", "AT0", "NN", "NN1", "NN2", "NP0", "NE") and not before[
                    j - 1].pos.startswith(("APPR", "PRP")):
                j -= 1
            if j > 1 and before[j - 1].pos == "PRP" and before[j - 2].pos == "VVN" and (
                    before[j - 3].noun and not before[j - 3].proper if j > 2 else False):
                return before[j - 3]   # "Scabies cases linked to Ahrenfeld care homes have reached": the cases
            if j > 0 and before[j - 1].pos.startswith(("APPR", "PRP")):
                # "in the district": a place, not the subject; the noun it follows is ("Cases in the district")
                if j > 1 and before[j - 2].noun and not before[j - 2].proper and before[j - 2].clause == clause:
                    return before[j - 2]
                return None
            return token
        if token.verb or token.pos.startswith(("VA", "VM", "VH", "VB")):
            continue
    return None


def _only_nouns_between(sentence: str, start: int, end: int, language: str) -> bool:
    from .reading import read

    between = [t for t in read(sentence, language).tokens if start <= t.start < end]
    return bool(between) and all(t.noun or t.adjective for t in between)


def _verb_between(sentence: str, start: int, end: int, language: str) -> bool:
    """"65,000 and estimates that tenants …": a noun past a verb belongs to another statement."""
    if not re.search(r"[^\W\d]{3,}", sentence[start:end]):
        return False
    from .reading import read

    return any(start <= t.start < end and t.verb for t in read(sentence, language).tokens)


def _head_noun_after(sentence: str, quantity: Quantity, language: str):
    """The counted noun after a figure in its clause: adjectives and articles may stand between, and of
    a run of nouns the last is the head ("58 measles cases")."""
    reading, clause = _figure_clause(sentence, quantity, language)
    start = reading.after(quantity.end)
    return _noun_from(reading, start, clause) if start is not None else None


_HOLDS = frozenset({"hold", "accommodate", "seat", "fassen"})
_CAPACITY_OF = re.compile(r"\b(?:capacity\s+(?:of|for)|room\s+for|Platz\s+für|Kapazität\s+(?:von|für)|"
                          r"(?:fasst|fassen|fasste)\s+(?:bis\s+zu\s+)?)\s*(?:(?:about|some|around|up to|rund|etwa|bis zu)\s+)?$",
                          re.IGNORECASE)
_THING_HOLDS = re.compile(r"\b(\w+)\s+(?:holds|can\s+hold|seats|can\s+seat|accommodates)\s+(?:(?:up\s+to|about|some|around|"
                          r"nearly|almost|more\s+than)\s+)?$")


def _a_thing_holds(sentence: str, quantity: Quantity, language: str) -> bool:
    """"the sold-out stadium holds 42,000": a thing, not a body or a person, that holds a figure."""
    from .entities import role_of

    m = _THING_HOLDS.search(sentence[max(0, quantity.start - 60):quantity.start])
    if m is None or language != "en":
        return False
    word = m.group(1)
    return word[:1].islower() and not role_of(word, "en") and lexicon().concepts.get(word) not in lexicon().persons \
        and word not in ("it", "they", "he", "she", "who", "which")


_A_PLACE_OF = re.compile(r"(?:\b(?:city|town|village|hamlet|district|municipality|community|island|county|region|country)"
                         r"\s+of|\b(?:[Ss]tadt|[Dd]orf|[Gg]emeinde|[Oo]rt|[Kk]reis|[Ii]nsel|[Rr]egion|[Ll]and)\w*\s+mit(?:\s+(?:seinen|ihren))?"
                         r"|\bmit\s+(?:seinen|ihren))\s+(?:(?:about|some|around|roughly|nearly|almost|more than|just over|"
                         r"rund|etwa|knapp|gut|fast|mehr als|über)\s+)?$")
_INDEFINITE = frozenset({"ein", "eine", "einen", "einem", "einer", "eines", "a", "an"})
_INDEFINITE_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(_INDEFINITE)) + r")\s", re.IGNORECASE)


def _verb_after_plural(tokens, j: int) -> bool:
    """Whether the English singular "noun" after the plural noun at j is the clause's verb, which the tagger
    took for a noun: a plural noun modifies no noun after it, and a noun phrase follows the word ("900 of the
    complaints concern advance payments", "the shops face closure")."""
    if tokens[j].pos != "NN2" or tokens[j + 1].pos != "NN1" or j + 2 >= len(tokens):
        return False
    after = tokens[j + 2]
    return after.clause == tokens[j + 1].clause and (after.noun or after.adjective or after.pos in ("AT0", "DPS", "DT0"))


def _noun_from(reading, start: int, clause: int):
    geo = gazetteer()
    tokens = reading.tokens
    for i in range(start, min(start + 4, len(tokens))):
        token = tokens[i]
        if token.clause != clause:
            return None
        # (a German noun the tagger took for a name after a capitalised figure: "Drei Smartphones")
        misread = reading.language == "de" and token.proper and i == start and in_dictionary(token.lemma or token.text)
        if (token.noun and not token.proper or misread) and not geo.names.get(token.text):
            j = i
            while j + 1 < len(tokens) and tokens[j + 1].noun and not tokens[j + 1].proper and tokens[j + 1].clause == clause:
                if _verb_after_plural(tokens, j):
                    break
                j += 1
            if j > i and tokens[j].lemma.casefold() in _CHANGE_MEANINGS | {"loss"}:
                return tokens[j - 1]   # "240 job cuts", "3,000 job losses": the jobs, which the cut befalls
            if j + 2 < len(tokens) and tokens[j + 1].text in ("und", "and") and tokens[j + 2].noun and (
                    tokens[j + 2].text[:4].casefold() == tokens[j].text[:4].casefold()):
                return tokens[j + 2]   # "37 Ruderinnen und Ruderer": one noun in two forms, the last its head
            return tokens[j]
        if token.proper and i + 1 < len(tokens) and tokens[i + 1].noun and not tokens[i + 1].proper:
            continue   # "150 Velmar drivers", "3,000 Volkswagen workers": a name before the counted noun
        if reading.language == "de" and token.pos in ("APPR", "APPRART"):
            # "zwölf an Vogelmalaria verendete Pinguine", "300 vom Hochwasser betroffene Haushalte": a phrase
            # and its participle stand between the figure and the noun it counts
            for k in range(i + 1, min(i + 7, len(tokens) - 1)):
                if tokens[k].clause != clause or tokens[k].verb or tokens[k].number or not tokens[k].text[:1].isalnum():
                    break
                if tokens[k].adjective and tokens[k + 1].noun and not tokens[k + 1].proper and tokens[k + 1].clause == clause:
                    return tokens[k + 1]
            return None
        if token.text.casefold() in _INDEFINITE:
            return None   # "etwa 1.300 [besuchen] ein berufliches Gymnasium": a noun with its own article is not counted
        if not (token.adjective or token.pos in ("ART", "AT0", "ADV", "AV0") or token.number
                or token.text.casefold() in _MORE_OR_OTHER):   # ("14 more games")
            return None
    return None


def _noun_after_count(sentence: str, offset: int, language: str):
    """The noun a count noun is of: "die Zahl der Masernfälle", "the number of flights"."""
    from .reading import read

    reading = read(sentence, language)
    start = reading.after(offset)
    if start is None:
        return None
    token = reading.tokens[start]
    if token.text.casefold() in ("der", "des", "an", "von", "of", "the"):
        start += 1
    return _noun_from(reading, start, reading.tokens[min(start, len(reading.tokens) - 1)].clause) if start < len(reading.tokens) else None


def _noun_follows(sentence: str, quantity: Quantity, language: str) -> bool:
    reading, clause = _figure_clause(sentence, quantity, language)
    start = reading.after(quantity.end)
    if start is None:
        return False
    token = reading.tokens[start]
    return token.clause == clause and token.noun


def reading_head(sentence: str, offset: int, language: str) -> Optional[str]:
    """The head lemma of the noun at an offset ("Grippefälle" -> "fall", "cases" -> "case")."""
    from .reading import read

    reading = read(sentence, language)
    index = reading.at(offset)
    if index is None:
        return None
    token = reading.tokens[index]
    return fold(token.head) if token.noun else None


@lru_cache(maxsize=1)
def _event_lemmas() -> tuple[dict, list]:
    """The event lexicon by lemma: single words ("getötet" -> töten, "evacuated" -> evacuate) and phrases as
    sets of content lemmas ("in Sicherheit gebracht" -> {sicherheit, bringen}), so that inflected and
    discontinuous forms are found too ("Der Sturm tötete 16 Menschen", "brachte 300 Bewohner in Sicherheit")."""
    from .cache import cached

    # read back from the derived cache (service/nlp/cache.py) once built: tagging the phrases takes 0.2 s
    events = load("events").get("events", [])
    return cached("event-lemmas-by-class-particles", events, lambda: _read_event_lemmas(events))


def _read_event_lemmas(events: list) -> tuple[dict, list]:
    from .reading import read

    single, phrases = {}, []
    for entry in events:
        for language in ("de", "en"):
            for term in entry.get("terms", {}).get(language, []):
                words = [t for t in read(term, language).tokens if t.text[:1].isalpha()]
                tokens = [t for t in words if t.noun or t.verb or t.adjective or _a_particle(t)]
                lemmas = frozenset(_lemma_key(t, tokens) for t in tokens if not _a_particle(t))
                if len(tokens) < len(words) and len(lemmas) < 2:
                    # a phrase the tagger reads as one content word ("left their homes": "left" read as an
                    # adjective) is not that word alone: keep every word but the little ones
                    order = tuple(t.lemma.casefold() for t in words if t.pos not in _LITTLE_WORDS)
                    if len(set(order)) >= 2:
                        phrases.append((language, frozenset(order), entry["key"], order))
                    continue
                if len(tokens) == 1 or len(lemmas) == 1 and any(_a_particle(t) for t in tokens) and any(
                        t.verb for t in tokens):
                    # (by its class too: the verb "contracted" is an event, the noun "contracts" is none; a verb
                    # with its particle is one word, "flown out" as "ausgeflogen")
                    single.setdefault((language, next(iter(lemmas)), tokens[0].noun and len(tokens) == 1), entry["key"])
                elif len(lemmas) >= 2:
                    order = tuple(_lemma_key(t, tokens) for t in tokens if not _a_particle(t))
                    phrases.append((language, lemmas, entry["key"], order))
    return single, phrases


def _phrase_in(phrase: tuple, language: str, ordered: list) -> bool:
    """Whether a phrase of the event lexicon is in a clause's lemmas: in German in any order (the verb moves
    to the end), in English in the phrase's order ("left their homes", not "homes were left without water")."""
    _, lemmas, _, order = phrase
    if not lemmas <= set(ordered):
        return False
    if language != "en":
        return True
    position = 0
    for lemma in order:
        try:
            position = ordered.index(lemma, position) + 1
        except ValueError:
            return False
    return True


# Articles, pronouns and particles: words a phrase of the event lexicon may leave out.
_LITTLE_WORDS = frozenset({"ART", "AT0", "PPOSAT", "DPS", "PPER", "PNP", "PRF", "PRP", "APPR", "APPRART", "TO0",
                           "PTKZU", "KON", "CJC", "PRF", "DT0", "PIAT", "PIS", "PRELS", "PRELAT", "VA(FIN)", "VA(INF)",
                           "VM(FIN)", "VHD", "VHB", "VHZ", "VBD", "VBB", "VBZ", "VM0"})


def _lemma_key(token, tokens) -> str:
    particle = next((t.text.casefold() for t in tokens if t.particle), "") or _english_particle(token, tokens)
    lemma = token.lemma.casefold()
    return particle + lemma if token.verb and particle else lemma


def _a_particle(token) -> bool:
    """A verb's particle: German's separated one ("gab … bekannt") or an English adverb particle ("flown … out")."""
    return token.particle or token.pos == "AVP"


def _english_particle(token, tokens) -> str:
    """An English verb's adverb particle after it, before any other verb ("flown 140 residents out")."""
    if not token.verb or token.pos.startswith("VV("):   # (German tags: its particle is read by the tagger)
        return ""
    after = [t for t in tokens if t.start > token.start]
    for t in after[:8]:
        if t.verb or t.auxiliary:
            return ""
        if t.pos == "AVP":
            return t.text.casefold()
    return ""


def _event_by_lemma(clause: list, language: str, skip: frozenset = frozenset()) -> Optional[str]:
    from .bilingual import english

    single, phrases = _event_lemmas()
    # (an English noun before the verb of a figure after it is the subject, not what befell the counted:
    # "World chess body FIDE is reviewing 14 more games")
    finite = next((k for k, t in enumerate(clause) if t.pos in ("VBZ", "VBB", "VBD", "VHZ", "VHB", "VHD", "VVZ", "VVD",
                                                                 "VDZ", "VDB", "VDD", "VM0")), None)
    figure = next((k for k, t in enumerate(clause) if t.number), None)
    subject = range(finite) if language == "en" and finite is not None and figure is not None and figure > finite else ()
    # (an English noun that modifies the next noun names no event: "poisoned by death caps", not the dead)
    # ("after eating death caps": a noun before another noun modifies it, wherever it stands)
    modifier = {k for k, t in enumerate(clause[:-1]) if language == "en" and t.noun and not t.proper
                and clause[k + 1].noun and not clause[k + 1].proper and k > 0 and not clause[k - 1].number}
    subject = set(subject) | modifier
    # in the clause's order: a set's order changes with the interpreter's string hashing, run to run
    ordered = [_lemma_key(t, clause) for t in clause if (t.noun or t.verb or t.adjective) and not t.number]
    lemmas = set(ordered)
    for lemma, noun in [(_lemma_key(t, clause), t.noun) for k, t in enumerate(clause) if (t.noun or t.verb or t.adjective)
                        and not t.number and not (t.noun and k in subject) and k not in skip]:
        found = single.get((language, lemma, noun))
        if found:
            return found
    for phrase in phrases:   # ("Clinics in Kelbra have admitted 90": a phrase may hold the subject)
        if phrase[0] == language and _phrase_in(phrase, language, ordered):
            return phrase[2]
    if language == "de":
        # a German verb no list has: its English translations ("töten" -> kill)
        for token in clause:
            if token.verb:
                for meaning in english(_lemma_key(token, clause), "de")[:3]:
                    found = single.get(("en", meaning, False))
                    if found:
                        return found
    return None


@lru_cache(maxsize=1)
def _light_verbs() -> frozenset:
    data = load("markers").get("light_verbs", {})
    reporting = load("attributors").get("reporting_words", {})
    words = both_languages(data) + [w for w in both_languages(reporting) if " " not in w]
    return frozenset(w.casefold() for w in words)


def _describes_another_noun(own: list, k: int, counted) -> bool:
    """"260 fragments from the destroyed satellite", "12 Menschen aus dem zerstörten Haus": an event's word
    before a noun in a preposition's phrase after the counted noun says what befell that noun."""
    token = own[k]
    if not (token.adjective or token.pos in ("VVN", "VV(PP)")) or k + 1 >= len(own) or not own[k + 1].noun:
        return False
    before = own[max(0, k - 2):k]
    return (any(t.pos.startswith(("APPR", "PRP", "PRF")) for t in before) and counted is not None
            and counted.start < token.start and own[k + 1].start != counted.start)


def _attributive_elsewhere(own: list, counted) -> frozenset:
    """The positions in a clause of event words that describe another noun than the counted one."""
    return frozenset(k for k in range(len(own)) if _describes_another_noun(own, k, counted))


def _clause_event(sentence: str, quantity: Quantity, language: str) -> tuple[Optional[str], Optional[str]]:
    """What happened to what a figure counts: a known event named in the figure's own clause, else one in
    a clause of the sentence that holds no figure of its own; and the clause's content verb, by lemma, for
    events no list knows ("in Brand geraten", "ruft … zurück")."""
    light = _light_verbs()
    lex = lexicon()
    reading, clause = _figure_clause(sentence, quantity, language)
    own = reading.clause(clause)
    event = None
    if own:
        lo, hi = own[0].start, own[-1].end
        elsewhere = _attributive_elsewhere(own, _head_noun_after(sentence, quantity, language))
        found = [h for h in lex.events.finditer(sentence[lo:hi])
                 if not any(lo + h.start <= own[k].start < lo + h.end for k in elsewhere)]
        if found:
            # the event nearest the figure within its clause
            event = min(found, key=lambda h: abs(lo + h.start - quantity.start)).value
    if event is None and own:
        event = _event_by_lemma(own, language, skip=elsewhere)
    if event is None and own:
        event = _relative_clause_event(reading, sentence, _head_noun_after(sentence, quantity, language), language)
    if event is None:
        figures = {t.clause for t in reading.tokens if t.number and t.clause != clause}
        # a clause with a verb of its own says what happened in it ("…des Warnstreiks … gezogen: rund 85.000
        # Reisende waren betroffen"), unless an infinitive completes it ("aufgefordert, ihre Häuser zu verlassen")
        verbless = not any(t.verb or t.auxiliary for t in own)
        completing = {t.clause for t in reading.tokens if t.clause > clause and t.pos in ("PTKZU", "TO0", "VV(IZU)")}
        others = []
        for h in lex.events.finditer(sentence):
            where = reading.clause_of(h.start, h.end)
            if where not in figures and (verbless or where in completing):
                others.append((abs(h.start - quantity.start), h.value))
        event = min(others)[1] if others else None
    verb = None
    particles = [t for t in own if t.particle]
    for token in own:
        if token.verb and not token.auxiliary:
            lemma = token.lemma.casefold()
            if particles and language == "de":
                lemma = particles[-1].text.casefold() + lemma
            if lemma not in light and token.text.casefold() not in light:
                verb = lemma
    return event, verb


_RELATIVE_PRONOUNS = ("PRELS", "PNQ")


def _relative_clause_event(reading, sentence: str, head, language: str) -> Optional[str]:
    """The event a relative clause on the counted noun names, when that clause holds no figure of its own
    ("52 Menschen, die in Kliniken gebracht worden seien"; "Patienten, bei denen …")."""
    if head is None:
        return None
    index = next((i for i, t in enumerate(reading.tokens) if t is head), None)
    if index is None:
        return None
    rest = reading.tokens[index + 1:index + 4]
    while rest and rest[0].pos in ("$,", "PUN", "APPR", "PRP"):
        rest = rest[1:]
    if not rest or rest[0].pos not in _RELATIVE_PRONOUNS or rest[0].clause == head.clause:
        return None
    relative = reading.clause(rest[0].clause)
    if any(t.number for t in relative):
        return None
    lo, hi = relative[0].start, relative[-1].end
    found = [h for h in lexicon().events.finditer(sentence[lo:hi])]
    if found:
        return min(found, key=lambda h: h.start).value
    return _event_by_lemma(relative, language)


def _own_verb(sentence: str, quantity: Quantity, language: str) -> bool:
    """Whether the figure's clause has a verb of its own, light or not ("waren 180 Gäste gekommen"), other than
    one that only reports it ("Die Veranstalter sprachen von 250.000 Teilnehmern")."""
    reading, clause = _figure_clause(sentence, quantity, language)
    return any(t.verb and not t.auxiliary and fold(t.text) not in _reporting_words()
               and fold(t.lemma) not in _reporting_words() for t in reading.clause(clause))


@lru_cache(maxsize=1)
def _reporting_words() -> frozenset:
    words = load("attributors").get("reporting_words", {})
    # (a phrase's verb too: "sprach von", "geht davon aus")
    return frozenset(fold(w.split()[0]) for language in words.values() for w in language)


def _subject_owner(sentence: str, quantity: Quantity, language: str, speaker_span: tuple = (0, 0)) -> Optional[str]:
    """The owner given by the clause's subject: "Pjöngjang hat 2.000 Soldaten geschickt", "North Korea has
    sent 50,000 soldiers": a country or capital before the figure that no preposition governs."""
    from .attributors import _NOT_A_SPEAKER_BEFORE

    geo = gazetteer()
    reading, clause = _figure_clause(sentence, quantity, language)
    own = reading.clause(clause)
    lo = own[0].start if own else 0
    for hit in geo.names.finditer(sentence[lo:quantity.start]):
        start = lo + hit.start
        end = lo + hit.end
        if speaker_span[0] <= start < speaker_span[1]:
            continue   # "US says 10,000 troops": the speaker is not whose the troops are
        if sentence[end:end + 1] == "-" or sentence[max(0, start - 1):start] == "-":
            continue   # "US-Regierung": a compound names the speaker, not whose the counted thing is
        if geo.kind.get(hit.value) in ("country", "capital") and not _NOT_A_SPEAKER_BEFORE.search(
                sentence[max(0, start - 25):start]):
            return geo.country(hit.value) or hit.value
    return None


def concept_label(concept: str, unit_text: Optional[str], owner: Optional[str], language: str = "en") -> str:
    labels = lexicon().labels.get(concept, {})
    noun = labels.get("en") or labels.get(language) or unit_text or concept
    if owner:
        demonym = gazetteer().demonym_label.get(owner)
        if demonym:
            return f"{demonym} {noun}"
    return noun


_INCREMENT_AFTER = re.compile(r"^\s+(?:weitere|zusätzliche|more\b(?!\s+than))", re.IGNORECASE)
_INCREMENT_BEFORE = re.compile(r"\b(?:weitere|weiteren|zusätzlich|another|additional|further)\s+$", re.IGNORECASE)


def is_increment(sentence: str, quantity: Quantity) -> bool:
    """'1500 weitere Soldaten', 'weitere 1.500', 'another 500', '500 more': a change, not a total."""
    return (quantity.increment or bool(_INCREMENT_AFTER.match(sentence[quantity.end:quantity.end + 20]))
            or bool(_INCREMENT_BEFORE.search(sentence[max(0, quantity.start - 20):quantity.start])))


@lru_cache(maxsize=1)
def _measured() -> tuple[TermFinder, list]:
    things = load("measured").get("things", [])
    entries = [(term, thing["key"]) for thing in things for term in both_languages(thing.get("terms", {}))]
    stems = sorted(((fold(t), k) for t, k in entries if len(t) >= 5 and " " not in t), key=lambda p: -len(p[0]))
    return TermFinder(entries), stems


# A compound's head that names a change of what its first part names ("Gewinneinbruch": a drop in profit);
# any other head is what the compound is ("Preisgeld" is money, not a price).
# ("loss" is no change here: "Umsatzeinbußen" are losses, as a statement's "losses" are)
_CHANGE_MEANINGS = frozenset({"increase", "rise", "decrease", "decline", "drop", "fall", "growth", "gain",
                              "collapse", "slump", "jump", "surge", "plunge", "downturn", "upswing", "cut"})


def names_a_change(word: str, language: str) -> bool:
    """A noun that names a change ("Anstieg", "Plus", "increase"): a figure of it is a change, not a level."""
    if language == "en":
        return word.casefold() in _CHANGE_MEANINGS or word.casefold().rstrip("s") in _CHANGE_MEANINGS
    return _names_a_change(word) or fold(word) in ("plus", "minus")


@lru_cache(maxsize=4096)
def _names_a_change(rest: str) -> bool:
    from .bilingual import english

    rest = rest.casefold()
    for candidate in (rest, rest[1:] if rest[:1] == "s" else None):
        if candidate and set(english(candidate, "de", heads=False)[:8]) & _CHANGE_MEANINGS:
            return True
    return False


def measured_thing(sentence: str, quantity: Quantity, language: str, speaker_span: tuple = (0, 0)) -> Optional[str]:
    """What a generic figure (a percentage, an amount of money) measures: the measured noun nearest to
    it ("Gewinneinbruch von 64 Prozent" and "a 64% drop in profit" both measure profit), else the noun the
    share is of ("w:stimme"), else a guess from the figure's clause, marked "~" ("~w:bieten")."""
    finder, stems = _measured()
    # a term joined by a hyphen to the next word only modifies it: "SPD-Wähler" are voters, not the SPD
    found = [(h.start, h.end, h.value) for h in finder.finditer(sentence) if sentence[h.end:h.end + 1] != "-"]
    for token in _TOKEN.finditer(sentence):
        word = fold(token.group(0))
        if len(word) < 8 or finder.get(token.group(0)):
            continue
        for stem, key in stems:   # German compounds: "Strompreise" by its head, "Gewinneinbruch" by a change of it
            if (word.endswith(stem) or word.startswith(stem) and _names_a_change(word[len(stem):])) and (
                    len(word) - len(stem) >= 4):
                found.append((token.start(), token.end(), key))
                break

    from .reading import read

    reading = read(sentence, language)
    clause = reading.clause_of(quantity.start, quantity.end)
    # not the source's name ("Analysten der Hallberg Invest schätzen …"), not what a rate is per ("je Aktie")
    found = [hit for hit in found if not speaker_span[0] <= hit[0] < speaker_span[1]
             and not _PER_WORD.search(sentence[max(0, hit[0] - 8):hit[0]])]

    def distance(hit):
        lo, hi = (quantity.end, hit[0]) if hit[0] >= quantity.end else (hit[1], quantity.start)
        gap = sentence[lo:hi] if lo <= hi else ""
        # "den Schaden durch die Winterverluste auf 45 Millionen": a noun a preposition governs only
        # says how; what is measured is the phrase the figure belongs to
        governed = _MEASURE_PREPOSITION.search(sentence[max(0, hit[0] - 25):hit[0]])
        apart = re.search(r"[,;:]", gap) or reading.clause_of(hit[0], hit[1]) != clause
        return max(0, hi - lo) + (60 if apart else 0) + (40 if governed else 0)

    if found:
        return min(found, key=distance)[2]
    # "52,4 Prozent der Stimmen", "62 percent of Deutsche Bahn's long-distance trains": the noun the share
    # is of, by its lemma (a name before it owns it)
    m = _SHARE_OF.match(sentence, quantity.end)
    if m:
        start = reading.after(m.end())
        tokens = reading.tokens
        for k in range(start, min(start + 5, len(tokens))) if start is not None else ():
            token = tokens[k]
            if token.noun and not token.proper:
                while k + 1 < len(tokens) and tokens[k + 1].noun and not tokens[k + 1].proper:
                    k += 1   # "80 percent of tram services": the run's head
                return "w:" + fold(tokens[k].head)
            if not (token.adjective or token.proper or token.pos in ("ART", "AT0", "POS")):
                break
    guessed = _measured_by_reading(reading, quantity, speaker_span)
    return "~" + guessed if guessed else None


# Words of the figure itself ("4,2 Milliarden Euro"), never what it measures.
_SCALE_WORDS = frozenset({"million", "millionen", "milliarde", "milliarden", "billion", "billionen", "mio", "mrd",
                          "tausend", "thousand", "hundert", "hundred"})
_DETERMINERS = ("ART", "AT0", "PPOSAT", "DPS", "PDAT", "PIAT", "CARD", "CRD", "DT0", "ORD")
_PREPOSITIONS = ("APPR", "APPRART", "APPO", "PRP", "PRF")


def _measured_by_reading(reading, quantity: Quantity, speaker_span: tuple = (0, 0)) -> Optional[str]:
    """What a generic figure measures when no list names it: the noun right after the figure and its unit
    ("a 4.2 billion euro offer"), else the nearest noun or content verb before it, in its clause first, that
    is neither a name, nor governed by a preposition or another noun ("the cost of the attack at 20 million":
    the cost), nor part of the source ("dauerten nach Angaben der Staatsanwaltschaft 14 Monate": dauern)."""
    tokens = reading.tokens
    first = reading.at(quantity.start)
    first = reading.after(quantity.start) if first is None else first
    if first is None:
        return None
    last = max((i for i, t in enumerate(tokens) if t.start < quantity.end), default=first)
    lex = lexicon()

    def unit_like(token) -> bool:
        word = fold(token.text)
        concept = lex.concepts.get(token.text)
        return word in _SCALE_WORDS or concept in lex.measures or concept in lex.generic

    def governed(i: int) -> bool:
        j = i - 1
        while j >= 0 and (tokens[j].pos in _DETERMINERS or tokens[j].adjective):
            j -= 1
        # a German noun after another is its genitive ("Angaben der Staatsanwaltschaft"); an English one is
        # the head of a compound ("the street value")
        return j >= 0 and (tokens[j].pos in _PREPOSITIONS or (tokens[j].noun and reading.language == "de"))

    def word(token) -> Optional[str]:
        if speaker_span[0] <= token.start < speaker_span[1] or unit_like(token):
            return None
        if token.noun and not token.proper:
            head = lex.concepts.get(token.parts[-1].capitalize()) if len(token.parts) >= 2 else None
            if head is not None and (head in lex.measures or head in lex.generic):
                # "zwölf Verhandlungstage": the head is the figure's unit, the rest what is measured
                return "w:" + fold("".join(token.parts[:-1]))
            return "w:" + fold(token.lemma)
        if token.verb and not token.auxiliary:
            lemma = token.lemma.casefold()
            if lemma in _light_verbs() or token.text.casefold() in _light_verbs():
                return None
            particle = next((t for t in tokens[first:] if t.clause == token.clause and t.particle), None)
            return "w:" + (particle.text.casefold() if particle and reading.language == "de" else "") + lemma
        return None

    nxt = last + 1
    while nxt < len(tokens) and unit_like(tokens[nxt]):
        nxt += 1
    if nxt + 1 < len(tokens) and fold(tokens[nxt].text) in _COMPARED:
        nxt += 1   # "75 percent more insulin", "20 Prozent weniger Strom": the share is of what follows
    if nxt < len(tokens) and tokens[nxt].noun and not tokens[nxt].proper:
        while nxt + 1 < len(tokens) and tokens[nxt + 1].noun and not tokens[nxt + 1].proper:
            nxt += 1   # "a 4.2 billion euro takeover offer": the offer
        found = word(tokens[nxt])
        if found:
            return found
    clause = tokens[first].clause
    for own_clause in (True, False):
        for i in range(first - 1, -1, -1):
            token = tokens[i]
            if (token.clause == clause) != own_clause:
                continue
            if token.noun and (token.proper or governed(i)):
                continue
            found = word(token)
            if found:
                return found
    return None


# Comparatives between a share and the noun it is of.
_COMPARED = frozenset({"mehr", "weniger", "more", "less", "fewer"})


_MEASURE_PREPOSITION = re.compile(r"\b(durch|wegen|infolge|aufgrund|nach|from|due to|because of|after|by|to|für|for|an|on)\s+"
                                  r"(?:(?:der|die|das|den|dem|des|the|a|an|its|their|his|her|seine[mnrs]?|ihre[mnrs]?)\s+)?"
                                  r"(?:\w+\s+){0,2}$", re.IGNORECASE)
_PER_WORD = re.compile(r"\b(?:je|pro|per)\s+$", re.IGNORECASE)
_SHARE_OF = re.compile(r"\s*(?:%|Prozent|percent|per cent)?\s+(?:der|des|von|of|of the|aller)\b", re.IGNORECASE)


@lru_cache(maxsize=8192)
def content_keys(text: str) -> frozenset:
    """Language-independent keys of what a sentence is about: places (and the countries of nationality
    words), known sources, counted things and events. "Rutte: Nordkoreanische Truppen … Kursk" and
    "Mark Rutte sagte …, Einheiten aus Nordkorea seien in die Region Kursk verlegt worden" share most."""
    from .attributors import sources   # attributors imports this module's neighbours; import late

    geo, lex = gazetteer(), lexicon()
    keys = {"place:" + h.value for h in geo.names.finditer(text)}
    keys |= {"place:" + (geo.country(h.value) or h.value) for h in geo.demonyms.finditer(text)}
    keys |= {"source:" + h.value for h in sources().mentions.finditer(text)}
    keys |= {"thing:" + h.value for h in lex.concepts.finditer(text)}
    keys |= {"event:" + h.value for h in lex.events.finditer(text)}
    return frozenset(keys)


# Durations are one dimension, counted in days: "18 Monate" and "two years" are figures of one frame.
_DAYS = {"seconds": 1 / 86400, "minutes": 1 / 1440, "hours": 1 / 24, "days": 1.0, "weeks": 7.0,
         "months": 30.4375, "years": 365.25, "decades": 3652.5}


@lru_cache(maxsize=1)
def units() -> dict:
    """Folded unit term -> (concept, factor, offset) into the concept's base unit."""
    table = {}
    for unit in load("units").get("units", []):
        for term in unit["terms"]:
            table.setdefault(fold(term), (unit["concept"], float(unit["factor"]), float(unit.get("offset", 0.0))))
    for concept in load("subjects")["concepts"]:
        factor = _DAYS.get(concept["key"])
        if factor is not None:
            for term in both_languages(concept.get("terms", {})):
                table.setdefault(fold(term), ("days", factor, 0.0))
    return table


def base_unit(concept: Optional[str]) -> Optional[str]:
    return "days" if concept == "days" else load("units").get("base", {}).get(concept or "")
