"""Golden cases of each policy version (golden_cases_v<N>.yml): facts and the decision they give.

Version 2 (the default) and version 1 are both checked in process; version 1 is
also checked through ``python -m bot assess --policy 1``, as an earlier decision
would be reproduced.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import bot
from bot.engine.yaml_io import read_yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VERSIONS = ("1", "2")
CASES: dict[str, list[dict[str, Any]]] = {
    version: read_yaml(HERE / f"golden_cases_v{version}.yml") for version in VERSIONS
}
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
    "first_step",
}
PARAMS = [(version, case) for version in VERSIONS for case in CASES[version]]


def check(case: dict[str, Any], decision: dict[str, Any], version: str) -> None:
    assert set(case) <= CASE_KEYS, f"unknown keys {set(case) - CASE_KEYS}"
    assert decision["policy_version"] == version
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
    assert set(case.get("gaps", [])) <= gaps, gaps
    if "first_step" in case:
        assert decision["next_steps"][0].startswith(case["first_step"]), decision["next_steps"]


@pytest.mark.parametrize(
    ("version", "case"), PARAMS, ids=[f"v{v}: {case['name']}" for v, case in PARAMS]
)
def test_golden_case(version: str, case: dict[str, Any]) -> None:
    check(case, bot.decide(case["facts"], bot.load_policy(version=version)), version)


@pytest.mark.parametrize("version", VERSIONS)
def test_golden_cases_cover_every_level(version: str) -> None:
    levels = {case["level"] for case in CASES[version]}
    assert levels == set(bot.load_policy(version=version).levels)


def test_version_1_golden_cases_through_the_command_line() -> None:
    cases = CASES["1"]
    done = subprocess.run(
        [sys.executable, "-m", "bot", "assess", "--policy", "1", "--jsonl"],
        input="".join(json.dumps(case["facts"]) + "\n" for case in cases),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    decisions = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(decisions) == len(cases)
    policy = bot.load_policy(version="1")
    for case, decision in zip(cases, decisions, strict=True):
        check(case, decision, "1")
        assert decision == bot.decide(case["facts"], policy), case["name"]


def test_the_default_is_version_2_and_version_1_differs_where_the_policy_says() -> None:
    facts = {"reporter_role": "health", "condition": "asthma", "reliever_prescriptions_12m": 12}
    assert bot.decide(facts)["policy_version"] == "2"
    assert bot.decide(facts)["level"] == "additional"
    old = bot.decide(facts, bot.load_policy(version="1"))
    assert old["policy_version"] == "1"
    assert "ONE-SERIOUS" not in {f["rule"] for f in old["fired"]}


def test_version_1_reproduces_decisions_made_before_version_2() -> None:
    """v1_decisions.jsonl: 150 random fact sets and a hash of the decision the engine gave
    before version 2 existed; version 1 must give exactly the same decision today."""
    policy = bot.load_policy(version="1")
    lines = (HERE / "v1_decisions.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 150
    for line in lines:
        recorded = json.loads(line)
        decision = bot.decide(recorded["facts"], policy)
        assert decision["level"] == recorded["level"]
        canonical = json.dumps(decision, sort_keys=True).encode()
        assert hashlib.sha256(canonical).hexdigest() == recorded["sha256"], recorded["facts"]
