"""Free text to a candidate fact value.

``parse_answer("child_age_years", "she's seven")`` gives ``7``;
``parse_answer("school_attendance_pct", "about 85%")`` gives ``85``;
``"don't know"``, ``"not sure"``, ``"no idea"``, ``"dunno"`` give ``"unknown"``.
The result is a candidate: ``bot.validate_fact`` still checks it against the
contract (an age of 40 parses, then fails validation). Text that cannot be read
raises ``ParseError`` with a short reason.
"""

from __future__ import annotations

import re
from typing import Any

from bot.conversation.questions import Question, common_phrases, question

UNKNOWN = "unknown"
NOT_APPLICABLE = "not_applicable"
MAX_ANSWER_CHARS = 300

_UNITS = {
    "zero": 0, "nil": 0, "nought": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SPECIAL = {
    "once": 1, "twice": 2, "thrice": 3, "couple": 2, "dozen": 12, "hundred": 100,
}  # fmt: skip
_ZERO_WORDS = ("none", "no", "nope", "never", "not once", "not any", "nothing", "zero", "nil")
_NOT_APPLICABLE_SCHOOL = (
    "not at school", "not in school", "not on roll", "not on a school roll",
    "not on the school roll", "not applicable", "n/a", "na", "home educated",
    "home schooled", "home-schooled", "home education", "ehe", "too young",
    "not school age", "not of school age", "pre-school", "preschool",
)  # fmt: skip
_NEGATED = re.compile(r"\b(?:not|rather than|instead of)\s+(?:\w+)")
_NUMBER_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[a-z]+")
_PRONOUN_START = re.compile(r"^(?:she|he|they|it|there)(?:'s|'re)?\b")
_NEGATION = re.compile(
    r"^(?:not|no|never|without|isn't|isnt|aren't|arent|wasn't|wasnt|doesn't|doesnt|"
    r"don't|dont|didn't|didnt|hasn't|hasnt|haven't|havent|nor)\b"
)
_SCHOOL_YEAR = re.compile(r"\b(?:year|yr|y)\s*\d{1,2}\b|\breception\b")
_PAST_INVOLVEMENT = re.compile(
    r"\b(?:ended|closed|stepped down|no longer|previously|used to be|in the past|"
    r"historic|historical|was on|were on|was open|was previously)\b"
)
_PER_PERIOD = {"a month": 12, "per month": 12, "every month": 12, "a week": 52, "per week": 52,
               "every week": 52}  # fmt: skip


class ParseError(ValueError):
    """The text could not be read as an answer to the question."""


def normalise(text: str) -> str:
    """Lower-case, straighten quotes and collapse spaces."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = text.lower().strip()
    text = re.sub(r"[!?;:\"()\[\]{}]", " ", text)
    return re.sub(r"\s+", " ", text).strip(" .,")


def _find(phrase: str, text: str) -> int:
    """Return where a phrase occurs as whole words in text, or -1."""
    match = re.search(rf"(?<![\w'/]){re.escape(phrase)}(?![\w'/])", text)
    return match.start() if match else -1


def _negated_at(text: str, where: int, phrase: str) -> bool:
    """Whether the two words before a phrase negate it ("not an emergency", "no danger now")."""
    if _NEGATION.match(phrase):
        return False
    clause = re.split(r"[,;]|\bbut\b|\band\b", text[:where])[-1]
    before = clause.split()[-2:]
    return any(_NEGATION.fullmatch(word) for word in before)


def _choice(q: Question, text: str) -> str:
    specific: list[tuple[int, int, str]] = []
    generic: list[tuple[int, int, str]] = []
    for value, phrases in q.answers.items():
        for phrase in phrases:
            is_generic = phrase.startswith("@yes:") or phrase.startswith("@no:")
            bare = phrase.split(":", 1)[1] if phrase.startswith("@") else phrase
            if is_generic and _PRONOUN_START.match(bare) and text != bare:
                # "she's", "there is", "he doesn't" mean yes or no only on their own:
                # inside a sentence ("she's 12 and has epilepsy") they mean nothing.
                continue
            where = _find(bare, text)
            if where >= 0 and not _negated_at(text, where, bare):
                (generic if is_generic else specific).append((where, -len(bare), value))
    found = sorted(specific) or sorted(generic)
    if not found:
        raise ParseError("I could not match that to one of the answers")
    return found[0][2]


def _is_unknown(text: str) -> bool:
    return any(_find(phrase, text) >= 0 for phrase in common_phrases()["unknown"])


def _word_numbers(tokens: list[str]) -> list[float]:
    """Read numbers written in words ("eighty five", "twenty-one", "a dozen")."""
    values: list[float] = []
    current: float | None = None
    for token in tokens:
        if token in _TENS:
            if current is not None:
                values.append(current)
            current = float(_TENS[token])
        elif token in _UNITS and token not in ("a", "an"):
            unit = _UNITS[token]
            if current is not None and current % 100 >= 20 and current % 10 == 0 and unit < 10:
                current += unit
            else:
                if current is not None:
                    values.append(current)
                current = float(unit)
        elif token == "hundred":
            current = 100.0 * (current or 1)
        elif token in _SPECIAL and token != "hundred":
            if current is not None:
                values.append(current)
                current = None
            values.append(float(_SPECIAL[token]))
        elif token == "and" and current is not None and current >= 100:
            continue
        else:
            if current is not None:
                values.append(current)
            current = None
    if current is not None:
        values.append(current)
    return values


def numbers_in(text: str) -> list[float]:
    """Return the numbers in text, in digits or words, in order of appearance."""
    text = text.replace("-", " ")
    values: list[float] = []
    words: list[str] = []
    for token in _NUMBER_TOKEN.findall(text):
        if token[0].isdigit():
            values.extend(_word_numbers(words))
            words = []
            if re.fullmatch(r"\d{1,3}(?:,\d{3})+", token):
                values.append(float(token.replace(",", "")))
            else:
                values.append(float(token.replace(",", ".")))
        else:
            words.append(token)
    values.extend(_word_numbers(words))
    return values


def _qualified(text: str, value: float) -> float:
    """Apply "more than" / "over" / "less than" to a number (the safer reading)."""
    if re.search(r"\b(?:more than|over|above|greater than|in excess of)\s+\S+", text) or re.search(
        r"\d\s*\+", text
    ):
        return value + 1
    if re.search(r"\b(?:less than|fewer than|under|below)\s+\S+", text):
        return value - 1
    return value


def _strip_negated(text: str) -> str:
    """Drop "not two" / "rather than 85" so a correction reads its new value."""
    return _NEGATED.sub(" ", text)


def _count(text: str) -> float | str:
    if "%" in text or re.search(r"\b(?:percent|per cent)\b", text):
        raise ParseError("that looks like a percentage, and this question needs a number of times")
    if re.search(r"\b(?:not once|not any|not a single)\b", text):
        return 0
    numbers = numbers_in(_strip_negated(text))
    if numbers:
        per = next((n for period, n in _PER_PERIOD.items() if _find(period, text) >= 0), 1)
        return _qualified(text, max(numbers)) * per
    if _is_unknown(text):
        return UNKNOWN
    if any(_find(word, text) >= 0 for word in _ZERO_WORDS):
        return 0
    if any(_find(word, text) >= 0 for word in ("several", "a few", "few", "lots", "many")):
        raise ParseError("I need a number rather than a word like 'several'")
    raise ParseError("I could not find a number in that")


def _age(text: str) -> float | str:
    if _SCHOOL_YEAR.search(text) and not re.search(r"\b(?:years?|yrs?) old\b|\baged?\b", text):
        text = _SCHOOL_YEAR.sub(" ", text)
        if not numbers_in(text):
            raise ParseError(
                "that looks like a school year group, and this question needs the age in years"
            )
    if re.search(r"\b(?:newborn|new born|new baby|baby|infant)\b", text) and not numbers_in(text):
        return 0
    numbers = numbers_in(_strip_negated(text))
    if not numbers:
        if _is_unknown(text):
            return UNKNOWN
        raise ParseError("I could not find an age in that")
    value = numbers[0]
    if re.search(r"\b(?:weeks?|days?)\b", text) and not re.search(r"\byears?\b", text):
        return 0
    if re.search(r"\bmonths?\b", text) and not re.search(r"\byears?\b", text):
        return int(value // 12)
    return int(value)


def _percent(text: str) -> float | str:
    if any(_find(phrase, text) >= 0 for phrase in _NOT_APPLICABLE_SCHOOL):
        return NOT_APPLICABLE
    stripped = _strip_negated(text)
    out_of = re.search(
        r"(\d+(?:\.\d+)?)\s*(?:[a-z]+\s+)?(?:out of|/|in)\s*(\d+(?:\.\d+)?)", stripped
    )
    if out_of and "%" not in stripped and float(out_of.group(2)) > 0:
        return round(100 * float(out_of.group(1)) / float(out_of.group(2)), 1)
    if re.search(r"\bhalf\b", stripped) and not numbers_in(stripped):
        return 50
    numbers = numbers_in(stripped)
    if numbers:
        value = _qualified(text, min(numbers))
        return int(value) if float(value).is_integer() else value
    if _is_unknown(text):
        return UNKNOWN
    raise ParseError("I could not find a percentage in that")


def parse_answer(fact: str, raw: Any) -> Any:
    """Read a practitioner's answer to the question for ``fact``.

    Args:
        fact: the fact being asked (contract section 1).
        raw: the answer: free text, or a value already in the contract's form.

    Returns:
        A candidate value for ``bot.validate_fact`` (a word of the contract, a
        number, ``"unknown"`` or ``"not_applicable"``).

    Raises:
        ParseError: the text is empty, too long, or cannot be read.
    """
    if isinstance(raw, bool):
        raise ParseError("I could not read that")
    if isinstance(raw, int | float):
        return raw
    if raw is None or not str(raw).strip():
        raise ParseError("the answer was empty")
    if len(str(raw)) > MAX_ANSWER_CHARS:
        raise ParseError(f"that is longer than I can use (over {MAX_ANSWER_CHARS} characters)")
    q = question(fact)
    text = normalise(str(raw))
    if text.replace(" ", "_") in q.answers or text in (UNKNOWN, NOT_APPLICABLE):
        return text.replace(" ", "_")
    if q.kind == "choice":
        if fact == "existing_involvement" and _PAST_INVOLVEMENT.search(text):
            raise ParseError(
                "that sounds like involvement in the past, and this question is about what "
                "is open now"
            )
        return _choice(q, text)
    if q.kind == "age":
        return _age(text)
    if q.kind == "count":
        value = _count(text)
        return int(value) if isinstance(value, float) and value.is_integer() else value
    if q.kind == "percent":
        return _percent(text)
    raise ParseError(f"no reader for questions of kind {q.kind!r}")
