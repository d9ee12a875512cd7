"""Load the held-out measured sets (answers, danger, paragraphs) and match values.

The sets are YAML a safeguarding lead can read and extend; each file's header
says how. Loading checks every item (facts of the contract, allowed values,
known keys) and fails with the file and the item, so a typo never becomes a
test that cannot fail.

Never use these sets as training data or phrase lists: they measure the
reading on phrasings it was not built from.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

import bot

HERE = Path(__file__).resolve().parent

# danger_kind is asked only after immediate_danger = yes (contract §1); it is
# checked here when the engine's fact table does not list it.
DANGER_KINDS = ("medical", "harm", "both", "unknown")

ANSWER_KEYS = {"asked", "text", "acceptable", "unsafe", "ask", "known"}
PARAGRAPH_KEYS = {"id", "text", "full", "states", "unsafe"}
DANGER_KEYS = {"text", "danger_kind"}
RANGE_KEYS = {"min", "max"}

Value = Any  # a scalar value, or a {"min": .., "max": ..} range


class HeldOutSetError(ValueError):
    """A held-out file has an item that cannot be measured (named in the message)."""


@dataclass(frozen=True)
class AnswerItem:
    """One answer to one question, with what may and may not be read from it."""

    asked: str
    text: str
    acceptable: tuple[Value, ...]
    unsafe: tuple[Value, ...]
    ask: bool
    known: Mapping[str, Any]

    @property
    def label(self) -> str:
        """How the item is named in figures and failures."""
        return f"{self.asked}: {self.text!r}"


@dataclass(frozen=True)
class DangerItem:
    """One statement, either of danger now or of a past or hypothetical event."""

    text: str
    now: bool
    danger_kind: tuple[str, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    """An opening paragraph and the facts it states."""

    id: str
    text: str
    full: bool
    states: Mapping[str, tuple[Value, ...]]
    unsafe: Mapping[str, tuple[Value, ...]] = field(default_factory=dict)


def _load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise HeldOutSetError(f"{name}: expected a mapping at the top")
    return data


def _plain(value: Any) -> Any:
    """YAML turns unquoted yes/no into booleans: read them as the words."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


def _check_value(where: str, fact: str, value: Any) -> Value:
    value = _plain(value)
    if isinstance(value, dict):
        if not value or set(value) - RANGE_KEYS:
            raise HeldOutSetError(f"{where}: a range takes only min and max, got {value}")
        for end in value.values():
            _check_value(where, fact, end)
        return dict(value)
    if value == "unknown":
        return value
    if fact == "danger_kind":
        if value not in DANGER_KINDS:
            raise HeldOutSetError(f"{where}: danger_kind {value!r} is not one of {DANGER_KINDS}")
        return value
    try:
        bot.validate_fact(fact, value)
    except bot.FactError as error:
        raise HeldOutSetError(f"{where}: {error}") from error
    return value


def _check_fact(where: str, fact: Any) -> str:
    if fact != "danger_kind" and fact not in bot.fact_specs():
        raise HeldOutSetError(f"{where}: {fact!r} is not a fact of the contract")
    return str(fact)


def _values(where: str, fact: str, raw: Any) -> tuple[Value, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise HeldOutSetError(f"{where}: expected a list of values, got {raw!r}")
    return tuple(_check_value(where, fact, v) for v in raw)


def _dates(text: str, today: dt.date) -> str:
    """Fill {dob:7y2m} / {dob_long:7y2m} with the date that long before today."""

    def born(match: re.Match[str]) -> str:
        years, months = int(match["y"]), int(match["m"] or 0)
        total = today.year * 12 + (today.month - 1) - (years * 12 + months)
        day = min(today.day, 28)
        date = dt.date(total // 12, total % 12 + 1, day)
        if match["style"] == "dob_long":
            return f"{date.day} {date.strftime('%B %Y')}"
        return date.strftime("%d/%m/%Y")

    return re.sub(r"\{(?P<style>dob|dob_long):(?P<y>\d+)y(?:(?P<m>\d+)m)?\}", born, text)


def _files(first: str) -> list[str]:
    """``answers.yml`` and the batches added beside it (``answers_<batch>.yml``), in order."""
    stem = first.removesuffix(".yml")
    return [first, *sorted(p.name for p in HERE.glob(f"{stem}_*.yml"))]


def load_answers(today: dt.date | None = None) -> list[AnswerItem]:
    """Every answer of answers.yml (and answers_*.yml), checked, with dates of birth filled in."""
    items = []
    for name in _files("answers.yml"):
        items += _load_answers(name, today)
    return items


def _load_answers(name: str, today: dt.date | None) -> list[AnswerItem]:
    data = _load(name)
    context = {k: _plain(v) for k, v in (data.get("context") or {}).items()}
    items = []
    for number, raw in enumerate(data.get("items") or [], start=1):
        where = f"{name} item {number} ({raw.get('text')!r})"
        if set(raw) - ANSWER_KEYS:
            raise HeldOutSetError(f"{where}: unknown keys {sorted(set(raw) - ANSWER_KEYS)}")
        asked = _check_fact(where, raw.get("asked"))
        text = raw.get("text")
        if not isinstance(text, str) or not text.strip():
            raise HeldOutSetError(f"{where}: needs a text")
        acceptable = _values(where, asked, raw.get("acceptable"))
        ask = bool(raw.get("ask", False))
        if not acceptable and not ask:
            raise HeldOutSetError(f"{where}: give acceptable values, or ask: true")
        known = {k: _plain(v) for k, v in (raw.get("known") or context).items() if k != asked}
        items.append(
            AnswerItem(
                asked=asked,
                text=_dates(text, today or dt.date.today()),
                acceptable=acceptable,
                unsafe=_values(where, asked, raw.get("unsafe")),
                ask=ask,
                known=known,
            )
        )
    return items


def load_danger() -> list[DangerItem]:
    """Every statement of danger.yml (and danger_*.yml): the danger-now ones first."""
    loaded = [(name, _load(name)) for name in _files("danger.yml")]
    items = []
    for key, now in (("danger_now", True), ("not_now", False)):
        for name, data in loaded:
            items += _danger_items(name, data, key, now)
    return items


def _danger_items(name: str, data: dict, key: str, now: bool) -> list[DangerItem]:
    items = []
    for number, raw in enumerate(data.get(key) or [], start=1):
        where = f"{name} {key} item {number}"
        if set(raw) - DANGER_KEYS:
            raise HeldOutSetError(f"{where}: unknown keys {sorted(set(raw) - DANGER_KEYS)}")
        kinds = _values(where, "danger_kind", raw.get("danger_kind"))
        if kinds and not now:
            raise HeldOutSetError(f"{where}: danger_kind belongs to danger now only")
        items.append(DangerItem(text=str(raw["text"]), now=now, danger_kind=tuple(kinds)))
    return items


def load_paragraphs() -> list[Paragraph]:
    """Every paragraph of paragraphs.yml (and paragraphs_*.yml), checked."""
    paragraphs = []
    for name in _files("paragraphs.yml"):
        paragraphs += _load_paragraphs(name)
    return paragraphs


def _load_paragraphs(name: str) -> list[Paragraph]:
    paragraphs = []
    for number, raw in enumerate(_load(name).get("paragraphs") or [], start=1):
        where = f"{name} item {number} ({raw.get('id')})"
        if set(raw) - PARAGRAPH_KEYS:
            raise HeldOutSetError(f"{where}: unknown keys {sorted(set(raw) - PARAGRAPH_KEYS)}")
        states = {
            _check_fact(where, f): _values(where, f, v)
            for f, v in (raw.get("states") or {}).items()
        }
        if not states:
            raise HeldOutSetError(f"{where}: list the facts it states")
        unsafe = {
            _check_fact(where, f): _values(where, f, v)
            for f, v in (raw.get("unsafe") or {}).items()
        }
        paragraphs.append(
            Paragraph(
                id=str(raw["id"]),
                text=" ".join(str(raw["text"]).split()),
                full=bool(raw.get("full", False)),
                states=states,
                unsafe=unsafe,
            )
        )
    return paragraphs


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip().rstrip("%"))
        except ValueError:
            return None
    return None


def matches(value: Any, wanted: Sequence[Value]) -> bool:
    """Whether a read value is one of the listed values (numbers compared as numbers)."""
    value = _plain(value)
    number = _number(value)
    for spec in wanted:
        if isinstance(spec, dict):
            if number is None:
                continue
            if "min" in spec and number < float(spec["min"]):
                continue
            if "max" in spec and number > float(spec["max"]):
                continue
            return True
        spec_number = _number(spec)
        if spec_number is not None and number is not None:
            if abs(spec_number - number) < 1e-9:
                return True
        elif str(spec).strip().lower() == str(value).strip().lower():
            return True
    return False


def seeded(seed: str) -> random.Random:
    """A random generator that gives the same sequence on every run (reproducible failures)."""
    return random.Random(seed)
