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
    {"events": [{"name": "no event key", "value": 1}]},
    {"events": [{"event": ["slot"], "name": "x", "value": 1}]},
    {"events": [{"event": "slot", "name": "x", "value": 1, "timestamp": "soon"}]},
    {"events": [{"event": "user", "text": 5}]},
    {"events": [{"event": "action", "name": "action_listen", "confidence": "high"}]},
    {"events": [{"event": "entities"}]},
    {"events": [{"event": "slot", "name": "x", "value": 1}, "not an event"]},
    "not an object",
]
EVERY_KIND = [
    {"event": "user", "text": "hi", "parse_data": {"intent": {"name": "greet", "confidence": 1}}},
    {"event": "action", "name": "action_listen", "policy": None, "confidence": 1.0},
    {"event": "slot", "name": "x", "value": [1, 2]},
    {"event": "entities", "entities": [{"entity": "age", "value": 7}]},
    {"event": "bot", "text": "Next?", "data": {}, "metadata": {}},
    {"event": "active_loop", "name": "assessment_form"},
    {"event": "followup", "name": "assessment_form"},
    {"event": "session_started", "timestamp": 1.5},
    {"event": "restart"},
    {"event": "reset_slots"},
    {"event": "rewind"},
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
    assert rasa_speedups._surely_valid(result) == (result in GOOD), "good answers skip the walk"


def _events_with_one_change(event):
    """The event, then the event with each of its keys given a value of the wrong kind."""
    yield event
    for key in event:
        for wrong in (None, 5, "text", [1], {"a": 1}):
            yield {**event, key: wrong}


@pytest.mark.parametrize("event", EVERY_KIND, ids=[e["event"] for e in EVERY_KIND])
def test_the_check_by_event_name_agrees_with_the_full_check(event):
    for changed in _events_with_one_change(event):
        result = {"events": [changed], "responses": []}
        expected = _messages(rasa_speedups._ORIGINAL, result)
        assert _messages(rasa_speedups._validate_action_result, result) == expected
        if rasa_speedups._surely_valid(result):
            assert expected is None, f"{changed} passed the short check but not Rasa's"


def test_install_and_uninstall():
    rasa_speedups.install()
    assert RemoteAction._validate_action_result is rasa_speedups._validate_action_result
    rasa_speedups.uninstall()
    assert RemoteAction._validate_action_result is rasa_speedups._ORIGINAL


def test_the_remembered_graph_walk_gives_rasas_nodes_in_rasas_order():
    from rasa.engine.graph import GraphSchema, SchemaNode

    def node(*needs):
        return SchemaNode({f"i{n}": name for n, name in enumerate(needs)}, object, "", "", {})

    schema = GraphSchema(
        {
            "tokens": node("__message__"),
            "features": node("tokens"),
            "intent": node("features", "tokens"),
            "fallback": node("intent"),
            "unused": node("tokens"),
        }
    )
    expected = [list(schema.minimal_graph_schema(t).nodes) for t in (["fallback"], ["unused"])]
    rasa_speedups.install()
    try:
        for _ in range(2):
            got = [list(schema.minimal_graph_schema(t).nodes) for t in (["fallback"], ["unused"])]
            assert got == expected
        assert schema.minimal_graph_schema(["fallback"]) is not schema.minimal_graph_schema(
            ["fallback"]
        ), "each caller gets its own schema"
    finally:
        rasa_speedups.uninstall()
    assert expected == [["tokens", "features", "intent", "fallback"], ["tokens", "unused"]]


def _random_events(seed):
    """A conversation with forms, rejections, reverts and restarts, seeded."""
    import random

    from rasa.shared.core.events import (
        ActionExecuted,
        ActionExecutionRejected,
        ActionReverted,
        ActiveLoop,
        Restarted,
        SessionStarted,
        SlotSet,
        UserUtteranceReverted,
        UserUttered,
    )

    chance = random.Random(seed)
    forms = ["assessment_form", "consent_form"]
    makers = [
        lambda: UserUttered("an answer", {"intent": {"name": "inform", "confidence": 1.0}}),
        lambda: ActionExecuted("action_listen"),
        lambda: ActionExecuted(chance.choice(forms)),
        lambda: ActionExecuted("action_respond"),
        lambda: ActiveLoop(chance.choice([*forms, None])),
        lambda: ActionExecutionRejected(chance.choice(forms)),
        lambda: SlotSet("child_age_years", chance.randint(1, 17)),
        lambda: UserUtteranceReverted(),
        lambda: ActionReverted(),
        lambda: Restarted(),
        lambda: SessionStarted(),
    ]
    weights = [8, 8, 6, 3, 3, 1, 6, 1, 1, 0.3, 0.3]
    return [chance.choices(makers, weights)[0]() for _ in range(120)]


@pytest.mark.parametrize("seed", range(12))
def test_the_events_that_count_are_rasas_after_every_added_event(seed):
    from rasa.shared.core.trackers import DialogueStateTracker

    events = _random_events(seed)
    ours = DialogueStateTracker("applied", [])
    rasa_speedups.install()
    try:
        for number, event in enumerate(events):
            ours.update(event)
            got = ours.applied_events()
            if number % 3 == 0:
                assert ours.applied_events() == got, "asking twice gives the same"
            got.append("changed by a caller")
            expected = rasa_speedups._ORIGINAL_APPLIED(ours)
            assert ours.applied_events() == expected, f"after event {number}: {event}"
        copied = ours.copy()
        assert copied.applied_events() == rasa_speedups._ORIGINAL_APPLIED(ours)
    finally:
        rasa_speedups.uninstall()


def test_every_deep_copy_skipped_is_one_made_for_a_debug_message():
    import ast
    import inspect

    for module in rasa_speedups.LOG_ONLY_COPIES:
        tree = ast.parse(inspect.getsource(module))
        in_debug_calls = set()
        for call in ast.walk(tree):
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr == "debug"
                and isinstance(call.func.value, ast.Name)
                and call.func.value.id == "structlogger"
            ):
                in_debug_calls |= {id(node) for node in ast.walk(call)}
        uses = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "copy"
        ]
        assert uses, f"{module.__name__} no longer uses copy: drop it from LOG_ONLY_COPIES"
        for node in uses:
            assert node.attr == "deepcopy" and id(node) in in_debug_calls, (
                f"{module.__name__} line {node.lineno}: copy.{node.attr} outside a debug message"
            )


def test_debug_copies_are_skipped_only_while_debug_messages_are_dropped():
    import logging

    import rasa.core.processor
    import structlog

    slots = {"facts": {"age": 7}}
    before = structlog.get_config()["wrapper_class"]
    rasa_speedups.install()
    try:
        structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.INFO))
        assert rasa.core.processor.copy.deepcopy(slots) is slots
        structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.DEBUG))
        copied = rasa.core.processor.copy.deepcopy(slots)
        assert copied == slots and copied is not slots and copied["facts"] is not slots["facts"]
    finally:
        rasa_speedups.uninstall()
        structlog.configure(wrapper_class=before)
    assert rasa.core.processor.copy.deepcopy(slots) is not slots
