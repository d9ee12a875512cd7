"""Whole assessments in free text over the REST channel, against real servers.

Each test answers in words, then checks that the decision message's payload
holds exactly ``bot.decide()`` of the facts the answers mean.
"""

from __future__ import annotations

import uuid

import pytest

import bot
from bot.conversation.flow import engine_knows
from bot.conversation.questions import question
from tests.servers import say, tracker

pytestmark = pytest.mark.servers

ASTHMA_ANSWERS = [
    ("no", "immediate_danger", "no"),
    ("I'm the DSL at a primary school", "reporter_role", "school"),
    ("she's seven", "child_age_years", 7),
    ("asthma", "condition", "asthma"),
    ("it's out of date", "management_plan", "out_of_date"),
    ("about fifteen", "reliever_prescriptions_12m", 15),
    ("often missed", "medication_adherence", "poor"),
    ("twice", "unplanned_admissions_12m", 2),
    ("none", "missed_appointments_12m", 0),
    ("no", "medication_misuse", "no"),
    ("about 85%", "school_attendance_pct", 85),
    ("yes, it has dropped", "attendance_declining", "yes"),
    ("yes, she's frightened", "child_distress", "yes"),
    ("suspected", "carer_substance_misuse", "suspected"),
    ("no", "living_situation_unstable", "no"),
    ("no", "day_in_life_known", "no"),
    ("no idea", "other_parent_involved", "unknown"),
    ("none", "existing_involvement", "none"),
]


def _sender() -> str:
    return f"e2e-{uuid.uuid4().hex[:10]}"


def _payloads(messages: list[dict]) -> list[dict]:
    return [m["custom"] for m in messages if isinstance(m.get("custom"), dict)]


def _texts(messages: list[dict]) -> str:
    return "\n".join(m.get("text", "") for m in messages)


def _assess(servers, sender: str, answers) -> tuple[dict, list[str]]:
    """Greet, give each answer, and return the decision payload and every question asked."""
    asked = []
    replies = say(servers, sender, "hello")
    for text, fact, _ in answers:
        assert tracker(servers, sender)["slots"]["requested_slot"] == fact
        asked.append(fact)
        replies = say(servers, sender, text)
    payloads = _payloads(replies)
    assert len(payloads) == 1, _texts(replies)
    return payloads[0], asked


def _check(payload: dict, facts: dict) -> None:
    assert payload["facts"] == facts
    assert payload["assessment"] == bot.decide(facts)


def test_immediate_danger_gives_999_asks_the_kind_and_offers_to_carry_on(servers):
    sender = _sender()
    greeting = _texts(say(servers, sender, "hi"))
    assert "999" in greeting and "names" in greeting
    replies = say(servers, sender, "yes")
    assert _texts(replies).startswith("Call 999 now")
    assert "While help comes:" in _texts(replies)
    assert tracker(servers, sender)["slots"]["requested_slot"] == "danger_kind"
    assert [b["title"] for b in replies[-1]["buttons"]][0] == "Urgent medical help"
    replies = say(servers, sender, "medical")
    payload = _payloads(replies)[0]
    facts = {"immediate_danger": "yes", "danger_kind": "medical"}
    if not engine_knows("danger_kind"):
        facts.pop("danger_kind")
    _check(payload, {**facts, "reporter_role": "other", "condition": "other"})
    assert payload["assessment"]["level"] == "immediate"
    assert replies[-1]["buttons"] == [{"title": "Carry on", "payload": "carry on"}]
    assert tracker(servers, sender)["active_loop"] in ({}, None, {"name": None})
    say(servers, sender, "carry on")
    assert tracker(servers, sender)["slots"]["requested_slot"] == "reporter_role"


def test_danger_stated_mid_form_gets_the_999_reply_at_once(servers):
    sender = _sender()
    for text in ("hello", "no", "school", "he's 9", "epilepsy"):
        say(servers, sender, text)
    past = _texts(say(servers, sender, "he had a bad seizure last week"))
    assert "Call 999 now" not in past
    replies = _texts(say(servers, sender, "he's been fitting for ten minutes now"))
    assert replies.startswith("Call 999 now") and "Time the seizure" in replies
    slots = tracker(servers, sender)["slots"]
    assert slots["immediate_danger"] == "yes" and slots["requested_slot"] == "danger_kind"


def test_a_hedge_is_confirmed_and_every_answer_said_back(servers):
    sender = _sender()
    for text in ("hello", "no", "school", "she's seven"):
        said = _texts(say(servers, sender, text))
    assert said.startswith("Noted: age: 7.")
    say(servers, sender, "asthma")
    # A hedged reassurance is never recorded as one: the safer value is offered to confirm.
    check = say(servers, sender, "I think it's up to date")
    assert "I read that as: **care plan out of date**" in _texts(check)
    assert [b["title"] for b in check[-1]["buttons"]] == ["Yes", "No, change it", "Don't know"]
    assert tracker(servers, sender)["slots"]["management_plan"] is None
    said = _texts(say(servers, sender, "yes"))
    assert said.startswith("Noted: care plan out of date.")
    assert tracker(servers, sender)["slots"]["management_plan"] == "out_of_date"
    undone = _texts(say(servers, sender, "go back"))
    slots = tracker(servers, sender)["slots"]
    assert undone.startswith("Undone: care plan") and slots["management_plan"] is None
    assert slots["condition"] == "asthma" and slots["requested_slot"] == "management_plan"


def test_an_opening_paragraph_is_listed_confirmed_and_not_asked_again(servers):
    sender = _sender()
    opening = "Hi, I'm a class teacher. I'm worried about a 7 year old with asthma, attendance 60%."
    listed = _texts(say(servers, sender, opening))
    assert "I understood:" in listed and "age: 7" in listed and "60%" in listed
    say(servers, sender, "yes")
    asked = []
    for _ in range(25):
        slots = tracker(servers, sender)["slots"]
        if not slots["requested_slot"]:
            break
        asked.append(slots["requested_slot"])
        say(servers, sender, "no" if slots["requested_slot"] == "immediate_danger" else "not sure")
    assert not {"reporter_role", "child_age_years", "condition", "school_attendance_pct"} & set(
        asked
    )
    assert tracker(servers, sender)["slots"]["assessment_done"] is True


def test_an_asthma_assessment_in_words_then_a_correction(servers):
    sender = _sender()
    payload, asked = _assess(servers, sender, ASTHMA_ANSWERS)
    facts = {fact: value for _, fact, value in ASTHMA_ANSWERS}
    _check(payload, facts)
    assert len(asked) <= 18
    replies = say(servers, sender, "actually attendance is 60%")
    assert _texts(replies).startswith("Changed: school attendance this year 85% → 60%.")
    assert tracker(servers, sender)["slots"]["changes"][-1]["to"] == "60%"
    facts["school_attendance_pct"] = 60
    _check(_payloads(replies)[0], facts)
    replies = say(servers, sender, "she had three admissions, not two")
    facts["unplanned_admissions_12m"] = 3
    _check(_payloads(replies)[0], facts)
    why = _texts(say(servers, sender, "why?"))
    for fired in bot.decide(facts)["fired"]:
        assert f"[{fired['rule']}]" in why
    summary = _texts(say(servers, sender, "summary"))
    assert "Referral summary" in summary


def test_many_unknowns(servers):
    answers = [
        ("not sure", "immediate_danger", "unknown"),
        ("health visitor", "reporter_role", "health"),
        ("dunno", "child_age_years", "unknown"),
        ("asthma", "condition", "asthma"),
        ("don't know", "management_plan", "unknown"),
        ("no idea", "reliever_prescriptions_12m", "unknown"),
        ("not sure", "medication_adherence", "unknown"),
        ("don't know", "unplanned_admissions_12m", "unknown"),
        ("dunno", "missed_appointments_12m", "unknown"),
        ("no idea", "medication_misuse", "unknown"),
        ("not sure", "school_attendance_pct", "unknown"),
        ("don't know", "attendance_declining", "unknown"),
        ("no idea", "child_distress", "unknown"),
        ("not sure", "carer_substance_misuse", "unknown"),
        ("dunno", "living_situation_unstable", "unknown"),
        ("don't know", "day_in_life_known", "unknown"),
        ("no idea", "other_parent_involved", "unknown"),
        ("not sure", "existing_involvement", "unknown"),
    ]
    payload, _ = _assess(servers, _sender(), answers)
    _check(payload, {fact: value for _, fact, value in answers})
    assert payload["assessment"]["range"]["highest"] != payload["assessment"]["level"]


def test_a_condition_other_than_asthma_skips_the_inhaler_question(servers):
    answers = [
        (a, f, v)
        for a, f, v in ASTHMA_ANSWERS
        if f not in ("condition", "reliever_prescriptions_12m")
    ]
    answers.insert(3, ("she has epilepsy", "condition", "epilepsy"))
    payload, asked = _assess(servers, _sender(), answers)
    assert "reliever_prescriptions_12m" not in asked
    _check(payload, {fact: value for _, fact, value in answers})


def test_a_child_under_five_is_not_asked_about_school(servers):
    answers = [
        (a, f, v)
        for a, f, v in ASTHMA_ANSWERS
        if f not in ("child_age_years", "school_attendance_pct", "attendance_declining")
    ]
    answers.insert(2, ("18 months", "child_age_years", 1))
    payload, asked = _assess(servers, _sender(), answers)
    assert "school_attendance_pct" not in asked and "attendance_declining" not in asked
    facts = {fact: value for _, fact, value in answers}
    facts.update(school_attendance_pct="not_applicable", attendance_declining="not_applicable")
    _check(payload, {f: facts[f] for f in [a[1] for a in ASTHMA_ANSWERS]})


def test_a_restart_of_the_rasa_server_mid_form(servers):
    sender = _sender()
    say(servers, sender, "hello")
    half = len(ASTHMA_ANSWERS) // 2
    for text, _, _ in ASTHMA_ANSWERS[:half]:
        say(servers, sender, text)
    servers.restart_rasa()
    assert tracker(servers, sender)["slots"]["requested_slot"] == ASTHMA_ANSWERS[half][1]
    replies = []
    for text, _, _ in ASTHMA_ANSWERS[half:]:
        replies = say(servers, sender, text)
    _check(_payloads(replies)[0], {fact: value for _, fact, value in ASTHMA_ANSWERS})


def test_misses_interruptions_and_stop(servers):
    sender = _sender()
    say(servers, sender, "hello")
    say(servers, sender, "no")
    say(servers, sender, "school")
    first = _texts(say(servers, sender, "40"))
    assert "0 to 17" in first
    second = say(servers, sender, "x" * 2000)  # the most any channel passes on (MAX_MESSAGE_CHARS)
    assert any(b["title"] == "Skip (don't know)" for b in second[-1].get("buttons", []))
    why = _texts(say(servers, sender, "why do you ask?"))
    assert question("child_age_years").why in why
    assert why.rstrip().endswith(question("child_age_years").text.split(" You can")[0]) or (
        question("child_age_years").text in why
    )
    term = _texts(say(servers, sender, "what does was not brought mean?"))
    assert "carer" in term
    assert tracker(servers, sender)["slots"]["requested_slot"] == "child_age_years"
    asked = _texts(say(servers, sender, "stop"))
    assert "clear every answer" in asked
    assert tracker(servers, sender)["slots"]["reporter_role"] == "school"
    stopped = _texts(say(servers, sender, "yes"))
    assert "999" in stopped and tracker(servers, sender)["slots"]["reporter_role"] is None
    assert tracker(servers, sender)["slots"]["requested_slot"] is None
