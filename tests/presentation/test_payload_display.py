"""The payload's display part: changes, evidence and every recorded answer."""

from __future__ import annotations

import bot
from bot.conversation.payload import build_payload

FACTS = {
    "immediate_danger": "no",
    "reporter_role": "school",
    "child_age_years": 7,
    "condition": "asthma",
    "school_attendance_pct": 45,
    "child_distress": "yes",
}


def test_display_is_empty_of_changes_and_evidence_by_default() -> None:
    display = build_payload(FACTS)["display"]
    assert display["changes"] == []
    assert display["evidence"] == {}


def test_changes_and_evidence_are_passed_through_in_shown_words() -> None:
    change = {"fact": "school_attendance_pct", "label": "attendance", "from": "85%", "to": "45%"}
    payload = build_payload(
        FACTS,
        changes=[change],
        evidence={"child_distress": "told me he's scared he'll die in his sleep"},
    )
    display = payload["display"]
    assert display["changes"] == [change]
    assert display["evidence"] == {"child_distress": "told me he's scared he'll die in his sleep"}
    assert payload["assessment"] == bot.decide(FACTS), "display never changes the decision"


def test_every_recorded_answer_has_a_label_a_shown_value_and_a_change_text() -> None:
    answers = build_payload(FACTS)["display"]["answers"]
    assert [a["fact"] for a in answers] == list(FACTS)
    attendance = next(a for a in answers if a["fact"] == "school_attendance_pct")
    assert attendance == {
        "fact": "school_attendance_pct",
        "label": "school attendance this year",
        "shown": "45%",
        "change": "change attendance",
    }


def test_assumed_facts_in_an_emergency_are_not_offered_as_answers() -> None:
    display = build_payload({"immediate_danger": "yes"})["display"]
    assert [a["fact"] for a in display["answers"]] == ["immediate_danger"]
