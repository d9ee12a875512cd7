"""The scaled-out assistant with real PostgreSQL, Redis, two Rasa servers and nginx.

Any server can take any turn (the conversation lives in PostgreSQL, the turn
is serialised by Redis), a killed server costs the user nothing, and a
database outage is told, not hidden.
"""

from __future__ import annotations

import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests

from bot.scale.cluster import Cluster
from tests.servers import FULL_ASSESSMENT as ANSWERS

pytestmark = pytest.mark.servers


def _sender() -> str:
    return f"scale-{uuid.uuid4().hex[:12]}"


def web_session(cluster: Cluster) -> str:
    """A new web page conversation, started through nginx (any server may sign it)."""
    response = requests.post(f"{cluster.url}/webhooks/web/session", timeout=30)
    response.raise_for_status()
    return str(response.json()["sender"])


def post(
    cluster: Cluster, base_url: str, sender: str, text: str, channel: str = "rest"
) -> requests.Response:
    """Send one message to ``base_url``: REST with the cluster's bearer token, or the web page
    (which, as the page does, gives each send its own ``message_id``, so a send nginx retries on
    another server after one dies is answered once)."""
    headers = (
        {"Authorization": f"Bearer {cluster.settings.rest_token}"} if channel == "rest" else {}
    )
    body = {"sender": sender, "message": text}
    if channel == "web":
        body["message_id"] = uuid.uuid4().hex
    return requests.post(
        f"{base_url}/webhooks/{channel}/webhook",
        json=body,
        headers=headers,
        timeout=120,
    )


def say(
    cluster: Cluster, base_url: str, sender: str, text: str, channel: str = "rest"
) -> list[dict[str, Any]]:
    """Send one message to ``base_url`` and return the bot's messages."""
    response = post(cluster, base_url, sender, text, channel)
    response.raise_for_status()
    return list(response.json())


def decision(messages: list[dict[str, Any]]) -> dict[str, Any]:
    """The decision payload the last turn carried (fails if there is none)."""
    payloads = [m["custom"] for m in messages if isinstance(m.get("custom"), dict)]
    assert payloads, f"the assessment did not end with a decision: {messages}"
    return payloads[-1]


def user_texts(cluster: Cluster, sender: str) -> list[str]:
    """The user's messages in the conversation, in the order the tracker store keeps them."""
    response = requests.get(
        f"{cluster.url}/conversations/{sender}/tracker",
        params={"token": cluster.settings.api_token},
        timeout=30,
    )
    response.raise_for_status()
    return [e["text"] for e in response.json()["events"] if e["event"] == "user"]


def turns_interleaved(cluster: Cluster, sender: str) -> bool:
    """Whether a user message arrived before the previous turn ended with action_listen."""
    response = requests.get(
        f"{cluster.url}/conversations/{sender}/tracker",
        params={"token": cluster.settings.api_token},
        timeout=30,
    )
    waiting = False
    for event in response.json()["events"]:
        if event["event"] == "user":
            if waiting:
                return True
            waiting = True
        elif event["event"] == "action" and event.get("name") == "action_listen":
            waiting = False
    return False


def test_turns_alternating_between_two_servers_reach_the_same_decision(cluster: Cluster) -> None:
    first, second = (s.rasa_url for s in cluster.servers)
    alternating, single = _sender(), _sender()
    replies_alternating, replies_single = [], []
    for number, text in enumerate(["hello", *ANSWERS]):
        server = first if number % 2 == 0 else second
        replies_alternating.append(say(cluster, server, alternating, text))
        replies_single.append(say(cluster, first, single, text))

    assert decision(replies_alternating[-1]) == decision(replies_single[-1])
    texts = [[m.get("text") for m in turn] for turn in replies_alternating]
    assert texts == [[m.get("text") for m in turn] for turn in replies_single]
    assert user_texts(cluster, alternating) == ["hello", *ANSWERS]


def test_concurrent_messages_to_one_conversation_are_serialised(cluster: Cluster) -> None:
    sender = _sender()
    for text in ["hello", *ANSWERS[:3]]:
        say(cluster, cluster.url, sender, text)
    burst = ANSWERS[3:9]
    servers = [s.rasa_url for s in cluster.servers]
    with ThreadPoolExecutor(max_workers=len(burst)) as pool:
        replies = list(
            pool.map(
                lambda item: say(cluster, servers[item[0] % 2], sender, item[1]), enumerate(burst)
            )
        )

    assert all(replies), "every message of the burst was answered"
    kept = user_texts(cluster, sender)
    assert kept[:4] == ["hello", *ANSWERS[:3]]
    assert sorted(kept[4:]) == sorted(burst), "no message lost or kept twice"
    assert not turns_interleaved(cluster, sender), "each turn ran alone"


def test_a_postgresql_restart_mid_form_is_told_and_resumes(cluster: Cluster) -> None:
    sender = web_session(cluster)
    for text in ["hello", *ANSWERS[:4]]:
        say(cluster, cluster.url, sender, text, channel="web")
    cluster.postgres.stop()
    try:
        response = post(cluster, cluster.url, sender, ANSWERS[4], channel="web")
        assert response.status_code >= 500, f"an outage must be told: {response.text}"
        assert "try again" in response.text or "not saved" in response.text
    finally:
        cluster.postgres.start()

    replies = [say(cluster, cluster.url, sender, text, channel="web") for text in ANSWERS[4:]]
    decision(replies[-1])
    assert user_texts(cluster, sender) == ["hello", *ANSWERS], "resumed where it stopped"


def test_a_rasa_server_killed_mid_run_through_nginx_loses_nothing(cluster: Cluster) -> None:
    senders = [web_session(cluster) for _ in range(4)]
    halfway = threading.Barrier(len(senders) + 1)
    last_replies: dict[str, list[dict[str, Any]]] = {}

    def converse(sender: str) -> None:
        for number, text in enumerate(["hello", *ANSWERS]):
            if number == 8:
                halfway.wait(timeout=120)
            last_replies[sender] = say(cluster, cluster.url, sender, text, channel="web")

    with ThreadPoolExecutor(max_workers=len(senders)) as pool:
        running = [pool.submit(converse, sender) for sender in senders]
        halfway.wait(timeout=120)
        time.sleep(0.3)  # turns are in flight on both servers
        cluster.servers[1].kill_rasa()
        for future in running:
            future.result(timeout=240)

    for sender in senders:
        decision(last_replies[sender])
        assert user_texts(cluster, sender) == ["hello", *ANSWERS]
