"""Read TimeML (.tml) files: the body text with tags stripped, and its gold TIMEX3s.

Offsets are character offsets into the rebuilt body (the <TEXT> element with every
tag removed and XML entities decoded), so they can be compared with ours directly.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_ENTITY = re.compile(r"&[#\w]+;")


@dataclass(slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(slots=True)
class TmlDoc:
    name: str
    dct: str
    text: str
    timexes: list[GoldTimex] = field(default_factory=list)


def _decode(chunk: str) -> str:
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), chunk)


def read_tml(path: Path) -> TmlDoc:
    """One document: DCT value, rebuilt <TEXT> body, gold TIMEX3s inside it."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    dct = dict(_ATTR.findall(dct_match.group(0)))["value"] if dct_match else ""
    body_start = raw.index("<TEXT>") + len("<TEXT>")
    body_end = raw.index("</TEXT>")
    body = raw[body_start:body_end]
    out: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes: list[GoldTimex] = []
    pos = 0
    for match in _TAG.finditer(body):
        chunk = _decode(body[pos:match.start()])
        out.append(chunk)
        length += len(chunk)
        pos = match.end()
        closing, name, attrs = match.group(1), match.group(2), match.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR.findall(attrs))))
        elif open_timex:
            start, attr = open_timex.pop()
            timexes.append(GoldTimex(start, length, "", attr.get("type", ""), attr.get("value", "")))
    out.append(_decode(body[pos:]))
    text = "".join(out)
    for t in timexes:
        t.text = text[t.start:t.end]
    return TmlDoc(path.stem, dct, text, sorted(timexes, key=lambda t: t.start))


def read_corpus(root: Path) -> list[TmlDoc]:
    """Every .tml file under ``root``, sorted by name."""
    return [read_tml(p) for p in sorted(root.rglob("*.tml"))]
