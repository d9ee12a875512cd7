"""A confirmation still waiting is never dropped when a new message needs one of its own.

Found typing into the page: "yes a bit" to "has attendance dropped?" was offered back to
confirm; the next message ("she cried when I asked about home") was offered back too, and
after it was confirmed the attendance question was asked from the start: "yes a bit" was lost.
"""

from __future__ import annotations

from tests.conversation.test_dialogue import Talk

TO_ATTENDANCE = ("hello", "no", "teacher", "9", "asthma", "none", "about 10", "given fine")
THEN = ("0", "0", "no", "about eighty-five")


def _at_attendance_dropping() -> Talk:
    talk = Talk()
    talk.say(*TO_ATTENDANCE, *THEN)
    assert talk.asked == "attendance_declining"
    return talk


def test_a_waiting_confirmation_comes_back_after_a_new_one():
    talk = _at_attendance_dropping()
    talk.say("yes a bit")
    assert "is that right?" in talk.text
    talk.say("she cried when I asked about home")
    assert talk.asked == "child_distress" and "is that right?" in talk.text
    talk.say("yes")
    assert talk.slots.get("child_distress") == "yes"
    assert talk.asked == "attendance_declining"
    assert "is that right?" in talk.text, "the first reading is offered back, not asked afresh"
    talk.say("yes")
    assert talk.slots.get("attendance_declining") == "yes"


def test_without_a_second_reading_the_waiting_confirmation_is_asked_once_more():
    talk = _at_attendance_dropping()
    talk.say("yes a bit")
    talk.say("no")
    assert talk.slots.get("attendance_declining") is None
    assert talk.asked == "attendance_declining"


def _at_the_plan() -> Talk:
    talk = Talk()
    talk.say("hello", "no", "school nurse", "7", "asthma")
    assert talk.asked == "management_plan"
    return talk


def test_no_to_a_confirmation_asks_that_fact_in_full_and_keeps_what_waits():
    talk = _at_the_plan()
    talk.say("maybe 12 blue ones, I think")
    talk.say("mum says she gives it but I doubt it")
    assert talk.asked == "medication_adherence" and "is that right?" in talk.text
    talk.say("no")
    assert talk.asked == "medication_adherence", "the question asked is the one said no to"
    assert "in your own words" in talk.text
    talk.say("often missed")
    assert talk.slots.get("medication_adherence") == "poor"
    assert talk.asked == "reliever_prescriptions_12m" and "is that right?" in talk.text
    talk.say("yes")
    assert talk.slots.get("reliever_prescriptions_12m") == 12


def test_an_answer_that_misses_asks_the_same_question_again_before_what_waits():
    talk = _at_the_plan()
    talk.say("maybe 12 blue ones, I think")
    talk.say("mum says she gives it but I doubt it")
    talk.say("no")
    talk.say("purple")
    assert talk.asked == "medication_adherence"
    assert "couldn't use" in talk.text
