"""Validating facts: clean values, one-line errors that say what is allowed."""

from __future__ import annotations

import pytest

import bot

CONTRACT_FACTS = [
    "immediate_danger",
    "reporter_role",
    "child_age_years",
    "condition",
    "management_plan",
    "reliever_prescriptions_12m",
    "medication_adherence",
    "unplanned_admissions_12m",
    "missed_appointments_12m",
    "medication_misuse",
    "school_attendance_pct",
    "attendance_declining",
    "child_distress",
    "carer_substance_misuse",
    "living_situation_unstable",
    "day_in_life_known",
    "other_parent_involved",
    "existing_involvement",
]


V2_FACTS = CONTRACT_FACTS[:1] + ["danger_kind"] + CONTRACT_FACTS[1:]


def test_version_1_keeps_its_own_facts() -> None:
    specs = bot.fact_specs(bot.load_policy(version="1"))
    assert list(specs) == CONTRACT_FACTS
    assert not specs["reporter_role"].optional_when
    with pytest.raises(bot.MissingFactError):
        bot.decide({"immediate_danger": "yes"}, bot.load_policy(version="1"))
    with pytest.raises(bot.UnknownFactError):
        bot.decide(
            {
                "immediate_danger": "yes",
                "danger_kind": "medical",
                "reporter_role": "school",
                "condition": "asthma",
            },
            bot.load_policy(version="1"),
        )


def test_fact_specs_cover_the_contract_in_order() -> None:
    specs = bot.fact_specs()
    assert list(specs) == V2_FACTS
    assert specs["danger_kind"].values == ("medical", "harm", "both")
    for name, spec in specs.items():
        assert spec.name == name
        assert spec.kind in ("enum", "integer", "number")
        assert spec.ask, f"{name} says what to find out"
        if spec.required:
            assert not spec.unknown_allowed
        else:
            assert spec.unknown_allowed
            assert bot.validate_fact(name, spec.most_concerning) == spec.most_concerning
    assert [n for n, s in specs.items() if s.required] == ["reporter_role", "condition"]
    assert specs["school_attendance_pct"].tokens == ("not_applicable",)
    assert specs["child_age_years"].maximum == 17


@pytest.mark.parametrize(
    ("name", "raw", "clean"),
    [
        ("child_age_years", "7", 7),
        ("child_age_years", " 7 ", 7),
        ("child_age_years", 7.0, 7),
        ("child_age_years", 0, 0),
        ("child_age_years", "Unknown", "unknown"),
        ("child_age_years", None, "unknown"),
        ("school_attendance_pct", "85", 85),
        ("school_attendance_pct", 85.0, 85),
        ("school_attendance_pct", "85%", 85),
        ("school_attendance_pct", 89.9, 89.9),
        ("school_attendance_pct", "Not applicable", "not_applicable"),
        ("school_attendance_pct", "not-applicable", "not_applicable"),
        ("immediate_danger", " Yes ", "yes"),
        ("management_plan", "Out of date", "out_of_date"),
        ("existing_involvement", "child protection plan", "child_protection_plan"),
        ("reporter_role", "SOCIAL_CARE", "social_care"),
        ("reliever_prescriptions_12m", "13", 13),
    ],
)
def test_validate_fact_normalises(name: str, raw: object, clean: object) -> None:
    value = bot.validate_fact(name, raw)
    assert value == clean
    assert type(value) is type(clean)


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        (
            "child_age_years",
            25,
            "child_age_years: 25 is not allowed; give a whole number of years from 0 to 17, "
            'or "unknown"',
        ),
        (
            "school_attendance_pct",
            140,
            "school_attendance_pct: 140 is not allowed; give a number from 0 to 100, "
            '"not_applicable", or "unknown"',
        ),
        (
            "immediate_danger",
            "maybe",
            'immediate_danger: "maybe" is not allowed; give one of "yes", "no", or "unknown"',
        ),
        ("child_age_years", 7.5, None),
        ("child_age_years", -1, None),
        ("child_age_years", "seven", None),
        ("child_age_years", True, None),
        ("child_age_years", [7], None),
        ("school_attendance_pct", "nan", None),
        ("school_attendance_pct", float("inf"), None),
        ("reliever_prescriptions_12m", 201, None),
        ("reporter_role", "unknown", None),
        ("condition", "hay fever", None),
        ("medication_adherence", 1, None),
        ("attendance_declining", "", None),
    ],
)
def test_bad_values_raise_one_line(name: str, raw: object, message: str | None) -> None:
    with pytest.raises(bot.BadValueError) as caught:
        bot.validate_fact(name, raw)
    error = caught.value
    assert error.fact == name
    assert error.allowed.startswith("give ")
    assert "\n" not in str(error)
    assert str(error).startswith(f"{name}: ")
    if message:
        assert str(error) == message


def test_unknown_fact_suggests_a_close_name() -> None:
    with pytest.raises(bot.UnknownFactError) as caught:
        bot.validate_facts({"reporter_role": "school", "condition": "asthma", "chld_age": 7})
    error = caught.value
    assert error.fact == "chld_age"
    assert error.suggestion == "child_age_years"
    assert str(error) == 'chld_age: not a known fact; did you mean "child_age_years"?'
    assert isinstance(error, bot.FactError)


def test_unknown_fact_without_a_close_name_lists_the_facts() -> None:
    with pytest.raises(bot.UnknownFactError) as caught:
        bot.validate_fact("zzz", 1)
    assert caught.value.suggestion is None
    assert "immediate_danger" in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("missing", ["reporter_role", "condition"])
def test_required_facts(missing: str) -> None:
    facts = {"reporter_role": "school", "condition": "asthma"}
    del facts[missing]
    with pytest.raises(bot.MissingFactError) as caught:
        bot.validate_facts(facts)
    assert caught.value.fact == missing
    assert "required" in str(caught.value)
    with pytest.raises(bot.MissingFactError):
        bot.validate_facts({**facts, missing: None})


def test_validate_facts_returns_clean_facts_in_contract_order() -> None:
    clean = bot.validate_facts(
        {"child_age_years": "7", "condition": "Asthma", "reporter_role": "school"}
    )
    assert clean == {"reporter_role": "school", "child_age_years": 7, "condition": "asthma"}
    assert list(clean) == ["reporter_role", "child_age_years", "condition"]
    assert bot.validate_facts(clean) == clean


def test_facts_must_be_a_mapping() -> None:
    with pytest.raises(bot.FactError):
        bot.validate_facts(["reporter_role"])  # type: ignore[arg-type]


def test_concern_rank_orders_values() -> None:
    specs = bot.fact_specs()
    attendance = specs["school_attendance_pct"]
    # version 2: at school age not_applicable fires NOT-IN-SCHOOL (additional), so
    # it counts like 90%: above 95%, below persistent absence
    assert attendance.concern_rank(95) < attendance.concern_rank("not_applicable")
    assert attendance.concern_rank("not_applicable") < attendance.concern_rank(89.9)
    assert attendance.concern_rank(95) < attendance.concern_rank(40)
    assert specs["child_age_years"].concern_rank(5) > specs["child_age_years"].concern_rank(4)
    old = bot.fact_specs(bot.load_policy(version="1"))["school_attendance_pct"]
    assert old.concern_rank("not_applicable") < old.concern_rank(95)
    involvement = specs["existing_involvement"]
    assert involvement.concern_rank("child_in_need") == involvement.concern_rank("looked_after")
    assert involvement.concern_rank("none") < involvement.concern_rank("child_protection_plan")


@pytest.mark.parametrize("huge", [10**400, -(10**400), "1e400", float("nan")])
def test_huge_and_odd_numbers_are_bad_values_not_crashes(huge: object) -> None:
    with pytest.raises(bot.BadValueError):
        bot.validate_fact("school_attendance_pct", huge)
    with pytest.raises(bot.BadValueError):
        bot.validate_fact("child_age_years", huge)
