"""Numbers in a message: counts, percentages, ages, dates of birth.

Works on tokens (bot.reading.text), where "eighty five" is already 85.
"more than 12" reads 13 and "under 90%" reads 89 (the safer side of a bound),
"at least 2" and "not below 90" the number itself;
a range reads its more concerning end ("2 or 3 admissions" -> 3, "80-85%" -> 80).
"""

from __future__ import annotations

import datetime as dt
import re

from bot.reading.text import Token

_WORDS = {
    "once": 1.0, "twice": 2.0, "thrice": 3.0, "couple": 2.0, "handful": 5.0, "both": 2.0,
    "second": 2.0, "third": 3.0, "fourth": 4.0, "fifth": 5.0, "sixth": 6.0, "seventh": 7.0,
    "eighth": 8.0, "ninth": 9.0, "tenth": 10.0,
}  # fmt: skip
_MORE = ("more than", "over", "above", "greater than", "in excess of", "upwards of")
_LESS = ("less than", "fewer than", "under", "below", "not even", "barely")
_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip
_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def bound(tokens: list[Token], index: int) -> int:
    """+1 after "more than"/"over", -1 after "less than"/"under", else 0."""
    before = " ".join(t.norm for t in tokens[max(0, index - 3) : index])
    after = tokens[index + 1].norm if index + 1 < len(tokens) else ""
    if any(before.endswith(f"not {w}") for w in (*_MORE, *_LESS) if not w.startswith("not")):
        return 0  # "not below 90" is 90 or more; "at least 2" is 2
    if after == "+" or any(before.endswith(w) for w in _MORE):
        return 1
    if any(before.endswith(w) for w in _LESS):
        return -1
    return 0


def number_at(tokens: list[Token], index: int) -> float | None:
    """The number a token stands for ("twice" = 2, "once" = 1), or ``None``."""
    tok = tokens[index]
    if tok.number is not None:
        return tok.number
    return _WORDS.get(tok.norm)


def age_from_birth(day: int, month: int, year: int, today: dt.date) -> tuple[int, dt.date] | None:
    """Age in whole years on ``today`` for a date of birth, or ``None`` if it is not a date."""
    if year < 100:
        year += 2000 if year <= today.year % 100 else 1900
    try:
        born = dt.date(year, month, day)
    except ValueError:
        return None
    if born > today:
        return None
    years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return years, born


def date_of_birth(text: str, today: dt.date) -> tuple[int, int, int, bool] | None:
    """Find a date of birth in typed text: (age, start, end, exact).

    Reads "DOB 03/04/2017", "born 3rd April 2017", "born in March 2018",
    "born 2016" (UK day/month order). ``exact`` is False when the day (or
    the month) is missing and the age may be a year out.
    """
    lower = text.lower()
    anchor = re.search(
        r"\b(?:dob|d\.o\.b\.?|date of birth|born(?: on| in)?|birthday)\b[:\s]*", lower
    )
    if anchor is None:
        return None
    rest = lower[anchor.end() : anchor.end() + 40]
    base = anchor.end()
    later = re.match(r"[a-z ,]{0,30}?(?=\d{1,2}[/.-]\d{1,2}[/.-]\d{4})", rest)
    if later:  # "DOB from an old form, 03/04/2011"
        rest, base = rest[later.end() :], base + later.end()
    iso = _ISO.match(rest)
    if iso:
        got = age_from_birth(int(iso.group(3)), int(iso.group(2)), int(iso.group(1)), today)
        return (got[0], anchor.start(), base + iso.end(), True) if got else None
    numeric = _DATE.match(rest)
    if numeric:
        got = age_from_birth(
            int(numeric.group(1)), int(numeric.group(2)), int(numeric.group(3)), today
        )
        return (got[0], anchor.start(), base + numeric.end(), True) if got else None
    words = re.match(
        r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?)?([a-z]+)\.?,?\s+(\d{4})|(\d{4})", rest
    )
    if not words:
        return None
    if words.group(4):
        year = int(words.group(4))
        got = age_from_birth(1, 1, year, today)
        if not got:
            return None
        return (
            max(got[0] - 1, 0) if (today.month, today.day) != (12, 31) else got[0],
            anchor.start(),
            base + words.end(),
            False,
        )
    month = _MONTHS.get(words.group(2))
    if month is None:
        return None
    day = int(words.group(1)) if words.group(1) else 1
    got = age_from_birth(day, month, int(words.group(3)), today)
    if not got:
        return None
    exact = bool(words.group(1))
    if not exact and today.month == month:
        return None if got[0] < 0 else (got[0], anchor.start(), base + words.end(), False)
    return got[0], anchor.start(), base + words.end(), exact
