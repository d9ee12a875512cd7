"""The conversation store's in-process copy is never served once the database disagrees.

Real stores on a real SQLite file: a second store on the same file is a second
Rasa server; ``bot.privacy.stores.forget_conversation`` is the expiry and the
"forget" command; a dropped table is a store that fails.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.conversation import rasa_speedups
from bot.privacy.stores import forget_conversation
from bot.privacy.tracker_store import ForgetfulTrackerStore
from bot.stores.tracker import LoudSQLTrackerStore
from bot.stores.tracker_cache import TrackerCache
from bot.stores.turn import StoreUnavailable

DOMAIN = Domain.load(str(Path(__file__).resolve().parents[2] / "domain.yml"))


def _store(db: Path, **kwargs) -> LoudSQLTrackerStore:
    return LoudSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(db), **kwargs)


def _retrieve(store, sender: str) -> DialogueStateTracker | None:
    return asyncio.run(store.retrieve(sender))


def _answer(store, sender: str, text: str, age: int | None = None) -> DialogueStateTracker:
    """One turn as Rasa's processor runs it: read, add the turn's events, save."""
    tracker = _retrieve(store, sender)
    if tracker is None:
        tracker = DialogueStateTracker.from_events(
            sender,
            [ActionExecuted("action_session_start"), SessionStarted()],
            DOMAIN.slots,
        )
    tracker.update(UserUttered(text, {"intent": {"name": "inform", "confidence": 0.9}}))
    if age is not None:
        tracker.update(SlotSet("child_age_years", age))
    tracker.update(ActionExecuted("action_listen"))
    asyncio.run(store.save(tracker))
    return tracker


def _said(tracker: DialogueStateTracker | None) -> list[str]:
    assert tracker is not None
    return [e.text for e in tracker.events if isinstance(e, UserUttered)]


def _as_rasa_reads(db: Path, sender: str) -> DialogueStateTracker | None:
    rasa_speedups.uninstall()
    try:
        return _retrieve(SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(db)), sender)
    finally:
        rasa_speedups.install()


def test_a_kept_conversation_is_the_one_rasa_would_read(tmp_path: Path) -> None:
    store = _store(tmp_path / "c.db")
    for number, text in enumerate(["hello", "no", "she's seven", "asthma"]):
        _answer(store, "same", text, age=number or None)
    misses = store.cache.misses
    kept = _retrieve(store, "same")
    assert store.cache.misses == misses and store.cache.hits >= 3, "the turns used the copy"
    expected = _as_rasa_reads(tmp_path / "c.db", "same")
    assert kept is not None and expected is not None
    assert list(kept.events) == list(expected.events)
    assert kept.current_state() == expected.current_state()
    assert kept.current_slot_values()["child_age_years"] == 3


def test_another_servers_turn_is_seen_on_the_next_read(tmp_path: Path) -> None:
    here, there = _store(tmp_path / "c.db"), _store(tmp_path / "c.db")
    _answer(here, "shared", "hello")
    _answer(here, "shared", "no")
    _answer(there, "shared", "she's seven", age=7)
    tracker = _retrieve(here, "shared")
    assert _said(tracker) == ["hello", "no", "she's seven"]
    assert tracker is not None and tracker.get_slot("child_age_years") == 7
    _answer(here, "shared", "asthma")
    assert _said(_retrieve(there, "shared")) == ["hello", "no", "she's seven", "asthma"]


def test_a_turn_that_changed_its_tracker_but_was_not_saved_leaves_no_trace(
    tmp_path: Path,
) -> None:
    store = _store(tmp_path / "c.db")
    _answer(store, "unsaved", "hello")
    tracker = _retrieve(store, "unsaved")
    assert tracker is not None
    tracker.update(UserUttered("never saved"))
    tracker.update(SlotSet("child_age_years", 11))
    again = _retrieve(store, "unsaved")
    assert _said(again) == ["hello"]
    assert again is not None and again.get_slot("child_age_years") is None


def test_a_forgotten_conversation_is_gone_and_starts_again_empty(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    store = _store(db)
    _answer(store, "forgotten", "hello")
    _answer(store, "forgotten", "she's seven", age=7)
    assert forget_conversation("forgotten", f"sqlite:///{db}") > 0  # expiry, `python -m bot forget`
    assert _retrieve(store, "forgotten") is None
    tracker = _answer(store, "forgotten", "hello again")
    assert _said(_retrieve(store, "forgotten")) == ["hello again"] == _said(tracker)


def test_the_same_number_of_different_events_is_not_mistaken_for_the_kept_ones(
    tmp_path: Path,
) -> None:
    db = tmp_path / "c.db"
    here, there = _store(db), _store(db)
    _answer(here, "replaced", "hello", age=7)
    assert _retrieve(here, "replaced") is not None
    forget_conversation("replaced", f"sqlite:///{db}")
    _answer(there, "replaced", "a different first answer", age=9)  # same count, reused ids
    tracker = _retrieve(here, "replaced")
    assert _said(tracker) == ["a different first answer"]
    assert tracker is not None and tracker.get_slot("child_age_years") == 9


def test_a_restart_deletes_the_past_and_the_copy_with_it(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    store = ForgetfulTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(db))
    _answer(store, "restarted", "hello")
    _answer(store, "restarted", "she's seven", age=7)
    tracker = _retrieve(store, "restarted")
    assert tracker is not None
    tracker.update(Restarted())
    tracker.update(ActionExecuted("action_listen"))
    asyncio.run(store.save(tracker))
    after = _retrieve(store, "restarted")
    assert after is not None and _said(after) == [] and after.get_slot("child_age_years") is None
    said = sqlite3.connect(db).execute("select count(*) from events where type_name = 'user'")
    assert said.fetchone()[0] == 0


def test_a_store_that_fails_is_loud_even_with_a_copy_in_memory(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    store = _store(db)
    tracker = _answer(store, "broken", "hello")
    assert _retrieve(store, "broken") is not None
    with sqlite3.connect(db) as connection:
        connection.execute("drop table events")
    with pytest.raises(StoreUnavailable, match="could not read a conversation"):
        _retrieve(store, "broken")
    tracker.update(UserUttered("no"))
    with pytest.raises(StoreUnavailable, match="could not save a turn"):
        asyncio.run(store.save(tracker))
    assert len(store.cache) == 0


def test_a_new_session_is_read_again_from_the_database(tmp_path: Path) -> None:
    store = _store(tmp_path / "c.db")
    _answer(store, "sessions", "hello", age=7)
    tracker = _retrieve(store, "sessions")
    assert tracker is not None
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted())
    tracker.update(ActionExecuted("action_listen"))
    asyncio.run(store.save(tracker))
    kept = _retrieve(store, "sessions")
    expected = _as_rasa_reads(tmp_path / "c.db", "sessions")
    assert kept is not None and expected is not None
    assert list(kept.events) == list(expected.events) and _said(kept) == []


def test_no_copy_is_kept_when_it_is_turned_off(tmp_path: Path, monkeypatch) -> None:
    off = _store(tmp_path / "a.db", cache_conversations=0)
    _answer(off, "plain", "hello")
    assert _said(_retrieve(off, "plain")) == ["hello"] and len(off.cache) == 0
    monkeypatch.setenv("RASA_SPEEDUPS", "off")
    assert _store(tmp_path / "b.db").cache.size == 0


def test_only_the_most_recent_conversations_are_kept() -> None:
    cache = TrackerCache(size=2)
    from bot.stores.tracker_cache import Stamp

    stamp = Stamp(1, 1, 1, 1.0)
    for sender in ("a", "b", "c"):
        cache.put(sender, stamp, [{"event": "action", "name": "action_listen"}])
    assert len(cache) == 2 and cache.stamp("a") is None
    events = cache.events("c", stamp)
    assert events == [{"event": "action", "name": "action_listen"}]
    events[0]["name"] = "changed by a turn"
    assert cache.events("c", stamp) == [{"event": "action", "name": "action_listen"}]
    assert cache.events("c", Stamp(2, 1, 2, 2.0)) is None and cache.stamp("c") is None
