"""Replace identifiers in a practitioner's message with placeholders, before anything keeps it.

Plain Python (no Rasa): every channel calls :func:`redact` on the text at its
edge, so Rasa's NLU, the tracker store, the logs and the audit trail only ever
see the placeholders::

    >>> redact("Jayden, NHS 943 476 5919, born 3/4/2019", today=date(2026, 12, 1)).text
    '[name], NHS [NHS number], born [date of birth: age 7]'

What is found: NHS numbers (10 digits in any spacing, valid check digit, via
``nhs-number``), email addresses, phone numbers (``phonenumbers``, and UK
shapes it does not know), UK postcodes, dates (a date of birth is replaced by
the age it gives), street addresses, and names where the wording shows one
("called Jayden", "named…", "mum Sarah", "Mr Jones", "the Smith family").
The word lists are data (``words.yml``); numbers that answer questions
("85%", "14 inhalers", "age 7", "year 3") are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import nhs_number
import phonenumbers
import yaml

HERE = Path(__file__).resolve().parent

PLACEHOLDERS = {
    "nhs_number": "[NHS number]",
    "email": "[email]",
    "phone": "[phone number]",
    "postcode": "[postcode]",
    "date": "[date]",
    "date_of_birth": "[date of birth]",
    "address": "[address]",
    "name": "[name]",
}
"""The placeholder each kind of identifier is replaced with."""

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}


@dataclass(frozen=True)
class Redaction:
    """The text with identifiers replaced, and which kinds were removed (in order found)."""

    text: str
    removed: tuple[str, ...] = field(default=())

    @property
    def changed(self) -> bool:
        """Whether anything was removed."""
        return bool(self.removed)


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    """The word lists of ``words.yml``, loaded once."""
    data = yaml.safe_load((HERE / "words.yml").read_text(encoding="utf-8"))
    return {key: [str(w).lower() for w in value] for key, value in data.items()}


def _alternation(items: Iterable[str]) -> str:
    return _cached_alternation(tuple(sorted(items)))


@lru_cache(maxsize=64)
def _cached_alternation(items: tuple[str, ...]) -> str:
    return "|".join(re.escape(i) for i in sorted(items, key=len, reverse=True))


# ---- numbers and addresses ------------------------------------------------------

EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
TEN_DIGITS = re.compile(r"(?<![\d+])\d(?:[ \t.-]*\d){9}(?![\d])")
UK_PHONE = re.compile(r"(?<![\w+])(?:\+44[ \t]*(?:\(0\))?[ \t]*|0)\d(?:[ \t-]*\d){8,9}(?!\d)")
POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?[ \t]*\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE
)


def _nhs_numbers(text: str) -> str:
    def swap(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group())
        return PLACEHOLDERS["nhs_number"] if nhs_number.is_valid(digits) else match.group()

    return TEN_DIGITS.sub(swap, text)


def _phones(text: str) -> str:
    spans = [
        (m.start, m.end)
        for m in phonenumbers.PhoneNumberMatcher(
            text, "GB", leniency=phonenumbers.Leniency.POSSIBLE
        )
        if len(re.sub(r"\D", "", m.raw_string)) >= 10
    ]
    for start, end in reversed(spans):
        text = text[:start] + PLACEHOLDERS["phone"] + text[end:]
    return UK_PHONE.sub(PLACEHOLDERS["phone"], text)


def _street_pattern() -> re.Pattern[str]:
    w = words()
    street = _alternation(w["street_words"])
    return re.compile(
        r"(?:\b(?:flat|apartment|apt|unit)\s*\d+[a-z]?\s*,?\s*)?"
        r"\b\d{1,4}[a-z]?\s*,?\s+((?:[A-Za-z][A-Za-z'-]*\s+){1,3})(?:" + street + r")\b\.?",
        re.IGNORECASE,
    )


def _addresses(text: str) -> str:
    never = set(words()["not_street_words"])

    def swap(match: re.Match[str]) -> str:
        name_words = match.group(1).lower().split()
        if any(word in never for word in name_words):
            return match.group()
        return PLACEHOLDERS["address"]

    return _street_pattern().sub(swap, text)


# ---- dates -----------------------------------------------------------------------

_MONTH_NAMES = _alternation(MONTHS)
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d{2}|\d{2})"
DATE_FORMS = [
    re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)\b"),
    re.compile(r"\b(?P<d>[0-3]?\d)(?P<s>[/-])(?P<m>[01]?\d)(?P=s)" + _YEAR + r"\b"),
    re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d{2})\b"),
    re.compile(
        r"\b" + _DAY + r"(?:\s+of)?\s+(?P<mn>" + _MONTH_NAMES + r")\.?,?\s+" + _YEAR + r"\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?P<mn>" + _MONTH_NAMES + r")\.?\s+" + _DAY + r",?\s+" + _YEAR + r"\b",
        re.IGNORECASE,
    ),
]


def _as_date(match: re.Match[str]) -> date | None:
    parts = match.groupdict()
    month = int(parts["m"]) if parts.get("m") else MONTHS.get(str(parts["mn"]).lower().rstrip("."))
    year = int(parts["y"])
    if year < 100:
        year += 2000 if year <= date.today().year % 100 else 1900
    try:
        return date(year, int(month or 0), int(parts["d"]))
    except ValueError:
        return None


def age_on(born: date, today: date) -> int:
    """Whole years between ``born`` and ``today``."""
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _dates(text: str, today: date) -> tuple[str, list[str]]:
    kinds: list[str] = []
    birth = re.compile(
        r"(?:" + _alternation(words()["birth_words"]) + r")\W{0,3}(?:on\s+|is\s+|was\s+|:\s*)?$",
        re.IGNORECASE,
    )

    def swap(match: re.Match[str]) -> str:
        when = _as_date(match)
        if when is None:
            return match.group()
        if birth.search(match.string[max(0, match.start() - 25) : match.start()]):
            kinds.append("date_of_birth")
            age = age_on(when, today)
            return f"[date of birth: age {age}]" if 0 <= age <= 120 else "[date of birth]"
        kinds.append("date")
        return PLACEHOLDERS["date"]

    for form in DATE_FORMS:
        text = form.sub(swap, text)
    return text, kinds


# ---- names -----------------------------------------------------------------------

_NAME_WORD = r"[A-Za-z][A-Za-z'’-]*"


def _is_name_word(word: str, need_capital: bool) -> bool:
    bare = word.strip("'’-").lower()
    if not bare or bare in words()["not_names"] or bare in words()["relations"]:
        return False
    return word[0].isupper() or not need_capital


def _take_names(words_after: list[str], need_capital: bool) -> list[str]:
    taken: list[str] = []
    for word in words_after[: 3 if need_capital else 2]:
        clean = re.sub(r"['’]s$", "", word)
        if not _is_name_word(clean, need_capital):
            break
        taken.append(clean)
        if clean != word:  # "Sarah's" ends the name
            break
    return taken


def _find_names(text: str) -> set[str]:
    w = words()
    found: set[str] = set()
    tokens = list(re.finditer(_NAME_WORD, text))
    lowered = [t.group().lower() for t in tokens]
    relations, titles = set(w["relations"]), set(w["titles"])
    called_after = set(w["called_after"])
    for i, token in enumerate(tokens):
        word = lowered[i]
        after = [t.group() for t in tokens[i + 1 : i + 4]]
        gap_ok = i + 1 < len(tokens) and re.fullmatch(
            r"[\s,:(\-–]*", text[token.end() : tokens[i + 1].start()]
        )
        if not gap_ok:
            continue
        if word in titles:
            found.update(_take_names(after, need_capital=True))
        elif word in relations:
            if after and after[0].lower() in ("is", "was", "called", "named"):
                after = after[1:]
            found.update(_take_names(after, need_capital=True)[:2])
        elif word in ("named", "name's", "name’s") or (
            word == "is" and lowered[i - 1 : i] == ["name"]
        ):
            found.update(_take_names(after, need_capital=False))
        elif word == "called":
            lenient = i > 0 and lowered[i - 1] in called_after
            found.update(_take_names(after, need_capital=not lenient))
        elif i and (lowered[i - 1], word) in (("known", "as"), ("goes", "by")):
            found.update(_take_names(after, need_capital=False))
    for i, token in enumerate(tokens[:-1]):
        if lowered[i + 1] in w["family_words"] and _is_name_word(token.group(), need_capital=True):
            found.add(token.group())
    possessive = r"\b((?:[A-Z][a-z'’-]+\s+){0,2}[A-Z][a-z'’-]+)['’]s\s+(?:"
    for match in re.finditer(possessive + _alternation(relations) + r")\b", text):
        found.update(w for w in match.group(1).split() if _is_name_word(w, need_capital=True))
    return {name for name in found if len(name) > 1}


def _names(text: str) -> tuple[str, bool]:
    names = _find_names(text)
    if not names:
        return text, False
    pattern = re.compile(r"\b(?:" + _alternation(names) + r")\b(?:\s+\[name\])*", re.IGNORECASE)
    out = pattern.sub(PLACEHOLDERS["name"], text)
    out = re.sub(r"\[name\](?:\s+\[name\])+", PLACEHOLDERS["name"], out)
    return out, True


# ---- the whole message ----------------------------------------------------------


def redact(text: str, today: date | None = None) -> Redaction:
    """Return ``text`` with every identifier found replaced by a placeholder.

    Args:
        text: what the practitioner typed.
        today: the date ages are worked out on (tests pass one); today when ``None``.

    Returns:
        The redacted text and the kinds removed (``"name"``, ``"nhs_number"``, ...).
    """
    today = today or date.today()
    removed: list[str] = []

    def step(kind: str, change: Callable[[str], str]) -> None:
        nonlocal text
        new = change(text)
        if new != text:
            removed.append(kind)
        text = new

    step("email", lambda t: EMAIL.sub(PLACEHOLDERS["email"], t))
    step("nhs_number", _nhs_numbers)
    text, date_kinds = _dates(text, today)
    removed += list(dict.fromkeys(date_kinds))
    step("phone", _phones)
    step("postcode", lambda t: POSTCODE.sub(PLACEHOLDERS["postcode"], t))
    step("address", _addresses)
    text, had_names = _names(text)
    if had_names:
        removed.append("name")
    return Redaction(text, tuple(dict.fromkeys(removed)))


def describe(removed: Iterable[str]) -> str:
    """Say in words what was removed: "a name, an NHS number and a postcode"."""
    kinds = notice_words()["kinds"]
    said = [str(kinds.get(kind, kind)) for kind in removed]
    if len(said) <= 1:
        return "".join(said)
    return ", ".join(said[:-1]) + " and " + said[-1]


@lru_cache(maxsize=1)
def notice_words() -> dict[str, Any]:
    """The wording of ``notice.yml``."""
    return dict(yaml.safe_load((HERE / "notice.yml").read_text(encoding="utf-8")))


def notice(removed: Iterable[str]) -> str:
    """The line that tells the practitioner what was removed and why."""
    kinds = list(removed)
    wording = notice_words()
    text = " ".join(str(wording["notice"]).split()).format(removed=describe(kinds))
    if "date_of_birth" in kinds:
        text += " " + " ".join(str(wording["age_note"]).split())
    return text
