"""The decision in words: emergencies, "you", gaps first, what would change it, the summary."""

from __future__ import annotations

import re

import bot
from bot.conversation.first_steps import first_steps
from bot.conversation.payload import presentation
from bot.conversation.render import render_changes, render_decision
from bot.conversation.summary import referral_summary, summary_parts
from tests.presentation.decisions import MEDICAL_FACTS, harm_emergency, medical_emergency

SCHOOL_CASE = {
    "immediate_danger": "no",
    "reporter_role": "school",
    "child_age_years": 7,
    "condition": "asthma",
    "unplanned_admissions_12m": 3,
    "medication_adherence": "poor",
    "carer_substance_misuse": "suspected",
}
WIDE_RANGE = {
    "immediate_danger": "no",
    "reporter_role": "health",
    "child_age_years": 7,
    "condition": "type1_diabetes",
    "unplanned_admissions_12m": 1,
}


def test_a_medical_emergency_asks_for_an_ambulance_and_gives_the_first_steps() -> None:
    text = render_decision(medical_emergency(), MEDICAL_FACTS)
    assert text.startswith("Call 999 now and ask for an ambulance.")
    for step in first_steps("asthma"):
        assert step in text
    assert "social care" not in text.lower()
    assert "police" not in text.lower()


def test_a_medical_emergency_names_social_care_only_when_the_decision_lists_it() -> None:
    decision = medical_emergency(childrens_social_care="today")
    text = render_decision(decision, MEDICAL_FACTS)
    assert "children's social care" in text.lower()
    assert "police" not in text.lower()


def test_danger_from_a_person_asks_for_the_police_and_the_front_door() -> None:
    facts = {**MEDICAL_FACTS, "danger_kind": "harm"}
    text = render_decision(harm_emergency(), facts)
    assert text.startswith("Call 999 now and ask for the police.")
    assert "children's social care the same day" in text
    assert "Help them take one puff" not in text, "no asthma first aid for harm from a person"


def test_the_medical_card_words_replace_the_child_protection_meaning() -> None:
    display = presentation(medical_emergency(), MEDICAL_FACTS)
    assert display["emergency"]["kind"] == "medical"
    assert "police" not in str(display["contacts"]).lower()
    assert display["emergency"]["first_steps"] == first_steps("asthma")
    assert "ambulance" in display["summary_main"]
    assert "social care" not in display["level_meaning"].lower()
    assert [c["id"] for c in display["contacts"]] == [
        "emergency_services",
        "designated_safeguarding_lead",
    ]


def test_the_reporters_own_service_is_you_and_never_another_agency() -> None:
    decision = bot.decide(SCHOOL_CASE)
    assert "school" in {a["id"] for a in decision["agencies"]}, "the contract still lists it"
    text = render_decision(decision, SCHOOL_CASE)
    assert "The child's school" not in text
    assert "- You (the child's school): today." in text
    display = presentation(decision, SCHOOL_CASE)
    assert [y["id"] for y in display["you"]] == ["school"]
    assert "school" not in {c["id"] for c in display["contacts"]}
    gp_case = {**SCHOOL_CASE, "reporter_role": "health"}
    gp_text = render_decision(bot.decide(gp_case), gp_case)
    assert "The child's GP practice" not in gp_text
    assert "You (health)" in gp_text
    assert "The child's school" in gp_text, "for a GP the school is another agency"


def test_a_wider_range_puts_every_gap_at_the_top_with_who_to_ask() -> None:
    decision = bot.decide(WIDE_RANGE)
    assert decision["range"]["highest"] != decision["level"]
    text = render_decision(decision, WIDE_RANGE)
    first = text.index("Find out first")
    assert first < text.index("Main reasons") < text.index("Who to involve")
    gaps_part = text.split("Find out first")[1].split("Main reasons")[0]
    gap_lines = [line for line in gaps_part.splitlines() if line.startswith("- ")]
    assert len(gap_lines) == len(decision["gaps"])
    assert any("ask the child's school" in line for line in gap_lines)


def test_what_would_change_this_gives_what_would_raise_it_and_what_it_rests_on() -> None:
    decision = bot.decide(WIDE_RANGE)
    text = render_changes(decision, None, WIDE_RANGE)
    assert "What would raise it:" in text and "What the level rests on:" in text
    assert "emergency admissions or A&E visits in the last 12 months: 1" in text
    raising = text.split("What would raise it:")[1].split("What the level rests on:")[0]
    assert "could make it Significant harm (child protection)" in raising


def test_the_summary_main_part_is_plain_words_and_short() -> None:
    facts = {
        **SCHOOL_CASE,
        "condition": "type1_diabetes",
        "child_distress": "yes",
        "management_plan": "current",
        "living_situation_unstable": "no",
        "missed_appointments_12m": 0,
    }
    decision = bot.decide(facts)
    quote = "told me he's scared he'll die in his sleep"
    main, appendix = summary_parts(decision, facts, evidence={"child_distress": quote})
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", main), "no snake_case"
    assert not re.search(r"\b[A-Z][A-Z]+-[A-Z-]+\b", main), "no rule ids"
    assert "Type1" not in main and "type 1 diabetes" in appendix
    assert f'("{quote}")' in main
    assert "Not known yet:" in main and "What happens next:" in main
    well = main.split("Working well:")[1]
    assert "care plan is up to date" in well
    assert "no" not in well.lower().split(), "never only the absence of a risk"
    assert "0" not in well
    assert "NEGLECT-PATTERN" in appendix and "Sources:" in appendix
    assert len(main) < 1600
    assert referral_summary(decision, facts, evidence={"child_distress": quote}) == (
        f"{main}\n\n{appendix}"
    )


def test_the_engines_own_medical_emergency_reads_the_same() -> None:
    decision = bot.decide(MEDICAL_FACTS)
    assert [f["rule"] for f in decision["fired"]] == ["MEDICAL-EMERGENCY"]
    text = render_decision(decision, MEDICAL_FACTS)
    assert text.startswith("Call 999 now and ask for an ambulance.")
    assert first_steps("asthma")[0] in text
    assert "social care" not in text.lower() and "police" not in text.lower()
    display = presentation(decision, MEDICAL_FACTS)
    assert {c["id"] for c in display["contacts"]} == {a["id"] for a in decision["agencies"]}, (
        "the reporter (school) is not among a medical emergency's agencies"
    )
    assert display["emergency"]["kind"] == "medical"
    assert "police" not in str(display["contacts"]).lower()
