"""Every message outside the questions (before them and after the decision), read once."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.conversation.dialogue import respond

from .common import READ_TURN, REQUESTED_SLOT, latest_text, send, unread_turn

FORM_WANTED = "form_wanted"


class ActionRespond(Action):
    """Read the message once and answer; start the questions when one is now open."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_respond"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Answer the message; set ``form_wanted`` so the rules start the form or listen."""
        turn_number = unread_turn(tracker)
        turn = respond(latest_text(tracker), tracker.slots, in_form=False)
        return [
            *send(dispatcher, turn, tracker),
            SlotSet(READ_TURN, turn_number or tracker.get_slot(READ_TURN)),
            SlotSet(REQUESTED_SLOT, turn.ask),
            SlotSet(FORM_WANTED, turn.ask is not None),
        ]


class ActionFallback(ActionRespond):
    """Rasa's core fallback (no rule applies): the same one reading, then listen.

    Named ``action_fallback`` as config.yml has always named it.
    """

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_fallback"
