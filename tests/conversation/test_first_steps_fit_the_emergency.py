"""The condition's first steps are for an emergency of the condition.

Found typing into the page: a child with asthma choking on a grape was told to have puffs of
the blue inhaler. When the danger's words name another cause (choking, poisoning, a fire, an
injury) and none of the condition's own, the general first steps are given instead.
"""

from __future__ import annotations

import pytest

from bot.conversation.first_steps import first_steps
from tests.conversation.test_dialogue import Talk

INHALER = "reliever (blue) inhaler"


@pytest.mark.parametrize(
    "words",
    [
        "a boiled sweet is stuck in her throat and she's going red",
        "he's swallowed a handful of his gran's pills",
        "the kitchen's on fire and she's upstairs",
        "she fell from the top of the climbing frame and isn't moving",
    ],
)
def test_another_cause_gets_the_general_steps(words):
    steps = first_steps("asthma", words)
    assert not any(INHALER in s for s in steps)
    assert steps == first_steps(None)


@pytest.mark.parametrize(
    ("condition", "words", "own"),
    [
        ("asthma", "she's wheezing and can't get her breath", INHALER),
        ("asthma", "mum's boyfriend hit him and now he can't breathe", INHALER),
        (
            "epilepsy",
            "he fell in the playground and he's been fitting for six minutes",
            "Time the seizure",
        ),
        ("type1_diabetes", "he's very drowsy and confused, sugar is 2.1", "diabetes"),
    ],
)
def test_the_condition_s_own_emergency_keeps_its_steps(condition, words, own):
    assert any(own in s for s in first_steps(condition, words))


def test_with_no_words_the_condition_s_steps_are_given():
    assert any(INHALER in s for s in first_steps("asthma"))


def test_in_the_conversation_and_on_the_card_a_choking_child_gets_no_inhaler_steps():
    talk = Talk()
    talk.say("hello", "no", "teacher", "6", "asthma")
    talk.say("help, a sweet is stuck in his throat, he's choking")
    assert "999" in talk.text
    assert INHALER not in talk.text
    while talk.asked == "danger_kind":
        talk.say("medical")
    payload = talk.payload
    assert payload is not None
    assert not any(INHALER in s for s in payload["display"]["emergency"]["first_steps"])
