"""A "not sure" that opens a clause about another fact is that fact's doubt, not an answer.

Found typing into the page: with "is the child in need the right involvement?" waiting,
"not sure it's given properly, mum's vague about it" was recorded as "involvement: not known"
as well as the medicine's doubt. The words after "not sure" say what the doubt is about.
"""

from __future__ import annotations

from bot.reading import read
from tests.conversation.test_dialogue import Talk


def _value(text: str, asked: str, fact: str) -> object:
    found = read(text, asked=asked).finding(fact)
    return None if found is None else found.value


def test_a_doubt_about_the_medicine_does_not_answer_the_involvement_question():
    text = "not sure she gets it every night, dad's hazy on it"
    assert _value(text, "existing_involvement", "existing_involvement") is None
    assert _value(text, "existing_involvement", "medication_adherence") == "poor"


def test_a_doubt_run_into_a_concern_is_never_its_denial():
    """ "don't know she's been sofa surfing" had read as "not sofa surfing": a reassurance."""
    for text in (
        "don't know she's been sofa surfing with mum",
        "dunno they've been moving round a lot",
    ):
        for asked in ("management_plan", None):
            value = _value(text, asked, "living_situation_unstable")
            assert value != "no", (text, asked, value)


def test_a_doubt_run_into_another_fact_does_not_answer_the_plan_question():
    assert (
        _value("dunno they've been moving round a lot", "management_plan", "management_plan")
        is None
    )


def test_a_plain_not_sure_still_answers_the_asked_question():
    assert _value("not sure, to be honest", "existing_involvement", "existing_involvement") == (
        "unknown"
    )
    assert _value(
        "not sure, mum's vague about everything", "management_plan", "management_plan"
    ) == ("unknown")


def test_a_question_word_after_the_doubt_keeps_it_an_answer():
    assert _value(
        "no idea who picks her up at night", "day_in_life_known", "day_in_life_known"
    ) in (
        "no",
        "unknown",
    )


def test_in_the_conversation_the_waiting_confirmation_is_not_answered_by_the_medicine_doubt():
    talk = Talk()
    talk.say("hello", "no", "I'm her social worker")
    assert "child in need" in talk.text  # offered back to confirm
    talk.say("not sure she gets it every night, dad's hazy on it")
    assert talk.slots.get("existing_involvement") is None
    assert "child in need" in talk.text  # still waiting to be confirmed
