"""Rasa's Redis lock store, made safe for several servers and for a server that dies.

Rasa 3.6's ``RedisLockStore`` has four faults that matter here:

* issuing a ticket reads the lock, changes it and writes it back with no
  transaction, so two servers taking a message for the same conversation at
  the same moment can both get ticket 0 and run the turn side by side;
* a message waiting behind a dead server's ticket waits as long as that
  ticket lives, so its own ticket expires too, and then it is never served
  (``now_serving`` is None, never equal to its number) until the balancer
  gives up;
* a waiting message polls once a second, a second added to every queued turn;
* a ticket's lifetime is fixed when it is issued, so it must be long (Rasa:
  60 s) to cover the longest turn and queue, and a message behind a dead
  server waits all of it.

:class:`SharedRedisLockStore` keeps Rasa's tickets and key format but changes
every lock in one Redis transaction (WATCH/MULTI), serves a ticket as soon as
no live ticket is ahead of it, re-queues a ticket that expired while waiting,
polls every 50 ms, and keeps a live server's ticket alive (its expiry is
pushed forward every quarter lifetime), so the lifetime can be short: it is
only how long a dead server's ticket blocks its conversation. Use it as
``lock_store: {type: bot.scale.redis_lock.SharedRedisLockStore, url: ..., ...}``.
"""

from __future__ import annotations

import asyncio
import functools
import json
import time
from collections.abc import AsyncGenerator, Callable
from contextlib import asynccontextmanager
from typing import TypeVar

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

POLL_SECONDS = 0.05
"""How often a waiting message looks whether its turn has come."""

KEY_TTL_SECONDS = 3600
"""A lock nobody touches for this long is dropped by Redis (a server died holding it)."""

Result = TypeVar("Result")


def _first_live(lock: TicketLock) -> int | None:
    numbers = [ticket.number for ticket in lock.tickets if not ticket.has_expired()]
    return min(numbers) if numbers else None


class SharedRedisLockStore(RedisLockStore):
    """A Redis lock store whose tickets are issued, served and removed atomically."""

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url or "localhost", **endpoint_config.kwargs)

    def _change(self, conversation_id: str, change: Callable[[TicketLock], Result]) -> Result:
        """Apply ``change`` to the conversation's lock in one Redis transaction."""
        key = self.key_prefix + conversation_id
        while True:
            with self.red.pipeline() as pipe:
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    lock = (
                        TicketLock.from_dict(json.loads(raw))
                        if raw
                        else TicketLock(conversation_id)
                    )
                    result = change(lock)
                    pipe.multi()
                    if lock.tickets:
                        pipe.set(key, lock.dumps(), ex=KEY_TTL_SECONDS)
                    else:
                        pipe.delete(key)
                    pipe.execute()
                    return result
                except redis.WatchError:  # another server changed it first: read again
                    continue

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """Issue the next ticket for the conversation (atomically)."""

        def issue(lock: TicketLock) -> int:
            lock.remove_expired_tickets()
            return lock.issue_ticket(lock_lifetime)

        return self._change(conversation_id, issue)

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = POLL_SECONDS,
    ) -> AsyncGenerator[TicketLock, None]:
        """Hold the conversation's lock: wait until no live ticket is ahead of ours."""
        holder = [self.issue_ticket(conversation_id, lock_lifetime)]
        keeper = asyncio.create_task(self._keep_alive(conversation_id, holder, lock_lifetime))
        try:
            while True:
                holder[0], served, lock = self._change(
                    conversation_id,
                    functools.partial(self._try, ticket=holder[0], lifetime=lock_lifetime),
                )
                if served:
                    break
                await asyncio.sleep(min(wait_time_in_seconds, POLL_SECONDS))
            yield lock
        finally:
            keeper.cancel()
            self._change(conversation_id, lambda held: held.remove_ticket_for(holder[0]))

    async def _keep_alive(self, conversation_id: str, holder: list[int], lifetime: float) -> None:
        """Push our ticket's expiry forward while this server lives (waiting or serving).

        A live server's ticket never expires, however long the turn or the
        queue; a dead server's expires ``lifetime`` seconds after its last
        beat, and the next message for the conversation goes ahead.
        """
        while True:
            await asyncio.sleep(lifetime / 4)

            def extend(lock: TicketLock) -> None:
                for ticket in lock.tickets:
                    if ticket.number == holder[0]:
                        ticket.expires = time.time() + lifetime

            try:
                self._change(conversation_id, extend)
            except redis.RedisError:  # the turn itself will fail loudly if Redis is gone
                continue

    @staticmethod
    def _try(lock: TicketLock, ticket: int, lifetime: float) -> tuple[int, bool, TicketLock]:
        """Our ticket (re-queued if it expired while waiting), and whether it is served."""
        if not any(t.number == ticket and not t.has_expired() for t in lock.tickets):
            lock.remove_ticket_for(ticket)
            ticket = lock.issue_ticket(lifetime)
        lock.remove_expired_tickets()
        return ticket, _first_live(lock) == ticket, lock

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Remove the ticket; the lock goes when no ticket is left."""
        self._change(conversation_id, lambda held: held.remove_ticket_for(ticket_number))

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        """Remove the ticket (atomically)."""
        self.cleanup(conversation_id, ticket_number)

    def update_lock(self, conversation_id: str) -> None:
        """Drop expired tickets (atomically)."""
        self._change(conversation_id, lambda held: held.remove_expired_tickets())

    def save_lock(self, lock: TicketLock) -> None:
        """Write the lock with a time-to-live, so a dead server's lock cannot stay forever."""
        self.red.set(self.key_prefix + lock.conversation_id, lock.dumps(), ex=KEY_TTL_SECONDS)
