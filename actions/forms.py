"""The assessment form: every message during the questions, read once and answered.

Rasa calls ``validate_assessment_form`` on each turn of the form. A new user
message is read once (``bot.conversation.dialogue.respond``), its findings
set the slots named as the facts, and the reply (say-back lines, a
confirmation, the next question or the decision) is sent from here. When the
form starts after a reply that already asked its question, nothing is read
and only ``requested_slot`` is set.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from bot.conversation.dialogue import respond, resume
from bot.conversation.flow import required_facts

from .common import READ_TURN, REQUESTED_SLOT, latest_text, send, unread_turn


class ValidateAssessmentForm(FormValidationAction):
    """Reads each answer once and asks the next question (or gives the decision)."""

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
        """Answer a new message, or only name the open question when resumed."""
        turn_number = unread_turn(tracker)
        if turn_number is None:
            asking = tracker.get_slot(REQUESTED_SLOT) or resume(tracker.slots)
            return [SlotSet(REQUESTED_SLOT, asking)]
        turn = respond(latest_text(tracker), tracker.slots, in_form=True)
        return [
            *send(dispatcher, turn, tracker),
            SlotSet(READ_TURN, turn_number),
            SlotSet(REQUESTED_SLOT, turn.ask),
        ]
