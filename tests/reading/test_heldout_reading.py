"""The reading, measured on held-out phrasings (issue 10, "Measures").

Runs ``bot.reading.read`` over the sets in tests/reading/heldout/ (written
independently of the reading's cues and training data; never train on them),
prints the figures, and fails the run on an unsafe reading.

How an answer (answers.yml) is judged, for the finding(s) of the asked fact:

- **unsafe**: any finding for the asked fact has one of the item's ``unsafe``
  values, whether confident or not. A confirmation question with the unsafe
  value preselected ("I read that as: given as prescribed - is that right?")
  is unsafe: a tired practitioner taps "yes".
- **right**: the first finding for the asked fact has an acceptable value. It
  is recorded at once when ``confident``, or after one tap when the reading asks
  to confirm it (counted as right, and shown as "asked to confirm").
  For an item marked ``ask: true`` (nothing can be recorded from it), right
  means the reading records nothing confidently for that fact: it asks again,
  or asks to confirm.
- **not understood**: no finding for the asked fact (the question is asked
  again with the reason), or ``read`` raised.
- **wrong**: anything else (another value recorded; something recorded
  confidently from an ``ask`` item).

Figures (issue 10's targets): read right >= 90 %, unsafe readings = 0 (each
named), not understood <= 5 %. Danger (danger.yml): every danger-now statement
sets ``danger_now``, read with no question open and with a (seeded) random
question open; no past or hypothetical one does. Paragraphs (paragraphs.yml):
each stated fact is found with an acceptable value, none with an unsafe one, no
false alarm.

The reading does not reach every target yet: ``heldout/targets.yml`` holds the
targets and the floor, the figures as last measured. A test fails when a figure
is worse than its floor, and prints every miss and the gap to the target.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.reading import Finding, Reading, read
from tests.reading.heldout.limits import AT_LEAST, at_least, at_most, limits
from tests.reading.heldout.sets import (
    AnswerItem,
    DangerItem,
    Paragraph,
    load_answers,
    load_danger,
    load_paragraphs,
    matches,
    seeded,
)

FIGURES_FILE = Path(__file__).resolve().parents[2] / "test-artifacts" / "heldout" / "reading.txt"

# The questions of the form, for reading a statement "at a random point".
FORM_FACTS = (
    "immediate_danger",
    "reporter_role",
    "child_age_years",
    "condition",
    "management_plan",
    "reliever_prescriptions_12m",
    "medication_adherence",
    "unplanned_admissions_12m",
    "missed_appointments_12m",
    "medication_misuse",
    "school_attendance_pct",
    "attendance_declining",
    "child_distress",
    "carer_substance_misuse",
    "living_situation_unstable",
    "day_in_life_known",
    "other_parent_involved",
    "existing_involvement",
)
CONTEXT = {
    "immediate_danger": "no",
    "reporter_role": "school",
    "child_age_years": 9,
    "condition": "asthma",
}
QUESTIONS_ABOUT_DANGER = {"immediate_danger", "danger_kind"}


def _uncaptured(config: pytest.Config) -> contextlib.AbstractContextManager[None]:
    """Print the figures even when pytest captures output (they are the measure)."""
    capture = config.pluginmanager.getplugin("capturemanager")
    return capture.global_and_fixture_disabled() if capture else contextlib.nullcontext()


@dataclass(frozen=True)
class Outcome:
    """How one answer was read."""

    item: AnswerItem
    verdict: str  # right / unsafe / not understood / wrong
    confirm: bool
    shown: str


def _read(text: str, asked: str | None, known: dict | None) -> Reading | Exception:
    try:
        return read(text, asked=asked, known=known)
    except Exception as error:  # noqa: BLE001 - a crash is measured, then asserted on
        return error


def _shown(reading: Reading | Exception, fact: str) -> str:
    if isinstance(reading, Exception):
        return f"raised {type(reading).__name__}: {reading}"
    found = [
        f"{f.value!r}{'' if f.confident else ' (confirm)'}"
        for f in reading.findings
        if f.fact == fact
    ]
    return ", ".join(found) or f"nothing ({reading.problem or reading.aside or 'no finding'})"


def judge(item: AnswerItem, reading: Reading | Exception) -> Outcome:
    """Judge one reading of one answer by the rule in this module's docstring."""
    shown = _shown(reading, item.asked)
    if isinstance(reading, Exception):
        return Outcome(item, "not understood", False, shown)
    findings = [f for f in reading.findings if f.fact == item.asked]
    if any(matches(f.value, item.unsafe) for f in findings):
        return Outcome(item, "unsafe", False, shown)
    first = findings[0] if findings else None
    if item.ask:
        if first is None or not first.confident:
            return Outcome(item, "right", first is not None, shown)
        return Outcome(item, "wrong", False, shown)
    if first is None:
        return Outcome(item, "not understood", False, shown)
    if matches(first.value, item.acceptable):
        return Outcome(item, "right", not first.confident, shown)
    return Outcome(item, "wrong", False, shown)


@functools.lru_cache(maxsize=1)
def _answer_outcomes() -> tuple[tuple[Outcome, ...], tuple[str, ...]]:
    outcomes, alarms = [], []
    for item in load_answers():
        reading = _read(item.text, item.asked, dict(item.known))
        outcomes.append(judge(item, reading))
        if (
            isinstance(reading, Reading)
            and reading.danger_now
            and item.asked not in QUESTIONS_ABOUT_DANGER
        ):
            alarms.append(f"{item.label} -> danger_now {reading.danger_now!r}")
    return tuple(outcomes), tuple(alarms)


def _pct(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


def answer_figures(outcomes: tuple[Outcome, ...]) -> dict[str, float]:
    """The headline figures over all answers."""
    total = len(outcomes)
    verdicts = Counter(o.verdict for o in outcomes)
    return {
        "answers": total,
        "right_pct": _pct(verdicts["right"], total),
        "confirm_pct": _pct(sum(o.confirm for o in outcomes if o.verdict == "right"), total),
        "wrong_pct": _pct(verdicts["wrong"], total),
        "not_understood_pct": _pct(verdicts["not understood"], total),
        "unsafe": verdicts["unsafe"],
    }


def _report(outcomes: tuple[Outcome, ...], alarms: tuple[str, ...]) -> str:
    figures = answer_figures(outcomes)
    lines = [
        "Held-out answers (tests/reading/heldout/answers.yml)",
        f"  answers {figures['answers']:.0f}: read right {figures['right_pct']:.1f} % "
        f"(of which asked to confirm {figures['confirm_pct']:.1f} %), "
        f"wrong {figures['wrong_pct']:.1f} %, "
        f"not understood {figures['not_understood_pct']:.1f} %, "
        f"unsafe readings {figures['unsafe']:.0f}, false danger alarms {len(alarms)}",
        f"  {'fact':28} {'n':>4} {'right%':>7} {'wrong':>6} {'not und.':>9} {'unsafe':>7}",
    ]
    by_fact: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_fact[outcome.item.asked].append(outcome)
    for fact, group in by_fact.items():
        verdicts = Counter(o.verdict for o in group)
        lines.append(
            f"  {fact:28} {len(group):>4} {_pct(verdicts['right'], len(group)):>7.1f} "
            f"{verdicts['wrong']:>6} {verdicts['not understood']:>9} {verdicts['unsafe']:>7}"
        )
    for verdict in ("unsafe", "wrong", "not understood"):
        for outcome in outcomes:
            if outcome.verdict == verdict:
                lines.append(f"  {verdict.upper():15} {outcome.item.label} -> {outcome.shown}")
    lines.extend(f"  FALSE ALARM     {alarm}" for alarm in alarms)
    return "\n".join(lines)


@pytest.fixture(scope="module")
def answers(pytestconfig: pytest.Config) -> Iterator[tuple[tuple[Outcome, ...], tuple[str, ...]]]:
    """Read every held-out answer once; print and save the figures."""
    outcomes, alarms = _answer_outcomes()
    report = _report(outcomes, alarms)
    FIGURES_FILE.parent.mkdir(parents=True, exist_ok=True)
    FIGURES_FILE.write_text(report + "\n", encoding="utf-8")
    with _uncaptured(pytestconfig):
        print("\n" + "\n".join(report.splitlines()[: 3 + len({o.item.asked for o in outcomes})]))
        print(f"  (every miss: {FIGURES_FILE})")
    yield outcomes, alarms


def test_the_floor_never_promises_less_safety_than_the_targets_allow():
    target, floor = limits()
    assert set(target) == set(floor)
    for name in AT_LEAST:
        assert 0 <= floor[name] <= target[name] <= 100
    for name in set(target) - AT_LEAST:
        assert 0 <= target[name] <= floor[name]


def test_the_held_out_sets_are_big_enough_and_cover_every_fact():
    items = load_answers()
    per_fact = Counter(item.asked for item in items)
    assert len(items) >= 300
    assert set(FORM_FACTS) <= set(per_fact), set(FORM_FACTS) - set(per_fact)
    danger = load_danger()
    assert sum(d.now for d in danger) >= 40 and sum(not d.now for d in danger) >= 40
    assert len(load_paragraphs()) >= 20


def test_held_out_answers_are_not_read_as_the_reassuring_value(answers):
    outcomes, _ = answers
    unsafe = [f"{o.item.label} -> {o.shown}" for o in outcomes if o.verdict == "unsafe"]
    at_most("unsafe", len(unsafe), unsafe)


def test_held_out_answers_are_read_right(answers):
    outcomes, _ = answers
    misses = [f"{o.item.label} -> {o.shown}" for o in outcomes if o.verdict != "right"]
    at_least("right_pct", answer_figures(outcomes)["right_pct"], misses)


def test_held_out_answers_are_understood(answers):
    outcomes, _ = answers
    missed = [f"{o.item.label} -> {o.shown}" for o in outcomes if o.verdict == "not understood"]
    at_most("not_understood_pct", answer_figures(outcomes)["not_understood_pct"], missed)


def test_reading_never_raises_on_a_held_out_answer(answers):
    outcomes, _ = answers
    crashed = [f"{o.item.label} -> {o.shown}" for o in outcomes if o.shown.startswith("raised ")]
    assert not crashed, "\n".join(crashed)


def test_an_ordinary_answer_never_raises_a_danger_alarm(answers):
    _, alarms = answers
    at_most("answer_false_alarms", len(alarms), alarms)


def _danger_reads(item: DangerItem, rng_fact: str) -> list[tuple[str, Reading | Exception]]:
    known = {k: v for k, v in CONTEXT.items() if k != rng_fact}
    return [
        ("no question open", _read(item.text, None, None)),
        (f"while asking {rng_fact}", _read(item.text, rng_fact, known)),
    ]


@functools.lru_cache(maxsize=1)
def _danger_outcomes() -> tuple[list[str], list[str], list[str], int]:
    rng = seeded("heldout-danger-reading")
    missed, alarms, wrong_kind, kinds_offered = [], [], [], 0
    for item in load_danger():
        for where, reading in _danger_reads(item, rng.choice(FORM_FACTS)):
            said = bool(isinstance(reading, Reading) and reading.danger_now)
            if item.now and not said:
                missed.append(f"{item.text!r} ({where}) -> {_shown(reading, 'danger_kind')}")
            if not item.now and said:
                alarms.append(f"{item.text!r} ({where}) -> danger_now {reading.danger_now!r}")  # type: ignore[union-attr]
            kind = reading.finding("danger_kind") if isinstance(reading, Reading) else None
            if item.now and kind is not None and item.danger_kind:
                kinds_offered += 1
                if not matches(kind.value, item.danger_kind):
                    wrong_kind.append(
                        f"{item.text!r} ({where}) -> {kind.value!r}, wanted {item.danger_kind}"
                    )
    return missed, alarms, wrong_kind, kinds_offered


@pytest.fixture(scope="module")
def danger(pytestconfig: pytest.Config) -> tuple[list[str], list[str], list[str], int]:
    """Read every danger statement twice; print the figures."""
    missed, alarms, wrong_kind, offered = _danger_outcomes()
    items = load_danger()
    now = sum(d.now for d in items)
    line = (
        f"Held-out danger (danger.yml): {now} danger now, caught "
        f"{_pct(2 * now - len(missed), 2 * now):.1f} % of {2 * now} reads; "
        f"{len(items) - now} past or hypothetical, false alarms {len(alarms)}; "
        f"danger_kind offered {offered}, wrong {len(wrong_kind)}"
    )
    with _uncaptured(pytestconfig):
        print("\n" + line)
    return missed, alarms, wrong_kind, offered


def test_statements_of_danger_now_are_caught_at_any_question(danger):
    missed = danger[0]
    at_most("danger_missed", len(missed), missed)


def test_past_or_hypothetical_statements_raise_no_danger_alarm(danger):
    alarms = danger[1]
    at_most("danger_false_alarms", len(alarms), alarms)


def test_a_danger_kind_offered_by_the_reading_is_the_right_kind(danger):
    wrong_kind = danger[2]
    assert not wrong_kind, "\n".join(wrong_kind)


def _paragraph_problems(paragraph: Paragraph) -> tuple[list[str], int]:
    reading = _read(paragraph.text, None, None)
    if isinstance(reading, Exception):
        return [f"read raised {type(reading).__name__}: {reading}"], 0
    problems, found = [], 0
    for fact, acceptable in paragraph.states.items():
        first = reading.finding(fact)
        if first is not None and matches(first.value, acceptable):
            found += 1
        else:
            problems.append(
                f"{fact}: wanted one of {list(acceptable)}, read {_shown(reading, fact)}"
            )
    for fact, unsafe in paragraph.unsafe.items():
        for finding in reading.findings:
            if finding.fact == fact and matches(finding.value, unsafe):
                problems.append(f"UNSAFE {fact}: read {finding.value!r} from {finding.evidence!r}")
    if reading.danger_now and not matches("yes", paragraph.states.get("immediate_danger", ())):
        problems.append(f"FALSE ALARM: danger_now {reading.danger_now!r}")
    return problems, found


def test_opening_paragraphs_give_the_facts_they_state(pytestconfig: pytest.Config):
    paragraphs = load_paragraphs()
    stated = sum(len(p.states) for p in paragraphs)
    found, misses, unsafe, alarms = 0, [], [], []
    for paragraph in paragraphs:
        problems, count = _paragraph_problems(paragraph)
        found += count
        for problem in problems:
            line = f"{paragraph.id}: {problem}"
            (
                unsafe if "UNSAFE" in problem else alarms if "FALSE ALARM" in problem else misses
            ).append(line)
    with _uncaptured(pytestconfig):
        print(
            f"\nHeld-out paragraphs (paragraphs.yml): {len(paragraphs)} paragraphs, "
            f"{found} of {stated} stated facts found ({_pct(found, stated):.1f} %)"
        )
    at_most("paragraph_unsafe", len(unsafe), unsafe)
    at_most("paragraph_false_alarms", len(alarms), alarms)
    at_least("paragraph_facts_pct", _pct(found, stated), misses)


def _item(**changes: object) -> AnswerItem:
    base: dict = dict(
        asked="medication_adherence",
        text="not convinced",
        acceptable=("poor",),
        unsafe=("good",),
        ask=False,
        known={},
    )
    base.update(changes)
    return AnswerItem(**base)


def _reading(*findings: Finding) -> Reading:
    return Reading(text="-", findings=findings)


def test_the_judge_follows_the_rule_of_this_module():
    poor = Finding("medication_adherence", "poor", "not convinced")
    good_to_confirm = Finding("medication_adherence", "good", "x", "hedged", confident=False)
    assert judge(_item(), _reading(poor)).verdict == "right"
    assert judge(_item(), _reading(poor, good_to_confirm)).verdict == "unsafe"
    assert judge(_item(), _reading(good_to_confirm)).verdict == "unsafe"
    assert judge(_item(), _reading()).verdict == "not understood"
    assert judge(_item(), ValueError("boom")).verdict == "not understood"
    assert (
        judge(_item(), _reading(Finding("medication_adherence", "unknown", "x"))).verdict == "wrong"
    )
    asked_to_confirm = judge(
        _item(), _reading(Finding("medication_adherence", "poor", "x", confident=False))
    )
    assert (asked_to_confirm.verdict, asked_to_confirm.confirm) == ("right", True)
    ask = _item(acceptable=(), ask=True)
    assert judge(ask, _reading()).verdict == "right"
    assert judge(ask, _reading(Finding("medication_adherence", "unknown", "x"))).verdict == "wrong"
    counts = _item(
        asked="reliever_prescriptions_12m", acceptable=({"min": 13},), unsafe=({"max": 11},)
    )
    assert (
        judge(counts, _reading(Finding("reliever_prescriptions_12m", 14.0, "x"))).verdict == "right"
    )
    assert (
        judge(counts, _reading(Finding("reliever_prescriptions_12m", 12, "x"))).verdict == "wrong"
    )
    assert (
        judge(counts, _reading(Finding("reliever_prescriptions_12m", "9", "x"))).verdict == "unsafe"
    )


def test_no_held_out_item_lists_a_value_as_both_acceptable_and_unsafe():
    clashes = [
        item.label
        for item in load_answers()
        if any(
            matches(value, item.unsafe) for value in item.acceptable if not isinstance(value, dict)
        )
    ]
    for paragraph in load_paragraphs():
        for fact, acceptable in paragraph.states.items():
            unsafe = paragraph.unsafe.get(fact, ())
            if any(matches(v, unsafe) for v in acceptable if not isinstance(v, dict)):
                clashes.append(f"{paragraph.id}: {fact}")
    assert not clashes, clashes


def test_no_held_out_answer_is_there_twice():
    seen = Counter((item.asked, item.text.strip().lower()) for item in load_answers())
    assert not [key for key, count in seen.items() if count > 1]
    statements = Counter(d.text.strip().lower() for d in load_danger())
    assert not [text for text, count in statements.items() if count > 1]


ROOT = Path(__file__).resolve().parents[2]
# What the reading and the conversation are built or tuned from: a held-out
# phrasing found in one of these no longer measures anything.
BUILT_FROM = ("data", "bot/reading", "bot/conversation/questions.yml", "tests/reading/dev")
# Shorter whole answers ("not that we know of") are idioms every writer uses.
SHORTEST_CHECKED_WORDS = 6


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _built_from_text() -> str:
    parts = []
    for name in BUILT_FROM:
        path = ROOT / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            if file.suffix in {".yml", ".yaml", ".json", ".py", ".txt", ".md", ".csv"}:
                parts.append(_words(file.read_text(encoding="utf-8", errors="replace")))
    return " \n ".join(parts)


def test_held_out_phrasings_are_not_in_what_the_reading_is_built_from():
    corpus = _built_from_text()
    texts = [item.text for item in load_answers()]
    texts += [d.text for d in load_danger()]
    texts += [p.text for p in load_paragraphs()]
    leaked = [
        text
        for text in texts
        if len(text.split()) >= SHORTEST_CHECKED_WORDS and f" {_words(text)} " in f" {corpus} "
    ]
    assert not leaked, (
        "held-out phrasings found in the reading's cues or training data (write a different "
        "phrasing there, keep this one held out):\n" + "\n".join(leaked)
    )


def _asks_to_check(reading: Reading | Exception) -> bool:
    """Whether a reading asks "is the child in danger right now?" (the danger check)."""
    if not isinstance(reading, Reading) or reading.danger_now:
        return False
    found = reading.finding("immediate_danger")
    return bool(reading.extra.get("danger_check") and found and not found.confident)


def test_held_out_danger_checks_figures_only(pytestconfig):
    """The danger check (danger_check.yml) on the held-out sets, as figures only: of the reads
    of danger now the screen missed, how many ask; of the not-now reads and the ordinary
    answers, how many ask (ask rarely: at most 5 % and 1 %). No statement is printed."""
    rng = seeded("heldout-danger-reading")
    missed = missed_asked = not_now = not_now_asked = 0
    for item in load_danger():
        for _, reading in _danger_reads(item, rng.choice(FORM_FACTS)):
            said = isinstance(reading, Reading) and bool(reading.danger_now)
            if item.now and not said:
                missed += 1
                missed_asked += _asks_to_check(reading)
            elif not item.now:
                not_now += 1
                not_now_asked += _asks_to_check(reading)
    items = load_answers()
    answers_asked = sum(
        _asks_to_check(_read(item.text, item.asked, dict(item.known))) for item in items
    )
    line = (
        f"Held-out danger checks: {missed_asked} of {missed} missed danger-now reads asked to "
        f"check; {not_now_asked} of {not_now} not-now reads and {answers_asked} of "
        f"{len(items)} answers asked to check"
    )
    with _uncaptured(pytestconfig):
        print("\n" + line)
    assert not_now_asked <= 0.05 * not_now
    assert answers_asked <= 0.01 * len(items)
