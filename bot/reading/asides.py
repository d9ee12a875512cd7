"""Asides: what a message says besides the facts (asides.yml, glossary.yml).

``aside`` finds a question put back, a pause or a request to explain a term
(the glossary's terms, ``glossary``); ``asks_back`` tells a question put back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from bot.reading import Aside
from bot.reading.rules import (
    aside_rules,
    mend_all,
)
from bot.reading.text import Token

_QUESTION_WORDS = {"would", "could", "can", "do", "does", "did", "is", "are", "was", "were",
                   "should", "what", "how", "why", "who", "when", "where", "which", "will",
                   "have", "has", "shall", "am"}  # fmt: skip


def find_aside(
    joined_text: str, glossary: Mapping[str, re.Pattern[str]]
) -> tuple[Aside | None, str | None]:
    """The aside a message makes (asides.yml), and the glossary term it asks about."""
    bare = re.sub(r"[^\w' &%]+", " ", joined_text).strip()
    bare = (
        re.sub(
            r"\s+",
            " ",
            re.sub(r"\b(?:please|pls|thanks|thank you|sorry|ok|okay|um|erm)\b", " ", bare),
        ).strip()
        or bare
    )
    term = next((key for key, regex in glossary.items() if regex.search(joined_text)), None)
    for aside, regex, whole in aside_rules():
        if whole:
            if regex.fullmatch(bare) or regex.fullmatch(joined_text.strip(" ?.!")):
                return aside, None
            continue
        if regex.search(joined_text):
            if aside == "explain_term":
                if term is not None and len(bare.split()) <= 12:
                    return aside, term
                continue
            return aside, None
    if term and re.fullmatch(r"[\w' &%]+\s*\?", joined_text.strip()) and len(bare.split()) <= 5:
        return "explain_term", term
    return None, None


@lru_cache(maxsize=1)
def glossary_terms() -> dict[str, re.Pattern[str]]:
    """The glossary's terms (glossary.yml), each a regex of its names; {} if unreadable."""
    from pathlib import Path

    import yaml

    path = Path(__file__).parents[1] / "conversation" / "glossary.yml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out = {}
        for key, entry in data["terms"].items():
            names = sorted(
                (" ".join(mend_all(str(n))) for n in entry["names"]), key=len, reverse=True
            )
            body = "|".join(re.escape(n) for n in names)
            out[key] = re.compile(rf"(?<![\w'])(?:{body})(?![\w'])")
        return out
    except (OSError, KeyError, TypeError):
        return {}


def asks_back(text: str, tokens: list[Token]) -> bool:
    """Whether the message is a question put back to the assistant ("is that the brown one?",
    "what counts as immediate? like today")."""
    if not tokens:
        return False
    first = tokens[0].norm
    return (text.rstrip().endswith("?") and first in _QUESTION_WORDS) or (
        first in ("what", "whats", "how", "which", "define") and "?" in text
    )
