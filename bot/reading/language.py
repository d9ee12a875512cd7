"""Whether a message is in English, and the words the reading knows.

``is_not_english`` and ``english_words`` let ``read_message`` ask for English
instead of guessing; ``known_words`` (every word of the reading's YAML and the
common English words) keeps a known word from being read as a child's name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.reading.text import Token

_FOREIGN = frozenset(
    {
        "bu",
        "da",
        "das",
        "det",
        "dziecko",
        "een",
        "el",
        "ella",
        "elle",
        "es",
        "est",
        "gibt",
        "hat",
        "het",
        "hij",
        "ich",
        "ikke",
        "il",
        "ist",
        "ja",
        "je",
        "jego",
        "jej",
        "jest",
        "kind",
        "mam",
        "muy",
        "nao",
        "ne",
        "nein",
        "nicht",
        "nie",
        "niet",
        "niña",
        "niño",
        "non",
        "nu",
        "não",
        "och",
        "og",
        "ona",
        "oui",
        "pas",
        "pero",
        "porque",
        "sei",
        "si",
        "sim",
        "suis",
        "tak",
        "tengo",
        "und",
        "une",
        "weiss",
        "wiem",
        "yo",
        "zij",
        "é",
    }
)
_ENGLISH = frozenset(
    {"the", "a", "is", "are", "she", "he", "they", "and", "not", "of", "to", "in", "it", "has",
     "have", "with", "at", "no", "yes", "i", "my", "her", "his", "mum", "dad", "school"}
)  # fmt: skip


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Every word of the reading's own data (a word it knows is not read as a name)."""
    from pathlib import Path

    here = Path(__file__).parent
    found: set[str] = set(_ENGLISH)
    for name in (
        "lexicon.yml",
        "cues.yml",
        "facts.yml",
        "danger.yml",
        "asides.yml",
        "spelling.yml",
    ):
        found.update(re.findall(r"[a-z]+", (here / name).read_text(encoding="utf-8").lower()))
    return frozenset(found)


def english_words(tokens: list[Token]) -> int:
    """How many words of a message are common English words (not counting yes and no)."""
    return sum(1 for t in tokens if t.norm in _ENGLISH and t.norm not in ("no", "yes"))


def is_not_english(text: str, tokens: list[Token]) -> bool:
    """Whether a message is written in another language (letters or common foreign words)."""
    letters = [ch for ch in text if ch.isalpha()]
    if letters and sum(1 for ch in letters if not ch.isascii()) >= max(1, len(letters) // 10):
        return True
    norms = [t.norm for t in tokens if t.norm.isalpha()]
    foreign = sum(1 for w in norms if w in _FOREIGN)
    english = sum(1 for w in norms if w in _ENGLISH)
    return foreign >= 1 and foreign > english
