"""One pair of real servers shared by the robustness tests, and ways to talk to them."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from bot.serve import ServerSet
from tests.servers import running_servers


@pytest.fixture(scope="session")
def robust_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerSet]:
    """Both servers, started once for tests/robustness (faults are undone by each test)."""
    with running_servers("robustness", tmp_path_factory.mktemp("robust")) as started:
        yield started


def db_path(servers: ServerSet) -> Path:
    """The SQLite file of this pair's conversations."""
    return Path(servers.settings.tracker_db)


def new_sender(prefix: str = "robust") -> str:
    """A fresh conversation id the web page could have made."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def post(
    servers: ServerSet,
    body: Any,
    channel: str = "rest",
    content_type: str = "application/json",
    timeout: float = 60,
    session: requests.Session | None = None,
) -> tuple[int, Any]:
    """POST ``body`` (a str/bytes as is, else JSON) to a webhook; return (status, JSON or text)."""
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    response = (session or requests).post(
        f"{servers.rasa_url}/webhooks/{channel}/webhook",
        data=data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data,
        headers={"Content-Type": content_type},
        timeout=timeout,
    )
    try:
        return response.status_code, response.json()
    except ValueError:
        return response.status_code, response.text


def send(
    servers: ServerSet,
    sender: str,
    text: str,
    message_id: str | None = None,
    channel: str = "web",
) -> tuple[int, list[dict]]:
    """Send one message as the web page does; return (status, bot messages)."""
    body: dict[str, Any] = {"sender": sender, "message": text}
    if message_id is not None:
        body["message_id"] = message_id
    status, reply = post(servers, body, channel=channel)
    assert isinstance(reply, list), reply
    return status, reply


def texts(messages: list[dict]) -> str:
    """Every message's text, one per line."""
    return "\n".join(str(m.get("text", "")) for m in messages)


def rss_mb(pid: int | None) -> float:
    """Resident memory of a process in MB (0 if it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def still_answers(servers: ServerSet) -> bool:
    """Whether Rasa answers a new conversation's greeting with 200."""
    status, reply = send(servers, new_sender("alive"), "hello")
    return status == 200 and bool(reply)


os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
