"""The per-article CPU budget: an article a stage spends too long on becomes a reject, the rest go on.

Checked in the main thread (a SIGPROF timer), in another thread (the watchdog)
and in a forked ``--workers`` process running the real stages.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pytest

from storyline.errors import TimeBudgetExceeded
from storyline.models import Article, RawArticle, Reject
from storyline.pipeline.base import Context, run_guarded
from storyline.pipeline.budget import cpu_budget
from storyline.settings import Settings

BODY = ("The harbour bridge reopened on Tuesday after three months of repairs, the council said. "
        "Engineers replaced the deck and the lights, and traffic is expected to return to normal by Friday.")


@dataclass
class Item:
    id: str
    source: str


def _spin() -> None:
    """Burn CPU for ever, swallowing ordinary exceptions the way a broad library handler would."""
    n = 0
    while True:
        try:
            n += 1
        except Exception:  # noqa: BLE001 - the budget's exception is no Exception
            pass


class Spinning:
    name = "spin/1"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    def run(self, records: Iterable[Item], ctx: Context) -> Iterator[Item]:
        for record in records:
            if record.id == "slow":
                _spin()
            yield record


def _guarded(budget: float) -> tuple[list[Item], list[Reject], float, Context]:
    ctx = Context(Settings(article_time_budget=budget))
    items = [Item("a", "a.txt"), Item("slow", "f.jsonl:2"), Item("c", "c.txt")]
    started = time.thread_time()
    kept, rejects = run_guarded(Spinning(), items, ctx)
    return kept, rejects, time.thread_time() - started, ctx


def test_in_the_main_thread_the_slow_article_is_rejected_and_the_rest_kept():
    kept, rejects, cpu, ctx = _guarded(0.3)
    assert [k.id for k in kept] == ["a", "c"]
    assert [(r.source, r.stage) for r in rejects] == [("f.jsonl:2 (slow)", "spin/1")]
    assert rejects[0].reason == "spin/1: time budget exceeded (0.3 s of CPU)"
    assert ctx.counters["rejected_time_budget"] == 1
    assert cpu < 2.0  # the batch's try, then the article's alone: about twice the budget


def test_in_another_thread_the_watchdog_stops_it():
    found: dict[str, object] = {}
    thread = threading.Thread(target=lambda: found.update(result=_guarded(0.3)))
    thread.start()
    thread.join(10)
    kept, rejects, cpu, _ = found["result"]  # type: ignore[misc]
    assert [k.id for k in kept] == ["a", "c"] and [r.reason for r in rejects] == [
        "spin/1: time budget exceeded (0.3 s of CPU)"]
    assert cpu < 3.0


def test_the_budget_restarts_at_each_output_and_is_gone_after():
    with cpu_budget(0.3) as budget:
        for _ in range(4):  # 4 × 0.2 s: over the budget in all, never between two restarts
            started = time.process_time()
            while time.process_time() - started < 0.2:
                pass
            budget.restart()
    started = time.process_time()
    while time.process_time() - started < 0.5:  # after the block no timer is left to fire
        pass


def test_no_budget_when_it_is_zero():
    with cpu_budget(0):
        started = time.process_time()
        while time.process_time() - started < 0.2:
            pass
    with pytest.raises(TimeBudgetExceeded):
        with cpu_budget(0.1):
            _spin()


def test_the_real_stages_in_a_forked_worker_reject_the_slow_article(monkeypatch):
    """``process_batch`` in the ``--workers`` pool: Analyze stuck on one article costs that article only."""
    from storyline.pipeline import analyze
    from storyline.run.local import process_batch, worker_pool

    real = analyze.extract_quotes

    def stuck_on_marker(text, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "Quillfeather" in text:
            _spin()
        return real(text, *args, **kwargs)

    monkeypatch.setattr(analyze, "extract_quotes", stuck_on_marker)  # the forked worker inherits it
    settings = Settings(article_time_budget=1.0)
    raws = [RawArticle(source=f"{name}.txt", text=f"{BODY} {extra}") for name, extra in
            (("first", "Mayor Jane Smith spoke."), ("stuck", "Quillfeather said so."), ("last", "The end."))]
    with worker_pool(settings, 1) as pool:
        articles, rejects = pool.submit(process_batch, raws, settings).result(timeout=120)
    assert [a.source for a in articles] == ["first.txt", "last.txt"]
    assert all(isinstance(a, Article) and a.entities is not None for a in articles)
    assert [(r.source.split()[0], r.stage) for r in rejects] == [("stuck.txt", analyze.Analyze.name)]
    assert "time budget exceeded" in rejects[0].reason


def test_a_batch_of_one_is_not_run_again_after_its_budget():
    ctx = Context(Settings(article_time_budget=0.3))
    started = time.thread_time()
    kept, rejects = run_guarded(Spinning(), [Item("slow", "s.txt")], ctx)
    assert kept == [] and [r.reason for r in rejects] == ["spin/1: time budget exceeded (0.3 s of CPU)"]
    assert time.thread_time() - started < 0.9  # once, not twice


def test_the_length_cap_is_what_the_budget_pays_for():
    from storyline.pipeline.budget import CHARS_PER_BUDGET_SECOND, article_char_cap, over_char_cap

    assert article_char_cap(Settings()) == min(Settings().max_article_chars, 60 * CHARS_PER_BUDGET_SECOND)
    assert article_char_cap(Settings()) >= 1_000_000  # a 1 MB article is analysed under the default budget
    assert article_char_cap(Settings(article_time_budget=3)) == 3 * CHARS_PER_BUDGET_SECOND
    assert article_char_cap(Settings(article_time_budget=0, max_article_chars=5_000)) == 5_000
    assert article_char_cap(Settings(article_time_budget=600, max_article_chars=5_000)) == 5_000
    cap = article_char_cap(Settings(article_time_budget=3))
    assert over_char_cap(cap, Settings(article_time_budget=3)) is None
    reason = over_char_cap(cap + 1, Settings(article_time_budget=3))
    assert reason and reason.startswith(f"text is {cap + 1:,} characters, over the {cap:,}-character cap")


def test_a_text_over_the_cap_is_refused_when_read_and_by_analyze():
    from storyline.pipeline.analyze import Analyze
    from storyline.pipeline.ingest.files import read_file
    from storyline.pipeline.reasons import kind_of

    settings = Settings(article_time_budget=0.01)  # pays for 170 characters
    long_text = f"{BODY} {BODY}"
    assert len(long_text) > 170
    out = list(read_file_text(long_text, settings, read_file))
    assert len(out) == 1 and isinstance(out[0], Reject) and "-character cap" in out[0].reason
    assert kind_of(out[0].reason) == "over a size cap"
    article = Article(id="x", source="x.txt", text=long_text, content_hash="h")
    kept, rejects = run_guarded(Analyze(), [article], Context(settings))
    assert kept == [] and "-character cap" in rejects[0].reason


def read_file_text(text: str, settings: Settings, read_file) -> Iterator[RawArticle | Reject]:  # type: ignore[no-untyped-def]
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.txt"
        path.write_text(text, encoding="utf-8")
        yield from read_file(path, settings)
