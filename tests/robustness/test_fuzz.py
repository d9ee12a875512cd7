"""Fuzz: over 10,000 generated bodies and messages to the real servers, none stops them.

A seeded generator (same bodies every run) makes malformed requests of every
kind the channels must refuse with a 4xx and a reason (not an object, wrong
types, lone surrogates, control characters, oversize, text/plain, broken
UTF-8, nesting too deep) and well-formed messages with hostile text (Rasa
commands, intents with entities, long, mixed scripts) that must be answered.
Every request gets a 2xx or a 4xx, Rasa keeps running and answering, and its
memory growth is printed.
"""

from __future__ import annotations

import json
import random
import string
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests

from bot.serve import rss_mb
from tests.robustness.conftest import new_sender, post, rest_sender, still_answers
from tests.servers import ARTIFACTS

pytestmark = pytest.mark.servers

SEED = 11
MALFORMED = 10_000
"""Requests refused at the channel (fast: Rasa never sees them)."""
MESSAGES = 150
"""Well-formed messages with hostile text, read by NLU and answered."""
TIME_LIMIT_SECONDS = 150
WORKERS = 4

HOSTILE_TEXTS = [
    "/restart",
    "/back",
    "/session_start",
    '/affirm{"assessment_done": true}',
    '/inform{"immediate_danger": "yes"}',
    "/start_assessment",
    "/",
    "//",
    "<!channel> <@U123> <https://evil.example|click>",
    "'; DROP TABLE events; --",
    "{{ 7*7 }} ${jndi:ldap://x} %s %n",
    "\u202eevil\u202c",
    "\u200b\u200b\u200b",
    "é" * 10,
    "🙂" * 50,
    "यह एक परीक्षण है",
    "نعم",
    "null",
    "NaN",
]


def _text(rng: random.Random, max_len: int) -> str:
    alphabet = string.printable.replace("\x0b", "").replace("\x0c", "") + "éßøΩЖ中文🙂\u200b"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(1, max_len)))


def malformed_requests(
    rng: random.Random, senders: dict[str, str]
) -> Iterator[tuple[str, Any, str]]:
    """Yield (channel, body, content type) triples a channel must refuse with a 4xx.

    ``senders`` holds a valid sender per channel (a web session the server
    issued, a REST id), so that each body is refused for its own fault.
    """
    for index in range(MALFORMED):
        channel = "rest" if index % 2 else "web"
        yield channel, *_malformed(rng, senders[channel], index)


def _malformed(rng: random.Random, sender: str, index: int) -> tuple[Any, str]:
    good = {"sender": sender, "message": "hello"}
    makers = [
        lambda: json.dumps(rng.choice([None, [], "", 0, 1.5, True, [good], "hello"])),
        lambda: bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 64))),
        lambda: json.dumps({**good, "sender": rng.choice([None, 1, [], {}, True, "", "x" * 200])}),
        lambda: json.dumps(
            {**good, "message": rng.choice([None, 1, [], {"text": "hi"}, False, "", "   "])}
        ),
        lambda: json.dumps({**good, "message_id": rng.choice([1, [], {}, "", "m" * 65, "a b"])}),
        lambda: '{"sender": "\\ud800", "message": "hi"}',
        lambda: '{"sender": "' + sender + '", "message": "hi \\udfff there"}',
        lambda: json.dumps({**good, "sender": "fuzz\x00" + _text(rng, 10)}),
        lambda: json.dumps({**good, "message": "a\x07b" + _text(rng, 20)}),
        lambda: json.dumps({**good, "message": "x" * rng.randint(2001, 8_000)}),
        lambda: "[" * rng.randint(1_100, 5_000),
        lambda: "{" + '"a":' * 2 + "}",
        lambda: "",
        lambda: json.dumps({"message": "hello"}),
        lambda: json.dumps({"sender": sender}),
        lambda: "1" * 5000,
        lambda: json.dumps({**good, "message": _text(rng, 100)})[: rng.randint(1, 30)],
    ]
    if index % 10 == 0:  # a valid body a foreign page could send without a preflight
        kinds = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data", ""]
        return json.dumps(good), rng.choice(kinds)
    return rng.choice(makers)(), "application/json"


def hostile_messages(
    rng: random.Random, web_senders: list[str]
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (channel, body) of well-formed messages with hostile or odd text.

    Web messages use the server's ``web_senders`` (sessions it issued); REST
    messages as many REST ids of their own.
    """
    rest_senders = [rest_sender("fuzz") for _ in web_senders]
    for index in range(MESSAGES):
        text = (
            HOSTILE_TEXTS[index % len(HOSTILE_TEXTS)]
            if index % 2
            else _text(rng, 400 if index % 25 else 2000)
        )
        channel = "web" if index % 2 else "rest"
        senders = web_senders if channel == "web" else rest_senders
        body = {"sender": rng.choice(senders), "message": text}
        if index % 3 == 0:
            body["message_id"] = f"fz-{index}"
        yield channel, body


def test_ten_thousand_generated_requests_never_stop_the_assistant(robust_servers) -> None:
    servers = robust_servers
    rasa_pid = servers.pid("rasa")
    assert still_answers(servers)
    before = rss_mb(rasa_pid)
    rng = random.Random(SEED)
    started = time.monotonic()
    statuses: Counter[int] = Counter()
    server_errors: list[tuple[Any, int, Any]] = []
    local = threading.local()

    def one(channel: str, body: Any, content_type: str) -> None:
        if time.monotonic() - started > TIME_LIMIT_SECONDS:
            return
        if not hasattr(local, "session"):
            local.session = requests.Session()
        session = local.session
        status, reply = post(servers, body, channel, content_type, timeout=30, session=session)
        statuses[status] += 1
        if not 200 <= status < 500 or (
            status >= 400 and not (isinstance(reply, dict) and reply.get("error"))
        ):
            server_errors.append((str(body)[:120], status, str(reply)[:200]))

    valid = {"web": new_sender(servers), "rest": rest_sender("fuzz")}
    with ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(lambda args: one(*args), malformed_requests(rng, valid)))
    rejected_at = time.monotonic()
    answered: Counter[int] = Counter()
    web_senders = [new_sender(servers) for _ in range(10)]
    for channel, body in hostile_messages(rng, web_senders):
        status, reply = post(servers, body, channel, timeout=30)
        answered[status] += 1
        if status != 200 and not (status in (400, 413) and isinstance(reply, dict)):
            server_errors.append((str(body)[:120], status, str(reply)[:200]))
    elapsed = time.monotonic() - started
    after = rss_mb(rasa_pid)
    total = sum(statuses.values()) + sum(answered.values())
    report = (
        f"fuzz: {total} requests in {elapsed:.0f} s "
        f"({rejected_at - started:.0f} s for {sum(statuses.values())} malformed); "
        f"statuses {dict(statuses)}, hostile messages {dict(answered)}; "
        f"Rasa memory {before:.0f} MB -> {after:.0f} MB ({after - before:+.0f} MB)"
    )
    print("\n" + report)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "fuzz-report.txt").write_text(report + "\n")
    assert total >= MALFORMED + MESSAGES, f"stopped at the time limit after {total} requests"
    assert server_errors == []
    assert all(400 <= status < 500 for status in statuses), statuses
    assert not statuses.keys() & {401, 403, 404}, f"refused at the door: {statuses}"
    assert servers.running() and servers.pid("rasa") == rasa_pid
    assert still_answers(servers)
    assert after - before < 500, f"Rasa grew by {after - before:.0f} MB"
