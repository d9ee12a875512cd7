"""What version 2 of the policy changed: the emergency facts and the always-present gaps."""

from __future__ import annotations

from typing import Any

import pytest

import bot

BASE: dict[str, Any] = {"reporter_role": "school", "condition": "asthma"}


def gaps(**facts: Any) -> dict[str, dict[str, Any]]:
    return {gap["fact"]: gap for gap in bot.decide({**BASE, **facts})["gaps"]}


@pytest.mark.parametrize(
    "facts",
    [
        {"immediate_danger": "yes"},
        {"immediate_danger": "yes", "danger_kind": "medical"},
        {"immediate_danger": "yes", "reporter_role": "police"},
        {"immediate_danger": "yes", "condition": "epilepsy"},
        {"immediate_danger": "yes", "reporter_role": None, "condition": "unknown"},
    ],
)
def test_role_and_condition_may_be_left_out_in_an_emergency(facts: dict[str, Any]) -> None:
    decision = bot.decide(facts)
    assert decision["level"] == "immediate"
    assert decision["next_steps"][0].startswith("Call 999 now")


@pytest.mark.parametrize(
    ("facts", "error"),
    [
        ({"immediate_danger": "no"}, bot.MissingFactError),
        ({}, bot.MissingFactError),
        ({"immediate_danger": "unknown", "condition": "asthma"}, bot.MissingFactError),
        (
            {"immediate_danger": "no", "reporter_role": "unknown", "condition": "asthma"},
            bot.BadValueError,
        ),
        ({"immediate_danger": "yes", "danger_kind": "fire"}, bot.BadValueError),
    ],
)
def test_role_and_condition_are_still_required_otherwise(
    facts: dict[str, Any], error: type[Exception]
) -> None:
    with pytest.raises(error) as caught:
        bot.decide(facts)
    assert "\n" not in str(caught.value)


def test_the_missing_fact_error_says_when_it_may_be_left_out() -> None:
    with pytest.raises(bot.MissingFactError) as caught:
        bot.decide({"condition": "asthma"})
    assert "left out only when immediate_danger is yes" in str(caught.value)


def test_reliever_count_is_always_asked_for_asthma_only() -> None:
    complete = {"reliever_prescriptions_12m": 3}
    assert "reliever_prescriptions_12m" in gaps()
    assert "reliever_prescriptions_12m" not in gaps(**complete)
    epilepsy = bot.decide({"reporter_role": "health", "condition": "epilepsy"})
    assert "reliever_prescriptions_12m" not in {g["fact"] for g in epilepsy["gaps"]}


def test_reliever_count_gap_even_when_it_could_not_raise_the_level() -> None:
    found = gaps(medication_misuse="yes")
    assert found["reliever_prescriptions_12m"]["could_reach"] == "significant"
    assert "community pharmacy" in found["reliever_prescriptions_12m"]["ask"]


@pytest.mark.parametrize(
    ("carer", "misuse", "listed"),
    [
        ("yes", "unknown", True),
        ("suspected", "unknown", True),
        ("no", "unknown", False),
        ("yes", "no", False),
        ("yes", "yes", False),
    ],
)
def test_medicine_misuse_is_asked_when_a_carer_may_misuse_drugs(
    carer: str, misuse: str, listed: bool
) -> None:
    # on a plan the level is significant already, so an unknown misuse raises nothing:
    # it is listed only as an always-present gap
    found = gaps(
        carer_substance_misuse=carer,
        medication_misuse=misuse,
        immediate_danger="no",
        existing_involvement="child_protection_plan",
    )
    assert ("medication_misuse" in found) is listed
    if listed:
        assert "visits the home" in found["medication_misuse"]["ask"]
        assert found["medication_misuse"]["could_reach"] == "significant"


def test_medicine_misuse_gap_reaches_significant() -> None:
    found = gaps(carer_substance_misuse="suspected", immediate_danger="no")
    assert found["medication_misuse"]["could_reach"] == "significant"


def test_missed_appointments_always_asked_until_known() -> None:
    assert "missed_appointments_12m" in gaps(medication_misuse="yes")
    assert "missed_appointments_12m" not in gaps(missed_appointments_12m=0)
    found = gaps(medication_misuse="yes")["missed_appointments_12m"]
    assert "GP practice and the specialist team" in found["ask"]


def test_every_decision_names_its_version() -> None:
    facts = {**BASE, "child_distress": "yes"}
    assert bot.decide(facts)["policy_version"] == "2"
    assert bot.decide(facts, bot.load_policy(version="1"))["policy_version"] == "1"
    assert bot.decide(facts, bot.load_policy(version="2"))["policy_version"] == "2"
