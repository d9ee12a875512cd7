"""Real servers for end-to-end tests: the action server and the Rasa server.

Use the session-wide `servers` fixture (tests/conftest.py) for ordinary tests,
or `running_servers(...)` when a test needs its own pair, for example with
Slack pointed at a fake API.
"""

from __future__ import annotations

import dataclasses
import os
import re
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import requests

from bot.serve import MODEL_PATH, QUIET_ENV, RUN_DIR, ServerSet, ensure_model, private_settings
from tests.slack.fake_slack import FakeSlackApi

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"

FULL_ASSESSMENT = [
    "no",
    "I'm the DSL at a primary school",
    "she's seven",
    "asthma",
    "it's out of date",
    "about fifteen",
    "often missed",
    "twice",
    "none",
    "no",
    "about 85%",
    "yes, it has dropped",
    "yes, she's frightened",
    "suspected",
    "no",
    "no",
    "no idea",
    "none",
]
"""A full asthma assessment after "hello": what the scale tests and bench/conversation.py send."""


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


SLACK_TOKEN = "xoxb-tests"
SLACK_SECRET = secrets.token_hex(16)
ACTION_TOKEN = secrets.token_hex(16)
"""Rasa and the action server share it in the Slack set, so its tests also prove Rasa sends it."""
SLACK_LOG_NAME = "slack"


@dataclasses.dataclass(frozen=True)
class SlackServers:
    """Both servers with Slack pointed at a fake Slack Web API, an action token, logs at DEBUG."""

    api: FakeSlackApi
    servers: ServerSet
    log_dir: Path


@contextmanager
def running_slack_servers(tmp_dir: Path) -> Iterator[SlackServers]:
    """Start the Slack set (tests/slack and tests/privacy share it); stop it afterwards."""
    log_dir = ARTIFACTS / "logs" / SLACK_LOG_NAME
    shutil.rmtree(log_dir, ignore_errors=True)
    env = {
        "SLACK_BOT_TOKEN": SLACK_TOKEN,
        "SLACK_SIGNING_SECRET": SLACK_SECRET,
        "LOG_LEVEL": "DEBUG",
        "ACTION_TOKEN": ACTION_TOKEN,
    }
    with FakeSlackApi(token=SLACK_TOKEN) as api:
        env["SLACK_API_BASE_URL"] = api.base_url
        with running_servers(SLACK_LOG_NAME, tmp_dir, extra_env=env) as servers:
            yield SlackServers(api, servers, log_dir)


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


@dataclasses.dataclass(frozen=True)
class RasaTestRun:
    """One ``rasa test core`` run over several story sets, and the stories that failed."""

    returncode: int
    output: str
    failed: tuple[str, ...]

    def failures_in(self, stories: Path) -> list[str]:
        """The failed stories of one set (a story file or a folder of them)."""
        names = story_names(stories)
        return [f for f in self.failed if any(f == n or f.startswith(f"{n} (") for n in names)]


def story_names(stories: Path) -> set[str]:
    """The names of the stories in a story file or a folder of them."""
    files = [stories] if stories.is_file() else sorted(stories.glob("*.yml"))
    return {name.strip() for f in files for name in STORY_NAME.findall(f.read_text("utf-8"))}


STORY_NAME = re.compile(r"^- story: (.+)$", re.MULTILINE)


def rasa_test_core(servers: ServerSet, story_sets: list[Path], folder: Path) -> RasaTestRun:
    """Run ``rasa test core`` once over every story set, against the running action server.

    One run loads the model once for all the sets (each run costs a model load).
    """
    stories = folder / "stories"
    stories.mkdir(parents=True)
    for story_set in story_sets:
        files = [story_set] if story_set.is_file() else sorted(story_set.glob("*.yml"))
        for file in files:
            shutil.copy(file, stories / f"{story_set.stem}-{file.name}")
    results = folder / "results"
    command = [str(Path(sys.executable).parent / "rasa"), "test", "core"]
    command += ["--model", str(MODEL_PATH), "--stories", str(stories)]
    command += ["--endpoints", str(RUN_DIR / f"endpoints-{servers.settings.rasa_port}.yml")]
    command += ["--out", str(results), "--fail-on-prediction-errors"]
    env = {**os.environ, **QUIET_ENV}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    failed_file = results / "failed_test_stories.yml"
    failed = STORY_NAME.findall(failed_file.read_text("utf-8")) if failed_file.exists() else []
    return RasaTestRun(done.returncode, done.stdout[-4000:] + done.stderr[-4000:], tuple(failed))
