"""A "no one ..." answer is not "no"; an inhaler made into a pipe is suspected drug use."""

from __future__ import annotations

import pytest

from bot.reading import read

REASSURING_NO = ("living_situation_unstable", "child_distress", "medication_misuse")


@pytest.mark.parametrize("asked", REASSURING_NO)
@pytest.mark.parametrize(
    "text",
    ["no one is sure where he is sleeping", "no one is certain what goes on at home"],
)
def test_no_one_is_sure_is_not_known_never_no(text, asked):
    found = read(text, asked=asked).finding(asked)
    assert found is not None and found.value == "unknown"


def test_a_plain_no_then_one_of_us_is_still_a_no():
    found = read("no. one of the teachers checked with her", asked="child_distress").finding(
        "child_distress"
    )
    assert found is not None and found.value == "no"


@pytest.mark.parametrize(
    "text",
    [
        "mum's boyfriend had been using the lad's inhaler to smoke with",
        "police found her spacer turned into a pipe at dad's flat",
    ],
)
def test_an_inhaler_made_into_something_to_smoke_with_is_suspected_drug_use(text):
    found = read(text).finding("carer_substance_misuse")
    assert found is not None and found.value == "suspected" and not found.confident


def test_not_knowing_where_a_child_sleeps_half_the_week_is_moving_to_confirm():
    text = "nobody can tell me where she stays half the week"
    found = read(text).finding("living_situation_unstable")
    assert found is not None and found.value == "yes" and not found.confident
