"""Run the scaled-out assistant until Ctrl-C or SIGTERM, then stop all of it.

    make run-scaled            # REPLICAS=2 by default
    REPLICAS=3 make run-scaled

A Rasa or action server that stops is started again while nginx sends its
turns to the others; if PostgreSQL, Redis or nginx stops, everything stops.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path
from types import FrameType

from bot.scale.cluster import Cluster
from bot.scale.services import SCALED_DIR, ServiceError, missing_packages
from bot.serve import ServeError, ensure_model, port_is_free, redacted_url
from bot.settings import SettingsError, get_settings


def _replicas(raw: str) -> int:
    if not raw.isdigit() or not 1 <= int(raw) <= 16:
        raise SettingsError(f"REPLICAS={raw!r}: use a number of Rasa servers from 1 to 16")
    return int(raw)


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Start everything, say where it is, keep it running, stop it all on Ctrl-C/SIGTERM."""
    parser = argparse.ArgumentParser(prog="python -m bot.scale", description=__doc__)
    parser.add_argument("--replicas", help="Rasa servers to run (default: REPLICAS or 2)")
    parser.add_argument(
        "--folder", type=Path, default=SCALED_DIR, help="stores' data and logs (.scaled)"
    )
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    cluster: Cluster | None = None
    try:
        settings = get_settings()
        replicas = _replicas((args.replicas or os.environ.get("REPLICAS", "")).strip() or "2")
        missing = missing_packages()
        if missing:
            raise ServiceError(f"not installed: {', '.join(missing)}; run 'make services'")
        if not port_is_free(settings.host, settings.rasa_port):
            raise ServeError(
                f"Port {settings.rasa_port} is already in use: stop whatever uses it, "
                "or set RASA_PORT to another port in .env"
            )
        ensure_model()
        cluster = Cluster(args.folder, settings, replicas)
        print(f"Starting PostgreSQL, Redis, {replicas} Rasa servers and nginx...", flush=True)
        cluster.start()
        _announce(cluster)
        return _supervise(cluster)
    except (SettingsError, ServeError, ServiceError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nStopping...", flush=True)
        return 0
    finally:
        if cluster is not None:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not orphan
            cluster.stop()
            print("Stopped: nothing of the assistant is left running.", flush=True)


def _supervise(cluster: Cluster) -> int:
    """Restart a Rasa/action pair that stops; return 1 when a store or nginx stops."""
    while True:
        if not cluster.stores_running():
            print(
                f"error: PostgreSQL, Redis or nginx stopped; see {cluster.folder}", file=sys.stderr
            )
            return 1
        for number in cluster.dead_servers():
            print(
                f"Rasa server {number + 1} stopped; nginx sends its turns to the others "
                "while it starts again...",
                flush=True,
            )
            cluster.revive(number)
            print(f"Rasa server {number + 1} is back.", flush=True)
        time.sleep(1)


def _announce(cluster: Cluster) -> None:
    settings = cluster.settings
    slack = (
        "on" if settings.slack_configured else "off (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET)"
    )
    rest = (
        f"POST {cluster.url}/webhooks/rest/webhook (Authorization: Bearer <REST_TOKEN>)"
        if settings.rest_token
        else "off (set REST_TOKEN in .env to turn it on)"
    )
    backends = ", ".join(str(s.settings.rasa_port) for s in cluster.servers)
    print(
        "\nThe assistant is running, scaled out.\n"
        f"  Web page:  {settings.web_page_url}\n"
        f"  REST:      {rest}\n"
        f"  Slack:     {slack}\n"
        f"  nginx on {settings.rasa_port} balances {len(cluster.servers)} Rasa servers "
        f"(ports {backends})\n"
        f"  Conversations: {redacted_url(cluster.postgres.url)}\n"
        f"  Locks:         {redacted_url(cluster.redis.url)}\n"
        f"  Data and logs: {cluster.folder}\n"
        "Press Ctrl-C to stop all of it.\n",
        flush=True,
    )
