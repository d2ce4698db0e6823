"""A check's frame candidates (the newest claims of a subject_key) are read from one index, on both databases,
in the order Repository.by_frame gives: not by sorting every claim of the frame (thousands in a large base)."""
from datetime import date, timedelta

import numpy as np
from sqlalchemy import select, text

from service.nlp.model import Citation, Claim
from service.store.models import ClaimRow


def _frame(repo, count, key="troops", undated_every=7):
    claims = []
    for i in range(count):
        body = f"Claim {i}"
        claim = Claim(text=body, language="en", end=len(body), subject_key=key)
        published = None if i % undated_every == 0 else (date(2024, 1, 1) + timedelta(days=i % 50)).isoformat()
        claim.citation = Citation(None, "Wire", "T", None, published, body, 0, len(body))
        claims.append(claim)
    return repo.add_claims(claims, np.random.default_rng(0).standard_normal((count, 512)).astype(np.float32))


def test_frame_ids_come_newest_first_from_the_frame_index(repo):
    _frame(repo, 120)
    _frame(repo, 30, key="other")
    cut = date(2024, 1, 20)
    for as_of in (None, cut):
        ids = repo.index.frame_ids("troops", as_of=as_of, limit=50)
        assert ids == [claim.id for claim in repo.by_frame("troops", as_of=as_of, limit=50)]
    # the dated ones first (newest first, later seqs before earlier on the same day), the undated last
    rows = {row.id: row for row in repo.engine.connect().execute(
        select(ClaimRow.id, ClaimRow.published, ClaimRow.seq).where(ClaimRow.subject_key == "troops"))}
    ids = repo.index.frame_ids("troops", limit=200)
    order = [(rows[i].published is None, -(rows[i].published or date.min).toordinal(), -rows[i].seq) for i in ids]
    assert order == sorted(order) and len(ids) == 120

    query = select(ClaimRow.id).where(ClaimRow.subject_key == "troops") \
        .order_by(ClaimRow.published.desc().nulls_last(), ClaimRow.seq.desc()).limit(500)
    sql = str(query.compile(repo.engine, compile_kwargs={"literal_binds": True}))
    with repo.engine.connect() as connection:
        if repo.engine.dialect.name == "sqlite":
            plan = " ".join(str(row[-1]) for row in connection.execute(text("EXPLAIN QUERY PLAN " + sql)))
            assert "ix_claims_frame" in plan and "TEMP B-TREE" not in plan, plan
        else:
            # A tiny table is read and sorted otherwise: with sorting made dearest, the plan shows whether an
            # index serves the order.
            connection.execute(text("SET enable_sort = off"))
            connection.execute(text("SET enable_seqscan = off"))
            plan = " ".join(row[0] for row in connection.execute(text("EXPLAIN " + sql)))
            assert "ix_claims_frame" in plan and "Sort" not in plan, plan
