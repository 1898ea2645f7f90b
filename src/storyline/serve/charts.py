"""Small inline SVG charts: no script, no library, nothing fetched.

Only numbers and escaped labels reach the markup; sizes are SVG attributes
(not ``style=``) so the Content-Security-Policy can forbid inline styles.
"""

from __future__ import annotations

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


def timeline(points: list[tuple[str, str]], width: int = 640, height: int = 70) -> Markup:
    """Timeline entries (date, text) as dots on a date axis, with the text as tooltip."""
    dated = sorted((d, text) for value, text in points if (d := _parse(value)))
    if not dated:
        return Markup("")
    first, last = dated[0][0], dated[-1][0]
    span = max((last - first).days, 1)
    pad = 12
    usable = width - 2 * pad
    y = height // 2
    stack: Counter[date] = Counter()
    dots = []
    for d, text in dated:
        x = pad + usable * (d - first).days / span if last != first else width / 2
        offset = stack[d] * 8
        stack[d] += 1
        dots.append(
            f'<circle cx="{x:.1f}" cy="{y - offset}" r="5"><title>{escape(d.isoformat() + ": " + text[:200])}</title></circle>'
        )
    axis = f'<line x1="{pad}" y1="{y + 8}" x2="{width - pad}" y2="{y + 8}"/>'
    labels = (
        f'<text x="{pad}" y="{height - 4}">{first.isoformat()}</text>'
        f'<text x="{width - pad}" y="{height - 4}" text-anchor="end">{last.isoformat()}</text>'
    )
    return Markup(
        f'<svg class="chart timeline" role="img" aria-label="timeline from {first} to {last}, {len(dated)} entries" '
        f'viewBox="0 0 {width} {height}" preserveAspectRatio="xMidYMid meet">{axis}{"".join(dots)}{labels}</svg>'
    )
