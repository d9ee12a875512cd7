"""The launcher behind `make run`: clear errors, training only when data changed."""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

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


@pytest.mark.servers
def test_serve_says_where_it_is_and_ctrl_c_stops_both_servers(tmp_path: Path) -> None:
    """`make run`: both servers start, the web page address is printed, Ctrl-C stops both."""
    rasa_port, action_port = free_port(), free_port()
    env = {
        **os.environ,
        "RASA_PORT": str(rasa_port),
        "ACTION_PORT": str(action_port),
        "TRACKER_DB": str(tmp_path / "conversations.db"),
        "SLACK_BOT_TOKEN": "",
        "SLACK_SIGNING_SECRET": "",
    }
    serve = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert serve.stdout is not None
        printed = []
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            line = serve.stdout.readline()
            printed.append(line)
            if "Press Ctrl-C" in line or serve.poll() is not None:
                break
        text = "".join(printed)
        page = f"http://127.0.0.1:{rasa_port}/webhooks/web/"
        assert page in text and "Slack:     off" in text
        assert requests.get(page, timeout=10).status_code == 200
        assert requests.get(f"http://127.0.0.1:{action_port}/health", timeout=10).ok
        serve.send_signal(signal.SIGINT)
        assert serve.wait(timeout=60) == 0
    finally:
        if serve.poll() is None:
            serve.kill()
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", rasa_port)) != 0
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", action_port)) != 0
