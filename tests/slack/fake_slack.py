"""A fake Slack: a Web API on 127.0.0.1 that records calls, and signed requests to Rasa.

`FakeSlackApi` answers ``chat.postMessage``, ``chat.update`` and
``auth.test`` as Slack does (JSON with ``ok``), checks the bearer token and
records every call, so a test can point the project's Slack channel at it
with ``SLACK_API_BASE_URL`` and read what the assistant posted. The helpers
below build the Events API and interactivity requests Slack would send,
signed with the app's signing secret.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from bot.channels.slack_events import sign

BOT_USER = "UASSIST01"
TEAM = "T0TEAM001"


@dataclass
class ApiCall:
    """One call the assistant made to the fake Web API."""

    method: str
    body: dict[str, Any]
    token: str
    ts: str = ""

    @property
    def text(self) -> str:
        """The message's ``text`` (its notification and fallback)."""
        return str(self.body.get("text", ""))

    @property
    def blocks(self) -> list[dict[str, Any]]:
        """The message's blocks (Slack accepts them as a list or a JSON string)."""
        raw = self.body.get("blocks") or []
        return list(json.loads(raw) if isinstance(raw, str) else raw)


@dataclass
class FakeSlackApi:
    """Slack's Web API on a free port of 127.0.0.1, recording every call.

    Args:
        token: the bot token the assistant must send; other tokens get ``invalid_auth``.
    """

    token: str = "xoxb-fake"
    calls: list[ApiCall] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Condition()
        self._ts = itertools.count(1)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        """The value for ``SLACK_API_BASE_URL``."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/api/"

    def __enter__(self) -> FakeSlackApi:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def posts(self, channel: str | None = None) -> list[ApiCall]:
        """The ``chat.postMessage`` calls so far (to ``channel``, if given)."""
        with self._lock:
            return [
                call
                for call in self.calls
                if call.method == "chat.postMessage"
                and (channel is None or call.body.get("channel") == channel)
            ]

    def wait_for(
        self, condition: Callable[[list[ApiCall]], bool], timeout: float = 60.0
    ) -> list[ApiCall]:
        """Block until ``condition(calls)`` holds; return the calls, or fail after ``timeout``."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while not condition(list(self.calls)):
                left = deadline - time.monotonic()
                if left <= 0:
                    methods = [(c.method, c.text[:60]) for c in self.calls]
                    raise AssertionError(f"Slack calls never met the condition; calls: {methods}")
                self._lock.wait(left)
            return list(self.calls)

    def wait_for_posts(self, count: int, timeout: float = 60.0) -> list[ApiCall]:
        """Block until at least ``count`` messages were posted; return all posts."""
        self.wait_for(
            lambda calls: sum(c.method == "chat.postMessage" for c in calls) >= count, timeout
        )
        return self.posts()

    def settle(self, quiet: float = 1.5, timeout: float = 60.0) -> list[ApiCall]:
        """Wait until no call arrived for ``quiet`` seconds; return the posts."""
        deadline = time.monotonic() + timeout
        seen = -1
        while time.monotonic() < deadline:
            with self._lock:
                count = len(self.calls)
            if count == seen:
                return self.posts()
            seen = count
            time.sleep(quiet)
        return self.posts()

    def _record(self, method: str, body: dict[str, Any], token: str) -> dict[str, Any]:
        answer = self._answer(method, body, token)
        with self._lock:
            self.calls.append(ApiCall(method, body, token, str(answer.get("ts", ""))))
            self._lock.notify_all()
        return answer

    def _answer(self, method: str, body: dict[str, Any], token: str) -> dict[str, Any]:
        if token != self.token:
            return {"ok": False, "error": "invalid_auth"}
        if method == "chat.postMessage":
            ts = f"{1_700_000_000 + next(self._ts)}.000100"
            return {"ok": True, "channel": body.get("channel"), "ts": ts, "message": body}
        if method == "chat.update":
            return {"ok": True, "channel": body.get("channel"), "ts": body.get("ts")}
        if method == "auth.test":
            return {"ok": True, "user_id": BOT_USER, "team_id": TEAM}
        return {"ok": False, "error": "unknown_method"}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if "json" in (self.headers.get("Content-Type") or ""):
                    body = json.loads(raw or b"{}")
                else:
                    body = dict(urllib.parse.parse_qsl(raw.decode()))
                token = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
                method = self.path.rsplit("/", 1)[-1]
                answer = json.dumps(fake._record(method, body, token)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args: object) -> None:
                pass

        return Handler


def signed_headers(
    secret: str, body: bytes, content_type: str, timestamp: int | None = None
) -> dict[str, str]:
    """The headers Slack sends with ``body``, signed with ``secret`` at ``timestamp``."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": sign(secret, stamp, body),
    }


_event_ids = itertools.count(1)
_message_ts = itertools.count(1)


def new_ts() -> str:
    """A fresh Slack message ts."""
    return f"{int(time.time())}.{next(_message_ts):06d}"


def event_envelope(event: Mapping[str, Any], event_id: str | None = None) -> dict[str, Any]:
    """An Events API ``event_callback`` envelope around ``event``."""
    return {
        "token": "unused-verification-token",
        "team_id": TEAM,
        "api_app_id": "A0APP0001",
        "type": "event_callback",
        "event_id": event_id or f"Ev{next(_event_ids):08d}",
        "event_time": int(time.time()),
        "event": dict(event),
        "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
    }


def _event(kind: str, user: str, channel: str, text: str, ts: str, thread_ts: str | None) -> dict:
    event = {
        "type": kind,
        "user": user,
        "channel": channel,
        "text": text,
        "ts": ts,
        "client_msg_id": f"msg-{ts}",
        "event_ts": ts,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def mention(user: str, channel: str, text: str, ts: str, thread_ts: str | None = None) -> dict:
    """The ``app_mention`` event of ``@assistant text`` in a channel (or thread)."""
    return _event("app_mention", user, channel, f"<@{BOT_USER}> {text}", ts, thread_ts)


def message(
    user: str,
    channel: str,
    text: str,
    ts: str,
    thread_ts: str | None = None,
    channel_type: str = "channel",
) -> dict:
    """The ``message`` event of a person's message in a channel, thread or DM."""
    return {**_event("message", user, channel, text, ts, thread_ts), "channel_type": channel_type}


def click_payload(user: str, question: ApiCall, title: str) -> dict[str, Any]:
    """The ``block_actions`` payload of clicking button ``title`` on a posted question."""
    for block in question.blocks:
        for element in block.get("elements", []) if block.get("type") == "actions" else []:
            if element["text"]["text"] == title:
                action = dict(element, block_id=block["block_id"], action_ts=new_ts())
                break
        else:
            continue
        break
    else:
        raise AssertionError(f"no button {title!r} in the question {question.text!r}")
    channel, question_ts = str(question.body["channel"]), question.ts
    message_body = {"type": "message", "user": BOT_USER, "ts": question_ts, "text": question.text}
    message_body["blocks"] = question.blocks
    if question.body.get("thread_ts"):
        message_body["thread_ts"] = question.body["thread_ts"]
    return {
        "type": "block_actions",
        "user": {"id": user, "team_id": TEAM},
        "team": {"id": TEAM},
        "channel": {"id": channel, "name": "directmessage" if channel.startswith("D") else "team"},
        "container": {"type": "message", "message_ts": question_ts, "channel_id": channel},
        "message": message_body,
        "actions": [action],
        "response_url": "https://hooks.slack.invalid/actions/unused",
        "trigger_id": "1.2.3",
    }


def form_body(payload: Mapping[str, Any]) -> bytes:
    """The form-encoded body Slack uses for interactivity payloads."""
    return urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
