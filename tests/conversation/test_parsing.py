"""Free text to fact values: the words practitioners use."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bot
from bot.conversation.correction import parse_correction
from bot.conversation.flow import check_answer, check_value
from bot.conversation.parsing import ParseError, parse_answer
from bot.conversation.questions import fact_order, load_questions


@pytest.mark.parametrize(
    ("fact", "text", "value"),
    [
        ("child_age_years", "she's seven", 7),
        ("child_age_years", "7 years old", 7),
        ("child_age_years", "18 months", 1),
        ("child_age_years", "newborn", 0),
        ("child_age_years", "fourteen", 14),
        ("school_attendance_pct", "about 85%", 85),
        ("school_attendance_pct", "85 percent", 85),
        ("school_attendance_pct", "eighty five per cent", 85),
        ("school_attendance_pct", "4 days out of 5", 80.0),
        ("school_attendance_pct", "not at school", "not_applicable"),
        ("unplanned_admissions_12m", "twice", 2),
        ("unplanned_admissions_12m", "none", 0),
        ("unplanned_admissions_12m", "three admissions, not two", 3),
        ("missed_appointments_12m", "a couple", 2),
        ("reliever_prescriptions_12m", "more than 12", 13),
        ("reliever_prescriptions_12m", "about fifteen", 15),
        ("reliever_prescriptions_12m", "twenty-one", 21),
        ("immediate_danger", "not sure", "unknown"),
        ("immediate_danger", "nope", "no"),
        ("immediate_danger", "she is not safe", "yes"),
        ("reporter_role", "I'm the school nurse", "health"),
        ("reporter_role", "DSL at a primary", "school"),
        ("reporter_role", "social worker", "social_care"),
        ("condition", "type 2 diabetes", "other"),
        ("condition", "he has asthma", "asthma"),
        ("condition", "seizures", "epilepsy"),
        ("management_plan", "yes but it is out of date", "out_of_date"),
        ("management_plan", "no", "none"),
        ("management_plan", "yes, reviewed in the last year", "current"),
        ("medication_adherence", "not always given", "poor"),
        ("medication_adherence", "yes", "good"),
        ("medication_adherence", "mum doesn't collect the preventer", "poor"),
        ("carer_substance_misuse", "we suspect mum drinks", "suspected"),
        ("existing_involvement", "not known to social care", "none"),
        ("existing_involvement", "on a CP plan", "child_protection_plan"),
        ("child_distress", "not happy", "yes"),
        ("other_parent_involved", "dad has died", "not_applicable"),
    ],
)
def test_free_text_answers(fact, text, value):
    assert check_answer(fact, text) == value


@pytest.mark.parametrize("text", ["don't know", "not sure", "no idea", "dunno", "Don’t know"])
@pytest.mark.parametrize(
    "fact", [f for f in fact_order() if f not in ("reporter_role", "condition")]
)
def test_dont_know_is_unknown_wherever_allowed(fact, text):
    assert check_answer(fact, text) == "unknown"


@pytest.mark.parametrize(
    ("fact", "text"),
    [
        ("child_age_years", "40"),
        ("school_attendance_pct", "140%"),
        ("child_age_years", ""),
        ("child_age_years", "x" * 5000),
        ("child_age_years", "sí, tiene siete años"),
        ("unplanned_admissions_12m", "several"),
        ("unplanned_admissions_12m", "87%"),
        ("condition", "don't know"),
    ],
)
def test_answers_that_cannot_be_used_raise(fact, text):
    with pytest.raises((ParseError, bot.FactError)):
        check_answer(fact, text)


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("actually attendance is 60%", "school_attendance_pct", 60),
        ("she had three admissions, not two", "unplanned_admissions_12m", 3),
        ("the age is 4", "child_age_years", 4),
        ("actually she is 9", "child_age_years", 9),
        ("change the condition to epilepsy", "condition", "epilepsy"),
        ("sorry, the plan is out of date", "management_plan", "out_of_date"),
    ],
)
def test_corrections(text, fact, value):
    assert parse_correction(text) == (fact, value)


def test_every_button_payload_is_a_valid_answer():
    for fact, q in load_questions().items():
        for button in (*q.buttons, *q.more_buttons):
            check_value(fact, parse_answer(fact, button["payload"]))


@given(st.integers(min_value=0, max_value=17))
def test_every_age_in_digits(age):
    assert check_answer("child_age_years", f"{age} years old") == age


@given(st.integers(min_value=0, max_value=100))
def test_every_percentage(pct):
    assert check_answer("school_attendance_pct", f"about {pct}%") == pct


@given(st.text(max_size=400))
def test_any_text_gives_a_value_or_a_clear_error(text):
    for fact in ("child_age_years", "condition", "school_attendance_pct", "carer_substance_misuse"):
        try:
            check_answer(fact, text)
        except (ParseError, bot.FactError) as error:
            assert str(error)
