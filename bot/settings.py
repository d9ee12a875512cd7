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
        policy_version: the threshold policy version the assistant decides with
            (POLICY_VERSION; default the newest in bot/policy/).
        rest_token: bearer token the REST channel needs; empty turns REST off.
        action_host: the interface the action server listens on (loopback).
        action_token: shared token between Rasa and the action server; needed
            when the action server listens beyond loopback.
        web_session_secret: key that signs web session ids; empty means one
            generated once into ``.run/`` (owner-only).
        conversation_days: conversations are deleted this many days after
            their last message.
        audit_db: the SQLite file of the decision audit trail.
        audit_url: an SQLAlchemy URL for the audit trail (PostgreSQL); wins over audit_db.
        audit_years: audit records are deleted this many years after they were made.
        max_message_chars: the longest message any channel passes on to the
            assistant (the web page's limit); longer ones are refused with a reason.
        state_url: SQLAlchemy URL of the small shared stores (web message ids,
            Slack event ids); empty means the tracker store's own database.
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
    policy_version: str = ""
    rest_token: str = ""
    action_host: str = "127.0.0.1"
    action_token: str = ""
    web_session_secret: str = ""
    conversation_days: float = 7.0
    audit_db: Path = PROJECT_ROOT / ".run" / "audit.db"
    audit_url: str = ""
    audit_years: float = 7.0
    max_message_chars: int = 2000
    state_url: str = ""
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
    def state_store_url(self) -> str:
        """Where message ids and Slack event ids go: STATE_URL, else the tracker's database."""
        return self.state_url or f"sqlite:///{self.tracker_db}"

    @property
    def web_page_url(self) -> str:
        """The address of the practitioners' web page."""
        return f"http://{self.host}:{self.rasa_port}/webhooks/web/"


def _port(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip() or str(default)
    if not raw.isdigit() or not 1 <= int(raw) <= 65535:
        raise SettingsError(f"{name}={raw!r} is not a port number; use a number from 1 to 65535")
    return int(raw)


def _policy_version() -> str:
    from bot.engine.policy import VERSION_ENV, newest_version, policy_versions

    raw = os.environ.get(VERSION_ENV, "").strip()
    if not raw:
        return newest_version()
    if raw not in policy_versions():
        raise SettingsError(
            f"{VERSION_ENV}={raw!r} is not a policy version; use one of "
            + ", ".join(policy_versions())
        )
    return raw


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip() or str(default)
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value <= 0:
        raise SettingsError(f"{name}={raw!r} is not a positive number (e.g. {default:g})")
    return value


def _private_settings() -> dict[str, object]:
    """The privacy settings (issue 12): tokens, session key, retention, audit store."""
    action_host = os.environ.get("ACTION_HOST", "").strip() or "127.0.0.1"
    action_token = os.environ.get("ACTION_TOKEN", "").strip()
    if action_host not in ("127.0.0.1", "localhost", "::1") and not action_token:
        raise SettingsError(
            f"ACTION_HOST={action_host!r} opens the action server beyond this machine: "
            "set ACTION_TOKEN to a long random value too"
        )
    return {
        "rest_token": os.environ.get("REST_TOKEN", "").strip(),
        "action_host": action_host,
        "action_token": action_token,
        "web_session_secret": os.environ.get("WEB_SESSION_SECRET", "").strip(),
        "conversation_days": _number("CONVERSATION_DAYS", 7),
        "audit_db": Path(
            os.environ.get("AUDIT_DB", "").strip() or PROJECT_ROOT / ".run" / "audit.db"
        ),
        "audit_url": os.environ.get("AUDIT_URL", "").strip(),
        "audit_years": _number("AUDIT_YEARS", 7),
    }


def _positive(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip() or str(default)
    if not raw.isdigit() or int(raw) < 1:
        raise SettingsError(f"{name}={raw!r} is not a positive whole number")
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
        policy_version=_policy_version(),
        **_private_settings(),  # type: ignore[arg-type]
        max_message_chars=_positive("MAX_MESSAGE_CHARS", 2000),
        state_url=os.environ.get("STATE_URL", "").strip(),
        tracker_url=os.environ.get("TRACKER_URL", "").strip(),
        lock_store_url=os.environ.get("LOCK_STORE_URL", "").strip(),
    )
