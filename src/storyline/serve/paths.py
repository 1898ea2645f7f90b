"""A path parameter that may hold anything: ``{name:text}``.

Entity names come from article text and may hold "/" or even line breaks;
Starlette's ``path`` convertor stops at a newline, so such a name's page
would be a 404. Importing this module registers the ``text`` convertor.
"""

from __future__ import annotations

from starlette.convertors import Convertor, register_url_convertor


class AnyText(Convertor[str]):
    """The rest of the path, whatever characters it holds."""

    regex = r"[\s\S]+"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("text", AnyText())
