"""`make run-scaled`'s launcher: the page stays up through nginx while a Rasa server is
killed, and SIGTERM stops everything."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from bot.scale.services import scratch_folder
from bot.serve import PROJECT_ROOT, QUIET_ENV, free_port, port_is_free
from tests.scale.conftest import require_services

pytestmark = pytest.mark.servers


def _wait_for_line(
    log: Path, pattern: str, process: subprocess.Popen[bytes], timeout: float
) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log.read_text() if log.exists() else ""
        if re.search(pattern, text):
            return text
        assert process.poll() is None, f"the launcher stopped:\n{text}"
        time.sleep(0.5)
    raise AssertionError(f"no {pattern!r} in {timeout:.0f} s:\n{log.read_text()}")


def _command_lines() -> dict[int, list[str]]:
    lines = {}
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            lines[int(cmdline.parent.name)] = (
                cmdline.read_bytes().decode(errors="replace").split("\0")
            )
        except OSError:
            continue
    return lines


def _processes_with(text: str) -> list[int]:
    """Process ids with ``text`` in one of their arguments."""
    return [pid for pid, args in _command_lines().items() if any(text in arg for arg in args)]


def _rasa_server_on(port: int) -> list[int]:
    """The process id of this project's Rasa server on ``port`` (exact argument match)."""
    return [
        pid
        for pid, args in _command_lines().items()
        if "bot.privacy.launch" in args
        and "rasa" in args
        and any(arg.endswith(f"endpoints-{port}.yml") for arg in args)
        and any(a == "--port" and b == str(port) for a, b in zip(args, args[1:], strict=False))
    ]


def test_the_page_is_served_through_nginx_while_a_rasa_server_is_killed_and_sigterm_stops_all() -> (
    None
):
    require_services()
    folder = scratch_folder("scale-launcher-")
    port = free_port()
    log = folder / "launcher.log"
    rest_token = secrets.token_hex(16)
    env = {
        **os.environ,
        **QUIET_ENV,
        "RASA_PORT": str(port),
        "ASSISTANT_HOST": "127.0.0.1",
        "REST_TOKEN": rest_token,
    }
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "RASA_API_TOKEN", "CORS_ORIGINS"):
        env[name] = ""
    with log.open("wb") as output:
        launcher = subprocess.Popen(
            [sys.executable, "-m", "bot.scale", "--replicas", "2", "--folder", str(folder / "run")],
            cwd=PROJECT_ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        text = _wait_for_line(log, r"Press Ctrl-C", launcher, 300)
        backends = [int(p) for p in re.search(r"\(ports ([\d, ]+)\)", text).group(1).split(", ")]  # type: ignore[union-attr]
        page = f"http://127.0.0.1:{port}/webhooks/web/"
        assert requests.get(page, timeout=10).status_code == 200
        session = requests.post(f"{page}session", timeout=10).json()["sender"]

        rasa_pids = _rasa_server_on(backends[0])
        assert rasa_pids, "found the first Rasa server"
        os.killpg(rasa_pids[0], signal.SIGKILL)
        for _ in range(5):
            assert requests.get(page, timeout=10).status_code == 200
            reply = requests.post(
                f"http://127.0.0.1:{port}/webhooks/rest/webhook",
                json={"sender": "launcher-test", "message": "hello"},
                headers={"Authorization": f"Bearer {rest_token}"},
                timeout=60,
            )
            assert reply.status_code == 200 and reply.json(), "the other server answered"
            typed = requests.post(
                f"{page}webhook", json={"sender": session, "message": "hello"}, timeout=60
            )
            assert typed.status_code == 200 and typed.json(), "the page's session still works"
        _wait_for_line(log, r"Rasa server 1 stopped", launcher, 30)
    finally:
        launcher.send_signal(signal.SIGTERM)
        code = launcher.wait(timeout=90)
        leftovers = _processes_with(str(folder))
        said = log.read_text()
        shutil.rmtree(folder, ignore_errors=True)

    assert code == 0
    assert "nothing of the assistant is left running" in said
    assert leftovers == [], "no PostgreSQL, Redis or nginx left"
    assert all(port_is_free("127.0.0.1", p) for p in [port, *backends])
