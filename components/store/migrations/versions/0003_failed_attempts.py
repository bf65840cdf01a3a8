"""Failed attempts at a secret (a publishing key, an owner link), so a rate limit holds across replicas.

Revision ID: 0003_failed_attempts
Revises: 0002_live_room
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_failed_attempts"
down_revision = "0002_live_room"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "failed_attempts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("scope", sa.String(40), nullable=False),
        sa.Column("subject_hash", sa.String(64), nullable=False),
        sa.Column("session_hash", sa.String(64), nullable=False),
        sa.Column("at", sa.Float, nullable=False),
    )
    op.create_index("ix_failed_attempts_subject", "failed_attempts", ["scope", "subject_hash", "at"])
    op.create_index("ix_failed_attempts_session", "failed_attempts", ["scope", "session_hash", "at"])


def downgrade() -> None:
    op.drop_index("ix_failed_attempts_session", table_name="failed_attempts")
    op.drop_index("ix_failed_attempts_subject", table_name="failed_attempts")
    op.drop_table("failed_attempts")
