"""The web page channel: the REST channel plus the chat page that speaks it.

Add it to ``credentials.yml`` as ``bot.channels.web.WebChatInput:`` (no keys).
Routes, all under ``/webhooks/web/``:

======================  ====================================================
``GET  /``              the chat page (``bot/web/static/index.html``)
``GET  /static/<file>`` the page's assets; only files in ``bot/web/static``
``GET  /config``        the locality's front door and level labels
``GET  /health``        ``{"status": "ok"}``
``POST /webhook``       ``{"sender", "message"}`` → list of bot messages,
                        exactly like ``/webhooks/rest/webhook``
======================  ====================================================

Every response carries strict security headers (a Content-Security-Policy that
allows only the page's own scripts, styles and requests). The channel adds no
CORS headers of its own: Rasa's ``--cors`` setting alone decides which other
origins may call it, and by default none may.
"""

from __future__ import annotations

import logging
import re
from asyncio import CancelledError
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent.parent / "web" / "static"
"""Where the page and its assets live."""

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
}
"""The only kinds of file the static route serves."""

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cache-Control": "no-store",
}
"""Sent with every response of this channel."""

SENDER_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
"""A sender id the page makes: 8 to 64 letters, digits, ``-`` or ``_``."""

MAX_MESSAGE_CHARS = 2000
"""Longer messages are refused: nobody types a referral into a chat box."""

DEFAULT_LEVEL_LABELS = {
    "universal": "Universal",
    "additional": "Additional needs",
    "complex": "Complex needs",
    "significant": "Significant harm",
    "immediate": "Immediate danger",
}
"""Used only when the locality configuration cannot be read."""


class WebRequestError(ValueError):
    """A request to the webhook the channel refuses, with a one-line reason."""


def static_file(name: str) -> Path | None:
    """Return the path of the asset ``name``, or ``None`` if it is not one.

    Only plain file names (no folders, no dot files) with a known extension
    that exist directly in :data:`STATIC_DIR` are served.
    """
    if not re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*", name) or ".." in name:
        return None
    path = (STATIC_DIR / name).resolve()
    if path.parent != STATIC_DIR or path.suffix not in CONTENT_TYPES or not path.is_file():
        return None
    return path


def parse_webhook_body(body: Any) -> tuple[str, str]:
    """Return ``(sender, message)`` from a webhook request body.

    Raises:
        WebRequestError: the body is not ``{"sender": str, "message": str}``
            with a sender id the page could have made and a message of at most
            :data:`MAX_MESSAGE_CHARS` characters.
    """
    if not isinstance(body, dict):
        raise WebRequestError('send a JSON object {"sender": "...", "message": "..."}')
    sender, message = body.get("sender"), body.get("message")
    if not isinstance(sender, str) or not SENDER_PATTERN.match(sender):
        raise WebRequestError("sender must be 8-64 letters, digits, '-' or '_'")
    if not isinstance(message, str) or not message.strip():
        raise WebRequestError("message must be non-empty text")
    if len(message) > MAX_MESSAGE_CHARS:
        raise WebRequestError(f"message must be at most {MAX_MESSAGE_CHARS} characters")
    return sender, message


def page_config() -> dict[str, Any]:
    """Return what the page shows before any message: front door and level labels.

    Reads the configured locality through ``bot.load_locality``; if that
    fails, logs why and falls back to the national defaults so that the
    999 line is always shown.
    """
    config: dict[str, Any] = {
        "front_door": {"name": "", "phone": "", "out_of_hours": "", "emergency": "999"},
        "levels": {level: {"label": label} for level, label in DEFAULT_LEVEL_LABELS.items()},
    }
    try:
        locality = _load_configured_locality()
    except Exception:  # the 999 line matters more than the locality's labels
        logger.exception("web.config: cannot load the locality; showing defaults")
        return config
    front_door = _field(locality, "front_door")
    if front_door:
        config["front_door"].update(
            {key: str(value) for key, value in _as_dict(front_door).items() if value}
        )
    levels = _field(locality, "levels") or {}
    for level, entry in _as_dict(levels).items():
        if isinstance(entry, str):
            config["levels"][level] = {"label": entry}
        else:
            info = _as_dict(entry)
            config["levels"][level] = {
                key: str(info[key]) for key in ("label", "meaning", "timescale") if info.get(key)
            } or config["levels"].get(level, {"label": level})
    return config


def _load_configured_locality() -> Any:
    """Load the locality named in the settings (the default one if unset)."""
    from bot import load_locality

    try:
        from bot.settings import get_settings

        name = getattr(get_settings(), "locality", None)
    except ImportError:
        name = None
    return load_locality(name) if name else load_locality()


def _field(obj: Any, name: str) -> Any:
    """Return ``obj[name]`` or ``obj.name``, whichever exists, else ``None``."""
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def _as_dict(obj: Any) -> dict[str, Any]:
    """Turn a mapping, dataclass or pydantic model into a plain dict."""
    if isinstance(obj, dict):
        return obj
    if hasattr(obj, "dict"):
        return dict(obj.dict())
    return dict(vars(obj))


def _with_headers(resp: HTTPResponse) -> HTTPResponse:
    """Add :data:`SECURITY_HEADERS` to ``resp`` and return it."""
    for key, value in SECURITY_HEADERS.items():
        resp.headers[key] = value
    return resp


class WebChatInput(RestInput):
    """The REST channel under ``/webhooks/web/``, serving the chat page too."""

    @classmethod
    def name(cls) -> str:
        """Return the channel name used in the webhook URL."""
        return "web"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Return the blueprint with the page, its assets, config and webhook."""
        web = Blueprint("web_chat", __name__)

        @web.route("/", methods=["GET"])
        async def page(request: Request) -> HTTPResponse:
            return _with_headers(await self._file("index.html"))

        @web.route("/static/<name>", methods=["GET"])
        async def asset(request: Request, name: str) -> HTTPResponse:
            return _with_headers(await self._file(name))

        @web.route("/config", methods=["GET"])
        async def config(request: Request) -> HTTPResponse:
            return _with_headers(response.json(page_config()))

        @web.route("/health", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return _with_headers(response.json({"status": "ok"}))

        @web.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                sender, text = parse_webhook_body(_json_or_none(request))
            except WebRequestError as error:
                return _with_headers(response.json({"error": str(error)}, status=400))
            collector = CollectingOutputChannel()
            try:
                await on_new_message(
                    UserMessage(text, collector, sender, input_channel=self.name())
                )
            except CancelledError:
                logger.error("web.webhook: the message timed out")
            except Exception:
                logger.exception("web.webhook: handling the message failed")
                return _with_headers(
                    response.json({"error": "the assistant failed; try again"}, status=500)
                )
            return _with_headers(response.json(collector.messages))

        return web

    @staticmethod
    async def _file(name: str) -> HTTPResponse:
        """Return the static file ``name``, or 404 if it is not one we serve."""
        path = static_file(name)
        if path is None:
            return response.json({"error": "not found"}, status=404)
        return await response.file(path, mime_type=CONTENT_TYPES[path.suffix])


def _json_or_none(request: Request) -> Any:
    """Return the request's JSON body, or ``None`` if it is not valid JSON."""
    try:
        return request.json
    except Exception:  # sanic raises InvalidUsage on malformed JSON
        return None
