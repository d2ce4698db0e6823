"""On PostgreSQL a transaction can commit after a later one; the vector index must still find its claims."""
from __future__ import annotations

import numpy as np

from service.nlp.model import Citation, Claim
from service.store import Repository, make_engine, migrate

DIM = 512


def claim(text: str) -> Claim:
    made = Claim(text=text, language="en", end=len(text))
    made.citation = Citation(None, "Wire", "T", None, "2024-10-28", text, 0, len(text))
    return made


def test_a_claim_committed_after_a_later_one_is_searchable(postgres_database):
    engine = make_engine(postgres_database)
    migrate(engine)
    repo = Repository(engine)
    vectors = np.eye(DIM, dtype=np.float32)[:2]
    try:
        with repo.transaction() as slow:
            first = slow.add_claims([claim("first, committed last")], vectors[:1])[0]   # takes the lower seq
            second = repo.add_claims([claim("second, committed first")], vectors[1:])[0]
            assert [claim_id for claim_id, _ in repo.index.search(vectors[1], 1)] == [second]
        # Now the lower seq is committed, after the index has seen a higher one.
        assert [claim_id for claim_id, _ in repo.index.search(vectors[0], 1)] == [first]
        assert repo.similarities(vectors[0], [first, second]) == {first: 1.0, second: 0.0}
    finally:
        engine.dispose()
