"""Counts and choices said as a share of a whole, or per part of a year.

- ``count_in_shares``: the plain answer to a count said as a share ("DNA'd 3 of the last 5",
  "attended 7/10", "offered 9 and missed two thirds of them", "half of them, there were 8"),
  per school term ("2 a term, every term"), as events listed one by one ("one last month, one
  in the summer hols, and the big one at easter"), as a none of the fact's own beside something
  else ("no admissions. plenty of GP visits though"), or not to be seen by the writer ("the
  system just shows 'multiple', I can't see a number").
- ``adherence_in_shares``: medicine collected "3 out of 12 months" (poor), or collected in full
  while the dose counter shows it hardly used (poor).

A value worked out here, not said, is recorded not confident (asked to confirm); a doubt is
never the reassuring value.
"""

from __future__ import annotations

import re
from typing import Any

from bot.reading.candidate import Candidate
from bot.reading.counts import anchor_regex
from bot.reading.resolve import UNKNOWN
from bot.reading.text import Joined, Token

_FRACTIONS = {
    "half": 1 / 2, "a half": 1 / 2, "2 thirds": 2 / 3, "a third": 1 / 3, "1 third": 1 / 3,
    "3 quarters": 3 / 4, "a quarter": 1 / 4, "1 quarter": 1 / 4, "most": None, "all": 1.0,
}  # fmt: skip
_FRACTION = r"(?:half|a half|2 thirds|a third|1 third|3 quarters|a quarter|1 quarter|all)"
_MISSED_WORDS = (
    r"(?:missed|missing|dna|dnas|dna 'd|dna would|dnaed|did not attend"
    r"|did not bring (?:her|him|them) to|was not brought to|were not brought to|not brought to"
    r"|no ?showed|no shows? (?:for|to)"
    r"|wnb|wnb 'd|was not taken to|not taken to|failed to attend|did not turn up (?:to|for))"
)
_WENT_WORDS = (
    r"(?:attended|attends|been to|went to|gone to|made it to|made|brought to|taken to|turned up"
    r" (?:to|for)|kept|got to)"
)
_OF_WHOLE = r"(?:out of|of|/) ?(?:the |his |her |their )?(?:last |past |previous |first |latest )?"
_MISSED_OF = re.compile(rf"\b{_MISSED_WORDS}(?: only| just)? (\d+) {_OF_WHOLE}(\d+)\b")
_WENT_OF = re.compile(
    rf"(?<!not )(?<!never )\b{_WENT_WORDS}(?: only| just)? (\d+) ?{_OF_WHOLE}(\d+)\b"
)
_SLASH = re.compile(r"^(\d+)/(\d+)$")
_OFFERED = re.compile(
    r"\b(?:offered|booked|sent|given|had|arranged|scheduled|there were|there have been"
    r"|there 's been|out of) (\d+)\b"
)
_SHARE_MISSED = re.compile(
    rf"\b(?:{_MISSED_WORDS} |(?<![\w])){_FRACTION} (?:of )?(?:them|those|these|the appointments"
    r"|her appointments|his appointments|the clinics|her clinics|his clinics)\b"
)
_PER_TERM = re.compile(
    r"(?<![\w.])(\d+|once|twice) (?:times )?(?:a|per|each|every) (half term|term)\b"
)
_WHEN = (
    r"(?:last (?:week|month|term|year|spring|summer|autumn|winter|night)|this (?:week|month|term"
    r"|year|morning)|yesterday|(?:just )?(?:before|after|around|over|during|in|at|back in|on)"
    r" (?:the )?(?:(?:summer|easter|christmas|october|february|may) )?(?:jan|feb|mar|apr|may|jun"
    r"|jul|aug|sep|oct|nov|dec|spring|summer|autumn|winter|easter|christmas|half term|holidays|hols"
    r"|new year|bonfire night|halloween|the weekend|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday)[a-z]*|when (?:she|he|they) (?:was|were|had))"
)
_ONE_EVENT = re.compile(
    r"(?:^|(?<=[,;] )|(?<=and )|(?<=then )|(?<=plus ))(?:the (?:big |bad |worst |last |first |"
    rf"other )?)?(?:1|one) {_WHEN}\b"
)
_CANNOT_SEE = re.compile(
    r"\b(?:can not|could not|do not|does not|cannot|unable to|not able to)"
    r" (?:see|find|tell|get|give you|access|view|check)"
    r"(?: (?:a|an|the|any|her|his|their|exact|actual|real|clinic|hospital|gp"
    r"|outpatient|outpatients))* (?:number|figure|count|total|appointments?|appts|clinic|clinics"
    r"|admissions?|attendances?|records?|system|that)\b"
)
_QUALIFIER = re.compile(r"\b(?:but|though|although|however|except|apart from|plenty|lots|loads)\b")


def count_in_shares(tokens: list[Token], asked: str) -> Candidate | None:
    """The plain answer to a count said as a share, per term or event by event, or ``None``."""
    joined = Joined(tokens, 0, len(tokens))
    text = joined.text
    whole = (0, len(tokens))
    if _CANNOT_SEE.search(text):  # "I can't see a number", "can't see clinic appointments"
        return Candidate(asked, UNKNOWN, "uncertain", False, *whole)
    if asked == "missed_appointments_12m":
        got = _missed_of_a_whole(text)
        if got is not None:  # the number missed said outright is as said; worked out, to confirm
            outright = _MISSED_OF.search(text) is not None
            return Candidate(asked, got, "affirmed", outright, *whole)
    per_term = _PER_TERM.search(text)
    if per_term:  # "2 a term, every term": three terms a year
        each = {"once": 1, "twice": 2}.get(per_term.group(1)) or int(per_term.group(1))
        terms = 6 if per_term.group(2) == "half term" else 3
        return Candidate(asked, each * terms, "affirmed", False, *whole)
    events = _events_one_by_one(tokens, text)
    if events is not None:
        return Candidate(asked, events, "affirmed", False, *whole)
    none_own = _none_of_its_own(text, asked)
    if none_own is not None:
        return none_own
    return None


def _missed_of_a_whole(text: str) -> int | None:
    """Missed said as a share of those booked: "DNA'd 3 of the last 5" (3), "attended 7/10" (3),
    "offered 9 and missed two thirds of them" (6), "half of them, there were 8" (4)."""
    missed = _MISSED_OF.search(text)
    if missed and int(missed.group(1)) <= int(missed.group(2)):
        return int(missed.group(1))
    went = _WENT_OF.search(text)
    if went and int(went.group(1)) <= int(went.group(2)):
        return int(went.group(2)) - int(went.group(1))
    for word in text.split():  # "attended 7/10": the slash typed in one word
        slash = _SLASH.match(word)
        if slash and re.search(rf"\b{_WENT_WORDS} (?:only |just )?{re.escape(word)}", text):
            went_to, booked = int(slash.group(1)), int(slash.group(2))
            if went_to <= booked:
                return booked - went_to
        missed_slash = slash and re.search(
            rf"\b{_MISSED_WORDS} (?:only |just )?{re.escape(word)}", text
        )
        if slash and missed_slash and int(slash.group(1)) <= int(slash.group(2)):
            return int(slash.group(1))
    share = _SHARE_MISSED.search(text)
    offered = [int(n) for n in _OFFERED.findall(text)]
    if share and len(offered) == 1 and not re.search(r"\b(?:not|never|none)\b", text):
        words = share.group(0).split()
        fraction = next(
            (f for name, f in sorted(_FRACTIONS.items(), key=lambda kv: -len(kv[0]))
             if f is not None and re.search(rf"\b{name}\b", share.group(0))),
            None,
        )  # fmt: skip
        if fraction is not None and words:
            return round(offered[0] * fraction)
    return None


def _events_one_by_one(tokens: list[Token], text: str) -> int | None:
    """Events told one by one, each "one" with its time ("one last month, one in the summer hols,
    and the big one at easter"): how many, when at least two and no other number is said."""
    ones = _ONE_EVENT.findall(text)
    if len(ones) < 2:
        return None
    others = [t for t in tokens if t.number is not None and t.norm not in ("1", "one")]
    if others or re.search(r"\b(?:not|never|no|none)\b", text):
        return None
    return len(ones)


def _none_of_its_own(text: str, asked: str) -> Candidate | None:
    """ "no admissions. plenty of GP visits though": a none of the fact's own things, and the
    "though" said of something that is not one of them: none, to confirm."""
    anchor = anchor_regex().get(asked)
    said = re.match(
        r"^(?:no|none|zero|nil|not any|not one)(?: [\w&]+)?? ((?:[\w&']+ ?){1,3}?) ?[.;!,]", text
    )
    if anchor is None or said is None or not anchor.search(said.group(0)):
        return None
    rest = text[said.end() :]
    if not rest.strip() or anchor.search(rest) or re.search(r"\d", rest):
        return None
    if not _QUALIFIER.search(rest):
        return None
    return Candidate(asked, 0, "affirmed", False, 0, 1)


# ---------------- medicine collected in shares ----------------

_COLLECTED_OF = re.compile(
    r"\b(?:collected|picked up|dispensed|issued|ordered|requested|filled|given|taken|had)"
    r"(?: only| just)? (\d+) ?(?:out of|of|/) ?(?:the )?(?:last |past )?(\d+)"
    r"(?= (?:months?|scripts?|prescriptions?|repeats?|times|doses|weeks|days|issues)\b|$| ?[,.;])"
)
_COLLECTED_SLASH = re.compile(
    r"\b(?:collected|picked up|dispensed|issued|ordered|requested|filled)(?: only| just)?"
    r" (\d+)/(\d+)(?= (?:months?|scripts?|prescriptions?|repeats?|times)\b)"
)
_COUNTER_LEFT = re.compile(
    r"\b(?:dose )?counter(?: [\w']+){0,6}? (?:reads|says|shows|showing|reading|on|at|is at|still"
    r" (?:on|at|reads|says|shows))(?: still)? (\d+)(?: (?:of|out of|/) (\d+))?(?: (?:doses? )?"
    r"(?:left|remaining|to go))?(?! (?:used|gone|taken|puffs used))"
)


def adherence_in_shares(candidates: list[Candidate], tokens: list[Token]) -> list[Candidate]:
    """Medicine collected a share of the months ("collected 3 out of 12 months": poor, to
    confirm), or collected while the dose counter shows most doses left (poor, to confirm)."""
    fact = "medication_adherence"
    text = Joined(tokens, 0, len(tokens)).text
    value = _share_collected(text)
    if value is None:
        return candidates
    mine = [c for c in candidates if c.fact == fact]
    if value == "good" and any(c.value == "poor" for c in mine):
        return candidates  # a share collected in full beside a sign of doses not taken
    start, end = (mine[0].start, mine[0].end) if mine else (0, len(tokens))
    kept = [c for c in candidates if c.fact != fact]
    return kept + [Candidate(fact, value, "affirmed", False, start, end)]


def _share_collected(text: str) -> Any:
    counter = _COUNTER_LEFT.search(text)
    if counter and counter.group(2):
        left, of = int(counter.group(1)), int(counter.group(2))
        if of and left <= of and left / of >= 0.8:
            return "poor"  # "counter reads 190 of 200 left": hardly used
    collected = _COLLECTED_OF.search(text) or _COLLECTED_SLASH.search(text)
    if collected is None:
        return None
    got, of = int(collected.group(1)), int(collected.group(2))
    if not of or got > of:
        return None
    if got / of < 0.75:
        return "poor"
    return "good" if got / of >= 0.9 else None
