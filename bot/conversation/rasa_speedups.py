"""Speed up Rasa 3.6 where it repeats work on every turn, changing no message.

1. Checking action-server responses (below).
2. Finding an event's class by its name: Rasa walks every subclass of
   ``Event`` (recursively, with ``inspect.isabstract`` on each) for every
   event it reads, and it reads the whole conversation from the tracker store
   on every turn, so the walk runs about 80 times per turn late in an
   assessment. Profiled here (cProfile, 20 assessments at once) it was 8.5 s
   of the 76 s the Rasa server spent handling messages, more than the
   action-server calls (5.4 s) and far more than building what they send
   (0.4 s).
   ``_resolve_by_type`` answers from a table built once per name, with the
   same result and the same errors.
3. Reading a conversation from the SQL tracker store: Rasa loads every
   event as a full ORM object (identity map, state, every column) only to
   read its JSON ``data`` (5.5 s of the 76 s). ``_retrieve`` runs the same
   query for the ``data`` column alone and rebuilds the same tracker.
4. Finding the part of the model's graph a message needs: Rasa walks the
   graph's dependencies again for every message (recursively, without
   remembering nodes it has seen). ``_minimal_graph_schema`` remembers the
   answer for each set of targets of a graph that does not change.
5. Garbage collection: the loaded model leaves about 650,000 Python objects
   that live as long as the server, and every full collection walked them
   all (measured with gc callbacks: about 0.7 ms a turn under load). After the
   first message (the model is loaded by then) they are frozen
   (``gc.freeze()``): collections then look only at what turns create.
6. The events that count (``DialogueStateTracker.applied_events``): Rasa
   works them out from the first event several times a turn (session check,
   each prediction), and a form makes each pass look back over what it has
   kept so far. ``_applied_events`` remembers the last answer on the tracker
   and, when the tracker has only gained events since and they name no new
   form, carries on from it with Rasa's own steps: the same list.
7. Copies made only for debug logs: Rasa's processor, forms and rule policy
   deep-copy events, slot values and states for ``structlogger.debug(...)``
   calls, and Python evaluates the copy even when debug logs are off (the
   slot values alone are copied after every action). Those three modules see
   a ``copy`` whose ``deepcopy`` hands the value back unchanged while
   structlog drops debug messages, and copies as before when it keeps them.
   Every ``copy.deepcopy`` in them is an argument of a debug call (a test
   reads their source to keep it so).

Rasa 3.6 checks every response of the action server with
``jsonschema.validate(result, schema)``, and ``validate`` first re-checks
Rasa's own, constant, response schema against the JSON-Schema meta-schema.
Measured here that takes about 48 ms per custom-action call, more than the
rest of a form turn (the floor bot, with no custom actions, never pays it).

``install()`` replaces ``RemoteAction._validate_action_result`` with the same
check done by a validator compiled once: the same schema, the same
``best_match`` error, the same message. Most of what is left of that check
is the schema's ``oneOf`` over 23 event kinds, tried for every event (and an
error object built for each of the 22 that do not match). Each kind names
itself (``"event": {"const": ...}``), so an event passes the ``oneOf``
exactly when it passes the one branch its name picks: a response whose every
event passes its own branch is valid; anything else gets the full check.
``FastActionResponseCheck`` is a no-op pipeline component (config.yml) whose
only job is to call ``install()`` inside whichever process loads the model
(``rasa run``, ``rasa shell``, ``rasa test``), so no launcher has to remember it.

The tracker store's own speed-ups (a per-process copy of each conversation
checked against the database, one statement per save) are in
``bot.stores.tracker_cache``; ``RASA_SPEEDUPS=off`` turns them off too.

This module imports Rasa; the rest of ``bot.conversation`` does not.
"""

from __future__ import annotations

import copy
import gc
import itertools
import json
import os
from functools import lru_cache
from typing import Any

import rasa.core.actions.forms
import rasa.core.policies.rule_policy
import rasa.core.processor
import structlog
from rasa.core.actions.action import RemoteAction
from rasa.core.tracker_store import SQLTrackerStore
from rasa.engine.graph import ExecutionContext, GraphComponent, GraphSchema
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Event,
    Restarted,
    SessionStarted,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.training_data.message import Message

_ORIGINAL = RemoteAction._validate_action_result
_ORIGINAL_RESOLVE = Event.__dict__["resolve_by_type"]
_EVENT_CLASSES: dict[str, type[Event] | None] = {}
_ORIGINAL_RETRIEVE = SQLTrackerStore._retrieve
_ORIGINAL_MINIMAL = GraphSchema.minimal_graph_schema
_MINIMAL_SCHEMAS: dict[tuple[int, int, tuple[str, ...]], tuple[GraphSchema, GraphSchema]] = {}
_ORIGINAL_APPLIED = DialogueStateTracker.applied_events
_APPLIED = "_speedups_applied_events"
_frozen = False


@lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema.validators import validator_for

    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@lru_cache(maxsize=1)
def _checks_by_event() -> tuple[Any, dict[str, Any]] | None:
    """The response schema without ``events``, and a validator per event name.

    Each event validator is the schema's event item with its ``oneOf`` replaced
    by the one branch whose ``const`` is that name. None when the schema is not
    of that shape (then every response gets the full check).
    """
    schema = RemoteAction.action_response_format_spec()
    events = schema.get("properties", {}).get("events", {})
    item = events.get("items", {})
    branches = item.get("oneOf", [])
    names = [branch.get("properties", {}).get("event", {}).get("const") for branch in branches]
    if (
        set(events) != {"type", "items"}
        or events["type"] != "array"
        or not names
        or not all(isinstance(name, str) for name in names)
        or len(set(names)) != len(names)
    ):
        return None
    cls = _validator().__class__
    base = {key: value for key, value in item.items() if key != "oneOf"}
    by_name = {
        name: cls({**base, "allOf": [branch]}) for name, branch in zip(names, branches, strict=True)
    }
    rest = {
        **schema,
        "properties": {k: v for k, v in schema["properties"].items() if k != "events"},
    }
    return cls(rest), by_name


def _surely_valid(result: Any) -> bool:
    """True only when the full check would pass; False leaves it to the full check."""
    checks = _checks_by_event()
    if checks is None or not isinstance(result, dict):
        return False
    rest, by_name = checks
    if "events" in result:
        if not isinstance(result["events"], list):
            return False
        for event in result["events"]:
            name = event.get("event") if isinstance(event, dict) else None
            check = by_name.get(name) if isinstance(name, str) else None
            if check is None or not check.is_valid(event):
                return False
    return bool(rest.is_valid({k: v for k, v in result.items() if k != "events"}))


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """Rasa's check of an action-server response, with the schema compiled once."""
    from jsonschema.exceptions import best_match

    if _surely_valid(result):
        return True
    error = best_match(_validator().iter_errors(result))
    if error is not None:
        error.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def _resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    """``Event.resolve_by_type`` with the subclass walk done once per event name."""
    if type_name not in _EVENT_CLASSES:
        try:
            _EVENT_CLASSES[type_name] = _ORIGINAL_RESOLVE.__func__(type_name)
        except ValueError:
            if default is None:
                raise
            return default
    return _EVENT_CLASSES[type_name]  # None only for "topic", as in Rasa


async def _retrieve(
    self: SQLTrackerStore, sender_id: str, fetch_events_from_all_sessions: bool
) -> DialogueStateTracker | None:
    """``SQLTrackerStore._retrieve`` reading only the events' JSON column."""
    with self.session_scope() as session:
        query = self._event_query(
            session, sender_id, fetch_events_from_all_sessions=fetch_events_from_all_sessions
        )
        events = [json.loads(row.data) for row in query.with_entities(self.SQLEvent.data)]
    if self.domain and events:
        return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
    return None


def _minimal_graph_schema(self: GraphSchema, targets: list[str] | None = None) -> GraphSchema:
    """``GraphSchema.minimal_graph_schema``, worked out once per graph and targets."""
    key = (id(self), len(self.nodes), tuple(targets or ()))
    known = _MINIMAL_SCHEMAS.get(key)
    if known is None or known[0] is not self:
        if len(_MINIMAL_SCHEMAS) > 64:  # graphs of a training run come and go
            _MINIMAL_SCHEMAS.clear()
        known = (self, _ORIGINAL_MINIMAL(self, targets))
        _MINIMAL_SCHEMAS[key] = known
    return GraphSchema(dict(known[1].nodes))


def _loop_names(events: Any) -> set[str]:
    return {event.name for event in events if isinstance(event, ActiveLoop) and event.name}


def _apply(
    tracker: DialogueStateTracker, event: Event, applied: list[Event], loop_names: set[str]
) -> None:
    """One step of Rasa 3.6's ``DialogueStateTracker.applied_events`` loop, unchanged."""
    if isinstance(event, (Restarted, SessionStarted)):
        applied.clear()
    elif isinstance(event, ActionReverted):
        tracker._undo_till_previous(ActionExecuted, applied)
    elif isinstance(event, UserUtteranceReverted):
        tracker._undo_till_previous(UserUttered, applied)
        tracker._undo_till_previous(ActionExecuted, applied)
    elif (
        isinstance(event, ActionExecuted)
        and event.action_name in loop_names
        and not tracker._first_loop_execution_or_unhappy_path(event.action_name, applied)
    ):
        tracker._undo_till_previous_loop_execution(event.action_name, applied)
    else:
        applied.append(event)


def _applied_events(self: DialogueStateTracker) -> list[Event]:
    """``applied_events``, carried on from the last answer when only events were added.

    The last answer is kept with the tracker's event list, its length, its first
    and last event and the form names it saw; it is used only when the list is
    the same object, its first events are those same events, and what was
    added names no other form (a new name changes how earlier events count).
    """
    events = self.events
    count = len(events)
    kept = self.__dict__.get(_APPLIED)
    if kept is not None:
        kept_events, kept_count, first, last, loop_names, applied = kept
        if (
            kept_events is events
            and 0 < kept_count <= count
            and events[0] is first
            and events[kept_count - 1] is last
        ):
            added = list(itertools.islice(events, kept_count, count))
            if _loop_names(added) <= loop_names:
                applied = list(applied)
                for event in added:
                    _apply(self, event, applied, loop_names)
                self.__dict__[_APPLIED] = (events, count, first, events[-1], loop_names, applied)
                return list(applied)
    applied = _ORIGINAL_APPLIED(self)
    if count:
        self.__dict__[_APPLIED] = (
            events,
            count,
            events[0],
            events[-1],
            _loop_names(events),
            list(applied),
        )
    return applied


LOG_ONLY_COPIES = (rasa.core.processor, rasa.core.actions.forms, rasa.core.policies.rule_policy)
"""Rasa modules whose every ``copy.deepcopy`` is for a debug log message."""


def debug_logs_dropped() -> bool:
    """True when structlog, as configured now, drops debug messages."""
    from structlog._native import _nop

    wrapper = structlog.get_config().get("wrapper_class")
    return getattr(wrapper, "debug", None) is _nop


class _CopyForDebugLogs:
    """The ``copy`` module, but ``deepcopy`` does nothing while debug logs are dropped."""

    def __getattr__(self, name: str) -> Any:
        return getattr(copy, name)

    @staticmethod
    def deepcopy(value: Any, memo: dict[int, Any] | None = None) -> Any:
        """``copy.deepcopy``, or ``value`` itself when no debug message will be written."""
        if debug_logs_dropped():
            return value
        return copy.deepcopy(value, memo)


def freeze_loaded_objects() -> None:
    """Once: collect garbage, then leave every object alive now out of later collections."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.collect()
        gc.freeze()


def install() -> None:
    """Use the compiled response check, the event-class table, the lean read, the graph memo."""
    RemoteAction._validate_action_result = _validate_action_result
    Event.resolve_by_type = staticmethod(_resolve_by_type)
    SQLTrackerStore._retrieve = _retrieve
    GraphSchema.minimal_graph_schema = _minimal_graph_schema
    DialogueStateTracker.applied_events = _applied_events
    for module in LOG_ONLY_COPIES:
        module.copy = _CopyForDebugLogs()


def uninstall() -> None:
    """Go back to Rasa's own response check, event lookup, tracker read and graph walk."""
    RemoteAction._validate_action_result = _ORIGINAL
    Event.resolve_by_type = _ORIGINAL_RESOLVE
    SQLTrackerStore._retrieve = _ORIGINAL_RETRIEVE
    GraphSchema.minimal_graph_schema = _ORIGINAL_MINIMAL
    DialogueStateTracker.applied_events = _ORIGINAL_APPLIED
    for module in LOG_ONLY_COPIES:
        module.copy = copy
    _EVENT_CLASSES.clear()
    _MINIMAL_SCHEMAS.clear()


def speedups_on() -> bool:
    """False when ``RASA_SPEEDUPS=off`` asks for Rasa as it is (bench/conversation.py)."""
    return os.environ.get("RASA_SPEEDUPS", "on").strip().lower() != "off"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class FastActionResponseCheck(GraphComponent):
    """A pipeline component that changes no message and installs the faster check."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> FastActionResponseCheck:
        """Install the speed-ups when the model's graph is built.

        ``RASA_SPEEDUPS=off`` in the environment leaves Rasa as it is, so
        bench/conversation.py can measure both in one run.
        """
        if speedups_on():
            install()
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        """Return the messages unchanged (freezing the loaded model's objects the first time)."""
        if not _frozen and speedups_on():
            freeze_loaded_objects()
        return messages
