"""A CPU-time budget for one guarded stage call, restarted at each output.

``run_guarded`` runs a stage under ``cpu_budget(seconds)`` and calls
``restart()`` every time the stage yields a record, so the budget bounds the
CPU spent between two outputs: one article's work (plus, for a stage that
batches, the shared work of its batch, such as spaCy parsing up to 32 texts
at once). Past it, ``TimeBudgetExceeded`` is raised inside the stage.

How it interrupts:

* in a thread that is the main thread of its process (the CLI, a ``--workers``
  pool process, the web server's ingest process), an ``ITIMER_PROF`` interval
  timer sends ``SIGPROF`` when the process has used ``seconds`` of CPU, and
  the handler raises; the timer then repeats every second, so a stage that
  swallows the exception is interrupted again;
* in any other thread (the Python API called from a thread pool), signals
  cannot be used: one watchdog thread per process reads the thread's own CPU
  clock (``pthread_getcpuclockid``) ten times a second and raises the
  exception in that thread (``PyThreadState_SetAsyncExc``);
* where neither exists (Windows), there is no budget.

Limits: the exception arrives between two Python bytecodes, so one call into
C that never returns (a regular expression stuck in backtracking inside the
``re`` engine) is not interrupted until it returns; process CPU time includes
the process's other threads (a progress bar: negligible); and a stage
interrupted half-way may leave its own state half-updated, so stages keep
cross-article state (the clustering index) in structures that tolerate it.

The budget and the length cap agree: ``article_char_cap`` lowers
``max_article_chars`` to what the budget can pay for, at
``CHARS_PER_BUDGET_SECOND``, so a text at the cap is analysed within its
budget and a longer one is refused before any work is spent on it.
"""

from __future__ import annotations

import ctypes
import os
import signal
import threading
import time
from types import FrameType, TracebackType

from storyline.errors import TimeBudgetExceeded

_REPEAT = 1.0  # seconds of CPU between repeated interruptions of a stage that swallowed the first
# Characters of article text one CPU-second of the budget pays for in the dearest stage
# (Analyze: spaCy's parse is nine tenths of it). Measured on this 2-core machine at load
# 10-14, where CPU time per character is about 1.7x a quiet machine's (56 µs a character
# against about 33): the loaded figure, so a text at the cap fits its budget on a busy
# machine too. At the default 60 s: 1,020,000 characters, so a 1 MB article is analysed.
CHARS_PER_BUDGET_SECOND = 17_000


def article_char_cap(settings: object) -> int:
    """Longest article text analysed: ``max_article_chars``, lowered to what ``article_time_budget`` pays for.

    A budget of 0 (none) leaves ``max_article_chars`` alone.
    """
    cap = int(getattr(settings, "max_article_chars", 0) or 0)
    budget = float(getattr(settings, "article_time_budget", 0) or 0)
    if budget > 0:
        paid = int(budget * CHARS_PER_BUDGET_SECOND)
        cap = min(cap, paid) if cap > 0 else paid
    return cap


def over_char_cap(length: int, settings: object) -> str | None:
    """Why a text of ``length`` characters is refused (it would not fit the budget), or None if it is not."""
    cap = article_char_cap(settings)
    if cap <= 0 or length <= cap:
        return None
    return (f"text is {length:,} characters, over the {cap:,}-character cap (max_article_chars "
            f"{getattr(settings, 'max_article_chars', 0):,}, or what {getattr(settings, 'article_time_budget', 0):g} s "
            f"of article_time_budget pays for at {CHARS_PER_BUDGET_SECOND:,} characters a second)")


class cpu_budget:  # noqa: N801 - used like a function: ``with cpu_budget(60) as budget:``
    """Context manager: raise ``TimeBudgetExceeded`` in this thread after ``seconds`` of CPU.

    ``restart()`` gives the full budget again. ``seconds`` <= 0 means no budget.
    """

    __slots__ = ("seconds", "_active", "_mode", "_previous_handler", "_previous_timer")

    def __init__(self, seconds: float) -> None:
        self.seconds = float(seconds)
        self._active = False
        self._mode = ""
        self._previous_handler: object = None
        self._previous_timer: tuple[float, float] = (0.0, 0.0)

    def __enter__(self) -> cpu_budget:
        if self.seconds <= 0:
            return self
        if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
            self._mode = "signal"
            self._active = True
            self._previous_handler = signal.signal(signal.SIGPROF, self._on_signal)
            self._previous_timer = signal.setitimer(signal.ITIMER_PROF, self.seconds, _REPEAT)
        elif hasattr(time, "pthread_getcpuclockid"):
            self._mode = "watchdog"
            self._active = True
            _watchdog().watch(threading.get_ident(), self)
        return self

    def restart(self) -> None:
        """Give the full budget again (called at each output of the stage)."""
        if self._mode == "signal":
            signal.setitimer(signal.ITIMER_PROF, self.seconds, _REPEAT)
        elif self._mode == "watchdog":
            _watchdog().restart(threading.get_ident(), self.seconds)

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._active = False  # first: a signal arriving from here on is ignored
        if self._mode == "signal":
            signal.setitimer(signal.ITIMER_PROF, *self._previous_timer)
            signal.signal(signal.SIGPROF, self._previous_handler)  # type: ignore[arg-type]
        elif self._mode == "watchdog":
            _watchdog().unwatch(threading.get_ident())
        self._mode = ""

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self._active:
            raise TimeBudgetExceeded(self.seconds)


class _Watchdog:
    """One thread per process raising ``TimeBudgetExceeded`` in watched threads past their CPU limit."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._watched: dict[int, list[float]] = {}  # thread id → [its CPU clock id, CPU time limit]
        self._wake = threading.Event()
        threading.Thread(target=self._loop, name="cpu-budget", daemon=True).start()

    def watch(self, ident: int, budget: cpu_budget) -> None:
        clock = time.pthread_getcpuclockid(ident)
        with self._lock:
            self._watched[ident] = [clock, time.clock_gettime(clock) + budget.seconds]
        self._wake.set()

    def restart(self, ident: int, seconds: float) -> None:
        with self._lock:
            entry = self._watched.get(ident)
            if entry:
                entry[1] = time.clock_gettime(int(entry[0])) + seconds

    def unwatch(self, ident: int) -> None:
        with self._lock:
            if self._watched.pop(ident, None) is not None:
                # An exception set but not yet raised must not surface after the guarded call.
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), None)

    def _loop(self) -> None:
        while True:
            if not self._watched:
                self._wake.wait()
                self._wake.clear()
            time.sleep(0.1)
            with self._lock:
                for ident, entry in self._watched.items():
                    try:
                        used = time.clock_gettime(int(entry[0]))
                    except OSError:  # the thread is gone
                        continue
                    if used > entry[1]:
                        entry[1] = used + _REPEAT
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(
                            ctypes.c_ulong(ident), ctypes.py_object(TimeBudgetExceeded))


_WATCHDOG: tuple[int, _Watchdog] | None = None
_WATCHDOG_LOCK = threading.Lock()


def _watchdog() -> _Watchdog:
    """The process's watchdog (a forked child has no threads of its parent: it starts its own)."""
    global _WATCHDOG
    with _WATCHDOG_LOCK:
        if _WATCHDOG is None or _WATCHDOG[0] != os.getpid():
            _WATCHDOG = (os.getpid(), _Watchdog())
        return _WATCHDOG[1]
