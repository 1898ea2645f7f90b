"""Estimated publication dates, leave one out: each dated article of a story, its date hidden, estimated from the rest.

    .venv/bin/python benchmarks/pubdate.py [--show N]

Reads giveme5w1h (383 articles with their publishers' dates, 69 stories;
``../shared/data/clustering/giveme5w1h``) cleaned and analysed as
``benchmarks/clustering_data.analysed`` caches them. For every article of a
story with at least one other dated article, the article's date is hidden (its
relative expressions dropped, as Analyze leaves an undated article) and
estimated from its story with the gold grouping:

- ``story prior``: ``pubdate.estimate_from_story`` alone (the story's dated
  days, bounded by the article's own explicit dates), what storyline did before;
- ``storyline``: ``pubdate_story.date_from_stories``, which moves the prior to the
  day on which the article's relative references ("yesterday", "on Monday")
  agree with the events the other articles date.

Printed: share of articles estimated on their day, within one day, and the mean
absolute error in days. No parameter of the estimate was fitted on this set
(the overlap threshold is the timeline's; the window is a week).
Tense is read from the text (no parse), as the estimate's search does.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from clustering_data import analysed

from storyline.pipeline.analyze.pubdate import estimate_from_story, estimate_published
from storyline.pipeline.analyze.pubdate_story import date_from_stories
from storyline.pipeline.analyze.timex import extract_times


def _score(pairs: list[tuple[date, date]]) -> tuple[float, float, float]:
    errors = [abs((guess - truth).days) for guess, truth in pairs]
    n = len(errors) or 1
    return sum(e == 0 for e in errors) / n, sum(e <= 1 for e in errors) / n, sum(errors) / n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show", type=int, default=0, help="print N articles the story moved away from the prior")
    args = ap.parse_args()
    articles, gold = analysed("giveme5w1h")
    stories: dict[str, list] = defaultdict(list)
    for article, label in zip(articles, gold):
        if article.published and not article.published_estimated:
            stories[label].append(article)
    prior_pairs, our_pairs, moved = [], [], []
    for label, members in stories.items():
        if len(members) < 2:
            continue
        for hidden in members:
            truth = date.fromisoformat(hidden.published[:10])
            undated = replace(hidden, published=None, published_estimated=False,
                              times=extract_times(hidden.text, None, dateline=hidden.dateline, time_of_day=True))
            others = [m for m in members if m is not hidden]
            own = estimate_published([t for t in undated.times if t.anchor is None])
            prior = estimate_from_story(own, [m.published for m in others])
            if prior is None:
                continue
            group = [*others, undated]
            date_from_stories(group, {a.id: label for a in group}, lambda text: text)
            ours = date.fromisoformat(undated.published[:10])
            prior_day = date.fromisoformat(prior.value)
            prior_pairs.append((prior_day, truth))
            our_pairs.append((ours, truth))
            if ours != prior_day:
                moved.append((hidden.id, label, truth, prior_day, ours))
    print(f"giveme5w1h, leave one out: {len(our_pairs)} articles in {len(stories)} stories; "
          f"the story moved {len(moved)} estimates off the prior")
    print(f"{'':14} {'same day':>9} {'within 1 day':>13} {'mean |error| (days)':>20}")
    for name, pairs in (("story prior", prior_pairs), ("storyline", our_pairs)):
        same, near, mae = _score(pairs)
        print(f"{name:14} {same:9.3f} {near:13.3f} {mae:20.2f}")
    for row in moved[: args.show]:
        print("  moved:", *row)


if __name__ == "__main__":
    main()
