"""The ratchet of the held-out measures: a figure worse than its floor fails.

``targets.yml`` beside this file holds ``target`` (issue 10's figures) and
``floor`` (the figures as last measured). Both the pure-Python reading tests
and the server tests check their figures here and print the gap to the target.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

TARGETS_FILE = Path(__file__).resolve().parent / "targets.yml"

# Figures where more is better; every other figure is a count or share of misses.
AT_LEAST = frozenset({"right_pct", "paragraph_facts_pct", "server_recorded_right_pct"})


@functools.lru_cache(maxsize=1)
def limits() -> tuple[dict[str, float], dict[str, float]]:
    """Return ``(target, floor)`` as read from targets.yml."""
    data = yaml.safe_load(TARGETS_FILE.read_text(encoding="utf-8"))
    return data["target"], data["floor"]


def at_least(name: str, value: float, misses: list[str]) -> None:
    """Fail if ``value`` is below its floor; show the gap to the target either way."""
    target, floor = limits()
    detail = f"{name} = {value:.1f} (floor {floor[name]}, target {target[name]})"
    assert value >= floor[name], f"{detail}; worse than the floor:\n" + "\n".join(misses[:60])
    if value < target[name]:
        print(f"\n[held-out] below target: {detail}")


def at_most(name: str, value: float, misses: list[str]) -> None:
    """Fail if ``value`` is above its floor; show the gap to the target either way."""
    target, floor = limits()
    detail = f"{name} = {value:g} (floor {floor[name]}, target {target[name]})"
    assert value <= floor[name], f"{detail}; worse than the floor:\n" + "\n".join(misses[:60])
    if value > target[name]:
        print(f"\n[held-out] above target: {detail}\n" + "\n".join(misses[:60]))
