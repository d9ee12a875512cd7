"""What each step of the reading proposes, and the typed words it rests on.

A ``Candidate`` is one value read for one fact, with the token span it was read
from and how it was said; ``read_message`` (reader.py) turns the ones it keeps
into findings, with ``evidence_words`` as their evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.reading.text import Token

EVIDENCE_CHARS = 140
CLAUSE = {",", ";", ".", "!", "?", "\n"}


@dataclass
class Candidate:
    """One value read for one fact: its token span, how it was said, and whether sure."""

    fact: str
    value: Any
    assertion: str
    confident: bool
    start: int
    end: int
    from_answer: bool = False
    own_words: bool = False  # evidence is its own words only (a name said before an age is not)


def evidence_words(
    text: str, tokens: list[Token], start: int, end: int, sentence: tuple[int, int]
) -> str:
    """The typed words a finding rests on: its clause, or its own words if that is long."""
    first, last = start, end
    while first > sentence[0] and tokens[first - 1].norm not in CLAUSE:
        first -= 1
    while last < sentence[1] and tokens[last].norm not in CLAUSE:
        last += 1
    phrase = text[tokens[first].start : tokens[last - 1].end].strip()
    if len(phrase) > EVIDENCE_CHARS:
        phrase = text[tokens[start].start : tokens[end - 1].end].strip()
    return phrase
