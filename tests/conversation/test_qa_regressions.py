"""Regressions from the QA conversations: each test names the exchange it guards.

The reading of answers (``check_answer``) and the wording; whole turns are in
test_dialogue.py.
"""

from __future__ import annotations

import pytest

import bot
from bot.conversation.flow import check_answer, miss_message
from bot.conversation.parsing import ParseError
from bot.conversation.render import render_changes
from bot.conversation.summary import referral_summary

ANSWERED = {
    "immediate_danger": "no",
    "reporter_role": "school",
    "child_age_years": 7,
    "condition": "asthma",
    "management_plan": "current",
    "reliever_prescriptions_12m": 4,
    "medication_adherence": "good",
    "unplanned_admissions_12m": 1,
    "missed_appointments_12m": 0,
    "medication_misuse": "no",
    "school_attendance_pct": 60,
    "attendance_declining": "yes",
    "child_distress": "no",
    "carer_substance_misuse": "no",
    "living_situation_unstable": "no",
    "day_in_life_known": "yes",
    "other_parent_involved": "yes",
    "existing_involvement": "none",
}


@pytest.mark.parametrize(
    ("fact", "text"),
    [
        ("immediate_danger", "she's 12 and has epilepsy"),
        ("immediate_danger", "he's at school now"),
        ("medication_misuse", "she's fine"),
        ("medication_misuse", "he's on a cp plan"),
        ("child_distress", "n/a"),
        ("child_age_years", "year 3"),
        ("child_age_years", "in year 6"),
        ("existing_involvement", "child protection plan ended last year, nothing now"),
        ("existing_involvement", "was on a cp plan, closed now"),
    ],
)
def test_sentences_that_do_not_answer_are_asked_again(fact, text):
    with pytest.raises((ParseError, bot.FactError)):
        check_answer(fact, text)


@pytest.mark.parametrize(
    ("fact", "text", "value"),
    [
        ("immediate_danger", "there's no danger right now", "no"),
        ("immediate_danger", "it's not an emergency", "no"),
        ("immediate_danger", "she is", "yes"),
        ("immediate_danger", "no she's at school", "no"),
        ("child_distress", "she isn't happy at home", "yes"),
        ("child_distress", "he doesn't say much but cries at night", "yes"),
        ("child_distress", "not that I've seen", "no"),
        ("reliever_prescriptions_12m", "about one a month", 12),
        ("carer_substance_misuse", "dad smokes weed", "yes"),
        ("other_parent_involved", "dad isn't around", "no"),
        ("immediate_danger", "he isn't safe at home", "yes"),
        ("immediate_danger", "no, but it is urgent", "yes"),
        ("medication_adherence", "never misses a dose", "good"),
        ("living_situation_unstable", "not homeless, stable", "no"),
        ("attendance_declining", "hasn't dropped", "no"),
    ],
)
def test_negated_and_whole_sentence_answers(fact, text, value):
    assert check_answer(fact, text) == value


def test_an_empty_answer_is_said_plainly():
    text = miss_message("immediate_danger", "", ParseError("the answer was empty"))
    assert text.startswith("I didn't get an answer. This question takes")


def test_changes_and_summary_do_not_promise_a_level_already_reached():
    facts = {**ANSWERED, "carer_substance_misuse": "yes", "unplanned_admissions_12m": 3}
    facts["day_in_life_known"] = "no"
    decision = bot.decide(facts)
    assert decision["range"]["highest"] == decision["level"]
    place = bot.load_locality()
    changes = render_changes(decision)
    assert f"(could make it {place.level_label(decision['level'])})" not in changes
    summary = referral_summary(decision, facts)
    assert "could be as high as" not in summary
    assert "no unknown answer could raise it" in summary


def test_summary_lists_unknown_answers_apart_from_what_we_know():
    facts = {**ANSWERED, "management_plan": "unknown", "medication_misuse": "unknown"}
    summary = referral_summary(bot.decide(facts), facts)
    known, _, unknown = summary.partition("Not known yet:")
    assert "not known" not in known
    assert "- care plan" in unknown and "- medicine or device misused by an adult" in unknown


@pytest.mark.parametrize(
    ("text", "age", "extra"),
    [
        ("she is 7 and in year 3", 7, {}),
        ("he is 12, epileptic", 12, {"condition": "epilepsy"}),
        ("she is 9 and hasn't got asthma", 9, {}),
        ("7", 7, {}),
    ],
)
def test_what_else_an_age_answer_says(text, age, extra):
    from bot.conversation.reading_adapter import hear

    found = {f.fact: f.value for f in hear(text, asked="child_age_years").findings}
    assert found == {"child_age_years": age, **extra}


@pytest.mark.parametrize("said", ["nie wiem", "je ne sais pas", "weiß nicht", "oui"])
def test_an_answer_in_another_language_is_told_english_only(said):
    """QA: "nie wiem" got the generic "could not match" with no hint that only English is read."""
    from bot.conversation.flow import miss_message
    from bot.conversation.parsing import ParseError

    assert "only read answers in English" in miss_message("child_distress", said, ParseError("x"))


def test_an_english_answer_is_not_told_english_only():
    from bot.conversation.flow import miss_message
    from bot.conversation.parsing import ParseError

    assert "English" not in miss_message("child_distress", "banana", ParseError("x"))
