"""Regressions from the QA conversations: each test names the exchange it guards.

Trackers are built in code here (the frozen ones in data/ stay as they are):
``_tracker`` gives a form turn where Rasa's from_text mapping has set the asked
slot to the raw text, or a turn after the decision.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

import bot
from actions.decision import ActionCorrectFact, ActionSummary, ActionWhatWouldChange
from actions.forms import ValidateAssessmentForm
from actions.talk import ActionFallback
from bot.conversation.flow import also_answered, check_answer, implied_answers, miss_message
from bot.conversation.parsing import ParseError
from bot.conversation.questions import fact_order, question
from bot.conversation.render import render_changes
from bot.conversation.summary import referral_summary
from tests.conversation.helpers import run

ANSWERED = {
    "immediate_danger": "no",
    "reporter_role": "school",
    "child_age_years": 7,
    "condition": "asthma",
    "management_plan": "current",
    "reliever_prescriptions_12m": 4,
    "medication_adherence": "good",
    "unplanned_admissions_12m": 1,
    "missed_appointments_12m": 0,
    "medication_misuse": "no",
    "school_attendance_pct": 60,
    "attendance_declining": "yes",
    "child_distress": "no",
    "carer_substance_misuse": "no",
    "living_situation_unstable": "no",
    "day_in_life_known": "yes",
    "other_parent_involved": "yes",
    "existing_involvement": "none",
}


def _tracker(
    text: str, intent: str, asked: str | None, slots: dict[str, Any], done: bool = False
) -> Tracker:
    """A tracker after one user message; with ``asked``, the form is asking that fact."""
    values: dict[str, Any] = {fact: None for fact in fact_order()}
    values.update(slots, miss_count=None, assessment_done=done or None, requested_slot=asked)
    parse = {"intent": {"name": intent, "confidence": 0.9}, "entities": [], "text": text}
    events: list[dict[str, Any]] = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text, "parse_data": parse},
    ]
    if asked and intent == "inform":
        values[asked] = text
        events.append({"event": "slot", "name": asked, "value": text})
    return Tracker.from_dict(
        {
            "sender_id": "qa",
            "slots": values,
            "latest_message": parse,
            "events": events,
            "paused": False,
            "followup_action": None,
            "active_loop": {"name": "assessment_form"} if asked else {},
            "latest_action_name": "action_listen",
        }
    )


def _run(action, tracker):
    return asyncio.run(run(action, tracker))


def _before(fact: str) -> dict[str, Any]:
    order = fact_order()
    return {f: ANSWERED[f] for f in order[: order.index(fact)]}


# "she's 12 and has epilepsy" at the immediate-danger question was read as
# "yes" (from "she's") and ended the assessment with "Call 999 now".
@pytest.mark.parametrize(
    ("fact", "text"),
    [
        ("immediate_danger", "she's 12 and has epilepsy"),
        ("immediate_danger", "he's at school now"),
        ("medication_misuse", "she's fine"),
        ("medication_misuse", "he's on a cp plan"),
        ("child_distress", "n/a"),
        ("child_age_years", "year 3"),
        ("child_age_years", "in year 6"),
        ("existing_involvement", "child protection plan ended last year, nothing now"),
        ("existing_involvement", "was on a cp plan, closed now"),
    ],
)
def test_sentences_that_do_not_answer_are_asked_again(fact, text):
    with pytest.raises((ParseError, bot.FactError)):
        check_answer(fact, text)


@pytest.mark.parametrize(
    ("fact", "text", "value"),
    [
        ("immediate_danger", "there's no danger right now", "no"),
        ("immediate_danger", "it's not an emergency", "no"),
        ("immediate_danger", "she is", "yes"),
        ("immediate_danger", "no she's at school", "no"),
        ("child_distress", "she isn't happy at home", "yes"),
        ("child_distress", "he doesn't say much but cries at night", "yes"),
        ("child_distress", "not that I've seen", "no"),
        ("reliever_prescriptions_12m", "about one a month", 12),
        ("carer_substance_misuse", "dad smokes weed", "yes"),
        ("other_parent_involved", "dad isn't around", "no"),
        ("immediate_danger", "he isn't safe at home", "yes"),
        ("immediate_danger", "no, but it is urgent", "yes"),
        ("medication_adherence", "never misses a dose", "good"),
        ("living_situation_unstable", "not homeless, stable", "no"),
        ("attendance_declining", "hasn't dropped", "no"),
    ],
)
def test_negated_and_whole_sentence_answers(fact, text, value):
    assert check_answer(fact, text) == value


def test_call_999_during_the_questions_gives_the_999_advice_not_a_miss():
    tracker = _tracker("call 999?", "inform", "management_plan", _before("management_plan"))
    events, messages = _run(ValidateAssessmentForm(), tracker)
    assert messages[0]["text"].startswith("If the child is in immediate danger")
    assert "call 999 now" in messages[0]["text"]
    assert messages[-1]["text"] == question("management_plan").text
    assert not any(e.get("name") == "miss_count" for e in events)


def test_call_999_after_the_decision_gives_the_999_advice():
    tracker = _tracker("should I call 999?", "nlu_fallback", None, ANSWERED, done=True)
    _, messages = _run(ActionFallback(), tracker)
    assert "call 999 now" in messages[0]["text"]


def test_an_empty_answer_is_said_plainly():
    text = miss_message("immediate_danger", "", ParseError("the answer was empty"))
    assert text.startswith("I didn't get an answer. This question takes")


def test_an_age_correction_to_under_five_keeps_the_attendance_given():
    # "the age is 4" after "attendance is 60%" dropped the 60% without a word.
    assert implied_answers("child_age_years", 4, ANSWERED) == {}
    assert implied_answers("child_age_years", 4, {"child_age_years": 7}) == {
        "school_attendance_pct": "not_applicable",
        "attendance_declining": "not_applicable",
    }
    tracker = _tracker("the age is 4", "correct", None, ANSWERED, done=True)
    events, messages = _run(ActionCorrectFact(), tracker)
    assert events == [SlotSet("child_age_years", 4)]
    payload = messages[-1]["custom"]
    assert payload["facts"]["school_attendance_pct"] == 60
    assert payload["assessment"] == bot.decide(payload["facts"])


def test_a_past_plan_named_during_the_questions_is_not_a_change_to_another_answer():
    # "child protection plan ended last year, nothing now" was read as a
    # correction: current involvement "child protection plan" (and could fall
    # through to the care plan, "last year" = out of date).
    slots = _before("existing_involvement")
    text = "child protection plan ended last year, nothing now"
    tracker = _tracker(text, "correct", "existing_involvement", slots)
    events, messages = _run(ActionCorrectFact(), tracker)
    assert events == [SlotSet("miss_count", 1)]
    assert "in the past" in messages[0]["text"]


def test_a_correction_naming_the_question_asked_is_its_answer():
    slots = _before("school_attendance_pct")
    tracker = _tracker("actually attendance is 60%", "correct", "school_attendance_pct", slots)
    events, _ = _run(ActionCorrectFact(), tracker)
    assert events == [SlotSet("school_attendance_pct", 60)]


def test_a_correction_to_the_same_value_says_nothing_changed():
    tracker = _tracker("condition is asthma", "correct", None, ANSWERED, done=True)
    events, messages = _run(ActionCorrectFact(), tracker)
    assert events == []
    assert messages == [{**messages[0], "text": "No change: condition is already asthma."}]


@pytest.mark.parametrize("action", [ActionSummary(), ActionWhatWouldChange()])
def test_summary_during_the_questions_says_not_yet_and_goes_back(action):
    # "summary" at the age question was read as an age: "I could not find an age".
    tracker = _tracker("summary", "summary", "child_age_years", _before("child_age_years"))
    events, messages = _run(action, tracker)
    assert events == []
    assert "once the questions are answered" in messages[0]["text"]
    assert messages[1]["text"] == "Back to the question:"


def test_changes_and_summary_do_not_promise_a_level_already_reached():
    facts = {**ANSWERED, "carer_substance_misuse": "yes", "unplanned_admissions_12m": 3}
    facts["day_in_life_known"] = "no"
    decision = bot.decide(facts)
    assert decision["range"]["highest"] == decision["level"]
    place = bot.load_locality()
    changes = render_changes(decision)
    assert f"(could make it {place.level_label(decision['level'])})" not in changes
    summary = referral_summary(decision, facts)
    assert "could be as high as" not in summary
    assert "no unknown answer could raise it" in summary


def test_summary_lists_unknown_answers_apart_from_what_we_know():
    facts = {**ANSWERED, "management_plan": "unknown", "medication_misuse": "unknown"}
    summary = referral_summary(bot.decide(facts), facts)
    known, _, unknown = summary.partition("Not known yet:")
    assert "not known" not in known
    assert "- care plan" in unknown and "- medicine or device misused by an adult" in unknown


def test_resuming_the_form_after_a_correction_does_not_repeat_the_not_sure_warning():
    # "actually it's asthma" after a decision with immediate danger "not sure":
    # the form resumed to ask about inhalers and said "If you cannot rule out
    # immediate danger..." a second time.
    slots = {**ANSWERED, "immediate_danger": "unknown", "reliever_prescriptions_12m": None}
    tracker = _tracker("actually it's asthma", "correct", None, slots, done=True)
    tracker.active_loop = {"name": "assessment_form"}
    tracker.events.append({"event": "slot", "name": "immediate_danger", "value": "unknown"})
    events, messages = _run(ValidateAssessmentForm(), tracker)
    assert not any("cannot rule out" in m.get("text", "") for m in messages)
    assert messages[-1]["text"] == question("reliever_prescriptions_12m").text
    assert SlotSet("immediate_danger", "unknown") in events


def test_an_age_given_with_the_condition_keeps_both():
    # "she's 7 with asthma" at the age question: the condition was asked again.
    tracker = _tracker(
        "she's 7 with asthma", "inform", "child_age_years", _before("child_age_years")
    )
    events, messages = _run(ValidateAssessmentForm(), tracker)
    assert SlotSet("child_age_years", 7) in events
    assert SlotSet("condition", "asthma") in events
    assert messages[0]["text"] == "Noted as well: condition is asthma."
    assert messages[-1]["text"] == question("management_plan").text


@pytest.mark.parametrize(
    ("text", "age", "extra"),
    [
        ("she is 7 and in year 3", 7, {}),
        ("he is 12, epileptic", 12, {"condition": "epilepsy"}),
        ("she is 9 and hasn't got asthma", 9, {}),
        ("7", 7, {}),
    ],
)
def test_what_else_an_age_answer_says(text, age, extra):
    assert check_answer("child_age_years", text) == age
    assert also_answered("child_age_years", text, {}) == extra
    assert also_answered("child_age_years", text, {"condition": "other"}) == {}


@pytest.mark.parametrize("said", ["nie wiem", "je ne sais pas", "weiß nicht", "oui"])
def test_an_answer_in_another_language_is_told_english_only(said):
    """QA: "nie wiem" got the generic "could not match" with no hint that only English is read."""
    from bot.conversation.flow import miss_message
    from bot.conversation.parsing import ParseError

    assert "only read answers in English" in miss_message("child_distress", said, ParseError("x"))


def test_an_english_answer_is_not_told_english_only():
    from bot.conversation.flow import miss_message
    from bot.conversation.parsing import ParseError

    assert "English" not in miss_message("child_distress", "banana", ParseError("x"))
