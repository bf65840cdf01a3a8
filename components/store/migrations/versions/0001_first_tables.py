"""The first tables: study data, rooms and what is sent to them, kept plans and assessments, published studies.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "study_data",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("last_used_at", sa.Float, nullable=False),
    )
    op.create_table(
        "rooms",
        sa.Column("code", sa.String(32), primary_key=True),
        sa.Column("owner_hash", sa.String(64), nullable=False),
        sa.Column("data_id", sa.String(64), sa.ForeignKey("study_data.id", ondelete="RESTRICT"), nullable=True),
        sa.Column("state", sa.JSON, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("last_used_at", sa.Float, nullable=False),
    )
    op.create_index("ix_rooms_last_used_at", "rooms", ["last_used_at"])
    op.create_table(
        "room_entries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("room_code", sa.String(32), sa.ForeignKey("rooms.code", ondelete="CASCADE"), nullable=False),
        sa.Column("author_hash", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("body", sa.JSON, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_index("ix_room_entries_room_code_id", "room_entries", ["room_code", "id"])
    op.create_table(
        "kept_items",
        sa.Column("id_hash", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("last_used_at", sa.Float, nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
    )
    op.create_index("ix_kept_items_expires_at", "kept_items", ["expires_at"])
    op.create_table(
        "published_studies",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("owner_token_hash", sa.String(64), nullable=False),
        sa.Column("data_id", sa.String(64), sa.ForeignKey("study_data.id", ondelete="RESTRICT"), nullable=False),
        sa.Column("meta", sa.JSON, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
    )
    op.create_index("ix_published_studies_expires_at", "published_studies", ["expires_at"])


def downgrade() -> None:
    op.drop_table("published_studies")
    op.drop_table("kept_items")
    op.drop_table("room_entries")
    op.drop_table("rooms")
    op.drop_table("study_data")
