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
import secrets
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


MAX_RESTARTS = 3
"""How many times the launcher restarts a crashed server within RESTART_WINDOW_SECONDS."""
RESTART_WINDOW_SECONDS = 600.0
HEALTH_EVERY_SECONDS = 5.0
"""How often the launcher asks the web channel whether conversations are being saved."""
SERVER_LABELS = {"rasa": "Rasa", "actions": "action"}


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


def rss_mb(pid: int | None) -> float:
    """Resident memory of a process in MB (0 if it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def private_settings(tracker_db: Path, api_token: str = "") -> Settings:
    """Settings for a throw-away pair of servers: loopback, free ports, no CORS, no Slack.

    Used by the tests and by the scenario tools that start their own assistant.
    The REST channel is on with a token (``REST_TOKEN`` of this process, made
    and exported here when unset, so REST clients in this process can send it);
    the audit trail goes next to the tracker store.

    Args:
        tracker_db: the SQLite file for this pair's conversations.
        api_token: a token to turn Rasa's HTTP API on with; empty leaves it off.
    """
    rest_token = os.environ.setdefault("REST_TOKEN", secrets.token_hex(16))
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
        rest_token=rest_token,
        action_host="127.0.0.1",
        audit_db=tracker_db.parent / "audit.db",
        audit_url="",
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

    The tracker store (``bot.scale.endpoints.TRACKER_STORE_TYPE``: the loud
    store that also forgets a restarted conversation) is on
    ``settings.tracker_store_url`` (SQLite by default, PostgreSQL when
    ``TRACKER_URL`` says so); ``state_url`` (only when ``STATE_URL`` is set)
    tells it where message ids and Slack event ids go, else they go to its own
    database. The lock store is Redis when ``LOCK_STORE_URL`` is set. The file
    may hold passwords: it is made readable by its owner only. ``ACTION_TOKEN``
    is never written: Rasa's launcher adds it to the calls (``bot.privacy.launch``).
    """
    from bot.privacy.files import private_file, private_folder
    from bot.scale.endpoints import lock_store_endpoint, tracker_store_endpoint

    tracker_store = tracker_store_endpoint(settings.tracker_store_url)
    if settings.state_url:
        tracker_store["state_url"] = settings.state_url
    sections: dict[str, object] = {
        "action_endpoint": {"url": f"http://{settings.action_host}:{settings.action_port}/webhook"},
        "tracker_store": tracker_store,
    }
    lock_store = lock_store_endpoint(settings.lock_store_url)
    if lock_store is not None:
        sections["lock_store"] = lock_store
    if not settings.tracker_url:
        private_file(settings.tracker_db)
    private_folder(path.parent)
    path.touch(mode=0o600)
    path.chmod(0o600)
    path.write_text(json.dumps(sections, indent=2) + "\n")  # JSON is YAML
    return path


def privacy_env(settings: Settings) -> dict[str, str]:
    """The privacy settings as environment variables for the servers (never arguments)."""
    env = {
        "RASA_API_TOKEN": settings.api_token,
        "REST_TOKEN": settings.rest_token,
        "ACTION_HOST": settings.action_host,
        "ACTION_TOKEN": settings.action_token,
        "TRACKER_DB": str(settings.tracker_db),
        "CONVERSATION_DAYS": f"{settings.conversation_days:g}",
        "AUDIT_DB": str(settings.audit_db),
        "AUDIT_URL": settings.audit_url,
        "AUDIT_YEARS": f"{settings.audit_years:g}",
    }
    if settings.web_session_secret:
        env["WEB_SESSION_SECRET"] = settings.web_session_secret
    return env


class ServerSet:
    """The action server and the Rasa server, each in its own process.

    Args:
        settings: ports, host, tracker store and secrets to run with.
        extra_env: more environment variables for both processes (tests use
            this to point Slack at a fake API).
        log_dir: where each server's output goes; None sends it to this terminal.
        die_with_parent: ask the kernel to stop each server if this process
            dies, even by SIGKILL (the launcher; leaves no orphans).
    """

    def __init__(
        self,
        settings: Settings,
        extra_env: Mapping[str, str] | None = None,
        log_dir: Path | None = None,
        die_with_parent: bool = False,
    ) -> None:
        self.settings = settings
        self.extra_env = dict(extra_env or {})
        self.log_dir = log_dir
        self.die_with_parent = die_with_parent
        self._processes: dict[str, subprocess.Popen[bytes]] = {}

    @property
    def rasa_url(self) -> str:
        """Base URL of the Rasa server."""
        return f"http://{self.settings.host}:{self.settings.rasa_port}"

    @property
    def action_url(self) -> str:
        """Base URL of the action server."""
        return f"http://{self.settings.action_host}:{self.settings.action_port}"

    def start(self, timeout: float = 180.0) -> None:
        """Start both servers and wait until each answers.

        Raises:
            ServeError: a port is taken, or a server did not come up in time.
        """
        for name, host, port in (
            ("RASA_PORT", self.settings.host, self.settings.rasa_port),
            ("ACTION_PORT", self.settings.action_host, self.settings.action_port),
        ):
            if not port_is_free(host, port):
                raise ServeError(
                    f"Port {port} is already in use: stop whatever uses it, "
                    f"or set {name} to another port in .env"
                )
        self.start_actions()
        self.start_rasa()
        self.wait_until_ready(timeout)

    def start_actions(self) -> None:
        """Start the action server process (on loopback unless ``ACTION_HOST`` opens it)."""
        env = self._env({})
        command = [
            sys.executable,
            "-m",
            "bot.privacy.launch",
            "actions",
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
            sys.executable,
            "-m",
            "bot.privacy.launch",
            "rasa",
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
        # RASA_API_TOKEN reaches Rasa through its environment, never this command line.
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

    def exited(self) -> dict[str, int]:
        """The servers that stopped by themselves, with their exit codes."""
        return {
            name: code
            for name, process in self._processes.items()
            if (code := process.poll()) is not None
        }

    def restart(self, name: str, timeout: float = 180.0) -> None:
        """Start the server ``name`` ("rasa" or "actions") again and wait until it answers."""
        self._stop(name)
        if name == "rasa":
            self.start_rasa()
        else:
            self.start_actions()
        self.wait_until_ready(timeout)

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
        env = {
            "SAFEGUARDING_LOCALITY": self.settings.locality,
            **privacy_env(self.settings),
            **self.extra_env,
            **extra,
        }
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
            preexec_fn=_stop_when_parent_dies if self.die_with_parent else None,
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


def _stop_when_parent_dies() -> None:
    """In a child: have the kernel send SIGTERM when the launcher dies (Linux prctl)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class _Stop(Exception):
    """SIGTERM or SIGHUP reached the launcher."""


def _raise_stop(signum: int, _frame: object) -> None:
    raise _Stop(signal.Signals(signum).name)


def supervise(servers: ServerSet, settings: Settings) -> int:
    """Keep both servers running until Ctrl-C or SIGTERM; return the exit code.

    A server that stops is restarted, with a line on stderr, up to
    MAX_RESTARTS times in RESTART_WINDOW_SECONDS; after that both stop and
    the launcher exits 1. Every HEALTH_EVERY_SECONDS the web channel's
    health route is read and a change (store failing, recreated, recovered)
    is printed.
    """
    restarts: dict[str, list[float]] = {"rasa": [], "actions": []}
    health_url = f"http://{settings.host}:{settings.rasa_port}/webhooks/web/health"
    last_health, next_check = "ok", time.monotonic() + HEALTH_EVERY_SECONDS
    while True:
        for name, code in servers.exited().items():
            label = SERVER_LABELS.get(name, name)
            now = time.monotonic()
            recent = [t for t in restarts[name] if now - t < RESTART_WINDOW_SECONDS]
            if len(recent) >= MAX_RESTARTS:
                print(
                    f"error: the {label} server stopped again (exit code {code}) after "
                    f"{MAX_RESTARTS} restarts in {RESTART_WINDOW_SECONDS / 60:g} minutes; "
                    "stopping. See its output above.",
                    file=sys.stderr,
                    flush=True,
                )
                return 1
            restarts[name] = [*recent, now]
            print(
                f"warning: the {label} server stopped (exit code {code}); restarting it "
                f"({len(restarts[name])} of {MAX_RESTARTS} in {RESTART_WINDOW_SECONDS / 60:g} min)",
                file=sys.stderr,
                flush=True,
            )
            try:
                servers.restart(name)
            except ServeError as error:
                print(f"warning: {error}", file=sys.stderr, flush=True)
            else:
                print(f"The {label} server is running again.", flush=True)
        if time.monotonic() >= next_check:
            next_check = time.monotonic() + HEALTH_EVERY_SECONDS
            last_health = _report_health(health_url, last_health)
        time.sleep(0.5)


def _report_health(url: str, last: str) -> str:
    """Print the store's health when it changes; return the new state."""
    try:
        report = requests.get(url, timeout=5).json()
    except (requests.RequestException, ValueError):
        return last  # the Rasa server is down or busy: the restart logic reports that
    status = str(report.get("status", "unknown"))
    if status != last:
        if status == "ok":
            print("The conversation store is saving again.", flush=True)
        else:
            print(f"warning: {status}: {report.get('store', '')}", file=sys.stderr, flush=True)
    return status


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `python -m bot serve`."""
    parser.add_argument(
        "--train-only", action="store_true", help="train if the training data changed, then exit"
    )


def run(args: argparse.Namespace) -> int:
    """Train if needed, start both servers, say where they are, keep them running.

    Ctrl-C, SIGTERM (what a service manager sends) and SIGHUP stop both
    servers; a crashed server is restarted (see :func:`supervise`).
    """
    servers: ServerSet | None = None
    previous = {sig: signal.signal(sig, _raise_stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        try:
            settings = get_settings()
            ensure_model()
            if args.train_only:
                print(f"Model is up to date: {MODEL_PATH.relative_to(PROJECT_ROOT)}")
                return 0
            servers = ServerSet(settings, die_with_parent=True)
            servers.start()
        except (SettingsError, ServeError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        _announce(settings)
        return supervise(servers, settings)
    except (KeyboardInterrupt, _Stop):
        print("\nStopping...", flush=True)
        return 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if servers is not None:
            servers.stop()


def _announce(settings: Settings) -> None:
    slack = (
        "on: events and clicks go to /webhooks/slack/webhook"
        if settings.slack_configured
        else "off (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET in .env to turn it on)"
    )
    rest = (
        f"POST http://{settings.host}:{settings.rasa_port}/webhooks/rest/webhook"
        " (Authorization: Bearer <REST_TOKEN>)"
        if settings.rest_token
        else "off (set REST_TOKEN in .env to turn it on)"
    )
    print(
        "\nThe assistant is running.\n"
        f"  Web page:  {settings.web_page_url}\n"
        f"  REST:      {rest}\n"
        f"  Slack:     {slack}\n"
        f"  Health:    http://{settings.host}:{settings.rasa_port}/webhooks/web/health\n"
        f"  Conversations are kept in {redacted_url(settings.tracker_store_url)}, deleted"
        f" {settings.conversation_days:g} days after their last message\n"
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
