"""An article's places no gazetteer knows, and a figure's part with an event of its own, on topics other than the seeds."""
from datetime import date

import pytest

from service.nlp import extract_claims, parse_statement
from service.nlp.extract import article_places
from service.nlp.sentences import article_sentences
from service.relations import placed_alike, relate


@pytest.mark.parametrize("text, language, place", [
    ("Tankschiff leckgeschlagen\n\nHollweide – In der Nacht ist Heizöl in die Ilmer gelaufen.", "de", "?:ilmer"),
    ("Ölunfall auf der Ilmer: Amt erhöht Schätzung\n\nDas Amt geht von mehr Öl aus.", "de", "?:ilmer"),
    ("VARNBERG, Germany – Oil leaked into the Sorne river on Monday.", "en", "?:sorne"),
    ("Brand im Kessinger Forst\n\nDie Feuerwehr war am Hang bei Talbrück im Einsatz.", "de", "?:talbrück"),
])
def test_an_article_names_places_under_a_location_preposition(text, language, place):
    assert place in article_places(article_sentences(text), language)


@pytest.mark.parametrize("text, language", [
    ("Die Feuerwehr kam in der Nacht. Sie blieb bis zum Morgen im Einsatz.", "de"),
    ("Funds went into the Solvana scheme on Monday.", "en"),
])
def test_words_a_dictionary_knows_are_no_places_of_an_article(text, language):
    assert article_places(article_sentences(text), language) in ([], ["?:solvana"])
    assert not any(p in ("?:nacht", "?:einsatz", "?:morgen") for p in article_places(article_sentences(text), language))


def test_a_statement_place_the_article_names_meets_its_claims_set_in_the_dateline_town():
    text = ("Ölpest breitet sich aus\n\nHollweide – Nach einer Kollision ist Heizöl in die Ilmer gelaufen. "
            "Nach Angaben der Feuerwehr wurden bislang 23 verölte Wasservögel gefunden.")
    claims = [c for c in extract_claims(text, language="de", published=date(2025, 6, 16), publisher="Zeitung")
              if c.quantity is not None]
    birds = next(c for c in claims if c.quantity.value == 23)
    _, (said,) = parse_statement("Rescuers have found only 10 oiled birds on the Ilmer", as_of=date(2025, 6, 19))
    assert said.location_key == "?:ilmer" and birds.extra.get("scene") == "?:hollweide"
    assert placed_alike(said, birds)
    _, (elsewhere,) = parse_statement("Rescuers have found only 10 oiled birds on the Wendra", as_of=date(2025, 6, 19))
    assert not placed_alike(elsewhere, birds)


@pytest.mark.parametrize("text, language, event", [
    ("The bird rescue station said 61 oiled birds had been found so far, 17 of them dead.", "en", "killed"),
    ("Gegen 23 Beschuldigte wird ermittelt, elf davon sitzen in Untersuchungshaft.", "de", "arrested"),
    ("Rescuers found 40 hikers, three of whom were missing.", "en", "missing"),
])
def test_a_part_with_an_event_of_its_own_counts_what_befell_it(text, language, event):
    whole, part = [c for c in extract_claims(text, language=language) if c.quantity is not None][:2]
    assert part.extra.get("part") and part.extra.get("event") == event != whole.extra.get("event")
    assert whole.extra.get("a_whole")   # still the whole the part is counted out of
    assert part.subject_key.split("@")[0] == whole.subject_key.split("@")[0]


def test_a_part_that_befell_something_else_is_not_a_count_of_the_statement_s_event():
    text = "The bird rescue station said 61 oiled birds had been found so far, 17 of them dead."
    part = [c for c in extract_claims(text, language="en") if c.quantity is not None][1]
    _, (said,) = parse_statement("Rescuers have found only 10 oiled birds")
    relation = relate(said, part, 0.5)
    assert relation is None or relation.relation != "conflicting"


def test_a_part_without_an_event_of_its_own_keeps_its_whole_s():
    whole, part = [c for c in extract_claims("Police said 40 people were hurt, 12 of them seriously.", language="en")
                   if c.quantity is not None][:2]
    assert part.extra.get("event") == whole.extra.get("event") == "injured"


@pytest.mark.parametrize("text, source", [
    ("Rückruf weitet sich aus\n\nDem BfArM wurden inzwischen 112 Zwischenfälle gemeldet. Das teilte die Behörde "
     "am Montag mit.", "BfArM"),
    ("Weniger Fahrgäste\n\nIm Mai hat die KVG 41.000 Monatskarten verkauft. Das teilte das Unternehmen mit.", "KVG"),
])
def test_a_bare_noun_of_a_body_s_kind_that_attributes_the_sentence_before_is_the_body_it_names(text, source):
    claim = next(c for c in extract_claims(text, language="de", publisher="Zeitung") if c.quantity is not None)
    assert claim.attributor.canonical == source


def test_a_bare_noun_of_a_body_s_kind_is_not_a_country_the_sentence_before_names():
    text = ("Razzia\n\nIn den Niederlanden wurden am Dienstag sechs Verdächtige festgenommen. Das teilte die Behörde "
            "am Mittwoch mit.")
    claim = next(c for c in extract_claims(text, language="de", publisher="Zeitung") if c.quantity is not None)
    assert "Dutch" not in (claim.attributor.canonical if claim.attributor else "")


def test_a_company_s_legal_form_is_not_the_body_a_bare_noun_stands_for():
    text = ("Weniger Besucher\n\nDie Veranstalter der Nordlicht GmbH zählten 41.000 Gäste. Das teilte das Unternehmen mit.")
    claim = next(c for c in extract_claims(text, language="de", publisher="Zeitung") if c.quantity is not None)
    assert claim.attributor.canonical != "GmbH"
