"""The ideas behind the eleventh blind batch's answers (first share), in sentences of our own.

A "no" to immediate danger with a worry about later, police and school roles by their unit,
numbers in fractions and words, plans dated by school years, counts of events listed: each
read as said, or asked back, never a guess that reassures.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bot.reading import read

TODAY = dt.date(2026, 12, 1)


def finding(text: str, asked: str, fact: str | None = None):
    return read(text, asked=asked, today=TODAY).finding(fact or asked)


# --- immediate danger ---


@pytest.mark.parametrize(
    "text",
    [
        "no, she's with me in the library, I'm just worried in general",
        "not right now no, but I'm concerned about the weekend at dad's",
        "not atm, he's at after school club",
        "no, he was fine when we dropped him off, worried about later though",
    ],
)
def test_a_no_with_a_worry_about_later_is_no_danger_now(text):
    found = finding(text, "immediate_danger")
    assert found is not None and found.value == "no"


@pytest.mark.parametrize(
    "text",
    [
        "no but I'm worried, he can't breathe properly",
        "no, but only if mum isn't home",
        "not that I know of, worried about tonight",
    ],
)
def test_a_no_with_a_worry_now_or_a_doubt_is_not_a_plain_no(text):
    reading = read(text, asked="immediate_danger", today=TODAY)
    found = reading.finding("immediate_danger")
    assert found is None or found.value != "no"


def test_a_parent_not_answering_the_phone_is_no_danger_now():
    reading = read("not sure. dad's not answering and she's off today", asked="immediate_danger")
    assert reading.danger_now is None


def test_the_child_not_answering_is_still_danger_now():
    assert read("she's not answering me, and her lips are going blue").danger_now
    assert read("mum's not answering, and he's not responding").danger_now


def test_a_lot_of_blood_is_an_amount_not_a_habit():
    assert read("she's coughing up blood in class, a lot of it").danger_now


# --- reporter role ---


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("ppu", "police"),
        ("I'm in CAIT", "police"),
        ("response team, we got called out", "police"),
        ("i work on response", "police"),
        ("the school office", "school"),
    ],
)
def test_a_role_said_by_its_unit(text, role):
    found = finding(text, "reporter_role")
    assert found is not None and found.value == role


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("PPU. 9 yr old with asthma", "police"),
        ("school office here, year 4 boy", "school"),
        ("early help fsw, 10 year old", "early_help"),
    ],
)
def test_a_role_said_first_in_an_opening(text, role):
    found = read(text, today=TODAY).finding("reporter_role")
    assert found is not None and found.value == role


def test_in_response_to_is_no_police_role():
    found = finding("writing in response to your question, I'm the GP", "reporter_role")
    assert found is not None and found.value == "health"


# --- age ---


@pytest.mark.parametrize(
    "text",
    [
        "not a clue, I'd guess about 8, we've no date of birth",
        "don't know, looks around 14",
    ],
)
def test_a_guess_beside_a_dont_know_is_not_an_age(text):
    found = finding(text, "child_age_years")
    assert found is not None and found.value == "unknown"


def test_an_age_guessed_by_looks_is_asked_to_confirm():
    found = finding("he looks about 6", "child_age_years")
    assert found is not None and found.value == 6 and not found.confident


def test_two_school_years_give_the_age_of_the_first_to_confirm():
    found = finding("not sure exactly, he's in yr 7 or 8 I think", "child_age_years")
    assert found is not None and 11 <= found.value <= 13 and not found.confident


def test_an_age_said_plainly_stays_sure():
    found = finding("she's 11", "child_age_years")
    assert found is not None and found.value == 11 and found.confident


# --- condition ---


@pytest.mark.parametrize(
    "text", ["she wears a dexcom and has an omnipod", "he's on a libre 2", "insulin pump"]
)
def test_the_kit_of_type_1_diabetes_names_it(text):
    found = finding(text, "condition")
    assert found is not None and found.value == "type1_diabetes"


@pytest.mark.parametrize("text", ["she's a sickle cell carrier", "sickle trait only, dad says"])
def test_a_sickle_cell_carrier_has_not_sickle_cell(text):
    found = finding(text, "condition")
    assert found is not None and found.value != "sickle_cell"


@pytest.mark.parametrize("text", ["sickle cell disease", "she has sickle cell, HbSS"])
def test_sickle_cell_itself_is_still_read(text):
    found = finding(text, "condition")
    assert found is not None and found.value == "sickle_cell"


# --- management plan ---


@pytest.mark.parametrize(
    "text",
    [
        "there's one from nursery, he's in year 3 now",
        "written in year 2 and she's in year 6 now",
        "one from when she was in primary, she's at the secondary now",
    ],
)
def test_a_plan_from_a_school_stage_the_child_has_left_is_out_of_date(text):
    found = finding(text, "management_plan")
    assert found is not None and found.value == "out_of_date"


def test_a_plan_from_this_school_year_is_not_out_of_date_by_stage():
    found = finding("done in year 4, she's in year 4 now", "management_plan")
    assert found is None or found.value != "out_of_date"


@pytest.mark.parametrize(
    "text",
    [
        "school nurse, we wrote it together 3 weeks ago",
        "the diabetes team reviewed it over the summer",
        "yes, redone in the autumn when her insulin changed",
    ],
)
def test_a_plan_made_weeks_ago_or_this_year_is_current(text):
    found = finding(text, "management_plan")
    assert found is not None and found.value == "current"


@pytest.mark.parametrize(
    "text",
    [
        "there's a plan on the system but it isn't dated",
        "a care plan is on file, no date on it, still chasing the nurse",
    ],
)
def test_a_plan_with_no_date_is_not_known_never_none(text):
    found = finding(text, "management_plan")
    assert found is not None and found.value == "unknown"


def test_a_plan_held_only_when_is_still_qualified():
    found = finding("yes but only when she's at her mum's", "management_plan")
    assert found is not None and found.value != "current"


# --- counts ---


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("about fourty, maybe more", 40),
        ("ninty odd over the year", 90),
    ],
)
def test_numbers_misspelt_in_words_are_read(text, count):
    found = finding(text, "reliever_prescriptions_12m")
    assert found is not None and found.value == count


@pytest.mark.parametrize(
    "text",
    [
        "the GP record shows 5 ventolin and 3 qvar this year",
        "5 blue inhalers, plus 4 seretide",
    ],
)
def test_a_preventer_named_by_its_brand_is_not_a_reliever(text):
    found = finding(text, "reliever_prescriptions_12m")
    assert found is not None and found.value == 5


@pytest.mark.parametrize(
    "text",
    [
        "I've not once seen him with an inhaler",
        "never noticed her using one at school, not once",
    ],
)
def test_never_seeing_the_inhaler_is_no_count(text):
    found = finding(text, "reliever_prescriptions_12m")
    assert found is None or found.value not in (0, 1)


def test_a_count_of_once_still_counts():
    found = finding("admitted once in the spring", "unplanned_admissions_12m")
    assert found is not None and found.value == 1


# --- attendance ---


@pytest.mark.parametrize("text", ["he was taken off roll in the summer", "child missing education"])
@pytest.mark.parametrize("asked", ["school_attendance_pct", "attendance_declining"])
def test_a_child_on_no_school_roll_has_no_attendance(text, asked):
    found = finding(text, asked)
    assert found is not None and found.value == "not_applicable"


def test_a_percentage_is_still_read():
    found = finding("93% this term", "school_attendance_pct")
    assert found is not None and found.value == 93
