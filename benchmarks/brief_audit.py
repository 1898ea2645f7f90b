"""The brief audit: what a reader would call a defect, counted over an export.

Used by ``benchmarks/brief.py --audit``. Each check reads only the export JSON
(the contract), so the same checks judge the baseline's export and ours:

- ``same-value disagreements``: pairs of claims in one disagreement whose values
  are the same in other words (equal after normalising case, punctuation and
  "U.S."; one's words inside the other's, "secretary" / "secretary of state";
  spelling variants, "defence" / "defense"; one gender-neutral form,
  "spokesman" / "spokeswoman"; equal numbers).
- ``unmerged quote pairs``: two quote entries of a story with the same words
  (after case, quote marks and punctuation), or one's words a run inside the
  other's (four words or more).
- ``non-sentence summary lines``: a summary line that is a headline (an
  article's title), begins with a dateline, has no sentence-final mark (a
  caption, a label) or is printed in articles of two or more stories (an
  outlet's boilerplate).
- ``split people pairs``: two PERSON entities of a story where one name's words
  end the other's ("Trump" / "Donald Trump", "Dr Guerras" / "Guerras") and no
  other person of the story shares that ending (a longer "name" ending in a
  lower-case word or holding a possessive, "Saturn V moon", is not counted).
- ``names with a title``: a person's name in the brief that begins with a title
  ("Dr Guerras", "Comedian Sarah Silverman").
- ``fragment passages``: a shared passage whose shown text does not start and
  end at sentence boundaries of its article, or breaks a sentence across lines
  (a passage of several paragraphs breaks only between sentences).
- ``variant citations``: citations of a summary line whose cited span differs
  from the text shown.
- ``citations unlike their text``: any citation of a summary variant, a
  source's "only here" line or a shared passage (or its variants) whose span
  differs from the text it is shown beside.
- ``"only here" lines printed elsewhere``: a line a source alone reports whose
  words (case, quote marks and punctuation aside; six words or more) another
  source prints in its text (articles of an unknown outlet are sources apart).
"""

from __future__ import annotations

import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
GIVEME = SHARED / "clustering" / "giveme5w1h" / "articles"
INPUTS = {"giveme5w1h": None, "examples": ROOT / "examples", "seeds": SHARED / "seeds"}

Example = tuple[str, str]  # (story id, what is wrong)

_APOSTROPHES = str.maketrans({c: "'" for c in "\u2019\u2018\u02bc\u2032`"})
_DATELINE = re.compile(r"^[A-Z][A-Z.'’/, -]{2,}(?:\s*\([^)]{1,40}\))?\s*(?:--|[-–—:])\s")
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
_GENDERED = re.compile(r"(?:man|woman|person)$")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def norm_words(text: str) -> list[str]:
    """Lower-cased words with apostrophes unified and "U.S." as "us"; punctuation dropped."""
    text = text.translate(_APOSTROPHES).lower()
    text = re.sub(r"\b([a-z])\.([a-z])\.", r"\1\2", text)
    return re.findall(r"\w+(?:'\w+)*", text)


def same_value(a: str, b: str) -> bool:
    """Two claim values that are one value in other words (the audit's judge, not the brief's)."""
    wa, wb = norm_words(a), norm_words(b)
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    na = [float(n.replace(",", "")) for n in _NUMBER.findall(a)]
    nb = [float(n.replace(",", "")) for n in _NUMBER.findall(b)]
    if na and nb:
        return na == nb
    if set(wa) <= set(wb) or set(wb) <= set(wa):
        return True
    if len(wa) == len(wb):
        return all(x == y or difflib.SequenceMatcher(a=x, b=y).ratio() >= 0.8
                   or _GENDERED.sub("", x) == _GENDERED.sub("", y) for x, y in zip(wa, wb))
    return False


def _contains_run(long: list[str], short: list[str]) -> bool:
    n = len(short)
    return any(long[i:i + n] == short for i in range(len(long) - n + 1))


def check_disagreements(story: dict, _: dict) -> Iterator[Example]:
    for d in story["discrepancies"]:
        claims = d["claims"]
        for i, a in enumerate(claims):
            for b in claims[i + 1:]:
                if same_value(a["text"], b["text"]):
                    yield story["id"], f"{d['about'][:70]}: {a['text']!r} = {b['text']!r}"


def check_quotes(story: dict, _: dict) -> Iterator[Example]:
    forms = [[norm_words(t) for t in [q["text"], *q["variants"]]] for q in story["quotes"]]
    for i, fa in enumerate(forms):
        for j in range(i + 1, len(forms)):
            if any(a == b or (min(len(a), len(b)) >= 4 and (_contains_run(a, b) or _contains_run(b, a)))
                   for a in fa for b in forms[j]):
                yield story["id"], f"{story['quotes'][i]['text'][:60]!r} / {story['quotes'][j]['text'][:60]!r}"


def check_summary(story: dict, ctx: dict) -> Iterator[Example]:
    titles = {tuple(norm_words(ctx["articles"][a]["title"] or "")) for a in story["articles"]}
    for line in story["summary"]:
        text = line["text"]
        why = None
        if tuple(norm_words(text)) in titles:
            why = "headline"
        elif _DATELINE.match(text):
            why = "dateline"
        elif not _SENTENCE_END.search(text):
            why = "no sentence end"
        elif len(ctx["stories_with"](text)) >= 2:
            why = "boilerplate (in several stories)"
        if why:
            yield story["id"], f"{why}: {text[:90]!r}"


def check_people(story: dict, _: dict) -> Iterator[Example]:
    people = [e["canonical"] for e in story["entities"] if e["label"] == "PERSON"]
    words = {p: norm_words(p) for p in people}
    for short in people:
        ws = words[short]
        # a longer "name" ending in a lower-case word or holding a possessive is no person's name
        longer = [p for p in people if p != short and len(words[p]) > len(ws) and words[p][-len(ws):] == ws
                  and not p.split()[-1].islower() and not re.search(r"['’]s\b", p)]
        if len(longer) == 1:
            yield story["id"], f"{short!r} / {longer[0]!r}"


_TITLES = {"mr", "mrs", "ms", "dr", "prof", "president", "senator", "sen", "rep", "gov", "governor", "minister",
           "secretary", "comedian", "actor", "actress", "rabbi", "judge", "general", "gen", "mayor", "chancellor",
           "sir", "ceo", "chairman", "spokesman", "spokeswoman"}


def check_titled_names(story: dict, _: dict) -> Iterator[Example]:
    for e in story["entities"]:
        words = e["canonical"].split()
        if e["label"] == "PERSON" and len(words) > 1 and words[0].lower().rstrip(".") in _TITLES:
            yield story["id"], repr(e["canonical"])


# a passage may end where a quotation closes on its sentence's punctuation ('… without them," they said')
_QUOTE_CLOSE = re.compile(r"[,.!?…][\"”]$")


def check_passages(story: dict, ctx: dict) -> Iterator[Example]:
    for p in story["shared_passages"]:
        cites = p.get("citations") or []
        if not cites:
            continue
        c = cites[0]
        text = ctx["articles"][c["article"]]["text"]
        starts, ends = ctx["bounds"](c["article"])
        span = text[c["start"]:c["end"]]
        # a passage may hold several paragraphs of one run, each of whole sentences: a break inside a sentence is a fragment
        lines = [m for m in re.finditer(r"\S(?:[^\n]*\S)?", span)]
        if any(c["start"] + m.end() not in ends for m in lines[:-1]) or any(c["start"] + m.start() not in starts for m in lines[1:]):
            yield story["id"], f"breaks a sentence across lines: {span[:80]!r}"
        elif c["start"] not in starts or (c["end"] not in ends and not _QUOTE_CLOSE.search(text, 0, c["end"])):
            yield story["id"], f"not whole sentences: {span[:80]!r}"


def check_citations(story: dict, ctx: dict) -> Iterator[Example]:
    for line in story["summary"]:
        for c in line["citations"]:
            cited = ctx["articles"][c["article"]]["text"][c["start"]:c["end"]]
            if cited != line["text"]:
                yield story["id"], f"{line['text'][:50]!r} cites {cited[:50]!r}"


def check_all_citations(story: dict, ctx: dict) -> Iterator[Example]:
    shown = [(v["text"], v["citations"]) for line in story["summary"] for v in line.get("variants", [])]
    shown += [(u["text"], u["citations"]) for source in story["sources"] for u in source["unique"]]
    for passage in story["shared_passages"]:
        shown += [(passage["text"], passage.get("citations", []))]
        shown += [(v["text"], v["citations"]) for v in passage.get("variants", [])]
    for text, citations in shown:
        for c in citations:
            cited = ctx["articles"][c["article"]]["text"][c["start"]:c["end"]]
            if cited != text:
                yield story["id"], f"{text[:50]!r} cites {cited[:50]!r}"


def check_unique(story: dict, ctx: dict) -> Iterator[Example]:
    articles = ctx["articles"]

    def source(article_id: str) -> str:
        return articles[article_id]["outlet"] or article_id

    printed = {aid: f" {' '.join(norm_words(articles[aid]['text']))} " for aid in story["articles"]}
    for report in story["sources"]:
        for line in report["unique"]:
            words = norm_words(line["text"])
            own = {source(c["article"]) for c in line["citations"]}
            if len(words) < 6:
                continue
            elsewhere = [aid for aid, text in printed.items() if source(aid) not in own and f" {' '.join(words)} " in text]
            if elsewhere:
                yield story["id"], f"{line['text'][:60]!r} also in {elsewhere[0]}"


CHECKS: dict[str, Callable[[dict, dict], Iterator[Example]]] = {
    "same-value disagreement pairs": check_disagreements,
    "unmerged quote pairs": check_quotes,
    "non-sentence summary lines": check_summary,
    "split people pairs": check_people,
    "names with a title": check_titled_names,
    "fragment passages": check_passages,
    "variant citations": check_citations,
    "citations unlike their text": check_all_citations,
    '"only here" lines printed elsewhere': check_unique,
}


def _sentence_bounds(text: str) -> tuple[set[int], set[int]]:
    """Offsets where a sentence starts (also after its opening quote marks) and ends (also before its closing marks)."""
    from storyline.pipeline.sentences import split_sentences

    starts, ends = set(), set()
    for s in split_sentences(text):
        starts.add(s.start)
        ends.add(s.end)
        lead = re.match(r"[\"“‘'(\[]+", s.text)
        starts.add(s.start + (lead.end() if lead else 0))
        trail = re.search(r"[\"”’')\].!?…,]+$", s.text)
        if trail:
            for k in range(trail.start(), len(s.text)):
                ends.add(s.start + k)
    return starts, ends


def audit(export: dict) -> dict[str, list[Example]]:
    """Every defect of every check in ``export`` (the contract JSON)."""
    articles = {a["id"]: a for a in export["articles"]}
    story_of = {a["id"]: a["story"] for a in export["articles"]}
    bounds_cache: dict[str, tuple[set[int], set[int]]] = {}
    with_cache: dict[str, set[str]] = {}

    def bounds(article_id: str) -> tuple[set[int], set[int]]:
        if article_id not in bounds_cache:
            bounds_cache[article_id] = _sentence_bounds(articles[article_id]["text"])
        return bounds_cache[article_id]

    def stories_with(text: str) -> set[str]:
        if text not in with_cache:
            with_cache[text] = {story_of[a["id"]] for a in export["articles"] if text in a["text"]}
        return with_cache[text]

    ctx = {"articles": articles, "bounds": bounds, "stories_with": stories_with}
    found: dict[str, list[Example]] = defaultdict(list)
    for story in export["stories"]:
        for name, check in CHECKS.items():
            found[name].extend(check(story, ctx))
    return found


SHOWN = {  # what a brief shows, so a check cannot be met by showing nothing
    "summary lines": lambda st: len(st["summary"]),
    "quotes": lambda st: len(st["quotes"]),
    "people": lambda st: sum(e["label"] == "PERSON" for e in st["entities"]),
    "shared passages": lambda st: len(st["shared_passages"]),
    "disagreements": lambda st: len(st["discrepancies"]),
}


def shown(export: dict) -> dict[str, int]:
    """How many of each kind of item the export's briefs show."""
    return {name: sum(count(st) for st in export["stories"]) for name, count in SHOWN.items()}


def _giveme_jsonl(path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for p in sorted(GIVEME.glob("*.json")):
            rec = json.loads(p.read_text(encoding="utf-8"))
            out.write(json.dumps({
                "id": rec["dId"], "url": rec.get("url"), "title": rec.get("title"), "text": rec.get("text"),
                "published": None if rec.get("date_publish") in (None, "None") else rec["date_publish"],
                "outlet": rec.get("source_domain"),
            }) + "\n")


def _storyline(src: Path, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run([sys.executable, "-m", "storyline", *args], env=env, capture_output=True, text=True, check=True)
    return done.stdout


def _baseline_src(rev: str | None, into: Path) -> tuple[str, Path]:
    if rev is None:
        rev = subprocess.run(["git", "-C", str(ROOT), "merge-base", "HEAD", "main"],
                             capture_output=True, text=True, check=True).stdout.strip()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src"], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return rev, into / "src"


def run_audit(baseline: str | None, examples: int) -> int:
    """Ingest the three inputs once; export with the baseline's code and ours; print the counts."""
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        rev, base_src = _baseline_src(baseline, tmpdir)
        ours_src = ROOT / "src"
        totals: dict[str, dict[str, int]] = {"baseline": defaultdict(int), "ours": defaultdict(int)}
        ours_found: dict[str, list[Example]] = defaultdict(list)
        for name, source in INPUTS.items():
            if source is None:
                source = tmpdir / "giveme.jsonl"
                _giveme_jsonl(source)
            if not source.exists():
                print(f"{name}: not found at {source}", file=sys.stderr)
                return 1
            db = tmpdir / f"{name}.db"
            _storyline(ours_src, "ingest", "--db", str(db), str(source))
            rows = {}
            for who, src in (("baseline", base_src), ("ours", ours_src)):
                export = json.loads(_storyline(src, "export", "--db", str(db), "--format", "json"))
                found = audit(export)
                rows[who] = (len(export["stories"]), found, shown(export))
                for check in CHECKS:
                    totals[who][check] += len(found[check])
                for item, n in rows[who][2].items():
                    totals[who][item] += n
            print(f"\n{name}: {rows['ours'][0]} stories")
            print(f"  {'check':36} {'baseline':>9} {'ours':>6}")
            for check in CHECKS:
                print(f"  {check:36} {len(rows['baseline'][1][check]):9d} {len(rows['ours'][1][check]):6d}")
                ours_found[check] += [(f"{name}/{s}", w) for s, w in rows["ours"][1][check]]
            for item in SHOWN:
                print(f"  {'shown: ' + item:36} {rows['baseline'][2][item]:9d} {rows['ours'][2][item]:6d}")
    print(f"\nall inputs (baseline = brief code of {rev[:10]}, same stores)")
    print(f"  {'check':36} {'baseline':>9} {'ours':>6}")
    for check in [*CHECKS, *SHOWN]:
        label = check if check in CHECKS else "shown: " + check
        print(f"  {label:36} {totals['baseline'][check]:9d} {totals['ours'][check]:6d}")
    if examples:
        print("\nexamples left (ours):")
        for check in CHECKS:
            for story, what in ours_found[check][:examples]:
                print(f"  [{check}] {story}: {what}")
    return 0


if __name__ == "__main__":  # audit export files already made: brief_audit.py EXPORT.json ...
    for file in sys.argv[1:]:
        result = audit(json.loads(Path(file).read_text(encoding="utf-8")))
        print(file)
        for check in CHECKS:
            print(f"  {check:36} {len(result[check]):6d}")
            for story, what in result[check][:int(os.environ.get("EXAMPLES", "3"))]:
                print(f"      {story}: {what}")
