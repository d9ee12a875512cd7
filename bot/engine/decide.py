"""Deciding: from clean facts to the contract's decision object."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.engine.conditions import CONCERN_NAME, FIRED_NAME, LEVEL_NAME, Node
from bot.engine.facts import UNKNOWN, FactValue
from bot.engine.policy import Policy, Rule


class Decider:
    """Applies one policy. Everything that does not depend on the facts is done once.

    While deciding, the facts dict also holds each indicator's value (under its id),
    worked out once per set of facts, so rules and agencies that use an indicator
    read it instead of testing it again.
    """

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.levels = policy.levels
        self.names = policy.facts.names
        self.indicators: tuple[tuple[str, Node], ...] = tuple(
            (indicator.id, indicator.node) for indicator in policy.indicators.values()
        )
        self.rules_high_first: tuple[tuple[int, Node], ...] = tuple(
            (rule.rank, rule.node) for rule in sorted(policy.rules, key=lambda r: -r.rank)
        )
        self.could_be_worse: tuple[tuple[str, FactValue], ...] = tuple(
            (name, spec.most_concerning)
            for name, spec in policy.facts.specs.items()
            if spec.unknown_allowed and spec.most_concerning is not None
        )
        self.indicators_reading: dict[str, tuple[tuple[str, Node], ...]] = {
            name: tuple((i, node) for i, node in self.indicators if name in node.facts())
            for name in self.names
        }
        self.rules_reading: dict[str, tuple[tuple[int, Node], ...]] = {
            name: tuple(
                (rank, node) for rank, node in self.rules_high_first if name in node.facts()
            )
            for name in self.names
        }
        self.asks = {name: spec.ask for name, spec in policy.facts.specs.items()}
        self.labels = {
            name: spec.label or spec.meaning or name for name, spec in policy.facts.specs.items()
        }
        self.concern_rules = tuple(
            rule for rule in policy.rules if rule.id not in policy.concern_leaves_out
        )
        self.because_order = {
            rule.id: tuple(
                name
                for name in self.names
                if name in rule.node.facts().union(*(n.facts() for n in rule.unless_nodes))
            )
            for rule in policy.rules
        }

    def decide(self, clean: Mapping[str, FactValue]) -> dict[str, Any]:
        """Return the decision for facts already validated by the policy's FactBook."""
        values: dict[str, Any] = {name: clean.get(name, UNKNOWN) for name in self.names}
        self._work_out_indicators(values)
        fired = self.fired_rules(values)
        rank = max((rule.rank for rule in fired), default=0)
        level = self.levels[rank]
        fired_entries = [self._fired(rule, values) for rule in fired]
        agencies = self._agencies(values, rank, fired)
        unknowns = [(n, worst) for n, worst in self.could_be_worse if values[n] == UNKNOWN]
        highest = self._highest(values, unknowns, rank)
        gaps = self._gaps(values, unknowns, rank, highest)
        steps = self._next_steps(level, values, gaps, fired, highest)
        return {
            "policy_version": self.policy.version,
            "level": level,
            "range": {"lowest": level, "highest": self.levels[highest]},
            "fired": fired_entries,
            "gaps": gaps,
            "agencies": agencies,
            "next_steps": steps,
        }

    def fired_rules(self, values: Mapping[str, Any]) -> list[Rule]:
        """The rules that fire on facts with their indicators worked out.

        A rule with ``unless`` gives way when one of those rules' conditions holds;
        the loader allows that only for rules of the same or a higher level, so the
        level never depends on it.
        """
        return [
            rule
            for rule in self.policy.rules
            if rule.node.test(values) and not any(n.test(values) for n in rule.unless_nodes)
        ]

    def concern_rank(self, fired: list[Rule]) -> int:
        """The concern level's rank: the highest rule fired other than the emergency rules."""
        left_out = self.policy.concern_leaves_out
        return max((rule.rank for rule in fired if rule.id not in left_out), default=0)

    def level_rank(self, values: dict[str, Any], floor: int) -> int:
        """The rank the facts reach, looking only at rules above ``floor``."""
        self._work_out_indicators(values)
        return self._rank_above(values, floor)

    def _rank_with(self, values: dict[str, Any], name: str, value: Any, floor: int) -> int:
        """The rank with one fact changed, from rank ``floor`` with the facts as they are.

        Only rules that read the fact can change, so only they are tested; the fact
        and the indicators are put back after.
        """
        rules = self.rules_reading[name]
        if not rules or rules[0][0] <= floor:
            return floor
        indicators = self.indicators_reading[name]
        saved = [(indicator_id, values[indicator_id]) for indicator_id, _ in indicators]
        before = values[name]
        values[name] = value
        self._work_out_indicators(values, indicators)
        reach = self._rank_above(values, floor, rules)
        values[name] = before
        values.update(saved)
        return reach

    def _rank_above(
        self,
        values: Mapping[str, Any],
        floor: int,
        rules: tuple[tuple[int, Node], ...] | None = None,
    ) -> int:
        for rank, node in self.rules_high_first if rules is None else rules:
            if rank <= floor:
                break
            if node.test(values):
                return rank
        return floor

    def _work_out_indicators(
        self, values: dict[str, Any], indicators: tuple[tuple[str, Node], ...] | None = None
    ) -> None:
        for indicator_id, node in self.indicators if indicators is None else indicators:
            values[indicator_id] = node.test(values)

    def _highest(self, values: dict[str, Any], unknowns: list[tuple[str, Any]], rank: int) -> int:
        if not unknowns:
            return rank
        worst = dict(values)
        worst.update(unknowns)
        return self.level_rank(worst, rank)

    def _gaps(
        self, values: dict[str, Any], unknowns: list[tuple[str, Any]], rank: int, highest: int
    ) -> list[dict[str, Any]]:
        raising: list[tuple[int, int, str]] = []
        if highest > rank:
            for order, (name, worst) in enumerate(unknowns):
                reach = self._rank_with(values, name, worst, rank)
                if reach > rank:
                    raising.append((-reach, order, name))
        raising.sort()
        gaps = [
            {"fact": name, "could_reach": self.levels[-reach], "ask": self.asks[name]}
            for reach, _, name in raising
        ]
        listed = {name for _, _, name in raising}
        for gap in self.policy.always_gaps:
            value = values[gap.fact]
            if gap.fact in listed or not gap.is_open(value, values):
                continue
            reach = rank
            if value == UNKNOWN:
                worst = self.policy.facts.specs[gap.fact].most_concerning
                reach = self._rank_with(values, gap.fact, worst, rank)
            gaps.append({"fact": gap.fact, "could_reach": self.levels[reach], "ask": gap.ask})
        return gaps

    def _fired(self, rule: Rule, values: Mapping[str, Any]) -> dict[str, Any]:
        because: dict[str, Any] = {}
        rule.node.collect(values, because)
        for node in rule.unless_nodes:  # what it was not: danger_kind harm, not medical
            because.update((name, values[name]) for name in node.facts() if values[name] != UNKNOWN)
        return {
            "rule": rule.id,
            "level": rule.level,
            "because": {
                name: because[name] for name in self.because_order[rule.id] if name in because
            },
            "sources": list(rule.sources),
            "title": rule.title,
        }

    def _agencies(
        self, values: dict[str, Any], rank: int, fired: list[Rule]
    ) -> list[dict[str, str]]:
        values[LEVEL_NAME] = rank
        values[CONCERN_NAME] = self.concern_rank(fired)
        values[FIRED_NAME] = frozenset(rule.id for rule in fired)
        listed = []
        for agency in self.policy.agencies:
            if agency.node.test(values):
                when = next((t for t, node in agency.timings if node.test(values)), "routine")
                listed.append({"id": agency.id, "when": when, "why": agency.why})
        del values[LEVEL_NAME], values[CONCERN_NAME], values[FIRED_NAME]
        return listed

    def _next_steps(
        self,
        level: str,
        values: Mapping[str, Any],
        gaps: list[dict[str, Any]],
        fired: list[Rule],
        highest: int,
    ) -> list[str]:
        role = str(values.get("reporter_role"))
        steps: list[str] = []
        much = self.policy.much_unknown
        rank = self.levels.index(level)
        much_unknown = much is not None and highest >= much.from_rank and highest > rank
        if much_unknown:
            steps.append(self._much_unknown_step(gaps, rank, highest))
        by_rule = [rule.id for rule in fired if rule.id in self.policy.next_steps_by_rule]
        for rule_id in by_rule:
            steps += _for_role(self.policy.next_steps_by_rule[rule_id], role)
        if by_rule:
            level = self.levels[self.concern_rank(fired)]
        steps += _for_role(self.policy.next_steps[level], role)
        if gaps and self.policy.next_steps_if_gaps and not much_unknown:
            steps.append(self.policy.next_steps_if_gaps)
        return list(dict.fromkeys(steps)) if by_rule else steps

    def _much_unknown_step(self, gaps: list[dict[str, Any]], rank: int, highest: int) -> str:
        much = self.policy.much_unknown
        assert much is not None
        words = much.level_words
        raising = [g for g in gaps if self.levels.index(g["could_reach"]) > rank]
        unknowns = "; ".join(
            f"{self.labels[g['fact']]} (could reach {words[g['could_reach']]})" for g in raising
        )
        return much.step.format(unknowns=unknowns, highest=words[self.levels[highest]])


def _for_role(by_role: Mapping[str, tuple[str, ...]], role: str) -> tuple[str, ...]:
    return by_role.get(role, by_role.get("other", ()))
