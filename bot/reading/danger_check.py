"""The danger check: a wider net behind the danger screen (danger_check.yml).

The danger screen (danger_screen.py) raises the 999 reply only on words it knows
for sure. Behind it, ``check_danger`` finds words of an acute emergency or a
threat said of now that it does not know ("his lips have gone a funny grey",
"dad is outside with a bat"): the reading then offers ``immediate_danger`` as
"yes" NOT confident, so the conversation asks the practitioner before anything
else, and never gives the 999 reply on these words alone. Past, hypothetical,
negated, habitual and feared words are set aside by the danger screen's own
logic (the ConText cues of cues.yml, danger.yml's habits, memories, later,
past and settled); a training, a plan, a fear or the future said in the same
sentence by ``not_now`` of danger_check.yml.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.reading.candidate import CLAUSE, evidence_words
from bot.reading.danger_screen import (
    danger_form,
    list_as_one,
    settled_rules,
    stated_phrases,
    told_as_past_from,
)
from bot.reading.rules import ReadingDataError, keywords, phrase_regex
from bot.reading.text import Joined, Token, sentences

DATA = Path(__file__).with_name("danger_check.yml")
STILL = re.compile(r"\b(?:still|keeps|keep|again|getting worse|not stopping|will not stop)\b")
LEADING = re.compile(r"^(?:(?:and|but|so|then|also|plus|oh)\b[\s,]*)+", re.IGNORECASE)
MAX_WORDS = 300
CLAUSE_BREAKS = CLAUSE | {"but", "-", "though", "although"}
AND_STARTS = frozenset({"he", "she", "they", "it", "now", "his", "her", "their", "we", "i"})
PAST_REACH = 3  # words before the words found where a past_before word puts them in the past


def check_danger(text: str, tokens: list[Token], spans: list[tuple[int, int]]) -> str | None:
    """The words of the message that may state an emergency now, or ``None``.

    Meant for a message the danger screen found no danger in: the words are
    to be asked about, never taken as danger for sure. A fault in the check
    (a pattern added to danger_check.yml that does not compile) is logged and
    checks nothing: the rest of the reading, the danger screen first, goes on.
    """
    try:
        return _check(text, tokens, spans)
    except Exception:  # the wider net never stops the reading; the fault is logged
        logging.getLogger(__name__).exception("danger check failed")
        return None


def _check(text: str, tokens: list[Token], spans: list[tuple[int, int]]) -> str | None:
    tokens = [Token(_form(danger_form(t.norm)), t.start, t.end, t.number) for t in tokens]
    tokens, spans = list_as_one(text, tokens, spans)
    tokens, spans = _without_hedges(text, tokens, spans)
    if not tokens:
        return None
    settled_to = _settled_to(tokens, spans)
    past_from = told_as_past_from(Joined(tokens, 0, len(tokens)))
    said: list[str] = []
    for sentence in spans:
        joined = Joined(tokens, *sentence)
        if _not_now(joined.text, "frame_not_now"):
            continue  # "we watched a video where a kid stops breathing"
        found = stated_phrases(joined, sentence, _rules("alone"))
        if any(regex.search(joined.text) for regex in _patterns("now_words")):
            found += stated_phrases(joined, sentence, _rules("with_now"))
        for start, end, _ in sorted(found):
            if end <= past_from:
                continue  # "... that was back in March": an earlier day's story
            if start < settled_to and not _still(tokens, start, end, sentence):
                continue  # "he went grey, but the paramedics are with him and he's ok now"
            if _told_before(tokens, max(sentence[0], start - PAST_REACH), end):
                continue  # "her lips were so blue", "after an overdose"
            if _not_now(_clause(tokens, start, end, sentence), "not_now"):
                continue  # "the plan says 999 if she's blue"
            phrase = _words(text, tokens, start, end, sentence)
            if phrase and phrase not in said:
                said.append(phrase)
    if not said and settled_to < 0:
        said = _said_recently(text, tokens, past_from)
    return "; ".join(said)[:MAX_WORDS] if said else None


def _settled_to(tokens: list[Token], spans: list[tuple[int, int]]) -> int:
    """Where the last words saying the child is safe, settled or with help now end
    (danger.yml ``settled``: "she's ok now", "paramedics are with him"), or -1. Words of an
    emergency before them are over; words after them, or still going ("the paramedics are
    here, his lips are still grey"), are asked about: a message that says both is unsure."""
    ends = [
        end
        for sentence in spans
        for _, end, _ in stated_phrases(Joined(tokens, *sentence), sentence, settled_rules())
    ]
    return max(ends, default=-1)


def _still(tokens: list[Token], start: int, end: int, sentence: tuple[int, int]) -> bool:
    """Whether the clause of the words found says they go on ("still", "keeps")."""
    return bool(STILL.search(_clause(tokens, start, end, sentence)))


def _form(norm: str) -> str:
    """A word typed fast read as meant (``forms``: "chocking" is "choking"; "bleedin" is
    "bleeding" when the words of danger_check.yml have "bleeding")."""
    forms = _data().get("forms") or {}
    norm = str(forms.get(norm, norm))
    if norm.endswith("in") and norm + "g" in _ing_words():
        return norm + "g"
    return norm


@lru_cache(maxsize=1)
def _ing_words() -> frozenset[str]:
    """The words ending in -ing that the words of danger_check.yml use."""
    found: set[str] = set()
    for key in ("alone", "with_now"):
        for entry in _data().get(key) or []:
            found.update(re.findall(r"[a-z]{3,}ing\b", str(entry.get("pattern", ""))))
    return frozenset(found)


def _without_hedges(
    text: str, tokens: list[Token], spans: list[tuple[int, int]]
) -> tuple[list[Token], list[tuple[int, int]]]:
    """The words without the modal of a hedge said of now ("she might be choking" read as
    "she be choking", ``hedged_now``): the check asks, a hedge is no reason to set aside."""
    whole = Joined(tokens, 0, len(tokens))
    drop = {
        i
        for regex in _patterns("hedged_now")
        for found in regex.finditer(whole.text)
        for i in range(*whole.token_span(*found.span()))
    }
    if not drop:
        return tokens, spans
    kept = [t for i, t in enumerate(tokens) if i not in drop]
    return kept, sentences(kept, text)


def _said_recently(text: str, tokens: list[Token], past_from: int) -> list[str]:
    """The words of an emergency said with a recent time ("took a load of tablets 20 minutes
    ago"): read again without the time (``recent``), which the past cues would take as past."""
    whole = Joined(tokens, 0, len(tokens))
    times = [
        whole.token_span(*found.span())
        for regex in _patterns("recent")
        for found in regex.finditer(whole.text)
    ]
    if not times:
        return []
    kept = [t for i, t in enumerate(tokens) if not any(a <= i < b for a, b in times)]
    said: list[str] = []
    for sentence in sentences(kept, text):
        joined = Joined(kept, *sentence)
        if _not_now(joined.text, "frame_not_now"):
            continue
        for start, end, _ in sorted(stated_phrases(joined, sentence, _rules("lasting"))):
            if past_from >= 0 or _told_before(kept, max(sentence[0], start - PAST_REACH), end):
                continue
            if _not_now(_clause(kept, start, end, sentence), "not_now"):
                continue
            phrase = _words(text, kept, start, end, sentence)
            if phrase and phrase not in said:
                said.append(phrase)
    return said


def _words(text: str, tokens: list[Token], start: int, end: int, sentence: tuple[int, int]) -> str:
    """The typed words to quote back: their clause, without the "and" or "but" it begins with."""
    return LEADING.sub("", evidence_words(text, tokens, start, end, sentence))


def _told_before(tokens: list[Token], start: int, end: int) -> bool:
    """Whether the words found, with the few before them, say them of the past or of
    someone's story (``past_before``: "were", "after", "last")."""
    said = Joined(tokens, start, end).text
    return any(regex.search(said) for regex in _patterns("past_before"))


def _clause(tokens: list[Token], start: int, end: int, sentence: tuple[int, int]) -> str:
    """The clause the words found are in (between commas, "but", dashes), as read."""

    def breaks(i: int) -> bool:  # "and" begins a clause when a subject follows it
        norm = tokens[i].norm
        after = tokens[i + 1].norm if i + 1 < sentence[1] else ""
        return norm in CLAUSE_BREAKS or (norm == "and" and after in AND_STARTS)

    first, last = start, end
    while first > sentence[0] and not breaks(first - 1):
        first -= 1
    while last < sentence[1] and not breaks(last):
        last += 1
    return Joined(tokens, first, last).text


def _not_now(said: str, key: str) -> bool:
    """Whether a sentence is about a training or a film (``frame_not_now``), or a clause about
    a plan, a condition, a habit, a fear or the future (``not_now``), with no word of now
    beside it (``not_now_unless``)."""
    if not any(regex.search(said) for regex in _patterns(key)):
        return False
    return not any(regex.search(said) for regex in _patterns("not_now_unless"))


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ReadingDataError("danger_check.yml: not a mapping")
    return data


@lru_cache(maxsize=8)
def _patterns(key: str) -> tuple[Any, ...]:
    """The phrases under ``key`` of danger_check.yml, as whole-word regular expressions."""
    return tuple(
        phrase_regex(entry, f"danger_check.yml {key} {number}")
        for number, entry in enumerate(_data().get(key) or [], 1)
    )


@lru_cache(maxsize=4)
def _rules(key: str) -> list[dict[str, Any]]:
    """The words under ``key`` (``alone`` or ``with_now``; ``lasting``: the words of ``alone``
    marked ``lasting``) as the danger screen reads rules."""
    entries = _data().get("alone" if key == "lasting" else key) or []
    return [
        {"regex": regex, "kind": "unknown", "needs": keywords(regex)}
        for regex, entry in zip(
            _patterns("alone" if key == "lasting" else key), entries, strict=True
        )
        if key != "lasting" or entry.get("lasting")
    ]
