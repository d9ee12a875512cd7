"""A time limit on the action server, and one failure per turn instead of many.

Rasa waits up to 5 minutes for each call to the action server and, when one
fails, carries on predicting, calling it again and again. Installed into the
Rasa process (by the tracker store, ``bot.stores.tracker.install``), this
guard gives each call :data:`ACTION_TIMEOUT_SECONDS`; after one failure in a
turn started by a channel (``bot.stores.turn.begin_turn``) every further call
fails at once, the turn is not saved (so no half-read answer is left in a
slot), and the channel tells the user the assistant cannot decide right now.
Until a call works again, later turns first check ``/health`` for at most 1 s.
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


PROBE_TIMEOUT_SECONDS = 1.0
"""After a failure, how long a quick ``/health`` check may take before each call."""


class ActionServerUnavailable(Exception):
    """The action server did not answer in time, or could not be reached."""


class _Breaker:
    """Remembers that the action server failed, so later turns check it quickly first.

    While ``suspect``, each call is preceded by ``GET /health`` with a 1 s
    limit: a hung server then costs every other user 1 s instead of the full
    time limit, and a recovered one is used again at once.
    """

    suspect = False

    @staticmethod
    async def healthy(webhook_url: str) -> bool:
        import aiohttp

        url = webhook_url.rsplit("/", 1)[0] + "/health"
        try:
            timeout = aiohttp.ClientTimeout(total=PROBE_TIMEOUT_SECONDS)
            async with (
                aiohttp.ClientSession(timeout=timeout) as session,
                session.get(url) as response,
            ):
                return response.status == 200
        except Exception:
            return False


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
        endpoint = getattr(self.action_endpoint, "url", None)
        if _Breaker.suspect and endpoint and not await _Breaker.healthy(endpoint):
            reason = f"the action server is not answering (checked before {self.name()})"
            logger.error("%s", reason)
            if turn is not None:
                turn.action_failure = reason
            raise ActionServerUnavailable(reason)
        try:
            result = await asyncio.wait_for(
                original(self, *args, **kwargs), timeout=ACTION_TIMEOUT_SECONDS
            )
            _Breaker.suspect = False
            return result
        except ActionExecutionRejection:
            _Breaker.suspect = False
            raise
        except asyncio.TimeoutError:
            limit = ACTION_TIMEOUT_SECONDS
            reason = f"the action server did not answer {self.name()} in {limit:g} s"
        except Exception as error:
            reason = f"the action server failed on {self.name()}: {error}"
        logger.error("%s", reason)
        _Breaker.suspect = True
        if turn is not None:
            turn.action_failure = reason
        raise ActionServerUnavailable(reason)

    run._guarded = True  # type: ignore[attr-defined]
    RemoteAction.run = run
