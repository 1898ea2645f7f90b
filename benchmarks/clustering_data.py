"""Load the clustering benchmark sets as analysed ``Article`` lists, with gold labels.

The data is read at run time from ``<repo>/../shared/data/clustering`` and never
copied into the project. Clean + Analyze are slow on a shared CPU, so the analysed
articles are pickled to a cache directory outside the repository
(``$STORYLINE_BENCH_CACHE`` or the system temp dir); pass ``refresh=True`` after
changing the analyze stage.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import pickle
import re
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from storyline.models import Article, RawArticle

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "clustering"
CACHE = Path(os.environ.get("STORYLINE_BENCH_CACHE", Path(tempfile.gettempdir()) / "storyline-bench-cache"))

_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "''"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}


def detokenize(tokens: list[str]) -> str:
    """ECB+ tokens → readable text (PTB-style quotes become straight quotes)."""
    out: list[str] = []
    glue = True
    for tok in tokens:
        if not out or glue or tok in _NO_SPACE_BEFORE or tok.lower() in _NO_SPACE_BEFORE or tok in {"-", "/"}:
            out.append(tok)
        else:
            out.append(" " + tok)
        glue = tok in _NO_SPACE_AFTER or tok in {"-", "/"}
    return "".join(out).replace("``", '"').replace("''", '"')


def giveme_raw() -> tuple[list[RawArticle], list[str]]:
    """Giveme5W1H: 383 articles; gold = newsCluster EventId."""
    raws, gold = [], []
    for path in sorted((DATA / "giveme5w1h" / "articles").glob("*.json")):
        rec = json.loads(path.read_text(encoding="utf-8"))
        cluster = rec["newsCluster"]
        cluster = ast.literal_eval(cluster) if isinstance(cluster, str) else cluster
        published = rec.get("date_publish")
        raws.append(RawArticle(
            source=str(path), text=rec.get("text") or rec.get("description") or "", input_id=rec.get("dId"),
            url=rec.get("url"), title=rec.get("title"),
            published=None if published in (None, "None") else str(published),
            outlet=rec.get("source_domain"),
        ))
        gold.append(f"event-{cluster['EventId']}")
    return raws, gold


def ecbplus_raw(max_topic: int = 35) -> tuple[list[RawArticle], list[str]]:
    """ECB+ topics 1..max_topic: text rebuilt from the token XML; gold = (topic, ecb|ecbplus)."""
    raws, gold = [], []
    topics = DATA / "ecbplus" / "topics"
    for topic_dir in sorted((p for p in topics.iterdir() if p.name.isdigit()), key=lambda p: int(p.name)):
        if int(topic_dir.name) > max_topic:
            continue
        for path in sorted(topic_dir.glob("*.xml")):
            root = ET.parse(path).getroot()
            sentences: dict[int, list[str]] = {}
            for tok in root.iter("token"):
                sentences.setdefault(int(tok.get("sentence", "0")), []).append(tok.text or "")
            lines = [detokenize(sentences[k]) for k in sorted(sentences)]
            if path.name.endswith("ecbplus.xml") and lines and re.match(r"https?\s*:", lines[0]):
                lines = lines[1:]  # the source URL line would give the sub-topic away
            raws.append(RawArticle(source=str(path), text="\n".join(lines), input_id=path.stem))
            kind = "ecbplus" if path.name.endswith("ecbplus.xml") else "ecb"
            gold.append(f"{topic_dir.name}-{kind}")
    return raws, gold


def analysed(name: str, refresh: bool = False) -> tuple[list[Article], list[str]]:
    """The named set ("giveme5w1h" or "ecbplus") cleaned and analysed, with gold labels, cached."""
    from storyline.pipeline.base import Context
    from storyline.run.local import article_stages
    from storyline.settings import Settings

    raws, gold = {"giveme5w1h": giveme_raw, "ecbplus": ecbplus_raw}[name]()
    stages = article_stages()
    key = hashlib.sha1(repr([s.name for s in stages]).encode()).hexdigest()[:8]
    cache = CACHE / f"{name}-{key}.pkl"
    if cache.exists() and not refresh:
        with cache.open("rb") as fh:
            articles, kept_gold = pickle.load(fh)
        return articles, kept_gold
    ctx = Context(Settings())
    label_of = {raw.source: label for raw, label in zip(raws, gold)}
    records: list = raws
    for stage in stages:
        records = [r for r in stage.run(records, ctx) if isinstance(r, Article)]
    articles: list[Article] = records
    kept_gold = [label_of[a.source] for a in articles]
    CACHE.mkdir(parents=True, exist_ok=True)
    with cache.open("wb") as fh:
        pickle.dump((articles, kept_gold), fh)
    return articles, kept_gold


if __name__ == "__main__":
    for set_name in ("giveme5w1h", "ecbplus"):
        arts, labels = analysed(set_name, refresh=True)
        print(set_name, len(arts), "articles,", len(set(labels)), "stories")
