"""The scaled-out assistant: PostgreSQL, Redis, N Rasa + action servers, nginx in front.

Every Rasa server keeps conversations in the same PostgreSQL database and
takes Rasa's per-conversation lock in the same Redis, so any server can take
any turn. nginx listens on the one address users know (``RASA_PORT``).
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Mapping
from pathlib import Path

from bot.privacy.files import secret
from bot.scale.balancer import write_nginx_config
from bot.scale.services import Nginx, Postgres, Redis
from bot.serve import RUN_DIR, ServerSet, free_port
from bot.settings import Settings

LOCK_LIFETIME_SECONDS = 10
"""How long a conversation's lock outlives a Rasa server that died holding it.

Rasa's default is 60 s. Live servers keep their tickets alive
(bot.scale.redis_lock), so this is only how long a turn that was in flight on
a dead server waits before another server takes it.
"""


def shared_secrets() -> dict[str, str]:
    """The keys every server must share, read once here for all of them.

    A web session signed by one server must be accepted by every other behind
    nginx (``WEB_SESSION_SECRET``), and a conversation must get the same
    pseudonymous key in the audit trail whichever server decided
    (``AUDIT_SECRET``). Each comes from the environment, else from the key made
    once in ``.run/``. ``REST_TOKEN`` and ``ACTION_TOKEN`` come from the one
    :class:`Settings` every server is started with.
    """
    return {
        name: secret(name, file_name).decode()
        for name, file_name in (
            ("WEB_SESSION_SECRET", "web_session.key"),
            ("AUDIT_SECRET", "audit.key"),
        )
    }


def store_environment(postgres_url: str, redis_url: str) -> dict[str, str]:
    """The settings every Rasa and action server needs to share the stores."""
    return {
        "TRACKER_URL": postgres_url,
        "STATE_URL": postgres_url,
        "AUDIT_URL": postgres_url,
        "LOCK_STORE_URL": redis_url,
        "TICKET_LOCK_LIFETIME": os.environ.get("TICKET_LOCK_LIFETIME", "").strip()
        or str(LOCK_LIFETIME_SECONDS),
    }


class Cluster:
    """Start and stop the whole scaled-out assistant.

    Args:
        folder: where the stores' data and every log live.
        settings: host, ``rasa_port`` (nginx's port), secrets and channels.
        replicas: how many Rasa servers (each with its own action server).
        durable: False runs PostgreSQL without fsync (tests, benchmarks).
        extra_env: more environment variables for the Rasa and action servers.
    """

    def __init__(
        self,
        folder: Path,
        settings: Settings,
        replicas: int = 2,
        durable: bool = True,
        extra_env: Mapping[str, str] | None = None,
    ) -> None:
        self.folder = folder
        self.settings = settings
        self.replicas = replicas
        self.postgres = Postgres(folder / "postgres", free_port(), durable=durable)
        self.redis = Redis(folder / "redis", free_port())
        self.nginx = Nginx(folder / "nginx")
        self.extra_env = dict(extra_env or {})
        self.servers: list[ServerSet] = []

    @property
    def url(self) -> str:
        """The balancer's address: the web page, REST and Slack live under it."""
        return f"http://{self.settings.host}:{self.settings.rasa_port}"

    def start(self, timeout: float = 300) -> None:
        """Start the stores, the servers and the balancer; stop what started on failure."""
        try:
            self.start_stores()
            self.start_servers(timeout)
            self.start_balancer()
        except BaseException:
            self.stop()
            raise

    def start_stores(self) -> None:
        """Start PostgreSQL and Redis."""
        self.postgres.start()
        self.redis.start()

    def server_settings(self) -> Settings:
        """Settings for one more Rasa server: free private ports, the shared stores."""
        return dataclasses.replace(
            self.settings,
            host="127.0.0.1",
            rasa_port=free_port(),
            action_port=free_port(),
            tracker_url=self.postgres.url,
            lock_store_url=self.redis.url,
        )

    def start_servers(self, timeout: float = 300) -> None:
        """Start every Rasa server and its action server at once, then wait for all."""
        env = {
            **shared_secrets(),
            **self.extra_env,
            **store_environment(self.postgres.url, self.redis.url),
        }
        for number in range(len(self.servers), self.replicas):
            servers = ServerSet(
                self.server_settings(),
                extra_env=env,
                log_dir=self.folder / "logs" / f"rasa-{number}",
            )
            self.servers.append(servers)
            servers.start_actions()
            servers.start_rasa()
        for servers in self.servers:
            servers.wait_until_ready(timeout)

    def start_balancer(self) -> None:
        """Write nginx's configuration for the running servers and start it."""
        upstreams = [(s.settings.host, s.settings.rasa_port) for s in self.servers]
        config = write_nginx_config(
            self.nginx.folder, self.settings.host, self.settings.rasa_port, upstreams
        )
        self.nginx.start(config, f"{self.url}/")

    def scale_to(self, replicas: int, timeout: float = 300) -> None:
        """Start more Rasa servers and let nginx send them turns (no restart, no lost turn)."""
        self.replicas = max(replicas, len(self.servers))
        self.start_servers(timeout)
        upstreams = [(s.settings.host, s.settings.rasa_port) for s in self.servers]
        write_nginx_config(
            self.nginx.folder, self.settings.host, self.settings.rasa_port, upstreams
        )
        self.nginx.reload()
        time.sleep(1)  # nginx starts new workers with the new upstreams

    def dead_servers(self) -> list[int]:
        """The numbers of the Rasa/action server pairs of which a process has stopped."""
        return [number for number, servers in enumerate(self.servers) if not servers.running()]

    def revive(self, number: int, timeout: float = 300) -> None:
        """Restart pair ``number`` on its own ports (nginx sends it turns again)."""
        servers = self.servers[number]
        servers.stop()
        servers.start(timeout)

    def stores_running(self) -> bool:
        """Whether PostgreSQL, Redis and nginx are all alive."""
        return self.postgres.running() and self.redis.running() and self.nginx.running()

    def stop(self) -> None:
        """Stop everything, balancer first and stores last; idempotent."""
        self.nginx.stop()
        for servers in self.servers:
            servers.stop()
            # the endpoints file holds the stores' passwords: gone with the server
            (RUN_DIR / f"endpoints-{servers.settings.rasa_port}.yml").unlink(missing_ok=True)
        self.redis.stop()
        self.postgres.stop()
