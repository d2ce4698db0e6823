"""The lexical index: language-aware terms, and kept in step with inserts and deletes on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
from sqlalchemy import delete, text

from service import encoder
from service.nlp.model import Citation, Claim
from service.store import lexical
from service.store.models import ClaimRow


def stored(repo, sentences: list[tuple[str, str]], title: str | None = None) -> list[str]:
    claims = []
    for sentence, language in sentences:
        claim = Claim(text=sentence, language=language, start=0, end=len(sentence))
        claim.citation = Citation(None, "Test", title, None, "2024-10-28", sentence, 0, len(sentence))
        claims.append(claim)
    return repo.add_claims(claims, encoder.embed([claim.text for claim in claims]))


def found(repo, query: str) -> list[str]:
    return [claim_id for claim_id, _ in repo.lexical.search(query, 10)]


@pytest.mark.parametrize("a, b, language", [
    ("Soldaten", "Soldat", "de"), ("Regierungen", "Regierung", "de"), ("Häuser", "Haus", "de"),
    ("troops", "troop", "en"), ("running", "runs", "en"), ("hospitals", "hospital", "en"),
])
def test_inflections_share_a_term(a, b, language):
    assert lexical.terms(a, language) == lexical.terms(b, language)


def test_stop_words_are_per_language():
    # "die" is an article in German and a verb in English
    assert lexical.terms("die Soldaten", "de") == lexical.terms("Soldaten", "de")
    assert "die" in lexical.terms("soldiers die", "en")
    assert lexical.terms("", "en") == [] and lexical.terms(None, "de") == []


def test_a_query_is_read_in_both_languages():
    terms = lexical.query_terms("Soldaten troops")
    assert set(lexical.terms("Soldaten", "de")) <= set(terms) and set(lexical.terms("troops", "en")) <= set(terms)


def test_index_follows_inserts_and_deletes(repo):
    ids = stored(repo, [("Laut Polizei demonstrierten in Köln 1200 Menschen.", "de"),
                        ("The Pentagon says 10,000 North Korean troops are in Kursk.", "en")])
    assert found(repo, "Demonstranten in Köln") == [ids[0]]
    assert found(repo, "troop Kursk") == [ids[1]]
    assert repo.delete(ids[0])
    assert found(repo, "Demonstranten in Köln") == []
    assert found(repo, "troops") == [ids[1]]
    # a delete that does not go through the repository (another process, SQL) is followed too
    with repo.engine.begin() as connection:
        connection.execute(delete(ClaimRow).where(ClaimRow.id == ids[1]))
    assert found(repo, "troops") == []


def test_index_holds_the_title_and_follows_updates(repo):
    [claim_id] = stored(repo, [("Ein Wolf hat einen Schulbus angegriffen.", "de")], title="Wolfsangriff in Brandenburg")
    assert found(repo, "Brandenburg") == [claim_id]
    with repo.engine.begin() as connection:
        connection.execute(text("UPDATE claims SET text = 'Ein Bär hat einen Schulbus angegriffen.' WHERE id = :id"),
                           {"id": claim_id})
    assert found(repo, "Bären") == [claim_id] and found(repo, "Wolf") == []


def test_document_cascade_leaves_no_terms(repo):
    with repo.transaction() as tx:
        document = tx.add_document(text="Rund 500 Feuerwehrleute löschten den Brand.", content_hash="h" * 64,
                                   title=None, publisher=None, url=None, published=None, language="de")
        claim = Claim(text="Rund 500 Feuerwehrleute löschten den Brand.", language="de", start=0, end=44)
        claim.citation = Citation(document.id, None, None, None, None, claim.text, 0, 44)
        tx.add_claims([claim], encoder.embed([claim.text]))
    assert found(repo, "Feuerwehrleute") == [claim.id]
    with repo.engine.begin() as connection:
        connection.execute(text("DELETE FROM documents WHERE id = :id"), {"id": document.id})
    assert found(repo, "Feuerwehrleute") == []


def test_migration_indexes_claims_stored_before_it(database_url, warm_encoder):
    """Upgrading a base of revision 0001 fills the index from the claims already there."""
    from alembic import command
    from alembic.config import Config

    from service.store import MIGRATIONS, Repository, make_engine, migrate

    engine = make_engine(database_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    repo = Repository(engine)
    [claim_id] = stored(repo, [("Die Bahn streicht alle Nachtzüge.", "de")])
    migrate(engine)
    assert found(repo, "Nachtzug") == [claim_id]
    engine.dispose()
