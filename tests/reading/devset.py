"""Score the reading on the development set (tests/reading/dev/*.yml).

A reading of an answer is *right* when the asked fact's value is acceptable
(or, for ``accept: [ask]``, a question back or a pause, when nothing is recorded),
*unsafe* when it is one of the unsafe values (a reassurance where a concern or
a doubt was voiced), *not understood* when nothing was recorded for the fact,
and otherwise *wrong*.

The danger checks (``score_checks``, bot/reading/danger_check.yml) count how often
the reading asks "is the child in danger right now?": on the danger now the danger
screen missed (wanted: its recall), on the not-now statements and the ordinary
answers (not wanted: at most 5 % and 1 %).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.reading.reader import read_message as read  # not the safety net: a fault must show
from tests.reading.heldout.sets import matches

DEV = Path(__file__).parent / "dev"


def load(name: str) -> Any:
    """Load one file of the development set."""
    return yaml.safe_load((DEV / name).read_text(encoding="utf-8"))


BATCH: str | None = None  # ``python -m tests.reading.devset second_pass`` scores one batch


def load_all(prefix: str, key: str) -> list[Any]:
    """The entries under ``key`` of every dev file named ``prefix*`` or ``<batch>_prefix*``.

    With ``BATCH`` set, only the files of that batch (``<BATCH>_prefix*.yml``).
    """
    paths = {*DEV.glob(f"{prefix}*.yml"), *DEV.glob(f"*_{prefix}*.yml")}
    if BATCH is not None:
        paths = {p for p in paths if p.name.startswith(f"{BATCH}_")}
    out: list[Any] = []
    for path in sorted(paths):
        out += yaml.safe_load(path.read_text(encoding="utf-8")).get(key, [])
    return out


@dataclass
class Score:
    """Counts of right, unsafe, not understood and wrong readings, with the misses."""

    right: int = 0
    unsafe: int = 0
    not_understood: int = 0
    wrong: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.right + self.unsafe + self.not_understood + self.wrong

    def pct(self, count: int) -> float:
        return 100.0 * count / self.total if self.total else 0.0

    def line(self) -> str:
        return (
            f"{self.total} answers: read right {self.pct(self.right):.1f}%, unsafe "
            f"{self.pct(self.unsafe):.1f}% ({self.unsafe}), not understood "
            f"{self.pct(self.not_understood):.1f}%, wrong {self.pct(self.wrong):.1f}%"
        )


def _same(value: Any, accepted: list[Any]) -> bool:
    """Whether a value is one listed (as the held-out sets compare: numbers as numbers, ranges)."""
    return matches(value, [a for a in accepted if a != "ask"])


def score_answers() -> Score:
    """Read every answer of answers.yml against its asked fact, and every opening's facts."""
    score = Score()
    for case in load_all("answers", "answers"):
        finding = read(case["text"], asked=case["asked"]).finding(case["asked"])
        _count(score, case["text"], case["asked"], finding, case["accept"], case.get("unsafe", []))
    for case in load_all("openings", "openings"):
        reading = read(case["text"], asked=case.get("asked"))
        unsafe = case.get("unsafe", {})
        for fact, accepted in case["facts"].items():
            _count(
                score,
                case["text"][:50],
                fact,
                reading.finding(fact),
                accepted,
                unsafe.get(fact, []),
            )
    return score


def _count(score: Score, text: str, fact: str, finding: Any, accept: list, unsafe: list) -> None:
    if accept == ["ask"]:  # a question back or a pause: nothing may be recorded
        if finding is None:
            score.right += 1
        else:
            score.wrong += 1
            score.misses.append(f"wrong {fact}={finding.value} (want nothing recorded): {text!r}")
        return
    if finding is None and "ask" in accept:
        score.right += 1  # asked again: as right as a value it accepts
        return
    if finding is None:
        score.not_understood += 1
        score.misses.append(f"not understood  {fact}: {text!r}")
    elif _same(finding.value, unsafe):
        score.unsafe += 1
        score.misses.append(f"UNSAFE {fact}={finding.value}: {text!r}")
    elif _same(finding.value, accept):
        score.right += 1
    else:
        score.wrong += 1
        score.misses.append(f"wrong {fact}={finding.value} (want {accept}): {text!r}")


def score_danger() -> tuple[int, int, int, int, list[str]]:
    """(caught, of now, false alarms, of not now, misses) on danger.yml."""
    data = {"now": load_all("danger", "now"), "not_now": load_all("danger", "not_now")}
    misses = []
    caught = 0
    for text in data["now"]:
        if read(text).danger_now:
            caught += 1
        else:
            misses.append(f"missed danger: {text!r}")
    alarms = 0
    for text in data["not_now"]:
        if read(text).danger_now:
            alarms += 1
            misses.append(f"false alarm: {text!r}")
    return caught, len(data["now"]), alarms, len(data["not_now"]), misses


@dataclass
class Checks:
    """How often the danger check (danger_check.yml) asks: on the danger now the danger
    screen missed (wanted), on the not-now statements and on ordinary answers (not wanted)."""

    missed: int = 0
    missed_asked: int = 0
    not_now: int = 0
    not_now_asked: int = 0
    answers: int = 0
    answers_asked: int = 0
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        def pct(part: int, whole: int) -> str:
            return f"{100.0 * part / whole:.1f} %" if whole else "-"

        return (
            f"danger checks: {self.missed_asked} of the {self.missed} missed danger now asked "
            f"to check ({pct(self.missed_asked, self.missed)}); {self.not_now_asked} of the "
            f"{self.not_now} not-now statements ({pct(self.not_now_asked, self.not_now)}) and "
            f"{self.answers_asked} of the {self.answers} ordinary answers "
            f"({pct(self.answers_asked, self.answers)}) asked to check"
        )


def _asks_to_check(reading: Any) -> bool:
    """Whether a reading asks "is the child in danger right now?" (an unconfident yes)."""
    found = reading.finding("immediate_danger")
    return bool(
        not reading.danger_now
        and reading.extra.get("danger_check")
        and found is not None
        and found.value == "yes"
        and not found.confident
    )


def score_checks() -> Checks:
    """Count the danger checks over the dev set (see ``Checks``)."""
    checks = Checks()
    for text in load_all("danger", "now"):
        reading = read(text)
        if reading.danger_now:
            continue
        checks.missed += 1
        if _asks_to_check(reading):
            checks.missed_asked += 1
        else:
            checks.notes.append(f"missed, not checked: {text!r}")
    for text in load_all("danger", "not_now"):
        reading = read(text)
        checks.not_now += 1
        if _asks_to_check(reading):
            checks.not_now_asked += 1
            checks.notes.append(f"not now, checked: {text!r} <- {reading.extra['danger_check']!r}")
    for case in load_all("answers", "answers"):
        reading = read(case["text"], asked=case["asked"])
        checks.answers += 1
        if _asks_to_check(reading):
            checks.answers_asked += 1
            checks.notes.append(
                f"answer, checked: {case['asked']}: {case['text']!r} "
                f"<- {reading.extra['danger_check']!r}"
            )
    return checks


if __name__ == "__main__":
    import sys

    BATCH = sys.argv[1] if len(sys.argv) > 1 else None
    result = score_answers()
    print(result.line())
    for miss in result.misses:
        print("  ", miss)
    caught, now, alarms, not_now, misses = score_danger()
    print(f"danger now: {caught}/{now} caught, {alarms}/{not_now} false alarms")
    for miss in misses:
        print("  ", miss)
    kinds = load_all("danger", "now_with_kind")
    wrong_kind = [c for c in kinds if read(c["text"]).extra.get("danger_kind") != c["kind"]]
    print(f"danger kind: {len(kinds) - len(wrong_kind)}/{len(kinds)} right")
    for case in wrong_kind:
        got = read(case["text"]).extra.get("danger_kind")
        print(f"   wrong kind {got} (want {case['kind']}): {case['text']!r}")
    openings = load_all("openings", "openings")
    reached = 0
    for case in openings:
        reading = read(case["text"])
        # as test_dev_set.py: the kind of danger is asked in one tap, never taken unasked
        missing = [f for f in case["facts"] if f != "danger_kind" and reading.finding(f) is None]
        reached += not missing
        if missing:
            print(f"   opening misses {missing}: {case['text'][:60]!r}")
    print(f"openings: {reached}/{len(openings)} reach every fact they state")
    checks = score_checks()
    print(checks.line())
    for note in checks.notes:
        print("  ", note)
