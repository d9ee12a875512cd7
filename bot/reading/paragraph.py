"""Second looks that let a long opening paragraph reach the facts it states.

Each is small and reads one way people put a fact inside a paragraph that the
sentence-by-sentence targets miss:

- ``attendance_then_higher``: the figure now, then what it used to be ("Attendance
  84%, it used to be 95"): falling when the old figure is higher.
- ``not_at_school_either``: a child not at school yet has neither an attendance
  figure nor a trend in it ("4yo, not at school yet").
- ``part_of_the_appointments``: "missed 2 of her 4 clinics" counts the 2 missed,
  not the 4 there were.
- ``topic_answered``: a fact named, then its answer straight after, as a note or with
  a pronoun ("Care plan - out of date", "the physio, it's patchy"): topics.yml.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import yaml

from bot.reading.candidate import Candidate
from bot.reading.text import Joined, Token

_ABOUT = r"(?:about |around |roughly |nearly |over |well over |at )?"
_THEN_HIGHER = re.compile(
    r"\battendance\b(?:(?! (?:his|her|their) (?:brother|sister|twin|cousin)\b)[\w%&,' ]){0,40}?"
    r"(?<![\d.])(\d+(?:\.\d+)?) ?%?(?: this (?:year|term))? ?(?:,|-|but|and|;)? ?(?:but |and )?"
    r"(?:it |attendance |she |he |they )?(?:"
    rf"used to be {_ABOUT}(\d+(?:\.\d+)?)(?: ?%)?"
    rf"|(?:was|were|'s been|has been) {_ABOUT}(\d+(?:\.\d+)?) ?%?"
    r" (?:last year|last term|before|previously|at primary|in year \d+|a year ago)"
    rf"|(?:was|were) {_ABOUT}(\d+(?:\.\d+)?) ?%"
    rf"|(?:down|dropped|fallen|fell|gone down|slipped|dipped) from {_ABOUT}(\d+(?:\.\d+)?)(?: ?%)?"
    r")(?= |$)"
)
_FROM_TO = re.compile(  # "attendance has gone from 97 to 81"
    r"\battendance\b(?:(?! (?:his|her|their) (?:brother|sister|twin|cousin)\b)[\w%&,' ]){0,30}?"
    r" (?:has |'s |have )?"
    r"(?:gone|dropped|fallen|fell|gone down|went|slipped|dipped|come down|moved)"
    r" from (?:about |around )?(\d+(?:\.\d+)?) ?%? to (?:about |around |just )?(\d+(?:\.\d+)?)"
)


_IT_WAS = re.compile(  # "Attendance 85%. ... It was 97% last year."
    r"^(?:and |but |whereas )?(?:"
    rf"(?:it|that|this) (?:was|used to be|were) {_ABOUT}(\d+(?:\.\d+)?) ?%"
    rf"|(?:her |his |their )?attendance (?:was|used to be|were) {_ABOUT}(\d+(?:\.\d+)?) ?%?"
    r")(?: (?:last|the|a|before|previously|at|in)\b)"
)


def attendance_then_higher(
    candidates: list[Candidate], tokens: list[Token], spans: list[tuple[int, int]]
) -> list[Candidate]:
    """Attendance said now and as it was: declining when it was higher (to confirm when not)."""
    if any(c.fact == "attendance_declining" for c in candidates):
        return candidates
    for first, last in spans:
        joined = Joined(tokens, first, last)
        found = _THEN_HIGHER.search(joined.text)
        moved = _FROM_TO.search(joined.text)
        if found is not None:
            now = float(found.group(1))
            then = float(next(g for g in found.groups()[1:] if g is not None))
        elif moved is not None:
            found, then, now = moved, float(moved.group(1)), float(moved.group(2))
        else:
            continue
        if not (0 < now <= 100 and 0 < then <= 100) or now == then:
            continue
        start, end = joined.token_span(found.start(), found.end())
        if then > now:
            return [
                *candidates,
                Candidate("attendance_declining", "yes", "affirmed", True, start, end),
            ]
        return [*candidates, Candidate("attendance_declining", "no", "affirmed", False, start, end)]
    figures = [
        c
        for c in candidates
        if c.fact == "school_attendance_pct" and isinstance(c.value, int | float)
    ]
    for first, last in spans:
        joined = Joined(tokens, first, last)
        was = _IT_WAS.search(joined.text)
        before = [c for c in figures if c.end <= first]
        if was is None or len(before) != 1:
            continue
        then = float(was.group(1) or was.group(2))
        now = float(before[0].value)
        if not 0 < then <= 100 or then == now:
            continue
        start, end = joined.token_span(was.start(), was.end())
        out = [c for c in candidates if not (c in figures and first <= c.start < last)]
        sure = then > now  # a rise is asked back; a fall is a decline
        value = "yes" if sure else "no"
        return [*out, Candidate("attendance_declining", value, "affirmed", sure, start, end)]
    return candidates
    for first, last in spans:
        joined = Joined(tokens, first, last)
        was = _IT_WAS.search(joined.text)
        if was is None or first < figures[0].end:
            continue
        then = float(was.group(1))
        if 0 < then <= 100 and then > figures[0].value:
            start, end = joined.token_span(was.start(), was.end())
            return [
                *candidates,
                Candidate("attendance_declining", "yes", "affirmed", True, start, end),
            ]
    return candidates


def not_at_school_either(candidates: list[Candidate]) -> list[Candidate]:
    """Not at school: no attendance and so no trend in it, whichever of the two was read."""
    said = {c.fact: c for c in candidates if c.value == "not_applicable"}
    facts = {c.fact for c in candidates}
    out = list(candidates)
    for have, lack in (
        ("school_attendance_pct", "attendance_declining"),
        ("attendance_declining", "school_attendance_pct"),
    ):
        if have in said and lack not in facts:
            got = said[have]
            out.append(
                Candidate(lack, "not_applicable", got.assertion, got.confident, got.start, got.end)
            )
    return out


_PART_OF = re.compile(
    r"\b(?:missed|missing|misses|dna 'd|dnad|dna|not brought to|not been brought to|did not attend|"
    r"was not brought to|wnb|not taken to|no show at|no shows at) (\d+) (?:out )?of "
    r"(?:her |his |their |the |them |its )?(?:last )?(\d+)\b"
)


def part_of_the_appointments(candidates: list[Candidate], tokens: list[Token]) -> list[Candidate]:
    """ "missed 2 of her 4 clinics": the 2 missed, not the 4 booked."""
    joined = Joined(tokens, 0, len(tokens))
    found = _PART_OF.search(joined.text)
    if found is None:
        return candidates
    part, whole = float(found.group(1)), float(found.group(2))
    if part > whole:
        return candidates
    return [
        replace(c, value=int(part))
        if c.fact == "missed_appointments_12m" and c.value == int(whole)
        else c
        for c in candidates
    ]


@lru_cache(maxsize=1)
def _topics() -> dict[str, re.Pattern[str]]:
    data = yaml.safe_load(Path(__file__).with_name("topics.yml").read_text(encoding="utf-8"))
    out = {}
    for fact, words in data["topics"].items():
        names = sorted((str(w) for w in words), key=len, reverse=True)
        out[fact] = re.compile(
            r"(?<![\w'])(?:(?:his|her|their|the) )?(?:" + "|".join(map(re.escape, names)) + r")"
            r"(?: (?:-|,|\?)(?: (?:he|she))?)?(?: (?:it|they|that|this|which))?"
            r"(?: (?:'s|is|are|was|were|has been|have been|'s been|seems|seem|looks|look))?"
            r"(?= |$)"
        )
    return out


_WINDOW = 6
_ANSWER_WORDS = {"no", "none", "nil", "never", "not", "nope", "yes", "yep", "nothing", "n/a",
                 "unknown", "nobody"}  # fmt: skip
_ADVERBS = {"well", "very", "really", "pretty", "quite", "completely", "totally", "massively",
            "still", "now", "currently", "honestly", "basically", "definitely"}  # fmt: skip
_SOMEONE_ELSES = re.compile(
    r"(?:'s|s')$|^(?:mum|dad|mother|father|brother|sister|parents?|carers?|partner|boyfriend|"
    r"girlfriend|nan|gran|grandad|uncle|aunt|auntie|cousin|sibling|siblings|twin|stepdad|"
    r"stepmum|family|own|other|new|old|previous|last)$"
)
_STOP = {",", ";", ".", "!", "?", "\n", "and", "but", "so", "because", "though", "although"}


def topic_answered(
    text: str, tokens: list[Token], spans: list[tuple[int, int]], candidates: list[Candidate]
) -> list[Candidate]:
    """A fact named, then its answer straight after in the same clause ("Care plan - out of
    date", "meds: hit and miss"): the answer read as to that fact's own question."""
    from bot.reading.answer import plain_answer  # late imports: these read the lexicon
    from bot.reading.facts import target_candidates
    from bot.reading.resolve import polarity
    from bot.reading.rules import fact_readings

    said = {c.fact for c in candidates}
    out = list(candidates)
    for fact, regex in _topics().items():
        if fact in said:
            continue
        for first, last in spans:
            joined = Joined(tokens, first, last)
            found = None
            for match in regex.finditer(joined.text):
                at, start = joined.token_span(match.start(), match.end())
                if at > first and _SOMEONE_ELSES.search(tokens[at - 1].norm):
                    continue  # "her brother's mood", "mum's mental health": not the child's
                if start == last and last < len(tokens) and tokens[last].norm == "?":
                    start = last + 1  # "The IHP? Never seen one."
                while start < len(tokens) and tokens[start].norm in _ADVERBS:
                    start += 1  # "Plan - well out of date"
                end = start
                stop = next((b for a, b in spans if a <= start < b), last)
                while end < min(stop, start + _WINDOW) and tokens[end].norm not in _STOP:
                    end += 1
                if end <= start:
                    continue
                got = [
                    c
                    for c in target_candidates(text, tokens, (start, end), fact)
                    if c.fact == fact and c.start == start
                ]
                if not got and tokens[start].norm in _ANSWER_WORDS and end - start <= 5:
                    answer = plain_answer(text, tokens[start:end], fact, dt.date.today(), [])
                    if isinstance(answer, Candidate):  # "The IHP? Never had one."
                        got = [replace(answer, start=start, end=end, from_answer=False)]
                if got:
                    found = got[0]
                    break
            if found is not None:
                if polarity(fact_readings()[fact], found.value) == "reassurance":
                    found = replace(found, confident=False)
                out.append(found)
                break
    return out


_A_SIBLINGS = re.compile(
    r"\b(?:brother|sister|sibling|twin|cousin|brothers|sisters|siblings)(?:'s|s'| 's)?"
    r"(?: [\w']+){0,3}$"
)


def sibling_attendance_dropped(candidates: list[Candidate], tokens: list[Token]) -> list[Candidate]:
    """An attendance figure said of a brother or sister ("her brother's attendance is 60%")
    is not the child's: left out, so the child's is asked."""
    out = []
    for c in candidates:
        if c.fact == "school_attendance_pct" and isinstance(c.value, int | float):
            at = c.start
            while at > 0 and tokens[at - 1].norm not in _STOP - {"and", "so"}:
                at -= 1
            before = Joined(tokens, at, c.start).text
            if _A_SIBLINGS.search(before) and not re.search(r"\b(?:she|he|hers|his own)\b", before):
                continue
        out.append(c)
    return out


_FAMILY_AGES = re.compile(
    r"\b(?:siblings|children|kids|brothers|sisters|boys|girls|twins|sons|daughters)"
    r"(?: [\w']+){0,2}? (?:aged|ages|age|are|of)(?: ,)? \d+(?: ?(?:,|and|&|-|or) ?\d+)+"
)


def ages_of_the_family_left(candidates: list[Candidate], tokens: list[Token]) -> list[Candidate]:
    """The ages of all the children listed ("3 siblings aged 4, 9 and 13") give way to the
    age said of the one asked about ("the 9yo has sickle cell")."""
    joined = Joined(tokens, 0, len(tokens))
    found = list(_FAMILY_AGES.finditer(joined.text))
    lists = [joined.token_span(*m.span()) for m in found]
    if not lists:
        return candidates
    ages = [c for c in candidates if c.fact == "child_age_years"]
    inside = [c for c in ages if any(a <= c.start < b for a, b in lists)]
    if not inside:
        return candidates
    if len(inside) < len(ages):
        return [c for c in candidates if c not in inside]
    after = Joined(tokens, max(b for _, b in lists), len(tokens)).text
    rank = _RANK.search(after)
    numbers = sorted(
        {int(n) for m in found for n in re.findall(r"\d+", m.group().split(" ", 1)[1])}
    )
    numbers = [n for n in numbers if n <= 17]
    if rank is None or len(numbers) < 2:  # which child's age is not said: asked back
        return [replace(c, confident=False) if c in inside else c for c in candidates]
    word = rank.group(1)
    if word in ("middle",):
        if len(numbers) != 3:
            return [replace(c, confident=False) if c in inside else c for c in candidates]
        wanted = numbers[1]
    else:
        wanted = numbers[-1] if word in _OLDER else numbers[0]
    chosen = replace(inside[0], value=wanted)  # "two boys aged 6 and 8, the older one": 8
    return [chosen if c is inside[0] else c for c in candidates if c not in inside[1:]]


_OLDER = {"older", "oldest", "eldest", "elder", "big"}
_RANK = re.compile(
    r"\b(?:the|my|our|it 's the|its the|it is the) (older|oldest|eldest|elder|big|younger|youngest"
    r"|little|baby|middle)(?: (?:one|child|boy|girl|lad|son|daughter|brother|sister)\b"
    r"| (?=has |with |is |'s ))"
)


_SEX_LETTERS = {"M", "F"}
_AGE_IN_YEARS_SHORT = {"yo", "y", "yr", "yrs", "year", "years", "y/o"}


def age_and_sex_as_a_record(
    candidates: list[Candidate], tokens: list[Token], spans: list[tuple[int, int]], text: str
) -> list[Candidate]:
    """An age typed with the child's sex as a record heading ("GP. 7M. Asthma", "9F, T1D",
    "12yo M -"): the age, to confirm, when no other age is read. Only a capital M or F as
    typed, a sentence or a listed item of its own: "18m" may be months, and is left."""
    if any(c.fact == "child_age_years" for c in candidates):
        return candidates
    for first, last in spans:
        i = first
        value = tokens[i].number if i < last else None
        if value is None:
            continue
        j = i + 1
        if j < last and tokens[j].norm in _AGE_IN_YEARS_SHORT:
            j += 1
        if j >= last or text[tokens[j].start : tokens[j].end] not in _SEX_LETTERS:
            continue
        ends = j + 1 == last or tokens[j + 1].norm in (",", "-", "with", "(")
        if ends and float(value).is_integer() and 0 <= value <= 17:
            found = Candidate("child_age_years", int(value), "affirmed", False, i, j + 1)
            return [*candidates, found]
    return candidates


_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10}  # fmt: skip
_ORDINAL_ATTENDANCE = re.compile(
    r"\b(?:(\d{1,2}) (?:st|nd|rd|th)|(second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth))"
    r" (?:(?:(?:a&e|ed|hospital|unplanned|emergency|ambulance) )?(?:attendance|presentation)"
    r"|(?:a&e|ed|hospital|emergency) visit)"
    r"(?! (?:meeting|letter|panel|officer|fine|warning|target|figure|rate|record|report|review|plan"
    r"|contract|order|notice|lead|team|policy|at school|in school|for school|to school)\b)"
    r"(?= (?:this|in the last|in the past|in|since|of the)\b| for\b| with\b| ,| \.|$)"
)


def an_attendance_counted_by_its_order(
    candidates: list[Candidate], tokens: list[Token], spans: list[tuple[int, int]]
) -> list[Candidate]:
    """A hospital visit counted by its order ("this is the 4th attendance this year", "her
    third presentation since Christmas"): that many unplanned visits, when no count is read.
    A school attendance meeting or letter is not one; a sentence naming school is left."""
    if any(c.fact == "unplanned_admissions_12m" for c in candidates):
        return candidates
    for first, last in spans:
        joined = Joined(tokens, first, last)
        match = _ORDINAL_ATTENDANCE.search(joined.text)
        if match is None or re.search(r"\b(?:school|class|register|%)", joined.text):
            continue
        value = int(match.group(1)) if match.group(1) else _ORDINALS[match.group(2)]
        if not 1 <= value <= 30:
            continue
        start, end = joined.token_span(*match.span())
        return [
            *candidates,
            Candidate("unplanned_admissions_12m", value, "affirmed", True, start, end),
        ]
    return candidates
