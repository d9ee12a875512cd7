"""Benchmark the conversation over REST against the framework's floor.

Runs full asthma assessments (a greeting and 18 answers in words) through the
REST channel, one conversation at a time and 20 at once, and prints p50 / p95
turn latency and turns per second. In the same run it trains a minimal Rasa bot
with no custom actions in a temporary folder (same pipeline and policies as the
assistant, same SQLite tracker store), sends it the same messages, and prints
the same figures and the ratios. The two bots take turns, round after round,
so a busy machine slows both alike. Each send carries a ``message_id``, as the
page's do (the assistant looks for a repeat first; the floor ignores it).
Targets: p95 no more than 2x the floor; a complete asthma assessment in at
most 18 questions.

    .venv/bin/python bench/conversation.py [--sequential 5] [--concurrent 20] [--rounds 2]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.serve import QUIET_ENV, ServerSet, ensure_model, free_port  # noqa: E402
from bot.settings import get_settings  # noqa: E402
from tests.servers import FULL_ASSESSMENT as ANSWERS  # noqa: E402

MAX_QUESTIONS = 18

FLOOR_CONFIG = "\n".join(
    line
    for line in (ROOT / "config.yml")
    .read_text()
    .replace("action_name: action_fallback", "action_name: action_default_fallback")
    .splitlines()
    if "rasa_speedups" not in line
)
FLOOR_DOMAIN = """version: "3.1"
intents: [greet, affirm, deny, inform]
responses:
  utter_greet: [{text: "Hello. First question?"}]
  utter_next: [{text: "Next question?"}]
session_config: {session_expiration_time: 120, carry_over_slots_to_new_session: false}
"""
FLOOR_NLU = """version: "3.1"
nlu:
  - intent: greet
    examples: |
      - hello
      - hi
      - good morning
      - hey there
  - intent: affirm
    examples: |
      - yes
      - yeah
      - yes, she is
      - definitely
  - intent: deny
    examples: |
      - no
      - nope
      - none
      - not really
  - intent: inform
    examples: |
      - she's seven
      - asthma
      - about 85%
      - twice
      - school
      - suspected
"""
FLOOR_RULES = """version: "3.1"
rules:
  - rule: greet
    steps: [{intent: greet}, {action: utter_greet}]
  - rule: affirm
    steps: [{intent: affirm}, {action: utter_next}]
  - rule: deny
    steps: [{intent: deny}, {action: utter_next}]
  - rule: inform
    steps: [{intent: inform}, {action: utter_next}]
  - rule: fallback
    steps: [{intent: nlu_fallback}, {action: utter_next}]
"""


@dataclasses.dataclass
class Figures:
    """Latency and throughput of one run."""

    turns: int
    seconds: float
    latencies: list[float]

    def merged(self, other: Figures) -> Figures:
        """Both runs' turns together (rounds alternate between the bots)."""
        return Figures(
            self.turns + other.turns, self.seconds + other.seconds, self.latencies + other.latencies
        )

    @property
    def p50(self) -> float:
        """Median turn latency in ms."""
        return 1000 * statistics.median(self.latencies)

    @property
    def p95(self) -> float:
        """95th percentile turn latency in ms."""
        ordered = sorted(self.latencies)
        return 1000 * ordered[max(0, int(round(0.95 * len(ordered))) - 1)]

    @property
    def rate(self) -> float:
        """Turns per second."""
        return self.turns / self.seconds


REST_TOKEN = secrets.token_hex(16)
"""The assistant's REST channel is off without a token (docs/privacy.md); the floor ignores it."""


def _conversation(url: str, check: bool) -> tuple[list[float], int]:
    """One full assessment; returns each turn's latency and the number of questions."""
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {REST_TOKEN}"
    sender = f"bench-{uuid.uuid4().hex[:12]}"
    latencies: list[float] = []
    questions = 0
    turns = ["hello", *ANSWERS]
    for number, text in enumerate(turns, start=1):
        start = time.perf_counter()
        body = {"sender": sender, "message": text, "message_id": uuid.uuid4().hex}
        response = session.post(f"{url}/webhooks/rest/webhook", json=body, timeout=120)
        latencies.append(time.perf_counter() - start)
        response.raise_for_status()
        messages = response.json()
        questions += sum(1 for m in messages if m.get("buttons"))
        if check and number == len(turns) and not any("custom" in m for m in messages):
            raise RuntimeError(f"{sender}: the assessment did not end with a decision: {messages}")
    return latencies, questions


def run_assessments(
    url: str, conversations: int, parallel: int, check: bool
) -> tuple[Figures, int]:
    """Run `conversations` full assessments, `parallel` at once; figures and max questions."""
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=parallel) as pool:
        results = list(pool.map(lambda _: _conversation(url, check), range(conversations)))
    seconds = time.perf_counter() - start
    latencies = [lat for lats, _ in results for lat in lats]
    questions = max(q for _, q in results)
    return Figures(len(latencies), seconds, latencies), questions


def _wait(url: str, process: subprocess.Popen, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server at {url} stopped while starting")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"server at {url} did not start")


def _floor(workdir: Path) -> tuple[subprocess.Popen, str, float]:
    """Train and start the minimal bot; return the process, its URL and training time."""
    (workdir / "data").mkdir()
    (workdir / "config.yml").write_text(FLOOR_CONFIG)
    (workdir / "domain.yml").write_text(FLOOR_DOMAIN)
    (workdir / "data" / "nlu.yml").write_text(FLOOR_NLU)
    (workdir / "data" / "rules.yml").write_text(FLOOR_RULES)
    (workdir / "credentials.yml").write_text("rest:\n")
    (workdir / "endpoints.yml").write_text(
        f'tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: "{workdir / "floor.db"}"\n'
    )
    env = {**os.environ, **QUIET_ENV}
    rasa = str(ROOT / ".venv" / "bin" / "rasa")
    started = time.perf_counter()
    subprocess.run(
        [rasa, "train", "--fixed-model-name", "floor"],
        cwd=workdir,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    trained = time.perf_counter() - started
    port = free_port()
    process = subprocess.Popen(
        [rasa, "run", "-i", "127.0.0.1", "-p", str(port), "--model", "models/floor.tar.gz",
         "--endpoints", "endpoints.yml", "--credentials", "credentials.yml"],
        cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    _wait(f"{url}/", process)
    return process, url, trained


def _line(name: str, figures: Figures) -> str:
    return (
        f"  {name:<34} turns {figures.turns:>4}  p50 {figures.p50:7.1f} ms  "
        f"p95 {figures.p95:7.1f} ms  {figures.rate:6.1f} turns/s"
    )


def main() -> int:
    """Run the benchmark and print the figures; exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sequential", type=int, default=5, help="assessments one at a time")
    parser.add_argument("--concurrent", type=int, default=20, help="assessments at once")
    parser.add_argument(
        "--rounds", type=int, default=2, help="rounds, alternating the two bots (evens out load)"
    )
    parser.add_argument(
        "--compare-speedups",
        action="store_true",
        help="also run the assistant without bot/conversation/rasa_speedups.py (RASA_SPEEDUPS=off)",
    )
    args = parser.parse_args()

    started = time.perf_counter()
    ensure_model()
    print(f"assistant model ready in {time.perf_counter() - started:.1f} s")
    workdir = Path(tempfile.mkdtemp(prefix="floor-bot-"))
    settings = dataclasses.replace(
        get_settings(),
        host="127.0.0.1",
        rasa_port=free_port(),
        action_port=free_port(),
        tracker_db=workdir / "assistant.db",
        cors_origins=(),
        api_token=secrets.token_hex(8),
        rest_token=REST_TOKEN,
        slack_bot_token="",
        slack_signing_secret="",
    )
    servers = ServerSet(settings, log_dir=workdir / "logs")
    plain = None
    if args.compare_speedups:
        plain_settings = dataclasses.replace(
            settings,
            rasa_port=free_port(),
            action_port=free_port(),
            tracker_db=workdir / "plain.db",
        )
        plain = ServerSet(
            plain_settings, extra_env={"RASA_SPEEDUPS": "off"}, log_dir=workdir / "logs-plain"
        )
    floor = None
    try:
        floor, floor_url, floor_train = _floor(workdir)
        print(f"floor bot trained in {floor_train:.1f} s")
        servers.start()
        bots: tuple[tuple[str, str, bool], ...] = (
            ("assistant", servers.rasa_url, True),
            ("floor", floor_url, False),
        )
        if plain is not None:
            plain.start()
            bots += (("assistant without speed-ups", plain.rasa_url, True),)
        for _, url, check in bots:
            run_assessments(url, 1, 1, check)  # warm up
        results: dict[str, tuple[Figures, int]] = {}
        for _ in range(args.rounds):
            for name, url, check in bots:
                for mode, count, parallel in (
                    ("one at a time", args.sequential, 1),
                    (f"{args.concurrent} at once", args.concurrent, args.concurrent),
                ):
                    key = f"{name} {mode}"
                    figures, questions = run_assessments(url, count, parallel, check)
                    if key in results:
                        figures = results[key][0].merged(figures)
                    results[key] = (figures, questions)
    finally:
        servers.stop()
        if plain is not None:
            plain.stop()
        if floor is not None:
            floor.terminate()
            floor.wait(timeout=30)
        if os.environ.get("BENCH_KEEP") is None:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"kept {workdir}")

    print("\nREST turn latency, full asthma assessments (greeting + 18 answers):")
    for name, (figures, _) in results.items():
        print(_line(name, figures))
    ok = True
    print("\nratios (assistant / floor):")
    for mode in ("one at a time", f"{args.concurrent} at once"):
        ours, _ = results[f"assistant {mode}"]
        base, _ = results[f"floor {mode}"]
        ratio = ours.p95 / base.p95
        ok &= ratio <= 2.0
        print(
            f"  {mode:<16} p50 x{ours.p50 / base.p50:.2f}  p95 x{ratio:.2f} "
            f"(target <= 2)  throughput x{ours.rate / base.rate:.2f}"
        )
    if args.compare_speedups:
        print("\nspeed-ups (assistant / assistant without speed-ups):")
        for mode in ("one at a time", f"{args.concurrent} at once"):
            ours, _ = results[f"assistant {mode}"]
            plain_figures, _ = results[f"assistant without speed-ups {mode}"]
            print(
                f"  {mode:<16} p95 x{ours.p95 / plain_figures.p95:.2f}  "
                f"throughput x{ours.rate / plain_figures.rate:.2f}"
            )
    questions = results["assistant one at a time"][1]
    ok &= questions <= MAX_QUESTIONS
    print(f"\nquestions in a complete asthma assessment: {questions} (target <= {MAX_QUESTIONS})")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
