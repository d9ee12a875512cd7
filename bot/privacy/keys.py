"""Signed web session ids and pseudonymous conversation keys (keyed hashes)."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from bot.privacy.files import secret

WEB_PREFIX = "web-"
WEB_SENDER = re.compile(r"^web-([0-9a-f]{32})-([0-9a-f]{24})$")
SLACK_PREFIX = "slack_"


def _session_key() -> bytes:
    return secret("WEB_SESSION_SECRET", "web_session.key")


def _signature(nonce: str) -> str:
    digest = hmac.new(_session_key(), f"{WEB_PREFIX}{nonce}".encode(), hashlib.sha256)
    return digest.hexdigest()[:24]


def new_web_sender() -> str:
    """A new web conversation id the server can verify: ``web-<random>-<signature>``."""
    nonce = secrets.token_hex(16)
    return f"{WEB_PREFIX}{nonce}-{_signature(nonce)}"


def is_issued_web_sender(sender: object) -> bool:
    """Whether ``sender`` is a web session id this server signed."""
    match = WEB_SENDER.match(sender) if isinstance(sender, str) else None
    return bool(match) and hmac.compare_digest(match.group(2), _signature(match.group(1)))  # type: ignore[union-attr]


def other_channels_sender(sender: str) -> bool:
    """Whether a REST sender id looks like a web page or Slack conversation's."""
    lowered = sender.lower()
    return lowered.startswith((WEB_PREFIX, SLACK_PREFIX, "slack-"))


def conversation_key(sender_id: str) -> str:
    """A pseudonymous key for a conversation (keyed hash): names it in logs and the audit."""
    key = secret("AUDIT_SECRET", "audit.key")
    return hmac.new(key, sender_id.encode(), hashlib.sha256).hexdigest()[:20]
