"""Corrections in words: "actually attendance is 60%", "the age is 4".

``parse_correction`` finds which fact a sentence names (the ``names`` of each
question in questions.yml) and reads the new value from the same sentence,
dropping what is negated ("three admissions, not two" gives 3).
"""

from __future__ import annotations

import re
from typing import Any

from bot.conversation.flow import check_answer
from bot.conversation.parsing import ParseError, normalise, numbers_in
from bot.conversation.questions import load_questions

_ABOUT_THE_CHILD = re.compile(r"\b(?:she|he|they|the child|child)(?:'s|'re| is| are)\b")
_LEAD_INS = re.compile(
    r"^(?:actually|sorry|correction|oops|no wait|wait|i meant|i mean|my mistake|"
    r"can you change|change|update|please change|please update)\b[\s,:-]*"
)


def _candidates(text: str) -> list[str]:
    """Facts named in text: longest name first, then earliest."""
    found: list[tuple[int, int, str]] = []
    for fact, q in load_questions().items():
        for name in q.names:
            match = re.search(rf"(?<![\w']){re.escape(name)}(?![\w'])", text)
            if match:
                found.append((-len(name), match.start(), fact))
    seen: list[str] = []
    for _, _, fact in sorted(found):
        if fact not in seen:
            seen.append(fact)
    return seen


def correction_candidates(raw: str) -> list[str]:
    """Facts a correction may be about, most likely first (an age for "she is 9")."""
    text = _LEAD_INS.sub("", normalise(raw or ""))
    candidates = _candidates(text)
    if _ABOUT_THE_CHILD.search(text) and numbers_in(text) and "child_age_years" not in candidates:
        candidates.append("child_age_years")
    return candidates


def parse_correction(raw: str) -> tuple[str, Any] | None:
    """Return ``(fact, clean value)`` for a correction, or ``None`` if unclear.

    Args:
        raw: the practitioner's message.

    "She is 7" / "he's nine" name no fact but give an age, so they correct the age.

    Returns:
        The first named fact whose new value can be read from the message and
        passes ``bot.validate_fact``; ``None`` when no fact is named or no
        value fits.
    """
    from bot import FactError

    text = _LEAD_INS.sub("", normalise(raw or ""))
    for fact in correction_candidates(raw):
        try:
            return fact, check_answer(fact, text)
        except (ParseError, FactError):
            continue
    return None


def named_fact(raw: str) -> str | None:
    """Return the fact a message names, even when its value cannot be read."""
    facts = _candidates(normalise(raw or ""))
    return facts[0] if facts else None
