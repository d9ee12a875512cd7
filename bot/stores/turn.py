"""What went wrong during one turn, and the health of the conversation store.

A channel calls :func:`begin_turn` before handing a message to Rasa; the
tracker store and the action-server guard write into the returned
:class:`TurnState` (a context variable, so concurrent turns never mix), and
the channel reads it afterwards to tell the user what happened.
"""

from __future__ import annotations

import contextvars
import threading
import time
from dataclasses import dataclass, field
from typing import Any


class StoreUnavailable(Exception):
    """The conversation store could not read or save this turn; nothing was recorded."""


class TurnNotRecorded(Exception):
    """The turn was deliberately not saved (the action server failed during it)."""


@dataclass
class TurnState:
    """Faults met while handling one message.

    Attributes:
        action_failure: why the action server could not answer, if it could not.
        new_after_reset: the conversation was not found in a store that had
            been recreated after its database disappeared.
    """

    action_failure: str | None = None
    new_after_reset: bool = False


_CURRENT: contextvars.ContextVar[TurnState | None] = contextvars.ContextVar(
    "robust_turn", default=None
)


def begin_turn() -> TurnState:
    """Start recording the faults of the turn handled in this task."""
    state = TurnState()
    _CURRENT.set(state)
    return state


def current_turn() -> TurnState | None:
    """The turn being handled in this task, if a channel started one."""
    return _CURRENT.get()


@dataclass
class StoreHealth:
    """The conversation store's last known state, shown by the health routes."""

    failing: str | None = None
    failing_since: float | None = None
    reset_at: float | None = None
    reset_reason: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def failed(self, error: BaseException) -> None:
        """Record that a read or a save failed."""
        with self._lock:
            if self.failing is None:
                self.failing_since = time.time()
            self.failing = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"

    def recovered(self) -> None:
        """Record that a read or a save worked."""
        with self._lock:
            self.failing = None
            self.failing_since = None

    def was_reset(self, reason: str) -> None:
        """Record that the database was recreated (its earlier conversations are gone)."""
        with self._lock:
            self.reset_at = time.time()
            self.reset_reason = reason

    def report(self) -> dict[str, Any]:
        """``{"status": "ok" | "failing" | "degraded", ...}`` for the health route."""
        with self._lock:
            if self.failing:
                return {
                    "status": "failing",
                    "store": f"conversations cannot be saved: {self.failing}",
                    "since": self.failing_since,
                }
            if self.reset_at:
                return {
                    "status": "degraded",
                    "store": f"the conversation store was recreated ({self.reset_reason}); "
                    "conversations from before then are lost",
                    "since": self.reset_at,
                }
            return {"status": "ok"}


STORE_HEALTH = StoreHealth()
"""The health of this process's conversation store."""
