"""Reading Slack's requests: signatures, messages, button clicks, duplicates.

Pure helpers with no Sanic or Rasa in them, so they are tested without
servers. Conversation ids: a direct message is one conversation per user
(``slack_<user>``); a channel conversation is one per thread
(``slack_<channel>_<thread root ts>``), whoever writes in it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

MAX_AGE_SECONDS = 5 * 60
USER_SUBTYPES = (None, "file_share", "thread_broadcast")
"""Message subtypes that are a person's new message (others are edits, joins, bots)."""


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """Slack's ``v0=`` signature: HMAC-SHA256 of ``v0:<timestamp>:<body>``."""
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def signature_problem(
    secret: str,
    timestamp: str | None,
    body: bytes,
    signature: str | None,
    now: float | None = None,
) -> str | None:
    """Say what is wrong with a request's signature, or ``None`` when it is Slack's.

    Args:
        secret: the app's signing secret.
        timestamp: the ``X-Slack-Request-Timestamp`` header.
        body: the raw request body.
        signature: the ``X-Slack-Signature`` header.
        now: the current Unix time (defaults to the clock).
    """
    if not timestamp or not signature:
        return "missing X-Slack-Request-Timestamp or X-Slack-Signature header"
    try:
        sent = int(timestamp)
    except ValueError:
        return "X-Slack-Request-Timestamp is not a Unix time"
    if abs((time.time() if now is None else now) - sent) > MAX_AGE_SECONDS:
        return "timestamp is more than 5 minutes off: stale or replayed request"
    if not hmac.compare_digest(sign(secret, timestamp, body), signature):
        return "signature does not match the signing secret"
    return None


class RecentKeys:
    """A bounded map that remembers the most recently added keys (and a value each).

    Used as a set of handled events and messages, and as the map of channel
    threads to the practitioner who started them. Memory only: after a
    restart a thread is picked up again by mentioning the app in it.

    Args:
        size: how many keys to keep; the oldest are forgotten first.
    """

    def __init__(self, size: int = 10_000) -> None:
        self._items: OrderedDict[str, str] = OrderedDict()
        self._size = size

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: str) -> str | None:
        """The value kept for ``key``, if it is remembered."""
        return self._items.get(key)

    def set(self, key: str, value: str) -> None:
        """Remember ``key`` with ``value``, replacing any earlier value."""
        self.add(key)
        self._items[key] = value

    def add(self, key: str, value: str = "") -> bool:
        """Remember ``key`` (keeping its first value); return ``False`` if it was known."""
        if key in self._items:
            self._items.move_to_end(key)
            return False
        self._items[key] = value
        while len(self._items) > self._size:
            self._items.popitem(last=False)
        return True


@dataclass(frozen=True)
class Turn:
    """One user input for Rasa, and where its replies go.

    Attributes:
        conversation_id: Rasa's sender id.
        text: what is sent to Rasa (typed text, or a clicked button's payload).
        user: the Slack user who wrote or clicked.
        channel: the Slack channel (or DM channel) id to reply in.
        thread_ts: the thread to reply in; ``None`` in a direct message.
        message_ts: the ts of the message written or clicked on.
    """

    conversation_id: str
    text: str
    user: str
    channel: str
    thread_ts: str | None
    message_ts: str

    @property
    def in_channel(self) -> bool:
        """Whether the conversation is in a shared channel (not a DM)."""
        return self.thread_ts is not None


def dm_conversation(user: str) -> str:
    """The conversation id of a user's direct messages."""
    return f"slack_{user}"


def thread_conversation(channel: str, thread_ts: str) -> str:
    """The conversation id of a channel thread."""
    return f"slack_{channel}_{thread_ts}"


def is_dm_channel(channel: str) -> bool:
    """Whether a channel id is a direct message (Slack's ids for DMs start with D)."""
    return channel.startswith("D")


def bot_user_id(envelope: Mapping[str, Any]) -> str | None:
    """The app's own user id, from an event envelope's authorizations."""
    for authorization in envelope.get("authorizations") or []:
        if authorization.get("is_bot") is not False and authorization.get("user_id"):
            return str(authorization["user_id"])
    users = envelope.get("authed_users") or []
    return str(users[0]) if users else None


def clean_text(text: str, bot_user: str | None) -> str:
    """The text without mentions of the app and with Slack's link markup undone."""
    if bot_user:
        text = re.sub(rf"\s*<@{re.escape(bot_user)}(\|[^>]*)?>\s*", " ", text)
    text = re.sub(r"<(?:mailto:|https?://)[^|>]*\|([^>]*)>", r"\1", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()


@dataclass(frozen=True)
class SlackMessage:
    """A human's message from an Events API envelope.

    Attributes:
        kind: ``"mention"`` (app_mention), ``"dm"`` (message in a DM) or
            ``"channel"`` (message in a channel the app is in).
        user, channel, ts, text: as Slack sent them (text cleaned).
        thread_ts: the thread root when the message is in a thread.
        event_id: the envelope's event id (the same on Slack's retries).
    """

    kind: str
    user: str
    channel: str
    ts: str
    thread_ts: str | None
    text: str
    event_id: str

    @property
    def key(self) -> str:
        """Identifies the message itself: the same for its message and app_mention events."""
        return f"{self.channel}:{self.ts}"


def read_message(envelope: Mapping[str, Any]) -> SlackMessage | None:
    """The human message in an ``event_callback`` envelope, or ``None``.

    Returns ``None`` for anything that is not a person's new message: other
    event types, bots (the app's own posts included), edits, deletions, joins.
    """
    event: Mapping[str, Any] = envelope.get("event") or {}
    kind = {"app_mention": "mention", "message": "channel"}.get(str(event.get("type")))
    if kind is None or event.get("bot_id") or event.get("subtype") not in USER_SUBTYPES:
        return None
    user, channel, ts = event.get("user"), event.get("channel"), event.get("ts")
    if not (user and channel and ts):
        return None
    if event.get("channel_type") == "im" or is_dm_channel(str(channel)):
        kind = "dm"
    return SlackMessage(
        kind=kind,
        user=str(user),
        channel=str(channel),
        ts=str(ts),
        thread_ts=str(event["thread_ts"]) if event.get("thread_ts") else None,
        text=clean_text(str(event.get("text", "")), bot_user_id(envelope)),
        event_id=str(envelope.get("event_id") or f"{channel}:{ts}:{kind}"),
    )


@dataclass(frozen=True)
class Click:
    """A button click from a ``block_actions`` interactivity payload.

    Attributes:
        turn: the clicked value as the user's turn, in the right conversation.
        choice: the clicked button's label.
        blocks: the clicked message's blocks (to show the choice in place).
    """

    turn: Turn
    choice: str
    blocks: list[dict[str, Any]]


def read_click(payload: Mapping[str, Any]) -> Click | None:
    """The button click in an interactivity payload, or ``None`` for anything else."""
    actions = payload.get("actions") or []
    if payload.get("type") != "block_actions" or not actions:
        return None
    action = actions[0]
    if action.get("type") != "button" or action.get("value") is None:
        return None
    user = str((payload.get("user") or {}).get("id", ""))
    container: Mapping[str, Any] = payload.get("container") or {}
    message: Mapping[str, Any] = payload.get("message") or {}
    channel = str((payload.get("channel") or {}).get("id") or container.get("channel_id", ""))
    message_ts = str(message.get("ts") or container.get("message_ts", ""))
    if not (user and channel and message_ts):
        return None
    if is_dm_channel(channel):
        conversation, thread = dm_conversation(user), None
    else:
        thread = str(message.get("thread_ts") or container.get("thread_ts") or message_ts)
        conversation = thread_conversation(channel, thread)
    turn = Turn(conversation, str(action["value"]), user, channel, thread, message_ts)
    choice = str((action.get("text") or {}).get("text", action["value"]))
    return Click(turn, choice, list(message.get("blocks") or []))
