"""The ideas behind the eleventh blind batch's answers (third part), in sentences of our own.

A sign is not proof: an adult said to take the child's medicine is a sign of misuse, hedged
or not; an adult's own drugs said to be apart from the child's medicine deny it. A counter
still near full is a dose not taken; with no preventer ever prescribed, how well it is given
is not known. Children split between homes have no one home. Each read as said, or asked
back, never a guess that reassures.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bot.reading import read

TODAY = dt.date(2026, 12, 1)


def finding(text: str, asked: str, fact: str | None = None):
    return read(text, asked=asked, today=TODAY).finding(fact or asked)


# --- a sign versus proof: an adult taking the child's medicine is a sign --------------------


@pytest.mark.parametrize(
    "text",
    [
        "we suspect dad is using the oramorph, it goes down far too fast",
        "i think her stepdad takes the buccal",
        "nan's been helping herself to his codeine",
        "her insulin pens are never where they should be",
    ],
)
def test_an_adult_taking_the_childs_medicine_is_a_sign(text):
    found = finding(text, "medication_misuse")
    assert found is not None and found.value == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "mum takes her own diazepam, prescribed by her gp",
        "he takes his inhaler himself",
    ],
)
def test_someones_own_medicine_is_no_sign(text):
    found = finding(text, "medication_misuse")
    assert found is None or found.value != "yes"


# --- who the sentence is about: an adult's own drugs, apart from the child's medicine -------


@pytest.mark.parametrize(
    "text",
    [
        "dad's been done for selling diazepam, not connected to the child's medication",
        "her uncle was caught selling tramadol but that's unrelated to her meds",
    ],
)
def test_an_adults_own_drugs_said_apart_from_the_childs_are_no_misuse(text):
    found = finding(text, "medication_misuse")
    assert found is None or found.value == "no"


@pytest.mark.parametrize(
    "text",
    [
        "dad sold her inhalers, nothing to do with drugs",
        "selling",
        "mum's been selling his ritalin",
    ],
)
def test_misuse_said_without_such_a_denial_stays(text):
    found = finding(text, "medication_misuse")
    assert found is not None and found.value == "yes"


# --- a counter still near full; no preventer ever prescribed --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the counter's still at 180 and she's had it since september",
        "dose counter still reads 118, it was collected in august",
    ],
)
def test_a_counter_still_near_full_is_doses_not_taken(text):
    found = finding(text, "medication_adherence")
    assert found is not None and found.value == "poor" and not found.confident


@pytest.mark.parametrize(
    "text",
    [
        "she's never been prescribed a preventer",
        "he has only ever had the blue one",
    ],
)
def test_no_preventer_ever_prescribed_is_not_known_never_poor_or_good(text):
    found = finding(text, "medication_adherence")
    assert found is None or (found.value == "unknown" and not found.confident)


@pytest.mark.parametrize(
    "text",
    [
        "only given the blue one when she's wheezy, brown one never",
        "preventer never given, blue one loads",
    ],
)
def test_a_preventer_had_but_not_given_stays_poor(text):
    found = finding(text, "medication_adherence")
    assert found is not None and found.value == "poor"


# --- children split between homes -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the children have been split between an aunt and a neighbour since mum was arrested",
        "the boys are split up, one at his dad's and one with a foster carer",
    ],
)
def test_children_split_between_homes_is_unstable(text):
    found = finding(text, "living_situation_unstable")
    assert found is not None and found.value == "yes"


def test_one_home_for_all_the_children_stays_stable():
    text = "all three kids live with mum, same house for years"
    found = finding(text, "living_situation_unstable")
    assert found is not None and found.value == "no"
