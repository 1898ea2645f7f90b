"""One exception hierarchy; every error names what it is about.

    StorylineError            base of everything storyline raises
    ├── InputError            an input (file, record, URL) could not be read
    ├── StageError            a stage could not process an article
    ├── StoreError            the store could not be opened or written
    ├── NotFoundError         a story or article id that the store does not hold
    └── MissingExtraError     an optional dependency is not installed

    TimeBudgetExceeded        (a BaseException) an article took more CPU in a stage than its
                              budget; raised inside the stage, caught by ``run_guarded``

The library raises; the CLI and the web server translate each into one line.
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base class of storyline's errors."""


class InputError(StorylineError):
    """An input could not be read: ``source`` names the file, record or URL."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class StageError(StorylineError):
    """A stage failed on one article."""

    def __init__(self, stage: str, source: str, reason: str) -> None:
        super().__init__(f"{source}: {stage}: {reason}")
        self.stage = stage
        self.source = source
        self.reason = reason


class StoreError(StorylineError):
    """The store could not be opened, migrated or written."""


class NotFoundError(StorylineError):
    """An id the store does not hold."""


class MissingExtraError(StorylineError):
    """An optional part needs a package that is not installed."""

    def __init__(self, feature: str, extra: str, package: str) -> None:
        super().__init__(
            f"{feature} needs the package {package!r}: pip install 'storyline[{extra}]'"
        )
        self.extra = extra
        self.package = package


class TimeBudgetExceeded(BaseException):
    """A stage spent more CPU on one article than ``article_time_budget`` allows.

    A ``BaseException``, like ``KeyboardInterrupt``: it is raised asynchronously
    (``pipeline.budget``) in whatever code the stage is running, and the broad
    ``except Exception`` of a library underneath must not swallow it.
    """

    def __init__(self, seconds: float | None = None) -> None:
        super().__init__(f"time budget of {seconds:g} s of CPU exceeded" if seconds else "time budget exceeded")
        self.seconds = seconds
