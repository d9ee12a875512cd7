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
