"""Conversations that expire or are forgotten: the real Rasa SQL tracker store on SQLite."""

from __future__ import annotations

import asyncio
import dataclasses
import sqlite3
import stat
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Restarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.cli import main
from bot.privacy.expiry import DAY, expire_once, parse_duration
from bot.privacy.stores import forget_conversation, forget_older_than
from bot.privacy.tracker_store import ForgetfulTrackerStore
from bot.settings import PROJECT_ROOT, get_settings

NOW = 1_800_000_000.0


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(PROJECT_ROOT / "domain.yml"))


@pytest.fixture
def store(tmp_path: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch) -> ForgetfulTrackerStore:
    db = tmp_path / "run" / "conversations.db"
    monkeypatch.setenv("TRACKER_DB", str(db))
    monkeypatch.delenv("TRACKER_URL", raising=False)
    monkeypatch.delenv("STATE_URL", raising=False)
    return ForgetfulTrackerStore(domain=domain, dialect="sqlite", db=str(db))


def _talk(
    store: ForgetfulTrackerStore, sender: str, last_message_at: float, *extra: object
) -> None:
    events = [
        ActionExecuted("action_listen", timestamp=last_message_at - 60),
        UserUttered("hello", {"name": "greet"}, timestamp=last_message_at),
        BotUttered("Hello.", timestamp=last_message_at + 1),
        *extra,
    ]
    tracker = DialogueStateTracker.from_events(sender, events, store.domain.slots)  # type: ignore[arg-type]
    asyncio.run(store.save(tracker))


def _senders(store: ForgetfulTrackerStore) -> set[str]:
    with sqlite3.connect(store.engine.url.database) as db:
        return {row[0] for row in db.execute("SELECT DISTINCT sender_id FROM events")}


def test_the_store_file_is_owner_only(store: ForgetfulTrackerStore) -> None:
    path = Path(str(store.engine.url.database))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_conversations_go_a_set_time_after_their_last_message(store: ForgetfulTrackerStore) -> None:
    _talk(store, "old", NOW - 8 * DAY)
    _talk(store, "recent", NOW - 2 * DAY)
    assert forget_older_than(7 * DAY, now=NOW) == ["old"]
    assert _senders(store) == {"recent"}
    assert forget_older_than(7 * DAY, now=NOW + 6 * DAY) == ["recent"]
    assert _senders(store) == set()


def test_the_running_servers_expiry_uses_conversation_days(
    store: ForgetfulTrackerStore, tmp_path: Path
) -> None:
    _talk(store, "three-days", NOW - 3 * DAY)
    _talk(store, "one-day", NOW - 1 * DAY)
    settings = dataclasses.replace(
        get_settings(), conversation_days=2, audit_db=tmp_path / "run" / "audit.db", audit_url=""
    )
    assert expire_once(settings, now=NOW) == (1, 0)
    assert _senders(store) == {"one-day"}


def test_forget_on_the_command_line(
    store: ForgetfulTrackerStore, capsys: pytest.CaptureFixture[str]
) -> None:
    _talk(store, "ancient", 1_000_000_000.0)
    _talk(store, "now", 4_000_000_000.0)
    assert main(["forget", "--older-than", "7d"]) == 0
    assert "Deleted 1 conversation." in capsys.readouterr().out
    assert _senders(store) == {"now"}
    with pytest.raises(SystemExit) as refused:
        main(["forget", "--older-than", "a week"])
    assert refused.value.code == 2


def test_a_restart_deletes_the_conversation_at_once(store: ForgetfulTrackerStore) -> None:
    _talk(store, "keep", NOW)
    _talk(store, "gone", NOW, Restarted(timestamp=NOW + 2))
    assert _senders(store) == {"keep"}
    after = UserUttered("new start", {"name": "greet"}, timestamp=NOW + 3)
    _talk(store, "again", NOW, Restarted(timestamp=NOW + 2), after)
    kept = asyncio.run(store.retrieve("again"))
    assert kept is not None
    assert [e.text for e in kept.events if isinstance(e, UserUttered)] == ["new start"]


def test_forget_conversation_deletes_one_conversation(store: ForgetfulTrackerStore) -> None:
    _talk(store, "one", NOW)
    _talk(store, "two", NOW)
    assert forget_conversation("one") == 3
    assert _senders(store) == {"two"}


@pytest.mark.parametrize(("text", "seconds"), [("7d", 7 * DAY), ("12h", 43200), ("2w", 14 * DAY)])
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds
