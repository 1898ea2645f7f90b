"""Readers: one per input kind, each turning bytes into ``RawArticle`` records.

``read_paths`` walks files and folders and dispatches on the file name; a
file that cannot be read becomes a ``Reject`` naming it and the reason, and
the walk goes on.
"""

from storyline.pipeline.ingest.files import SUPPORTED_SUFFIXES, read_paths

__all__ = ["SUPPORTED_SUFFIXES", "read_paths"]
