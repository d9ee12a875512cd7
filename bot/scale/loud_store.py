"""Rasa's SQL tracker store, without Rasa's silent fall-back to memory.

Rasa wraps every tracker store in ``FailSafeTrackerStore``: when the database
is down it logs, starts the user on an empty conversation and keeps the turn
in one process's memory. With several servers that is a silent loss (the next
turn goes elsewhere, the answer is gone). Importing this module makes the
wrapper re-raise instead, so the channel answers "not saved, send it again"
(the web webhook's error) and nothing is saved anywhere but the database.

The robustness work (bot/stores/) owns the general loud tracker store; this
one is what the scaled-out setup uses until the two are merged.
"""

from __future__ import annotations

from typing import Any, NoReturn

import sqlalchemy as sa
from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore, create_engine_kwargs


def _raise(self: FailSafeTrackerStore, error: Exception) -> NoReturn:
    raise error


def install() -> None:
    """Make Rasa's fail-safe wrapper re-raise store errors in this process."""
    FailSafeTrackerStore.on_tracker_store_error = _raise
    FailSafeTrackerStore.on_tracker_store_retrieve_error = _raise


class LoudSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` whose failures reach the user instead of memory.

    Its connections are checked before use (``pool_pre_ping``), so the first
    turn after a database restart works instead of failing on a dead connection.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        first: sa.engine.Engine = vars(self)["engine"]
        url = first.url
        first.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)


install()
