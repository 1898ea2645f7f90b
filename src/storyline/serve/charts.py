"""Small inline SVG charts: no script, no library, nothing fetched.

Only numbers and escaped labels reach the markup; sizes are SVG attributes
(not ``style=``) so the Content-Security-Policy can forbid inline styles.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import date, timedelta
from html import escape

from markupsafe import Markup


def _parse(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def coverage(days: list[str], width: int = 120, height: int = 24) -> Markup:
    """Articles per day (per week for spans over 60 days) as a bar sparkline."""
    dates = sorted(d for d in (_parse(x) for x in days) if d)
    if not dates:
        return Markup("")
    first, last = dates[0], dates[-1]
    step = 1 if (last - first).days < 60 else 7
    buckets = Counter((d - first).days // step for d in dates)
    n = max(buckets) + 1
    top = max(buckets.values())
    bar = width / n
    rects = []
    for i in range(n):
        count = buckets.get(i, 0)
        if not count:
            continue
        h = max(2.0, (height - 2) * count / top)
        start = first + timedelta(days=i * step)
        label = f"{start.isoformat()}{' (week)' if step == 7 else ''}: {count} article{'s' * (count != 1)}"
        rects.append(
            f'<rect x="{i * bar:.1f}" y="{height - h:.1f}" width="{max(bar - 1, 1):.1f}" height="{h:.1f}">'
            f"<title>{escape(label)}</title></rect>"
        )
    summary = f"{len(dates)} dated articles from {first} to {last}"
    return Markup(
        f'<svg class="chart coverage" role="img" aria-label="{escape(summary)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">{"".join(rects)}</svg>'
    )


TIMELINE_LANES = 6  # rows of marks before marks that overlap in time share the last row
TIMELINE_TIP = 120  # characters of an entry's text in its tooltip (the list below the chart has it whole)
LOG_AXIS_SPAN_DAYS = 730  # past two years, an axis on which most entries crowd the end becomes logarithmic


class _Axis:
    """Where a day falls on the chart: linear, or logarithmic in the time before the last day.

    A story's timeline mixes the week it happened with background ("1947", "the 1960s"); on a
    linear axis the story's own days would share a few pixels. When most entries sit in the last
    tenth of a span over two years, the distance back from the last day is drawn on a log scale.
    """

    def __init__(self, first: date, last: date, starts: list[date], x0: float, x1: float) -> None:
        self.first, self.last, self.x0, self.x1 = first, last, x0, x1
        self.span = max((last - first).days, 1)
        recent = sum((last - d).days <= self.span / 10 for d in starts)
        self.log = self.span > LOG_AXIS_SPAN_DAYS and recent > len(starts) / 2
        self.unit = 7.0  # days: a week back is the first step of the log scale

    def x(self, day: date) -> float:
        back = max(0, (self.last - day).days)
        if self.log:
            share = 1 - math.log1p(back / self.unit) / math.log1p(self.span / self.unit)
        else:
            share = 1 - back / self.span
        return self.x0 + (self.x1 - self.x0) * share

    def ticks(self) -> list[tuple[date, str]]:
        """Days to label under the axis: the ends, and between them steps a reader can count
        (a week, a month, a year, ten years back on a log axis; quarters of a linear one)."""
        if self.log:
            inner = sorted(self.last - timedelta(days=d) for d in (7, 30, 365, 3650, 36500)
                           if self.first < self.last - timedelta(days=d))
        else:
            inner = [self.first + timedelta(days=round(self.span * k / 4)) for k in (1, 2, 3)]
        out: list[tuple[date, str]] = []
        for d in [self.first, *inner, self.last]:
            back = (self.last - d).days if self.log else self.span
            label = d.strftime("%Y" if back > 3 * 365 else "%b %Y" if back > 60 else "%-d %b %Y")
            if out and (label == out[-1][1] or self.x(d) - self.x(out[-1][0]) < 64):
                if d == self.last:  # the last day is always labelled: it replaces a crowded neighbour
                    out[-1] = (d, label)
                continue
            out.append((d, label))
        return out


def timeline(entries: list[tuple[str, str, str]], width: int = 640) -> Markup:
    """Timeline entries (TimeML value, text, label as the brief words it) on a date axis: a dot for a day, a bar for a
    week, month, season, year or decade (every precision the brief gives), the label and
    text as tooltip. Marks that overlap in time go on rows above one another."""
    from storyline.pipeline.analyze.timex_intervals import interval_of  # the brief's own reading of the codes

    marks = sorted(((iv, text, label or iv.label) for value, text, label in entries if (iv := interval_of(value))),
                   key=lambda m: (m[0].start, -(m[0].end - m[0].start).days))
    if not marks:
        return Markup("")
    pad, lane_h, r = 14, 10, 4
    # The axis ends where the last entry starts (a "2017" or "autumn 2017" entry would otherwise
    # stretch it to the end of December); a longer entry reaching past it is cut at the edge.
    starts = [m[0].start for m in marks]
    axis = _Axis(starts[0], max(starts), starts, pad, width - pad)
    ends: list[float] = []  # right edge of the last mark on each row
    placed = []
    for iv, text, label in marks:
        a, b = axis.x(iv.start), axis.x(min(iv.end, axis.last))
        if iv.precision == "day" or b - a < 2 * r:
            a, b = (a + b) / 2 - r, (a + b) / 2 + r
        free = [i for i, end in enumerate(ends) if end < a - 1]
        if free:
            row = free[0]
        elif len(ends) < TIMELINE_LANES:
            row = len(ends)
            ends.append(b)
        else:
            row = min(range(len(ends)), key=ends.__getitem__)
        ends[row] = max(ends[row], b)
        placed.append((iv, text, label, a, b, row))
    lanes = len(ends)
    base = 6 + lanes * lane_h  # the axis line, below the rows
    height = base + 22
    shapes = []
    for iv, text, label, a, b, row in placed:
        y = base - 4 - row * lane_h
        tip = f"<title>{escape(label)}: {escape(text[:TIMELINE_TIP])}{'…' if len(text) > TIMELINE_TIP else ''}</title>"
        if iv.precision == "day":
            shapes.append(f'<circle cx="{(a + b) / 2:.1f}" cy="{y}" r="{r}">{tip}</circle>')
        else:
            shapes.append(f'<rect class="span {iv.precision}" x="{a:.1f}" y="{y - 3}" width="{b - a:.1f}" height="6" '
                          f'rx="3">{tip}</rect>')
    ticks = axis.ticks()
    tick_marks = "".join(
        f'<line x1="{axis.x(d):.1f}" y1="{base + 1}" x2="{axis.x(d):.1f}" y2="{base + 5}"/>'
        f'<text x="{axis.x(d):.1f}" y="{height - 4}" text-anchor="{anchor}">{escape(label)}</text>'
        for i, (d, label) in enumerate(ticks)
        for anchor in ["start" if i == 0 else "end" if i == len(ticks) - 1 else "middle"]
    )
    days = sum(m[0].precision == "day" for m in marks)
    scale = "; the axis is logarithmic in the time before the last entry" if axis.log else ""
    summary = (f"timeline from {marks[0][2]} to {marks[starts.index(axis.last)][2]}, "
               f"{len(marks)} entries: {days} on a day, {len(marks) - days} over a week or longer{scale}")
    return Markup(
        f'<svg class="chart timeline" role="img" aria-label="{escape(summary)}" viewBox="0 0 {width} {height}" '
        f'preserveAspectRatio="xMidYMid meet"><line x1="{pad}" y1="{base}" x2="{width - pad}" y2="{base}"/>'
        f'{"".join(shapes)}{tick_marks}</svg>'
    )
