"""The compiled response check accepts and rejects exactly what Rasa's own does."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from bot.conversation import rasa_speedups

GOOD = [
    {"events": [], "responses": []},
    {
        "events": [
            {"event": "slot", "timestamp": None, "name": "child_age_years", "value": 7},
            {"event": "active_loop", "name": None},
            {"event": "followup", "name": "assessment_form"},
        ],
        "responses": [{"text": "How old?", "buttons": [{"title": "7", "payload": "7"}]}],
    },
]
BAD = [
    {"events": [{"event": "slot", "name": 5}]},
    {"events": [{"event": "no_such_event"}]},
    {"events": "not a list"},
    {"responses": ["not an object"]},
]


def _messages(check, result):
    action = RemoteAction("validate_assessment_form", None)
    try:
        check(action, result)
    except ValidationError as error:
        return error.message
    return None


@pytest.mark.parametrize("result", GOOD + BAD)
def test_same_verdict_and_message_as_rasa(result):
    expected = _messages(rasa_speedups._ORIGINAL, result)
    assert _messages(rasa_speedups._validate_action_result, result) == expected
    assert (expected is None) == (result in GOOD)


def test_install_and_uninstall():
    rasa_speedups.install()
    assert RemoteAction._validate_action_result is rasa_speedups._validate_action_result
    rasa_speedups.uninstall()
    assert RemoteAction._validate_action_result is rasa_speedups._ORIGINAL
