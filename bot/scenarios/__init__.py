"""Training scenarios: the Rasa test stories under ``tests/scenarios/stories/``, read as cases.

``python -m bot replay`` lists, replays and quizzes them; ``python -m bot scenarios
--coverage`` checks that together they make every rule of the policy fire.
"""

from bot.scenarios.library import (
    SCENARIO_DIR,
    Scenario,
    ScenarioError,
    find_scenario,
    load_scenarios,
)

__all__ = ["SCENARIO_DIR", "Scenario", "ScenarioError", "find_scenario", "load_scenarios"]
