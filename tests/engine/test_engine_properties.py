"""Properties that hold for any facts, under every policy version (hypothesis)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bot
from bot import FactSpec, Policy
from bot.engine.decide import Decider

POLICIES = {version: bot.load_policy(version=version) for version in ("1", "2")}
DECIDERS = {version: Decider(policy) for version, policy in POLICIES.items()}
VERSIONS = pytest.mark.parametrize("version", sorted(POLICIES))


def known_values(spec: FactSpec) -> st.SearchStrategy[Any]:
    if spec.kind == "enum":
        return st.sampled_from(spec.values)
    low, high = int(spec.minimum or 0), int(spec.maximum or 100)
    if spec.kind == "integer":
        numbers: st.SearchStrategy[Any] = st.one_of(
            st.integers(low, min(high, 20)), st.integers(low, high)
        )
    else:
        numbers = st.one_of(
            st.integers(low, high),
            st.floats(low, high, allow_nan=False).map(lambda x: round(x, 1)),
        )
    if spec.tokens:
        return st.one_of(numbers, st.sampled_from(spec.tokens))
    return numbers


def any_value(spec: FactSpec) -> st.SearchStrategy[Any]:
    return st.one_of(st.just("unknown"), known_values(spec))


def optional(policy: Policy) -> list[str]:
    return [name for name, spec in policy.facts.specs.items() if not spec.required]


@st.composite
def fact_sets(draw: st.DrawFn, policy: Policy) -> dict[str, Any]:
    """Facts as a conversation could end: a required fact may be left out only when allowed."""
    specs = policy.facts.specs
    facts: dict[str, Any] = {}
    for name in optional(policy):
        if draw(st.booleans()):
            facts[name] = draw(any_value(specs[name]))
    for name in policy.facts.required:
        spec = specs[name]
        may_leave_out = all(facts.get(f) == v for f, v in spec.optional_when)
        if not (spec.optional_when and may_leave_out and draw(st.booleans())):
            facts[name] = draw(st.sampled_from(spec.values))
    return facts


def rank(facts: Mapping[str, Any], policy: Policy) -> int:
    return policy.rank(bot.decide(facts, policy)["level"])


def concern(facts: Mapping[str, Any], policy: Policy) -> int:
    """The concern level's rank, worked out as the engine does for the agencies."""
    decider = DECIDERS[policy.version]
    values: dict[str, Any] = {n: "unknown" for n in policy.facts.names}
    values.update(policy.facts.validate(facts))
    decider.level_rank(values, 0)
    return decider.concern_rank(decider.fired_rules(values))


@VERSIONS
@settings(max_examples=90, deadline=None)
@given(data=st.data())
def test_a_more_concerning_value_never_lowers_the_level(version: str, data: st.DataObject) -> None:
    policy = POLICIES[version]
    facts = data.draw(fact_sets(policy))
    name = data.draw(st.sampled_from(optional(policy)))
    spec = policy.facts.specs[name]
    first = data.draw(known_values(spec))
    second = data.draw(known_values(spec))
    lower, higher = sorted([first, second], key=spec.concern_rank)
    if spec.concern_rank(lower) == spec.concern_rank(higher):
        return
    if name == "immediate_danger" and not {"condition", "reporter_role"} <= set(facts):
        return  # without danger now these are required: such facts are not a case
    assert rank({**facts, name: lower}, policy) <= rank({**facts, name: higher}, policy)
    assert rank({**facts, name: "unknown"}, policy) <= rank({**facts, name: lower}, policy)
    if policy.concern_leaves_out:
        assert concern({**facts, name: lower}, policy) <= concern({**facts, name: higher}, policy)
        assert concern({**facts, name: "unknown"}, policy) <= concern(
            {**facts, name: lower}, policy
        )


@VERSIONS
@settings(max_examples=90, deadline=None)
@given(data=st.data())
def test_any_completion_of_the_unknowns_stays_within_the_range(
    version: str, data: st.DataObject
) -> None:
    policy = POLICIES[version]
    facts = data.draw(fact_sets(policy))
    decision = bot.decide(facts, policy)
    assert decision["range"]["lowest"] == decision["level"]
    level, highest = policy.rank(decision["level"]), policy.rank(decision["range"]["highest"])
    assert highest >= level
    completed = dict(facts)
    for name in optional(policy):
        if completed.get(name, "unknown") == "unknown":
            completed[name] = data.draw(known_values(policy.facts.specs[name]))
    assert level <= rank(completed, policy) <= highest


@VERSIONS
@settings(max_examples=90, deadline=None)
@given(data=st.data())
def test_each_gap_really_raises_the_level(version: str, data: st.DataObject) -> None:
    policy = POLICIES[version]
    facts = data.draw(fact_sets(policy))
    review_gaps = {gap.fact for gap in policy.always_gaps}
    decision = bot.decide(facts, policy)
    level = policy.rank(decision["level"])
    gaps = {gap["fact"]: gap for gap in decision["gaps"]}
    for name in optional(policy):
        if facts.get(name, "unknown") != "unknown" or name in review_gaps:
            continue
        reach = rank({**facts, name: policy.facts.specs[name].most_concerning}, policy)
        if name in gaps:
            assert reach > level
            assert policy.rank(gaps[name]["could_reach"]) == reach
        else:
            assert reach == level
    for name in review_gaps:
        if name in gaps:
            assert policy.rank(gaps[name]["could_reach"]) >= level


@VERSIONS
@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_same_facts_same_decision(version: str, data: st.DataObject) -> None:
    policy = POLICIES[version]
    facts = data.draw(fact_sets(policy))
    first = bot.decide(facts, policy)
    assert first["policy_version"] == version
    reordered = dict(reversed(list(facts.items())))
    assert bot.decide(reordered, policy) == first
    assert bot.decide(bot.validate_facts(facts, policy), policy) == first
    assert json.loads(json.dumps(first)) == first


@settings(max_examples=90, deadline=None)
@given(data=st.data())
def test_the_concern_level_leaves_out_only_the_emergency(data: st.DataObject) -> None:
    policy = POLICIES["2"]
    facts = data.draw(fact_sets(policy))
    calm = {**facts, "immediate_danger": "no"}
    calm.pop("danger_kind", None)
    for name in policy.facts.required:
        calm.setdefault(name, "other")
    assert concern(facts, policy) == rank(calm, policy) == concern(calm, policy)
    listed = {a["id"] for a in bot.decide(facts, policy)["agencies"]}
    emergency = facts.get("immediate_danger") == "yes"
    harm = emergency and facts.get("danger_kind") != "medical"
    if concern(facts, policy) < policy.rank("complex") and not harm:
        assert "childrens_social_care" not in listed
    if emergency and not harm and "medication_misuse" not in facts:
        assert "police" not in listed or concern(facts, policy) >= policy.rank("significant")
