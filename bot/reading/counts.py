"""Numbers near their facts' anchors: ages, attendance, counts.

``numbers_near_anchors`` reads, in one sentence, the numbers said beside a
fact's anchor words (facts.yml): a child's age (and a birthday to come, an age
from the school year), attendance (a figure, from-to, then and now), and counts
of times (admissions, prescriptions, missed appointments, added up or in parts).
The small number helpers the plain answer shares live here too.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from bot.reading.candidate import CLAUSE, Candidate
from bot.reading.context import categories_for, find_modifiers
from bot.reading.language import known_words
from bot.reading.numbers import bound, number_at
from bot.reading.resolve import resolve
from bot.reading.rules import (
    fact_readings,
    phrase_regex,
)
from bot.reading.said_apart import part_not_whole
from bot.reading.text import Joined, Token

_ONE_AS_A_THING_AFTER = frozenset(
    {"has", "have", "got", "gets", "a", "an", "the", "new", "any", "another", "written", "done",
     "made", "need", "needs", "using", "use", "uses", "carrying", "carries", "with"}
)  # fmt: skip
_AFTER_A_THING = frozenset(
    {"on", "at", "from", "but", "and", "which", "that", "though", "i", "we", "every", "each",
     "daily", "most", "all", "constantly", "twice", "several", "loads", "lots"}
)  # fmt: skip
AGE_NEXT = {None, ",", ".", "and", "with", "years", "year", "years old", "old", "now", "but",
             "who", "has", "!", "?", ";", "next", "in", "this", "so", "yrs", "or", "soon",
             "going", "turning", "&", "she", "he", "boy", "girl", "at", "not", "sorry",
             "actually", "-", "last"}  # fmt: skip
AGE_BEFORE = re.compile(
    r"(?:^| )(?:she|he|child|son|daughter|boy|girl|baby|they|one|youngest|eldest|oldest|lad|pupil"
    r"|kid|toddler|brother|sister|young person|yp|cyp|teenager|teen|young man|young woman"
    r"|young lady|little one|infant|student) (?:'s|is|was|turned|turns|are)"
    r"(?: actually| really| definitely)?(?: only| just| nearly| almost| about| around| roughly"
    r"| approx| approximately)?$"
)
_CHILD_NOUNS = {"lad", "boy", "girl", "child", "son", "daughter", "kid", "pupil", "toddler",
                "student", "yp", "cyp", "lass", "kids", "teenager", "teen", "lads",
                "lasses"}  # fmt: skip
_CHILD_NOUNS_WITH_S = frozenset(f"{noun}'s" for noun in _CHILD_NOUNS | {"baby", "son", "daughter"})
_AGE_HEDGES = frozenset(
    {"about", "around", "roughly", "approx", "approximately", "nearly", "almost"}
)
_PAST_AGE = re.compile(
    r"(?:^| )(?:since|when|until|till|from|before|after) (?:she|he|they) (?:was|were)$"
)
_SAID_CONDITION_LAST = {"asthmatic", "epileptic", "diabetic", "fibrosis", "cell", "t1dm"}
_CONDITION_NEXT = {"asthma", "asthmatic", "epilepsy", "epileptic", "cf", "cystic", "diabetes",
                   "diabetic", "type", "t1d", "t1dm", "t1", "sickle", "scd"}  # fmt: skip
_MEASURES = {"hba1c", "weight", "height", "score", "level", "sats", "temp", "temperature", "sugar",
             "sugars", "bm", "glucose", "ketones", "dose", "pulse", "rate", "count", "total",
             "result", "reading", "number", "flow", "attendance", "mum", "dad"}  # fmt: skip
NOT_COUNT_NEXT = {"%", "years", "year", "years old", "months", "month", "weeks", "week",
                   "days", "day", "hours", "minutes", "am", "pm", "o'clock", "yrs", "mins", "min",
                   "secs", "sec", "seconds", "moments", "ticks", "mcg", "micrograms", "microgram",
                   "mg", "milligrams", "ml", "mls", "units", "mmol", "puffs"}  # fmt: skip
_CHILD_WORDS = r"(?:lad|boy|girl|child|pupil|student|kid|son|daughter|lass)"
_SCHOOL_YEAR = re.compile(
    rf"\b(?:year|yr|y) (\d{{1,2}}) {_CHILD_WORDS}\b"
    r"|\b(?:he|she|they) (?:'s|is|are) (?:in|currently in|now in) (?:year|yr|y) (\d{1,2})\b"
    r"|^(?:year|yr) (\d{1,2}) (?:,|\.|$)"
    r"|^(?:class )?teacher ,? (?:in |of |for )?(?:year|yr) (\d{1,2})\b"
    r"|^(?:year|yr) (\d{1,2}) (?:class )?teacher\b"
    r"|\b(?:he|she|they) (?:'s|is|are) in (reception|nursery)\b"
    r"|\bin (?:my|our) (?:class|form|tutor group|group|set) (?:, )?(?:in )?"
    r"(?:year|yr|y) (\d{1,2})\b"
    rf"|\b(reception|nursery) {_CHILD_WORDS}\b"
)
_SCHOOL_YEAR_ANSWER = re.compile(r"\b(?:year|yr|y) (\d{1,2})\b|\b(reception|nursery)\b")
_OVER_A_YEAR_AGO = re.compile(
    r"^(?:[\w']+ ){0,2}?(?:(?:1[2-9]|[2-9]\d|\d{3}) months|(?:\d+|a few|a couple of|two|several)"
    r" years|over a year|more than a year) ago\b"
)
PREVENTER_WORDS = {
    "brown",
    "preventer",
    "purple",
    "orange",
    "steroid",
    "clenil",
    "qvar",
    "flixotide",
    "seretide",
    "beclometasone",
    "beclomethasone",
    "budesonide",
    "fluticasone",
    "pulmicort",
    "kelhale",
    "soprobec",
    "fostair",
    "symbicort",
    "relvar",
    "montelukast",
    "becotide",
}
_BOTH_MISSED = re.compile(
    r"(?:not brought to|not taken to|missed|did not attend|did not go to|dna 'd|dnad|skipped) "
    r"(?:either|both) (?:of )?(?:them |those |the |his |her )?(?:follow ?ups?|appointments?|"
    r"appts?|reviews?|clinics?|check ?ups?)|attended neither"
)
_APPOINTMENT_WORDS = {"appts", "appt", "appointment", "appointments", "clinic", "clinics", "review",
                      "reviews", "letters", "letter", "follow", "outpatients"}  # fmt: skip
DAYS_AND_TIMES = {"days", "day", "weeks", "week", "sessions", "times", "lates", "absences",
                   "hours", "months", "years", "mornings", "afternoons", "mins", "min",
                   "minutes", "secs", "sec", "seconds", "moments", "ticks"}  # fmt: skip
POSSESSIVES = {"his", "her", "their", "my", "your", "our", "its"}
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10}  # fmt: skip
PER = (("a month", 12), ("per month", 12), ("every month", 12), ("monthly", 12),
        ("a week", 52), ("per week", 52), ("every week", 52), ("weekly", 52))  # fmt: skip


@lru_cache(maxsize=1)
def anchor_regex() -> dict[str, re.Pattern[str]]:
    """One regex per fact with anchor words (facts.yml ``anchors``), longest first."""
    out = {}
    for name, fact in fact_readings().items():
        if fact.anchors:
            alternation = "|".join(
                rf"{re.escape(a)}" for a in sorted(fact.anchors, key=len, reverse=True)
            )
            out[name] = phrase_regex({"pattern": f"(?:{alternation})"}, f"facts.yml {name}")
    return out


FULL_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\d/.-])")


def numbers_near_anchors(
    tokens: list[Token], sentence: tuple[int, int], asked: str | None, today: dt.date, text: str
) -> list[Candidate]:
    """The numbers said beside a fact's anchors in one sentence: ages, attendance, counts."""
    joined = Joined(tokens, *sentence)
    facts = fact_readings()
    modifiers, terminators = find_modifiers(joined)
    out: list[Candidate] = []
    first, last = sentence

    def cats(start: int, end: int, fact: str) -> set[str]:
        found, _ = categories_for(start, end, fact, modifiers, terminators, sentence)
        return found

    used: set[int] = set()
    skip: set[int] = set()  # an age said again in the same breath, read with the first
    # ages
    for i in range(first, last):
        value = tokens[i].number
        if value is None or i in skip:
            continue
        before = [t.norm for t in tokens[max(first, i - 3) : i]]
        nxt = tokens[i + 1].norm if i + 1 < last else None
        nxt2 = tokens[i + 2].norm if i + 2 < last else None
        age: float | None = None
        said_before = " ".join(before)
        if (
            nxt in ("years old", "yrs old")
            or (nxt == "y" and nxt2 == "o")
            or (nxt in ("year", "years", "yrs", "yr") and nxt2 == "old")
        ):
            age = value
        elif nxt in ("months", "month") and (
            nxt2 == "old"
            or AGE_BEFORE.search(said_before)
            or (before and before[-1] in (*_CHILD_NOUNS, "baby", "aged"))
            or (  # "Baby boy, 11 months, sickle cell"
                len(before) >= 2
                and before[-1] == ","
                and before[-2] in (*_CHILD_NOUNS, "baby", "infant")
                and nxt2 in AGE_NEXT
            )
        ):
            age = value // 12
        elif nxt in ("weeks", "week", "days", "day") and nxt2 == "old" and value < 104:
            age = value // 52 if nxt in ("weeks", "week") else value // 365  # "3 weeks old"
        elif (
            before
            and before[-1] in _CHILD_NOUNS
            and (
                nxt in AGE_NEXT
                or nxt in _CONDITION_NEXT
                or _age_or_age(tokens, i, last) is not None
            )
            and value <= 17
        ):
            age = value  # "Year 9 lad (14)", "boy 11 epilepsy", "girl 12-13"
        elif (
            len(before) >= 2
            and before[-1] in ("(", "about", "around", "roughly", "approx", "maybe", "aged")
            and (
                before[-2] in _CHILD_NOUNS
                or before[-2] in ("kids", "lass", "kiddo", "one", "eldest", "youngest")
            )
            and (nxt in (*AGE_NEXT, ")", "ish") or _hedged_age_then_a_word(tokens, i, last))
            and value <= 17
        ):
            age = value  # "one of my kids (8)", "a lass about 8 with asthma"
        elif (
            len(before) >= 2
            and before[-1] == "one"
            and before[-2] in ("middle", "eldest", "youngest", "oldest", "older", "younger")
            and nxt in AGE_NEXT
            and value <= 17
        ):
            age = value  # "the middle one (10) has CF"
        elif i == first and nxt == "," and value <= 17 and _bare_age_allowed(asked):
            age = value  # "13, type 1 diabetic."
        elif (  # "Epilepsy. 12. Lives with nan": a number alone after the condition's sentence
            i == first
            and last == i + 1
            and first > 1
            and tokens[first - 1].norm == "."
            and tokens[first - 2].norm in (*_CONDITION_NEXT, *_SAID_CONDITION_LAST)
            and value <= 17
            and _bare_age_allowed(asked)
        ):
            age = value
        elif (
            nxt == "y"
            and nxt2 != "o"
            and before
            and before[-1] in (*_CHILD_NOUNS, "baby", "aged")
            and value <= 17
        ):
            age = value  # "child 3y, asthma": the clinical shorthand for years
        elif (
            len(before) >= 2
            and before[-1] == "of"
            and before[-2] in ("boy", "girl", "lad", "lass", "child", "son", "daughter")
            and nxt in AGE_NEXT
            and value <= 17
        ):
            age = value  # "a girl of 12 with CF"
        elif (
            (before and before[-1] in ("aged", "age", "ages"))
            or said_before.endswith(("age is", "age 's", "age was"))
        ) or (
            AGE_BEFORE.search(said_before)
            and (nxt in AGE_NEXT or nxt in _CONDITION_NEXT or _next_birthday_said(tokens, i, last))
        ):  # "he's 12 t1 diabetic" typed without a comma: the condition next
            age = value
        named = (
            age is None
            and value <= 17
            and (nxt in AGE_NEXT or nxt in _CONDITION_NEXT)
            and i - 2 >= first
            and tokens[i - 1].norm in ("is", "'s", "was", "turned", "turns")
            and _a_name(text, tokens, i - 2, first)
        )
        said_with_name = (  # "Sam's 7": the name and its "'s" typed as one word
            age is None
            and not named
            and value <= 17
            and (nxt in AGE_NEXT or nxt in _CONDITION_NEXT)
            and i - 1 >= first
            and tokens[i - 1].norm.endswith("'s")
            and _a_name(text, tokens, i - 1, first)
        )
        if said_with_name:
            age = value
        if (  # "lad's 10, CF": a child noun typed with its 's
            age is None
            and value <= 17
            and nxt in AGE_NEXT
            and i - 1 >= first
            and (
                tokens[i - 1].norm in _CHILD_NOUNS_WITH_S
                or (  # "lad's about 13": with the hedge between
                    i - 2 >= first
                    and tokens[i - 1].norm in _AGE_HEDGES
                    and tokens[i - 2].norm in _CHILD_NOUNS_WITH_S
                )
            )
        ):
            age = value
        then = said_before.endswith((" was", " were")) and "when" in {
            t.norm for t in tokens[i + 1 : min(last, i + 5)]
        }  # "she was 3 months old when diagnosed"
        if age is not None and (_PAST_AGE.search(said_before) or then):
            continue  # "type 1 since she was 2": an age of then, not of now
        said_as_age = age is not None or AGE_BEFORE.search(said_before)
        corrected = _age_said_again(tokens, i, last) if said_as_age else None
        if corrected is not None:  # "she's 7 - no sorry, 8 last week": the second, to confirm
            got = resolve(facts["child_age_years"], int(corrected[1]), set())
            if got:
                out.append(Candidate("child_age_years", got[0], got[1], False, i, corrected[0] + 1))
                used.update((i, corrected[0]))
                skip.add(corrected[0])
            continue
        if named:
            age = value  # "Leo is 5, asthma": the age is read, the name is not kept
        ahead = _birthday_ahead(tokens, i, last) if age is not None else None
        if ahead is not None:  # "she's 8 in march, so 7 now": the age of now
            got = resolve(facts["child_age_years"], ahead[0], cats(i, i + 1, "child_age_years"))
            if got:
                out.append(Candidate("child_age_years", got[0], got[1], ahead[1], i, i + 1))
                used.add(i)
            continue
        if age is not None and 0 <= age <= 25:
            got = resolve(facts["child_age_years"], int(age), cats(i, i + 1, "child_age_years"))
            if got and (named or said_with_name):
                at = i - 1 if named else i
                out.append(
                    Candidate("child_age_years", got[0], got[1], False, at, i + 1, own_words=True)
                )
                used.add(i)
            elif got:
                second = _age_or_age(tokens, i, last)  # "girl 12-13": the younger, to confirm
                sure = got[2] and second is None
                out.append(Candidate("child_age_years", got[0], got[1], sure, i, i + 1))
                used.update((i, second or i))
    for i in range(first + 1, last):
        value = tokens[i].number
        if (
            value is not None
            and i not in used
            and tokens[i - 1].norm == ","
            and (
                i + 1 == last
                or tokens[i + 1].norm in (",", "and")
                or (tokens[i + 1].norm == "ish" and i + 2 < last and tokens[i + 2].norm == ",")
                or _age_or_age(tokens, i, last) is not None
            )
            and 0 <= value <= 17
            and float(value).is_integer()
            and _bare_age_allowed(asked)
        ):
            got = resolve(facts["child_age_years"], int(value), cats(i, i + 1, "child_age_years"))
            if got:
                out.append(Candidate("child_age_years", got[0], got[1], False, i, i + 1))
                used.update((i, _age_or_age(tokens, i, last) or i))
    # percentages and attendance
    anchors = anchor_regex()
    attendance_anchor = anchors["school_attendance_pct"].search(joined.text)
    for i in range(first, last):
        if tokens[i].norm != "%" or i == first or tokens[i - 1].number is None:
            continue
        if i >= 2 and tokens[i - 2].norm in ("not", "than", "from"):
            continue  # "60% not 85%", "rather than 85%", "down from 95%"
        j = i - 1
        values = [tokens[j].number]
        if (
            j - 2 >= first
            and tokens[j - 1].norm in ("to", "or")
            and tokens[j - 2].number is not None
        ):
            values.append(tokens[j - 2].number)
        elif j - 1 >= first and tokens[j - 1].number is not None:
            values.append(tokens[j - 1].number)
        value = min(v for v in values if v is not None) + bound(tokens, j - len(values) + 1)
        used.update(range(j - len(values) + 1, i))
        if asked != "school_attendance_pct" and not attendance_anchor and asked is not None:
            continue
        got = resolve(
            facts["school_attendance_pct"], clean(value), cats(j, i + 1, "school_attendance_pct")
        )
        if got:
            confident = got[2] and (
                attendance_anchor is not None or asked == "school_attendance_pct"
            )
            out.append(Candidate("school_attendance_pct", got[0], got[1], confident, j, i + 1))
    if attendance_anchor is not None and (asked is None or asked == "school_attendance_pct"):
        out.extend(_attendance_from_to(tokens, sentence, out, cats))
    out = _attendance_then_and_now(out, tokens, sentence, attendance_anchor is not None)
    if not any(c.fact == "school_attendance_pct" for c in out):
        bare = _bare_attendance(tokens, sentence)
        if bare is not None:
            got = resolve(
                facts["school_attendance_pct"],
                clean(bare[1]),
                cats(bare[0], bare[0] + 1, "school_attendance_pct"),
            )
            if got:  # "Attendance 88, no sorry, 68": a figure without "%", to confirm
                out.append(
                    Candidate("school_attendance_pct", got[0], got[1], False, bare[0], bare[0] + 1)
                )
                used.add(bare[0])
    near_none = re.search(
        r"attendance (?:is |'s |of |at |was )?(?:near|nearly|almost|practically|basically|virtually"
        r"|close to) (?:0|nil|nothing|none)\b",
        joined.text,
    )
    if near_none and not any(c.fact == "school_attendance_pct" for c in out):
        start, end = joined.token_span(near_none.start(), near_none.end())
        out.append(Candidate("school_attendance_pct", 0, "affirmed", False, start, end))
    if attendance_anchor or asked == "school_attendance_pct":
        match = re.search(
            r"(?<![\w])(\d+(?:\.\d+)?) (?:days? |sessions? |half days? |half-days? |marks? )?"
            r"(?:out of|in|of|/|a|per) (?:every |a possible |the |possible )?(\d+)"
            r"(?: possible)?(?: days?| sessions?| half days?)?",
            joined.text,
        )
        if (
            match
            and float(match.group(2)) > 0
            and float(match.group(1)) <= float(match.group(2))
            and not any(c.fact == "school_attendance_pct" for c in out)
        ):
            start, end = joined.token_span(match.start(), match.end())
            value = round(100 * float(match.group(1)) / float(match.group(2)), 1)
            if _MISSED_BEFORE.search(joined.text[: match.start()]):
                value = round(100 - value, 1)  # "misses about one day in ten": 90 % there
            got = resolve(
                facts["school_attendance_pct"],
                clean(value),
                cats(start, end, "school_attendance_pct"),
            )
            if got:
                out.append(Candidate("school_attendance_pct", got[0], got[1], got[2], start, end))
                used.update(range(start, end))
    hospital = re.search(r"\b(?:a&e|hospital|ed|brought in|ward|ambulance|resus)\b", joined.text)
    for i in range(first, last - 1):
        if (
            hospital
            and (
                asked in (None, "unplanned_admissions_12m")
                or fact_readings()[asked].kind == "choice"
            )
            and tokens[i].norm in _ORDINALS
            and tokens[i + 1].norm in ("attendance", "admission", "presentation", "visit", "time")
        ):
            got = resolve(
                facts["unplanned_admissions_12m"],
                _ORDINALS[tokens[i].norm],
                cats(i, i + 2, "unplanned_admissions_12m"),
            )
            if got:  # "third attendance this year"
                out.append(Candidate("unplanned_admissions_12m", got[0], got[1], got[2], i, i + 2))
    pair = _BOTH_MISSED.search(joined.text)
    if pair and asked != "missed_appointments_12m":  # "wasn't brought to either follow-up"
        start, end = joined.token_span(pair.start(), pair.end())
        got = resolve(
            facts["missed_appointments_12m"], 2, cats(start, end, "missed_appointments_12m")
        )
        if got:
            out.append(Candidate("missed_appointments_12m", got[0], got[1], got[2], start, end))
    # counts near their anchors
    for name in (
        "reliever_prescriptions_12m",
        "unplanned_admissions_12m",
        "missed_appointments_12m",
    ):
        if name == asked:
            continue
        for match in anchors[name].finditer(joined.text):
            start, end = joined.token_span(match.start(), match.end())
            if (
                name == "reliever_prescriptions_12m"
                and start > first
                and tokens[start - 1].norm in PREVENTER_WORDS
            ):
                continue  # "2 brown inhalers" are preventers
            if (
                name == "unplanned_admissions_12m"
                and end < last
                and tokens[end].norm in _APPOINTMENT_WORDS
            ):
                continue  # "missed hospital appts" are appointments, not admissions
            after = " ".join(t.norm for t in tokens[end : min(last, end + 5)])
            if _OVER_A_YEAR_AGO.search(after):
                continue  # "the one from the discharge 18 months ago": not this year's count
            found = _count_near(tokens, start, end, first, last, used)
            if found is not None:  # "missed 2 of her 4 clinics": the 2, not the 4
                found = part_not_whole(tokens, found[0], name) or found
            if found is None:
                negation = cats(start, end, name)
                words_before = {t.norm for t in tokens[max(first, start - 2) : start]}
                not_any = "any" in words_before and "NEGATED_EXISTENCE" in negation
                if not words_before & {"no", "never", "zero", "nil", "without"} and not not_any:
                    continue  # only "no admissions", "never admitted": a far "not" says no count
                if "NEGATED_EXISTENCE" in negation and not negation & {
                    "HYPOTHETICAL",
                    "POSSIBLE_EXISTENCE",
                }:
                    out.append(Candidate(name, 0, "negated", True, start, end))
                continue
            index, value = found
            if cancelled_by_service(tokens, index):
                continue  # "1 cancelled by the hospital" is no admission
            window = " ".join(t.norm for t in tokens[start : min(last, end + 4)])
            per = (
                next((n for p, n in PER if p in window), 1)
                if name == "reliever_prescriptions_12m"
                else 1
            )
            span = (min(start, index), max(end, index + 1))
            got = resolve(
                facts[name], clean(value * per), cats(*span, name) - {"NEGATED_EXISTENCE"}
            )
            if got:
                out.append(Candidate(name, got[0], got[1], got[2], *span))
                used.add(index)
    part = _UNPLANNED_PART.search(joined.text)
    if part and any(c.fact == "unplanned_admissions_12m" for c in out):
        # "5 admissions, 3 of them via ED": 3, to confirm
        start, end = joined.token_span(*part.span())
        got = resolve(
            facts["unplanned_admissions_12m"],
            int(part.group(1)),
            cats(start, end, "unplanned_admissions_12m"),
        )
        if got:
            out = [c for c in out if c.fact != "unplanned_admissions_12m"]
            out.append(Candidate("unplanned_admissions_12m", got[0], got[1], False, start, end))
    out = _parts_of_a_count_dropped(out, tokens)
    out = _counts_added_up(out, tokens, sentence, used)
    return _one_more_time(out, tokens, sentence)


_SOON = re.compile(  # a birthday still to come, said right after the age
    r"^(?:in (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
    r"|next (?:week|month|term)|in (?:a|2|3|two|three|a few|a couple of) (?:weeks?|months?)"
    r"|at christmas|after christmas|soon"
    r"|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))"
    r"(?: ,)?(?: so (?P<now>\d{1,2})(?: now| at the moment| currently)?)?(?= |$)"
)


def _next_birthday_said(tokens: list[Token], i: int, last: int) -> bool:
    """The age, then the next one with when ("she's 11 (12 in May)"): the first is the age."""
    value = tokens[i].number
    if value is None or i + 2 >= last or tokens[i + 1].number != value + 1:
        return False
    return tokens[i + 2].norm in ("in", "next", "on", "at", "this", "soon", "after", "before")


def _birthday_ahead(tokens: list[Token], i: int, last: int) -> tuple[int, bool] | None:
    """The age of now when the age at ``i`` is one still to come ("she's 8 in march" is 7 now;
    "10 in jan so 9 now" says it): (age, sure), or None when the age is not said so."""
    before = " ".join(t.norm for t in tokens[max(0, i - 3) : i])
    if re.search(r"(?:^| )(?:was|were|turned)$", before):
        return None  # "she was 8 in march": a birthday gone by
    said = " ".join(t.norm for t in tokens[i + 1 : min(last, i + 8)])
    soon = _SOON.match(said)
    number = tokens[i].number
    if soon is None or not number:
        return None
    age = int(number)
    if soon.group("now") is not None:
        now = int(soon.group("now"))
        return (now, True) if 0 <= age - now <= 1 else None
    if re.search(r"(?:^| )(?:will be|'ll be|turns|turning|be)$", before) or re.search(
        r"(?:^| )(?:'s|is)$", before
    ):
        return (age - 1, False) if age >= 1 else None
    return None


def _hedged_age_then_a_word(tokens: list[Token], i: int, last: int) -> bool:
    """Whether a number after "child approx" goes on to a word that is no measure or time
    ("child approx 7 found outside"), so an age."""
    if i + 1 >= last or tokens[i - 1].norm not in ("about", "around", "roughly", "approx"):
        return False
    nxt = tokens[i + 1]
    return (
        nxt.number is None
        and nxt.norm.isalpha()
        and nxt.norm not in NOT_COUNT_NEXT | DAYS_AND_TIMES
        and nxt.norm not in ("times", "of", "more", "or", "to", "x", "a", "per", "percent")
    )


def _age_said_again(tokens: list[Token], i: int, last: int) -> tuple[int, float] | None:
    """The age an age at ``i`` is corrected to in the same breath ("7 - no sorry, 8"), if any:
    (token index, value)."""
    for k in range(i + 2, min(last, i + 9)):
        said = " ".join(t.norm for t in tokens[i + 1 : k]).lstrip(",- ")
        again = tokens[k].number
        if again is not None and _SAID_AGAIN.match(said):
            first_said = tokens[i].number or 0.0
            return (k, again) if 0 <= again <= 17 and abs(again - first_said) <= 3 else None
    return None


_SAID_AGAIN = re.compile(
    r"^,? ?(?:no (?:, )?)?(?:sorry|no wait|wait|i mean|i meant|actually|correction|or rather"
    r"|scratch that|my mistake|my bad|oops)(?: ,| -)?(?: i mean| i meant)?(?: ,)?"
    r"(?: (?:it is|it 's|it was|make that|that should be|should be))?$"
)


def _bare_attendance(tokens: list[Token], sentence: tuple[int, int]) -> tuple[int, float] | None:
    """A figure said right after "attendance" without "%" ("Attendance 88"), or the figure
    it is corrected to in the same breath ("88, no sorry, 68"): (token index, value)."""
    first, last = sentence
    for i in range(first, last - 1):
        if tokens[i].norm != "attendance":
            continue
        j = i + 1
        while j < last and tokens[j].norm in ("is", "'s", "of", "at", "about", "around"):
            j += 1
        value = tokens[j].number if j < last else None
        nxt = tokens[j + 1].norm if j + 1 < last else None
        if value is None or not 0 <= value <= 100 or nxt in DAYS_AND_TIMES | NOT_COUNT_NEXT:
            return None
        if nxt not in (None, ",", ".", "-", ";", "and", "but"):
            return None  # "attendance 9 in 10", "attendance 95 last year": not a figure of now
        if _THEN_AFTER.match(" ".join(t.norm for t in tokens[j + 1 : j + 6]).lstrip(", ")):
            return None
        for k in range(j + 2, min(last, j + 9)):
            said = " ".join(t.norm for t in tokens[j + 1 : k])
            if tokens[k].number is not None and _SAID_AGAIN.match(said):
                again = tokens[k].number or 0.0
                return (k, again) if 0 <= again <= 100 else None
        return j, value
    return None


_THEN_AFTER = re.compile(
    r"^(?:\w+ )?(?:last (?:year|term|half term|half|academic year|school year|september)"
    r"|the (?:year|term) before|the previous (?:year|term)|previous year|in year \d+|before"
    r"|previously)"
)
_THEN_BEFORE = re.compile(r"(?:was|were|used to be|had been|previously|last year|last term)$")
_NOW_AFTER = re.compile(
    r"^(?:\w+ )?(?:this (?:year|term|half term|half|academic year|school year)|now|so far"
    r"|currently|at the moment|at present)"
)
_NOW_BEFORE = re.compile(r"(?:is|'s|is now|now|currently|this year|this term|so far)$")


def _attendance_from_to(
    tokens: list[Token], sentence: tuple[int, int], out: list[Candidate], cats: Any
) -> list[Candidate]:
    """Attendance said as a move between two figures without a % ("down from 95 to 86"): the
    second is the attendance of now."""
    first, last = sentence
    found = []
    for i in range(first + 2, last - 1):
        then, now = tokens[i - 1].number, tokens[i + 1].number
        if (
            tokens[i].norm != "to"
            or tokens[i - 2].norm != "from"
            or then is None
            or now is None
            or not (0 <= now <= 100 and 0 <= then <= 100)
            or (i + 2 < last and tokens[i + 2].norm in DAYS_AND_TIMES | {"%"})
            or any(c.fact == "school_attendance_pct" for c in out)
        ):
            continue
        got = resolve(
            fact_readings()["school_attendance_pct"],
            clean(now),
            cats(i + 1, i + 2, "school_attendance_pct"),
        )
        if got:
            found.append(Candidate("school_attendance_pct", got[0], got[1], got[2], i - 2, i + 2))
    return found


_ROUGHLY_AFTER = re.compile(r"^(?:odd|ish|something|s|plus|\+)(?: |$)")


def _a_figure_of_then_without_percent(
    tokens: list[Token], sentence: tuple[int, int]
) -> list[tuple[int, float]]:
    """An earlier attendance typed without its % beside one of now ("62%, it was 90-odd last
    year", "he used to be high 90s"): [(index, value)] when there is just one."""
    first, last = sentence
    found = []
    for i in range(first + 1, last):
        value = tokens[i].number
        if value is None or not 50 <= value <= 100 or (i + 1 < last and tokens[i + 1].norm == "%"):
            continue
        before = " ".join(t.norm for t in tokens[max(first, i - 4) : i])
        after = " ".join(t.norm for t in tokens[i + 1 : min(last, i + 5)])
        roughly = bool(_ROUGHLY_AFTER.match(after))
        if roughly:
            after = after.split(" ", 1)[1] if " " in after else ""
        before = re.sub(r" (?:high|mid|low|about|around|roughly|nearly|over)$", "", before)
        if re.search(r"(?:^| )(?:was|were|used to be|had been|used to have)$", before) and (
            roughly or _THEN_AFTER.match(after) or not after or after.startswith((",", "."))
        ):
            found.append((i, value))
    return found if len(found) == 1 else []


def _attendance_then_and_now(
    out: list[Candidate], tokens: list[Token], sentence: tuple[int, int], anchored: bool
) -> list[Candidate]:
    """Attendance now beside an earlier figure ("71% this year, it was 94% last year").

    The earlier figure is not the attendance; a fall from it is a decline. A rise
    records no decline either way (asked).
    """
    if not anchored:
        return out
    first, last = sentence
    said: dict[str, list[tuple[int, float]]] = {"then": [], "now": []}
    for i in range(first + 1, last):
        value = tokens[i - 1].number
        if tokens[i].norm != "%" or value is None:
            continue
        after = " ".join(t.norm for t in tokens[i + 1 : min(last, i + 5)])
        before = " ".join(t.norm for t in tokens[max(first, i - 4) : i - 1])
        then = bool(_THEN_AFTER.match(after) or _THEN_BEFORE.search(before))
        now = bool(_NOW_AFTER.match(after) or _NOW_BEFORE.search(before))
        if then != now:
            said["then" if then else "now"].append((i - 1, value))
    if len(said["now"]) == 1 and not said["then"]:
        said["then"] = _a_figure_of_then_without_percent(tokens, sentence)
    if len(said["then"]) != 1 or len(said["now"]) != 1:
        return out
    (then_at, then_value), (now_at, now_value) = said["then"][0], said["now"][0]

    def reads(cand: Candidate, at: int) -> bool:
        return cand.fact == "school_attendance_pct" and cand.start <= at < cand.end

    if any(reads(c, now_at) for c in out):  # the figure of now is read: the earlier one is not
        out = [c for c in out if not reads(c, then_at)]
    if now_value < then_value:
        start, end = min(then_at, now_at), min(last, max(then_at, now_at) + 2)
        out.append(Candidate("attendance_declining", "yes", "affirmed", True, start, end))
    return out


_TOTAL = re.compile(
    r"\b(?:so|that 's|that is|making|makes|which makes|giving|gives|total of|totals?|in total)"
    r" (?:it |that |of )?(\d+)(?: (?:in (?:the|this|a) (?:last )?(?:year|12 months)|in total"
    r"|altogether|all together|in all|overall|this year|total|times|visits|trips|"
    r"admissions|attendances))?\b"
)
_UNPLANNED_PART = re.compile(  # the unplanned part of all admissions ("3 of them via ED")
    r"\b(\d+) of (?:them|those|these|which)(?: (?:were|was))? (?:unplanned|emergenc(?:y|ies)"
    r"|non elective|(?:via|through|from) (?:the )?(?:ed|a&e))\b"
)
_COUNT_FACTS = ("reliever_prescriptions_12m", "unplanned_admissions_12m", "missed_appointments_12m")


_HOW_THEY_CAME = re.compile(  # how some of the times came about ("twice by ambulance")
    r"^(?:times? )?(?:of them |of those )?(?:by|via|in an?|in the|with an?|on) "
    r"(?:ambulance|ambulances|blue lights|999|paramedics|helicopter)\b"
)
_MORE_TIMES = re.compile(  # a further time of the same thing said after ("and once more in May")
    r"^(?:[\w',]+ ){0,5}?(?:and|then|plus) (?:then )?(?:(once|twice|\d+ times?) (?:more|again)"
    r"|(again) (?:in|on|last|this|at|over)\b)"
)


def _parts_of_a_count_dropped(out: list[Candidate], tokens: list[Token]) -> list[Candidate]:
    """A smaller count after a count of the same fact that says how some of those times came
    about ("admitted 5 times, twice by ambulance"): a part, not another count."""
    drop = []
    for part in out:
        if part.fact not in _COUNT_FACTS or not isinstance(part.value, int | float):
            continue
        after = " ".join(t.norm for t in tokens[part.end : part.end + 6])
        if not _HOW_THEY_CAME.match(after):
            continue
        if any(
            c.fact == part.fact
            and c is not part
            and c.end <= part.start
            and isinstance(c.value, int | float)
            and c.value > part.value
            for c in out
        ):
            drop.append(part)
    return [c for c in out if not any(c is d for d in drop)]


def _one_more_time(
    out: list[Candidate], tokens: list[Token], sentence: tuple[int, int]
) -> list[Candidate]:
    """One count of a fact, then a further time of it said in words ("seen in ED twice over the
    winter and once more in July"): the two added, to confirm."""
    for name in _COUNT_FACTS:
        parts = [c for c in out if c.fact == name and isinstance(c.value, int | float)]
        if len(parts) != 1:
            continue
        part = parts[0]
        after = " ".join(t.norm for t in tokens[part.end : sentence[1]])
        more = _MORE_TIMES.match(after)
        if more is None:
            continue
        said = more.group(1)
        extra = 1 if said is None or said == "once" else 2 if said == "twice" else None
        if extra is None:
            extra = int(said.split()[0])
        at = len(after[: more.end()].split())
        out = [c for c in out if c is not part]
        added = clean(float(part.value) + extra)
        out.append(Candidate(name, added, "affirmed", False, part.start, part.end + at))
    return out


def _counts_added_up(
    out: list[Candidate], tokens: list[Token], sentence: tuple[int, int], used: set[int]
) -> list[Candidate]:
    """Several counts of one fact in one sentence ("four A&E trips and one admission").

    A total said with them ("so five in the year") is the count; without one, the
    counts added up are the safer reading, not confident (asked to confirm).
    """
    joined = Joined(tokens, *sentence)
    for name in _COUNT_FACTS:
        parts = [c for c in out if c.fact == name and isinstance(c.value, int | float)]
        apart = all(
            a.end <= b.start or b.end <= a.start
            for i, a in enumerate(parts)
            for b in parts[i + 1 :]
        )
        if len(parts) < 2 or not apart:
            continue
        start = min(c.start for c in parts)
        end = max(c.end for c in parts)
        total = next(
            (m for m in _TOTAL.finditer(joined.text) if joined.token_span(*m.span())[0] >= end),
            None,
        )
        if total is not None and float(total.group(1)) >= max(c.value for c in parts):
            at, stop = joined.token_span(*total.span(1))
            out = [c for c in out if c.fact != name]
            out.append(Candidate(name, clean(float(total.group(1))), "affirmed", True, start, stop))
            used.update(range(at, stop))
            continue
        ordered = sorted(parts, key=lambda c: c.start)
        joined_by_and = all(
            {"and", "plus"} & {t.norm for t in tokens[a.end : b.start]}
            and not {"-", ";", "of", "which", "those", "them"}
            & {t.norm for t in tokens[a.end : b.start]}
            for a, b in zip(ordered, ordered[1:], strict=False)
        )  # "3 were planned, 2 came through A&E" are parts of a count said before
        if joined_by_and:
            added = clean(sum(c.value for c in parts))
            out.append(Candidate(name, added, "affirmed", False, start, end))
    return out


def _age_or_age(tokens: list[Token], i: int, last: int) -> int | None:
    """Where the second of two ages is ("Girl, 10 or 11, type 1", "girl 12-13"), or ``None``.

    The younger, said first, is the one read.
    """
    if i + 1 >= last:
        return None
    k = i + 2 if tokens[i + 1].norm in ("or", "-", "to") else i + 1
    older = tokens[k].number if k < last else None
    if older is None or not 0 < older - (tokens[i].number or 0) <= 2:
        return None
    after = tokens[k + 1].norm if k + 1 < last else None
    return k if after in AGE_NEXT or after in _CONDITION_NEXT else None


def _a_name(text: str, tokens: list[Token], j: int, first: int) -> bool:
    """Whether the word at ``j`` looks like a child's first name ("Leo is 5"): capitalised as
    typed, a word the reading does not know, at a sentence's start or after "our", "my"."""
    typed = re.sub(r"['’]s$", "", text[tokens[j].start : tokens[j].end])
    if len(typed) == 1:  # "L is 10, T1D": an initial for the name, at a sentence's start
        return typed.isupper() and typed.isalpha() and typed != "I" and j == first
    if not (typed.isalpha() and typed[0].isupper() and typed[1:].islower() and len(typed) > 1):
        return False
    word = typed.lower()
    if word in _MEASURES or word in known_words():
        return False
    return j == first or tokens[j - 1].norm in ("our", "my", "little", "and", ",", "so", "but")


def _bare_age_allowed(asked: str | None) -> bool:
    """Whether a bare number ("Girl, 9, T1DM") may be an age: not when a number is asked for."""
    return asked is None or asked == "child_age_years" or fact_readings()[asked].kind == "choice"


def age_from_school_year(text: str, today: dt.date, asked: bool = False) -> int | None:
    """The usual age of a child in a school year group in England ("year 5 lad" -> 9 in autumn).

    A year N class holds children of N+4 and N+5; before March most are the younger.
    """
    regex = _SCHOOL_YEAR_ANSWER if asked else _SCHOOL_YEAR
    match = regex.search(text)
    if not match:
        return None
    said = next((g for g in match.groups() if g), None)
    group = {"reception": 0, "nursery": -1}.get(said or "")
    if group is None:
        group = int(said) if said and said.isdigit() else -9
    if not -1 <= group <= 13:
        return None
    return group + (4 if today.month >= 9 or today.month <= 2 else 5)


def clean(value: float) -> Any:
    """A whole number as an int (2.0 -> 2), any other as it is."""
    return int(value) if float(value).is_integer() else value


def one_as_a_thing(tokens: list[Token], i: int) -> bool:
    """ "one" standing for a thing ("the hospital has one", "a new one"), not a count."""
    if tokens[i].norm not in ("1", "one") or i == 0:
        return False
    nxt = tokens[i + 1].norm if i + 1 < len(tokens) else ","
    return tokens[i - 1].norm in _ONE_AS_A_THING_AFTER and (nxt in CLAUSE or nxt in _AFTER_A_THING)


_MONTHS = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*$")


def _a_year(tokens: list[Token], i: int) -> bool:
    """Whether the number at ``i`` is a year ("2024", "Nov 2024"), never a count."""
    value = tokens[i].number
    return value is not None and (
        1990 <= value <= 2099 or (i > 0 and bool(_MONTHS.match(tokens[i - 1].norm)) and value > 31)
    )


def _count_near(
    tokens: list[Token], start: int, end: int, first: int, last: int, used: set[int]
) -> tuple[int, float] | None:
    best: tuple[int, int, float] | None = None
    for direction in (-1, 1):
        i = start - 1 if direction < 0 else end
        steps = 0
        while first <= i < last and steps < 5:
            norm = tokens[i].norm
            if norm in CLAUSE or norm in ("and", "but"):
                said = " ".join(t.norm for t in tokens[i + 1 : i + 4]) if direction > 0 else ""
                counted = re.match(r"(?:i|we) (?:count|counted|make it|have counted) (\d+)", said)
                if counted:  # "lots of missed appts - i count 5 -"
                    best = (steps, i + 3, float(counted.group(1)))
                break
            value = number_at(tokens, i)
            nxt = tokens[i + 1].norm if i + 1 < last else None
            partitive = nxt == "of" and i + 2 < last and tokens[i + 2].norm in POSSESSIVES
            if (
                value is not None
                and i not in used
                and nxt not in NOT_COUNT_NEXT
                and value != 999
                and not partitive  # "one of his inhalers" is an inhaler, not a count
                and not one_as_a_thing(tokens, i)
                and not _a_year(tokens, i)  # "review last done Nov 2024": a date, not a count
            ):
                if best is None or steps < best[0]:
                    best = (steps, i, value + bound(tokens, i))
                break
            i += direction
            steps += 1
    return (best[1], best[2]) if best else None


def cancelled_by_service(tokens: list[Token], i: int) -> bool:
    """Whether a number counts appointments the service cancelled ("2 cancelled by the clinic")."""
    after = " ".join(t.norm for t in tokens[i + 1 : i + 7])
    return bool(
        re.match(
            r"(?:[\w']+ )?(?:were |was |got |have been |had been )?(?:cancel\w*|re ?scheduled|"
            r"moved|re ?arranged) by (?:the )?(?:hospital|clinic|gp|surgery|team|consultant|nhs|"
            r"them|service)|(?:that |which )?(?:the )?(?:hospital|clinic|gp|surgery|team|consultant"
            r"|service) (?:cancel\w*|re ?scheduled|moved|re ?arranged)",
            after,
        )
    )


_MISSED_BEFORE = re.compile(r"\b(?:miss\w*|off|absent|away)\b(?: [\w']+){0,2}? ?$")
