"""A tiny stand-in for the assistant, behind the real web channel.

Runs the real :class:`bot.channels.web.WebChatInput` blueprint (page, assets,
config, webhook) on a bare Sanic app, but answers with a scripted four-step
conversation instead of a trained model, so the page's tests run in seconds.

    python -m tests.web.fake_server PORT

At the age question anything but a number is echoed back (``You said: ...``).
Special messages: ``slow`` waits 3 s before answering; ``fail`` raises (HTTP 500);
``show NAME`` sends one of the real payloads in :data:`SHOWN` (built by
``bot.conversation.payload``), whatever the step; any other message after a
``show`` is echoed (``You said: ...``), so a Change button's text can be seen.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any

from rasa.core.channels.channel import UserMessage, register
from sanic import Sanic

from bot.channels.web import WebChatInput

YES_NO = [
    {"title": "Yes", "payload": "/inform_yes"},
    {"title": "No", "payload": "/inform_no"},
    {"title": "Don't know", "payload": "/inform_unknown"},
]

PAYLOAD: dict[str, Any] = {
    "assessment": {
        "policy_version": "1.0.0",
        "level": "complex",
        "range": {"lowest": "complex", "highest": "significant"},
        "fired": [
            {
                "rule": "REPEATED-ADMISSIONS",
                "level": "complex",
                "because": {"unplanned_admissions_12m": 3},
                "sources": ["F4", "scr-finding-2"],
            }
        ],
        "gaps": [
            {
                "fact": "carer_substance_misuse",
                "could_reach": "significant",
                "ask": "Ask the GP whether a parent or carer misuses drugs or alcohol.",
            },
            {
                "fact": "day_in_life_known",
                "could_reach": "complex",
                "ask": "Describe the child's day and night: who cares for them, where they sleep.",
            },
        ],
        "agencies": [
            {"id": "childrens_social_care", "when": "today", "why": "Refer for assessment."},
            {"id": "gp", "when": "this_week", "why": "Share the admissions pattern."},
        ],
        "next_steps": ["Tell your designated safeguarding lead today.", "Make the referral."],
    },
    "display": {
        "level_label": "Complex needs",
        "level_meaning": "Referral to children's social care for assessment.",
        "timescale": "Refer today",
        "range_labels": {"lowest": "Complex needs", "highest": "Significant harm"},
        "agency_names": {"childrens_social_care": "Children's social care", "gp": "GP"},
        "front_door": {
            "name": "Children's Advice and Support Service",
            "phone": "0121 303 1888",
            "out_of_hours": "0121 675 4806",
            "emergency": "999",
        },
        "summary": "Level: Complex needs.\nReasons: 3 unplanned admissions in 12 months.",
    },
    "facts": {"immediate_danger": "no", "reporter_role": "school", "child_age_years": 7},
}

SCHOOL_FACTS: dict[str, Any] = {
    "immediate_danger": "no",
    "reporter_role": "school",
    "child_age_years": 9,
    "condition": "asthma",
    "management_plan": "out_of_date",
    "reliever_prescriptions_12m": "unknown",
    "medication_adherence": "poor",
    "unplanned_admissions_12m": 1,
    "school_attendance_pct": 45,
    "child_distress": "yes",
    "carer_substance_misuse": "unknown",
}
ATTENDANCE_CHANGE = {
    "fact": "school_attendance_pct",
    "label": "attendance",
    "from": "85%",
    "to": "45%",
}
EVIDENCE = {"child_distress": "told me he's scared he'll die in his sleep"}


def shown_payloads() -> dict[str, dict[str, Any]]:
    """The real payloads ``show NAME`` sends: a medical emergency (policy version 2) and a
    school case whose range is wider than its level."""
    from bot.conversation.payload import build_payload
    from tests.presentation.decisions import MEDICAL_FACTS

    return {
        "medical": build_payload(MEDICAL_FACTS),
        "school": build_payload(SCHOOL_FACTS, changes=[ATTENDANCE_CHANGE], evidence=EVIDENCE),
    }


SHOWN = shown_payloads()
steps: dict[str, int] = {}
shown_to: set[str] = set()


async def handle(message: UserMessage) -> None:
    """Answer ``message`` with the next step of the script."""
    out, sender, text = message.output_channel, message.sender_id, message.text or ""
    if text == "slow":
        await asyncio.sleep(3)
    if text == "fail":
        raise RuntimeError("scripted failure")
    if text.startswith("show ") and text[5:] in SHOWN:
        shown_to.add(sender)
        await out.send_custom_json(sender, SHOWN[text[5:]])
        return
    if sender in shown_to:
        await out.send_text_message(sender, f"You said: {text}")
        return
    step = steps.get(sender, 0)
    if step == 0:
        await out.send_text_with_buttons(
            sender, "Hello. Is the child in **immediate danger** right now?", YES_NO
        )
    elif step == 1:
        await out.send_text_with_buttons(
            sender,
            "Which best describes you?",
            [
                {"title": "School", "payload": "/inform_school"},
                {"title": "Health", "payload": "/inform_health"},
            ],
        )
    elif step == 2:
        await out.send_text_message(sender, "How old is the child? Type the age in years.")
    elif not text.strip().isdigit():
        await out.send_text_message(sender, f"You said: {text}. Type the age as a number.")
        return
    else:
        await out.send_text_message(
            sender,
            "Thank you. Read the decision below:\n- **level** first\n- then the reasons\n"
            "See [the guidance](https://example.org/guidance).",
        )
        await out.send_custom_json(sender, PAYLOAD)
    steps[sender] = step + 1


def main(port: int) -> None:
    """Serve the web channel on 127.0.0.1:``port`` with the scripted bot."""
    app = Sanic("fake_assistant")
    register([WebChatInput()], app, route="/webhooks/")

    async def handler_shim(message: UserMessage) -> None:
        await handle(message)

    app.ctx.agent = type("FakeAgent", (), {"handle_message": staticmethod(handler_shim)})()
    app.run(host="127.0.0.1", port=port, access_log=False, motd=False)


if __name__ == "__main__":
    main(int(sys.argv[1]))
