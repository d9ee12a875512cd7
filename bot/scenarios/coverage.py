"""`python -m bot scenarios`: which rules each training scenario makes fire.

Coverage needs no servers: each scenario's facts (its metadata) go through
``bot.decide`` and the fired rule ids are read from the decision. The command
fails when a rule of the policy is fired by no scenario, or when a scenario's
facts do not give its expected level, so the library keeps teaching every rule.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.scenarios.library import SCENARIO_DIR, Scenario, ScenarioError, load_scenarios


@dataclass(frozen=True)
class ScenarioRules:
    """What the engine decides on one scenario's facts.

    Attributes:
        scenario: the scenario.
        level: the level decide() gives.
        fired: the ids of every rule that fired, in the decision's order.
    """

    scenario: Scenario
    level: str
    fired: tuple[str, ...]

    @property
    def level_as_expected(self) -> bool:
        """Whether the decided level is the scenario's expected level."""
        return self.level == self.scenario.expected_level


@dataclass(frozen=True)
class Coverage:
    """The rules fired across the library.

    Attributes:
        rows: one entry per scenario.
        rule_ids: every rule id of the policy, in the policy's order.
    """

    rows: tuple[ScenarioRules, ...]
    rule_ids: tuple[str, ...]

    @property
    def uncovered(self) -> tuple[str, ...]:
        """Rules of the policy that no scenario makes fire."""
        fired = {rule for row in self.rows for rule in row.fired}
        return tuple(rule for rule in self.rule_ids if rule not in fired)

    @property
    def wrong_levels(self) -> tuple[ScenarioRules, ...]:
        """Scenarios whose facts do not give their expected level."""
        return tuple(row for row in self.rows if not row.level_as_expected)

    def scenarios_firing(self, rule_id: str) -> tuple[str, ...]:
        """Names of the scenarios that make a rule fire."""
        return tuple(row.scenario.name for row in self.rows if rule_id in row.fired)


def decide_scenario(scenario: Scenario, quiz: bool = False) -> dict[str, Any]:
    """Return the engine's decision on a scenario's facts (its quiz facts when ``quiz``).

    Raises:
        ScenarioError: the facts are not valid for the engine (names the scenario).
    """
    from bot import EngineError, decide

    try:
        return dict(decide(scenario.quiz_facts if quiz else scenario.facts))
    except EngineError as error:
        raise ScenarioError(f"{scenario.path}: story {scenario.name!r}: {error}") from error


def policy_rule_ids() -> tuple[str, ...]:
    """Every rule id of the policy in force, in the policy's order."""
    from bot import load_policy

    return tuple(rule.id for rule in load_policy().rules)


def measure(scenarios: Sequence[Scenario]) -> Coverage:
    """Decide every scenario's facts and collect the rules that fire."""
    rows = []
    for scenario in scenarios:
        decision = decide_scenario(scenario)
        fired = tuple(str(entry["rule"]) for entry in decision["fired"])
        rows.append(ScenarioRules(scenario, str(decision["level"]), fired))
    return Coverage(tuple(rows), policy_rule_ids())


def report(coverage: Coverage) -> str:
    """The coverage as plain text: each scenario's rules, then each rule's scenarios."""
    lines = ["Rules fired by each scenario (facts -> bot.decide):", ""]
    width = max(len(row.scenario.name) for row in coverage.rows)
    for row in coverage.rows:
        mark = "" if row.level_as_expected else f"  <- expected {row.scenario.expected_level}"
        lines.append(f"  {row.scenario.name:<{width}}  {row.level:<11} {mark}".rstrip())
        lines.append(f"  {'':<{width}}  fires: {', '.join(row.fired) or '(no rule)'}")
    lines += ["", "Scenarios making each rule fire:", ""]
    rule_width = max(len(rule) for rule in coverage.rule_ids)
    for rule in coverage.rule_ids:
        names = coverage.scenarios_firing(rule)
        lines.append(f"  {rule:<{rule_width}}  {', '.join(names) if names else 'NONE'}")
    covered = len(coverage.rule_ids) - len(coverage.uncovered)
    lines += [
        "",
        f"{covered} of {len(coverage.rule_ids)} rules fired by {len(coverage.rows)} scenarios.",
    ]
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `python -m bot scenarios`."""
    parser.add_argument(
        "--coverage",
        action="store_true",
        help="print the rules each scenario makes fire; exit 1 if a rule is fired by none",
    )
    parser.add_argument(
        "--dir",
        type=Path,
        default=SCENARIO_DIR,
        help="the folder of scenario story files (default: tests/scenarios/stories)",
    )


def run(args: argparse.Namespace) -> int:
    """List the scenarios, or with --coverage check that every rule is taught."""
    try:
        scenarios = load_scenarios(args.dir)
        if not args.coverage:
            from bot.scenarios.replay import listing

            print(listing(scenarios))
            return 0
        coverage = measure(scenarios)
    except ScenarioError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(report(coverage))
    status = 0
    if coverage.uncovered:
        print(
            f"error: no scenario makes these rules fire: {', '.join(coverage.uncovered)}; "
            f"add a scenario under {args.dir} whose facts make each fire",
            file=sys.stderr,
        )
        status = 1
    for row in coverage.wrong_levels:
        print(
            f"error: scenario {row.scenario.name!r} expects {row.scenario.expected_level} "
            f"but its facts give {row.level}; fix its facts or expected_level",
            file=sys.stderr,
        )
        status = 1
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for `python -m bot.scenarios.coverage`."""
    parser = argparse.ArgumentParser(prog="python -m bot scenarios", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
