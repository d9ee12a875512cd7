"""PostgreSQL, Redis and nginx from Debian's packages, each run as a child process.

Every service keeps its files in one folder (``.scaled/`` for ``make
run-scaled``, a temporary folder in the tests: never under ``.run/``, which is
private to its owner, 0700), listens on loopback
only, and is stopped with its whole process group. PostgreSQL refuses to run
as root: when we are root it runs as Debian's ``postgres`` user.
"""

from __future__ import annotations

import hashlib
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import IO

from bot.settings import PROJECT_ROOT

PACKAGES = {"postgres": "postgresql", "redis-server": "redis-server", "nginx": "nginx"}
"""Each binary the scaled setup needs, and the Debian package that brings it."""

POSTGRES_USER = "postgres"
"""The unprivileged account PostgreSQL runs as when we are root."""

DATABASE = "assistant"
"""The database (and its owner role) the assistant's stores live in."""


SHARED_TEMP = Path("/var/tmp")
"""A folder every user may pass through on Debian (1777), for when the project's is closed."""


def _scaled_dir() -> Path:
    """``.scaled/`` beside ``.run/``, or a folder of this checkout's own under /var/tmp
    when the checkout lies in a folder other users cannot pass (the postgres user
    must reach its data folder)."""
    if others_can_reach(PROJECT_ROOT):
        return PROJECT_ROOT / ".scaled"
    digest = hashlib.sha256(str(PROJECT_ROOT).encode()).hexdigest()[:12]
    return SHARED_TEMP / f"safeguarding-assistant-{os.getuid()}-{digest}"


def others_can_reach(folder: Path) -> bool:
    """Whether every folder down to ``folder`` lets other users through (o+x)."""
    return all(part.stat().st_mode & 0o001 for part in [folder, *folder.parents] if part.exists())


SCALED_DIR = _scaled_dir()
"""The stores' data and every log of ``make run-scaled``: the postgres user must pass
through to its data folder, and ``.run/`` lets no one else in."""

SCRATCH_DIR = SCALED_DIR / "tmp"
"""Where tests and benchmarks make their folders when the system's temporary folders
are closed to other users."""


class ServiceError(RuntimeError):
    """A service could not start or stop; the message says what to do."""


def postgres_bin_dir() -> Path | None:
    """The newest Debian PostgreSQL server's bin folder, or None if none is installed."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/postgres"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    return found[-1].parent if found else None


def binary(name: str) -> str | None:
    """The path of one of :data:`PACKAGES`' binaries, or None if it is not installed."""
    if name == "postgres":
        bin_dir = postgres_bin_dir()
        return str(bin_dir / "postgres") if bin_dir else None
    for folder in ("/usr/sbin", "/usr/bin"):
        if os.access(f"{folder}/{name}", os.X_OK):
            return f"{folder}/{name}"
    return shutil.which(name)


def missing_packages() -> list[str]:
    """The Debian packages whose binaries are not installed (empty: all are)."""
    return [package for name, package in PACKAGES.items() if binary(name) is None]


def unlock_for_others(folder: Path) -> Path:
    """Create ``folder`` and let other users pass through it, not list or write it (0711).

    Raises:
        ServiceError: a parent folder does not let others through (the postgres
            user could not reach its data), naming it.
    """
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o711)
    closed = [part for part in folder.parents if part.exists() and not part.stat().st_mode & 0o001]
    if closed:
        raise ServiceError(
            f"{closed[0]} is private (no access for other users), so the postgres user "
            f"cannot reach {folder}: choose a folder outside it"
        )
    return folder


def scratch_folder(prefix: str, fallback: Path = SCRATCH_DIR) -> Path:
    """A new temporary folder the postgres user can reach (tests, benchmarks).

    The system's temporary folder, or /var/tmp, when others may pass through
    it, else a folder inside ``fallback`` (``SCRATCH_DIR``).
    """
    reachable = [b for b in (Path(tempfile.gettempdir()), SHARED_TEMP) if b.is_dir()]
    base = next((b for b in reachable if others_can_reach(b)), None)
    if base is None:
        base = unlock_for_others(fallback)
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=base))
    folder.chmod(0o755)
    return folder


def _secret(path: Path) -> str:
    """A password kept in ``path`` (mode 0600), made on first use."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(24))
    return path.read_text().strip()


class _Child:
    """One service process in its own process group, output to a log file."""

    name = "service"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.log_path = folder / f"{self.name}.log"
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    def _spawn(self, command: list[str], **kwargs: object) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._log = self.log_path.open("ab")
        self._process = subprocess.Popen(  # type: ignore[call-overload]
            command,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            **kwargs,
        )

    @property
    def pid(self) -> int | None:
        """The service's main process id (its process group's too), if it runs."""
        return self._process.pid if self.running() and self._process else None

    def running(self) -> bool:
        """Whether the service's process is alive."""
        return self._process is not None and self._process.poll() is None

    def _wait(self, ready: object, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while True:
            if not self.running():
                raise ServiceError(f"{self.name} stopped while starting (see {self.log_path})")
            try:
                if ready():  # type: ignore[operator]
                    return
            except Exception:  # not accepting connections yet
                pass
            if time.monotonic() > deadline:
                raise ServiceError(
                    f"{self.name} did not start in {timeout:.0f} s ({self.log_path})"
                )
            time.sleep(0.2)

    def stop(self, first_signal: int = signal.SIGTERM, timeout: float = 30) -> None:
        """Stop the service and everything it started; idempotent."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            try:
                os.killpg(process.pid, first_signal)
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            except ProcessLookupError:
                pass
        if self._log is not None:
            self._log.close()
            self._log = None


class Postgres(_Child):
    """A PostgreSQL cluster in ``folder/data``, listening on 127.0.0.1:``port``.

    Args:
        folder: where the data, the password and the log live.
        port: the TCP port on loopback.
        durable: False turns fsync off (tests and benchmarks: faster, and
            nothing there needs to survive a power cut).
    """

    name = "postgres"

    def __init__(self, folder: Path, port: int, durable: bool = True) -> None:
        super().__init__(folder)
        self.port = port
        self.durable = durable
        self.data = folder / "data"
        self.password = _secret(folder / "postgres.secret")

    @property
    def url(self) -> str:
        """The SQLAlchemy URL of the assistant's database."""
        return f"postgresql://{DATABASE}:{self.password}@127.0.0.1:{self.port}/{DATABASE}"

    def _account(self) -> dict[str, object]:
        if os.geteuid() != 0:
            return {}
        try:
            user = pwd.getpwnam(POSTGRES_USER)
        except KeyError as error:
            raise ServiceError(
                "PostgreSQL does not run as root and there is no 'postgres' user: "
                "install Debian's postgresql package (make services)"
            ) from error
        return {
            "user": user.pw_uid,
            "group": user.pw_gid,
            "extra_groups": [],
            "env": {"PATH": "/usr/bin:/bin", "HOME": str(self.folder), "LC_ALL": "C.UTF-8"},
        }

    def _prepare(self) -> None:
        if (self.data / "PG_VERSION").exists():
            return
        bin_dir = postgres_bin_dir()
        if bin_dir is None:
            raise ServiceError("PostgreSQL is not installed: run 'make services'")
        account = self._account()
        if account:
            unlock_for_others(self.folder.parent)
        self.folder.chmod(0o755)  # the postgres user goes through it; secrets inside are 0600
        self.data.mkdir(parents=True, exist_ok=True)
        self.data.chmod(0o700)
        pwfile = self.folder / "initdb.pw"
        pwfile.write_text(self.password + "\n")
        pwfile.chmod(0o600)
        if account:
            os.chown(self.data, account["user"], account["group"])  # type: ignore[arg-type]
            os.chown(pwfile, account["user"], account["group"])  # type: ignore[arg-type]
        command = [
            str(bin_dir / "initdb"), "-D", str(self.data), "--username", DATABASE,
            "--pwfile", str(pwfile), "--auth-host", "scram-sha-256", "--auth-local", "peer",
            "--encoding", "UTF8", "--no-instructions",
        ]  # fmt: skip
        if not self.durable:
            command.append("--no-sync")
        with self.log_path.open("ab") as log:
            result = subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, **account)  # type: ignore[call-overload]
        pwfile.unlink()
        if result.returncode != 0:
            raise ServiceError(
                f"initdb failed (see {self.log_path}); the postgres user must be able to "
                f"reach {self.folder} (every parent folder readable by others)"
            )

    def start(self, timeout: float = 60) -> None:
        """Create the cluster on first use, start it and create the database."""
        self._prepare()
        bin_dir = postgres_bin_dir()
        assert bin_dir is not None
        command = [
            str(bin_dir / "postgres"), "-D", str(self.data), "-p", str(self.port),
            "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={self.data}",
            "-c", "max_connections=200",
        ]  # fmt: skip
        if not self.durable:
            command += ["-c", "fsync=off", "-c", "synchronous_commit=off"]
        self._spawn(command, **self._account())
        self._wait(self._connect_and_create, timeout)

    def _connect_and_create(self) -> bool:
        import psycopg2

        connection = psycopg2.connect(
            host="127.0.0.1", port=self.port, user=DATABASE, password=self.password,
            dbname="postgres", connect_timeout=2,
        )  # fmt: skip
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,))
                if cursor.fetchone() is None:
                    cursor.execute(f"CREATE DATABASE {DATABASE}")
        finally:
            connection.close()
        return True

    def stop(self, first_signal: int = signal.SIGINT, timeout: float = 30) -> None:
        """Stop PostgreSQL (SIGINT: fast shutdown, open connections are cut)."""
        super().stop(first_signal, timeout)

    def restart(self, down_seconds: float = 0.0, timeout: float = 60) -> None:
        """Stop, stay down ``down_seconds``, and start again with the same data."""
        self.stop()
        time.sleep(down_seconds)
        self.start(timeout)


class Redis(_Child):
    """A Redis server for the lock store, on 127.0.0.1:``port``, with a password.

    Nothing is persisted: locks live for seconds and are rebuilt by the next turn.
    """

    name = "redis"

    def __init__(self, folder: Path, port: int) -> None:
        super().__init__(folder)
        self.port = port
        self.password = _secret(folder / "redis.secret")

    @property
    def url(self) -> str:
        """The ``redis://`` URL Rasa's lock store connects to."""
        return f"redis://:{self.password}@127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 30) -> None:
        """Write the configuration (password not on the command line) and start Redis."""
        path = binary("redis-server")
        if path is None:
            raise ServiceError("Redis is not installed: run 'make services'")
        self.folder.mkdir(parents=True, exist_ok=True)
        config = self.folder / "redis.conf"
        config.touch(mode=0o600)
        config.write_text(
            f"port {self.port}\nbind 127.0.0.1\nprotected-mode yes\ndir {self.folder}\n"
            f'save ""\nappendonly no\ndaemonize no\nlogfile ""\nrequirepass {self.password}\n'
        )
        self._spawn([path, str(config)])
        self._wait(self._ping, timeout)

    def _ping(self) -> bool:
        import redis

        client = redis.Redis(host="127.0.0.1", port=self.port, password=self.password)
        try:
            return bool(client.ping())
        finally:
            client.close()


class Nginx(_Child):
    """nginx in the foreground with a configuration written by :mod:`bot.scale.balancer`."""

    name = "nginx"

    def start(self, config: Path, ready_url: str, timeout: float = 30) -> None:
        """Check the configuration, start nginx and wait until ``ready_url`` answers."""
        import requests

        path = binary("nginx")
        if path is None:
            raise ServiceError("nginx is not installed: run 'make services'")
        command = [path, "-p", str(self.folder), "-c", str(config), "-e", str(self.log_path)]
        check = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True)
        if check.returncode != 0:
            raise ServiceError(f"nginx refused its configuration: {check.stderr.strip()}")
        self._spawn(command)
        self._wait(lambda: requests.get(ready_url, timeout=2).status_code < 500, timeout)

    def reload(self) -> None:
        """Re-read the configuration (SIGHUP) without dropping connections."""
        if self._process is not None:
            self._process.send_signal(signal.SIGHUP)

    def stop(self, first_signal: int = signal.SIGQUIT, timeout: float = 30) -> None:
        """Stop nginx (SIGQUIT: finish the requests in flight first)."""
        super().stop(first_signal, timeout)
