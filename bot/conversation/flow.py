"""Which questions apply, what an answer implies, and how a question is put.

Plain Python over a mapping of slot values, so the Rasa actions stay thin and
the rules of asking are tested without Rasa:

- ``immediate_danger`` is asked first; ``yes`` ends the questions.
- reliever inhalers are asked only for asthma.
- a child under 5 is not asked about school: both attendance facts are set to
  ``not_applicable``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.conversation.parsing import NOT_APPLICABLE, UNKNOWN, ParseError, parse_answer
from bot.conversation.questions import fact_order, question

SCHOOL_FACTS = ("school_attendance_pct", "attendance_declining")
SCHOOL_AGE = 5
MISSES_BEFORE_BUTTONS = 2
SKIP_BUTTON = {"title": "Skip (don't know)", "payload": "don't know"}
REQUIRED_FACTS = ("reporter_role", "condition")
_EMERGENCY = re.compile(r"\b(?:999|112|ambulance|emergency services)\b", re.IGNORECASE)


def required_facts(slots: Mapping[str, Any]) -> list[str]:
    """Return the facts to ask, in order, given the answers so far.

    Immediate danger stops the questions after ``danger_kind`` (asked only
    then), unless the practitioner chose to carry on when the child is safe
    (slot ``carry_on``).
    """
    facts = fact_order()
    if slots.get("immediate_danger") != "yes":
        facts.remove("danger_kind")
    elif not slots.get("carry_on"):
        return ["immediate_danger", "danger_kind"]
    if slots.get("condition") not in (None, "asthma"):
        facts.remove("reliever_prescriptions_12m")
    return facts


def next_fact(slots: Mapping[str, Any]) -> str | None:
    """Return the next fact to ask, or ``None`` when the questions are done."""
    return next((f for f in required_facts(slots) if slots.get(f) is None), None)


def missing_facts(slots: Mapping[str, Any]) -> list[str]:
    """Return every fact that applies and has no answer yet."""
    return [f for f in required_facts(slots) if slots.get(f) is None]


def implied_answers(fact: str, value: Any, slots: Mapping[str, Any]) -> dict[str, Any]:
    """Return other slots an answer settles (or unsettles).

    An age under 5 sets both school facts to ``not_applicable``; an age of 5 or
    more clears them again if they were ``not_applicable`` because of an earlier
    age under 5.
    """
    if fact != "child_age_years" or not isinstance(value, int | float):
        return {}
    if value < SCHOOL_AGE:
        # Only questions not yet answered: an attendance figure already given
        # (a 4-year-old in reception) is kept, never silently dropped.
        return {name: NOT_APPLICABLE for name in SCHOOL_FACTS if slots.get(name) is None}
    old_age = slots.get("child_age_years")
    if isinstance(old_age, int | float) and old_age < SCHOOL_AGE:
        return {name: None for name in SCHOOL_FACTS if slots.get(name) == NOT_APPLICABLE}
    return {}


def check_answer(fact: str, raw: Any) -> Any:
    """Parse and validate one answer; raise ``ParseError`` or ``bot.FactError``."""
    return check_value(fact, parse_answer(fact, raw))


def check_value(fact: str, value: Any) -> Any:
    """Validate one value with the engine (or, for a fact it does not know yet, the question)."""
    from bot import validate_fact

    if not engine_knows(fact):
        q = question(fact)
        if value == UNKNOWN or value in q.answers:
            return value
        raise ParseError(f"I could not match that to one of the answers ({q.accepts})")
    return validate_fact(fact, value)


def engine_knows(fact: str) -> bool:
    """Whether the engine's policy has this fact (``danger_kind`` arrives with policy 2)."""
    from bot import FactError, load_policy

    try:
        load_policy().facts.spec(fact)
    except FactError:
        return False
    return True


def unknown_allowed(fact: str) -> bool:
    """Whether a fact may take ``"unknown"`` (not reporter_role or condition)."""
    return fact not in REQUIRED_FACTS


def question_message(fact: str, misses: int = 0) -> dict[str, Any]:
    """Return the message that asks for a fact: text and buttons.

    After ``MISSES_BEFORE_BUTTONS`` answers that could not be used, every
    button is offered, with "skip (don't know)" where the fact allows it.
    """
    q = question(fact)
    buttons = [dict(b) for b in q.buttons]
    text = q.text
    if misses >= MISSES_BEFORE_BUTTONS:
        buttons += [dict(b) for b in q.more_buttons if b not in q.buttons]
        if unknown_allowed(fact):
            buttons = [b for b in buttons if b["payload"] != "don't know"] + [dict(SKIP_BUTTON)]
            text += " You can tap an answer, or skip this question if you don't know."
        else:
            text += " Please tap the answer that fits best."
    return {"text": text, "buttons": buttons}


def miss_message(fact: str, raw: Any, error: Exception) -> str:
    """Return what to say when an answer cannot be used: what was wrong, what is accepted."""
    q = question(fact)
    said = " ".join(str(raw or "").split())
    if len(said) > 40:
        said = said[:37] + "..."
    if isinstance(error, ParseError):
        reason = str(error)
    elif not unknown_allowed(fact):
        reason = 'this question needs an answer; choose "other" if none fits'
    else:
        try:
            candidate = parse_answer(fact, raw)
        except ParseError:
            candidate = said
        reason = f"I read that as {candidate}, which is outside what this question can take"
    if not said:
        return f"I didn't get an answer. This question takes {q.accepts}"
    english_only = " I can only read answers in English." if looks_non_english(said) else ""
    return f'I couldn\'t use "{said}": {reason}.{english_only} This question takes {q.accepts}'


_FOREIGN_WORDS = frozenset(
    {"oui", "non", "je", "suis", "nie", "tak", "wiem", "ja", "nein", "ich", "weiss", "sei", "nu"}
)


def looks_non_english(text: str) -> bool:
    """Whether an answer seems to be in another language (accented letters, common words)."""
    if any(ch.isalpha() and not ch.isascii() for ch in text):
        return True
    return any(word in _FOREIGN_WORDS for word in re.findall(r"[a-z]+", text.lower()))


def mentions_emergency(raw: Any) -> bool:
    """Whether a message asks about 999 or an emergency ("call 999?", "ambulance?")."""
    return bool(_EMERGENCY.search(str(raw or "")))


def is_unknown(value: Any) -> bool:
    """Whether a value is the contract's ``"unknown"``."""
    return value == UNKNOWN
