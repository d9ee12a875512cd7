"""The scenarios against the real assistant: replay reaches each level; `rasa test` passes."""

from __future__ import annotations

from pathlib import Path

import pytest

import bot
from bot.cli import main
from bot.scenarios import SCENARIO_DIR, Scenario, load_scenarios
from bot.scenarios.replay import replay
from bot.serve import ServerSet
from tests.servers import RasaTestRun

pytestmark = pytest.mark.servers
SCENARIOS = load_scenarios()
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_replay_reaches_the_expected_level_with_the_engines_decision(
    servers: ServerSet, scenario: Scenario
) -> None:
    transcript = replay(scenario, servers.rasa_url)
    assert transcript.level == scenario.expected_level, "--check would fail"
    assert transcript.payload is not None
    assert transcript.payload["assessment"] == bot.decide(scenario.facts)


def test_the_cli_replays_and_checks_against_a_running_assistant(
    servers: ServerSet, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["replay", "correction_attendance", "--url", servers.rasa_url, "--check"]) == 0
    out = capsys.readouterr().out
    assert "Practitioner: actually attendance is 60%" in out
    card = [line for line in out.splitlines() if line.startswith("Decision: ")]
    assert len(card) == 1 and card[0].endswith("(level 4 of 5)"), card


def test_rasa_test_passes_on_the_scenario_stories(rasa_test_run: RasaTestRun) -> None:
    assert rasa_test_run.failed or rasa_test_run.returncode == 0, rasa_test_run.output
    assert not rasa_test_run.failures_in(SCENARIO_DIR), rasa_test_run.failed


def test_replay_starts_its_own_assistant_when_none_answers(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.serve import free_port

    monkeypatch.setenv("RASA_PORT", str(free_port()))
    assert main(["replay", "review_weekend", "--check"]) == 0
    captured = capsys.readouterr()
    assert "starting one for this replay" in captured.err
    assert "Decision: Immediate danger (level 5 of 5)" in captured.out
