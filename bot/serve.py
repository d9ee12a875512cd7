"""Start the assistant: train when the training data changed, then run both servers.

`make run` calls `python -m bot serve`; the end-to-end tests use `ServerSet`
to run the same two processes on free ports.
"""

from __future__ import annotations

import argparse
import dataclasses
import fcntl
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import requests

from bot.settings import PROJECT_ROOT, Settings, SettingsError, get_settings

MODEL_NAME = "assistant"
MODEL_PATH = PROJECT_ROOT / "models" / f"{MODEL_NAME}.tar.gz"
RUN_DIR = PROJECT_ROOT / ".run"
TRAINING_INPUTS = ("config.yml", "domain.yml", "data")
QUIET_ENV = {
    "RASA_TELEMETRY_ENABLED": "false",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "PYTHONWARNINGS": "ignore",
}


class ServeError(RuntimeError):
    """The servers could not start; the message says what to do."""


def training_fingerprint(root: Path = PROJECT_ROOT) -> str:
    """Return a hash of every file Rasa trains from (config, domain, data/)."""
    digest = hashlib.sha256()
    for name in TRAINING_INPUTS:
        path = root / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(root)).encode())
            digest.update(file.read_bytes() if file.exists() else b"")
    return digest.hexdigest()


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_model(force: bool = False) -> Path:
    """Train the model when the training data changed since the last training.

    Returns:
        The path of the trained model.

    Raises:
        ServeError: training failed (Rasa's output is shown above the message).
    """
    stamp = MODEL_PATH.with_suffix(".fingerprint")
    with _file_lock(RUN_DIR / "train.lock"):
        fingerprint = training_fingerprint()
        if (
            not force
            and MODEL_PATH.exists()
            and stamp.exists()
            and stamp.read_text() == fingerprint
        ):
            return MODEL_PATH
        print("Training the assistant (the training data changed)...", flush=True)
        command = [
            _venv_bin("rasa"),
            "train",
            "--fixed-model-name",
            MODEL_NAME,
            "--out",
            str(MODEL_PATH.parent),
        ]
        result = subprocess.run(command, cwd=PROJECT_ROOT, env=_child_env({}))
        if result.returncode != 0 or not MODEL_PATH.exists():
            raise ServeError("Training failed: read Rasa's message above, fix data/ or domain.yml")
        stamp.write_text(fingerprint)
    return MODEL_PATH


def _venv_bin(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def _child_env(extra: Mapping[str, str]) -> dict[str, str]:
    env = dict(os.environ)
    env.update(QUIET_ENV)
    env["PYTHONPATH"] = str(PROJECT_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def port_is_free(host: str, port: int) -> bool:
    """Whether nothing listens on host:port yet."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = "127.0.0.1") -> int:
    """Return a port nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def private_settings(tracker_db: Path, api_token: str = "") -> Settings:
    """Settings for a throw-away pair of servers: loopback, free ports, no CORS, no Slack.

    Used by the tests and by the scenario tools that start their own assistant.

    Args:
        tracker_db: the SQLite file for this pair's conversations.
        api_token: a token to turn Rasa's HTTP API on with; empty leaves it off.
    """
    return dataclasses.replace(
        get_settings(),
        host="127.0.0.1",
        rasa_port=free_port(),
        action_port=free_port(),
        tracker_db=tracker_db,
        tracker_url="",
        lock_store_url="",
        cors_origins=(),
        api_token=api_token,
        slack_bot_token="",
        slack_signing_secret="",
    )


def redacted_url(url: str) -> str:
    """The URL with its password hidden, fit for a terminal or a log."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).__repr__()  # repr hides the password as ***
    except Exception:
        return "(a URL that cannot be read)"


def write_endpoints(settings: Settings, path: Path) -> Path:
    """Write the endpoints file for these settings: action server, tracker store, lock store.

    The tracker store is ``settings.tracker_store_url`` (SQLite by default,
    PostgreSQL when ``TRACKER_URL`` says so); the lock store is Redis when
    ``LOCK_STORE_URL`` is set. The file may hold passwords: it is made readable
    by its owner only.
    """
    from bot.scale.endpoints import lock_store_endpoint, tracker_store_endpoint

    sections: dict[str, object] = {
        "action_endpoint": {"url": f"http://{settings.host}:{settings.action_port}/webhook"},
        "tracker_store": tracker_store_endpoint(settings.tracker_store_url),
    }
    lock_store = lock_store_endpoint(settings.lock_store_url)
    if lock_store is not None:
        sections["lock_store"] = lock_store
    if not settings.tracker_url:
        settings.tracker_db.parent.mkdir(parents=True, exist_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.chmod(0o600)
    path.write_text(json.dumps(sections, indent=2) + "\n")  # JSON is YAML
    return path


class ServerSet:
    """The action server and the Rasa server, each in its own process.

    Args:
        settings: ports, host, tracker store and secrets to run with.
        extra_env: more environment variables for both processes (tests use
            this to point Slack at a fake API).
        log_dir: where each server's output goes; None sends it to this terminal.
    """

    def __init__(
        self,
        settings: Settings,
        extra_env: Mapping[str, str] | None = None,
        log_dir: Path | None = None,
    ) -> None:
        self.settings = settings
        self.extra_env = dict(extra_env or {})
        self.log_dir = log_dir
        self._processes: dict[str, subprocess.Popen[bytes]] = {}

    @property
    def rasa_url(self) -> str:
        """Base URL of the Rasa server."""
        return f"http://{self.settings.host}:{self.settings.rasa_port}"

    @property
    def action_url(self) -> str:
        """Base URL of the action server."""
        return f"http://{self.settings.host}:{self.settings.action_port}"

    def start(self, timeout: float = 180.0) -> None:
        """Start both servers and wait until each answers.

        Raises:
            ServeError: a port is taken, or a server did not come up in time.
        """
        for name, port in (
            ("RASA_PORT", self.settings.rasa_port),
            ("ACTION_PORT", self.settings.action_port),
        ):
            if not port_is_free(self.settings.host, port):
                raise ServeError(
                    f"Port {port} is already in use: stop whatever uses it, "
                    f"or set {name} to another port in .env"
                )
        self.start_actions()
        self.start_rasa()
        self.wait_until_ready(timeout)

    def start_actions(self) -> None:
        """Start the action server process."""
        env = self._env({"SANIC_HOST": self.settings.host})
        command = [
            sys.executable,
            "-m",
            "rasa_sdk",
            "--actions",
            "actions",
            "--port",
            str(self.settings.action_port),
            "--quiet",
        ]
        self._processes["actions"] = self._spawn("actions", command, env)

    def start_rasa(self) -> None:
        """Start the Rasa server process (the web page, REST and Slack channels)."""
        endpoints = write_endpoints(
            self.settings, RUN_DIR / f"endpoints-{self.settings.rasa_port}.yml"
        )
        command = [
            _venv_bin("rasa"),
            "run",
            "--model",
            str(MODEL_PATH),
            "--endpoints",
            str(endpoints),
            "--credentials",
            str(PROJECT_ROOT / "credentials.yml"),
            "--interface",
            self.settings.host,
            "--port",
            str(self.settings.rasa_port),
        ]
        if self.settings.cors_origins:
            command += ["--cors", *self.settings.cors_origins]
        if self.settings.api_token:
            command += ["--enable-api", "--auth-token", self.settings.api_token]
        self._processes["rasa"] = self._spawn("rasa", command, self._env({}))

    def wait_until_ready(self, timeout: float = 180.0) -> None:
        """Block until both servers answer HTTP, or raise ServeError."""
        checks = {"actions": f"{self.action_url}/health", "rasa": f"{self.rasa_url}/"}
        deadline = time.monotonic() + timeout
        for name, url in checks.items():
            while True:
                process = self._processes.get(name)
                if process is not None and process.poll() is not None:
                    raise ServeError(
                        f"The {name} server stopped while starting{self._log_hint(name)}"
                    )
                try:
                    if requests.get(url, timeout=2).status_code == 200:
                        break
                except requests.RequestException:
                    pass
                if time.monotonic() > deadline:
                    raise ServeError(
                        f"The {name} server did not answer at {url}{self._log_hint(name)}"
                    )
                time.sleep(0.5)

    def pid(self, name: str) -> int | None:
        """The process id of the ``"rasa"`` or ``"actions"`` server, if it runs."""
        process = self._processes.get(name)
        return process.pid if process is not None and process.poll() is None else None

    def running(self) -> bool:
        """Whether every started server is still running."""
        return all(process.poll() is None for process in self._processes.values())

    def stop_rasa(self) -> None:
        """Stop the Rasa server only (the action server keeps running)."""
        self._stop("rasa")

    def kill_rasa(self) -> None:
        """Kill the Rasa server at once (SIGKILL), as a crash would; for failure tests."""
        process = self._processes.pop("rasa", None)
        if process is not None and process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def restart_rasa(self, timeout: float = 180.0) -> None:
        """Stop and start the Rasa server; conversations come back from the tracker store."""
        self._stop("rasa")
        self.start_rasa()
        self.wait_until_ready(timeout)

    def stop(self) -> None:
        """Stop both servers."""
        for name in list(self._processes):
            self._stop(name)

    def _env(self, extra: Mapping[str, str]) -> dict[str, str]:
        env = {"SAFEGUARDING_LOCALITY": self.settings.locality, **self.extra_env, **extra}
        return _child_env(env)

    def _spawn(self, name: str, command: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        output = None
        if self.log_dir is not None:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            output = (self.log_dir / f"{name}.log").open("ab")
        return subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT if output else None,
            start_new_session=True,
        )

    def _stop(self, name: str) -> None:
        process = self._processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def _log_hint(self, name: str) -> str:
        return (
            f" (see {self.log_dir / (name + '.log')})"
            if self.log_dir
            else " (see its output above)"
        )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `python -m bot serve`."""
    parser.add_argument(
        "--train-only", action="store_true", help="train if the training data changed, then exit"
    )


def run(args: argparse.Namespace) -> int:
    """Train if needed, start both servers, say where they are, stop both on Ctrl-C."""
    try:
        settings = get_settings()
        ensure_model()
        if args.train_only:
            print(f"Model is up to date: {MODEL_PATH.relative_to(PROJECT_ROOT)}")
            return 0
        servers = ServerSet(settings)
        servers.start()
    except (SettingsError, ServeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    _announce(settings)
    try:
        while servers.running():
            time.sleep(1)
        print("error: a server stopped unexpectedly; see its output above", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping...")
        return 0
    finally:
        servers.stop()


def _announce(settings: Settings) -> None:
    slack = (
        "on: events and clicks go to /webhooks/slack/webhook"
        if settings.slack_configured
        else "off (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET in .env to turn it on)"
    )
    print(
        "\nThe assistant is running.\n"
        f"  Web page:  {settings.web_page_url}\n"
        f"  REST:      POST http://{settings.host}:{settings.rasa_port}/webhooks/rest/webhook\n"
        f"  Slack:     {slack}\n"
        f"  Conversations are kept in {redacted_url(settings.tracker_store_url)}\n"
        "Press Ctrl-C to stop both servers.\n",
        flush=True,
    )


def main() -> int:
    """Entry point for `python -m bot.serve`."""
    parser = argparse.ArgumentParser(prog="python -m bot serve", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
