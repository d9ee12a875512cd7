"""The two actions on frozen trackers: the exact events, what they say, one reading each."""

from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.events import SlotSet

import bot
from actions.forms import ValidateAssessmentForm
from actions.respond import ActionRespond
from bot.conversation import reading_adapter
from bot.conversation.questions import fact_order, question
from tests.conversation.helpers import frozen_tracker, run

ANSWERED = {
    "immediate_danger": "no", "reporter_role": "school", "child_age_years": 9,
    "condition": "asthma", "management_plan": "current", "reliever_prescriptions_12m": 4,
    "medication_adherence": "good", "unplanned_admissions_12m": 2,
    "missed_appointments_12m": 0, "medication_misuse": "no", "school_attendance_pct": 95,
    "attendance_declining": "no", "child_distress": "yes", "carer_substance_misuse": "no",
    "living_situation_unstable": "no", "day_in_life_known": "yes",
    "other_parent_involved": "yes", "existing_involvement": "none",
}  # fmt: skip


def _run(action, tracker):
    return asyncio.run(run(action, tracker))


def _form(text, asked, slots, **kwargs):
    return frozen_tracker(text, {**slots, "requested_slot": asked}, in_form=True, **kwargs)


def test_an_answer_is_read_said_back_and_the_next_question_asked():
    slots = {"immediate_danger": "no", "reporter_role": "school"}
    events, messages = _run(
        ValidateAssessmentForm(), _form("she's seven", "child_age_years", slots)
    )
    assert SlotSet("child_age_years", 7) in events
    assert events[-2:] == [SlotSet("read_turn", 1), SlotSet("requested_slot", "condition")]
    assert messages[0]["text"] == "Noted: age: 7."
    assert messages[1]["text"] == question("condition").text


def test_a_form_resumed_after_a_reply_reads_nothing_and_names_the_question():
    slots = {"immediate_danger": "no", "requested_slot": "reporter_role"}
    tracker = frozen_tracker("hello", slots, in_form=True, read=1)
    events, messages = _run(ValidateAssessmentForm(), tracker)
    assert events == [SlotSet("requested_slot", "reporter_role")]
    assert messages == []


def test_the_greeting_starts_the_questions():
    events, messages = _run(ActionRespond(), frozen_tracker("hello", {}, in_form=False))
    assert "do not replace" in messages[0]["text"]
    assert messages[1]["text"] == question("immediate_danger").text
    assert SlotSet("requested_slot", "immediate_danger") in events
    assert events[-1] == SlotSet("form_wanted", True)


def test_a_correction_after_the_decision_gives_the_new_decision_with_its_payload():
    slots = {**ANSWERED, "assessment_done": True}
    tracker = frozen_tracker("actually attendance is 60%", slots, in_form=False, users=20)
    events, messages = _run(ActionRespond(), tracker)
    assert SlotSet("school_attendance_pct", 60) in events
    assert messages[0]["text"] == "Changed: school attendance this year 95% → 60%."
    payload = messages[1]["custom"]
    assert payload["assessment"] == bot.decide(payload["facts"])
    assert payload["assessment"]["level"] == "significant"
    assert events[-1] == SlotSet("form_wanted", False)


@pytest.mark.parametrize(
    ("text", "in_form"),
    [("I'm a class teacher worried about a 7 year old with asthma", False), ("twice", True)],
)
def test_each_message_is_read_exactly_once(monkeypatch, text, in_form):
    calls = []
    real = reading_adapter.read
    monkeypatch.setattr(reading_adapter, "read", lambda *a, **k: calls.append(a) or real(*a, **k))
    slots = {f: ANSWERED[f] for f in fact_order()[:8] if f in ANSWERED}
    if in_form:
        _run(ValidateAssessmentForm(), _form(text, "unplanned_admissions_12m", slots))
    else:
        _run(ActionRespond(), frozen_tracker(text, {}, in_form=False))
    assert len(calls) == 1
