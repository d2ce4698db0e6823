"""relate(): the table of SEMANTICS.md, on hand-built claims (no parsing, no database)."""
import pytest

from service.nlp.model import Attributor, Claim, Quantity, TimeSpan
from service.relations import overlap, relate, same_figure

INF = None


def q(value, qualifier="exact", low=None, high=None, increment=False):
    if qualifier == "exact":
        low, high = value, value
    elif qualifier == "approx":
        low, high = value * 0.9, value * 1.1
    elif qualifier in ("min", "gt"):
        low, high = value, INF
    elif qualifier in ("max", "lt"):
        low, high = 0, value
    return Quantity(text=str(value), value=value, low=low, high=high, qualifier=qualifier, increment=increment)


def claim(quantity, who="US government", key="soldiers", owner="KP", place="RU", day=None, forecast=False,
          negated=False, text="x", event=None):
    return Claim(text=text, language="de", attributor=Attributor(who, who) if who else None, quantity=quantity,
                 subject_key=key, location_key=place, forecast=forecast, negated=negated,
                 time=TimeSpan(day, day) if day else None,
                 extra={"owner": owner, "time_explicit": bool(day), "event": event or (key.split("@")[1] if "@" in key else None)})


@pytest.mark.parametrize("a, b, expected", [
    (q(10000), q(10000), "matching"),
    (q(10000), q(10000, "approx"), "matching"),
    (q(3000, "approx"), q(10000), "conflicting"),
    (q(50000), q(10000), "conflicting"),
    (q(3000, "min"), q(10000), "related"),
    (q(3000, "min"), q(50000), "related"),
    (q(10000, "max"), q(3000), "related"),
    (q(12000, "max"), q(12000, "approx"), "matching"),
    (q(12000, "max"), q(10000), "related"),
    (q(3000, "min"), q(3000, "approx"), "matching"),
    (q(2250, "range", 1500, 3000), q(2000), "matching"),
    (q(2250, "range", 1500, 3000), q(5000), "conflicting"),
])
def test_figures_same_source(a, b, expected):
    assert relate(claim(a), claim(b)).relation == expected


def test_other_source_agreeing_is_corroborating():
    assert relate(claim(q(10000)), claim(q(10000, "approx"), who="Pentagon-free source")).relation == "corroborating"


def test_statement_without_source_never_matches():
    assert relate(claim(q(10000), who=None), claim(q(10000))).relation == "corroborating"


@pytest.mark.parametrize("change", [
    {"key": "doctors"}, {"key": "soldiers@casualties"}, {"owner": "RU"}, {"place": "UA"},
])
def test_other_frame_is_unrelated(change):
    stored = claim(q(60000), **change)
    assert relate(claim(q(10000), key="soldiers@sent"), stored) is None


def test_people_counted_without_an_event_are_not_those_an_event_befell():
    assert relate(claim(q(300), key="people"), claim(q(300), key="people@evacuated")) is None


def test_place_inside_another_is_same_frame():
    assert relate(claim(q(8000), place="RU"), claim(q(8000), place="RU-KRS")).relation == "matching"
    assert relate(claim(q(8000), place=None), claim(q(3000), place="RU")).relation == "conflicting"


def test_forecast_is_related_not_conflict():
    assert relate(claim(q(3000, "approx")), claim(q(12000), forecast=True)).relation == "related"


def test_forecast_with_same_figure_still_agrees():
    assert relate(claim(q(12000, "max")), claim(q(12000, "approx"), forecast=True)).relation == "matching"


def test_forecast_for_a_later_date_is_related_even_with_the_same_figure():
    expected = claim(q(10000, "max"), who="South Korean government", forecast=True)
    expected.time = TimeSpan("2024-10-22", "2024-12-31")     # "bis Dezember", said on 22 October
    count = claim(q(10000))
    relation = relate(count, expected)
    assert relation.relation == "related" and "2024-12-31" in relation.explanation
    # the same forecast with no later date is a plan for the same total, so it still agrees
    expected.time = TimeSpan("2024-10-22", "2024-10-22")
    assert relate(count, expected).relation == "corroborating"


def test_pairwise_relation_leaves_time_to_the_frame():
    # two figures of different days are decided in time over the whole frame (tests/test_time.py)
    earlier = claim(q(1500), day="2024-10-18")
    later = claim(q(3000), day="2024-10-23")
    assert relate(later, earlier).relation == "conflicting"


def test_increment_is_not_compared_with_total():
    assert relate(claim(q(3000)), claim(q(1500, increment=True))).relation == "related"


def test_conflict_and_agreement_are_symmetric():
    for a, b in [(q(3000, "approx"), q(10000)), (q(10000), q(10000, "approx")), (q(50000), q(12000, "approx"))]:
        assert relate(claim(a), claim(b)).relation == relate(claim(b), claim(a)).relation


def test_overlap_and_same_figure():
    assert overlap(q(3000, "min"), q(10000)) and not same_figure(q(3000, "min"), q(10000))
    assert not overlap(q(3000, "approx"), q(10000))


def test_without_figures_meaning_and_negation_decide():
    said = claim(None, text="Nato hat Beweise")
    denied = claim(None, text="Nordkorea bestreitet", negated=True)
    assert relate(said, claim(None, who="NATO"), similarity=0.8).relation == "corroborating"
    assert relate(said, denied, similarity=0.8).relation == "conflicting"
    assert relate(said, claim(None), similarity=0.3) is None
    assert relate(said, claim(q(3000)), similarity=0.9) is None


def test_explanations_name_figures_and_source():
    relation = relate(claim(q(3000, "approx")), claim(q(10000), who="US government", day="2024-10-28"))
    assert "10,000" in relation.explanation and "US government" in relation.explanation


def test_smaller_figure_for_a_place_inside_is_part_of_the_whole():
    assert relate(claim(q(2000, "approx"), place="RU-KRS"), claim(q(3000, "min"), place="RU")).relation == "related"
    assert relate(claim(q(12000), place="RU-KRS"), claim(q(3000), place="RU")).relation == "conflicting"


def test_generic_units_need_the_same_meaning():
    a = claim(q(59), key="percent")
    a.extra["concept"] = "percent"
    b = claim(q(3), key="percent")
    b.extra["concept"] = "percent"
    assert relate(a, b, similarity=0.3) is None
    assert relate(a, b, similarity=0.8).relation == "conflicting"


def test_surname_alone_is_the_same_person():
    assert relate(claim(q(5000), who="Koca"), claim(q(5000), who="Fahrettin Koca")).relation == "matching"
    assert relate(claim(q(5000), who="Koca"), claim(q(5000), who="Fahrettin Yilmaz")).relation == "corroborating"


def test_place_of_the_story_separates_frames():
    """A claim without a place of its own holds where its article's story is set."""
    quake = claim(q(9000), place=None)
    quake.extra["scene"] = "TR"
    assert relate(claim(q(10000, "gt"), place="DE"), quake) is None
    assert relate(claim(q(10000, "gt"), place="TR"), quake).relation == "conflicting"
    assert relate(claim(q(10000, "gt"), place=None), quake).relation == "conflicting"


def test_two_forecasts_of_different_amounts_conflict():
    plan = claim(q(10000), forecast=True)
    assert relate(plan, claim(q(35000, "gt"), forecast=True)).relation == "conflicting"
    assert relate(plan, claim(q(35000, "gt"))).relation == "related"


def test_generic_units_compare_what_they_measure():
    def pct(value, measured):
        c = claim(q(value), key="percent", who="Destatis")
        c.extra.update(concept="percent", measured=measured)
        return c
    assert relate(pct(3, "inflation"), pct(2.2, "inflation"), similarity=0.1).relation == "conflicting"
    assert relate(pct(3, "inflation"), pct(6, "unemployment"), similarity=0.9) is None
    assert relate(pct(3, None), pct(2.2, "inflation"), similarity=0.1) is None      # nothing to go on
    assert relate(pct(3, None), pct(2.2, "inflation"), similarity=0.8).relation == "conflicting"


def test_short_statement_meets_a_long_sentence_that_names_the_same_things():
    statement = claim(None, who="NATO", place="RU-KRS",
                      text="Rutte: Nordkoreanische Truppen sind in die Region Kursk verlegt worden")
    stored = claim(None, who="NATO", place="RU-KRS",
                   text="Nato-Generalsekretär Mark Rutte sagte am Montag in Brüssel, militärische Einheiten "
                        "aus Nordkorea seien in die russische Region Kursk verlegt worden.")
    other = claim(None, who="NATO", place="RU", text="Die Nato trifft sich am Montag in Brüssel.")
    assert relate(statement, stored, similarity=0.53).relation == "matching"
    assert relate(statement, stored, similarity=0.40) is None
    assert relate(statement, other, similarity=0.53) is None


def test_a_german_case_ending_is_the_same_source():
    assert relate(claim(q(80), who="Deutschen Bahn"), claim(q(80), who="Deutsche Bahn")).relation == "matching"
    assert relate(claim(q(80), who="Deutsche Bahn"), claim(q(80), who="Deutsche Bank")).relation == "corroborating"


def test_a_statement_s_source_meets_the_acronym_another_article_taught_for_it():
    from datetime import date

    from service import nlp
    from service.checker import relate_candidates

    taught = nlp.extract_claims("Fare row in Kelbra\n\nThe Commuters' Alliance (PVK) said fares had risen by 14 percent "
                                "since 2024.", language="en", published=date(2026, 3, 2), publisher="Post")
    by_acronym = nlp.extract_claims("Streit um Fahrpreise\n\nDie Fahrpreise sind seit 2024 um 14 Prozent gestiegen, "
                                    "erklärte PVK-Chefin Anja Rolle.", language="de", published=date(2026, 3, 3),
                                    publisher="Kurier")
    _, statement = nlp.parse_statement("Commuters' Alliance: fares have risen by 14 percent since 2024")
    stored = [c for c in taught + by_acronym if c.quantity]
    assert {c.attributor.canonical for c in stored} == {"PVK"}
    answers = relate_candidates(statement, [(c, 0.6) for c in stored])
    assert sorted(r.relation for r, _ in answers) == ["matching", "matching"]
    assert statement[0].attributor.canonical == "Commuters' Alliance"   # the statement as parsed is unchanged
    # without the article that teaches the acronym, the German one alone cannot tell
    alone = relate_candidates(statement, [(c, 0.6) for c in by_acronym if c.quantity])
    assert [r.relation for r, _ in alone] == ["corroborating"]


def test_a_measured_word_no_list_knows_meets_a_known_thing_by_its_listed_words():
    from service.relations import _measured_alike

    german, english = claim(q(5), who=None), claim(q(5), who=None)
    german.language, english.language = "de", "en"
    assert _measured_alike("budget", german, "w:spend", english)      # "spend" is the budget's "spending"
    assert not _measured_alike("budget", german, "w:weigh", english)


def test_a_body_named_by_its_kind_meets_a_stored_claim_that_named_it_so_before_resolving_it():
    from service.relations import _same_names

    # the stored sentence's "Die Geschäftsführung" was resolved to the hospital its article is about
    assert _same_names("Geschäftsführung", "Geschäftsführung", "de", "Kreisklinikum Halvern", "Die Geschäftsführung", "de")
    assert not _same_names("Betriebsrat", "Betriebsrat", "de", "Kreisklinikum Halvern", "Die Geschäftsführung", "de")


def test_a_measured_word_meets_a_known_thing_s_listed_words_only_as_written_in_its_own_language():
    from service.relations import _measured_alike

    german = claim(q(5), who=None)
    assert not _measured_alike("turnout", german, "w:erhalten", german)   # dictionary senses overlap loosely


@pytest.mark.parametrize("a, b, same", [
    # an acronym with the words that say what it is names the acronym's body
    ("LWD flood centre", "LWD", True),
    ("KVZ space tracking centre", "Kontrollzentrum für Verkehrszählung", True),
    # a place's short name opening two bodies' names does not make them one
    ("US Army", "US Navy", False),
])
def test_an_acronym_with_its_descriptive_words_is_the_acronym_s_body(a, b, same):
    from service.relations import _same_names

    assert _same_names(a, a, "en", b, b, "de") is same


def test_a_statement_opening_with_a_name_the_base_gives_as_a_source_is_that_source_s():
    from datetime import date

    from service import nlp
    from service.checker import relate_candidates

    stored = [c for c in nlp.extract_claims("Bakery chain\n\nBakery chain Brotmeister will cut 300 jobs, the company "
                                            "said.", language="en", published=date(2026, 5, 4), publisher="Wire")
              if c.quantity]
    assert {c.attributor.canonical for c in stored} == {"Brotmeister"}
    _, statement = nlp.parse_statement("Brotmeister streicht 300 Stellen")
    assert statement[0].attributor is None   # the tagger reads the name as a common noun
    assert [r.relation for r, _ in relate_candidates(statement, [(c, 0.6) for c in stored])] == ["matching"]
    # a name no stored claim gives as its source stays nobody's
    _, other = nlp.parse_statement("Backhaus streicht 300 Stellen")
    assert [r.relation for r, _ in relate_candidates(other, [(c, 0.6) for c in stored])] == ["corroborating"]


def test_a_statement_place_no_gazetteer_knows_is_a_body_where_the_base_gives_that_name_as_a_source():
    from datetime import date

    from service import nlp
    from service.checker import relate_candidates

    stored = [c for c in nlp.extract_claims("Fluglinie in Not\n\nLorsheim – Die insolvente Fluglinie Norvenda streicht "
                                            "in Lorsheim 450 Stellen, teilte das Unternehmen am Montag mit.",
                                            language="de", published=date(2026, 5, 4), publisher="Wire") if c.quantity]
    assert {c.attributor.canonical for c in stored} == {"Norvenda"}
    _, statement = nlp.parse_statement("Bei Norvenda fallen 450 Stellen weg")
    assert statement[0].location_key == "?:norvenda"   # "bei" reads as a place
    assert [r.relation for r, _ in relate_candidates(statement, [(c, 0.6) for c in stored])] == ["corroborating"]
    # a name the base does not know stays a place of its own
    _, other = nlp.parse_statement("Bei Marlow fallen 450 Stellen weg")
    assert relate_candidates(other, [(c, 0.6) for c in stored]) == []


def _said_and_stored(statement_text, stored_text, stored_language):
    """A statement's claim and the first claim with a figure that a stored sentence gives."""
    from service.nlp import extract_claims, parse_statement

    _, (said,) = parse_statement(statement_text)
    return said, next(c for c in extract_claims(stored_text, language=stored_language) if c.quantity is not None)


@pytest.mark.parametrize("statement_text, stored_text, stored_language", [
    ("Polizei: Rund 60.000 Menschen besuchten das Stadtfest", "Die Polizei schätzte die Zahl der Besucher auf etwa 60.000.", "de"),
    ("The organisers say 85,000 people attended the fair", "Nach Angaben des Veranstalters waren 85.000 Besucherinnen und Besucher auf dem Gelände.", "de"),
    ("Nach Angaben des Verbands nahmen 4.000 Menschen an dem Lauf teil", "The federation said 4,000 participants took part in the race.", "en"),
])
def test_people_who_did_a_thing_are_those_named_for_doing_it(statement_text, stored_text, stored_language):
    from service.relations import same_frame

    said, stored = _said_and_stored(statement_text, stored_text, stored_language)
    assert same_frame(said, stored)


def test_people_who_did_one_thing_are_not_those_named_for_doing_another():
    from service.relations import same_frame

    said, stored = _said_and_stored("Rund 60.000 Menschen besuchten das Stadtfest",
                                    "Die Stadt zählte 60.000 Teilnehmer beim Streik.", "de")
    assert not same_frame(said, stored) or stored.extra.get("event")


@pytest.mark.parametrize("statement_text, stored_text, stored_language, same", [
    # a count of a deed no list knows is a count of those who did it, when the other's verb is that deed
    ("Seit Januar haben 3.100 Mitglieder den Verein verlassen", "Die Zahl der Austritte aus dem Verein stieg auf 3.100.", "de", True),
    ("Seit Januar sind 900 Mitglieder aus dem Chor ausgetreten", "Der Chor meldete 900 Austritte.", "de", True),
    ("Rund 40 Ärzte sind zurückgetreten", "The association counted 40 resignations.", "en", True),
    # a deed the verb does not name is another thing
    ("Seit Januar haben 3.100 Mitglieder den Verein verlassen", "Der Verein meldete 3.100 Eintritte.", "de", False),
])
def test_a_count_of_a_deed_is_a_count_of_those_who_did_it(statement_text, stored_text, stored_language, same):
    from service.relations import same_frame

    said, stored = _said_and_stored(statement_text, stored_text, stored_language)
    assert same_frame(said, stored) is same


def vague(low, high):
    return Quantity(text="hundreds", value=None, low=low, high=high, qualifier="vague")


@pytest.mark.parametrize("figure, expected", [
    # a vague plural reaches up to where the next one begins: "hundreds" of twelve hundred fit
    (q(1200, "approx"), "related"),
    (q(300), "related"),
    # figures of the next order up, or of the one below, cannot be "hundreds"
    (q(5000), "conflicting"),
    (q(40), "conflicting"),
])
def test_a_vague_plural_conflicts_only_with_another_order(figure, expected):
    assert relate(claim(figure), claim(vague(200, 999))).relation == expected


@pytest.mark.parametrize("statement_text, stored_text, same", [
    # a participle no list knows, made a noun, counts the people its verb was done to
    ("Rund 1.200 Fans wurden am Einlass abgewiesen", "Die Polizei sprach dagegen von etwa 800 Abgewiesenen.", True),
    ("Neun Menschen wurden in der Hütte eingeschlossen", "Die Bergwacht zählte neun Eingeschlossene.", True),
    # a noun that only ends like one is a thing
    ("Rund 1.200 Fans wurden am Einlass abgewiesen", "Die Lokalbahn strich 800 Zugfahrten.", False),
])
def test_a_participle_made_a_noun_counts_those_its_verb_was_done_to(statement_text, stored_text, same):
    from service.relations import same_frame

    said, stored = _said_and_stored(statement_text, stored_text, "de")
    assert same_frame(said, stored) is same


@pytest.mark.parametrize("statement_text, stored_text, stored_language, same", [
    # a town's own body under any of its names: its hall, "die Stadt", "the town", "Rathaus"
    ("Kellbach town hall says 30 residents were evacuated", "Die Stadt brachte nach eigenen Angaben 30 Anwohner in Sicherheit.", "de", True),
    ("Das Rathaus Kellbach meldet 30 evakuierte Anwohner", "The town said it had evacuated 30 residents.", "en", True),
    # another level of government is another body
    ("Kellbach town hall says 30 residents were evacuated", "Der Landkreis brachte nach eigenen Angaben 30 Anwohner in Sicherheit.", "de", False),
])
def test_a_towns_own_body_is_one_source_under_its_names(statement_text, stored_text, stored_language, same):
    from service.relations import _same_source

    said, stored = _said_and_stored(statement_text, stored_text, stored_language)
    assert _same_source(said, stored) is same


@pytest.mark.parametrize("statement_text, stored_text, stored_language, related", [
    # a hole's diameter is its width across
    ("Der Krater ist rund 12 Meter breit", "Nach Angaben der Feuerwehr hat das Loch einen Durchmesser von etwa 12 Metern.", "de", True),
    ("The pit is about 12 metres wide", "Das Loch hat einen Durchmesser von etwa 12 Metern.", "de", True),
    ("Der Krater ist rund 12 Meter breit", "The hole is about 12 metres across.", "en", True),
    # its depth is another dimension
    ("Der Krater ist rund 12 Meter tief", "Das Loch hat einen Durchmesser von etwa 12 Metern.", "de", False),
])
def test_a_diameter_is_a_width(statement_text, stored_text, stored_language, related):
    from service.relations import unit_similarity

    said, stored = _said_and_stored(statement_text, stored_text, stored_language)
    assert (relate(said, stored, 0.8, unit_similarity) is not None) is related


@pytest.mark.parametrize("statement_text, stored_text, stored_language", [
    # cubic metres and millilitres are litres, converted
    ("The plant will need 4.5 billion litres of water a year", "Das Werk braucht 4,5 Millionen Kubikmeter Wasser pro Jahr.", "de"),
    ("Der Tank fasst 2.000 Liter", "The tank holds 2 cubic metres.", "en"),
    ("Each dose is 0.5 millilitres", "Eine Dosis enthält 0,0005 Liter.", "de"),
])
def test_volumes_compare_in_litres(statement_text, stored_text, stored_language):
    from service.relations import unit_similarity

    said, stored = _said_and_stored(statement_text, stored_text, stored_language)
    found = relate(said, stored, 0.8, unit_similarity)
    assert found is not None and found.relation == "corroborating"
