"""The shared lock store against a real Redis: one turn at a time, a dead server's lock expires."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa.utils.endpoints import EndpointConfig

from bot.scale.endpoints import lock_store_endpoint
from bot.scale.redis_lock import SharedRedisLockStore
from bot.scale.services import Redis
from bot.serve import free_port
from tests.scale.conftest import require_services


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Redis on a free port, stopped after the module."""
    require_services()
    server = Redis(Path(tmp_path_factory.mktemp("redis")), free_port())
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


def _store(url: str) -> SharedRedisLockStore:
    section = dict(lock_store_endpoint(url) or {})
    section.pop("type")
    host = section.pop("url")
    return SharedRedisLockStore(EndpointConfig(url=host, **section))


def test_two_servers_take_one_conversations_turns_one_at_a_time(redis_url: str) -> None:
    first, second = _store(redis_url), _store(redis_url)  # two Rasa servers
    inside: list[str] = []
    overlaps: list[str] = []

    async def turn(store: SharedRedisLockStore, name: str) -> None:
        async with store.lock("conversation-a", lock_lifetime=5):
            if inside:
                overlaps.append(name)
            inside.append(name)
            await asyncio.sleep(0.05)
            inside.remove(name)

    async def burst() -> None:
        await asyncio.gather(*(turn((first, second)[n % 2], f"turn-{n}") for n in range(12)))

    asyncio.run(burst())
    assert overlaps == []


def test_a_dead_servers_ticket_blocks_only_for_its_lifetime(redis_url: str) -> None:
    dead, alive = _store(redis_url), _store(redis_url)
    dead.issue_ticket("conversation-b", lock_lifetime=1.5)  # then the server dies

    async def next_turn() -> float:
        started = time.monotonic()
        async with alive.lock("conversation-b", lock_lifetime=1.5):
            return time.monotonic() - started

    waited = asyncio.run(next_turn())
    assert 1.0 < waited < 4.0


def test_a_live_turn_longer_than_the_lifetime_keeps_the_lock(redis_url: str) -> None:
    first, second = _store(redis_url), _store(redis_url)
    order: list[str] = []

    async def long_turn() -> None:
        async with first.lock("conversation-c", lock_lifetime=0.8):
            order.append("long starts")
            await asyncio.sleep(2.0)  # more than twice the lifetime
            order.append("long ends")

    async def next_turn() -> None:
        await asyncio.sleep(0.2)
        async with second.lock("conversation-c", lock_lifetime=0.8):
            order.append("next starts")

    async def both() -> None:
        await asyncio.gather(long_turn(), next_turn())

    asyncio.run(both())
    assert order == ["long starts", "long ends", "next starts"]
