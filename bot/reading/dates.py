"""Dates and months said: days listed, months ago, a plan from an earlier stage.

Used by the plain answer (answer.py) and by ``read_message`` to set aside a
plan dated long ago or made at an earlier school stage.
"""

from __future__ import annotations

import datetime as dt
import re

from bot.reading.candidate import Candidate
from bot.reading.text import Token

_MONTH_NUMBERS = {"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
                  "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
                  "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
                  "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12}  # fmt: skip


def months_dated(tokens: list[Token], today: dt.date) -> dict[int, int]:
    """Years said after a month ("in August 2025"): token index to how many months ago."""
    out: dict[int, int] = {}
    for i in range(1, len(tokens)):
        year = tokens[i].number
        month = _MONTH_NUMBERS.get(tokens[i - 1].norm)
        if year is None or month is None or not 1990 <= year <= today.year:
            continue
        ago = (today.year - int(year)) * 12 + today.month - month
        if ago >= 0:
            out[i] = ago
    return out


_NUMERIC_DATE = re.compile(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})(?![\d/.])")
_DAY_DATE = re.compile(r"(?<![\d/.:])(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?![\d/.:])")


def days_listed(text: str, today: dt.date) -> list[dt.date]:
    """The days a message lists ("14/01, 02/03", "ED 03/01/26"), none after today; a day
    with no year is its last one up to today."""
    out = []
    for day, month, year in _DAY_DATE.findall(text):
        if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
            continue
        full = int(year) + (2000 if len(year) == 2 else 0) if year else today.year
        try:
            when = dt.date(full, int(month), int(day))
            if not year and when > today:
                when = when.replace(year=full - 1)
        except ValueError:
            continue
        if when <= today:
            out.append(when)
    return out


def months_ago_said(text: str, tokens: list[Token], today: dt.date) -> list[int]:
    """How many months ago each dated month was ("Nov 2025", "03/02/26"), none in the future."""
    ago = list(months_dated(tokens, today).values())
    for day, month, year in _NUMERIC_DATE.findall(text):
        full = int(year) + (2000 if len(year) == 2 else 0)
        if 1 <= int(month) <= 12 and 1 <= int(day) <= 31 and 1990 <= full <= today.year:
            months = (today.year - full) * 12 + today.month - int(month)
            if months >= 0:
                ago.append(months)
    return ago


_STAGES = {
    "nursery": -1,
    "preschool": -1,
    "pre school": -1,
    "reception": 0,
    "infants": 2,
    "infant school": 2,
    "primary": 6,
    "primary school": 6,
    "juniors": 6,
    "junior school": 6,
}
_PLAN_STAGE = re.compile(
    r"\b(?:from|since|in|at|back in|done in|written in|when (?:he|she|they) (?:was|were) (?:in|at))"
    r" (?:the )?(nursery|pre ?school|reception|infants|infant school|primary(?: school)?|juniors"
    r"|junior school|(?:year|yr) (\d{1,2}))\b"
)
_STAGE_NOW = re.compile(
    r"\b(?:(?:he|she|they) (?:'s|is|are) (?:now )?(?:in|at) |now (?:in )?|in )(?:year|yr) (\d{1,2})"
    r"(?: now)?\b|\b(?:he|she|they) (?:'s|is|are) (?:now )?(?:at|in) (?:the )?(?:secondary|high"
    r" school|college|sixth form)\b"
    r"|\b(?:to us |here |for us )?at (?:the |her |his )?(?:secondary|high school|big school)\b"
)


def plan_from_an_earlier_school_stage(text: str, age: int | None = None) -> str | None:
    """``out_of_date`` when a plan is said to be from a school stage the child has since left
    ("one from reception, she's in year 5 now", "when he was at primary, he's in year 8"). With
    no stage said for now, the child's ``age`` tells it, when two school years or more have
    passed since ("from reception" for a child of 7)."""
    then = _PLAN_STAGE.search(text)
    now = _STAGE_NOW.search(text[then.end() :]) if then else None
    if then and not now and age is not None and not then.group(2):
        was = _STAGES.get(then.group(1).replace("pre school", "preschool"), 0)
        return "out_of_date" if was < 6 and age - 5 > was + 1 else None
    if not then or not now:
        return None
    stage = then.group(1)
    was = (
        int(then.group(2))
        if then.group(2)
        else _STAGES.get(stage.replace("pre school", "preschool"), 0)
    )
    is_now = int(now.group(1)) if now.group(1) else 7
    return "out_of_date" if is_now > was else None


def plan_dated_long_ago(
    cand: Candidate, text: str, tokens: list[Token], today: dt.date
) -> Candidate:
    """A plan read as current whose every date is a year or more ago ("last reviewed
    Nov 2025" at the end of 2026) is out of date, to confirm."""
    if cand.fact != "management_plan" or cand.value != "current":
        return cand
    ago = months_ago_said(text, tokens, today)
    if not ago or min(ago) < 12:
        return cand
    return Candidate(cand.fact, "out_of_date", "affirmed", False, cand.start, cand.end)
