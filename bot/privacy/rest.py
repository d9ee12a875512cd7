"""The REST channel with the privacy checks: off without ``REST_TOKEN``, then bearer only.

Listed in ``credentials.yml`` as ``bot.privacy.rest.PrivateRestInput:`` in place
of ``rest:``; the webhook stays ``/webhooks/rest/webhook``. Each request:

- is refused with 404 when no ``REST_TOKEN`` is configured (the channel is off),
  and 401 without ``Authorization: Bearer <REST_TOKEN>``;
- must name its own conversation (``sender``) and may not reach a web page or
  Slack conversation (400);
- has identifiers removed from its message before Rasa sees it; the first reply
  after a removal says what was removed and why.
"""

from __future__ import annotations

import json
from typing import Any

from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.privacy.edge import clean_text, rest_sender_problem, rest_token_problem


def refuse_rest_request(request: Request) -> HTTPResponse | None:
    """The response refusing a REST webhook request, or ``None`` when it may go on.

    Any channel built on REST semantics for integrations calls this first.
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
    try:
        body = request.json
    except Exception:
        body = None
    if not isinstance(body, dict):
        return response.json({"error": 'send a JSON object {"sender", "message"}'}, status=400)
    sender_problem = rest_sender_problem(body.get("sender"))
    if sender_problem:
        return response.json({"error": sender_problem}, status=400)
    return None


class PrivateRestInput(RestInput):
    """Rasa's REST channel behind a bearer token, with identifiers removed."""

    @classmethod
    def name(cls) -> str:
        """The channel name: the webhook is ``/webhooks/rest/webhook``."""
        return "rest"

    def blueprint(self, on_new_message: Any) -> Blueprint:
        """Rasa's REST routes, with the checks before and the notice after."""
        blueprint = super().blueprint(on_new_message)

        @blueprint.middleware("request")
        async def check(request: Request) -> HTTPResponse | None:
            if request.method == "POST":
                return refuse_rest_request(request)
            return None

        @blueprint.middleware("response")
        async def tell(request: Request, resp: HTTPResponse) -> HTTPResponse:
            notice = getattr(request.ctx, "privacy_notice", None)
            if notice and resp.status == 200 and resp.body:
                messages = json.loads(resp.body)
                if isinstance(messages, list):
                    recipient = messages[0].get("recipient_id") if messages else None
                    messages.insert(0, {"recipient_id": recipient, "text": notice})
                    return response.json(messages)
            return resp

        return blueprint

    def _extract_message(self, req: Request) -> str | None:
        text = req.json.get("message", None)
        if not isinstance(text, str):
            return text
        cleaned, notice = clean_text(str(req.json.get("sender")), text)
        req.ctx.privacy_notice = notice
        return cleaned

    def _extract_input_channel(self, req: Request) -> str:
        return self.name()
