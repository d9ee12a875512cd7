"""Asking what to do while saying the danger is a plea now, not a question asked ahead.

"tell me what to do he's stopped breathing" read nothing: "what to do" was taken as the start
of a question about an imagined event ("what to do if ...").
"""

from __future__ import annotations

import pytest

from bot.reading import read


@pytest.mark.parametrize(
    "text",
    [
        "tell me what to do she's stopped breathing",
        "what to do, he's gone blue and floppy",
        "please say what to do hes fitting and wont stop",
    ],
)
def test_a_plea_with_the_danger_said_is_danger_now(text):
    assert read(text).danger_now
    assert read(text, asked="management_plan").danger_now


@pytest.mark.parametrize(
    "text",
    [
        "what to do if she stops breathing",
        "what to do when a child is fitting for more than five minutes",
        "I'd like to know what to do in case he collapses at school",
    ],
)
def test_a_question_asked_ahead_is_not_danger_now(text):
    assert read(text).danger_now is None
