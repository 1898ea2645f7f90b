"""Briefs as one self-contained HTML file: no script, no external resource, all text escaped."""

from __future__ import annotations

from html import escape

from storyline.models import Brief, Citation, WhatsNew

_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;background:#fff}
h1{font-size:1.6rem}h2{font-size:1.2rem;border-bottom:1px solid #ccc;margin-top:2rem}
.cite{font-size:.8rem;color:#1a4f8b}.meta{color:#555}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem}
blockquote{margin:.5rem 0;padding-left:1rem;border-left:3px solid #1a4f8b}
"""


def _cites(citations: list[Citation]) -> str:
    return " ".join(
        f'<span class="cite" title="{escape(c.article)} characters {c.start}–{c.end}">[{escape(c.article)}:{c.start}-{c.end}]</span>'
        for c in citations
    )


def _whats_new(news: WhatsNew) -> list[str]:
    out = [f"<h2>New since {escape(news.since)}</h2>"]
    if not news.articles:
        return out + ["<p>Nothing new.</p>"]
    out.append(f"<p>Articles: {escape(', '.join(news.articles))}</p><ul>")
    out += [f"<li>{escape(f.text)} {_cites(f.citations)}</li>" for f in news.facts]
    out += [f"<li>“{escape(q.text)}” — {escape(q.speaker or 'unattributed')}</li>" for q in news.quotes]
    out += [f"<li><strong><time datetime=\"{escape(t.date)}\">{escape(t.label or t.date)}</time></strong> {escape(t.text)}</li>" for t in news.timeline]
    return out + ["</ul>"]


def _paragraphs(text: str) -> str:
    """Text of several paragraphs (a shared passage) escaped, its paragraphs on lines of their own."""
    return "<br>".join(escape(line.strip()) for line in text.split("\n") if line.strip())


def brief_html(brief: Brief, news: WhatsNew | None = None) -> str:
    s = brief.story
    out = [
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">",
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">",
        f"<title>{escape(s.title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(s.title)}</h1>",
        f"<p class=\"meta\">Story {escape(s.id)} · {len(s.articles)} articles · {escape(s.first_published or '')} – {escape(s.last_published or '')}</p>",
    ]
    if news is not None:
        out += _whats_new(news)
    if brief.summary:
        out.append("<h2>Summary</h2><ul>")
        out += [
            f"<li>{escape(x.text)} {_cites(x.citations)}"
            + "".join(f"<details class=\"variant\"><summary>variant {_cites(v.citations)}</summary>{escape(v.text)}</details>"
                      for v in x.variants)
            + "</li>"
            for x in brief.summary
        ]
        out.append("</ul>")
    if brief.timeline:
        out.append("<h2>Timeline</h2><ul>")
        out += [f"<li><strong><time datetime=\"{escape(t.date)}\">{escape(t.label or t.date)}</time></strong> {escape(t.text)} {_cites(t.citations)}</li>" for t in brief.timeline]
        out.append("</ul>")
    if brief.quotes:
        out.append("<h2>Quotes</h2>")
        for q in brief.quotes:
            variants = "".join(
                f"<li>variant in {escape(', '.join(c.articles))}: “{escape(c.variant)}”"
                + "".join(f' <ins>{escape(w)}</ins>' for w in c.added)
                + "".join(f' <del>{escape(w)}</del>' for w in c.removed)
                + "</li>"
                for c in q.changes
            )
            out.append(f"<blockquote>“{escape(q.text)}” — {escape(q.speaker or 'unattributed')} <span class=\"cite\">{escape(', '.join(q.articles))}</span><ul>{variants}</ul></blockquote>")
    if brief.entities:
        out.append("<h2>People and organisations</h2><table><tr><th>name</th><th>kind</th><th>roles</th><th>articles</th></tr>")
        out += [
            f"<tr><td>{escape(e.canonical)}</td><td>{e.label}</td><td>{escape(', '.join(e.roles))}</td><td>{len(e.articles)}</td></tr>"
            for e in brief.entities if e.label in {"PERSON", "ORG"}
        ]
        out.append("</table>")
    if brief.sources:
        out.append("<h2>Sources</h2><ul>")
        for src in brief.sources:
            unique = "".join(f"<li>only here: {escape(u.text)} {_cites(u.citations)}</li>" for u in src.unique[:5])
            out.append(f"<li><strong>{escape(src.outlet)}</strong> {escape(', '.join(src.agencies))}: {escape(', '.join(src.articles))}<ul>{unique}</ul></li>")
        out.append("</ul>")
    if brief.discrepancies:
        out.append("<h2>Where sources disagree</h2><ul>")
        for d in brief.discrepancies:
            claims = "".join(f"<li>{escape(c.text)} {_cites(c.citations)}</li>" for c in d.claims)
            out.append(f"<li>{escape(d.about)}<ul>{claims}</ul></li>")
        out.append("</ul>")
    if brief.shared_passages:
        out.append("<h2>Shared passages</h2><ul>")
        out += [f"<li>{_paragraphs(p.text)} <span class=\"cite\">{escape(', '.join(p.articles))}</span></li>" for p in brief.shared_passages]
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out)
