"""Every setting of the assistant, read once from the environment and `.env`.

`.env` (never committed; see `.env.example`) is loaded with python-dotenv; a
variable already set in the environment wins over the file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dotenv import load_dotenv

PROJECT_ROOT = Path(__file__).resolve().parent.parent

DEFAULT_SLACK_API_BASE_URL = "https://slack.com/api/"


class SettingsError(ValueError):
    """A setting has a value the assistant cannot use; the message says which and why."""


@dataclass(frozen=True)
class Settings:
    """The assistant's configuration.

    Attributes:
        locality: which local configuration (level labels, front door) to use.
        host: the interface both servers listen on (loopback unless opened up).
        rasa_port: the Rasa server's port (web page, REST, Slack webhooks).
        action_port: the action server's port.
        tracker_db: the SQLite file conversations are kept in (when no tracker_url).
        cors_origins: origins allowed to call the Rasa server from a browser;
            empty means only the page's own origin.
        api_token: token for Rasa's HTTP API; empty leaves the API off.
        slack_bot_token: the Slack app's bot token (xoxb-...).
        slack_signing_secret: the Slack app's signing secret.
        slack_api_base_url: the Slack Web API host to post to.
        tracker_url: SQLAlchemy URL of the conversation store (``TRACKER_URL``);
            empty means the SQLite file ``tracker_db``.
        lock_store_url: ``redis://`` URL of Rasa's lock store (``LOCK_STORE_URL``);
            empty means Rasa's in-memory lock store (one Rasa process only).
    """

    locality: str
    host: str
    rasa_port: int
    action_port: int
    tracker_db: Path
    cors_origins: tuple[str, ...]
    api_token: str
    slack_bot_token: str
    slack_signing_secret: str
    slack_api_base_url: str
    tracker_url: str = ""
    lock_store_url: str = ""

    @property
    def tracker_store_url(self) -> str:
        """The conversation store's SQLAlchemy URL (TRACKER_URL, else the SQLite file)."""
        return self.tracker_url or f"sqlite:///{self.tracker_db}"

    @property
    def slack_configured(self) -> bool:
        """Whether both Slack secrets are set, so the Slack channel can run."""
        return bool(self.slack_bot_token and self.slack_signing_secret)

    @property
    def web_page_url(self) -> str:
        """The address of the practitioners' web page."""
        return f"http://{self.host}:{self.rasa_port}/webhooks/web/"


def _port(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip() or str(default)
    if not raw.isdigit() or not 1 <= int(raw) <= 65535:
        raise SettingsError(f"{name}={raw!r} is not a port number; use a number from 1 to 65535")
    return int(raw)


def get_settings(env_file: Path | None = None) -> Settings:
    """Read the settings from the environment, after loading `.env` if present.

    Args:
        env_file: the dotenv file to load; defaults to `.env` at the project root.

    Raises:
        SettingsError: a value is unusable (the message names the variable).
    """
    load_dotenv(env_file or PROJECT_ROOT / ".env", override=False)
    tracker_db = Path(
        os.environ.get("TRACKER_DB", "").strip() or PROJECT_ROOT / ".run" / "conversations.db"
    )
    origins = tuple(o.strip() for o in os.environ.get("CORS_ORIGINS", "").split(",") if o.strip())
    return Settings(
        locality=os.environ.get("SAFEGUARDING_LOCALITY", "").strip() or "england",
        host=os.environ.get("ASSISTANT_HOST", "").strip() or "127.0.0.1",
        rasa_port=_port("RASA_PORT", 5005),
        action_port=_port("ACTION_PORT", 5055),
        tracker_db=tracker_db,
        cors_origins=origins,
        api_token=os.environ.get("RASA_API_TOKEN", "").strip(),
        slack_bot_token=os.environ.get("SLACK_BOT_TOKEN", "").strip(),
        slack_signing_secret=os.environ.get("SLACK_SIGNING_SECRET", "").strip(),
        slack_api_base_url=os.environ.get("SLACK_API_BASE_URL", "").strip()
        or DEFAULT_SLACK_API_BASE_URL,
        tracker_url=os.environ.get("TRACKER_URL", "").strip(),
        lock_store_url=os.environ.get("LOCK_STORE_URL", "").strip(),
    )
