"""HTML body extraction on the Article Extraction Benchmark (AEB, 181 pages).

Run: ``.venv/bin/python benchmarks/extraction.py [--only N] [--show-worst K]``

Prints, for storyline's extractor and the baselines measured in the same
process on the same pages (trafilatura 2.x defaults; readability-lxml and
resiliparse when installed):

``storyline`` is the extractor alone (``htmlextract.extract_body``);
``storyline clean`` the whole clean stage's ``Article.text``.

* ``tok``  token-level P/R/F1: bag of ``\\w+`` tokens per page, counts summed
  over all pages (micro average);
* ``sh4`` the benchmark's own metric (scrapinghub/article-extraction-benchmark
  ``evaluate.py``): the same, over shingles of 4 consecutive tokens.

The data is read at run time from ``<repo>/../shared/data/extraction/aeb``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "extraction" / "aeb"
sys.path.insert(0, str(ROOT / "src"))

from storyline.errors import InputError  # noqa: E402
from storyline.models import RawArticle  # noqa: E402
from storyline.pipeline.base import Context  # noqa: E402
from storyline.pipeline.clean import Clean  # noqa: E402
from storyline.pipeline.htmlextract import extract_body  # noqa: E402

_TOKEN = re.compile(r"\w+", re.UNICODE)


def _grams(text: str, n: int) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    if n == 1:
        return Counter((t,) for t in tokens)
    return Counter(tuple(tokens[i:i + n]) for i in range(max(0, len(tokens) - n + 1)))


def match_counts(true: str, pred: str, n: int) -> tuple[int, int, int]:
    """(tp, fp, fn) of n-gram multisets, as the AEB evaluate.py counts them."""
    t, p = _grams(true, n), _grams(pred, n)
    tp = sum((t & p).values())
    return tp, sum(p.values()) - tp, sum(t.values()) - tp


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _trafilatura(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def _readability(html: str, url: str) -> str:
    import lxml.html
    from readability import Document

    summary = Document(html).summary(html_partial=True)
    return lxml.html.fromstring(summary).text_content() if summary.strip() else ""


def _resiliparse(html: str, url: str) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(html, main_content=True)


def _ours(html: str, url: str) -> str:
    return "\n".join(extract_body(html, url).lines)


_CTX = Context()


def _ours_clean(html: str, url: str) -> str:
    """The whole clean stage: extraction, then headline/byline lines moved to ``removed``."""
    try:
        return Clean().clean(RawArticle(source=url, html=html, url=url), _CTX).text
    except InputError:
        return ""


def systems() -> dict[str, Callable[[str, str], str]]:
    found: dict[str, Callable[[str, str], str]] = {
        "storyline": _ours, "storyline clean": _ours_clean, "trafilatura": _trafilatura,
    }
    for name, fn, module in (("readability-lxml", _readability, "readability"), ("resiliparse", _resiliparse, "resiliparse")):
        try:
            __import__(module)
            found[name] = fn
        except ImportError:
            print(f"({name} not installed: skipped)")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", type=int, default=0, help="first N pages only")
    parser.add_argument("--show-worst", type=int, default=0, help="list our K worst pages (by token F1)")
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"dataset not found: {DATA}")
    gold = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(gold)[: args.only or None]
    pages = {i: gzip.decompress((DATA / "html" / f"{i}.html.gz").read_bytes()).decode("utf-8", "replace") for i in ids}
    rows = []
    per_page: dict[str, float] = {}
    for name, fn in systems().items():
        totals = {1: [0, 0, 0], 4: [0, 0, 0]}
        start = time.perf_counter()
        for i in ids:
            try:
                pred = fn(pages[i], gold[i].get("url", ""))
            except Exception:  # a baseline crashing on a page scores it as empty
                pred = ""
            for n in (1, 4):
                counts = match_counts(gold[i]["articleBody"], pred, n)
                totals[n] = [a + b for a, b in zip(totals[n], counts)]
                if name == "storyline" and n == 1:
                    per_page[i] = prf(*counts)[2]
        rows.append((name, prf(*totals[1]), prf(*totals[4]), time.perf_counter() - start))
    print(f"AEB: {len(ids)} pages; token-level (tok) and 4-gram shingle (sh4) micro P/R/F1")
    print(f"{'system':<18}{'tok P':>8}{'tok R':>8}{'tok F1':>8}{'sh4 P':>8}{'sh4 R':>8}{'sh4 F1':>8}{'secs':>7}")
    for name, tok, sh4, secs in rows:
        print(f"{name:<18}" + "".join(f"{v:8.4f}" for v in (*tok, *sh4)) + f"{secs:7.1f}")
    if args.show_worst:
        for i, f1 in sorted(per_page.items(), key=lambda kv: kv[1])[: args.show_worst]:
            print(f"  {f1:.3f} {i} {gold[i].get('url', '')}")


if __name__ == "__main__":
    main()
