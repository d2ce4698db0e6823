"""Properties of relate(): symmetric for agreement and conflict (and every other verdict), and a verdict
that does not change when the same sentences are written with other blanks, case or quotation marks."""
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.nlp import claim_from_sentence
from service.nlp.model import Attributor, Claim, TimeSpan
from service.relations import relate, unit_similarity
from tests.properties.test_number_properties import quantities

PROP = settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
SOURCES = [None, "US government", "us government", "Ukrainian government", "police", "Reuters"]
PLACES = [None, "RU", "RU-KRS", "UA", "DE"]


@st.composite
def claims(draw, concept):
    day = date(2024, 10, 1) + timedelta(days=draw(st.integers(0, 60)))
    source = draw(st.sampled_from(SOURCES))
    quantity = draw(st.one_of(st.none(), quantities())) if concept else None
    if quantity is not None:
        quantity.increment = draw(st.booleans()) and draw(st.booleans())
    return Claim(
        text="…", language=draw(st.sampled_from(["de", "en"])),
        attributor=Attributor(source, source) if source else None,
        quantity=quantity, subject_key=concept, location_key=draw(st.sampled_from(PLACES)),
        time=TimeSpan(day.isoformat(), day.isoformat()) if draw(st.booleans()) else None,
        forecast=draw(st.booleans()) and draw(st.booleans()), negated=draw(st.booleans()) and draw(st.booleans()),
        extra={"concept": concept, "event": None, "owner": None, "time_explicit": draw(st.booleans())})


@st.composite
def pairs(draw):
    concept = draw(st.sampled_from(["soldiers", "people", "percent", None]))
    return draw(claims(concept)), draw(claims(concept)), draw(st.floats(0, 1))


KINDS = {"matching": "agree", "corroborating": "agree", "conflicting": "conflict", "related": "related", None: None}


@PROP
@given(pairs())
def test_relate_is_symmetric(pair):
    a, b, similarity = pair
    forth, back = relate(a, b, similarity), relate(b, a, similarity)
    name = (forth.relation if forth else None, back.relation if back else None)
    assert KINDS[name[0]] == KINDS[name[1]], name
    # Agreement: matching both ways (same source) or corroborating both ways (another source).
    assert name[0] == name[1], name
    if forth and back and forth.relation in ("matching", "corroborating", "conflicting"):
        assert abs(forth.score - back.score) < 1e-9


SENTENCES = [
    ("de", "Die Polizei sagte, rund 3.000 Menschen hätten in Berlin demonstriert."),
    ("de", "Laut Veranstaltern demonstrierten 10.000 Menschen in Berlin."),
    ("en", "The Pentagon said about 10,000 North Korean troops are in Russia."),
    ("en", "Ukraine says 12,000 North Korean soldiers are in Russia."),
    ("de", "Die Ukraine spricht von 12.000 nordkoreanischen Soldaten in Russland."),
    ("de", "Nach Angaben des Pentagons sind etwa 10.000 nordkoreanische Soldaten in Russland."),
    ("en", "Police said more than 500 people were arrested in London."),
    ("de", "Nach Angaben der Polizei wurden über 500 Menschen in London festgenommen."),
    ("de", "Das Gesundheitsministerium meldet \"mindestens 40 Tote\" in Gaza."),
    ("en", "\"At least 40 people were killed\" in Gaza, the health ministry said."),
    ("en", "The UN said \"up to 1,000 people\" had fled Khartoum."),
]
QUOTES = [("„", "“"), ("“", "”"), ("«", "»"), ("« ", " »"), ("‘", "’"), ("'", "'"), ("‚", "‘")]


def _requote(text: str, opening: str, closing: str) -> str:
    parts = text.split('"')
    return "".join(part + (opening if i % 2 == 0 else closing) for i, part in enumerate(parts[:-1])) + parts[-1]


@st.composite
def rewritten(draw, text):
    """The same sentence with other blanks between words, another case and other quotation marks."""
    words = text.split(" ")
    blanks = st.sampled_from([" ", "  ", "\t", "\u00a0", " \n ", "\u202f"])
    text = words[0] + "".join(draw(blanks) + word for word in words[1:])
    text = draw(st.sampled_from(["", " ", "\n", "\t "])) + text + draw(st.sampled_from(["", " ", "\n"]))
    text = _requote(text, *draw(st.sampled_from(QUOTES)))
    return draw(st.sampled_from([text, text.upper(), text.lower()]))


PARSED = {}


def _claim(language, text):
    if (language, text) not in PARSED:
        PARSED[(language, text)] = claim_from_sentence(text, language=language, published=date(2024, 10, 28))
    return PARSED[(language, text)]


def _verdict(a, b):
    relation = relate(a, b, 0.8, unit_similarity)
    return relation.relation if relation else None


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data(), st.sampled_from(range(len(SENTENCES))), st.sampled_from(range(len(SENTENCES))))
def test_verdict_is_stable_under_blanks_case_and_quotes(warm_encoder, data, i, j):
    (lang_a, a), (lang_b, b) = SENTENCES[i], SENTENCES[j]
    a2 = data.draw(rewritten(a), label="statement")
    b2 = data.draw(rewritten(b), label="stored")
    original, variant = _claim(lang_a, a), claim_from_sentence(a2, language=lang_a, published=date(2024, 10, 28))
    stored, stored_variant = _claim(lang_b, b), claim_from_sentence(b2, language=lang_b, published=date(2024, 10, 28))
    assert _verdict(variant, stored_variant) == _verdict(original, stored), (a2, b2)
    assert _verdict(stored_variant, variant) == _verdict(stored, original), (a2, b2)


def test_the_sentences_do_relate():
    """The stability property means something only if the table has every kind of verdict."""
    verdicts = {_verdict(_claim(*a), _claim(*b)) for a in SENTENCES for b in SENTENCES}
    assert {"matching", "corroborating", "conflicting", None} <= verdicts


def _reading(claim):
    quantity = claim.quantity
    return (claim.attributor.canonical if claim.attributor else None, claim.subject_key, claim.location_key,
            (quantity.value, quantity.low, quantity.high, quantity.qualifier) if quantity else None,
            claim.forecast, claim.negated)


@pytest.mark.parametrize("blank", ["  ", "\t", "\u00a0", "\n", "\u202f"], ids=["double", "tab", "nbsp", "newline", "nnbsp"])
@pytest.mark.parametrize("language, text", SENTENCES, ids=[str(n) for n in range(len(SENTENCES))])
def test_every_sentence_reads_the_same_with_other_blanks(language, text, blank):
    variant = blank.join(text.split(" "))
    assert _reading(claim_from_sentence(variant, language=language)) == _reading(claim_from_sentence(text, language=language))


@pytest.mark.parametrize("quotes", QUOTES)
@pytest.mark.parametrize("language, text", [s for s in SENTENCES if '"' in s[1]])
def test_every_sentence_reads_the_same_with_other_quotation_marks(language, text, quotes):
    variant = _requote(text, *quotes)
    assert _reading(claim_from_sentence(variant, language=language)) == _reading(claim_from_sentence(text, language=language))
