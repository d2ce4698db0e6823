"""What checker._candidates leaves out before relating never relates: a stored claim whose figure is of
another kind (relations.kind) than the statement claim's, or that has a figure where the statement claim
has none, or none where it has one. Held against relate() itself over the frame-pair corpus's sentences
in both roles and at any similarity, so a change of relate() that lets such pairs relate fails here."""
import random

from benchmarks import frames
from service import nlp
from service.nlp.extract import analyse
from service.relations import kind, relate, unit_similarity


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
