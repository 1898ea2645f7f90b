"""Readers: every kind of input in, and every kind of bad input out as one clear reject."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.models import RawArticle, Reject
from storyline.pipeline.ingest.files import SUPPORTED_SUFFIXES, iter_files, read_file, read_paths
from storyline.settings import Settings

PAGE = "<html><head><title>Harbour reopens</title></head><body><p>The harbour reopened on Monday.</p></body></html>"
SMALL = Settings(max_input_bytes=100_000, max_line_bytes=1_000)


def _one(path: Path, settings: Settings = SMALL) -> list[RawArticle | Reject]:
    return list(read_file(path, settings))


def _warc(pages: list[tuple[str, str]], gz: bool = False) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=headers)
        writer.write_record(record)
    return out.getvalue()


def test_every_kind_reads(tmp_path):
    (tmp_path / "a.txt").write_text("Headline\n\nBody text here.", encoding="utf-8")
    (tmp_path / "b.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "c.json").write_text(json.dumps({"id": "c1", "text": "Body.", "byline": ["Ann Lee", "Bo Ek"]}))
    (tmp_path / "d.jsonl").write_text('{"text": "One."}\n\n{"html": "<p>Two.</p>"}\n')
    (tmp_path / "e.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (tmp_path / "f.warc.gz").write_bytes(_warc([("http://example.org/a", PAGE), ("http://example.org/b", PAGE)], gz=True))
    (tmp_path / "g.rss").write_text(
        "<rss version='2.0'><channel><title>Post</title><item><title>T</title><link>http://example.org/t</link>"
        "<description>Short text of the entry.</description></item></channel></rss>"
    )
    items = list(read_paths([tmp_path], SMALL))
    assert not [i for i in items if isinstance(i, Reject)], items
    assert len(items) == 9
    by_source = {Path(i.source.split("#")[0].split(":")[0]).name: i for i in items}
    assert by_source["c.json"].input_id == "c1" and by_source["c.json"].byline == "Ann Lee, Bo Ek"
    warc = [i for i in items if "f.warc.gz" in i.source]
    assert [w.url for w in warc] == ["http://example.org/a", "http://example.org/b"] and warc[0].fetched
    assert ".warc.gz" in SUPPORTED_SUFFIXES


def test_bad_inputs_each_one_reject(tmp_path):
    cases = {
        "undecodable.txt": b"caf\xe9 au lait " * 10,
        "binary.html": bytes(range(256)) * 4,
        "bomb.html.gz": gzip.compress(b"<p>" + b"a" * 2_000_000),
        "empty.txt": b"   \n",
        "broken.json": b'{"text": "unterminated',
        "nothing.json": b'{"title": "no body"}',
        "malformed.xml": b"<rss><channel><item><title>x</ti",
        "notgzip.txt.gz": b"this is not gzip",
        "markupless.html": b"just words, no markup at all",
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        out = _one(tmp_path / name)
        assert len(out) == 1 and isinstance(out[0], Reject), (name, out)
        assert out[0].source.endswith(name) and out[0].reason, name
    assert "UTF-8" in _one(tmp_path / "undecodable.txt")[0].reason
    assert "binary" in _one(tmp_path / "binary.html")[0].reason
    assert "gzip bomb" in _one(tmp_path / "bomb.html.gz")[0].reason


def test_jsonl_long_line_is_skipped_not_held(tmp_path):
    path = tmp_path / "big.jsonl"
    with path.open("wb") as fh:
        fh.write(b'{"text": "before."}\n')
        fh.write(b'{"text": "' + b"x" * 50_000 + b'"}\n')  # 50x the 1,000-byte line cap of SMALL
        fh.write(b"not json\n")
        fh.write(b'{"text": "after."}\n')
    out = _one(path)
    assert [type(o).__name__ for o in out] == ["RawArticle", "Reject", "Reject", "RawArticle"]
    assert out[1].source.endswith("big.jsonl:2") and "over the 1,000 cap" in out[1].reason
    assert out[2].source.endswith(":3") and "malformed JSON" in out[2].reason


def test_gzipped_jsonl_streams_and_bomb_stops(tmp_path):
    good = tmp_path / "ok.jsonl.gz"
    good.write_bytes(gzip.compress(b'{"text": "one."}\n{"text": "two."}\n'))
    assert [type(o) for o in _one(good)] == [RawArticle, RawArticle]
    bomb = tmp_path / "bomb.jsonl.gz"
    bomb.write_bytes(gzip.compress(b'{"text": "a"}\n' + b" " * 30_000_000))  # 30 MB from ~30 KB
    out = _one(bomb)
    assert isinstance(out[-1], Reject) and "gzip bomb" in out[-1].reason


def test_truncated_warc_keeps_records_before(tmp_path):
    data = _warc([("http://example.org/a", PAGE), ("http://example.org/b", PAGE * 20)])
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: len(data) - 300])
    out = _one(path)
    assert isinstance(out[0], RawArticle) and out[0].url == "http://example.org/a"
    assert len(out) == 2 and isinstance(out[1], Reject) and "truncated" in out[1].reason
    (tmp_path / "junk.warc").write_bytes(b"WARC/1.0\r\nnonsense\r\n\r\n")
    assert all(isinstance(o, Reject) for o in _one(tmp_path / "junk.warc"))


def test_iter_files_is_sorted_and_names_missing(tmp_path):
    for name in ("b.txt", "a.txt", ".hidden.txt", "skip.pdf"):
        (tmp_path / name).write_text("x")
    found = list(iter_files([tmp_path, tmp_path / "missing"]))
    assert [p.name for p in found[:-1]] == ["a.txt", "b.txt"]
    assert isinstance(found[-1], Reject) and found[-1].reason == "no such file or folder"


_RSS = ("<?xml version='1.0'?><rss version='2.0' xmlns:dc='http://purl.org/dc/elements/1.1/' "
        "xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel><title>Harbour Post</title>{items}"
        "</channel></rss>")
_RSS_ITEM = ("<item><title>Bridge {i}</title><guid>g{i}</guid><link>http://example.org/{i}</link>"
             "<dc:creator>Ann Lee</dc:creator><pubDate>Mon, 06 May 2024 09:0{d}:00 GMT</pubDate>"
             "<content:encoded><![CDATA[<p>Report {i}: the bridge reopened.</p>]]></content:encoded></item>")
_ATOM = ("<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Atom Post</title>{items}</feed>")
_ATOM_ENTRY = ("<entry><title>Ferry {i}</title><id>urn:e{i}</id><link href='http://example.org/e{i}'/>"
               "<updated>2024-05-06T09:0{d}:00Z</updated><summary>Ferry {i} resumed service.</summary></entry>")
_RDF = ("<?xml version='1.0'?><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' "
        "xmlns='http://purl.org/rss/1.0/'><channel rdf:about='http://example.org/'><title>RDF Post</title>"
        "</channel>{items}</rdf:RDF>")
_RDF_ITEM = ("<item rdf:about='http://example.org/r{i}'><title>Road {i}</title><link>http://example.org/r{i}</link>"
             "<description>Road {i} closed for repairs.</description></item>")


def _fields(items: list) -> list[tuple]:
    return [(i.source, i.title, i.text, i.html, i.url, i.published, i.outlet, i.byline, i.input_id) for i in items]


def test_a_large_feed_is_streamed_with_the_same_entries_as_a_whole_parse():
    from storyline.pipeline.ingest import feed

    for shell, item in ((_RSS, _RSS_ITEM), (_ATOM, _ATOM_ENTRY), (_RDF, _RDF_ITEM)):
        data = shell.format(items="".join(item.format(i=i, d=i % 10) for i in range(150))).encode()
        whole = [e.article for e in feed.parse_entries(data, "f.xml")]
        streamed = [e.article for e in feed.iter_entries(io.BytesIO(data), "f.xml", whole=1_000)]
        assert len(whole) == 150 and _fields(streamed) == _fields(whole), shell[:60]
        assert whole[3].outlet and whole[3].title.endswith(" 3")


def test_a_streamed_feed_broken_half_way_keeps_the_entries_before_and_says_where(monkeypatch):
    from storyline.pipeline.ingest import feed

    monkeypatch.setattr(feed, "WHOLE_FEED_BYTES", 1_000)
    data = _ATOM.format(items="".join(_ATOM_ENTRY.format(i=i, d=0) for i in range(100))).encode()
    out = list(feed.read_stream(io.BytesIO(data[:len(data) // 2]), "f.xml", SMALL))
    articles = [o for o in out if isinstance(o, RawArticle)]
    assert 40 < len(articles) < 50 and isinstance(out[-1], Reject) and len(out) == len(articles) + 1
    assert f"after entry {len(articles)}" in out[-1].reason and out[-1].source == "f.xml"


def test_a_streamed_feed_does_not_expand_entities():
    from storyline.pipeline.ingest import feed

    bomb = (b"<?xml version='1.0'?><!DOCTYPE r [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
            b"<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>]><rss version='2.0'><channel><title>T</title>"
            + b"<item><title>x</title><description>&c;&c;&c; words</description></item>" * 30 + b"</channel></rss>")
    out = list(feed.iter_entries(io.BytesIO(bomb), "f.xml", whole=100))
    assert len(out) == 30 and all("aaaaaaaaaa" not in (o.article.text or "") for o in out)
