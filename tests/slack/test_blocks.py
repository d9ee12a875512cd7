"""Block Kit rendering: buttons split 5 per block and never dropped; decision blocks."""

from __future__ import annotations

import json

import pytest

from bot.channels import slack_blocks as blocks

DECISION_PAYLOAD = {
    "assessment": {
        "policy_version": "2026.1",
        "level": "complex",
        "range": {"lowest": "complex", "highest": "significant"},
        "fired": [
            {
                "rule": "ADMISSIONS-WITH-POOR-ADHERENCE",
                "level": "complex",
                "because": {"unplanned_admissions_12m": 3, "medication_adherence": "poor"},
                "sources": ["F1"],
            }
        ],
        "gaps": [
            {
                "fact": "carer_substance_misuse",
                "could_reach": "significant",
                "ask": "Ask the GP whether a carer misuses drugs or alcohol",
            },
            {
                "fact": "day_in_life_known",
                "could_reach": "complex",
                "ask": "Find out who gives the child's medicines at night",
            },
        ],
        "agencies": [
            {"id": "childrens_social_care", "when": "today", "why": "Refer for assessment."},
            {"id": "gp", "when": "this week", "why": "Share the admissions history."},
        ],
        "next_steps": ["Tell your DSL", "Make the referral & keep a record <today>"],
    },
    "display": {
        "level_label": "Level 3: Complex needs",
        "level_meaning": "Referral to children's social care for assessment",
        "timescale": "Refer today",
        "range_labels": {
            "lowest": "Level 3: Complex needs",
            "highest": "Level 4: Significant harm",
        },
        "agency_names": {"childrens_social_care": "Children's social care", "gp": "The child's GP"},
        "front_door": {
            "name": "Children's Advice and Support Service",
            "phone": "0121 000 0000",
            "out_of_hours": "0121 111 1111",
            "emergency": "999",
        },
        "summary": "Child aged 7 with asthma; 3 admissions in 12 months.",
    },
    "facts": {"condition": "asthma"},
}


def _buttons(count: int) -> list[dict[str, str]]:
    return [
        {"title": f"Option {n}", "payload": f'/inform{{"choice":"o{n}"}}'} for n in range(count)
    ]


@pytest.mark.parametrize("count", [1, 5, 6, 7, 10, 11, 23])
def test_buttons_are_split_five_per_block_in_order_and_none_dropped(count: int) -> None:
    actions = [
        b for b in blocks.question_blocks("Which?", _buttons(count)) if b["type"] == "actions"
    ]
    assert len(actions) == -(-count // 5)
    assert all(1 <= len(block["elements"]) <= 5 for block in actions)
    values = [element["value"] for block in actions for element in block["elements"]]
    assert values == [button["payload"] for button in _buttons(count)]
    block_ids = [block["block_id"] for block in actions]
    action_ids = [element["action_id"] for block in actions for element in block["elements"]]
    assert len(set(block_ids)) == len(block_ids) and len(set(action_ids)) == len(action_ids)


def test_question_starts_with_its_text_and_escapes_markup() -> None:
    question = blocks.question_blocks("Is the child <7> & well?", _buttons(2))
    assert question[0] == {
        "type": "section",
        "text": {"type": "mrkdwn", "text": "Is the child &lt;7&gt; &amp; well?"},
    }


def test_long_button_labels_are_cut_to_slacks_limit_and_empty_payload_uses_title() -> None:
    [actions] = blocks.button_blocks([{"title": "x" * 100}])
    [button] = actions["elements"]
    assert len(button["text"]["text"]) == blocks.BUTTON_LABEL_LIMIT
    assert button["value"] == "x" * 100


def test_answered_question_loses_its_buttons_and_says_who_chose_what() -> None:
    question = blocks.question_blocks("Which condition?", _buttons(7))
    answered = blocks.answered_blocks(question, "U123", "Option 6")
    assert [b["type"] for b in answered] == ["section", "context"]
    assert answered[-1]["elements"][0]["text"] == "<@U123> chose *Option 6*"


def test_decision_blocks_have_the_level_header_reasons_agencies_and_what_to_find_out() -> None:
    rendered = blocks.decision_blocks(DECISION_PAYLOAD)
    assert rendered[0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "Level 3: Complex needs", "emoji": True},
    }
    text = json.dumps(rendered)
    for expected in (
        "ADMISSIONS-WITH-POOR-ADHERENCE (emergency admissions or A&amp;E visits in the last "
        "12 months: 3; regular medicine given as prescribed: often not given as prescribed)",
        "*Who to contact, and when*",
        "Children's social care, today: Refer for assessment.",
        "The child's GP, this week",
        "*What to find out first*",
        "Ask the GP whether a carer misuses drugs or alcohol",
        "Level 4: Significant harm",
        "1. Tell your DSL",
        "2. Make the referral &amp; keep a record &lt;today&gt;",
        "0121 000 0000",
        "Rules version 2026.1",
    ):
        assert expected in text, expected
    for block in rendered:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= blocks.SECTION_LIMIT


def test_decision_text_fallback_is_plain_and_complete() -> None:
    text = blocks.decision_text(DECISION_PAYLOAD)
    assert text.startswith("Level 3: Complex needs: Referral to children's social care")
    assert "Could be as high as Level 4: Significant harm" in text
    assert "- Children's social care, today: Refer for assessment." in text
    assert "- Find out who gives the child's medicines at night" in text
    assert "&amp;" not in text


def test_huge_decision_stays_within_slacks_limits() -> None:
    payload = json.loads(json.dumps(DECISION_PAYLOAD))
    payload["assessment"]["next_steps"] = [f"step {n} " + "y" * 200 for n in range(200)]
    rendered = blocks.decision_blocks(payload)
    assert len(rendered) <= blocks.MAX_BLOCKS
    assert all(
        len(b["text"]["text"]) <= blocks.SECTION_LIMIT for b in rendered if b["type"] == "section"
    )
    assert len(blocks.decision_text(payload)) <= blocks.TEXT_LIMIT


def test_decision_without_display_still_renders_from_the_assessment() -> None:
    rendered = blocks.decision_blocks({"assessment": {"level": "universal"}})
    assert rendered[0]["text"]["text"] == "universal"


def _real_payload(**facts: object) -> dict:
    from bot.conversation.payload import build_payload

    base = {"immediate_danger": "no", "reporter_role": "school", "condition": "asthma"}
    return build_payload({**base, **facts})


def test_real_decision_lists_reasons_by_title_highest_level_first() -> None:
    payload = _real_payload(
        unplanned_admissions_12m=3, medication_adherence="poor", carer_substance_misuse="yes"
    )
    rendered = blocks.decision_blocks(payload)
    assert rendered[0]["text"]["text"] == payload["display"]["level_label"]
    [why] = [
        b for b in rendered if b["type"] == "section" and b["text"]["text"].startswith("*Why*")
    ]
    titles = [f["title"] for f in payload["assessment"]["fired"]]
    positions = [why["text"]["text"].index(escape(t)) for t in titles]
    levels = [f["level"] for f in payload["assessment"]["fired"]]
    ranks = [blocks.LEVEL_ORDER.index(level) for level in levels]
    assert [r for _, r in sorted(zip(positions, ranks, strict=True))] == sorted(ranks)
    for agency in payload["assessment"]["agencies"]:
        assert escape(payload["display"]["agency_names"][agency["id"]]) in json.dumps(rendered)


def test_immediate_danger_decision_says_call_999_first() -> None:
    payload = _real_payload(immediate_danger="yes")
    assert payload["assessment"]["level"] == "immediate"
    rendered = blocks.decision_blocks(payload)
    assert "Call 999 now" in rendered[1]["text"]["text"]
    assert blocks.decision_text(payload).startswith("Call 999 now")


def escape(text: str) -> str:
    return blocks.escape(text)


def test_long_referral_summary_is_split_into_code_sections_without_losing_lines() -> None:
    payload = json.loads(json.dumps(DECISION_PAYLOAD))
    lines = [f"- line {n}: " + "z" * 80 for n in range(120)]
    payload["display"]["summary"] = "\n".join(lines)
    code = [
        b["text"]["text"]
        for b in blocks.decision_blocks(payload)
        if b["type"] == "section" and b["text"]["text"].startswith("```")
    ]
    assert len(code) > 1
    assert all(len(text) <= blocks.SECTION_LIMIT for text in code)
    assert "\n".join(text.strip("`") for text in code).splitlines() == lines


def test_a_medical_emergency_asks_for_an_ambulance_with_first_steps_and_no_front_door() -> None:
    from bot.conversation.first_steps import first_steps
    from bot.conversation.payload import presentation
    from tests.presentation.decisions import MEDICAL_FACTS, medical_emergency

    decision = medical_emergency()
    payload = {"assessment": decision, "display": presentation(decision, MEDICAL_FACTS)}
    rendered = blocks.decision_blocks(payload)
    assert rendered[0]["text"]["text"] == "Medical emergency"
    assert "Call 999 now and ask for an ambulance." in rendered[1]["text"]["text"]
    text = json.dumps(rendered)
    assert escape(first_steps("asthma")[0]) in text
    assert "social care" not in text.lower().split("referral summary")[0]
    assert "police" not in text.lower()
    assert blocks.decision_text(payload).startswith("Call 999 now and ask for an ambulance.")


def test_the_school_reporter_is_you_and_gaps_come_before_the_reasons() -> None:
    payload = _real_payload(
        child_age_years=9,
        unplanned_admissions_12m=1,
        school_attendance_pct=45,
        child_distress="yes",
    )
    assert payload["assessment"]["range"]["highest"] != payload["assessment"]["level"]
    text = blocks.decision_text(payload)
    assert "You (the child's school), " in text
    assert "\n- The child's school" not in text
    assert text.index("What to find out first:") < text.index("Why:")
    for gap in payload["assessment"]["gaps"]:
        assert gap["ask"] in text
