"""Rasa's ``tracker_store`` and ``lock_store`` endpoint sections, from URLs.

``TRACKER_URL`` is a SQLAlchemy URL (``sqlite:///path`` or
``postgresql://user:password@host:port/db``); ``LOCK_STORE_URL`` is a
``redis://[:password@]host:port/db`` URL, or empty for Rasa's in-memory lock
store (one process only).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import make_url

from bot.settings import SettingsError

TRACKER_STORE_TYPE = "bot.privacy.tracker_store.ForgetfulTrackerStore"
"""The conversation store for SQLite and PostgreSQL alike: it fails loudly instead of
falling back to memory (``bot.stores.tracker``) and forgets a restarted conversation."""

SHARED_LOCK_STORE = "bot.scale.redis_lock.SharedRedisLockStore"
"""Rasa's Redis lock store with atomic tickets that survive a dead server."""

LOCK_KEY_PREFIX = "assistant"
"""Prefix of the lock store's Redis keys (alphanumeric, as Rasa requires)."""


def tracker_store_endpoint(url: str) -> dict[str, Any]:
    """Rasa's SQL tracker store section for a SQLAlchemy ``url``.

    Raises:
        SettingsError: the URL is not SQLite or PostgreSQL.
    """
    try:
        parsed = make_url(url)
    except Exception as error:
        raise SettingsError(f"TRACKER_URL={url!r} is not a database URL") from error
    dialect = parsed.get_backend_name()
    if dialect == "sqlite":
        return {"type": TRACKER_STORE_TYPE, "dialect": "sqlite", "db": parsed.database or ""}
    if dialect != "postgresql":
        raise SettingsError(
            f"TRACKER_URL uses {dialect!r}; use sqlite:///<file> or postgresql://..."
        )
    section: dict[str, Any] = {
        "type": TRACKER_STORE_TYPE,
        "dialect": "postgresql",
        "url": parsed.host or "127.0.0.1",
        "port": parsed.port or 5432,
        "db": parsed.database or "postgres",
    }
    if parsed.username:
        section["username"] = parsed.username
    if parsed.password:
        section["password"] = parsed.password
    if parsed.query:
        section["query"] = dict(parsed.query)
    return section


def lock_store_endpoint(url: str) -> dict[str, Any] | None:
    """Rasa's Redis lock store section for a ``redis://`` ``url`` (None when empty).

    Raises:
        SettingsError: the URL is not ``redis://`` or ``rediss://``.
    """
    if not url:
        return None
    try:
        parsed = make_url(url)
    except Exception as error:
        raise SettingsError(f"LOCK_STORE_URL={url!r} is not a redis:// URL") from error
    if parsed.drivername not in ("redis", "rediss"):
        raise SettingsError(f"LOCK_STORE_URL={url!r} must start with redis:// or rediss://")
    section: dict[str, Any] = {
        "type": SHARED_LOCK_STORE,
        "url": parsed.host or "127.0.0.1",
        "port": parsed.port or 6379,
        "db": int(parsed.database or 0),
        "key_prefix": LOCK_KEY_PREFIX,
    }
    if parsed.username:
        section["username"] = parsed.username
    if parsed.password:
        section["password"] = parsed.password
    if parsed.drivername == "rediss":
        section["use_ssl"] = True
    return section
