"""A time limit on the action server, and one failure per turn instead of many.

Rasa waits up to 5 minutes for each call to the action server and, when one
fails, carries on predicting, calling it again and again. Installed into the
Rasa process (by the tracker store, ``bot.stores.tracker.install``), this
guard gives each call :data:`ACTION_TIMEOUT_SECONDS`; after one failure in a
turn started by a channel (``bot.stores.turn.begin_turn``) every further call
fails at once, the turn is not saved (so no half-read answer is left in a
slot), and the channel tells the user the assistant cannot decide right now.
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any

from bot.stores.turn import current_turn

logger = logging.getLogger(__name__)

ACTION_TIMEOUT_SECONDS = float(os.environ.get("ACTION_TIMEOUT_SECONDS", "") or 6)
"""How long one call to the action server may take (the user hears within 10 s)."""


class ActionServerUnavailable(Exception):
    """The action server did not answer in time, or could not be reached."""


def install() -> None:
    """Wrap ``RemoteAction.run`` with the time limit and fail-fast (idempotent)."""
    from rasa.core.actions.action import ActionExecutionRejection, RemoteAction

    original = RemoteAction.run
    if getattr(original, "_guarded", False):
        return

    async def run(self: RemoteAction, *args: Any, **kwargs: Any) -> Any:
        turn = current_turn()
        if turn is not None and turn.action_failure:
            raise ActionServerUnavailable(turn.action_failure)
        try:
            return await asyncio.wait_for(
                original(self, *args, **kwargs), timeout=ACTION_TIMEOUT_SECONDS
            )
        except ActionExecutionRejection:
            raise
        except asyncio.TimeoutError:
            limit = ACTION_TIMEOUT_SECONDS
            reason = f"the action server did not answer {self.name()} in {limit:g} s"
        except Exception as error:
            reason = f"the action server failed on {self.name()}: {error}"
        logger.error("%s", reason)
        if turn is not None:
            turn.action_failure = reason
        raise ActionServerUnavailable(reason)

    run._guarded = True  # type: ignore[attr-defined]
    RemoteAction.run = run
