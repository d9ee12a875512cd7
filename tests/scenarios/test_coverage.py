"""`python -m bot scenarios --coverage`: passes on the library, fails when a rule is untaught."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import bot
from bot.cli import main
from bot.scenarios import SCENARIO_DIR
from bot.scenarios.coverage import measure, policy_rule_ids
from bot.scenarios.library import load_scenarios

ROOT = Path(__file__).resolve().parents[2]


def test_every_rule_of_the_policy_is_fired_by_some_scenario() -> None:
    coverage = measure(load_scenarios())
    assert set(policy_rule_ids()) == {rule.id for rule in bot.load_policy().rules}
    assert coverage.uncovered == ()
    assert coverage.wrong_levels == ()


def test_the_command_prints_each_scenarios_rules_and_exits_0() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "scenarios", "--coverage"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "fires: DIVERTED-MEDICATION" in result.stdout
    rules = len(bot.load_policy().rules)
    assert f"{rules} of {rules} rules fired by" in result.stdout


def _reduced(tmp_path: Path, *names: str) -> Path:
    for name in names:
        source = next(SCENARIO_DIR.glob(f"test_*_{name}.yml"))
        shutil.copy(source, tmp_path / source.name)
    return tmp_path


def test_a_reduced_library_fails_and_names_the_untaught_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _reduced(tmp_path, "review_weekend", "well_managed_asthma")
    assert main(["scenarios", "--coverage", "--dir", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "no scenario makes these rules fire" in err
    assert "DIVERTED-MEDICATION" in err and "ON-CP-PLAN" in err
    assert "IMMEDIATE," not in err.split("fire:")[1]


def test_removing_the_only_scenario_for_a_rule_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keep = [p for p in SCENARIO_DIR.glob("*.yml") if "diverted_medication" not in p.name]
    for path in keep:
        shutil.copy(path, tmp_path / path.name)
    assert main(["scenarios", "--coverage", "--dir", str(tmp_path)]) == 1
    assert "fire: DIVERTED-MEDICATION;" in capsys.readouterr().err


def test_a_scenario_whose_facts_miss_its_level_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for path in SCENARIO_DIR.glob("*.yml"):
        text = path.read_text()
        if "well_managed_asthma" in path.name:
            text = text.replace("expected_level: universal", "expected_level: complex")
        (tmp_path / path.name).write_text(text)
    assert main(["scenarios", "--coverage", "--dir", str(tmp_path)]) == 1
    assert "'well_managed_asthma' expects complex but its facts give universal" in (
        capsys.readouterr().err
    )


def test_a_bad_fact_in_a_scenario_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = next(SCENARIO_DIR.glob("test_*_well_managed_asthma.yml"))
    text = source.read_text().replace("child_age_years: 10", "child_age_years: 25")
    (tmp_path / source.name).write_text(text)
    assert main(["scenarios", "--coverage", "--dir", str(tmp_path)]) == 2
    assert "well_managed_asthma" in capsys.readouterr().err
