"""Shared fixtures: one pair of real servers for the whole test session."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from bot.serve import ServerSet
from tests.servers import running_servers

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerSet]:
    """The action server and the Rasa server, started once for the session."""
    with running_servers("session", tmp_path_factory.mktemp("servers")) as started:
        yield started
