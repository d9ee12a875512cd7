"""nginx's configuration: one address in front of every Rasa server.

A request that fails to reach a server (refused, reset, timed out, 502, 504)
is sent to the next server, POSTs included (``non_idempotent``). A 503 is the
assistant's own answer ("your answer was not saved, send it again" while the
database is down; Slack not configured): it goes to the user as it is and
never marks a server as failed, or a database outage would take every server
out of the balancer for ``fail_timeout`` after it ended. That is safe
only because a repeated message is recognised: the web page sends each
message with an id and the web channel answers a repeat from its message-id
store instead of running the turn twice; Slack events carry an event id the
Slack channel de-duplicates; REST callers who need the same guarantee must
use the web webhook. See docs/deploy.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

READ_TIMEOUT_SECONDS = 120
"""How long a turn may take before nginx gives up on a server (covers lock waits)."""


def nginx_config(
    folder: Path, listen_host: str, listen_port: int, upstreams: Sequence[tuple[str, int]]
) -> str:
    """Return an nginx.conf balancing ``listen_host:listen_port`` over ``upstreams``.

    Args:
        folder: nginx's own folder (pid file, temporary files, error log).
        listen_host: the address practitioners, Slack and REST clients use.
        listen_port: its port (``RASA_PORT``).
        upstreams: each Rasa server's ``(host, port)``.
    """
    servers = "\n".join(
        f"        server {host}:{port} max_fails=1 fail_timeout=5s;" for host, port in upstreams
    )
    temp = folder / "tmp"
    return f"""# Written by bot.scale.balancer; regenerated on every start.
worker_processes 1;
daemon off;
pid {folder / "nginx.pid"};
error_log {folder / "nginx.log"} warn;

events {{
    worker_connections 1024;
}}

http {{
    access_log off;  # paths carry conversation ids; the assistant keeps its own audit trail
    server_tokens off;
    client_body_temp_path {temp / "body"};
    proxy_temp_path {temp / "proxy"};
    fastcgi_temp_path {temp / "fastcgi"};
    uwsgi_temp_path {temp / "uwsgi"};
    scgi_temp_path {temp / "scgi"};
    client_max_body_size 1m;

    upstream rasa {{
{servers}
        keepalive 32;
    }}

    server {{
        listen {listen_host}:{listen_port};

        location / {{
            proxy_pass http://rasa;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_connect_timeout 2s;
            proxy_read_timeout {READ_TIMEOUT_SECONDS}s;
            proxy_send_timeout 30s;
            # Retry on another server when one fails, POSTs too: safe because
            # message ids make the web webhook idempotent (docs/deploy.md).
            # Not on 503: that is the assistant's own "not saved, send it again".
            proxy_next_upstream error timeout http_502 http_504 non_idempotent;
            proxy_next_upstream_tries {max(1, len(upstreams))};
            proxy_next_upstream_timeout {READ_TIMEOUT_SECONDS}s;
        }}
    }}
}}
"""


def write_nginx_config(
    folder: Path, listen_host: str, listen_port: int, upstreams: Sequence[tuple[str, int]]
) -> Path:
    """Write :func:`nginx_config` to ``folder/nginx.conf`` and return its path."""
    (folder / "tmp").mkdir(parents=True, exist_ok=True)
    path = folder / "nginx.conf"
    path.write_text(nginx_config(folder, listen_host, listen_port, upstreams))
    return path
