"""The conversation store: Rasa's SQL tracker store, failing loudly instead of silently.

Rasa wraps every tracker store in a ``FailSafeTrackerStore`` that, when a
save fails, writes the turn to memory and carries on: the reply then shows
the next question while the stored conversation is still on the old one.
:class:`LoudSQLTrackerStore` is used unwrapped (see :func:`install`): a
failed read or save raises :class:`~bot.stores.turn.StoreUnavailable`, which
the channels turn into "your answer was not saved, send it again", and the
store's health says so until a save works again.

A SQLite file that disappears (deleted, replaced) is recreated with empty
tables, logged, and reported as ``degraded`` by the health route; the first
reply of each conversation the new file does not know says that earlier
answers were lost. Configured by ``bot.serve.write_endpoints``::

    tracker_store:
      type: bot.stores.tracker.LoudSQLTrackerStore
      dialect: sqlite            # or: url: postgresql://user:pass@host/db
      db: /path/conversations.db
      state_url: ""              # optional: STATE_URL for message ids
      cache_conversations: 256   # optional: conversations kept in memory, 0 for none

A turn reads its conversation from this process's copy when the database
still holds exactly the rows the copy came from (``bot.stores.tracker_cache``);
otherwise, and always with ``RASA_SPEEDUPS=off``, it reads every row as Rasa does.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from bot.stores.tracker_cache import (
    DEFAULT_CONVERSATIONS,
    Stamp,
    TrackerCache,
    rows_statement,
    stamp_statement,
)
from bot.stores.turn import STORE_HEALTH, StoreUnavailable, TurnNotRecorded, current_turn

logger = logging.getLogger(__name__)

RESET_NOTICE_SECONDS = 24 * 3600
"""For how long after a recreated database new conversations hear that answers were lost."""

SQLITE_BUSY_SECONDS = 2.0
"""How long a SQLite write waits for a locked file before the turn is reported not saved."""

_probe_metadata = sa.MetaData()
_probe_table = sa.Table(
    "store_probe",
    _probe_metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("checked_at", sa.Float),
)

_current: LoudSQLTrackerStore | None = None


def current_store() -> LoudSQLTrackerStore | None:
    """The conversation store of this process, once Rasa has created it."""
    return _current


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return info.st_dev, info.st_ino


def _first_line(error: BaseException) -> str:
    return (str(error).splitlines() or [""])[0][:200]


class LoudSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store that never falls back to memory.

    Takes SQLTrackerStore's arguments (``dialect``, ``host`` or ``url``,
    ``db``, ...) plus ``state_url``: where the shared small stores live
    (empty: this store's own database), and ``cache_conversations``: how many
    conversations this process keeps decoded (0: none, every read is Rasa's).
    """

    engine: sa.engine.Engine

    def __init__(
        self,
        domain: Domain | None = None,
        dialect: str = "sqlite",
        host: str | None = None,
        port: int | None = None,
        db: str = "rasa.db",
        username: str | None = None,
        password: str | None = None,
        event_broker: Any = None,
        login_db: str | None = None,
        query: dict | None = None,
        state_url: str | None = None,
        cache_conversations: int | str | None = None,
        **kwargs: Any,
    ) -> None:
        if dialect == "sqlite" and not (host and "://" in host) and db != ":memory:":
            Path(db).parent.mkdir(parents=True, exist_ok=True)
        super().__init__(
            domain, dialect, host, port, db, username, password, event_broker, login_db, query
        )
        url = self.engine.url
        self._sqlite_path: Path | None = None
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            self._sqlite_path = Path(str(url.database)).resolve()
            self.engine.dispose()
            self.engine = sa.create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        else:
            self.engine.dispose()
            self.engine = sa.create_engine(url, pool_pre_ping=True)
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        self._identity = _file_identity(self._sqlite_path) if self._sqlite_path else None
        self.state_url = state_url or url.render_as_string(hide_password=False)
        size = DEFAULT_CONVERSATIONS if cache_conversations in (None, "") else cache_conversations
        if os.environ.get("RASA_SPEEDUPS", "on").strip().lower() == "off":
            size = 0
        self.cache = TrackerCache(int(size or 0))
        events = self.SQLEvent.__table__
        self._stamp_query = stamp_statement(events)
        self._rows_query = rows_statement(events)
        self._insert_events = events.insert()
        install()
        global _current
        _current = self

    def _check_file(self) -> None:
        """Recreate the SQLite file if it disappeared, and say so (log and health)."""
        if self._sqlite_path is None or _file_identity(self._sqlite_path) == self._identity:
            return
        logger.error(
            "The conversation store %s was deleted or replaced: recreating it. "
            "Conversations from before now are lost.",
            self._sqlite_path,
        )
        self.engine.dispose()
        self._sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        self.Base.metadata.create_all(self.engine)
        self._identity = _file_identity(self._sqlite_path)
        self.cache.clear()
        STORE_HEALTH.was_reset("its database file was deleted or replaced")

    def _failed(self, doing: str, error: Exception) -> StoreUnavailable:
        STORE_HEALTH.failed(error)
        logger.error("The conversation store could not %s: %s", doing, _first_line(error))
        return StoreUnavailable(f"could not {doing}: {_first_line(error)}")

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """Read a conversation; raise StoreUnavailable if the store cannot be read."""
        try:
            self._check_file()
            if self.cache.size:
                tracker = self._read(sender_id)
            else:
                tracker = await super().retrieve(sender_id)
        except Exception as error:
            raise self._failed("read a conversation", error) from error
        self._note_new_after_reset(tracker)
        return tracker

    async def retrieve_full_tracker(self, conversation_id: str) -> DialogueStateTracker | None:
        """Read a whole conversation; raise StoreUnavailable if the store cannot be read."""
        try:
            self._check_file()
            return await super().retrieve_full_tracker(conversation_id)
        except Exception as error:
            raise self._failed("read a conversation", error) from error

    async def keys(self) -> Iterable[str]:
        """Every conversation id; raise StoreUnavailable if the store cannot be read."""
        try:
            self._check_file()
            return await super().keys()
        except Exception as error:
            raise self._failed("list conversations", error) from error

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Save a turn, or raise: TurnNotRecorded after an action-server failure,
        StoreUnavailable when the database refuses it."""
        turn = current_turn()
        if turn is not None and turn.action_failure:
            raise TurnNotRecorded(turn.action_failure)
        try:
            self._check_file()
            if self.cache.size:
                await self._save_new_events(tracker)
            else:
                await super().save(tracker)
        except Exception as error:
            self.cache.drop(tracker.sender_id)
            raise self._failed("save a turn", error) from error
        STORE_HEALTH.recovered()

    def _stamp(self, session: Any, sender_id: str) -> Stamp:
        return Stamp.of_row(session.execute(self._stamp_query, {"sender": sender_id}).one())

    def _read(self, sender_id: str) -> DialogueStateTracker | None:
        """Rasa's read of the latest session, from the kept copy while its stamp is current."""
        with self.session_scope() as session:
            events = None
            if self.cache.stamp(sender_id) is not None:
                stored = self._stamp(session, sender_id)
                events = self.cache.events(sender_id, stored)
            if events is None:
                rows = session.execute(self._rows_query, {"sender": sender_id}).all()
                events = [json.loads(row.data) for row in rows]
                if rows:
                    self.cache.put(sender_id, Stamp.of_rows(rows), events)
        if self.domain and events:
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        return None

    async def _save_new_events(self, tracker: DialogueStateTracker) -> None:
        """Rasa's save (append the events not stored yet), in one statement, keeping a copy."""
        await self.stream_events(tracker)
        sender_id = tracker.sender_id
        with self.session_scope() as session:
            before = self._stamp(session, sender_id)
            rows, saved = [], []
            for event in itertools.islice(tracker.events, before.count, len(tracker.events)):
                data = event.as_dict()
                text = json.dumps(data)
                rows.append(
                    {
                        "sender_id": sender_id,
                        "type_name": event.type_name,
                        "timestamp": data.get("timestamp"),
                        "intent_name": data.get("parse_data", {})
                        .get("intent", {})
                        .get(INTENT_NAME_KEY),
                        "action_name": data.get("name"),
                        "data": text,
                    }
                )
                saved.append(json.loads(text))
            if not rows:
                return
            session.execute(self._insert_events, rows)
            keep = (before.count == 0 or self.cache.stamp(sender_id) == before) and not any(
                event.get("event") == SessionStarted.type_name for event in saved
            )
            after = self._stamp(session, sender_id) if keep else None
            session.commit()
        if after is None:
            self.cache.drop(sender_id)
        else:
            self._keep_saved(sender_id, before, after, saved)

    def _keep_saved(
        self, sender_id: str, before: Stamp, after: Stamp, saved: list[dict[str, Any]]
    ) -> None:
        """Add the saved events to the copy, when the rows are now exactly the copy's and these.

        A new session is never added: Rasa's read then starts at its first event.
        """
        appended = after.count == before.count + len(saved) and (
            before.count == 0 or after.first_id == before.first_id
        )
        if not appended:
            self.cache.drop(sender_id)
        elif before.count == 0:
            self.cache.put(sender_id, after, saved)
        else:
            self.cache.extend(sender_id, before, after, saved)

    def _note_new_after_reset(self, tracker: DialogueStateTracker | None) -> None:
        turn = current_turn()
        reset_at = STORE_HEALTH.reset_at
        if (
            tracker is None
            and turn is not None
            and reset_at
            and time.time() - reset_at < RESET_NOTICE_SECONDS
        ):
            turn.new_after_reset = True

    def probe(self) -> dict[str, Any]:
        """Try a small write; return the health report (``status`` ok/failing/degraded)."""
        try:
            self._check_file()
            _probe_metadata.create_all(self.engine)
            with self.engine.begin() as connection:
                connection.execute(_probe_table.delete())
                connection.execute(_probe_table.insert().values(id=1, checked_at=time.time()))
        except Exception as error:
            STORE_HEALTH.failed(error)
        else:
            STORE_HEALTH.recovered()
        return STORE_HEALTH.report()


async def health_report() -> dict[str, Any]:
    """The conversation store's health: ``{"status": "ok" | "degraded" | "failing", ...}``.

    Tries a small write (in a worker thread) when the store is ours, so a
    read-only, locked or deleted database shows before a user meets it.
    """
    import asyncio

    store = current_store()
    if store is None:
        return STORE_HEALTH.report()
    return await asyncio.get_running_loop().run_in_executor(None, store.probe)


def install() -> None:
    """Use a LoudSQLTrackerStore as it is, not inside Rasa's silent in-memory fallback.

    Also installs the action-server guard (time limit, fail fast), which
    belongs with the store: a turn the action server failed is never saved.
    """
    from rasa.core.agent import Agent

    from bot.channels import guard_actions

    guard_actions.install()
    original = Agent._create_tracker_store
    if getattr(original, "_loud", False):
        return

    def create(store: TrackerStore | None, domain: Domain) -> TrackerStore:
        if isinstance(store, LoudSQLTrackerStore):
            store.domain = domain
            return store
        return original(store, domain)

    create._loud = True  # type: ignore[attr-defined]
    Agent._create_tracker_store = staticmethod(create)
