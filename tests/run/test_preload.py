"""run.preload: the language identifier loaded in the background, once, before its first use."""

from __future__ import annotations

import subprocess
import sys


def test_start_then_wait_leaves_the_language_identifier_loaded():
    # A fresh interpreter: this one may have loaded the identifier already.
    code = (
        "import py3langid.langid as L; from storyline.run import preload; "
        "assert L.IDENTIFIER is None; preload.start(); preload.start(); preload.wait(); "
        "assert L.IDENTIFIER is not None; import threading; assert threading.active_count() == 1"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_cli_imports_no_pipeline_before_it_knows_the_command():
    code = "import sys, storyline.cli; assert 'spacy' not in sys.modules and 'storyline.api' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
