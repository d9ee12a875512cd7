"""Doubts and half-noes typed as a tired teacher would (written at the stop-13 review): none
may be read as the reassuring value."""

from __future__ import annotations

import pytest

from bot.reading import read

CASES = [
    (
        "medication_adherence",
        "mums meant to do the brown one but honestly i doubt it happens most nights",
        "good",
    ),
    (
        "carer_substance_misuse",
        "not that I've seen but dad stinks of booze at pick up sometimes",
        "no",
    ),
    ("child_distress", "shes fine I guess, bit teary at home time lately", "no"),
    ("day_in_life_known", "sort of? we know school obvs, evenings no clue", "yes"),
    (
        "living_situation_unstable",
        "no I don't think so, though she did say she slept at her aunties again",
        "no",
    ),
    (
        "management_plan",
        "yes theres a plan somewhere but nobody's looked at it since year 2",
        "current",
    ),
]


@pytest.mark.parametrize(("asked", "text", "reassuring"), CASES)
def test_a_doubt_or_half_no_is_never_the_reassuring_value(asked, text, reassuring):
    found = read(text, asked=asked).finding(asked)
    assert found is None or found.value != reassuring, found
