"""The brief's cheap paths give what the plain ones gave: a light import, pre-filtered quote pairs, renaming copies."""

from __future__ import annotations

import itertools
import subprocess
import sys

from storyline.models import Article, Entity, Quote, Story
from storyline.pipeline.brief import BuildBrief
from storyline.pipeline.brief.body import normal_words
from storyline.pipeline.brief.quotes import candidate_pairs, same_quote


def test_importing_the_brief_loads_neither_scikit_learn_nor_pandas():
    code = "import sys, storyline.pipeline.brief; print(sorted(m for m in ('sklearn', 'pandas') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_candidate_pairs_hold_every_pair_same_quote_joins():
    printed = [
        "We will not back down from this fight.",
        "“We will not back down from this fight,” she said.",  # the same words with other marks
        "We will not back down",  # a fragment of the first
        "We won't back down from this fight, ever.",  # a rewording
        "Not down, back we will",  # the same word set in another order (Jaccard 1, no run)
        "one two three four",  # Jaccard exactly .6 with the next (3 shared of 5)
        "one two three five",
        "The talks will resume in April.",
        "The",
    ]
    normal = [normal_words(p) for p in printed]
    joined = {(i, j) for i, j in itertools.combinations(range(len(normal)), 2) if same_quote(normal[i], normal[j])}
    candidates = candidate_pairs(normal)
    assert candidates == sorted(candidates)
    assert joined <= set(candidates)
    assert {(0, 1), (0, 2), (1, 2), (5, 6)} <= joined  # the cases the filter must not lose
    assert (0, 7) not in candidates  # two quotes sharing only "will" are never compared


def test_renaming_for_the_brief_leaves_the_callers_articles_as_they_were():
    a_text = "President Maria Lopez said talks would resume. “We will not back down from this fight,” Lopez said."
    b_text = "Lopez told reporters the deal was close and that both sides were ready to sign it soon."
    lopez_a = a_text.index("Lopez said")
    a = Article(id="a1", source="a1", text=a_text, content_hash="a1", outlet="Wire", published="2025-03-12", entities=[
        Entity("Maria Lopez", "PERSON", "Maria Lopez", a_text.index("Maria"), a_text.index("Maria") + 11),
        Entity("Lopez", "PERSON", "Lopez", lopez_a, lopez_a + 5),
    ], quotes=[Quote("We will not back down from this fight,", a_text.index("We"), a_text.index("fight") + 6, "Lopez",
                     ["Lopez"])])
    b = Article(id="a2", source="a2", text=b_text, content_hash="a2", outlet="Post", published="2025-03-12",
                entities=[Entity("Lopez", "PERSON", "Lopez", 0, 5)])
    brief = BuildBrief().run(Story("s1", "Talks", ["a1", "a2"]), [a, b])
    assert [e.canonical for e in brief.entities if e.label == "PERSON"] == ["Maria Lopez"]
    assert brief.quotes[0].speaker == "Maria Lopez"
    assert [e.canonical for e in a.entities] == ["Maria Lopez", "Lopez"] and b.entities[0].canonical == "Lopez"
    assert a.quotes[0].speaker == "Lopez" and a.quotes[0].speakers == ["Lopez"]
