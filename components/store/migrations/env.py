"""Alembic's environment for the store: always run programmatically (components.store.migrate), with the
connection handed over in `config.attributes["connection"]`."""

from __future__ import annotations

from alembic import context

from components.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
context.run_migrations()
