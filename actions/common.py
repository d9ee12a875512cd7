"""Small helpers shared by the actions."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import FactError
from bot.conversation.flow import check_answer, implied_answers, mentions_emergency
from bot.conversation.messages import message
from bot.conversation.parsing import ParseError
from bot.conversation.render import front_door_line, locality

FORM = "assessment_form"
REQUESTED_SLOT = "requested_slot"
_QUESTION_LIKE = re.compile(
    r"\?|\b(?:what|why|how|explain|mean|meaning|means|define|definition|tell me about|"
    r"help|stop|cancel|quit|restart|start again|start over|actually|change|sorry)\b",
    re.IGNORECASE,
)


_ENDING_WORDS = re.compile(
    r"\b(?:stop|cancel|quit|end|exit|halt|abandon|forget|enough|leave|restart|reset|redo|"
    r"again|over|afresh|new|another|different|clear|wipe|beginning|top)\b",
    re.IGNORECASE,
)


def emergency_reply(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Answer a message about 999 with the 999 advice; return whether it was one."""
    if not mentions_emergency(latest_text(tracker)):
        return False
    door = front_door_line(locality())
    dispatcher.utter_message(text=message("emergency", front_door=door))
    return True


def say_aside(dispatcher: CollectingDispatcher, tracker: Tracker, text: str) -> None:
    """Answer an aside (help, a term, "why?"), then resume the question if one is open.

    A message about 999 gets the 999 advice instead of ``text``.
    """
    if not emergency_reply(dispatcher, tracker):
        dispatcher.utter_message(text=text)
    if form_active(tracker):
        dispatcher.utter_message(text=message("back_to_question"))


def form_active(tracker: Tracker) -> bool:
    """Whether the assessment form is asking questions."""
    return (tracker.active_loop or {}).get("name") == FORM


def requested_fact(tracker: Tracker) -> str | None:
    """The fact being asked, when the form is active."""
    slot = tracker.get_slot(REQUESTED_SLOT)
    return str(slot) if form_active(tracker) and slot else None


def latest_text(tracker: Tracker) -> str:
    """The text of the latest user message."""
    return str(tracker.latest_message.get("text") or "")


def answer_instead(tracker: Tracker) -> list[EventType]:
    """Take a message read as an interruption as the answer when it plainly is one.

    During the form, a plain message ("child in need", "early help") can be read
    by the NLU as a question about a term or a request for help. When it is not
    phrased as a question and it is a valid answer to the question being asked,
    it fills that slot and the form moves on.
    """
    fact = requested_fact(tracker)
    text = latest_text(tracker)
    if not fact or _QUESTION_LIKE.search(text):
        return []
    return _as_answer(tracker, fact, text)


def plain_answer_instead(tracker: Tracker) -> list[EventType]:
    """Like ``answer_instead``, for a message read as "stop" or "start again".

    Those would clear every answer, so a plain answer is taken only when the
    message has no word of ending or restarting; the form is then resumed with
    a ``FollowupAction`` because the rules expect the form to have ended.
    """
    fact = requested_fact(tracker)
    text = latest_text(tracker)
    if not fact or _QUESTION_LIKE.search(text) or _ENDING_WORDS.search(text):
        return []
    events = _as_answer(tracker, fact, text)
    return [*events, FollowupAction(FORM)] if events else []


def _as_answer(tracker: Tracker, fact: str, text: str) -> list[EventType]:
    try:
        value = check_answer(fact, text)
    except (ParseError, FactError):
        return []
    slots: dict[str, Any] = dict(tracker.current_slot_values())
    events: list[EventType] = [SlotSet(fact, value)]
    events += [SlotSet(k, v) for k, v in implied_answers(fact, value, slots).items()]
    return events
