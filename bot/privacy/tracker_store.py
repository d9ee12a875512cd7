"""The conversation store, which forgets a conversation the moment it is restarted.

Named in the endpoints file as ``type: bot.privacy.tracker_store.ForgetfulTrackerStore``
with the SQL store's keys. It is the loud store of ``bot.stores.tracker`` (never
a silent fallback to memory) with one more duty. When a tracker being saved holds
a ``Restarted`` event, or its last turn set ``forget_requested`` (a confirmed
"start again", "stop" or "forget this conversation"), every stored event of
that conversation is deleted; only what came after the restart, or the
conversation's present state, is kept. The database file is created owner-only
(0600) first.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy.files import private_file
from bot.privacy.keys import conversation_key
from bot.privacy.stores import forget_notice
from bot.stores.tracker import LoudSQLTrackerStore

logger = logging.getLogger(__name__)


FORGET_SLOT = "forget_requested"
"""Set by a confirmed "start again", "stop" or "forget this conversation" (the dialogue)."""
FORGET_NOT_KEPT = (FORGET_SLOT, "read_turn")
"""Slots that belong to the turn, not to the state kept after forgetting."""


def present_state_if_forgotten(tracker: DialogueStateTracker) -> list[Any] | None:
    """The conversation's present state as fresh events, if this turn asked to forget.

    The turn asked when it set ``forget_requested`` after its user message. What
    is kept is what the conversation is now (its open question, the form, the
    conversation's own slots), never what was said before.
    """
    events = list(tracker.events)
    last_user = max((i for i, e in enumerate(events) if isinstance(e, UserUttered)), default=-1)
    asked = any(
        isinstance(e, SlotSet) and e.key == FORGET_SLOT and e.value for e in events[last_user + 1 :]
    )
    if not asked:
        return None
    state: list[Any] = [ActionExecuted("action_session_start"), SessionStarted()]
    state += [
        SlotSet(name, value)
        for name, value in tracker.current_slot_values().items()
        if value is not None and name not in FORGET_NOT_KEPT
    ]
    if tracker.active_loop_name:
        state.append(ActiveLoop(tracker.active_loop_name))
    state.append(ActionExecuted("action_listen"))
    return state


def events_after_restart(tracker: DialogueStateTracker) -> list[Any] | None:
    """The events after the tracker's last ``Restarted`` event, or ``None`` if it has none."""
    events = list(tracker.events)
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], Restarted):
            return events[index + 1 :]
    return None


class ForgetfulTrackerStore(LoudSQLTrackerStore):
    """The loud SQL tracker store, in which a restart deletes the conversation's past."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("dialect", "sqlite") == "sqlite" and kwargs.get("db"):
            private_file(Path(kwargs["db"]))
        super().__init__(*args, **kwargs)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Save new events; on a restart or a confirmed "forget", delete the stored past first."""
        kept = events_after_restart(tracker)
        if kept is None:
            kept = present_state_if_forgotten(tracker)
        if kept is None:
            await super().save(tracker)
            return
        try:
            with self.session_scope() as session:
                session.query(self.SQLEvent).filter(
                    self.SQLEvent.sender_id == tracker.sender_id
                ).delete()
                session.commit()
        except Exception as error:
            raise self._failed("forget a conversation", error) from error
        finally:
            self.cache.drop(tracker.sender_id)
        forget_notice(tracker.sender_id)
        logger.info(
            "privacy: conversation %s restarted and forgotten", conversation_key(tracker.sender_id)
        )
        fresh = DialogueStateTracker.from_events(
            tracker.sender_id, kept, tracker.slots.values(), tracker._max_event_history
        )
        await super().save(fresh)
