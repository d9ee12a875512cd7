"""Slack: event ids kept across a restart, echoed text escaped, typed commands as words.

Uses the real channel and the real state store (a SQLite file), with Slack's
Web API faked; no Rasa server is needed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa.core.channels.channel import UserMessage

from bot.channels import guard
from bot.channels.slack import SlackChannel, SlackOutput, api_client
from bot.stores import state
from bot.stores import tracker as tracker_store
from tests.slack.fake_slack import (
    FakeSlackApi,
    event_envelope,
    mention,
    new_ts,
)

TOKEN, SECRET = "xoxb-test", "test-secret"
CHANNEL, USER = "C0ROBUST", "U0ROBUST"


@pytest.fixture
def api() -> Iterator[FakeSlackApi]:
    with FakeSlackApi(token=TOKEN) as fake:
        yield fake


@pytest.fixture
def state_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "state.db"
    monkeypatch.setenv("STATE_URL", f"sqlite:///{path}")
    # no conversation store made by an earlier test in this process: its state_url would win
    monkeypatch.setattr(tracker_store, "_current", None)
    state._stores.clear()
    yield path
    state._stores.clear()


def _channel(api: FakeSlackApi) -> SlackChannel:
    return SlackChannel(TOKEN, SECRET, api.base_url, persistent_keys=True)


def _handle(channel: SlackChannel, envelope: dict) -> tuple[str, list[UserMessage]]:
    turns: list[UserMessage] = []

    async def record(message: UserMessage) -> None:
        turns.append(message)

    async def go() -> str:
        outcome = channel.on_event(envelope, record)
        await asyncio.gather(*channel._background_tasks)
        return outcome

    return asyncio.run(go()), turns


def test_an_event_replayed_after_a_restart_is_dropped(api: FakeSlackApi, state_db: Path) -> None:
    envelope = event_envelope(mention(USER, CHANNEL, "I have a concern", new_ts()))
    outcome, turns = _handle(_channel(api), envelope)
    assert outcome == "ok" and len(turns) == 1
    state._stores.clear()  # a new process: nothing in memory, the same database
    outcome, turns = _handle(_channel(api), envelope)
    assert outcome == "duplicate event" and turns == []
    assert state_db.exists()


def test_text_echoed_to_slack_is_escaped(api: FakeSlackApi) -> None:
    output = SlackOutput(api_client(TOKEN, api.base_url), CHANNEL, None)
    asyncio.run(output.send_text_message("x", "You said: <!channel> <@U999> <https://e.x|hi> & co"))
    [post] = api.wait_for_posts(1)
    assert "<!channel>" not in post.text and "<@U999>" not in post.text
    assert post.text == "You said: &lt;!channel&gt; &lt;@U999&gt; &lt;https://e.x|hi&gt; &amp; co"
    assert "<!channel>" not in str(post.blocks)


def test_typed_commands_reach_rasa_as_words_and_long_text_gets_a_reason(
    api: FakeSlackApi, state_db: Path
) -> None:
    channel = _channel(api)
    outcome, turns = _handle(channel, event_envelope(mention(USER, CHANNEL, "/restart", new_ts())))
    assert outcome == "ok" and [t.text for t in turns] == [guard.COMMAND_GUARD + "/restart"]
    long_text = "x" * 2001
    outcome, turns = _handle(channel, event_envelope(mention(USER, CHANNEL, long_text, new_ts())))
    assert turns == []
    [post] = api.wait_for_posts(1)
    assert "too long" in post.text and "2000" in post.text
