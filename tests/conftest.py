"""Shared fixtures: one pair of real servers for the whole test session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.scenarios import SCENARIO_DIR
from bot.serve import ServerSet
from tests.servers import (
    RasaTestRun,
    SlackServers,
    rasa_test_core,
    running_servers,
    running_slack_servers,
)

TEST_STORIES = Path(__file__).parent / "conversation" / "test_stories.yml"

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerSet]:
    """The action server and the Rasa server, started once for the session."""
    with running_servers("session", tmp_path_factory.mktemp("servers")) as started:
        yield started


@pytest.fixture(scope="session")
def rasa_test_run(servers: ServerSet, tmp_path_factory: pytest.TempPathFactory) -> RasaTestRun:
    """``rasa test core`` once over the conversation's test stories and the scenarios' stories."""
    return rasa_test_core(
        servers, [TEST_STORIES, SCENARIO_DIR], tmp_path_factory.mktemp("rasa-test")
    )


@pytest.fixture(scope="session")
def slack_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SlackServers]:
    """The servers with Slack pointed at a fake API (tests/slack and tests/privacy share them)."""
    with running_slack_servers(tmp_path_factory.mktemp("slack")) as started:
        yield started
