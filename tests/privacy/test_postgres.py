"""The audit trail and expiry on PostgreSQL: a throw-away cluster on a free loopback port.

Skipped when PostgreSQL's ``initdb`` and ``pg_ctl`` are not installed.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import decide
from bot.audit.command import verify
from bot.audit.store import AuditStore
from bot.privacy.stores import forget_older_than
from bot.privacy.tracker_store import ForgetfulTrackerStore
from bot.serve import free_port
from bot.settings import PROJECT_ROOT

DAY = 86400.0
NOW = 1_800_000_000.0


def _as_postgres(command: str) -> list[str]:
    if os.geteuid() == 0:  # initdb refuses to run as root
        return ["su", "postgres", "-s", "/bin/sh", "-c", command]
    return ["/bin/sh", "-c", command]


@pytest.fixture(scope="module")
def postgres() -> Iterator[tuple[str, int]]:
    if not (shutil.which("initdb") and shutil.which("pg_ctl")):
        pytest.skip("PostgreSQL (initdb, pg_ctl) is not installed")
    folder = Path(tempfile.mkdtemp(prefix="privacy-pg-", dir="/var/tmp"))
    folder.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data, port = folder / "data", free_port()
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1"
    start = (
        f"initdb -D {data} -A trust -U postgres >/dev/null && "
        f"pg_ctl -D {data} -o '{options}' -l {folder}/log -w start >/dev/null"
    )
    subprocess.run(_as_postgres(start), check=True, cwd="/", timeout=120)
    try:
        yield "127.0.0.1", port
    finally:
        subprocess.run(_as_postgres(f"pg_ctl -D {data} -m fast -w stop >/dev/null"), cwd="/")
        shutil.rmtree(folder, ignore_errors=True)


def test_the_audit_trail_works_on_postgresql(postgres: tuple[str, int]) -> None:
    host, port = postgres
    store = AuditStore(f"postgresql://postgres@{host}:{port}/postgres")
    facts = {"reporter_role": "school", "condition": "asthma", "unplanned_admissions_12m": 3}
    store.append(decide(facts), facts, "slack", "k" * 20, now=NOW)
    (record,) = store.records()
    assert record.facts == facts and record.level == decide(facts)["level"]
    assert verify([record]) == 0
    assert store.delete_older_than(DAY, now=NOW + 2 * DAY) == 1


def test_conversations_expire_on_postgresql(postgres: tuple[str, int]) -> None:
    host, port = postgres
    domain = Domain.load(str(PROJECT_ROOT / "domain.yml"))
    store = ForgetfulTrackerStore(
        domain=domain,
        dialect="postgresql",
        host=host,
        port=port,
        db="postgres",
        username="postgres",
    )
    for sender, last in (("old", NOW - 9 * DAY), ("new", NOW - DAY)):
        events = [
            ActionExecuted("action_listen", timestamp=last - 1),
            UserUttered("hi", timestamp=last),
        ]
        tracker = DialogueStateTracker.from_events(sender, events, domain.slots)
        asyncio.run(store.save(tracker))
    url = f"postgresql://postgres@{host}:{port}/postgres"
    assert forget_older_than(7 * DAY, url, now=NOW) == ["old"]
    assert asyncio.run(store.keys()) == ["new"]
