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
