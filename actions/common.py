"""Small helpers shared by the actions."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.audit import record_decision
from bot.conversation.dialogue import Turn

FORM = "assessment_form"
REQUESTED_SLOT = "requested_slot"
READ_TURN = "read_turn"


def latest_text(tracker: Tracker) -> str:
    """The text of the latest user message."""
    return str(tracker.latest_message.get("text") or "")


def unread_turn(tracker: Tracker) -> int | None:
    """The number of the latest user message if no action has read it yet, else ``None``.

    Each message is read once: the action that reads it records its number in
    ``read_turn``; a form started by that same action then reads nothing.
    """
    count = sum(1 for event in tracker.events if event.get("event") == "user")
    return count if count > int(tracker.get_slot(READ_TURN) or 0) else None


def send(dispatcher: CollectingDispatcher, turn: Turn, tracker: Tracker) -> list[EventType]:
    """Send a turn's messages (a decision also goes to the audit trail); return slot events."""
    for sent in turn.messages:
        dispatcher.utter_message(**sent)
        if "assessment" in (sent.get("json_message") or {}):
            record_decision(
                tracker.sender_id, tracker.get_latest_input_channel(), sent["json_message"]
            )
    return [SlotSet(name, value) for name, value in turn.slots.items()]
