"""Nothing a user feeds in stops a batch: each bad input is one reject line, the store stays whole.

The battery ingests a folder of hostile inputs beside good ones through the CLI,
then checks each bad input gave exactly one (escaped) ``error:`` line, each good
one was stored, and the store still exports. Property tests drive the readers
and the clean stage with lone surrogates, control characters and huge texts.
``benchmarks/robustness.py`` runs the slow cases (real sizes, concurrent pairs).
"""

from __future__ import annotations

import json
import os
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.cli import main, printable
from storyline.errors import InputError
from storyline.models import RawArticle, Reject
from storyline.pipeline.analyze.nlp import pieces
from storyline.pipeline.base import Context
from storyline.pipeline.clean import Clean
from storyline.pipeline.ingest.files import read_file
from storyline.pipeline.ingest.html import decode_html
from storyline.pipeline.metadata import check_language, check_published
from storyline.settings import Settings

BODY = ("The harbour bridge reopened on Tuesday after three months of repairs, the council said. "
        "Engineers replaced the deck and the lights, and traffic is expected to return to normal by Friday.")
ABSURD_DATES = ["0001-01-01", "year -81", "-5000-01-01", "9999-99-99", "2024-02-30", "not a date", "2999-01-01"]


def _page(head: str, body: str = BODY) -> str:
    return f"<html><head><title>Bridge reopens</title>{head}</head><body><article><h1>Bridge reopens</h1>" \
           f"<p>{body}</p><p>{body}</p></article></body></html>"


def _battery(folder):
    """Write the hostile inputs; return (file name → expected reject count, names expected stored)."""
    good: list[str] = []
    bad: dict[str, int] = {}

    def put(name: str | bytes, data: bytes, rejects: int = 0) -> None:
        (folder / os.fsdecode(name)).write_bytes(data)
        key = os.fsdecode(name)
        if rejects:
            bad[key] = rejects
        else:
            good.append(key)

    put("surrogates.jsonl", (json.dumps({"id": "x\ud800", "text": BODY + " \udc00", "outlet": "Out\ud800let"},
                                        ensure_ascii=True) + "\n").encode())
    put(b"name\xff.txt", BODY.encode())
    put("dates.jsonl", "".join(json.dumps({"id": str(i), "text": f"{BODY} Item {i}.", "published": d}) + "\n"
                               for i, d in enumerate(ABSURD_DATES)).encode())
    put("types.jsonl", b'{"html": 7}\n', rejects=1)
    put("binary.jsonl", bytes(range(256)) * 80, rejects=1)
    put("evil\nerror: forged \x1b[31m.txt", b"\x00\x01binary", rejects=1)
    put("garbage.warc", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\nabcdefghij\r\n\r\n" * 40,
        rejects=1)
    huge = "".join(f"Paragraph {i}: {BODY}\n\n" for i in range(60))  # over the test's max_article_chars
    put("huge.txt", huge.encode(), rejects=1)
    put("latin1.html", _page('<meta charset="iso-8859-1">', BODY + " Caf\xe9 cr\xe8me.").encode("latin-1"))
    put("ld0001.html", _page('<script type="application/ld+json">{"@type": "NewsArticle", '
                             '"datePublished": "0001-01-01T00:00:00Z"}</script>').encode())
    os.mkfifo(folder / "pipe.txt")
    bad["pipe.txt"] = 1
    os.symlink("loop2.txt", folder / "loop1.txt")
    os.symlink("loop1.txt", folder / "loop2.txt")
    bad["loop1.txt"] = bad["loop2.txt"] = 1
    return bad, good


def test_hostile_inputs_each_give_one_reject_line_and_the_store_stays_whole(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    bad, good = _battery(folder)
    monkeypatch.setenv("STORYLINE_MAX_ARTICLE_CHARS", "5000")
    db = str(tmp_path / "t.db")
    code = main(["ingest", str(folder), "--db", db, "--quiet", "--json"])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""  # --quiet: no per-file lines, and nothing from warcio
    report = json.loads(out)
    rejected = [os.path.basename(r["source"]).removesuffix(":1") for r in report["rejected"]]
    assert sorted(rejected) == sorted(name for name, n in bad.items() for _ in range(n)), report["rejected"]
    assert report["ingested"] == len(good) + len(ABSURD_DATES) - 1

    code = main(["ingest", str(folder), "--db", db])
    out, err = capsys.readouterr()
    *lines, summary = err.splitlines()
    assert code == 0 and len(lines) == sum(bad.values()) and all(line.startswith("error: ") for line in lines)
    assert summary == f"rejected {sum(bad.values())}: " + ", ".join(f"{n} {kind}" for kind, n in
                                                                     report["rejected_by_kind"].items())
    assert report["rejected_by_kind"] == {"malformed input": 2, "not text": 2, "over a size cap": 1, "unreadable file": 3}
    assert "\x1b" not in err and "evil\\nerror: forged \\x1b[31m.txt" in err

    code = main(["export", "--db", db])
    articles = {os.path.basename(a["source"]): a for a in json.loads(capsys.readouterr()[0])["articles"]}
    assert code == 0
    assert "name\\xff.txt" in articles and "\ufffd" in articles["surrogates.jsonl:1"]["text"]
    assert articles["surrogates.jsonl:1"]["input_id"] == "x\ufffd"
    assert "Café crème" in articles["latin1.html"]["text"]
    dated = [a for name, a in articles.items() if name.startswith(("dates.jsonl", "ld0001"))]
    assert len(dated) == len(ABSURD_DATES) + 1
    assert all(a["published"] is None or a["published_estimated"] for a in dated)


@pytest.mark.parametrize("value", ABSURD_DATES)
def test_absurd_declared_dates_are_discarded_with_a_note(value):
    published, note = check_published(value)
    assert published is None and note and value[:10] in note


def test_a_date_after_the_fetch_is_discarded_and_sane_dates_kept():
    assert check_published("2024-03-05", fetched="2024-03-01")[0] is None
    assert check_published("2017-09-15 17:52 EST") == ("2017-09-15T17:52-05:00", None)
    assert check_published("1987-02-26") == ("1987-02-26", None)


def test_out_of_range_dates_in_every_input_kind_are_not_trusted():
    ctx = Context(Settings())
    cases = [
        RawArticle(source="t.txt", text=BODY, published="0001-01-01"),
        RawArticle(source="p.html", html=_page('<meta property="article:published_time" content="0001-01-01">'
                                               '<meta name="date" content="2019-05-04">')),
        RawArticle(source="w.warc#u", html=_page('<meta property="article:published_time" content="2031-01-01">'),
                   fetched="2020-01-01"),
        RawArticle(source="f.xml#1", text=BODY, published="0001-01-01T00:00:00+00:00"),
    ]
    published = [Clean().clean(raw, ctx) for raw in cases]
    assert [a.published for a in published] == [None, "2019-05-04", None, None]
    assert all(a.notes for a in published)
    assert ctx.counters == {} or all(k.startswith("discarded_") for k in ctx.counters)


def _warc(html: str, warc_date: str = "2024-01-01T00:00:00Z") -> bytes:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    WARCWriter(out, gzip=False).write_record(WARCWriter(io.BytesIO()).create_warc_record(
        "http://example.org/a", "response", payload=io.BytesIO(html.encode()), http_headers=headers,
        warc_headers_dict={"WARC-Date": warc_date}))
    return out.getvalue()


# One file of each input kind declaring (or showing) a date that cannot be true, and the note it must give.
DATED_FILES = {
    "json": ("a.json", json.dumps({"text": BODY, "published": "0001-01-01"}).encode(), "published '0001-01-01'"),
    "jsonl": ("a.jsonl", (json.dumps({"text": BODY, "published": "-5000-01-01"}) + "\n").encode(),
              "published '-5000-01-01'"),
    "rss": ("a.rss", f"<rss version='2.0'><channel><title>P</title><item><title>T</title><pubDate>Mon, 01 Jan 0001 "
                     f"00:00:00 GMT</pubDate><description>{BODY}</description></item></channel></rss>".encode(),
            "published '0001-01-01"),
    "atom": ("a.atom", f"<feed xmlns='http://www.w3.org/2005/Atom'><title>P</title><entry><title>T</title><id>e1</id>"
                       f"<updated>9999-12-31T00:00:00Z</updated><summary>{BODY}</summary></entry></feed>".encode(),
             "published '9999-12-31"),
    "warc page meta": ("a.warc", _warc(_page('<meta property="article:published_time" content="2031-01-01">')),
                       "published '2031-01-01' discarded: after the page was fetched (2024-01-01)"),
    "warc date": ("b.warc", _warc(_page(""), warc_date="0001-01-01T00:00:00Z"), "WARC-Date '0001-01-01"),
    "html meta": ("a.html", _page('<meta property="article:published_time" content="0001-01-01">').encode(),
                  "published '0001-01-01'"),
    "plain-text stamp": ("a.txt", f"Bridge reopens\n\nPublished: 01/01/0001\n\n{BODY}\n\n{BODY}".encode(),
                         "published stamp '0001-01-01' discarded: out of range"),
    "plain-text ISO stamp": ("b.txt", f"Bridge reopens\n\nUpdated: 2999-01-01 10:00\n\n{BODY}\n\n{BODY}".encode(),
                             "published stamp '2999-01-01T10:00' discarded: out of range"),
}


@pytest.mark.parametrize("kind", sorted(DATED_FILES))
def test_an_impossible_date_in_each_input_kind_is_discarded_with_a_note(kind, tmp_path):
    name, data, note = DATED_FILES[kind]
    (tmp_path / name).write_bytes(data)
    raws = list(read_file(tmp_path / name, Settings()))
    assert len(raws) == 1 and isinstance(raws[0], RawArticle), raws
    article = Clean().clean(raws[0], Context(Settings()))
    assert article.published is None
    assert any(n.startswith(note) for n in article.notes), article.notes


def test_language_codes_are_validated():
    assert check_language("en-GB") == ("en", None)
    assert check_language("zz-garbage!!")[0] is None and check_language("zz-garbage!!")[1]


def test_html_is_decoded_by_declared_charset_then_detection():
    latin = ("<html><body><p>" + "Le caf\xe9 fran\xe7ais a rouvert ses portes \xe0 midi. " * 20 + "</p></body></html>")
    assert "café" in decode_html(latin.encode("latin-1"), "x")  # undeclared: detected, not rejected
    declared = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head>'
    assert "“q”" in decode_html((declared + "<p>“q”</p>").encode("cp1252"), "x")


def test_printable_escapes_what_could_forge_a_line():
    assert printable("a\nerror: x\x1b[2J\u202e") == "a\\nerror: x\\x1b[2J\\u202e"
    assert printable("plain é name") == "plain é name"


# -- properties -----------------------------------------------------------------------------------

HOSTILE_TEXT = st.one_of(
    st.lists(
        st.one_of(
            st.characters(categories=["Cs", "Cc", "Cf", "Zl", "Zp"]),  # lone surrogates, controls, bidi marks
            st.characters(codec="utf-8"),
            st.sampled_from(["\n", "\n\n", " ", ".", '"', "“", "”", "Smith", "said", "0001-01-01"]),
        ),
        max_size=120,
    ).map("".join),
    # now and then a huge text (up to 300k characters), which must be read and cleaned in bounded time
    st.builds(lambda n, unit: unit * n, st.integers(1_000, 30_000), st.sampled_from(["word ", "Line \ud800.\n"])),
)
FIELDS = ("id", "url", "title", "text", "html", "published", "outlet", "byline", "language")
RECORD = st.dictionaries(
    st.sampled_from(FIELDS),
    st.one_of(HOSTILE_TEXT, st.integers(), st.none(), st.lists(HOSTILE_TEXT, max_size=3),
              st.dictionaries(st.just("name"), HOSTILE_TEXT, max_size=1)),
)


@settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.lists(RECORD, min_size=1, max_size=4))
def test_any_jsonl_gives_records_or_rejects_that_can_be_stored(tmp_path_factory, records):
    path = tmp_path_factory.mktemp("fuzz") / "f.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=True) for r in records) + "\n", encoding="ascii")
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (v TEXT)")
    ctx = Context(Settings())
    for item in read_file(path, Settings()):
        assert isinstance(item, RawArticle | Reject)
        for value in (getattr(item, name) for name in item.__slots__):
            if isinstance(value, str):
                db.execute("INSERT INTO t VALUES (?)", (value,))  # raises on a lone surrogate
        if isinstance(item, RawArticle):
            assert isinstance(item.text or item.html, str)
            try:
                article = Clean().clean(item, ctx)
            except InputError as exc:
                assert exc.reason
                continue
            db.execute("INSERT INTO t VALUES (?)", (article.text,))
            assert article.published is None or "0001" not in article.published[:4]


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.integers(1, 3_000_000), st.sampled_from(["word ", "a\n\nb. ", "x", "Line.\n"]), st.integers(50, 300_000))
def test_huge_texts_are_cut_into_bounded_pieces_that_join_back(length, unit, size):
    text = (unit * (length // len(unit) + 1))[:length]
    parts = pieces(text, size)
    assert "".join(parts) == text and all(0 < len(p) <= size for p in parts)


def test_a_folder_link_back_to_an_ancestor_is_read_once(tmp_path):
    from storyline.pipeline.ingest.files import iter_files

    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(BODY)
    os.symlink("..", tmp_path / "sub" / "up")
    found = list(iter_files([tmp_path]))
    assert [os.path.basename(str(f)) for f in found if not isinstance(f, Reject)] == ["a.txt"]
    assert [r.reason for r in found if isinstance(r, Reject)] == [
        "folder already read by another path (a symbolic link loop or a second link)"]


@pytest.mark.parametrize(("reason", "kind"), [
    ("analyze/8: time budget exceeded (60 s of CPU)", "time budget"),
    ("clean/4 failed: ValueError: boom", "stage error"),
    ("worker failed: BrokenProcessPool: gone", "worker died"),
    ("file is 61,000,000 bytes, over the 50,000,000 cap", "over a size cap"),
    ("response body over the 10,000,000-byte cap", "over a size cap"),
    ("decompressed size exceeds 50,000,000 bytes (gzip bomb?)", "over a size cap"),
    ("symbolic link loop", "unreadable file"),
    ("cannot list folder (Permission denied)", "unreadable file"),
    ("no body text left after cleaning", "no body"),
    ("record has neither 'text' nor 'html'", "no body"),
    ("empty input", "no body"),
    ("not valid UTF-8 (byte 0xe9 at offset 3)", "not text"),
    ("malformed JSON (Expecting value at column 1)", "malformed input"),
    ("host resolves to a non-public address (127.0.0.1); use --allow-private to permit it", "blocked address"),
    ("HTTP 404", "fetch failed"),
    ("response not complete after 60 s (too slow)", "fetch failed"),
    ("something nobody wrote a rule for", "other"),
])
def test_each_reject_reason_has_a_kind(reason, kind):
    from storyline.pipeline.reasons import kind_of

    assert kind_of(reason) == kind


def test_the_summary_counts_rejects_by_kind_most_frequent_first():
    from storyline.pipeline.reasons import summary

    rejects = [Reject("a", "empty input"), Reject("b", "analyze/8: time budget exceeded (1 s of CPU)"),
               Reject("c", "no body text left after cleaning"), Reject("d", "symbolic link loop")]
    assert summary(rejects) == "rejected 4: 2 no body, 1 time budget, 1 unreadable file"
    assert summary([]) == "rejected 0"


def test_a_slow_source_is_stored_as_it_is_read(tmp_path, monkeypatch):
    """A feed fetched page by page: each article waits for no full batch, so the store fills as it reads."""
    import storyline
    from storyline.run import local

    stored_before: list[int] = []
    db = str(tmp_path / "t.db")

    def slow_feed(path, settings):  # type: ignore[no-untyped-def]
        for i in range(4):
            with sqlite3.connect(db) as conn:
                stored_before.append(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
            yield RawArticle(source=f"https://news.example/{i}", text=f"Story {i}: {BODY}")

    monkeypatch.setattr(local, "read_file", slow_feed)
    monkeypatch.setattr(local, "BATCH_WAIT", -1.0)  # every article has waited "too long"
    with storyline.open(db, workers=1) as sl:
        report = sl.ingest(["https://news.example/feed.xml"])
    # The runner reads one batch ahead (to see whether a worker pool is worth starting), then stores as it reads.
    assert len(report.ingested) == 4 and stored_before == [0, 0, 2, 3]
