"""Direct quotes and their speakers, on sentences written for these tests."""

from __future__ import annotations

from storyline.pipeline.analyze.quotemarks import find_quoted_spans
from storyline.pipeline.analyze.quotes import extract_quotes


def test_straight_quotes_named_speaker_and_cue(analyse):
    text = '"We will restart the talks next month," Foreign Minister Jane Smith said on Tuesday.'
    [q] = analyse(text)
    assert q.text == "We will restart the talks next month"
    assert q.speaker == "Jane Smith" and q.speakers == ["Jane Smith"] and q.cue == "said"
    assert "Jane Smith" in q.speaker_mention.text


def test_curly_quotes_with_nested_single_quote_and_said_after_name(analyse):
    text = "“He told me ‘never again’ and I believed him,” said Tom Arata, the trade minister."
    [q] = analyse(text)
    assert q.text == "He told me ‘never again’ and I believed him"
    assert q.speaker == "Tom Arata"


def test_apostrophes_are_not_quote_marks_and_pronoun_resolves(analyse):
    text = ("Jane Smith said the world’s markets don’t care about the summit. "
            "“It’s the ’90s all over again, and nobody’s listening,” she added.")
    quotes = analyse(text)
    assert [q.text for q in quotes] == ["It’s the ’90s all over again, and nobody’s listening"]
    assert quotes[0].speaker == "Jane Smith" and quotes[0].speaker_mention.text == "she"


def test_guillemets_and_low_high_marks(analyse):
    text = ("Anna Weber spoke first. „We are ready to sign the agreement today,“ said Anna Weber.\n\n"
            "Pierre Lenoir answered: «We need one more week to read it.»")
    quotes = analyse(text)
    assert [q.text for q in quotes] == ["We are ready to sign the agreement today",
                                        "We need one more week to read it."]
    assert [q.speaker for q in quotes] == ["Anna Weber", "Pierre Lenoir"]


def test_quote_split_around_the_cue(analyse):
    text = "Jane Smith met the press. “The talks were hard,” she said, “but we are close to a deal.”"
    quotes = analyse(text)
    assert [q.text for q in quotes] == ["The talks were hard", "but we are close to a deal."]
    assert {q.speaker for q in quotes} == {"Jane Smith"}


def test_partial_quote_inside_a_sentence(analyse):
    text = 'Union leader Maria Costa vowed to be "firm but fair" in the wage talks.'
    [q] = analyse(text)
    assert q.text == "firm but fair" and q.speaker == "Maria Costa"


def test_multi_paragraph_quote_takes_the_speaker_named_at_its_end(analyse):
    text = ("Tom Arata spoke for an hour.\n\n"
            "“We came a long way to reach this point and nobody expected it.\n\n"
            "“Now the hard part begins,” Arata said.")
    quotes = analyse(text)
    assert [q.text for q in quotes] == ["We came a long way to reach this point and nobody expected it.",
                                        "Now the hard part begins"]
    assert [q.speaker for q in quotes] == ["Tom Arata", "Tom Arata"]


def test_cueless_quote_paragraph_continues_the_last_speaker(analyse):
    text = ('"We are ready," Jane Smith said.\n\n'
            '"The deal is fair and we expect to sign it before the summer."')
    quotes = analyse(text)
    assert len(quotes) == 2 and quotes[1].speaker == "Jane Smith"


def test_unbalanced_marks_never_fail_and_the_rest_is_kept(analyse):
    text = ('The mayor said "we will see what happens with the budget and the roads.\n\n'
            '"The bridge opens in May," Mayor Lisa Brandt said.')
    quotes = analyse(text)
    assert quotes[-1].text == "The bridge opens in May" and quotes[-1].speaker == "Lisa Brandt"
    assert find_quoted_spans('"one "two" three') is not None
    assert find_quoted_spans('stray close” and ” “open') is not None


def test_groups_they_the_two_and_the_ministers(analyse):
    text = ("Jane Smith and Tom Arata met in Geneva on Monday.\n\n"
            "“We have agreed to meet again,” they wrote in a joint statement.\n\n"
            "“This is a new start,” the two said.\n\n"
            "“There is much to do,” the ministers added.")
    quotes = analyse(text)
    assert len(quotes) == 3
    for q in quotes:
        assert q.speaker == "Jane Smith and Tom Arata" and q.speakers == ["Jane Smith", "Tom Arata"]
    assert [q.speaker_mention.text for q in quotes] == ["they", "the two", "the ministers"]


def test_descriptions_resolve_to_the_person_or_stay(analyse):
    text = ("Trade Minister Tom Arata opened the session.\n\n"
            "“We are done with delays,” the minister said.\n\n"
            "“Nobody in the palace believes that,” a senior aide said.")
    first, second = analyse(text)
    assert first.speaker == "Tom Arata" and first.speaker_mention.text == "the minister"
    assert second.speaker == "a senior aide"


def test_organisations_speak(analyse):
    text = ("The Norland Embassy issued a notice on Friday.\n\n"
            "“The visa rules have not changed for students,” the embassy said.")
    [q] = analyse(text)
    assert q.speaker == "Norland Embassy" and q.speaker_mention.text == "the embassy"


def test_scare_quotes_and_titles_are_not_speech(analyse):
    text = ("The so-called “reset” of relations failed. She wrote a column for the “Morning Ledger” "
            "and hummed a song called “Blue Harbour Nights” at the harbour.")
    assert analyse(text) == []


def test_works_without_a_parse():
    text = '"We will restart the talks next month," said Jane Smith.'
    [q] = extract_quotes(text, [])
    assert q.speaker == "Jane Smith" and q.cue == "said"
