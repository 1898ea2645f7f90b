"""Metadata from text and pages: bylines, datelines, agencies, dates, URLs."""

from __future__ import annotations

import pytest

from storyline.pipeline.htmlmeta import html_metadata
from storyline.pipeline.metadata import (
    clean_byline,
    find_agencies,
    is_sign_off,
    format_published,
    outlet_from_url,
    parse_dateline,
    parse_head_line,
)


@pytest.mark.parametrize(("value", "names"), [
    ("By Jane Doe", "Jane Doe"),
    ("By Jane Doe, jane.doe@example.org | Published June 2, 2019", "Jane Doe"),
    ("by Tom Powell and Ann Lee, Staff Reporters", "Tom Powell, Ann Lee"),
    ("Myriah Towner For Dailymail.Com", "Myriah Towner"),
    ("Agence France-Presse, Matthew Scott", "Matthew Scott"),
    ("Reuters", None),
    ("", None),
])
def test_byline_is_names_only(value, names):
    assert clean_byline(value) == names


@pytest.mark.parametrize(("paragraph", "expected"), [
    ("BERLIN -- The chancellor said", ("BERLIN", None)),
    ("NAIROBI (Reuters) — Kenya's president", ("NAIROBI", "Reuters")),
    ("BEIJING -- China on Friday said", ("BEIJING", None)),
    ("SAN JOSE, Calif. (AP) — A fire", ("SAN JOSE, Calif.", "AP")),
    ("OFER PRISON, West Bank, Jan 1 (Reuters) - Israel indicted", ("OFER PRISON, West Bank", "Reuters")),
    ("The minister - who spoke first - said", None),
    ("(CNN) Relatives and friends", None),
])
def test_dateline(paragraph, expected):
    assert parse_dateline(paragraph) == expected


def test_agencies_credited():
    assert find_agencies(["TOKYO (EPA-Kyodo) -- A quake"]) == ["EPA", "Kyodo"]
    assert find_agencies(["With wire services"]) == ["wire services"]
    assert find_agencies(["Xinhua | Updated: 2017-09-15 17:52"]) == ["Xinhua"]
    assert find_agencies(["GENEVA (AP) —", "Reporting by Reuters."]) == ["AP", "Reuters"]
    assert find_agencies(["AFP contributed to this report, the ap said"]) == ["AFP"]
    assert find_agencies(["The group met (in private) on Monday."]) == []
    assert find_agencies(["Reuter"]) == ["Reuters"]  # the sign-off under 1980s Reuters copy


def test_sign_off_lines_name_only_an_agency():
    assert all(map(is_sign_off, ["Reuter", "REUTER", "-- AP --", "(AFP)"]))
    assert not any(map(is_sign_off, ["ap", "Reuters said it would sell the unit.", "AP photo by Jo Berg"]))


@pytest.mark.parametrize(("value", "expected"), [
    ("2019-06-02T09:10:00Z", "2019-06-02T09:10+00:00"),
    ("June 2, 2019 - 09:10", "2019-06-02T09:10"),
    ("2017-09-15 17:52 EST", "2017-09-15T17:52-05:00"),
    ("2 June 2019", "2019-06-02"),
    ("yesterday at 5pm", None),  # relative: would depend on today
    ("not a date", None),
])
def test_format_published(value, expected):
    assert format_published(value) == expected


def test_head_lines():
    head = parse_head_line("Published : June 2, 2019 - 09:10")
    assert head and head.published == "2019-06-02T09:10"
    head = parse_head_line("Xinhua | Updated: 2017-09-15 17:52")
    assert head and head.published == "2017-09-15T17:52" and head.agencies == ["Xinhua"]
    head = parse_head_line("By Maria Lopez")
    assert head and head.byline == "Maria Lopez"
    assert parse_head_line("The page was updated on Monday to correct a figure.") is None


def test_html_metadata_from_jsonld_and_meta():
    page = """<html lang="de-DE"><head>
    <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
      {"@type": "WebSite", "name": "Site"},
      {"@type": "NewsArticle", "headline": "Brücke gesperrt", "datePublished": "2024-03-01T07:15:00+01:00",
       "author": [{"@type": "Person", "name": "Eva Roth"}, {"@type": "Person", "name": "Jan Kühn"}],
       "publisher": {"@type": "Organization", "name": "Stadtblatt"}}]}</script>
    <meta property="og:url" content="https://stadtblatt.example/bruecke">
    </head><body><p>x</p></body></html>"""
    meta = html_metadata(page)
    assert meta.title == "Brücke gesperrt" and meta.author == "Eva Roth, Jan Kühn"
    assert meta.published == "2024-03-01T07:15+01:00" and meta.site_name == "Stadtblatt"
    assert meta.url == "https://stadtblatt.example/bruecke" and meta.language == "de"
    assert html_metadata("<<<not html").url is None


def test_outlet_from_url():
    assert outlet_from_url("https://www.bbc.com/news/x") == "bbc.com"
    assert outlet_from_url(None) is None and outlet_from_url("http://[::1") is None
