"""What removing identifiers costs per message, against reading the same message.

Baseline (same process, same messages): ``bot.reading.read(text)``, the work every
message already gets. Figures: microseconds per message for each, and the ratio.

Run: .venv/bin/python bench/privacy.py [--rounds 2000]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.privacy.redact import redact  # noqa: E402
from bot.reading import read  # noqa: E402

MESSAGES = [
    "no",
    "she's seven",
    "about 85%",
    "14 inhalers in the last year",
    "mum drinks, I think, and he missed 3 appointments",
    "He is called Jayden Smith, NHS number 943 476 5919",
    "mum Sarah Okafor, 07700 900123, sarah.okafor@example.com",
    "they live at 14 Larkspur Road, Birmingham B12 9QR, dob 12/03/2019",
    "attendance has dropped a lot since Christmas and he looks tired, scared of attacks",
]


def per_message_us(work: Callable[[str], object], rounds: int) -> float:
    started = time.perf_counter()
    for _ in range(rounds):
        for text in MESSAGES:
            work(text)
    return (time.perf_counter() - started) / (rounds * len(MESSAGES)) * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=2000)
    rounds = parser.parse_args().rounds
    for text in MESSAGES:  # warm up caches and word lists
        redact(text), read(text)
    baseline = per_message_us(read, rounds)
    redaction = per_message_us(redact, rounds)
    print(f"read (baseline): {baseline:8.1f} us/message")
    print(f"redact:          {redaction:8.1f} us/message")
    print(f"ratio redact/read: {redaction / baseline:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
