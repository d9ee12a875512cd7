"""The decision audit store: one row per decision, no free text, its own retention.

SQLite at ``AUDIT_DB`` (default ``.run/audit.db``, created owner-only) or any
SQLAlchemy URL in ``AUDIT_URL`` (PostgreSQL), through SQLAlchemy's 1.4 API as
Rasa's tracker store is. A row holds: when, channel, policy version, a
pseudonymous conversation key (keyed hash), the facts (contract values only),
the level, the highest level, the rules fired and the agencies.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa

from bot.privacy.files import private_database
from bot.settings import Settings, get_settings

METADATA = sa.MetaData()
DECISIONS = sa.Table(
    "audit_decisions",
    METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("recorded_at", sa.Float, nullable=False, index=True),
    sa.Column("channel", sa.String(32), nullable=False),
    sa.Column("policy_version", sa.String(32), nullable=False),
    sa.Column("conversation_key", sa.String(64), nullable=False, index=True),
    sa.Column("level", sa.String(32), nullable=False),
    sa.Column("highest", sa.String(32), nullable=False),
    sa.Column("facts", sa.Text, nullable=False),
    sa.Column("fired", sa.Text, nullable=False),
    sa.Column("agencies", sa.Text, nullable=False),
)

FIELDS = (
    "id",
    "recorded_at",
    "channel",
    "policy_version",
    "conversation_key",
    "level",
    "highest",
    "facts",
    "fired",
    "agencies",
)
"""The columns of an export, in order."""


@dataclass(frozen=True)
class AuditRecord:
    """One logged decision."""

    id: int
    recorded_at: float
    channel: str
    policy_version: str
    conversation_key: str
    level: str
    highest: str
    facts: dict[str, Any]
    fired: list[str]
    agencies: list[str]

    @property
    def when(self) -> str:
        """The time of the decision, ISO 8601 in UTC."""
        return datetime.fromtimestamp(self.recorded_at, tz=timezone.utc).isoformat(
            timespec="seconds"
        )

    def as_dict(self) -> dict[str, Any]:
        """The record as exported (``recorded_at`` as ISO 8601 UTC)."""
        row = {name: getattr(self, name) for name in FIELDS}
        row["recorded_at"] = self.when
        return row


def clean_facts(facts: Mapping[str, Any]) -> dict[str, Any]:
    """Only contract facts with contract values (no free text can pass)."""
    from bot import FactError, validate_fact

    clean: dict[str, Any] = {}
    for name, value in facts.items():
        if value is None:
            continue
        try:
            clean[name] = validate_fact(name, value)
        except FactError:
            continue
    return clean


class AuditStore:
    """Append decisions, read them back, delete those past retention.

    Args:
        url: an SQLAlchemy URL; an ``sqlite:///`` file is created owner-only.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = sa.create_engine(private_database(url), future=True)
        METADATA.create_all(self.engine)

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> AuditStore:
        """The store ``AUDIT_URL`` or ``AUDIT_DB`` names."""
        settings = settings or get_settings()
        return cls(settings.audit_url or f"sqlite:///{settings.audit_db}")

    def append(
        self,
        decision: Mapping[str, Any],
        facts: Mapping[str, Any],
        channel: str,
        conversation_key: str,
        now: float | None = None,
    ) -> None:
        """Append one decision (the contract's decision object and the facts it was made from)."""
        row = {
            "recorded_at": time.time() if now is None else now,
            "channel": str(channel or "unknown")[:32],
            "policy_version": str(decision.get("policy_version", "")),
            "conversation_key": conversation_key,
            "level": str(decision.get("level", "")),
            "highest": str((decision.get("range") or {}).get("highest", "")),
            "facts": json.dumps(clean_facts(facts), sort_keys=True),
            "fired": json.dumps([str(f.get("rule")) for f in decision.get("fired", [])]),
            "agencies": json.dumps([str(a.get("id")) for a in decision.get("agencies", [])]),
        }
        with self.engine.begin() as connection:
            connection.execute(DECISIONS.insert().values(**row))

    def records(self, since: float | None = None) -> Iterator[AuditRecord]:
        """Every record (made at or after ``since``, if given), oldest first."""
        query = sa.select(DECISIONS).order_by(DECISIONS.c.id)
        if since is not None:
            query = query.where(DECISIONS.c.recorded_at >= since)
        with self.engine.connect() as connection:
            rows = connection.execute(query).mappings().all()
        for row in rows:
            yield AuditRecord(
                id=int(row["id"]),
                recorded_at=float(row["recorded_at"]),
                channel=row["channel"],
                policy_version=row["policy_version"],
                conversation_key=row["conversation_key"],
                level=row["level"],
                highest=row["highest"],
                facts=json.loads(row["facts"]),
                fired=json.loads(row["fired"]),
                agencies=json.loads(row["agencies"]),
            )

    def delete_older_than(self, seconds: float, now: float | None = None) -> int:
        """Delete records made more than ``seconds`` ago; return how many."""
        cutoff = (time.time() if now is None else now) - seconds
        with self.engine.begin() as connection:
            result = connection.execute(DECISIONS.delete().where(DECISIONS.c.recorded_at < cutoff))
        return int(result.rowcount)
