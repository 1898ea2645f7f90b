"""The store: SQLite by default, one writer, typed load and save."""

from storyline.store.db import Store

__all__ = ["Store"]
