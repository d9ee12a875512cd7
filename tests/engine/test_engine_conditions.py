"""The condition language: what each form means, and unknowns never making it true."""

from __future__ import annotations

from typing import Any

import pytest

import bot
from bot.engine.conditions import ConditionError, Scope, compile_condition

POLICY = bot.load_policy()
RULE_IDS = tuple(rule.id for rule in POLICY.rules)
SCOPE = Scope(
    POLICY.facts.specs, POLICY.indicators, POLICY.indicator_kinds, POLICY.levels, rules=RULE_IDS
)
AGENCY_SCOPE = Scope(
    POLICY.facts.specs, POLICY.indicators, POLICY.indicator_kinds, POLICY.levels, True, RULE_IDS
)


def holds(text: str, scope: Scope = SCOPE, **facts: Any) -> bool:
    values: dict[str, Any] = {name: "unknown" for name in POLICY.facts.names}
    values.update(facts)
    return compile_condition(text, scope).test(values)


@pytest.mark.parametrize(
    ("text", "facts", "expected"),
    [
        ("unplanned_admissions_12m >= 2", {"unplanned_admissions_12m": 2}, True),
        ("unplanned_admissions_12m >= 2", {"unplanned_admissions_12m": 1}, False),
        ("unplanned_admissions_12m >= 2", {}, False),
        ("school_attendance_pct < 90", {"school_attendance_pct": "not_applicable"}, False),
        (
            "school_attendance_pct == 'not_applicable'",
            {"school_attendance_pct": "not_applicable"},
            True,
        ),
        ("medication_adherence != 'good'", {"medication_adherence": "poor"}, True),
        ("medication_adherence != 'good'", {}, False),
        ("management_plan in ['none', 'out_of_date']", {"management_plan": "none"}, True),
        ("management_plan in ['none', 'out_of_date']", {"management_plan": "current"}, False),
        ("management_plan in ['none', 'out_of_date']", {}, False),
        (
            "child_distress == 'yes' or medication_misuse == 'yes' and immediate_danger == 'yes'",
            {"child_distress": "yes"},
            True,
        ),
        (
            "(child_distress == 'yes' or medication_misuse == 'yes') and immediate_danger == 'yes'",
            {"child_distress": "yes"},
            False,
        ),
        (
            "count(serious) >= 2",
            {"medication_adherence": "poor", "missed_appointments_12m": 5},
            True,
        ),
        ("count(serious) >= 2", {"medication_adherence": "poor"}, False),
        (
            "count(serious, minor) >= 2",
            {"medication_adherence": "poor", "management_plan": "none"},
            True,
        ),
        ("H-RELIEVER", {"condition": "asthma", "reliever_prescriptions_12m": 13}, True),
        ("H-RELIEVER", {"condition": "asthma", "reliever_prescriptions_12m": 12}, True),
        ("H-RELIEVER", {"condition": "asthma", "reliever_prescriptions_12m": 11}, False),
        ("H-RELIEVER", {"condition": "asthma"}, False),
        ("danger_kind == 'medical'", {"danger_kind": "medical"}, True),
        ("danger_kind == 'medical'", {}, False),
        ("danger_kind != 'medical'", {}, False),
        ("H-RELIEVER", {"condition": "epilepsy", "reliever_prescriptions_12m": 13}, False),
        ("always", {}, True),
    ],
)
def test_condition_meaning(text: str, facts: dict[str, Any], expected: bool) -> None:
    assert holds(text, **facts) is expected


def test_level_in_agency_conditions_only() -> None:
    assert holds("level >= 'complex'", AGENCY_SCOPE, level=3)
    assert not holds("level >= 'complex'", AGENCY_SCOPE, level=1)
    with pytest.raises(ConditionError):
        compile_condition("level >= 'complex'", SCOPE)


@pytest.mark.parametrize(
    ("text", "facts", "expected"),
    [
        ("concern_level >= 'complex'", {"concern_level": 3, "level": 4}, True),
        ("concern_level >= 'complex'", {"concern_level": 1, "level": 4}, False),
        ("concern_level == 'universal'", {"concern_level": 0, "level": 4}, True),
        (
            "level == 'immediate' and concern_level < 'complex'",
            {"concern_level": 1, "level": 4},
            True,
        ),
        ("fired(IMMEDIATE)", {"fired": frozenset({"IMMEDIATE"})}, True),
        ("fired(IMMEDIATE)", {"fired": frozenset({"MEDICAL-EMERGENCY"})}, False),
        (
            "fired(IMMEDIATE) or concern_level >= 'complex'",
            {"fired": frozenset(), "concern_level": 3},
            True,
        ),
        ("school_attendance_pct is not 'not_applicable'", {}, True),
        ("school_attendance_pct is not 'not_applicable'", {"school_attendance_pct": 80}, True),
        (
            "school_attendance_pct is not 'not_applicable'",
            {"school_attendance_pct": "not_applicable"},
            False,
        ),
        ("danger_kind is not 'medical'", {"danger_kind": "unknown"}, True),
        ("danger_kind is not 'medical'", {"danger_kind": "medical"}, False),
    ],
)
def test_agency_only_forms(text: str, facts: dict[str, Any], expected: bool) -> None:
    values: dict[str, Any] = {"level": 0, "concern_level": 0, "fired": frozenset()}
    values.update(facts)
    assert holds(text, AGENCY_SCOPE, **values) is expected


@pytest.mark.parametrize(
    "text",
    [
        "concern_level >= 'complex'",
        "fired(IMMEDIATE)",
        "school_attendance_pct is not 'not_applicable'",
    ],
)
def test_forms_an_unknown_could_make_true_or_that_read_the_decision_stay_out_of_rules(
    text: str,
) -> None:
    with pytest.raises(ConditionError) as caught:
        compile_condition(text, SCOPE)
    assert "agency conditions" in str(caught.value)


@pytest.mark.parametrize(
    "text",
    [
        "fired(NOPE)",
        "fired IMMEDIATE",
        "concern_level >= 'grave'",
        "school_attendance_pct is 'not_applicable'",
        "school_attendance_pct is not 80",
        "danger_kind is not 'unknown'",
    ],
)
def test_agency_form_mistakes_are_refused(text: str) -> None:
    with pytest.raises(ConditionError):
        compile_condition(text, AGENCY_SCOPE)


def test_because_collects_only_the_true_comparisons() -> None:
    node = compile_condition("child_distress == 'yes' or medication_misuse == 'yes'", SCOPE)
    values: dict[str, Any] = {name: "unknown" for name in POLICY.facts.names}
    values.update(child_distress="yes", medication_misuse="no")
    out: dict[str, Any] = {}
    node.collect(values, out)
    assert out == {"child_distress": "yes"}


@pytest.mark.parametrize(
    "text",
    [
        "",
        "child_distress",
        "child_distress ==",
        "child_distress == 'maybe'",
        "child_distress == yes",
        "child_age_years >= 18",
        "child_age_years >= 2.5",
        "not child_distress == 'yes'",
        "count(serious)",
        "count(serious) >= 'two'",
        "H-NOPE",
        "chlid_distress == 'yes'",
        "child_distress == 'yes' and",
        "(child_distress == 'yes'",
        "child_distress == 'yes' && medication_misuse == 'yes'",
    ],
)
def test_mistakes_are_refused(text: str) -> None:
    with pytest.raises(ConditionError) as caught:
        compile_condition(text, SCOPE)
    assert "\n" not in str(caught.value)
