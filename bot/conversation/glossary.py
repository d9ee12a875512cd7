"""Terms a practitioner may ask about, answered from glossary.yml."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from bot.conversation.parsing import normalise

GLOSSARY_FILE = Path(__file__).with_name("glossary.yml")


@lru_cache(maxsize=1)
def load_glossary() -> dict[str, tuple[tuple[str, ...], str]]:
    """Return every term id with its names and its definition."""
    data = yaml.safe_load(GLOSSARY_FILE.read_text(encoding="utf-8"))
    return {
        term: (tuple(str(n) for n in spec["names"]), " ".join(spec["text"].split()))
        for term, spec in data["terms"].items()
    }


def find_term(raw: str) -> tuple[str, str] | None:
    """Return ``(term id, definition)`` for the term a message asks about, or ``None``.

    The longest name found in the message wins ("child protection plan" over
    "child in need" over "in need").
    """
    text = normalise(raw or "")
    best: tuple[int, str] | None = None
    for term, (names, _) in load_glossary().items():
        for name in names:
            if re.search(rf"(?<![\w']){re.escape(name)}(?![\w'])", text) and (
                best is None or len(name) > best[0]
            ):
                best = (len(name), term)
    if best is None:
        return None
    return best[1], load_glossary()[best[1]][1]


def term_list() -> str:
    """Return the terms the assistant can explain, as one line."""
    return ", ".join(names[0] for names, _ in load_glossary().values())
