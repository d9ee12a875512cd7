"""Held-out danger statements and opening paragraphs, over the real servers.

The sets are tests/reading/heldout/danger.yml and paragraphs.yml (written
independently of the reading and the training data; never train on them).
Everything goes through the REST channel; what was recorded is read from the
tracker through Rasa's HTTP API.

- Danger now: each statement is sent in its own conversation at a seeded
  random point (as the first message, at any question of the form, or after
  the decision). The same reply must give the 999 advice ("call 999 now") and
  the tracker must then hold ``immediate_danger = yes`` (and, if it already
  holds a ``danger_kind``, one the set allows).
- Past or hypothetical: the statements are spread over a few conversations at
  seeded random points. None may set ``immediate_danger = yes`` or open the
  ``danger_kind`` question. (A question such as "when should I call 999?" may
  well be answered with the 999 advice: only what was recorded is checked.)
- Paragraphs: each is the first message. The assistant may list what it read
  and ask to confirm (the test taps the "yes" button, or says "yes"); then every
  open question is answered "don't know" (or a plain answer where the fact
  takes no "don't know"). No stated fact may be asked again (be the form's
  ``requested_slot``), every stated fact must end recorded with an acceptable
  value, and a full narrative leaves at most 8 questions.

The reading does not reach issue 10's targets yet, so each figure is checked
against its floor in tests/reading/heldout/targets.yml (the ``server_...`` keys;
see limits.py): worse than the floor fails, the gap to the target is printed.
What is the conversation's own (a paragraph that stalls or never reaches a
decision) fails outright.

A few conversations run at once (each its own, so the figures do not depend on it).
The random points come from a fixed seed: a failure names the statement and the
point, and happens again on the next run.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

import pytest
import requests

from tests.reading.heldout.limits import at_least, at_most
from tests.reading.heldout.sets import (
    DangerItem,
    Paragraph,
    load_danger,
    load_paragraphs,
    matches,
    seeded,
)
from tests.servers import say, tracker

pytestmark = pytest.mark.servers

DANGER_ADVICE = re.compile(r"call 999 now", re.IGNORECASE)
AFFIRMATIVE = re.compile(
    r"^(yes|yep|correct|right|that's right|looks right|confirm)\b", re.IGNORECASE
)
PLAIN_ANSWERS = {
    "immediate_danger": "no",
    "reporter_role": "I'm a teacher",
    "condition": "asthma",
    "child_age_years": "nine",
}
DONT_KNOW = "don't know"
LONGEST_FORM = 18  # questions in the longest assessment (contract §1)
MOST_QUESTIONS_AFTER_A_FULL_NARRATIVE = 8
NOT_NOW_PER_CONVERSATION = 8
CONVERSATIONS_AT_ONCE = 4  # each its own conversation: keeps both servers busy
T = TypeVar("T")
R = TypeVar("R")


def _texts(messages: list[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def _decided(messages: list[dict]) -> bool:
    return any(isinstance(m.get("custom"), dict) and "assessment" in m["custom"] for m in messages)


def _sender(kind: str) -> str:
    return f"heldout-{kind}-{uuid.uuid4().hex[:10]}"


@dataclass
class Walk:
    """One conversation walked through the form by plain answers."""

    servers: object
    sender: str
    asked: list[str] = field(default_factory=list)
    replies: list[dict] = field(default_factory=list)
    decided: bool = False
    confirmed: list[str] = field(default_factory=list)

    def slots(self) -> dict:
        """The conversation's slots, read from the tracker."""
        return dict(tracker(self.servers, self.sender)["slots"])  # type: ignore[arg-type]

    def say(self, text: str) -> list[dict]:
        self.replies = say(self.servers, self.sender, text)  # type: ignore[arg-type]
        self.decided = self.decided or _decided(self.replies)
        return self.replies

    def open_question(self) -> str | None:
        requested = self.slots().get("requested_slot")
        return str(requested) if requested else None

    def answer(self, answers: dict[str, str] | None = None) -> str | None:
        """Answer the open question plainly; return its fact, or None when none is open."""
        slots = self.slots()
        fact = str(slots["requested_slot"]) if slots.get("requested_slot") else None
        if fact is None:
            return None
        pending = slots.get("pending")
        if isinstance(pending, dict) and pending.get("kind") == "confirm":
            # "I read that as: ... is that right?" about something already said: tap "Yes".
            self.confirmed.append(str(pending.get("fact")))
            self.say(_affirm(self.replies))
            return fact
        self.asked.append(fact)
        if self.asked[-3:] == [fact] * 3:
            raise AssertionError(
                f"{fact} asked three times running; last reply: {_texts(self.replies)!r}"
            )
        self.say((answers or {}).get(fact) or PLAIN_ANSWERS.get(fact, DONT_KNOW))
        return fact

    def where(self) -> str:
        if self.decided and self.open_question() is None:
            return "after the decision"
        fact = self.open_question()
        return f"while asking {fact}" if fact else "outside the form"


def _advance(walk: Walk) -> bool:
    """Answer the open question; False when none is open (the form has ended).

    Once the questions that need a plain answer have been asked, every other
    one takes "don't know", so the tracker is not read on every turn.
    """
    if set(PLAIN_ANSWERS) <= set(walk.asked):
        if walk.decided:
            return False
        walk.say(DONT_KNOW)
        return True
    return walk.answer() is not None


def _walk_to(walk: Walk, point: int) -> None:
    """Greet and give `point` answers (fewer when the form ends first)."""
    walk.say("hello")
    for _ in range(point):
        if not _advance(walk):
            break


@dataclass
class Reached:
    """A conversation walked to a point once: its events, to start others from there."""

    events: list[dict]
    where: str
    decided: bool
    replies: list[dict]


def _reach(servers: object, point: int, reached: dict[int, Reached]) -> Reached:
    """The conversation at ``point`` answers, walked once over the servers and then reused."""
    if point not in reached:
        walk = Walk(servers, _sender("point"))
        _walk_to(walk, point)
        events = list(tracker(servers, walk.sender)["events"])  # type: ignore[arg-type]
        reached[point] = Reached(events, walk.where(), walk.decided, walk.replies)
    return reached[point]


def _start_at(walk: Walk, at: Reached) -> None:
    """Give ``walk``'s new conversation the events of one walked to a point (Rasa's HTTP API)."""
    response = requests.put(
        f"{walk.servers.rasa_url}/conversations/{walk.sender}/tracker/events",  # type: ignore[attr-defined]
        params={"token": walk.servers.settings.api_token},  # type: ignore[attr-defined]
        json=at.events,
        timeout=60,
    )
    response.raise_for_status()
    walk.decided, walk.replies = at.decided, list(at.replies)


def _in_parallel(work: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """``work`` on each item, a few conversations at once (each its own), results in order."""
    with ThreadPoolExecutor(max_workers=CONVERSATIONS_AT_ONCE) as pool:
        return list(pool.map(work, items))


def _reach_or_stall(servers: object, point: int) -> Reached | str:
    try:
        return _reach(servers, point, {})
    except AssertionError as stalled:
        return str(stalled)


def _danger_now_failures(
    servers: object, item: DangerItem, point: int, at: Reached | str | None
) -> list[str]:
    """What went wrong when ``item`` was said in a conversation of its own at ``point``."""
    if isinstance(at, str):
        return [f"STUCK {item.text!r}: could not reach point {point}: {at}"]
    walk = Walk(servers, _sender("now"))
    if at is not None:
        _start_at(walk, at)
    where = "as the first message" if at is None else at.where
    replies = walk.say(item.text)
    slots = walk.slots()
    failures = []
    if not any(DANGER_ADVICE.search(m.get("text") or "") for m in replies):
        failures.append(f"{item.text!r} ({where}): no 999 advice, got {_texts(replies)[:160]!r}")
    if slots.get("immediate_danger") != "yes":
        failures.append(
            f"{item.text!r} ({where}): immediate_danger = {slots.get('immediate_danger')!r}"
        )
    kind = slots.get("danger_kind")
    if kind is not None and item.danger_kind and not matches(kind, item.danger_kind):
        failures.append(f"{item.text!r} ({where}): danger_kind {kind!r}, wanted {item.danger_kind}")
    return failures


def test_every_danger_now_statement_gets_999_in_the_same_reply_at_any_point(servers):
    """Each statement in a conversation of its own at a seeded point: the conversation
    at each point is walked once over the servers, and each statement's own conversation
    starts from its events (the same state as walking there again)."""
    rng = seeded("heldout-danger-now-servers")
    statements = [d for d in load_danger() if d.now]
    points = [rng.randint(-1, LONGEST_FORM + 1) for _ in statements]
    walked = sorted({p for p in points if p >= 0})
    reached = dict(
        zip(walked, _in_parallel(lambda p: _reach_or_stall(servers, p), walked), strict=True)
    )
    results = _in_parallel(
        lambda pair: _danger_now_failures(servers, pair[0], pair[1], reached.get(pair[1])),
        list(zip(statements, points, strict=True)),
    )
    stuck = [f for failures in results for f in failures if f.startswith("STUCK ")]
    assert not stuck, "\n".join(stuck)
    failures = [f for found in results for f in found]
    missed = sum(bool(found) for found in results)
    print(f"\n[held-out, servers] danger now: {len(statements) - missed} of {len(statements)}")
    at_most("server_danger_missed", missed, failures)


def _not_now_failures(servers: object, chunk: list[DangerItem], points: list[int]) -> list[str]:
    """False alarms when ``chunk``'s statements are said in one conversation at ``points``."""
    failures = []
    walk = Walk(servers, _sender("notnow"))
    greeted, said_hello, answered = False, False, 0
    for item, point in zip(chunk, points, strict=True):
        if point >= 0 and not said_hello:
            walk.say("hello")
            greeted = said_hello = True
        try:
            while answered < point and _advance(walk):
                answered += 1
        except AssertionError as stuck:
            failures.append(f"could not reach point {point} for {item.text!r}: {stuck}")
            break
        where = "as the first message" if not greeted else walk.where()
        walk.say(item.text)
        greeted = True
        slots = walk.slots()
        if slots.get("immediate_danger") == "yes" or slots.get("requested_slot") == "danger_kind":
            failures.append(
                f"{item.text!r} ({where}): false alarm, got {_texts(walk.replies)[:160]!r}"
            )
            # Now on the emergency path: go on in a fresh conversation.
            walk = Walk(servers, _sender("notnow"))
            greeted, said_hello, answered = False, False, 0
    return failures


def test_no_past_or_hypothetical_statement_raises_a_danger_alarm_at_any_point(servers):
    rng = seeded("heldout-not-now-servers")
    statements = [d for d in load_danger() if not d.now]
    chunks = [
        statements[start : start + NOT_NOW_PER_CONVERSATION]
        for start in range(0, len(statements), NOT_NOW_PER_CONVERSATION)
    ]
    points = [sorted(rng.randint(-1, LONGEST_FORM + 1) for _ in chunk) for chunk in chunks]
    results = _in_parallel(
        lambda pair: _not_now_failures(servers, *pair), list(zip(chunks, points, strict=True))
    )
    failures = [f for found in results for f in found]
    stuck = [f for f in failures if f.startswith("could not reach")]
    assert not stuck, "\n".join(stuck)
    print(f"\n[held-out, servers] past or hypothetical: {len(statements)} statements")
    at_most("server_false_alarms", len(failures), failures)


def _affirm(replies: list[dict]) -> str:
    """The payload of the reply's "yes, that's right" button, or a plain "yes"."""
    for message in replies:
        for button in message.get("buttons") or []:
            if AFFIRMATIVE.search(str(button.get("title", ""))):
                return str(button.get("payload") or button["title"])
    return "yes"


def _as_answer(values: tuple) -> str:
    first = values[0]
    if isinstance(first, dict):
        first = first.get("min", first.get("max"))
    return str(first).replace("_", " ")


@dataclass
class ParagraphRun:
    """What one opening paragraph led to over the servers."""

    paragraph: Paragraph
    stuck: list[str]
    again: list[str]
    wrong: list[str]
    questions: int


def _run_paragraph(servers, paragraph: Paragraph) -> ParagraphRun:
    walk = Walk(servers, _sender("para"))
    walk.say(paragraph.text)
    again_answers = {fact: _as_answer(values) for fact, values in paragraph.states.items()}
    stuck: list[str] = []
    idle = 0
    for _ in range(3 * LONGEST_FORM):
        if walk.decided:
            break
        try:
            answered = walk.answer(again_answers)
        except AssertionError as stalled:
            stuck.append(str(stalled)[:200])
            break
        if answered is not None:
            idle = 0
        else:
            idle += 1
            if idle > 3:
                stuck.append(
                    f"stalled after {len(walk.asked)} answers: no question open, no decision "
                    f"(last reply {_texts(walk.replies)[:120]!r})"
                )
                break
            walk.say(_affirm(walk.replies))
    if not walk.decided and not stuck:
        stuck.append(f"no decision after {len(walk.asked)} answers")
    again = sorted({fact for fact in walk.asked if fact in paragraph.states})
    slots = walk.slots()
    wrong = [
        f"{fact} recorded {slots.get(fact)!r}, wanted one of {list(acceptable)}"
        for fact, acceptable in paragraph.states.items()
        if not matches(slots.get(fact), acceptable)
    ]
    return ParagraphRun(paragraph, stuck, again, wrong, len(set(walk.asked)))


@pytest.fixture(scope="module")
def paragraph_runs(servers) -> list[ParagraphRun]:
    """Every held-out paragraph walked once as a first message to a decision."""
    runs = _in_parallel(lambda paragraph: _run_paragraph(servers, paragraph), load_paragraphs())
    stated = sum(len(run.paragraph.states) for run in runs)
    print(
        f"\n[held-out, servers] paragraphs {len(runs)}: "
        f"{sum(len(run.again) for run in runs)} stated facts asked again, "
        f"{stated - sum(len(run.wrong) for run in runs)} of {stated} recorded right, "
        f"{sum(_too_many(run) for run in runs)} full narratives left over "
        f"{MOST_QUESTIONS_AFTER_A_FULL_NARRATIVE} questions"
    )
    return runs


def _too_many(run: ParagraphRun) -> bool:
    return run.paragraph.full and run.questions > MOST_QUESTIONS_AFTER_A_FULL_NARRATIVE


def test_every_opening_paragraph_reaches_a_decision(paragraph_runs):
    stuck = [f"{run.paragraph.id}: {problem}" for run in paragraph_runs for problem in run.stuck]
    assert not stuck, "\n".join(stuck)


def test_an_opening_paragraph_is_used_and_its_facts_never_asked_again(paragraph_runs):
    again = [f"{run.paragraph.id}: asked again {run.again}" for run in paragraph_runs if run.again]
    at_most("server_facts_asked_again", sum(len(run.again) for run in paragraph_runs), again)


def test_the_facts_of_an_opening_paragraph_end_recorded_right(paragraph_runs):
    stated = sum(len(run.paragraph.states) for run in paragraph_runs)
    wrong = [f"{run.paragraph.id}: {problem}" for run in paragraph_runs for problem in run.wrong]
    right_pct = 100.0 * (stated - len(wrong)) / stated
    at_least("server_recorded_right_pct", right_pct, wrong)


def test_a_full_narrative_leaves_at_most_eight_questions(paragraph_runs):
    over = [
        f"{run.paragraph.id}: {run.questions} questions left"
        for run in paragraph_runs
        if _too_many(run)
    ]
    at_most("server_full_narratives_over_8", len(over), over)
