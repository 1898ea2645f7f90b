"""Metadata accuracy: headline, date, outlet and authors (giveme5w1h), page URL (AEB).

Run: ``.venv/bin/python benchmarks/metadata.py``

giveme5w1h (383 articles): each article is cleaned from its scraped ``text``
and its ``url`` only (as a JSONL record without declared title, date or
byline), and what storyline finds is compared with the gold ``title``,
``date_publish`` (the day), ``source_domain`` and ``authors``. A field we
leave empty counts as wrong (when the gold has a value). The naive baseline,
measured in the same run: the first line as the title, the first date
dateparser's ``search_dates`` finds in the first 300 characters, the URL's
host, no authors.

AEB (181 pages): the page's own URL (canonical link / og:url / JSON-LD)
against the gold ``url``; baseline trafilatura's metadata URL, both read from
the HTML alone. "norm" ignores the scheme, "www.", a trailing slash and the
query/fragment.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
G5 = SHARED / "clustering" / "giveme5w1h" / "articles"
AEB = SHARED / "extraction" / "aeb"
sys.path.insert(0, str(ROOT / "src"))

from storyline.errors import InputError  # noqa: E402
from storyline.models import RawArticle  # noqa: E402
from storyline.pipeline.base import Context  # noqa: E402
from storyline.pipeline.clean import Clean  # noqa: E402
from storyline.pipeline.htmlmeta import html_metadata  # noqa: E402
from storyline.pipeline.metadata import outlet_from_url  # noqa: E402

Guess = dict[str, object]


def _norm_title(value: object) -> str:
    return " ".join(re.findall(r"\w+", str(value or "").casefold()))


def _host(value: object) -> str:
    return str(value or "").lower().removeprefix("www.")


def _names(value: object) -> frozenset[str]:
    if not value:
        return frozenset()
    items = value if isinstance(value, list) else str(value).split(",")
    return frozenset(" ".join(str(n).casefold().split()) for n in items if str(n).strip())


def _gold_authors(record: dict) -> list[str]:
    authors = record.get("authors") or []
    if isinstance(authors, str):
        try:
            authors = json.loads(authors.replace("'", '"'))
        except ValueError:
            authors = [authors] if authors not in ("[]", "None") else []
    return authors


def ours(record: dict, ctx: Context) -> Guess:
    raw = RawArticle(source=record["url"], text=record["text"], url=record["url"])
    try:
        article = Clean().clean(raw, ctx)
    except InputError:
        return {}
    return {"title": article.title, "date": article.published, "domain": article.outlet, "authors": article.byline}


def naive(record: dict, ctx: Context) -> Guess:
    from dateparser.search import search_dates

    lines = [ln for ln in record["text"].splitlines() if ln.strip()]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(record["text"][:300], languages=["en"]) or []
    return {
        "title": lines[0] if lines else None,
        "date": found[0][1].date().isoformat() if found else None,
        "domain": outlet_from_url(record["url"]),
        "authors": None,
    }


def score_g5(records: list[dict], fn: Callable[[dict, Context], Guess]) -> dict[str, tuple[float, float]]:
    """Per field: (accuracy over all articles, share of articles where we gave a value)."""
    ctx = Context()
    hits = {k: 0 for k in ("title", "date", "domain", "authors", "authors_any")}
    given = {k: 0 for k in hits}
    for record in records:
        guess = fn(record, ctx)
        gold_date = str(record.get("date_publish") or "")[:10]
        gold_authors = _names(_gold_authors(record))
        ours_authors = _names(guess.get("authors"))
        checks = {
            "title": _norm_title(guess.get("title")) == _norm_title(record.get("title")),
            "date": bool(gold_date) and str(guess.get("date") or "")[:10] == gold_date,
            "domain": _host(guess.get("domain")) == _host(record.get("source_domain")),
            "authors": ours_authors == gold_authors,
            "authors_any": (not gold_authors and not ours_authors) or bool(ours_authors & gold_authors),
        }
        for key, ok in checks.items():
            hits[key] += ok
            given[key] += bool(guess.get(key.split("_")[0]))
    n = len(records)
    return {k: (hits[k] / n, given[k] / n) for k in hits}


def _norm_url(url: object) -> str:
    parts = urlsplit(str(url or ""))
    return (parts.netloc.lower().removeprefix("www.") + parts.path.rstrip("/")).lower()


def _trafilatura_url(html: str) -> str | None:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, only_with_metadata=False)
    return doc.url if doc is not None else None


def main() -> None:
    if G5.is_dir():
        records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(G5.glob("*.json"))]
        rows = {"storyline": score_g5(records, ours), "naive baseline": score_g5(records, naive)}
        print(f"giveme5w1h: {len(records)} articles, cleaned from text + url; accuracy (share with a value)")
        fields = ("title", "date", "domain", "authors", "authors_any")
        print(f"{'system':<16}" + "".join(f"{f:>18}" for f in fields))
        for name, res in rows.items():
            print(f"{name:<16}" + "".join(f"{res[f][0]:>11.3f} ({res[f][1]:.2f})" for f in fields))
        print("  (date = same day as date_publish; authors = same set of names; authors_any = one name in common,"
              " or both empty)")
    else:
        print(f"(not found: {G5})")
    if AEB.is_dir():
        gold = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
        counts = {"storyline": [0, 0], "trafilatura": [0, 0]}
        for pid in sorted(gold):
            html = gzip.decompress((AEB / "html" / f"{pid}.html.gz").read_bytes()).decode("utf-8", "replace")
            want = gold[pid]["url"]
            for name, got in (("storyline", html_metadata(html).url), ("trafilatura", _trafilatura_url(html))):
                counts[name][0] += got == want
                counts[name][1] += _norm_url(got) == _norm_url(want)
        print(f"\nAEB: {len(gold)} pages, page URL from the HTML alone")
        print(f"{'system':<16}{'exact':>8}{'norm':>8}")
        for name, (exact, norm) in counts.items():
            print(f"{name:<16}{exact / len(gold):8.3f}{norm / len(gold):8.3f}")
    else:
        print(f"(not found: {AEB})")


if __name__ == "__main__":
    main()
