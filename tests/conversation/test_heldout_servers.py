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

The random points come from a fixed seed: a failure names the statement and the
point, and happens again on the next run.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field

import pytest

from tests.reading.heldout.sets import Paragraph, load_danger, load_paragraphs, matches, seeded
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

    def slots(self) -> dict:
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
        fact = self.open_question()
        if fact is None:
            return None
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


def test_every_danger_now_statement_gets_999_in_the_same_reply_at_any_point(servers):
    rng = seeded("heldout-danger-now-servers")
    failures = []
    for item in [d for d in load_danger() if d.now]:
        walk = Walk(servers, _sender("now"))
        point = rng.randint(-1, LONGEST_FORM + 1)
        try:
            if point >= 0:
                _walk_to(walk, point)
        except AssertionError as stuck:
            failures.append(f"{item.text!r}: could not reach point {point}: {stuck}")
            continue
        where = "as the first message" if point < 0 else walk.where()
        replies = walk.say(item.text)
        slots = walk.slots()
        if not any(DANGER_ADVICE.search(m.get("text") or "") for m in replies):
            failures.append(
                f"{item.text!r} ({where}): no 999 advice, got {_texts(replies)[:160]!r}"
            )
        if slots.get("immediate_danger") != "yes":
            failures.append(
                f"{item.text!r} ({where}): immediate_danger = {slots.get('immediate_danger')!r}"
            )
        kind = slots.get("danger_kind")
        if kind is not None and item.danger_kind and not matches(kind, item.danger_kind):
            failures.append(
                f"{item.text!r} ({where}): danger_kind {kind!r}, wanted {item.danger_kind}"
            )
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures)


def test_no_past_or_hypothetical_statement_raises_a_danger_alarm_at_any_point(servers):
    rng = seeded("heldout-not-now-servers")
    statements = [d for d in load_danger() if not d.now]
    failures = []
    for start in range(0, len(statements), NOT_NOW_PER_CONVERSATION):
        chunk = statements[start : start + NOT_NOW_PER_CONVERSATION]
        points = sorted(rng.randint(-1, LONGEST_FORM + 1) for _ in chunk)
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
            if (
                slots.get("immediate_danger") == "yes"
                or slots.get("requested_slot") == "danger_kind"
            ):
                failures.append(
                    f"{item.text!r} ({where}): false alarm, got {_texts(walk.replies)[:160]!r}"
                )
                # Now on the emergency path: go on in a fresh conversation.
                walk = Walk(servers, _sender("notnow"))
                greeted, said_hello, answered = False, False, 0
    assert not failures, f"{len(failures)} false alarms:\n" + "\n".join(failures)


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


@pytest.mark.parametrize("paragraph", load_paragraphs(), ids=lambda p: p.id)
def test_an_opening_paragraph_is_used_and_never_asked_again(servers, paragraph: Paragraph):
    walk = Walk(servers, _sender("para"))
    walk.say(paragraph.text)
    again_answers = {fact: _as_answer(values) for fact, values in paragraph.states.items()}
    problems, idle = [], 0
    for _ in range(3 * LONGEST_FORM):
        if walk.decided:
            break
        try:
            answered = walk.answer(again_answers)
        except AssertionError as stuck:
            problems.append(str(stuck)[:200])
            break
        if answered is not None:
            idle = 0
        else:
            idle += 1
            if idle > 3:
                problems.append(
                    f"stalled after {len(walk.asked)} answers: no question open, no decision "
                    f"(last reply {_texts(walk.replies)[:120]!r})"
                )
                break
            walk.say(_affirm(walk.replies))
    if not walk.decided and not problems:
        problems.append(f"no decision after {len(walk.asked)} answers")
    again = sorted({fact for fact in walk.asked if fact in paragraph.states})
    if again:
        problems.append(f"asked again: {again}")
    slots = walk.slots()
    for fact, acceptable in paragraph.states.items():
        if not matches(slots.get(fact), acceptable):
            problems.append(
                f"{fact} recorded {slots.get(fact)!r}, wanted one of {list(acceptable)}"
            )
    questions = len(set(walk.asked))
    if paragraph.full and questions > MOST_QUESTIONS_AFTER_A_FULL_NARRATIVE:
        problems.append(
            f"full narrative left {questions} questions "
            f"(at most {MOST_QUESTIONS_AFTER_A_FULL_NARRATIVE})"
        )
    assert not problems, f"{paragraph.id}: " + "; ".join(problems)
