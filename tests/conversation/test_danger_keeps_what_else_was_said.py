"""A message that states danger now keeps what else it said, and its first steps are the
condition's it names ("school nurse, 9 year old with asthma, she can't breathe": the role, the
age and the condition were lost, and the steps were the general ones)."""

from __future__ import annotations

from tests.conversation.test_dialogue import Talk

INHALER = "reliever (blue) inhaler"


def test_the_facts_told_with_a_danger_are_recorded_and_said_back():
    talk = Talk()
    talk.say(
        "hello", "practice nurse here, 7 year old with asthma, he can't breathe and he's gone blue"
    )
    assert "999" in talk.text
    assert talk.slots.get("reporter_role") == "health"
    assert talk.slots.get("child_age_years") == 7
    assert talk.slots.get("condition") == "asthma"
    assert "Noted: condition: asthma." in talk.text
    assert INHALER in talk.text, "the steps are the asthma ones the message made known"
    assert talk.asked == "danger_kind"


def test_a_danger_alone_still_asks_its_kind_in_one_tap():
    talk = Talk()
    talk.say("hello", "he can't breathe")
    assert "999" in talk.text and talk.asked == "danger_kind"
    assert "Noted:" not in talk.text
