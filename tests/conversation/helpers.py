"""Frozen trackers (tests/conversation/data/*.json) and a way to run one action on them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"


def load_tracker(name: str) -> Tracker:
    """Load a frozen tracker state from tests/conversation/data/<name>.json."""
    return Tracker.from_dict(json.loads((DATA / f"{name}.json").read_text()))


def load_domain() -> dict[str, Any]:
    """The project's domain.yml as the dict the action server receives."""
    return dict(yaml.safe_load((ROOT / "domain.yml").read_text()))


async def run(action: Action, tracker: Tracker) -> tuple[list[dict], list[dict]]:
    """Run one action; return its events and the messages it sent."""
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, load_domain())
    return list(events), dispatcher.messages
