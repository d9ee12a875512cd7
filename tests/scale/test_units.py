"""Fast checks of the scaled setup's pieces: store settings, nginx's configuration, speed-ups."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered

from bot.conversation import rasa_speedups
from bot.scale.balancer import nginx_config
from bot.scale.endpoints import lock_store_endpoint, tracker_store_endpoint
from bot.scale.services import ServiceError, others_can_reach, scratch_folder, unlock_for_others
from bot.settings import SettingsError


def test_a_postgresql_url_becomes_the_loud_sql_tracker_store() -> None:
    section = tracker_store_endpoint("postgresql://assistant:p%40ss@db.internal:6543/assistant")
    assert section["type"] == "bot.privacy.tracker_store.ForgetfulTrackerStore"
    assert (section["url"], section["port"], section["db"]) == ("db.internal", 6543, "assistant")
    assert (section["username"], section["password"]) == ("assistant", "p@ss")


def test_the_default_sqlite_file_gets_the_same_loud_forgetful_store() -> None:
    assert tracker_store_endpoint("sqlite:////srv/run/conversations.db") == {
        "type": "bot.privacy.tracker_store.ForgetfulTrackerStore",
        "dialect": "sqlite",
        "db": "/srv/run/conversations.db",
    }


def test_other_databases_and_lock_urls_are_refused_with_the_setting_named() -> None:
    with pytest.raises(SettingsError, match="TRACKER_URL"):
        tracker_store_endpoint("mysql://u:p@h/db")
    with pytest.raises(SettingsError, match="LOCK_STORE_URL"):
        lock_store_endpoint("http://redis:6379")


def test_a_redis_url_becomes_the_shared_lock_store_and_empty_means_in_memory() -> None:
    section = lock_store_endpoint("rediss://:secret@redis.internal:6380/2")
    assert section is not None
    assert section["type"] == "bot.scale.redis_lock.SharedRedisLockStore"
    assert (section["url"], section["port"], section["db"]) == ("redis.internal", 6380, 2)
    assert section["password"] == "secret" and section["use_ssl"] is True
    assert lock_store_endpoint("") is None


def test_a_store_folder_inside_a_private_one_is_refused_naming_the_private_one(
    tmp_path: Path,
) -> None:
    private = tmp_path / "run"
    private.mkdir(mode=0o700)
    private.chmod(0o700)
    with pytest.raises(ServiceError, match=f"{private} is private"):
        unlock_for_others(private / "scaled")
    scratch = scratch_folder("scale-units-")
    try:
        assert others_can_reach(scratch), "the postgres user can reach a scratch folder"
    finally:
        scratch.rmdir()


def test_nginx_retries_every_request_on_another_server_and_lists_each_one() -> None:
    config = nginx_config(
        Path("/srv/nginx"), "127.0.0.1", 5005, [("127.0.0.1", 7001), ("127.0.0.1", 7002)]
    )
    assert "listen 127.0.0.1:5005;" in config
    assert "server 127.0.0.1:7001" in config and "server 127.0.0.1:7002" in config
    assert "non_idempotent" in config and "proxy_next_upstream_tries 2;" in config
    assert "http_503" not in config, "'not saved, send it again' is an answer, not a dead server"
    assert "access_log off;" in config


def test_the_event_class_table_answers_as_rasa_does() -> None:
    names = ["user", "slot", "action", "bot", "active_loop", "session_started", "topic"]
    expected = [Event.resolve_by_type(name) for name in names]
    rasa_speedups.install()
    try:
        assert [Event.resolve_by_type(name) for name in names] == expected
        assert Event.resolve_by_type("no_such_event", SlotSet) is SlotSet
        with pytest.raises(ValueError, match="Unknown event name"):
            Event.resolve_by_type("no_such_event")
        events = [UserUttered("hi"), ActionExecuted("action_listen"), SlotSet("x", 1)]
        assert [Event.from_parameters(e.as_dict()) for e in events] == events
    finally:
        rasa_speedups.uninstall()


def test_the_lean_tracker_read_rebuilds_the_same_conversation(tmp_path: Path) -> None:
    import asyncio

    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import SessionStarted
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.load(str(Path(__file__).resolve().parents[2] / "domain.yml"))
    store = SQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "conversations.db"))
    tracker = DialogueStateTracker.from_events(
        "lean-read",
        [
            ActionExecuted("action_session_start"),
            SessionStarted(),
            ActionExecuted("action_listen"),
            UserUttered("she's seven", {"name": "inform", "confidence": 0.9}),
            SlotSet("child_age_years", 7),
            ActionExecuted("action_listen"),
        ],
        domain.slots,
    )
    asyncio.run(store.save(tracker))

    expected = asyncio.run(store.retrieve("lean-read"))
    rasa_speedups.install()
    try:
        lean = asyncio.run(store.retrieve("lean-read"))
        missing = asyncio.run(store.retrieve("nobody"))
    finally:
        rasa_speedups.uninstall()
    assert expected is not None and lean is not None and missing is None
    assert list(lean.events) == list(expected.events)
    assert lean.current_slot_values() == expected.current_slot_values()


def test_the_container_endpoints_name_the_same_store_classes_as_make_run_scaled() -> None:
    import yaml

    from bot.scale.endpoints import SHARED_LOCK_STORE, TRACKER_STORE_TYPE

    deploy = yaml.safe_load(
        (Path(__file__).resolve().parents[2] / "deploy/endpoints.yml").read_text()
    )
    assert deploy["tracker_store"]["type"] == TRACKER_STORE_TYPE
    assert deploy["lock_store"]["type"] == SHARED_LOCK_STORE
