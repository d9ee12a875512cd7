"""After a danger-now reply: one way on, and no instruction that no longer holds (no Rasa)."""

from __future__ import annotations

import pytest

from tests.conversation.test_dialogue import Talk

PLAIN = {"reporter_role": "teacher", "condition": "asthma", "child_age_years": "9"}


def _emergency() -> Talk:
    talk = Talk()
    talk.say("hello", "she can't breathe and her lips have gone blue", "urgent medical help")
    return talk


def test_the_emergency_decision_offers_carry_on_and_nothing_that_clears_the_answers():
    talk = _emergency()
    assert talk.payload is not None and "Carry on" in talk.buttons()
    assert "start again" not in talk.text.lower()
    assert talk.text.lower().count("stopped the questions") == 1


def test_after_carrying_on_to_the_end_the_decision_does_not_say_the_questions_stopped():
    talk = _emergency()
    talk.say("carry on")
    for _ in range(30):
        if talk.asked is None:
            break
        talk.say(PLAIN.get(talk.asked, "don't know"))
    assert talk.payload is not None
    assert "stopped the questions" not in talk.text.lower()
    assert "Carry on" not in talk.buttons()


@pytest.mark.parametrize(
    "said",
    [
        "the ambulance is here now, she's ok",
        "paramedics are here and he's breathing again",
        "the police have arrived and she's with me",
    ],
)
def test_help_come_and_the_child_safe_is_not_a_new_emergency(said):
    talk = _emergency()
    talk.say(said)
    assert "Call 999 now" not in talk.text
    assert talk.asked != "danger_kind"
    assert "Urgent medical help" not in talk.buttons()


@pytest.mark.parametrize(
    "said",
    [
        "the ambulance is here but he's stopped breathing",
        "police are here and he's still hitting her",
        "still waiting for the ambulance, she's blue",
    ],
)
def test_a_danger_beside_the_help_still_gives_the_999_reply(said):
    talk = _emergency()
    talk.say(said)
    assert talk.text.startswith("Call 999 now")


@pytest.mark.parametrize(
    "said",
    [
        "paramedics are with him",
        "police are here now and she's with me",
        "the ambulance has come, she's being looked after",
    ],
)
def test_the_child_safe_after_the_emergency_is_thanked_and_offered_carry_on(said):
    talk = _emergency()
    talk.say(said)
    assert talk.text.startswith("Thank you")
    assert "carry on" in talk.text
    assert talk.buttons() == ["Carry on"]
    assert "Decision:" not in talk.text
    talk.say("carry on")
    assert talk.asked is not None and talk.asked != "danger_kind"


def test_an_answer_after_the_emergency_says_what_changed_not_the_whole_decision_again():
    talk = _emergency()
    talk.say("mum drinks I think")
    assert talk.text.startswith("Noted: carer drug or alcohol misuse suspected.")
    assert "The decision is the same: Medical emergency" in talk.text
    assert "added to who to involve: Drug and alcohol service" in talk.text
    assert "While the ambulance comes" not in talk.text
    assert "Decision:" not in talk.text
    assert talk.text.count("If the child is in danger again, call 999") == 1
    assert talk.payload is not None and talk.payload["assessment"]["level"] == "immediate"
    assert "Carry on" in talk.buttons()
    assert "stopped the questions" not in talk.text.lower()


def test_an_answer_that_changes_nothing_in_the_card_still_sends_it_in_one_short_line():
    talk = _emergency()
    talk.say("I'm his teacher")
    assert talk.text.startswith("Noted: your role: school or education.")
    assert "The decision is the same: Medical emergency." in talk.text
    assert "Call 999 now" not in talk.text
    assert talk.payload is not None


def test_a_change_of_the_decision_after_the_emergency_is_said_and_given_whole():
    talk = _emergency()
    talk.say("change kind of danger", "both")
    assert "The decision has changed: Medical emergency → Immediate danger." in talk.text
    assert "Police" in talk.text and "Decision:" in talk.text
    assert talk.payload is not None
    assert "Carry on" in talk.buttons()
