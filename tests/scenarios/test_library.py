"""The scenario library: enough cases, the kinds the issue asks for, valid for Rasa."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.scenarios import SCENARIO_DIR, ScenarioError, find_scenario, load_scenarios
from bot.scenarios.record import RECORDER_REPLIES

SCENARIOS = load_scenarios()
CONDITIONS = ("asthma", "type1_diabetes", "epilepsy", "sickle_cell", "cystic_fibrosis", "other")


def test_the_library_has_at_least_fifteen_scenarios_with_learning_points() -> None:
    assert len(SCENARIOS) >= 15
    for scenario in SCENARIOS:
        assert scenario.title and scenario.narrative and scenario.learning_point
        assert scenario.user_turns, f"{scenario.name} has no recorded user turns"


def test_the_review_case_is_told_at_three_points_in_time() -> None:
    names = {scenario.name for scenario in SCENARIOS}
    assert {"review_year_before", "review_conference_week", "review_weekend"} <= names
    levels = [
        find_scenario(n, SCENARIOS).expected_rank
        for n in ("review_year_before", "review_conference_week", "review_weekend")
    ]
    assert levels == sorted(levels), "the case should escalate over time"


@pytest.mark.parametrize("condition", CONDITIONS)
def test_every_condition_of_the_contract_has_a_scenario(condition: str) -> None:
    assert any(s.facts.get("condition") == condition for s in SCENARIOS)


def test_the_special_cases_the_issue_names_are_there() -> None:
    many_unknowns = [s for s in SCENARIOS if list(s.facts.values()).count("unknown") >= 8]
    assert many_unknowns, "a case with many unknowns"
    assert any(s.after_decision for s in SCENARIOS), "a corrected answer"
    assert any(s.facts.get("immediate_danger") == "yes" for s in SCENARIOS), "immediate danger"
    assert any(s.facts.get("child_age_years", 99) < 5 for s in SCENARIOS), "an under-5"


def test_the_story_files_are_valid_rasa_test_stories_with_metadata() -> None:
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader

    domain = Domain.load(str(Path(__file__).resolve().parents[2] / "domain.yml"))
    for path in sorted(SCENARIO_DIR.glob("*.yml")):
        assert YAMLStoryReader.is_test_stories_file(path), f"{path.name} needs the test_ prefix"
        steps = YAMLStoryReader(domain, source_name=str(path)).read_from_file(path)
        assert steps, f"Rasa read no story from {path.name}"


def test_a_story_without_metadata_is_refused_with_its_file_and_name(tmp_path: Path) -> None:
    (tmp_path / "test_bare.yml").write_text(
        'version: "3.1"\nstories:\n- story: bare\n  steps:\n  - intent: greet\n'
    )
    with pytest.raises(ScenarioError, match=r"test_bare.yml: story 'bare' has no 'metadata:'"):
        load_scenarios(tmp_path)


def test_a_mistyped_scenario_name_suggests_the_closest() -> None:
    with pytest.raises(ScenarioError, match="did you mean review_weekend"):
        find_scenario("review_weekand", SCENARIOS)


def test_every_user_turn_comes_from_the_metadata() -> None:
    """The steps were recorded from the metadata; a hand edit that breaks this is caught."""
    for scenario in SCENARIOS:
        typed = {scenario.opening, *scenario.answers.values(), *scenario.after_decision}
        typed |= set(RECORDER_REPLIES)
        stray = [turn for turn in scenario.user_turns if turn not in typed]
        assert not stray, f"{scenario.name}: re-record it (python -m bot.scenarios.record)"


def test_unquoted_yes_and_no_in_facts_stay_words(tmp_path: Path) -> None:
    (tmp_path / "test_one.yml").write_text(
        'version: "3.1"\nstories:\n- story: one\n  metadata:\n    title: t\n    narrative: n\n'
        "    learning_point: l\n    expected_level: immediate\n"
        "    facts: {immediate_danger: yes, medication_misuse: no}\n"
        "  steps:\n  - intent: greet\n"
    )
    (scenario,) = load_scenarios(tmp_path)
    assert scenario.facts == {"immediate_danger": "yes", "medication_misuse": "no"}
    assert scenario.user_turns == ("/greet",)
