"""Meta-tests: every setting has help text, every command is in the README."""

from __future__ import annotations

from storyline.cli import COMMANDS
from storyline.settings import Settings
from tests.conftest import ROOT


def test_every_setting_has_help():
    assert all(len(text) > 10 for text in Settings.help().values())


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    missing = [name for name in COMMANDS if f"storyline {name}" not in readme]
    assert missing == []


def test_settings_resolve_environment_then_overrides(monkeypatch):
    monkeypatch.setenv("STORYLINE_CLUSTER_WINDOW_DAYS", "3")
    monkeypatch.setenv("STORYLINE_PROGRESS", "no")
    settings = Settings.load({"db": "x.db"})
    assert (settings.cluster_window_days, settings.progress, settings.db) == (3, False, "x.db")
