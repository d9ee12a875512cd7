"""After a danger-now reply: one way on, and no instruction that no longer holds (no Rasa)."""

from __future__ import annotations

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
