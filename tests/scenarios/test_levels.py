"""Every scenario's facts give its expected level through bot.decide (fast, no servers)."""

from __future__ import annotations

import pytest

import bot
from bot.conversation.parsing import parse_answer
from bot.scenarios import Scenario, load_scenarios

SCENARIOS = load_scenarios()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_the_facts_give_the_expected_level(scenario: Scenario) -> None:
    assert bot.decide(scenario.facts)["level"] == scenario.expected_level


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_the_typed_answers_read_as_the_facts(scenario: Scenario) -> None:
    """The free-text answers the stories were recorded with mean what the metadata says."""
    corrected = bool(scenario.after_decision)
    for fact, text in scenario.answers.items():
        value = bot.validate_fact(fact, parse_answer(fact, text))
        if fact in scenario.facts and not corrected:
            assert value == scenario.facts[fact], f"{fact}: {text!r}"


@pytest.mark.parametrize("scenario", [s for s in SCENARIOS if s.known_facts], ids=lambda s: s.name)
def test_what_the_practitioner_knows_gives_the_same_level(scenario: Scenario) -> None:
    """The quiz decides on ``known_facts``; they must teach the same level as the story."""
    assert bot.decide(scenario.known_facts)["level"] == scenario.expected_level
