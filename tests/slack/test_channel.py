"""The Slack channel's webhook without servers: what is answered, what is dropped.

Requests are Slack-shaped and signed (or not); Rasa is replaced by a recorder
of the turns it would get, and the Web API by the fake on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest
from multidict import CIMultiDict
from rasa.core.channels.channel import UserMessage

from bot.channels import slack_blocks
from bot.channels.slack import NOT_CONFIGURED, SlackChannel, SlackOutput, api_client
from tests.slack.fake_slack import (
    FakeSlackApi,
    click_payload,
    event_envelope,
    form_body,
    mention,
    message,
    new_ts,
    signed_headers,
)

SECRET = "unit-test-signing-secret"
TOKEN = "xoxb-unit-test"
CHANNEL, DM = "C0TEAM001", "D0DIRECT1"
ALICE, BOB = "U0ALICE01", "U0BOB0001"


class FakeRequest:
    """Just what the channel reads from a Sanic request."""

    def __init__(self, body: bytes, headers: dict[str, str]) -> None:
        self.body = body
        self.headers = CIMultiDict(headers)

    @property
    def form(self) -> dict[str, str]:
        return dict(urllib.parse.parse_qsl(self.body.decode()))


def json_request(payload: Any, secret: str = SECRET, **headers: str) -> FakeRequest:
    body = json.dumps(payload).encode()
    return FakeRequest(body, {**signed_headers(secret, body, "application/json"), **headers})


def click_request(payload: Any) -> FakeRequest:
    body = form_body(payload)
    return FakeRequest(body, signed_headers(SECRET, body, "application/x-www-form-urlencoded"))


@pytest.fixture
def api() -> Iterator[FakeSlackApi]:
    with FakeSlackApi(token=TOKEN) as fake:
        yield fake


class Harness:
    """A configured channel whose turns are recorded instead of sent to Rasa."""

    def __init__(self, api: FakeSlackApi) -> None:
        self.channel = SlackChannel(TOKEN, SECRET, api.base_url)
        self.turns: list[UserMessage] = []

    async def _on_new_message(self, user_message: UserMessage) -> None:
        self.turns.append(user_message)

    async def send(self, request: FakeRequest) -> tuple[int, str, dict[str, str]]:
        reply = await self.channel.handle(request, self._on_new_message)  # type: ignore[arg-type]
        await asyncio.gather(*self.channel._background_tasks)
        body = reply.body.decode() if reply.body else ""
        return reply.status, body, dict(reply.headers)

    def run(self, *requests: FakeRequest) -> list[tuple[int, str, dict[str, str]]]:
        async def go() -> list[tuple[int, str, dict[str, str]]]:
            return [await self.send(request) for request in requests]

        return asyncio.run(go())


@pytest.fixture
def harness(api: FakeSlackApi) -> Harness:
    return Harness(api)


def test_mention_in_channel_starts_a_conversation_for_its_thread(harness: Harness) -> None:
    ts = new_ts()
    [(status, _, _)] = harness.run(
        json_request(event_envelope(mention(ALICE, CHANNEL, "concern", ts)))
    )
    assert status == 200
    [turn] = harness.turns
    assert turn.sender_id == f"slack_{CHANNEL}_{ts}"
    assert turn.text == "concern"
    assert isinstance(turn.output_channel, SlackOutput)
    assert (turn.output_channel.channel, turn.output_channel.thread_ts) == (CHANNEL, ts)


def test_bare_mention_sends_a_greeting_to_rasa(harness: Harness) -> None:
    harness.run(json_request(event_envelope(mention(ALICE, CHANNEL, "", new_ts()))))
    assert [t.text for t in harness.turns] == ["hello"]


def test_message_and_app_mention_of_one_message_give_one_turn(harness: Harness) -> None:
    root = new_ts()
    reply = new_ts()
    harness.run(
        json_request(event_envelope(mention(ALICE, CHANNEL, "start", root))),
        json_request(event_envelope(message(ALICE, CHANNEL, "<@UASSIST01> start", root))),
        json_request(event_envelope(message(ALICE, CHANNEL, "she is 7", reply, root))),
        json_request(event_envelope(mention(ALICE, CHANNEL, "she is 7", reply, root))),
    )
    assert [t.text for t in harness.turns] == ["start", "she is 7"]
    assert {t.sender_id for t in harness.turns} == {f"slack_{CHANNEL}_{root}"}


def test_retry_of_a_handled_event_is_acknowledged_and_not_processed(harness: Harness) -> None:
    envelope = event_envelope(mention(ALICE, CHANNEL, "start", new_ts()))
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    results = harness.run(json_request(envelope), json_request(envelope, **retry))
    assert len(harness.turns) == 1
    status, body, headers = results[1]
    assert status == 200 and body == "duplicate event"
    assert headers.get("X-Slack-No-Retry") == "1"


def test_retry_of_an_event_never_handled_is_processed(harness: Harness) -> None:
    envelope = event_envelope(mention(ALICE, CHANNEL, "start", new_ts()))
    harness.run(
        json_request(envelope, **{"X-Slack-Retry-Num": "2", "X-Slack-Retry-Reason": "http_error"})
    )
    assert len(harness.turns) == 1


def test_thread_messages_count_only_from_the_starter_unless_they_mention_the_app(
    harness: Harness,
) -> None:
    root = new_ts()
    harness.run(
        json_request(event_envelope(mention(ALICE, CHANNEL, "start", root))),
        json_request(event_envelope(message(BOB, CHANNEL, "colleague chat", new_ts(), root))),
        json_request(event_envelope(mention(BOB, CHANNEL, "no", new_ts(), root))),
        json_request(
            event_envelope(message(ALICE, CHANNEL, "unrelated thread", new_ts(), new_ts()))
        ),
        json_request(event_envelope(message(ALICE, CHANNEL, "top-level chatter", new_ts()))),
    )
    assert [t.text for t in harness.turns] == ["start", "no"]


def test_direct_messages_are_one_conversation_per_user_without_threads(harness: Harness) -> None:
    harness.run(
        json_request(event_envelope(message(ALICE, DM, "hi", new_ts(), channel_type="im"))),
        json_request(
            event_envelope(message(ALICE, DM, "7", new_ts(), new_ts(), channel_type="im"))
        ),
    )
    assert [t.sender_id for t in harness.turns] == [f"slack_{ALICE}"] * 2
    assert all(t.output_channel.thread_ts is None for t in harness.turns)  # type: ignore[attr-defined]


def test_bots_edits_and_other_events_are_ignored(harness: Harness) -> None:
    ts = new_ts()
    own_post = dict(message(ALICE, DM, "question", ts, channel_type="im"), bot_id="B01")
    edit = dict(
        message(ALICE, DM, "edited", new_ts(), channel_type="im"), subtype="message_changed"
    )
    reaction = {"type": "reaction_added", "user": ALICE, "reaction": "+1"}
    harness.run(*(json_request(event_envelope(e)) for e in (own_post, edit, reaction)))
    assert harness.turns == []


@pytest.mark.parametrize(
    "request_factory",
    [
        lambda body: FakeRequest(json.dumps(body).encode(), {"Content-Type": "application/json"}),
        lambda body: json_request(body, secret="forged-secret"),
        lambda body: FakeRequest(
            json.dumps(body).encode(),
            signed_headers(
                SECRET, json.dumps(body).encode(), "application/json", int(time.time()) - 301
            ),
        ),
    ],
    ids=["unsigned", "forged", "stale"],
)
def test_bad_signatures_are_rejected_with_401_and_nothing_happens(
    harness: Harness, api: FakeSlackApi, request_factory: Any
) -> None:
    envelope = event_envelope(mention(ALICE, CHANNEL, "start", new_ts()))
    [(status, body, _)] = harness.run(request_factory(envelope))
    assert status == 401 and body.startswith("Rejected:")
    assert harness.turns == [] and api.calls == []
    # the genuine event is still handled afterwards: the rejected one was not remembered
    harness.run(json_request(envelope))
    assert len(harness.turns) == 1


def test_url_verification_echoes_the_challenge(harness: Harness) -> None:
    [(status, body, _)] = harness.run(
        json_request({"type": "url_verification", "challenge": "abc123"})
    )
    assert status == 200 and json.loads(body) == {"challenge": "abc123"}


def test_malformed_json_is_a_400(harness: Harness) -> None:
    body = b"{not json"
    request = FakeRequest(body, signed_headers(SECRET, body, "application/json"))
    [(status, _, _)] = harness.run(request)
    assert status == 400 and harness.turns == []


def _posted_question(api: FakeSlackApi, channel: str, thread: str | None, buttons: int) -> Any:
    output = SlackOutput(api_client(TOKEN, api.base_url), channel, thread)
    choices = [{"title": f"Choice {n}", "payload": f'/choose{{"n":{n}}}'} for n in range(buttons)]
    asyncio.run(output.send_text_with_buttons("ignored", "Pick one", choices))
    return api.wait_for_posts(1)[-1]


def test_click_in_thread_goes_to_the_thread_conversation_once_and_marks_the_question(
    harness: Harness, api: FakeSlackApi
) -> None:
    root = new_ts()
    question = _posted_question(api, CHANNEL, root, buttons=7)
    first = click_payload(BOB, question, "Choice 6")
    second = click_payload(ALICE, question, "Choice 0")
    harness.run(click_request(first), click_request(second))
    [turn] = harness.turns
    assert turn.sender_id == f"slack_{CHANNEL}_{root}"
    assert turn.text == '/choose{"n":6}'
    assert turn.output_channel.thread_ts == root  # type: ignore[attr-defined]
    [update] = api.wait_for(lambda calls: any(c.method == "chat.update" for c in calls))[-1:]
    assert update.method == "chat.update" and update.body["ts"] == question.ts
    assert "actions" not in [b["type"] for b in update.blocks]
    assert f"<@{BOB}> chose *Choice 6*" in json.dumps(update.blocks)


def test_click_in_a_dm_goes_to_the_users_conversation(harness: Harness, api: FakeSlackApi) -> None:
    question = _posted_question(api, DM, None, buttons=3)
    harness.run(click_request(click_payload(ALICE, question, "Choice 1")))
    [turn] = harness.turns
    assert turn.sender_id == f"slack_{ALICE}"
    assert turn.output_channel.thread_ts is None  # type: ignore[attr-defined]


def test_output_posts_to_the_configured_api_with_the_token_and_all_buttons(
    api: FakeSlackApi,
) -> None:
    question = _posted_question(api, CHANNEL, "123.456", buttons=6)
    assert question.token == TOKEN
    assert question.body["thread_ts"] == "123.456"
    assert question.text == "Pick one"
    actions = [b for b in question.blocks if b["type"] == "actions"]
    assert [len(b["elements"]) for b in actions] == [5, 1]


def test_first_reply_in_a_channel_carries_the_privacy_reminder_only_once(
    harness: Harness, api: FakeSlackApi
) -> None:
    root = new_ts()
    harness.run(
        json_request(event_envelope(mention(ALICE, CHANNEL, "start", root))),
        json_request(event_envelope(message(ALICE, CHANNEL, "seven", new_ts(), root))),
    )
    outputs = [t.output_channel for t in harness.turns]

    async def reply() -> None:
        for output in outputs:
            await output.send_text_message("ignored", "First")
            await output.send_text_message("ignored", "Second")

    asyncio.run(reply())
    posts = api.wait_for_posts(4)
    reminders = [p for p in posts if slack_blocks.PRIVACY_REMINDER in p.text]
    assert reminders == [posts[0]]
    assert posts[0].blocks[0]["block_id"] == "privacy-reminder"


def test_dm_replies_carry_no_reminder(harness: Harness, api: FakeSlackApi) -> None:
    harness.run(json_request(event_envelope(message(ALICE, DM, "hi", new_ts(), channel_type="im"))))
    asyncio.run(harness.turns[0].output_channel.send_text_message("ignored", "Hello"))
    [post] = api.wait_for_posts(1)
    assert post.text == "Hello" and "blocks" not in post.body


def test_decision_payload_is_posted_as_blocks_with_text_fallback(api: FakeSlackApi) -> None:
    from tests.slack.test_blocks import DECISION_PAYLOAD

    output = SlackOutput(api_client(TOKEN, api.base_url), CHANNEL, "1.2")
    asyncio.run(output.send_custom_json("ignored", json.loads(json.dumps(DECISION_PAYLOAD))))
    [post] = api.wait_for_posts(1)
    assert post.blocks == slack_blocks.decision_blocks(DECISION_PAYLOAD)
    assert post.text == slack_blocks.escape(slack_blocks.decision_text(DECISION_PAYLOAD))


def test_unconfigured_channel_starts_logs_one_line_and_answers_503(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.setenv(name, "")
    monkeypatch.setattr("bot.channels.slack.get_settings", _settings_without_env_file(tmp_path))
    with caplog.at_level(logging.WARNING, logger="bot.channels.slack"):
        channel = SlackChannel.from_credentials(None)
    assert [r.getMessage() for r in caplog.records] == [NOT_CONFIGURED]
    harness_turns: list[UserMessage] = []

    async def record(message: UserMessage) -> None:
        harness_turns.append(message)

    envelope = event_envelope(mention(ALICE, CHANNEL, "start", new_ts()))
    reply = asyncio.run(channel.handle(json_request(envelope), record))  # type: ignore[attr-defined]
    assert reply.status == 503 and reply.body.decode() == NOT_CONFIGURED
    assert harness_turns == []


def test_from_credentials_reads_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SECRET)
    monkeypatch.setenv("SLACK_API_BASE_URL", "http://127.0.0.1:9/api")
    monkeypatch.setattr("bot.channels.slack.get_settings", _settings_without_env_file(tmp_path))
    channel = SlackChannel.from_credentials({"slack_token": "ignored"})
    assert isinstance(channel, SlackChannel) and channel.configured
    client = channel.client()
    assert client.token == TOKEN and client.base_url == "http://127.0.0.1:9/api/"


def _settings_without_env_file(tmp_path: Any) -> Any:
    from bot.settings import get_settings

    return lambda: get_settings(tmp_path / "no.env")


def test_decision_message_with_text_posts_only_the_blocks_once(api: FakeSlackApi) -> None:
    from tests.slack.test_blocks import DECISION_PAYLOAD

    output = SlackOutput(api_client(TOKEN, api.base_url), CHANNEL, "1.2")
    rasa_message = {
        "text": "Decision: Level 3 ...",
        "custom": json.loads(json.dumps(DECISION_PAYLOAD)),
        "buttons": [{"title": "Why?", "payload": "why?"}],
    }
    asyncio.run(output.send_response("ignored", rasa_message))
    [post] = api.settle(quiet=0.3)
    assert post.blocks[:-1] == slack_blocks.decision_blocks(DECISION_PAYLOAD)
    assert post.blocks[-1]["elements"][0]["value"] == "why?"
    assert post.text == slack_blocks.escape(slack_blocks.decision_text(DECISION_PAYLOAD))


def test_click_on_an_older_question_is_refused_and_its_buttons_removed(
    harness: Harness, api: FakeSlackApi
) -> None:
    root = new_ts()
    harness.run(json_request(event_envelope(mention(ALICE, CHANNEL, "start", root))))
    output = harness.turns[0].output_channel
    choices = [{"title": "Yes", "payload": "yes"}, {"title": "No", "payload": "no"}]

    async def ask_twice() -> None:
        await output.send_text_with_buttons("ignored", "First question", choices)
        await output.send_text_with_buttons("ignored", "Second question", choices)

    asyncio.run(ask_twice())
    old, latest = api.wait_for_posts(2)
    results = harness.run(
        click_request(click_payload(ALICE, old, "Yes")),
        click_request(click_payload(ALICE, latest, "No")),
    )
    assert [body for _, body, _ in results] == ["not the latest question", "ok"]
    assert [t.text for t in harness.turns] == ["start", "no"]
    updates = {c.body["ts"]: c for c in api.calls if c.method == "chat.update"}
    assert slack_blocks.STALE_QUESTION in json.dumps(updates[old.ts].blocks)
    assert "actions" not in json.dumps(updates[old.ts].blocks)
