"""The compact per-claim records beside the index base give relate() exactly the claims the database gives:
every field and value, through new generations, deletes and a restart, and never a deleted claim."""
from datetime import date

import numpy as np

from service import checker
from service.ingest import ClaimInput, add_claims, ingest_document
from service.store import Repository
from service.store.index import Base, VectorIndex

SENTENCES = [
    "Laut Polizei demonstrierten rund 12.000 Menschen in Leipzig.",
    "Das Pentagon spricht von 10.000 nordkoreanischen Soldaten in Russland.",
    "Kyiv Post: up to 10,000 North Korean troops are in Russia.",
    "Ukraine says 3,000 North Korean soldiers are in Russia.",
    "Der Umsatz stieg um 4,5 Prozent auf 2,3 Milliarden Euro.",
    "The company will cut another 1,500 jobs by 2025, its chief executive said.",
    "Mindestens 205 Menschen kamen bei dem Hochwasser in Valencia ums Leben.",
    "Inflation eased to 2.4% in October, the statistics office said.",
    "Heute regnet es in Hamburg.",
]
ARTICLE = ("Die US-Regierung schätzt die Zahl der Soldaten auf 10.000. Das Wetter war schön. "
           "Südkorea spricht von 3000 Soldaten im Osten Russlands. Das ist alles")


def _fill(repo, copies, start=0):
    inputs = [ClaimInput(text, publisher=f"Wire {i % 3}", title=f"Title {i}", url=f"https://example.org/{start + i}",
                         published=date(2024, 10, 1 + (start + i) % 28), language=None)
              for i, text in enumerate(SENTENCES * copies)]
    return [claim.id for claim in add_claims(repo, inputs)]


def _base(index: VectorIndex) -> Base:
    base = Base.open(index._path)
    assert base is not None and base.records is not None
    return base


def test_records_equal_the_database_through_generations_deletes_and_a_restart(repo, tmp_path):
    ids = _fill(repo, 3)
    ingest_document(repo, ARTICLE, title="Nato", publisher="Agentur", url="https://example.org/a",
                    published=date(2024, 10, 28), relations=False)
    index = VectorIndex(repo.engine, path=tmp_path / "index", ann_min=20, delta_max=10, background=False)
    index.refresh(build=True)
    base = _base(index)
    every = [claim_id.decode() for claim_id in base.ids]
    assert len(every) == repo.count() and len(base.records) == len(every)
    assert base.records.claims(base.rows_of_ids(every)) == repo.get_many(every)

    # a new generation: the rows it carries keep their records, the new ones are packed from the database
    repo.delete(ids[0])
    ids += _fill(repo, 2, start=100)
    index.refresh(build=True)
    base = _base(index)
    assert base.generation == 2
    every = [claim_id.decode() for claim_id in base.ids]
    assert ids[0] not in every and ids[-1] in every
    assert base.records.claims(base.rows_of_ids(every)) == repo.get_many(every)

    # a restarted process reads the same claims from the file, without the database
    restarted = VectorIndex(repo.engine, path=tmp_path / "index", ann_min=20, delta_max=10, background=False)
    restarted.refresh(build=False)
    assert restarted._base is not None and restarted._base.records is not None
    asked = []
    got = restarted.claims(every, lambda missing: asked.append(list(missing)) or repo.get_many(missing))
    assert asked == []
    assert [got[claim_id] for claim_id in every] == repo.get_many(every)


def test_a_deleted_claim_is_never_read_from_its_record(repo, tmp_path):
    ids = _fill(repo, 3)
    index = VectorIndex(repo.engine, path=tmp_path / "index", ann_min=20, delta_max=1000, background=False,
                        claim_cache=0)
    index.refresh(build=True)
    assert index._base is not None and index._base.records is not None
    Repository(repo.engine).delete(ids[1])         # through another process's Repository
    index.refresh()                                # (a small base counts on every refresh)
    asked = []
    got = index.claims(ids[:3], lambda missing: asked.append(list(missing)) or repo.get_many(missing))
    assert ids[1] not in got and asked == [[ids[1]]]
    assert [got[ids[0]], got[ids[2]]] == repo.get_many([ids[0], ids[2]])


def test_checks_answer_the_same_from_records_and_from_the_database(app, tmp_path):
    repo = app.extensions["claimcheck.repo"]
    _fill(repo, 3)
    statements = ["US says 10,000 troops", "Die Polizei spricht von 15.000 Demonstranten in Leipzig.",
                  "Inflation was 3% in October.", "Es regnet in Hamburg."]
    sides = []
    for _ in range(2):      # the same index file, one side with its records and one without
        side = Repository(repo.engine)
        side.index = VectorIndex(repo.engine, path=tmp_path / "index", ann_min=20, claim_cache=0, background=False)
        side.index.refresh(build=True)
        assert side.index._base is not None and side.index._base.records is not None
        sides.append(side)
    from_records, from_database = sides
    from_database.index._base.records = None
    for statement in statements:
        expected = checker.check(from_database, statement, as_of=date(2024, 11, 1))
        assert checker.check(from_records, statement, as_of=date(2024, 11, 1)) == expected


def test_a_file_without_records_is_still_served_from_the_database(repo, tmp_path):
    """Index files written before records existed (or records lost) leave reading to the database."""
    ids = _fill(repo, 3)
    index = VectorIndex(repo.engine, path=tmp_path / "index", ann_min=20, background=False, claim_cache=0)
    index.refresh(build=True)
    (offsets,) = (tmp_path / "index").glob("*.recoff.npy")
    offsets.unlink()                    # half of the records gone: the other half is not used either
    reopened = VectorIndex(repo.engine, path=tmp_path / "index", ann_min=20, background=False, claim_cache=0)
    reopened.refresh(build=False)
    assert reopened._base is not None and reopened._base.records is None
    got = reopened.claims(ids, repo.get_many)
    assert [got[claim_id] for claim_id in ids] == repo.get_many(ids)
    assert np.all(reopened._base.rows_of_ids(ids) >= 0)


def test_screened_keeps_what_the_filter_keeps_and_reads_each_claim_once(repo, tmp_path):
    """VectorIndex.screened gives the claims of claims() that `keep` keeps by their traits; a claim's traits
    are derived once (base rows and claims outside the base file alike), only the kept claims are cached,
    and a claim deleted since is never given."""
    ids = _fill(repo, 3)
    index = VectorIndex(repo.engine, path=tmp_path / "index", ann_min=20, delta_max=1000, background=False)
    index.refresh(build=True)
    assert index._base is not None and len(index._base) == len(ids)
    newer = _fill(repo, 1, start=100)          # outside the base file: the delta
    index.refresh(build=False)
    every = ids + newer
    derived, asked = [], []

    def traits(claim):
        derived.append(claim.id)
        return claim.quantity.unit if claim.quantity else None

    def load(missing):
        asked.append(list(missing))
        return repo.get_many(missing)

    claims = {claim.id: claim for claim in repo.get_many(every)}
    wanted = {unit for unit in (traits(c) for c in claims.values()) if unit and "Soldaten" in unit}
    derived.clear()
    got = index.screened(every, load, "units", traits, lambda unit: unit in wanted)
    assert got and set(got) == {i for i, c in claims.items() if c.quantity and c.quantity.unit in wanted}
    assert all(got[i] == claims[i] for i in got)
    assert sorted(derived) == sorted(every)            # each claim's traits once
    assert set(index._claims) == set(got)              # only the kept ones are cached
    derived.clear()
    asked.clear()
    again = index.screened(every, load, "units", traits, lambda unit: unit in wanted)
    assert again == got and derived == [] and asked == []
    # another filter on the same traits: asked of the traits kept, nothing derived again
    other = index.screened(every, load, "units", traits, lambda unit: unit is None)
    assert derived == [] and set(other) == {i for i, c in claims.items() if c.quantity is None}
    gone = sorted(got)[0]
    Repository(repo.engine).delete(gone)
    index.refresh()
    assert gone not in index.screened(every, load, "units", traits, lambda unit: unit in wanted)
