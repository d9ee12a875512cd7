"""Second looks that let a long opening paragraph reach the facts it states.

Each is small and reads one way people put a fact inside a paragraph that the
sentence-by-sentence targets miss:

- ``attendance_then_higher``: the figure now, then what it used to be ("Attendance
  84%, it used to be 95"): falling when the old figure is higher.
- ``not_at_school_either``: a child not at school yet has neither an attendance
  figure nor a trend in it ("4yo, not at school yet").
- ``part_of_the_appointments``: "missed 2 of her 4 clinics" counts the 2 missed,
  not the 4 there were.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.reading.candidate import Candidate
from bot.reading.text import Joined, Token

_ABOUT = r"(?:about |around |roughly |nearly |over |well over |at )?"
_THEN_HIGHER = re.compile(
    r"\battendance\b(?:(?! (?:his|her|their) (?:brother|sister|twin|cousin)\b)[\w%&,' ]){0,40}?"
    r"(?<![\d.])(\d+(?:\.\d+)?) ?%?(?: this (?:year|term))? ?(?:,|-|but|and|;)? ?(?:but |and )?"
    r"(?:it |attendance |she |he |they )?(?:"
    rf"used to be {_ABOUT}(\d+(?:\.\d+)?)(?: ?%)?"
    rf"|(?:was|were|'s been|has been) {_ABOUT}(\d+(?:\.\d+)?) ?%?"
    r" (?:last year|last term|before|previously|at primary|in year \d+|a year ago)"
    rf"|(?:was|were) {_ABOUT}(\d+(?:\.\d+)?) ?%"
    r")(?= |$)"
)


def attendance_then_higher(
    candidates: list[Candidate], tokens: list[Token], spans: list[tuple[int, int]]
) -> list[Candidate]:
    """Attendance said now and as it was: declining when it was higher (to confirm when not)."""
    if any(c.fact == "attendance_declining" for c in candidates):
        return candidates
    for first, last in spans:
        joined = Joined(tokens, first, last)
        found = _THEN_HIGHER.search(joined.text)
        if found is None:
            continue
        now = float(found.group(1))
        then = float(next(g for g in found.groups()[1:] if g is not None))
        if not (0 < now <= 100 and 0 < then <= 100) or now == then:
            continue
        start, end = joined.token_span(found.start(), found.end())
        if then > now:
            return [
                *candidates,
                Candidate("attendance_declining", "yes", "affirmed", True, start, end),
            ]
        return [*candidates, Candidate("attendance_declining", "no", "affirmed", False, start, end)]
    return candidates


def not_at_school_either(candidates: list[Candidate]) -> list[Candidate]:
    """Not at school: no attendance and so no trend in it, whichever of the two was read."""
    said = {c.fact: c for c in candidates if c.value == "not_applicable"}
    facts = {c.fact for c in candidates}
    out = list(candidates)
    for have, lack in (
        ("school_attendance_pct", "attendance_declining"),
        ("attendance_declining", "school_attendance_pct"),
    ):
        if have in said and lack not in facts:
            got = said[have]
            out.append(
                Candidate(lack, "not_applicable", got.assertion, got.confident, got.start, got.end)
            )
    return out


_PART_OF = re.compile(
    r"\b(?:missed|missing|misses|dna 'd|dnad|dna|not brought to|not been brought to|did not attend|"
    r"was not brought to|wnb|not taken to|no show at|no shows at) (\d+) (?:out )?of "
    r"(?:her |his |their |the |them |its )?(?:last )?(\d+)\b"
)


def part_of_the_appointments(candidates: list[Candidate], tokens: list[Token]) -> list[Candidate]:
    """ "missed 2 of her 4 clinics": the 2 missed, not the 4 booked."""
    joined = Joined(tokens, 0, len(tokens))
    found = _PART_OF.search(joined.text)
    if found is None:
        return candidates
    part, whole = float(found.group(1)), float(found.group(2))
    if part > whole:
        return candidates
    return [
        replace(c, value=int(part))
        if c.fact == "missed_appointments_12m" and c.value == int(whole)
        else c
        for c in candidates
    ]
