"""The ideas behind the fourteenth blind batch's answers (second part), in sentences of our own.

A day in the life known in one part and not another is not known; another child's routine known
is not this child's; who does a part of the care being "the gap" is not known; a day set out and
seen on visits is known (to confirm). The absent parent named, then said to be told, is involved;
a guess at what another professional did is not known. A share of sessions said as a fraction, a
decimal or "x sessions out of y" is a percentage.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bot.reading import read

TODAY = dt.date(2026, 12, 2)


def finding(text: str, asked: str, fact: str | None = None):
    return read(text, asked=asked, today=TODAY).finding(fact or asked)


# --- one part of the day known, another not: not known ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "school hours we're fine on, nothing past home time",
        "we've got a good idea of the weekdays, zilch for the weekends",
        "i know her mornings, no idea after 4 o'clock",
        "the daytime's clear, a blank overnight",
    ],
)
def test_a_part_known_and_nothing_of_another_is_not_known(text):
    found = finding(text, "day_in_life_known")
    assert found is not None and found.value == "no"


@pytest.mark.parametrize(
    "text",
    [
        "his sister's day we know well, his not really",
        "we've got the twins' routine, this one's not at all",
        "we know how the older boy's day goes, not his",
    ],
)
def test_another_childs_routine_known_is_not_this_childs(text):
    found = finding(text, "day_in_life_known")
    assert found is not None and found.value == "no"


@pytest.mark.parametrize(
    "text",
    [
        "who puts him to bed is the main gap",
        "who has her at weekends remains a big question mark",
    ],
)
def test_who_does_a_part_of_the_care_being_the_gap_is_not_known(text):
    found = finding(text, "day_in_life_known")
    assert found is not None and found.value == "no"


@pytest.mark.parametrize(
    "text",
    [
        "dad does breakfast and school run, gran has her after school, all observed on home visits",
        "the plan sets out her day and our spot checks have matched it",
        "totally - we mapped it with the family last month",
    ],
)
def test_a_day_set_out_and_seen_is_known(text):
    found = finding(text, "day_in_life_known")
    assert found is not None and found.value == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "we know her routine well",  # said plainly: still known
        "nothing after 3pm is a worry for her sugars, but yes we know her day",
    ],
)
def test_a_day_known_stays_known(text):
    found = finding(text, "day_in_life_known")
    assert found is not None and found.value in ("yes", "no")
    if text == "we know her routine well":
        assert found.value == "yes"


def test_a_day_not_seen_on_visits_is_not_known():
    text = "none of it has been seen on visits, it's what mum tells us"
    found = finding(text, "day_in_life_known")
    assert found is not None and found.value == "no"


# --- the absent parent named, then told: involved; a guess at another's call: not known ----


@pytest.mark.parametrize(
    "text",
    [
        "mum has him, dad's the absent parent and he's been informed, rings weekly",
        "she lives with dad; mum's the absent one and she knows all about it",
    ],
)
def test_the_absent_parent_named_then_told_is_involved(text):
    found = finding(text, "other_parent_involved")
    assert found is not None and found.value == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "dad's the absent one",
        "mum's the absent parent and nobody has contacted her",
    ],
)
def test_the_absent_parent_alone_or_not_told_is_not_involved(text):
    found = finding(text, "other_parent_involved")
    assert found is not None and found.value == "no"


@pytest.mark.parametrize(
    "text",
    [
        "I think school phoned him?",
        "maybe the health visitor has been in touch with dad, not sure",
        "I believe the ward rang her",
    ],
)
def test_a_guess_at_what_another_did_is_not_known(text):
    found = finding(text, "other_parent_involved")
    assert found is not None and found.value == "unknown"


def test_a_plain_hedge_is_still_never_involved():
    found = finding("I think so", "other_parent_involved")
    assert found is None or (found.value != "yes" and not found.confident)


# --- a share of sessions as a fraction, a decimal, x out of y --------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("in for 4/5ths of the term", 80),
        ("attends 3/4", 75),
        ("off 1/10 of the time", 90),
        ("seven tenths", 70),
        ("she's made 150 sessions out of a possible 200", 75),
        ("absent 20 sessions of 100", 80),
    ],
)
def test_a_share_said_as_a_fraction_is_a_percentage(text, value):
    found = finding(text, "school_attendance_pct")
    assert found is not None and found.value == value


@pytest.mark.parametrize(("text", "value"), [("0.85", 85), ("about 0.6", 60)])
def test_a_share_said_as_a_decimal_is_a_percentage_to_confirm(text, value):
    found = finding(text, "school_attendance_pct")
    assert found is not None and found.value == value and not found.confident


@pytest.mark.parametrize(("text", "value"), [("85%", 85), ("92", 92), ("4 out of 5 days", 80)])
def test_a_percentage_said_stays(text, value):
    found = finding(text, "school_attendance_pct")
    assert found is not None and found.value == value


def test_a_date_is_not_a_share():
    found = finding("attendance meeting on 14/11, 88%", "school_attendance_pct")
    assert found is not None and found.value == 88


# --- a carer's substance use: a list denied, years sober, a carer named then what they take ----


@pytest.mark.parametrize(
    "text",
    ["no worries about drink or drugs", "no concerns about alcohol and cannabis"],
)
def test_a_list_of_substances_denied_is_no(text):
    found = finding(text, "carer_substance_misuse")
    assert found is not None and found.value == "no"


def test_a_list_of_substances_worried_about_stays_suspected():
    found = finding("concerns about drink and drugs", "carer_substance_misuse")
    assert found is not None and found.value == "suspected"


def test_years_sober_with_no_worry_since_is_no_to_confirm():
    text = "dad was a big drinker once, sober 6 years, no issues since"
    found = finding(text, "carer_substance_misuse")
    assert found is not None and found.value == "no" and not found.confident


def test_years_sober_with_a_worry_now_stays_a_concern():
    text = "dad was a big drinker once, sober 6 years, but we're worried he's drinking again"
    found = finding(text, "carer_substance_misuse")
    assert found is not None and found.value in ("yes", "suspected")


@pytest.mark.parametrize(
    "text",
    [
        "not dad - his girlfriend, she stays most nights, she's on ket",
        "it's the stepdad really, who's there every day, he's smoking crack",
    ],
)
def test_a_carer_named_then_what_they_take_is_yes(text):
    found = finding(text, "carer_substance_misuse")
    assert found is not None and found.value == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "gran goes through a bottle of vodka a day",
        "mum's on 2 bottles of wine a night",
    ],
)
def test_an_amount_drunk_each_day_is_misuse(text):
    found = finding(text, "carer_substance_misuse")
    assert found is not None and found.value in ("yes", "suspected")


def test_a_denial_then_a_doubt_is_suspected():
    found = finding("she denies it, but I'm still not convinced", "carer_substance_misuse")
    assert found is not None and found.value == "suspected" and not found.confident


def test_someone_far_away_with_no_contact_is_not_the_carers():
    text = "her cousin drinks but she lives in Glasgow and never sees the kids"
    found = finding(text, "carer_substance_misuse")
    assert found is not None and found.value == "no" and not found.confident


def test_someone_who_lives_there_is_still_read():
    found = finding("the uncle drinks and he lives with them", "carer_substance_misuse")
    assert found is None or found.value != "no"


# --- early help's short forms; an SGO with no service now; signs of distress without words -----


@pytest.mark.parametrize("text", ["EHA plan open since june", "eh support ongoing"])
def test_early_help_in_its_short_form_is_early_help(text):
    found = finding(text, "existing_involvement")
    assert found is not None and found.value == "early_help"


def test_early_help_short_form_closed_is_not_open():
    found = finding("EH plan closed in the summer", "existing_involvement")
    assert found is not None and found.value == "none"


def test_an_sgo_with_no_service_now_is_none_to_confirm():
    found = finding(
        "she's with her aunt on a special guardianship order, nothing open now",
        "existing_involvement",
    )
    assert found is not None and found.value == "none" and not found.confident


def test_an_sgo_alone_is_never_none():
    found = finding("on an SGO with grandad", "existing_involvement")
    assert found is not None and found.value != "none"


@pytest.mark.parametrize(
    "text",
    [
        "he says he's ok but he's gone back to wetting the bed",
        "won't take his hoodie off even in PE",
    ],
)
def test_signs_without_words_are_distress(text):
    found = finding(text, "child_distress")
    assert found is not None and found.value == "yes"
