"""Help has come: the ambulance, the paramedics or the police with the child, the child safe or
being treated, is no new danger now; a danger said beside the help still is."""

from __future__ import annotations

import pytest

from bot.reading import read


@pytest.mark.parametrize(
    "text",
    [
        "the ambulance is here now, she's ok",
        "ambulance has arrived and he's breathing again",
        "paramedics are with him",
        "the paramedics are with her now, she's being treated",
        "police are here now and she's with me",
        "he's stable, paramedics have him",
        "the crew got here, he's awake and talking",
        "the ambulance has come, she's being looked after",
        "Police have arrived. The children are safe.",
    ],
)
def test_help_come_and_the_child_safe_is_no_danger_now(text):
    reading = read(text)
    assert reading.danger_now is None, text
    assert reading.extra.get("safe_now") is True, text


@pytest.mark.parametrize(
    "text",
    [
        "the ambulance is here but he's stopped breathing",
        "police are here and he's still hitting her",
        "still waiting for the ambulance, she's blue",
        "paramedics are here, she's not breathing",
        "the police have arrived but dad is still attacking mum and the kids",
        "ambulance is here now",
    ],
)
def test_a_danger_beside_the_help_still_alarms(text):
    reading = read(text)
    assert reading.danger_now is not None, text
    assert not reading.extra.get("safe_now"), text


@pytest.mark.parametrize(
    "text",
    [
        "if she's ok can she go back to class once the ambulance is here?",
        "she is not ok, the ambulance is here",
    ],
)
def test_a_safe_child_only_supposed_or_denied_is_not_safe_now(text):
    assert not read(text).extra.get("safe_now"), text
