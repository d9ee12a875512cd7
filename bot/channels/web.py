"""The web page channel: the REST channel plus the chat page that speaks it.

Add it to ``credentials.yml`` as ``bot.channels.web.WebChatInput:`` (no keys).
Routes, all under ``/webhooks/web/``:

======================  ====================================================
``GET  /``              the chat page (``bot/web/static/index.html``)
``GET  /static/<file>`` the page's assets; only files in ``bot/web/static``
``GET  /config``        the locality's front door and level labels
``GET  /health``        ``{"status": "ok"}``; ``degraded`` or (503)
                        ``failing`` with the reason when the conversation
                        store is not saving
``POST /session``       ``{"sender": "<id>"}``: a new conversation id, signed
``POST /forget``        ``{"sender"}``: delete that conversation at once
``POST /webhook``       ``{"sender", "message", "message_id"?}`` → list of
                        bot messages, exactly like ``/webhooks/rest/webhook``
                        (checks: ``bot.channels.guard``; turn:
                        ``bot.channels.guard_turn``); a sender ``/session``
                        did not issue gets 403, nothing recorded
======================  ====================================================

Identifiers are removed from each message before Rasa sees it
(``bot.privacy``); the first reply after a removal says what and why.

Every response carries strict security headers (a Content-Security-Policy that
allows only the page's own scripts, styles and requests). The channel adds no
CORS headers of its own: Rasa's ``--cors`` setting alone decides which other
origins may call it, and by default none may.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import guard, guard_actions
from bot.channels.rest import receive_message
from bot.privacy.forget import forget_now
from bot.privacy.keys import is_issued_web_sender, new_web_sender
from bot.stores.tracker import health_report

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

DEFAULT_LEVEL_LABELS = {
    "universal": "Universal",
    "additional": "Additional needs",
    "complex": "Complex needs",
    "significant": "Significant harm",
    "immediate": "Immediate danger",
}
"""Used only when the locality configuration cannot be read."""


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


def web_sender(value: Any) -> str:
    """Return a sender id the page could have made.

    Raises:
        guard.Rejected: ``value`` is not 8 to 64 letters, digits, ``-`` or ``_``.
    """
    if not isinstance(value, str) or not SENDER_PATTERN.match(value):
        raise guard.Rejected("sender must be 8-64 letters, digits, '-' or '_'")
    return value


def issued_web_sender(value: Any) -> str:
    """Return a sender id this server issued (``POST /webhooks/web/session``).

    Raises:
        guard.Rejected: malformed (400), or not issued here (403: nothing is recorded).
    """
    sender = web_sender(value)
    if not is_issued_web_sender(sender):
        raise guard.Rejected("unknown session: start one with POST /webhooks/web/session", 403)
    return sender


def page_config() -> dict[str, Any]:
    """Return what the page shows besides messages: front door, labels, sources.

    ``front_door`` and ``levels`` come from the configured locality
    (``bot.load_locality``); ``rules``, ``sources`` and ``fact_labels`` let
    the card show a reason's explanation and its sources in words. Whatever
    cannot be read is logged and left at its default, so that the 999 line is
    always shown.
    """
    config: dict[str, Any] = {
        "front_door": {"name": "", "phone": "", "out_of_hours": "", "emergency": "999"},
        "levels": {level: {"label": label} for level, label in DEFAULT_LEVEL_LABELS.items()},
        "rules": {},
        "sources": {},
        "fact_labels": {},
    }
    try:
        config.update(_locality_config())
    except Exception:  # the 999 line matters more than the locality's words
        logger.exception("web.config: cannot load the locality; showing default labels")
    try:
        config.update(_policy_config())
    except Exception:
        logger.exception("web.config: cannot load the policy; showing rule and source ids")
    return config


def _locality_config() -> dict[str, Any]:
    """The configured locality's front door and level words."""
    from bot import load_locality
    from bot.settings import get_settings

    place = load_locality(get_settings().locality)
    front_door = {
        key: str(place.front_door.get(key) or "")
        for key in ("name", "phone", "out_of_hours", "emergency")
    }
    front_door["emergency"] = front_door["emergency"] or "999"
    levels = {
        level: {key: str(words.get(key, "")) for key in ("label", "meaning", "timescale")}
        for level, words in place.levels.items()
    }
    return {"front_door": front_door, "levels": levels}


def _policy_config() -> dict[str, Any]:
    """Rule titles and explanations, source citations and fact labels, by id."""
    from bot import load_policy
    from bot.conversation.questions import load_questions

    policy = load_policy()
    return {
        "rules": {
            rule.id: {"title": rule.title, "explanation": " ".join(rule.explanation.split())}
            for rule in policy.rules
        },
        "sources": {
            source.id: {"citation": source.citation, "summary": source.summary}
            for source in policy.sources.values()
        },
        "fact_labels": {name: question.label for name, question in load_questions().items()},
    }


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
        guard_actions.install()
        web = Blueprint("web_chat", __name__)

        @web.route("/", methods=["GET"])
        async def page(request: Request) -> HTTPResponse:
            if not request.path.endswith("/"):  # the page's links are relative to the folder
                folder = request.path.rstrip("/").rsplit("/", 1)[-1]
                return _with_headers(response.redirect(folder + "/"))
            return _with_headers(await self._file("index.html"))

        @web.route("/static/<name>", methods=["GET"])
        async def asset(request: Request, name: str) -> HTTPResponse:
            return _with_headers(await self._file(name))

        @web.route("/config", methods=["GET"])
        async def config(request: Request) -> HTTPResponse:
            return _with_headers(response.json(page_config()))

        @web.route("/health", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            report = await health_report()
            status = 503 if report["status"] == "failing" else 200
            return _with_headers(response.json(report, status=status))

        @web.route("/session", methods=["POST"])
        async def session(request: Request) -> HTTPResponse:
            return _with_headers(response.json({"sender": new_web_sender()}))

        @web.route("/forget", methods=["POST"])
        async def forget(request: Request) -> HTTPResponse:
            try:
                body = guard.read_json_object(request.body, request.headers.get("content-type"))
            except guard.Rejected:
                body = None
            sender = body.get("sender") if isinstance(body, dict) else None
            if not is_issued_web_sender(sender):
                return _with_headers(response.json({"error": "unknown session"}, status=403))
            await forget_now(getattr(request.app.ctx, "agent", None), str(sender))
            return _with_headers(response.json({"forgotten": True}))

        @web.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return _with_headers(await receive_message(request, self.name(), issued_web_sender))

        return web

    @staticmethod
    async def _file(name: str) -> HTTPResponse:
        """Return the static file ``name``, or 404 if it is not one we serve."""
        path = static_file(name)
        if path is None:
            return response.json({"error": "not found"}, status=404)
        return await response.file(path, mime_type=CONTENT_TYPES[path.suffix])
