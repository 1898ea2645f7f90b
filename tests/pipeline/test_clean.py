"""The clean stage: plain-text junk lines, HTML bodies, head metadata, Unicode, language."""

from __future__ import annotations

from pathlib import Path

import ftfy
import pytest

from storyline.errors import InputError
from storyline.models import RawArticle
from storyline.pipeline.base import Context
from storyline.pipeline.clean import (
    Clean,
    Fields,
    _plainly_english,
    content_hash,
    detect_language,
    fix_unicode,
    split_plain,
)
from storyline.pipeline.textlines import judge_lines

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CTX = Context()

SCRAPE = """Ferry operator suspends night crossings after engine fire
Share
Copy link
By Ingrid Solberg
Updated: 2024-05-14 08:12 CET

PORTHAVEN (Reuters) -- The Blue Gull ferry company suspended all night crossings on Tuesday after a fire broke out in its engine room while the ship was still in port.

Passengers wait on the quay in Porthaven in a photo provided by the coast guard.
PHOTO: HARBOUR PRESS

No one was hurt, and the crew put out the fire within twenty minutes, the company said in a statement on its website.

"Nobody panicked. The crew knew exactly what to do and the passengers were ashore within the hour," said harbour master Elin Roth.

Also read: Coast guard budget cut by a fifth

Investigators will board the vessel on Wednesday to find out how the fire started, the maritime safety board said, and the night crossings will stay suspended until they have finished.

About 400 people a night use the crossing in summer, most of them lorry drivers and commuters heading for the islands.

Ingrid Solberg is a reporter who covers transport for the Harbour Post.
Sign up for our morning newsletter
We use cookies to improve your experience.
jsmith42
Source link
"""

BODY = [
    "PORTHAVEN (Reuters) -- The Blue Gull ferry company suspended all night crossings on Tuesday after a fire broke "
    "out in its engine room while the ship was still in port.",
    "No one was hurt, and the crew put out the fire within twenty minutes, the company said in a statement on its website.",
    '"Nobody panicked. The crew knew exactly what to do and the passengers were ashore within the hour," said harbour '
    "master Elin Roth.",
    "Investigators will board the vessel on Wednesday to find out how the fire started, the maritime safety board said, "
    "and the night crossings will stay suspended until they have finished.",
    "About 400 people a night use the crossing in summer, most of them lorry drivers and commuters heading for the islands.",
]


def _clean(**kw: str) -> object:
    return Clean().clean(RawArticle(source="test", **kw), CTX)


def test_plain_scrape_keeps_body_and_moves_junk_to_removed():
    article = _clean(text=SCRAPE)
    body = article.text.split("\n\n")
    assert body == BODY
    assert article.title == "Ferry operator suspends night crossings after engine fire"
    assert article.byline == "Ingrid Solberg"
    assert article.published == "2024-05-14T08:12+01:00"
    assert article.dateline == "PORTHAVEN" and article.agencies == ["Reuters"]
    kept = set(body)
    every_line = [ln.strip() for ln in SCRAPE.splitlines() if ln.strip()]
    assert sorted(article.removed + body) == sorted(every_line)  # nothing lost
    assert not kept & set(article.removed)


def test_rules_name_their_reason():
    judged = dict(split_plain(SCRAPE, Fields()))
    assert judged["Share"].reason == "interface word"
    assert judged["Also read: Coast guard budget cut by a fifth"].reason == "related link"
    assert judged["PHOTO: HARBOUR PRESS"].reason == "photo credit"
    assert judged["Ingrid Solberg is a reporter who covers transport for the Harbour Post."].reason == "author bio"
    assert judged["Sign up for our morning newsletter"].reason == "newsletter prompt"
    assert judged["We use cookies to improve your experience."].reason == "cookie prompt"
    assert judged["Source link"].reason == "footer"
    assert judged["jsmith42"].reason == "stray short line"
    assert judged["By Ingrid Solberg"].reason == "byline"
    assert judged["Updated: 2024-05-14 08:12 CET"].reason == "date stamp"
    assert judged["Ferry operator suspends night crossings after engine fire"].reason == "headline"
    assert judged["Passengers wait on the quay in Porthaven in a photo provided by the coast guard."].reason == "photo caption"


def test_repeats_captions_and_subheadings():
    lines = [
        "The council approved the budget on Tuesday after a long debate in the chamber.",
        "Funding",
        "The city pays two thirds of the cost and private donors the rest, officials said.",
        "The mayor Ana Berg (pictured) leaves the chamber after the vote on Tuesday evening",
        "The council approved the budget on Tuesday after a long debate in the chamber",
        "Комментарии",
        "The council approved the budget on Tuesday after a long debate in the chamber.",
    ]
    verdicts = judge_lines(lines)
    assert [v.keep for v in verdicts] == [True, True, True, False, False, False, False]
    assert verdicts[4].reason == verdicts[6].reason == "repeated line"
    assert verdicts[5].reason == "other script"


def test_valley_courier_example():
    raw = RawArticle(source="a5", text=(EXAMPLES / "a5_valley_courier.txt").read_text(encoding="utf-8"))
    article = Clean().clean(raw, CTX)
    assert '"We are not there yet," Arata said.' in article.text.split("\n\n")
    for junk in ("Share this", "Copy link", "Print", "PHOTO: CONTINENTAL PRESS", "Sign up for our newsletter",
                 "Also read: Norland fishing quotas under review"):
        assert junk in article.removed and junk not in article.text
    assert article.byline == "Maria Lopez" and article.published == "2025-03-12T18:40"


HTML = """<html lang="en"><head><title>Harbour reopens | Porthaven Post</title>
<meta property="og:site_name" content="Porthaven Post">
<meta property="article:published_time" content="2024-05-06T09:30:00+02:00">
<meta name="author" content="By Ann Lee">
<link rel="canonical" href="https://porthaven.example/news/harbour-reopens">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Harbour reopens</h1>
<p>The harbour at Porthaven reopened on Monday after a week of repairs to its outer wall, the port authority said.</p>
<p>Fishing boats were the first to leave, shortly after dawn, followed by the morning ferry to the islands.</p>
<p>"We are relieved," said harbour master Elin Roth. "The wall held through two storms while it was being mended."</p>
<p>Sign up for our newsletter</p>
</article><footer>Copyright 2024 Porthaven Post</footer></body></html>"""


def test_html_body_and_page_metadata():
    article = _clean(html=HTML)
    assert article.text.startswith("The harbour at Porthaven reopened on Monday")
    assert '"We are relieved," said harbour master Elin Roth.' in article.text
    assert "Home" not in article.text and "Copyright" not in article.text and "Sign up" not in article.text
    assert article.outlet == "Porthaven Post" and article.byline == "Ann Lee"
    assert article.published == "2024-05-06T09:30+02:00" and article.language == "en"
    assert article.url == "https://porthaven.example/news/harbour-reopens"


def test_unusable_inputs_raise_input_error():
    with pytest.raises(InputError, match="no (article )?body"):
        _clean(html="<html><head><title>x</title></head><body><nav>Home</nav></body></html>")
    with pytest.raises(InputError, match="no body text"):
        _clean(text="Share\nPrint\nCopy link\n")


def test_unicode_repair_keeps_quote_marks():
    assert fix_unicode("The minister said â€œyesâ€\x9d to the plan") == "The minister said “yes” to the plan"
    assert fix_unicode("“Curly” and \"straight\" stay as they are") == "“Curly” and \"straight\" stay as they are"


def test_language_and_determinism():
    text = "Le gouvernement a annoncé mardi une nouvelle réforme des retraites, qui sera débattue au Parlement."
    article = _clean(text=text)
    assert article.language == "fr"
    again = _clean(text=text)
    assert again == article and again.id == "a" + content_hash(RawArticle(source="x", text=text))[:15]


def test_masthead_names_the_outlet():
    text = "THE VALLEY COURIER\nCouncil approves harbour budget\nBy Ann Lee\n\nThe council approved the budget on Tuesday, officials said.\nIt passed by nine votes to four."
    article = _clean(text=text)
    assert article.outlet == "The Valley Courier" and article.title == "Council approves harbour budget"
    assert article.byline == "Ann Lee" and article.text.startswith("The council approved")


def test_ascii_text_skips_ftfy_only_when_ftfy_has_nothing_to_fix() -> None:
    plain = "The minister said talks would resume.\nNothing here needs fixing."
    assert fix_unicode(plain) is plain
    # entities, carriage returns and terminal escapes are ASCII that ftfy does change
    assert fix_unicode("Smith &amp; Sons said.") == ftfy.fix_text("Smith &amp; Sons said.", uncurl_quotes=False)
    assert fix_unicode("one\r\ntwo") == "one\ntwo"
    assert fix_unicode("red \x1b[31malert\x1b[0m") == "red alert"


ENGLISH = (
    "The ministers said on Monday that the talks would resume in March, and that they were hopeful "
    "of progress. It was the first meeting of the two sides since the summit, which ended without a "
    "statement from either government, he said."
)
OTHERS = {
    "es": "El ministro dijo el lunes que las conversaciones se reanudarían en marzo y que había esperanza "
          "de avances. Fue la primera reunión de las dos partes desde la cumbre, que terminó sin una declaración.",
    "pt": "O ministro disse na segunda-feira que as negociações seriam retomadas em março e que havia esperança "
          "de avanços. Foi a primeira reunião das duas partes desde a cimeira, que terminou sem uma declaração.",
    "fr": "Le ministre a dit lundi que les pourparlers reprendraient en mars et qu'on espérait des progrès. "
          "C'était la première réunion des deux parties depuis le sommet, qui s'est terminé sans déclaration.",
    "de": "Der Minister sagte am Montag, die Gespräche würden im März wieder aufgenommen, und man hoffe auf "
          "Fortschritte. Es war das erste Treffen der beiden Seiten seit dem Gipfel, der ohne Erklärung endete.",
}


def test_plain_english_is_told_without_the_language_identifier_and_other_languages_are_not() -> None:
    assert _plainly_english(ENGLISH)
    assert detect_language(ENGLISH) == "en"
    for code, text in OTHERS.items():
        assert not _plainly_english(text), code
        assert detect_language(text) == code


def test_an_english_quote_inside_text_of_another_script_is_not_plain_english() -> None:
    assert not _plainly_english("北京外交部发言人周一表示，中方坚决反对。" * 3 + ENGLISH)
    assert not _plainly_english("Заявление министра было опубликовано в понедельник. " * 3 + ENGLISH)


def test_hard_wrapped_wire_copy_reads_as_paragraphs_and_its_sign_off_as_the_agency() -> None:
    import textwrap

    paragraphs = [p.removeprefix("PORTHAVEN (Reuters) -- ") for p in BODY[:2] + BODY[3:]]
    wrapped = "\n".join(
        textwrap.fill(p, width=66, initial_indent="    " if i else "") for i, p in enumerate(paragraphs)
    )
    article = _clean(text=wrapped + "\n Reuter\n")
    assert article.text.split("\n\n") == paragraphs
    assert article.agencies == ["Reuters"]
    assert "Reuter" in article.removed


def test_one_paragraph_of_wire_copy_closed_by_the_desks_initials_is_the_body():
    text = ("\nLISBON (AP)_ The harbour authority of Lisbon has set aside money for a museum of old ferries, "
            "a spokesman said Friday. The first boats will go on show next spring, he said, and the rest "
            "once the old dock is repaired. The city has run ferries across the river since 1850. (jr/mk)\n")
    article = _clean(text=text)
    assert article.text.startswith("LISBON (AP)_ The harbour authority") and article.text.endswith("(jr/mk)")
    assert judge_lines(["Fishermen mend nets on the quay at dawn. (Rui Costa/Reuters)"])[0].reason == "photo caption"
