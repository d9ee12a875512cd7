"""Every rule of threshold policy v2 (and v1) fires, and the boundaries hold."""

from __future__ import annotations

from typing import Any

import pytest

import bot

BASE: dict[str, Any] = {"reporter_role": "school", "condition": "asthma"}

FIRING: dict[str, dict[str, Any]] = {
    "IMMEDIATE": {"immediate_danger": "yes"},
    "MEDICAL-EMERGENCY": {"immediate_danger": "yes", "danger_kind": "medical"},
    "NOT-IN-SCHOOL": {"child_age_years": 5, "school_attendance_pct": "not_applicable"},
    "DIVERTED-MEDICATION": {"medication_misuse": "yes"},
    "ON-CP-PLAN": {"existing_involvement": "child_protection_plan"},
    "SUBSTANCE-AND-HEALTH": {"carer_substance_misuse": "yes", "medication_adherence": "poor"},
    "NEGLECT-PATTERN": {"unplanned_admissions_12m": 2, "missed_appointments_12m": 2},
    "CUMULATIVE-HEALTH": {
        "unplanned_admissions_12m": 2,
        "reliever_prescriptions_12m": 13,
        "medication_adherence": "poor",
    },
    "DISTRESS-ADMISSIONS-SCHOOL": {
        "unplanned_admissions_12m": 3,
        "child_distress": "yes",
        "attendance_declining": "yes",
    },
    "SUSPECTED-SUBSTANCE-AND-HEALTH": {
        "carer_substance_misuse": "suspected",
        "missed_appointments_12m": 4,
    },
    "SUBSTANCE": {"carer_substance_misuse": "yes"},
    "TWO-SERIOUS": {"reliever_prescriptions_12m": 30, "missed_appointments_12m": 2},
    "HEALTH-AND-CHILD": {"medication_adherence": "poor", "living_situation_unstable": "yes"},
    "SEVERE-ABSENCE": {"school_attendance_pct": 30},
    "KNOWN-TO-SOCIAL-CARE": {"existing_involvement": "child_in_need"},
    "ONE-SERIOUS": {"medication_adherence": "poor"},
    "RELIEVER-ELEVATED": {"reliever_prescriptions_12m": 8},
    "RECENT-ADMISSION": {"unplanned_admissions_12m": 1},
    "NO-CURRENT-PLAN": {"management_plan": "none"},
    "DISTRESS": {"child_distress": "yes"},
    "ABSENCE": {"school_attendance_pct": 85},
    "UNSTABLE-HOME": {"living_situation_unstable": "yes"},
    "SUSPECTED-SUBSTANCE": {"carer_substance_misuse": "suspected"},
    "EARLY-HELP-OPEN": {"existing_involvement": "early_help"},
    "ONE-MISSED-APPOINTMENT": {"missed_appointments_12m": 1},
}


NEW_IN_V2 = {"MEDICAL-EMERGENCY", "NOT-IN-SCHOOL"}
V1 = bot.load_policy(version="1")
BY_VERSION = [("2", rule_id) for rule_id in sorted(FIRING)] + [
    ("1", rule_id) for rule_id in sorted(set(FIRING) - NEW_IN_V2)
]


def fired(decision: dict[str, Any]) -> set[str]:
    return {entry["rule"] for entry in decision["fired"]}


def decide(**facts: Any) -> dict[str, Any]:
    return bot.decide({**BASE, **facts})


def test_every_rule_of_the_policy_has_a_firing_case() -> None:
    assert set(FIRING) == {rule.id for rule in bot.load_policy().rules}
    assert set(FIRING) - NEW_IN_V2 == {rule.id for rule in V1.rules}


@pytest.mark.parametrize(("version", "rule_id"), BY_VERSION)
def test_rule_fires_and_sets_at_least_its_level(version: str, rule_id: str) -> None:
    policy = bot.load_policy(version=version)
    rule = next(r for r in policy.rules if r.id == rule_id)
    decision = bot.decide({**BASE, **FIRING[rule_id]}, policy)
    assert rule_id in fired(decision)
    levels = policy.levels
    assert levels.index(decision["level"]) >= levels.index(rule.level)
    entry = next(e for e in decision["fired"] if e["rule"] == rule_id)
    assert entry["level"] == rule.level
    assert entry["sources"] == list(rule.sources)
    assert entry["because"], "a fired rule names the facts that made it fire"
    assert set(entry["because"]) <= set(FIRING[rule_id]) | set(BASE)


def test_because_names_the_facts_of_the_true_comparisons() -> None:
    decision = decide(reliever_prescriptions_12m=14, medication_adherence="good")
    entry = next(e for e in decision["fired"] if e["rule"] == "ONE-SERIOUS")
    assert entry["because"] == {"condition": "asthma", "reliever_prescriptions_12m": 14}


@pytest.mark.parametrize(
    ("danger_kind", "rule", "other"),
    [
        ("medical", "MEDICAL-EMERGENCY", "IMMEDIATE"),
        ("harm", "IMMEDIATE", "MEDICAL-EMERGENCY"),
        ("both", "IMMEDIATE", "MEDICAL-EMERGENCY"),
        ("unknown", "IMMEDIATE", "MEDICAL-EMERGENCY"),
        (None, "IMMEDIATE", "MEDICAL-EMERGENCY"),
    ],
)
def test_danger_kind_chooses_the_emergency_rule(
    danger_kind: str | None, rule: str, other: str
) -> None:
    facts: dict[str, Any] = {"immediate_danger": "yes"}
    if danger_kind is not None:
        facts["danger_kind"] = danger_kind
    decision = decide(**facts)
    assert decision["level"] == "immediate"
    assert rule in fired(decision) and other not in fired(decision)
    listed = {a["id"]: a["when"] for a in decision["agencies"]}
    assert listed["emergency_services"] == "now"
    if rule == "IMMEDIATE":
        assert listed["police"] == listed["childrens_social_care"] == "now"
    else:
        assert "police" not in listed and "childrens_social_care" not in listed


@pytest.mark.parametrize("kind", ["medical", "harm", "both", "unknown"])
def test_danger_kind_without_immediate_danger_changes_nothing(kind: str) -> None:
    decision = decide(immediate_danger="no", danger_kind=kind)
    assert fired(decision) == set() and decision["agencies"] == []


@pytest.mark.parametrize(
    ("age", "attendance", "rules"),
    [
        (4, "not_applicable", set()),
        (5, "not_applicable", {"NOT-IN-SCHOOL"}),
        (17, "not_applicable", {"NOT-IN-SCHOOL"}),
        (5, 95, set()),
        ("unknown", "not_applicable", set()),
        (5, "unknown", set()),
    ],
)
def test_not_in_school_boundaries(age: object, attendance: object, rules: set[str]) -> None:
    decision = decide(child_age_years=age, school_attendance_pct=attendance)
    assert fired(decision) == rules
    assert decision["level"] == ("additional" if rules else "universal")


def test_unknown_age_on_no_roll_is_a_gap_that_could_reach_additional() -> None:
    decision = decide(school_attendance_pct="not_applicable", immediate_danger="no")
    gap = next(g for g in decision["gaps"] if g["fact"] == "child_age_years")
    assert gap["could_reach"] == "additional"


@pytest.mark.parametrize(
    ("relievers", "expected", "absent"),
    [
        (5, set(), {"RELIEVER-ELEVATED", "ONE-SERIOUS"}),
        (6, {"RELIEVER-ELEVATED"}, {"ONE-SERIOUS"}),
        (12, {"RELIEVER-ELEVATED"}, {"ONE-SERIOUS"}),
        (13, {"ONE-SERIOUS"}, {"RELIEVER-ELEVATED"}),
    ],
)
def test_version_1_reliever_boundaries(
    relievers: int, expected: set[str], absent: set[str]
) -> None:
    decision = bot.decide({**BASE, "reliever_prescriptions_12m": relievers}, V1)
    assert expected <= fired(decision)
    assert not absent & fired(decision)


def test_no_rule_firing_gives_universal() -> None:
    decision = decide(immediate_danger="no")
    assert decision["level"] == "universal"
    assert decision["fired"] == []


@pytest.mark.parametrize(
    ("relievers", "expected", "absent"),
    [
        (5, set(), {"RELIEVER-ELEVATED", "ONE-SERIOUS"}),
        (6, {"RELIEVER-ELEVATED"}, {"ONE-SERIOUS"}),
        (11, {"RELIEVER-ELEVATED"}, {"ONE-SERIOUS"}),
        (12, {"ONE-SERIOUS"}, {"RELIEVER-ELEVATED"}),
    ],
)
def test_reliever_boundaries(relievers: int, expected: set[str], absent: set[str]) -> None:
    decision = decide(reliever_prescriptions_12m=relievers)
    assert expected <= fired(decision)
    assert not absent & fired(decision)
    assert decision["level"] == ("additional" if expected else "universal")


@pytest.mark.parametrize("condition", ["type1_diabetes", "epilepsy", "sickle_cell", "other"])
def test_relievers_count_only_for_asthma(condition: str) -> None:
    decision = bot.decide(
        {"reporter_role": "health", "condition": condition, "reliever_prescriptions_12m": 50}
    )
    assert decision["level"] == "universal"
    assert decision["fired"] == []
    gap_facts = {gap["fact"] for gap in decision["gaps"]}
    assert "reliever_prescriptions_12m" not in gap_facts


def test_unknown_relievers_are_a_gap_only_for_asthma() -> None:
    asthma = bot.decide({"reporter_role": "health", "condition": "asthma"})
    epilepsy = bot.decide({"reporter_role": "health", "condition": "epilepsy"})
    assert "reliever_prescriptions_12m" in {g["fact"] for g in asthma["gaps"]}
    assert "reliever_prescriptions_12m" not in {g["fact"] for g in epilepsy["gaps"]}


@pytest.mark.parametrize(
    ("admissions", "level", "rule"),
    [
        (0, "universal", None),
        (1, "additional", "RECENT-ADMISSION"),
        (2, "additional", "ONE-SERIOUS"),
    ],
)
def test_admission_boundaries(admissions: int, level: str, rule: str | None) -> None:
    decision = decide(unplanned_admissions_12m=admissions)
    assert decision["level"] == level
    assert fired(decision) == ({rule} if rule else set())


@pytest.mark.parametrize(
    ("missed", "level", "rule"),
    [
        (0, "universal", None),
        (1, "universal", "ONE-MISSED-APPOINTMENT"),
        (2, "additional", "ONE-SERIOUS"),
    ],
)
def test_missed_appointment_boundaries(missed: int, level: str, rule: str | None) -> None:
    decision = decide(missed_appointments_12m=missed)
    assert decision["level"] == level
    assert fired(decision) == ({rule} if rule else set())


@pytest.mark.parametrize(
    ("attendance", "level", "rules"),
    [
        (100, "universal", set()),
        (90, "universal", set()),
        (89.9, "additional", {"ABSENCE"}),
        (50, "additional", {"ABSENCE"}),
        (49.9, "complex", {"ABSENCE", "SEVERE-ABSENCE"}),
        (0, "complex", {"ABSENCE", "SEVERE-ABSENCE"}),
        ("not_applicable", "universal", set()),
    ],
)
def test_attendance_boundaries(attendance: object, level: str, rules: set[str]) -> None:
    decision = decide(school_attendance_pct=attendance)
    assert decision["level"] == level
    assert fired(decision) == rules


def test_one_missed_appointment_on_a_plan_is_a_reason_at_significant() -> None:
    decision = decide(missed_appointments_12m=1, existing_involvement="child_protection_plan")
    assert decision["level"] == "significant"
    assert {"ON-CP-PLAN", "ONE-MISSED-APPOINTMENT"} <= fired(decision)


def test_fired_lists_every_reason_not_only_the_highest() -> None:
    decision = decide(carer_substance_misuse="yes", medication_adherence="poor")
    assert fired(decision) == {"SUBSTANCE-AND-HEALTH", "SUBSTANCE", "ONE-SERIOUS"}
    assert decision["level"] == "significant"
