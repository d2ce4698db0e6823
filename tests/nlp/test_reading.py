"""The reading of a sentence and what is read from it: clauses, counted things, events, owners, kinds,
parts of a whole and places no list knows. Topics other than the seeds' story."""
from datetime import date

import pytest

from service import nlp
from service.nlp.extract import analyse
from service.nlp.language import detect_language
from service.nlp.reading import read
from service.relations import kind, relate, same_frame


def figures(text, language=None):
    return {c.quantity.value: c for c in analyse(text, language or detect_language(text), None)}


def first_figures(*texts):
    """The first figure's claim of each sentence."""
    return tuple(next(iter(figures(text).values())) for text in texts)


def one_frame(a, b, similarity):
    """Whether the first figures of two sentences relate at all, at the given sentence similarity."""
    x, y = first_figures(a, b)
    return relate(x, y, similarity=similarity) is not None


def article_claims(text, language, publisher="Kurier", published=None):
    """The claims with a figure of an article (headline, blank line, body), read as the service reads it."""
    return [c for c in nlp.extract_claims(text, language=language, published=published, publisher=publisher)
            if c.quantity]


def article_figure(text, language, value):
    """The claim of an article with the given figure."""
    return next(c for c in article_claims(text, language, published=date(2026, 2, 2)) if c.quantity.value == value)


@pytest.mark.parametrize("text, language, joined, split", [
    ("12 were killed and 40 injured when the ferry capsized.", "en", (), ("12", "40")),
    ("Der Sturm tötete 16 Menschen und verletzte mehr als 100.", "de", (), ("16", "100")),
    ("Insgesamt gaben 18.240 Bürgerinnen und Bürger ihre Stimme ab.", "de", ("Bürgerinnen", "Bürger"), ()),
    ("Rescuers freed 30 miners and engineers from the shaft.", "en", ("miners", "engineers"), ()),
])
def test_a_conjunction_opens_a_clause_only_before_a_figure_or_a_verb(text, language, joined, split):
    reading = read(text, language)
    clause = {t.text: t.clause for t in reading.tokens}
    if joined:
        assert clause[joined[0]] == clause[joined[1]]
    if split:
        assert clause[split[0]] != clause[split[1]]


@pytest.mark.parametrize("word, head", [
    ("Grippefälle", "fall"), ("Impfdosen", "dosis"), ("Einsatzkräfte", "kraft"), ("Wahlbeteiligung", "beteiligung"),
])
def test_a_german_compound_is_read_by_its_head(word, head):
    token = read(f"Es gab 12 {word}.", "de").tokens[3]
    assert token.head == head


@pytest.mark.parametrize("text, value, event", [
    # the event of the figure's own clause, not the first one of the sentence
    ("12 people were killed and 40 injured when the ferry capsized.", 40, "injured"),
    ("12 people were killed and 40 injured when the ferry capsized.", 12, "killed"),
    ("Zwei Menschen kamen ums Leben, 14 werden noch vermisst.", 14, "missing"),
    ("Zwei Menschen kamen ums Leben, 14 werden noch vermisst.", 2, "killed"),
    # inflected and discontinuous forms, by lemma
    ("Der Sturm tötete 16 Menschen.", 16, "killed"),
    ("Die Feuerwehr brachte in der Altstadt 300 Bewohner in Sicherheit.", 300, "evacuated"),
    ("Die Polizei nahm sieben Verdächtige fest.", 7, "arrested"),
    # "to" after a count noun gives the count's new figure, not a place
    ("The number of people hurt when the tram derailed in Kelsburg has risen to 31.", 31, "injured"),
])
def test_the_event_is_read_from_the_figures_own_clause(text, value, event):
    assert figures(text)[value].extra["event"] == event


@pytest.mark.parametrize("text, value, event", [
    ("Etwa 30 wurden verletzt.", 30, "injured"),
    ("Mindestens 14 werden noch vermisst.", 14, "missing"),
    ("At least 40 were evacuated overnight.", 40, "evacuated"),
])
def test_a_bare_figure_with_an_event_counts_people(text, value, event):
    claim = figures(text)[value]
    assert claim.subject_key == f"people@{event}"


@pytest.mark.parametrize("text, value, head", [
    ("The storm destroyed 300 barns on Monday.", 300, "barn"),
    ("Im Hafen lagen 14 Kreuzfahrtriesen fest.", 14, "riese"),
    ("Die Imker meldeten den Verlust von 4.000 Bienenvölkern.", 4000, "volk"),
])
def test_a_noun_no_list_knows_is_counted_by_its_lemma(text, value, head):
    claim = figures(text)[value]
    assert claim.subject_key.startswith("w:") and claim.extra["head"].endswith(head)


def test_a_figure_counts_its_own_noun_before_a_later_one():
    claim = figures("Das Gesundheitsministerium meldete 1.200 Cholerafälle im Bundesstaat Kassala.")[1200]
    assert claim.subject_key == "people@infected"


@pytest.mark.parametrize("text, value, owner", [
    ("Pjöngjang hat 2.000 Soldaten geschickt.", 2000, "KP"),
    ("Frankreich schickte 300 Feuerwehrleute nach Griechenland.", 300, "FR"),
    ("Spain deployed 1,200 soldiers to the flood zone.", 1200, "ES"),
])
def test_the_owner_is_read_from_the_clause_subject(text, value, owner):
    assert figures(text)[value].extra["owner"] == owner


def test_the_speaker_is_not_the_owner():
    _, claims = nlp.parse_statement("Greece says 300 firefighters were deployed")
    assert claims[0].extra["owner"] is None


@pytest.mark.parametrize("text, expected", [
    ("Der Schaden beläuft sich auf 3 Millionen Euro.", "money:eur"),
    ("Die Reederei meldete einen Verlust von 40 Millionen Dollar.", "money:usd"),
    ("Die Wahlbeteiligung lag bei 61 Prozent.", "percent"),
    ("Die Arbeitslosenquote stieg um 0,4 Prozentpunkte.", "points:percentage_points"),
    ("The fire burned 700 hectares.", "measure:km²"),
    ("Die Temperatur stieg auf 35 Grad.", "measure:°C"),
    ("The strike lasted 12 days.", "duration"),
    ("40 passengers were on the bus.", "count"),
])
def test_every_figure_has_a_kind(text, expected):
    (claim,) = figures(text).values()
    assert kind(claim) == expected


def test_figures_of_different_kinds_never_share_a_frame():
    money = figures("Die Geldstrafe beträgt 40 Millionen Euro.")[40_000_000]
    people = figures("40 Millionen Menschen sind betroffen.")[40_000_000]
    assert kind(money) != kind(people) and not same_frame(money, people)
    assert relate(money, people, similarity=0.9) is None


@pytest.mark.parametrize("text, value", [
    ("300 of the 2,000 job cuts fall on the Bremen site.", 300),
    ("Von den 66 Verletzten sind 12 Kinder, davon 3 Säuglinge.", 3),
    ("Bei dem Brand wurden 66 Menschen verletzt, darunter 12 Feuerwehrleute.", 12),
])
def test_a_part_of_a_whole_is_marked(text, value):
    assert figures(text)[value].extra.get("part")


def test_a_part_is_related_to_its_whole_never_a_conflict():
    part = figures("300 of the 2,000 job cuts fall on the Bremen site.")[300]
    whole = figures("The carmaker will cut 2,000 jobs.")[2000]
    relation = relate(whole, part, similarity=0.8)
    assert relation is not None and relation.relation == "related" and relation.explanation.startswith("Part of")


@pytest.mark.parametrize("a, b, compatible", [
    ("In Catarroja, 300 people were brought to safety by boat.",
     "Die Feuerwehr brachte in Paiporta 300 Bewohner in Sicherheit.", False),
    ("In Catarroja, 300 people were brought to safety by boat.",
     "In Catarroja wurden 300 Menschen in Sicherheit gebracht.", True),
])
def test_a_place_no_gazetteer_knows_is_its_own_place(a, b, compatible):
    x, y = figures(a)[300], figures(b)[300]
    assert x.location_key.startswith("?:")
    assert same_frame(x, y) is compatible


@pytest.mark.parametrize("a, b, expected", [
    # one event that befalls people counts them under any noun
    ("Sieben Männer wurden festgenommen.", "Die Ermittler nahmen sieben Verdächtige fest.", "corroborating"),
    ("Police have arrested 30 people over the thefts.", "Investigators arrested 17 suspects.", "conflicting"),
    # a group among those it befell is related to the whole, not a different count of it
    ("Zwölf Kinder wurden getötet.", "Bei dem Unglück starben 40 Menschen.", "related"),
    ("Three nurses were injured in the blast.", "20 people were injured in the blast.", "related"),
    # another event is another frame, whatever the noun
    ("Sieben Männer wurden festgenommen.", "Sieben Männer wurden verletzt.", None),
    # so does any event people are counted by: vaccinated, on strike, evacuated
    ("Im Landkreis wurden 2.300 Jugendliche gegen Masern geimpft.", "2,300 pupils have been vaccinated.", "corroborating"),
    ("Rund 900 Beschäftigte beteiligten sich am Streik.", "The operator spoke of 400 strikers.", "conflicting"),
])
def test_people_an_event_befell_meet_under_any_noun(a, b, expected):
    x, y = first_figures(a, b)
    relation = relate(x, y, similarity=0.5)
    assert (relation.relation if relation else None) == expected
    if expected == "related":
        assert relation.explanation.startswith("Part of")


@pytest.mark.parametrize("a, b, same", [
    # the words of what is measured meet though the sentences differ in meaning
    ("Talvex bietet 2,8 Milliarden Euro für Brenno.", "Brenno rejected a 2.8 billion euro takeover offer.", True),
    ("The ministry expects savings of 40 million euros a year.", "Analysten schätzen die Einsparungen auf 40 Millionen Euro.", True),
    # different words leave it to the meaning, which here is far apart
    ("The regulator fined the lender 14 million euros.", "Der Umsatz stieg auf 14 Millionen Euro.", False),
])
def test_what_a_generic_figure_measures_is_read_from_its_clause(a, b, same):
    x, y = first_figures(a, b)
    assert x.extra["measured"] and y.extra["measured"]
    assert (relate(x, y, similarity=0.3) is not None) is same


def test_a_rate_per_unit_is_not_a_total():
    claims = figures("Der Konzern bietet 43 Euro je Aktie und damit insgesamt 4,75 Milliarden Euro.")
    per_share, total = claims[43], claims[4_750_000_000]
    assert per_share.extra.get("per") and not total.extra.get("per")
    assert kind(per_share) != kind(total)
    assert relate(per_share, total, similarity=0.9) is None


@pytest.mark.parametrize("text, values", [
    ("The Greens fell 2.4 percentage points to 7.3 percent.", {2.4, 7.3}),
    ("Die Partei verlor 1,5 Prozentpunkte und landete bei 9 Prozent.", {1.5, 9}),
])
def test_figures_of_different_units_joined_by_to_are_not_a_range(text, values):
    assert set(figures(text)) == values


@pytest.mark.parametrize("text, unit_kind", [
    ("Offshore wind farms produced 26 terawatt hours of electricity.", "measure:MWh"),   # energy in its base unit, not power (MW)
    ("Solarparks erzeugten 60 Terawattstunden Strom.", "measure:MWh"),   # energy in its base unit, not power (MW)
])
def test_a_unit_of_several_words_is_read_whole(text, unit_kind):
    (claim,) = figures(text).values()
    assert kind(claim) == unit_kind


@pytest.mark.parametrize("sentence, language, name", [
    # the subject stands before an apposition or a relative clause
    ("Hilfswerk Nordlicht, the region's largest charity, put the number of families at 4,000.", "en", "Hilfswerk Nordlicht"),
    ("Der Wetterdienst Meteona, der die Messungen auswertet, meldete 45 Liter Regen.", "de", "Meteona"),
    # a phrase a preposition governs is not the subject
    ("Talberg Bank on Friday reported net profit of 2 billion euros.", "en", "Talberg Bank"),
    # a phrase a preposition governs before the finite verb is not the subject
    ("Auf der Umleitung um die gesperrte Talbrücke Varsen hat die Polizei 31 Unfälle registriert.", "de", "police"),
    # a name joined by "of" is one name, a place inside it no source of its own
    ("The Federal Office of Ship Safety says the ferry was doing 11 knots.", "en", "Federal Office of Ship Safety"),
    ("The Bank of Sarnland said inflation would fall to 2 percent.", "en", "Bank of Sarnland"),
    # a descriptor before a name is dropped, the name's own words after it are kept
    ("Die Fluglinie Norvenda streicht 450 Stellen, sagte Insolvenzverwalterin Karla Wendt am Montag.", "de",
     "Karla Wendt"),
    ("Der Bäcker schließt drei Filialen, sagte Karla Wendt am Montag.", "de", "Karla Wendt"),
])
def test_the_source_is_the_subject_of_the_reporting_verb(sentence, language, name):
    from service.nlp.attributors import attribute

    found = attribute(sentence, language)
    assert found.attributor is not None and found.attributor.canonical == name


@pytest.mark.parametrize("sentence, body", [
    ("The head of the residents' initiative, Jonas Weber, said at least 60 homes were flooded and accused the "
     "authorities of ignoring warnings.", "authorities"),
    ("The chair of the parents' council, Mara Olsen, said 85 pupils had fallen ill and blamed the police for "
     "the delay.", "police"),
])
def test_a_body_named_after_the_reported_figure_is_part_of_what_was_said(sentence, body):
    from service.nlp.attributors import attribute

    found = attribute(sentence, "en")
    assert found.attributor is not None and found.attributor.canonical != body
    assert sentence.index(found.attributor.text) < sentence.index(" said ")


def test_an_organisation_is_named_by_a_name_ending_in_a_role_noun():
    from service.nlp.entities import organisations

    found = organisations(["Die Talberg Bank legte am Donnerstag ihre Zahlen vor."], "de")
    assert any(o[0] == "Talberg Bank" and o[1] == "company" for o in found)


def test_a_clause_s_own_speaker_is_resolved_within_the_article():
    text = ("Talberg Bank steigert Gewinn\n\nDie Talberg Bank hat am Donnerstag ihre Zahlen vorgelegt. "
            "Nach Angaben der Bank verdiente das Institut 2,1 Milliarden Euro, ein Plus von 9 Prozent.")
    profit = article_figure(text, "de", 2_100_000_000)
    assert profit.attributor.canonical == "Talberg Bank"


@pytest.mark.parametrize("mention, resolved", [
    ("Nach Angaben der Klinik", True),
    ("Nach Angaben des Krankenhauses", True),     # another word for the same kind of body, by the dictionary
    ("Nach Angaben des Klinikums Nord", False),   # a body with a name of its own
])
def test_a_role_noun_is_resolved_to_the_organisation_its_name_ends_in(mention, resolved):
    text = ("Grippe in Falkenau\n\nDie Hallmann Klinik meldet 210 Grippefälle. "
            f"{mention} liegen 14 Patienten auf der Intensivstation.")
    patients = article_figure(text, "de", 14)
    assert (patients.attributor.canonical == "Hallmann Klinik") is resolved


@pytest.mark.parametrize("text, value, key", [
    ("The court handed down a nine-year term.", 9, "days"),              # a duration, counted in days
    ("Sie erhielt eine Strafe von 15 Monaten auf Bewährung.", 15, "days"),
    ("A 40-kilometre stretch of the motorway was closed.", 40, "kilometres"),
])
def test_a_unit_joined_to_the_figure_says_what_it_measures(text, value, key):
    assert figures(text)[value].subject_key == key


def test_an_event_phrase_is_not_one_of_its_words():
    # "left their homes" means evacuated; a count of homes built is not
    assert figures("Builders completed 52,000 homes last year.")[52000].extra.get("event") is None
    assert figures("More than 4,000 people left their homes.")[4000].extra.get("event") == "evacuated"


@pytest.mark.parametrize("a, b, expected", [
    ("Der Maschinenbauer beschäftigt 9.200 Mitarbeiter.", "The group employs 9,200 people.", "corroborating"),
    ("Der Maschinenbauer beschäftigt 9.200 Mitarbeiter.", "9.200 Menschen demonstrierten.", None),
])
def test_people_in_general_and_a_noun_of_people_that_did_the_same(a, b, expected):
    x, y = first_figures(a, b)
    relation = relate(x, y, similarity=0.5)
    assert (relation.relation if relation else None) == expected


@pytest.mark.parametrize("text, rate", [
    ("Je Aktie sollen die Aktionäre 12 Euro erhalten.", True),
    ("The insurer pays 2,000 euros per claim.", True),
    ("The city expects savings of 90 million euros per year.", False),
])
def test_a_rate_is_read_anywhere_in_the_figures_clause_but_not_per_year(text, rate):
    (claim,) = figures(text).values()
    assert bool(claim.extra.get("per")) is rate


def test_a_bare_role_noun_stands_for_the_body_a_compound_names():
    text = ("Neue Karten für Falkenau\n\nDas Landesvermessungsamt hat am Montag neue Karten vorgelegt. "
            "Nach Angaben der Behörde wurden 120 Orte neu vermessen.")
    places = article_figure(text, "de", 120)
    assert places.attributor.canonical == "Landesvermessungsamt"


@pytest.mark.parametrize("text, value, event", [
    # things do not strike or get arrested, whatever event the sentence names
    ("Zum Auftakt des Warnstreiks wurden am Flughafen Talheim 240 Flüge gestrichen.", 240, None),
    ("Im Warnstreik legten 1.800 Beschäftigte die Arbeit nieder.", 1800, "on_strike"),
    # a clause with a verb of its own is not given another clause's event ...
    ("Nach dem Ende des Streiks zog die Bahn Bilanz, rund 40.000 Reisende waren betroffen.", 40000, None),
    # ... unless that clause completes it
    ("Die Behörden forderten 12.000 Menschen auf, ihre Häuser zu verlassen.", 12000, "evacuated"),
])
def test_an_event_befalls_only_what_it_can(text, value, event):
    assert figures(text)[value].extra.get("event") == event


def test_what_follows_a_clause_s_colon_is_what_its_subject_said():
    from service.nlp.attributors import attribute

    sentence = ("Nach dem Ende der Sperrung hat die Schifffahrtsverwaltung Bilanz gezogen: "
                "Insgesamt warteten 320 Schiffe.")
    assert attribute(sentence, "de").attributor.text == "Schifffahrtsverwaltung"


@pytest.mark.parametrize("sentence, name", [
    ("FinMa says it has fined the insurer 3 million francs.", "FinMa"),      # capitals inside the word
    ("Tolvaro said 300 jobs would go.", "Tolvaro"),                           # a word no dictionary knows
])
def test_a_name_the_tagger_took_for_a_common_noun_is_a_source(sentence, name):
    from service.nlp.attributors import attribute

    assert attribute(sentence, "en").attributor.canonical == name


def test_a_bare_role_noun_stands_for_a_body_taught_by_its_acronym():
    text = ("Regulator fines Talberg Bank\n\nFRANKFURT – Germany's Federal Banking Oversight Office (BaFix) has fined "
            "Talberg Bank. The lender paid 12 million euros in fines last year, the regulator said on Tuesday.")
    fine = article_figure(text, "en", 12_000_000)
    assert fine.attributor.canonical == "BaFix"


def test_names_are_not_read_as_compounds():
    from service.nlp.bilingual import english
    from service.nlp.entities import same_name

    assert "vaccination" in english("grippeschutzimpfung", "de", heads=True)   # a compound the dictionary lacks
    assert not same_name("Staatsanwaltschaft Talheim", "de", "Das Landeskriminalamt", "de")


def test_it_in_a_second_clause_measures_what_the_first_did():
    claims = figures("Customs put the street value of the haul at 90 million euros, while police estimated it at "
                     "150 million euros.", "en")
    assert claims[150_000_000].extra["measured"] == claims[90_000_000].extra["measured"] == "~w:value"


def test_an_institution_named_with_its_seat_keeps_the_seat():
    from service.nlp.entities import organisations

    found = organisations(["Das teilte die Staatsanwaltschaft Talheim mit."], "de")
    assert any(o[0] == "Staatsanwaltschaft Talheim" and o[1] == "prosecutors" for o in found)


@pytest.mark.parametrize("text, value, key", [
    ("The organisers spoke of 40,000, while police estimated the crowd at around 25,000.", 25000, "w:crowd"),
    ("Die Polizei schätzte die Menge auf rund 8.000.", 8000, "w:menge"),
    ("Die Zahl der Todesopfer stieg am Freitag auf 205.", 205, "people@killed"),   # a count noun, not the day
])
def test_what_an_estimate_at_a_figure_is_of(text, value, key):
    assert figures(text)[value].subject_key == key


@pytest.mark.parametrize("a, b", [
    ("Zwölf Läufer kamen ins Krankenhaus.", "Twelve runners were taken to hospital."),
])
def test_in_hospital_is_one_state_across_languages(a, b):
    x, y = first_figures(a, b)
    relation = relate(x, y, similarity=0.5)
    assert relation is not None and relation.relation == "corroborating"


def test_a_source_stored_under_its_acronym_meets_its_name_in_the_other_language():
    from service.relations import _same_source

    x = article_figure("Hitze beim Lauf\n\nRund 90 Läufer wurden behandelt. Das teilte das Deutsche Rote Kreuz (DRK) "
                       "am Nachmittag mit.", "de", 90)
    y = article_figure("Heat at the race\n\nThe German Red Cross said on Monday that it had treated 180 runners.",
                       "en", 180)
    assert x.attributor.canonical == "DRK" and _same_source(x, y)


@pytest.mark.parametrize("text", [
    "Rund 40 davon sind Tankschiffe.",
    "Of those, 23 are tankers carrying fuel.",
    "Unter den wartenden Schiffen sind 23 Tanker.",
    "Among the injured were 12 firefighters.",
])
def test_a_part_whose_whole_is_in_the_sentence_before(text):
    (claim,) = figures(text).values()
    assert claim.extra.get("part")


@pytest.mark.parametrize("text", [
    "Streik in Talheim\n\nRund 900 Beschäftigte legten die Arbeit nieder.\n\nLesen Sie auch\n\nHafen: 40 Schiffe warten\n\nFoto: dpa",
    "Strike in Talheim\n\nAbout 900 workers walked out on Monday.\n\nMost read: Ferry fares rise by 12 percent",
    "Strike in Talheim\n\nAbout 900 workers walked out on Monday.\n\nRelated: Port handles 40 ships a day",
])
def test_a_teaser_for_another_story_is_not_a_sentence_of_the_article(text):
    from service.nlp.sentences import article_sentences

    sentences = [s.text for s in article_sentences(text)]
    assert any("900" in s for s in sentences)
    assert not any("40" in s or "12 percent" in s for s in sentences)


@pytest.mark.parametrize("word, name, expected", [
    ("WHO", "World Health Organization", True),
    ("KBA", "Kraftfahrt-Bundesamt", True),
    ("Ukraine", "US government", False),     # a word with one capital is no acronym
])
def test_what_an_acronym_is(word, name, expected):
    from service.nlp.entities import abbreviates

    assert abbreviates(word, name) is expected


@pytest.mark.parametrize("a, b, expected", [
    # a demand or an offer is not a count, nor does it contradict another side's
    ("Die Staatsanwaltschaft hatte neun Jahre Haft gefordert.", "Das Gericht verurteilte ihn zu sieben Jahren Haft.", "related"),
    ("The union demands a 7 percent pay rise.", "The employers have offered a 3 percent pay rise.", "related"),
    ("Für das Bürgerbegehren sind 15.000 Unterschriften nötig.", "Nur 9.000 Unterschriften sind gültig.", "related"),
    # the same side's own offers do contradict each other
    ("Talvex bietet 2,8 Milliarden Euro für Brenno.", "Talvex bietet 3,5 Milliarden Euro für Brenno.", "conflicting"),
    # what was demanded and what was decided do not agree even at the same figure
    ("Die Staatsanwaltschaft hatte sieben Jahre Haft gefordert.", "Er wurde zu sieben Jahren Haft verurteilt.", "related"),
    ("Prosecutors sought a fine of 2 million euros.", "The court imposed a fine of 2 million euros.", "related"),
    # a headline's bare figure may be the demand itself
    ("Verdi fordert 8 Prozent mehr Lohn.", "Verdi: 8 Prozent mehr Lohn", "matching"),
])
def test_what_is_asked_offered_or_needed_is_not_a_count(a, b, expected):
    from service.nlp.model import Attributor

    x, y = first_figures(a, b)
    if "Talvex" in a:
        x.attributor = y.attributor = Attributor("Talvex", "Talvex")
    relation = relate(x, y, similarity=0.7)
    assert relation is not None and relation.relation == expected


@pytest.mark.parametrize("sentence, language, name", [
    ("Mountain rescue teams said 420 residents had been evacuated.", "en", "Mountain rescue teams"),
    ("Die Schäden schätzt das Land Tirol auf mindestens 25 Millionen Euro.", "de", "Land Tirol"),
    ("Experten schätzen den Schaden auf drei Millionen Euro.", "de", "Experten"),
])
def test_a_subject_of_a_reporting_verb_without_a_name_is_named_by_its_words(sentence, language, name):
    from service.nlp.attributors import attribute

    assert attribute(sentence, language).attributor.canonical == name


@pytest.mark.parametrize("sentence", ["It said 40 people had died.", "Die Zahl der Toten stieg auf 40."])
def test_no_source_is_made_of_a_pronoun_or_a_count(sentence):
    from service.nlp.attributors import attribute

    assert attribute(sentence).attributor is None


@pytest.mark.parametrize("text, language, values", [
    ("Police said on Wednesday they had recovered 41 of the coins so far.", "en", {41: True}),
    ("Von den 214 Münzen sind bislang 37 wieder aufgetaucht.", "de", {214: None, 37: True}),
])
def test_a_part_of_a_whole_named_without_its_figure_or_before_it(text, language, values):
    claims = figures(text, language)
    assert {v: claims[v].extra.get("part") for v in values} == values
    assert len({claims[v].subject_key for v in values}) == 1


@pytest.mark.parametrize("sentence, name", [
    ("Das Museum selbst schätzt den Wert der Münzen auf rund 4,1 Millionen Euro.", "Museum"),
    ("Die Staatsanwaltschaft hatte acht Jahre gefordert.", "prosecutors"),
])
def test_the_subject_not_the_object_or_the_figure(sentence, name):
    from service.nlp.attributors import attribute

    assert attribute(sentence, "de").attributor.canonical == name


@pytest.mark.parametrize("a, b, same", [
    ("Wasserschutzpolizei", "water police", True),       # head and a modifier, "Schutz" unsaid
    ("Landespolizei", "Bundespolizei", False),           # the head alone is not enough
])
def test_a_compound_source_name_by_its_head_and_a_modifier(a, b, same):
    from service.nlp.entities import same_name

    assert same_name(a, "de", b, "de" if b[:1].isupper() else "en") is same


@pytest.mark.parametrize("statement, name", [
    ("Coast guard: 140 people were rescued off Dunmore", "Coast guard"),        # any short head before a colon
    ("Deichverband: 3.000 Sandsäcke verbaut", "Deichverband"),
    ("Firefighters have rescued 40 residents from the Korvat tower", "fire service"),   # a body by its kind acts
    ("Die Bürgerinitiative hat 9.000 Unterschriften gesammelt", "Bürgerinitiative"),
    ("Telmora now employs 6,000 people", "Telmora"),                             # an adverb before the verb
    # a plural possessive and a place phrase between the body and its verb
    ("The state growers' association in Varland has raised its estimate to 600 million euros",
     "state growers association"),
])
def test_a_statement_names_its_source_by_a_head_or_its_acting_subject(statement, name):
    _, claims = nlp.parse_statement(statement)
    assert claims[0].attributor is not None and claims[0].attributor.canonical.casefold() == name.casefold()


@pytest.mark.parametrize("statement", [
    "Masern im Kreis Falkenau: 40 Fälle gemeldet",        # a preposition: the topic, not a source
    "Die Elbe stieg in Pirna auf 7 Meter",               # a river that rises acts on nothing
    "The Elbe rose to 23 feet in Pirna",
])
def test_a_topic_or_a_thing_is_no_source(statement):
    _, claims = nlp.parse_statement(statement)
    assert claims[0].attributor is None


@pytest.mark.parametrize("statement, language", [
    ("Vellmar Bank now has 288 branches", "en"),
    ("Jonas Kiprotich won the Sarnau Marathon in 2:05:41", "en"),
    ("Die Vellmar Bank hat 288 Filialen", "de"),
])
def test_a_short_statement_s_language_is_told_by_its_function_words(statement, language):
    assert detect_language(statement) == language


@pytest.mark.parametrize("a, a_lang, b, b_lang, same", [
    ("Imkerbund", "de", "Beekeepers' Association", "en", True),     # two words for one kind of body
    ("airport operator", "en", "Flughafengesellschaft", "de", True),
    ("Bund der Steuerzahler", "de", "Taxpayers' Association", "en", True),
    ("Landesamt", "de", "Bundesamt", "de", False),                   # the qualifying words differ
    ("Gesundheitsamt", "de", "Wahlamt", "de", False),                # the same head, other bodies
    ("health ministry", "en", "Gesundheitsamt", "de", False),        # another kind of body
])
def test_one_body_under_two_words_for_its_kind(a, a_lang, b, b_lang, same):
    from service.nlp.entities import same_name

    assert same_name(a, a_lang, b, b_lang) is same


@pytest.mark.parametrize("text, value, name", [
    # "the company" is the organisation a role noun types, written small in English
    ("Varnet hacked\n\nHackers stole the data of 2 million users from German mobile operator "
     "Varnet, the company said on Thursday.", 2_000_000, "Varnet"),
    # or the name the article keeps coming back to
    ("Korvia recalls cheese\n\nKorvia is recalling its soft cheese. Korvia said 40 tonnes were affected. "
     "The company put the cost at 1.5 million euros.", 1_500_000, "Korvia"),
    # a name before an apposition that says its kind; a name seen "in" is a place, not the company
    ("Kelsburg hacked\n\nServers in Kelsburg were encrypted. Kelsburg said it would not pay. Repairs could take "
     "months, according to the Varnet, the city's IT provider. The cost would be about 5 million euros, the company "
     "said.", 5_000_000, "Varnet"),
    # an apposition written small names the body's kind
    ("Systems down\n\nRepairs could take months, according to the Varnet, the city's IT provider. The cost would "
     "be about 5 million euros, the company said.", 5_000_000, "Varnet"),
    # a bare role noun stands for the body of its kind named last before it, in any case form
    ("Hitze\n\nDer Wetterdienst Meteona warnt vor 38 Grad. Nach Angaben des Gesundheitsamts starben zwei Menschen. "
     "Das Amt zählte 465 stationäre Aufnahmen.", 465, "Gesundheitsamt"),
    # a compound that names an association is the body "der Verband" stands for
    ("Dürre\n\nDer Landesbauernverband rechnet mit Schäden. Der Verband beziffert die Schäden auf 450 Millionen "
     "Euro.", 450_000_000, "Landesbauernverband"),
    # a spokesperson speaks for the body the sentence names
    ("Ammoniak ausgetreten\n\nDas Landesamt spricht von 6 Tonnen Ammoniak. Die Firma Halvex nannte zunächst "
     "1,2 Tonnen. Halvex bleibt bei 1,8 Tonnen, sagte ein Sprecher am Abend.", 1.8, "Halvex"),
    # an organisation acting in its own name
    ("Derby riot\n\nFans fought after the Korsberg derby. Police have arrested 21 people, a court heard.", 21,
     "police"),
    # "has put": an auxiliary between subject and verb; the object is not the source
    ("Launch failed\n\nStart-up Vorana lost its rocket. The company itself has put the value of the lost payload "
     "at 42 million euros.", 42_000_000, "Vorana"),
    # a name before a kind's noun written small names a body where the sentence reports nothing
    ("Bus strike\n\nDrivers stayed at home after the Tavel union called a walkout. Around 800 drivers joined it, "
     "the union said.", 800, "Tavel union"),
    # the kind's own name wins over its last word: the fire brigade is not the ambulance service named later
    ("Brand\n\nIn Kelbra wurden 90 Anwohner in Sicherheit gebracht. Das teilte die Feuerwehr mit. Zwölf wurden vom "
     "Rettungsdienst behandelt.", 90, "fire service"),
    # the town is the town's body, not the town's utility
    ("Gasleck\n\nDie Stadtwerke Marlbach (SWM) sperrten die Leitung. Nach Angaben der Stadt mussten 300 Menschen "
     "ihre Wohnungen verlassen.", 300, "Stadt"),
])
def test_the_source_of_an_article_sentence_is_resolved_to_its_organisation(text, value, name):
    claim = article_figure(text, detect_language(text), value)
    assert claim.attributor.canonical.casefold() == name.casefold()


def test_words_before_a_kind_s_noun_say_which_body_it_is():
    from service.nlp.attributors import attribute

    assert attribute("Water police say 23 people were injured.", "en").attributor.canonical == "Water police"
    # a place's genitive before the body is its seat
    assert attribute("Marlbach's city administration says 300 people left their homes.",
                     "en").attributor.canonical == "Marlbach city administration"


@pytest.mark.parametrize("a, a_lang, b, b_lang, same", [
    ("Marlbach city administration", "en", "Stadt Marlbach", "de", True),
    ("Kelbra health office", "en", "district health office", "en", True),
    # a body's noun is met by a word or a compound's head, not a modifier
    ("Stadt", "de", "Stadtwerke Marlbach", "de", False),
    ("city", "en", "Stadtwerke", "de", False),
    # a territory's own body at one level, with one seat
    ("Stadtverwaltung", "de", "the city", "en", True),
    ("Kreisverwaltung Ostwald", "de", "Ostwald district", "en", True),
    ("the city", "en", "Landkreis Ostwald", "de", False),
    ("Stadt Marlbach", "de", "Kelbra city administration", "en", False),
    # a body with its seat in either language's order, and without it
    ("Marlbach treasury", "en", "Kämmerei", "de", True),
    ("Marlbach treasury", "en", "Kämmerei Marlbach", "de", True),
    ("Marlbach treasury", "en", "Kämmerei Kelbra", "de", False),
])
def test_source_names_of_one_body(a, a_lang, b, b_lang, same):
    from service.nlp.entities import same_name

    assert same_name(a, a_lang, b, b_lang) is same


def test_a_unit_s_word_read_as_a_noun_is_the_unit():
    claim = figures("Growers expect about 90,000 hectolitres of wine this year.", "en")[90_000]
    assert claim.extra["concept"] == "litres"


def test_an_english_genitive_is_a_token_of_its_own():
    tokens = read("Germany’s health ministry says", "en").tokens
    assert [t.text for t in tokens[:2]] == ["Germany", "’s"] and tokens[0].pos == "NP0"


@pytest.mark.parametrize("a, b, related", [
    # the same sum, and a word of its clause in the other language: one frame
    ("Die Erpresser verlangen zwei Millionen Dollar Lösegeld.", "The city will not pay the ransom of 2 million dollars.",
     True),
    ("Die Partie war für 25 Minuten unterbrochen.", "The derby was interrupted for 25 minutes.", True),
    # two words of the clause shared: one frame, whatever the figures
    ("Die Rakete zerbrach 79 Sekunden nach dem Start.", "The rocket broke apart 86 seconds after launch.", True),
    # one word and other figures: nothing says they measure one thing
    ("Die Absperrgitter haben 120.000 Euro gekostet.", "Repairs to the lock will cost about 3.5 million euros.", False),
    # the verbs any figure takes say nothing
    ("Im Lesen kamen sie auf 480 Punkte.", "In Mathe kamen die Jugendlichen auf 475 Punkte.", False),
])
def test_generic_figures_meet_by_the_words_of_their_clauses(a, b, related):
    assert one_frame(a, b, similarity=0.3) is related


@pytest.mark.parametrize("text, value, forecast", [
    ("Around 6 tonnes of ammonia escaped from the Halvex plant.", 6, False),   # German "plant" is "plans"
    ("According to the WSA, 64 vessels were waiting at the lock.", 64, False),  # not "X to do": a headline's future
    ("Beide Häuser haben 640 Betten, künftig sollen es 520 sein.", 640, False),  # the other clause's future
    ("Beide Häuser haben 640 Betten, künftig sollen es nur 520 Betten sein.", 520, True),
    # a plan's own figure is what is decided, compared like a count; a future of a figure's course is expected
    ("Die Stadt plant 300 neue Wohnungen.", 300, False),
    ("The ferry operator has said 12 crossings will be cancelled.", 12, False),
    ("Nach Angaben der Werft würden 400 Stellen wegfallen.", 400, False),
    ("The health office said the number of cases would climb to 900.", 900, True),
    ("Der Verband rechnet damit, dass die Zahl der Mitglieder auf 5.000 steigen wird.", 5000, True),
    ("Die Zahl der Anträge werde auf 700 anwachsen, sagte der Bürgermeister.", 700, True),
])
def test_a_forecast_is_read_in_the_text_s_language_and_the_figure_s_clause(text, value, forecast):
    assert figures(text)[value].forecast is forecast


def test_the_reporting_verb_s_subject_speaks_not_a_body_named_elsewhere():
    from service.nlp.attributors import attribute

    sentence = ("The Maritime Aid Society (MAS), which ran a first-aid post at the pier, put the number of injured "
                "at 40, saying many passengers had not been registered by police.")
    assert attribute(sentence, "en").attributor.canonical == "Maritime Aid Society"


@pytest.mark.parametrize("text, language", [
    ("Versammlung\n\nRund 600 Beschäftigte kamen zur Betriebsversammlung. Laut Verdi waren es sogar 850.", "de"),
    ("Crowd\n\nAbout 600 staff attended the meeting. According to the union, there were as many as 850.", "en"),
])
def test_a_bare_figure_gives_the_count_before_again(text, language):
    before = article_figure(text, language, 600)
    again = article_figure(text, language, 850)
    assert again.subject_key == before.subject_key


@pytest.mark.parametrize("text, measured", [
    ("Der Gewinneinbruch betrug 64 Prozent.", "profit"),            # a change of what the first part names
])
def test_a_compound_measures_its_head_or_the_thing_its_head_changes(text, measured):
    claim = next(iter(figures(text, "de").values()))
    assert claim.extra["measured"] == measured


def test_a_compound_whose_head_is_no_change_does_not_measure_its_first_part():
    claim = next(iter(figures("Der Sieger erhält ein Preisgeld von 50.000 Euro.", "de").values()))
    assert claim.extra["measured"] != "prices"


@pytest.mark.parametrize("a, b, related", [
    # in hospital is a state of its own, also of the injured
    ("Nach dem Busunglück liegen noch sieben Verletzte im Krankenhaus.", "Seven people are still in hospital.", True),
    ("Seven people injured in the blast are still in hospital.", "Sieben Menschen liegen noch im Krankenhaus.", True),
    ("Bei dem Busunglück wurden 40 Menschen verletzt.", "Seven people are still in hospital.", False),
])
def test_in_hospital_is_a_state_of_its_own(a, b, related):
    assert one_frame(a, b, similarity=0.5) is related


@pytest.mark.parametrize("text, language, increment", [
    ("The property tax increase stays at 18 percent.", "en", True),      # a noun names the change
    ("Die Stadt habe ihre Ausgaben um 23 Prozent gesteigert.", "de", True),
    ("Rents saw an 18 percent rise.", "en", True),
    ("Die Inflation stieg auf 2,3 Prozent.", "de", False),                # "auf": the level reached
    ("The unemployment rate is 5 percent.", "en", False),
])
def test_a_figure_that_sizes_a_change_is_an_increment(text, language, increment):
    from service.nlp.numbers import find_quantities

    assert find_quantities(text, language)[0].increment is increment


@pytest.mark.parametrize("a, b, related", [
    # verbs the encoder finds apart, the same figure and another word of the clause shared: one thing
    ("Rund 2.300 Meldungen wurden zu spät abgegeben.", "Around 2,300 reports were filed late.", True),
    # other figures: the verbs decide
    ("Rund 2.300 Meldungen wurden zu spät abgegeben.", "Around 1,700 reports were filed late.", False),
])
def test_the_same_figure_and_clause_words_outweigh_verbs_the_encoder_finds_apart(a, b, related):
    assert one_frame(a, b, similarity=0.5) is related


def test_counts_of_people_under_different_nouns_from_unrelated_stories_are_no_frame():
    heat, troops = first_figures("Gesundheitsamt Falkenau: 310 Menschen wegen der Hitze stationär aufgenommen",
                                 "Der Geheimdienst teilte mit, dass 1.500 Soldaten nach Varland verlegt worden seien.")
    assert relate(heat, troops, similarity=0.1) is None


def test_a_source_stored_by_its_seat_meets_its_body_s_noun():
    from service.nlp import parse_statement

    text = "Mietendeckel\n\nDer Mieterverein Varsen spricht von rund 65.000 Wohnungen."
    stored = article_figure(text, "de", 65_000)
    _, claims = parse_statement("Mieterverein: Rund 65.000 Wohnungen fielen unter den Mietendeckel")
    assert relate(claims[0], stored, similarity=0.6).relation == "matching"


@pytest.mark.parametrize("text, value, event", [
    ("Rund 65.000 Wohnungen fielen unter den Mietendeckel.", 65_000, None),   # homes are not killed
    ("In dem Krieg fielen rund 6.000 Soldaten.", 6_000, "killed"),
])
def test_events_of_the_living_befall_only_the_living(text, value, event):
    assert figures(text, "de")[value].extra["event"] == event


@pytest.mark.parametrize("text, value, event", [
    ("43 people were taken to hospital.", 43, "hospitalised"),        # admissions add up
    ("Sieben Menschen liegen noch im Krankenhaus.", 7, "in_hospital"),   # a state of the day
    ("Vier Patienten werden auf der Intensivstation behandelt.", 4, "in_intensive_care"),
])
def test_admitted_in_hospital_and_in_intensive_care_are_three_counts(text, value, event):
    assert figures(text)[value].extra["event"] == event


@pytest.mark.parametrize("text, language, value, source", [
    # a cue noun other than "Angaben" names the source; a bare role noun is the article's body of that kind,
    # also the one an acronym was taught for, whose kind is said by any word of its name
    ("Personalnot in Selmar\n\nDie Gewerkschaft Handel und Dienste (GHD) hat ihre Mitglieder befragt. "
     "Nach Schätzung der Gewerkschaft fehlen 900 Verkäuferinnen.", "de", 900, "GHD"),
    # "nach Unternehmensangaben": the company the article names, else the name acting in the sentence
    ("Stellenabbau bei Tarvik\n\nDer Möbelhersteller Tarvik streicht 300 Stellen. "
     "Nach Unternehmensangaben sind 40 Auszubildende betroffen.", "de", 40, "Tarvik"),
    ("Paketflut\n\nNorvela hat nach Unternehmensangaben 5.000 Pakete ausgeliefert.", "de", 5000, "Norvela"),
    # "Das geht aus einer Umfrage der X hervor": the sentence before is X's, though this one has a figure too
    ("Kitas in Lorbach\n\nIn Lorbach fehlen 120 Erzieherinnen. Das geht aus einer Umfrage des Elternbeirats "
     "hervor, an der sich 48 Kitas beteiligten.", "de", 120, "Elternbeirat"),
    # a weekday before "the company" is no company
    ("Flights cut\n\nNorvik, the regional airline, cancelled 40 flights on Tuesday, the company said.", "en", 40,
     "Norvik"),
    # a noun before the kind's word says which body of the kind ("Mountain rescuers", not any rescuers)
    ("Avalanche\n\nMountain rescuers said 6 skiers were buried.", "en", 6, "Mountain rescuers"),
])
def test_sources_named_by_cue_nouns_compounds_and_the_next_sentence(text, language, value, source):
    assert article_figure(text, language, value).attributor.canonical == source


@pytest.mark.parametrize("a, b, same", [
    ("Landesfischereiverband", "state fisheries association", True),   # a compound by each of its parts
    ("Landesfischereiverband", "fisheries association", False),        # "Landes" says which body
    ("Gesundheitsministerium", "health ministry", True),               # a ministry is a body of its own name
])
def test_compound_body_names_meet_their_translation(a, b, same):
    from service.nlp.entities import same_name

    assert same_name(a, "de", b, "en") is same


@pytest.mark.parametrize("text, increment", [
    ("Demand for the syrup is up 35 percent on last year.", True),
    ("Bookings are down 20 percent.", True),
    ("Rents in the city rose 4.2 percent last year.", True),
    ("Die Aktie schoss um 23 Prozent nach oben.", True),
    ("Turnout rose to 61 percent.", False),           # the new level, not the change
    ("The jobless rate is 6 percent.", False),
    ("Die Seltra-Aktie legte im frühen Handel um 22 Prozent zu.", True),   # a separable verb: "um" says it
    ("Orfalimab cut severe attacks by 41 percent.", True),
    ("Die Wahlbeteiligung lag um die 60 Prozent.", False),                  # "um die": about, not by
])
def test_a_percent_figure_that_sizes_a_change_is_an_increment(text, increment):
    assert next(iter(figures(text).values())).quantity.increment is increment


def test_durations_compare_across_units():
    two_years, eighteen_months, twenty_four = first_figures(
        "Die Sanierung der Brücke dauert zwei Jahre.", "Die Sanierung der Brücke dauert 18 Monate.",
        "Die Sanierung der Brücke dauert 24 Monate.")
    assert kind(two_years) == kind(eighteen_months) == "duration"
    assert relate(two_years, eighteen_months, similarity=0.8).relation == "conflicting"
    assert relate(two_years, twenty_four, similarity=0.8).relation in ("matching", "corroborating")


@pytest.mark.parametrize("a, b, agree", [
    # a unit's prefix is a factor like any other: power and energy compare in one base unit
    ("Der Windpark hat eine Leistung von 1,2 Gigawatt.", "The wind farm has a capacity of 1,200 megawatts.", True),
    ("Der Windpark hat eine Leistung von 1,2 Gigawatt.", "The wind farm has a capacity of 1,200 kilowatts.", False),
    ("Das Werk verbrauchte 2 Terawattstunden Strom.", "The plant used 2,000 gigawatt hours of electricity.", True),
])
def test_power_and_energy_compare_across_prefixes(a, b, agree):
    x, y = first_figures(a, b)
    relation = relate(x, y, similarity=0.8)
    assert (relation is not None and relation.relation in ("matching", "corroborating")) is agree
    if not agree:
        assert relation is not None and relation.relation == "conflicting"


def test_time_still_to_come_is_a_span_like_any_other():
    more, still = first_figures("The shortage will last at least eight more weeks.",
                                "Der Engpass wird noch mindestens acht Wochen dauern.")
    assert relate(more, still, similarity=0.7).relation in ("matching", "corroborating")


def test_a_share_that_a_group_makes_up_is_a_total():
    assert next(iter(figures("Career changers now make up 38 percent of new hires.").values())).quantity.increment is False


def test_a_noun_after_to_says_what_was_damaged_not_what_is_measured():
    claim = next(iter(figures("The association puts the damage to fish stocks at around 500,000 euros.").values()))
    assert claim.extra["measured"] == "damage"


@pytest.mark.parametrize("text, value, key", [
    ("Six of the water board's 40 wells remain switched off.", 6, "w:well"),   # the whole's noun, past a possessive
    ("Velmar suspended 12 of its 38 routes.", 12, "w:route"),
])
def test_a_part_counts_the_noun_of_its_whole(text, value, key):
    assert figures(text)[value].subject_key == key


def test_the_whole_a_part_is_counted_of_does_not_contradict_another_part():
    whole = figures("Six of the water board's 40 wells remain switched off.")[40]
    part, same, more = first_figures("Six wells have been shut down.", "The water board has 40 wells.",
                                     "The water board has 55 wells.")
    assert relate(part, whole, similarity=0.7).relation == "related"
    assert relate(same, whole, similarity=0.7).relation in ("matching", "corroborating")
    assert relate(more, whole, similarity=0.7).relation == "conflicting"


@pytest.mark.parametrize("sentence, body", [
    ("Die Lücke betrage weiterhin gut 45 Millionen Euro, erklärte BdSt-Landeschef Koll.", "BdSt"),
    ("Geprüft seien etwa 14.000 Unterschriften, sagte Wahlamtsleiter Peter Sommer.", "Wahlamt"),
    ("Es fehlen 300 Lehrkräfte, sagte die GEW-Kreisvorsitzende Hanna Lüders.", "GEW"),
    ("Es fehlen 300 Lehrkräfte, sagte Hanna Lüders.", "Hanna Lüders"),   # no title: the person
])
def test_an_official_speaks_for_the_body_the_title_names(sentence, body):
    claim = article_figure("Bericht\n\n" + sentence, "de", next(iter(figures(sentence, "de"))))
    assert claim.attributor.canonical == body


@pytest.mark.parametrize("a, b, same", [
    # the same distinct figure in sentences of some likeness: the same bound, or several significant digits
    ("Laut Anklage waren die Einbrecher weniger als acht Minuten im Museum.",
     "According to the indictment, the men spent less than eight minutes inside the building.", True),
    ("Für das gesamte Kreisgebiet gilt eine Stallpflicht von mindestens 30 Tagen.",
     "Poultry in the district must be kept indoors for at least 30 days.", True),
    # a round exact figure alone says little: a prize and a budget overrun
    ("Der Sieger erhält ein Preisgeld von 50.000 Euro.", "Die Stadt zahlt 50.000 Euro für die Absperrungen.", False),
])
def test_a_distinct_same_figure_joins_sentences_of_some_likeness(a, b, same):
    from service.encoder import embed

    va, vb = embed([a, b])
    assert one_frame(a, b, float(va @ vb)) is same


def test_a_figure_revised_in_the_same_sentence_is_the_earlier_one():
    claims = figures("The management has raised the number of job cuts from 180 to 240.")
    assert claims[180].extra.get("revised_to") == 240 and "revised_to" not in claims[240].extra
    assert claims[180].subject_key == claims[240].subject_key == "jobs@laid_off"   # "job cuts" count jobs
    statement = first_figures("Bei der Fusion fallen 240 Stellen weg.")[0]
    assert relate(statement, claims[180], similarity=0.7).relation == "related"


@pytest.mark.parametrize("a, a_lang, b, b_lang, same", [
    ("Veterinäramt Ostwiesen", "de", "district veterinary office", "en", True),   # a body and its seat
    ("Staatsanwaltschaft Brakenfeld", "de", "Staatsanwaltschaft Ostringen", "de", False),   # two seats
])
def test_a_body_named_with_its_seat(a, a_lang, b, b_lang, same):
    from service.nlp.entities import same_name

    assert same_name(a, a_lang, b, b_lang) is same


def test_a_bare_noun_stands_for_the_source_just_before_whose_name_ends_in_it():
    text = ("Bird flu\n\nBird flu has been confirmed at seven farms, the district veterinary office said. "
            "The Friedrich Loeffler Institute, the federal research institute, warned of more cases. "
            "Some 240,000 birds have been culled so far, the office said.")
    assert article_figure(text, "en", 240000).attributor.canonical == "district veterinary office"


def test_unknown_compounds_are_compared_as_whole_words_too():
    # the heads alone ("Mittel", "Medikament") are far apart; the words are translations of each other
    assert one_frame("Das Institut zählt 400 knappe Medikamente.", "Auf der Liste stehen nun 510 Arzneimittel.", 0.5)


@pytest.mark.parametrize("word, parts", [
    ("Apotheken", ()),                                  # a word of its own, not Apo + Theke
    ("Kreiskrankenhaus", ("kreis", "krank", "haus")),   # the linking "en" belongs to no part
    ("Grippefälle", ("grippe", "fall")),
])
def test_compound_parts(word, parts):
    from service.nlp.reading import _parts

    assert _parts("de", word, "NN") == parts


@pytest.mark.parametrize("a, b, same", [
    ("Landwirtschaftsministerium", "agriculture ministry", True),   # the linking "s" left out
    ("Landesamt", "state office", True),
    ("Landwirtschaftsministerium", "health ministry", False),
    ("Agrarministerium", "agriculture ministry", True),   # a modifier no entry has alone, read from its compounds
    ("Agrarministerium", "transport ministry", False),
])
def test_ministries_and_offices_meet_their_translation(a, b, same):
    from service.nlp.entities import same_name

    assert same_name(a, "de", b, "en") is same


def test_a_count_noun_before_the_figure_takes_the_sentence_befores_thing_not_a_word_of_the_source():
    text = ("Rent cap\n\nThe cap covered 52,000 flats, according to the city. The tenants' association puts the "
            "number at around 65,000 and estimates that tenants could face demands of up to 40 million euros.")
    assert article_figure(text, "en", 65000).subject_key == article_figure(text, "en", 52000).subject_key


def test_a_round_figure_in_another_unit_is_no_distinct_figure():
    # eight years are 2,922 days: the figure as written says how distinct it is
    assert not one_frame("Der Haupttäter wurde zu acht Jahren Haft verurteilt.",
                         "Die Staatsanwaltschaft hatte acht Jahre gefordert.", 0.46)


@pytest.mark.parametrize("word, split", [
    ("Schifffahrtsamt", ("schifffahrt", "amt")),   # the linking s after "-fahrt", not "Samt"
    ("Kanalstraßen", ("kanal", "strassen")),       # a plural head, not "Kanals" + "Trassen"
])
def test_a_compound_the_dictionary_lacks_is_split_at_its_linking_s_and_plural_heads(word, split):
    from service.nlp.bilingual import compound_split

    assert compound_split(word) == split


def test_words_with_sharp_s_are_found_in_the_dictionary():
    from service.nlp.bilingual import english

    assert "navigable waterway" in english("Wasserstraße", "de")


@pytest.mark.parametrize("sentence, source", [
    ("Brennfeld hat nach eigenen Angaben 1,8 Millionen Euro investiert.", "Brennfeld"),
    ("Eine Verbraucherzentrale hat nach eigenen Angaben 2.700 Beschwerden erhalten.", "Verbraucherzentrale"),
])
def test_by_its_own_account_the_subject_speaks_whatever_noun_names_it(sentence, source):
    from service.nlp.attributors import attribute

    assert attribute(sentence, "de").attributor.canonical == source


def test_a_taught_acronym_keeps_its_name_for_a_bare_role_noun_and_meets_its_translation():
    from service.nlp.entities import same_name, taught_acronyms

    taught = taught_acronyms(["Nach Angaben des Wasserstraßen- und Schifffahrtsamts (WSA) warten 46 Schiffe."])
    assert taught == {"WSA": "Wasserstraßen- und Schifffahrtsamts"}
    assert same_name("waterways office", "en", taught["WSA"], "de")
    claim = article_figure("Schleuse\n\nNach Angaben des Wasserstraßen- und Schifffahrtsamts (WSA) warten 46 "
                           "Schiffe. Die Kosten schätzt das Amt auf rund 3,5 Millionen Euro.", "de", 3500000)
    assert claim.attributor.canonical == "WSA" and "Schifffahrtsamt" in claim.attributor.text


def test_a_bare_authority_is_the_public_body_named_before():
    claim = article_figure("Anklage\n\nDie Staatsanwaltschaft Ostwalde hat Anklage gegen neun der 17 Festgenommenen "
                           "erhoben. Das teilte die Behörde am Montag mit.", "de", 9)
    assert claim.attributor.canonical == "Staatsanwaltschaft Ostwalde"


@pytest.mark.parametrize("text, language, value", [
    ("Asthma\n\nBut a re-analysis by the Institute for Quality and Efficiency in Health Care (IQWiG), presented on "
     "Tuesday, put the reduction at 29 percent.", "en", 29),
    ("Asthma\n\nDas Institut für Qualität und Wirtschaftlichkeit im Gesundheitswesen (IQWiG) bleibt bei seiner "
     "Einschätzung von 29 Prozent.", "de", 29),
])
def test_a_body_taught_by_its_acronym_speaks_under_it(text, language, value):
    # a name joined by "in" is one name; a body acting under the name its sentence teaches speaks for itself
    assert article_figure(text, language, value).attributor.canonical == "IQWiG"


def test_a_count_noun_before_a_comma_says_what_the_figure_counts():
    claim = figures("The association put the number of heat admissions considerably higher, at around 420.")[420]
    assert claim.subject_key == "people@hospitalised"   # admissions count people taken into hospital
    treatments = figures("Die Sanitäter zählten 120 Behandlungen.")[120]
    assert treatments.subject_key != claim.subject_key    # treatments are not admissions


@pytest.mark.parametrize("text, language, found", [
    ("Die Bürgerbüros bleiben mindestens eine Woche geschlossen.", "de", 1.0),
    ("The offices will stay closed for at least a week.", "en", 1.0),
    ("Once a week the market opens.", "en", None),    # how often, not how long
    ("Es gab einen Toten.", "de", None),               # only units of time
])
def test_an_article_before_a_unit_of_time_is_one_of_it(text, language, found):
    from service.nlp.numbers import find_quantities

    values = [q.value for q in find_quantities(text, language)]
    assert values == ([found] if found else [])


def test_falling_ill_is_an_infection():
    said, stored = first_figures("Only 20 people have fallen ill in the outbreak.",
                                 "Das Gesundheitsamt zählte am Montag 68 Erkrankte.")
    assert said.subject_key == stored.subject_key == "people@infected"


def test_a_taught_expansion_starts_after_its_article_in_the_nominative():
    from service.nlp.entities import same_name, taught_acronyms

    taught = taught_acronyms(["Nach Angaben des Landesamts für Lebensmittelsicherheit (LALS) wurde der Käse verkauft."])
    assert taught == {"LALS": "Landesamt für Lebensmittelsicherheit"}
    assert same_name("State Office for Food Safety", "en", taught["LALS"], "de")


@pytest.mark.parametrize("statement, source", [
    ("Kämmerei Norderbrück: Das Haushaltsloch beträgt 31 Millionen Euro", "Kämmerei Norderbrück"),
    ("Gesundheitsamt Hallstedt: 310 Menschen wurden aufgenommen", "Gesundheitsamt Hallstedt"),
])
def test_an_institution_with_its_seat_is_the_institution_not_the_town(statement, source):
    from service.relations import _same_names

    claim = nlp.parse_statement(statement)[1][0]
    assert claim.attributor.canonical == source
    assert _same_names(source, source, "de", source.split()[0], source.split()[0], "de")   # meets the bare body


@pytest.mark.parametrize("word, place", [("Hallstedt", True), ("Norderbrück", True), ("Ostwiesen", True),
                                         ("Meteona", False), ("Telvio", False)])
def test_german_place_names_by_their_ending(word, place):
    from service.nlp.entities import toponym_like

    assert toponym_like(word) is place


@pytest.mark.parametrize("sentence, source", [
    ("Kessing's own traffic count found 26,000 vehicles a day in the town centre.", "Kessing"),
    ("The ministry's latest survey found 300 vacancies.", "ministry"),
    ("The company's shares fell 7 percent.", None),    # shares are no report
])
def test_the_owner_of_a_report_heading_the_sentence_speaks(sentence, source):
    from service.nlp.attributors import attribute

    found = attribute(sentence, "en").attributor
    assert (found.canonical if found else None) == source


@pytest.mark.parametrize("text, value, key", [
    ("Verdi: about 150 Velmar drivers have quit.", 150, "w:driver"),        # a name before the counted noun
    ("Some 700 of Westmark's 1,150 pharmacies have run out of syrup.", 700, "companies"),   # of a place's whole
])
def test_counted_nouns_past_names(text, value, key):
    assert figures(text, "en")[value].subject_key == key


@pytest.mark.parametrize("text, language", [
    ("Spill\n\nThe State Office for the Environment (LfU) stands by its estimate of at least 8,000 litres.", "en"),
    ("Spill\n\nDas Landesamt für Umwelt (LfU) geht von mindestens 8.000 Litern aus.", "de"),
])
def test_a_body_taught_in_its_own_sentence_speaks_under_its_acronym_with_its_name(text, language):
    claim = article_figure(text, language, 8000)
    assert claim.attributor.canonical == "LfU"
    assert "Umwelt" in claim.attributor.text or "Environment" in claim.attributor.text


def test_a_total_beside_a_rate_is_a_total():
    claims = figures("Der Konzern bietet nun 43 Euro je Aktie, insgesamt rund 4,75 Milliarden Euro.", "de")
    assert claims[43].extra.get("per") and not claims[4750000000].extra.get("per")


def test_a_figure_said_only_by_its_speaker_measures_what_the_articles_last_figure_of_its_kind_measured():
    text = ("Dürre\n\nDen Schaden schätzt das Ministerium inzwischen auf 320 Millionen Euro. "
            "Der Landesbauernverband bleibt bei 600 Millionen Euro.")
    assert article_figure(text, "de", 600000000).extra["measured"] == article_figure(text, "de", 320000000).extra[
        "measured"] == "damage"


def test_a_ministry_of_a_land_acts_and_the_bare_ministry_is_it():
    text = ("Dürrehilfe\n\nDas Agrarministerium des Elmlands stockt die Dürrehilfe auf 150 Millionen Euro auf. "
            "Bis Dienstag hätten 4.200 Betriebe Hilfe beantragt, teilte das Ministerium mit.")
    assert article_figure(text, "de", 150000000).attributor.canonical == "Agrarministerium"
    assert article_figure(text, "de", 4200).attributor.canonical == "Agrarministerium"


def test_a_restated_percentage_is_a_change_as_the_articles_last_one_was():
    text = ("Studie\n\nDas Mittel senkte die Zahl schwerer Anfälle um 41 Prozent. Orfanis hält an 41 Prozent fest.")
    claims = article_claims(text, "de", publisher="P")
    assert [c.quantity.increment for c in claims] == [True, True]


@pytest.mark.parametrize("text, value, key", [
    ("Tick-borne encephalitis cases have risen to 142.", 142, "people@infected"),   # the change's subject
    ("The death toll has risen to 31.", 31, "people@killed"),
    ("Prices in the city rose to 8 euros.", 8, "money_eur"),                         # a unit says it first
])
def test_the_subject_of_a_change_to_a_figure_is_what_it_counts(text, value, key):
    assert figures(text, "en")[value].subject_key == key


@pytest.mark.parametrize("text, value, key", [
    ("35 container ships are waiting for a berth.", 35, "ships"),      # the head of the noun run counts
    ("Der Zug hatte 45 Minuten Verspätung.", 45, "days"),              # a unit before the head is what it is
    ("Offshore wind farms produced 26 terawatt hours of electricity.", 26, "energy"),   # a unit of two words
])
def test_the_head_of_a_noun_run_counts(text, value, key):
    assert figures(text, "en")[value].extra["concept"] == key


@pytest.mark.parametrize("sentence, language, source", [
    ("The damage is estimated at over 2 million euros.", "en", None),    # the passive's subject is what is said
    ("Der Schaden wird auf mehr als 2 Millionen Euro geschätzt.", "de", None),
    ("The figure was reported by the health ministry.", "en", "health ministry"),   # its agent says who
    ("Die Zahl wurde vom Ministerium gemeldet.", "de", "Ministerium"),
])
def test_a_passive_reporting_verb_names_its_agent_not_its_subject(sentence, language, source):
    from service.nlp.attributors import attribute

    found = attribute(sentence, language).attributor
    assert (found.canonical if found else None) == source


def test_a_bare_figure_another_source_speaks_of_counts_what_the_clause_before_counted():
    claims = figures("Laut Veranstalter kamen 45.000 Besucher, die Polizei sprach von 30.000.", "de")
    assert claims[30000].subject_key == claims[45000].subject_key
    assert claims[30000].attributor.canonical == "police"


@pytest.mark.parametrize("text, language, values", [
    ("Sales fell 12 percent to 4,800.", "en", [12.0, 4800.0]),   # a change and a level, no range
    ("The incidence rose to 48.3.", "en", [48.3]),       # a decimal ending an English sentence is no date
    ("Am 24.10. kamen 300 Menschen.", "de", [300.0]),      # a German day and month are
    ("The rate rose to 48.13.", "en", [48.13]),
])
def test_decimals_and_dates_with_dots(text, language, values):
    from service.nlp.numbers import find_quantities

    assert [q.value for q in find_quantities(text, language)] == values


@pytest.mark.parametrize("sentence, language, name", [
    # a cue's noun phrase goes on past a small joining word
    ("Nach Angaben der Stiftung für Denkmalschutz sind 40 Kirchen beschädigt.", "de", "Stiftung für Denkmalschutz"),
    # after a body's noun, a capitalised noun that follows its name is part of it
    ("Die Gewerkschaft IG Chemie meldete 400 Streikende.", "de", "IG Chemie"),
    # an English capitalised word no English dictionary knows is a name, though the tagger could not class it
    ("The IG Papier union said 400 workers were on strike.", "en", "IG Papier union"),
    # "Das" as an article opens the subject, not an inversion: the court speaks, not the one it sentenced
    ("Das Amtsgericht Kelbra verurteilte den Fahrer zu 3.000 Euro Geldstrafe.", "de", "Amtsgericht Kelbra"),
    # after a cue any noun names the source, whether a list knows it or not
    ("Laut seiner Anwältin hat der Mann 12 Taten gestanden.", "de", "Anwältin"),
])
def test_sources_no_list_knows_are_named_whole(sentence, language, name):
    from service.nlp.attributors import attribute

    assert attribute(sentence, language).attributor.canonical == name


def test_a_figure_with_digit_groups_ends_its_sentence_an_ordinal_does_not():
    from service.nlp.sentences import split_sentences

    text = "Der Verband bleibt bei 2.500. Laut Polizei waren es 1.800. Am 3. Oktober kamen 12."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Der Verband bleibt bei 2.500.", "Laut Polizei waren es 1.800.", "Am 3. Oktober kamen 12."]


def test_a_source_that_keeps_to_its_figure_restates_the_count_before():
    claims = article_claims(
        "Streik bei Brolin\n\nDie Gewerkschaft zählt 4.200 Streikende bei Brolin. Der Arbeitgeberverband bleibt bei 2.900.",
        "de")
    assert [c.quantity.value for c in claims] == [4200, 2900]
    assert claims[0].subject_key == claims[1].subject_key
    assert claims[1].attributor.canonical == "Arbeitgeberverband"


@pytest.mark.parametrize("other, expected", [
    ("Mehr als 2.000 Mitarbeiter sind betroffen.", "conflicting"),   # not the whole: another count of the part
    ("Das Werk hat 5.000 Mitarbeiter.", "related"),                  # the whole the part is counted of
    ("Das Werk hat inzwischen 6.000 Mitarbeiter.", "related"),       # a larger count of the whole
])
def test_a_part_whose_whole_is_stated_is_a_part_of_that_whole_only(other, expected):
    part = figures("Betroffen sind 1.200 der 5.000 Mitarbeiter.", "de")[1200]
    statement = next(iter(figures(other, "de").values()))
    assert relate(statement, part, similarity=0.6).relation == expected


def test_the_story_s_company_is_named_in_its_compounds_and_is_no_other_body():
    claims = article_claims(
        "Sparkurs bei Tolvane\n\nDie Gewerkschaft IG Chemie kritisiert die Pläne der Tolvane-Führung. Tolvane streicht "
        "Stellen. Laut IG Chemie sind 500 betroffen. Das Unternehmen will 300 Stellen abbauen.", "de")
    assert [(c.quantity.value, c.attributor.canonical) for c in claims][-1] == (300, "Tolvane")


def test_a_person_named_with_a_title_meets_the_title_alone():
    from service.relations import _same_names

    assert _same_names("Verteidigerin", "Verteidigerin", "de", "Jana Roth", "Defence lawyer Jana Roth", "en")
    assert not _same_names("Staatsanwältin", "Staatsanwältin", "de", "Jana Roth", "Defence lawyer Jana Roth", "en")


def test_a_clause_without_a_verb_shares_the_demand_of_the_clause_before():
    claims = figures("Die Anklage forderte drei Jahre Haft, die Verteidigung zwei Jahre auf Bewährung.", "de")
    assert claims[3].extra.get("target") and claims[2].extra.get("target")


@pytest.mark.parametrize("text, values", [
    ("Die Anklage forderte fünfeinhalb Jahre.", [5.5]),
    ("Ein Drittel der Schulen.", []),     # a fraction alone is no figure
])
def test_a_number_word_with_a_half(text, values):
    from service.nlp.numbers import find_quantities

    assert [q.value for q in find_quantities(text, "de")] == values


def test_a_headline_s_subject_does_what_its_infinitive_says():
    _, claims = nlp.parse_statement("Velmar Werke to build 40 new homes")
    assert claims[0].attributor.canonical == "Velmar Werke"


@pytest.mark.parametrize("text, value, event", [
    ("The defendant has admitted 61 of the cases.", 61, "infected"),  # a confession, no hospital (cases stay cases)
    ("Twelve people were admitted to hospital.", 12, "hospitalised"),
])
def test_admitted_is_a_hospital_admission_only_as_one(text, value, event):
    assert figures(text, "en")[value].extra.get("event") == event


def test_a_compound_whose_head_is_the_unit_measures_its_modifier():
    assert figures("Das Gericht hat zwölf Verhandlungstage angesetzt.", "de")[12].extra.get("measured") == "~w:verhandlung"


def test_the_sides_of_a_tally_meet_only_the_same_side_of_another():
    german = figures("Der Antrag wurde mit 31 zu 19 Stimmen angenommen.", "de")
    english = figures("The motion passed by 31 votes to 19.", "en")
    assert (german[31].extra.get("tally"), german[19].extra.get("tally")) == (1, 2)
    assert relate(english[31], german[31], similarity=0.7).relation == "corroborating"
    assert relate(english[31], german[19], similarity=0.7) is None
    count = figures("Es gab 289 ungültige Stimmen.", "de")[289]
    assert relate(count, german[31], similarity=0.7) is None   # a side of a vote is no count of ballots


@pytest.mark.parametrize("text, language", [
    ("The share price fell by 31 to 19 euros.", "en"),   # a change and its new level
    ("Cases rose from 180 to 240.", "en"),               # a revision
])
def test_figures_joined_by_to_that_are_no_tally(text, language):
    assert not any(c.extra.get("tally") for c in figures(text, language).values())


@pytest.mark.parametrize("sentence", [
    "Dengue fever is far more common: the institute estimates 900 infections this season.",
    "Hantavirus is far more common: the institute estimates 900 infections this season.",
])
def test_a_colon_after_a_clause_without_a_content_verb_names_no_source(sentence):
    from service.nlp.attributors import attribute

    assert attribute(sentence, "en").attributor.canonical == "institute"


@pytest.mark.parametrize("a, b", [
    ("Seven patients needed hospital treatment.", "Sieben Patienten wurden im Krankenhaus behandelt."),
    ("Around 60 patients have been diagnosed with the disease.", "Rund 60 Menschen sind erkrankt."),
])
def test_states_of_patients_across_languages(a, b):
    x, y = first_figures(a, b)
    assert x.extra.get("event") and x.extra.get("event") == y.extra.get("event")


@pytest.mark.parametrize("sentence, language, name", [
    # a spokesperson speaks for the body named after them
    ("Das teilte eine Sprecherin des Umweltministeriums am Dienstag mit.", "de", "Umweltministerium"),
    ("So ein Sprecher der Deutschen Bahn, 300 Züge fielen aus.", "de", "Deutsche Bahn"),
    ("Ein Sprecher des Klinikums sagte, 14 Patienten lägen auf der Intensivstation.", "de", "Klinikum"),
    # a vague report names the body it comes from
    ("Aus dem Innenministerium hieß es, 40 Beamte seien im Einsatz.", "de", "Innenministerium"),
    # (a company's descriptor aside, as "Der Autohersteller Vanta" is Vanta)
    ("In einer Mitteilung der Stadtwerke Kelbra hieß es, 3.000 Haushalte seien ohne Strom.", "de", "Kelbra"),
    # a report noun and a participle before the body
    ("Data published by the transport authority show 1.2 million passengers.", "en", "transport authority"),
])
def test_the_body_a_spokesperson_or_a_report_speaks_for(sentence, language, name):
    from service.nlp.attributors import attribute

    assert attribute(sentence, language).attributor.canonical == name


@pytest.mark.parametrize("a, b, same", [
    (("Klinikum Kelbra", "Klinikum Kelbra", "de"), ("Kelbra hospital", "Kelbra hospital", "en"), True),
    (("Klinikum Kelbra", "Klinikum Kelbra", "de"), ("Halden hospital", "Halden hospital", "en"), False),  # two seats
    # a body stored by its kind is named in English: the union is no employers' association
    (("union", "Betriebsrat", "de"), ("employers association", "The employers' association", "en"), False),
    (("union", "Betriebsrat", "de"), ("union", "The works council", "en"), True),
])
def test_bodies_of_two_seats_or_two_kinds_are_two_sources(a, b, same):
    from service.relations import _same_names

    assert _same_names(a[0], a[1], a[2], b[0], b[1], b[2]) is same


@pytest.mark.parametrize("text, value, event", [
    ("1,200 homes were left without water.", 1200, None),              # not "left their homes"
    ("About 300 residents had to leave their homes.", 300, "evacuated"),
    ("30 patients were treated at the clinic.", 30, "in_hospital"),
])
def test_an_english_event_phrase_is_read_in_its_order(text, value, event):
    assert figures(text, "en")[value].extra.get("event") == event


@pytest.mark.parametrize("a, b, related", [
    # two names for one thing beside the same distinct figure, in sentences alike
    ("Storm losses for insurers are estimated at 2.7 billion euros.", "Die Sturmschäden summieren sich auf 2,7 Milliarden Euro.", True),
    # a round figure says too little to join two named things
    ("The repair costs come to 2 million euros.", "The damage amounts to 2 million euros.", False),
])
def test_measured_things_named_apart_beside_the_same_distinct_figure(a, b, related):
    from service.encoder import embed

    x, y = first_figures(a, b)
    va, vb = embed([a, b])
    assert (relate(x, y, similarity=float(va @ vb)) is not None) is related


@pytest.mark.parametrize("sentence, name", [
    # a reporting clause closing the sentence names who says it all, not the subject of what is said
    ("Clinics in Kelbra have admitted 90 people since Monday, the district health office said.", "district health office"),
    ("Police arrested 12 people, the ministry said.", "ministry"),
    # a closing verb the tagger reads as a plural noun
    ("Repairs to the dam will cost about 2 million euros, the water board estimates", "water board"),
])
def test_a_closing_reporting_clause_names_the_speaker(sentence, name):
    from service.nlp.attributors import attribute

    assert attribute(sentence, "en").attributor.canonical == name


def test_hospitals_that_admitted_people_count_admissions():
    assert figures("Clinics in Kelbra have admitted 90 people since Monday.", "en")[90].extra.get("event") == "hospitalised"


def test_a_town_is_no_body_and_the_authority_is_the_body_named_before():
    claims = article_claims(
        "Ermittlungen in Kelbstadt\n\nDie Staatsanwaltschaft Kelbstadt ermittelt gegen einen Arzt. Betroffen sind nach "
        "Angaben der Behörde 40 Patienten. Die Landesärztekammer (LÄK) prüft den Fall.", "de")
    assert claims[0].attributor.canonical == "Staatsanwaltschaft Kelbstadt"


def test_a_person_s_title_in_small_letters_meets_the_body_it_names():
    from service.relations import _same_names

    assert _same_names("prosecutors", "Prosecutors", "en", "Jana Roth", "prosecutor Jana Roth", "en")


def test_an_official_s_title_before_a_person_s_name_is_no_body_of_its_own():
    from service.nlp.entities import organisations

    sentences = ["Investigators in Harlbeck said 14 suspects had been named.",
                 '"We are not done," chief prosecutor Lena Dorn said.']
    assert organisations(sentences, "en") == []
    claims = article_claims(
        "Fraud probe widens\n\nProsecutors said on Monday that 14 suspects had been named. \"We are not done,\" "
        "chief prosecutor Lena Dorn said.", "en", publisher="Ledger")
    assert claims[0].attributor.canonical == "prosecutors"   # not the person named later


@pytest.mark.parametrize("sentence, name", [
    ("Der Bauernverband Nord spricht von 300 Betrieben.", "Bauernverband Nord"),  # a common word says which body
    ("Der Autohersteller Vanta spricht von 300 Autos.", "Vanta"),                # a name names the body alone
])
def test_a_common_word_after_a_body_s_noun_stays_in_its_name(sentence, name):
    from service.nlp.entities import speaker

    assert speaker(sentence, "de").name == name


@pytest.mark.parametrize("a, b, same", [
    ("Reederverband West", "Western Shipowners' Association", True),  # a compound's head by the kind it names
    ("Reederverband West", "Western Farmers' Association", False),    # with every modifier
    ("Landesfischereiverband", "fisheries association", False),         # the level is a modifier too
])
def test_a_compound_body_meets_its_translation_by_its_head_s_kind(a, b, same):
    from service.nlp.entities import same_name

    assert same_name(a, "de", b, "en") is same


def test_containers_are_no_meals_and_container_ships_no_containers():
    containers = figures("Am Terminal stehen 4.000 Container.", "de")[4000]
    meals = figures("The charity handed out 4,000 meals.", "en")[4000]
    ships = figures("Vor dem Hafen warten 4.000 Containerschiffe.", "de")[4000]
    english = figures("About 4,000 containers are stuck at the terminal.", "en")[4000]
    assert containers.subject_key != meals.subject_key
    assert relate(english, containers, similarity=0.6) is not None
    assert relate(english, ships, similarity=0.6) is None


@pytest.mark.parametrize("sentence, forecast", [
    ("The operator said the damage had reached 2 million euros and that repairs would take weeks.", False),
    ("The operator said the damage would reach 2 million euros.", True),
])
def test_a_forecast_in_another_reported_clause_says_nothing_of_the_figure(sentence, forecast):
    assert figures(sentence, "en")[2_000_000].forecast is forecast


@pytest.mark.parametrize("text", [
    "Terminal outage\n\nBraxon, which runs the terminal at Holmvik, said repairs had begun. Waiting times rose to "
    "four days, according to the Holmvik Port Authority (HPA). The freighter Aldora has waited since Monday. The company said 9 of its 20 cranes were working again.",
    "Ausfall am Terminal\n\nBraxon zufolge laufen die Reparaturen in Holmvik. Die Wartezeit stieg nach Angaben "
    "der Hafenbehörde auf vier Tage. Der Frachter Aldora wartet seit Montag. Der Terminalbetreiber teilte mit, 9 der 20 Kräne arbeiteten wieder.",
])
def test_the_company_is_the_one_word_name_that_spoke_before(text):
    language = "de" if "Ausfall" in text else "en"
    claims = article_claims(text, language)
    assert {c.attributor.canonical for c in claims if c.quantity.value in (9, 20)} == {"Braxon"}


def test_a_place_written_with_its_umlauts_spelled_out_is_the_same_place():
    german = figures("Am Terminal in Mölbeck stehen 4.000 Container.", "de")[4000]
    english = figures("About 4,000 containers are stuck in Moelbeck.", "en")[4000]
    other = figures("About 4,000 containers are stuck in Moelberg.", "en")[4000]
    assert relate(english, german, similarity=0.6) is not None
    assert relate(other, german, similarity=0.6) is None


def test_a_word_the_dictionary_knows_is_no_place():
    assert figures("Vor dem Hafen liegen 30 Schiffe auf Reede.", "de")[30].location_key is None


def test_a_part_of_the_whole_a_sentence_opens_with_is_befallen_by_what_befell_it():
    part = figures("Of the 48 injured, 9 were police officers.", "en")[9]
    assert (part.extra.get("event"), part.extra.get("part"), part.extra.get("whole")) == ("injured", True, 48)
    assert relate(part, figures("Unter den Verletzten sind neun Polizisten.", "de")[9], similarity=0.6) is not None


@pytest.mark.parametrize("text, language", [
    ("Some 20,000 ducks have been culled so far.", "en"),
    ("Bislang wurden 20.000 Enten gekeult.", "de"),
])
def test_animals_culled_were_killed(text, language):
    assert figures(text, language)[20000].extra.get("event") == "killed"


@pytest.mark.parametrize("a, b, related", [
    # whose the counted thing is, when a name says it: the company or person a clause opens with, a possessor
    ("Rival Korvald's annual revenue came to 1.2 billion euros.", "Der Hersteller Tamsen steigerte seinen Umsatz "
     "auf 1,4 Milliarden Euro.", False),
    ("Der Konkurrent Korvald beschäftigt 9.000 Menschen.", "Tamsen beschäftigt 7.000 Menschen.", False),
    ("Mbeki has won 12 races this year.", "Der Läufer Joseph Mbeki hat 12 Rennen gewonnen.", True),   # a surname
    ("Der Konkurrent Korvald beschäftigt 9.000 Menschen.", "The company employs 7,000 people.", True),  # no name
    ("Tamsen bietet 1,2 Milliarden Euro für Korvald.", "Korvald rejected a 1.2 billion euro offer.", True),  # two names
])
def test_figures_of_two_named_holders_are_two_frames(a, b, related):
    x, y = (next(iter(figures(t).values())) for t in (a, b))
    assert (relate(x, y, similarity=0.6) is not None) is related


@pytest.mark.parametrize("text, event", [
    # a short aside in brackets leaves the clause around it whole
    ("Im Kreis sind bereits 41 Menschen an Hantavirus-Fieber (HFRS) erkrankt.", "infected"),
    ("Im Kreis sind bereits 41 Menschen (Stand Montag) erkrankt.", "infected"),
])
def test_a_short_aside_in_brackets_does_not_split_its_clause(text, event):
    assert figures(text, "de")[41].extra.get("event") == event


@pytest.mark.parametrize("a, a_lang, b, b_lang", [
    ("Stadtwerke Kelbra", "de", "Kelbra's municipal utility", "en"),   # the word as written, not its lemma alone
    ("Stadtwerke", "de", "utility", "en"),
])
def test_a_utility_meets_its_translation(a, a_lang, b, b_lang):
    from service.nlp.entities import same_name

    assert same_name(a, a_lang, b, b_lang)


def test_a_body_s_kind_meets_the_acronym_its_article_taught():
    from service.relations import _same_names

    assert _same_names("utility", "the utility", "en", "SWK", "Stadtwerke Kelbra", "de")
    assert not _same_names("police", "the police", "en", "SWK", "Stadtwerke Kelbra", "de")


def test_the_company_is_the_hospital_its_article_named_before():
    claims = article_claims(
        "Warteliste korrigiert\n\nIm Streit um Wartezeiten hat das Klinikum Halvern seine Zahlen korrigiert. Nach "
        "einer Neuzählung warten 5.300 Patienten auf eine Operation, teilte das Unternehmen mit.", "de")
    assert claims[0].attributor.canonical == "Halvern"


@pytest.mark.parametrize("sentence, language, name", [
    # a verb of criticism reports what its subject says
    ("Die Prüfer bemängeln, dass Boni von 2 Millionen Euro gezahlt wurden.", "de", "Prüfer"),
    # a German sentence opening with a phrase of place puts its subject after the finite verb
    ("Beim Stadtfest in Kelbra hat der Veranstalter 30 Stände geschlossen.", "de", "Veranstalter"),
])
def test_who_says_it_by_a_verb_of_criticism_or_after_an_inverted_verb(sentence, language, name):
    claim = next(c for c in nlp.extract_claims(sentence, language=language, published=None, publisher="Kurier")
                 if c.quantity)
    assert claim.attributor.canonical == name


def test_authorities_in_general_after_an_inverted_verb_are_no_body_of_the_story():
    claim = next(c for c in nlp.extract_claims(
        "Wegen eines Feuers bei Kelbra haben die Behörden am Sonntag 300 Menschen in Sicherheit gebracht.",
        language="de", published=None, publisher="Kurier") if c.quantity)
    assert claim.attributor.canonical == "Kurier"


def test_a_statement_s_body_named_by_its_kind_after_names_acts_in_its_own_name():
    from service.nlp.entities import actor

    named = actor("Kelbra town festival organisers have closed 30 stalls", "en", statement=True)
    assert named is not None and named.role == "organisation"


@pytest.mark.parametrize("text, language", [
    # a part whose whole's figure is not given: "N der …", "allein", "alone", a verb of a share
    ("Rund 2.100 der Übernachtungen entfielen auf Gäste aus Dänemark.", "de"),
    ("Allein die Gemeinde Kelbra zählte 2.100 Übernachtungen.", "de"),
    ("In Kelbra alone, 2,100 overnight stays were counted.", "en"),
    ("Danish guests accounted for 2,100 overnight stays.", "en"),
])
def test_a_part_without_its_whole_s_figure_is_a_part(text, language):
    part = figures(text, language)[2100]
    assert part.extra.get("part")
    total = figures("Im Kreis wurden 9.000 Übernachtungen gezählt.", "de")[9000]
    assert relate(part, total, similarity=0.6).relation == "related"


def test_a_share_of_the_asked_is_no_part():
    assert not figures("30 Prozent der Befragten sind dafür.", "de")[30].extra.get("part")


@pytest.mark.parametrize("text, language, change", [
    ("Das Plus gegenüber dem Vorjahr liegt bei 4,2 Prozent.", "de", True),   # what is measured is a change
    ("The increase came to 4.2 percent.", "en", True),
    ("Die Quote liegt bei 4,2 Prozent.", "de", False),
])
def test_a_figure_of_a_change_noun_is_a_change(text, language, change):
    assert figures(text, language)[4.2].quantity.increment is change


@pytest.mark.parametrize("text, language, value, key", [
    ("Zoll: Drei Tablets am Flughafen beschlagnahmt", "de", 3, "w:tablet"),   # a noun the tagger took for a name
    ("Der Verband prüft 14 weitere Partien.", "de", 14, "w:partie"),         # "weitere" before its noun
    ("The league body is reviewing 14 more matches.", "en", 14, "w:match"),  # "body" is no dead body here
])
def test_the_noun_a_figure_counts_past_misread_tags_and_words_of_more(text, language, value, key):
    claim = figures(text, language)[value]
    assert claim.subject_key == key and not claim.extra.get("event")


@pytest.mark.parametrize("sentence, language, name", [
    # a body described first is named in the apposition
    ("A group of amateur astronomers, Sternfreunde Kelbra, said they had counted 40 meteors.", "en",
     "Sternfreunde Kelbra"),
    # a word of a unit after another noun is part of a name (Franken: francs, Franconia)
    ("Die Sternfreunde Franken sprechen von 40 Meteoren.", "de", "Sternfreunde Franken"),
])
def test_a_described_body_s_own_name(sentence, language, name):
    from service.nlp.entities import speaker

    assert speaker(sentence, language).name == name


@pytest.mark.parametrize("text, language", [
    ("Das schwerste Stück wiegt 640 Gramm.", "de"),
    ("The heaviest piece weighs 640 grams.", "en"),
])
def test_one_of_many_named_by_a_superlative_is_a_part_of_their_total(text, language):
    piece = figures(text, language)[640]
    total = figures("Die Stücke wiegen zusammen 2,4 Kilogramm.", "de")[2.4]
    assert piece.extra.get("part") and relate(piece, total, similarity=0.6).relation == "related"


def test_a_body_of_a_town_keeps_its_kind_in_its_name():
    from service.nlp.entities import organisations, speaker

    assert speaker("Der Mieterverein Kelbstadt spricht von 900 Wohnungen.", "de").name == "Mieterverein Kelbstadt"
    assert organisations(["Der Mieterverein Kelbstadt kritisiert die Pläne."], "de")[0].name == "Mieterverein Kelbstadt"
    assert speaker("Der Autohersteller Vanta spricht von 300 Autos.", "de").name == "Vanta"   # a company by its name


def test_the_city_is_no_other_public_body_named_before():
    claims = article_claims(
        "Rent cap ruling\n\nThe administrative court (VGH) struck down the rent cap on Tuesday. The cap covered 52,000 "
        "flats, according to the city.", "en", publisher="Ledger")
    assert claims[-1].attributor.canonical != "VGH"


def test_a_forecast_in_a_second_report_joined_by_and_estimates_that_says_nothing_of_the_first():
    claims = {c.quantity.value: c for c in article_claims(
        "Tenants\n\nThe association puts the number of flats at around 6,500 and estimates that tenants could face "
        "demands of up to 4 million euros.", "en", publisher="Ledger")}
    assert not claims[6500].forecast and claims[4_000_000].forecast


@pytest.mark.parametrize("text, value, whole", [
    ("Die Behörde ordnete für 900 der zuvor betroffenen 3.000 Haushalte an, das Wasser abzukochen.", 900, 3000),
    ("Rund 5.000 Patienten warten. 1.200 von ihnen warten länger als ein Jahr.", 1200, 5000),
])
def test_a_part_and_its_whole_past_words_between(text, value, whole):
    part = figures(text, "de")[value]
    assert part.extra.get("part") and part.extra.get("whole") == whole


def test_a_body_is_an_organisation_s_kind():
    from service.nlp.entities import actor

    named = actor("World rowing body WRF is reviewing 14 more races", "en", statement=True)
    assert named is not None and named.name == "WRF"
    assert figures("Rescuers recovered 12 bodies.", "en")[12].extra.get("event") == "killed"


@pytest.mark.parametrize("text, language", [
    ("Mbeki won the Kelbra marathon in 2:07:15.", "en"),
    ("Den Sieg holte Mbeki in 2:07:15 Stunden.", "de"),
])
def test_a_time_taken_in_hours_minutes_and_seconds_is_one_duration(text, language):
    from service.nlp.numbers import find_quantities

    (time,) = find_quantities(text, language)
    assert time.value == 2 * 3600 + 7 * 60 + 15
    assert figures(text, language)[time.value].extra.get("concept") == "days"   # compared as durations are


def test_times_taken_are_exact_to_the_second():
    winner = figures("Mbeki won the Kelbra marathon in 2:07:15.", "en")[7635]
    same = figures("Den Sieg holte Mbeki in 2:07:15 Stunden.", "de")[7635]
    slower = figures("Mbeki won the Kelbra marathon in 2:07:44.", "en")[7664]
    assert relate(winner, same, similarity=0.6).relation in ("matching", "corroborating")
    assert relate(winner, slower, similarity=0.6).relation == "conflicting"
    assert "2:07:15" in relate(winner, same, similarity=0.6).explanation


def test_an_acronym_of_a_compound_the_tagger_did_not_split():
    from service.nlp.entities import abbreviates

    assert abbreviates("OVG", "Oberverwaltungsgericht") and abbreviates("BGH", "Bundesgerichtshof")
    assert not abbreviates("OVG", "Oberlandesgericht")


@pytest.mark.parametrize("text", [
    # a name after a territory's or a thing's noun is a place; a hyphenated compound of two words is no name
    "Streit um Windräder\n\nDer Windpark Hohenmoor ist umstritten. Der Landkreis Hohenmoor prüft. Die Gegner zählen "
    "elf Rotmilan-Brutpaare.",
])
def test_places_and_compounds_are_no_company_of_the_story(text):
    from service.nlp.entities import named_bodies
    from service.nlp.sentences import article_sentences

    assert named_bodies([s.text for s in article_sentences(text)], "de") == []


def test_the_company_is_a_name_with_the_word_of_its_trade_that_spoke_before():
    claims = article_claims(
        "Windpark gestoppt\n\nNordwind Energie teilte am Montag mit, der Baustopp habe 4 Millionen Euro gekostet. Die "
        "Wartezeit stieg nach Angaben der Hafenbehörde Holmvik (HBH) auf vier Wochen. Das Unternehmen sprach von 40 "
        "gefährdeten Stellen.", "de")
    assert claims[-1].attributor.canonical == "Nordwind Energie"


def test_it_said_is_the_body_that_spoke_before():
    claims = article_claims(
        "Food banks\n\nThe State Association of Food Banks (LVB) said on Thursday that 31 of its 90 member food banks "
        "had stopped registering new customers. About 52,000 people rely on them, it said.", "en", publisher="Herald")
    assert {c.attributor.canonical for c in claims} == {"LVB"}


def test_one_noun_in_two_forms_counts_by_its_last():
    assert figures("Laut Wasserwacht wurden 37 Ruderinnen und Ruderer gerettet.", "de")[37].subject_key == \
        figures("37 Ruderer wurden gerettet.", "de")[37].subject_key


def test_rescue_organisations_are_sources_of_their_own_not_the_fire_service():
    from service.nlp.attributors import attribute

    assert attribute("DLRG: 37 Ruderer wurden gerettet", "de").attributor.canonical == "DLRG"
    assert attribute("Feuerwehr: 37 Ruderer wurden gerettet", "de").attributor.canonical == "fire service"


def test_an_insurer_named_by_its_trade_is_the_story_s_company():
    claims = article_claims(
        "Hagel\n\nNach dem Unwetter sind bei der Kelbra Versicherung nach Unternehmensangaben 4.800 Schäden gemeldet "
        "worden. Der Deutsche Wetterdienst (DWD) maß Hagelkörner von 5 Zentimetern.", "de")
    assert claims[0].attributor.canonical == "Kelbra Versicherung"


@pytest.mark.parametrize("text, value, key", [
    # a phrase and its participle between the figure and the noun it counts
    ("Das Amt hat bislang zwölf an Vogelgrippe verendete Schwäne registriert.", 12, "w:schwan@killed"),
    ("Es gibt 300 vom Hochwasser betroffene Haushalte.", 300, "households"),
])
def test_a_german_extended_attribute_between_the_figure_and_its_noun(text, value, key):
    assert figures(text, "de")[value].subject_key == key


def test_two_words_are_compared_by_their_first_senses_not_the_first_alone():
    from service.nlp import bilingual

    # "sicherstellen": secure, seize, …; the police's sense meets "recover" whichever the dictionary lists first
    assert bilingual.similarity("sicherstellen", "de", "recover", "en") >= 0.45


def test_a_part_of_a_town_is_no_administration_and_a_company_s_organ_speaks_as_itself():
    from service.nlp.entities import organisations

    assert organisations(["Täglich rollen 21.000 Fahrzeuge durch die Innenstadt."], "de") == []
    claims = article_claims(
        "Fusion\n\nAm Klinikum Halvern wird umgebaut. Bei der Fusion sollen 180 Stellen wegfallen, teilte die "
        "Geschäftsführung mit.", "de")
    assert claims[-1].attributor.canonical == "Geschäftsführung"


@pytest.mark.parametrize("text, language, verb", [
    # a bare figure as the subject of a passive counts the people a verb no list knows was done to
    ("Etwa 40 wurden am Unfallort von Sanitätern versorgt.", "de", "versorgen"),
    ("About 40 were examined at the scene.", "en", "examine"),
])
def test_a_bare_figure_of_a_passive_counts_people(text, language, verb):
    claim = figures(text, language)[40]
    assert claim.extra["concept"] == "people" and claim.extra.get("verb") == verb


@pytest.mark.parametrize("text, language, key", [
    # a part in a sentence of its own counts those whom the whole's event befell
    ("Elf Menschen wurden im Krankenhaus behandelt. Unter ihnen sind vier Kinder.", "de", "children@in_hospital"),
    ("Twenty people were injured. Of those, six were children.", "en", "children@injured"),
])
def test_a_part_of_its_own_sentence_is_befallen_as_its_whole(text, language, key):
    part = [c for c in article_claims("Unfall\n\n" + text, language) if c.extra.get("part")][0]
    assert part.subject_key == key


def test_a_body_that_measures_gives_its_own_figure():
    from service.nlp.attributors import attribute

    assert attribute("The national weather service measured 38.2 degrees in Kelbra.", "en").attributor is not None
    assert attribute("Der Wetterdienst maß 38,2 Grad in Kelbra.", "de").attributor is not None


def test_an_ambiguous_noun_no_list_holds_meets_a_concept_by_the_concept_s_name():
    # English "officers" is military or police: the police story's "Beamte" are police officers
    said, stored = first_figures("Five of the nine accused officers were acquitted.",
                                 "Das Gericht sprach fünf der neun angeklagten Polizeibeamten frei.")
    assert said.extra["concept"].startswith("w:") and stored.extra["concept"] == "police_officers"
    assert same_frame(said, stored)


def test_a_vaccination_jab_is_a_vaccination():
    assert figures("Only 2,600 pupils have had the measles jab.", "en")[2600].extra["event"] == "vaccinated"


@pytest.mark.parametrize("text, language, value, name", [
    # the agent of a reporting participle beside a figure gives that figure, not the sentence's speaker
    ("Storm losses reached about 900 hectares, the ministry said, far below the 1,500 hectares estimated by "
     "farmers.", "en", 1500, "farmers"),
    ("Das Ministerium spricht von 900 Hektar, weit weniger als die von den Bauern geschätzten 1.500 Hektar.", "de",
     1500, "Bauer"),
])
def test_the_agent_of_a_reporting_participle_gives_its_figure(text, language, value, name):
    claims = {c.quantity.value: c for c in article_claims("Sturm\n\n" + text, language)}
    assert claims[value].attributor.canonical == name
    assert claims[900].attributor.canonical != name


def test_a_compound_s_longer_known_modifier_comes_first():
    from service.nlp.bilingual import compound_split

    assert compound_split("Landwirtschaftsministerium") == ("landwirtschaft", "ministerium")
    assert compound_split("Kreiskrankenhaus") == ("kreis", "krankenhaus")


@pytest.mark.parametrize("usual, actual", [
    ("Statt der üblichen 500 Tonnen erwartet die Genossenschaft nur 300 Tonnen Äpfel.", "Die Genossenschaft erwartet 300 Tonnen Äpfel."),
    ("In a normal year the co-operative harvests 500 tonnes of apples.", "The co-operative expects 300 tonnes of apples."),
])
def test_what_is_usual_does_not_contradict_what_is(usual, actual):
    claims = figures(usual)
    baseline = claims[500]
    assert baseline.extra.get("baseline")
    said = first_figures(actual)[0]
    assert relate(said, baseline, similarity=0.7).relation == "related"


@pytest.mark.parametrize("text", [
    "So far 1.4 million euros of the relief fund have been paid out.",
    "Bislang wurden 1,4 Millionen Euro der Soforthilfe ausgezahlt.",
])
def test_a_sum_out_of_a_named_sum_is_a_part(text):
    part = first_figures(text)[0]
    assert part.extra.get("part")
    whole = first_figures("The relief fund amounts to 4 million euros.")[0]
    assert relate(part, whole, similarity=0.7).relation == "related"


@pytest.mark.parametrize("text, name", [
    # an official speaks for the body named before the title
    ("Strike\n\nBus drivers walked out. Tavel spokeswoman Lena Roth said 900 drivers took part.", "Tavel"),
    ("Race\n\nThe race was stopped. DRV president Jan Hoff said 14 boats capsized.", "DRV"),
    # a people's adjective names no body
    ("Race\n\nThe race was stopped. German president Jan Hoff said 14 boats capsized.", "Jan Hoff"),
])
def test_an_official_speaks_for_the_body_named_before_the_title(text, name):
    claim = article_claims(text, "en")[0]
    assert claim.attributor.canonical == name


def test_a_statement_s_official_speaks_for_the_body_named_before_the_title():
    claim = nlp.parse_statement("Tavel spokeswoman Lena Roth says 900 drivers joined the strike")[1][0]
    assert claim.attributor.canonical == "Tavel"


def test_a_town_named_after_its_noun_or_before_a_facility_is_no_company():
    from service.nlp.entities import named_bodies

    sentences = ["Flights were cancelled at Kelbrück airport on Monday.", "The strike in the city of Kelbrück "
                 "goes on.", "Kelbrück's mayor called for talks.", "More than 300 flights were cancelled at Kelbrück "
                 "airport, the operator said."]
    assert named_bodies(sentences, "en") == []


@pytest.mark.parametrize("text, language, name", [
    # "its"/"seine" before an official's title: the organisation named last before speaks
    ("Bank\n\nThe lender Talberg Bank cut jobs. Its chief executive Jan Hoff said 300 jobs would go.", "en",
     "Talberg Bank"),
    ("Bank\n\nDie Talberg Bank baut Stellen ab. Ihr Vorstandschef Jan Hoff sagte, 300 Stellen fielen weg.", "de",
     "Talberg Bank"),
    # without it, the person speaks as themselves
    ("Bank\n\nThe lender Talberg Bank cut jobs. Jan Hoff said 300 jobs would go.", "en", "Jan Hoff"),
])
def test_its_official_speaks_for_the_organisation_named_before(text, language, name):
    assert article_claims(text, language)[0].attributor.canonical == name


@pytest.mark.parametrize("text, language, key", [
    # poisoned is an event of its own; a noun modifying the agent's noun names none ("death caps")
    ("So far 14 people have been poisoned by death caps.", "en", "people@poisoned"),
    ("Seit August haben sich 14 Menschen mit Pilzen vergiftet.", "de", "people@poisoned"),
    ("The death toll rose to 14.", "en", "people@killed"),
])
def test_poisoned_is_an_event_and_an_agent_s_modifier_names_none(text, language, key):
    assert next(iter(figures(text, language).values())).subject_key == key


def test_a_body_s_genitive_territory_is_not_the_source():
    from service.nlp.attributors import attribute

    found = attribute("Das teilte das Veterinäramt des Landkreises am Montag mit.", "de")
    assert found.attributor.canonical == "Veterinäramt"


def test_a_person_speaks_for_the_body_they_head():
    claim = article_claims("Pilze\n\nMore than 300 calls came in, said Anna Berg, who heads the poison centre.",
                           "en")[0]
    assert claim.attributor.canonical == "poison centre"


@pytest.mark.parametrize("a, b, same", [
    # a category's counts of two kinds are two frames; one kind in two languages, or the category's own word, one
    ("Wölfe haben 58 Schafe gerissen.", "Im Kreis lebt ein Rudel mit neun Wölfen.", False),
    ("Wölfe haben 58 Schafe gerissen.", "Wolves have killed 58 sheep.", True),
    ("Wölfe haben 58 Schafe gerissen.", "Wolves killed 60 animals.", True),
])
def test_kinds_of_a_category_are_told_apart_by_their_nouns(a, b, same):
    x, y = first_figures(a, b)
    assert same_frame(x, y) is same


def test_a_part_among_a_whole_past_its_source():
    claims = article_claims("Schafe\n\nUnter den 41 getöteten Schafen waren nach Angaben des Amts 15 Lämmer.", "de")
    lambs = next(c for c in claims if c.quantity.value == 15)
    assert lambs.extra.get("part")


@pytest.mark.parametrize("sentence, acronym, expansion", [
    # a noun phrase written small before an acronym in brackets is spelled out by it, in any language's letters
    ("The Lindental tenants' advice office (MBL) said on Monday that rents rose.", "MBL", "Lindental tenants' advice office"),
    ("The state water agency (LWA) measured 40 centimetres.", "LWA", "state water agency"),
])
def test_a_described_body_before_an_acronym_is_spelled_out_by_it(sentence, acronym, expansion):
    from service.nlp.entities import taught_acronyms

    assert taught_acronyms([sentence]).get(acronym) == expansion


def test_a_clause_in_brackets_teaches_no_acronym():
    from service.nlp.entities import taught_acronyms

    assert "ABC" not in taught_acronyms(["Then the figures were published (ABC) on Monday."])


def test_by_a_body_s_calculation_it_speaks_and_a_person_speaks_for_the_body_acting():
    text = ("Mieten\n\nThe Lindental tenants' advice office (MBL) said rents would rise. By the office's count, "
            "some 640 households have appealed. The office has received about 1,900 letters, adviser Jonas Reiter "
            "said.")
    claims = {c.quantity.value: c for c in article_claims(text, "en")}
    assert claims[640].attributor.canonical == "MBL"
    assert claims[1900].attributor.canonical == "MBL"


def test_a_role_noun_stands_for_a_body_named_before_it_not_after():
    text = ("Unfall\n\nVelmar Logistics said twelve trucks were damaged. The company put the damage at about "
            "2 million euros. Investigators from the Federal Road Safety Board (BRS) said the driver was tired.")
    money = next(c for c in article_claims(text, "en") if c.quantity.value == 2_000_000)
    assert money.attributor.canonical != "BRS"


@pytest.mark.parametrize("statement, name", [
    # a name before the kind's noun says whose people speak; a place before it only which of the kind
    ("LBA accident investigators say the bus was travelling at 70 km/h", "LBA"),
    ("Hamburg police say 40 homes were searched", "police"),
])
def test_a_statement_s_name_before_a_kind_s_noun_names_the_body(statement, name):
    _, claims = nlp.parse_statement(statement)
    assert claims[0].attributor.canonical == name


def test_an_unknown_territory_in_a_genitive_says_whose_body_acts():
    from service.nlp.entities import actor

    found = actor("Das Sozialministerium der Ostmark hat die Zahl der Anträge auf 1.200 erhöht.", "de")
    assert found is not None and found.name == "Sozialministerium"


def test_a_noun_with_its_own_indefinite_article_is_not_what_a_figure_counts():
    claim = figures("Von den 600 Bewerbern besuchen etwa 200 eine private Schule.", "de")[200]
    assert "schul" not in (claim.subject_key or "") and claim.subject_key != "schools"


@pytest.mark.parametrize("a, b, same", [
    # rail wagons are not trains, in either language
    ("Von den 30 Güterwagen sprangen zwölf aus den Gleisen.", "Twelve wagons derailed.", True),
    ("Twelve wagons derailed.", "Twelve trains were cancelled.", False),
    # people under investigation are the suspects investigated
    ("Die Staatsanwaltschaft ermittelt gegen neun Verdächtige.", "Prosecutors say nine people are under investigation.",
     True),
])
def test_what_is_counted_by_its_kind_and_event(a, b, same):
    x, y = first_figures(a, b)
    assert same_frame(x, y) is same


def test_a_part_that_names_no_noun_counts_what_its_whole_counted():
    claims = {c.quantity.value: c for c in article_claims(
        "Anträge\n\nBeim Sozialamt sind bislang 2.000 Anträge eingegangen. Davon betreffen rund 500 das Wohngeld.", "de")}
    assert claims[500].extra.get("part") and claims[500].subject_key == claims[2000].subject_key


@pytest.mark.parametrize("sentence, name", [
    # a place that says whose or where is not the speaker the grammar names
    ("Austria's HWD flood service said on Monday that 40 homes were flooded.", "HWD flood service"),
    ("Velmar, a French logistics company, said twelve trucks were damaged.", "Velmar"),
    ("PARIS - Logistics firm Velmar said on Monday that twelve trucks were damaged.", "Velmar"),
])
def test_a_place_that_says_whose_or_where_is_not_the_speaker(sentence, name):
    from service.nlp.attributors import attribute

    assert attribute(sentence, "en").attributor.canonical == name


def test_a_statement_headed_by_a_body_s_name_joined_by_small_words():
    _, claims = nlp.parse_statement("Amt für Statistik: 4.000 Geburten im vergangenen Jahr")
    assert claims[0].attributor is not None and claims[0].attributor.canonical == "Amt für Statistik"


def test_a_name_after_a_body_s_noun_is_no_company_of_its_own():
    from service.nlp.entities import named_bodies

    sentences = ["Der Milchbauernverband Nord kritisiert die Pläne.", "Der Milchbauernverband Nord fordert 300 Millionen Euro."]
    assert "Nord" not in [o.name for o in named_bodies(sentences, "de")]


def test_a_trade_s_workshop_or_mill_is_a_company():
    from service.nlp.entities import organisations, role_of

    assert role_of("Brauerei", "de") == "company" and role_of("Stahlwerk", "de") == "company"
    assert role_of("Netzwerk", "de") is None
    found = organisations(["Die Brauerei Lindental erhöht den Bierpreis."], "de")
    assert [o.role for o in found] == ["company"] and "Lindental" in found[0].name


def test_a_company_s_descriptor_compound_is_the_article_s_one_company():
    claim = article_claims("Bier\n\nDie Brauerei Lindental erhöht den Bierpreis. Er steige um 8 Prozent, teilte die "
                           "Familienbrauerei mit.", "de")[0]
    assert claim.attributor.canonical == "Lindental"


def test_a_plural_possessive_read_backwards_keeps_the_name_before_it():
    _, claims = nlp.parse_statement("The WBV wine growers' association says 70 farms have closed")
    assert "WBV" in claims[0].attributor.canonical


@pytest.mark.parametrize("text, language, key", [
    # an event word matches by its class: the verb "contracted" is one, the noun "contracts" none
    ("The 40 farms have renewed their supply contracts.", "en", "w:farm"),
    ("40 people contracted the virus.", "en", "people@infected"),
    # a participle made a noun counts the people its event befell
    ("Rund 40 Vergiftete wurden behandelt.", "de", "people@poisoned"),
])
def test_events_by_the_word_s_class_and_participles_made_nouns(text, language, key):
    assert next(iter(figures(text, language).values())).subject_key == key


def test_a_body_known_by_its_own_name_in_an_apposition_meets_its_translation():
    from service.relations import _same_source

    stored = article_claims("Flood\n\nThe water office, known in German as Landesamt für Wasserwirtschaft, said 40 "
                            "homes were flooded.", "en")[0]
    assert stored.attributor.canonical == "Landesamt für Wasserwirtschaft"
    _, statement = nlp.parse_statement("The state water management office says 40 homes were flooded")
    assert _same_source(statement[0], stored)


@pytest.mark.parametrize("text, name", [
    # a spokesperson speaks for a body their sentence names before them
    ("Betrug\n\nDie Staatsanwaltschaft ermittelt. Inzwischen liegen der Polizei 300 Anzeigen vor, wie ein Sprecher "
     "sagte.", "police"),
    # a body and its seat after an inverted verb act, its possessive beginning the next phrase
    ("Betrug\n\nIm Fall der falschen Tickets hat die Staatsanwaltschaft Talberg ihre Schätzung auf 90.000 Euro "
     "erhöht.", "Staatsanwaltschaft Talberg"),
])
def test_who_speaks_for_a_spokesperson_and_after_an_inverted_verb(text, name):
    assert article_claims(text, "de")[0].attributor.canonical == name


def test_a_statement_headed_by_a_kind_of_body_s_name_the_tagger_misreads():
    _, claims = nlp.parse_statement("Works council: 1,200 employees are on short-time work")
    assert claims[0].attributor is not None and claims[0].attributor.canonical == "union"


@pytest.mark.parametrize("text, language, key", [
    # how many live in a place is its population, not people something befell
    ("Talberg, a town of 12,000 people, was cut off.", "en", "population"),
    ("Das Dorf mit seinen 480 Einwohnern ist nur noch zu Fuß erreichbar.", "de", "population"),
    ("The town evacuated 12,000 people.", "en", "people@evacuated"),
    # airlifted is an evacuation; a participle made a noun keeps its clause's own event
    ("Helicopters airlifted 60 residents.", "en", "people@evacuated"),
    ("Noch fünf Vergiftete liegen im Krankenhaus.", "de", "people@in_hospital"),
])
def test_population_airlifts_and_a_participle_s_own_clause(text, language, key):
    assert next(iter(figures(text, language).values())).subject_key == key


@pytest.mark.parametrize("text, language, key", [
    # an event word before a noun in a preposition's phrase after the counted noun befell that noun
    ("Radar now tracks 180 pieces from the destroyed rocket.", "en", "w:piece"),
    ("Zwölf an Vogelmalaria verendete Pinguine wurden gezählt.", "de", "w:pinguin@killed"),
    # how many a place holds is its capacity
    ("The sold-out arena holds 9,000 spectators.", "en", "capacity"),
    ("Die Halle bietet Platz für 8.000 Menschen.", "de", "capacity"),
    ("The party holds 300 seats.", "en", "seats"),
    # an English verb keeps its adverb particle; a noun before another noun modifies it
    ("Helicopters have flown 60 residents out of the valley.", "en", "people@evacuated"),
    ("Four patients needed new kidneys after eating death caps.", "en", "patients"),
    # a word is no compound's head when the dictionary knows it whole ("Traktoren" holds no "Toren")
    ("An der Blockade nahmen 150 Traktoren teil.", "de", "w:traktor"),
])
def test_what_an_event_word_describes_capacity_particles_and_whole_words(text, language, key):
    assert next(iter(figures(text, language).values())).subject_key == key


@pytest.mark.parametrize("text, language", [
    # a whole named again by its figure alone: the figure after it is its part, counting what the whole counted
    ("Klagen\n\nBeim Amt gingen bislang 610 Anzeigen ein. Von den 610 wohnen etwa 90 im Ausland.", "de"),
    ("Fans\n\nThe number of fans who filed complaints rose to 610. Of the 610, about 90 live abroad.", "en"),
])
def test_a_whole_named_again_by_its_figure_has_the_next_figure_as_its_part(text, language):
    claims = {c.quantity.value: c for c in article_claims(text, language)}
    assert claims[90].extra.get("part") and claims[90].extra.get("whole") == 610
    assert claims[90].subject_key == claims[610].subject_key


def test_a_dateline_s_town_in_capitals_is_no_company():
    from service.nlp.entities import named_bodies

    sentences = ["TALBERG, Germany - Police in Talberg have arrested two men.", "The club said 300 fans were hurt."]
    assert named_bodies(sentences, "en") == []


@pytest.mark.parametrize("a, b, same", [
    # a kind no list knows and its category's own word meet when one event befell both
    ("Im Tierpark sind 20 Pinguine gestorben.", "Der Tierpark spricht von zehn toten Tieren.", True),
    ("Im Tierpark sind 20 Pinguine gestorben.", "Der Tierpark hält 300 Tiere.", False),
])
def test_a_kind_no_list_knows_meets_its_category_s_own_word(a, b, same):
    x, y = first_figures(a, b)
    assert same_frame(x, y) is same


def test_the_number_put_at_goes_back_to_the_count_before_past_a_paragraph():
    claims = {c.quantity.value: c for c in article_claims(
        "Virus\n\nThe health office has recorded 31 hantavirus infections.\n\nA network of doctors put the number at "
        "about 45.", "en")}
    assert claims[45].subject_key == claims[31].subject_key


def test_a_descriptor_written_small_and_a_people_s_name_before_a_company_s_name():
    from service.nlp.entities import organisations

    found = organisations(["Struggling German dairy firm Velta will cut 200 jobs, the company said."], "en")
    assert {o.name for o in found} == {"Velta"}


def test_a_verb_with_a_thing_for_its_object_reports_nothing():
    claim = article_claims("Spesen\n\nTwelve members of the council claimed expenses they were not entitled to, up "
                           "from 9 reported on Monday, the town's auditors said.", "en")[0]
    assert claim.quantity.value == 12 and claim.attributor.canonical != "members"


@pytest.mark.parametrize("text, language", [
    # a bare count at a clause's end after a counting verb counts again what was counted before
    ("Spesen\n\nIm Stadtrat haben 14 Abgeordnete zu viel abgerechnet. Der Steuerzahlerbund zählt inzwischen 25.", "de"),
    ("Spesen\n\nFourteen lawmakers overclaimed expenses, officials said. The taxpayers' group has counted 25.", "en"),
])
def test_a_bare_count_after_a_counting_verb_counts_what_was_counted(text, language):
    claims = {c.quantity.value: c for c in article_claims(text, language)}
    assert claims[25].subject_key == claims[14].subject_key


@pytest.mark.parametrize("statement, head", [
    # a plural noun modifies no noun after it: the word after it that a noun phrase follows is the clause's verb
    ("About 900 of the complaints concern advance payments, the consumer centre says", "complaint"),
    ("About 40 of the tenants face higher rents", "tenant"),
    # (a singular noun before another one is a modifier: the head is the last)
    ("The council approved 12 bus shelters", "shelter"),
])
def test_a_plural_noun_before_a_misread_verb_is_what_is_counted(statement, head):
    _, claims = nlp.parse_statement(statement)
    assert claims[0].extra.get("head") == head


@pytest.mark.parametrize("text, language, place", [
    # a part after "davon" that names no noun counts what the figure before counts, in its own place
    ("Bäckerei\n\nDas Unternehmen will 38 seiner 140 Filialen schließen, davon 11 in Wettlingen selbst.", "de", "wettlingen"),
    ("Brewery\n\nThe brewery will close 12 of its 30 pubs, including 4 in Halmstead.", "en", "halmstead"),
])
def test_a_part_without_a_noun_after_its_cue_is_a_part_in_its_own_place(text, language, place):
    claims = {c.quantity.value: c for c in article_claims(text, language)}
    whole = next(v for v in claims if v in (38, 12))
    part = next(v for v in claims if v in (11, 4))
    assert claims[part].extra.get("part") and claims[part].extra.get("whole") == whole
    assert claims[part].subject_key == claims[whole].subject_key
    assert place in (claims[part].location_key or "")
    assert place not in (claims[whole].location_key or "")   # the part's place is not the whole's
    assert relate(claims[whole], claims[part]).relation == "related"


def test_a_body_the_article_names_is_not_where_its_story_takes_place():
    claims = article_claims("Feuer bei Norvatek\n\nNach dem Brand bei Norvatek in Wettlingen sind 20 Beschäftigte in "
                            "Kurzarbeit. Das Unternehmen Norvatek bezifferte den Schaden auf 3 Millionen Euro.", "de")
    money = next(c for c in claims if c.quantity.value == 3_000_000)
    assert (money.location_key or money.extra.get("scene")) == "?:wettlingen"


@pytest.mark.parametrize("value, alike", [("240.000", True), ("200.000", False)])
def test_an_approximate_figure_of_several_digits_given_alike_is_told_apart_across_languages(value, alike):
    # what the sums measure is only guessed on both sides, and differently; between the similarity at which
    # the same distinct figure decides and the one at which meaning alone does, "about 240,000" and "rund
    # 240.000" are one sum, and a round "about 200,000" is no evidence
    from service.relations import DISTINCT_FIGURE_SIMILARITY, GENERIC_UNIT_SIMILARITY

    german = ("Verein\n\nNach Angaben der Ermittler sollen die Stadträte zwischen 2019 und 2023 Bauaufträge gezielt "
              f"an eine Firma vergeben und dafür insgesamt rund {value} Euro kassiert haben.")
    english = f"Investigators accuse the Kelbra councillors of taking about {value.replace('.', ',')} euros in bribes"
    stored = next(c for c in article_claims(german, "de") if c.quantity.unit in ("Euro", "EUR", "€") or c.quantity.value > 9999)
    _, claims = nlp.parse_statement(english)
    relation = relate(claims[0], stored, similarity=(DISTINCT_FIGURE_SIMILARITY + GENERIC_UNIT_SIMILARITY) / 2)
    assert (relation is not None and relation.relation in ("matching", "corroborating")) is alike


@pytest.mark.parametrize("text", [
    # a noun a preposition governs only says what the measured thing is of, even after a possessive
    "The airline put the damage to its aircraft stock at about 3 million euros",
    "The club put the damage to their share price at about 3 million euros",
])
def test_what_a_sum_measures_is_not_the_noun_a_preposition_governs(text):
    claim = first_figures(text)[0]
    assert claim.extra.get("measured") == "damage"


@pytest.mark.parametrize("a, b, same", [
    # a level of government before a body's name makes another body
    ("Gesundheitsamt", "Landesgesundheitsamt", False),
    ("Gesundheitsamt des Kreises", "Landesgesundheitsamt", False),
    ("Polizei", "Bundespolizei", False),
    # (a district's own office is the local one: only the state's and the federation's are other bodies)
    ("Gesundheitsamt", "Kreisgesundheitsamt", True),
    ("Gesundheitsamt", "health office", True),
])
def test_a_body_of_another_level_of_government_is_another_source(a, b, same):
    from service.nlp.entities import same_name

    assert same_name(a, "de", b, "de" if b[0].isupper() and " " not in b else "en") is same


def test_a_count_put_at_by_its_own_source_counts_what_was_counted_before():
    claims = {c.quantity.value: c for c in article_claims(
        "Outbreak\n\nThe health office has counted 14 cases of the infection.\n\nThe clinic put its own count at 17 "
        "on Thursday.", "en")}
    assert claims[17].subject_key == claims[14].subject_key


@pytest.mark.parametrize("word, counts_jobs", [
    # a compound counts its head's concept unless the dictionary gives the whole word a meaning of its own
    ("Annahmestellen", False),
    ("Tankstellen", False),
    ("Ausbildungsplätze", True),
])
def test_a_compound_the_dictionary_gives_another_meaning_is_not_its_head_s_concept(word, counts_jobs):
    _, claims = nlp.parse_statement(f"Die Firma hat 1.400 {word}")
    assert (claims[0].subject_key == "jobs") is counts_jobs


@pytest.mark.parametrize("a, b, same", [
    # a count of votes and a count of people who voted are one count, in either language
    ("The council approved the plan with 27 votes in favour.", "27 der 45 Gemeinderäte stimmten für den Plan.", True),
    ("The council approved the plan with 27 votes in favour.", "27 Gemeinderäte nahmen an der Sitzung teil.", False),
])
def test_votes_and_the_people_who_cast_them_are_one_count(a, b, same):
    x, y = first_figures(a, b)
    assert same_frame(x, y) is same


@pytest.mark.parametrize("statement, head", [
    # a capitalised German word inside a sentence that no noun follows is a noun, whatever the tagger says
    ("Die Bande hat mindestens 9.000 falsche Fünfziger hergestellt", "fünfziger"),
    ("Im Park standen 40 gelbe Zwanziger", "zwanziger"),
])
def test_a_capitalised_word_the_tagger_read_as_an_adjective_is_a_noun(statement, head):
    _, claims = nlp.parse_statement(statement)
    assert claims and claims[0].subject_key == "w:" + head


def test_a_measure_given_as_a_change_and_one_given_as_an_amount_compare():
    # "um 30 Meter zurückgegangen" and "retreated 30 metres" measure the same: a measure's change is its amount
    x, y = first_figures("Die Küstenlinie bei Sandort ist um 30 Meter zurückgegangen.",
                         "The coastline at Sandort retreated 30 metres.")
    relation = relate(x, y, similarity=0.8)
    assert relation is not None and relation.relation in ("matching", "corroborating")


@pytest.mark.parametrize("text", [
    # a body taught with its acronym that revises its own account speaks for it, whatever kind it is
    "Dunes\n\nThe Kelmar Coastal Survey Station (KCS) on Tuesday revised its figure for the dune's retreat to 14 metres.",
    "Dunes\n\nThe Kelmar Coastal Survey Station (KCS) revised its estimate of the dune's retreat to 14 metres.",
])
def test_a_taught_body_that_revises_its_own_figure_is_its_source(text):
    claim = article_claims(text, "en")[0]
    assert claim.attributor is not None and claim.attributor.canonical == "KCS"


@pytest.mark.parametrize("a, b, same", [
    # a body named by the one word of its field is its office of that field, in either language
    ("Zoll", "Zollfahndungsamt Brackstedt", True),
    ("Zoll", "the Brackstedt customs investigation office", True),
    ("Polizei", "Polizeibehörde", True),
    ("Zollfahndungsamt Brackstedt", "the Brackstedt customs investigation office", True),
    # (an organisation of the field is not its office)
    ("Zoll", "Zollgewerkschaft", False),
    # (an agent's noun is not its field's: the insurer is not the insurance industry's association)
    ("The insurer", "Gesamtverband der Versicherungswirtschaft", False),
])
def test_a_body_named_by_its_field_is_the_field_s_office(a, b, same):
    from service.nlp.entities import same_name

    assert same_name(a, "de", b, "en" if b.startswith("the ") else "de") is same


def test_a_compound_s_linking_s_begins_no_head():
    from service.nlp.bilingual import english

    # "Zollfahndungs|amt" is an office, not "Zollfahndung|samt" (velvet)
    assert "office" in english("Siedlungsamt", "de")


@pytest.mark.parametrize("sentence, canonical", [
    # a body's seat after its noun is not a person named after a title
    ("Das Gesundheitsamt Brackstedt bezifferte die Zahl am Mittwoch auf 52 Fälle.", "Gesundheitsamt Brackstedt"),
    ("Gesundheitsminister Fahrettin Koca sagte, 52 Menschen seien gestorben.", "Fahrettin Koca"),
])
def test_a_body_s_seat_is_part_of_its_name(sentence, canonical):
    assert nlp.attribute(sentence, "de").attributor.canonical == canonical


def test_the_company_is_the_one_its_legal_form_names_or_a_short_sentence():
    text = ("Olivenöl-Skandal: Fahnder finden weitere Tanks\n\nFahnder durchsuchten das Lager der Varonia Handels "
            "GmbH in Brackstedt.\n\nVaronia widerspricht. Höchstens 9.000 Flaschen seien verkauft worden, erklärte "
            "das Unternehmen am Mittwoch.")
    claim = next(c for c in article_claims(text, "de") if c.quantity and c.quantity.value == 9000)
    assert claim.attributor.canonical in ("Varonia", "Varonia Handels")


def test_a_company_s_officer_speaks_for_the_company_named_with_its_legal_form():
    # the legal form ends the company's name over the common nouns inside it; the board member named with his
    # title and the company speak as one source, and his name makes no organisation of its own
    text = ("Lifte stehen still\n\nDie Kammtal Bergbahnen AG hat nach eigenen Angaben rund 2,1 Millionen Euro Umsatz "
            "verloren. Das Skigebiet musste nach 12 Betriebstagen schließen, sagte Vorstand Anton Greiderer. Das "
            "Unternehmen beschäftigt 90 Mitarbeiter.")
    sources = {c.quantity.value: c.attributor.canonical for c in article_claims(text, "de") if c.quantity}
    assert sources[2100000] == sources[12] == sources[90] == "Kammtal Bergbahnen"


def test_a_bare_noun_stands_for_the_body_taught_with_an_acronym_ending_in_it():
    text = ("Dunes\n\nThe Kelmar Coastal Survey Station (KCS) said on Tuesday that the dune had retreated 14 metres.\n\n"
            "The station said the beach had lost 3 percent of its sand.")
    claims = article_claims(text, "en")
    assert [c.attributor.canonical for c in claims if c.quantity] == ["KCS", "KCS"]


@pytest.mark.parametrize("sentence, language, canonical", [
    # English writes a name's common nouns with capitals: they are part of it
    ("Kammtal Mountain Railways says it lost about 2.1 million euros.", "en", "Kammtal Mountain Railways"),
    # a German body's noun that no kind types, with its seat, is that body and not the town
    ("Heimatmuseum Brackstedt: 16 Scherben gefunden", "de", "Heimatmuseum Brackstedt"),
])
def test_a_name_keeps_the_nouns_that_say_which_body_it_is(sentence, language, canonical):
    _, claims = nlp.parse_statement(sentence, language=language)
    assert claims[0].attributor.canonical == canonical


def test_an_english_name_keeps_its_capitalised_nouns_in_an_article():
    text = "Dunes\n\nThe Kelmar Coastal Survey Station said on Tuesday that the dune had retreated 14 metres."
    assert article_claims(text, "en")[0].attributor.canonical == "Kelmar Coastal Survey Station"


def test_an_acronym_taught_by_known_by_its_acronym_names_the_body_before_it():
    from service.nlp.entities import taught_acronyms

    taught = taught_acronyms(["The harbour authority of the town of Kelmar, known by its Danish acronym HMK, said "
                              "on Monday it had dredged 40,000 tonnes of sand."])
    assert taught.get("HMK", "").startswith("harbour authority")


def test_a_body_s_kind_in_two_words_acts_in_its_own_name():
    claim = article_claims("Blast\n\nThe fire brigade stood by its count of 14 injured on Wednesday.", "en")[0]
    assert claim.attributor.canonical == "fire service"


def test_a_name_apposed_to_the_kind_s_noun_is_the_source():
    text = "Recall\n\nThe wholesaler, Marvento Handel, says no more than 9,000 bottles reached shops."
    assert article_claims(text, "en")[0].attributor.canonical == "Marvento Handel"


@pytest.mark.parametrize("statement", [
    # a name joined by an ampersand is one name
    "Auditors Marten & Kolb say the fund must write down more than 400 million euros",
    "Marten & Kolb: Abschreibungen von mindestens 410 Millionen Euro",
])
def test_a_name_joined_by_an_ampersand_is_one_name(statement):
    _, claims = nlp.parse_statement(statement)
    assert claims[0].attributor.canonical == "Marten & Kolb"


@pytest.mark.parametrize("a, b, related", [
    # a length of one dimension is not a length of another
    ("Das Eis verlor im Mittel 2,7 Meter an Dicke.", "Die Gletscherzunge zog sich um 52 Meter zurück.", False),
    ("Die Staumauer ist 48 Meter hoch.", "The reservoir will be lowered by six metres.", False),
    # (a length no word qualifies is a length: a retreat meets a loss of length)
    ("Die Zunge verlor 74 Meter an Länge.", "The glacier retreated 52 metres.", True),
])
def test_lengths_of_different_dimensions_share_no_frame(a, b, related):
    x, y = first_figures(a, b)
    assert (relate(x, y, similarity=0.8) is not None) is related


@pytest.mark.parametrize("text, conflicts", [
    # another source's count of all the event befell, set against counts of one group, counts that group
    ("Bus crash\n\nDabei wurden 23 Kinder verletzt, sagte die Polizei. Das Rote Kreuz sprach dagegen von 31 "
     "Verletzten.", True),
    # (one source's group among its own whole stays a group among them)
    ("Bus crash\n\nDie Polizei zählte 31 Verletzte. Unter den Verletzten seien 23 Kinder, sagte die Polizei.", False),
])
def test_a_whole_set_against_another_source_s_group_counts_that_group(text, conflicts):
    claims = {c.quantity.value: c for c in article_claims(text, "de")}
    relation = relate(claims[23], claims[31], similarity=0.8)
    assert (relation is not None and relation.relation == "conflicting") is conflicts


def test_a_figure_whose_clause_has_a_verb_of_its_own_is_not_the_story_s_event():
    text = ("Gasunglück bei Feier: 30 Gäste im Krankenhaus\n\nNach dem Unglück kamen 30 Gäste ins Krankenhaus. "
            "Zu der Feier waren rund 150 Gäste gekommen.")
    claims = {c.quantity.value: c for c in article_claims(text, "de")}
    assert claims[150].extra.get("event") is None


@pytest.mark.parametrize("text, source", [
    # a relative clause between a taught body and its verb leaves the body the one who acts
    ("Gas leak\n\nAbout 40 guests were taken to hospital, police said. The Mountain Rescue Federation (MRF), which "
     "ran the rescue, continued to put the number at 52.", "MRF"),
    # a name apposed to a kind's noun of several words
    ("Gas leak\n\nAbout 40 guests were taken to hospital, the ASB said. The tent hire company, Varnholt, said the "
     "heaters were approved for outdoor use only. The company said it had rented out 14 of the heaters.", "Varnholt"),
])
def test_the_body_that_acts_past_a_relative_clause_or_an_apposition(text, source):
    assert article_claims(text, "en")[-1].attributor.canonical == source


def test_the_company_is_not_a_union_taught_by_its_acronym():
    text = ("Pflegestreik\n\nNach Angaben des Bundes der Pflegekräfte (BdP) streikten 3.000 Beschäftigte. "
            "Der BdP sprach von einem Erfolg.\n\nSeit Beginn des Ausstands seien mehr als 900 Operationen abgesagt "
            "worden, teilte das Unternehmen mit.")
    claim = next(c for c in article_claims(text, "de") if c.quantity.value == 900)
    assert claim.attributor.canonical != "BdP"


def test_a_street_the_article_names_is_no_company():
    text = ("Strike\n\nStrikers marched 3 kilometres to the group's headquarters on Kanalstrasse.\n\n"
            "About 1,100 staff had stopped work, the company said.")
    claim = next(c for c in article_claims(text, "en") if c.quantity.value == 1100)
    assert claim.attributor.canonical != "Kanalstrasse"


@pytest.mark.parametrize("a, a_lang, b, same", [
    # a name with the noun of its kind beside it is that name
    ("BdQ union", "en", "BdQ", True),
    ("Gewerkschaft Morvak", "de", "Morvak", True),
])
def test_a_name_with_its_kind_s_noun_is_that_name(a, a_lang, b, same):
    from service.nlp.entities import same_name

    assert same_name(a, a_lang, b, "de") is same


@pytest.mark.parametrize("statement", [
    # a bare figure opening its clause as the subject of a perfect counts the people who did it
    "1,300 had stopped work at the plant",
    "The company said 1,300 had stopped work on Thursday.",
    "Elf haben das Rennen aufgegeben",
])
def test_a_bare_figure_as_the_subject_of_a_perfect_counts_people(statement):
    _, claims = nlp.parse_statement(statement)
    assert claims[0].quantity is not None and claims[0].subject_key.startswith("people")


@pytest.mark.parametrize("a, b", [
    # an event and the state it puts what it befalls in count one group
    ("Police: 37 wedding guests in hospital", "37 Gäste wurden in Krankenhäuser gebracht, sagte die Polizei."),
    ("44 guests were taken to hospital, police said", "Polizei: 44 Gäste im Krankenhaus"),
])
def test_those_taken_to_hospital_are_in_hospital(a, b):
    x, y = first_figures(a, b)
    relation = relate(x, y, similarity=0.8)
    assert relation is not None and relation.relation in ("matching", "corroborating")


@pytest.mark.parametrize("text, language", [
    # a clause that opens with the whole it counts out of ("Von den Patienten …") holds a part
    ("Von den Patienten liegen noch sechs im Krankenhaus, teilte die Klinik mit.", "de"),
    ("Of the patients, six are still in hospital, the clinic said.", "en"),
])
def test_a_figure_after_of_the_noun_is_a_part(text, language):
    claim = analyse(text, language, date(2026, 9, 14))[0]
    assert claim.extra.get("part") is True


def test_a_clause_cut_from_a_sentence_is_no_headline_of_what_will_happen():
    claim = analyse("The Workers' Federation (ASB), which ran the rescue, continued to put the number of patients at "
                    "52.", "en", date(2026, 9, 14))[0]
    assert not claim.forecast


@pytest.mark.parametrize("text, event", [
    # a relative clause on the counted noun names what happened to it
    ("Der Verband sprach von 52 Menschen, die in Kliniken gebracht worden seien.", "hospitalised"),
    ("Die Klinik meldete 14 Patienten, bei denen eine Vergiftung festgestellt wurde.", "poisoned"),
    # (a relative clause with a figure of its own speaks of that figure)
    ("Der Verband sprach von 52 Menschen, von denen 12 in Kliniken gebracht wurden.", None),
])
def test_a_relative_clause_on_the_counted_noun_names_its_event(text, event):
    claim = next(c for c in analyse(text, "de", date(2026, 9, 14)) if c.quantity.value in (52, 14))
    assert claim.extra.get("event") == event
