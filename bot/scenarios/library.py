"""The scenario library: training cases stored as Rasa test stories.

Each scenario is one story in a YAML file under ``tests/scenarios/stories/``.
Rasa 3.6's story schema accepts a free-form ``metadata:`` key on a story, so
the training material lives next to the steps and the file stays valid for
``rasa test``::

    stories:
    - story: review_weekend
      metadata:
        title: The review's case, the weekend after the conference
        narrative: >-
          What the practitioner knows, in a few sentences.
        learning_point: >-
          The one thing a trainee should take away.
        expected_level: immediate
        facts: {immediate_danger: "yes", reporter_role: other, condition: other}
        known_facts: {immediate_danger: "yes", reporter_role: police, ...}
        opening: "I am worried about a child right now"
        answers: {immediate_danger: "yes, he can't breathe"}
        after_decision: []
      steps:
      - intent: start_assessment
        user: |-
          I am worried about a child right now
      - action: action_greet
      ...

``facts`` are the facts the conversation ends with (after any correction), so
coverage and the level checks need no servers. ``answers`` (free text for each
fact the form asks) and ``after_decision`` (messages sent once the decision is
given) are what ``python -m bot.scenarios.record`` types to record the steps;
replay sends the story's own ``user:`` steps. ``known_facts`` (optional) is
what the practitioner knows when the conversation asks less (it stops at
immediate danger); the quiz shows and decides on it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.settings import PROJECT_ROOT

SCENARIO_DIR = PROJECT_ROOT / "tests" / "scenarios" / "stories"
LEVELS = ("universal", "additional", "complex", "significant", "immediate")
_ENTITY_MARKUP = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")
REQUIRED_METADATA = ("title", "narrative", "learning_point", "expected_level", "facts")


class ScenarioError(ValueError):
    """A scenario file or name is wrong; the message says which and what to do."""


@dataclass(frozen=True)
class Scenario:
    """One training case.

    Attributes:
        name: the story name, used on the command line.
        title: a one-line title.
        narrative: the case as the practitioner knows it.
        learning_point: what the trainee should take away.
        expected_level: the level id the assistant should decide.
        facts: the facts the conversation ends with.
        answers: free text the recorder types for each fact it is asked.
        after_decision: messages the recorder sends after the decision.
        opening: the first message the recorder sends.
        known_facts: what the practitioner knows, when it is more than the
            conversation asks (it stops at immediate danger); the quiz shows
            and decides on these. Empty means the same as ``facts``.
        user_turns: the story's user messages, in order (what replay sends).
        path: the file the story is in.
    """

    name: str
    title: str
    narrative: str
    learning_point: str
    expected_level: str
    facts: dict[str, Any]
    answers: dict[str, str] = field(default_factory=dict)
    after_decision: tuple[str, ...] = ()
    opening: str = ""
    known_facts: dict[str, Any] = field(default_factory=dict)
    user_turns: tuple[str, ...] = ()
    path: Path = SCENARIO_DIR

    @property
    def quiz_facts(self) -> dict[str, Any]:
        """The facts the quiz shows and decides on: ``known_facts``, else ``facts``."""
        return self.known_facts or self.facts

    @property
    def expected_rank(self) -> int:
        """The expected level's rank, 1 (universal) to 5 (immediate)."""
        return LEVELS.index(self.expected_level) + 1


def load_scenarios(directory: Path = SCENARIO_DIR) -> list[Scenario]:
    """Read every scenario from the story files in a directory.

    Args:
        directory: a folder of ``*.yml`` / ``*.yaml`` story files (searched recursively).

    Returns:
        The scenarios, sorted by file name then by their order in the file.

    Raises:
        ScenarioError: the folder has no stories, a story has no usable
            metadata, or two stories share a name.
    """
    if not directory.is_dir():
        raise ScenarioError(f"{directory} is not a folder; give a folder of story files")
    files = sorted(p for p in directory.rglob("*") if p.suffix in (".yml", ".yaml"))
    scenarios: list[Scenario] = []
    seen: dict[str, Path] = {}
    for path in files:
        for scenario in _read_file(path):
            if scenario.name in seen:
                raise ScenarioError(
                    f"{path}: story {scenario.name!r} is also in {seen[scenario.name]}; "
                    "give each story its own name"
                )
            seen[scenario.name] = path
            scenarios.append(scenario)
    if not scenarios:
        raise ScenarioError(f"{directory} holds no stories; add story files with metadata")
    return scenarios


def find_scenario(name: str, scenarios: Iterable[Scenario]) -> Scenario:
    """Return the scenario of that name, or raise with the closest names.

    Raises:
        ScenarioError: no scenario has that name.
    """
    by_name = {scenario.name: scenario for scenario in scenarios}
    if name in by_name:
        return by_name[name]
    close = difflib.get_close_matches(name, by_name, n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}?" if close else "see python -m bot replay --list"
    raise ScenarioError(f"no scenario named {name!r}; {hint}")


def _read_file(path: Path) -> list[Scenario]:
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise ScenarioError(f"{path}: not valid YAML ({error})") from error
    stories = content.get("stories") if isinstance(content, Mapping) else None
    if not isinstance(stories, list):
        raise ScenarioError(f"{path}: no 'stories:' list; a scenario file is a Rasa story file")
    return [_scenario(path, story) for story in stories]


def _scenario(path: Path, story: Mapping[str, Any]) -> Scenario:
    name = str(story.get("story", "")).strip()
    if not name:
        raise ScenarioError(f"{path}: a story has no name; give it 'story: <name>'")
    where = f"{path}: story {name!r}"
    metadata = story.get("metadata")
    if not isinstance(metadata, Mapping):
        raise ScenarioError(
            f"{where} has no 'metadata:' mapping; add {', '.join(REQUIRED_METADATA)}"
        )
    missing = [key for key in REQUIRED_METADATA if not metadata.get(key)]
    if missing:
        raise ScenarioError(f"{where}: metadata lacks {', '.join(missing)}")
    level = str(metadata["expected_level"])
    if level not in LEVELS:
        raise ScenarioError(f"{where}: expected_level {level!r} is not one of {', '.join(LEVELS)}")
    facts = metadata["facts"]
    if not isinstance(facts, Mapping):
        raise ScenarioError(f"{where}: facts must be a mapping of fact name to value")
    return Scenario(
        name=name,
        title=_text(metadata["title"]),
        narrative=_text(metadata["narrative"]),
        learning_point=_text(metadata["learning_point"]),
        expected_level=level,
        facts=_yaml_words(facts),
        answers={str(k): str(v) for k, v in (metadata.get("answers") or {}).items()},
        after_decision=tuple(str(m) for m in metadata.get("after_decision") or ()),
        opening=_text(metadata.get("opening", "")),
        known_facts=_yaml_words(metadata.get("known_facts") or {}),
        user_turns=tuple(_user_turns(story.get("steps") or [])),
        path=path,
    )


def _yaml_words(facts: Mapping[str, Any]) -> dict[str, Any]:
    """Undo YAML 1.1 turning an unquoted yes / no into true / false."""
    return {
        name: ("yes" if value else "no") if isinstance(value, bool) else value
        for name, value in facts.items()
    }


def _user_turns(steps: Iterable[Any]) -> Iterable[str]:
    """Yield what the practitioner typed at each user step (``/intent`` when only an intent)."""
    for step in steps:
        if not isinstance(step, Mapping):
            continue
        if "user" in step:
            yield _ENTITY_MARKUP.sub(r"\1", str(step["user"])).strip()
        elif "intent" in step:
            yield "/" + str(step["intent"]).strip()


def _text(value: object) -> str:
    return " ".join(str(value).split())
