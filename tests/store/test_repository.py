"""Repository on SQLite and PostgreSQL: storing, reading, filtering, deleting, nearest and frame lookups."""
from datetime import date

import numpy as np
import pytest
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError

from service import encoder
from service.ingest import ClaimInput, add_claims, ingest_document
from service.nlp.model import Attributor, Citation, Claim, Quantity
from service.store import Repository, migrate
from service.store.repository import ClaimFilter

ARTICLE = ("Die US-Regierung schätzt die Zahl der Soldaten auf 10.000. Das Wetter war schön. "
           "Südkorea spricht von 3000 Soldaten im Osten Russlands. Das ist alles")


def stored(repo, text, *, attributor=None, subject_key=None, published="2024-10-28", publisher="Wire"):
    claim = Claim(text=text, language="de", end=len(text), subject=subject_key, subject_key=subject_key,
                  attributor=Attributor(attributor, attributor) if attributor else None,
                  quantity=Quantity(text="10.000", value=10000.0, low=10000.0, high=10000.0, qualifier="exact"),
                  extra={"parsed": True})
    claim.citation = Citation(None, publisher, "Title", None, published, text, 0, len(text))
    repo.add_claims([claim], encoder.embed([text]))
    return claim


def test_schema_has_both_tables(repo):
    assert {"documents", "claims"} <= set(inspect(repo.engine).get_table_names())
    migrate(repo.engine)   # running again changes nothing


def test_claim_round_trip_keeps_parts_citation_and_extra(repo):
    claim = stored(repo, "Die USA sprechen von 10.000 Soldaten.", attributor="US government", subject_key="troops")
    assert claim.id.startswith("c_")
    again = repo.get(claim.id)
    assert again.to_dict() == claim.to_dict()
    assert again.to_dict()["quantity"]["value"] == 10000
    assert again.extra == {"parsed": True}
    assert again.citation.quote == claim.text and again.citation.published == "2024-10-28"


def test_document_ingest_is_idempotent_and_citations_point_into_the_text(repo, figure_sentences):
    first = ingest_document(repo, ARTICLE, title="T", publisher="P", published=date(2024, 10, 28), language="de")
    assert first.created and first.document.id.startswith("d_")
    assert len(first.claims) == 2
    for claim in repo.claims_of(first.document.id):
        assert ARTICLE[claim.citation.start:claim.citation.end] == claim.citation.quote == claim.text
        assert claim.citation.document_id == first.document.id
    second = ingest_document(repo, ARTICLE)
    assert not second.created and second.document.id == first.document.id
    assert [c.id for c in second.claims] == [c.id for c in repo.claims_of(first.document.id)]
    assert repo.stats()["documents"] == 1


def test_batch_is_all_or_nothing(repo):
    texts = ["Kiew meldet 12.000 Soldaten.", "Seoul meldet 3000 Soldaten."]
    claims = [Claim(text=t, language="de", end=len(t)) for t in texts]
    # The second claim cites a document that does not exist: the foreign key refuses it.
    claims[1].citation = Citation("d_missing", None, None, None, None, texts[1], 0, len(texts[1]))
    with pytest.raises(IntegrityError):
        repo.add_claims(claims, encoder.embed(texts))
    assert repo.count() == 0
    assert add_claims(repo, [ClaimInput(texts[0], attributor="Ukraine")])[0].attributor.text == "Ukraine"
    assert repo.count() == 1


def test_delete(repo):
    claim = stored(repo, "Seoul spricht von 3000 Soldaten.")
    assert repo.delete(claim.id)
    assert repo.get(claim.id) is None
    assert not repo.delete(claim.id)
    assert repo.count() == 0


def test_list_filters_and_pages_newest_first(repo):
    for day in range(1, 6):
        stored(repo, f"Bericht {day}: {day}000 Soldaten.", attributor="US government" if day % 2 else "Ukraine",
               subject_key="troops", published=f"2024-10-0{day}")
    page, after = repo.list(ClaimFilter(), limit=2)
    assert [c.text[:9] for c in page] == ["Bericht 5", "Bericht 4"]
    rest, end = repo.list(ClaimFilter(), limit=10, before=after)
    assert [c.text[:9] for c in rest] == ["Bericht 3", "Bericht 2", "Bericht 1"] and end is None
    us, _ = repo.list(ClaimFilter(attributor="us government"))
    assert len(us) == 3
    window, _ = repo.list(ClaimFilter(since=date(2024, 10, 2), until=date(2024, 10, 3)))
    assert sorted(c.citation.published for c in window) == ["2024-10-02", "2024-10-03"]
    assert len(repo.list(ClaimFilter(subject="TROOPS"))[0]) == 5


def test_nearest_is_best_first_and_respects_as_of(repo):
    stored(repo, "North Korea sent 10,000 soldiers to Russia.", published="2024-10-28")
    stored(repo, "The weather in Berlin was sunny.", published="2024-10-01")
    query = encoder.embed(["Nordkorea schickte 10.000 Soldaten nach Russland."])[0]
    found = repo.nearest(query, k=5)
    assert [c.text for c, _ in found][0].startswith("North Korea")
    scores = [s for _, s in found]
    assert scores == sorted(scores, reverse=True)
    assert all(isinstance(c, Claim) and c.id and c.citation for c, _ in found)
    early = repo.nearest(query, k=5, as_of=date(2024, 10, 15))
    assert [c.text for c, _ in early] == ["The weather in Berlin was sunny."]


def test_by_frame_uses_subject_key_and_as_of(repo):
    stored(repo, "A 1", subject_key="troops", published="2024-10-20")
    stored(repo, "B 2", subject_key="troops", published="2024-10-25")
    stored(repo, "C 3", subject_key="missiles", published="2024-10-25")
    assert [c.text for c in repo.by_frame("troops")] == ["B 2", "A 1"]
    assert [c.text for c in repo.by_frame("troops", as_of=date(2024, 10, 21))] == ["A 1"]
    assert repo.by_frame("troops", limit=1)[0].citation.published == "2024-10-25"


def test_index_follows_writes_of_another_process(repo):
    """Two Repositories on one base stand for two workers: each sees what the other adds and deletes."""
    other = Repository(repo.engine)
    query = encoder.embed(["soldiers"])[0]
    assert other.nearest(query, 3) == []
    first = stored(repo, "500 soldiers arrived.")
    assert [c.id for c, _ in other.nearest(query, 3)] == [first.id]
    second = stored(repo, "700 soldiers left.")
    repo.delete(first.id)
    assert [c.id for c, _ in other.nearest(query, 3)] == [second.id]
    assert len(other.index) == 1


def test_vectors_are_float16_of_encoder_width(repo):
    from service.store.models import ClaimRow
    from sqlalchemy import select

    stored(repo, "Ein Satz mit 5 Zahlen.")
    with repo.engine.connect() as connection:
        blob = connection.execute(select(ClaimRow.vector)).scalar_one()
    assert len(blob) == encoder.DIM * 2
    assert np.frombuffer(blob, dtype=np.float16).shape == (encoder.DIM,)


def test_similarities_come_from_the_stored_vectors(repo):
    stored = add_claims(repo, [ClaimInput("Kiew meldet 12.000 Soldaten."), ClaimInput("Seoul meldet 3000 Soldaten.")])
    vector = encoder.embed(["Kiew meldet 12.000 Soldaten."])[0]
    ranked = dict((claim.id, score) for claim, score in repo.nearest(vector, 10))
    scores = repo.similarities(vector, [c.id for c in stored] + ["c_unknown"])
    assert set(scores) == {c.id for c in stored}
    for claim_id, score in scores.items():
        assert score == pytest.approx(ranked[claim_id], abs=1e-5)
    assert scores[stored[0].id] > scores[stored[1].id]
