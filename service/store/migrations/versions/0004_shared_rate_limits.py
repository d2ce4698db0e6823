"""Rate-limit counts shared by every worker and replica: one row per kind and client, its window's start and count.

Revision ID: 0004
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Tests and restores drop claims, documents and alembic_version only: a table left from before is kept.
    if "rate_limits" in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(
        "rate_limits",
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("client", sa.String(128), primary_key=True),
        sa.Column("started", sa.Float, nullable=False),   # the window's start, seconds since the epoch
        sa.Column("count", sa.Integer, nullable=False),
    )
    op.create_index("rate_limits_started", "rate_limits", ["started"])


def downgrade() -> None:
    op.drop_index("rate_limits_started", table_name="rate_limits")
    op.drop_table("rate_limits")
