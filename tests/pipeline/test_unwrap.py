"""Hard-wrapped plain text is joined into paragraphs; other text is left as it came."""

import textwrap

from storyline.pipeline.unwrap import unwrap, wrap_width

FIRST = (
    "The harbour authority said on Tuesday it would close the northern quay for repairs from next month, "
    "diverting container ships to the southern berths while divers inspect the piles."
)
SECOND = (
    "Shipping agents said the diversion would add a day to unloading times, and one operator warned that "
    "smaller vessels might skip the port altogether until the work was finished."
)


def wire(*paragraphs: str, width: int = 66) -> str:
    """Paragraphs wrapped the way wire copy is: each first line indented four spaces."""
    return "\n".join(
        textwrap.fill(p, width=width, initial_indent="    " if i else "") for i, p in enumerate(paragraphs)
    ) + "\n Reuter\n"


def test_wrapped_paragraphs_are_joined_and_kept_apart():
    text = wire(FIRST, SECOND)
    assert unwrap(text).split("\n") == [FIRST, "    " + SECOND, " Reuter", ""]


def test_a_hyphenated_compound_broken_at_the_line_end_keeps_its_hyphen():
    words = "x" * 58 + " one-"
    text = f"{words}\nbillion dollar offering was priced late on Monday by the underwriting\n" \
        f"syndicate, which had held the shares for almost three months before\nselling them."
    assert "one-billion dollar" in unwrap(text)


def test_a_line_left_short_before_a_lowercase_word_runs_on():
    text = "Harbour officials said the\n" + textwrap.fill(FIRST, width=66)
    assert unwrap(text).startswith("Harbour officials said the\nThe harbour")  # a capital may start a paragraph
    text = "Harbour officials said the\nnorthern quay " + textwrap.fill(FIRST, width=66)[14:]
    assert "\n" not in unwrap(text)


def test_table_rows_and_indented_lines_are_not_joined():
    text = (
        "Shr 34 cts vs 1.19 dlrs\n    Net 807,000 vs 2,858,000\n    Assets 510.2 mln vs 479.7 mln\n"
        "    Loans 299.2 mln vs 327.2 mln\n Reuter\n"
    )
    assert unwrap(text) == text


def test_one_paragraph_per_line_is_left_as_it_came():
    scrape = f"Harbour to close northern quay\nBy A. Writer\n{FIRST}\n{SECOND}\nShare this article\n"
    assert wrap_width(scrape.split("\n"), 0) is None
    assert unwrap(scrape) == scrape


def test_short_sentences_one_per_line_are_not_taken_for_wrapping():
    lines = [
        "A fire has badly damaged the supermarket in the town's High Street on Sunday.",
        "Eight crews fought the blaze which broke out in the early hours of the morning.",
        "It is not known how long the store will be closed for repairs and cleaning.",
        "Police said the cause of the fire was not yet known but was not suspicious.",
    ]
    text = "\n".join(lines)
    assert unwrap(text) == text


def test_blank_lines_end_paragraphs():
    text = textwrap.fill(FIRST, width=70) + "\n\n" + textwrap.fill(SECOND, width=70)
    assert unwrap(text) == FIRST + "\n\n" + SECOND
