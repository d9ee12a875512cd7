"""Run one user message through Rasa so that it lands once, in order, or not at all.

Every channel hands its checked message to :func:`run_turn`, which

- answers a whole message in Rasa's command syntax (``/restart``,
  ``/affirm{...}``) with one line asking for plain words, recording nothing;
- takes the conversation's lock from Rasa's lock store first (in-memory on one
  process, Redis when configured), so messages to one conversation are handled
  one at a time in arrival order;
- answers a repeated ``message_id`` with the first reply, recording nothing
  (``bot.stores.state``);
- collects the replies and returns them only once the turn is saved; when the
  store or the action server fails, returns instead one message saying the
  answer was not recorded, with the 999 and front-door advice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.lock_store import LockError
from rasa.shared.core.events import BotUttered, UserUttered

from bot.channels.guard import as_plain_text, looks_like_command
from bot.channels.guard_actions import ActionServerUnavailable
from bot.stores.turn import StoreUnavailable, TurnNotRecorded, begin_turn

logger = logging.getLogger(__name__)

MESSAGES_FILE = Path(__file__).with_name("guard_messages.yml")
LOCK_WAIT_SECONDS = 0.05
"""How often a queued message checks whether its turn has come."""


@lru_cache(maxsize=1)
def _messages() -> dict[str, str]:
    return dict(yaml.safe_load(MESSAGES_FILE.read_text()))


def _front_door() -> str:
    try:
        from bot.conversation.render import front_door_line, locality

        return front_door_line(locality())
    except Exception:  # the 999 line matters more than the locality's words
        logger.exception("guard: cannot read the locality's front door")
        return "your children's social care front door"


def fault_text(key: str, **values: Any) -> str:
    """The message ``key`` of ``guard_messages.yml``, filled in."""
    return _messages()[key].format(front_door=_front_door(), **values)


@dataclass
class Outcome:
    """What a channel sends back: an HTTP status and the bot's messages.

    ``recorded`` is False when nothing of the turn was saved (the user should
    send it again); ``repeat`` is True when this was a known ``message_id``.
    """

    status: int
    messages: list[dict[str, Any]] = field(default_factory=list)
    recorded: bool = True
    repeat: bool = False


def _fault(sender: str, key: str) -> Outcome:
    message = {"recipient_id": sender, "text": fault_text(key), "custom": {"not_saved": True}}
    return Outcome(503, [message], recorded=False)


def _collector(channel: str) -> CollectingOutputChannel:
    """A collecting output channel that tells Rasa the channel's own name."""
    name = classmethod(lambda _: channel)
    kind = type(f"Collecting_{channel}", (CollectingOutputChannel,), {"name": name})
    return kind()


async def run_turn(
    agent: Any,
    sender: str,
    text: str,
    channel: str,
    message_id: str | None = None,
    metadata: dict[str, Any] | None = None,
    typed: bool = True,
) -> Outcome:
    """Handle one checked message in conversation ``sender``; never raises.

    Args:
        agent: Rasa's agent (``request.app.ctx.agent``).
        sender: the conversation id.
        text: what the person typed (made plain text here: never a command).
        channel: the input channel's name.
        message_id: the client's id for this send; a repeat gets the first reply.
        metadata: passed to Rasa with the message.
        typed: the text was typed by a person (read as plain words, never as a
            command); False for the payload of the assistant's own button
            (a Slack click, signed by Slack), which goes as it is.
    """
    if agent is not None and not hasattr(agent, "processor"):
        return await _handle_by_stand_in(agent, sender, text, channel)
    if agent is None or not agent.is_ready():
        return _fault(sender, "cannot_decide")
    if typed and looks_like_command(text):
        return Outcome(200, [{"recipient_id": sender, "text": fault_text("command")}], False)
    from bot.stores.state import state_store

    try:
        async with agent.lock_store.lock(sender, wait_time_in_seconds=LOCK_WAIT_SECONDS):
            if message_id:
                try:
                    earlier = state_store().reply_for(sender, message_id)
                except Exception:
                    logger.exception("guard: cannot look up message ids")
                    return _fault(sender, "not_saved")
                if earlier is None:
                    earlier = await _reply_saved_with(agent, sender, message_id)
                if earlier is not None:
                    return Outcome(200, earlier, repeat=True)
            words = as_plain_text(text) if typed else text
            outcome = await _handle(agent, sender, words, channel, metadata, message_id)
            if message_id and outcome.recorded:
                try:
                    state_store().remember_reply(sender, message_id, outcome.messages)
                except Exception:
                    logger.exception("guard: the reply was given but its message id not kept")
            return outcome
    except LockError:
        logger.error("guard: conversation lock timed out")
        return _fault(sender, "busy")
    except Exception:  # the lock store itself (Redis) is down
        logger.exception("guard: cannot take the conversation's lock")
        return _fault(sender, "not_saved")


async def _handle_by_stand_in(agent: Any, sender: str, text: str, channel: str) -> Outcome:
    """A stand-in agent with only ``handle_message`` (the page's fake server in tests)."""
    collector = _collector(channel)
    try:
        await agent.handle_message(
            UserMessage(as_plain_text(text), collector, sender, input_channel=channel)
        )
    except Exception:
        logger.exception("guard: handling the message failed")
        return _fault(sender, "not_saved")
    return Outcome(200, list(collector.messages))


async def _reply_saved_with(
    agent: Any, sender: str, message_id: str
) -> list[dict[str, Any]] | None:
    """The reply to ``message_id`` read back from the saved conversation, or None.

    A server can save a turn and stop before it remembers the reply by its
    ``message_id``; the turn's user event carries the id, so a repeat sent to
    another server is answered with what the assistant said then, and recorded once.
    """
    try:
        tracker = await agent.tracker_store.retrieve(sender)
    except Exception:
        logger.exception("guard: cannot read the conversation to look for a repeat")
        return None
    if tracker is None:
        return None
    events = list(tracker.events)
    starts = [
        index
        for index, event in enumerate(events)
        if isinstance(event, UserUttered) and event.message_id == message_id
    ]
    if not starts:
        return None
    collector = _collector("repeat")
    for event in events[starts[-1] + 1 :]:
        if isinstance(event, UserUttered):
            break
        if isinstance(event, BotUttered):
            await collector.send_response(sender, event.message())
    return list(collector.messages)


async def _handle(
    agent: Any,
    sender: str,
    text: str,
    channel: str,
    metadata: dict[str, Any] | None,
    message_id: str | None = None,
) -> Outcome:
    turn = begin_turn()
    collector = _collector(channel)
    message = UserMessage(
        text, collector, sender, input_channel=channel, metadata=metadata, message_id=message_id
    )
    try:
        await agent.processor.handle_message(message)
    except (TurnNotRecorded, ActionServerUnavailable) as error:
        logger.error("guard: turn not recorded: %s", error)
        return _fault(sender, "cannot_decide")
    except StoreUnavailable as error:
        logger.error("guard: turn not saved: %s", error)
        return _fault(sender, "not_saved")
    except Exception:
        logger.exception("guard: handling the message failed; nothing was saved")
        return _fault(sender, "cannot_decide" if turn.action_failure else "not_saved")
    if turn.action_failure:  # a store without the guard saved it anyway
        return _fault(sender, "cannot_decide")
    messages = list(collector.messages)
    if turn.new_after_reset:
        messages.insert(0, {"recipient_id": sender, "text": fault_text("store_reset")})
    return Outcome(200, messages)
