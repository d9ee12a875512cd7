"""Readings found wrong typing into the page (stop 13), each with its reverse case.

- Hearsay told after the words it is about ("..., I'm told") is suspected, never known.
- "barely any" preventers is as poor as "hardly any"; "brown ones" are preventers.
- A year given to a "how many in the last 12 months" question is a year, not a count.
- A "don't know if ..." about another fact answers nothing about the asked one.
"""

from __future__ import annotations

import pytest

from bot.reading import read


def _value(text: str, asked: str | None, fact: str) -> object:
    found = read(text, asked=asked).finding(fact)
    return None if found is None else found.value


@pytest.mark.parametrize(
    "text",
    [
        "her stepdad is drinking a lot, I'm told",
        "mum smokes weed every night so I hear",
        "dad's using again, we've been told by the aunt",
    ],
)
def test_hearsay_told_after_the_words_is_suspected(text):
    assert _value(text, "carer_substance_misuse", "carer_substance_misuse") == "suspected"


def test_a_use_said_plainly_is_still_yes():
    assert _value(
        "her stepdad is drinking a lot", "carer_substance_misuse", "carer_substance_misuse"
    ) == ("yes")


@pytest.mark.parametrize(
    "text", ["barely any preventers collected", "scarcely any brown ones this year", "barely"]
)
def test_scarce_preventers_are_poor_adherence(text):
    assert _value(text, "medication_adherence", "medication_adherence") == "poor"


def test_scarce_brown_ones_beside_a_reliever_count_are_read_too():
    reading = read("12 blue ones and barely any brown ones", asked="reliever_prescriptions_12m")
    assert reading.finding("reliever_prescriptions_12m").value == 12
    assert reading.finding("medication_adherence").value == "poor"


def test_a_year_is_not_a_count_and_the_problem_says_so():
    reading = read("the last one was back in 2021", asked="unplanned_admissions_12m")
    assert reading.finding("unplanned_admissions_12m") is None
    assert "year" in (reading.problem or "")


def test_a_count_out_of_range_still_says_it_is_outside():
    reading = read("350", asked="reliever_prescriptions_12m")
    assert reading.finding("reliever_prescriptions_12m") is None
    assert "outside" in (reading.problem or "")


def test_not_knowing_whether_dad_knows_does_not_answer_the_day_in_the_life():
    text = "no idea whether dad's been told"
    assert _value(text, "day_in_life_known", "day_in_life_known") is None


def test_not_knowing_who_puts_her_to_bed_still_answers_the_day_in_the_life():
    assert _value("no idea who puts her to bed", "day_in_life_known", "day_in_life_known") in (
        "no",
        "unknown",
    )


def test_the_preventer_named_then_few_collected_with_the_noun_left_out_is_poor():
    text = "dad says he does the brown one twice a day but the chemist says very few picked up"
    assert _value(text, None, "medication_adherence") == "poor"


def test_a_brown_one_said_in_the_singular_is_still_a_preventer():
    assert _value(
        "hardly any brown one ever collected", "medication_adherence", "medication_adherence"
    ) == ("poor")


def test_few_relievers_collected_is_not_preventer_adherence():
    assert _value("blue ones: hardly any collected", None, "medication_adherence") is None
