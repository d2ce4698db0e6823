"""Lexical index of the claims: SQLite FTS5 table, PostgreSQL tsvector column, kept in step by triggers.

Revision ID: 0002
Revises: 0001
"""
from alembic import op

from service.store import lexical

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_SQLITE_TERMS = f"{lexical.SQLITE_FUNCTION}(new.text || ' ' || coalesce(new.title, ''), new.language)"
_PG_CONFIG = " ".join(f"WHEN '{language}' THEN '{config}'" for language, config in lexical.PG_CONFIGS.items())


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE claims ADD COLUMN IF NOT EXISTS lexical tsvector")
        op.execute(f"""
            CREATE OR REPLACE FUNCTION claims_lexical_terms() RETURNS trigger AS $$
            BEGIN
                NEW.lexical := to_tsvector(
                    (CASE NEW.language {_PG_CONFIG} ELSE 'english' END)::regconfig,
                    coalesce(NEW.text, '') || ' ' || coalesce(NEW.title, ''));
                RETURN NEW;
            END $$ LANGUAGE plpgsql""")
        op.execute("CREATE TRIGGER claims_lexical_terms BEFORE INSERT OR UPDATE OF text, title, language "
                   "ON claims FOR EACH ROW EXECUTE FUNCTION claims_lexical_terms()")
        op.execute("UPDATE claims SET text = text")   # fills the column through the trigger
        op.execute("CREATE INDEX ix_claims_lexical ON claims USING gin (lexical)")
        return
    # The migration may run on a connection opened before the function was registered.
    lexical.register_functions(op.get_bind().connection.driver_connection)
    op.execute("CREATE VIRTUAL TABLE claims_lexical USING fts5(terms, tokenize = 'unicode61 remove_diacritics 0')")
    op.execute(f"CREATE TRIGGER claims_lexical_insert AFTER INSERT ON claims BEGIN "
               f"INSERT INTO claims_lexical (rowid, terms) VALUES (new.seq, {_SQLITE_TERMS}); END")
    op.execute(f"CREATE TRIGGER claims_lexical_update AFTER UPDATE OF text, title, language ON claims BEGIN "
               f"UPDATE claims_lexical SET terms = {_SQLITE_TERMS} WHERE rowid = new.seq; END")
    op.execute("CREATE TRIGGER claims_lexical_delete AFTER DELETE ON claims BEGIN "
               "DELETE FROM claims_lexical WHERE rowid = old.seq; END")
    op.execute(f"INSERT INTO claims_lexical (rowid, terms) SELECT seq, {_SQLITE_TERMS.replace('new.', '')} FROM claims")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS claims_lexical_terms ON claims")
        op.execute("DROP FUNCTION IF EXISTS claims_lexical_terms()")
        op.execute("DROP INDEX IF EXISTS ix_claims_lexical")
        op.execute("ALTER TABLE claims DROP COLUMN IF EXISTS lexical")
        return
    for trigger in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS claims_lexical_{trigger}")
    op.execute("DROP TABLE IF EXISTS claims_lexical")
