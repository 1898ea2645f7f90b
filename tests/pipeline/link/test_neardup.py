from storyline.pipeline.link.neardup import canonical_map, near_duplicate_groups
from tests.pipeline.link.conftest import make

WIRE = (
    "PORT ELLERY (CP) -- Dock workers at the port of Ellery ended a five-day strike on Friday after the "
    "harbour authority agreed to raise night-shift pay by eight percent and to hire forty more crane "
    "operators before the end of the year. The union said members voted by a large majority to accept "
    "the offer, which also includes new safety rules for work in high winds. Shipping lines had diverted "
    "more than twenty vessels to other ports during the stoppage, and exporters of timber and grain said "
    "the delays had cost them millions. The harbour authority said normal operations would resume on "
    "Saturday morning and that the backlog of containers should clear within a week."
)
RERUN = WIRE.replace("five-day", "five day").replace("millions", "several million crowns") + (
    " Local traders welcomed the news.")
CUT = WIRE.split(" Shipping lines")[0] + " The harbour authority said normal operations would resume on Saturday."
OTHER = (
    "A new library opened in the town centre on Friday with a reading room, a cafe and a children's "
    "corner, after three years of building work that ran over budget by a wide margin."
)


def test_rerun_and_cut_copy_group_with_agency_copy_canonical():
    wire = make("a9", WIRE, outlet="Continental Press", agencies=["Continental Press"], published="2025-03-12T14:00")
    rerun = make("a1", RERUN, outlet="Harbour Times", agencies=["Continental Press"], published="2025-03-12T09:00")
    cut = make("a5", CUT, outlet="Valley Courier", published="2025-03-13")
    other = make("a2", OTHER)
    groups = near_duplicate_groups([rerun, other, cut, wire])
    assert len(groups) == 1
    assert groups[0].members == ["a1", "a5", "a9"]
    assert groups[0].canonical == "a9"  # the credited agency's own copy, though not the earliest
    assert canonical_map([wire, rerun, cut, other])["a2"] == "a2"


def test_without_agency_copy_the_earliest_is_canonical():
    rerun = make("a1", RERUN, published="2025-03-12T09:00")
    cut = make("a5", CUT, published="2025-03-11")
    assert near_duplicate_groups([rerun, cut])[0].canonical == "a5"
