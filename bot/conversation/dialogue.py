"""One turn of the conversation: a message read once, its findings applied, the reply.

Plain Python (no Rasa): ``respond(text, slots, in_form)`` takes the message and
the conversation's slots and returns a ``Turn``: the messages to send, the slot
changes and the fact to ask next (``None`` when the questions are over). The
Rasa actions (``actions/forms.py`` during the questions, ``actions/respond.py``
outside them) only pass the tracker in and the turn out.

Order of reading, every message, in the form or outside it:

1. danger now: the 999 advice, first steps, and ``danger_kind`` in one tap;
2. an open confirmation of the assistant's own ("I read that as ... — is that right?");
3. the conversation's commands: ``change <answer>``, ``carry on``, undo, stop, start again;
4. asides (why, help, a term, summary, what would change);
5. findings: each recorded and said back ("Noted: ...", "Changed: ... → ..."),
   a reading that is not confident confirmed first; words that may state an
   emergency now (the reading's danger check) asked about before anything else;
6. nothing usable: why, and what the question takes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot import FactError
from bot.conversation.first_steps import first_steps
from bot.conversation.flow import (
    MISSES_BEFORE_BUTTONS,
    check_value,
    engine_knows,
    implied_answers,
    miss_message,
    next_fact,
    question_message,
    unknown_allowed,
)
from bot.conversation.glossary import load_glossary, term_list
from bot.conversation.messages import message
from bot.conversation.parsing import ParseError
from bot.conversation.payload import build_payload, facts_from_slots
from bot.conversation.questions import fact_order, question
from bot.conversation.reading_adapter import hear
from bot.conversation.render import (
    front_door_line,
    locality,
    render_changes,
    render_decision,
    render_decision_changed,
    render_reasons,
    render_update,
)
from bot.reading import Finding, Reading

STATE_SLOTS = (
    "pending",
    "history",
    "changes",
    "evidence",
    "carry_on",
    "changing",
    "miss_count",
    "assessment_done",
)
FORGET = "forget_requested"
"""Slot a confirmed clear sets: the conversation store then keeps only the present state."""
MANY_FINDINGS = 3
MAX_EVIDENCE_CHARS = 160
YES_NO = [
    {"title": "Yes", "payload": "yes"},
    {"title": "No, change it", "payload": "no, change it"},
]
CHECK_YES_NO = [{"title": "Yes", "payload": "yes"}, {"title": "No", "payload": "no"}]
DONT_KNOW = {"title": "Don't know", "payload": "don't know"}
CARRY_ON = {"title": "Carry on", "payload": "carry on"}


@dataclass
class Turn:
    """What one message leads to.

    Attributes:
        messages: to send, each ``{"text", "buttons"?, "json_message"?}``.
        slots: slot values to set (facts and the conversation's own state).
        ask: the fact the form should ask now (its question is in ``messages``),
            or ``None`` when no question is open.
        decided: whether ``messages`` carries a decision.
    """

    messages: list[dict[str, Any]] = field(default_factory=list)
    slots: dict[str, Any] = field(default_factory=dict)
    ask: str | None = None
    decided: bool = False


class _Draft:
    """The slots as they become during one turn, and what is said."""

    def __init__(self, slots: Mapping[str, Any]) -> None:
        self.now: dict[str, Any] = dict(slots)
        self.before: dict[str, Any] = dict(slots)  # as the turn began
        self.turn = Turn()
        # Further doubtful findings of one message, confirmed one at a time.
        self.queue: list[dict[str, Any]] = []

    def get(self, key: str) -> Any:
        return self.now.get(key)

    def set(self, key: str, value: Any) -> None:
        self.now[key] = value
        self.turn.slots[key] = value

    def say(self, text: str, **extra: Any) -> None:
        self.turn.messages.append({"text": text, **extra})


def known_facts(slots: Mapping[str, Any]) -> dict[str, Any]:
    """The answers recorded so far (slots named as facts that hold a value)."""
    return {f: slots[f] for f in fact_order() if slots.get(f) is not None}


def respond(text: str, slots: Mapping[str, Any], in_form: bool) -> Turn:
    """Read one message once and answer it.

    Args:
        text: the message as typed (or a button's payload).
        slots: the conversation's slots (``requested_slot`` is the open question).
        in_form: whether the assessment's questions are being asked.

    Returns:
        The turn: messages, slot changes, and the question now open.
    """
    d = _Draft(slots)
    asked = d.get("requested_slot") if in_form else None
    pending = d.get("pending")
    if isinstance(pending, Mapping) and pending.get("kind") == "confirm":
        # The last thing asked was "I read that as ... is that right?": the answer is to it.
        asked = str(pending["fact"])
    reading = hear(text, asked=asked, known=known_facts(slots))
    kind_answer = _kind_said(reading) if asked == "danger_kind" else None
    if kind_answer is not None:
        reading = kind_answer  # "she can't breathe" answers "what kind of danger?"
    elif reading.danger_now:
        told = tuple(
            f
            for f in reading.findings
            if f.confident and f.fact not in ("immediate_danger", "danger_kind")
        )  # "9yo with asthma, she's not breathing": the age and condition are kept too
        return _danger(d, reading, (*_held(pending), *told))
    if pending:
        d.set("pending", None)
        d.queue = list(dict(pending).get("queue") or [])
        done = _answer_pending(d, dict(pending), reading, in_form)
        if done is not None:
            return done
        if pending.get("kind") == "confirm" and reading.finding(str(pending["fact"])) is None:
            # a pause, a question back or words that answer something else: the
            # confirmation is asked again after them, never dropped
            keep = ("fact", "value", "evidence", "check", "then")
            d.queue.insert(0, {k: pending[k] for k in keep if k in pending})
        elif _held(pending):
            # the danger check answered in words ("she's fine, just tired"): what the
            # message it asked about said is read with them, nothing lost
            said = {f.fact for f in reading.findings}
            more = tuple(f for f in _held(pending) if f.fact not in said)
            reading = dataclasses.replace(reading, findings=(*reading.findings, *more))
    if not in_form and not d.get("assessment_done"):
        return _before_questions(d, reading)
    command = _command(d, reading, in_form)
    if command is not None:
        return command
    if _emergency_given(d.now) and _says_safe(reading):
        return _safe_after_emergency(d, reading, asked, in_form)
    if reading.findings:
        return _record(d, reading, asked, in_form)
    if in_form and asked:
        return _miss(d, reading, asked)
    d.say(message("fallback_after_decision"))
    return d.turn


def resume(slots: Mapping[str, Any]) -> str | None:
    """The fact to ask when the form starts again after a reply that asked it already."""
    return next_fact(slots)


# 1. danger now -------------------------------------------------------------------


def _danger(d: _Draft, reading: Reading, held: tuple[Finding, ...] = ()) -> Turn:
    d.set("pending", None)
    if d.get("immediate_danger") != "yes":
        _remember(d, _apply(d, Finding("immediate_danger", "yes", reading.text), lines=[]))
    d.set("danger_kind", None)  # a new statement of danger: ask its kind again
    d.set("carry_on", False)
    lines: list[str] = []
    _apply_held(d, held, lines)  # what else the message (or the one checked) said
    _danger_advice(d, reading.danger_now or reading.text)  # the steps for the condition told
    _say_lines(d, lines)
    if not d.get("greeted"):
        d.set("greeted", True)
    return _ask_next(d)


def _kind_said(reading: Reading) -> Reading | None:
    """The reading as an answer to "what kind of danger?", when its words tell the kind."""
    if not reading.danger_now or reading.finding("danger_kind") is not None:
        return reading if reading.finding("danger_kind") is not None else None
    kind = reading.extra.get("danger_kind")
    if not kind:
        return None
    said = Finding("danger_kind", kind, reading.danger_now or reading.text)
    return dataclasses.replace(reading, findings=(said, *reading.findings))


def _danger_advice(d: _Draft, words: str | None = None) -> None:
    """The 999 advice and the first steps; ``words``, the danger as told, pick the steps."""
    door = front_door_line(locality())
    told = words or str((d.get("evidence") or {}).get("immediate_danger") or "")
    steps = first_steps(d.get("condition"), told)
    lines = [message("danger_now", front_door=door), "", message("danger_steps")]
    lines += [f"- {step}" for step in steps]
    d.say("\n".join(lines))


def _emergency_given(slots: Mapping[str, Any]) -> bool:
    """Whether the emergency decision is given and the questions stopped for it."""
    return bool(
        slots.get("assessment_done")
        and slots.get("immediate_danger") == "yes"
        and not slots.get("carry_on")
    )


def _says_safe(reading: Reading) -> bool:
    """Whether the message says the child is safe now ("she's ok now", "paramedics have him")."""
    if reading.correction or reading.danger_now:
        return False
    return bool(reading.extra.get("safe_now")) or any(
        f.fact == "immediate_danger" and f.value == "no" for f in reading.findings
    )


def _safe_after_emergency(d: _Draft, reading: Reading, asked: str | None, in_form: bool) -> Turn:
    """The child safe after the emergency decision: thanks, and the way on (carry on). The
    emergency stays recorded: a child safe now was in danger then."""
    rest = tuple(f for f in reading.findings if f.fact != "immediate_danger")
    if rest:
        turn = _record(d, dataclasses.replace(reading, findings=rest), asked, in_form)
        turn.messages.insert(0, {"text": message("safe_now_glad")})
        return turn
    d.say(message("safe_now_thanks"), buttons=[dict(CARRY_ON)])
    d.turn.ask = None
    return d.turn


# 2. the assistant's own confirmations ----------------------------------------------


def _pressed(reading: Reading, button: Mapping[str, str]) -> bool:
    """Whether the message is the payload of one of the assistant's own buttons."""
    return reading.text.strip().lower() == button["payload"]


def _answer_pending(
    d: _Draft, pending: dict[str, Any], reading: Reading, in_form: bool
) -> Turn | None:
    kind = pending.get("kind")
    if kind == "confirm":
        fact = str(pending["fact"])
        if pending.get("check") and (
            reading.affirm is not None or _pressed(reading, CHECK_YES_NO[1])
        ):
            return _answer_check(d, pending, reading.affirm is True)
        if reading.affirm is True:
            found = Finding(fact, pending["value"], str(pending.get("evidence") or ""))
            lines: list[str] = []
            _remember(d, _apply(d, found, lines))
            _say_lines(d, lines)
            if fact == "immediate_danger" and found.value == "yes":
                # danger confirmed: the 999 advice now; what else was read is asked later
                d.queue = []
                d.set("danger_kind", None)
                d.set("carry_on", False)
                _danger_advice(d, found.evidence)
            return _ask_next(d)
        said_unknown = any(f.fact == fact and f.value == "unknown" for f in reading.findings)
        if said_unknown:
            return None
        if reading.affirm is False or _pressed(reading, YES_NO[1]):
            d.say(message("read_as_no"))
            d.set("miss_count", MISSES_BEFORE_BUTTONS)
            return _ask_next(d, only=fact)  # "tell me in your own words" is about this fact
        return None
    if kind == "clear":
        if reading.affirm is True:
            return _clear(d, str(pending.get("then")))
        if reading.affirm is False:
            d.say(message("nothing_cleared"))
            return _ask_next(d) if in_form or not d.get("assessment_done") else d.turn
        return None
    if kind == "opening":
        if reading.affirm is True:
            return _ask_next(d)
        if reading.affirm is False:
            d.say(message("understood_fix"))
            d.turn.ask = d.get("requested_slot") or next_fact(d.now)
            return d.turn
    return None


def _clear(d: _Draft, then: str) -> Turn:
    for fact in fact_order():
        d.set(fact, None)
    for slot in STATE_SLOTS:
        d.set(slot, None)
    d.set(FORGET, True)  # the store deletes everything said before (bot.privacy)
    if then in ("stop", "forget"):
        d.say(message(then if then == "stop" else "forgotten"))
        return d.turn
    d.say(message("start_again"))
    return _ask_next(d)


def _confirm_clear(d: _Draft, then: str, in_form: bool) -> Turn:
    d.set("pending", {"kind": "clear", "then": then})
    d.say(
        message(f"confirm_clear_{then}"),
        buttons=[
            {"title": "Yes, clear my answers", "payload": "yes"},
            {"title": "No, keep them", "payload": "no"},
        ],
    )
    d.turn.ask = d.get("requested_slot") if in_form else None
    return d.turn


# before the questions ------------------------------------------------------------


def _before_questions(d: _Draft, reading: Reading) -> Turn:
    if reading.aside in ("thank", "goodbye") and not reading.findings:
        d.say(message("goodbye"))
        return d.turn
    if reading.aside in ("help", "why", "explain_term") and d.get("greeted"):
        _aside_text(d, reading, in_form=False)
        return d.turn
    d.say(message("greeting") if not d.get("greeted") else message("starting_new"))
    d.set("greeted", True)
    if reading.findings:
        return _record(d, reading, None, in_form=False)
    return _ask_next(d)


# 3. commands and 4. asides ---------------------------------------------------------


def _command(d: _Draft, reading: Reading, in_form: bool) -> Turn | None:
    extra = reading.extra
    if extra.get("carry_on") and d.get("immediate_danger") == "yes" and not d.get("carry_on"):
        d.set("carry_on", True)
        d.say(message("carry_on_start"))
        return _ask_next(d)
    if extra.get("change"):
        return _change(d, str(extra["change"]), in_form)
    aside = reading.aside
    if aside == "undo":
        return _undo(d)
    if aside in ("stop", "start_again", "forget"):
        return _confirm_clear(d, str(aside), in_form)
    if aside == "greet" and not in_form:
        return _confirm_clear(d, "start_again", in_form)
    if aside and not reading.findings or aside in ("why", "summary", "what_would_change"):
        _aside_text(d, reading, in_form)
        if in_form:
            d.say(message("back_to_question"))
            return _ask_next(d)
        return d.turn
    return None


def _aside_text(d: _Draft, reading: Reading, in_form: bool) -> None:
    aside = reading.aside
    asked = d.get("requested_slot") if in_form else None
    done = bool(d.get("assessment_done"))
    if aside == "emergency_question":
        d.say(message("emergency", front_door=front_door_line(locality())))
    elif aside == "why" and asked:
        d.say(question(asked).why)
    elif aside == "why":
        d.say(render_reasons(_decision(d)[1]["assessment"]) if done else message("why_no_decision"))
    elif aside == "help":
        d.say(message("help", terms=term_list()))
    elif aside == "pause":
        d.say(message("pause"))
    elif aside == "explain_term":
        glossary = load_glossary()
        term = reading.term
        d.say(glossary[term][1] if term in glossary else message("term_unknown", terms=term_list()))
    elif aside in ("summary", "what_would_change") and done:
        facts, payload = _decision(d)
        if aside == "summary":
            d.say(payload["display"]["summary"])
        else:
            d.say(render_changes(payload["assessment"], facts=facts))
    elif aside in ("summary", "what_would_change"):
        d.say(message("not_yet"))
    else:
        d.say(
            message("goodbye")
            if aside in ("thank", "goodbye")
            else message("help", terms=term_list())
        )


def _change(d: _Draft, fact: str, in_form: bool) -> Turn:
    old = d.get(fact)
    q = question(fact)
    if old is None:
        return _ask_next(d)
    d.set("changing", {"fact": fact, "old": old})
    d.set(fact, None)
    d.say(message("change_what", label=q.label, value=q.shown(old)))
    d.set("miss_count", 0)
    return _ask_next(d, only=fact)


def _undo(d: _Draft) -> Turn:
    history = list(d.get("history") or [])
    if not history:
        d.say(message("nothing_to_undo"))
        return _ask_next(d) if d.get("requested_slot") else d.turn
    last = history.pop()
    d.set("history", history)
    said = []
    for fact, old in last.items():
        q = question(fact)
        said.append(message("undone", label=q.label, value=q.shown(d.get(fact))))
        d.set(fact, old)
    d.say(" ".join(said))
    return _ask_next(d)


# 5. findings -----------------------------------------------------------------------


def _record(d: _Draft, reading: Reading, asked: str | None, in_form: bool) -> Turn:
    check = _danger_check(reading)
    if check is not None and not _danger_known(d):
        return _ask_check(d, check, reading.findings)
    if check is not None:  # the danger is known already: the check is not asked again
        reading = dataclasses.replace(
            reading, findings=tuple(f for f in reading.findings if f is not check)
        )
    lines: list[str] = []
    entry: dict[str, Any] = {}
    unsure: Finding | None = None
    later: list[Finding] = []
    problems: list[str] = []
    sure: list[Finding] = []
    for found in reading.findings:
        if not found.confident and _already(d, found):
            continue  # nothing to confirm: that answer is recorded already
        if not found.confident and unsure is None:
            unsure = found
        elif not found.confident:
            later.append(found)
        elif found.confident:
            sure.append(found)
    was_danger = d.get("immediate_danger") == "yes"
    for found in sure:
        try:
            entry.update(_apply(d, found, lines))
        except (ParseError, FactError) as error:
            problems.append(str(error))
    _remember(d, entry)
    if "immediate_danger" in entry and d.get("immediate_danger") == "unknown":
        lines.append(message("immediate_unknown", front_door=front_door_line(locality())))
    if d.get("immediate_danger") == "yes" and not was_danger:
        d.set("carry_on", False)
        _danger_advice(d)
        _say_lines(d, lines)
        return _ask_next(d)
    if unsure is not None:
        _say_lines(d, lines)
        if _reassuring(unsure):
            # A doubt is never read as reassurance: the practitioner picks the answer.
            d.say(message("read_unsure", said=_short(reading.text)))
            d.set("miss_count", MISSES_BEFORE_BUTTONS)
            return _ask_next(d, only=unsure.fact)
        later_queued = [
            {"fact": f.fact, "value": f.value, "evidence": f.evidence}
            for f in later
            if not _reassuring(f) and f.fact != unsure.fact
        ]
        # a confirmation still waiting from before comes back after this one, never dropped
        queued = {unsure.fact, *(q["fact"] for q in later_queued)}
        waiting = [q for q in d.queue if q["fact"] not in queued]
        d.queue = later_queued + waiting
        return _confirm(d, unsure, in_form)
    if len(sure) >= MANY_FINDINGS and entry:
        d.say("\n".join([message("understood"), *(f"- {line}" for line in _listed(d, entry))]))
        d.say(message("understood_check"), buttons=[{"title": "Yes", "payload": "yes"}])
        d.set("pending", {"kind": "opening"})
        d.turn.ask = next_fact(d.now) if in_form or not d.get("assessment_done") else None
        return d.turn
    if not entry and asked and problems:
        return _miss(d, reading, asked, problems[0])
    if not entry and sure and (reading.correction or all(f.fact != asked for f in sure)):
        # "asthma" typed again at another question: say it is kept, then ask again
        q = question(sure[0].fact)
        d.say(message("correction_same", label=q.label, value=q.shown(d.get(sure[0].fact))))
    elif not entry and not lines and in_form and asked:
        return _miss(d, reading, asked)  # nothing new and nothing for the question: say so
    _say_lines(d, lines)
    return _ask_next(d)


def _remember(d: _Draft, entry: Mapping[str, Any]) -> None:
    """Keep what one answer changed, so "undo" can put it back."""
    if entry:
        d.set("history", [*(d.get("history") or []), dict(entry)])
        d.set("miss_count", 0)


def _already(d: _Draft, found: Finding) -> bool:
    """Whether a finding's value is the answer recorded already."""
    try:
        return d.get(found.fact) == check_value(found.fact, found.value)
    except (ParseError, FactError):
        return False


def _apply(d: _Draft, found: Finding, lines: list[str]) -> dict[str, Any]:
    """Record one finding; return the slots it changed with their old values (for undo)."""
    fact = found.fact
    clean = check_value(fact, found.value)
    q = question(fact)
    old = d.get(fact)
    changing = d.get("changing") or {}
    if old is None and changing.get("fact") == fact:
        old = changing.get("old")
        d.set("changing", None)
    if old == clean:
        d.set(fact, clean)
        return {}
    entry = {fact: old}
    if old is None:
        lines.append(message("noted", said=q.said_back(clean)))
    else:
        lines.append(message("changed", label=q.label, old=q.shown(old), new=q.shown(clean)))
        change = {"fact": fact, "label": q.label, "from": q.shown(old), "to": q.shown(clean)}
        d.set("changes", [*(d.get("changes") or []), change])
    for other, value in implied_answers(fact, clean, d.now).items():
        entry.setdefault(other, d.get(other))
        d.set(other, value)
    d.set(fact, clean)
    _keep_evidence(d, fact, clean, found.evidence)
    return entry


def _keep_evidence(d: _Draft, fact: str, value: Any, words: str) -> None:
    evidence = dict(d.get("evidence") or {})
    phrase = " ".join(str(words or "").split())
    if _concerning(fact, value) and len(phrase.split()) >= 3:
        evidence[fact] = phrase[:MAX_EVIDENCE_CHARS]
    else:
        evidence.pop(fact, None)
    d.set("evidence", evidence)


def _concerning(fact: str, value: Any) -> bool:
    """Whether a value raises concern (the engine's concern order: above the least concerning)."""
    if not engine_knows(fact) or value in ("unknown", "not_applicable"):
        return fact == "immediate_danger" and value == "yes"
    from bot import load_policy

    spec = load_policy().facts.spec(fact)
    if spec.kind == "enum":
        return spec.concern_rank(value) > 0
    if spec.more_concerning == "lower":
        return isinstance(value, int | float) and value < 90
    return isinstance(value, int | float) and value > 0


def _reassuring(found: Finding) -> bool:
    try:
        value = check_value(found.fact, found.value)
    except (ParseError, FactError):
        return True
    return value != "unknown" and not _concerning(found.fact, value)


def _short(text: str, limit: int = 60) -> str:
    said = " ".join(str(text or "").split())
    return said if len(said) <= limit else said[: limit - 3] + "..."


def _confirm(d: _Draft, found: Finding, in_form: bool) -> Turn:
    q = question(found.fact)
    try:
        value = check_value(found.fact, found.value)
    except (ParseError, FactError):
        value = found.value
    d.set(
        "pending",
        {
            "kind": "confirm",
            "fact": found.fact,
            "value": value,
            "evidence": found.evidence,
            "queue": d.queue,
        },
    )
    buttons = [dict(b) for b in YES_NO]
    if unknown_allowed(found.fact):
        buttons.append(dict(DONT_KNOW))
    d.say(message("read_as", value=q.said_back(value)), buttons=buttons)
    # The open question is the one being confirmed (after the decision, none is reopened).
    d.turn.ask = found.fact if in_form or not d.get("assessment_done") else next_fact(d.now)
    return d.turn


def _listed(d: _Draft, entry: Mapping[str, Any]) -> list[str]:
    return [f"{question(f).label}: {question(f).shown(d.get(f))}" for f in entry]


def _say_lines(d: _Draft, lines: list[str]) -> None:
    if lines:
        d.say(" ".join(lines))


# the danger check ---------------------------------------------------------------


def _danger_check(reading: Reading) -> Finding | None:
    """The reading's danger check: words that may state an emergency now, read as an
    ``immediate_danger`` "yes" that is not confident (never the 999 reply by themselves)."""
    if not reading.extra.get("danger_check") or reading.danger_now:
        return None
    found = reading.finding("immediate_danger")
    if found is None or found.value != "yes" or found.confident:
        return None
    return found


def _danger_known(d: _Draft) -> bool:
    """Whether the danger is recorded already, or the emergency advice was given in this
    conversation (an immediate danger recorded, then changed): the check is not asked."""
    if d.get("immediate_danger") == "yes":
        return True
    if any(c.get("fact") == "immediate_danger" for c in d.get("changes") or []):
        return True
    return any(h.get("immediate_danger") == "yes" for h in d.get("history") or [])


def _queued(found: Finding) -> dict[str, Any]:
    return {"fact": found.fact, "value": found.value, "evidence": found.evidence}


def _ask_check(d: _Draft, check: Finding, findings: tuple[Finding, ...]) -> Turn:
    """Ask "is the child in danger right now?" before anything else the message said: what
    it said for sure is held until the answer, what it said unsure is confirmed after."""
    others = [f for f in findings if f is not check and f.fact != "immediate_danger"]
    then = [_queued(f) for f in others if f.confident]
    later = [_queued(f) for f in others if not f.confident and not _already(d, f)]
    d.queue = [*later, *d.queue]
    return _ask_check_again(
        d, {"fact": "immediate_danger", "value": "yes", "evidence": check.evidence, "then": then}
    )


def _ask_check_again(d: _Draft, item: Mapping[str, Any]) -> Turn:
    d.set(
        "pending",
        {
            "kind": "confirm",
            "check": True,
            "fact": "immediate_danger",
            "value": "yes",
            "evidence": str(item.get("evidence") or ""),
            "then": list(item.get("then") or []),
            "queue": d.queue,
        },
    )
    said = _short(str(item.get("evidence") or ""), MAX_EVIDENCE_CHARS)
    d.say(message("danger_check", said=said), buttons=[dict(b) for b in CHECK_YES_NO])
    d.turn.ask = (
        "immediate_danger" if d.get("requested_slot") or not d.get("assessment_done") else None
    )
    return d.turn


def _held(pending: Any) -> tuple[Finding, ...]:
    """The findings a danger check held until its answer."""
    if not isinstance(pending, Mapping) or not pending.get("check"):
        return ()
    return tuple(
        Finding(str(h["fact"]), h["value"], str(h.get("evidence") or ""))
        for h in pending.get("then") or []
    )


def _apply_held(d: _Draft, held: tuple[Finding, ...], lines: list[str]) -> None:
    entry: dict[str, Any] = {}
    for found in held:
        if found.fact == "immediate_danger":
            continue
        try:
            entry.update(_apply(d, found, lines))
        except (ParseError, FactError):
            continue  # a value the question cannot take: it is asked in its turn
    _remember(d, entry)


def _answer_check(d: _Draft, pending: Mapping[str, Any], danger: bool) -> Turn:
    """The answer to the danger check: "yes" is the emergency (999 advice, then its kind);
    "no" records what the message said and goes on where the assessment was."""
    lines: list[str] = []
    if danger:
        found = Finding("immediate_danger", "yes", str(pending.get("evidence") or ""))
        _remember(d, _apply(d, found, []))
        d.set("danger_kind", None)
        d.set("carry_on", False)
        _apply_held(d, _held(pending), lines)
        _danger_advice(d, found.evidence)  # the steps for the condition the message told
        _say_lines(d, lines)
        d.queue = []  # what else was unsure is asked in its turn
        return _ask_next(d)
    lines.append(message("danger_check_no"))
    if d.get("immediate_danger") is None:
        _remember(d, _apply(d, Finding("immediate_danger", "no", "no"), lines))
    _apply_held(d, _held(pending), lines)
    _say_lines(d, lines)
    return _ask_next(d)


# 6. nothing usable -----------------------------------------------------------------


def _miss(d: _Draft, reading: Reading, asked: str, problem: str | None = None) -> Turn:
    reason = problem or reading.problem or "I could not match that to one of the answers"
    if reason.startswith(f"{asked}:"):
        # The engine's words name the fact's id; say it in the question's terms.
        reason = "that is outside what this question can take"
    d.say(miss_message(asked, reading.text, ParseError(reason)))
    d.set("miss_count", int(d.get("miss_count") or 0) + 1)
    if d.queue and d.queue[0]["fact"] != asked and d.get(asked) is None:
        return _ask_next(d, only=asked)  # the question missed again; what waits, after it
    return _ask_next(d)


# asking and deciding -------------------------------------------------------------


def _ask_next(d: _Draft, only: str | None = None) -> Turn:
    """Ask the next question, or give the decision when every question is answered."""
    if only is None:
        while d.queue:
            queued = d.queue.pop(0)
            if queued.get("check"):
                if _danger_known(d):
                    d.queue[:0] = [_queued(f) for f in _held(queued)]
                    continue
                return _ask_check_again(d, queued)
            if d.get(str(queued["fact"])) is None:
                found = Finding(str(queued["fact"]), queued["value"], str(queued["evidence"]))
                return _confirm(d, found, in_form=True)
    elif d.queue:
        # confirmations still to come wait behind this question, never dropped
        d.set("pending", {"kind": "queue", "queue": d.queue})
    fact = only or next_fact(d.now)
    if fact is None:
        return _give_decision(d)
    d.say(**question_message(fact, int(d.get("miss_count") or 0)))
    d.turn.ask = fact
    return d.turn


def _decision(d: _Draft) -> tuple[dict[str, Any], dict[str, Any]]:
    facts = {k: v for k, v in facts_from_slots(d.now).items() if engine_knows(k)}
    payload = build_payload(
        facts, changes=list(d.get("changes") or []), evidence=dict(d.get("evidence") or {})
    )
    return facts, payload


def _said_back_this_turn(d: _Draft) -> list[str]:
    """The "Noted: ..." line just said this turn, taken out to lead the update in one line."""
    last = d.turn.messages[-1] if d.turn.messages else None
    if last is not None and set(last) == {"text"}:
        d.turn.messages.pop()
        return [str(last["text"])]
    return []


def _give_decision(d: _Draft) -> Turn:
    facts, payload = _decision(d)
    changes = d.get("changes") or []
    text = render_decision(payload["assessment"], facts, evidence=d.get("evidence") or {})
    update = None
    if _emergency_given(d.before):
        # an answer after the emergency decision: what it changed, not the whole text again
        before = _Draft(d.before)
        changing = d.before.get("changing") or {}
        if changing and d.before.get(str(changing.get("fact"))) is None:
            before.now[str(changing["fact"])] = changing.get("old")  # "change ...": as it was
        was = _decision(before)
        now = (payload["assessment"], facts)
        update = render_update((was[1]["assessment"], was[0]), now)
        if update is None:
            text = f"{render_decision_changed((was[1]['assessment'], was[0]), now)}\n\n{text}"
    if update is not None:
        said = _said_back_this_turn(d)
        d.say(" ".join([*said, update, message("danger_again")]), json_message=payload)
    else:
        d.say(text, json_message=payload)
    d.set("assessment_done", True)
    d.set("changing", None)
    if d.get("immediate_danger") == "yes" and not d.get("carry_on"):
        offer = message("carry_on_again" if update is not None else "carry_on_offer")
        d.say(offer, buttons=[dict(CARRY_ON)])
    d.turn.decided = True
    d.turn.ask = None
    if changes and not d.turn.slots.get("changes"):
        d.set("changes", changes)
    return d.turn
