"""The conversation's one call to ``bot.reading.read``, plus its own two commands.

``hear(text, asked, known)`` reads a message once with ``bot.reading.read`` and
returns that ``Reading``, with ``extra`` holding the conversation's own
commands when the message is one:

- ``extra["change"]``: a fact to ask again (``change attendance``, what the
  decision card's Change buttons send);
- ``extra["carry_on"]``: go on with the questions after an emergency
  ("carry on", "the child is safe now", "the ambulance has him, he's safe, carry on"):
  a clause at the start or the end of the message; never when it states danger now.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import Any

from bot.reading import Reading, read

_GO_ON = (
    r"(?:let 's |let's |lets |please |ok |okay |right |we can |you can )?"
    r"(?:carry on|continue|go on|keep going|resume)"
    r"(?: with (?:the |your )?questions)?(?: now| please)?"
)
_SAFE_NOW = (
    r"(?:the child|(?:she|he|they))(?:'s| is| are|'re) (?:safe|ok|okay|stable|with the paramedics)"
    r"(?: now)?"
)
_CARRY_ON = re.compile(
    rf"^\s*(?:(?:ok|okay|right|yes|yeah),?\s+)?(?:{_GO_ON}|{_SAFE_NOW})\s*(?:[,.;:!]|$)"
    rf"|(?:^|[,.;:!]|\band|\bso)\s*(?:{_GO_ON}|{_SAFE_NOW})[.!]?\s*$",
    re.IGNORECASE,
)
_CHANGE = re.compile(r"\s*(?:change|edit)\s+(?:the\s+|my\s+)?(.+?)\s*", re.IGNORECASE)


def hear(text: str, asked: str | None = None, known: Mapping[str, Any] | None = None) -> Reading:
    """Read one message once, and note the conversation's own commands.

    Args:
        text: the message as typed (or a button's payload).
        asked: the fact whose question is open, if any.
        known: the answers recorded so far.

    Returns:
        The reading; ``extra`` may hold ``"change"`` (a fact to ask again) or
        ``"carry_on"`` (go on with the questions after an emergency).
    """
    raw = str(text or "")
    reading = read(raw, asked=asked, known=dict(known or {}))
    extra: dict[str, Any] = dict(reading.extra)
    change = _change_command(raw)
    if change:
        extra["change"] = change
    if _CARRY_ON.search(raw) and not reading.danger_now:
        extra["carry_on"] = True
    return dataclasses.replace(reading, extra=extra)


def _change_command(text: str) -> str | None:
    """``change attendance`` (the card's Change button) names a fact to ask again."""
    from bot.conversation.correction import named_fact
    from bot.conversation.questions import load_questions

    match = _CHANGE.fullmatch(text)
    if not match:
        return None
    wanted = match.group(1).strip().lower()
    for fact, q in load_questions().items():
        if wanted in (fact, fact.replace("_", " "), q.label.lower()):
            return fact
    return named_fact(wanted)
