"""The REST channel, checked: ``POST /webhooks/rest/webhook`` with Rasa's REST semantics.

Listed in ``credentials.yml`` as ``bot.channels.rest.GuardedRestInput:``
instead of Rasa's ``rest:``. The body is ``{"sender", "message"}`` (plus an
optional ``message_id``, ``bot.channels.guard``) and the answer the list of
bot messages, as with Rasa's own channel; anything malformed gets a 4xx and a
one-line reason before Rasa sees it, and a turn that could not be saved a 503
whose one message says so.

:meth:`GuardedRestInput.refusal` is the one place for an access check (a
bearer token): it runs first on every webhook request.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import guard, guard_actions
from bot.channels.guard_turn import run_turn
from bot.settings import get_settings
from bot.stores.tracker import health_report

SenderCheck = Callable[[Any], str]


async def receive_message(
    request: Request, channel: str, check_sender: SenderCheck = guard.sender_id
) -> HTTPResponse:
    """Check a webhook body, run the turn, and answer with the bot's messages.

    Args:
        request: the Sanic request.
        channel: the input channel's name (recorded with the turn).
        check_sender: reads and checks the body's ``sender`` (raises ``guard.Rejected``).
    """
    try:
        body = guard.read_json_object(request.body, request.headers.get("content-type"))
        sender = check_sender(body.get("sender"))
        text = guard.message_text(body.get("message"), get_settings().max_message_chars)
        message_id = guard.message_id(body.get("message_id"))
    except guard.Rejected as rejected:
        return response.json({"error": rejected.reason}, status=rejected.status)
    outcome = await run_turn(
        getattr(request.app.ctx, "agent", None), sender, text, channel, message_id
    )
    return response.json(outcome.messages, status=outcome.status)


class GuardedRestInput(RestInput):
    """Rasa's REST channel with every body checked before Rasa sees it."""

    @classmethod
    def name(cls) -> str:
        """The channel name: the webhook is ``/webhooks/rest/webhook``."""
        return "rest"

    def refusal(self, request: Request) -> HTTPResponse | None:
        """An answer refusing the request before its body is read, or None to go on.

        The place for an access check (``Authorization: Bearer <token>``);
        today every request goes on.
        """
        return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """``GET /`` (the store's health, as ``/webhooks/web/health``) and ``POST /webhook``."""
        guard_actions.install()
        rest = Blueprint("guarded_rest", __name__)

        @rest.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            report = await health_report()
            return response.json(report, status=503 if report["status"] == "failing" else 200)

        @rest.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            refused = self.refusal(request)
            if refused is not None:
                return refused
            return await receive_message(request, self.name())

        return rest
