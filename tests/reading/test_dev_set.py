"""The reading on its development set (tests/reading/dev): figures printed, unsafe fails.

Thresholds are those of issue 10 for the held-out set; the development set
should beat them (it was written by the reading's author).
"""

from __future__ import annotations

import pytest

from bot.reading import read
from tests.reading import devset


def test_dev_set_answers_read_right_never_unsafe(capsys):
    score = devset.score_answers()
    with capsys.disabled():
        print("\n[reading dev set]", score.line())
    assert score.unsafe == 0, "\n".join(m for m in score.misses if m.startswith("UNSAFE"))
    assert score.pct(score.right) >= 90, "\n".join(score.misses)
    assert score.pct(score.not_understood) <= 5, "\n".join(score.misses)


def test_dev_set_danger_now_all_caught_no_false_alarms(capsys):
    caught, now, alarms, not_now, misses = devset.score_danger()
    with capsys.disabled():
        print(
            f"\n[reading dev set] danger now {caught}/{now} caught, {alarms}/{not_now} false alarms"
        )
    assert caught == now and alarms == 0, "\n".join(misses)


@pytest.mark.parametrize(
    "case", devset.load_all("danger", "now_with_kind"), ids=lambda c: c["text"][:30]
)
def test_dev_set_danger_kind(case):
    assert read(case["text"]).extra.get("danger_kind") == case["kind"]


@pytest.mark.parametrize(
    "case", devset.load_all("openings", "openings"), ids=lambda c: c["text"][:30]
)
def test_dev_set_openings_reach_every_fact_they_state(case):
    reading = read(case["text"])
    # the kind of danger is always asked in one tap after danger now, never taken unasked
    missing = [f for f in case["facts"] if f != "danger_kind" and reading.finding(f) is None]
    # ``not_yet`` lists, in the file, the facts of a paragraph the reading does not reach yet:
    # they stay misses in the figures, and one newly reached or newly lost fails here
    assert missing == list(case.get("not_yet", [])), f"not read: {missing}"
    states_danger = "yes" in [str(v) for v in case["facts"].get("immediate_danger", [])]
    assert (reading.danger_now is not None) == states_danger
