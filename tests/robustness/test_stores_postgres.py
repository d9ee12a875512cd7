"""The stores on PostgreSQL: the same code as on SQLite, failing loudly and recovering.

Uses ``TEST_POSTGRES_URL`` if set; otherwise starts a throw-away PostgreSQL
(``initdb`` + ``pg_ctl`` as the ``postgres`` user) on a free port, and skips
when neither is possible. No Rasa server is needed: the tracker store is
Rasa's own SQL store class under test.
"""

from __future__ import annotations

import asyncio
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.serve import free_port
from bot.stores.state import StateStore
from bot.stores.tracker import LoudSQLTrackerStore
from bot.stores.turn import STORE_HEALTH, StoreUnavailable


class Postgres:
    """A private PostgreSQL cluster in a temporary folder."""

    def __init__(self) -> None:
        # /var/tmp: the postgres user cannot enter root's private /tmp on some machines
        base = "/var/tmp" if os.access("/var/tmp", os.W_OK) else None
        self.folder = Path(tempfile.mkdtemp(prefix="robust-pg-", dir=base))
        self.port = free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        user = pwd.getpwnam("postgres")
        os.chown(self.folder, user.pw_uid, user.pw_gid)
        self._as_postgres(
            ["initdb", "-D", str(self.folder / "data"), "-A", "trust", "-U", "postgres"]
        )

    def _as_postgres(self, command: list[str]) -> None:
        subprocess.run(
            ["su", "postgres", "-c", " ".join(command)],
            cwd=self.folder,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=120,
        )

    def start(self) -> None:
        options = f"'-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1'"
        self._as_postgres(
            [
                "pg_ctl",
                "-D",
                str(self.folder / "data"),
                "-o",
                options,
                "-l",
                str(self.folder / "log"),
                "-w",
                "start",
            ]
        )

    def stop(self) -> None:
        self._as_postgres(["pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop"])


@pytest.fixture(scope="module")
def postgres() -> Iterator[Postgres | str]:
    if os.environ.get("TEST_POSTGRES_URL"):
        yield os.environ["TEST_POSTGRES_URL"]
        return
    if os.geteuid() != 0 or not shutil.which("initdb") or not shutil.which("pg_ctl"):
        pytest.skip("no PostgreSQL to test with (set TEST_POSTGRES_URL)")
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("no postgres user to run a throw-away PostgreSQL")
    server = Postgres()
    server.start()
    try:
        yield server
    finally:
        try:
            server.stop()
        finally:
            shutil.rmtree(server.folder, ignore_errors=True)


def _tracker(sender: str, *texts: str) -> DialogueStateTracker:
    events = [ActionExecuted("action_listen")]
    for text in texts:
        events += [
            UserUttered(text, {"name": "inform", "confidence": 1.0}),
            ActionExecuted("action_listen"),
        ]
    return DialogueStateTracker.from_events(sender, events)


def test_the_tracker_store_fails_loudly_on_postgres_and_resumes(postgres) -> None:
    url = postgres if isinstance(postgres, str) else postgres.url
    store = LoudSQLTrackerStore(domain=Domain.empty(), host=url)
    asyncio.run(store.save(_tracker("pg-one", "no")))
    assert [
        e.text for e in asyncio.run(store.retrieve("pg-one")).events if isinstance(e, UserUttered)
    ] == ["no"]
    assert store.probe()["status"] == "ok"
    if isinstance(postgres, str):
        return  # a shared server: not ours to stop
    postgres.stop()
    try:
        with pytest.raises(StoreUnavailable):
            asyncio.run(store.save(_tracker("pg-one", "no", "school")))
        assert STORE_HEALTH.report()["status"] == "failing"
        assert store.probe()["status"] == "failing"
    finally:
        postgres.start()
    asyncio.run(store.save(_tracker("pg-one", "no", "school")))
    assert store.probe()["status"] == "ok"
    said = [
        e.text for e in asyncio.run(store.retrieve("pg-one")).events if isinstance(e, UserUttered)
    ]
    assert said == ["no", "school"]


def test_message_ids_and_seen_keys_on_postgres(postgres) -> None:
    url = postgres if isinstance(postgres, str) else postgres.url
    first, again = StateStore(url), StateStore(url)  # two servers, one database
    reply = [{"recipient_id": "pg-two", "text": "Which best describes you?"}]
    assert first.reply_for("pg-two", "m-1") is None
    first.remember_reply("pg-two", "m-1", reply)
    again.remember_reply("pg-two", "m-1", [{"text": "a later, different reply"}])
    assert again.reply_for("pg-two", "m-1") == reply
    assert first.first_time("slack_event", "Ev-pg-1") is True
    assert again.first_time("slack_event", "Ev-pg-1") is False


def test_two_servers_on_postgres_never_serve_each_other_a_stale_conversation(postgres) -> None:
    url = postgres if isinstance(postgres, str) else postgres.url
    here = LoudSQLTrackerStore(domain=Domain.empty(), host=url)
    there = LoudSQLTrackerStore(domain=Domain.empty(), host=url)

    def said(store: LoudSQLTrackerStore) -> list[str | None]:
        tracker = asyncio.run(store.retrieve("pg-shared"))
        return [e.text for e in tracker.events if isinstance(e, UserUttered)] if tracker else []

    asyncio.run(here.save(_tracker("pg-shared", "no")))
    assert said(here) == ["no"] == said(there)
    asyncio.run(there.save(_tracker("pg-shared", "no", "school")))
    assert said(here) == ["no", "school"], "the other server's turn is read"
    asyncio.run(here.save(_tracker("pg-shared", "no", "school", "seven")))
    assert said(there) == ["no", "school", "seven"] == said(here)
    assert here.cache.hits > 0, "a turn this server saved last is read from its copy"
    with there.session_scope() as session:
        session.query(there.SQLEvent).filter(there.SQLEvent.sender_id == "pg-shared").delete()
        session.commit()
    assert said(here) == [], "a conversation forgotten elsewhere is gone here too"
