"""Models an ingest will need, loaded on a second core while this process imports the rest.

The language identifier's model ships LZMA-compressed and takes about half a
CPU-second to decompress, which CPython's ``lzma`` does without holding the
GIL: started before the command imports spaCy and the pipeline (a second and
a half of imports that do hold it), it costs a run no time at all instead of
delaying its first article, with one worker or many.
"""

from __future__ import annotations

import threading

_loader: threading.Thread | None = None


def _load_language_identifier() -> None:
    import py3langid

    py3langid.classify("")  # its first call loads the model into py3langid's module-level identifier


def start() -> None:
    """Begin loading in a background thread (once per process)."""
    global _loader
    if _loader is None:
        _loader = threading.Thread(target=_load_language_identifier, name="preload", daemon=True)
        _loader.start()


def wait() -> None:
    """Return once the loading begun by ``start`` is over: before forking workers (no thread may
    run across a fork) and before the first use, so the model is never loaded twice."""
    if _loader is not None:
        _loader.join()
