"""Small shared state on SQLAlchemy: replies by ``message_id``, and keys already seen.

Kept in a database (``STATE_URL``, by default the conversation store's own),
never in a process's memory, so a repeat reaches the same answer whichever
server gets it and after a restart. SQLite and PostgreSQL run the same code
(SQLAlchemy 1.4 Core).
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

logger = logging.getLogger(__name__)

KEEP_SECONDS = 7 * 24 * 3600
"""Replies and seen keys older than this are forgotten."""

T = TypeVar("T")

_metadata = sa.MetaData()
replies = sa.Table(
    "message_replies",
    _metadata,
    sa.Column("conversation_id", sa.String(255), primary_key=True),
    sa.Column("message_id", sa.String(64), primary_key=True),
    sa.Column("reply", sa.Text, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False, index=True),
)
seen = sa.Table(
    "seen_keys",
    _metadata,
    sa.Column("kind", sa.String(32), primary_key=True),
    sa.Column("key", sa.String(255), primary_key=True),
    sa.Column("created_at", sa.Float, nullable=False, index=True),
)


class StateStore:
    """Replies by message id and keys already seen, in one SQL database.

    Args:
        url: an SQLAlchemy URL (``sqlite:///path``, ``postgresql://...``).
    """

    def __init__(self, url: str) -> None:
        kwargs: dict[str, Any] = (
            {"connect_args": {"timeout": 2.0}}
            if url.startswith("sqlite")
            else {"pool_pre_ping": True}
        )
        self.engine = sa.create_engine(url, **kwargs)
        self._ready = False
        self._last_cleanup = 0.0

    def _run(self, work: Callable[[sa.engine.Connection], T]) -> T:
        """Run ``work`` in a transaction, creating the tables first if they are missing."""
        for attempt in (1, 2):
            try:
                if not self._ready:
                    _metadata.create_all(self.engine)
                    self._ready = True
                with self.engine.begin() as connection:
                    return work(connection)
            except IntegrityError:
                raise
            except SQLAlchemyError:
                if attempt == 2:
                    raise
                self._ready = False  # the database may have been recreated
        raise AssertionError("unreachable")

    def reply_for(self, conversation_id: str, message_id: str) -> list[dict[str, Any]] | None:
        """The reply first given to this message, or None if it was not seen."""
        query = sa.select(replies.c.reply).where(
            replies.c.conversation_id == conversation_id, replies.c.message_id == message_id
        )
        row = self._run(lambda c: c.execute(query).first())
        return None if row is None else list(json.loads(row[0]))

    def remember_reply(
        self, conversation_id: str, message_id: str, reply: list[dict[str, Any]]
    ) -> None:
        """Keep the reply to this message so a repeat gets it back."""
        row = {
            "conversation_id": conversation_id,
            "message_id": message_id,
            "reply": json.dumps(reply),
            "created_at": time.time(),
        }
        with contextlib.suppress(IntegrityError):  # a repeat raced this one elsewhere
            self._run(lambda c: c.execute(replies.insert().values(**row)))
        self._cleanup()

    def first_time(self, kind: str, key: str) -> bool:
        """Record ``key`` of ``kind``; return False if it was recorded before."""
        row = {"kind": kind, "key": key[:255], "created_at": time.time()}
        try:
            self._run(lambda c: c.execute(seen.insert().values(**row)))
        except IntegrityError:
            return False
        self._cleanup()
        return True

    def _cleanup(self) -> None:
        now = time.time()
        if now - self._last_cleanup < 3600:
            return
        self._last_cleanup = now
        cutoff = now - KEEP_SECONDS

        def forget(connection: sa.engine.Connection) -> None:
            connection.execute(replies.delete().where(replies.c.created_at < cutoff))
            connection.execute(seen.delete().where(seen.c.created_at < cutoff))

        try:
            self._run(forget)
        except SQLAlchemyError as error:
            logger.warning("Could not forget old message ids: %s", error)


class SeenKeys:
    """``add(key) -> bool`` like ``RecentKeys``, kept in the state store (survives restarts).

    If the state store cannot be reached the key counts as new (answering
    twice is better than never), and the failure is logged.
    """

    def __init__(self, kind: str, store: Callable[[], StateStore] | None = None) -> None:
        self.kind = kind
        self._store = store or state_store

    def add(self, key: str, value: str = "") -> bool:
        """Record ``key``; return False if it was seen before."""
        try:
            return self._store().first_time(self.kind, key)
        except SQLAlchemyError as error:
            logger.error("Could not check %s %r in the state store: %s", self.kind, key, error)
            return True


_stores: dict[str, StateStore] = {}
_lock = threading.Lock()


def state_store() -> StateStore:
    """This process's state store: the tracker store's ``state_url``, else ``STATE_URL``."""
    from bot.settings import get_settings
    from bot.stores.tracker import current_store

    tracker_store = current_store()
    url = tracker_store.state_url if tracker_store else get_settings().state_store_url
    with _lock:
        if url not in _stores:
            _stores[url] = StateStore(url)
        return _stores[url]
