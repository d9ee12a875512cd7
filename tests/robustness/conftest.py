"""One assistant under its launcher shared by the robustness tests, and ways to talk to it."""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import requests

from bot.serve import ensure_model, free_port
from bot.settings import PROJECT_ROOT
from tests.servers import ARTIFACTS


class Launched:
    """The assistant as `make run` starts it (``python -m bot serve``), on free ports.

    The fault tests break its servers and the launcher repairs them, as in
    production; ``lines`` is what the launcher printed.
    """

    def __init__(self, tmp_dir: Path) -> None:
        self.rasa_port, self.action_port = free_port(), free_port()
        self.rasa_url = f"http://127.0.0.1:{self.rasa_port}"
        self.settings = SimpleNamespace(
            api_token=secrets.token_hex(12),
            rest_token=secrets.token_hex(16),
            tracker_db=tmp_dir / "conversations.db",
        )
        env = {
            **os.environ,
            "RASA_PORT": str(self.rasa_port),
            "ACTION_PORT": str(self.action_port),
            "TRACKER_DB": str(self.settings.tracker_db),
            "SLACK_BOT_TOKEN": "",
            "SLACK_SIGNING_SECRET": "",
            "RASA_API_TOKEN": self.settings.api_token,
            "REST_TOKEN": self.settings.rest_token,
        }
        ensure_model()
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # its own process group, as `make run` has
        )
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for("Press Ctrl-C", 240)

    def _read(self) -> None:
        assert self.process.stdout is not None
        log = ARTIFACTS / "logs" / "robustness-launcher.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a") as copy:
            for line in self.process.stdout:
                self.lines.append(line)
                copy.write(line)
                copy.flush()

    def wait_for(self, pattern: str, timeout: float, after: int = 0) -> None:
        """Wait until the launcher prints a line matching ``pattern`` (from line ``after``)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(re.search(pattern, line) for line in self.lines[after:]):
                return
            assert self.process.poll() is None, "".join(self.lines)
            time.sleep(0.2)
        raise AssertionError(f"no {pattern!r} in:\n{''.join(self.lines)}")

    def servers(self) -> list[int]:
        """The pids of the launcher's children (the two servers)."""
        return children(self.process.pid)

    def pid(self, name: str) -> int:
        """The pid of the "rasa" or "actions" server."""
        port = self.rasa_port if name == "rasa" else self.action_port
        return next(pid for pid in self.servers() if f" {port}" in cmdline(pid))

    def kill(self, name: str) -> int:
        """SIGKILL one server; return how many lines the launcher had printed before."""
        printed = len(self.lines)
        os.kill(self.pid(name), signal.SIGKILL)
        return printed

    def wait_restarted(self, name: str, printed: int) -> None:
        """Wait until the launcher has restarted ``name`` after line ``printed``."""
        label = "Rasa" if name == "rasa" else "action"
        self.wait_for(f"warning: the {label} server stopped .*restarting it", 30, printed)
        self.wait_for(f"The {label} server is running again", 240, printed)

    def running(self) -> bool:
        """Whether the launcher is still running."""
        return self.process.poll() is None

    def stop(self) -> None:
        """SIGKILL the whole group if it is still running (cleanup after a failure)."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def children(pid: int) -> list[int]:
    """Every process whose parent is ``pid``."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        fields = dict(line.split(":\t", 1) for line in text.splitlines() if ":\t" in line)
        if fields.get("PPid", "").strip() == str(pid) and "zombie" not in fields.get("State", ""):
            found.append(int(status.parent.name))
    return found


def cmdline(pid: int) -> str:
    """A process's command line, spaces between the arguments."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@pytest.fixture(scope="session")
def robust_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Launched]:
    """The assistant under its launcher, started once for tests/robustness."""
    launched = Launched(tmp_path_factory.mktemp("robust"))
    try:
        yield launched
    finally:
        launched.stop()


def db_path(servers: Launched) -> Path:
    """The SQLite file of this pair's conversations."""
    return Path(servers.settings.tracker_db)


def new_sender(servers: Any) -> str:
    """A fresh web conversation, issued by the server as the page gets one (``/session``)."""
    response = requests.post(f"{servers.rasa_url}/webhooks/web/session", timeout=30)
    response.raise_for_status()
    return str(response.json()["sender"])


def rest_sender(prefix: str = "robust") -> str:
    """A fresh REST conversation id (a REST client names its own)."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def post(
    servers: Any,
    body: Any,
    channel: str = "rest",
    content_type: str = "application/json",
    timeout: float = 60,
    session: requests.Session | None = None,
) -> tuple[int, Any]:
    """POST ``body`` (a str/bytes as is, else JSON) to a webhook; return (status, JSON or text).

    REST requests carry the channel's bearer token, as a REST client must.
    """
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    headers = {"Content-Type": content_type}
    if channel == "rest":
        headers["Authorization"] = f"Bearer {servers.settings.rest_token}"
    response = (session or requests).post(
        f"{servers.rasa_url}/webhooks/{channel}/webhook",
        data=data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data,
        headers=headers,
        timeout=timeout,
    )
    try:
        return response.status_code, response.json()
    except ValueError:
        return response.status_code, response.text


def send(
    servers: Any,
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


def still_answers(servers: Any) -> bool:
    """Whether Rasa answers a new conversation's greeting with 200."""
    status, reply = send(servers, new_sender(servers), "hello")
    return status == 200 and bool(reply)


os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
