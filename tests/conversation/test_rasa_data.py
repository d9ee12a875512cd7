"""Rasa's own checks: data validation and the test stories.

The held-out NLU intent test is retired: intents no longer decide anything
(every message is read by bot.reading; every rule takes any intent), so an
intent accuracy figure would measure nothing a practitioner sees. What is
measured now is the reading itself (tests/reading, tests/reading/heldout).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import TEST_STORIES
from tests.servers import RasaTestRun

ROOT = Path(__file__).resolve().parents[2]
RASA = str(ROOT / ".venv" / "bin" / "rasa")


def _rasa(*args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        "TF_CPP_MIN_LOG_LEVEL": "2",
    }
    return subprocess.run(
        [RASA, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )


def test_rasa_data_validate_is_clean():
    result = _rasa("data", "validate", "--fail-on-warnings")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


@pytest.mark.servers
def test_the_test_stories_pass(rasa_test_run: RasaTestRun):
    assert rasa_test_run.failed or rasa_test_run.returncode == 0, rasa_test_run.output
    assert not rasa_test_run.failures_in(TEST_STORIES), rasa_test_run.failed
