"""One scaled-out assistant per test module: real PostgreSQL, Redis, two Rasa servers, nginx."""

from __future__ import annotations

import dataclasses
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.scale.cluster import Cluster
from bot.scale.services import missing_packages, scratch_folder
from bot.serve import ensure_model, free_port
from bot.settings import get_settings

ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts" / "logs" / "scale"


def require_services() -> None:
    """Skip when Debian's binaries are absent outside CI; in CI (CI=true) fail instead."""
    missing = missing_packages()
    if not missing:
        return
    reason = f"not installed: {', '.join(missing)} (make services installs them)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI must run the scale tests: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    """PostgreSQL, Redis, two Rasa + action servers and nginx, in a temporary folder."""
    require_services()
    ensure_model()
    folder = scratch_folder("scale-test-")  # the postgres user must reach it
    settings = dataclasses.replace(
        get_settings(),
        host="127.0.0.1",
        rasa_port=free_port(),
        tracker_db=folder / "unused.db",
        cors_origins=(),
        api_token=secrets.token_hex(16),
        rest_token=secrets.token_hex(16),
        slack_bot_token="",
        slack_signing_secret="",
    )
    started = Cluster(folder, settings, replicas=2, durable=False)
    try:
        started.start()
        yield started
    finally:
        started.stop()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for log in folder.rglob("*.log"):
            shutil.copy(log, ARTIFACTS / f"{log.parent.name}-{log.name}")
        shutil.rmtree(folder, ignore_errors=True)
