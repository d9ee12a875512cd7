"""Speed up Rasa 3.6's check of action-server responses.

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

from functools import lru_cache
from typing import Any

from rasa.core.actions.action import RemoteAction
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.nlu.training_data.message import Message

_ORIGINAL = RemoteAction._validate_action_result


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


def install() -> None:
    """Use the compiled response check in this process (idempotent)."""
    RemoteAction._validate_action_result = _validate_action_result


def uninstall() -> None:
    """Go back to Rasa's own response check."""
    RemoteAction._validate_action_result = _ORIGINAL


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
        """Install the faster response check when the model's graph is built."""
        install()
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        """Return the messages unchanged."""
        return messages
