"""Cost of reading one message (bot.reading.read), against the old answer parser in the same run.

    .venv/bin/python bench/reading.py

Prints the per-message CPU time (mean, p50, p95, max) over the development set's
answers and opening paragraphs, a long paragraph, and, as the baseline, the
previous parser (bot.conversation.parsing.parse_answer) on the same short answers.
"""

from __future__ import annotations

import contextlib
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.conversation.parsing import ParseError, parse_answer  # noqa: E402  (the baseline)
from bot.reading import read  # noqa: E402
from tests.reading.devset import load_all  # noqa: E402

ROUNDS = 5


def _times(calls: list, rounds: int = ROUNDS) -> list[float]:
    out = []
    for _ in range(rounds):
        for call in calls:
            start = time.process_time()  # CPU time: the machine is shared, wall time is noisy
            call()
            out.append((time.process_time() - start) * 1000)
    return out


def _line(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return (
        f"{name:<34} n={len(times):>5}  mean {statistics.mean(times):6.3f} ms  "
        f"p50 {statistics.median(times):6.3f}  p95 {p95:6.3f}  max {ordered[-1]:6.3f}"
    )


def _old(asked: str, text: str) -> None:
    with contextlib.suppress(ParseError, ValueError):  # it raises ValueError on "01.09.2012"
        parse_answer(asked, text)


def main() -> None:
    from bot.conversation.questions import load_questions

    answers = [c for c in load_all("answers", "answers") if c["asked"] in load_questions()]
    openings = [case["text"] for case in load_all("openings", "openings")]
    read("warm up", asked="child_age_years")  # loads and compiles the data once
    start = time.perf_counter()
    short = _times([lambda c=c: read(c["text"], asked=c["asked"]) for c in answers])
    baseline = _times([lambda c=c: _old(c["asked"], c["text"]) for c in answers])
    paragraphs = _times([lambda t=t: read(t) for t in openings])
    long_text = " ".join(openings)[:2000]
    long_times = _times([lambda: read(long_text)], rounds=50)
    repeated = {  # the worst shapes found: one answer word said hundreds of times
        '"no, " x 500': "no, " * 500,
        '"never, " x 400': "never, " * 400,
        '"I think, " x 220': "I think, " * 220,
    }
    worst = {
        name: _times([lambda t=t: read(t, asked="medication_adherence")], rounds=5)
        for name, t in repeated.items()
    }
    print(_line("reading: answers (asked fact)", short))
    print(_line("baseline: old parse_answer", baseline))
    ratio = statistics.mean(short) / statistics.mean(baseline)
    print(f"{'ratio reading / baseline (mean)':<34} {ratio:.1f}x")
    print(_line("reading: opening paragraphs", paragraphs))
    print(_line(f"reading: {len(long_text)}-character message", long_times))
    for name, times in worst.items():
        print(_line(f"worst case: {name}", times))
    print(f"total {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
