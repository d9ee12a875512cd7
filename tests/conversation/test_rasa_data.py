"""Rasa's own checks: data validation, the test stories, the held-out NLU set."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from bot.serve import MODEL_PATH, ensure_model

ROOT = Path(__file__).resolve().parents[2]
RASA = str(ROOT / ".venv" / "bin" / "rasa")
MIN_INTENT_ACCURACY = 0.90


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
def test_the_test_stories_pass(servers, tmp_path):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "{servers.action_url}/webhook"\n')
    result = _rasa(
        "test", "core",
        "--stories", "tests/conversation/test_stories.yml",
        "--fail-on-prediction-errors",
        "--model", str(MODEL_PATH),
        "--endpoints", str(endpoints),
        "--out", str(tmp_path / "results"),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


def test_held_out_nlu_intent_accuracy(tmp_path):
    ensure_model()
    result = _rasa(
        "test", "nlu",
        "--nlu", "tests/nlu_heldout.yml",
        "--model", str(MODEL_PATH),
        "--out", str(tmp_path),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-4000:]
    report = json.loads((tmp_path / "intent_report.json").read_text())
    errors = json.loads((tmp_path / "intent_errors.json").read_text())
    total = int(report["weighted avg"]["support"])
    print(f"\nheld-out NLU: {total} utterances, intent accuracy {report['accuracy']:.1%}")
    for error in errors:
        print(f"  {error['intent']} -> {error['intent_prediction']['name']}: {error['text']}")
    assert total >= 150
    assert report["accuracy"] >= MIN_INTENT_ACCURACY


def _examples(path: Path) -> set[str]:
    import yaml

    data = yaml.safe_load(path.read_text())
    return {
        line.strip()[2:].strip().lower()
        for item in data["nlu"]
        for line in item["examples"].splitlines()
        if line.strip().startswith("- ")
    }


def test_held_out_set_shares_nothing_with_training():
    assert not _examples(ROOT / "tests" / "nlu_heldout.yml") & _examples(ROOT / "data" / "nlu.yml")
