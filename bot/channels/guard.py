"""Checks every channel runs on a request before Rasa sees it.

Pure functions, no Sanic or Rasa: a channel reads its body with
:func:`read_json_object`, its fields with :func:`sender_id`,
:func:`message_text` and :func:`message_id`, and turns the user's words into
plain text with :func:`as_plain_text`. Each check raises :class:`Rejected`
with an HTTP status and a one-line reason; the channel answers with both and
nothing is recorded.

Kept apart from the channels so that other checks (a web session, a REST
token) sit beside these in the same place: the channel calls them first.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

MAX_BODY_BYTES = 64 * 1024
"""No request body of a chat message is bigger; larger ones are refused unread."""

MAX_ID_CHARS = 128
"""The longest sender id any channel accepts (the web page's own are 8-64)."""

MAX_MESSAGE_ID_CHARS = 64
"""``message_id`` is at most 64 characters (assessment contract §5)."""

COMMAND_GUARD = "\u2060"
"""A word joiner put before a leading ``/``: Rasa then reads ``/restart`` as words."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ID_FORBIDDEN = re.compile(r"[\x00-\x20\x7f]")


class Rejected(ValueError):
    """A request a channel refuses: ``status`` (4xx) and a one-line ``reason``."""

    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


def read_json_object(body: bytes | None, content_type: str | None) -> dict[str, Any]:
    """Return the request body as a JSON object.

    Raises:
        Rejected: the body is too big (413), not sent as ``application/json``
            (415: a ``text/plain`` body is what a foreign page can send without
            asking), not UTF-8 JSON, or not an object (400).
    """
    if body is not None and len(body) > MAX_BODY_BYTES:
        raise Rejected(f"the request body must be at most {MAX_BODY_BYTES} bytes", 413)
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise Rejected("send the body as application/json", 415)
    try:
        parsed = json.loads((body or b"").decode("utf-8"))
    except (ValueError, RecursionError):  # bad UTF-8 or JSON, or nested too deep
        raise Rejected("the body is not valid JSON") from None
    if not isinstance(parsed, dict):
        raise Rejected('send a JSON object {"sender": "...", "message": "..."}')
    return parsed


def _has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def sender_id(value: Any, field: str = "sender") -> str:
    """Return a conversation id: 1-128 printable characters, no spaces or controls.

    Raises:
        Rejected: anything else (400).
    """
    if not isinstance(value, str) or not value:
        raise Rejected(f"{field} must be a non-empty string")
    if len(value) > MAX_ID_CHARS:
        raise Rejected(f"{field} must be at most {MAX_ID_CHARS} characters")
    if _has_lone_surrogate(value) or _ID_FORBIDDEN.search(value):
        raise Rejected(f"{field} must not contain spaces, control characters or broken unicode")
    return value


def message_id(value: Any) -> str | None:
    """Return the optional ``message_id``: absent/None, or 1-64 printable characters.

    Raises:
        Rejected: a value of another type, too long, or with controls (400).
    """
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise Rejected("message_id must be a non-empty string when given")
    if len(value) > MAX_MESSAGE_ID_CHARS:
        raise Rejected(f"message_id must be at most {MAX_MESSAGE_ID_CHARS} characters")
    if _has_lone_surrogate(value) or _ID_FORBIDDEN.search(value):
        raise Rejected("message_id must not contain spaces, control characters or broken unicode")
    return value


def message_text(value: Any, max_chars: int) -> str:
    """Return the user's message: non-empty text of at most ``max_chars`` characters.

    Tabs and line breaks are kept; other control characters and lone
    surrogates are refused, as is anything that is not a string.

    Raises:
        Rejected: 400 for a wrong type, empty text, controls or broken
            unicode; 413 for text longer than ``max_chars``.
    """
    if not isinstance(value, str):
        raise Rejected("message must be text")
    if not value.strip():
        raise Rejected("message must be non-empty text")
    if len(value) > max_chars:
        raise Rejected(too_long_reason(len(value), max_chars), 413)
    if _has_lone_surrogate(value):
        raise Rejected("message contains broken unicode (a lone surrogate)")
    if _CONTROL.search(value):
        raise Rejected("message must not contain control characters")
    return value


def too_long_reason(length: int, max_chars: int) -> str:
    """The one line said when a message is over the limit."""
    return (
        f"message must be at most {max_chars} characters (this one has {length}): "
        "send the answer in a shorter message"
    )


COMMAND_PATTERN = re.compile(r"/[A-Za-z_][\w.-]*(@[0-9.]+)?(\{.*\})?", re.DOTALL)
"""A whole message in Rasa's command syntax: ``/intent``, ``/intent{"entity": "value"}``."""


def looks_like_command(text: str) -> bool:
    """Whether the whole message is in Rasa's command syntax (``/restart``, ``/affirm{...}``).

    Such a message is not an answer anyone types: the channels answer it with
    one line asking for plain words and record nothing, so neither its
    intent nor the words inside its braces can be taken as an answer.
    """
    return COMMAND_PATTERN.fullmatch(text.strip()) is not None


def as_plain_text(text: str) -> str:
    """Return what a person typed so that Rasa reads it as words, never as a command.

    Rasa reads a message starting with ``/`` as an intent (``/restart``,
    ``/affirm{"x": 1}``); a word joiner before it keeps it plain text. The
    text is also put in Unicode NFC form, so look-alike compositions read alike.
    """
    text = unicodedata.normalize("NFC", text).strip()
    if text.startswith("/"):
        return COMMAND_GUARD + text
    return text
