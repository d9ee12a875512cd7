"""Record a scenario's story steps from the real conversation (a tool for authors).

    python -m bot.scenarios.record                 every scenario
    python -m bot.scenarios.record review_weekend  one scenario

The recorder trains if needed, starts its own servers with the HTTP API on,
sends the scenario's ``opening``, then answers each question the form asks
(``requested_slot``) with the scenario's ``answers`` for that fact, sends the
``after_decision`` messages, and turns the conversation's tracker into test
story steps with Rasa's own story writer. Everything from the story's
``steps:`` line to the end of its file is replaced; the metadata above it is
kept as written. Run it again whenever the conversation's questions change,
then check the diff and run ``python -m bot scenarios --coverage``.

Each scenario file holds one story when it is recorded.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import requests

from bot.scenarios.library import (
    SCENARIO_DIR,
    Scenario,
    ScenarioError,
    find_scenario,
    load_scenarios,
)
from bot.scenarios.replay import send
from bot.scenarios.transcript import Transcript

MAX_QUESTIONS = 40
# Facts added after the scenarios were written: "don't know" until a scenario states them.
NEW_FACTS = ("danger_kind",)
# What the recorder types itself: "yes" to a confirmation, "don't know" for NEW_FACTS.
RECORDER_REPLIES = ("yes", "don't know")
STEPS_LINE = "  steps:\n"


class RecordError(RuntimeError):
    """A scenario could not be recorded; the message says which and why, then the last turns."""

    def __init__(self, message: str, transcript: Transcript | None = None) -> None:
        turns = transcript.turns[-8:] if transcript else []
        said = "".join(f"\n    {speaker}: {text[:160]}" for speaker, text, *_ in turns)
        super().__init__(message + (f"; the last turns:{said}" if said else ""))


def conversation_tracker(url: str, token: str, sender: str) -> dict[str, Any]:
    """The conversation's tracker, with every event, through Rasa's HTTP API."""
    response = requests.get(
        f"{url}/conversations/{sender}/tracker", params={"token": token}, timeout=30
    )
    response.raise_for_status()
    return dict(response.json())


def converse(scenario: Scenario, url: str, token: str) -> tuple[str, Transcript]:
    """Hold the scenario's conversation, answering whatever the form asks.

    Returns:
        The conversation id and its transcript.

    Raises:
        RecordError: the form asked for a fact the scenario has no answer for,
            or the conversation never reached a decision.
    """
    sender = f"record-{scenario.name}-{uuid.uuid4().hex[:8]}"
    transcript = Transcript(scenario)
    message = scenario.opening or "hello"
    answered: set[str] = set()
    for _ in range(MAX_QUESTIONS):
        transcript.say(message)
        transcript.add_bot_messages(send(url, sender, message))
        tracker = conversation_tracker(url, token, sender)
        asked = tracker.get("slots", {}).get("requested_slot")
        if not (tracker.get("active_loop") or {}).get("name") or not asked:
            break
        pending = (tracker.get("slots") or {}).get("pending") or {}
        if pending and pending.get("kind") != "queue":
            # The assistant checks what it read ("I read that as: ... is that right?").
            message = "yes"
            continue
        if asked in answered:
            raise RecordError(
                f"{scenario.name}: the form asks {asked!r} again after {message!r}", transcript
            )
        if asked not in scenario.answers and asked not in scenario.facts:
            if asked not in NEW_FACTS:
                raise RecordError(
                    f"{scenario.name}: the form asks {asked!r}; add an answer for it", transcript
                )
            print(f'    {scenario.name}: no answer for {asked!r}; answered "don\'t know"')
        message = str(scenario.answers.get(asked, scenario.facts.get(asked, "don't know")))
        answered.add(asked)
    else:
        raise RecordError(
            f"{scenario.name}: still asking after {MAX_QUESTIONS} questions", transcript
        )
    if transcript.payload is None:
        raise RecordError(f"{scenario.name}: the conversation ended without a decision", transcript)
    for message in scenario.after_decision:
        transcript.say(message)
        transcript.add_bot_messages(send(url, sender, message))
    return sender, transcript


def story_steps(tracker: Mapping[str, Any]) -> str:
    """The tracker's events as test-story steps (YAML, indented for a story's ``steps:``)."""
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.shared.core.training_data.story_writer.yaml_story_writer import YAMLStoryWriter

    from bot.settings import PROJECT_ROOT

    domain = Domain.load(str(PROJECT_ROOT / "domain.yml"))
    replayed = DialogueStateTracker.from_dict(
        str(tracker["sender_id"]), list(tracker["events"]), domain.slots
    )
    text = replayed.export_stories(YAMLStoryWriter(), e2e=True)
    if STEPS_LINE not in text:
        raise RecordError("Rasa's story writer gave no steps")
    return text.split(STEPS_LINE, 1)[1]


def write_steps(path: Path, steps: str) -> None:
    """Replace everything after the story's ``steps:`` line with new steps."""
    text = path.read_text(encoding="utf-8")
    if text.count(STEPS_LINE) != 1:
        raise RecordError(f"{path}: needs exactly one story with one '  steps:' line to record")
    path.write_text(text.split(STEPS_LINE, 1)[0] + STEPS_LINE + steps, encoding="utf-8")


def fact_differences(scenario: Scenario, payload: Mapping[str, Any]) -> list[str]:
    """Where the conversation's facts differ from the scenario's metadata facts."""
    said = dict(payload.get("facts") or {})
    names = list(dict.fromkeys([*scenario.facts, *said]))
    return [
        f"{name}: metadata {scenario.facts.get(name)!r}, conversation {said.get(name)!r}"
        for name in names
        if scenario.facts.get(name) != said.get(name)
    ]


def record(scenarios: Sequence[Scenario], url: str, token: str) -> int:
    """Record each scenario; return how many had problems (reported on stderr)."""
    problems = 0
    for scenario in scenarios:
        try:
            sender, transcript = converse(scenario, url, token)
            write_steps(scenario.path, story_steps(conversation_tracker(url, token, sender)))
        except (RecordError, requests.RequestException) as error:
            print(f"error: {error}", file=sys.stderr)
            problems += 1
            continue
        payload = transcript.payload or {}
        notes = fact_differences(scenario, payload)
        if transcript.level != scenario.expected_level:
            notes.append(f"level {transcript.level}, expected {scenario.expected_level}")
        status = "recorded" if not notes else "recorded, CHECK"
        print(f"{status}: {scenario.name} -> {scenario.path.name}")
        for note in notes:
            print(f"    {note}")
        problems += bool(notes)
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    """Record the named scenarios (all when none is named) against fresh servers."""
    parser = argparse.ArgumentParser(prog="python -m bot.scenarios.record", description=__doc__)
    parser.add_argument("names", nargs="*", help="scenarios to record (default: all)")
    parser.add_argument("--dir", type=Path, default=SCENARIO_DIR)
    args = parser.parse_args(argv)
    from bot.serve import ServerSet, ensure_model, private_settings

    try:
        library = load_scenarios(args.dir)
        chosen = [find_scenario(name, library) for name in args.names] or library
    except ScenarioError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="record-") as folder:
        settings = private_settings(Path(folder) / "conversations.db", uuid.uuid4().hex)
        servers = ServerSet(settings, log_dir=Path(folder) / "logs")
        try:
            ensure_model()
            servers.start()
            problems = record(chosen, servers.rasa_url, settings.api_token)
        finally:
            servers.stop()
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
