"""The REST channel, checked: ``POST /webhooks/rest/webhook`` with Rasa's REST semantics.

Listed in ``credentials.yml`` as ``bot.channels.rest.GuardedRestInput:``
instead of Rasa's ``rest:``. The body is ``{"sender", "message"}`` (plus an
optional ``message_id``, ``bot.channels.guard``) and the answer the list of
bot messages, as with Rasa's own channel; anything malformed gets a 4xx and a
one-line reason before Rasa sees it, and a turn that could not be saved a 503
whose one message says so. Identifiers are removed from the message before
Rasa sees it (``bot.privacy``); the first reply after a removal says so.

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
from bot.privacy.edge import clean_text, rest_sender_problem, rest_token_problem
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
    text, notice = clean_text(sender, text)
    outcome = await run_turn(
        getattr(request.app.ctx, "agent", None), sender, text, channel, message_id
    )
    if notice and outcome.status == 200 and not outcome.repeat:
        outcome.messages.insert(0, {"recipient_id": sender, "text": notice})
    return response.json(outcome.messages, status=outcome.status)


def rest_sender(value: Any) -> str:
    """Return a REST sender id: well formed and not a web page's or Slack's.

    Raises:
        guard.Rejected: anything else (400).
    """
    sender = guard.sender_id(value)
    problem = rest_sender_problem(sender)
    if problem:
        raise guard.Rejected(problem)
    return sender


class GuardedRestInput(RestInput):
    """Rasa's REST channel with every body checked before Rasa sees it."""

    @classmethod
    def name(cls) -> str:
        """The channel name: the webhook is ``/webhooks/rest/webhook``."""
        return "rest"

    def refusal(self, request: Request) -> HTTPResponse | None:
        """An answer refusing the request before its body is read, or None to go on.

        The channel is off (404) without ``REST_TOKEN``; with it, a request
        needs ``Authorization: Bearer <REST_TOKEN>`` (401 otherwise).
        """
        problem = rest_token_problem(request.headers.get("Authorization"))
        if problem == "off":
            return response.json({"error": "the REST channel is off (set REST_TOKEN)"}, status=404)
        if problem:
            return response.json(
                {"error": "send Authorization: Bearer <REST_TOKEN>"},
                status=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
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
            return await receive_message(request, self.name(), rest_sender)

        return rest
