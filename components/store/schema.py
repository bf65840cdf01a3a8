"""The store's tables (SQLAlchemy Core). The migrations in migrations/versions create exactly these; a change
here needs a new migration there.

Times are seconds since the epoch (float). Secrets (browser bindings, private link ids, owner tokens) are
kept only as SHA-256 hex digests.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# Study data a room or a published study refers to (an uploaded study, serialised by its user); addressed by
# the SHA-256 of its content, so the same upload is kept once.
study_data = sa.Table(
    "study_data",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("content", sa.LargeBinary, nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("last_used_at", sa.Float, nullable=False),
)

# Presenter rooms. `code` names a room (it is in the URL); `owner_hash` binds it to the browser that opened it.
rooms = sa.Table(
    "rooms",
    metadata,
    sa.Column("code", sa.String(32), primary_key=True),
    sa.Column("owner_hash", sa.String(64), nullable=False),
    sa.Column("data_id", sa.String(64), sa.ForeignKey("study_data.id", ondelete="RESTRICT"), nullable=True),
    sa.Column("state", sa.JSON, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("last_used_at", sa.Float, nullable=False),
    sa.Index("ix_rooms_last_used_at", "last_used_at"),
)

# What people in a room send (answers, votes, questions): appended, never edited, so two replicas writing at
# once both keep theirs. Deleted with their room.
room_entries = sa.Table(
    "room_entries",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("room_code", sa.String(32), sa.ForeignKey("rooms.code", ondelete="CASCADE"), nullable=False),
    sa.Column("author_hash", sa.String(64), nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("body", sa.JSON, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Index("ix_room_entries_room_code_id", "room_code", "id"),
)

# A kept plan or self-assessment: whoever has the private link id may open it; no accounts.
kept_items = sa.Table(
    "kept_items",
    metadata,
    sa.Column("id_hash", sa.String(64), primary_key=True),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("last_used_at", sa.Float, nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False),
    sa.Index("ix_kept_items_expires_at", "expires_at"),
)

# A published study: anyone with its id (at least 128 random bits) may read it; the owner token deletes it.
published_studies = sa.Table(
    "published_studies",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("owner_token_hash", sa.String(64), nullable=False),
    sa.Column("data_id", sa.String(64), sa.ForeignKey("study_data.id", ondelete="RESTRICT"), nullable=False),
    sa.Column("meta", sa.JSON, nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False),
    sa.Index("ix_published_studies_expires_at", "expires_at"),
)
