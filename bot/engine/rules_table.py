"""The rule table as Markdown, built from the loaded policy (never written by hand)."""

from __future__ import annotations

import re
from typing import Any

from bot.engine.conditions import CONCERN_NAME, FIRED_NAME, LEVEL_NAME, example_facts
from bot.engine.decide import Decider
from bot.engine.facts import UNKNOWN
from bot.engine.policy import Policy, Rule


def rules_markdown(policy: Policy) -> str:
    """Render the policy's indicators, rules and agencies as Markdown tables.

    The agencies column of the rules table shows who is listed for an example set
    of facts on which the rule fires (the smallest the engine finds).

    Args:
        policy: the loaded policy.

    Returns:
        The Markdown text.
    """
    decider = Decider(policy)
    candidates = _candidates(policy)
    lines = [
        f"# Threshold rules, version {policy.version}",
        "",
        "## Rules",
        "",
        "| rule | fires when | level | agencies (example) | sources |",
        "|---|---|---|---|---|",
    ]
    for rule in policy.rules:
        agencies = _example_agencies(rule, policy, decider, candidates)
        lines.append(
            _row(
                rule.id,
                f"{rule.title}: `{rule.condition}`"
                + (f" unless {', '.join(rule.unless)} fires" if rule.unless else ""),
                rule.level,
                agencies,
                ", ".join(rule.sources) or "-",
            )
        )
    lines += [
        "",
        "## Indicators",
        "",
        "| indicator | kind | holds when | sources |",
        "|---|---|---|---|",
    ]
    for indicator in policy.indicators.values():
        lines.append(
            _row(
                indicator.id,
                indicator.kind,
                f"{indicator.title}: `{indicator.node.text}`",
                ", ".join(indicator.sources) or "-",
            )
        )
    lines += [
        "",
        "## Agencies",
        "",
        "| agency | listed when | when | why |",
        "|---|---|---|---|",
    ]
    if policy.concern_leaves_out:
        lines += [
            "",
            "The concern level is the highest level among the fired rules other than "
            + ", ".join(policy.concern_leaves_out)
            + ".",
            "",
        ]
    for agency in policy.agencies:
        timings = "; ".join(
            timing if node.text == "always" else f"{timing} if `{node.text}`"
            for timing, node in agency.timings
        )
        lines.append(_row(agency.id, f"`{agency.condition}`", timings, agency.why))
    return "\n".join(lines) + "\n"


def _row(*cells: str) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def _example_agencies(
    rule: Rule, policy: Policy, decider: Decider, candidates: dict[str, list[Any]]
) -> str:
    blank: dict[str, Any] = {name: UNKNOWN for name in policy.facts.names}
    blank[LEVEL_NAME] = blank[CONCERN_NAME] = 0
    blank[FIRED_NAME] = frozenset()
    example = example_facts(rule.node, candidates, blank)
    if example is None:
        return "-"
    facts = {"reporter_role": "other", "condition": "other", **example}
    decision = decider.decide(policy.facts.validate(facts))
    return ", ".join(f"{a['id']} ({a['when']})" for a in decision["agencies"]) or "-"


def _candidates(policy: Policy) -> dict[str, list[Any]]:
    texts = [rule.condition for rule in policy.rules]
    texts += [indicator.node.text for indicator in policy.indicators.values()]
    literals = {float(n) for text in texts for n in re.findall(r"\d+(?:\.\d+)?", text)}
    candidates: dict[str, list[Any]] = {}
    for name, spec in policy.facts.specs.items():
        if spec.kind == "enum":
            ordered = [v for tier in spec.concern_order for v in tier] or list(spec.values)
            candidates[name] = ordered
            continue
        low = spec.minimum if spec.minimum is not None else 0
        high = spec.maximum if spec.maximum is not None else max(literals, default=0) + 1
        numbers = {low, high} | {n + d for n in literals for d in (-1, 0, 1)}
        values = sorted(n for n in numbers if low <= n <= high)
        if spec.more_concerning == "lower":
            values.reverse()
        candidates[name] = [*spec.tokens, *(int(v) if v == int(v) else v for v in values)]
    return candidates
