"""The command line, driven in-process against throwaway stores."""

from __future__ import annotations

import gzip
import json

import pytest

from storyline.cli import main
from tests.conftest import EXAMPLES
from tests.pipeline.ingest.test_fetch import server  # noqa: F401 (a fixture)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_stories_show_export_search(tmp_path, capsys):
    db = str(tmp_path / "t.db")
    code, out, _ = run(capsys, "ingest", str(EXAMPLES), "--db", db)
    assert code == 0 and "ingested 13, unchanged 0, rejected 0" in out

    code, out, _ = run(capsys, "stories", "--db", db, "--json")
    stories = json.loads(out)
    assert code == 0 and len(stories) == 4
    assert [len(s["articles"]) for s in stories] == [2, 3, 3, 5]  # newest first: C, B, D, A

    code, out, _ = run(capsys, "stories", "--db", db)
    assert code == 0 and stories[0]["id"] in out and stories[0]["title"] in out

    story = stories[-1]["id"]
    code, out, _ = run(capsys, "show", story, "--db", db)
    assert code == 0 and out.startswith("# ") and "## Summary" in out and "## Quotes" in out
    code, out, _ = run(capsys, "show", story, "--db", db, "--format", "json")
    assert code == 0 and json.loads(out)["id"] == story
    code, out, _ = run(capsys, "show", story, "--db", db, "--format", "html")
    assert code == 0 and out.startswith("<!doctype html>") and "<script" not in out

    code, out, _ = run(capsys, "export", "--db", db, "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["type"] for r in rows].count("article") == 13 and [r["type"] for r in rows].count("story") == 4
    code, out, _ = run(capsys, "export", "--db", db, "--format", "md", "--story", story)
    assert code == 0 and out.count("\n# ") + out.startswith("# ") == 1

    code, out, _ = run(capsys, "search", "maritime", "--db", db, "--json")
    hits = json.loads(out)
    assert code == 0 and hits and all(h["story"] == stories[0]["id"] for h in hits)


def test_unknown_story_is_one_line_error(tmp_path, capsys):
    code, out, err = run(capsys, "show", "nope", "--db", str(tmp_path / "t.db"))
    assert code != 0 and out == "" and err.count("\n") == 1 and "nope" in err


def test_search_syntax_is_safe(tmp_path, capsys):
    code, _, err = run(capsys, "search", 'trade "talks', "AND", "-", "--db", str(tmp_path / "t.db"))
    assert code == 0, err


def test_bad_inputs_are_named_and_the_batch_goes_on(tmp_path, capsys):
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (bad / "latin1.txt").write_bytes("Caf\xe9 society".encode("latin-1"))
    (bad / "empty.txt").write_text("")
    (bad / "mixed.jsonl").write_text(
        json.dumps({"id": "ok", "title": "A fine title", "text": "The council met on Tuesday and approved the new budget for the library."})
        + "\n{not json}\n"
        + json.dumps({"id": "no-body", "title": "x"}) + "\n"
    )
    (bad / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * 60_000_000))
    code, out, err = run(capsys, "ingest", str(bad), "--db", str(tmp_path / "t.db"))
    assert code == 0
    assert "ingested 1, unchanged 0, rejected 6" in out
    lines = [line for line in err.strip().splitlines() if line.startswith("error: ")]
    assert len(lines) == 6
    # then the count by kind, one line: "rejected 6: 2 malformed input, 2 not text, …"
    assert err.strip().splitlines()[-1].startswith("rejected 6: ")
    expected = {
        "binary.html": "binary", "latin1.txt": "UTF-8", "empty.txt": "empty",
        "mixed.jsonl:2": "malformed JSON", "mixed.jsonl:3": "neither", "bomb.txt.gz": "decompressed size",
    }
    for name, reason in expected.items():
        assert any(name + ":" in line and reason in line for line in lines), (name, lines)


def test_missing_path_is_reported(tmp_path, capsys):
    code, out, err = run(capsys, "ingest", str(tmp_path / "absent"), "--db", str(tmp_path / "t.db"), "--json")
    summary = json.loads(out)
    assert code == 0 and summary["ingested"] == 0 and summary["rejected"][0]["reason"] == "no such file or folder"
    assert "absent" in err


def test_db_from_environment(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("STORYLINE_DB", str(tmp_path / "env.db"))
    code, _, _ = run(capsys, "stories")
    assert code == 0 and (tmp_path / "env.db").exists()


def test_watch_and_url_ingest_against_a_local_server(tmp_path, capsys, server):
    db = str(tmp_path / "t.db")
    code, _, err = run(capsys, "ingest", f"{server}/page.html", "--db", db)
    assert code == 0 and "127.0.0.1" in err and "private" in err  # refused without --allow-private
    code, out, _ = run(capsys, "watch", f"{server}/page.html", "--db", db, "--every", "1s", "--rounds", "2", "--allow-private")
    lines = out.strip().splitlines()
    assert code == 0 and "ingested 1" in lines[0] and "ingested 0" in lines[1]
    code, _, err = run(capsys, "watch", "not-a-url", "--db", db, "--rounds", "1")
    assert code == 1 and "not an http(s) URL" in err


def test_recluster_keeps_the_intended_grouping_and_is_order_free(tmp_path, capsys):
    db = str(tmp_path / "t.db")
    run(capsys, "ingest", str(EXAMPLES), "--db", db)
    _, before, _ = run(capsys, "stories", "--db", db, "--json")
    code, out, _ = run(capsys, "recluster", "--db", db, "--json")
    assignment = json.loads(out)
    assert code == 0 and len(assignment) == 13 and len(set(assignment.values())) == 4
    _, after, _ = run(capsys, "stories", "--db", db, "--json")
    assert sorted(map(lambda s: sorted(s["articles"]), json.loads(after))) == sorted(
        map(lambda s: sorted(s["articles"]), json.loads(before))
    )
