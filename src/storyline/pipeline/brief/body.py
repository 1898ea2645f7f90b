"""Which sentences of an article are body sentences a brief may quote.

A scrape keeps lines that are not the story's prose: the headline repeated at
the top, photo captions and labels, a dateline opening the lead ("SEOUL (Reuters)
- North Korea said …"). A summary line must be a sentence of the body, so:

- a sentence equal to the article's title (after case and punctuation) is the headline;
- a line with no sentence-final mark (".", "!", "?", "…", perhaps inside closing
  quotes) is a heading, caption, label or credit, not a sentence;
- a dateline opening a sentence is cut from what is shown, and the citation starts
  after it, so the span cited is exactly the text shown;
- a line opening with a photo credit ("Kim Kyung Hoon / Reuters A man walks past …",
  "AFP/Getty Images", "Pictured: …") is a caption: its date is when the picture
  was taken, its words describe the picture, and neither is the story's claim.

A news report speaks of the world, not to its reader; a sentence in which the
outlet addresses the reader in the second person outside any quote ("We pay for
your stories!", "here's all you need to know") is the outlet's promotion or
advice, not the story (:func:`addresses_reader`, used to keep such lines out of
the summary). The first person plural is not a sign: "our galaxy" is everyone's. So is a line
opening as the outlet's note or prompt to its reader ("Editor's note: …", "Follow
Jane Doe on Twitter @jdoe.", "Sign up for …"): an imperative needs no "you".
"""

from __future__ import annotations

import re
from functools import lru_cache

from storyline.pipeline.sentences import Sentence, split_sentences

# A dateline: a place in capitals (several joined by "/" or ","), perhaps a date and
# an agency in brackets, then a dash or colon. "WASHINGTON --", "SEOUL/WASHINGTON
# (Reuters) -", "TOKYO (AFP) –", "MOSCOW:", "SAN JOSE, Calif. (AP) —".
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\-]+(?:[ /][A-Z][A-Z.'’\-]+)*(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?)"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\((?P<agency>[^)]{1,40})\))?\s*(?:--|[—–\-:])\s+(?=\S)"
)
# A photo credit opening a line: "Name Name / Agency", "AGENCY/Name", "Photo:", "Pictured:".
_AGENCIES = (r"(?:Reuters|REUTERS|AP|AFP|Getty Images|Getty|EPA|AAP|Xinhua|Bloomberg|dpa|Pool|AP Photo|"
             r"Shutterstock|Alamy|PA|NurPhoto|Sipa|Anadolu)")
PHOTO_CREDIT = re.compile(
    rf"^(?:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){{0,3}} ?/ ?{_AGENCIES}\b|{_AGENCIES} ?/ ?[A-Z]|"
    r"(?:Photo|Image|Picture|Pictured|File photo)(?: credit)?\s*[:/])"
)
SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
_WORD = re.compile(r"\w+")
_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?")
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself)(?:['’](?:re|ve|ll|d))?\b", re.IGNORECASE)
_READER_PROMPT = re.compile(r"^\W*(?:Editor['’]s note|Editors['’] note|Follow|Subscribe|Sign up|Click|Read more|"
                            r"Like us|Share this|Download)\b")
_APOSTROPHES = str.maketrans({c: "'" for c in "\u2019\u2018\u02bc\u2032`"})


def normal_words(text: str) -> tuple[str, ...]:
    """Lower-case words with apostrophes unified: the words two printings of one line share."""
    return tuple(_WORD.findall(text.translate(_APOSTROPHES).lower()))


@lru_cache(maxsize=1024)
def sentences_of(text: str) -> tuple[Sentence, ...]:
    """An article's sentences, split once per brief: the evidence and the shared passages both read them."""
    return tuple(split_sentences(text))


def dateline_length(text: str) -> int:
    """How many characters of ``text`` a dateline opening it takes (0 if none).

    The place must be in capitals: "The" or "A" opening a sentence is no dateline.
    """
    match = DATELINE.match(text)
    if not match:
        return 0
    letters = [c for c in match.group("place").split(",")[0] if c.isalpha()]
    if len(letters) < 3 or not all(c.isupper() for c in letters):
        return 0
    return match.end()


def body_sentence(sentence: Sentence, title: str | None) -> Sentence | None:
    """``sentence`` as a body sentence (its dateline cut), or None if it is not one."""
    if not SENTENCE_END.search(sentence.text) or PHOTO_CREDIT.search(sentence.text):
        return None
    if title and normal_words(sentence.text) == normal_words(title):
        return None
    cut = dateline_length(sentence.text)
    if cut:
        return Sentence(sentence.start + cut, sentence.end, sentence.text[cut:])
    return sentence


def addresses_reader(text: str, start: int, quotes: list[tuple[int, int]]) -> bool:
    """Whether a sentence (at ``start``) speaks to the reader: the second person outside quotes.

    ``quotes`` are the article's direct-quote spans; text between quote marks in the
    sentence itself counts as quoted too.
    """
    if _READER_PROMPT.match(text):
        return True
    chars = list(text)
    for q_start, q_end in quotes:
        for k in range(max(q_start - start, 0), min(q_end - start, len(chars))):
            chars[k] = " "
    own = _QUOTED.sub(" ", "".join(chars))
    return _SECOND_PERSON.search(own) is not None
