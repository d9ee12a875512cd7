"""This process's copy of recent conversations, used only while the database still agrees.

Rasa rebuilds a conversation from every stored event on every turn: it reads
each row, decodes its JSON and replays it. :class:`TrackerCache` keeps, per
conversation, the decoded events of the conversation's latest session as this
process last read or wrote them, with the :class:`Stamp` of the rows they
came from. A turn first asks the database for the stamp of what it holds now
(one indexed aggregate query, :func:`stamp_statement`) and uses the copy only
when the stamps are equal; anything else (another server's turn, a forget, an
expiry, a recreated file) is a miss and the rows are read again.

Rows are never updated in place, only added or deleted, so equal stamps (same
number of rows, same first and last id, same latest timestamp) mean the same
rows. The copy is kept as pickled bytes, never as live objects, so nothing a
turn does to its tracker can change what the next turn gets.
"""

from __future__ import annotations

import pickle
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from rasa.shared.core.events import SessionStarted

DEFAULT_CONVERSATIONS = 256
"""How many conversations one process keeps (the least recently used go first)."""


@dataclass(frozen=True)
class Stamp:
    """What identifies a set of stored rows: how many, first and last id, latest timestamp."""

    count: int
    first_id: int | None
    last_id: int | None
    last_timestamp: float | None

    @classmethod
    def of_rows(cls, rows: Sequence[Any]) -> Stamp:
        """The stamp of rows with ``id`` and ``timestamp``, as the aggregate query gives it."""
        if not rows:
            return cls(0, None, None, None)
        ids = [row.id for row in rows]
        stamps = [row.timestamp for row in rows if row.timestamp is not None]
        return cls(len(rows), min(ids), max(ids), max(stamps) if stamps else None)

    @classmethod
    def of_row(cls, row: Any) -> Stamp:
        """The stamp from one result row of :func:`stamp_statement`."""
        count, first_id, last_id, last_timestamp = row
        return cls(int(count or 0), first_id, last_id, last_timestamp)


def latest_session(events: sa.Table, sender: Any) -> sa.sql.ColumnElement:
    """Rasa's filter for a conversation's latest session (``SQLTrackerStore._event_query``)."""
    session_start = (
        sa.select(sa.func.max(events.c.timestamp))
        .where(events.c.sender_id == sender, events.c.type_name == SessionStarted.type_name)
        .scalar_subquery()
    )
    return sa.and_(
        events.c.sender_id == sender,
        sa.or_(events.c.timestamp >= session_start, session_start.is_(None)),
    )


def stamp_statement(events: sa.Table) -> sa.sql.Select:
    """The stamp of a conversation's latest session; bind ``sender``."""
    return sa.select(
        sa.func.count(events.c.id),
        sa.func.min(events.c.id),
        sa.func.max(events.c.id),
        sa.func.max(events.c.timestamp),
    ).where(latest_session(events, sa.bindparam("sender")))


def rows_statement(events: sa.Table) -> sa.sql.Select:
    """Id, timestamp and JSON of a conversation's latest session, in order; bind ``sender``."""
    return (
        sa.select(events.c.id, events.c.timestamp, events.c.data)
        .where(latest_session(events, sa.bindparam("sender")))
        .order_by(events.c.id)
    )


@dataclass(frozen=True)
class _Entry:
    stamp: Stamp
    chunks: tuple[bytes, ...]


class TrackerCache:
    """Decoded events of recent conversations, each with the stamp of its stored rows.

    Args:
        size: how many conversations to keep; 0 keeps none.
    """

    def __init__(self, size: int = DEFAULT_CONVERSATIONS) -> None:
        self.size = max(0, int(size))
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)

    def stamp(self, sender_id: str) -> Stamp | None:
        """The stamp the kept copy of this conversation came from, if one is kept."""
        entry = self._entries.get(sender_id)
        return entry.stamp if entry else None

    def events(self, sender_id: str, stored: Stamp) -> list[dict[str, Any]] | None:
        """A fresh copy of the conversation's event dicts if its stamp is ``stored``, else None.

        A kept copy whose stamp differs is dropped: the database changed.
        """
        entry = self._entries.get(sender_id)
        if entry is None or entry.stamp != stored:
            self.misses += 1
            self._entries.pop(sender_id, None)
            return None
        self.hits += 1
        self._entries.move_to_end(sender_id)
        return [event for chunk in entry.chunks for event in pickle.loads(chunk)]

    def put(self, sender_id: str, stamp: Stamp, events: Iterable[dict[str, Any]]) -> None:
        """Keep these event dicts as the conversation's stored rows with ``stamp``."""
        self._keep(sender_id, _Entry(stamp, (_pickled(events),)))

    def extend(
        self, sender_id: str, before: Stamp, after: Stamp, events: Iterable[dict[str, Any]]
    ) -> bool:
        """Add events just saved to the copy whose stamp was ``before``; now ``after``.

        Returns False (and keeps nothing) when there is no such copy.
        """
        entry = self._entries.get(sender_id)
        if entry is None or entry.stamp != before:
            self._entries.pop(sender_id, None)
            return False
        self._keep(sender_id, _Entry(after, (*entry.chunks, _pickled(events))))
        return True

    def drop(self, sender_id: str) -> None:
        """Forget the copy of one conversation."""
        self._entries.pop(sender_id, None)

    def clear(self) -> None:
        """Forget every copy."""
        self._entries.clear()

    def _keep(self, sender_id: str, entry: _Entry) -> None:
        if not self.size:
            return
        self._entries[sender_id] = entry
        self._entries.move_to_end(sender_id)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)


def _pickled(events: Iterable[dict[str, Any]]) -> bytes:
    return pickle.dumps(list(events), protocol=pickle.HIGHEST_PROTOCOL)
