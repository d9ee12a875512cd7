"""Where conversations and small privacy state live, and deleting conversations.

Everything goes through SQLAlchemy (1.4 API, as Rasa's tracker store does), so
SQLite and PostgreSQL work with the same code.
"""

from __future__ import annotations

import os
import time
from functools import lru_cache

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.privacy.files import private_database
from bot.settings import Settings, get_settings

METADATA = sa.MetaData()
NOTICES = sa.Table(
    "privacy_notices",
    METADATA,
    sa.Column("sender_id", sa.String(255), primary_key=True),
    sa.Column("told_at", sa.Float, nullable=False),
)
"""Conversations already told what was removed from their messages (told once)."""

EVENTS = sa.Table(
    "events",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    sa.Column("type_name", sa.String(255), nullable=False),
    sa.Column("timestamp", sa.Float),
    sa.Column("intent_name", sa.String(255)),
    sa.Column("action_name", sa.String(255)),
    sa.Column("data", sa.Text),
)
"""Rasa's SQL tracker store table (rasa.core.tracker_store.SQLTrackerStore.SQLEvent)."""


def tracker_url(settings: Settings | None = None) -> str:
    """The conversation store's SQLAlchemy URL (``TRACKER_URL``, else ``TRACKER_DB``'s file)."""
    settings = settings or get_settings()
    configured = getattr(settings, "tracker_url", "") or os.environ.get("TRACKER_URL", "").strip()
    return str(configured or f"sqlite:///{settings.tracker_db}")


def state_url(settings: Settings | None = None) -> str:
    """The small shared stores' URL (``STATE_URL``, else the tracker store's database)."""
    configured = os.environ.get("STATE_URL", "").strip()
    return configured or tracker_url(settings)


@lru_cache(maxsize=8)
def engine(url: str) -> Engine:
    """One engine per database URL; an SQLite file is created owner-only first."""
    return sa.create_engine(private_database(url), future=True)


def _events_table_exists(url: str) -> bool:
    return sa.inspect(engine(url)).has_table("events")


def forget_conversation(sender_id: str, url: str | None = None) -> int:
    """Delete every stored event of one conversation; return how many were deleted.

    Called by the tracker store when a conversation is restarted (``Restarted``
    event) and by ``python -m bot forget``.
    """
    url = url or tracker_url()
    deleted = 0
    with engine(url).begin() as connection:
        if _events_table_exists(url):
            deleted = connection.execute(
                EVENTS.delete().where(EVENTS.c.sender_id == sender_id)
            ).rowcount
    forget_notice(sender_id)
    return int(deleted)


def forget_older_than(
    seconds: float, url: str | None = None, now: float | None = None
) -> list[str]:
    """Delete every conversation whose last event is older than ``seconds``.

    Args:
        seconds: the age of the last message beyond which a conversation goes.
        url: the tracker store's URL; the configured one when ``None``.
        now: the current time as a Unix timestamp (tests pass a fake clock).

    Returns:
        The sender ids deleted.
    """
    url = url or tracker_url()
    if not _events_table_exists(url):
        return []
    cutoff = (time.time() if now is None else now) - seconds
    last = sa.func.max(EVENTS.c.timestamp)
    stale = sa.select(EVENTS.c.sender_id).group_by(EVENTS.c.sender_id).having(last < cutoff)
    with engine(url).begin() as connection:
        senders = [row[0] for row in connection.execute(stale)]
        if senders:
            connection.execute(EVENTS.delete().where(EVENTS.c.sender_id.in_(senders)))
    for sender in senders:
        forget_notice(sender)
    return senders


def told_before(sender_id: str) -> bool:
    """Record that ``sender_id`` is told what was removed; return whether it was already."""
    url = state_url()
    METADATA.create_all(engine(url))
    with engine(url).begin() as connection:
        found = connection.execute(
            sa.select(NOTICES.c.sender_id).where(NOTICES.c.sender_id == sender_id)
        ).first()
        if found is None:
            connection.execute(NOTICES.insert().values(sender_id=sender_id, told_at=time.time()))
    return found is not None


def forget_notice(sender_id: str) -> None:
    """Forget that a conversation was told (it is deleted, or starts again)."""
    url = state_url()
    METADATA.create_all(engine(url))
    with engine(url).begin() as connection:
        connection.execute(NOTICES.delete().where(NOTICES.c.sender_id == sender_id))
