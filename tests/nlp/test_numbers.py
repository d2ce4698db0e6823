"""Table-driven and property tests for service.nlp.numbers (figures, qualifiers, intervals), German and English."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.nlp.model import Quantity
from service.nlp.numbers import APPROX_TOLERANCE, find_quantities, format_quantity

T = APPROX_TOLERANCE


# expectation helpers: (text, value, low, high, qualifier, unit, increment)
def exact(text, v, unit=None, inc=False):
    return (text, v, v, v, "exact", unit, inc)


def approx(text, v, unit=None, inc=False):
    return (text, v, v * (1 - T), v * (1 + T), "approx", unit, inc)


def below(text, v, unit=None):             # knapp / nearly / almost
    return (text, v, v * (1 - T), v, "approx", unit, False)


def above(text, v, unit=None):             # gut / just over
    return (text, v, v, v * (1 + T), "approx", unit, False)


def at_least(text, v, unit=None, inc=False):
    return (text, v, v, None, "min", unit, inc)


def more_than(text, v, unit=None):
    return (text, v, v, None, "gt", unit, False)


def up_to(text, v, unit=None):
    return (text, v, 0, v, "max", unit, False)


def less_than(text, v, unit=None):
    return (text, v, 0, v, "lt", unit, False)


def rng(text, a, b, unit=None, inc=False):
    return (text, (a + b) / 2, a, b, "range", unit, inc)


def vague(text, low, high):
    return (text, None, low, high, "vague", None, False)


def _close(a, b):
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _check(sentence, language, expected):
    got = find_quantities(sentence, language)
    for q in got:
        assert sentence[q.start:q.end] == q.text
    summary = [(q.text, q.value, q.low, q.high, q.qualifier, q.unit, q.increment) for q in got]
    assert len(got) == len(expected), summary
    for g, e in zip(summary, expected):
        assert g[0] == e[0], summary
        assert _close(g[1], e[1]) and _close(g[2], e[2]) and _close(g[3], e[3]), (g, e)
        assert g[4:] == e[4:], (g, e)


GERMAN = [
    # seeds
    ("mindestens 3000 nordkoreanische Soldaten", [at_least("mindestens 3000", 3000)]),
    ("rund 12.000 Soldaten", [approx("rund 12.000", 12000)]),
    ("bis zu 10.000", [up_to("bis zu 10.000", 10000)]),
    ("etwa 2.000", [approx("etwa 2.000", 2000)]),
    ("mehr als 600.000 russische Soldaten", [more_than("mehr als 600.000", 600000)]),
    ("1500 weitere Soldaten", [exact("1500", 1500, inc=True)]),
    ("Tausende nordkoreanische Soldaten", [vague("Tausende", 2000, 9999)]),
    ("am Donnerstag (24. Oktober)", []),
    ("im 21. Jahrhundert", []),
    ("59 Prozent der SPD-Wähler", [exact("59", 59, unit="%")]),
    ("etwa zehn nordkoreanische Offiziere", [approx("etwa zehn", 10)]),
    ("rund tausend Kilometern", [approx("rund tausend", 1000)]),
    ("etwa 86 Minuten", [approx("etwa 86", 86)]),
    ("am 6. November", []),
    ("eine Delegation", []),
    ("Laut Pentagon sind mindestens 3000 Soldaten in Russland, bis Dezember könnten es bis zu 10.000 werden.",
     [at_least("mindestens 3000", 3000), up_to("bis zu 10.000", 10000)]),
    ("Die US-Regierung schätzt die Zahl der Soldaten auf 10.000.", [exact("10.000", 10000)]),
    # ranges
    ("Zwischen 1.500 und 3.000 Soldaten wurden verlegt.", [rng("Zwischen 1.500 und 3.000", 1500, 3000)]),
    ("Es sollen 1.500 bis 3.000 Soldaten sein.", [rng("1.500 bis 3.000", 1500, 3000)]),
    ("Schätzungen nennen 1500-3000 Mann.", [rng("1500-3000", 1500, 3000)]),
    ("Betroffen sind 2 bis 3 Millionen Menschen.", [rng("2 bis 3 Millionen", 2_000_000, 3_000_000)]),
    ("Die Inflation lag zwischen 2,1 und 2,4 Prozent.", [rng("zwischen 2,1 und 2,4", 2.1, 2.4, unit="%")]),
    # qualifiers
    ("Knapp 3.000 Menschen demonstrierten.", [below("Knapp 3.000", 3000)]),
    ("Gut 500 Feuerwehrleute waren im Einsatz.", [above("Gut 500", 500)]),
    ("über 100 Menschen wurden verletzt", [more_than("über 100", 100)]),
    ("Die Brücke trägt unter 50 Tonnen.", [less_than("unter 50", 50)]),
    ("weniger als 20 Abgeordnete stimmten dagegen", [less_than("weniger als 20", 20)]),
    ("höchstens 7 Tage", [up_to("höchstens 7", 7)]),
    ("Es kamen wenigstens 40 Gäste.", [at_least("wenigstens 40", 40)]),
    ("schätzungsweise 15.000 Besucher", [approx("schätzungsweise 15.000", 15000)]),
    ("ca. 250 Einsatzkräfte", [approx("ca. 250", 250)]),
    ("Das waren 3.000 oder mehr Menschen.", [at_least("3.000 oder mehr", 3000)]),
    # wildfire, evacuations, budgets, casualties, elections
    ("Das Feuer hat bereits mehr als 12.000 Hektar Wald zerstört.", [more_than("mehr als 12.000", 12000)]),
    ("Rund 30.000 Menschen mussten ihre Häuser verlassen.", [approx("Rund 30.000", 30000)]),
    ("Der Haushalt sieht 476,8 Milliarden Euro vor.", [exact("476,8 Milliarden", 476.8e9, unit="EUR")]),
    ("Das Projekt kostet 1,5 Mio. € und wird 2025 fertig.", [exact("1,5 Mio.", 1.5e6, unit="EUR")]),
    ("Die Hilfe beträgt 2,5 Milliarden US-Dollar.", [exact("2,5 Milliarden", 2.5e9, unit="USD")]),
    ("Bei dem Anschlag starben mindestens 45 Menschen, 120 wurden verletzt.",
     [at_least("mindestens 45", 45), exact("120", 120)]),
    ("Die AfD kam auf 20,8 Prozent, die SPD auf 16,4 Prozent.",
     [exact("20,8", 20.8, unit="%"), exact("16,4", 16.4, unit="%")]),
    ("28 Prozent der Befragten und 20 Prozent der anderen", [exact("28", 28, unit="%"), exact("20", 20, unit="%")]),
    ("Die Union verlor 3,5 Prozentpunkte.", [exact("3,5", 3.5, unit="pp")]),
    ("3 Millionen Menschen sind betroffen.", [exact("3 Millionen", 3e6)]),
    ("Zwölf Menschen wurden gerettet, dreitausend evakuiert.", [exact("Zwölf", 12), exact("dreitausend", 3000)]),
    ("In der Stadt leben 10 000 Menschen.", [exact("10 000", 10000)]),
    # increments
    ("Weitere 1.500 Soldaten sollen folgen.", [exact("1.500", 1500, inc=True)]),
    ("Zusätzlich 300 Polizisten wurden angefordert.", [exact("300", 300, inc=True)]),
    ("Die Zahl der Toten ist um 200 gestiegen.", [exact("200", 200, inc=True)]),
    # vague
    ("Einige tausend Menschen protestierten.", [vague("Einige tausend", 2000, 9999)]),
    ("Zehntausende flohen, Hunderttausende sind obdachlos.",
     [vague("Zehntausende", 20000, 99999), vague("Hunderttausende", 200000, 999999)]),
    ("Dutzende Häuser brannten nieder.", [vague("Dutzende", 24, 99)]),
    ("Millionen Menschen sind betroffen, zwei Millionen davon Kinder.",
     [vague("Millionen", 2e6, 9999999), exact("zwei Millionen", 2e6)]),
    # not counts
    ("Im Jahr 2024 wurde gewählt.", []),
    ("Seit 2022 herrscht Krieg.", []),
    ("Die Wahl 2024 war knapp.", []),
    ("Am 24.10.2024 um 14 Uhr begann das Treffen.", []),
    ("Das Treffen beginnt um 14.30 Uhr.", []),
    ("Die 68-jährige Frau wurde im Alter von 80 Jahren geehrt.", []),
    ("Er ist 45 Jahre alt.", []),
    ("Max Müller (45) sagte, es sei der erste und die zweite Runde.", []),
    ("Die G7 und die Covid-19-Pandemie, F-16-Jets und die A1.", []),
    ("Artikel 5 des Nato-Vertrags", []),
    ("Einer der Soldaten sprach mit einem Reporter.", []),
    ("Die Mannschaft belegte den 3. Platz.", []),
    ("Das 5G-Netz", []),
    ("Die Saison 2023/24 war lang.", []),
    ("Zwischen 2022 und 2024 stieg die Zahl.", []),
    ("Anfang November 2023 kamen 2000 Soldaten.", [exact("2000", 2000)]),
]

ENGLISH = [
    ("Some 10,000 North Korean troops are in Russia.", [approx("Some 10,000", 10000)]),
    ("at least 3,000 soldiers", [at_least("at least 3,000", 3000)]),
    ("up to 10,000 by December", [up_to("up to 10,000", 10000)]),
    ("between 1,500 and 3,000 soldiers", [rng("between 1,500 and 3,000", 1500, 3000)]),
    ("estimates of 1,500 to 3,000 troops", [rng("1,500 to 3,000", 1500, 3000)]),
    ("About 2,000 North Korean soldiers have moved toward Kursk", [approx("About 2,000", 2000)]),
    ("More than 600,000 Russian soldiers have been killed or wounded.", [more_than("More than 600,000", 600000)]),
    ("The Pentagon said 10,000 troops were sent.", [exact("10,000", 10000)]),
    ("An estimated 11,000 soldiers", [approx("An estimated 11,000", 11000)]),
    ("roughly 500 people", [approx("roughly 500", 500)]),
    ("nearly 1,000 homes", [below("nearly 1,000", 1000)]),
    ("just over 200 votes", [above("just over 200", 200)]),
    ("over 200 firefighters", [more_than("over 200", 200)]),
    ("fewer than 50 survivors", [less_than("fewer than 50", 50)]),
    ("no more than 30 minutes", [up_to("no more than 30", 30)]),
    ("no fewer than 12 ministers", [at_least("no fewer than 12", 12)]),
    ("another 500 troops", [exact("500", 500, inc=True)]),
    ("500 more troops arrived", [exact("500", 500, inc=True)]),
    ("an additional 300 police officers", [exact("300", 300, inc=True)]),
    ("The death toll increased by 200.", [exact("200", 200, inc=True)]),
    ("The wildfire has scorched 8,500 hectares and forced about 20,000 residents to flee.",
     [exact("8,500", 8500), approx("about 20,000", 20000)]),
    ("At least 45 people were killed and 120 injured, the ministry said.",
     [at_least("At least 45", 45), exact("120", 120)]),
    ("The budget is $2 billion, up from €1.2bn and £300m.",
     [exact("$2 billion", 2e9, unit="USD"), exact("€1.2bn", 1.2e9, unit="EUR"), exact("£300m", 3e8, unit="GBP")]),
    ("The party won 59 percent of the vote, the rival 12%.", [exact("59", 59, unit="%"), exact("12", 12, unit="%")]),
    ("1.5 million acres burned and 10k people fled", [exact("1.5 million", 1.5e6), exact("10k", 1e4)]),
    ("three thousand people and a dozen officers", [exact("three thousand", 3000), exact("a dozen", 12)]),
    ("Dozens of people were hurt and thousands evacuated.", [vague("Dozens", 24, 99), vague("thousands", 2000, 9999)]),
    ("tens of thousands of refugees", [vague("tens of thousands", 20000, 99999)]),
    ("hundreds of thousands lost power", [vague("hundreds of thousands", 200000, 999999)]),
    ("2000 troops arrived", [exact("2000", 2000)]),
    ("The count rose from 1,500 to 3,000.", [exact("1,500", 1500), exact("3,000", 3000)]),
    # not counts
    ("In 2023 the economy grew.", []),
    ("The meeting on October 24, 2024 started at 3 p.m.", []),
    ("It happened on 3 March at 10:30.", []),
    ("A man aged 45 and a 45-year-old woman, who is 45 years old.", []),
    ("She finished 3rd in the 21st century race.", []),
    ("One of the soldiers said no one knew.", []),
    ("The G7 summit, Covid-19, F-16 jets and MH17.", []),
    ("since 2022", []),
]


@pytest.mark.parametrize("sentence, expected", GERMAN, ids=[c[0][:40] for c in GERMAN])
def test_german(sentence, expected):
    _check(sentence, "de", expected)


@pytest.mark.parametrize("sentence, expected", ENGLISH, ids=[c[0][:40] for c in ENGLISH])
def test_english(sentence, expected):
    _check(sentence, "en", expected)


@pytest.mark.parametrize("sentence, value", [
    ("Rund 10.000 Soldaten", 10000),
    ("about 10,000 troops", 10000),
    ("mehr als 600.000 Soldaten", 600000),
])
def test_unknown_language_guesses(sentence, value):
    got = find_quantities(sentence, "fr")
    assert [q.value for q in got] == [value]


@pytest.mark.parametrize("q, language, expected", [
    (Quantity("rund 3.000", 3000, 2700, 3300, "approx"), "en", "about 3,000"),
    (Quantity("at least 3,000", 3000, 3000, None, "min"), "en", "at least 3,000"),
    (Quantity("bis zu 10.000", 10000, 0, 10000, "max"), "en", "up to 10,000"),
    (Quantity("zwischen 1.500 und 3.000", 2250, 1500, 3000, "range"), "en", "between 1,500 and 3,000"),
    (Quantity("Tausende", None, 2000, 9999, "vague"), "en", "thousands"),
    (Quantity("Tausende", None, 2000, 9999, "vague"), "de", "Tausende"),
    (Quantity("10.000", 10000, 10000, 10000, "exact"), "en", "10,000"),
    (Quantity("10.000", 10000, 10000, 10000, "exact"), "de", "10.000"),
    (Quantity("mindestens 3000", 3000, 3000, None, "min"), "de", "mindestens 3.000"),
    (Quantity("59", 59, 59, 59, "exact", unit="%"), "en", "59%"),
    (Quantity("another 500", 500, 500, 500, "exact", increment=True), "en", "500 more"),
    (Quantity("knapp 3.000", 3000, 2700, 3000, "approx"), "de", "knapp 3.000"),
])
def test_format_quantity(q, language, expected):
    assert format_quantity(q, language) == expected


def test_offsets_and_tolerance_constant():
    s = "Laut Kyodo sind rund 10.000 Soldaten und mindestens 3.000 Helfer im Einsatz."
    got = find_quantities(s, "de")
    assert [s[q.start:q.end] for q in got] == ["rund 10.000", "mindestens 3.000"]
    assert got[0].low == pytest.approx(10000 * (1 - APPROX_TOLERANCE))
    assert got[0].high == pytest.approx(10000 * (1 + APPROX_TOLERANCE))


@pytest.mark.parametrize("bad", ["", " ", "😀🔥", "\x00\x01\x1b[0m", "1" * 100_000, "10.000 " * 15_000,
                                 "9" * 500, "–—-", "%%%", "€$£", "rund " * 10_000, None, 42])
def test_never_raises_on_odd_input(bad):
    for lang in ("de", "en", None, "xx"):
        assert isinstance(find_quantities(bad, lang), list)


# ---------------------------------------------------------------------------- properties

PROP = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROP
@given(st.text(max_size=300), st.sampled_from(["de", "en", "xx", ""]))
def test_property_never_raises_and_offsets_hold(text, lang):
    got = find_quantities(text, lang)
    for q in got:
        assert text[q.start:q.end] == q.text
        if q.value is not None and q.low is not None:
            assert q.low <= q.value
        if q.value is not None and q.high is not None:
            assert q.value <= q.high


@PROP
@given(st.integers(min_value=0, max_value=10**12))
def test_property_german_formatted_integer_found(n):
    s = "Nach Angaben der Behörden wurden {} Menschen evakuiert.".format("{:,}".format(n).replace(",", "."))
    assert n in [q.value for q in find_quantities(s, "de")]


@PROP
@given(st.integers(min_value=0, max_value=10**12))
def test_property_english_formatted_integer_found(n):
    s = "Officials said {:,} people were evacuated.".format(n)
    assert n in [q.value for q in find_quantities(s, "en")]


QUALIFIED = st.sampled_from(["rund", "etwa", "knapp", "gut", "mindestens", "mehr als", "über", "bis zu", "unter",
                             "weniger als", "about", "nearly", "at least", "more than", "up to", "fewer than", ""])


@PROP
@given(QUALIFIED, st.integers(min_value=1, max_value=10**9), st.sampled_from(["de", "en"]))
def test_property_interval_contains_value(qualifier, n, lang):
    num = "{:,}".format(n).replace(",", ".") if lang == "de" else "{:,}".format(n)
    s = f"Es waren {qualifier} {num} Menschen." if lang == "de" else f"There were {qualifier} {num} people."
    got = find_quantities(s, lang)
    assert len(got) == 1 and got[0].value == n
    q = got[0]
    assert (q.low is None or q.low <= q.value) and (q.high is None or q.value <= q.high)


@pytest.mark.parametrize("sentence, language, value", [
    ("Es kamen 1,500 Leute.", "de", 1500),              # foreign grouping in a German sentence
    ("Der Leitzins liegt bei 3,375 Prozent.", "de", 3.375),
    ("Es sind 1,250 Millionen Euro.", "de", 1_250_000),
    ("They counted 7.500 people.", "en", 7500),
    ("The rate is 1.125%.", "en", 1.125),
    ("Das sind 0,125 Liter.", "de", 0.125),
])
def test_ambiguous_three_digit_groups(sentence, language, value):
    assert [q.value for q in find_quantities(sentence, language)] == [pytest.approx(value)]


def test_ueber_after_a_noun_is_a_preposition():
    [q] = find_quantities("Berichte über 12.000 nordkoreanische Soldaten in Russland", "de")
    assert q.qualifier == "exact" and q.value == 12000
    [q] = find_quantities("Die Polizei nahm über 100 Menschen fest.", "de")
    assert q.qualifier == "gt"
