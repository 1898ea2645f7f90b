"""A story page without its brief: what the page itself costs once briefs are stored (issue 18).

Run from the project root, on a store that holds the giveme5w1h articles (the
heaviest pages: the most quotes, timeline entries and citations)::

    nice -n 15 .venv/bin/python benchmarks/story_page.py --db /work/cache/bench/real.db

For each of the ``--stories`` biggest giveme5w1h stories the brief is computed
once (not timed: ingest stores it), then, in this process, the median of
``--repeat`` runs of the page's two other costs:

- **articles**: reading the story's articles for the page. Ours reads their text
  and quotes only (``Store.articles(parts=("quotes",))``); the baseline, from
  the same run, is what the page read before: every analysis (entities, quotes,
  times) with the corpus-wide names applied (``local.named_articles``);
- **render**: the page's HTML from the brief and the articles.

In-process times (no HTTP, OS page cache warm): ``benchmarks/serve.py`` measures
whole requests to a server. On a shared machine the figures move by about 15%.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from serve import biggest_giveme  # the benchmark next door picks the stories


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        action()
        times.append(time.perf_counter() - t0)
    return 1000 * statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, required=True, help="a store holding the giveme5w1h articles")
    ap.add_argument("--stories", type=int, default=4)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    from storyline.run import local
    from storyline.serve import pages
    from storyline.settings import Settings
    from storyline.store import Store

    store = Store(args.db)
    store.db.execute("PRAGMA query_only = 1")
    settings = Settings(db=args.db)
    pages.compile_templates()
    print(f"{'story':<20} {'articles':>8} {'read: ours':>11} {'baseline':>9} {'render':>8} {'page KB':>8}")
    for story in biggest_giveme(args.db)[:args.stories]:
        ids = store.article_ids(story)
        names = store.names_for(ids)
        brief = local.build_brief(store, story, settings, names)
        ours = median_ms(lambda: store.articles(ids, parts=("quotes",)), args.repeat)  # noqa: B023
        base = median_ms(lambda: local.named_articles(store, ids, names), args.repeat)  # noqa: B023
        articles = store.articles(list(brief.story.articles), parts=("quotes",))
        html = pages._story_html(brief, articles)
        render = median_ms(lambda: pages._story_html(brief, articles), args.repeat)  # noqa: B023
        print(f"{story:<20} {len(ids):>8} {ours:>9.0f} ms {base:>6.0f} ms {render:>5.0f} ms {len(html) / 1000:>8.0f}")
    print(f"load average {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
