"""The decision and what follows it: why, what would change it, summary, corrections.

Each action turns slots into facts, calls ``bot.decide`` (through
``build_payload``) and turns the decision into words. No rule logic here.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot import FactError
from bot.audit import record_decision
from bot.conversation.correction import correction_candidates, parse_correction
from bot.conversation.flow import check_answer, implied_answers, miss_message, missing_facts
from bot.conversation.messages import message
from bot.conversation.parsing import ParseError
from bot.conversation.payload import build_payload, facts_from_slots
from bot.conversation.questions import question
from bot.conversation.render import render_changes, render_decision, render_reasons
from bot.conversation.summary import referral_summary

from .common import (
    FORM,
    answer_instead,
    emergency_reply,
    form_active,
    latest_text,
    requested_fact,
    say_aside,
)

ASSESSMENT_DONE = "assessment_done"
MISS_COUNT = "miss_count"


def _decision_payload(slots: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    facts = facts_from_slots(slots)
    return facts, build_payload(facts)


def _has_assessment(tracker: Tracker) -> bool:
    return bool(tracker.get_slot(ASSESSMENT_DONE))


def _answer_or_miss(
    dispatcher: CollectingDispatcher, tracker: Tracker, fact: str, slots: dict[str, Any]
) -> list[EventType]:
    """Take the message as the answer to the question asked, or say why it cannot be."""
    text = latest_text(tracker)
    try:
        value = check_answer(fact, text)
    except (ParseError, FactError) as error:
        dispatcher.utter_message(text=miss_message(fact, text, error))
        return [SlotSet(MISS_COUNT, int(tracker.get_slot(MISS_COUNT) or 0) + 1)]
    changes = {fact: value, **implied_answers(fact, value, slots)}
    return [SlotSet(k, v) for k, v in changes.items()]


def _not_yet(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """Before the decision: take a plain answer as the answer, else say "not yet"."""
    instead = answer_instead(tracker)
    if instead:
        return instead
    say_aside(dispatcher, tracker, message("not_yet"))
    return []


class ActionGiveDecision(Action):
    """Decide on the facts so far and send the decision with its payload."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_give_decision"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Send the decision text with ``{"assessment", "display", "facts"}`` as custom."""
        facts, payload = _decision_payload(dict(tracker.current_slot_values()))
        text = render_decision(payload["assessment"], facts)
        dispatcher.utter_message(text=text, json_message=payload)
        record_decision(tracker.sender_id, tracker.get_latest_input_channel(), payload)
        return [SlotSet(ASSESSMENT_DONE, True)]


class ActionWhy(Action):
    """Answer "why?": why this question (during the form) or this decision (after it)."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_why"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Explain the question being asked, or every reason of the decision."""
        fact = requested_fact(tracker)
        if fact:
            say_aside(dispatcher, tracker, question(fact).why)
            return []
        if emergency_reply(dispatcher, tracker):
            return []
        if not _has_assessment(tracker):
            dispatcher.utter_message(text=message("why_no_decision"))
            return []
        _, payload = _decision_payload(dict(tracker.current_slot_values()))
        dispatcher.utter_message(text=render_reasons(payload["assessment"]))
        return []


class ActionWhatWouldChange(Action):
    """Answer "what would change this?": the range and the gaps."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_what_would_change"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Say the highest level the unknowns could reach and what to find out."""
        if not _has_assessment(tracker):
            return _not_yet(dispatcher, tracker)
        _, payload = _decision_payload(dict(tracker.current_slot_values()))
        dispatcher.utter_message(text=render_changes(payload["assessment"]))
        return []


class ActionSummary(Action):
    """Answer "summary": a referral summary with no names."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_summary"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Send the referral summary of the current facts."""
        if not _has_assessment(tracker):
            return _not_yet(dispatcher, tracker)
        facts, payload = _decision_payload(dict(tracker.current_slot_values()))
        dispatcher.utter_message(text=referral_summary(payload["assessment"], facts))
        return []


class ActionCorrectFact(Action):
    """Correct one answer in words, then decide again (or go on with the form)."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_correct_fact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Set the corrected fact; after the decision, show the new decision."""
        slots: dict[str, Any] = dict(tracker.current_slot_values())
        asked = requested_fact(tracker)
        if asked and asked in correction_candidates(latest_text(tracker)):
            # It names the question being asked ("child protection plan ended last
            # year"): it is an answer to that question, never a change to another.
            return _answer_or_miss(dispatcher, tracker, asked, slots)
        found = parse_correction(latest_text(tracker))
        if found is None:
            instead = answer_instead(tracker)
            if not instead:
                dispatcher.utter_message(text=message("correction_unclear"))
            return instead
        if not form_active(tracker) and not _has_assessment(tracker):
            dispatcher.utter_message(text=message("correction_no_assessment"))
            return []
        fact, value = found
        q = question(fact)
        if slots.get(fact) == value:
            dispatcher.utter_message(
                text=message("correction_same", label=q.label, value=q.shown(value))
            )
            return []
        changes = {fact: value, **implied_answers(fact, value, slots)}
        events: list[EventType] = [SlotSet(k, v) for k, v in changes.items()]
        dispatcher.utter_message(
            text=message("correction_done", label=q.label, value=q.shown(value))
        )
        if form_active(tracker):
            return events
        slots.update(changes)
        if missing_facts(slots):
            dispatcher.utter_message(text=message("correction_more_needed"))
            return [*events, FollowupAction(FORM)]
        facts, payload = _decision_payload(slots)
        text = render_decision(payload["assessment"], facts)
        dispatcher.utter_message(text=text, json_message=payload)
        record_decision(tracker.sender_id, tracker.get_latest_input_channel(), payload)
        return events
