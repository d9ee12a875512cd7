"""Real servers for end-to-end tests: the action server and the Rasa server.

Use the session-wide `servers` fixture (tests/conftest.py) for ordinary tests,
or `running_servers(...)` when a test needs its own pair, for example with
Slack pointed at a fake API.
"""

from __future__ import annotations

import dataclasses
import secrets
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import requests

from bot.serve import ServerSet, ensure_model, private_settings

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@contextmanager
def running_servers(
    name: str,
    tmp_dir: Path,
    extra_env: Mapping[str, str] | None = None,
    locality: str = "england",
) -> Iterator[ServerSet]:
    """Train if needed, start both servers on free ports, stop them afterwards.

    Args:
        name: a label for the log folder (test-artifacts/logs/<name>/).
        tmp_dir: a folder for this pair's SQLite tracker store.
        extra_env: more environment variables for both processes.
        locality: the locality configuration to run with.

    Yields:
        The running ServerSet (`.rasa_url`, `.action_url`, `.restart_rasa()`,
        `.stop_rasa()`, `.start_rasa()`, `.wait_until_ready()`,
        `.settings.api_token` for the HTTP API).
    """
    ensure_model()
    settings = dataclasses.replace(
        private_settings(tmp_dir / "conversations.db", secrets.token_hex(16)), locality=locality
    )
    servers = ServerSet(settings, extra_env=extra_env, log_dir=ARTIFACTS / "logs" / name)
    try:
        servers.start()
        yield servers
    finally:
        servers.stop()


def say(servers: ServerSet, sender: str, message: str) -> list[dict]:
    """Send one message through the REST channel (with its token) and return the bot's messages."""
    response = requests.post(
        f"{servers.rasa_url}/webhooks/rest/webhook",
        json={"sender": sender, "message": message},
        headers={"Authorization": f"Bearer {servers.settings.rest_token}"},
        timeout=60,
    )
    response.raise_for_status()
    return list(response.json())


def tracker(servers: ServerSet, sender: str) -> dict:
    """Return the conversation's tracker through Rasa's HTTP API."""
    response = requests.get(
        f"{servers.rasa_url}/conversations/{sender}/tracker",
        params={"token": servers.settings.api_token},
        timeout=30,
    )
    response.raise_for_status()
    return dict(response.json())
