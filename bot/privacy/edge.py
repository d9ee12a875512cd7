"""What every channel does at its edge, before Rasa sees a message.

- :func:`clean_text` replaces identifiers (``bot.privacy.redact``) and says,
  once per conversation, what was removed and why;
- :func:`rest_token_problem` checks the REST channel's bearer token;
- :func:`rest_sender_problem` keeps REST away from other channels' conversations.
"""

from __future__ import annotations

import hmac
import logging
import re

from bot.privacy.keys import conversation_key, other_channels_sender
from bot.privacy.redact import notice, redact
from bot.privacy.stores import told_before
from bot.settings import get_settings

logger = logging.getLogger(__name__)

REST_SENDER = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")


def clean_text(sender_id: str, text: str) -> tuple[str, str | None]:
    """Return the text with identifiers replaced, and the notice to show (or ``None``).

    The notice is returned the first time something is removed in a
    conversation, and never again in that conversation.
    """
    found = redact(text)
    if not found.changed:
        return text, None
    logger.info(
        "privacy: removed %s from a message of conversation %s",
        ", ".join(found.removed),
        conversation_key(sender_id),
    )
    try:
        already = told_before(sender_id)
    except Exception as error:  # telling twice is better than failing the message
        logger.error("privacy: cannot record the notice (%s)", type(error).__name__)
        already = False
    return found.text, None if already else notice(found.removed)


def bearer_token(authorization: str | None) -> str:
    """The token of an ``Authorization: Bearer <token>`` header ('' if none)."""
    scheme, _, token = (authorization or "").strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def rest_token_problem(authorization: str | None, expected: str | None = None) -> str | None:
    """Why a REST request may not go on, or ``None`` when its bearer token is right.

    Args:
        authorization: the request's ``Authorization`` header.
        expected: the configured ``REST_TOKEN``; read from the settings when ``None``.

    Returns:
        ``"off"`` when no REST token is configured (the channel is off),
        ``"unauthorized"`` when the header is missing or wrong, else ``None``.
    """
    expected = get_settings().rest_token if expected is None else expected
    if not expected:
        return "off"
    given = bearer_token(authorization)
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        return "unauthorized"
    return None


def rest_sender_problem(sender: object) -> str | None:
    """Why a REST sender id is refused (missing, malformed, another channel's), or ``None``."""
    if not isinstance(sender, str) or not REST_SENDER.match(sender):
        return "sender must be 1-128 letters, digits, '.', ':', '-' or '_'"
    if other_channels_sender(sender):
        return "that sender id belongs to another channel"
    return None
