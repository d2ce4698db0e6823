"""What checker._candidates leaves out before relating never relates: a stored claim whose figure is of
another kind (relations.kind) than the statement claim's, or about a place the statement claim's place
neither is, holds nor lies in (gazetteer().compatible of relations.where), or that has a figure where the
statement claim has none, or none where it has one. Held against relate() itself over the frame-pair
corpus's sentences in both roles and at any similarity, so a change of relate() that lets such pairs
relate fails here."""
import random

from benchmarks import frames
from service import nlp
from service.nlp.extract import analyse
from service.nlp.places import gazetteer
from service.relations import kind, relate, unit_similarity, where


def _claims():
    sides = list({side["text"]: side for pair in frames.load() for side in (pair["a"], pair["b"])}.values())
    claims = [claim for side in sides for claim in analyse(side["text"], side["language"], None)]
    for text in ("Heute regnet es in Hamburg.", "The minister denied the report.",
                 "Die Regierung bestätigte den Bericht über die Truppen.", "Russia has North Korean soldiers."):
        claims += nlp.parse_statement(text)[1]
    return claims


def test_candidates_left_out_never_relate():
    claims = _claims()
    with_figure = [claim for claim in claims if claim.quantity is not None]
    without = [claim for claim in claims if claim.quantity is None]
    assert len(with_figure) > 500 and without
    rng = random.Random(13)
    other_kind, checked = {}, 0
    for claim in with_figure:
        other_kind.setdefault(kind(claim), []).append(claim)
    kinds = list(other_kind)
    assert len(kinds) >= 4
    pairs = []
    for _ in range(1500):
        a, b = rng.sample(kinds, 2)
        pairs.append((rng.choice(other_kind[a]), rng.choice(other_kind[b])))
    pairs += [(rng.choice(with_figure), rng.choice(without)) for _ in range(300)]
    pairs += [(rng.choice(without), rng.choice(with_figure)) for _ in range(300)]
    for statement, stored in pairs:
        for similarity in (0.0, 0.5, 1.0):
            assert relate(statement, stored, similarity, unit_similarity) is None, (statement.text, stored.text)
            checked += 1
    assert checked == 3 * 2100


def _placed(claim, place: str):
    """The claim about another place: its own place, or the scene of its story where it names none."""
    import dataclasses

    if claim.location_key:
        return dataclasses.replace(claim, location_key=place)
    return dataclasses.replace(claim, extra={**claim.extra, "scene": place})


def test_candidates_about_an_incompatible_place_never_relate():
    geo = gazetteer()
    with_figure = [claim for claim in _claims() if claim.quantity is not None]
    rng = random.Random(17)
    places = sorted({where(claim) for claim in with_figure if where(claim)} | {"DE", "FR", "US", "RU", "?:brakenfeld"})
    pairs, checked = [], 0
    # pairs as the corpus has them where their places do not fit, and pairs that would relate (the same
    # claim, or a claim of its frame pair) moved to a place that does not fit the other's
    for _ in range(1500):
        a, b = rng.choice(with_figure), rng.choice(with_figure)
        if not geo.compatible(where(a), where(b)):
            pairs.append((a, b))
    for claim in rng.sample(with_figure, 400):
        for place in rng.sample(places, 6):
            moved = _placed(claim, place)
            if not geo.compatible(where(claim), where(moved)):
                pairs += [(claim, moved), (moved, claim)]
    assert len(pairs) > 500     # (a claim with no place fits every place: only placed claims make pairs)
    for statement, stored in pairs:
        assert not geo.compatible(where(statement), where(stored))
        for similarity in (0.0, 0.5, 1.0):
            assert relate(statement, stored, similarity, unit_similarity) is None, (statement.text, stored.text)
            checked += 1
    # and the same claims at a fitting place do relate, so the premise is not true for want of pairs that relate
    assert any(relate(claim, claim, 1.0, unit_similarity) for claim in with_figure[:50])
