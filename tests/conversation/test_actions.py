"""Actions on frozen trackers: the exact events each returns, and what it says.

validate_<slot> runs only for slots set after the last user event, so each
form tracker sets the requested slot to the raw text after the user message,
as Rasa's from_text mapping does.
"""

from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.events import FollowupAction, SlotSet

import bot
from actions.decision import ActionCorrectFact, ActionGiveDecision, ActionWhy
from actions.forms import ValidateAssessmentForm
from actions.talk import ActionExplainTerm, ActionStartAgain, ActionStop
from bot.conversation.flow import question_message
from bot.conversation.payload import build_payload, facts_from_slots
from bot.conversation.questions import question
from tests.conversation.helpers import load_tracker, run


def _run(action, name):
    return asyncio.run(run(action, load_tracker(name)))


def test_age_in_words_is_read_and_the_condition_is_asked_next():
    events, messages = _run(ValidateAssessmentForm(), "form_age_in_words")
    assert events == [
        SlotSet("child_age_years", 7),
        SlotSet("requested_slot", "condition"),
    ]
    assert messages[-1]["text"] == question("condition").text
    assert [b["title"] for b in messages[-1]["buttons"]][0] == "Asthma"


def test_age_out_of_range_is_asked_again_saying_what_is_accepted():
    events, messages = _run(ValidateAssessmentForm(), "form_age_out_of_range")
    assert events == [
        SlotSet("child_age_years", None),
        SlotSet("miss_count", 1),
        SlotSet("requested_slot", "child_age_years"),
    ]
    assert "40" in messages[0]["text"] and "0 to 17" in messages[0]["text"]
    assert messages[1]["text"] == question("child_age_years").text


def test_after_two_misses_the_buttons_and_skip_are_offered():
    events, messages = _run(ValidateAssessmentForm(), "form_age_second_miss")
    assert SlotSet("miss_count", 2) in events
    expected = question_message("child_age_years", 2)
    assert messages[-1]["text"] == expected["text"]
    assert messages[-1]["buttons"] == expected["buttons"]
    assert {"title": "Skip (don't know)", "payload": "don't know"} in messages[-1]["buttons"]


def test_a_child_under_five_is_not_asked_about_school():
    events, _ = _run(ValidateAssessmentForm(), "form_age_under_five")
    assert events == [
        SlotSet("child_age_years", 4),
        SlotSet("school_attendance_pct", "not_applicable"),
        SlotSet("attendance_declining", "not_applicable"),
        SlotSet("requested_slot", "condition"),
    ]


def test_immediate_danger_yes_ends_the_questions():
    events, messages = _run(ValidateAssessmentForm(), "form_immediate_yes")
    assert events == [
        SlotSet("immediate_danger", "yes"),
        SlotSet("requested_slot", None),
    ]
    assert messages == []


def test_immediate_danger_not_sure_says_act_as_if_and_goes_on():
    events, messages = _run(ValidateAssessmentForm(), "form_immediate_not_sure")
    assert events[0] == SlotSet("immediate_danger", "unknown")
    assert events[-1] == SlotSet("requested_slot", "reporter_role")
    assert "act as if" in messages[0]["text"] and "999" in messages[0]["text"]


def test_inhalers_are_not_asked_for_epilepsy():
    events, _ = _run(ValidateAssessmentForm(), "form_plan_epilepsy")
    assert events == [
        SlotSet("management_plan", "none"),
        SlotSet("requested_slot", "medication_adherence"),
    ]


def test_inhalers_are_asked_for_asthma():
    events, _ = _run(ValidateAssessmentForm(), "form_plan_asthma")
    assert events[0] == SlotSet("management_plan", "out_of_date")
    assert events[-1] == SlotSet("requested_slot", "reliever_prescriptions_12m")


def test_attendance_in_words():
    events, _ = _run(ValidateAssessmentForm(), "form_attendance_percent")
    assert events[0] == SlotSet("school_attendance_pct", 85)


def test_why_do_you_ask_explains_the_question_being_asked():
    events, messages = _run(ActionWhy(), "form_why_inhalers")
    assert events == []
    assert messages[0]["text"] == question("reliever_prescriptions_12m").why


def test_a_plain_answer_read_as_a_term_question_fills_the_slot():
    events, messages = _run(ActionExplainTerm(), "form_term_child_in_need_answer")
    assert events == [SlotSet("existing_involvement", "child_in_need")]
    assert messages == []


def test_a_term_question_is_answered_from_the_glossary():
    events, messages = _run(ActionExplainTerm(), "form_term_question")
    assert events == []
    assert "personal action plan" in messages[0]["text"] or "plan" in messages[0]["text"]
    assert messages[-1]["text"] == "Back to the question:"


def test_the_decision_carries_the_payload_of_decide():
    tracker = load_tracker("form_complete")
    events, messages = asyncio.run(run(ActionGiveDecision(), tracker))
    assert events == [SlotSet("assessment_done", True)]
    facts = facts_from_slots(tracker.slots)
    payload = messages[0]["custom"]
    assert payload == build_payload(facts)
    assert payload["assessment"] == bot.decide(payload["facts"])
    assert messages[0]["text"].startswith("Decision: ")


def test_a_correction_after_the_decision_decides_again():
    events, messages = _run(ActionCorrectFact(), "after_decision_correction")
    assert events == [SlotSet("school_attendance_pct", 60)]
    payload = messages[-1]["custom"]
    assert payload["facts"]["school_attendance_pct"] == 60
    assert payload["assessment"] == bot.decide(payload["facts"])


def test_an_age_correction_from_under_five_asks_the_school_questions():
    events, messages = _run(ActionCorrectFact(), "after_decision_age_correction")
    assert events == [
        SlotSet("child_age_years", 7),
        SlotSet("school_attendance_pct", None),
        SlotSet("attendance_declining", None),
        FollowupAction("assessment_form"),
    ]
    assert "more answers" in messages[-1]["text"]


def test_an_unclear_correction_says_how_to_correct():
    events, messages = _run(ActionCorrectFact(), "after_decision_unclear_correction")
    assert events == []
    assert "actually attendance is 60%" in messages[0]["text"]


def test_why_after_the_decision_gives_every_reason_with_sources():
    tracker = load_tracker("after_decision_why")
    _, messages = asyncio.run(run(ActionWhy(), tracker))
    decision = bot.decide(facts_from_slots(tracker.slots))
    for fired in decision["fired"]:
        assert f"[{fired['rule']}]" in messages[0]["text"]
    assert "Sources:" in messages[0]["text"]


@pytest.mark.parametrize("action", [ActionStop(), ActionStartAgain()])
def test_stop_and_start_again_clear_everything(action):
    events, _ = _run(action, "form_stop")
    assert [e["event"] for e in events] == ["active_loop", "reset_slots"]


def test_a_plain_answer_read_as_stop_is_taken_as_the_answer():
    events, messages = _run(ActionStop(), "form_no_read_as_stop")
    assert events == [SlotSet("medication_misuse", "no"), FollowupAction("assessment_form")]
    assert messages == []


def test_stop_please_stops():
    events, messages = _run(ActionStop(), "form_stop")
    assert [e["event"] for e in events] == ["active_loop", "reset_slots"]
    assert "999" in messages[0]["text"]
