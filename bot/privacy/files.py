"""Files only their owner can read: folders 0700, files 0600, and secrets made once."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from bot.settings import PROJECT_ROOT

RUN_DIR = PROJECT_ROOT / ".run"


def private_folder(path: Path) -> Path:
    """Create ``path`` (and parents) and make it readable by its owner only (0700)."""
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` if missing, owner-only (0600), in an owner-only folder."""
    private_folder(path.parent)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    os.chmod(path, 0o600)
    return path


def sqlite_path(url: str) -> Path | None:
    """The file of an ``sqlite:///`` URL, or ``None`` for other databases."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or url == prefix + ":memory:":
        return None
    return Path(url[len(prefix) :])


def private_database(url: str) -> str:
    """Pre-create an SQLite database file owner-only (other URLs are left alone)."""
    path = sqlite_path(url)
    if path is not None:
        private_file(path)
    return url


def secret(env_name: str, file_name: str) -> bytes:
    """A secret from the environment, else one generated once into ``.run/`` (0600).

    Args:
        env_name: the variable that holds it when configured (e.g. ``WEB_SESSION_SECRET``).
        file_name: the file under ``.run/`` that keeps the generated one.
    """
    configured = os.environ.get(env_name, "").strip()
    if configured:
        return configured.encode()
    path = RUN_DIR / file_name
    if not path.exists():
        private_folder(RUN_DIR)
        draft = path.with_name(f".{file_name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(draft, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
        try:
            os.link(draft, path)  # atomic: the first process to make one wins
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip().encode()
