"""The Slack channel: events and interactivity on ``/webhooks/slack/webhook``.

Listed in ``credentials.yml`` as ``bot.channels.slack.SlackChannel:`` with no
keys: it reads ``SLACK_BOT_TOKEN``, ``SLACK_SIGNING_SECRET`` and
``SLACK_API_BASE_URL`` from the environment and ``.env`` (``bot.settings``).
Without a token and a secret it logs one line and its webhook answers 503;
Rasa starts anyway.

How a Slack request becomes a Rasa turn:

- every request must carry a valid, fresh (< 5 minutes) signature, else 401
  and nothing is posted;
- a mention in a channel starts (or continues) the conversation of its thread;
  replies go into that thread. Later messages in the thread from the
  practitioner who started it are answers too; anyone else continues it by
  mentioning the app. A direct message is one conversation per user;
- one user message gives one turn: the ``message`` and ``app_mention`` events
  of the same message, and Slack's retries of an event already handled, are
  acknowledged and dropped;
- a button click sends the button's payload as the user's message in the
  conversation of the clicked question, and the question is updated to show
  the choice (so it cannot be answered twice);
- in a channel, the first reply of a conversation reminds the team not to
  post names or identifying details;
- run by Rasa (``from_credentials``), handled event ids, messages and clicks
  are kept in the state store (``bot.stores.state``), so a request replayed
  after a restart is still dropped; each turn goes through
  ``bot.channels.guard_turn`` (one at a time per conversation, replies posted
  only once the turn is saved, "not saved" said when it is not);
- what the user typed is read as plain text (``/restart`` is not a command),
  longer than ``MAX_MESSAGE_CHARS`` is answered with a reason, and text the
  bot posts back is escaped (``<!channel>``, ``<@U..>``, links).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from http import HTTPStatus
from typing import Any

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.slack import SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.channels import guard
from bot.channels import slack_blocks as blocks
from bot.channels.guard_turn import fault_text, run_turn
from bot.channels.slack_events import (
    Click,
    RecentKeys,
    SlackMessage,
    Turn,
    dm_conversation,
    read_click,
    read_message,
    signature_problem,
    thread_conversation,
)
from bot.privacy.edge import clean_text
from bot.settings import DEFAULT_SLACK_API_BASE_URL, get_settings
from bot.stores.state import SeenKeys

logger = logging.getLogger(__name__)

NOT_CONFIGURED = "Slack is not configured (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET in .env)"
START_TEXT = "hello"
"""Sent to Rasa when a mention carries no text of its own (just ``@assistant``)."""

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


def api_client(token: str, base_url: str, proxy: str | None = None) -> AsyncWebClient:
    """A Slack Web API client for ``base_url`` (a trailing slash is added if missing)."""
    return AsyncWebClient(token=token, base_url=base_url.rstrip("/") + "/", proxy=proxy)


class SlackOutput(OutputChannel):
    """Posts one Rasa turn's replies into a Slack channel, thread or DM.

    Args:
        client: the Web API client to post with.
        channel: the channel or DM channel id.
        thread_ts: the thread to reply in, ``None`` in a DM.
        remind: put the privacy reminder on the first message posted.
        on_question: called with the ts of each posted message that has buttons.
    """

    @classmethod
    def name(cls) -> str:
        """The channel name Rasa records with the turn."""
        return "slack"

    def __init__(
        self,
        client: AsyncWebClient,
        channel: str,
        thread_ts: str | None,
        remind: bool = False,
        on_question: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__()
        self.client = client
        self.channel = channel
        self.thread_ts = thread_ts
        self._remind = remind
        self._on_question = on_question
        self.privacy_notice: str | None = None
        """Said before the first reply: what was removed from the message, and why."""

    async def post(self, text: str, message_blocks: list[blocks.Block] | None = None) -> None:
        """Post one message (``text`` is the notification and fallback of the blocks)."""
        if self.privacy_notice:
            notice, self.privacy_notice = self.privacy_notice, None
            message_blocks = [blocks.note_block(notice)] + (
                message_blocks or blocks.text_blocks(text)
            )
            text = f"{notice}\n\n{text}"
        if self._remind:
            self._remind = False
            message_blocks = [blocks.reminder_block()] + (
                message_blocks or blocks.text_blocks(text)
            )
            text = f"{blocks.PRIVACY_REMINDER}\n\n{text}"
        body: dict[str, Any] = {"channel": self.channel, "text": blocks.escape(text)}
        if message_blocks:
            body["blocks"] = message_blocks
        if self.thread_ts:
            body["thread_ts"] = self.thread_ts
        try:
            posted = await self.client.chat_postMessage(**body)
        except SlackApiError as error:
            logger.error("Slack refused chat.postMessage: %s", error.response.get("error"))
            return
        has_buttons = any(block.get("type") == "actions" for block in message_blocks or [])
        if has_buttons and self._on_question and posted.get("ts"):
            self._on_question(str(posted["ts"]))

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        """Post a Rasa message; a decision (custom ``assessment``) becomes one blocks message.

        The decision's own text, if the message has one, is not posted again
        beside the blocks, which say the same; its buttons, if any, follow them.
        """
        custom = message.get("custom")
        if isinstance(custom, dict) and "assessment" in custom:
            extra = blocks.button_blocks(message.get("buttons") or [])
            await self.post(blocks.decision_text(custom), blocks.decision_blocks(custom) + extra)
        else:
            await super().send_response(recipient_id, message)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Post a text message."""
        await self.post(text)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """Post a question with every button, 5 per ``actions`` block."""
        await self.post(text, blocks.question_blocks(text, buttons))

    async def send_quick_replies(
        self, recipient_id: str, text: str, quick_replies: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """Post quick replies as buttons."""
        await self.send_text_with_buttons(recipient_id, text, quick_replies)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        """Post an image's address."""
        await self.post(image)

    async def send_attachment(self, recipient_id: str, attachment: Any, **kwargs: Any) -> None:
        """Post an attachment as text."""
        await self.post(str(attachment))

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        """Post a decision as blocks with a plain-text fallback; pass other Slack bodies on.

        A payload with ``assessment`` is the decision message; one with
        ``blocks`` or ``text`` is posted as Slack message content; anything
        else is meant for another channel and is skipped.
        """
        if "assessment" in json_message:
            await self.post(
                blocks.decision_text(json_message), blocks.decision_blocks(json_message)
            )
        elif json_message.get("blocks") or json_message.get("text"):
            await self.post(str(json_message.get("text", "")), json_message.get("blocks"))
        else:
            logger.debug("Skipped a custom payload Slack cannot show: %s", sorted(json_message))


class SlackChannel(SlackInput):
    """Slack events and interactivity, configured from the environment.

    Args:
        slack_token: the bot token (``xoxb-...``); empty leaves Slack off.
        slack_signing_secret: the app's signing secret; empty leaves Slack off.
        api_base_url: the Slack Web API to post to.
        proxy: an HTTP proxy for the Web API, if any.
    """

    @classmethod
    def name(cls) -> str:
        """The channel name: the webhook is ``/webhooks/slack/webhook``."""
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """Build the channel from the settings; ``credentials.yml`` keys are not used."""
        settings = get_settings()
        return cls(
            settings.slack_bot_token,
            settings.slack_signing_secret,
            settings.slack_api_base_url,
            persistent_keys=True,
        )

    def __init__(
        self,
        slack_token: str,
        slack_signing_secret: str,
        api_base_url: str = DEFAULT_SLACK_API_BASE_URL,
        proxy: str | None = None,
        persistent_keys: bool = False,
    ) -> None:
        self.configured = bool(slack_token and slack_signing_secret)
        super().__init__(
            slack_token,
            proxy=proxy,
            use_threads=True,
            slack_signing_secret=slack_signing_secret,
            conversation_granularity="thread",
        )
        self.api_base_url = api_base_url
        self._events: RecentKeys | SeenKeys = RecentKeys()
        self._messages: RecentKeys | SeenKeys = RecentKeys()
        self._answered: RecentKeys | SeenKeys = RecentKeys()
        if persistent_keys:
            self._events = SeenKeys("slack_event")
            self._messages = SeenKeys("slack_message")
            self._answered = SeenKeys("slack_answered")
        self._agent: Any = None
        self._reminded = RecentKeys()
        self._questions = RecentKeys()
        self._threads = RecentKeys()

    def _validate_credentials(self) -> None:
        if not self.configured:
            logger.warning(NOT_CONFIGURED)

    def client(self) -> AsyncWebClient:
        """A Web API client with the bot token, on the configured API host."""
        return api_client(self.slack_token, self.api_base_url, self.proxy)

    def get_output_channel(
        self, channel: str | None = None, thread_id: str | None = None
    ) -> OutputChannel:
        """An output channel posting to ``channel`` (in thread ``thread_id``, if given)."""
        return SlackOutput(self.client(), channel or self.slack_channel or "", thread_id)

    def turn_for(self, message: SlackMessage) -> Turn | None:
        """The Rasa turn a message makes, or ``None`` when the app should not answer it."""
        if message.kind == "dm":
            conversation, thread = dm_conversation(message.user), None
        else:
            thread = message.thread_ts or message.ts
            if message.kind == "mention":
                self._threads.add(f"{message.channel}:{thread}", message.user)
            elif (
                not message.thread_ts
                or self._threads.get(f"{message.channel}:{thread}") != message.user
            ):
                return None
            conversation = thread_conversation(message.channel, thread)
        text = message.text or START_TEXT
        return Turn(conversation, text, message.user, message.channel, thread, message.ts)

    def _start(self, work: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(work)
        self._background_tasks.add(task)
        task.add_done_callback(self._background_tasks.discard)

    def _dispatch(self, turn: Turn, on_new_message: OnNewMessage, typed: bool = True) -> None:
        """Start the turn: ``typed`` text is read as plain words; a click's payload is
        the assistant's own button (signed by Slack) and goes as it is."""
        remind = turn.in_channel and self._reminded.add(turn.conversation_id)
        output = SlackOutput(
            self.client(),
            turn.channel,
            turn.thread_ts,
            remind=remind,
            on_question=lambda ts: self._questions.set(turn.conversation_id, ts),
        )
        metadata = {
            "slack": {"user": turn.user, "channel": turn.channel, "thread_ts": turn.thread_ts}
        }
        try:
            text = guard.message_text(turn.text, get_settings().max_message_chars)
        except guard.Rejected as rejected:
            reply = f"I could not read that message: {rejected.reason}."
            if rejected.status == HTTPStatus.REQUEST_ENTITY_TOO_LARGE:
                limit = get_settings().max_message_chars
                reply = fault_text("too_long", length=len(turn.text), max_chars=limit)
            self._start(output.post(reply))
            return
        text, output.privacy_notice = clean_text(turn.conversation_id, text)
        if self._agent is not None:
            self._start(self._run(turn, text, output, metadata, typed))
            return
        message = UserMessage(
            guard.as_plain_text(text) if typed else text,
            output,
            turn.conversation_id,
            input_channel=self.name(),
            metadata=metadata,
        )
        self._start(on_new_message(message))

    async def _run(
        self, turn: Turn, text: str, output: SlackOutput, metadata: dict[str, Any], typed: bool
    ) -> None:
        """One turn through the guard; its replies are posted once it is saved."""
        outcome = await run_turn(
            self._agent, turn.conversation_id, text, self.name(), metadata=metadata, typed=typed
        )
        for collected in outcome.messages:
            message = {k: v for k, v in collected.items() if k != "recipient_id"}
            if not outcome.recorded:
                message.pop("custom", None)
            await output.send_response(turn.conversation_id, message)

    def on_event(self, envelope: Mapping[str, Any], on_new_message: OnNewMessage) -> str:
        """Handle an ``event_callback``; return what happened, for the log and the reply."""
        event_id = str(envelope.get("event_id", ""))
        if event_id and not self._events.add(event_id):
            return "duplicate event"
        message = read_message(envelope)
        if message is None:
            return "not a user message"
        turn = self.turn_for(message)
        if turn is None:
            return "not addressed to the assistant"
        if not self._messages.add(message.key):
            return "duplicate message"
        self._dispatch(turn, on_new_message)
        return "ok"

    def on_click(self, payload: Mapping[str, Any], on_new_message: OnNewMessage) -> str:
        """Handle an interactivity payload; return what happened."""
        click = read_click(payload)
        if click is None:
            return "not a button click"
        turn = click.turn
        latest = self._questions.get(turn.conversation_id)
        if latest and latest != turn.message_ts:
            self._start(self._show_choice(click, stale=True))
            return "not the latest question"
        if not self._answered.add(f"{turn.channel}:{turn.message_ts}"):
            return "question already answered"
        if turn.thread_ts:
            self._threads.add(f"{turn.channel}:{turn.thread_ts}", turn.user)
        self._dispatch(turn, on_new_message, typed=False)
        self._start(self._show_choice(click))
        return "ok"

    async def _show_choice(self, click: Click, stale: bool = False) -> None:
        if stale:
            note = blocks.note_block(blocks.STALE_QUESTION)
            message_blocks = blocks.without_buttons(click.blocks, note)
        else:
            message_blocks = blocks.answered_blocks(click.blocks, click.turn.user, click.choice)
        try:
            await self.client().chat_update(
                channel=click.turn.channel,
                ts=click.turn.message_ts,
                text=blocks.STALE_QUESTION if stale else f"Answered: {click.choice}",
                blocks=message_blocks,
            )
        except SlackApiError as error:
            logger.warning("Slack refused chat.update: %s", error.response.get("error"))

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """The routes: ``GET /webhooks/slack/`` (status) and ``POST .../webhook``."""
        slack_webhook = Blueprint("slack_webhook", __name__)

        @slack_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.configured else "not configured"})

        @slack_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            return await self.handle(request, on_new_message)

        return slack_webhook

    async def handle(self, request: Request, on_new_message: OnNewMessage) -> HTTPResponse:
        """Check a webhook request's signature, then route it to events or clicks."""
        if not self.configured:
            return response.text(NOT_CONFIGURED, status=HTTPStatus.SERVICE_UNAVAILABLE)
        app = getattr(request, "app", None)
        self._agent = getattr(getattr(app, "ctx", None), "agent", None) or self._agent
        problem = signature_problem(
            self.slack_signing_secret,
            request.headers.get("X-Slack-Request-Timestamp"),
            request.body,
            request.headers.get("X-Slack-Signature"),
        )
        if problem:
            logger.warning("Rejected a Slack request: %s", problem)
            return response.text(f"Rejected: {problem}", status=HTTPStatus.UNAUTHORIZED)
        content_type = (request.headers.get("content-type") or "").split(";")[0].strip()
        try:
            if content_type == "application/json":
                envelope = json.loads(request.body)
                if envelope.get("type") == "url_verification":
                    return response.json({"challenge": envelope.get("challenge")})
                outcome = self.on_event(envelope, on_new_message)
            elif content_type == "application/x-www-form-urlencoded":
                outcome = self.on_click(
                    json.loads(request.form.get("payload", "{}")), on_new_message
                )
            else:
                outcome = f"unsupported content type {content_type!r}"
        except (ValueError, AttributeError, TypeError) as error:
            logger.warning("Ignored a malformed Slack request: %s", error)
            return response.text(f"Malformed request: {error}", status=HTTPStatus.BAD_REQUEST)
        retry = request.headers.get("X-Slack-Retry-Num")
        if retry:
            logger.info(
                "Slack retry #%s (%s): %s",
                retry,
                request.headers.get("X-Slack-Retry-Reason"),
                outcome,
            )
        logger.debug("Slack request: %s", outcome)
        return response.text(outcome, headers={"X-Slack-No-Retry": "1"} if retry else None)
