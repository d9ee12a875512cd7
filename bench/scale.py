"""Benchmark the assistant single-process on SQLite and scaled out on PostgreSQL + Redis.

In one run, on this machine: full asthma assessments over REST (a greeting and
18 answers, as bench/conversation.py sends them), 20 and then 50 at once, for

1. SQLite, one Rasa process (what `make run` starts), straight to Rasa;
2. PostgreSQL + Redis, one Rasa server behind nginx;
3. PostgreSQL + Redis, two Rasa servers behind nginx (the same stores, a
   second server added while running).

It prints turns per second, p50/p95 turn latency, the CPU each piece used per
turn (read from /proc), turns per second per Rasa process, and what that means
for 200 conversations at once: how many Rasa processes and cores.

    .venv/bin/python bench/scale.py [--loads 20 50] [--think 20]
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import os
import secrets
import shutil
import sys
import time
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from conversation import REST_TOKEN, Figures, run_assessments  # noqa: E402

from bot.scale.cluster import Cluster  # noqa: E402
from bot.scale.services import missing_packages, scratch_folder  # noqa: E402
from bot.serve import ServerSet, ensure_model, free_port  # noqa: E402
from bot.settings import Settings, get_settings  # noqa: E402

BUSY_SHARE = 0.7
"""Size processes to be at most this busy at peak, so queues (and p95) stay short."""

PEAK_CONVERSATIONS = 200


def _cpu_seconds(leaders: Iterable[int | None]) -> float:
    """CPU time (user + system) used so far by the process groups of ``leaders``."""
    groups = {pid for pid in leaders if pid}
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) in groups:  # field 5 of stat: the process group
            total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / ticks


@dataclasses.dataclass
class Row:
    """One setup at one load."""

    setup: str
    load: int
    rasa_processes: int
    figures: Figures
    cpu: dict[str, float]

    @property
    def per_process(self) -> float:
        """Turns per second per Rasa process."""
        return self.figures.rate / self.rasa_processes

    def cpu_ms_per_turn(self, part: str) -> float:
        """Milliseconds of CPU ``part`` used per turn."""
        return 1000 * self.cpu[part] / self.figures.turns


def _measure(
    setup: str, url: str, loads: list[int], processes: int, parts: dict[str, list[int | None]]
) -> list[Row]:
    run_assessments(url, 2, 2, True)  # warm up
    rows = []
    for load in loads:
        before = {name: _cpu_seconds(pids) for name, pids in parts.items()}
        figures, _ = run_assessments(url, load, load, True)
        cpu = {name: _cpu_seconds(pids) - before[name] for name, pids in parts.items()}
        rows.append(Row(setup, load, processes, figures, cpu))
        print(f"  {setup}, {load} at once: {figures.rate:.1f} turns/s", flush=True)
    return rows


def _private_settings(folder: Path, name: str) -> Settings:
    return dataclasses.replace(
        get_settings(),
        host="127.0.0.1",
        rasa_port=free_port(),
        action_port=free_port(),
        tracker_db=folder / f"{name}.db",
        tracker_url="",
        lock_store_url="",
        cors_origins=(),
        api_token=secrets.token_hex(8),
        rest_token=REST_TOKEN,
        slack_bot_token="",
        slack_signing_secret="",
    )


def _sqlite(folder: Path, loads: list[int]) -> list[Row]:
    own = folder / "sqlite"  # made private with its database; the cluster's stays reachable
    servers = ServerSet(_private_settings(own, "sqlite"), log_dir=own / "logs")
    try:
        servers.start()
        parts = {"rasa": [servers.pid("rasa")], "actions": [servers.pid("actions")]}
        return _measure("SQLite, 1 Rasa process", servers.rasa_url, loads, 1, parts)
    finally:
        servers.stop()


def _scaled(folder: Path, loads: list[int]) -> list[Row]:
    cluster = Cluster(folder / "cluster", _private_settings(folder, "unused"), 1, durable=True)
    rows: list[Row] = []
    try:
        cluster.start()
        for replicas in (1, 2):
            cluster.scale_to(replicas)
            parts = {
                "rasa": [s.pid("rasa") for s in cluster.servers],
                "actions": [s.pid("actions") for s in cluster.servers],
                "stores": [cluster.postgres.pid, cluster.redis.pid, cluster.nginx.pid],
            }
            name = f"PostgreSQL + Redis, {replicas} Rasa server{'s' if replicas > 1 else ''}"
            rows += _measure(name, cluster.url, loads, replicas, parts)
    finally:
        cluster.stop()
    return rows


def _report(rows: list[Row], think: float) -> None:
    print("\nREST turns, full asthma assessments (greeting + 18 answers), closed loop:")
    print(
        f"  {'setup':<38} {'at once':>7} {'turns/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'per Rasa':>9} {'CPU ms/turn: rasa':>18} {'actions':>8} {'stores':>7}"
    )
    for row in rows:
        stores = f"{row.cpu_ms_per_turn('stores'):7.1f}" if "stores" in row.cpu else "      -"
        print(
            f"  {row.setup:<38} {row.load:>7} {row.figures.rate:8.1f} {row.figures.p50:8.0f} "
            f"{row.figures.p95:8.0f} {row.per_process:9.1f} {row.cpu_ms_per_turn('rasa'):18.1f} "
            f"{row.cpu_ms_per_turn('actions'):8.1f} {stores}"
        )
    base = {row.load: row for row in rows if row.setup.startswith("SQLite")}
    print("\nscaled / SQLite single process (throughput, p95):")
    for row in rows:
        if row.setup.startswith("SQLite"):
            continue
        ref = base[row.load].figures
        print(
            f"  {row.setup:<38} {row.load:>3} at once: "
            f"throughput x{row.figures.rate / ref.rate:.2f}  p95 x{row.figures.p95 / ref.p95:.2f}"
        )

    scaled = [row for row in rows if "PostgreSQL" in row.setup]
    widest = max(scaled, key=lambda row: (row.rasa_processes, row.load))
    per_process = widest.per_process
    rasa_ceiling = 1000 / widest.cpu_ms_per_turn("rasa")
    cpu_per_turn = sum(widest.cpu.values()) / widest.figures.turns
    demand = PEAK_CONVERSATIONS / think
    processes = max(2, math.ceil(demand / (BUSY_SHARE * per_process)))
    cores = max(processes, math.ceil(demand * cpu_per_turn / BUSY_SHARE))
    print(
        f"\nper Rasa process: {per_process:.1f} turns/s measured ({widest.setup}, "
        f"{widest.load} at once, sharing the cores with everything else on this machine); "
        f"{widest.cpu_ms_per_turn('rasa'):.0f} ms of Rasa CPU per turn, so "
        f"{rasa_ceiling:.0f} turns/s with a core to itself. Every turn costs "
        f"{1000 * cpu_per_turn:.0f} ms of CPU in all (Rasa, actions, PostgreSQL, Redis, nginx)."
    )
    print(
        f"{PEAK_CONVERSATIONS} conversations at once, one message each every {think:.0f} s "
        f"(reading a question and answering it) = {demand:.1f} turns/s at peak:\n"
        f"  => {processes} Rasa processes (each with an action server; at least 2, so one can "
        f"fail), at most {int(BUSY_SHARE * 100)}% busy, on {cores} cores (+ PostgreSQL's and "
        "Redis's own machine or service)."
    )
    closed = math.ceil(widest.rasa_processes * PEAK_CONVERSATIONS / widest.load)
    print(
        f"  if all {PEAK_CONVERSATIONS} sent without pausing, as this benchmark does, the "
        f"latency of {widest.load} at once on {widest.rasa_processes} processes "
        f"(p95 {widest.figures.p95:.0f} ms) needs {closed} processes on {closed} cores."
    )


def main() -> int:
    """Run every setup at every load and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, nargs="+", default=[20, 50])
    parser.add_argument(
        "--think", type=float, default=20.0, help="seconds between one practitioner's messages"
    )
    args = parser.parse_args()
    missing = missing_packages()
    if missing:
        print(f"error: not installed: {', '.join(missing)}; run 'make services'", file=sys.stderr)
        return 2
    ensure_model()
    folder = scratch_folder("scale-bench-")
    started = time.perf_counter()
    try:
        rows = _sqlite(folder, args.loads) + _scaled(folder, args.loads)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    _report(rows, args.think)
    print(f"\n(benchmark took {time.perf_counter() - started:.0f} s on {os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
