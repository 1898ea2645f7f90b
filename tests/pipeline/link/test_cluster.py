import random

import pytest

from storyline.pipeline.base import Context
from storyline.pipeline.link import Link, StoryIndex
from storyline.pipeline.link.recluster import recluster
from tests.pipeline.link.conftest import make

GENEVA = [
    ("Norland and Sudoria agree to restart trade talks in Geneva",
     "Foreign ministers Jane Smith and Kenji Arata met in Geneva and agreed to restart trade negotiations "
     "frozen over steel tariffs, with a first round of talks next week.", "2025-03-12"),
    ("Geneva meeting thaws Norland-Sudoria trade dispute",
     "Jane Smith and Kenji Arata ended months of tariff disputes at a Geneva hotel, agreeing that trade "
     "negotiations on steel quotas and farm goods will restart.", "2025-03-13"),
    ("Trade talks back on after Smith and Arata meet",
     "After the Geneva meeting, negotiators from Norland and Sudoria prepare to restart trade talks on "
     "tariffs for steel, Jane Smith told reporters.", "2025-03-12"),
]
TOKYO = [
    ("Norland and Sudoria sign coast guard accord in Tokyo",
     "Jane Smith and Kenji Arata signed a maritime accord in Tokyo setting up joint coast guard patrols "
     "and a hotline for incidents at sea.", "2026-03-17"),
    ("Ministers agree joint sea patrols",
     "Norland's Jane Smith and Sudoria's Kenji Arata agreed in Tokyo on joint coast guard patrols and a "
     "maritime hotline for incidents at sea.", "2026-03-18"),
]
FLOOD = [
    ("River Alder floods Millbrook",
     "The River Alder burst its banks in Millbrook, flooding at least forty homes; fire crews rescued "
     "fourteen people from cars caught in flood water.", "2025-10-18"),
    ("Millbrook counts cost of flood",
     "Residents of Millbrook cleared mud from flooded homes after the River Alder rose overnight and fire "
     "crews carried out rescues from cars in the flood water.", "2025-10-19"),
]


def corpus():
    arts = []
    for group, people, places in ((GENEVA, ["Jane Smith", "Kenji Arata"], ["Norland", "Sudoria", "Geneva"]),
                                  (TOKYO, ["Jane Smith", "Kenji Arata"], ["Norland", "Sudoria", "Tokyo"]),
                                  (FLOOD, ["Lena Okafor"], ["Millbrook"])):
        for title, text, day in group:
            arts.append(make(f"a{len(arts):02d}", text, title=title, published=day, people=people, places=places))
    return arts


def groups(assignment, arts):
    by = {}
    for a in arts:
        by.setdefault(assignment[a.id], set()).add(a.id)
    return sorted(map(sorted, by.values()))


EXPECTED = [["a00", "a01", "a02"], ["a03", "a04"], ["a05", "a06"]]


def test_online_separates_same_people_at_a_different_event():
    arts = corpus()
    link = Link(StoryIndex(threshold=0.3, window_days=14))
    out = list(link.run(arts, Context()))
    assert groups({a.id: a.story for a in out}, arts) == EXPECTED
    assert link.index.representative_title(out[0].story) in {t for t, _, _ in GENEVA}


def test_add_known_restores_the_stored_story():
    arts = corpus()
    index = StoryIndex(threshold=0.3, window_days=14)
    link = Link(index)
    for a in arts[:2]:
        a.story = "s00"
        link.add_known(a)
    placed = list(link.run([arts[2]], Context()))[0]
    assert placed.story == "s00"


def test_put_back_articles_keep_their_features_for_the_corpus_step_which_regroups_alike():
    from storyline.pipeline.link.features import features_of
    from storyline.pipeline.link.regroup import regroup

    arts = corpus()
    link = Link(StoryIndex(threshold=0.3, window_days=14))
    for a in arts[:4]:
        a.story = "s" + a.id[1:]
        link.add_known(a)
    list(link.run(arts[4:], Context()))
    assert sorted(link.features) == [a.id for a in arts]
    fresh = features_of(arts[1])
    kept = link.features[arts[1].id]
    assert (kept.counts != fresh.counts).nnz == 0 and kept.entities == fresh.entities
    assert kept.shingles == fresh.shingles and kept.years == fresh.years
    options = {"window_days": 14, "threshold": 0.25, "neighbours": 8}
    with_kept = regroup(arts, {}, features=link.features, **options)
    assert with_kept == regroup(arts, {}, **options)
    assert groups(with_kept.assignment, arts) == EXPECTED


def test_recluster_is_order_free_and_ids_come_from_smallest_member():
    arts = corpus()
    first = recluster(arts)
    assert groups(first, arts) == EXPECTED
    assert first["a01"] == "s00" and first["a04"] == "s03"
    for seed in range(3):
        shuffled = arts[:]
        random.Random(seed).shuffle(shuffled)
        assert recluster(shuffled) == first


def test_undated_articles_are_placed_by_content_and_mentioned_years():
    quake = "A strong earthquake shook the coastal province, collapsing houses and cutting power to thousands."
    arts = [
        make("a1", quake + " It struck in March 2008.", title="Quake hits coast", dates=["2008-03-04"]),
        make("a2", quake + " Rescuers searched rubble in 2008.", title="Quake toll rises", dates=["2008-03-05"]),
        make("a3", quake + " The 2013 tremor was the strongest since records began.", dates=["2013-07-01"]),
    ]
    stories = recluster(arts)
    assert stories["a1"] == stories["a2"]


def test_representative_titles_pick_a_member_headline():
    from storyline.pipeline.link.recluster import representative_titles

    arts = corpus()
    stories = recluster(arts)
    titles = representative_titles(arts, stories)
    assert set(titles) == set(stories.values())
    assert titles[stories["a05"]] in {t for t, _, _ in FLOOD}


LEAK = (
    "Leaked files from the law firm Fonseca Brava show how politicians in Norland and Sudoria hid fortunes "
    "in offshore shell companies, according to the consortium of journalists that published the papers. "
)
CORPUS_WITH_RETROSPECTIVE = [
    ("Brava Papers: leaked files expose offshore fortunes", LEAK + "The prime minister denied wrongdoing.", "2016-04-04"),
    ("Brava Papers: politicians named in offshore leak", LEAK + "Prosecutors opened an inquiry on Monday.", "2016-04-05"),
    ("Brava Papers, a year and a half on", LEAK + "Eighteen months later, few have been charged.", "2017-11-30"),
]


def test_strongly_alike_content_is_not_cut_by_a_long_time_gap():
    arts = [make(f"a{i}", text, title=title, published=day, people=["Fonseca Brava"], places=["Norland", "Sudoria"])
            for i, (title, text, day) in enumerate(CORPUS_WITH_RETROSPECTIVE)]
    stories = recluster(arts)
    assert stories["a0"] == stories["a1"] == stories["a2"]
    link = Link(StoryIndex(threshold=0.3, window_days=14))
    out = list(link.run(arts, Context()))
    assert len({a.story for a in out}) == 1


def test_time_gives_way_only_to_strong_content():
    from storyline.pipeline.link.similarity import STRONG_HIGH, STRONG_LOW, soften

    assert soften(0.0, STRONG_LOW) == 0.0  # moderate content: the time prior applies in full
    assert soften(0.0, STRONG_HIGH) == 1.0
    assert soften(0.5, (STRONG_LOW + STRONG_HIGH) / 2) == 0.75


def test_weak_neighbours_are_dropped_relative_to_the_best():
    from storyline.pipeline.link.features import features_of
    from storyline.pipeline.link.recluster import NEIGHBOUR_RATIO, first_order_neighbours

    knn = first_order_neighbours([features_of(a) for a in sorted(corpus(), key=lambda a: a.id)]).toarray()
    for row in knn:
        kept = row[row > 0]
        assert kept.size and kept.min() >= NEIGHBOUR_RATIO * kept.max()


def test_a_story_centroid_stays_bounded_and_keeps_its_heaviest_terms():
    from collections import Counter

    import numpy as np
    from scipy.sparse import csr_matrix

    from storyline.pipeline.link.cluster import CENTROID_TERMS, _heaviest, _StoryState
    from storyline.pipeline.link.features import N_FEATURES, ArticleFeatures

    # Ties are broken by column, so the same members always give the same centroid.
    row = csr_matrix((np.array([1.0, 5.0, 3.0, 5.0]), np.array([7, 2, 9, 4]), [0, 4]), shape=(1, N_FEATURES))
    kept = _heaviest(row, 3)
    assert list(kept.indices) == [2, 4, 9] and list(kept.data) == [5.0, 5.0, 3.0]

    story = _StoryState("s1")
    common = np.arange(10)  # terms every member uses: they must survive every pruning
    for n in range(60):
        rare = 1000 + n * 100 + np.arange(100)  # a hundred terms of its own per member
        columns = np.concatenate([common, rare])
        counts = csr_matrix((np.ones(len(columns)), columns, [0, len(columns)]), shape=(1, N_FEATURES))
        story.add(ArticleFeatures(f"a{n}", None, counts, Counter(), None, False, frozenset(), frozenset(), frozenset()))
    assert story.centroid.nnz <= 2 * CENTROID_TERMS
    assert set(common) <= set(story.centroid.indices)
    assert all(story.centroid[0, c] == 60 for c in common)


def test_cached_story_vectors_give_the_cosine_of_a_fresh_weighting_and_entities_stay_bounded():
    from collections import Counter

    from storyline.pipeline.link.cluster import ENTITY_TERMS, _StoryState
    from storyline.pipeline.link.features import features_of

    index = StoryIndex(threshold=0.3, window_days=14)
    arts = corpus()
    for a in arts:
        index.place(features_of(a))
    story = next(s for s in index.stories.values() if len(s.members) > 1)
    idf, entity_idf = index._idf(), index._entity_idf()
    index._weighed(story, idf, entity_idf)
    assert story.weighed_at == index._docs
    article = index._unit(features_of(arts[0]).counts, idf)
    centroid = index._unit(story.centroid, idf)
    expected = float((article @ centroid.T).toarray()[0, 0])
    assert index._cosines(article, [story])[0] == pytest.approx(expected)
    assert not index._scratch.any()  # the dense scratch row is left clean for the next article
    story.add(features_of(arts[1]))
    assert story.weighed_at == -1  # a story that changed is weighed again before it is next scored

    big = _StoryState("s-big")
    for n in range(3 * ENTITY_TERMS):
        names = Counter({"kept": 5, f"name{n}": 1})
        big.add(features_of(make(f"b{n}", "text", people=list(names.elements()))))
    assert len(big.entities) <= 2 * ENTITY_TERMS and big.entities["kept"] > 0


MEDICARE_FIGHT = [
    ("Candidates trade blows over Medicare cuts",
     "The campaigns traded attacks over Medicare on Tuesday, each accusing the other of cutting benefits "
     "for seniors, as new television ads on the health programme ran in Florida and Ohio."),
    ("Medicare fight heats up in swing states",
     "Television ads accusing the rival campaign of cutting Medicare for seniors ran in Florida and Ohio "
     "as the fight over the health programme's future heated up."),
]
MEDICARE_DEBATE = [
    ("Medicare takes centre stage at debate",
     "In Wednesday's debate in Denver the candidates clashed over Medicare, each saying the other would "
     "cut benefits for seniors, and sparred over taxes and jobs."),
    ("Debate: rivals spar over Medicare and taxes",
     "Medicare and taxes dominated the Denver debate, where the two candidates accused each other of "
     "plans that would cut benefits for seniors."),
]


def _medicare(fight_day, debate_day):
    arts = [make(f"a{i}", text, title=title, published=fight_day, people=["Obama", "Romney"], places=["Ohio"])
            for i, (title, text) in enumerate(MEDICARE_FIGHT)]
    arts += [make(f"a{i + 2}", text, title=title, published=debate_day, people=["Obama", "Romney"], places=["Denver"])
             for i, (title, text) in enumerate(MEDICARE_DEBATE)]
    return arts


def test_recluster_scales_moderate_similarity_by_the_publication_gap():
    # Issue 19: "recluster has no time term" (an August and an October 2012 Medicare story merged).
    import importlib

    from storyline.pipeline.link.features import features_of
    from storyline.pipeline.link.similarity import STRONG_LOW, TIME_DECAY_DAYS

    first_order = importlib.import_module("storyline.pipeline.link.recluster").first_order_neighbours

    def fight_to_debate(fight_day):
        features = sorted((features_of(a) for a in _medicare(fight_day, "2012-10-04")), key=lambda f: f.id)
        return first_order(features, window_days=14)[0, 2]  # the first fight article → the first debate one

    near, apart = fight_to_debate("2012-10-01"), fight_to_debate("2012-08-14")  # 3 and 51 days before the debate
    assert 0 < near < STRONG_LOW  # moderately alike: the time prior applies in full
    assert apart == pytest.approx(near * (1 - (51 - 14) / TIME_DECAY_DAYS))


def test_recluster_splits_alike_stories_a_year_apart():
    assert len(set(recluster(_medicare("2012-10-01", "2012-10-04")).values())) == 1
    stories = recluster(_medicare("2012-08-14", "2013-10-04"))
    assert stories["a0"] == stories["a1"] != stories["a2"] == stories["a3"]


def test_a_story_splits_where_no_chain_of_direct_links_reaches_the_floor():
    import numpy as np
    from scipy.sparse import csr_matrix

    from storyline.pipeline.link.recluster import direct_chains

    # a0-a1-a2 chained by strong links (a0 and a2 only through a1); a3 linked to all weakly
    direct = csr_matrix(np.array([
        [0.0, 0.5, 0.0, 0.12],
        [0.5, 0.0, 0.4, 0.14],
        [0.0, 0.4, 0.0, 0.1],
        [0.12, 0.14, 0.1, 0.0],
    ]))
    parts = direct_chains(direct, np.arange(4), floor=0.15)
    assert sorted(map(list, parts)) == [[0, 1, 2], [3]]
    assert [list(p) for p in direct_chains(direct, np.arange(4), floor=0.1)] == [[0, 1, 2, 3]]


def test_in_a_small_store_a_weakly_linked_report_of_another_occurrence_stands_alone(monkeypatch):
    # Five articles: every one is every other's neighbour, so shared neighbourhoods alone
    # would put the report of the quake two years later into the story of the first.
    quake = ("A strong earthquake shook the coastal province of Valdoria on Monday, collapsing houses in the port "
             "of Selmar and cutting power to thousands; rescuers searched the rubble through the night.")
    first = [
        make("a0", quake, title="Quake hits Valdoria coast", places=["Valdoria", "Selmar"]),
        make("a1", quake + " The death toll rose to twelve.", title="Valdoria quake toll rises",
             places=["Valdoria", "Selmar"]),
        make("a2", quake + " Aid convoys reached Selmar.", title="Aid reaches quake-hit Selmar",
             places=["Valdoria", "Selmar"]),
        make("a3", quake + " Schools stayed shut.", title="Selmar schools shut after quake", places=["Valdoria", "Selmar"]),
    ]
    other = make("a4", "A small earthquake shook hill villages near Norhill; houses cracked and engineers "
                       "inspected a dam while the army delivered tents.",
                 title="Tremor damages dam in northern hills", places=["Valdoria", "Norhill"])
    stories = recluster(first + [other])
    assert len({stories[a.id] for a in first}) == 1
    assert stories["a4"] != stories["a0"]
    import importlib

    monkeypatch.setattr(importlib.import_module("storyline.pipeline.link.recluster"), "DIRECT_FLOOR", 0.0)
    assert len(set(recluster(first + [other]).values())) == 1  # shared neighbourhoods alone merge them


def test_year_factor_sets_a_dated_side_against_the_years_an_undated_side_names():
    from storyline.pipeline.link.similarity import YEAR_MISMATCH, year_factor

    assert year_factor({2013}, {2008}) == YEAR_MISMATCH  # both name years, none shared
    assert year_factor(set(), {2008}, (2013, 2013), None) == YEAR_MISMATCH  # a 2013 report, an undated one naming 2008
    assert year_factor({2008}, set(), None, (2012, 2014)) == YEAR_MISMATCH  # a story dated 2012-2014
    assert year_factor(set(), {2012, 2008}, (2013, 2013), None) == 1.0  # 2012 is within a year of 2013
    assert year_factor({2008}, {2008, 2005}, (2013, 2013), None) == 1.0  # a year both name
    assert year_factor(set(), {2008}, (2013, 2013), (2013, 2013)) == 1.0  # both dated: the time factor's job
    assert year_factor(set(), set(), (2013, 2013), None) == 1.0  # nothing named


def _rehab(undated_year: str):
    text = ("The actress checked into a rehab centre in Malibu, her representative said, "
            "after weeks of reports about her health and a missed court date.")
    return [
        make("a0", text + " Fans sent messages of support.", title="Actress enters rehab", published="2013-05-02",
             people=["Lindsay Lohan"], places=["Malibu"]),
        make("a1", text + f" She had been treated there in {undated_year}.", title="Actress in rehab again",
             people=["Lindsay Lohan"], places=["Malibu"], dates=[undated_year]),
    ]


def test_recluster_scales_a_dated_report_against_an_undated_one_naming_only_far_years():
    import importlib

    from storyline.pipeline.link.features import features_of
    from storyline.pipeline.link.similarity import YEAR_MISMATCH

    first_order = importlib.import_module("storyline.pipeline.link.recluster").first_order_neighbours

    def similarity(undated_year):
        features = sorted((features_of(a) for a in _rehab(undated_year)), key=lambda f: f.id)
        matrix = first_order(features)
        assert matrix[0, 1] == matrix[1, 0]  # the rule is symmetric
        return matrix[0, 1]

    near, far = similarity("2012"), similarity("2008")
    assert near > 0
    assert far == pytest.approx(near * YEAR_MISMATCH)


def test_online_placement_applies_the_same_year_rule():
    from storyline.pipeline.link.features import features_of
    from storyline.pipeline.link.similarity import YEAR_MISMATCH

    def score(undated_year):
        dated, undated = (features_of(a) for a in _rehab(undated_year))
        index = StoryIndex(threshold=0.9, window_days=14)
        story = index.stories[index.place(dated)]
        return index.score(undated, story, 0.25, {}, 0)

    assert score("2008") == pytest.approx(score("2012") * YEAR_MISMATCH)


def test_passage_pairs_count_the_shingles_each_pair_shares_and_skip_boilerplate_carried_everywhere(monkeypatch):
    import importlib
    from collections import Counter

    from scipy.sparse import csr_matrix

    from storyline.pipeline.link.features import ArticleFeatures

    module = importlib.import_module("storyline.pipeline.link.recluster")
    monkeypatch.setattr(module, "MAX_CARRIERS", 3)
    shingles = [{1, 2, 3, 9}, {1, 2, 9}, {2, 3, 9}, {9, 7}]  # 9 is carried by all four: over the cap
    features = [ArticleFeatures(f"a{i}", None, csr_matrix((1, 4)), Counter(), None, False, frozenset(), frozenset(),
                                frozenset(s)) for i, s in enumerate(shingles)]
    pairs = module._passage_pairs(features).toarray()
    assert pairs.tolist() == [[0, 2, 2, 0], [2, 0, 1, 0], [2, 1, 0, 0], [0, 0, 0, 0]]


def test_placing_remembers_the_story_joined_and_the_stories_it_came_close_to():
    arts = corpus()
    link = Link(StoryIndex(threshold=0.3, window_days=14))
    out = list(link.run(arts, Context()))
    assert sorted(link.index.near) == sorted(a.id for a in arts)
    for a in out:
        near = link.index.near[a.id]
        assert near[0] == a.story and len(set(near)) == len(near) <= 1 + 3
        assert set(near) <= set(link.index.stories)
