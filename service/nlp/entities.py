"""Sources as entities: who says it, read from the sentence's words, and when two names are one source.

Per sentence: the subject of a reporting verb ("Das Kraftfahrt-Bundesamt geht … aus", "Das teilte das
Unternehmen mit", "preliminary results show"), a proper noun heading a colon ("Weselsky: …"), and the body
behind a report noun ("nach dem vorläufigen Ergebnis des Wahlamts", "according to figures from the ministry").
Per article: acronyms the text teaches ("Welternährungsprogramm (WFP)") and role nouns ("das Unternehmen",
"the ministry", "nach Unternehmensangaben") resolved to the organisation of the story. Across the base:
one source under its acronym, its name in the other language, or the report it published.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple, Optional

from .bilingual import compound_split, in_dictionary, translates
from .lexicon import both_languages, fold, load
from .model import Attributor
from .places import gazetteer
from .reading import TIME_WORD, Reading, Token, read

# German case endings and English plurals do not make another source ("Wahlamts", "Deutschen Bahn").
_ENDING = re.compile(r"(?<=\w{4})(es|s|en|n)$")
_STOP = frozenset({"der", "die", "das", "des", "dem", "den", "the", "of", "for", "and", "und", "für", "von", "a",
                   "an", "ein", "eine", "einer", "eines", "its", "their", "sein", "seine", "ihre", "ihr", "town",
                   "city", "district", "county", "state", "national", "federal", "'s", "’s"})


@lru_cache(maxsize=1)
def _roles() -> dict:
    data = load("markers").get("source_roles", {})
    table = {}
    for role, terms in data.items():
        if role == "about":
            continue
        for term in both_languages(terms):
            table[fold(term)] = role
    return table


@lru_cache(maxsize=1)
def _role_finder():
    from .lexicon import TermFinder

    return TermFinder((term, True) for term in _roles())


@lru_cache(maxsize=1)
def _role_ending():
    """A word ending in a role noun: German compounds name bodies by their last part."""
    terms = sorted((re.escape(t) for t in _roles() if " " not in t and len(t) >= 3), key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(terms) + r")(?:es|s|en|n)?(?!\w)", re.IGNORECASE)   # "des Gesundheitsamts"


@lru_cache(maxsize=1)
def _report_nouns() -> frozenset:
    return frozenset(fold(w) for w in both_languages(load("markers").get("report_nouns", {})))


# German separable verbs' particles, as a reporting phrase closes with them ("räumte ein", "teilte mit").
_SEPARABLE = frozenset({"ab", "an", "auf", "aus", "bei", "dar", "ein", "fest", "fort", "hinzu", "mit", "nach",
                        "vor", "zu"})


@lru_cache(maxsize=1)
def _reporting_lemmas() -> frozenset:
    """Lemmas of the reporting verbs (the attributor table's words, read by the tagger) and estimating verbs."""
    lemmas = set()
    words = load("attributors").get("reporting_words", {})
    for language in ("de", "en"):
        listed = words.get(language, [])
        # "räumte" listed beside "räumte ein": the word is the separable verb's first half, "einräumen" (to
        # admit), not "räumen" (to clear: "drei Wohnhäuser mussten geräumt werden")
        halves = {w.split()[0]: w.split()[1] for w in listed if language == "de" and len(w.split()) == 2
                  and w.split()[1] in _SEPARABLE}
        for word in listed:
            if " " in word:
                continue
            for token in read(word, language).tokens:
                lemmas.add((halves.get(word, "") + token.lemma).casefold())
    lemmas |= {fold(w) for w in both_languages(load("markers").get("estimating_verbs", {}))}
    lemmas -= {"so", "bekannt", "according"}
    return frozenset(lemmas)


@lru_cache(maxsize=65536)
@lru_cache(maxsize=65536)
def role_of(word: str, language: str) -> Optional[str]:
    """The kind of body a common noun names ("Unternehmen" -> company, "Feuerwehr" -> fire service),
    by the noun itself, its compound head ("Autohersteller" -> "hersteller"), or its English translation."""
    from .bilingual import english

    roles = _roles()
    folded = fold(word)
    if folded in roles:
        return roles[folded]
    stem = _ENDING.sub("", folded)
    if stem in roles:
        return roles[stem]
    for token in read(word, language).tokens[:1]:
        for candidate in (token.lemma.casefold(), token.head):
            if fold(candidate) in roles:
                return roles[fold(candidate)]
        for meaning in english(token.lemma, language)[:3]:
            # "ministry of agriculture": the head stands before "of"
            last = meaning.split(" of ")[0].split()[-1] if " of " in meaning else meaning.split()[-1]
            if fold(meaning) in roles or fold(last) in roles:
                return roles.get(fold(meaning)) or roles[fold(last)]
    if language == "de":
        # a compound ending in a body's noun the tagger did not split ("Agrarministerium")
        for term in _role_heads():
            if folded.endswith(term) and len(folded) - len(term) >= 3:
                return roles[term]
    return None


@lru_cache(maxsize=1)
def _role_heads() -> tuple:
    return tuple(sorted((t for t in _roles() if " " not in t and len(t) >= 5), key=len, reverse=True))


def _noun_phrase(tokens: tuple, i: int, step: int) -> list[Token]:
    """The noun phrase whose head is at or next to token i, read in one direction (articles, adjectives,
    nouns and names, a genitive 's)."""
    out = []
    j = i
    while 0 <= j < len(tokens):
        t = tokens[j]
        if step > 0 and out and t.pos in ("ART", "AT0", "PPOSAT", "DPS") and any(o.noun or o.proper for o in out):
            break   # "das Wahlamt Lindental das amtliche Endergebnis", "die Staatsanwaltschaft ihre Schätzung": the
            # next phrase begins
        if (step > 0 and out and t.text.casefold() in ("für", "for", "of") and j + 1 < len(tokens)
                and (tokens[j + 1].noun or tokens[j + 1].proper) and tokens[j + 1].text[:1].isupper()
                and any(o.noun and role_of(o.text, _language_of(o)) for o in out)):
            out.append(t)   # "das Institut für Bienenkunde Hohenfeld": the body's name goes on
            j += step
            continue
        # (read backwards, the owner is the word before the apostrophe)
        owner = (out[-1] if out else None) if step > 0 else (tokens[j - 1] if j > 0 and out else None)
        plural_possessive = t.text in ("'", "’") and owner is not None and owner.text.endswith("s") and (
            owner.noun or owner.proper)
        if (t.noun or t.proper or t.adjective or t.pos in ("ART", "AT0", "POS", "DPS", "PPOSAT") or t.text in ("'s", "’s")
                or plural_possessive):   # "the state farmers' association"
            out.append(t)
            if step < 0 and t.pos in ("ART", "AT0"):
                # read backwards, the article opens the phrase, unless it opens a genitive of the noun before
                # ("Das Gesundheitsamt des Kreises sprach …")
                if not (t.text.casefold() in ("des", "der") and j > 0 and tokens[j - 1].noun):
                    break
            j += step
            continue
        break
    return out if step > 0 else out[::-1]


@dataclass(frozen=True)
class Named:
    text: str          # the phrase as written ("das Wahlamt Lindental")
    name: str          # its name ("Wahlamt Lindental", "Vanta")
    role: Optional[str]  # company, ministry, police, … when a role noun names it
    start: int
    end: int


_DESCRIBING = frozenset({"local", "new", "regional", "official", "own", "main", "former", "current", "responsible",
                         "competent", "relevant", "top", "senior", "leading", "other", "whole", "entire", "big",
                         "large", "small", "major", "independent", "private", "public", "zuständige", "örtliche",
                         "neue", "eigene"})


_TERRITORIES = frozenset({"kreis", "kreises", "landkreis", "landkreises", "stadt", "land", "landes", "gemeinde",
                          "bezirk", "bezirks", "bezirkes", "region", "bundesland", "bundeslandes", "kommune", "bund",
                          "bundes", "staat", "staates", "city", "town", "district", "county", "state", "country"})


def _whose(genitive: list[Token]) -> bool:
    """Whether a genitive after a body's noun only says whose body it is: a territory or a place."""
    nouns = [t for t in genitive if t.noun or t.proper]
    return not nouns or any(fold(t.text) in _TERRITORIES or fold(t.lemma) in _TERRITORIES
                            or gazetteer().names.get(t.text) or t.proper or toponym_like(t.text) for t in nouns)


# Endings of German place names: a name no gazetteer knows that ends so is most likely a town or a district.
_TOPONYM = re.compile(r"(?:stadt|stedt|dorf|burg|berg|brück|brücken|brücke|feld|felde|heim|hausen|bach|au|ingen|"
                      r"walde|wald|wiesen|hagen|kirchen|born|brunn|brunnen|hofen|rode|furt|see|tal|heide|hafen|"
                      r"münde|ow|itz|leben|stein|lingen|büttel|horst|holm|moor|fleth|siek|beck|ried|reuth|mark|"
                      r"strasse|straße|gasse|allee|platz|damm|ufer)$")   # (and streets: "on Kanalstrasse")


def toponym_like(word: str) -> bool:
    """Whether a capitalised German name looks like a place by its ending ("Hallstedt", "Norderbrück")."""
    return bool(word[:1].isupper() and len(word) > 4 and _TOPONYM.search(word.casefold()))


def _named(phrase: list[Token], sentence: str) -> Optional[Named]:
    """A noun phrase as a source: its proper names, else a role noun; places and descriptors left out
    ("Der Autohersteller Vanta" -> Vanta, a company)."""
    geo = gazetteer()
    content = [t for t in phrase if t.noun or t.proper]
    if not content:
        return None
    club = _SPORTS_CLUB.search(sentence, phrase[0].start, phrase[-1].end)
    if club is not None:
        # "HSG Talbrück:": a sports club's letters and its town are its name, not a town
        return Named(sentence[phrase[0].start:phrase[-1].end], club.group(0), "organisation", phrase[0].start,
                     phrase[-1].end)
    names = [t for t in content if _name_like(t) and not geo.names.get(t.text) and not geo.demonyms.get(t.text)]
    role = next((role_of(t.text, "de" if t.pos.startswith(("NN", "NE")) and not t.pos[2:3].isdigit() else "en")
                 for t in content if not t.proper and role_of(t.text, _language_of(t))), None)
    report = any(fold(t.lemma) in _report_nouns() or fold(t.text) in _report_nouns() for t in content)
    start, end = phrase[0].start, phrase[-1].end
    genitive = next((k for k, t in enumerate(phrase) if k and t.text.casefold() in ("des", "der")
                     and phrase[k - 1].noun), None)
    if genitive is not None and any(role_of(t.text, _language_of(t)) for t in phrase[:genitive] if t.noun) and (
            _whose(phrase[genitive + 1:])):
        # "Das Gesundheitsamt des Kreises": the body is the head noun, the genitive only says whose ("Der
        # Landesverband der Geflügelwirtschaft" keeps it: it says which association)
        phrase = phrase[:genitive]
        content = [t for t in phrase if t.noun or t.proper]
        names = [t for t in content if _name_like(t) and not geo.names.get(t.text) and not geo.demonyms.get(t.text)]
    joined = next((k for k, t in enumerate(phrase) if t.text.casefold() in ("für", "for", "of")), None)
    if joined is not None:
        # a name of several words joined by "für"/"of" is the name as written, articles aside
        first = next(k for k, t in enumerate(phrase) if t.noun or t.proper or t.adjective)
        if (first + 2 < joined and geo.names.get(phrase[first].text)
                and phrase[first + 1].text in ("'s", "’s", "'", "’")):
            first += 2   # "Germany's Federal Institute for Drugs …": the country says whose, the name follows
        lemma = phrase[first].lemma if phrase[first].noun and not phrase[first].proper and not (
            _language_of(phrase[first]) == "en" and phrase[first].text[:1].isupper()) else phrase[first].text
        name = lemma + sentence[phrase[first].end:end]
        return Named(sentence[start:end], name, role or None, start, end)
    if names and role and _language_of(names[0]) == "de" and any(
            t.noun and not t.proper and role_of(t.text, "de") and t.start < names[0].start for t in content):
        # "Die Gewerkschaft IG Metall": after the kind's noun, a capitalised noun that follows a name is
        # part of it, whether a dictionary knows it or not
        last = phrase.index(names[-1])
        for t in phrase[last + 1:last + 2]:   # (one: "Kerbach Netz", not "… Kerbach Netz Konsequenzen an")
            if not (t.noun and t.text[:1].isupper()) or TIME_WORD.match(t.text) or geo.names.get(t.text):
                break
            names.append(t)
    head = content[-1]
    if names and role and head.noun and not head.proper and role_of(head.text, _language_of(head)) and (
            _language_of(head) == "en" and all(t.start < head.start for t in names)):
        # "Haldenau health office", "Talberg Bank": a name before the kind's noun is the body's full name
        first = next(k for k, t in enumerate(phrase) if t is names[0])
        name = re.sub(r"['’]s\b", "", sentence[phrase[first].start:head.end])   # ("Kelbra's health office")
    elif names and (role in _INSTITUTIONS or role not in (None, "company") and len(names) == 1) and head.proper and (
            _language_of(head) == "de") and (toponym_like(names[-1].text) or role in _SEATED) and any(
            t.noun and not t.proper and role_of(t.text, "de") and t.start < names[0].start for t in content):
        # "Gesundheitsamt Hallstedt", "Kämmerei Norderbrück": an institution with its seat is that institution
        kind_word = next(t for t in content if t.noun and not t.proper and role_of(t.text, "de"))
        name = f"{kind_word.lemma if kind_word.lemma[:1].isupper() else kind_word.text} " + " ".join(t.text for t in names)
    elif names and role and _language_of(names[0]) == "de" and all(
            in_dictionary(t.text) and not t.text.isupper() for t in names) and any(
            t.noun and not t.proper and role_of(t.text, "de") and t.start < names[0].start for t in content):
        # "Der Reederverband Nord": common words after the kind's noun say which body it is; they name none alone
        kind_word = next(t for t in content if t.noun and not t.proper and role_of(t.text, "de"))
        name = f"{kind_word.lemma if kind_word.lemma[:1].isupper() else kind_word.text} " + " ".join(t.text for t in names)
    elif (names and role is None and _language_of(names[0]) == "de" and len(names) == 1 and names[0] is content[-1]
          and len(content) >= 2 and content[-2].noun and not content[-2].proper and content[-2].text[:1].isupper()
          and toponym_like(names[0].text)):
        # "Naturkundemuseum Brunnwald": a body's noun that no kind types with its seat is that body, not the town
        name = f"{content[-2].text} {names[0].text}"
    elif names and _language_of(names[0]) == "en" and _title_cased_before(phrase, names[0]) is not None:
        # "the River Watch Alliance": English capitals on the common nouns before a name make them part of it
        last = _title_cased_after(phrase, names[0]) or names[-1]
        name = sentence[_title_cased_before(phrase, names[0]).start:last.end]
    elif names and _language_of(names[0]) == "en" and _title_cased_after(phrase, names[0]) is not None:
        # "The Kelmar Coastal Survey Station", "Hallspitz Glacier Railways": English writes a name's common nouns
        # with capitals; they are part of it
        name = sentence[names[0].start:_title_cased_after(phrase, names[0]).end]
    elif names:
        name = " ".join(t.text for t in names)
    elif role or report:
        # an adjective that says which body it is stays ("the district veterinary office"); one that only
        # describes it goes ("the local police")
        words = [t for t in phrase if (t.noun or t.adjective and (t.text[:1].isupper() or fold(t.text) not in
                                                                  _DESCRIBING)) and not geo.names.get(t.text)
                 and not geo.demonyms.get(t.text)] or content
        name = " ".join(t.text for t in words)
    else:
        return None
    return Named(sentence[start:end], name, role or ("report" if report and not names else None), start, end)


def _title_cased_before(phrase: list[Token], first: Token) -> Optional[Token]:
    """The first of the capitalised common nouns right before a name, None when there are none or the run opens
    the sentence (where a capital says nothing)."""
    k = phrase.index(first)
    j = k
    while j > 0 and phrase[j - 1].noun and not phrase[j - 1].proper and phrase[j - 1].text[:1].isupper() and (
            not TIME_WORD.match(phrase[j - 1].text)):
        j -= 1
    return phrase[j] if j < k and phrase[j].start > 0 else None


def _title_cased_after(phrase: list[Token], first: Token) -> Optional[Token]:
    """The last of the capitalised nouns and adjectives that follow a name to the phrase's end, None when a
    word written small or none follows."""
    after = phrase[phrase.index(first) + 1:]
    if after and all(t.text[:1].isupper() and (t.noun or t.adjective or t.proper) and not TIME_WORD.match(t.text)
                     for t in after):
        return after[-1]
    return None


def _name_like(token: Token) -> bool:
    """A name by its tag, or by its letters where the tagger took it for a common noun: capitals inside the
    word ("BaFin", "WHO"), or an English capitalised noun that no dictionary knows ("Kronberg")."""
    if token.proper:
        return True
    if not token.noun or not token.text[:1].isupper():
        return False
    # (a capital after a hyphen begins a compound's part: "Rotmilan-Brutpaare" is no name, "BaFin" is)
    if sum(1 for k, c in enumerate(token.text) if c.isupper() and (k == 0 or token.text[k - 1] != "-")) >= 2:
        return True
    return _language_of(token) == "en" and not in_dictionary(token.text)


def _language_of(token: Token) -> str:
    return "en" if token.pos[-1:].isdigit() or token.pos in ("NP0", "NN0") else "de"


def _passive(tokens: tuple, i: int, language: str) -> bool:
    """Whether the reporting verb at i is a participle of the passive, whose subject is what is said."""
    token = tokens[i]
    if language == "en":
        if token.pos != "VVN":
            return False
        k = i - 1
        while k >= 0 and tokens[k].pos in ("AV0", "ADV", "XX0"):
            k -= 1
        return k >= 0 and tokens[k].lemma.casefold() == "be"
    if not token.pos.startswith("VV(PP)"):
        return False
    return any(t.clause == token.clause and t.lemma.casefold() == "werden" and t.pos.endswith("(FIN)")
               for t in tokens[:i])


# Small words inside an English body's name, between capitalised words: "Bank of England", "Institute for
# Drugs and Medical Devices".
_JOINING_A_NAME = frozenset({"of", "for", "and"})


# "… put wind speeds at up to 250 km/h": a thing put at a figure is an estimate of it.
_PUT_AT = re.compile(r"\s+(?:[\w'’-]+\s+){1,4}at\s+(?:(?:up\s+to|about|around|some|nearly|almost|roughly|least|"
                     r"more\s+than|less\s+than)\s+)*[\d$€£]")


def speaker(sentence: str, language: str) -> Optional[Named]:
    """The source a sentence's own grammar names: the subject of a reporting verb, before it or (German
    inversion, "Das teilte das Unternehmen mit") right after it, or a name heading a colon."""
    reading = read(sentence, language)
    tokens = reading.tokens
    colon = next((i for i, t in enumerate(tokens[:6]) if t.text == ":"), None)
    if colon:
        head = [t for t in tokens[:colon] if t.proper or t.noun]
        # "Masern im Landkreis Wendelsee: …" is a headline's topic; a source heads a colon without a preposition
        # (nor a verb: "Hantavirus is far more common: …" is no heading)
        plain = not any(t.pos.startswith(("APPR", "PRP", "IN")) or t.pos in ("APPRART",) or t.verb or t.auxiliary
                        for t in tokens[:colon])
        if head and plain and len(head) <= 4 and any(t.proper or role_of(t.text, language) for t in head):
            named = _named(list(tokens[:colon]), sentence)
            if named is not None:
                return named
    colon = next((i for i, t in enumerate(tokens) if t.text == ":"), None)
    if colon is not None and 6 <= colon < len(tokens) - 3 and any(t.verb for t in tokens[:colon]):
        # (a clause with a content verb: "Lyme disease is far more common: …" says nothing of a source)
        # "… hat die Flughafengesellschaft Bilanz gezogen: Insgesamt fielen 610 Flüge aus": what follows a
        # clause's colon is what its subject said
        for i in range(colon):
            if (tokens[i].noun or tokens[i].proper) and not _attached(tokens, i):
                phrase = _noun_phrase(tokens, i, 1)[:colon - i]
                role = next((k for k, t in enumerate(phrase) if t.noun and role_of(t.text, _language_of(t))), None)
                if role is not None:
                    # the body's noun and the names after it, not the noun it then takes ("… Bilanz gezogen")
                    end = role + 1
                    while end < len(phrase) and phrase[end].proper:
                        end += 1
                    phrase = phrase[:end]
                named = _named(phrase, sentence)
                if named is not None and named.role != "report":
                    return named
    lemmas = _reporting_lemmas()
    particles = {t.clause: t for t in tokens if t.particle}
    first_described = None
    if language == "en":
        # "Hospitals have admitted 310 people …, the city's health office said": a reporting clause closing
        # the sentence after a comma names who says it all, before any verb of what is said
        last = max((k for k, t in enumerate(tokens) if t.text[:1].isalnum()), default=-1)
        for i in range(len(tokens) - 1, 0, -1):
            token = tokens[i]
            # (the tagger may read a closing "estimates", "reports" as a plural noun)
            verb = token.verb or i == last and token.pos == "NN2" and token.text.endswith("s")
            if not verb or token.lemma.casefold() not in lemmas or tokens[i - 1].text == ",":
                continue
            before = _noun_phrase(tokens, i - 1, -1)
            opened = i - 1 - len(before)
            if before and opened >= 0 and tokens[opened].text == "," and not any(
                    t.number for t in before):
                named = _named(before, sentence)
                bare = named is not None and len(named.name.split()) == 1 and named.role is not None
                if named is not None and named.role != "report" and not bare:
                    return named   # ("…, the company said": the company the sentence names may speak first)
            break
    for i, token in enumerate(tokens):
        # (the tagger may read "estimated" before what it puts at a figure as an adjective)
        estimated = (language == "en" and i and token.pos == "AJ0" and token.text.endswith("ed")
                     and _PUT_AT.match(sentence, token.end) and (tokens[i - 1].noun or tokens[i - 1].proper
                                                                 or tokens[i - 1].text in (")", ",")))
        if not (token.verb or token.auxiliary or estimated):
            continue
        lemma = token.text[:-1].casefold() if estimated else token.lemma.casefold()
        if token.clause in particles and language == "de":
            lemma = particles[token.clause].text.casefold() + lemma
        if lemma not in lemmas:
            continue
        if i and tokens[i - 1].pos == "TO0":
            continue   # "failing to report suspicious transactions": what is not reported, not who reports
        if language == "en" and i + 1 < len(tokens) and tokens[i + 1].pos in ("NN1", "NN2") and lemma not in _SAYING and (
                not _PUT_AT.match(sentence, token.end)):
            continue   # "Twelve members … claimed expenses": a verb whose object is a thing reports nothing
            # (one that puts the thing at a figure estimates it: "DWD put wind speeds at up to 250 km/h")
        if _passive(tokens, i, language):
            # "The damage is estimated at …", "Der Schaden wird auf … geschätzt": the subject is what is
            # estimated; the agent says who ("wurde vom Ministerium gemeldet", "was reported by the ministry")
            agent = next((k for k, t in enumerate(tokens) if t.clause == token.clause
                          and t.text.casefold() in ("by", "von", "vom")), None)
            named = _named(_noun_phrase(tokens, agent + 1, 1), sentence) if agent is not None and agent + 1 < len(
                tokens) else None
            if named is not None and named.role not in ("report", "described"):
                return named
            continue
        # an English subject follows its verb only in "…, said the ministry"
        inverted = language == "de" or (i and tokens[i - 1].text in (",", '"', "”", "“", "'", "’")
                                        and lemma in _SAYING)
        after = _noun_phrase(tokens, i + 1, 1) if inverted else []
        k = i - 1
        while k > 0 and (tokens[k].pos in ("ADV", "AV0") and tokens[k].text.casefold() in _BESIDE_SUBJECT
                         or language == "en" and tokens[k].pos in _ENGLISH_AUXILIARIES):
            k -= 1   # "Das Museum selbst schätzt", "The ministry also said", "The company itself has put"
        if k >= 0 and tokens[k].text == ")":
            # "Der Deutsche Imkerbund (DIB) schätzt": the acronym in brackets stands beside the name
            k = next((m for m in range(k - 1, -1, -1) if tokens[m].text == "("), k) - 1
        apposed = None
        if k >= 0 and tokens[k].text == ",":
            # "Weisser Ring, Germany's largest victim support charity, put …", "Der DWD, der … auswertet,
            # meldete …": the subject stands before the apposition or relative clause
            opening = next((m for m in range(k - 1, max(-1, k - 14), -1) if tokens[m].text == ","), None)
            if opening is not None and opening > 0:
                inner = list(tokens[opening + 1:k])
                if len(inner) >= 3 and inner[-1].text == ")" and inner[-3].text == "(":
                    inner = inner[:-3]   # "…, the Tornado Research Network (TorNet), …": the acronym beside it
                if inner and inner[0].pos in ("AT0", "ART") and len(inner) > 1:
                    inner = inner[1:]
                if inner and all(_name_like(t) or language == "en" and t.noun and t.text[:1].isupper()
                                 for t in inner) and tokens[0].text.casefold() in (
                        "a", "an", "ein", "eine", "einer"):
                    # "An association of amateur meteorite hunters, Meteoritenfreunde Franken, said": a body
                    # described first is named in the apposition
                    apposed = inner
                k = opening - 1
            if k >= 0 and tokens[k].text == ")":
                # "The German Red Cross (DRK), which ran …, put …"
                k = next((m for m in range(k - 1, -1, -1) if tokens[m].text == "("), k) - 1
        before = _noun_phrase(tokens, k, -1) if k >= 0 else []
        opened = k - len(before)
        for _ in range(4):
            if not (before and opened >= 1):
                break
            of = tokens[opened]
            joining = of.text.casefold() in _JOINING_A_NAME
            if not (of.pos in ("APPR", "APPRART", "PRP", "PRF") or joining and language == "en"):
                break
            # "Rheinmark Bank on Thursday reported …", "Health officials in the district of Wendelsee have
            # recorded …": a phrase a preposition governs is not the subject, the one before it may be
            governed = before
            ahead = _noun_phrase(tokens, opened - 1, -1)
            ahead_opened = opened - 1 - len(ahead)
            # ("and" joins inside a name a preposition already continues: "Institute for Drugs and Medical Devices")
            inside = of.text.casefold() != "and" or (ahead_opened >= 0 and tokens[ahead_opened].text.casefold() in (
                "of", "for"))
            one_name = joining and ahead and inside and all(t.text[:1].isupper() for t in ahead + governed
                                                            if t.noun or t.proper)
            if of.pos not in ("APPR", "APPRART", "PRP", "PRF") and not one_name:
                break   # "Police and rescuers said": two subjects, the nearer one stands
            before, opened = ahead, ahead_opened
            if one_name:
                # "The Bank of England said", "the Federal Bureau of Maritime Casualty Investigation", "Germany's
                # Federal Institute for Drugs and Medical Devices (BfArM) said": one name
                before = before + [of] + governed
        phrases = [after, before] if language == "de" and _inverted(tokens, i) else [before, after]
        if apposed:
            phrases.insert(0, apposed)
        if language == "de" and token.pos.startswith(("VV(PP)", "VV(INF)", "VV(IZU)")):
            # "… hat das Wahlamt das Endergebnis veröffentlicht": the subject follows the finite auxiliary
            finite = next((k for k in range(i - 1, -1, -1) if tokens[k].clause == token.clause
                           and tokens[k].pos.endswith("(FIN)")), None)
            if finite is not None:
                phrases.insert(0, _noun_phrase(tokens, finite + 1, 1))
                ahead = _noun_phrase(tokens, finite - 1, -1) if finite > 0 else []
                opens = finite - 1 - len(ahead)
                if ahead and not (opens >= 0 and tokens[opens].pos in ("APPR", "APPRART")):
                    # "Die Staatsanwaltschaft hatte acht Jahre gefordert": or before it, unless a preposition
                    # governs that phrase ("Auf der Umleitung um die Talbrücke hat die Polizei … registriert")
                    phrases.insert(0, ahead)
        found = [n for n in (_named(p, sentence) for p in phrases if p) if n is not None]
        if apposed and _named(apposed, sentence) is None and _described(apposed, sentence) is not None:
            return _described(apposed, sentence)   # (a name of common words in capitals: "Tornado Research Network")
        if found:
            return next((n for n in found if n.role != "report"), found[0])
        # (a phrase with a name in it before one without: "Die Schäden schätzt das Land Tirol")
        described = sorted((p for p in phrases if p), key=lambda p: not any(t.proper for t in p))
        plain = next((n for n in (_described(p, sentence) for p in described) if n is not None), None)
        if plain is not None and first_described is None:
            # a later verb may name a body ("Health officials … have recorded 58 cases, the district health
            # office said"): a description is the source only when none does
            first_described = plain
    return first_described


def _described(phrase: list[Token], sentence: str) -> Optional[Named]:
    """The subject of a reporting verb that no name or role noun makes a body, named by its own words:
    "Mountain rescue teams said …", "Die Schäden schätzt das Land Tirol …", "Experten schätzen …"."""
    from .reading import TIME_WORD

    from .subjects import lexicon

    lex = lexicon()
    words = [t for t in phrase if (t.noun or t.proper) and not TIME_WORD.match(t.text)]
    if not words or not any(t.noun or t.proper for t in phrase[-1:]) or any(t.number for t in phrase):
        return None
    # (a unit's word after another noun is a name: "Die Meteoritenfreunde Franken sprechen …")
    if any((lex.concepts.get(t.text) in lex.generic or lex.concepts.get(t.text) in lex.measures) and not (
            t.proper or k and words[k - 1].noun) for k, t in enumerate(words)):
        return None   # "acht Jahre": what is said, not who says it
    if phrase[0].text.casefold() in ("den", "dem", "einen", "einem"):
        return None   # "schätzt den Wert": an object, never the subject
    if re.search(r"\d\s*$", sentence[:phrase[0].start]):
        return None   # "40 Fälle gemeldet": what is counted, not who counts
    first = next(k for k, t in enumerate(phrase) if t.noun or t.proper or t.adjective)
    start, end = phrase[0].start, phrase[-1].end
    return Named(sentence[start:end], sentence[phrase[first].start:end], DESCRIBED, start, end)


# The role of a source named only by a description of itself ("Mountain rescue teams").
DESCRIBED = "described"


# English verbs of saying, the only ones whose subject may follow them (", said the ministry").
_SAYING = frozenset({"say", "tell", "add", "write", "state", "explain", "announce", "report", "confirm", "warn",
                     "insist", "stress"})


# English auxiliaries and modals between a subject and its verb ("has put", "would say").
_ENGLISH_AUXILIARIES = ("VHZ", "VHB", "VHD", "VBZ", "VBB", "VBD", "VM0", "VDZ", "VDB", "VDD")


# Adverbs that may stand between a subject and its verb.
_BESIDE_SUBJECT = frozenset({"selbst", "auch", "jedoch", "dagegen", "hingegen", "wiederum", "nun", "inzwischen",
                             "also", "itself", "themselves", "meanwhile", "however", "now", "later", "separately"})


def _attached(tokens: tuple, i: int) -> bool:
    """Whether the noun at i belongs to a phrase before it: governed by a preposition ("am Flughafen") or
    the genitive or name of the noun before ("des Warnstreiks", "Flughafen Hallberg")."""
    j = i - 1
    while j >= 0 and (tokens[j].pos in ("ART", "AT0", "PPOSAT", "DPS", "CARD", "CRD") or tokens[j].adjective):
        j -= 1
    return j >= 0 and (tokens[j].pos in ("APPR", "APPRART", "APPO", "PRP", "PRF") or tokens[j].noun or tokens[j].proper)


def _inverted(tokens: tuple, i: int) -> bool:
    first = next((t for t in tokens if t.clause == tokens[i].clause), None)
    # ("Das teilte die Polizei mit" is inverted; "Das Landgericht verurteilte …" opens with its subject)
    return first is not None and (first.pos.startswith(("PD", "PPER", "ADV", "PROAV")) or first.text.casefold() in (
        "das", "dies", "dem", "demnach", "zudem", "außerdem", "so") and first.pos != "ART")


_REPORT_CUE = re.compile(
    r"(?:^|\b(?:nach|laut|gemäß|according to|aus|in|ergab|ergaben|zeigt|zeigte|zeigen)\s+)"
    r"(?:dem|den|der|des|the|einer|einem|eines|eine|ein|a|an)?\s*(?:[\w-]+\s+){0,2}?"
    r"(?P<report>[\w-]+)\s+(?:(?:published|released|compiled|collected|veröffentlicht\w*)\s+)?"
    r"(?:des|der|von|vom|from|of|by)\s+(?:the\s+|dem\s+|der\s+)?(?P<body>(?:[\w'’-]+\s?){1,5})",
    re.IGNORECASE)


_POSSESSED_REPORT = re.compile(r"^\s*(?:(?:By|In|On)\s+(?=the\s))?(?:[Tt]he\s+)?((?:[A-ZÄÖÜ][\w-]*\s){0,3}?[\w-]+)['’]s?\s+(?:(?:own|latest|new|first|"
                               r"official|preliminary|final|annual|monthly|weekly)\s+)*(?:([\w-]+)\s+)?([\w-]+)\b")


def possessed_report(sentence: str, language: str) -> Optional[Named]:
    """"The town's own count …", "The ministry's latest survey found …": the owner of the report heading the
    sentence speaks."""
    if language != "en":
        return None
    m = _POSSESSED_REPORT.match(sentence)
    if m is None:
        return None
    report = next((w for w in (m.group(3), m.group(2)) if w and (fold(w) in _report_nouns() or fold(w).rstrip("s")
                                                                 in _report_nouns())), None)
    if report is None:
        return None
    owner = m.group(1)
    if fold(owner) in _STOP and fold(owner) not in _TERRITORIES or gazetteer().demonyms.get(owner):
        return None   # ("The town's own count": a territory's own body speaks)
    return Named(sentence[m.start(1):m.end(1)], owner, role_of(owner.split()[-1], "en"), m.start(1), m.end(1))


_WHAT_IS_SAID = frozenset({"daten", "zahlen", "ergebnisse", "unterlagen", "akten", "data", "figures", "results",
                           "records", "statistik", "statistiken", "statistics"})


# "eine Sprecherin des Umweltministeriums", "a spokesman for the regional transport authority": the body a
# spokesperson speaks for, named after them
_SPOKESPERSON_OF = re.compile(r"\b(?P<report>[\w-]*(?:[Ss]precher(?:in|innen)?|[Ss]pokes(?:man|woman|person|men|women|"
                              r"people)))\s+(?:des|der|of|for)\s+(?:the\s+)?(?P<body>[\w'’-]+)")


def spokesperson_of(sentence: str, language: str) -> Optional[Named]:
    """The body a spokesperson speaks for when a genitive or "for"/"of" names it after them."""
    return reported_by(sentence, language, _SPOKESPERSON_OF) or _governed_body(sentence, language, _SPOKESPERSON_OF)


# "Aus dem Innenministerium hieß es …": the body a vague report comes out of
_OUT_OF = re.compile(r"\b(?P<report>aus|from)\s+(?:dem|der|den|the)\s+(?P<body>[\w'’-]+)", re.IGNORECASE)


def out_of(sentence: str, language: str) -> Optional[Named]:
    """The body a report "from within" names, when a role noun or a name makes it one."""
    named = reported_by(sentence, language, _OUT_OF)
    return named if named is not None and (named.role or any(c.isupper() for c in named.name[1:])) else None


def _governed_body(sentence: str, language: str, cue: re.Pattern) -> Optional[Named]:
    """The noun phrase a cue governs, by its own words, when neither a name nor a role noun makes it a body
    ("ein Sprecher der Deutschen Bahn")."""
    m = cue.search(sentence)
    if m is None:
        return None
    reading = read(sentence, language)
    i = reading.after(m.start("body"))
    phrase = [t for t in _noun_phrase(reading.tokens, i, 1) if t.pos not in ("ART", "AT0")] if i is not None else []
    if not phrase or not any(t.noun or t.proper for t in phrase):
        return None
    words = [t.lemma if t.noun and t.lemma[:1].isupper() and len(phrase) == 1 else t.text for t in phrase]
    name = " ".join(words)
    if language == "de" and len(phrase) > 1 and phrase[0].adjective and phrase[0].text.endswith(("en", "er", "em")):
        name = " ".join([phrase[0].text[:-1] if phrase[0].text.endswith("en") else phrase[0].text[:-2] + "e",
                         *words[1:]])   # "der Deutschen Bahn" -> "Deutsche Bahn"
    return Named(sentence[m.start():phrase[-1].end], name, None, m.start(), phrase[-1].end)


def reported_by(sentence: str, language: str, cue: re.Pattern = None) -> Optional[Named]:
    """"nach dem vorläufigen Ergebnis des Wahlamts", "according to preliminary results from the town's
    election office", "Data published by the transport authority": the body behind a report noun, with the
    report kept in the phrase."""
    for m in (cue or _REPORT_CUE).finditer(sentence):
        if cue is None and fold(m.group("report")) not in _report_nouns() and fold(
                _ENDING.sub("", m.group("report"))) not in _report_nouns():
            continue
        start = m.start("body")
        reading = read(sentence, language)
        i = reading.after(start)
        if i is None:
            continue
        phrase = _noun_phrase(reading.tokens, i, 1)
        named = _named(phrase, sentence) if phrase else None
        if named is not None and fold(named.name) in _WHAT_IS_SAID:
            continue   # "nach Auswertung der Daten": the data are what is said, not who says it
        if named is not None:
            name = named.name
            if language == "de" and " " not in name and len(phrase) and phrase[-1].text == name and phrase[-1].lemma[:1].isupper():
                name = phrase[-1].lemma   # "des Elternbeirats" -> Elternbeirat
            return Named(sentence[m.start():named.end], name, named.role, m.start(), named.end)
    return None


def participle_agent(sentence: str, language: str) -> Optional[Named]:
    """The agent of a reporting participle beside a figure: "the 1,800 hectares estimated by growers", "die
    von den Winzern geschätzten 1.800 Hektar"."""
    tokens = read(sentence, language).tokens
    lemmas = _reporting_lemmas()
    for k, token in enumerate(tokens):
        if language == "en" and token.pos == "VVN" and token.lemma.casefold() in lemmas and k + 2 < len(tokens) and (
                tokens[k + 1].text.casefold() == "by") and any(t.number for t in tokens[max(0, k - 4):k]):
            phrase = _noun_phrase(tokens, k + 2, 1)
        elif language == "de" and token.text.casefold() in ("von", "vom") and any(t.number for t in tokens[k + 1:k + 8]):
            phrase = _noun_phrase(tokens, k + 1, 1)
            after = tokens[k + 1 + len(phrase):k + 3 + len(phrase)]
            # ("von den Winzern geschätzten": the phrase ends before the participle used as an adjective)
            while phrase and phrase[-1].adjective and _lemma_of_participle(phrase[-1]) in lemmas:
                after = [phrase.pop()] + list(after)
            if not after or _lemma_of_participle(after[0]) not in lemmas:
                continue
        else:
            continue
        named = _named(phrase, sentence) if phrase else None
        if named is None and phrase and phrase[-1].noun:
            # a group of people no list knows ("growers", "den Winzern") speaks as written, in its lemma
            words = [t for t in phrase if t.noun or t.adjective]
            name = " ".join([t.text for t in words[:-1]] + [words[-1].lemma if language == "de" else words[-1].text])
            named = Named(sentence[phrase[0].start:phrase[-1].end], name, None, phrase[0].start, phrase[-1].end)
        if named is not None:
            return named
    return None


def _lemma_of_participle(token: Token) -> str:
    """"geschätzten" -> schätzen: a participle used as an adjective, by the verb it comes from."""
    word = fold(token.text)
    for ending in ("en", "er", "es", "em", "e"):
        if word.endswith(ending) and len(word) > len(ending) + 4:
            word = word[:-len(ending)]
            break
    if word.startswith("ge") and word.endswith("t"):
        return word[2:-1] + "en"
    return fold(token.lemma)


_ACRONYM = re.compile(r"((?:[A-ZÄÖÜ][\w’'-]+\s(?:(?:für|for|of|the|des|der|und|and|de|du|in|im)\s)?){0,6}[A-ZÄÖÜ][\w’'-]+)\s"
                      r"\(([A-Z][A-Za-z]{1,7})\)")


_ACRONYM_DESCRIBED = re.compile(r"\b[Tt]he\s+((?:[A-ZÄÖÜ][\w’'-]+\s+)?(?:[a-z][\w’'-]+\s+){0,4}[a-z][\w-]+)\s\(([A-Z][A-Za-z]{1,7})\)")


_BEFORE_A_NAME = frozenset({"die", "der", "das", "des", "dem", "den", "the", "a", "an", "ein", "eine", "einer", "eines",
                            "einem", "nach", "laut", "von", "vom", "according"})


def taught_acronyms(sentences: list[str]) -> dict[str, str]:
    """Acronyms an article teaches: "Welternährungsprogramm (WFP)", "the World Food Programme (WFP)"."""
    found = {}
    for sentence in sentences:
        for m in _ACRONYM.finditer(sentence):
            name, acronym = m.group(1).strip(), m.group(2)
            words = name.split()
            # the expansion is the shortest tail of the capitalised run that the acronym abbreviates
            for k in range(len(words)):
                tail = " ".join(words[k:])
                if fold(words[k]) in _BEFORE_A_NAME:
                    continue   # "des Landesamts …": the name starts after the article
                if abbreviates(acronym, tail):
                    if k and role_of(words[k - 1], "de") and not abbreviates(acronym, words[k - 1]):
                        tail = f"{words[k - 1]} {tail}"   # "Gewerkschaft Nahrung-Genuss-Gaststätten (NGG)": its kind too
                    found[acronym] = tail
                    break
            else:
                # an acronym of the name in the other language ("Federal Financial Supervisory Authority
                # (BaFin)"): the whole run, a possessive or the words of a cue before it left out ("Nach Angaben
                # des Wasserstraßen- und Schifffahrtsamts (WSA)")
                start = max((k + 1 for k, w in enumerate(words) if w.endswith(("'s", "’s"))
                             or fold(w) in _BEFORE_A_NAME and k < len(words) - 1), default=0)
                found.setdefault(acronym, " ".join(words[start:]) or words[-1])
    for sentence in sentences:
        for m in _ACRONYM_DESCRIBED.finditer(sentence):
            # "the Nordmark consumer advice centre (VZN)", "the state environment agency (LfU)": a noun phrase
            # written small (a name may open it) before an acronym in brackets is spelled out by it, in whatever
            # language the acronym was made
            name, acronym = m.group(1), m.group(2)
            tokens = read(name, "en").tokens
            if acronym not in found and tokens and tokens[-1].noun and not any(t.pos.startswith("V") for t in tokens):
                found[acronym] = name
    for sentence in sentences:
        for m in _ACRONYM_KNOWN_BY.finditer(sentence):
            # "The pension fund for veterinarians in Nordmarsch, known by its German acronym VTN, said": the noun
            # phrase that opens the clause before it
            found.setdefault(m.group(2), m.group(1))
    return {acronym: _nominative(expansion) for acronym, expansion in found.items()}


_ACRONYM_KNOWN_BY = re.compile(r"(?:^|[.;:]\s|,\s)(?:[Tt]he\s+|[Dd](?:er|ie|as)\s+)?([\w’'-]+(?:\s+[\w’'-]+){0,9}?),\s+"
                               r"(?:known|abbreviated)\s+(?:by\s+its\s+(?:\w+\s+)?(?:acronym|abbreviation|initials)|as)\s+"
                               r"([A-ZÄÖÜ]{2,7})\b")


def _nominative(name: str) -> str:
    """"Landesamts für Lebensmittelsicherheit" -> "Landesamt für …": a German name's first noun without its genitive
    ending, by the tagger's lemma, so that the name meets its translation and its other cases."""
    words = name.split()
    if not words or not re.search(r"[^s]e?s$", words[0]) or not words[0][:1].isupper():
        return name
    tokens = read(words[0], "de").tokens
    lemma = tokens[0].lemma if len(tokens) == 1 and tokens[0].noun else words[0]
    if lemma != words[0] and words[0].startswith(lemma) and len(words[0]) - len(lemma) <= 2 and in_dictionary(lemma):
        words[0] = lemma
    return " ".join(words)


def _initials(name: str) -> list[str]:
    """The initials an acronym may take: of each word, and of each part of a German compound."""
    out = []
    for word in re.split(r"[\s-]+", name):
        if not word or word.casefold() in _STOP:
            continue
        tokens = read(word, "de").tokens
        parts = tokens[0].parts if tokens and tokens[0].parts else (_dictionary_parts(word.casefold()) or (word,))
        out.extend(p[:1].upper() for p in parts if p)
    return out


@lru_cache(maxsize=4096)
def _dictionary_parts(word: str) -> tuple:
    """A compound the tagger did not split, by the words the dictionary knows in it, longest last part first
    ("oberverwaltungsgericht": ober, verwaltung, gericht); () when it is no such compound."""
    if len(word) < 7:
        return ()
    for i in range(3, len(word) - 2):
        modifier, head = word[:i], word[i:]
        if len(head) < 3 or not in_dictionary(head):
            continue
        for link in ("", "s", "es", "n", "en"):
            stem = modifier[:len(modifier) - len(link)] if link and modifier.endswith(link) else modifier
            if link and not modifier.endswith(link) or len(stem) < 3:
                continue
            inner = (stem,) if in_dictionary(stem) else _dictionary_parts(stem)
            if inner:
                return (*inner, *(_dictionary_parts(head) or (head,)))   # each part as small as the dictionary has it
    return ()


def abbreviates(acronym: str, name: str) -> bool:
    """Whether an all-capitals acronym abbreviates a name ("KBA" and "Kraftfahrt-Bundesamt", "WHO" and
    "World Health Organization"): its letters are initials of the name's words or compound parts, in order."""
    if not re.fullmatch(r"[A-ZÄÖÜ][A-Za-zÄÖÜ]{1,7}", acronym) or acronym.upper() != acronym and len(acronym) < 3:
        return False
    letters = [c for c in acronym if c.isupper()]
    if len(letters) < 2:
        return False   # "Ukraine" is a word, not an acronym ("BaFin", "WHO" are)
    initials = _initials(name)
    if len(initials) < len(letters) or not initials or initials[0] != letters[0]:
        return False
    # every initial used, in order (a letter may also stand for a word's second part: "BAMF")
    j = 0
    for letter in letters:
        while j < len(initials) and initials[j] != letter:
            j += 1
        if j == len(initials):
            return False
        j += 1
    return len(initials) - len(letters) <= 1 or _by_words(letters, _word_initials(name))


def _word_initials(name: str) -> list[list[str]]:
    """The initials of each word of a name: its own, then its compound parts' ("Tierschutzbund": T, S, B)."""
    out = []
    for word in re.split(r"[\s-]+", name):
        if word and word.casefold() not in _STOP:
            out.append(_initials(word))
    return out


def _by_words(letters: list[str], words: list[list[str]]) -> bool:
    """"TBM" and "Tierschutzbund Mittelland": each word gives its initial and any of its parts' after it, in
    order; only the last word may give none (the seat: "Institut für Regionalwirtschaft Lorsingen" is IRW)."""
    def match(k: int, w: int) -> bool:
        if w == len(words):
            return k == len(letters)
        if k == len(letters):
            return w == len(words) - 1
        first, *rest = words[w] or [""]
        if letters[k] != first:
            return w == len(words) - 1 and match(k, w + 1)
        k += 1
        for part in rest:   # (a compound's later parts may each give a letter, in order)
            if k < len(letters) and letters[k] == part and match(k + 1, w + 1):
                return True
            if k < len(letters) and letters[k] == part:
                k += 1
        return match(k, w + 1)
    return len(words) >= 2 and match(0, 0)


# Two single words the dictionary does not relate are one word across languages at this cosine
# ("vorläufig"/"preliminary" 0.82, "Ergebnis"/"results" 0.84; "Amt"/"authority" 0.42, "final"/"vorläufig" 0.56).
WORD_SIMILARITY = 0.78


@lru_cache(maxsize=65536)
def _word_similarity(a: str, b: str) -> float:
    from .bilingual import _vector

    return float(_vector(a) @ _vector(b))


@dataclass(frozen=True)
class _Word:
    meanings: frozenset            # the lemma, the word, and its English translations
    parts: tuple = ()              # a German compound's parts, each as its meanings
    kind: Optional[str] = None     # the kind of body the word (a compound by its head) names, if any


def _content_words(name: str, language: str, keep_stop: bool = False) -> list[_Word]:
    """Each content word of a source name with its English meanings (and a compound's parts); `keep_stop`
    keeps words such as "city" that only qualify a name, for a name that is nothing else ("the city")."""
    from .bilingual import english

    geo = gazetteer()
    words = []
    for token in read(name, language).tokens:
        if not (token.noun or token.proper or token.adjective) or geo.names.get(token.text):
            continue
        if fold(token.text) in _STOP and not (keep_stop and token.noun):
            continue
        if geo.demonyms.get(token.text):
            continue
        lemma = token.lemma.casefold()
        # a body's noun means its kind too ("Verband", "Association": association), which a dictionary that
        # lists a word's other senses first may leave out
        split = (compound_split(token.lemma) or compound_split(token.text)) if language == "de" else None
        pieces = split if split else token.parts if language == "de" else ()
        if pieces and toponym_like(token.text) and not in_dictionary(token.text):
            pieces = ()   # a place's name is no compound of meanings ("Weilstadt" is not a city's noun)
        # (the word as written too: "Stadtwerke" is a utility, its tagger lemma "Stadtwerk" a power plant)
        meanings = frozenset(set(english(lemma, language, heads=False)) | set(english(token.text, language, heads=False))
                             | {lemma, fold(token.text), _ENDING.sub("", fold(token.text))})
        # a body's noun says its kind ("Verband", "Association": an organisation), which a dictionary that lists
        # a word's other senses first may not; a compound's kind is its head's
        kind = role_of(pieces[-1] if len(pieces) >= 2 else token.text, language) or (
            role_of(lemma, language) if len(pieces) < 2 else None)
        parts = tuple(frozenset({p} | set(english(p, "de")[:6])) for p in pieces)
        words.append(_Word(meanings, parts, kind))
    return words


def _vocabulary(words: list[_Word]) -> set:
    out = set()
    for word in words:
        for group in (word.meanings, *word.parts):
            for meaning in group:
                out.add(meaning)
                out.update(meaning.split())
    return out


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=65536)
def _english_stem(word: str) -> str:
    return _stemmer().stemWord(word)


@lru_cache(maxsize=4096)
def _english_stems(words: frozenset) -> frozenset:
    return frozenset(_english_stem(w) for w in words if w.isascii() and len(w) > 3)


def _covered(shorter: list[_Word], longer: list[_Word], across: bool = True) -> bool:
    """Every content word of one name has a meaning among the other's words (a compound by its parts);
    `across` when the names are in two languages."""
    if not shorter:
        return False
    vocabulary = _vocabulary(longer)
    # a body's noun is covered by a word or a compound's head, never by a modifier: "Stadt" is not
    # "Stadtwerke Weilstadt"
    heads = _vocabulary([_Word(w.meanings, w.parts[-1:]) for w in longer])

    raw = {w for word in longer for w in word.meanings if " " not in w}

    def known(group, vocabulary=vocabulary, stems=True) -> bool:
        if any(m in vocabulary or all(w in vocabulary for w in m.split()) for m in group):
            return True
        # two forms of one English word that qualifies a body ("investigation", "customs investigating
        # office"), never a body's own noun ("insurer" is not "insurance")
        if stems:
            stemmed = _english_stems(frozenset(vocabulary))
            if any(all(_english_stem(w) in stemmed for w in m.split()) for m in group if m.isascii()):
                return True
        # a word the dictionary does not translate: the encoder, one word against one word; in one language
        # only for two forms of one word ("shipowner", "ship-owners"), since "farmers" is no "agriculture"
        return any(_word_similarity(m, w) >= WORD_SIMILARITY for m in group if " " not in m for w in raw
                   if across or m[:4] == w[:4])

    kinds = {word.kind for word in longer if word.kind and not word.parts}

    def compound_known(word) -> bool:
        # a compound by its head and at least one modifier ("Wasserschutzpolizei": water police; Schutz
        # may go unsaid), never by its head alone ("Landespolizei" is not "Bundespolizei"); a head the
        # dictionary does not give as the other's word by the kind they name, then with every modifier
        # ("Reederverband": shipowners' association; "Landesfischereiverband" is no "fisheries association")
        parts = word.parts
        if len(parts) < 2:
            return False
        if known(parts[-1]):
            return any(known(p) for p in parts[:-1])
        return word.kind in kinds and all(known(p) for p in parts[:-1])

    return all(known(w.meanings, heads if w.kind and not w.parts else vocabulary, stems=not w.kind)
               or (w.parts and (all(known(p) for p in w.parts) or compound_known(w))) for w in shorter)


# A territory's own body by the territory's noun: the town, its administration ("die Stadt", "Stadtverwaltung",
# "the city administration") is one body at each level
_TERRITORY_LEVELS = {"stadt": "town", "city": "town", "town": "town", "gemeinde": "town", "kommune": "town",
           "municipality": "town", "borough": "town", "kreis": "district", "landkreis": "district",
           "district": "district", "county": "district", "bezirk": "district", "land": "state", "bundesland": "state",
           "state": "state"}
_ADMINISTRATION = ("verwaltung", "administration", "authorities", "behörden")
_TOWN_HALLS = frozenset({"rathaus", "rathauses"})


def territory_body(name: str, language: str) -> Optional[tuple[str, Optional[str]]]:
    """The level ("town", "district", "state") and seat of a name that names a territory's own body, None for
    any other name: "Stadt Weilstadt" (town, Weilstadt), "Weilstadt city administration", "die Stadt" (town)."""
    level, seat = None, None
    for token in read(name, language).tokens:
        folded = fold(token.text)
        if folded in _STOP - _TERRITORY_LEVELS.keys() or token.text in ("'s", "’s") or not (
                token.noun or token.proper or token.adjective):
            continue
        if folded.endswith(_ADMINISTRATION) and folded not in _ADMINISTRATION:
            folded = next(folded[:-len(a)] for a in _ADMINISTRATION if folded.endswith(a))
            if folded not in _TERRITORY_LEVELS and folded.endswith("es"):
                folded = folded[:-2]   # (a linking ending: "Landesverwaltung")
        if folded in _ADMINISTRATION or fold(token.lemma) in _ADMINISTRATION or folded == "hall" and level == "town":
            continue   # ("Schwarzbrunn town hall", "city hall": the town's seat of government)
        if folded in _TOWN_HALLS:
            folded = "stadt"
        if folded in _TERRITORY_LEVELS or fold(token.lemma) in _TERRITORY_LEVELS:
            if level is not None:
                return None
            level = _TERRITORY_LEVELS.get(folded) or _TERRITORY_LEVELS[fold(token.lemma)]
        elif token.text[:1].isupper() and (token.proper or not in_dictionary(token.text)) and seat is None:
            seat = token.text
        else:
            return None
    return (level, seat) if level else None


# Modifiers that make a body of a state or the federation out of a local one's name.
_GOVERNMENT_LEVELS = ("landes", "bundes")


def _another_level(a: str, b: str) -> bool:
    """Whether one body's name begins with the other's first word with a level of government before it: the
    "Landesgesundheitsamt" is not the district's "Gesundheitsamt", the "Bundespolizei" not the "Polizei"."""
    x, y = fold(a.strip()).split()[:1], fold(b.strip()).split()[:1]   # ("Gesundheitsamt des Landkreises")
    return bool(x and y) and any(x[0] == level + y[0] for level in _GOVERNMENT_LEVELS)


def same_territory_body(a: str, a_lang: str, b: str, b_lang: str) -> Optional[bool]:
    """Two names of territories' own bodies ("Schwarzbrunn town hall", "die Stadt") are one body at one level, of
    one seat where both name one; None unless both are such names."""
    ta, tb = territory_body(a, a_lang), territory_body(b, b_lang)
    if not (ta and tb):
        return None
    return ta[0] == tb[0] and (ta[1] is None or tb[1] is None or fold(ta[1]) == fold(tb[1]))


@lru_cache(maxsize=65536)
def same_name(a: str, a_lang: str, b: str, b_lang: str) -> bool:
    """Two source names for one source: the same name (case endings aside), an acronym and its expansion,
    or the same words in the other language ("Wahlamt" and "election office")."""
    same_territory = same_territory_body(a, a_lang, b, b_lang)
    if same_territory is not None:
        return same_territory
    if _another_level(a, b) or _another_level(b, a):
        return False
    if any(fold(_without_kind(x, lx) or "") == fold(y.strip()) for x, lx, y in ((a, a_lang, b), (b, b_lang, a))):
        return True   # "the BdP union" is the BdP
    x, y = _key(a), _key(b)
    bare = not x or not y   # "the city": a name of only the words that qualify names
    x, y = x or fold(a).removeprefix("the "), y or fold(b).removeprefix("the ")
    if x == y:
        return True
    if abbreviates(a.strip(), b) or abbreviates(b.strip(), a):
        return True
    ca, cb = _countries(a), _countries(b)
    if ca and cb and not ca & cb:
        return False   # "US government" and "Ukrainian government": the country names the source
    wa, wb = _content_words(a, a_lang, keep_stop=bare), _content_words(b, b_lang, keep_stop=bare)
    if not wa or not wb:
        return False
    if _field_office(a, a_lang, b, b_lang) or _field_office(b, b_lang, a, a_lang):
        return True
    shorter, longer = sorted((wa, wb), key=len)
    if len(shorter) == 1 and not shorter[0].parts and len(longer) > 2:
        return False   # one word says too little of a long name
    seat_a, seat_b = _seat(a, a_lang), _seat(b, b_lang)
    if seat_a and seat_b and fold(seat_a) != fold(seat_b):
        return False   # "Klinikum Kelbra" and "Halden hospital": bodies of two places
    across = a_lang != b_lang
    if not across and _another_kind_noun(a, b, a_lang):
        return False
    if _covered(shorter, longer, across) or _covered(longer, shorter, across) or _same_kind(a, a_lang, b, b_lang):
        return True
    if seat_a and seat_b:
        # one seat: the bodies without it ("Norderbrück treasury", "Kämmerei Norderbrück")
        return same_name(_without_seat(a, a_lang), a_lang, _without_seat(b, b_lang), b_lang)
    # "Veterinäramt Ostwiesen": a body named with its seat, a word no dictionary knows, is the body
    for name, language, other, other_language in ((a, a_lang, b, b_lang), (b, b_lang, a, a_lang)):
        body = _without_seat(name, language)
        if body is not None and _without_seat(other, other_language) is None:   # (not two seats)
            return same_name(body, language, other, other_language)
    return False


def _another_kind_noun(a: str, b: str, language: str) -> bool:
    """In one language, a bare noun of an organisation and a name whose own noun of an organisation is another
    word: "der Verein" (the club) is not the "Liga-Verband" (the league), though the dictionary gives both as
    "association"."""
    for bare, name in ((a, b), (b, a)):
        words = [w for w in bare.split() if fold(w) not in _STOP]
        if len(words) != 1 or role_of(words[0], language) != "organisation":
            continue   # (a company's or an authority's nouns stand for each other: "das Unternehmen", "die Behörde")
        # (case endings aside: "des Verbands" and "Weinbauverband")
        nouns = [_ENDING.sub("", fold(w)) for w in re.split(r"[\s-]+", name) if role_of(w, language) == "organisation"]
        noun = _ENDING.sub("", fold(words[0]))
        if nouns and not any(other.endswith(noun) or noun.endswith(other) for other in nouns):
            return True
    return False


def _without_kind(name: str, language: str) -> Optional[str]:
    """A name with the noun of its kind beside it, without that noun: "BdP union" -> "BdP", "Gewerkschaft
    Verdi" -> "Verdi"; None for any other name."""
    words = [w for w in name.split() if fold(w) not in _BEFORE_A_NAME]
    if len(words) != 2:
        return None
    for kind_word, rest in ((words[1], words[0]), (words[0], words[1])):
        if role_of(kind_word, language) and not role_of(rest, language) and (
                _acronym_like(rest) or rest[:1].isupper() and not in_dictionary(rest) and not toponym_like(rest)):
            return rest
    return None


def _acronym_like(word: str) -> bool:
    return len(word) >= 2 and sum(1 for c in word if c.isupper()) >= 2 and word.isalpha()


# English heads of a body's name that say only that it is an office of its field ("customs investigation office").
_OFFICE_HEADS = frozenset({"office", "authority", "agency", "department", "directorate", "administration", "bureau"})


def _field_office(short: str, short_lang: str, long: str, long_lang: str) -> bool:
    """A body named by one word of its kind and an office of that field named in full: "Zoll" and
    "Zollfahndungsamt Kelmsdorf", "the Kelmsdorf customs investigation office"; not "Zollgewerkschaft"."""
    from .bilingual import english

    words = short.split()
    if len(words) != 1 or not role_of(words[0], short_lang) or _compound(words[0]) and short_lang == "de":
        return False
    field = {_english_stem(m) for m in (fold(words[0]), *english(words[0], short_lang)) if " " not in m}
    body = _without_seat(long, long_lang) or long
    tokens = [t for t in read(body, long_lang).tokens if (t.noun or t.adjective) and not t.proper
              and fold(t.text) not in _STOP]   # (a seat before an English name: "the Kelmsdorf … office")
    if long_lang == "de":
        if len(tokens) != 1 or len(tokens[0].parts) < 2:
            return False
        head, first = tokens[0].parts[-1], tokens[0].parts[0]
        offices = {m for m in english(head, "de", heads=False)} & _OFFICE_HEADS
        return bool(offices) and bool({_english_stem(m) for m in (first, *english(first, "de")) if " " not in m} & field)
    if len(tokens) < 2 or fold(tokens[-1].lemma) not in _OFFICE_HEADS:
        return False
    return _english_stem(fold(tokens[0].text)) in field


def _seat(name: str, language: str) -> Optional[str]:
    """The place a body's name of two words gives it: "Klinikum Kelbra", "Halden hospital"."""
    words = name.split()
    if len(words) != 2:
        return None
    body, seat = (words[1], words[0]) if language == "en" else (words[0], words[1])
    from .bilingual import english_word

    unknown = not english_word(seat) if language == "en" else not in_dictionary(seat) or toponym_like(seat)
    if seat[:1].isupper() and unknown and role_of(body, language) and not role_of(seat, language):
        return seat
    return None


def _without_seat(name: str, language: str) -> Optional[str]:
    words = name.split()
    if len(words) == 2 and words[1][:1].isupper() and not in_dictionary(words[1]) and role_of(words[0], language):
        return words[0]
    seat = _seat(name, language)
    if seat is not None:
        return " ".join(w for w in words if w != seat)   # ("Norderbrück treasury")
    return None


_WHICH_LEVEL = frozenset({"town", "city", "district", "county", "state", "national", "federal"})


def _body_words(name: str, language: str) -> Optional[tuple[Token, list[str]]]:
    """A body's name as its head noun and the words that say which body it is: "Airport operator" ->
    operator + [airport], "Imkerbund" -> Bund + [Imker], "Bund der Steuerzahler" -> Bund + [Steuerzahler]."""
    geo = gazetteer()
    tokens = [t for t in read(name, language).tokens if not geo.names.get(t.text) and not geo.demonyms.get(t.text)]
    genitive = next((k for k, t in enumerate(tokens) if k and t.text.casefold() in ("der", "des", "of")), None)
    # "state", "federal" and "city" say which body it is here ("state fisheries association" = "Landesfischereiverband")
    content = [t for t in tokens if (t.noun or t.adjective) and (fold(t.text) not in _STOP or fold(t.text) in _WHICH_LEVEL)]
    if not content or any(t.proper for t in tokens):
        return None
    if genitive is not None:
        heads = [t for t in tokens[:genitive] if t.noun]
        if not heads:
            return None
        head = heads[-1]
    else:
        head = content[-1] if content[-1].noun else None
    if head is None:
        return None
    modifiers = [(t.lemma if in_dictionary(t.lemma) or not in_dictionary(t.text) else t.text).casefold()
                 for t in content if t is not head]   # "fisheries", not the tagger's "fisherie"
    if len(head.parts) >= 2:
        # the compound's first parts as one word ("Flughafengesellschaft": Flughafen), else each of them when
        # the dictionary has no word for them together ("Landesfischereiverband": Land, Fischerei)
        from .bilingual import english

        joined = head.text.casefold()[:-len(head.parts[-1])].rstrip("-")
        if len(head.parts) == 2 and english(head.parts[0], "de", heads=False):
            joined = head.parts[0]   # the first part's lemma, without a linking "s": "Landes-" is Land
        elif joined.endswith("s") and not english(joined, "de", heads=False) and english(
                joined[:-1], "de", heads=False):
            joined = joined[:-1]   # "Landwirtschafts-" is Landwirtschaft
        several = len(head.parts) >= 3 and not english(joined, "de", heads=False)
        modifiers = (list(head.parts[:-1]) if several else [joined]) + modifiers
    return head, modifiers


def _kinds(token: Token, language: str) -> frozenset:
    from .bilingual import english

    word = token.parts[-1] if len(token.parts) >= 2 else token.text
    kinds = {role_of(word, language), role_of(token.text, language)} - {None}
    if kinds <= {"organisation"} and language == "de":
        # a head no role list names, or only as some organisation: by its translations too ("Kämmerei":
        # finance department; "Gesellschaft": society, company)
        kinds |= {_roles().get(fold(m)) or _roles().get(fold(m.split()[-1])) for m in english(word, language)[:6]}
    return frozenset(k for k in kinds if k)


def _same_kind(a: str, a_lang: str, b: str, b_lang: str) -> bool:
    """One body under two words for its kind, with the same words saying which: "Airport operator" and
    "Flughafengesellschaft", "Imkerbund" and "Beekeepers' Association", "treasury" and "Kämmerei". The heads
    name the same kind of body; every word that qualifies one qualifies the other ("Landesamt" is not
    "Bundesamt", "Polizei" is not "Bundespolizei")."""
    x, y = _body_words(a, a_lang), _body_words(b, b_lang)
    if x is None or y is None or len(x[1]) != len(y[1]):
        return False
    if not _kinds(x[0], a_lang) & _kinds(y[0], b_lang):
        return False
    if not x[1]:
        return True
    mx = [_Word(frozenset(_meanings(m, a_lang))) for m in x[1]]
    my = [_Word(frozenset(_meanings(m, b_lang))) for m in y[1]]
    return _covered(mx, my) and _covered(my, mx)


def _meanings(word: str, language: str) -> set:
    from .bilingual import english

    singular = {re.sub(r"ies$", "y", word), word[:-1] if word.endswith("s") else word} if language == "en" else set()
    return {word, _ENDING.sub("", word), *singular, *english(word, language)[:6]}


def _countries(name: str) -> frozenset:
    geo = gazetteer()
    found = {geo.country(h.value) or h.value for h in geo.names.finditer(name)}
    found |= {geo.country(h.value) or h.value for h in geo.demonyms.finditer(name)}
    return frozenset(found)


def _key(name: str) -> str:
    words = [_ENDING.sub("", w) for w in fold(name).split() if w not in _STOP]
    return " ".join(words)


def resolve_role(attributor: Attributor, organisations: list[tuple[str, Optional[str]]],
                 at: Optional[int] = None) -> Attributor:
    """"das Unternehmen", "the ministry": the article's organisation of that kind, the one named last before
    sentence `at` when it is given ("Das Gesundheitsamt … Das Amt zählte …"), else the first."""
    # the kind of the whole name first: "fire service" is a fire service, not an authority by its last word
    role = _roles().get(fold(attributor.canonical)) or role_of(attributor.canonical.split()[-1], "de") or role_of(
        attributor.canonical.split()[-1], "en")
    if role is None or any(w[:1].isupper() and not role_of(w, "de") and not role_of(w, "en")
                           for w in attributor.canonical.split()):
        return attributor
    word = attributor.canonical.split()[-1]
    # "die Behörde", "the bank": a bare noun of the kind stands for the article's body of that kind;
    # "das Gesundheitsamt", "the district health office" name a body of their own
    bare = len(attributor.canonical.split()) == 1 and not _compound(word)
    candidates = []
    for organisation in organisations:
        name, kind = organisation[0], organisation[1]
        if kind != role or fold(name) == fold(attributor.canonical):
            continue
        own = organisation.word if isinstance(organisation, Organisation) else None
        if bare and fold(word) in _TERRITORIES and not any(
                fold(w).startswith(fold(word)) or translates(fold(word), _language_of_word(word), fold(w),
                                                              _language_of_word(w), heads=False)
                for w in name.replace("-", " ").split()):
            continue   # "die Stadt" is the town's body ("Stadt Weilstadt", "Stadtverwaltung"), not any authority
        if own is not None and not bare and not translates(fold(word), _language_of_word(word), fold(own),
                                                           _language_of_word(own), heads=False):
            continue   # "Robert Koch-Institut" is the institute, not "das Gesundheitsamt"
        candidates.append(organisation)
    if bare and role == "authority" and fold(word) not in _TERRITORIES | {"city", "town", "district", "county"}:
        # "Das teilte die Behörde mit": any public body the article names is an authority (the one named last
        # before, as for any role noun)
        candidates += [o for o in organisations if o[1] in _INSTITUTIONS and o not in candidates
                       and fold(o[0]) != fold(attributor.canonical)]
        candidates.sort(key=lambda o: o.index if isinstance(o, Organisation) else -1)
    if not candidates:
        return attributor
    # "the office" is the body whose name ends in that word (or its translation) before any other of its kind
    own_word = [o for o in candidates if isinstance(o, Organisation) and o.word and translates(
        fold(word), _language_of_word(word), fold(o.word), _language_of_word(o.word), heads=False)]
    # ("der Verein" is the club, not the "Liga-Verband" whose noun also translates as "association")
    same_word = [o for o in own_word if fold(o.word).endswith(fold(word))]
    candidates = same_word or own_word or candidates
    before = [o for o in candidates if at is not None and isinstance(o, Organisation) and 0 <= o.index <= at]
    if at is not None and not before and all(isinstance(o, Organisation) and o.index > at for o in candidates):
        return attributor   # a role noun stands for a body named before it, not for one the article names later
    return Attributor(attributor.text, (before[-1] if before else candidates[0])[0])


@lru_cache(maxsize=8192)
def _compound(word: str) -> bool:
    """Whether a German noun is a compound of several parts ("Gesundheitsamt", "Bundeskartellamt")."""
    tokens = read(word, "de").tokens
    if tokens and len(tokens[0].parts) >= 2:
        return True
    folded = fold(word)
    stems = {folded, _ENDING.sub("", folded)}   # "des Gesundheitsamts"
    return any(f.endswith(term) and len(f) - len(term) >= 3 for f in stems for term in _roles() if " " not in term)


# Bodies a compound noun names on its own ("das Bundeskartellamt", "das Landgericht"), unlike a company's
# descriptor ("der Pharmakonzern"), which names the company beside it.
_INSTITUTIONS = frozenset({"authority", "ministry", "court", "police", "prosecutors", "fire service"})


# Bodies that are always seated in a place: a name after their noun is the seat ("Landgericht Halvern")
_SEATED = frozenset({"court", "prosecutors", "police"})


class Organisation(NamedTuple):
    """An organisation an article names: its name, its kind, and the role noun its name ends in, if any."""
    name: str
    role: Optional[str]
    word: Optional[str] = None
    index: int = -1        # the sentence that names it


def _language_of_word(word: str) -> str:
    return "de" if word[:1].isupper() and role_of(word, "de") else "en"


@lru_cache(maxsize=65536)
def same_report(a: str, a_lang: str, b: str, b_lang: str) -> bool:
    """"preliminary results" and "nach dem vorläufigen Ergebnis des Wahlamts": one attribution names a
    report, and all its words are in the other's attribution phrase."""
    if not a or not b:
        return False
    for one, one_lang, other, other_lang in ((a, a_lang, b, b_lang), (b, b_lang, a, a_lang)):
        words = _content_words(one, one_lang)
        if len(words) < 2 or not any(fold(m) in _report_nouns() for w in words for m in w.meanings):
            continue
        if _covered(words, _content_words(other, other_lang)):
            return True
    return False


# Finite verb tags of both taggers (STTS "(FIN)"; CLAWS present, past, modal).
_FINITE = ("(FIN)", "VVZ", "VVD", "VBZ", "VHZ", "VHB", "VBB", "VBD", "VHD", "VDB", "VDD", "VDZ", "VM0")


_ACCOUNT_OBJECT = re.compile(r"(?:figure|estimate|count|tally|forecast|Zahl|Angabe|Schätzung|Zählung|Prognose)s?$", re.IGNORECASE)
# (a relative clause between the name and its verb: "The … Federation (ASB), which ran the rescue, continued …")
_TAUGHT_SUBJECT = re.compile(r"^\s*(?:Der|Die|Das|The)?\s*([A-ZÄÖÜ][^,;:()]{2,90}?)\s\(([A-Z][A-Za-z]{1,7})\)"
                             r"(?:,\s(?:which|who|that|der|die|das|welche[rs]?)\s[^,;]{1,90},)?\s")


def actor(sentence: str, language: str, statement: bool = False, bodies: frozenset = frozenset()) -> Optional[Named]:
    """An organisation that is the subject of its own action speaks for it: "Der Autohersteller Vanta ruft
    40.000 Autos zurück" (a role noun names it an organisation). In a statement a bare name heading the
    sentence does too ("Vanta ruft 40.000 Elektroautos zurück"); a place never does (it is the owner)."""
    tokens = read(sentence, language).tokens
    taught = _TAUGHT_SUBJECT.match(sentence)
    if taught:
        # "Das Institut für Qualität und Wirtschaftlichkeit im Gesundheitswesen (IQWiG) bleibt bei …": a body
        # whose name the sentence teaches with its acronym, before the finite verb, acts in its own name
        following = [t for t in tokens if t.start >= taught.end()]
        if len(following) > 2 and following[0].pos in ("PRP", "APPR") and TIME_WORD.match(following[1].text):
            following = following[2:]   # "The … Station (AFS) on Thursday revised …"
        after = following[0] if following else None
        kind = _kind_word(taught.group(1))[0]
        # (a body no word says the kind of acts in its own name where it revises its own account: "revised
        # its figure", "hob seine Schätzung an")
        own_account = len(following) > 2 and following[1].pos in ("DPS", "PPOSAT") and _ACCOUNT_OBJECT.match(
            following[2].text)
        if after is not None and after.pos.endswith(_FINITE) and (kind or own_account):
            return Named(taught.group(0).strip(), taught.group(2), kind, taught.start(1), taught.end())
    inverted = _inverted_actor(tokens, sentence, language)
    if inverted is not None:
        return inverted
    received = _received_by(tokens, sentence, language)
    if received is not None:
        return received
    phrase = _noun_phrase(tokens, 0, 1)
    verb = len(phrase)
    if (language == "en" and phrase and verb + 2 < len(tokens) and tokens[verb].text == "of"
            and fold(phrase[-1].text) in _TERRITORY_LEVELS and tokens[verb + 1].proper
            and tokens[verb + 2].pos.endswith(_FINITE)):
        # "The town of Ostrauen has received 70 damage reports": the town's own body acts in its name
        return Named(sentence[phrase[0].start:tokens[verb + 1].end], f"{phrase[-1].text} of {tokens[verb + 1].text}",
                     "authority", phrase[0].start, tokens[verb + 1].end)
    if verb + 2 < len(tokens) and tokens[verb].text == "(" and tokens[verb + 2].text == ")":
        verb += 3   # "The German weather service (DWD) measured …"
    if verb < len(tokens) and tokens[verb].pos in ("PRP", "APPR") and verb + 1 < len(tokens):
        # "The state farmers' association in Elmland has raised …": a place phrase after the subject
        place = _noun_phrase(tokens, verb + 1, 1)
        if place and len(place) <= 4 and any(t.proper or _name_like(t) for t in place):
            verb += 1 + len(place)
    if verb + 1 < len(tokens) and tokens[verb].text in ("des", "der") and phrase and role_of(phrase[-1].text, language):
        whose = _noun_phrase(tokens, verb + 1, 1)
        if whose and _whose(whose):
            verb += 1 + len(whose)   # "Das Agrarministerium des Elmlands stockt … auf": the ministry acts
    while verb < len(tokens) and tokens[verb].text.casefold() in _BESIDE_SUBJECT:
        verb += 1   # "Norvik now offers …"
    if statement and verb + 1 < len(tokens) and tokens[verb].pos == "TO0" and tokens[verb + 1].pos == "VVI":
        verb += 1   # a headline's "Kerbach Netz to invest …" is what it will do
    if not phrase or verb >= len(tokens) or not (tokens[verb].pos.endswith(_FINITE) or statement and (
            tokens[verb].pos == "VVI" and tokens[verb - 1].pos == "TO0")):
        return None
    geo = gazetteer()
    if _STANDS_BY.match(sentence, tokens[verb].start):
        # "Das Tornadonetzwerk TorNet bleibt bei seiner Schätzung", "The LFO stands by its figure": a body that
        # keeps its figure says it again, whatever its name
        named = _named(phrase, sentence)
        if named is not None and named.role != "report" and not geo.names.get(named.name):
            return named
    roles = [t for t in phrase if t.noun and not t.proper and role_of(t.text, language)]
    content = [t for t in phrase if t.noun or t.proper]
    pair = " ".join(t.text for t in content[-2:])
    if not roles and len(content) >= 2 and not any(t.proper for t in content) and role_of(pair, language):
        # "The fire brigade stood by its count": a body's kind in two words acts in its own name
        return Named(sentence[phrase[0].start:phrase[-1].end], generic_role_name(pair) or pair,
                     role_of(pair, language), phrase[0].start, phrase[-1].end)
    if roles and roles[-1] is content[-1] and (not any(t.proper for t in content) or language == "en"):
        # ("Wallhausen chess festival organisers have disqualified …": names before the kind's noun say which)
        # "Police have arrested 21 people", "Die Initiative hat 24.000 Unterschriften gesammelt": a body
        # named by its kind acts in its own name (the article's body of that kind, resolved by the caller)
        named = _named(phrase, sentence)
        if named is not None and named.role not in (None, "report"):
            return named
    if roles and generic_role_name(roles[-1].text) and roles[-1] is not phrase[-1]:
        # "Das Landgericht Ostringen hat … verurteilt": a body named after its town acts in its own name
        rest = phrase[phrase.index(roles[-1]) + 1:]
        if rest and all(t.text[:1].isupper() and (t.noun or t.proper) for t in rest):
            name = " ".join(t.text for t in [roles[-1], *rest])
            return Named(sentence[phrase[0].start:phrase[-1].end], name, role_of(roles[-1].text, language),
                         phrase[0].start, phrase[-1].end)
    if roles and language == "de" and roles[-1] is not phrase[-1]:
        # "Der Landkreis Vahrenbruch hat die Zahl … erhöht", "Das Tornadonetzwerk TorNet bleibt bei …": a kind's
        # noun and a name no dictionary knows; a town's name keeps the kind ("Landkreis Vahrenbruch")
        rest = phrase[phrase.index(roles[-1]) + 1:]
        if rest and all(t.text[:1].isupper() and (t.noun or t.proper) and not in_dictionary(t.text) for t in rest):
            own = " ".join(t.text for t in rest)
            seat = fold(roles[-1].text) in _TERRITORY_LEVELS or all(toponym_like(t.text) for t in rest)
            name = f"{roles[-1].text} {own}" if seat else own
            return Named(sentence[phrase[0].start:phrase[-1].end], name, role_of(roles[-1].text, language),
                         phrase[0].start, phrase[-1].end)
    names = [t for t in phrase if (t.proper or _name_like(t)) and not geo.names.get(t.text)]
    if not names or any(geo.names.get(t.text) for t in phrase if t.proper):
        return None
    if roles and roles[-1].start < names[0].start:
        return Named(sentence[phrase[0].start:phrase[-1].end], " ".join(t.text for t in names),
                     role_of(roles[-1].text, language), phrase[0].start, phrase[-1].end)
    alone = len(names) == len([t for t in phrase if t.noun or t.proper]) == 1
    if alone and names[0].text in bodies:
        # a name the article knows as an organisation ("Veridan bleibt bei 1,8 Tonnen")
        return Named(names[0].text, names[0].text, None, names[0].start, names[0].end)
    after = tokens[verb + 1] if verb + 1 < len(tokens) else None
    if after is not None and after.pos.startswith(("APPR", "PRP", "IN", "PRF")):
        return None   # "Die Donau stieg auf 7 Meter", "The Danube rose to 23 feet": no object, no actor
    if statement and (alone or len(names) == 2 == len(content)):
        # (a name of two words too: "Kerbach Netz to invest …")
        return Named(" ".join(t.text for t in names), " ".join(t.text for t in names), None, names[0].start,
                     names[-1].end)
    return None


# A finite verb by which a source keeps its figure ("bleibt bei", "stands by its estimate", "sticks to").
_STANDS_BY = re.compile(r"(?:bleibt|blieb|bleiben|blieben)\s+(?:\w+\s+)?bei\b|(?:stands|stood|sticks|stuck)\s+"
                        r"(?:\w+\s+)?(?:by|to)\b", re.IGNORECASE)


# Verbs by which reports or complaints reach a body ("Bei der Stadt sind 112 Meldungen eingegangen").
_RECEIVED = frozenset({"eingehen", "einlaufen", "vorliegen", "einreichen"})


def _received_by(tokens: tuple, sentence: str, language: str) -> Optional[Named]:
    """"Bei der Stadtverwaltung Ostrauen sind 112 Schadensmeldungen eingegangen": the body that received what is
    counted has counted it."""
    if language != "de" or len(tokens) < 4 or tokens[0].text.casefold() not in ("bei", "beim"):
        return None
    phrase = _noun_phrase(tokens, 1, 1)
    if not phrase or not any(role_of(t.text, language) for t in phrase if t.noun and not t.proper):
        return None
    clause = tokens[0].clause
    particle = next((t.text for t in tokens if t.particle and t.clause == clause), "")
    verbs = {fold(t.lemma) for t in tokens[len(phrase) + 1:] if t.clause == clause and t.verb}
    if not (verbs | {fold(particle) + v for v in verbs}) & _RECEIVED:   # ("gingen … ein")
        return None
    named = _named(phrase, sentence)
    return named if named is not None and named.role not in (None, "report") else None


def _inverted_actor(tokens: tuple, sentence: str, language: str) -> Optional[Named]:
    """"Beim Schachfestival hat der Veranstalter zwei Spieler disqualifiziert": a German sentence that opens
    with a phrase of place or time puts its subject right after the finite verb; a body named by its kind
    there acts in its own name."""
    if language != "de" or not tokens:
        return None
    finite = next((k for k, t in enumerate(tokens) if t.pos.endswith("(FIN)")), None)
    if finite is None or not any(t.pos.startswith("APPR") for t in tokens[:finite]):
        return None   # (a phrase with a preposition opens it: "Fünf Tage nach dem Tornado hat der Landkreis …")
    if finite is None or finite + 2 >= len(tokens) or any(t.text in ",;:" for t in tokens[:finite]):
        return None
    if tokens[finite + 1].text.casefold() not in ("der", "die", "das"):
        return None
    phrase = _noun_phrase(tokens, finite + 1, 1)
    content = [t for t in phrase if t.noun or t.proper]
    while len(content) > 1 and content[-1].text[:1].isupper() and (content[-1].proper or toponym_like(content[-1].text)
                                                                     or not in_dictionary(content[-1].text)):
        content = content[:-1]   # ("hat die Staatsanwaltschaft Rotenfels … beziffert": the body and its seat)
    if not content or not content[-1].noun or content[-1].proper or not role_of(content[-1].text, language):
        return None
    if fold(content[-1].lemma) != fold(content[-1].text):
        return None   # ("haben die Behörden … gebracht": authorities in general, no body of the story)
    named = _named(phrase, sentence)
    return named if named is not None and named.role not in (None, "report") else None


def headed_by(statement: str, language: str) -> Optional[Named]:
    """"Mountain rescue: 450 people were evacuated", "Insolvenzverwalter: …": a newsroom statement's short
    head before a colon names its source, whatever the words (a head with a verb, a preposition, a figure
    or only a place is a topic: "Masern im Kreis Wendelsee: …")."""
    tokens = read(statement, language).tokens
    colon = next((i for i, t in enumerate(tokens[:6]) if t.text == ":"), None)
    if not colon or colon >= len(tokens) - 2:
        return None
    head = tokens[:colon]
    words = statement[head[0].start:head[-1].end]
    if fold(words) in _roles():
        # ("Works council: …": a kind of body's name, whatever the tagger makes of its words)
        return Named(words, words, DESCRIBED, head[0].start, head[-1].end)
    if any(t.verb or t.auxiliary or t.number or t.pos.startswith(("APPR", "PRP", "IN", "PRF")) for t in head):
        return None
    content = [t for t in head if t.noun or t.proper]
    if not content or all(gazetteer().names.get(t.text) for t in content):
        return None
    first = next(k for k, t in enumerate(head) if t.noun or t.proper or t.adjective)
    start, end = head[first].start, head[-1].end
    return Named(statement[head[0].start:end], statement[start:end], DESCRIBED, head[0].start, end)


def organisations(sentences: list[str], language: str) -> list[tuple[str, Optional[str]]]:
    """The organisations an article names with their kind, in order: "Der Autohersteller Vanta" (company),
    "das Gesundheitsministerium" (ministry), sources with a role noun in their name."""
    geo = gazetteer()

    def k_named(before: Token) -> bool:
        # a name: tagged so, or a capitalised noun (or word the tagger took for an adjective: "the Tavel union")
        # that no dictionary knows and no place or people is called
        # (not a people's name, "German bakery chain Kornmeister")
        return (before.proper or (before.noun or before.adjective and language == "en") and not in_dictionary(
            before.text)) and not geo.demonyms.get(before.text)

    found = []
    finder = _role_finder()
    for number, sentence in enumerate(sentences):
        for club in _SPORTS_CLUB.finditer(sentence):
            # "HSG Talbrück", "FC Rotenfels": a sports club, the article's "Verein" or "club"
            if not any(o.name == club.group(0) for o in found):
                found.append(Organisation(club.group(0), "organisation", "Verein", number))
        if not any(True for _ in finder.finditer(sentence)) and not _role_ending().search(sentence) and not (
                language == "de" and any(role_of(w, "de") for w in _CAPITALISED.findall(sentence))):
            # read only the sentences that name a kind of body ("Landesvermessungsamt" ends in one, "Molkerei"
            # translates to one)
            continue
        tokens = read(sentence, language).tokens
        for i, token in enumerate(tokens):
            if not (token.noun or token.proper):
                continue
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            at = i + 1
            small = not token.text[:1].isupper()
            if small and language == "en" and nxt is not None and nxt.noun and not nxt.text[:1].isupper():
                # "bakery chain Kornmeister": more of the descriptor written small before the name
                j = i + 1
                while j + 1 < len(tokens) and tokens[j].noun and not tokens[j].text[:1].isupper() and j - i < 3:
                    j += 1
                if tokens[j].proper and tokens[j].text[:1].isupper():
                    nxt, at = tokens[j], j
            named_next = nxt is not None and (nxt.proper or (nxt.noun and nxt.text[:1].isupper() and not in_dictionary(nxt.text)))
            if small and language != "en":
                continue   # English role nouns are written small: "German mobile operator Telvio"
            role = role_of(token.text, language)
            if role is None or token.text[:1].isupper() and toponym_like(token.text) and not in_dictionary(token.text):
                continue   # ("Marlstadt" is a town, not a city administration)
            if language == "de" and in_dictionary(token.text) and any(
                    fold(token.text).endswith(t) and len(token.text) > len(t) + 2 for t in ("stadt", "dorf", "kreis")):
                continue   # ("die Innenstadt", "die Altstadt": a part of a town, no administration)
            if small and not named_next:
                apposed = _apposed_name(tokens, i)
                if apposed is not None:
                    found.append(Organisation(apposed, role, token.text, number))
                    continue
                if not (i and tokens[i - 1].text[:1].isupper() and k_named(tokens[i - 1])):
                    continue   # (else "the Verdi union": the name before the kind's noun, read below)
            if not token.proper and named_next and not gazetteer().names.get(nxt.text):
                # "Der Autohersteller Vanta" is Vanta; "die Staatsanwaltschaft Brakenfeld" is the office of that seat
                # ("Die Gewerkschaft IG Metall": a capitalised noun after the name is part of it)
                name = [nxt.text]
                for later in tokens[at + 1:at + 2]:
                    if not (later.noun and later.text[:1].isupper()) or TIME_WORD.match(later.text) or (
                            gazetteer().names.get(later.text)) or role_of(later.text, language):
                        break
                    name.append(later.text)
                if len(tokens[at:at + 2]) == 2 and (small and role in _INSTITUTIONS and len(name) == 2 and all(
                        _name_like(t) for t in tokens[at:at + 2]) or _a_persons_name(tokens[at:at + 2])):
                    # "chief prosecutor Katrin Wolter", "Vorstand Georg Strickner": an official's title before a
                    # person's name
                    continue
                name = " ".join(name)
                # "Der Reederverband Nord": a common word after the noun says which body it is, it names none alone
                # ("Der Mieterverein Sanderbrück": a body of a town keeps its kind; the town names none alone)
                whole = (role in _INSTITUTIONS or in_dictionary(nxt.text) and not nxt.text.isupper()
                         or role != "company" and toponym_like(nxt.text))
                found.append(Organisation(f"{token.text} {name}" if whole else name, role,
                                          token.text, number))
                continue
            # "Rheinmark Bank", "Norvik Pharma": names whose last word says what kind of body they are
            run = []
            for before in tokens[i - 1::-1] if i else ():
                # a name: tagged so, or a capitalised noun no dictionary knows ("Talberg")
                named = k_named(before)
                if not (named and before.text[:1].isupper()) or gazetteer().names.get(before.text):
                    break
                run.insert(0, before)
            if run and not any(t.text.casefold() in _STOP for t in run):
                found.append(Organisation(" ".join(t.text for t in [*run, token]), role, token.text, number))
            elif not run and role in _INSTITUTIONS | {"organisation"} and language == "de" and _compound(token.text):
                name = token.lemma if token.lemma and token.lemma[:1].isupper() else token.text   # "des Gesundheitsamts"
                found.append(Organisation(name, role, name, number))
            elif not run:
                apposed = _apposed_name(tokens, i)
                if apposed is not None:
                    found.append(Organisation(apposed, role, token.text, number))
    return found


# German sports clubs by the letters their names open with ("FC Rotenfels", "HSG Talbrück", "1. FC Kellbach").
_SPORTS_CLUB = re.compile(r"(?<![\w-])(?:1\.\s)?(?:FC|SV|TSV|HSG|VfL|VfB|SC|TuS|SG|TSG|BSC|SpVgg|HC|EHC|ESV|SSV|FSV|MTV|"
                          r"BV|SpVg|HSV|THW)\s+[A-ZÄÖÜ][\wäöüß-]+(?:\s[0-9]{2,4})?(?![\w-])")


def _a_persons_name(tokens) -> bool:
    """Two names a person is called by: a given name and a surname that no dictionary knows and no place is
    called ("Georg Strickner"; not "IG Metall", not "Ehrliches Essen")."""
    first, last = tokens
    return (first.proper and last.proper and not in_dictionary(last.text) and not toponym_like(last.text)
            and not gazetteer().names.get(last.text) and not last.text.isupper() and not first.text.isupper())


_CAPITALISED = re.compile(r"(?<![\w-])[A-ZÄÖÜ][a-zäöüß]{4,}\b")


def _named_after_a_thing(tokens: tuple, k: int, language: str) -> bool:
    """A German name right after a common noun that names no kind of body: the thing's or place's name
    ("Windpark Hohenmoor", "Schleuse Tellingen"), not a company's ("Der Autohersteller Vanta")."""
    if language != "de" or k == 0:
        return False
    before = tokens[k - 1]
    return before.noun and not before.proper and before.text[:1].isupper() and not role_of(before.text, language)


# Prepositions whose noun is a place: "in Grevenstadt", "into the Wendra", "aus dem Werk".
_INTO = frozenset({"in", "im", "ins", "into", "nach"})


def _common_words(word: str) -> bool:
    """A word the tagger took for a name that the dictionary knows, whole or in its hyphenated parts
    ("Sonnenblumenöl", "Olivenöl-Skandal"); a word with capitals inside is a name all the same ("BaFin")."""
    if sum(1 for c in word if c.isupper()) > 1 + word.count("-"):
        return False
    return in_dictionary(word) or "-" in word and all(in_dictionary(p) for p in word.split("-") if p)


# The legal forms that end a company's name ("Oleifera Feinkost GmbH", "Hallspitz Gletscherbahnen AG", "Veldor Ltd").
_LEGAL_FORMS = frozenset({"gmbh", "ag", "se", "kg", "kgaa", "ohg", "eg", "mbh", "ltd", "inc", "plc", "llc", "corp",
                          "co", "sa", "nv", "bv", "e.v"})


def _legal_form(word: str) -> bool:
    return fold(word).rstrip(".") in _LEGAL_FORMS


def legal_name(text: str) -> Optional[str]:
    """A company's name without the legal form that ends it and the article before it: "Die Hallspitz
    Gletscherbahnen AG" -> "Hallspitz Gletscherbahnen", "Veldor Ltd" -> "Veldor"; None without one."""
    words = text.strip().rstrip(".,;:").split()
    while words and fold(words[0]) in _BEFORE_A_NAME:
        words = words[1:]
    if len(words) >= 2 and _legal_form(words[-1]) and words[0][:1].isupper():
        return " ".join(w.rstrip(",") for w in words[:-1])
    return None


def _legal_run(tokens, k: int) -> int:
    """The end of a company's name with its legal form that opens at token k ("Hallspitz Gletscherbahnen AG"),
    capitalised words up to the legal form; k when no legal form follows."""
    m = k
    while m < len(tokens) and m - k < 5 and tokens[m].text[:1].isupper() and (tokens[m].noun or tokens[m].proper):
        if m > k and _legal_form(tokens[m].text):
            return m + 1
        m += 1
    return k


def named_bodies(sentences: list[str], language: str, taken: frozenset = frozenset()) -> list[Organisation]:
    """Names the article keeps coming back to that no role noun types ("Telvio", "Molkerei Brandhoff"):
    the organisation of the story when the text says only "the company". A name must recur; a place,
    a run of two names (a person: "Daniel Kiprop") and a name inside a longer run are none."""
    geo = gazetteer()
    counts: dict[str, int] = {}
    people: set[str] = set()
    places: set[str] = set()
    compounded: set[str] = set()
    legal: dict[str, str] = {}
    for sentence in sentences:
        tokens = read(sentence, language).tokens
        k = 0
        while k < len(tokens):
            # ("Kammtal Bergbahnen AG": common nouns inside a company's name with its legal form)
            m = _legal_run(tokens, k) if not k or tokens[k - 1].text[:1].islower() or not tokens[k - 1].noun else k
            if m == k and not (_name_like(tokens[k]) and tokens[k].text[:1].isupper()):
                k += 1
                continue
            if m == k:
                while m < len(tokens) and _name_like(tokens[m]) and tokens[m].text[:1].isupper():
                    m += 1
            run = tokens[k:m]
            before = [t.text.casefold() for t in tokens[max(0, k - 2):k]]
            first = run[0].text.split("-")[0]
            if len(run) == 1 and "-" in run[0].text and len(first) > 2 and not in_dictionary(first):
                run = [replace(run[0], text=first)]   # "Keldor-Beschäftigte" names Keldor again
                compounded.add(first)
            if before and (before[-1] in _INTO or len(before) == 2 and before[0] in _INTO and tokens[k - 1].pos in (
                    "ART", "AT0") or before[-1] in _TERRITORIES or _named_after_a_thing(tokens, k, language)
                    or len(before) == 2 and before[0] in _TERRITORIES and before[1] in ("of", "von")
                    or before[-1] in ("at", "near", "nahe") and m < len(tokens) and tokens[m].noun
                    and not role_of(tokens[m].text, language) and toponym_like(run[-1].text)):
                # ("the city of Hallberg", "at Hallberg airport": a place too; "at Veridan plant" is the company's)
                # ("der Landkreis Hohenmoor", "der Windpark Hohenmoor": a place, or a thing's, no company)
                places.update(t.text for t in run)   # "in Grevenstadt", "in die Wendra": a place no gazetteer knows
            if len(run) >= 2 and _legal_form(run[-1].text):
                # "der Oleifera Feinkost GmbH": a company by its legal form, whether or not it recurs; its first
                # word alone names it again ("Oleifera widerspricht")
                name = " ".join(t.text for t in run[:-1])
                counts[name] = counts.get(name, 0) + 2
                legal[run[0].text] = name
                k = m
                continue
            if len(run) == 1 and run[0].text in legal:
                counts[legal[run[0].text]] += 1
                k = m
                continue
            if k == 0 and len(run) == 1 and run[0].text.isupper() and len(run[0].text) > 4 and m < len(tokens) and (
                    tokens[m].text in (",", "-", "–", "—")):
                places.add(run[0].text)   # "ROTENFELS, Germany -": a dateline's town, no company
            elif k > 0 and tokens[k - 1].noun and tokens[k - 1].text[:1].isupper() and role_of(tokens[k - 1].text, language):
                # "Der Milchbauernverband Nord", "das Landgericht Ostringen": a name after a body's noun is a
                # part of that body's name, no company of its own
                people.update(t.text for t in run)
            elif len(run) == 1 and not geo.names.get(run[0].text) and not geo.demonyms.get(run[0].text) and (
                    k > 0 or run[0].proper) and not TIME_WORD.match(run[0].text) and not _common_words(run[0].text):
                counts[run[0].text] = counts.get(run[0].text, 0) + 1
            elif len(run) == 2 and in_dictionary(run[1].text) and not in_dictionary(run[0].text) and not (
                    geo.names.get(run[0].text) or TIME_WORD.match(run[1].text)):
                # "Nordwind Energie", "Talvex Pharma": a name and the word of its trade, no person's name
                counts[f"{run[0].text} {run[1].text}"] = counts.get(f"{run[0].text} {run[1].text}", 0) + 1
            elif len(run) > 1:
                people.update(t.text for t in run)
            k = m
    names = [n for n in counts if n not in people and n not in places and n not in taken]
    # a name must recur, unless it is the only one the article has and stands on its own somewhere
    # ("Rotmilan-Brutpaare" names no company)
    ranked = sorted((n for n in names if counts[n] >= 2 or len(names) == 1 and n not in compounded
                     and not toponym_like(n)),   # ("on Kanalstrasse": a street, no company)
                    key=lambda n: -counts[n])
    return [Organisation(name, "company", None) for name in ranked[:1]]


# A spokesperson speaks for the body a compound's first part names ("Firmensprecher", "Polizeisprecherin"),
# else for the body of the sentence or the story.
_SPOKESPERSON = re.compile(r"(?:sprecher(?:in|innen)?|spokes(?:man|woman|person|men|women|people))$", re.IGNORECASE)


def spokesperson_body(name: str) -> Optional[str]:
    """"Firmensprecher" -> "Firma", "Sprecherin" -> "", "Mayor" -> None."""
    words = name.split()
    if not words:
        return None
    m = _SPOKESPERSON.search(words[-1])
    if m is None:
        return None
    body = words[-1][:m.start()].rstrip("-")
    if not body and len(words) >= 2 and m.start() == 0:
        # "a police spokeswoman", "a Kellner Reisen spokesman": the words before the title name the body
        before = [w for w in words[:-1] if fold(w) not in _BEFORE_A_NAME]
        if before and (role_of(" ".join(before), "en") or all(w[:1].isupper() for w in before)):
            return " ".join(before)
    return body if body and role_of(body, "de") else ""


# An official's title names the body they speak for: "BdSt-Landeschef Koll", "Wahlamtsleiter Peters",
# "GEW-Kreisvorsitzende Hanna Lüders".
_TITLES = ("chef", "chefin", "leiter", "leiterin", "präsident", "präsidentin", "vorsitzende", "vorsitzender",
           "direktor", "direktorin", "sprecher", "sprecherin")
_LEVELS = ("landes", "kreis", "bundes", "bezirks", "orts", "stadt", "vize")


_ENGLISH_TITLES = frozenset({"spokeswoman", "spokesman", "spokesperson", "chairwoman", "chairman", "chairperson",
                             "chair", "director", "president", "chief", "head", "secretary", "leader"})


def official_body(words_before: str) -> Optional[str]:
    """The body an official's title before a name names, if any: the part before a hyphen when it is an
    acronym, a name or a body's kind, or a compound's first part when it is a body's kind; in English the
    name before the title ("Verdi spokeswoman Lena Roth", "DRV president Jan Hoff")."""
    words = words_before.split()
    for k in range(len(words) - 1, max(0, len(words) - 6), -1):
        if words[k].casefold() in _ENGLISH_TITLES and k:
            before = words[k - 1]
            if re.fullmatch(r"[A-ZÄÖÜ][\wÄÖÜäöüß&.-]*", before) and (
                    sum(c.isupper() for c in before) >= 2 or not in_dictionary(before)) and (
                    not gazetteer().names.get(before) and not gazetteer().demonyms.get(before)):
                return before
            return None
    for word in reversed(words_before.split()[-3:]):
        folded = word.casefold()
        title = next((t for t in _TITLES if folded.endswith(t)), None)
        if title is None:
            continue
        if "-" in word:
            body = word.split("-")[0]
            if re.fullmatch(r"[A-ZÄÖÜ][\wÄÖÜäöüß]*", body) and (sum(c.isupper() for c in body) >= 2
                                                              or role_of(body, "de")):
                return body
            return None
        stem = word[:len(word) - len(title)]
        for level in _LEVELS:
            if stem.casefold().endswith(level) and len(stem) > len(level):
                stem = stem[:len(stem) - len(level)]
        for candidate in (stem[:-1] if stem.endswith("s") else None, stem):
            if candidate and len(candidate) >= 3 and role_of(candidate, "de"):
                return candidate
        return None
    return None


def _apposed_name(tokens: tuple, i: int) -> Optional[str]:
    """"the KDN, the city's IT provider": the name before an apposition whose head noun (at i) says its kind."""
    j = i - 1
    while j > 0 and (tokens[j].adjective or tokens[j].noun and not tokens[j].proper or tokens[j].text.isupper()
                     or tokens[j].pos in ("ART", "AT0", "POS", "DPS") or tokens[j].text in ("'s", "’s")):
        j -= 1
    if 0 < j < i - 1 and tokens[j].text == "," and _name_like(tokens[j - 1]) and not gazetteer().names.get(
            tokens[j - 1].text) and not TIME_WORD.match(tokens[j - 1].text):
        return tokens[j - 1].text
    return None


def _kind_word(name: str) -> tuple[Optional[str], Optional[str]]:
    """The kind a body's name says and the word that says it, read from its head backwards
    ("Gewerkschaft Erziehung und Wissenschaft" is a union, "State Office for the Environment" an authority)."""
    words = name.split()
    # the head stands before the words that say which body it is: "Gewerkschaft Handel und Dienste",
    # "State Office for the Environment"
    joint = next((k for k, w in enumerate(words) if k and w.casefold() in _JOINING), len(words))
    for word in [*reversed(words[:joint]), *reversed(words[joint:])]:   # "Education and Science Workers' Union"
        role = role_of(word, "en") or role_of(word, "de")
        if role:
            return role, word
    return None, words[-1] if words else None


_JOINING = frozenset({"für", "for", "of", "und", "and", "der", "des", "zur", "zum", "on"})


def taught_where(sentences: list[str], acronyms: dict[str, str]) -> dict[str, int]:
    """The sentence that teaches each acronym (its first in brackets)."""
    return {acronym: next((i for i, text in enumerate(sentences) if f"({acronym})" in text), -1)
            for acronym in acronyms}


def canonical_in_article(attributor: Attributor, organisations: list[tuple[str, Optional[str]]],
                         acronyms: dict[str, str], at: Optional[int] = None,
                         taught_at: Optional[dict[str, int]] = None) -> Attributor:
    """An article's source under the name the base shares: a taught acronym for its expansion, and a role
    noun for the organisation of that kind ("das Unternehmen" -> Vanta)."""
    canonical = attributor.canonical
    for acronym, expansion in acronyms.items():
        if same_name(canonical, "de", expansion, "de") or canonical == acronym or (
                len(canonical.split()) >= 2 and expansion.startswith(canonical + " ")):
            # ("Gewerkschaft Erziehung" is the start of "Gewerkschaft Erziehung und Wissenschaft (GEW)")
            return Attributor(_as_written(attributor.text, acronym, expansion), acronym)
    taught = [Organisation(acronym, *_kind_word(expansion), (taught_at or {}).get(acronym, -1))
              for acronym, expansion in acronyms.items()]
    resolved = resolve_role(attributor, list(organisations) + [o for o in taught if o.role], at)
    if resolved.canonical == canonical:
        own = _taught_by_its_noun(canonical, acronyms, at, taught_at)
        if own is not None:
            return Attributor(attributor.text, own)
    if resolved.canonical != canonical:
        # "the regulator" -> "Federal Financial Supervisory Authority", taught as "(BaFin)"
        for acronym, expansion in acronyms.items():
            if same_name(resolved.canonical, "de", expansion, "de"):
                return Attributor(_as_written(attributor.text, acronym, expansion), acronym)
    return resolved


def _taught_by_its_noun(word: str, acronyms: dict[str, str], at: Optional[int],
                        taught_at: Optional[dict[str, int]]) -> Optional[str]:
    """"The Sonnwald Alpine Research Station (AFS) … The station said": a bare noun that no kind types stands
    for the body taught with an acronym whose name ends in that noun (or its translation), the last taught
    before it."""
    words = [w for w in word.split() if fold(w) not in _STOP]
    if len(words) != 1 or words[0][:1].isupper() and not in_dictionary(words[0]):
        return None
    noun = fold(words[0])
    found = []
    for acronym, expansion in acronyms.items():
        where = (taught_at or {}).get(acronym, -1)
        if at is not None and where > at:
            continue
        last = fold(expansion.split()[-1])
        if noun.rstrip("s") == last.rstrip("s") or translates(noun, "en", last, "de") or translates(
                noun, "de", last, "en"):
            found.append((where, acronym))
    return max(found)[1] if found else None


def _as_written(text: str, acronym: str, expansion: str) -> str:
    """The name a source taught by an acronym is stored under: the expansion where the sentence gives only the
    acronym or a noun of its kind ("das Amt"), so that other articles meet it; else the sentence's words."""
    bare = [w for w in text.split() if fold(w) not in _STOP]
    if len(text) <= len(acronym) + 2 or len(bare) == 1 and (role_of(bare[0], "de") or role_of(bare[0], "en")):
        return expansion
    if bare and fold(expansion).startswith(fold(" ".join(bare))):
        return expansion   # "Das Landesamt" for "Landesamt für Umwelt"
    return text


def _cue():
    from .attributors import ACCOUNT_NOUNS

    return re.compile(r"\b(?:laut|nach\s+" + ACCOUNT_NOUNS + r"|according to|zufolge)\s+", re.IGNORECASE)


_CUE = _cue()


def after_cue(sentence: str, language: str) -> Optional[Named]:
    """"According to a local parents' association, …": the body a cue names, read as a noun phrase, when
    no alias and no capitalised name follows the cue."""
    for m in _CUE.finditer(sentence):
        reading = read(sentence, language)
        i = reading.after(m.end())
        if i is None:
            continue
        phrase = _noun_phrase(reading.tokens, i, 1)
        named = (_named(phrase, sentence) or _described(phrase, sentence)) if phrase else None
        if named is not None and named.role != "report":
            return named   # (after a cue, any noun names the source: "laut seiner Verteidigerin")
    return None


# Bodies that every story's place has one of: the bare noun names that body, in either language.
_ONE_PER_PLACE = ("police", "fire service", "union", "prosecutors", "court")


def generic_role_name(name: str) -> Optional[str]:
    """"Polizei", "die Feuerwehr", "the fire brigade": the body by its kind's English name, so that the
    bare nouns meet across languages; names of particular bodies ("Gesundheitsamt") stay as written."""
    words = [w for w in fold(name).split() if w not in _STOP]
    if len(words) != 1 and fold(name) not in _roles():
        return None
    role = _roles().get(fold(" ".join(words))) or _roles().get(fold(name))
    return role if role in _ONE_PER_PLACE else None
