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

Rasa 3.6 checks every response of the action server with
``jsonschema.validate(result, schema)``, and ``validate`` first re-checks
Rasa's own, constant, response schema against the JSON-Schema meta-schema.
Measured here that takes about 48 ms per custom-action call, more than the
rest of a form turn (the floor bot, with no custom actions, never pays it).

``install()`` replaces ``RemoteAction._validate_action_result`` with the same
check done by a validator compiled once: the same schema, the same
``best_match`` error, the same message. ``FastActionResponseCheck`` is a
no-op pipeline component (config.yml) whose only job is to call ``install()``
inside whichever process loads the model (``rasa run``, ``rasa shell``,
``rasa test``), so no launcher has to remember it.

This module imports Rasa; the rest of ``bot.conversation`` does not.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from typing import Any

from rasa.core.actions.action import RemoteAction
from rasa.core.tracker_store import SQLTrackerStore
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.training_data.message import Message

_ORIGINAL = RemoteAction._validate_action_result
_ORIGINAL_RESOLVE = Event.__dict__["resolve_by_type"]
_EVENT_CLASSES: dict[str, type[Event] | None] = {}
_ORIGINAL_RETRIEVE = SQLTrackerStore._retrieve


@lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema.validators import validator_for

    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """Rasa's check of an action-server response, with the schema compiled once."""
    from jsonschema.exceptions import best_match

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


def install() -> None:
    """Use the compiled response check, the event-class table and the lean read here."""
    RemoteAction._validate_action_result = _validate_action_result
    Event.resolve_by_type = staticmethod(_resolve_by_type)
    SQLTrackerStore._retrieve = _retrieve


def uninstall() -> None:
    """Go back to Rasa's own response check, event lookup and tracker read."""
    RemoteAction._validate_action_result = _ORIGINAL
    Event.resolve_by_type = _ORIGINAL_RESOLVE
    SQLTrackerStore._retrieve = _ORIGINAL_RETRIEVE
    _EVENT_CLASSES.clear()


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
        if os.environ.get("RASA_SPEEDUPS", "on").strip().lower() != "off":
            install()
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        """Return the messages unchanged."""
        return messages
