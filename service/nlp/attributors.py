"""Who says it: 'laut X', 'nach Angaben X', 'X zufolge', 'X sagte', 'X said', 'X: …', pronouns, reports."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .lexicon import Hit, TermFinder, both_languages, fold, load
from .model import Attributor
from .places import gazetteer

# What a source gives: "nach Angaben", "nach Berechnung der Gewerkschaft", "nach Einschätzung des Herstellers".
ACCOUNT_NOUNS = (r"(?:Angaben|Berechnung(?:en)?|Rechnung|Schätzung(?:en)?|Einschätzung(?:en)?|Zählung(?:en)?|Darstellung|Auffassung|"
                 r"Ansicht|Meinung|Worten|Informationen|Erkenntnissen|Aussagen?|Mitteilung|Daten|Zahlen)")
_PREFIX_CUES = re.compile(
    r"\b(laut|nach\s+(?:eigenen\s+|übereinstimmenden\s+|ersten\s+|vorläufigen\s+|offiziellen\s+)?" + ACCOUNT_NOUNS +
    r"(?:\s+von|\s+des|\s+der|\s+aus)?|zufolge\s+von|according\s+to|citing|unter\s+Berufung\s+auf|so)\s",
    re.IGNORECASE)
_POSTFIX_CUE = re.compile(r"\s(zufolge)\b", re.IGNORECASE)
_OFFICIAL_NOUNS = (r"(Regierung|Behörden|Beamte|Beamten|Militärbeamte|Militärs|Geheimdienst|Armee|Militär|"
                   r"Regierungsvertreter|Stellen|officials|authorities|government|military|intelligence|army)")
_NAME = re.compile(r"(?:[A-ZÄÖÜ][\w'’.-]+\s?(?:&\s?(?=[A-ZÄÖÜ]))?){1,4}")
# A run of capitalised words right before a reporting verb: "Health Minister Fahrettin Koca said" (a name
# joined by an ampersand is one: "Brandt & Keller").
_NAME_BEFORE = re.compile(r"((?:[A-ZÄÖÜ][\w'’.-]*\s(?:&\s(?=[A-ZÄÖÜ]))?){1,5})$")
# Offices and bodies that stand before a name: "Gesundheitsminister Fahrettin Koca", "the disaster agency AFAD".
_OFFICE = re.compile(
    r"(minister|ministerin|präsident|präsidentin|president|sprecher|sprecherin|spokesman|spokeswoman|"
    r"spokesperson|bürgermeister|bürgermeisterin|mayor|chef|chefin|chief|head|governor|gouverneur|"
    r"direktor|direktorin|director|kommandeur|commander|general|secretary|sekretär|leiter|leiterin|"
    r"official|agency|behörde|amt|ministerium|ministry|department|senator|abgeordnete|"
    r"kanzler|kanzlerin|chancellor|premier|botschafter|ambassador|officer|inspector|inspektor)$", re.IGNORECASE)
# The offices above that are bodies, not a person's title.
_BODY_OFFICE = re.compile(r"(agency|behörde|amt|ministerium|ministry|department)$", re.IGNORECASE)
# Words that begin a sentence or a clause and never name a speaker.
_NOT_A_NAME = {"the", "it", "he", "she", "they", "we", "i", "this", "that", "there", "er", "sie", "es", "wir",
               "ich", "das", "die", "der", "dies", "man", "a", "an", "ein", "eine", "in", "on", "at", "am", "im",
               # what is said, not who says it: "laut Schätzungen", "nach Informationen"
               "schätzungen", "schätzung", "berichten", "berichte", "bericht", "angaben", "informationen",
               "erkenntnissen", "erkenntnisse", "daten", "zahlen", "statistik", "statistiken", "umfrage",
               "umfragen", "studie", "estimates", "estimate", "reports", "report", "data", "figures",
               "sources", "survey", "study", "statistics"}


@dataclass(frozen=True)
class Sources:
    mentions: TermFinder          # alias or person -> canonical
    kind: dict                    # canonical -> kind
    government_of: dict           # country id -> canonical
    reporting: TermFinder
    vague: TermFinder
    pronouns: TermFinder


@lru_cache(maxsize=1)
def sources() -> Sources:
    data = load("attributors")
    entries, kind, government_of = [], {}, {}
    for source in data.get("sources", []):
        canonical = source["canonical"]
        kind[canonical] = source.get("kind")
        if source.get("kind") == "government" and source.get("country"):
            government_of.setdefault(source["country"], canonical)
        for name in both_languages(source.get("aliases", {})) + list(source.get("people", [])):
            entries.append((name, canonical))
    markers = load("markers")
    return Sources(
        mentions=TermFinder(entries),
        kind=kind,
        government_of=government_of,
        reporting=TermFinder((w, True) for w in both_languages(data.get("reporting_words", {}))),
        vague=TermFinder((w, True) for w in both_languages(data.get("vague_report_phrases", {}))),
        pronouns=TermFinder((w, True) for w in both_languages(markers.get("pronoun_sources", {}))),
    )


def _country_government(place: str) -> str:
    known = sources().government_of.get(place)
    return known or f"{gazetteer().label(place, 'en')} government"


_NOT_A_SPEAKER_BEFORE = re.compile(
    r"\b(in|im|nach|aus|von|vom|bei|gegen|an|am|auf|für|über|mit|zwischen|durch|zur|zum|unter|vor|um|"
    r"to|into|from|against|with|for|of|on|at|in|near|toward|towards|between|across)\s+(?:der|die|das|dem|den|the)?\s*$",
    re.IGNORECASE)


def mentions(text: str, places_as_speakers: bool = False) -> list[Hit]:
    """Known sources named in the text: aliases, officials, and countries standing for their governments.
    A country after a preposition ("nach Russland", "from Russia") is a place, not a speaker."""
    found = [h for h in sources().mentions.finditer(text)
             if places_as_speakers or not _NOT_A_SPEAKER_BEFORE.search(text[max(0, h.start - 25):h.start])]
    taken = [(h.start, h.end) for h in sources().mentions.finditer(text)]
    geo = gazetteer()
    for hit in geo.names.finditer(text):
        if geo.kind.get(hit.value) in ("country", "capital") or hit.value in sources().government_of:
            if any(s < hit.end and hit.start < e for s, e in taken):
                continue
            if not places_as_speakers and _NOT_A_SPEAKER_BEFORE.search(text[max(0, hit.start - 25):hit.start]):
                continue
            found.append(Hit(hit.start, hit.end, hit.text, _country_government(geo.country(hit.value) or hit.value)))
    pattern = re.compile(rf"(\w+)\s+{_OFFICIAL_NOUNS}\b", re.IGNORECASE)
    for m in pattern.finditer(text):
        place = geo.demonyms.get(m.group(1))
        if place and not any(s < m.end() and m.start() < e for s, e in taken):
            found.append(Hit(m.start(), m.end(), m.group(0), _country_government(geo.country(place) or place)))
    return sorted(_refine_branch(text, _whose(text, h)) for h in found)


_POSSESSOR = re.compile(r"(\w+)(?:'s|’s)\s+$")


@lru_cache(maxsize=1)
def _country_of() -> dict:
    return {s["canonical"]: s["country"] for s in load("attributors").get("sources", []) if s.get("country")}


def _whose(text: str, hit: Hit) -> Hit:
    """"Germany's foreign office": a government's body after another country's possessive is that country's."""
    m = _POSSESSOR.search(text[max(0, hit.start - 30):hit.start])
    if m is None or sources().kind.get(hit.value) != "government":
        return hit
    geo = gazetteer()
    place = geo.names.get(m.group(1))
    country = geo.country(place) or place if place and geo.kind.get(place) == "country" else None
    if country is None or country == _country_of().get(hit.value):
        return hit
    start = hit.start - len(m.group(0))
    return Hit(start, hit.end, text[start:hit.end], _country_government(country))


_BRANCH = re.compile(r"(?:'s|’s|s)?\s+(?:(intelligence(?:\s+(?:service|agency|services|agencies|officials))?|spy\s+agency|"
                     r"Geheimdienst(?:es|e)?|Nachrichtendienst(?:es|e)?)|(military|army|armed\s+forces|Militär|Armee|Streitkräfte))\b",
                     re.IGNORECASE)


@lru_cache(maxsize=1)
def _branches() -> dict:
    """(country, kind) -> canonical of its intelligence service or military, where the table has one. An armed
    group of the country ("Wagner Group") or one of its arms ("Ukrainian Air Force") is not its military: only
    a body the table names as the country's military is ("US military command")."""
    out = {}
    governments = sources().government_of
    for source in load("attributors").get("sources", []):
        country, kind = source.get("country"), source.get("kind")
        if not country or kind not in ("intelligence", "military"):
            continue
        own = (governments.get(country) or "").removesuffix(" government")
        if kind == "military" and not (own and source["canonical"].startswith(f"{own} military")):
            continue
        out.setdefault((country, kind), source["canonical"])
    return out


def _refine_branch(text: str, hit: Hit) -> Hit:
    """"South Korea's intelligence service" is the country's intelligence service, not its government."""
    src = sources()
    if src.kind.get(hit.value) != "government":
        return hit
    m = _BRANCH.match(text, hit.end)
    country = next((c for c, canonical in src.government_of.items() if canonical == hit.value), None)
    if not m or country is None:
        return hit
    branch = _branches().get((country, "intelligence" if m.group(1) else "military"))
    return Hit(hit.start, m.end(), text[hit.start:m.end()], branch) if branch else hit


_QUOTE = re.compile(r"„[^“”\"]*[“”\"]|“[^”]*”|\"[^\"]*\"|«[^»]*»|»[^«]*«")


def _quoted(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTE.finditer(text)]


def _outside(hits, quoted):
    """Hits outside quotations: the speaker stands outside what is quoted."""
    return [h for h in hits if not any(s <= h.start < e for s, e in quoted)]


@dataclass
class Attribution:
    attributor: Optional[Attributor]
    how: str                      # explicit | colon | pronoun | vague | none
    span: tuple = (0, 0)          # where the attribution phrase sits in the sentence


def _nearest(hits: list[Hit], position: int, text: str, limit: int = 90) -> Optional[Hit]:
    """The mention closest to a verb, preferring one in the same clause."""
    best, best_distance = None, limit + 1
    for hit in hits:
        lo, hi = (position, hit.start) if hit.start >= position else (hit.end, position)
        distance = hi - lo + (60 if re.search(r"[,;:]", text[lo:hi]) else 0)
        if distance < best_distance:
            best, best_distance = hit, distance
    return best


def attribute(sentence: str, language: Optional[str] = None, deep: bool = True) -> Attribution:
    """The source a sentence names for what it says, if it names one: cue words and the alias table
    first, then the sentence's own grammar (the subject of a reporting verb, a name heading a colon,
    the body behind a report noun) for sources no list knows. A company named with its legal form is
    stored under its name without it ("Die Hallspitz Gletscherbahnen AG": Hallspitz Gletscherbahnen)."""
    from .entities import legal_name

    found = _attribute(sentence, language, deep)
    name = legal_name(found.attributor.text) if found.attributor is not None else None
    if name is not None:
        return Attribution(Attributor(found.attributor.text, name), found.how, found.span)
    return found


def _attribute(sentence: str, language: Optional[str], deep: bool) -> Attribution:
    from .entities import after_cue, generic_role_name, possessed_report, reported_by, speaker
    from .numbers import _guess_language

    found = _attribute_by_cues(sentence)
    if found.attributor is not None and _WHOSE_TERRITORY.match(found.attributor.text or ""):
        # "Das teilte das Gesundheitsamt des Landkreises mit": the genitive says whose body speaks
        from .entities import speaker

        language = language or _guess_language(sentence)
        named = speaker(sentence, language)
        if named is not None and named.end <= sentence.find(found.attributor.text) + 1:
            known = sources().mentions.get(named.name)
            found = Attribution(Attributor(named.text, known or named.name), found.how, (named.start, named.end))
    if deep and found.how == "vague":
        # "Aus dem Innenministerium hieß es", "In einer Mitteilung der Stadtwerke hieß es": a vague report
        # that names the body it comes from
        from .entities import out_of, reported_by

        language = language or _guess_language(sentence)
        named = reported_by(sentence, language) or out_of(sentence, language)
        if named is not None and not any(s <= named.start < e for s, e in _quoted(sentence)):
            return _explicitly(named)
    if deep and found.how == "pronoun" and found.span[0] > 0:
        # "The State Earthquake Service (LED) has recorded 310 earthquakes …, it said": the pronoun closing the
        # sentence stands for the subject that opened it
        from .entities import actor

        language = language or _guess_language(sentence)
        named = speaker(sentence, language) or actor(sentence, language)
        if named is not None and named.end <= found.span[0] and named.role != "report" and not any(
                s <= named.start < e for s, e in _quoted(sentence)):
            return _explicitly(named)
    if not deep or found.how in ("pronoun", "vague"):
        return found
    language = language or _guess_language(sentence)
    if found.attributor is None or any(_SPEAKING_FOR.search(w) for w in found.attributor.canonical.split()):
        # "Das teilte eine Sprecherin des Umweltministeriums mit", "so ein Sprecher der Deutschen Bahn": the
        # body the spokesperson speaks for
        from .entities import spokesperson_of

        body = spokesperson_of(sentence, language)
        if body is not None and not any(s <= body.start < e for s, e in _quoted(sentence)):
            return _explicitly(body)
    if found.attributor is not None and found.how == "explicit" and _a_place(found.attributor.text):
        named = speaker(sentence, language)
        if named is not None and named.role not in ("report", "described") and (any(
                w[:1].isupper() and not _a_place(w.rstrip("'’s")) for w in named.name.split())
                or named.role not in (None, "ministry") and named.name.split()[-1].casefold() not in _A_GOVERNMENTS_OWN):
            # "Germany's ZWL space surveillance centre said", "OrbitWatch, a US tracking company, said", "OSLO -
            # Satellite operator Keplon Systems said": a place that says whose or where is not the speaker that
            # the grammar names
            known = sources().mentions.get(named.name) or sources().mentions.get(named.text) or generic_role_name(named.name)
            return Attribution(Attributor(named.text, known or named.name), "explicit", (named.start, named.end))
    if found.attributor is not None and found.attributor.canonical in sources().kind:
        return _which_of_its_kind(found, sentence, language) if generic_role_name(found.attributor.canonical) else found
    if found.attributor is not None and found.attributor.canonical not in sources().kind:
        found = _body_not_place(found, language)
    if (found.attributor is not None and _common_noun(found.attributor.canonical, language)
            and not _PREFIX_CUES.match(sentence, found.span[0]) and not _OWN.search(sentence)):
        found = Attribution(None, "none")   # "sprach von 76 bestätigten Fällen": what was said, not who
    if found.attributor is not None and found.how == "explicit" and _PREFIX_CUES.match(sentence, found.span[0]):
        # "Nach Angaben der Agentur für Arbeit": the cue's noun phrase goes on past a small joining word
        cued = after_cue(sentence, language)
        if (cued is not None and cued.start < found.span[1] < cued.end and len(cued.name) > len(found.attributor.canonical)
                and fold(cued.name).startswith(fold(found.attributor.canonical))):
            known = sources().mentions.get(cued.name) or sources().mentions.get(cued.text)
            return Attribution(Attributor(cued.name, known or cued.name), found.how, (found.span[0], cued.end))
    if found.attributor is not None:
        # "Carmaker Vanta said": a descriptor before the name is not part of it
        named = speaker(sentence, language)
        if (named is not None and named.start < found.span[1] and found.span[0] < named.end and named.role != "report"
                and set(named.name.split()) < set(found.attributor.canonical.split())):
            # (only the words before the name are a descriptor: "Insolvenzverwalterin Karla Wendt" is Karla Wendt
            # where the grammar's name stopped at "Karla")
            words, name = found.attributor.canonical.split(), named.name.split()
            at = next((i for i in range(len(words)) if words[i:i + len(name)] == name), None)
            rest = words[at + len(name):] if at is not None else []
            kept = " ".join(name + rest) if rest and all(w[:1].isupper() for w in rest) else named.name
            return Attribution(Attributor(found.attributor.text, kept), found.how, found.span)
        if (named is not None and named.start <= found.span[0] < named.end and named.role not in ("report", "described")
                and (gazetteer().names.get(found.attributor.text) or " of " in named.name)
                and len(named.name.split()) > len(found.attributor.canonical.split())):
            # "The Bank of England said", "the Federal Bureau of Maritime Casualty Investigation says": the cue
            # words caught a part of the body's name
            return Attribution(Attributor(named.text, named.name), found.how, (named.start, named.end))
        if (named is not None and named.role not in ("report", "described")
                and not (named.start < found.span[1] and found.span[0] < named.end)
                and _PREFIX_CUES.match(sentence, found.span[0]) is None):
            # "Rheinmark Bank on Thursday reported": the cue words took the day; the grammar's subject is the source
            known = sources().mentions.get(named.name) or sources().mentions.get(named.text) or generic_role_name(named.name)
            return Attribution(Attributor(named.text, known or named.name), "explicit", (named.start, named.end))
        return found
    named = reported_by(sentence, language) or after_cue(sentence, language) or possessed_report(sentence, language)
    if named is None:
        named = speaker(sentence, language)
    if named is None:
        from .entities import participle_agent

        named = participle_agent(sentence, language)   # "the 1,800 hectares estimated by growers"
        if named is not None and any(s <= named.start < e for s, e in _quoted(sentence)):
            named = None
    if named is None:
        return found
    known = sources().mentions.get(named.name) or sources().mentions.get(named.text) or generic_role_name(named.name)
    return Attribution(Attributor(named.text, known or named.name), "explicit", (named.start, named.end))


def _explicitly(named) -> Attribution:
    """A source the sentence's grammar names, under the canonical name the alias table or its kind gives it."""
    from .entities import generic_role_name

    known = sources().mentions.get(named.name) or generic_role_name(named.name)
    return Attribution(Attributor(named.text, known or named.name), "explicit", (named.start, named.end))


_WHOSE_TERRITORY = re.compile(r"^(?:des|der)\s+(?:Landkreises|Kreises|Bezirks|Bezirkes|Landes|Stadt|Gemeinde|Bundes)$")


_REPORTED = re.compile(r"\d|\b(?:that|and|but|had|has|have|was|were|is|are|would|will)\b")


_SPEAKING_FOR = re.compile(r"^(?:[Ss]precher(?:in|innen)?|[Ss]pokes(?:man|woman|person))$")


# Head nouns of the bodies a country's possessive makes its government's ("Germany's defence ministry",
# "Ukraine's government"); a body of any other kind is one of its own ("Germany's weather service").
_A_GOVERNMENTS_OWN = frozenset({"ministry", "government", "military", "intelligence", "embassy", "army", "navy",
                                "office", "cabinet", "forces", "authorities", "president", "chancellery"})


def _which_of_its_kind(found: Attribution, sentence: str, language: str) -> Attribution:
    """"Water police say": the words before the kind's noun name which body of the kind it is."""
    from .entities import speaker

    named = speaker(sentence, language)
    if named is not None and named.role == "described" and named.start < found.span[0] < named.end and _noun_before(
            sentence, named.start, found.span[0], language):
        # "Mountain rescuers say": a noun before the kind's word says which body of the kind
        return Attribution(Attributor(named.text, named.name), found.how, (named.start, named.end))
    if named is None or named.role in ("report", "described"):
        return found
    if (named.start <= found.span[0] < named.end and named.name[:1].isupper() and not _place_name(named.name)
            and not set(fold(named.name).split()) & set(fold(found.attributor.text).split())):
        # "BEU accident investigators say", "Verdi union officials say": a body's name before the kind's noun
        # says whose people speak
        known = sources().mentions.get(named.name) or generic_role_name(named.name)
        return Attribution(Attributor(named.text, known or named.name), found.how, (named.start, named.end))
    if named.start <= found.span[0] < named.end and set(fold(found.attributor.canonical).split()) < set(
            fold(named.name).split()):
        return Attribution(Attributor(named.text, named.name), found.how, (named.start, named.end))
    if not (named.start < found.span[1] and found.span[0] < named.end) and _PREFIX_CUES.match(sentence, found.span[0]) is None:
        # "The German Red Cross … put the number at 40, saying many had not been registered by police": the
        # reporting verb's subject speaks, not a body the cue words found elsewhere in the sentence
        known = sources().mentions.get(named.name) or sources().mentions.get(named.text) or generic_role_name(named.name)
        return Attribution(Attributor(named.text, known or named.name), "explicit", (named.start, named.end))
    return found


# A body's name of capitalised words joined by small ones ("Landesamt für Umwelt", "Bank of England").
_JOINED_NAME = re.compile(r"[A-ZÄÖÜ][\w.&'’-]*(?:\s+(?:(?:für|for|of|the|des|der|und|and|de|du)\s+)+[A-ZÄÖÜ][\w.&'’-]*"
                         r"(?:\s+[A-ZÄÖÜ][\w.&'’-]*)*)+")


def _takes_a_thing(sentence: str, verb) -> bool:
    """"Twelve members … claimed expenses": an English reporting verb, not one of saying (which takes what is
    said without "that": "said repairs had begun"), whose object is a thing reports nothing."""
    from .entities import _SAYING
    from .reading import read

    if not re.match(r"\s+[a-z]", sentence[verb.end:verb.end + 3]) or not re.fullmatch(r"[a-z]+", verb.text):
        return False
    tokens = read(sentence, "en").tokens
    k = next((i for i, t in enumerate(tokens) if t.start >= verb.end), None)
    if k is None or k == 0 or tokens[k - 1].lemma.casefold() in _SAYING:
        return False
    return tokens[k].pos in ("NN1", "NN2")


def _a_place(text: str) -> bool:
    """A name of a place or its people, as written or in capitals ("OSLO")."""
    return bool(text) and (_place_name(text) or text.isupper() and len(text) > 3 and _place_name(text.title()))


def _place_name(name: str) -> bool:
    from .entities import toponym_like

    return bool(gazetteer().names.get(name) or gazetteer().demonyms.get(name)) or all(
        toponym_like(w) for w in name.split())


def _noun_before(sentence: str, start: int, end: int, language: str) -> bool:
    from .reading import read

    words = [t for t in read(sentence, language).tokens if start <= t.start < end]
    return bool(words) and all(t.noun for t in words)


def generic_role_name(name: str) -> Optional[str]:
    from .entities import generic_role_name as named

    return named(name)


def _own_subject(sentence: str) -> Optional[Attribution]:
    """"Die Stadt lässt sich den Marathon nach eigenen Angaben 1,2 Millionen Euro kosten": by its own
    account, the sentence's subject speaks."""
    from .entities import _named, _noun_phrase
    from .numbers import _guess_language
    from .reading import read

    tokens = read(sentence, _guess_language(sentence)).tokens
    phrase = _noun_phrase(tokens, 0, 1)
    if phrase and phrase[0].text.casefold() in ("den", "dem", "einen", "einem", "diesen"):
        # "Den nächsten Start will Orvana nach eigenen Angaben … verschieben": an object opens the
        # sentence, the subject follows the finite verb
        finite = next((k for k in range(len(phrase), len(tokens)) if tokens[k].pos.endswith("(FIN)")), None)
        phrase = _noun_phrase(tokens, finite + 1, 1) if finite is not None else []
    named = _named(phrase, sentence) if phrase else None
    if named is None:
        # "Brennfeld hat nach eigenen Angaben …", "Eine Verbraucherzentrale hat nach eigenen Angaben …": by its
        # own account the subject speaks, whatever noun names it (not a pronoun, not a figure)
        nouns = [t for t in phrase if t.noun or t.proper]
        if not nouns or any(t.number for t in phrase) or not nouns[-1].text[:1].isupper():
            return None
        head = nouns[-1]
        name = head.text if head.proper or not phrase[0].pos in ("ART", "AT0") and len(phrase) == 1 else head.lemma
        return Attribution(Attributor(sentence[phrase[0].start:head.end], name), "explicit",
                           (phrase[0].start, head.end))
    return Attribution(Attributor(named.text, generic_role_name(named.name) or named.name), "explicit",
                       (named.start, named.end))


def _lemma(word: str) -> str:
    from .reading import read

    tokens = read(word, "de").tokens
    if len(tokens) != 1 or not tokens[0].noun or tokens[0].proper:
        return word
    lemma = tokens[0].lemma
    # the word's own spelling up to the lemma's length ("Zolls" -> "Zoll", "US-Regierung" stays)
    return word[:len(lemma)] if word.casefold().startswith(lemma.casefold()) else word


def _single_noun(word: str) -> bool:
    """One capitalised noun that is neither what is said ("Schätzungen") nor a place."""
    return (len(word.split()) == 1 and word[:1].isupper() and word.casefold() not in _NOT_A_NAME
            and not word.casefold().endswith("angaben") and not gazetteer().names.get(word))


def _role(name: str) -> bool:
    """"laut Gesundheitsamt": a single word that names a kind of body is a source."""
    from .entities import role_of

    return bool(role_of(name, "de") or role_of(name, "en"))


def _body_not_place(found: Attribution, language: str) -> Attribution:
    """"teilte die Staatsanwaltschaft Brakenfeld mit": the body is the prosecutors, the town only says which."""
    from .entities import role_of

    canonical = found.attributor.canonical
    if not gazetteer().names.get(canonical) and not _place_like(canonical, found.attributor.text):
        return found
    words = [w for w in re.findall(r"[\w-]+", found.attributor.text) if w != canonical and w[:1].isupper()]
    body = next((w for w in words if role_of(w, language)), None)
    if body is None:
        return found
    return Attribution(Attributor(found.attributor.text, generic_role_name(body) or body), found.how, found.span)


def _place_like(canonical: str, text: str) -> bool:
    """A single proper name standing after a body's role noun ("Staatsanwaltschaft Brakenfeld")."""
    from .entities import role_of

    words = re.findall(r"[\w-]+", text)
    # the bodies named after their town ("Polizei Köln", "Staatsanwaltschaft Brakenfeld")
    return (len(canonical.split()) == 1 and canonical in words and words.index(canonical) > 0
            and bool(generic_role_name(words[words.index(canonical) - 1])))


def _common_noun(name: str, language: str) -> bool:
    """A single common noun that names no kind of body ("Fällen"): not a source."""
    from .entities import role_of
    from .reading import read

    tokens = read(name, language).tokens
    return (len(tokens) == 1 and tokens[0].noun and not tokens[0].proper and not role_of(name, language)
            and not re.fullmatch(r"[A-ZÄÖÜ]{2,}", name))


_OWN = re.compile(r"\b(nach eigenen Angaben|eigenen Angaben zufolge|by its own account|according to its own)",
                  re.IGNORECASE)


def _attribute_by_cues(sentence: str) -> Attribution:
    """The source named by cue words ('laut', 'nach Angaben', 'said') and the alias table."""
    src = sources()
    quoted = _quoted(sentence)
    hits = _outside(mentions(sentence), quoted)

    # "Kyodo: about 2,000 …" — a short source name heading the sentence
    colon = re.match(r"^\s*([^:.!?]{2,40}):\s", sentence)
    if colon and len(colon.group(1).split()) <= 4:
        head = [h for h in hits if h.end <= colon.end(1)]
        if head:
            return Attribution(Attributor(head[0].text, head[0].value), "colon", (colon.start(1), colon.end(1)))
        name = _speaker_name(colon.group(1))
        if name is None and _JOINED_NAME.fullmatch(colon.group(1).strip()):
            name = colon.group(1).strip()   # "Landesamt für Umwelt: …", "Zentrum für Weltraumlage: …"
        if name and (len(name.split()) >= 2 or re.fullmatch(r"[A-ZÄÖÜ]{2,}", name)):
            # "AFAD: 1,500 people died": a body the alias table does not know heads the sentence
            return Attribution(Attributor(colon.group(1).strip(), name), "colon", (colon.start(1), colon.end(1)))

    relayed = [m.end() for m in re.finditer(r"unter Berufung auf|citing", sentence, re.IGNORECASE)]

    def primary(candidates):
        return [h for h in candidates if not any(0 <= h.start - r <= 40 for r in relayed)]

    own = _OWN.search(sentence)
    if own:
        before = [h for h in hits if h.end <= own.start()]
        if before:
            return Attribution(Attributor(before[-1].text, before[-1].value), "explicit", (before[-1].start, own.end()))
        subject = _own_subject(sentence)
        if subject is not None:
            return subject
    vague = src.vague.search(sentence)
    # "nach Polizeiangaben", "Regierungsangaben zufolge": the source inside the compound
    compound = re.search(r"\b(?i:nach|laut)\s+([A-ZÄÖÜ]\w{2,}?)angaben\b|\b([A-ZÄÖÜ]\w{2,}?)angaben\s+zufolge\b", sentence)
    if compound and not any(s <= compound.start() < e for s, e in quoted):
        word = compound.group(1) or compound.group(2)
        stem = word[:-1] if word.endswith("s") else word          # Fugen-s: "Regierungsangaben"
        known = next(filter(None, map(src.mentions.get, (word + "angaben", word, stem, stem + "en"))), None)
        if known is None and (_role(stem) or _role(word)):
            # "nach Unternehmensangaben": the body of that kind, which the article resolves ("the company")
            known = generic_role_name(stem) or generic_role_name(word) or (stem if _role(stem) else word)
        if known:
            return Attribution(Attributor(word, known), "explicit", (compound.start(), compound.end()))
    for cue in _PREFIX_CUES.finditer(sentence):
        if " ".join(cue.group(1).lower().split()) in ("unter berufung auf", "citing") or any(s <= cue.start() < e for s, e in quoted):
            continue
        # "laut Schätzungen aus Seoul": here a place after a preposition does name the source
        after = [h for h in _outside(mentions(sentence, places_as_speakers=True), quoted) if 0 <= h.start - cue.end() <= 50
                 and not re.search(r"\b(?:in|im|bei|at|in the)\s+$", sentence[max(0, h.start - 8):h.start], re.IGNORECASE)]
        if cue.group(1).lower() == "so" and not after:
            continue
        direct = re.match(r"(?:der|des|dem|den|die|the)?\s*([A-ZÄÖÜ][\w-]+)\b", sentence[cue.end():])
        if after and direct and after[0].start > cue.end() + direct.end(1) and cue.group(1).lower() != "so" and (
                re.fullmatch(r"[A-ZÄÖÜ]{2,}", direct.group(1)) or _role(direct.group(1))):
            # "Laut DIB gibt es in Deutschland …": the name right after the cue, not a place further on
            name = direct.group(1)
            return Attribution(Attributor(name, sources().mentions.get(name) or generic_role_name(name) or name),
                               "explicit", (cue.start(), cue.end() + direct.end(1)))
        if not after and not (vague and vague.start <= cue.start() < vague.end):
            # "nach Angaben der Katastrophenschutzbehörde Afad": a body the alias table does not know
            m = re.match(r"(?:der|des|dem|den|die|von|the)?\s*((?:[A-ZÄÖÜ][\w'’.-]*\s?){1,5})", sentence[cue.end():])
            if m:
                m = _name_without_the_nouns_after_it(m, sentence[cue.end():])
            name = _speaker_name(m.group(1)) if m else None
            if m and name is None and (_role(m.group(1).strip()) or _single_noun(m.group(1).strip())):
                # "laut Gesundheitsamt", "nach Angaben des Zolls": after a cue a single noun names the body
                name = m.group(1).strip()
            if name and _role(name):
                name = generic_role_name(name) or name
            if name and len(m.group(1).split()) == 1 and _single_noun(name) and not re.fullmatch(r"[A-ZÄÖÜ]{2,}", name):
                name = _lemma(name)   # "des Zolls" -> Zoll
            if name and (len(m.group(1).split()) >= 2 or re.fullmatch(r"[A-ZÄÖÜ]{2,}", name) or _role(name)
                         or _single_noun(name)):
                known = src.mentions.get(m.group(1).strip()) or src.mentions.get(name)
                return Attribution(Attributor(m.group(1).strip(), known or name), "explicit",
                                   (cue.start(), cue.end() + m.end(1)))
        if after:
            speaker = _speaker_relayed_by(after[0], cue.start(), sentence, hits, quoted)
            if speaker is not None:
                return speaker
            return Attribution(Attributor(after[0].text, after[0].value), "explicit", (cue.start(), after[0].end))
    for cue in _POSTFIX_CUE.finditer(sentence):
        before = [h for h in hits if 0 <= cue.start() - h.end <= 40]
        if before:
            return Attribution(Attributor(before[-1].text, before[-1].value), "explicit", (before[-1].start, cue.end()))

    if vague and not hits:
        return Attribution(None, "vague", (vague.start, vague.end))
    verbs = [v for v in _outside(src.reporting.finditer(sentence), quoted)
             if not (vague and vague.start <= v.start < vague.end) and not _takes_a_thing(sentence, v)]
    for verb in verbs:
        # "sagte er", "he said", "fügte er hinzu": the speaker is the one named before
        tail = sentence[verb.end:verb.end + 4].lower()
        head = sentence[max(0, verb.start - 4):verb.start].lower()
        if re.match(r"\s(er|sie)\b", tail) or re.search(r"\b(he|she)\s$", head):
            return Attribution(None, "pronoun", (verb.start, verb.end))
        candidates = primary(hits)
        if verb.text.casefold() in _english_verbs():
            # English names the speaker before the verb, or right after it ("said the ministry"); a body
            # after the reported figure is part of what was said ("said 120 had fallen ill and accused the
            # authorities")
            candidates = [h for h in candidates if h.end <= verb.start or not _REPORTED.search(sentence[verb.end:h.start])]
        hit = _nearest(candidates, (verb.start + verb.end) // 2, sentence)
        if hit:
            return Attribution(Attributor(hit.text, hit.value), "explicit", (min(hit.start, verb.start), max(hit.end, verb.end)))
    for phrase in src.pronouns.finditer(sentence):
        if len(phrase.text.split()) > 1:
            return Attribution(None, "pronoun", (phrase.start, phrase.end))
    if vague:
        return Attribution(None, "vague", (vague.start, vague.end))
    for verb in verbs:
        # "Health Minister Fahrettin Koca said", "the disaster agency AFAD said", "Das Hurrikanzentrum meldete"
        window = sentence[max(0, verb.start - 80):verb.start]
        m = _NAME_BEFORE.search(window)
        name = _speaker_name(m.group(1)) if m else None
        if name and verb.text.casefold() not in _english_verbs() and not re.search(
                r"(^|[,;:„“\"(]\s*|\b(?:der|die|das)\s)$", window[:m.start(1)], re.IGNORECASE):
            name = None  # German puts the object before a final verb: "einen Einbruch von 64 Prozent gemeldet"
        if name:
            start = verb.start - len(m.group(1))
            return Attribution(Attributor(m.group(1).strip(), name), "explicit", (start, verb.end))
        # "sagte Bürgermeister Hans Müller": a speaker the alias table does not know
        m = _NAME.match(sentence, verb.end + 1) or None
        name = _speaker_name(m.group(0)) if m and m.group(0).strip() else None
        if name and len(m.group(0).split()) == 1 and not re.match(
                r"\s*([.,;:!?)“”\"]|$|(am|an|on|in|im|bei|at|dem|der|den|auf|zu|gegenüber|to|vor|nach|zufolge|"
                r"hinzu|mit|weiter|zudem|außerdem|später|bereits|auch|also|afterwards|later)\b)", sentence[m.end():]):
            name = None  # "meldete Windgeschwindigkeiten von …": a noun after the verb is what was reported
        if name:
            return Attribution(Attributor(m.group(0).strip().rstrip(".,;:"), name), "explicit", (verb.start, m.end()))
    return Attribution(None, "none")


@lru_cache(maxsize=1)
def _english_verbs() -> frozenset:
    return frozenset(w.casefold() for w in load("attributors").get("reporting_words", {}).get("en", []))


_NAME_PARTICLES = {"von", "van", "de", "da", "di", "du", "la", "le", "al", "bin", "ibn", "zu", "dos", "del"}


def _name_without_the_nouns_after_it(m: re.Match, text: str) -> re.Match:
    """A German capitalised run after a cue ends with its last name a dictionary does not know: the nouns
    after it begin what was said ("nach Angaben des Wettdienstes BetWatch Einsätze von mehr als 2 Millionen")."""
    from .bilingual import in_dictionary
    from .reading import read

    tokens = read(m.group(1), "de").tokens
    unknown = [i for i, t in enumerate(tokens) if t.text[:1].isupper() and not in_dictionary(t.text)
               and not in_dictionary(t.lemma)]
    if not unknown or unknown[-1] == len(tokens) - 1:
        return m
    rest = tokens[unknown[-1] + 1:]
    if not all(t.noun and in_dictionary(t.lemma) for t in rest):
        return m
    return re.match(r"(?:der|des|dem|den|die|von|the)?\s*(" + re.escape(m.group(1)[:tokens[unknown[-1]].end]) + ")", text) or m


def _speaker_name(words: str) -> Optional[str]:
    """The canonical name of a speaker the alias table does not know: the name after any office,
    so that "Gesundheitsminister Fahrettin Koca" and "Health Minister Fahrettin Koca" are one source."""
    tokens = [t for t in re.split(r"\s+", words.strip().rstrip(".,;:")) if t]
    while tokens and tokens[0].casefold() in _NOT_A_NAME:
        tokens = tokens[1:]
    last_office = max((i for i, t in enumerate(tokens) if _OFFICE.search(t)), default=-1)
    name = tokens[last_office + 1:]
    if len(name) == 1 and _BODY_OFFICE.search(tokens[last_office]) and _place_name(name[0]):
        name = tokens[last_office:]   # "Gesundheitsamt Kelmsdorf": a body's seat, not a person after a title
    if not name or any(t.casefold() in _NOT_A_NAME or t.casefold().endswith("angaben") for t in name):
        return None
    if any(t[:1].islower() and t not in _NAME_PARTICLES for t in name):
        return None   # "Zugunglück bei Bologna" is a headline, not a name
    if len(name) == 1 and not re.fullmatch(r"[A-ZÄÖÜ]{2,}|[A-ZÄÖÜ][a-zäöüß]+", name[0]):
        return None
    return " ".join(name)


def _speaker_relayed_by(outlet: Hit, cue_start: int, sentence: str, hits: list[Hit], quoted) -> Optional[Attribution]:
    """'Südkoreanische Militärbeamte warnen laut der Kyiv Post, dass …': the outlet after 'laut' only
    relays; the speaker is the non-media source that a reporting verb before the cue gives the words to."""
    if not is_media(outlet.value):
        return None
    verbs = _outside(sources().reporting.finditer(sentence[:cue_start]), quoted)
    speakers = [h for h in hits if h.end <= cue_start and not is_media(h.value)]
    for verb in verbs:
        hit = _nearest(speakers, (verb.start + verb.end) // 2, sentence, limit=40)
        if hit is not None:
            return Attribution(Attributor(hit.text, hit.value), "explicit",
                               (min(hit.start, verb.start), max(hit.end, verb.end)))
    return None


def is_media(canonical: Optional[str]) -> bool:
    return bool(canonical) and sources().kind.get(canonical) in ("media", "news agency", "agency")


def canonical_for(name: str) -> str:
    """Canonical source for a name given by a client (the `attributor` field of POST /v1/claims)."""
    hit = sources().mentions.get(name)
    if hit:
        return hit
    found = mentions(name)
    return found[0].value if found else name.strip()


def same_source(a: Optional[str], b: Optional[str]) -> bool:
    return bool(a) and bool(b) and fold(a) == fold(b)
