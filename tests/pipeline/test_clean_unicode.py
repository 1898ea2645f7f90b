"""fix_unicode passes ftfy only the lines it could change, and returns what ftfy would."""

import ftfy
import pytest

from storyline.pipeline.clean import fix_unicode

CASES = [
    "Plain ASCII text.\nNothing to do here.",
    "Shares of &lt;Acme Corp&gt; rose.\nThe rest is plain.\n",
    "<b>markup first</b>\nthen &amp; stays escaped\n",
    "&amp; unescaped first\n<p>then markup</p>\n&amp; and no longer\n",
    "carriage\r\nreturns\ra lone one &amp;\n",
    "vertical\x0btab &amp; form\x0cfeed\x1b[31m escape\x00 nul\n",
    "&Atilde;&copy; is mojibake once unescaped\n",
    "Non-ASCII café &amp; naïve\n",
]


@pytest.mark.parametrize("text", CASES)
def test_fix_unicode_is_ftfy(text):
    assert fix_unicode(text) == ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")


def test_plain_ascii_comes_back_as_it_is():
    text = CASES[0]
    assert fix_unicode(text) is text
