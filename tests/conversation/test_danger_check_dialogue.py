"""The danger check in the conversation (no servers): words that may state an emergency now,
which the danger screen does not know, are asked about first, plainly, with Yes / No.

"Yes" gives the 999 advice and asks the kind of danger; "No" records the other answers the
message gave and goes on where the assessment was. Never asked again once the danger is
recorded or the emergency advice was given.
"""

from __future__ import annotations

from tests.conversation.test_dialogue import START, Talk

WORDS = "his lips have gone a funny grey colour"
QUESTION = "Is the child in danger or in need of urgent medical help right now?"


def _at_the_plan_question() -> Talk:
    talk = Talk()
    talk.say(*START)
    assert talk.asked == "management_plan"
    return talk


def test_the_check_is_asked_first_mid_form_with_yes_and_no():
    talk = _at_the_plan_question()
    talk.say(f"no plan at all, and {WORDS}")
    assert talk.text.startswith(f'You wrote "{WORDS}".')
    assert QUESTION in talk.text and "call 999 now" in talk.text
    assert "Noted" not in talk.text  # nothing else before the answer
    assert "Call 999 now" not in talk.text  # a question, not the emergency reply
    assert talk.buttons() == ["Yes", "No"]
    assert talk.slots.get("management_plan") is None


def test_yes_gives_the_999_advice_and_asks_the_kind_of_danger():
    talk = _at_the_plan_question()
    talk.say(f"no plan at all, and {WORDS}")
    talk.say("yes")
    assert talk.text.startswith("Call 999 now")
    assert talk.slots["immediate_danger"] == "yes"
    assert talk.asked == "danger_kind"
    assert talk.slots["management_plan"] == "none"  # what else it said is kept


def test_no_keeps_the_other_answers_of_the_message_and_goes_on():
    talk = _at_the_plan_question()
    talk.say(f"no plan at all, and {WORDS}")
    talk.say("no")
    assert "Call 999 now" not in talk.text
    assert "Noted: no care plan." in talk.text
    assert talk.slots["management_plan"] == "none"
    assert talk.slots["immediate_danger"] == "no"
    assert talk.asked == "reliever_prescriptions_12m"


def test_a_pause_during_the_check_asks_it_again_and_loses_nothing():
    talk = _at_the_plan_question()
    talk.say(f"no plan at all, and {WORDS}")
    talk.say("hang on")
    assert QUESTION in talk.text and talk.asked == "immediate_danger"
    talk.say("no")
    assert talk.slots["management_plan"] == "none"
    assert talk.asked == "reliever_prescriptions_12m"


def test_an_opening_is_asked_about_first_then_its_facts_are_recorded_on_no():
    talk = Talk()
    talk.say("hi, school nurse, 9yo with asthma, the dad with the injunction is at reception")
    assert QUESTION in talk.text and talk.buttons() == ["Yes", "No"]
    talk.say("no")
    assert talk.slots["condition"] == "asthma" and talk.slots["child_age_years"] == 9
    assert talk.slots["reporter_role"] == "health"


def test_danger_stated_at_the_check_gives_the_999_reply_and_keeps_the_rest():
    talk = _at_the_plan_question()
    talk.say(f"no plan at all, and {WORDS}")
    talk.say("he's not breathing")
    assert talk.text.startswith("Call 999 now") and talk.asked == "danger_kind"
    assert talk.slots["management_plan"] == "none"


def test_not_asked_again_when_the_danger_is_already_recorded():
    talk = _at_the_plan_question()
    talk.say("he's gone blue", "medical", "carry on")
    assert talk.slots["immediate_danger"] == "yes"
    talk.say(f"no plan at all, and {WORDS}")
    assert QUESTION not in talk.text
    assert talk.slots["management_plan"] == "none"


def test_not_asked_again_after_the_emergency_advice_was_given_and_changed():
    talk = _at_the_plan_question()
    talk.say(f"no plan at all, and {WORDS}")
    talk.say("yes")
    talk.say("medical", "carry on")
    talk.say("change immediate danger", "no")
    assert talk.slots["immediate_danger"] == "no"
    talk.say("she's gone a weird greyish colour round her mouth")
    assert QUESTION not in talk.text


def test_words_said_of_the_past_are_not_asked_about():
    talk = _at_the_plan_question()
    talk.say("no plan at all, his lips went a funny grey colour at the weekend")
    assert QUESTION not in talk.text
    assert talk.slots["management_plan"] == "none"


def test_dont_know_at_the_check_is_not_known_with_the_advice_to_act_as_if_in_danger():
    talk = _at_the_plan_question()
    talk.say(f"no plan at all, and {WORDS}")
    talk.say("don't know")
    assert talk.slots["immediate_danger"] == "unknown"
    assert "act as if the child is in danger" in talk.text
    assert talk.slots["management_plan"] == "none"


def test_the_check_answered_in_words_keeps_the_rest_of_the_message():
    talk = _at_the_plan_question()
    talk.say(f"no plan at all, and {WORDS}")
    talk.say("no he's fine")
    assert talk.slots["immediate_danger"] == "no"
    assert talk.slots["management_plan"] == "none"
    assert QUESTION not in talk.text
