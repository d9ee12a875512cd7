"""The launcher behind `make run`: clear errors, training only when data changed."""

from __future__ import annotations

import dataclasses
import shutil
import socket
from pathlib import Path

import pytest

from bot.serve import ServeError, ServerSet, free_port, training_fingerprint
from bot.settings import PROJECT_ROOT, SettingsError, get_settings


def test_a_busy_port_gives_one_line_saying_what_to_do(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        settings = dataclasses.replace(
            get_settings(), host="127.0.0.1", rasa_port=port, action_port=free_port()
        )
        with pytest.raises(ServeError) as error:
            ServerSet(settings, log_dir=tmp_path).start()
    message = str(error.value)
    assert f"Port {port} is already in use" in message
    assert "RASA_PORT" in message and "\n" not in message


def test_the_fingerprint_changes_only_when_training_data_changes(tmp_path: Path) -> None:
    for name in ("config.yml", "domain.yml", "data"):
        source = PROJECT_ROOT / name
        copy = shutil.copytree if source.is_dir() else shutil.copy
        copy(source, tmp_path / name)
    before = training_fingerprint(tmp_path)
    (tmp_path / "README.md").write_text("not training data")
    assert training_fingerprint(tmp_path) == before
    nlu = tmp_path / "data" / "nlu.yml"
    nlu.write_text(nlu.read_text() + "\n")
    assert training_fingerprint(tmp_path) != before


def test_a_bad_port_setting_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASA_PORT", "fifty")
    with pytest.raises(SettingsError, match="RASA_PORT"):
        get_settings()


def test_slack_is_off_without_both_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "")
    assert not get_settings().slack_configured
