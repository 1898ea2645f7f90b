"""spaCy's attribute ruler and lemmatizer, computed once per distinct token instead of once per token.

In ``en_core_web_sm`` the two components that set each token's coarse part of
speech, morphology and lemma cost about a fifth of the whole pipeline's CPU
(on 1,000 Reuters bodies: 5 of 24 seconds, 1 once memoised): the attribute ruler runs a
Matcher of 179 patterns over every token, and the lemmatizer is a Python
loop over every token. Yet what both produce is a function of a few token
attributes: the ruler's single-token patterns read only the tag, the lower
form, the dependency label and whether the token is space, and the
lemmatizer reads the form, part of speech and morphology (its own cache is
keyed by exactly these). So the components below keep spaCy's own objects and
call them, but only for a combination of those attributes not seen before in
this process; every other token is a dictionary hit. The ruler's few
multi-token patterns ("gon na", "let 's") are matched over the whole Doc, as
spaCy does, and applied in the ruler's own order.

The annotations are spaCy's exactly (``tests/pipeline/analyze/test_memo_attrs.py``
compares every token attribute with the stock pipeline's, and
``benchmarks/speed.py`` reports the stock pipeline as its baseline). A
pipeline whose ruler has a pattern of another shape keeps the stock components.
"""

from __future__ import annotations

from typing import Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

# Token attributes a single-token pattern may read for its verdict to depend on them alone
# (the lower form through the class of forms passing the same tests).
_SIGNATURE_KEYS = frozenset({"TAG", "LOWER", "DEP", "IS_SPACE"})
_SIGNATURE = [TAG, LOWER, DEP, IS_SPACE]
_MAX_CACHED = 1_000_000  # distinct signatures kept per process; a long run starts afresh beyond this


def _single_token(patterns: list[list[dict[str, Any]]]) -> bool:
    return all(len(p) == 1 and set(p[0]) <= _SIGNATURE_KEYS for p in patterns)


class _DocByDoc:
    """spaCy's component protocol for a component that handles one Doc at a time."""

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


class MemoisedAttributeRuler(_DocByDoc):
    """An ``AttributeRuler`` applied through a cache keyed by each token's signature."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        vocab = ruler.vocab
        self.single = Matcher(vocab)
        self.multi = Matcher(vocab)
        # Each single-token pattern's test of the lower form alone, keyed by the pattern's number:
        # the forms that pass the same tests are one class, so a token's signature needs its class,
        # not its form (a few dozen classes instead of every word of the language).
        self.lower_tests = Matcher(vocab)
        n_tests = 0
        for attr_id in range(len(ruler.attrs)):
            key = vocab.strings[str(attr_id)]
            patterns = ruler.matcher.get(key)[1]
            single = _single_token(patterns) and ruler.indices[attr_id] in (0, -1)
            (self.single if single else self.multi).add(key, patterns)
            for pattern in patterns if single else []:
                if "LOWER" in pattern[0]:
                    self.lower_tests.add(str(n_tests), [[{"LOWER": pattern[0]["LOWER"]}]])
                    n_tests += 1
        self._lower_class: dict[int, int] = {}
        self._classes: dict[frozenset[int], int] = {}
        self._cache: dict[tuple[int, ...], tuple[tuple[int, ...], dict]] = {}

    @staticmethod
    def supports(ruler: AttributeRuler) -> bool:
        """True when every pattern of ``ruler`` is either single-token on signature keys or multi-token."""
        for attr_id in range(len(ruler.attrs)):
            patterns = ruler.matcher.get(ruler.vocab.strings[str(attr_id)])[1]
            if any(len(p) == 1 for p in patterns) and not _single_token(patterns):
                return False
        return True

    def _attr_ids(self, matcher: Matcher, doclike: Any) -> list[tuple[int, int, int]]:
        strings = self.ruler.vocab.strings
        return [(int(strings[m_id]), s, e) for m_id, s, e in matcher(doclike, allow_missing=True, as_spans=False)]

    def _for_token(self, doc: Doc, i: int) -> tuple[tuple[int, ...], dict]:
        ids = sorted(attr_id for attr_id, _, _ in self._attr_ids(self.single, doc[i : i + 1]))
        merged: dict = {}
        for attr_id in ids:  # later rules take precedence, as in AttributeRuler.match
            merged.update(self.ruler.attrs[attr_id])
        return tuple(ids), merged

    def _class_of(self, doc: Doc, i: int) -> int:
        """The class of token ``i``'s lower form: which of the patterns' lower-form tests it passes."""
        passed = frozenset(m_id for m_id, _, _ in self.lower_tests(doc[i : i + 1], as_spans=False))
        return self._classes.setdefault(passed, len(self._classes))

    def _signatures(self, doc: Doc) -> list[tuple[int, ...]]:
        classes = self._lower_class
        keys = []
        for i, (tag, lower, dep, space) in enumerate(doc.to_array(_SIGNATURE).tolist()):
            cls = classes.get(lower)
            if cls is None:
                cls = classes[lower] = self._class_of(doc, i)
            keys.append((tag, cls, dep, space))
        return keys

    def __call__(self, doc: Doc) -> Doc:
        if len(self._cache) > _MAX_CACHED or len(self._lower_class) > _MAX_CACHED:
            self._cache.clear()
            self._lower_class.clear()
        cache = self._cache
        rows = self._signatures(doc)
        # Multi-token matches are found on the Doc before anything is set, as the ruler does.
        multi = self._attr_ids(self.multi, doc) if len(self.multi) else []
        for i, key in enumerate(rows):
            hit = cache.get(key)
            if hit is None:
                hit = cache[key] = self._for_token(doc, i)
            if hit[1]:
                set_token_attrs(doc[i], hit[1])
        if multi:
            self._apply_multi(doc, multi, rows)
        return doc

    def _apply_multi(self, doc: Doc, multi: list[tuple[int, int, int]], rows: list[tuple[int, ...]]) -> None:
        """Re-apply, in rule order, every rule touching a token that a multi-token rule also touches."""
        extra: dict[int, list[int]] = {}
        for attr_id, start, end in multi:
            index = self.ruler.indices[attr_id]
            target = (start if index >= 0 else end) + index
            extra.setdefault(target, []).append(attr_id)
        for i, ids in sorted(extra.items()):
            for attr_id in sorted(ids + list(self._cache[rows[i]][0])):
                set_token_attrs(doc[i], self.ruler.attrs[attr_id])


class MemoisedLemmatizer(_DocByDoc):
    """A rule ``Lemmatizer`` whose lemma of (form, part of speech, morphology) is looked up once."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self._cache: dict[tuple[int, int, int], int] = {}
        # The rule lemmatizer asks only whether a candidate form is in its word index, but the
        # index ships as lists (57,000 nouns): each test scanned a list. Sets answer the same.
        if lemmatizer.lookups.has_table("lemma_index"):
            index = lemmatizer.lookups.get_table("lemma_index")
            for pos in list(index):
                index[pos] = frozenset(index[pos])

    @staticmethod
    def supports(lemmatizer: Lemmatizer) -> bool:
        """Rule mode without overwrite: its lemma depends on form, POS and morphology only."""
        return lemmatizer.mode == "rule" and not lemmatizer.overwrite

    def __call__(self, doc: Doc) -> Doc:
        if len(self._cache) > _MAX_CACHED:
            self._cache.clear()
        cache = self._cache
        strings = doc.vocab.strings
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3:4].copy()
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma:  # set by the attribute ruler: kept, as the lemmatizer keeps it
                continue
            key = (orth, pos, morph)
            value = cache.get(key)
            if value is None:
                value = cache[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i, 0] = value
            changed = True
        if changed:
            doc.from_array([LEMMA], lemmas)
        return doc


# spaCy builds a pipeline's components from factories; ``memoise`` hands the factory the object it built.
_BUILT: dict[str, Any] = {}


@Language.factory("storyline_memoised")
def _memoised(nlp: Language, name: str) -> Any:
    return _BUILT.pop(name)


def memoise(nlp: Language) -> Language:
    """Swap ``nlp``'s attribute ruler and rule lemmatizer for their memoised forms, in place, when supported."""
    swaps: list[tuple[str, Any]] = []
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        if isinstance(ruler, AttributeRuler) and MemoisedAttributeRuler.supports(ruler):
            swaps.append(("attribute_ruler", MemoisedAttributeRuler(ruler)))
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        if isinstance(lemmatizer, Lemmatizer) and MemoisedLemmatizer.supports(lemmatizer):
            swaps.append(("lemmatizer", MemoisedLemmatizer(lemmatizer)))
    for name, component in swaps:
        _BUILT[name] = component
        nlp.replace_pipe(name, "storyline_memoised")
    return nlp
