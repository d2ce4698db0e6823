"""Properties of the number parser beyond tests/nlp/test_numbers.py: formatted figures read back as
the same quantity in both locales, and every qualifier phrase of the word list yields an interval
that holds its headline value, for integers, decimals, scale words and units."""
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.nlp.model import Quantity
from service.nlp.numbers import APPROX_TOLERANCE, find_quantities, format_quantity

PROP = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
QUALIFIERS = json.loads((Path(__file__).resolve().parents[2] / "service/nlp/data/qualifiers.json")
                        .read_text(encoding="utf-8"))

# Headline figures as news copy has them: counts, two-decimal rates, round millions and billions.
VALUES = st.one_of(st.integers(1, 10**12).map(float),
                   st.integers(1, 10**6).map(lambda n: n / 100),
                   st.integers(1, 999).map(lambda n: n * 1e6),
                   st.integers(1, 999).map(lambda n: n * 1e9))
SMALL_VALUES = st.one_of(st.integers(1, 999_999).map(float), st.integers(1, 10**5).map(lambda n: n / 100))
UNITS = st.sampled_from([None, "%", "EUR", "USD", "GBP"])
LOCALES = st.sampled_from(["de", "en"])
SHAPES = {"sym": (1 - APPROX_TOLERANCE, 1 + APPROX_TOLERANCE), "below": (1 - APPROX_TOLERANCE, 1),
          "above": (1, 1 + APPROX_TOLERANCE)}


def _interval(value, qualifier, shape):
    if qualifier == "approx":
        low, high = SHAPES[shape]
        return float(f"{value * low:.12g}"), float(f"{value * high:.12g}")
    if qualifier in ("min", "gt"):
        return value, None
    if qualifier in ("max", "lt"):
        return 0.0, value
    return value, value


@st.composite
def quantities(draw):
    value, unit = draw(VALUES), draw(UNITS)
    qualifier = draw(st.sampled_from(["exact", "approx", "min", "gt", "max", "lt", "range"]))
    if qualifier == "range":
        high = value * draw(st.sampled_from([2, 3, 10]))
        return Quantity("", (value + high) / 2, value, high, "range", unit)
    shape = draw(st.sampled_from(list(SHAPES))) if qualifier == "approx" else "sym"
    low, high = _interval(value, qualifier, shape)
    return Quantity("", value, low, high, qualifier, unit)


def _sentence(figure: str, language: str) -> str:
    return f"Die Behörden meldeten {figure} Betroffene." if language == "de" else f"Officials reported {figure} affected."


@PROP
@given(quantities(), LOCALES)
def test_a_formatted_quantity_reads_back_as_itself(quantity, language):
    figure = format_quantity(quantity, language)
    found = find_quantities(_sentence(figure, language), language)
    assert len(found) == 1, (figure, found)
    [back] = found
    assert back.qualifier == quantity.qualifier, figure
    assert back.unit == quantity.unit, figure
    assert back.value == pytest.approx(quantity.value, rel=1e-9), figure
    for bound in ("low", "high"):
        expected, got = getattr(quantity, bound), getattr(back, bound)
        assert (expected is None) == (got is None) and (got is None or got == pytest.approx(expected, rel=1e-9)), figure


def _phrases(entries):
    return [(entry["qualifier"], phrase) for entry in entries for phrase in entry["phrases"]]


BEFORE = _phrases(QUALIFIERS["qualifiers_before"])
AFTER = _phrases(QUALIFIERS["qualifiers_after"])


def _number(value: float, language: str) -> str:
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if not value.is_integer() else f"{int(value):,}"
    return text.translate(str.maketrans(",.", ".,")) if language == "de" else text


@PROP
@given(st.sampled_from(BEFORE + AFTER), SMALL_VALUES, LOCALES,
       st.sampled_from(["", " Millionen", " million", " Prozent", " percent", " Euro"]))
def test_every_qualifier_phrase_gives_an_interval_holding_its_value(qualified, value, language, scale):
    qualifier, phrase = qualified
    figure = _number(value, language) + scale
    text = f"{phrase} {figure}" if (qualified in BEFORE) else f"{figure} {phrase}"
    sentence = _sentence(text, language)
    found = [q for q in find_quantities(sentence, language) if q.value is not None]
    assert found, sentence
    for quantity in found:
        assert quantity.low is None or quantity.low <= quantity.value + 1e-9, sentence
        assert quantity.high is None or quantity.value <= quantity.high + 1e-9, sentence
    headline = max(found, key=lambda q: q.end - q.start)
    expected = value * (1e6 if "illion" in scale else 1)
    assert headline.value == pytest.approx(expected, rel=1e-9), sentence


# Pieces that stress a scanner: figures, separators, control and format characters, RTL text, emoji.
HOSTILE = st.sampled_from(["1.000", "2,5", "10 000", "3–4", "rund", "über", "\u200f", "\u202e", "\u2066", "\ufeff",
                           "\x07", "\x1b[31m", "\r\n", "\t", "مليون ١٢٣", "שלוש 45", "👩‍👩‍👧 7", "🇩🇪", "９９９", "Ⅻ",
                           "٫", "\u00a0", "\u202f", " ", ".", "%", "€", "$"])


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(HOSTILE, min_size=1, max_size=50), st.integers(1_000, 120_000), LOCALES)
def test_long_hostile_text_never_breaks_the_parser_or_the_formatter(pieces, length, language):
    unit = "".join(pieces)
    text = (unit * (length // len(unit) + 1))[:length]
    for quantity in find_quantities(text, language):
        assert text[quantity.start:quantity.end] == quantity.text
        assert isinstance(format_quantity(quantity, language), str)
