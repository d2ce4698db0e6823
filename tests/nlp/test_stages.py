"""Table-driven tests for each stage of claim understanding, German and English, seeds and other topics."""
from datetime import date

import pytest

from service import nlp
from service.nlp.attributors import attribute
from service.nlp.places import gazetteer
from service.nlp.sentences import article_sentences
from service.nlp.times import is_forecast, resolve_time


@pytest.mark.parametrize("sentence, canonical_contains", [
    ("Die US-Regierung schätzt die Zahl der von Nordkorea nach Russland geschickten Soldaten auf 10.000.", "US"),
    ("In Russland trainieren nach Angaben der US-Regierung derzeit mindestens 3000 nordkoreanische Soldaten.", "US"),
    ("„Wir glauben, dass Nordkorea rund 10.000 Soldaten geschickt hat“, sagte die Sprecherin Sabrina Singh.", "US"),
    ("Laut der japanischen Nachrichtenagentur Kyodo News wurden die Soldaten per Zug gebracht.", "Kyodo"),
    ("Kyodo: about 2,000 North Korean soldiers have moved toward Kursk", "Kyodo"),
    ("US says 10,000 troops", "US"),
    ("According to the Pentagon, 10,000 troops were sent.", "US"),
    ("Selenskyj sagt, rund 3.000 nordkoreanische Soldaten seien bereits in Russland", "Ukrain"),
    ("Zelensky said about 3,000 North Korean soldiers were already in Russia.", "Ukrain"),
    ("Nach Angaben der Polizei wurden drei Menschen verletzt.", "olice"),
    ("Police said two people were injured in the crash.", "olice"),
    ("South Korea's intelligence service said 1,500 soldiers had been sent", "South Korean intelligence"),
    ("In München haben nach Polizeiangaben rund 100.000 Menschen demonstriert.", "police"),
    ("Nach Behördenangaben wurden 40 Häuser zerstört.", "authorities"),
    ("Organisers put the turnout at more than 200,000.", "organizers"),
    ("Die Veranstalter sprachen von 250.000 Teilnehmern.", "organizers"),
    # an outlet after "laut" only relays what the speaker before it says
    ("Südkoreanische Militärbeamte warnen laut der Kyiv Post, dass bis zu 10.000 Soldaten kommen könnten.", "South Korea"),
    ("Laut der Kyiv Post sind 3.000 Soldaten in Russland.", "Kyiv Post"),
    ("Officials in Berlin said, according to Reuters, that 40 people were hurt.", "authorit"),
])
def test_attributor(sentence, canonical_contains):
    found = attribute(sentence)
    assert found.attributor is not None
    assert canonical_contains.lower() in found.attributor.canonical.lower()


@pytest.mark.parametrize("sentence, how", [
    ("Wir wissen es nicht, sagte er weiter.", "pronoun"),
    ("Seinen Angaben nach befinden sich etwa 3.000 Soldaten in Lagern.", "pronoun"),
    ("Berichten zufolge wurden etwa 2.000 Soldaten verlegt.", "vague"),
    ("Der Brand ist unter Kontrolle.", "none"),
])
def test_attribution_kind(sentence, how):
    assert attribute(sentence).how == how


@pytest.mark.parametrize("a, b", [
    ("Mehr als 5.000 Menschen wurden verletzt, teilte Gesundheitsminister Fahrettin Koca am Dienstag mit.",
     "Health Minister Fahrettin Koca said about 5,000 people had been injured."),
    ("Nach Angaben der Katastrophenschutzbehörde Afad sind 1.200 Menschen gestorben.",
     "The death toll has risen to 1,500, the disaster agency AFAD said on Wednesday."),
    ("AFAD: 1,500 people died in the earthquake", "Die Behörde Afad meldete 1.500 Tote."),
])
def test_unknown_speakers_meet_across_languages(a, b):
    """A speaker missing from the alias table is named without its office, the same in both languages."""
    x, y = attribute(a).attributor, attribute(b).attributor
    assert x is not None and y is not None
    assert x.canonical.casefold() == y.canonical.casefold()


@pytest.mark.parametrize("sentence", [
    "Laut Schätzungen wurden 300 Häuser zerstört.",
    "It said 300 homes burned.",
    "Rund 2.800 Gebäude seien eingestürzt.",
    "Erdbeben in der Türkei: Zahl der Toten steigt auf 1.200",
    "Zugunglück bei Bologna: Mindestens 19 Tote",
])
def test_no_speaker_made_up(sentence):
    assert attribute(sentence).attributor is None


def test_aliases_resolve_to_one_source():
    names = ["Die US-Regierung sagte es.", "Das Pentagon sagte es.", "Das Weiße Haus sagte es.", "Kirby sagte es.",
             "Blinken said so.", "The White House said so."]
    canonicals = {attribute(n).attributor.canonical for n in names}
    assert len(canonicals) == 1


@pytest.mark.parametrize("inner, outer", [("Kursk", "Russland"), ("Jüterbog", "Deutschland"), ("Kharkiv", "Ukraine")])
def test_place_containment(inner, outer):
    geo = gazetteer()
    assert geo.contains(geo.names.get(outer), geo.names.get(inner))
    assert geo.compatible(geo.names.get(inner), geo.names.get(outer))
    assert not geo.compatible(geo.names.get("Kursk"), geo.names.get("Ukraine"))


@pytest.mark.parametrize("text, reference, start", [
    ("Kirby sagte am Mittwoch", date(2024, 10, 23), "2024-10-23"),
    ("sagte Rutte am Montag in Brüssel", date(2024, 10, 29), "2024-10-28"),
    ("Authorities evacuated residents on Sunday", date(2025, 7, 14), "2025-07-13"),
    ("Am Donnerstag (24. Oktober) gab der Geheimdienst bekannt", date(2024, 10, 26), "2024-10-24"),
    ("Mitte Oktober hatte Südkorea mitgeteilt", date(2024, 10, 28), "2024-10-10"),
    ("yesterday the ministry said", date(2024, 3, 2), "2024-03-01"),
    ("In 2023 wurden 3.000 Wohnungen gebaut", date(2024, 12, 20), "2023-01-01"),
    ("VW streicht bis 2030 mehr als 35.000 Stellen", date(2024, 12, 20), "2024-12-20"),
])
def test_time_resolution(text, reference, start):
    span, _ = resolve_time(text, reference)
    assert span is not None and span.start == start


@pytest.mark.parametrize("text, reference, start, end", [
    # a figure counted over days, or since a day, holds up to the last of them
    ("Von Montag bis Mittwoch fielen 900 Züge aus", date(2025, 9, 12), "2025-09-08", "2025-09-10"),
    ("between Tuesday and Thursday 40 flights were cancelled", date(2025, 9, 12), "2025-09-09", "2025-09-11"),
    ("Seit Dienstag wurden 60 Menschen behandelt", date(2025, 9, 12), "2025-09-09", "2025-09-12"),
    ("30 shops have closed since the blackout began on Monday", date(2025, 9, 12), "2025-09-08", "2025-09-12"),
    ("On Monday 30 shops closed", date(2025, 9, 12), "2025-09-08", "2025-09-08"),
])
def test_spans_of_days(text, reference, start, end):
    span, _ = resolve_time(text, reference)
    assert (span.start, span.end) == (start, end)


def test_target_year_is_ahead_and_undated_statements_keep_only_absolute_dates():
    span, ahead = resolve_time("Volkswagen will cut 35,000 jobs by 2030", date(2024, 12, 20))
    assert ahead and span.end == "2030-12-31"
    assert resolve_time("Kirby sagte am Mittwoch", None) == (None, False)   # which Wednesday?
    span, _ = resolve_time("Am 6. November 2024 sagte Kirby", None)
    assert span.start == "2024-11-06"
    statement = nlp.parse_statement("Am Mittwoch sagte Kirby, 10.000 Soldaten seien in Russland")[1][0]
    assert statement.time is None


@pytest.mark.parametrize("text, forecast", [
    ("Die Zahl könnte bis Dezember auf bis zu 10.000 ansteigen.", True),
    ("Ihre Zahl werde bald auf 12.000 steigen.", True),
    ("The number could rise to 12,000 soon.", True),
    ("In Russland werden mindestens 3000 Soldaten ausgebildet.", False),
    ("Some 250 firefighters were deployed.", False),
    ("Volkswagen to cut 35,000 jobs in Germany", True),
    ("Visitors to Berlin numbered 3,000", False),
])
def test_forecast(text, forecast):
    assert is_forecast(text) == forecast


def _statement(text, language=None):
    return nlp.parse_statement(text, language=language)[1][0]


def _figures(text, language):
    """The claims with a figure that extract() reads from a text."""
    return [c for c in nlp.extract_claims(text, language=language) if c.quantity]


@pytest.mark.parametrize("a, b", [
    ("US says 10,000 North Korean troops are in Russia", "Die US-Regierung: 10.000 nordkoreanische Soldaten in Russland"),
    ("Officials say 3,500 people were evacuated", "Die Behörden haben rund 3.500 Menschen evakuiert"),
    ("250 firefighters were deployed", "Die Feuerwehr war mit 250 Einsatzkräften vor Ort"),
    ("The fire burned 400 hectares", "Es brannten etwa 400 Hektar Wald"),
    ("Die Feuerwehr hat 700 Hektar Wald verloren", "The blaze had burned 700 hectares"),
    ("Two people were killed in the crash", "Bei dem Unfall wurden zwei Menschen getötet"),
    ("Bei dem Unfall gab es zwei Tote", "Two people were killed in the crash"),
    ("Zwölf Verletzte nach dem Sturm", "12 people were injured in the storm"),
    # the counted noun before the figure, named by the count itself
    ("The death toll from the earthquake has risen to 1,500", "Die Zahl der Toten nach dem Erdbeben stieg auf 1.500"),
    ("Die Opferzahl des Bebens liegt bei 1.500 Toten", "1,500 people were killed by the quake"),
    ("200 Deutsche wurden aus dem Sudan evakuiert", "200 people were evacuated from Sudan"),
    ("3,500 people had to leave their homes", "3.500 Menschen mussten ihre Häuser verlassen"),
])
def test_subjects_meet_across_languages(a, b):
    assert _statement(a).subject_key == _statement(b).subject_key


@pytest.mark.parametrize("a, b", [
    ("North Korea sent 10,000 soldiers", "60.000 Ärztinnen und Ärzte streiken"),
    ("North Korea sent 10,000 soldiers", "mehr als 600.000 russische Soldaten getötet oder verwundet"),
    ("3,500 people were evacuated", "250 Feuerwehrleute waren im Einsatz"),
    ("3,500 people were evacuated", "etwa 400 Hektar Wald brannten"),
])
def test_other_things_counted_differ(a, b):
    x, y = _statement(a), _statement(b)
    assert (x.subject_key, x.extra.get("owner")) != (y.subject_key, y.extra.get("owner"))


def test_statement_reading():
    claim = _statement("Selenskyj sagt, rund 3.000 nordkoreanische Soldaten seien bereits in Russland")
    assert claim.quantity.value == 3000 and claim.quantity.qualifier == "approx"
    assert claim.extra["owner"] == gazetteer().names.get("Nordkorea")
    assert claim.location_key == gazetteer().names.get("Russland")
    assert claim.attributor is not None


ARTICLE = """Waldbrand: Feuerwehr kämpft gegen die Flammen

Textgröße ändern:

Wegen eines Waldbrandes bei Jüterbog haben die Behörden am Sonntag rund 3.500 Menschen in Sicherheit gebracht. Nach Angaben des Landkreises brannten bis zum Abend etwa 400 Hektar Wald. „Wir haben alles im Griff“, sagte ein Sprecher.

Foto: © dpa

Mehr zum Thema

Streik: 60.000 Ärztinnen und Ärzte legen die Arbeit nieder.
"""


def test_article_claims_offsets_and_furniture():
    claims = nlp.extract_claims(ARTICLE, language="de", published=date(2025, 7, 13), publisher="Anzeiger")
    assert claims, "the article states figures"
    for claim in claims:
        assert ARTICLE[claim.start:claim.end] == claim.text
    texts = " ".join(c.text for c in claims)
    assert "60.000" not in texts and "Textgröße" not in texts and "Foto" not in texts
    figures = {c.quantity.value for c in claims if c.quantity}
    assert {3500, 400} <= figures
    evacuated = next(c for c in claims if c.quantity and c.quantity.value == 3500)
    assert evacuated.time.start == "2025-07-13"
    assert evacuated.attributor.canonical == "Anzeiger"


def test_sentences_keep_offsets_and_merge_dates():
    text = "Der Pakt soll am 6. November ratifiziert werden. Das sagte die Kyiv Post."
    spans = article_sentences("Titel der Seite mit mehr Worten\n\n" + text + "\n\nAnother paragraph with enough words here.")
    assert any("6. November ratifiziert" in s.text for s in spans)


def test_claims_without_a_place_hold_where_the_story_is_set():
    text = ("Erdbeben in der Türkei: mehr als 1.200 Tote\n\n"
            "Die Rettungskräfte suchen weiter nach Überlebenden; etwa 9.000 Helfer sind im Einsatz, "
            "teilte die Behörde Afad mit. In Syrien starben nach Angaben der Regierung 800 Menschen.")
    claims = nlp.extract_claims(text, published=date(2023, 2, 7), publisher="Tagesschau")
    helpers = next(c for c in claims if c.quantity and c.quantity.value == 9000)
    syria = next(c for c in claims if c.quantity and c.quantity.value == 800)
    assert helpers.location_key is None and helpers.extra["scene"] == "TR"
    assert syria.location_key == "SY" and "scene" not in syria.extra


def test_people_counted_for_what_the_story_is_about():
    """'250.000 Teilnehmer' in an article about a protest count the protesters, as 'people protested' does."""
    text = ("Zehntausende demonstrieren in München gegen Rechtsextremismus\n\n"
            "Die Veranstalter sprachen von 250.000 Teilnehmern. Die Polizei war mit 1.200 Beamten im Einsatz.")
    claims = nlp.extract_claims(text, published=date(2024, 1, 21), publisher="SZ")
    by_value = {c.quantity.value: c for c in claims if c.quantity}
    english = _statement("Around 100,000 people protested in Munich, police said.")
    assert by_value[250000].subject_key == english.subject_key == "people@protested"
    assert by_value[1200].subject_key == "police_officers"   # the officers were on duty, not protesting


@pytest.mark.parametrize("a, b, same", [
    ("VW-Gewinn brach um 64 Prozent ein", "The carmaker reported a 64% drop in third-quarter profit.", True),
    ("Die Inflation in Deutschland lag im November bei 2,2 Prozent.", "German inflation eased to 2.2% in November.", True),
    ("Die Inflation lag bei 2,2 Prozent.", "Die Arbeitslosenquote stieg auf 6 Prozent.", False),
    ("SPD kommt in Umfrage auf 15 Prozent", "Die CDU kommt auf 30 Prozent", False),
    ("Die SPD will den Mindestlohn um 15 Prozent erhöhen", "Wages rose by 15 percent", True),
])
def test_what_a_percentage_measures(a, b, same):
    x, y = _statement(a), _statement(b)
    assert x.extra["measured"] and y.extra["measured"]
    assert (x.extra["measured"] == y.extra["measured"]) == same


def test_a_modifier_is_not_what_is_measured():
    # the share is of the voters, not of the party that modifies them
    assert _statement("59 Prozent der SPD-Wähler sind zufrieden").extra["measured"] == "w:spd-wähler"


@pytest.mark.parametrize("text, negated", [
    ("Russia denies the reports", True),
    ("Nordkorea hat keine Soldaten geschickt", True),
    ("Putin bestreitet die Anwesenheit der Soldaten nicht und verweist darauf", False),
    ("Russia did not deny the reports", False),
])
def test_a_negated_denial_affirms(text, negated):
    assert nlp.is_negated(text) == negated


@pytest.mark.parametrize("sentence, place", [
    ("Etwa 3.000 nordkoreanische Soldaten befinden sich in russischen Ausbildungslagern.", "RU"),
    ("About 3,000 troops are at Russian bases", "RU"),
    ("3.000 Soldaten kämpfen in russischen Uniformen", None),
])
def test_nationality_word_after_a_location_preposition(sentence, place):
    from service.nlp.extract import locate
    assert locate(sentence, 0, len(sentence)) == place


@pytest.mark.parametrize("sentence", ["Die AfD erhält 32 der 88 Sitze im Landtag.",
                                      "The AfD will have 32 of the 88 seats in the state parliament."])
def test_the_whole_of_a_part_is_not_a_claim(sentence):
    claims = nlp.parse_statement(sentence)[1]
    assert [c.quantity.value for c in claims] == [32]


def test_a_party_share_meets_across_languages():
    x, y = _statement("The far-right AfD won 32.8% of the vote"), _statement("Die AfD holte 32,8 Prozent")
    assert x.extra["measured"] == y.extra["measured"] == "party_afd"


@pytest.mark.parametrize("sentence, country", [
    ("A passenger train derailed near Bologna, killing 17 people.", "IT"),       # a GeoNames city
    ("Bei einem Zugunglück in Norditalien starben 19 Menschen.", "IT"),          # compass + country
    ("Es gab 30 Tote in Kursk", "RU"),
])
def test_places_beyond_the_hand_made_gazetteer(sentence, country):
    from service.nlp.extract import locate
    assert gazetteer().country(locate(sentence, 0, len(sentence))) == country


def test_a_city_name_is_a_place_only_where_capitalised():
    from service.nlp.extract import locate
    assert locate("in reading the report, 300 people agreed", 0, 40) is None


def test_a_pronoun_is_not_what_is_counted():
    claims = nlp.parse_statement("43 people were taken to hospital, four of them in critical condition.")[1]
    assert [c.quantity.value for c in claims] == [43, 4]
    assert claims[0].subject_key == claims[1].subject_key == "people@hospitalised"
    # "four of them" is a part of the 43, counting what they count
    assert claims[1].extra["part"] and claims[1].extra["whole"] == 43 and not claims[0].extra.get("part")


def test_a_web_address_ends_its_sentence():
    text = ("More than 3 million homes were without power, according to PowerOutage.us. "
            "Officials said at least 10 people were killed.")
    sentences = article_sentences(text)
    assert [text[s.start:s.end] for s in sentences][-1] == "Officials said at least 10 people were killed."


@pytest.mark.parametrize("a, b, relation", [
    ("Milton brought winds of 200 km/h", "The hurricane had winds of up to 120 mph", "conflicting"),
    ("Das Zentrum meldete Windgeschwindigkeiten von bis zu 195 Kilometern pro Stunde",
     "The hurricane had winds of up to 120 mph", "corroborating"),
    ("Es brannten 400 Hektar Wald", "The fire burned 1,000 acres", "corroborating"),
    ("The storm dropped 10 inches of rain", "Es fielen 25 Zentimeter Regen", "corroborating"),
])
def test_units_are_converted_before_comparing(a, b, relation):
    from service.relations import relate
    x, y = _statement(a), _statement(b)
    assert relate(x, y).relation == relation


@pytest.mark.parametrize("sentence, speaker", [
    ("Das Nationale Hurrikanzentrum meldete Windgeschwindigkeiten von bis zu 195 Kilometern pro Stunde.",
     "Nationale Hurrikanzentrum"),
    ("300 Menschen wurden evakuiert, sagte Müller.", "Müller"),
    ("Die Polizei meldete Verletzte.", "police"),
])
def test_the_word_after_a_german_verb_is_a_speaker_only_when_it_ends_the_phrase(sentence, speaker):
    assert attribute(sentence).attributor.canonical == speaker


def test_a_sentence_that_only_names_the_speaker_attributes_the_one_before():
    text = ("Hochwasser in Bayern\n\nWegen des Hochwassers mussten mehr als 3.000 Menschen ihre Häuser "
            "verlassen. Das teilte die Polizei am Montag mit. Rund 40.000 Einsatzkräfte sind im Einsatz.")
    claims = nlp.extract_claims(text, published=date(2024, 6, 3), publisher="BR")
    speakers = {c.quantity.value: c.attributor.canonical for c in claims if c.quantity}
    assert speakers == {3000: "police", 40000: "BR"}
    assert not any(c.text.startswith("Das teilte") for c in claims)


def test_distances_and_heights_are_different_frames():
    from service.relations import relate
    level = _statement("Die Donau stieg in Regensburg auf 7 Meter")
    assert relate(level, _statement("Das Geschoss flog rund 1.000 Kilometer weit")) is None
    assert relate(level, _statement("The Danube rose to 23 feet in Regensburg")).relation == "corroborating"
    assert relate(level, _statement("The Danube rose to 21 feet in Regensburg")).relation == "conflicting"


@pytest.mark.parametrize("text, language, scene", [
    # a dateline in capitals, after the headline; the town is no place any gazetteer knows
    ("Ferry fares rise again\n\nKORVENSTADT, Germany – The operator has raised fares for the third time this year. "
     "The crossing had been halted for 40 minutes.", "en", "?:korvenstadt"),
    # a town's name and a dash opening a German body; the story's figure names no place of its own
    ("Stadtrat beschließt neuen Haushalt\n\nMerlinghausen – Der Stadtrat hat am Montag getagt. "
     "Die Sitzung dauerte sechs Stunden.", "de", "?:merlinghausen"),
    # words, not a town: no scene from them
    ("Stadtrat tagt\n\nUPDATE – Der Stadtrat hat am Montag getagt. Die Sitzung dauerte sechs Stunden.", "de", None),
])
def test_a_dateline_sets_the_story_scene(text, language, scene):
    claims = [c for c in nlp.extract_claims(text, language=language, published=date(2025, 3, 3)) if c.quantity]
    assert claims and {c.extra.get("scene") for c in claims if c.location_key is None} == {scene}


@pytest.mark.parametrize("sentence, place", [
    ("Fans threw flares during the cup tie at SC Merlinghausen, injuring 12 people.", "?:merlinghausen"),
    ("Police say 30 fans of the visitors were arrested at Osterwalde.", "?:osterwalde"),
])
def test_an_acronym_opening_a_club_name_is_no_place(sentence, place):
    from service.nlp.extract import locate
    assert locate(sentence, 0, len(sentence)) == place


@pytest.mark.parametrize("sentence, value, limit", [
    # the limit named before its figure, and the measured figure of the same sentence left alone
    ("The lorry was driving at 95 km/h on a stretch limited to 70 km/h.", 95, False),
    ("The lorry was driving at 95 km/h on a stretch limited to 70 km/h.", 70, True),
    ("Auf der Brücke sind höchstens 7,5 Tonnen zulässig, der Laster wog 18 Tonnen.", 7.5, True),
    ("Auf der Brücke sind höchstens 7,5 Tonnen zulässig, der Laster wog 18 Tonnen.", 18, False),
    ("Genehmigt waren nach Angaben der Behörde nur 40 Dezibel.", 40, True),
    ("The plant released 12 tonnes of ammonia, the authority said.", 12, False),
])
def test_a_figure_of_what_is_allowed_is_marked_a_limit(sentence, value, limit):
    claims = [c for c in nlp.parse_statement(sentence)[1] if c.quantity and c.quantity.value == value]
    assert claims and bool(claims[0].extra.get("limit")) is limit


@pytest.mark.parametrize("limit, measured", [
    ("The speed limit on the bypass is 50 km/h", "Police say the van was travelling at 80 km/h"),
    ("Erlaubt sind auf der Brücke 7,5 Tonnen", "Der Lastwagen wog nach Polizeiangaben 18 Tonnen"),
])
def test_a_limit_is_related_to_the_measured_figure_not_in_conflict(limit, measured):
    from service.relations import relate

    relation = relate(_statement(measured), _statement(limit))
    assert relation is not None and relation.relation == "related" and "allowed" in relation.explanation
    # two limits compare as figures do
    assert relate(_statement(limit), _statement(limit)).relation in ("matching", "corroborating")


@pytest.mark.parametrize("statement, stored, expected", [
    # a share a list knows said of no one, against a share a named someone received: another thing measured
    ("Turnout in the mayoral election was 61 percent", "Amtsinhaber Berger holte 51,9 Prozent.", None),
    ("Die Wahlbeteiligung lag bei 44 Prozent", "Incumbent Hale won 52 percent, officials said.", None),
    ("Die Arbeitslosenquote liegt bei 7 Prozent", "Nach Angaben des Instituts erreichte Kallwitz 64 Prozent.", None),
    # the same known thing on both sides still compares
    ("Turnout in the mayoral election was 61 percent", "Die Wahlbeteiligung lag bei 55 Prozent.", "conflicting"),
])
def test_a_known_share_of_no_one_is_not_what_someone_received(statement, stored, expected):
    from service.relations import relate

    relation = relate(_statement(statement), _statement(stored), 0.75)
    assert (relation.relation if relation else None) == expected


@pytest.mark.parametrize("sentence, value, part", [
    # an ordinal ranks nothing by size: the figure is no one among many
    ("Nach ersten Schätzungen des Umweltamts traten rund 30.000 Liter aus.", 30000, False),
    ("In den nächsten Tagen sollen 400 Helfer kommen.", 400, False),
    # a superlative does
    ("Das schwerste Stück wiegt 640 Gramm.", 640, True),
])
def test_an_ordinal_is_no_superlative(sentence, value, part):
    claims = [c for c in nlp.parse_statement(sentence)[1] if c.quantity and c.quantity.value == value]
    assert claims and bool(claims[0].extra.get("part")) is part


def test_a_count_of_what_befell_a_whole_is_another_count_of_it_not_a_part():
    from service.relations import relate

    whole = next(c for c in nlp.parse_statement(
        "The bird rescue station said 61 oiled birds had been found so far, 17 of them dead.")[1]
        if c.quantity.value == 61)
    rival = _statement("Rescuers have found 10 oiled birds")
    assert whole.extra.get("a_whole")
    assert relate(rival, whole).relation == "conflicting"
    # a figure befallen by something else may be a part of the whole
    other = relate(_statement("Rescuers have cleaned 10 oiled birds"), whole)
    assert other is None or other.relation == "related"
    # and a whole a part is counted out of lends its sentence's verb to the part only
    denominator = next(c for c in nlp.parse_statement(
        "Three of the fleet's remaining 23 ferries had to stop running, the company said.")[1] if c.quantity.value == 23)
    assert relate(_statement("Three ferries had to stop running"), denominator).relation == "related"


@pytest.mark.parametrize("sentence, source", [
    # a name no dictionary knows ends the body's run after the cue: the nouns after it are what was said
    ("Nach Angaben des Prüfdienstes Veltrix Einsätze von mehr als 2 Millionen Euro platziert.", "Prüfdienstes Veltrix"),
    ("Nach Angaben der Firma Korbana Umsätze von 3 Millionen Euro erzielt.", "Firma Korbana"),
    # a run of dictionary words, or one that ends with its name, is left whole
    ("Nach Angaben der Staatsanwaltschaft Kernholt stehen mindestens elf Spiele im Verdacht.", "Staatsanwaltschaft Kernholt"),
])
def test_a_cued_name_stops_before_the_nouns_after_it(sentence, source):
    claims = [c for c in nlp.parse_statement(sentence)[1] if c.quantity]
    assert claims and claims[0].attributor is not None and claims[0].attributor.canonical == source


@pytest.mark.parametrize("a, b, same", [
    # who does a thing is not the thing done, however alike the words look
    ("24 Spiele stehen unter Verdacht", "Das Gericht sperrte sechs Spieler", False),
    ("Das Museum zählte 4.000 Besuche", "Das Museum zählte 4.000 Besucher", False),
    # a plural is the same noun
    ("Die Polizei zählte 30 Kinder", "Die Polizei zählte 30 Kinder", True),
])
def test_a_doer_is_not_the_deed(a, b, same):
    from service.relations import same_frame

    assert same_frame(_statement(a), _statement(b)) is same


@pytest.mark.parametrize("sentence, source", [
    # an English body's name goes on past "of", "for" and an "and" inside it; a country before it says whose
    ("Germany's Federal Institute for Drugs and Medical Devices (BfArM) said on Tuesday it had logged 64 reports.",
     "Federal Institute for Drugs and Medical Devices"),
    ("The Ministry of Transport and Infrastructure said 14 bridges were closed.", "Ministry of Transport and Infrastructure"),
    ("The Office for Rail and Road said 230 trains were cancelled.", "Office for Rail and Road"),
])
def test_an_english_name_joined_by_small_words_is_one_source(sentence, source):
    found = attribute(sentence, "en")
    assert found.attributor is not None and found.attributor.canonical == source


def test_two_subjects_joined_by_and_stay_two():
    found = attribute("Police and firefighters said 12 people were hurt.", "en")
    assert found.attributor is None or " and " not in found.attributor.canonical


@pytest.mark.parametrize("a, b", [
    # nouns the dictionary gives as each other's words count one thing, whatever concept a list filed each under
    ("Bislang wurden 20 Zwischenfälle gemeldet", "The agency has registered 64 incidents"),
])
def test_counted_nouns_that_translate_are_one_frame(a, b):
    from service.relations import same_frame

    assert same_frame(_statement(a), _statement(b))


@pytest.mark.parametrize("a, b", [
    ("Der Unfall forderte 20 Verletzte", "The agency has registered 64 incidents"),
])
def test_counted_nouns_that_do_not_translate_stay_apart(a, b):
    from service.relations import same_frame

    assert not same_frame(_statement(a), _statement(b))


@pytest.mark.parametrize("sentence, measured", [
    # a share "more" or "weniger" of a thing is of that thing, in either language
    ("The pumps can deliver 75 percent more insulin than set", "w:insulin"),
    ("Die Pumpen geben bis zu 40 Prozent mehr Insulin ab als eingestellt", "w:insulin"),
    ("The plant used 20 percent less water", "w:water"),
    ("Das Werk verbrauchte 12 Prozent weniger Wasser", "w:wasser"),
])
def test_a_share_more_of_a_thing_measures_that_thing(sentence, measured):
    claim = _statement(sentence)
    assert claim.extra["measured"].lstrip("~") == measured


@pytest.mark.parametrize("sentence, concept", [
    # a unit of two words joined to its figure by hyphens is that unit, not its last word
    ("The club will sell its 900-square-metre headquarters.", "square_metres"),
    ("A 3.2-square-kilometre area was sealed off.", "square_km"),
    ("A 3.2-kilometre stretch was sealed off.", "kilometres"),
])
def test_a_hyphenated_unit_of_two_words(sentence, concept):
    assert _statement(sentence).extra["concept"] == concept


@pytest.mark.parametrize("sentence, change", [
    # a change verb's "to" gives the level it reached; without it the figure is the change's size
    ("The party has slumped to 6 percent in the polls", False),
    ("Die Partei sackte in Umfragen auf 6 Prozent ab", False),
    ("The party slumped 6 percent in the polls", True),
    # a change noun as the subject keeps its figure a change
    ("The increase came to 4.2 percent", True),
])
def test_a_level_reached_is_no_change(sentence, change):
    assert _statement(sentence).quantity.increment is change


@pytest.mark.parametrize("sentence, source", [
    # a pronoun closing the sentence stands for the subject that opened it
    ("The Coastal Survey Office has counted 61 dead seals since May, it said on Friday.", "Coastal Survey Office"),
    ("The Hallspitz mountain rescue service has saved 14 hikers this week, it said.", "Hallspitz mountain rescue service"),
])
def test_a_closing_pronoun_is_the_opening_subject(sentence, source):
    found = attribute(sentence)
    assert found.attributor is not None and found.attributor.canonical == source


def test_a_closing_pronoun_without_a_subject_stays_a_pronoun():
    assert attribute("Prices rose 5 percent, it said.", "en").how == "pronoun"


@pytest.mark.parametrize("sentence, source", [
    # a country's possessive before a body's kind that is no government's own says whose body it is
    ("Norway's weather service estimates wind speeds at up to 150 km/h", "weather service"),
    # a thing put at a figure is an estimate, whatever the tagger makes of the verb
    ("The Kelmar Flood Office put the damage at 4 million euros.", "Kelmar Flood Office"),
    ("The Avalanche Warning Service (AWS) estimated snow depths at about 3 metres.", "Avalanche Warning Service"),
    # a body described first is named in the apposition, its acronym aside
    ("A volunteer group, the River Watch Alliance (RWA), estimated the oil slick at 14 kilometres.", "River Watch Alliance"),
])
def test_a_source_named_by_its_own_words(sentence, source):
    found = attribute(sentence, "en")
    assert found.attributor is not None and found.attributor.canonical == source


def test_a_countrys_ministry_stays_its_government():
    found = attribute("Norway's defence ministry said 12 soldiers were hurt.", "en")
    assert found.attributor is not None and "Norw" in found.attributor.canonical


@pytest.mark.parametrize("sentence, source", [
    # an armed group of a country is not the country's military
    ("Lebanon's army said 12 soldiers were hurt.", "Lebanese government"),
    ("Yemen's military said 4 drones were downed.", "Yemeni government"),
    # a government's body after another country's possessive is that country's
    ("Japan's Foreign Office said 3 citizens were hurt.", "Japanese government"),
    ("Britain's Foreign Office said 3 citizens were hurt.", "British government"),
])
def test_a_countrys_possessive_says_whose_body_it_is(sentence, source):
    found = attribute(sentence, "en")
    assert found.attributor is not None and found.attributor.canonical == source


@pytest.mark.parametrize("sentence, people", [
    ("Die Polizei sprach dagegen von etwa 800 Abgewiesenen.", True),
    ("Die Bergwacht zählte neun Eingeschlossene.", True),
    ("Die Lokalbahn streicht 46 ihrer täglich 210 Zugfahrten.", False),
    ("Der Händler verkaufte 400 Geschenke.", False),
])
def test_a_participle_made_a_noun_counts_people(sentence, people):
    assert (_statement(sentence).subject_key == "people") is people


@pytest.mark.parametrize("sentence, source", [
    # the first half of a separable reporting verb is that verb only with its particle ("räumte … ein")
    ("Zwei Autos stürzten in den Krater, drei Wohnhäuser mussten geräumt werden.", None),
    ("Der Konzern räumte Fehler ein: 300 Kunden seien betroffen.", "Konzern"),
])
def test_a_separable_reporting_verb_needs_its_particle(sentence, source):
    found = attribute(sentence, "de")
    assert (found.attributor.canonical if found.attributor else None) == source


@pytest.mark.parametrize("a, b, compatible", [
    # a street lies in some town, whichever
    ("?:lindenstrasse", "?:kellbach", True),
    ("?:marktplatz", "?:kellbach", True),
    # two towns no gazetteer knows are two places
    ("?:kellbach", "?:marlow", False),
])
def test_a_street_no_gazetteer_knows_lies_in_any_town(a, b, compatible):
    from service.nlp.places import gazetteer

    assert gazetteer().compatible(a, b) is compatible


def test_the_club_is_the_sports_club_not_the_league_association():
    # "der Verein" and "der Club" stand for the article's sports club ("HSG Kellbach"), not for the league
    # association whose noun the dictionary also gives as "association"; "des Verbands" for the association
    text = ("Kellbach. Der Handballverband Nord (HVN) hat der HSG Kellbach die Lizenz verweigert. Nach Angaben des "
            "Verbands fehlen dem Verein 2,1 Millionen Euro. Der Verein selbst beziffert die Lücke auf 0,9 Millionen "
            "Euro. Der Club hat nun zehn Tage Zeit für eine Beschwerde.")
    sources = {c.quantity.value: c.attributor.canonical for c in _figures(text, "de")}
    assert sources[2100000] == "HVN"
    assert sources[900000] == "HSG Kellbach"
    assert sources[10] == "HSG Kellbach"


def test_a_clubs_name_is_no_scene():
    # "um die HSG Kellbach": a body's name after a preposition of place is not where the story is set
    text = ("Kellbach. Im Lizenzstreit um die HSG Kellbach gibt es Bewegung. Die Polizei sprach von etwa 1.900 "
            "Zuschauern in der Halle.")
    (claim,) = _figures(text, "de")
    assert claim.extra.get("scene") != "?:hsg"


@pytest.mark.parametrize("sentence, source", [
    ("HSG Kellbach: Bis Mittwoch kamen 260.000 Euro an Spenden zusammen", "HSG Kellbach"),
    ("Der TSV Marlow meldete 300 neue Mitglieder.", "TSV Marlow"),
])
def test_a_sports_clubs_letters_are_part_of_its_name(sentence, source):
    found = attribute(sentence, "de")
    assert found.attributor is not None and found.attributor.canonical == source


@pytest.mark.parametrize("acronym, name, abbreviates_it", [
    # a compound's later parts may each give a letter, and the seat at the end none
    ("TBM", "Tierschutzbund Mittelland", True),
    ("IRW", "Institut für Regionalwirtschaft Lorsingen", True),
    ("NGG", "Nahrung-Genuss-Gaststätten", True),
    # every word gives its initial, in order
    ("BM", "Tierschutzbund Mittelland", False),
    ("ABC", "Tierschutzbund Mittelland", False),
])
def test_an_acronym_of_compound_words(acronym, name, abbreviates_it):
    from service.nlp.entities import abbreviates

    assert abbreviates(acronym, name) is abbreviates_it


def test_a_taught_acronym_keeps_the_noun_of_its_kind():
    from service.nlp.entities import taught_acronyms

    found = taught_acronyms(["Die Gewerkschaft Nahrung-Genuss-Gaststätten (NGG) rechnet mit mehr Schließungen."])
    assert found == {"NGG": "Gewerkschaft Nahrung-Genuss-Gaststätten"}


def test_a_site_manager_and_his_surname_speak_for_the_company():
    # "Standortleiter Markus Feld" heads a part of the company the article names; "sagte Feld" is the same man;
    # a company only a teaser names ("Lesen Sie auch: Marlower Stadtwerke …") is not his
    text = ("Marlow. Der Batteriehersteller Kelvra baut ein Werk in Marlow. Zudem sollen 2.000 Arbeitsplätze "
            "entstehen, sagte Standortleiter Markus Feld.\n\nBislang seien 640 Stellen besetzt, sagte Feld.\n\n"
            "Lesen Sie auch: Marlower Stadtwerke erhöhen Preise um 9 Prozent")
    sources = {c.quantity.value: c.attributor.canonical for c in _figures(text, "de")}
    assert sources[2000] == "Kelvra"
    assert sources[640] == "Kelvra"


def test_of_which_gives_a_part_of_the_whole_before():
    claims = _figures("The plant would create 1,800 jobs, of which 300 would be apprenticeships.", "en")
    part = next(c for c in claims if c.quantity.value == 300)
    assert part.extra.get("part") and part.extra.get("whole") == 1800


@pytest.mark.parametrize("sentence, unit", [
    # a count reached is one risen to; its subject is what is counted, past a participle's phrase or a place
    ("Measles cases linked to Kellbach schools have reached 212", "cases"),
    ("Cases in the district have risen to 40.", "Cases"),
    ("Overnight stays rose to 2.1 million", "stays"),
])
def test_the_subject_of_a_count_reached(sentence, unit):
    claim = _statement(sentence)
    assert claim.quantity is not None and claim.quantity.unit == unit


@pytest.mark.parametrize("text, key", [
    # the whole's participle names what befell its part
    ("The office counted 140 cases. Of those infected, 31 are care workers.", "nurses@infected"),
    ("Police counted 40 people. Of those arrested, 12 are minors.", "children@arrested"),
])
def test_a_part_of_those_an_event_befell(text, key):
    part = _figures(text, "en")[-1]
    assert part.extra.get("part") and part.subject_key == key


@pytest.mark.parametrize("sentence, language, value", [
    # a duration told in two units is one figure in the smaller
    ("The court sentenced him to three years and nine months in prison.", "en", 45),
    ("Die Rettung dauerte 2 Stunden und 5 Minuten.", "de", 125),
])
def test_a_duration_in_two_units_is_one_figure(sentence, language, value):
    (claim,) = _figures(sentence, language)
    assert claim.quantity.value == value


def test_a_duration_and_another_kind_stay_two_figures():
    claims = _figures("Er bekam drei Jahre Haft und 5.000 Euro Geldstrafe.", "de")
    assert sorted(c.quantity.value for c in claims) == [3, 5000]


@pytest.mark.parametrize("sentence, name", [
    # a kind's noun and a name no dictionary knows act in their own name; a territory keeps its kind
    ("Der Landkreis Marlbach hat die Zahl der beschädigten Häuser auf 340 erhöht.", "Landkreis Marlbach"),
    # also after an opening phrase of time that puts the subject after the verb
    ("Fünf Tage nach dem Sturm hat der Landkreis Marlbach die Zahl der Häuser auf 340 erhöht.", "Landkreis Marlbach"),
])
def test_a_body_named_by_its_kind_and_a_name_acts(sentence, name):
    from service.nlp.entities import actor

    found = actor(sentence, "de")
    assert found is not None and found.name == name


@pytest.mark.parametrize("sentence, language, name", [
    # a body that keeps its figure says it again, whatever its name
    ("Das Sturmnetzwerk KelNet bleibt bei seiner Schätzung von rund 300 Kilometern pro Stunde.", "de", "KelNet"),
    ("The storm network KelNet stands by its estimate of 300 km/h.", "en", "KelNet"),
    # a figure that stays where it was names no source
    ("Der Pegel blieb bei 4 Metern.", "de", None),
])
def test_a_body_that_stands_by_its_figure_speaks(sentence, language, name):
    from service.nlp.entities import actor

    found = actor(sentence, language)
    assert (found.name if found else None) == name


@pytest.mark.parametrize("sentence, name", [
    # the body that received what is counted has counted it
    ("Bei der Stadtverwaltung Kellbach sind inzwischen 112 Schadensmeldungen eingegangen.", "Stadtverwaltung Kellbach"),
    ("Bei der Polizei gingen bis Montag 380 Anzeigen wegen Betrugs ein.", "Polizei"),
    # an event at a place is no body's count
    ("Bei dem Unfall wurden drei Menschen verletzt.", None),
])
def test_the_body_that_received_reports_counts_them(sentence, name):
    from service.nlp.entities import actor

    found = actor(sentence, "de")
    assert (found.name if found else None) == name


@pytest.mark.parametrize("sentence, language, key", [
    # a figure no unit follows, after a noun and "von"/"of", is that noun's value
    ("Das stärkste Beben erreichte eine Magnitude von 3,4.", "de", "w:magnitude"),
    ("The strongest quake had a magnitude of 3.4.", "en", "w:magnitude"),
    # a count's noun names no value
    ("Die Zahl von 300 ist falsch.", "de", None),
])
def test_a_value_of_a_named_measure(sentence, language, key):
    claims = _figures(sentence, language)
    assert (claims[0].subject_key if claims else None) == key


def test_the_town_of_a_name_acts_in_its_own_name():
    from service.nlp.entities import actor
    from service.relations import _same_names

    found = actor("The town of Kellbach has received 70 damage reports.", "en")
    assert found is not None and found.name == "town of Kellbach"
    # and it is the town's own body that "Die Stadt Kellbach" names in German
    assert _same_names(found.name, found.text, "en", "Stadt Kellbach", "Die Stadt Kellbach", "de")


@pytest.mark.parametrize("sentence, change", [
    # a percentage lost or gained is the size of a change
    ("Die Aktie verlor am Dienstag zeitweise 22 Prozent.", True),
    # unless it is a share of what was lost
    ("Die Imker verloren 31 Prozent ihrer Völker.", False),
    ("Beekeepers lost about 31 percent of their colonies last winter.", False),
])
def test_a_percentage_lost_is_a_change_unless_a_share(sentence, change):
    assert _statement(sentence).quantity.increment is change
