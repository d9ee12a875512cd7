"""Decision text, referral summary and payload: built from decide(), no names."""

from __future__ import annotations

import bot
from bot.conversation.payload import build_payload, facts_from_slots
from bot.conversation.render import render_changes, render_decision, render_reasons
from bot.conversation.summary import referral_summary

FACTS = {
    "immediate_danger": "no",
    "reporter_role": "school",
    "child_age_years": 7,
    "condition": "asthma",
    "unplanned_admissions_12m": 3,
    "medication_adherence": "poor",
    "carer_substance_misuse": "suspected",
}


def test_payload_is_decide_plus_display_and_facts():
    payload = build_payload(FACTS)
    assert set(payload) == {"assessment", "display", "facts"}
    assert payload["assessment"] == bot.decide(FACTS)
    assert payload["facts"] == FACTS
    display = payload["display"]
    place = bot.load_locality()
    assert display["level_label"] == place.level_label(payload["assessment"]["level"])
    assert display["front_door"]["emergency"] == "999"
    assert set(display["agency_names"]) == {a["id"] for a in payload["assessment"]["agencies"]}
    assert "Referral summary" in display["summary"]


def test_immediate_danger_payload_needs_no_other_answer():
    payload = build_payload({"immediate_danger": "yes"})
    assert payload["assessment"]["level"] == "immediate"
    assert payload["assessment"] == bot.decide(payload["facts"])
    assert payload["display"]["assumed_facts"] == {"reporter_role": "other", "condition": "other"}
    text = render_decision(payload["assessment"], payload["facts"])
    assert text.startswith("Call 999 now")


def test_decision_text_has_level_timescale_reasons_agencies_steps():
    decision = bot.decide(FACTS)
    text = render_decision(decision, FACTS)
    place = bot.load_locality()
    assert place.level_label(decision["level"]) in text
    assert place.timescale(decision["level"]) in text
    assert "Main reasons:" in text and "Who to involve:" in text
    assert decision["next_steps"][0] in text
    assert "does not replace" not in text, "the disclaimer is said once, in the greeting"


def test_summary_reads_as_a_referral_with_sources_spelled_out():
    decision = bot.decide(FACTS)
    summary = referral_summary(decision, FACTS)
    place = bot.load_locality()
    assert f"Level 4 of 5: {place.level_label(decision['level'])}." in summary
    main, _, appendix = summary.partition("Appendix (for the record)")
    cited = {source for item in decision["fired"] for source in item["sources"]}
    policy = bot.load_policy()
    for source in cited:
        assert f"{source}: {policy.sources[source].citation}" in appendix
    assert "[" not in main and "_" not in main


def test_reasons_and_changes_cover_every_rule_and_gap():
    decision = bot.decide(FACTS)
    reasons = render_reasons(decision)
    for fired in decision["fired"]:
        assert fired["rule"] in reasons
    changes = render_changes(decision)
    for gap in decision["gaps"]:
        assert gap["ask"] in changes


def test_facts_from_slots_drops_empty_and_non_asthma_inhalers():
    slots = {"condition": "epilepsy", "reliever_prescriptions_12m": 20, "child_age_years": None}
    assert facts_from_slots(slots) == {"condition": "epilepsy"}
