"""Greeting, help, terms, stop, start again and the fallback."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.conversation.glossary import find_term, term_list
from bot.conversation.messages import message
from bot.conversation.questions import fact_order

from .common import answer_instead, emergency_reply, plain_answer_instead, say_aside


def _any_answer(tracker: Tracker) -> bool:
    return any(tracker.get_slot(fact) is not None for fact in fact_order())


class ActionGreet(Action):
    """The greeting, said once before the questions (a new assessment after a decision)."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_greet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Greet; if an earlier assessment is held, clear it first."""
        if _any_answer(tracker) or tracker.get_slot("assessment_done"):
            dispatcher.utter_message(text=message("new_assessment"))
            return [AllSlotsReset()]
        dispatcher.utter_message(text=message("greeting"))
        return []


class ActionHelp(Action):
    """What the assistant does and what can be said; 999 is always in it."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_help"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Send the help text (during the form, the question is asked again)."""
        instead = answer_instead(tracker)
        if instead:
            return instead
        say_aside(dispatcher, tracker, message("help", terms=term_list()))
        return []


class ActionExplainTerm(Action):
    """Explain a term from the domain reference (significant harm, was not brought...)."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_explain_term"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Send the term's definition, or the list of terms when none is named."""
        instead = answer_instead(tracker)
        if instead:
            return instead
        found = find_term(str(tracker.latest_message.get("text") or ""))
        say_aside(
            dispatcher, tracker, found[1] if found else message("term_unknown", terms=term_list())
        )
        return []


class _ClearAnswers(Action):
    """End any form and clear every answer, after saying ``message_key``'s text.

    Shared by "stop" and "start again"; a message that was plainly an answer
    to the current question is taken as that answer instead.
    """

    action_name = ""
    message_key = ""

    def name(self) -> str:
        """The action's name in the domain."""
        return self.action_name

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """End the form and clear every slot (unless the message was plainly an answer)."""
        instead = plain_answer_instead(tracker)
        if instead:
            return instead
        dispatcher.utter_message(text=message(self.message_key))
        return [ActiveLoop(None), AllSlotsReset()]


class ActionStop(_ClearAnswers):
    """Stop the questions cleanly and clear the answers."""

    action_name = "action_stop"
    message_key = "stop"


class ActionStartAgain(_ClearAnswers):
    """Clear everything; the rules then start the form again."""

    action_name = "action_start_again"
    message_key = "start_again"


class ActionFallback(Action):
    """A message that was not understood outside the questions."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Say what can be said next (the 999 advice when the message is about 999)."""
        if emergency_reply(dispatcher, tracker):
            return []
        key = (
            "fallback_after_decision"
            if tracker.get_slot("assessment_done")
            else "fallback_no_assessment"
        )
        dispatcher.utter_message(text=message(key))
        return []
