"""Forget one conversation inside the running Rasa server, at once.

Channels call :func:`forget_now` with the Rasa agent (``request.app.ctx.agent``)
after the practitioner confirmed: it waits for the conversation's lock (so no
message is being handled), then deletes every stored event of it.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.privacy.keys import conversation_key
from bot.privacy.stores import forget_conversation, tracker_url

logger = logging.getLogger(__name__)


async def forget_now(agent: Any, sender_id: str) -> int:
    """Delete a conversation from the tracker store under its lock; return the events deleted."""
    lock_store = getattr(agent, "lock_store", None)
    if lock_store is None:
        deleted = forget_conversation(sender_id, tracker_url())
    else:
        async with lock_store.lock(sender_id):
            deleted = forget_conversation(sender_id, tracker_url())
    logger.info("privacy: conversation %s forgotten on request", conversation_key(sender_id))
    return deleted
