"""A "don't know" is said back in plain words, not as "X is known: not known"."""

from __future__ import annotations

from tests.conversation.test_dialogue import Talk


def test_not_known_adherence_is_said_back_plainly():
    talk = Talk()
    talk.say("hello", "no", "teacher", "9", "asthma", "none", "10", "no idea")
    assert "Noted: not known whether regular medicine is given as prescribed." in talk.text


def test_a_known_adherence_is_said_back_as_before():
    talk = Talk()
    talk.say("hello", "no", "teacher", "9", "asthma", "none", "10", "often missed")
    assert "Noted: regular medicine often missed." in talk.text
