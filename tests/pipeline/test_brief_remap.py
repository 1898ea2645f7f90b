"""``benchmarks/disagreements.py --remap``: label offsets follow the value's hash onto a changed text."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from disagreements import Export, find_value, remap, value_hash  # noqa: E402

OLD = "The mill reopened on\nMonday. About 40 workers returned on Monday after the strike."
# Clean now drops a masthead before the text and joins the hard-wrapped line.
NEW = "RIVERTON GAZETTE\n\nThe mill reopened on Monday. About 40 workers returned on Monday after the strike."


def _label(start: int, end: int, text: str = OLD) -> dict:
    return {"type": "label", "id": "t1", "real": True, "sides": [
        {"article": "a1", "sentence": [0, 28], "value": [start, end], "hash": value_hash(text[start:end]), "group": 0}]}


def _export(text: str) -> Export:
    return Export({"articles": [{"id": "x1", "input_id": "a1", "source": "a1.json", "text": text}], "stories": []})


def test_a_value_found_where_the_text_moved_it():
    start = OLD.index("About 40")
    assert find_value(NEW, (start, start + 8), value_hash("About 40")) == (NEW.index("About 40"), NEW.index("About 40") + 8)


def test_of_two_copies_the_one_nearest_the_old_offset():
    second = OLD.rindex("Monday")
    found = find_value(NEW, (second, second + 6), value_hash("Monday"))
    assert found == (NEW.rindex("Monday"), NEW.rindex("Monday") + 6)


def test_a_value_across_a_joined_line_break():
    start = OLD.index("on\nMonday")
    label = _label(start, start + 9)
    moved, lost = remap(_export(NEW), [label])
    side = label["sides"][0]
    assert (moved, lost) == (1, 0)
    assert NEW[slice(*side["value"])] == "on Monday"
    assert side["hash"] == value_hash("on Monday")  # rehashed: a later check finds it unchanged
    assert NEW[slice(*side["sentence"])].startswith("The mill reopened")


def test_a_value_gone_is_lost_and_left_as_it_was():
    label = _label(0, 8)
    label["sides"][0]["hash"] = value_hash("Saturday")
    assert remap(_export(NEW), [label]) == (0, 1)
    assert label["sides"][0]["value"] == [0, 8]


def test_an_unchanged_text_moves_nothing():
    start = OLD.index("About 40")
    label = _label(start, start + 8)
    label["sides"][0]["sentence"] = list(_export(OLD).sentence_at("x1", start))
    assert remap(_export(OLD), [label]) == (0, 0)
