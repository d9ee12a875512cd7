"""The assessment form: validate each answer and ask the next question.

Every slot of ``assessment_form`` is filled ``from_text`` while its question is
asked, then read here with ``bot.conversation.parsing`` and checked with
``bot.validate_fact``. This action also asks the next question itself (there
are no ``utter_ask_*`` responses): Rasa calls it on every turn of the form, so
one call to the action server validates the answer and asks what comes next.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from bot import FactError
from bot.conversation.flow import (
    also_answered,
    check_answer,
    implied_answers,
    mentions_emergency,
    miss_message,
    next_fact,
    question_message,
    required_facts,
)
from bot.conversation.messages import message
from bot.conversation.parsing import ParseError
from bot.conversation.questions import fact_order, question
from bot.conversation.render import front_door_line, locality

from .common import REQUESTED_SLOT

MISS_COUNT = "miss_count"
Validator = Callable[[Any, Any, CollectingDispatcher, Tracker, DomainDict], Awaitable[dict]]


class ValidateAssessmentForm(FormValidationAction):
    """Validates answers to the assessment form and asks its questions."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "validate_assessment_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """Only the questions that apply: see ``bot.conversation.flow``."""
        return required_facts(tracker.slots)

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Validate what was answered, then ask the next question (or finish)."""
        events = await super().run(dispatcher, tracker, domain)
        events = [e for e in events if e.get("name") != REQUESTED_SLOT]
        fact = next_fact(tracker.slots)
        if fact:
            misses = int(tracker.slots.get(MISS_COUNT) or 0)
            dispatcher.utter_message(**question_message(fact, misses))
        return [*events, SlotSet(REQUESTED_SLOT, fact)]

    async def validate_answer(
        self,
        fact: str,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        """Read one answer: a clean value, or ``None`` with a message saying what fits."""
        try:
            clean = check_answer(fact, value)
        except (ParseError, FactError) as error:
            if mentions_emergency(value):
                # "call 999?" mid-form: the 999 advice, one step away, not a miss.
                door = front_door_line(locality())
                dispatcher.utter_message(text=message("emergency", front_door=door))
                return {fact: None}
            dispatcher.utter_message(text=miss_message(fact, value, error))
            return {fact: None, MISS_COUNT: int(tracker.get_slot(MISS_COUNT) or 0) + 1}
        reset = {MISS_COUNT: 0} if tracker.get_slot(MISS_COUNT) else {}
        just_asked = tracker.get_slot(REQUESTED_SLOT) == fact
        if fact == "immediate_danger" and clean == "unknown" and just_asked:
            # Said when the answer is given, not again each time the form is
            # resumed after a correction (Rasa validates prefilled slots then).
            door = front_door_line(locality())
            dispatcher.utter_message(text=message("immediate_unknown", front_door=door))
        extra = also_answered(fact, value, tracker.slots)
        for other, other_value in extra.items():
            q = question(other)
            dispatcher.utter_message(
                text=message("also_noted", label=q.label, value=q.shown(other_value))
            )
        return {fact: clean, **reset, **extra, **implied_answers(fact, clean, tracker.slots)}


def _validator(fact: str) -> Validator:
    async def validate(
        self: ValidateAssessmentForm,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        return await self.validate_answer(fact, value, dispatcher, tracker, domain)

    validate.__name__ = f"validate_{fact}"
    validate.__doc__ = f"Validate an answer for {fact}."
    return validate


for _fact in fact_order():
    setattr(ValidateAssessmentForm, f"validate_{_fact}", _validator(_fact))
