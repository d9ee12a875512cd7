"""The assessment's questions, loaded from questions.yml.

Plain Python: importable without Rasa. Each question belongs to one fact of the
assessment contract; the order of questions.yml is the order of asking.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

QUESTIONS_FILE = Path(__file__).with_name("questions.yml")


@dataclass(frozen=True)
class Question:
    """One question of the assessment.

    Attributes:
        fact: the fact this question fills (contract section 1).
        label: the fact in a few words.
        text: the question as asked.
        why: why the assistant asks.
        accepts: what the question can take, in words.
        kind: how free text is read: ``choice``, ``age``, ``count`` or ``percent``.
        answers: for ``choice``, each value with its phrases, in priority order.
        buttons: buttons shown with the question.
        more_buttons: buttons added after repeated misses.
        show: how each value reads in summaries.
        names: words that name the fact in a correction.
        noted: for some values, the short line said back ("preventer often missed").
    """

    fact: str
    label: str
    text: str
    why: str
    accepts: str
    kind: str
    answers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    buttons: tuple[dict[str, str], ...] = ()
    more_buttons: tuple[dict[str, str], ...] = ()
    show: dict[str, str] = field(default_factory=dict)
    names: tuple[str, ...] = ()
    noted: dict[str, str] = field(default_factory=dict)

    def said_back(self, value: Any) -> str:
        """Return a recorded answer as said back: its own phrase, or "label: value"."""
        return self.noted.get(str(value)) or f"{self.label}: {self.shown(value)}"

    def shown(self, value: Any) -> str:
        """Return a fact value as it reads to a practitioner."""
        if value is None or value == "unknown":
            return "not known"
        if value == "not_applicable":
            return "not applicable"
        if isinstance(value, str):
            return self.show.get(value, value.replace("_", " "))
        if self.kind == "percent":
            return f"{_number(value)}%"
        return _number(value)


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _expand(phrases: list[Any], common: dict[str, list[str]]) -> tuple[str, ...]:
    out: list[str] = []
    for phrase in phrases:
        text = str(phrase)
        if text.startswith("@"):
            out.extend(f"@{text[1:]}:{item}" for item in common[text[1:]])
        else:
            out.append(text)
    return tuple(out)


@lru_cache(maxsize=1)
def load_questions() -> dict[str, Question]:
    """Return every question by fact name, in the order they are asked."""
    data = yaml.safe_load(QUESTIONS_FILE.read_text(encoding="utf-8"))
    common = {key: [str(item) for item in value] for key, value in data["common"].items()}
    questions: dict[str, Question] = {}
    for fact, spec in data["questions"].items():
        answers = {
            str(value): _expand(phrases, common)
            for value, phrases in (spec.get("answers") or {}).items()
        }
        questions[fact] = Question(
            fact=fact,
            label=spec["label"],
            text=" ".join(spec["text"].split()),
            why=" ".join(spec["why"].split()),
            accepts=" ".join(spec["accepts"].split()),
            kind=spec["kind"],
            answers=answers,
            buttons=tuple(spec.get("buttons") or ()),
            more_buttons=tuple(spec.get("more_buttons") or ()),
            show={str(k): str(v) for k, v in (spec.get("show") or {}).items()},
            names=tuple(str(n) for n in spec.get("names") or ()),
            noted={str(k): str(v) for k, v in (spec.get("noted") or {}).items()},
        )
    return questions


@lru_cache(maxsize=1)
def common_phrases() -> dict[str, tuple[str, ...]]:
    """Return the shared yes / no / unknown phrase lists."""
    data = yaml.safe_load(QUESTIONS_FILE.read_text(encoding="utf-8"))
    return {key: tuple(str(item) for item in value) for key, value in data["common"].items()}


def fact_order() -> list[str]:
    """Return the fact names in the order they are asked."""
    return list(load_questions())


def question(fact: str) -> Question:
    """Return the question for one fact (KeyError for a fact with no question)."""
    return load_questions()[fact]
