"""Golden cases from golden_cases.yml (facts and the decision they must give)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import bot
from bot.engine.yaml_io import read_yaml

CASES: list[dict[str, Any]] = read_yaml(Path(__file__).with_name("golden_cases.yml"))
CASE_KEYS = {
    "name",
    "facts",
    "level",
    "highest",
    "fired",
    "not_fired",
    "agencies",
    "agencies_include",
    "gaps",
}


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_golden_case(case: dict[str, Any]) -> None:
    assert set(case) <= CASE_KEYS, f"unknown keys {set(case) - CASE_KEYS}"
    decision = bot.decide(case["facts"])
    fired = {entry["rule"] for entry in decision["fired"]}
    agencies = {entry["id"]: entry["when"] for entry in decision["agencies"]}
    gaps = {entry["fact"] for entry in decision["gaps"]}
    assert decision["level"] == case["level"]
    if "highest" in case:
        assert decision["range"]["highest"] == case["highest"]
    if "fired" in case:
        assert set(case["fired"]) <= fired
        if not case["fired"]:
            assert fired == set()
    assert not set(case.get("not_fired", [])) & fired
    if "agencies" in case:
        assert agencies == case["agencies"]
    for agency, when in case.get("agencies_include", {}).items():
        assert agencies.get(agency) == when, f"{agency}: {agencies}"
    assert set(case.get("gaps", [])) <= gaps


def test_golden_cases_cover_every_level() -> None:
    assert {case["level"] for case in CASES} == set(bot.load_policy().levels)
