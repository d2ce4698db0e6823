"""in_time(): SEMANTICS.md's Time section over a frame's claims, on hand-built claims of other topics."""
import pytest

from service.nlp.model import Attributor, Citation, Claim, Quantity, TimeSpan
from service.relations import in_time, relate


def q(value, qualifier="exact"):
    low, high = {"exact": (value, value), "approx": (value * 0.9, value * 1.1), "min": (value, None),
                 "max": (0, value)}[qualifier]
    return Quantity(text=str(value), value=value, low=low, high=high, qualifier=qualifier)


def stored(value, who, day, qualifier="exact", event="infected", concept="cases"):
    return Claim(text=f"{who} {value}", language="en", attributor=Attributor(who, who), quantity=q(value, qualifier),
                 subject_key=concept, location_key="DE", time=TimeSpan(day, day),
                 citation=Citation("d", who, "t", None, day, f"{who} {value}", 0, 1),
                 extra={"concept": concept, "event": event, "time_explicit": False})


def statement(value, who=None, day=None, qualifier="exact", event="infected", concept="cases"):
    return Claim(text="statement", language="en", attributor=Attributor(who, who) if who else None,
                 quantity=q(value, qualifier), subject_key=concept, location_key="DE",
                 time=TimeSpan(day, day) if day else None,
                 extra={"concept": concept, "event": event, "time_explicit": bool(day)})


def decide(said, claims):
    pairs = [(relate(said, c, 0.8), c) for c in claims]
    return {c.text: r.relation for r, c in in_time(said, pairs)}, {c.text: r.explanation for r, c in in_time(said, pairs)}


def test_a_sources_later_figure_supersedes_its_earlier_one():
    claims = [stored(40, "Health ministry", "2025-06-03"), stored(95, "Health ministry", "2025-06-10")]
    relations, why = decide(statement(95, who="Health ministry"), claims)
    assert relations == {"Health ministry 40": "related", "Health ministry 95": "matching"}
    assert "Earlier figure" in why["Health ministry 40"] and "2025-06-10" in why["Health ministry 40"]


def test_undated_statement_speaks_of_the_latest_state():
    claims = [stored(40, "Health ministry", "2025-06-03"), stored(95, "Health ministry", "2025-06-10"),
              stored(200, "Charity", "2025-06-10", "approx")]
    relations, _ = decide(statement(95), claims)
    assert relations["Health ministry 40"] == "related"
    assert relations["Charity 200"] == "conflicting"     # the present figures of one time do not overlap


@pytest.mark.parametrize("stored_value, qualifier, day, expected", [
    (15, "min", "2025-03-09", "conflicting"),   # yesterday already at least 15: 8 cannot be today's count
    (5, "exact", "2025-03-09", "related"),      # an earlier, lower figure: a point on the timeline
    (12, "exact", "2025-03-11", "related"),     # a later, higher one
    (6, "exact", "2025-03-11", "conflicting"),  # a later, lower one: the count cannot have shrunk
    (8, "exact", "2025-03-10", "matching"),     # the same day and figure
])
def test_counts_that_only_grow(stored_value, qualifier, day, expected):
    said = statement(8, who="Fire brigade", day="2025-03-10", event="killed", concept="deaths")
    claim = stored(stored_value, "Fire brigade" if expected == "matching" else "Police", day, qualifier,
                   event="killed", concept="deaths")
    relations, _ = decide(said, [claim])
    assert relations[claim.text] == expected


def test_counts_that_do_not_only_grow_compare_as_of_one_time():
    said = statement(8000, who="Police", day="2025-05-01", event="protested", concept="participants")
    claim = stored(30000, "Organisers", "2025-05-02", event="protested", concept="participants")
    relations, _ = decide(said, [claim])
    assert relations[claim.text] == "conflicting"


def test_repeating_a_sources_figure_speaks_of_when_it_said_it():
    # 3,000 repeated from the ministry of 31 March: its 10,000 of 28 March was already higher, so it conflicts;
    # another source's 1,500 of 18 March is an earlier point of a growing count
    claims = [stored(3000, "Ministry", "2025-03-31", "approx", event="evacuated", concept="evacuees"),
              stored(10000, "Governor", "2025-03-28", event="evacuated", concept="evacuees"),
              stored(1500, "Red Cross", "2025-03-18", event="evacuated", concept="evacuees")]
    relations, _ = decide(statement(3000, who="Ministry", event="evacuated", concept="evacuees"), claims)
    assert relations == {"Ministry 3000": "matching", "Governor 10000": "conflicting", "Red Cross 1500": "related"}


def test_in_the_latest_state_an_earlier_report_of_a_figure_that_does_not_only_grow_still_conflicts():
    # a deficit is compared as at one time: the town's 7.5 million, said twice, conflicts with 12 million both times
    claims = [stored(7.5, "Town", "2026-05-04", event=None, concept="money_eur"),
              stored(7.5, "Town", "2026-05-08", event=None, concept="money_eur")]
    said = statement(12, event=None, concept="money_eur")
    pairs = [(relate(said, c, 0.8), c) for c in claims]
    assert [r.relation for r, _ in in_time(said, pairs)] == ["conflicting", "conflicting"]


def test_in_the_latest_state_an_earlier_report_of_a_growing_count_said_again_is_a_point_of_its_timeline():
    # the brigade's 420 evacuated, said on Tuesday and again on Friday: Friday's conflicts with the city's 480 of
    # that day, Tuesday's is the past of a count that grows
    claims = [stored(420, "Brigade", "2025-11-18", event="evacuated", concept="people"),
              stored(420, "Brigade", "2025-11-21", event="evacuated", concept="people"),
              stored(480, "City", "2025-11-21", event="evacuated", concept="people")]
    said = statement(480, who="City", event="evacuated", concept="people")
    decided = in_time(said, [(relate(said, c, 0.8), c) for c in claims])
    assert [r.relation for r, _ in decided] == ["related", "conflicting", "matching"]
    assert "2025-11-21" in decided[0][0].explanation


def test_a_statement_repeating_a_source_speaks_of_every_day_the_source_said_it():
    # the office said 4,800 on Monday and again on Wednesday, the association 2,600 on both days: the
    # association's Monday figure is as much the same time as its Wednesday one
    claims = [stored(4800, "Office", "2025-10-06", event="vaccinated", concept="students"),
              stored(2600, "Association", "2025-10-06", event="vaccinated", concept="students"),
              stored(4800, "Office", "2025-10-08", event="vaccinated", concept="students"),
              stored(2600, "Association", "2025-10-08", event="vaccinated", concept="students")]
    said = statement(4800, who="Office", event="vaccinated", concept="students")
    decided = in_time(said, [(relate(said, c, 0.8), c) for c in claims])
    assert [r.relation for r, _ in decided] == ["matching", "conflicting", "matching", "conflicting"]


def test_on_a_day_the_statement_speaks_of_another_sources_figure_then_is_not_superseded_for_it():
    # the office said 4,800 on Monday and again on Wednesday; the association said 2,600 on Monday and 3,000 on
    # Wednesday: repeating the office speaks of Monday too, when the association's 2,600 was its present figure
    claims = [stored(4800, "Office", "2025-10-06", event="vaccinated", concept="students"),
              stored(2600, "Association", "2025-10-06", event="vaccinated", concept="students"),
              stored(4800, "Office", "2025-10-08", event="vaccinated", concept="students"),
              stored(3000, "Association", "2025-10-08", event="vaccinated", concept="students")]
    said = statement(4800, who="Office", event="vaccinated", concept="students")
    decided = in_time(said, [(relate(said, c, 0.8), c) for c in claims])
    assert [r.relation for r, _ in decided] == ["matching", "conflicting", "matching", "conflicting"]
    # a day it does not speak of: the association's figure of Tuesday was superseded by Wednesday's
    claims[1] = stored(2600, "Association", "2025-10-07", event="vaccinated", concept="students")
    decided = in_time(said, [(relate(said, c, 0.8), c) for c in claims])
    assert decided[1][0].relation == "related" and "Earlier figure" in decided[1][0].explanation


def test_a_source_under_three_names_is_one_source_when_one_name_bridges_the_others():
    from dataclasses import replace

    # "farmers" is the English association's name in short, and the German name meets only the English one
    claims = [stored(400, "farmers", "2025-08-01", event=None, concept="money_eur"),
              replace(stored(600, "Landesbauernverband", "2025-08-07", event=None, concept="money_eur"), language="de"),
              stored(500, "state farmers association", "2025-08-04", event=None, concept="money_eur")]
    said = replace(statement(600, who="Landesbauernverband", event=None, concept="money_eur"), language="de")
    relations, why = decide(said, claims)
    assert relations["state farmers association 500"] == "related"
    assert "Earlier figure" in why["state farmers association 500"]


def test_names_in_one_language_do_not_meet_by_the_encoder_alone():
    from service.nlp.entities import same_name

    assert not same_name("farmers", "en", "agriculture ministry", "en")
    assert same_name("shipowners association", "en", "ship-owners association", "en")   # two forms of one word


@pytest.mark.parametrize("text, language, growing", [
    # what has leaked only adds up: its figures form a timeline
    ("Nach Angaben der Feuerwehr liefen rund 8.000 Liter Heizöl aus.", "de", True),
    ("Some 8,000 litres of heating oil had leaked, the fire brigade said.", "en", True),
    ("The tank holds 8,000 litres of heating oil.", "en", False),
])
def test_a_measure_of_what_leaked_only_grows(text, language, growing):
    from service.nlp.extract import analyse
    from service.relations import grows

    claim = analyse(text, language, None)[0]
    claim.language = language
    assert grows(claim) is growing


@pytest.mark.parametrize("text, forecast", [
    # a headline's noun phrase, "to" and a verb is what will happen; a verb before "to" is something done
    ("Landlord: average tenant to pay 300 euros more a year", True),
    ("Soldiers were sent to fight in the north", False),
    ("Parents went to court over 300 places", False),
])
def test_a_headline_s_noun_phrase_to_and_a_verb_is_a_forecast(text, forecast):
    from service.nlp.times import is_forecast

    assert is_forecast(text, "en") is forecast


@pytest.mark.parametrize("text, start, end", [
    # "since" a part of a month or a day holds up to the report; the part of a month alone is that part
    ("seit Anfang März", "2026-03-01", "2026-04-10"),
    ("since early March", "2026-03-01", "2026-04-10"),
    ("seit dem 3. März", "2026-03-03", "2026-04-10"),
    ("Anfang März", "2026-03-01", "2026-03-10"),
])
def test_since_a_part_of_a_month_holds_up_to_the_report(text, start, end):
    from datetime import date

    from service.nlp.times import resolve_time

    span, _ = resolve_time(text, date(2026, 4, 10))
    assert (span.start, span.end) == (start, end)


@pytest.mark.parametrize("verb, expected", [("find", "related"), ("finden", "related"), ("weigh", "conflicting")])
def test_what_has_been_found_so_far_is_a_count_that_only_grows(verb, expected):
    # another source's earlier, lower tally of things found is a point on the timeline, not a contradiction
    said = statement(94, who="Bird station", day="2025-06-23", event=None, concept="animals")
    said.extra["verb"] = verb
    earlier = stored(23, "Fire brigade", "2025-06-16", event=None, concept="animals")
    earlier.extra["verb"] = verb
    relations, _ = decide(said, [earlier])
    assert relations[earlier.text] == expected


@pytest.mark.parametrize("event, concept", [("killed", "deaths"), ("arrested", "arrests")])
def test_a_statement_naming_no_source_speaks_of_when_the_figure_it_repeats_was_said(event, concept):
    # another source's earlier, lower figure of a count that only grows is a point of the timeline that ends
    # in the figure the statement repeats, not a figure of the same time
    claims = [stored(17, "Rescue station", "2025-06-18", event=event, concept=concept),
              stored(31, "Daily paper", "2025-06-23", event=event, concept=concept)]
    relations, why = decide(statement(31, event=event, concept=concept), claims)
    assert relations == {"Rescue station 17": "related", "Daily paper 31": "corroborating"}
    assert "Timeline" in why["Rescue station 17"]


def test_a_statement_naming_no_source_still_meets_a_source_s_superseded_figure_as_earlier():
    # the days of the figures it repeats are nobody's days of speaking: a source's earlier figure on one of
    # them is still superseded by that source's later one
    claims = [stored(310, "Fire brigade", "2025-08-06", event="burnt", concept="area"),
              stored(500, "Forest office", "2025-08-06", "approx", event="burnt", concept="area"),
              stored(450, "Fire brigade", "2025-08-08", event="burnt", concept="area")]
    relations, _ = decide(statement(450, event="burnt", concept="area"), claims)
    assert relations["Fire brigade 310"] == "related"
    assert relations["Fire brigade 450"] == "corroborating"
