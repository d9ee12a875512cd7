"""One reading of a practitioner's message: what it says, and how it is said.

Plain Python (never imports Rasa). Every message the assistant receives — an
answer, an opening paragraph, a correction, an aside — is read once, here::

    from bot.reading import read

    reading = read("I doubt it's given at home", asked="medication_adherence")
    reading.findings[0].fact        # "medication_adherence"
    reading.findings[0].value       # "poor"
    reading.findings[0].assertion   # "hedged"
    reading.findings[0].evidence    # "I doubt it's given at home"

The conversation applies the findings; it never reads the text again.

This module is the interface; the reading itself is in small modules beside
it, its cues and words data a safeguarding lead can read and extend:
``cues.yml`` (how a thing is said: negation, hedges, past, hypothetical,
another person, as ConText rules), ``lexicon.yml`` (what is said, per fact),
``facts.yml`` (what a hedge or a negation makes of each fact), ``danger.yml``,
``danger_check.yml`` (the wider net behind danger.yml: words to ASK about, never
alarm on), ``asides.yml``, ``spelling.yml``. ``python -m bot.reading "text" --asked FACT``
prints a reading.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Assertion = Literal[
    "affirmed", "negated", "hedged", "uncertain", "past", "other_person", "hypothetical"
]
Aside = Literal[
    "help",
    "why",
    "explain_term",
    "stop",
    "start_again",
    "undo",
    "summary",
    "what_would_change",
    "emergency_question",
    "forget",
    "greet",
    "thank",
    "goodbye",
    "pause",
]


@dataclass(frozen=True)
class Finding:
    """One fact the message states.

    Attributes:
        fact: a fact of the assessment contract (section 1).
        value: its value in the contract's form (``"unknown"`` allowed).
        evidence: the words of the message this rests on (a substring, as typed).
        assertion: how it was said.
        confident: ``False`` when the reading is not clear enough to record
            without asking "I read that as: ... — is that right?".
    """

    fact: str
    value: Any
    evidence: str
    assertion: Assertion = "affirmed"
    confident: bool = True


@dataclass(frozen=True)
class Reading:
    """Everything one message says.

    Attributes:
        text: the message as received (after identifiers were removed).
        danger_now: the words that state a present danger ("he can't breathe"),
            or ``None``. Past and hypothetical events never set it.
        findings: the facts it states, the asked one first.
        aside: a request that is not an answer (help, why, undo, ...), or ``None``.
        term: for ``aside == "explain_term"``, the glossary term asked about.
        correction: whether the message changes an earlier answer
            ("actually she's 8", "sorry, it's only suspected").
        affirm: ``True`` for a plain yes, ``False`` for a plain no, else ``None``
            (used to answer the assistant's own confirmations).
        not_english: the message seems to be in another language.
        problem: why nothing could be read for the asked fact (shown to the user), or ``None``.
    """

    text: str
    danger_now: str | None = None
    findings: tuple[Finding, ...] = ()
    aside: Aside | None = None
    term: str | None = None
    correction: bool = False
    affirm: bool | None = None
    not_english: bool = False
    problem: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def finding(self, fact: str) -> Finding | None:
        """Return the finding for one fact, or ``None``."""
        return next((f for f in self.findings if f.fact == fact), None)


def read(
    text: str,
    asked: str | None = None,
    known: Mapping[str, Any] | None = None,
    today: datetime.date | None = None,
) -> Reading:
    """Read one message.

    Args:
        text: the message as typed (or a button's payload).
        asked: the fact whose question is open, if any: short answers ("yes",
            "seven", "no idea") are read as answers to it.
        known: the answers recorded so far (a finding that changes one is a correction).
        today: the date an age is worked out from a date of birth (default: today).

    Returns:
        The message's reading. Never raises for any text.
    """
    from bot.reading.reader import read_message

    try:
        return read_message(text, asked, known, today)
    except Exception:  # a reading never stops the conversation; the fault is logged
        logging.getLogger(__name__).exception("reading failed")
        return Reading(text=str(text or ""), problem="I could not read that")
