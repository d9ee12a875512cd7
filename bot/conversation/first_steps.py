"""First steps while help comes, for a medical emergency, by condition.

The wording is data (``first_steps.yml``); this module only picks the list::

    first_steps("asthma")   # ["Help them sit up ...", ..., "Follow the child's own care plan ..."]
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

FIRST_STEPS_FILE = Path(__file__).with_name("first_steps.yml")


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    with FIRST_STEPS_FILE.open(encoding="utf-8") as handle:
        return dict(yaml.safe_load(handle))


@lru_cache(maxsize=1)
def _steps() -> dict[str, list[str]]:
    lists = {k: v for k, v in _data().items() if k not in ("not_the_condition", "own_words")}
    return {str(k): [str(s) for s in v] for k, v in lists.items()}


@cache
def _pattern(key: str, condition: str = "") -> re.Pattern[str] | None:
    raw = _data().get(key) or {}
    parts = raw.get(condition, []) if isinstance(raw, dict) else raw
    text = "".join(str(p) for p in parts)
    return re.compile(text) if text else None


def fits_the_condition(condition: str | None, words: str | None) -> bool:
    """Whether an emergency told in ``words`` is one the condition's own steps are for: not
    when the words name another cause ("a grape stuck in his throat") and none of the
    condition's own words ("can't breathe"). With no words, the condition's steps fit."""
    if not words or not condition:
        return True
    said = words.lower()
    other = _pattern("not_the_condition")
    own = _pattern("own_words", condition)
    if other is None or not other.search(said):
        return True
    return bool(own is not None and own.search(said))


def first_steps(condition: str | None, words: str | None = None) -> list[str]:
    """Return what to do while the ambulance comes, for the child's condition.

    Args:
        condition: the contract's ``condition`` value, or ``None``/``"unknown"``.
        words: the practitioner's words of the danger, when known: an emergency with
            another cause than the condition (choking, poisoning, a fire) gets the
            general steps, never the condition's (no inhaler puffs for a choking child).

    Returns:
        The steps in order; the general ones when the condition has no list of its own.
        The last step always says to follow the care plan and call 999 again if worried.
    """
    steps = _steps()
    fits = fits_the_condition(condition, words)
    own = steps.get(condition or "", steps["default"]) if fits else steps["default"]
    always = [s for s in steps["always"] if s not in own]
    return [*own, *always]
