"""Frozen trackers built in code, and a way to run one action on them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

ROOT = Path(__file__).resolve().parents[2]


def frozen_tracker(
    text: str, slots: dict[str, Any], *, in_form: bool, users: int = 1, read: int = 0
) -> Tracker:
    """A tracker whose latest user message is ``text`` (the ``users``-th one).

    ``read`` is the number of user messages already read (slot ``read_turn``).
    """
    events: list[dict[str, Any]] = []
    for n in range(users):
        events += [
            {"event": "action", "name": "action_listen"},
            {"event": "user", "text": text if n == users - 1 else "earlier", "parse_data": {}},
        ]
    return Tracker(
        sender_id="frozen",
        slots={**slots, "read_turn": read},
        latest_message={"text": text, "intent": {"name": "inform"}},
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": "assessment_form"} if in_form else {},
        latest_action_name="action_listen",
    )


def load_domain() -> dict[str, Any]:
    """The project's domain.yml as the dict the action server receives."""
    return dict(yaml.safe_load((ROOT / "domain.yml").read_text()))


async def run(action: Action, tracker: Tracker) -> tuple[list[dict], list[dict]]:
    """Run one action; return its events and the messages it sent."""
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, load_domain())
    return list(events), dispatcher.messages
