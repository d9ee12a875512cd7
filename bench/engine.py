"""Decisions per second: bot.decide() in process, and python -m bot assess --jsonl.

Run: .venv/bin/python bench/engine.py [--count 10000] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import bot  # noqa: E402
from bot import FactSpec  # noqa: E402


def random_value(spec: FactSpec, rng: random.Random) -> Any:
    if spec.kind == "enum":
        return rng.choice(spec.values)
    low, high = int(spec.minimum or 0), int(spec.maximum or 100)
    if spec.tokens and rng.random() < 0.1:
        return rng.choice(spec.tokens)
    if spec.kind == "number":
        return round(rng.uniform(low, high), 1)
    return rng.randint(low, min(high, 25)) if rng.random() < 0.8 else rng.randint(low, high)


def random_facts(rng: random.Random, answered: float = 0.65) -> dict[str, Any]:
    """Required facts always; each other fact answered with probability ``answered``."""
    facts: dict[str, Any] = {}
    for name, spec in bot.fact_specs().items():
        if spec.required:
            facts[name] = rng.choice(spec.values)
            continue
        draw = rng.random()
        if draw >= answered + 0.1:
            continue
        facts[name] = "unknown" if draw >= answered else random_value(spec, rng)
    return facts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    fact_sets = [random_facts(rng) for _ in range(args.count)]
    bot.decide(fact_sets[0])

    start, start_cpu = time.perf_counter(), time.process_time()
    levels: dict[str, int] = {}
    for facts in fact_sets:
        level = bot.decide(facts)["level"]
        levels[level] = levels.get(level, 0) + 1
    in_process = time.perf_counter() - start
    in_process_cpu = time.process_time() - start_cpu

    lines = "".join(json.dumps(facts) + "\n" for facts in fact_sets)
    start, children = time.perf_counter(), _children_cpu()
    done = subprocess.run(
        [sys.executable, "-m", "bot", "assess", "--jsonl"],
        input=lines,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    through_cli = time.perf_counter() - start
    through_cli_cpu = _children_cpu() - children
    assert len(done.stdout.splitlines()) == args.count

    print(f"fact sets: {args.count} (seed {args.seed}); levels: {dict(sorted(levels.items()))}")
    early = [random_facts(rng, answered=0.2) for _ in range(args.count)]
    start_cpu = time.process_time()
    for facts in early:
        bot.decide(facts)
    early_cpu = time.process_time() - start_cpu

    print("                               wall clock      per CPU second (fair on a busy machine)")
    print(
        f"bot.decide():                  {args.count / in_process:8.0f} /s      "
        f"{args.count / in_process_cpu:8.0f} /s"
    )
    print(
        f"bot.decide(), most unknown:                     {args.count / early_cpu:8.0f} /s"
        "   (20% of facts answered: more gaps to work out)"
    )
    print(
        f"python -m bot assess --jsonl:  {args.count / through_cli:8.0f} /s      "
        f"{args.count / through_cli_cpu:8.0f} /s   (one process, including its start)"
    )


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
