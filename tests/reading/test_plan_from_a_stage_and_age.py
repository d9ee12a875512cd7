"""A plan said to be from an earlier school stage is out of date when the child's age, already
given, puts two school years or more since then (found typing into the page: "there's one but
it's from reception", for a child of 7, could not be used)."""

from __future__ import annotations

import pytest

from bot.reading import read


def _plan(text: str, age: int | None) -> object:
    known = {"child_age_years": age} if age is not None else {}
    found = read(text, asked="management_plan", known=known).finding("management_plan")
    return None if found is None else (found.value, found.confident)


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("we have one, written in reception", 8),
        ("the one from nursery", 9),
        ("it's from infants", 11),
    ],
)
def test_a_stage_long_past_for_the_age_is_out_of_date_to_confirm(text, age):
    assert _plan(text, age) == ("out_of_date", False)


def test_a_stage_that_may_be_this_year_is_not_called_out_of_date():
    assert _plan("we have one, written in reception", 5) is None
    assert _plan("we have one, written in reception", 6) is None


def test_with_no_age_known_a_stage_alone_decides_nothing():
    assert _plan("we have one, written in reception", None) is None


def test_a_stage_now_said_in_the_words_still_decides_as_before():
    assert _plan("one from reception, she's in year 5 now", None) == ("out_of_date", False)
