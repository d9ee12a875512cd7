"""Properties that hold for any facts (hypothesis)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import bot
from bot import FactSpec

POLICY = bot.load_policy()
SPECS = bot.fact_specs()
RANK = {level: index for index, level in enumerate(POLICY.levels)}
REVIEW_GAPS = {gap.fact for gap in POLICY.always_gaps}
OPTIONAL = [name for name, spec in SPECS.items() if not spec.required]


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


@st.composite
def fact_sets(draw: st.DrawFn) -> dict[str, Any]:
    facts: dict[str, Any] = {
        "reporter_role": draw(st.sampled_from(SPECS["reporter_role"].values)),
        "condition": draw(st.sampled_from(SPECS["condition"].values)),
    }
    for name in OPTIONAL:
        if draw(st.booleans()):
            facts[name] = draw(any_value(SPECS[name]))
    return facts


def rank(facts: dict[str, Any]) -> int:
    return RANK[bot.decide(facts)["level"]]


@settings(max_examples=150, deadline=None)
@given(fact_sets(), st.sampled_from(list(SPECS)), st.data())
def test_a_more_concerning_value_never_lowers_the_level(
    facts: dict[str, Any], name: str, data: st.DataObject
) -> None:
    spec = SPECS[name]
    first = data.draw(known_values(spec))
    second = data.draw(known_values(spec))
    lower, higher = sorted([first, second], key=spec.concern_rank)
    if spec.concern_rank(lower) == spec.concern_rank(higher):
        return
    assert rank({**facts, name: lower}) <= rank({**facts, name: higher})
    if spec.unknown_allowed:
        assert rank({**facts, name: "unknown"}) <= rank({**facts, name: lower})


@settings(max_examples=150, deadline=None)
@given(fact_sets(), st.data())
def test_any_completion_of_the_unknowns_stays_within_the_range(
    facts: dict[str, Any], data: st.DataObject
) -> None:
    decision = bot.decide(facts)
    assert decision["range"]["lowest"] == decision["level"]
    assert RANK[decision["range"]["highest"]] >= RANK[decision["level"]]
    completed = dict(facts)
    for name in OPTIONAL:
        if completed.get(name, "unknown") == "unknown":
            completed[name] = data.draw(known_values(SPECS[name]))
    reached = rank(completed)
    assert RANK[decision["level"]] <= reached <= RANK[decision["range"]["highest"]]


@settings(max_examples=150, deadline=None)
@given(fact_sets())
def test_each_gap_really_raises_the_level(facts: dict[str, Any]) -> None:
    decision = bot.decide(facts)
    level = RANK[decision["level"]]
    gaps = {gap["fact"]: gap for gap in decision["gaps"]}
    for name in OPTIONAL:
        if facts.get(name, "unknown") != "unknown" or name in REVIEW_GAPS:
            continue
        worst = {**facts, name: SPECS[name].most_concerning}
        reach = rank(worst)
        if name in gaps:
            assert reach > level
            assert RANK[gaps[name]["could_reach"]] == reach
        else:
            assert reach == level
    for name in REVIEW_GAPS:
        if name in gaps:
            assert RANK[gaps[name]["could_reach"]] >= level


@settings(max_examples=100, deadline=None)
@given(fact_sets())
def test_same_facts_same_decision(facts: dict[str, Any]) -> None:
    first = bot.decide(facts)
    reordered = dict(reversed(list(facts.items())))
    assert bot.decide(reordered) == first
    assert bot.decide(bot.validate_facts(facts)) == first
    assert json.loads(json.dumps(first)) == first
