"""Soak: N concurrent conversations for M minutes over the web channel.

Starts its own pair of servers (free ports, a throw-away SQLite store), then
runs ``--conversations`` simulated practitioners, each doing whole asthma
assessments (a greeting and 18 answers in words, with a ``message_id`` per
send, as the web page does) one after another until ``--minutes`` are up.
Prints, per minute: turns, errors, p50 and p95 turn latency; and the memory of
each server at start and end. Then compares with the targets on this machine:
0 errors, growth under 100 MB over 5 minutes (scaled to the run's length),
p95 drift (last minute against the first) under 20 %.

    .venv/bin/python bench/soak.py [--conversations 4] [--minutes 5]
"""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from conversation import ANSWERS  # noqa: E402  (the same scripted assessment)

from bot.serve import ServerSet, ensure_model, private_settings, rss_mb  # noqa: E402

GROWTH_TARGET_MB_PER_5_MIN = 100.0
DRIFT_TARGET = 0.20


def percentile(values: list[float], share: float) -> float:
    """The ``share`` percentile (0-1) of ``values``, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


class Soak:
    """Conversations against one web channel, recording each turn by the minute it began."""

    def __init__(self, url: str, minutes: float) -> None:
        self.url = f"{url}/webhooks/web/webhook"
        self.started = time.monotonic()
        self.stop_at = self.started + minutes * 60
        self.latencies: dict[int, list[float]] = defaultdict(list)
        self.errors: dict[int, list[str]] = defaultdict(list)
        self.assessments = 0
        self._lock = threading.Lock()

    def turn(self, session: requests.Session, sender: str, text: str) -> list[dict]:
        began = time.monotonic()
        minute = int((began - self.started) // 60)
        problem = ""
        replies: list[dict] = []
        try:
            response = session.post(
                self.url,
                json={"sender": sender, "message": text, "message_id": uuid.uuid4().hex},
                timeout=60,
            )
            if response.status_code != 200:
                problem = f"HTTP {response.status_code}: {response.text[:100]}"
            else:
                replies = list(response.json())
        except (requests.RequestException, ValueError) as error:
            problem = f"{type(error).__name__}: {error}"
        with self._lock:
            self.latencies[minute].append(time.monotonic() - began)
            if problem:
                self.errors[minute].append(problem)
        return replies

    def session_id(self, session: requests.Session) -> str | None:
        """A new conversation, as the page starts one (``POST /webhooks/web/session``)."""
        minute = int((time.monotonic() - self.started) // 60)
        try:
            response = session.post(self.url.rsplit("/", 1)[0] + "/session", timeout=60)
            response.raise_for_status()
            return str(response.json()["sender"])
        except (requests.RequestException, KeyError, ValueError) as error:
            with self._lock:
                self.errors[minute].append(f"no session: {error}")
            time.sleep(1)
            return None

    def practitioner(self) -> None:
        session = requests.Session()
        while time.monotonic() < self.stop_at:
            sender = self.session_id(session)
            if sender is None:
                continue
            self.turn(session, sender, "hello")
            replies: list[dict] = []
            for answer in ANSWERS:
                if time.monotonic() >= self.stop_at:
                    return
                replies = self.turn(session, sender, answer)
            if any("assessment" in (m.get("custom") or {}) for m in replies):
                with self._lock:
                    self.assessments += 1
            else:
                with self._lock:
                    self.errors[int((time.monotonic() - self.started) // 60)].append(
                        "an assessment ended without a decision"
                    )


def main() -> int:
    """Run the soak and print the figures against the targets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=4, help="concurrent conversations")
    parser.add_argument("--minutes", type=float, default=4.5, help="how long to run")
    args = parser.parse_args()
    ensure_model()
    with tempfile.TemporaryDirectory() as tmp:
        settings = private_settings(Path(tmp) / "conversations.db", secrets.token_hex(8))
        servers = ServerSet(settings, log_dir=Path(tmp) / "logs")
        servers.start()
        try:
            pids = {"rasa": servers.pid("rasa"), "actions": servers.pid("actions")}
            soak = Soak(servers.rasa_url, args.minutes)
            warm_up = requests.Session()
            soak.turn(warm_up, soak.session_id(warm_up) or "no-session", "hello")
            soak.latencies.clear()
            soak.started = time.monotonic()
            soak.stop_at = soak.started + args.minutes * 60
            start_mb = {name: rss_mb(pid) for name, pid in pids.items()}
            workers = [
                threading.Thread(target=soak.practitioner) for _ in range(args.conversations)
            ]
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join()
            end_mb = {name: rss_mb(pid) for name, pid in pids.items()}
            alive = servers.running()
        finally:
            servers.stop()
    return report(soak, args, start_mb, end_mb, alive)


def report(
    soak: Soak,
    args: argparse.Namespace,
    start_mb: dict[str, float],
    end_mb: dict[str, float],
    alive: bool,
) -> int:
    """Print per-minute figures, memory and the targets; return 0 if all are met."""
    print(
        f"\nsoak: {args.conversations} conversations for {args.minutes:g} min over the web channel"
    )
    print(f"{'minute':>6} {'turns':>6} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8}")
    minutes = sorted(soak.latencies)
    for minute in minutes:
        values = soak.latencies[minute]
        print(
            f"{minute + 1:>6} {len(values):>6} {len(soak.errors.get(minute, [])):>6} "
            f"{percentile(values, 0.5) * 1000:>8.0f} {percentile(values, 0.95) * 1000:>8.0f}"
        )
    errors = [e for minute in soak.errors.values() for e in minute]
    turns = sum(len(v) for v in soak.latencies.values())
    print(f"assessments finished: {soak.assessments}, turns: {turns}, errors: {len(errors)}")
    for problem in sorted(set(errors))[:5]:
        print(f"  error: {problem}")
    allowed = GROWTH_TARGET_MB_PER_5_MIN * args.minutes / 5
    for name in ("rasa", "actions"):
        growth = end_mb[name] - start_mb[name]
        print(
            f"memory {name:>7}: {start_mb[name]:.0f} MB -> {end_mb[name]:.0f} MB "
            f"({growth:+.0f} MB; target < {allowed:.0f} MB for this length)"
        )
    complete = [m for m in minutes if soak.latencies[m] and m < int(args.minutes)] or minutes
    first = percentile(soak.latencies[complete[0]], 0.95) if complete else 0.0
    last = percentile(soak.latencies[complete[-1]], 0.95) if complete else 0.0
    drift = (last - first) / first if first else 0.0
    print(
        f"p95 drift (minute {complete[-1] + 1} vs minute {complete[0] + 1}): {drift:+.1%} "
        f"(target < {DRIFT_TARGET:.0%})"
        if complete
        else "p95 drift: no complete minute"
    )
    growth_ok = all(end_mb[n] - start_mb[n] < allowed for n in ("rasa", "actions"))
    met = {
        "0 errors": not errors,
        "servers still running": alive,
        "memory growth": growth_ok,
        "p95 drift": drift < DRIFT_TARGET,
    }
    print("targets: " + ", ".join(f"{k} {'met' if v else 'MISSED'}" for k, v in met.items()))
    return 0 if all(met.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
