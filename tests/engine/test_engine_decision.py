"""The decision object: shape, range, gaps, agencies and next steps."""

from __future__ import annotations

import json
from typing import Any

import pytest

import bot

CONTRACT_KEYS = {
    "policy_version",
    "level",
    "range",
    "fired",
    "gaps",
    "agencies",
    "next_steps",
}
ROLES = ["school", "health", "police", "social_care", "early_help", "other"]
LEVEL_FACTS: dict[str, dict[str, Any]] = {
    "universal": {"immediate_danger": "no"},
    "additional": {"child_distress": "yes"},
    "complex": {"carer_substance_misuse": "yes"},
    "significant": {"medication_misuse": "yes"},
    "immediate": {"immediate_danger": "yes"},
}


def test_public_surface_is_sorted_and_guarded() -> None:
    assert bot.__all__ == sorted(bot.__all__)
    assert {
        "decide",
        "fact_specs",
        "load_locality",
        "load_policy",
        "validate_fact",
        "validate_facts",
        "Policy",
        "FactSpec",
        "Locality",
        "EngineError",
        "PolicyError",
        "PolicyFileError",
        "FactError",
        "UnknownFactError",
        "BadValueError",
        "LocalityError",
    } <= set(bot.__all__)
    for name in bot.__all__:
        assert getattr(bot, name).__doc__, f"{name} has a docstring"


def test_error_tree() -> None:
    assert issubclass(bot.PolicyFileError, bot.PolicyError)
    assert issubclass(bot.PolicyError, bot.EngineError)
    assert issubclass(bot.UnknownFactError, bot.FactError)
    assert issubclass(bot.BadValueError, bot.FactError)
    assert issubclass(bot.MissingFactError, bot.BadValueError)
    assert issubclass(bot.FactError, bot.EngineError)
    assert issubclass(bot.LocalityError, bot.EngineError)


def test_decision_has_exactly_the_contract_shape() -> None:
    decision = bot.decide(
        {"reporter_role": "school", "condition": "asthma", "medication_adherence": "poor"}
    )
    assert set(decision) == CONTRACT_KEYS
    assert decision["policy_version"] == "2"
    assert set(decision["range"]) == {"lowest", "highest"}
    assert decision["range"]["lowest"] == decision["level"]
    for entry in decision["fired"]:
        assert {"rule", "level", "because", "sources"} <= set(entry)
        assert set(entry) <= {"rule", "level", "because", "sources", "title"}
    for gap in decision["gaps"]:
        assert set(gap) == {"fact", "could_reach", "ask"}
        assert gap["ask"]
    for agency in decision["agencies"]:
        assert set(agency) == {"id", "when", "why"}
        assert agency["when"] in ("now", "today", "within 2 working days", "routine")
    assert all(isinstance(step, str) and step for step in decision["next_steps"])
    assert json.loads(json.dumps(decision)) == decision


def test_the_packaged_policy_is_loaded_once() -> None:
    assert bot.load_policy() is bot.load_policy()


def test_decide_takes_raw_answers() -> None:
    raw = bot.decide({"reporter_role": " School", "condition": "Asthma", "child_age_years": "7"})
    clean = bot.decide({"reporter_role": "school", "condition": "asthma", "child_age_years": 7})
    assert raw == clean


def test_decide_rejects_bad_input() -> None:
    with pytest.raises(bot.BadValueError):
        bot.decide({"reporter_role": "school", "condition": "asthma", "child_age_years": 25})
    with pytest.raises(bot.UnknownFactError):
        bot.decide({"reporter_role": "school", "condition": "asthma", "age": 7})
    with pytest.raises(bot.MissingFactError):
        bot.decide({"reporter_role": "school"})


def test_absent_and_unknown_are_the_same() -> None:
    absent = bot.decide({"reporter_role": "police", "condition": "asthma"})
    unknown = bot.decide(
        {
            "reporter_role": "police",
            "condition": "asthma",
            **{name: "unknown" for name, spec in bot.fact_specs().items() if spec.unknown_allowed},
        }
    )
    assert absent == unknown


def test_range_takes_every_unknown_at_its_worst_together() -> None:
    decision = bot.decide(
        {
            "reporter_role": "school",
            "condition": "asthma",
            "immediate_danger": "no",
            "medication_misuse": "no",
            "existing_involvement": "none",
            "carer_substance_misuse": "no",
            "unplanned_admissions_12m": 0,
            "missed_appointments_12m": 0,
            "medication_adherence": "good",
            "child_distress": "yes",
            "school_attendance_pct": 95,
            "attendance_declining": "no",
        }
    )
    assert decision["level"] == "additional"
    assert decision["range"]["highest"] == "complex"
    assert {g["fact"] for g in decision["gaps"]} >= {"reliever_prescriptions_12m"}
    gap = next(g for g in decision["gaps"] if g["fact"] == "reliever_prescriptions_12m")
    assert gap["could_reach"] == "complex"


def test_gaps_put_the_highest_reach_first_and_the_review_gaps_last() -> None:
    decision = bot.decide({"reporter_role": "health", "condition": "asthma"})
    facts = [g["fact"] for g in decision["gaps"]]
    assert facts[0] == "immediate_danger"
    assert facts[-2:] == ["day_in_life_known", "other_parent_involved"]
    assert {"reliever_prescriptions_12m", "missed_appointments_12m"} <= set(facts[:-2])
    reaches = [bot.load_policy().rank(g["could_reach"]) for g in decision["gaps"][:-2]]
    assert reaches == sorted(reaches, reverse=True)


@pytest.mark.parametrize(
    ("day_in_life", "other_parent", "expected"),
    [
        ("yes", "yes", []),
        ("yes", "not_applicable", []),
        ("no", "yes", ["day_in_life_known"]),
        ("unknown", "yes", ["day_in_life_known"]),
        ("yes", "no", ["other_parent_involved"]),
        ("yes", "unknown", ["other_parent_involved"]),
        ("no", "no", ["day_in_life_known", "other_parent_involved"]),
    ],
)
def test_review_gaps_are_always_present_unless_closed(
    day_in_life: str, other_parent: str, expected: list[str]
) -> None:
    facts = {
        "reporter_role": "school",
        "condition": "asthma",
        "medication_misuse": "yes",
        "day_in_life_known": day_in_life,
        "other_parent_involved": other_parent,
    }
    decision = bot.decide(facts)
    review = [
        g for g in decision["gaps"] if g["fact"] in ("day_in_life_known", "other_parent_involved")
    ]
    assert [g["fact"] for g in review] == expected
    for gap in review:
        assert gap["could_reach"] == decision["level"] == "significant"


def test_a_known_fact_is_never_a_gap_except_the_review_gaps() -> None:
    decision = bot.decide(
        {"reporter_role": "school", "condition": "asthma", "day_in_life_known": "no"}
    )
    gap_facts = {g["fact"] for g in decision["gaps"]}
    assert "reporter_role" not in gap_facts
    assert "condition" not in gap_facts
    assert "day_in_life_known" in gap_facts


@pytest.mark.parametrize(
    ("facts", "agency", "when"),
    [
        (LEVEL_FACTS["immediate"], "emergency_services", "now"),
        (LEVEL_FACTS["immediate"], "childrens_social_care", "now"),
        (LEVEL_FACTS["immediate"], "police", "now"),
        (LEVEL_FACTS["significant"], "childrens_social_care", "today"),
        (LEVEL_FACTS["significant"], "police", "today"),
        (LEVEL_FACTS["significant"], "designated_safeguarding_lead", "today"),
        (LEVEL_FACTS["complex"], "childrens_social_care", "today"),
        (LEVEL_FACTS["complex"], "designated_safeguarding_lead", "today"),
        (LEVEL_FACTS["additional"], "designated_safeguarding_lead", "routine"),
        (LEVEL_FACTS["immediate"], "designated_safeguarding_lead", "now"),
        ({"existing_involvement": "early_help"}, "early_help", "routine"),
        (
            {"existing_involvement": "early_help", "carer_substance_misuse": "yes"},
            "early_help",
            "routine",
        ),
        (
            {"existing_involvement": "child_in_need", "immediate_danger": "yes"},
            "allocated_social_worker",
            "now",
        ),
        ({"child_age_years": 4, "child_distress": "yes"}, "school", "routine"),
        (
            {"child_age_years": 5, "school_attendance_pct": "not_applicable"},
            "attendance_service",
            "routine",
        ),
        (LEVEL_FACTS["complex"], "substance_misuse_service", "routine"),
        (LEVEL_FACTS["additional"], "early_help", "routine"),
        ({"unplanned_admissions_12m": 1}, "gp", "within 2 working days"),
        ({"management_plan": "none"}, "condition_specialist", "within 2 working days"),
        ({"medication_adherence": "poor", "carer_substance_misuse": "yes"}, "gp", "today"),
        ({"medication_adherence": "poor", "carer_substance_misuse": "yes"}, "police", "today"),
        ({"existing_involvement": "child_in_need"}, "allocated_social_worker", "today"),
        ({"child_age_years": 3}, "health_visitor", "routine"),
        ({"child_age_years": 8, "missed_appointments_12m": 1}, "school_nurse", "routine"),
        ({"child_age_years": 8, "child_distress": "yes"}, "school", "routine"),
        ({"school_attendance_pct": 60}, "school", "routine"),
        ({"school_attendance_pct": 60}, "attendance_service", "routine"),
        ({"other_parent_involved": "no"}, "other_parent_and_family", "routine"),
    ],
)
def test_agency_timings(facts: dict[str, Any], agency: str, when: str) -> None:
    decision = bot.decide({"reporter_role": "other", "condition": "asthma", **facts})
    listed = {a["id"]: a["when"] for a in decision["agencies"]}
    assert listed.get(agency) == when, listed


@pytest.mark.parametrize(
    ("facts", "agency"),
    [
        (LEVEL_FACTS["complex"], "emergency_services"),
        (LEVEL_FACTS["additional"], "childrens_social_care"),
        (LEVEL_FACTS["universal"], "designated_safeguarding_lead"),
        ({"carer_substance_misuse": "yes"}, "police"),
        (LEVEL_FACTS["complex"], "early_help"),
        ({"other_parent_involved": "unknown"}, "other_parent_and_family"),
        ({"child_age_years": 3, "child_distress": "yes"}, "school"),
        (
            {
                "child_age_years": 9,
                "school_attendance_pct": "not_applicable",
                "child_distress": "yes",
            },
            "school",
        ),
        ({"immediate_danger": "yes", "danger_kind": "medical"}, "police"),
        ({"immediate_danger": "yes", "danger_kind": "medical"}, "childrens_social_care"),
        ({"immediate_danger": "yes", "danger_kind": "medical"}, "allocated_social_worker"),
        (
            {"immediate_danger": "yes", "danger_kind": "medical", "carer_substance_misuse": "yes"},
            "police",
        ),
        ({"child_age_years": 3, "missed_appointments_12m": 1}, "school_nurse"),
    ],
)
def test_agency_not_listed(facts: dict[str, Any], agency: str) -> None:
    decision = bot.decide({"reporter_role": "other", "condition": "asthma", **facts})
    assert agency not in {a["id"] for a in decision["agencies"]}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("level", list(LEVEL_FACTS))
def test_next_steps_for_every_role_and_level(role: str, level: str) -> None:
    decision = bot.decide({"reporter_role": role, "condition": "asthma", **LEVEL_FACTS[level]})
    assert decision["level"] == level
    steps = decision["next_steps"]
    assert steps
    text = " ".join(steps).lower()
    if level == "immediate":
        assert steps[0].startswith("Call 999 now")
    if level in ("immediate", "significant"):
        assert "today" in text or "same day" in text
        for step in steps:
            lowered = step.lower()
            if "next working day" in lowered:
                assert "not" in lowered or "do not" in lowered, step
    if level == "significant" and role == "school":
        assert steps[0].startswith("Today, find the missing answers")
        assert steps[1].startswith("Tell your designated safeguarding lead today")


def test_next_steps_ask_to_close_gaps_only_when_there_are_gaps() -> None:
    complete = {
        name: next(iter(spec.concern_order[0])) if spec.kind == "enum" else 0
        for name, spec in bot.fact_specs().items()
        if not spec.required
    }
    complete.update(school_attendance_pct=100, day_in_life_known="yes", other_parent_involved="yes")
    full = bot.decide({"reporter_role": "health", "condition": "asthma", **complete})
    assert full["gaps"] == []
    assert not any("gaps" in step for step in full["next_steps"])
    few = bot.decide({**{"reporter_role": "health", "condition": "asthma"}, **complete})
    assert few["gaps"] == [] and few["level"] == "universal"
    some = dict(complete, day_in_life_known="unknown")
    partial = bot.decide({"reporter_role": "health", "condition": "asthma", **some})
    assert partial["range"]["highest"] == "universal"
    assert partial["next_steps"][-1].startswith('Find out what is listed under "gaps"')


def test_much_unknown_puts_finding_the_answers_first_for_every_role() -> None:
    for role in ROLES:
        decision = bot.decide(
            {"reporter_role": role, "condition": "asthma", "carer_substance_misuse": "yes"}
        )
        assert decision["level"] == "complex" and decision["range"]["highest"] == "immediate"
        first = decision["next_steps"][0]
        assert first.startswith("Today, find the missing answers")
        assert "whether the child is safe right now (could reach immediate danger)" in first
        assert (
            "whether the child's medicine is misused by an adult (could reach significant" in first
        )
        assert "immediate danger" in first.rsplit("raise it to", 1)[1]
        assert "_" not in first, "names facts in plain words"
        assert not any(
            s.startswith('Find out what is listed under "gaps"') for s in decision["next_steps"]
        )


def test_range_only_up_to_additional_keeps_the_level_steps_first() -> None:
    decision = bot.decide(
        {
            "reporter_role": "school",
            "condition": "epilepsy",
            "immediate_danger": "no",
            "medication_misuse": "no",
            "existing_involvement": "none",
            "carer_substance_misuse": "no",
            "medication_adherence": "good",
            "unplanned_admissions_12m": 0,
            "missed_appointments_12m": 0,
            "living_situation_unstable": "no",
            "school_attendance_pct": 95,
            "attendance_declining": "no",
            "child_age_years": 9,
        }
    )
    assert decision["level"] == "universal" and decision["range"]["highest"] == "additional"
    assert decision["next_steps"][0].startswith("No additional need shows")


def test_medical_emergency_steps_then_the_concern_level_steps() -> None:
    decision = bot.decide(
        {
            "reporter_role": "school",
            "condition": "asthma",
            "immediate_danger": "yes",
            "danger_kind": "medical",
            "medication_misuse": "yes",
        }
    )
    steps = decision["next_steps"]
    assert steps[0].startswith("Call 999 now and ask for an ambulance")
    assert any(
        s.startswith("Tell your designated safeguarding lead today, before the child goes home")
        for s in steps
    )
    assert not any("police protection" in s or "section 47" in s for s in steps)
    harm = bot.decide(
        {
            "reporter_role": "school",
            "condition": "asthma",
            "immediate_danger": "yes",
            "danger_kind": "harm",
        }
    )
    assert harm["next_steps"][0].startswith("Call 999 now (police")
    assert "Tell your designated safeguarding lead now" in harm["next_steps"][1]
