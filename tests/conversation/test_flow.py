"""Which questions apply, and how they are put."""

from __future__ import annotations

from bot.conversation.flow import (
    SKIP_BUTTON,
    implied_answers,
    next_fact,
    question_message,
    required_facts,
)
from bot.conversation.questions import fact_order, question


def test_immediate_danger_first_and_yes_asks_only_the_kind_of_danger():
    assert next_fact({}) == "immediate_danger"
    assert required_facts({"immediate_danger": "yes"}) == ["immediate_danger", "danger_kind"]
    assert next_fact({"immediate_danger": "yes"}) == "danger_kind"
    assert next_fact({"immediate_danger": "yes", "danger_kind": "medical"}) is None


def test_carrying_on_after_an_emergency_asks_everything_else():
    slots = {"immediate_danger": "yes", "danger_kind": "medical", "carry_on": True}
    assert next_fact(slots) == "reporter_role"
    assert required_facts(slots) == fact_order()


def test_asthma_asks_every_fact_in_order_and_other_conditions_skip_inhalers():
    without_kind = [f for f in fact_order() if f != "danger_kind"]
    assert required_facts({"condition": "asthma"}) == without_kind == required_facts({})
    assert "reliever_prescriptions_12m" not in required_facts({"condition": "epilepsy"})
    assert len(without_kind) <= 18


def test_age_under_five_settles_the_school_questions_and_a_later_age_reopens_them():
    assert implied_answers("child_age_years", 4, {}) == {
        "school_attendance_pct": "not_applicable",
        "attendance_declining": "not_applicable",
    }
    before = {
        "child_age_years": 4,
        "school_attendance_pct": "not_applicable",
        "attendance_declining": "not_applicable",
    }
    assert implied_answers("child_age_years", 7, before) == {
        "school_attendance_pct": None,
        "attendance_declining": None,
    }
    assert implied_answers("child_age_years", 7, {"child_age_years": 9}) == {}


def test_questions_have_buttons_and_skip_after_two_misses():
    for fact in fact_order():
        assert question_message(fact)["buttons"], fact
        assert question(fact).why and question(fact).accepts
    assert SKIP_BUTTON in question_message("child_age_years", 2)["buttons"]
    assert SKIP_BUTTON not in question_message("condition", 2)["buttons"]
    assert "999" in question_message("immediate_danger")["text"]


def test_no_question_asks_for_a_name():
    for fact in fact_order():
        assert "name" not in question(fact).text.lower(), fact
