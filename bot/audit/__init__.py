"""The decision audit trail: every decision appended, no free text, exported and verified.

The decision action calls :func:`record_decision` once per decision given. A
partnership can count decisions by level, channel and rule from
``python -m bot audit`` without reading a conversation.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

logger = logging.getLogger(__name__)


def record_decision(sender_id: str, channel: str | None, payload: Mapping[str, Any]) -> bool:
    """Append the decision of a payload (``{"assessment", "facts", ...}``) to the audit store.

    Never raises: a failure is logged with the conversation key and the kind of
    failure, and the conversation goes on. Returns whether the record was written.
    """
    from bot.audit.store import AuditStore
    from bot.privacy.keys import conversation_key

    key = "unknown"
    try:
        key = conversation_key(sender_id)
        AuditStore.from_settings().append(
            payload["assessment"], payload.get("facts") or {}, channel or "unknown", key
        )
    except Exception as error:
        logger.error(
            "audit: decision not recorded for conversation %s (%s)", key, type(error).__name__
        )
        return False
    return True
