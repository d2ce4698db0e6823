"""The claims of a frame, newest first, read from one index: `frame_ids` (a check's frame candidates) asks for
the newest 500 of a subject_key, which without it sorted every claim of the frame on every check (thousands
in a large base).

Revision ID: 0005
Revises: 0004
"""
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The order of Repository.by_frame and VectorIndex.frame_ids; the id makes it a covering index. SQLite
    # puts NULLs first in ascending order, so DESC is NULLS LAST there.
    nulls = " NULLS LAST" if op.get_bind().dialect.name == "postgresql" else ""
    op.execute(f"CREATE INDEX IF NOT EXISTS ix_claims_frame ON claims (subject_key, published DESC{nulls}, seq DESC, id)")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_claims_frame")
