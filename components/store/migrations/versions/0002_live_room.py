"""The live room: join codes of presenter rooms opened to the room, and the answers phones send to them.

Revision ID: 0002_live_room
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_live_room"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "live_rooms",
        sa.Column("join_code", sa.String(8), primary_key=True),
        sa.Column("room_code", sa.String(32), sa.ForeignKey("rooms.code", ondelete="CASCADE"), nullable=False),
        sa.Column("owner_hash", sa.String(64), nullable=False),
        sa.Column("state", sa.JSON, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
        sa.UniqueConstraint("room_code", name="uq_live_rooms_room_code"),
    )
    op.create_index("ix_live_rooms_expires_at", "live_rooms", ["expires_at"])
    op.create_table(
        "live_answers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("join_code", sa.String(8), sa.ForeignKey("live_rooms.join_code", ondelete="CASCADE"), nullable=False),
        sa.Column("question_id", sa.String(40), nullable=False),
        sa.Column("participant_hash", sa.String(64), nullable=False),
        sa.Column("answer", sa.JSON, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.UniqueConstraint("join_code", "question_id", "participant_hash", name="uq_live_answers_one_per_person"),
    )


def downgrade() -> None:
    op.drop_table("live_answers")
    op.drop_table("live_rooms")
