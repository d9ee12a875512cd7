"""The plain answer to the question open ("yes", "no idea", "twice", "about 80%").

``plain_answer`` reads a message as the answer to the asked fact: a yes or no,
a choice, a number or a count (with the checks that a number is not an age, a
date or someone else's), or a reason the answer cannot be used.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any

from bot.reading.candidate import CLAUSE, Candidate
from bot.reading.context import Modifier, categories_for, find_modifiers
from bot.reading.counts import (
    AGE_BEFORE,
    AGE_NEXT,
    DAYS_AND_TIMES,
    FULL_DATE,
    NOT_COUNT_NEXT,
    PER,
    POSSESSIVES,
    PREVENTER_WORDS,
    age_from_school_year,
    anchor_regex,
    cancelled_by_service,
    clean,
    one_as_a_thing,
)
from bot.reading.dates import (
    days_listed,
    months_ago_said,
    months_dated,
    plan_from_an_earlier_school_stage,
)
from bot.reading.facts import applies
from bot.reading.numbers import age_from_birth, bound, date_of_birth, number_at
from bot.reading.resolve import UNKNOWN, most_concerning, resolve
from bot.reading.rules import (
    FactReading,
    answer_regexes,
    fact_readings,
    qualifier_regex,
    targets,
)
from bot.reading.said_apart import NONE_ON_RECORD, _backed_source, count_apart
from bot.reading.shares import count_in_shares
from bot.reading.text import Joined, Token

_NOT_THINGS = frozenset({"percents", "plus", "this", "says", "does", "yes", "thus"})
_LITTLE_WORDS = frozenset(
    {"i", "it", "is", "and", "but", "so", "that", "the", "a", "well", "er", "um", "ok", "yes", "no"}
)
_AGE_GUESSED = re.compile(
    r"\b(?:looks?|looking|seems?|seemed|appears?|would (?:say|guess)|at a guess|guessing|guess)"
    r"(?: (?:about|around|like|maybe|roughly|approx|approximately|to be|older than|younger than))?"
    r" (?:\d|an? )"
)
_IN_MONTH = re.compile(
    r"\b(?:in|during|over) (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
)
_PART_OF_YEAR = re.compile(
    r"\b(?:none|nothing|not once|not any|no more|not one|no admissions?|no visits?) since\b"
    r"|\bbefore (?:that|then)\b|\bup until\b|\buntil (?:recently|the summer|christmas|easter)\b"
)
SOMEONE_ELSE_NOT_THE_CHILD = re.compile(  # "his brother's attendance has dropped, not his"
    r"\b(?:brother|sister|sibling|cousin|twin|friend|classmate|step ?brother|step ?sister"
    r"|half ?brother|half ?sister)s?\b"
    r"(?:(?!\b(?:not|no|never|none|fine|ok|okay|good|happy|settled|well|alright|great)\b)[^,;])*"
    r"(?:[,;] ?| but | and | though )(?:but )?"
    r"(?:not (?:him|her|his|hers|them|theirs)(?: own| himself| herself| though| as well)?"
    r"|(?:he|she|him|her|hers|his(?= has| have| is| was| did| does)|his own|her own|theirs"
    r"|this one|this child|this girl|this boy|our one|our child)(?: himself| herself)?"
    r" (?:has not|have not|has never|had not|never|is not|was not|were not|did not|does not"
    r"|'s not)\b(?:(?! but |said|say|told|tell|mention).)*)"
    r" ?[.!]?$"
)
_NOT_THIS_BUT_THAT = re.compile(
    r"\bnot (?:[\w']+ ){1,3}?,? ?(?:-|,)? ?(?:it 's|it is|its|it was|but|rather|she has|he has"
    r"|they have|she 's got|he 's got|actually) (.+)$"
)
_ON_OCCASIONS = re.compile(
    r"\b(?:at|in|over|during|around|just before|just after|after|before) (?:the )?"
    r"(?:easter|christmas|half term|summer|spring|autumn|winter|new year|holidays|bonfire night"
    r"|halloween|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b"
)
_ANOTHER_CHILD = re.compile(
    r"\b(?:brother|sister|sibling|cousin|twin|stepbrother|stepsister)s?\b"
    r"(?! (?:and|&) (?:him|her)\b)"
)
_MISSED_IN_MONTHS = re.compile(
    r"\b(?:in|for|on|during|of) (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b"
)
_MISSED = re.compile(
    r"\bmissed\b|\bdid not (?:attend|go|turn up|show)|\bdna|\bnot brought\b|\bno ?show"
)
_NONE_THIS_YEAR = re.compile(
    r"^(?:none|no|nothing|not any|zero|not once|not one)(?: [\w']+){0,2}? (?:this year|in the last"
    r" (?:year|12 months)|in the past (?:year|12 months)|this past year|in 12 months)\b"
    r"(?=.*\b(?:the year before|the previous year|last year|before that|previously"
    r"|the year prior)\b)"
)
_NONE_OF_THE_COUNT = re.compile(
    r"\b(?:no|never|none|not|zero|nil)\b(?: \w+){0,2} (?:missed|missing|admitted|admissions?|"
    r"been in|been to a&e|appointments?|inhalers?|prescriptions?|scripts?|visits?|attendances?|"
    r"times?)\b"
)
_FEW: dict[str, Any] = {"just the one": 1, "only the one": 1, "just one": 1, "only one": 1,
        "a few": UNKNOWN, "few": UNKNOWN, "quite a few": 3, "several": 3, "a couple": 2,
        "couple": 2, "a handful": 5, "handful": 5, "a couple of times": 2, "multiple": 3,
        "numerous": 4}  # fmt: skip
_SHARES = (("3 quarters", 75), ("a quarter", 25), ("1 quarter", 25), ("2 thirds", 67),
           ("a third", 33), ("1 third", 33),
           ("half(?! term| terms| an hour| a day| the morning| the afternoon)", 50))  # fmt: skip
_EVEN_SPLIT = re.compile(r"(?<![\w./])50 ?(?:/ ?|- ?)?50(?![\w./])|\bfifty ?-? ?fifty\b")
_NEVER_OFF = re.compile(
    r"^(?:(?:she|he|they) (?:is|'s|are|has|have) )?(?:never|not once|not ever)(?: been)?"
    r" (?:off|absent|away|missed|misses|ill off|off sick)\b(?! (?:for|until|till|since|till))"
    r"|(?:^|(?<= ))(?:has|have|'s|'ve) (?:never|not) (?:had|missed|taken) (?:a|1|a single)"
    r" (?:day|session)(?: off)?\b"
)
_KNOWS_BETTER = re.compile(
    r"\b(?:the |her |his |their |a |our )?(?:social worker|sw|health visitor|hv|school nurse|nurse"
    r"|gp|teacher|dsl|early help worker|eh worker|family worker|key ?worker|foster carer|team"
    r"|consultant|dsn|camhs|school|ward|mum|dad|she|he|they)(?: [\w']+)? (?:would|will|might|may"
    r"|should|could|'d|'ll) (?:know|be able to tell you|be better placed|have a better idea)"
    r"(?: better| more| for sure| that)?\b"
)
_ANOTHER_DID_IT = re.compile(  # "I think the SW spoke to him?": a guess at what another did
    r"\b(?:the |her |his |their |a |our |my )?(?:social worker|sw|health visitor|hv|school nurse"
    r"|nurse|gp|teacher|dsl|head|early help worker|eh worker|family worker|key ?worker"
    r"|foster carer|team|consultant|dsn|camhs|school|ward|police|office|manager|colleague)"
    r"(?: (?:has|had|have|'s|may have|might have|must have))? (?:spoke|spoken|talked|rang|rung"
    r"|phoned|called|contacted|emailed|wrote|written|met|saw|seen|told|visited|been in touch"
    r"|got in touch|got hold of|reached)\b"
)
_DECADES = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
            "seventies": 70, "eighties": 80, "nineties": 90}  # fmt: skip
_MONTH_NAMES = (
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\b"
)
_MANY = re.compile(r"\b(?:lots|loads|many|countless|tons|too many|so many|hundreds)\b")


def _reaches(mod: Modifier, spans: list[tuple[int, int]]) -> bool:
    """Whether a modifier's scope reaches the words of another finding (token spans)."""
    rule = mod.rule
    forward = rule.direction in ("FORWARD", "BIDIRECTIONAL")
    backward = rule.direction in ("BACKWARD", "BIDIRECTIONAL")
    return any(
        (forward and start >= mod.end and start - mod.end <= rule.max_scope)
        or (backward and mod.start >= end and mod.start - end <= rule.max_scope)
        for start, end in spans
    )


def plain_answer(
    text: str,
    tokens: list[Token],
    asked: str,
    today: dt.date,
    taken: list[tuple[int, int]],
    age: int | None = None,
) -> Candidate | str | None:
    """The plain answer to the asked fact, a reason it cannot be used, or ``None``
    (``age``: the child's age when already known)."""
    fact = fact_readings()[asked]
    joined = Joined(tokens, 0, len(tokens))
    whole = (0, len(tokens))
    if fact.kind == "age":
        born = date_of_birth(text, today)
        if born:
            age, _, _, exact = born
            return Candidate(asked, age, "affirmed", exact, 0, 1)
        dated = FULL_DATE.search(text)
        got = dated and age_from_birth(
            int(dated.group(1)), int(dated.group(2)), int(dated.group(3)), today
        )
        if got:  # a whole date given for "how old?" is a date of birth: to confirm
            return Candidate(asked, got[0], "affirmed", False, 0, 1)
        year_group = {
            i + 1
            for i, t in enumerate(tokens[:-1])
            if t.norm in ("year", "yr", "y") and tokens[i + 1].number is not None
        }
        year_group |= {  # "year 9 or 10", "yr 5/6": the second number is a year group too
            i + 2
            for i in sorted(year_group)
            if i + 2 < len(tokens)
            and tokens[i + 1].norm in ("or", "/", "-", "to")
            and tokens[i + 2].number is not None
        }
        ages = [
            (i, t.number)
            for i, t in enumerate(tokens)
            if t.number is not None and i not in year_group
        ]
        if (year_group or re.search(r"\breception\b|\bnursery\b", joined.text)) and not ages:
            school_year = age_from_school_year(joined.text, today, asked=True)
            if school_year is None:
                return "that looks like a school year group; I need the age in years"
            return Candidate(asked, school_year, "affirmed", False, *whole)
        ages = [(i, v) for i, v in ages if not _negated_number(tokens, i)] or ages
        backed = _backed_source(joined.text) if len(ages) >= 2 else None
        if backed is not None and backed <= 18:  # "mum says 12 but the roll has 11, roll's right"
            return Candidate(asked, backed, "affirmed", False, *whole)
        if (
            ages
            and _AGE_GUESSED.search(joined.text)
            and answer_regexes()["unknown"].search(joined.text)
        ):  # "no idea, looks about 10": a guess beside a "don't know" is not known
            return Candidate(asked, UNKNOWN, "uncertain", False, *whole)
        if ages:
            i, found_age = ages[0]
            value = found_age or 0.0
            nxt = tokens[i + 1].norm if i + 1 < len(tokens) else ""
            if nxt in ("months", "month", "mths"):
                value = value // 12
            elif i >= 2 and tokens[i - 1].norm == "be" and tokens[i - 2].norm in ("will", "would"):
                value = (value or 1) - 1  # "he'll be 10 in March"
            elif nxt in ("weeks", "week", "days", "day"):
                value = 0
            elif (
                (i >= 1 and tokens[i - 1].norm in ("nearly", "almost", "nearing") and value >= 1)
                or (
                    i >= 3
                    and tokens[i - 1].norm in ("turn", "be")
                    and " ".join(t.norm for t in tokens[max(0, i - 4) : i - 1]).endswith(
                        ("about to", "going to", "will", "soon to")
                    )
                )
                or (
                    i >= 2
                    and " ".join(t.norm for t in tokens[i - 2 : i]) == "going on"
                    and value >= 1
                )
            ):
                value -= 1  # "nearly 5"
            elif (
                nxt == "in"
                and value >= 1
                and re.search(
                    rf"^in (?:a few|a couple of|\d+|a) (?:weeks?|days?|months?)|^in {_MONTH_NAMES}",
                    " ".join(t.norm for t in tokens[i + 1 : i + 5]),
                )
            ):
                value -= 1  # "14 in a few weeks", "10 in March"
            elif nxt in ("next", "soon", "shortly") and value >= 1:
                value -= 1  # "seventeen next month"
            guessed = _AGE_GUESSED.search(joined.text) is not None  # "looks about 12": to confirm
            return Candidate(asked, clean(value), "affirmed", not guessed, i, i + 1)
        if re.search(r"\b(?:newborn|new born|baby|infant)\b", joined.text):
            return Candidate(asked, 0, "affirmed", False, 0, len(tokens))
    if asked == "condition":
        put_right = _NOT_THIS_BUT_THAT.search(joined.text)
        named = sorted(
            (found.start(), rule.value)
            for rule in targets()
            if put_right and rule.fact == asked
            for found in [rule.regex.search(put_right.group(1))]
            if found
        )
        if named:  # "it's not asthma it's CF": the condition said after the one denied
            return Candidate(asked, named[0][1], "affirmed", False, *whole)
    if fact.kind == "count":
        if "%" in joined.text:
            return "that looks like a percentage, and this question needs a number of times"
        shared = count_in_shares(tokens, asked)
        if shared is not None:  # "DNA'd 3 of the last 5", "2 a term", "I can't see a number"
            return shared
        apart = count_apart(tokens, asked)
        if apart is not None:  # "been to one out of the four", "I'd go with the hospital's"
            return apart
        numbers = [
            (i, number_at(tokens, i))
            for i in range(len(tokens))
            if number_at(tokens, i) is not None
            and not _negated_number(tokens, i)
            and not _one_not_had(text, tokens, i)
            and not one_as_a_thing(tokens, i)
            and not (asked == "reliever_prescriptions_12m" and _counts_preventers(tokens, i))
            and not (i > 0 and tokens[i - 1].norm == "every")
            and not _part_of_a_count(tokens, i)
            and not (i + 1 < len(tokens) and tokens[i + 1].norm in NOT_COUNT_NEXT)
            and not _an_age_said(tokens, i)
            and not (tokens[i].norm == "both" and any(number_at(tokens, j) for j in range(i)))
            and not _calls_made(tokens, i)
        ]  # "twice, both DKA": the both are the two; "rung 111 twice": calls, not visits
        month_dates = months_dated(tokens, today)
        numbers = [n for n in numbers if n[0] not in month_dates]  # "August 2025": a date
        if not numbers and re.search(
            r"\b(?:never|not|not ever) (?:once )?(?:seen|noticed|spotted|seen (?:her|him|them)"
            r" with)\b",
            joined.text,
        ):  # "I've never seen the inhaler in her bag": what the writer saw is not a count
            return Candidate(asked, UNKNOWN, "uncertain", False, *whole)
        days = days_listed(text, today)
        if days and not numbers:  # "WNB 12/01/26, 03/04/26", "issued 14/01, 02/03": one a date
            this_year = sum(1 for day in days if (today - day).days < 365)
            return Candidate(asked, this_year, "affirmed", False, *whole)
        if month_dates and not numbers:  # "only time was August 2025, nothing since": 0 this year
            recent = sum(1 for ago in month_dates.values() if ago < 12)
            recent += len(re.findall(r"\bagain\b", joined.text))  # "... and again last month"
            return Candidate(asked, recent, "affirmed", False, *whole)
        own = [n for n in numbers if not _about_someone_else(tokens, n[0])]
        if not own and SOMEONE_ELSE_NOT_THE_CHILD.search(joined.text):
            return Candidate(
                asked, 0, "negated", False, *whole
            )  # "his twin's missed lots, not him"
        if numbers and not own and _ANOTHER_CHILD.search(joined.text):
            return None  # "his brother's been admitted twice": no count of the child's own
        numbers = own or numbers  # "his brother's been in 4 times, him just the once"
        numbers = [n for n in numbers if not cancelled_by_service(tokens, n[0])] or numbers
        part_of_year = _PART_OF_YEAR.search(joined.text) is not None
        listed = False
        if numbers and _UNRELATED.search(joined.text):
            # "one eye clinic, nothing to do with the epilepsy": to confirm, never as said
            return Candidate(asked, 0 if len(numbers) == 1 else UNKNOWN, "hedged", False, *whole)
        half = _HALF_OF_BOOKED.search(joined.text)
        if half and len(numbers) == 1 and (numbers[0][1] or 0) >= 2:
            # "half of them, and she had 8 booked": half the ones booked, to confirm
            return Candidate(asked, clean((numbers[0][1] or 0) // 2), "affirmed", False, *whole)
        if len(numbers) >= 2:
            last, said_last = numbers[-1]
            if _SO_IN_ALL.search(" ".join(t.norm for t in tokens[max(0, last - 3) : last])):
                # "3 attendances but one was a broken wrist, so 2 for the asthma": the last said
                return Candidate(asked, clean(said_last or 0), "affirmed", False, last, last + 1)
        if numbers:
            i, highest = max(numbers, key=lambda n: n[1] or 0)
            value = highest or 0.0
            if _counts_added(tokens, [j for j, _ in numbers], asked):
                # "one admission in April and A&E twice since", "24 on script + 3 from OOH"
                total = sum(n or 0 for _, n in numbers)
                return Candidate(asked, clean(total), "affirmed", False, i, i + 1)
            if len(numbers) == 1:
                value += len(re.findall(r"\bagain\b", joined.text))
                one_more = _ONE_MORE.search(joined.text)
                if one_more and one_more.start() > joined.offsets[i]:
                    # "two admissions plus an A&E visit": one more, to confirm
                    return Candidate(asked, clean(value + 1), "affirmed", False, i, i + 1)
                if _one_more_after_an_event(tokens, i):
                    value += 1  # "went to A&E in May, and once in spring": the once is another
                    listed = True
            elif all(_is_frequency(tokens, j) for j, _ in numbers):
                value = sum(n or 0 for _, n in numbers)  # "twice in May and once in August"
                value += len(re.findall(r"\bagain\b", joined.text))
            elif _a_list_of_counts(tokens, [j for j, _ in numbers]):
                value = sum(n or 0 for _, n in numbers)  # "missed 2 clinic, 1 dietitian, 1 eye"
                listed = True
            elif _counts_said_apart(tokens, [j for j, _ in numbers]):
                value = sum(n or 0 for _, n in numbers)  # "cancelled 3 on the day and no-showed 1"
                listed = True
            months_named = len(_IN_MONTH.findall(joined.text))
            sure = not part_of_year and months_named <= value and not listed
            value = max(value, months_named)  # "once in feb, once in june, then PICU in november"
            per = _per_year(" ".join(t.norm for t in tokens[max(0, i - 2) : i + 5]))
            return Candidate(
                asked, clean(((value or 0) + bound(tokens, i)) * per), "affirmed", sure, i, i + 1
            )
        one = re.search(r"\b(?:just|only) (?:the )?one\b", joined.text)
        if one and not re.search(r"\b(?:not|never)\b", joined.text):
            return Candidate(asked, 1, "affirmed", False, *whole)  # "just the one, rebooked"
        missed_in = _MISSED_IN_MONTHS.findall(joined.text)
        if (
            asked == "missed_appointments_12m"
            and len(missed_in) >= 2
            and _MISSED.search(joined.text)
        ):
            # "missed the review in feb and the one rebooked for march": one a month named
            return Candidate(asked, len(missed_in), "affirmed", False, *whole)
        by_service = re.search(
            r"cancel\w* by (?:the )?(?:hospital|clinic|gp|surgery|team|consultant|nhs|them)"
            r"|(?:hospital|clinic|gp|surgery|consultant) cancel",
            joined.text,
        )
        if part_of_year or (
            not by_service
            and re.search(
                r"\bcancel|\bre ?scheduled|\bre ?arranged|\bre ?booked|\btechnically\b",
                joined.text,
            )
        ):
            # "none since the summer, before that...", "mum cancelled them all": not a count
            return Candidate(asked, UNKNOWN, "uncertain", False, *whole)
        if re.search(
            r"(?:brought to|attended|been to|went to|made|taken to) (?:all|every one|every single"
            r" one|each|all of them|every appointment)"
            r"|(?:has not|have not|not|never|'s) missed (?:any|a single one|one)|none missed"
            r"|(?:does not|do not|has not|have not|never|did not) (?:have|had|got|use|used|need|"
            r"needed|been prescribed) (?:a|any|one|the) (?:blue|reliever|salbutamol|ventolin)"
            r"|(?:brings?|takes?|gets?|got|took|brought) (?:him|her|them) to (?:all|every|each)",
            joined.text,
        ):
            return Candidate(asked, 0, "affirmed", True, *whole)
        if asked == "missed_appointments_12m" and re.search(
            r"\ball (?:of )?(?:his|her|their|the) (?:[\w']+ ){0,2}?(?:reviews|appointments|appts"
            r"|clinics|check ?ups|follow ?ups)(?: have| were| got| has)?(?: all)?(?: been)?"
            r" (?:attended|kept|gone to|made)",
            joined.text,
        ):  # "missed the dentist but all her diabetes clinics were attended": none of these
            return Candidate(asked, 0, "affirmed", False, *whole)
        if re.search(
            r"\b(?:half|most|majority|all|loads|lots|many) of (?:them|those|her|his)\b"
            r"|\b(?:not brought to|did not attend|missed) (?:any|all|every)\b"
            r"|\bdischarged (?:from (?:the )?clinic )?(?:for|because of|after) (?:not attending|non"
            r" attendance|dna|missed)"
            r"|\bdischarged (?:[\w']+ ){1,6}?(?:for|because of|after|due to) (?:not attending|non"
            r" ?attendance|dna|dnas|missed|not being brought|repeated)",
            joined.text,
        ) and not re.search(r"\b(?:never|has not|have not|not|'s) missed any\b", joined.text):
            return Candidate(asked, UNKNOWN, "uncertain", False, *whole)
        rate = _per_year(joined.text)
        if rate > 1 and not re.search(r"\b(?:no|not|never|none)\b", joined.text):
            return Candidate(asked, clean(rate), "hedged", False, *whole)  # "about monthly"
        months = re.findall(_MONTH_NAMES, joined.text)
        if len(months) >= 2:
            return Candidate(asked, len(months), "affirmed", False, *whole)
        times = len(_ON_OCCASIONS.findall(joined.text))
        times = times if times >= 2 else times + len(re.findall(r"\bagain\b", joined.text))
        if times >= 2 and not re.search(r"\b(?:no|not|never|none)\b", joined.text):
            return Candidate(asked, times, "affirmed", False, *whole)  # "at easter and in october"
        for phrase, vague in sorted(_FEW.items(), key=lambda kv: -len(kv[0])):
            if re.search(rf"\b{phrase}\b", joined.text):
                return Candidate(asked, vague, "uncertain", False, 0, len(tokens))
    if fact.kind == "percent":
        decade = re.search(
            rf"\b(low|mid|high) (?:({'|'.join(_DECADES)})|([1-9]0) s)\b", joined.text
        )
        if decade:  # "high eighties", "high 80s": near enough to record, to be confirmed
            tens = _DECADES[decade.group(2)] if decade.group(2) else int(decade.group(3))
            low = 2 if decade.group(2) else 0  # "low 70s": the number said, the safer side
            value = tens + {"low": low, "mid": 5, "high": 7}[decade.group(1)]
            return Candidate(asked, value, "affirmed", False, *whole)
        for words_said, share in _SHARES[:-1]:
            if re.search(rf"\b{words_said}\b", joined.text):
                return Candidate(asked, share, "affirmed", True, 0, len(tokens))
        if _EVEN_SPLIT.search(joined.text):  # "50/50", "fifty-fifty": half, to confirm
            return Candidate(asked, 50, "affirmed", False, *whole)
        if _NEVER_OFF.search(joined.text):  # "never off, even with the CF": all there, to confirm
            return Candidate(asked, 100, "affirmed", False, *whole)
        fraction = _fraction_said(joined.text)
        if fraction is not None:  # "attended 9/10ths", "missed 1/5 of sessions", "7 tenths"
            return Candidate(asked, fraction, "affirmed", True, *whole)
        week = re.search(
            r"(?<![\w.])(\d) days? (?:a|per|each|every|of the|out of the|in (?:a |the )?) ?week",
            joined.text,
        )
        if week:
            return Candidate(asked, int(week.group(1)) * 20, "affirmed", True, *whole)
        said_age = {
            i
            for i in range(2, len(tokens))
            if AGE_BEFORE.search(" ".join(t.norm for t in tokens[max(0, i - 3) : i]))
        }
        numbers = [
            (i, t.number)
            for i, t in enumerate(tokens)
            if t.number is not None
            and not _negated_number(tokens, i)
            and i not in said_age
            and not (i + 1 < len(tokens) and tokens[i + 1].norm in DAYS_AND_TIMES)
            and not _counts_things(tokens, i)
        ]  # "she's been in 2 days since half term", "2 mattresses" are not 2 %
        if numbers:
            i, lowest = min(numbers, key=lambda n: n[1] or 0)
            if lowest is not None and 0 < lowest < 1 and "%" not in joined.text:
                # "0.72": a share said as a decimal, 72 %, to confirm
                return Candidate(asked, clean(round(lowest * 100, 1)), "affirmed", False, i, i + 1)
            return Candidate(
                asked, clean((lowest or 0) + bound(tokens, i)), "affirmed", True, i, i + 1
            )
        for words_said, share in _SHARES:
            if re.search(rf"\b{words_said}\b", joined.text):
                return Candidate(asked, share, "affirmed", True, 0, len(tokens))
    if asked == "management_plan":
        stage = plan_from_an_earlier_school_stage(joined.text, age)
        if stage is not None:  # "it's from reception and she's in year 5 now"
            return Candidate(asked, stage, "affirmed", False, *whole)
        if re.search(
            r"\b(?:no|not any|without (?:a|any)) date\b"
            r"|\b(?:not|never) (?:been )?dated\b|\bundated\b",
            joined.text,
        ) and not re.search(r"\bno (?:plan|care plan|one)\b", joined.text):
            # "the file mentions a plan but there's no date on it": current or not is not known
            return Candidate(asked, UNKNOWN, "uncertain", False, *whole)
        weeks = re.search(
            r"\b(?:plan|one|it|written|done|made|reviewed|updated|redone|drawn up|wrote|did)"
            r"(?: [\w']+){0,4}? (?:\d+|a few|a couple of|a|two|three|few) (?:weeks?|days?) ago\b",
            joined.text,
        )
        if weeks and not re.search(r"\bno (?:plan|one)\b", joined.text):
            return Candidate(asked, "current", "affirmed", True, *whole)  # "did it 6 weeks ago"
        season = re.search(
            r"\b(?:updated|reviewed|redone|renewed|revised|rewritten|done|written|last one was"
            r"|last reviewed|last updated|last done)(?: [\w']+){0,3}? (?:in|over|during) (?:the )?"
            r"(?:spring|summer|autumn|this term|last term|the summer holidays|september|october"
            r"|november)\b",
            joined.text,
        )
        if season and not re.search(r"\bno (?:plan|one)\b|\blast year\b|\b20[12]\d\b", joined.text):
            return Candidate(asked, "current", "affirmed", False, *whole)  # "updated in the spring"
        ago = re.search(
            r"\b(?:plan|one|1 from|it|written|done|made|reviewed|updated|redone|drawn up|wrote|did)"
            r"(?: [\w']+){0,4}? (?:(\d+) (months?|years?)|(?:over|more than) a year) ago\b",
            joined.text,
        )
        if ago and not re.search(r"\bno (?:plan|one)\b", joined.text):
            plan_age = 13.0 if not ago.group(1) else float(ago.group(1))
            plan_age *= 12 if (ago.group(2) or "").startswith("year") else 1
            if plan_age >= 12:  # "one from the discharge 18 months ago, nothing since"
                return Candidate(asked, "out_of_date", "affirmed", True, *whole)
            return Candidate(asked, "current", "affirmed", False, *whole)
        months_ago = months_ago_said(text, tokens, today)
        if months_ago and not re.search(r"\bno (?:plan|one)\b", joined.text):  # "14/10/2024"
            plan = "out_of_date" if min(months_ago) >= 12 else "current"
            return Candidate(asked, plan, "affirmed", min(months_ago) >= 24, *whole)
        years = [int(t.number) for t in tokens if t.number and 1990 <= t.number <= today.year]
        if years and not re.search(r"\bno (?:plan|one)\b", joined.text):
            year = max(years)
            if year <= today.year - 2:
                return Candidate(asked, "out_of_date", "affirmed", True, *whole)
            return Candidate(
                asked, "out_of_date" if year < today.year else "current", "affirmed", False, *whole
            )
    if asked == "attendance_declining":
        went = re.search(r"\bfrom (\d+(?:\.\d+)?) ?%? (?:down )?to (\d+(?:\.\d+)?)\b", joined.text)
        if went and float(went.group(1)) != float(went.group(2)):
            dropped_to = "yes" if float(went.group(2)) < float(went.group(1)) else "no"
            return Candidate(asked, dropped_to, "affirmed", True, *whole)  # "gone from 96 to 71"
        then_now = _THEN_NOW.search(joined.text)
        if then_now:  # "was 96 last year, 81 now", "was 5 days out of 5, now 3"
            now = float(then_now.group(2) or then_now.group(3))
            if now != float(then_now.group(1)):
                fell = "yes" if now < float(then_now.group(1)) else "no"
                return Candidate(asked, fell, "affirmed", False, *whole)
        percents = [t.number for i, t in enumerate(tokens[:-1]) if tokens[i + 1].norm == "%"]
        numbers_said = [p for p in percents if p is not None]
        if len(numbers_said) >= 2 and numbers_said[0] != numbers_said[-1]:
            said_first = "down from" not in joined.text and "from" not in joined.text
            dropped = numbers_said[-1] < numbers_said[0] if said_first else True
            if dropped:
                return Candidate(asked, "yes", "affirmed", True, *whole)
    found: list[tuple[int, int, str]] = []
    doubted: list[tuple[int, int]] = []
    short_message = len([t for t in tokens if t.norm not in CLAUSE]) <= 4
    for kind, regex in answer_regexes().items():
        if kind.startswith("short_"):
            if not short_message:
                continue
            kind = kind[len("short_") :]
        for match in regex.finditer(joined.text):
            start, end = joined.token_span(match.start(), match.end())
            if kind.startswith("hedged") and _beside_a_number(tokens, start, end):
                continue  # "2 I think, maybe 3": the hedge is about the number
            if kind == "no" and joined.text[match.end() :].startswith(" one "):
                continue  # "no one is sure where she sleeps" is not a "no"
            if (
                kind == "unknown"
                and fact.kind == "count"
                and re.match(
                    r" (?:where|why|who|what)\b| how (?!many|much|often)",
                    joined.text[match.end() :],
                )
            ):
                continue  # "god knows where they're coming from": not known whence, not how many
            inside = any(a < end and start < b for a, b in taken)
            if inside and (kind != "unknown" or joined.text[match.end() :].startswith(" to ")):
                continue  # "no" in "no concerns about drinking", "not known to social care"
            if kind == "unknown" and _doubts_what_follows(tokens, end, taken):
                doubted.append((match.start(), match.end()))
                continue  # "not sure it's given properly": the doubt is the medicine's
            found.append((-match.start(), match.end() - match.start(), kind))
    found = [f for f in found if not any(a <= -f[0] < b for a, b in doubted)]
    modifiers, terminators = find_modifiers(joined)
    about_another = any(a == 0 and b >= len(tokens) for a, b in taken)
    if not found and not about_another and not doubted:  # a hedge about another fact is theirs
        hedges = {
            c
            for m in modifiers
            if applies(m, asked)
            and not _reaches(m, taken)
            and not (asked == "immediate_danger" and _beside_a_number(tokens, m.start, m.end))
            for c in m.rule.categories
        }
        if "POSSIBLE_EXISTENCE" in hedges and fact.yes is not None:
            # "not confirmed", "mum says so but I'm not convinced": a hedge with no answer
            # word. A hedge that reaches another fact's words ("I think 2 admissions") is
            # about that fact: the asked one is then asked again, never answered for them.
            found.append((0, 0, "doubted_yes" if "NEGATED_EXISTENCE" in hedges else "hedged_yes"))
        elif fact.kind == "count" and re.search(
            r"more than (?:i|we|anyone) can count|too many to count|countless|lost count",
            joined.text,
        ):
            return Candidate(asked, UNKNOWN, "uncertain", False, *whole)
        elif fact.kind == "count" and _MANY.search(joined.text):
            return "I need a number rather than a word like 'lots'"
        elif fact.kind in ("count", "percent", "age"):
            return {
                "count": "I could not find a number in that",
                "percent": "I could not find a percentage in that",
                "age": "I could not find an age in that",
            }[fact.kind]
        else:
            return None
    chosen: list[tuple[int, int, str]] = []
    for neg_start, length, kind in sorted(found, key=lambda f: (-f[1], -f[0])):
        start_char = -neg_start
        if not any(start_char < -c[0] + c[1] and -c[0] < start_char + length for c in chosen):
            chosen.append((neg_start, length, kind))
    kinds = {c[2] for c in chosen}
    if len(kinds) == 2 and kinds in ({"yes", "hedged_yes"}, {"no", "hedged_no"}):
        chosen = [c for c in chosen if c[2].startswith("hedged")]  # the hedge qualifies the answer
    readings = [
        r
        for r in (_one_answer(fact, asked, joined, modifiers, terminators, c) for c in chosen)
        if r
    ]
    if not readings:
        return None
    if fact.kind == "count" and any(isinstance(r, Candidate) for r in readings):
        readings = [r for r in readings if isinstance(r, Candidate)]  # "none, mum's good at it"
    if any(isinstance(r, str) for r in readings):
        return next(r for r in readings if isinstance(r, str))
    values = [r.value for r in readings if isinstance(r, Candidate)]
    if len({str(v) for v in values}) == 1:
        first = readings[-1] if len(readings) > 1 else readings[0]
        if isinstance(first, Candidate) and _a_bare_word_before_another_fact(
            joined, chosen, taken, asked == "immediate_danger"
        ):
            return replace(first, confident=False)
        return first
    # "yes at school, no idea at home": answers that disagree give the safer one, to confirm
    safer = most_concerning(fact, values)
    return Candidate(asked, safer, "uncertain", False, *whole, from_answer=True)


_CLAUSE_SUBJECTS = frozenset(
    {
        "it",
        "its",
        "it's",
        "she",
        "shes",
        "she's",
        "he",
        "hes",
        "he's",
        "they",
        "theyre",
        "they're",
        "mum",
        "mums",
        "mum's",
        "dad",
        "dads",
        "dad's",
        "that",
        "this",
        "if",
        "whether",
    }
)


def _doubts_what_follows(tokens: list[Token], end: int, taken: list[tuple[int, int]]) -> bool:
    """Whether a "not sure" or "don't know" ending at ``end`` opens a clause ("not sure it's
    given properly", "don't think mum's drinking") whose words state another fact: the doubt
    is about that fact, so it answers nothing about the asked one. A question word after it
    ("no idea who does her insulin") keeps it an answer."""
    if end >= len(tokens) or tokens[end].norm not in _CLAUSE_SUBJECTS:
        return False
    return any(a <= end + 2 and b > end for a, b in taken)


def _beside_a_number(tokens: list[Token], start: int, end: int) -> bool:
    """Whether the words at ``start:end`` stand next to a number ("2 i think", "maybe 3")."""
    before = tokens[start - 1].number if start > 0 else None
    after = tokens[end].number if end < len(tokens) else None
    return before is not None or after is not None


def _a_bare_word_before_another_fact(
    joined: Joined,
    chosen: list[tuple[int, int, str]],
    taken: list[tuple[int, int]],
    asked_danger: bool = False,
) -> bool:
    """Whether the answer is one plain "no" or "yes" opening a message whose other words
    state another fact ("no, nobody knows who puts her to bed"): it may answer those words,
    so it is offered back to confirm, never recorded as it stands."""
    if len(chosen) != 1 or chosen[0][2] not in ("yes", "no"):
        return False
    start, end = joined.token_span(-chosen[0][0], -chosen[0][0] + chosen[0][1])
    if start != 0 or end > 2:
        return False
    if any(a >= end for a, _ in taken):
        return True
    said_after = [t for t in joined.tokens[end:] if t.norm not in CLAUSE]
    # "yes it's been dropping since year 8" to "in danger now?": danger words would have
    # been heard first, so a yes told with a story of something else is offered back
    return asked_danger and chosen[0][2] == "yes" and len(said_after) >= 4


def _one_answer(
    fact: FactReading,
    asked: str,
    joined: Joined,
    modifiers: list[Modifier],
    terminators: list[Modifier],
    found: tuple[int, int, str],
) -> Candidate | str | None:
    """Read one answer phrase ("yes", "no idea", "i think so") against the asked fact."""
    neg_start, length, kind = found
    whole = (0, len(joined.tokens))
    if kind == "unknown":
        if not fact.unknown:
            return 'this question needs an answer; choose "other" if none fits'
        return Candidate(asked, UNKNOWN, "uncertain", True, *whole)
    if fact.kind in ("count", "percent", "age"):
        if kind in ("no", "hedged_no") and fact.kind == "count":
            start, _ = joined.token_span(-neg_start, -neg_start + length)
            said_text = joined.text
            if _MANY.search(said_text) and not re.match(r"(?:none|zero|nil|0)\b", said_text):
                return (
                    "I need a number rather than a word like 'lots'"  # "loads, mum never takes him"
                )
            if start > 1 and not _NONE_OF_THE_COUNT.search(said_text):
                return None  # "mum never takes him": a never about something else
            if kind == "no" and NONE_ON_RECORD.search(said_text):
                return Candidate(asked, 0, "affirmed", False, *whole)  # "none collected - but"
            if kind == "no" and _NONE_THIS_YEAR.search(said_text):
                return Candidate(asked, 0, "affirmed", False, *whole)  # "none this year, 3 before"
            sure = kind == "no" and not qualifier_regex().search(said_text)
            return Candidate(
                asked,
                0 if sure or kind == "hedged_no" else UNKNOWN,
                "affirmed" if sure else "hedged",
                sure,
                *whole,
            )  # "none that I can see but they use another chemist": not a sure none
        return {
            "count": "I need a number of times",
            "percent": "I need a percentage",
            "age": "I need the age in years",
        }[fact.kind]
    if kind in ("concern", "reassure"):
        if not fact.concerning or not fact.reassuring or asked == "immediate_danger":
            return None
        base = fact.concerning[0] if kind == "concern" else fact.reassuring[0]
        start, end = joined.token_span(-neg_start, -neg_start + length)
        said, _ = categories_for(start, end, asked, modifiers, terminators, whole)
        if kind == "concern":
            said.add("POSSIBLE_EXISTENCE")  # a worry is not yet a fact: asked back
        if kind == "reassure" and "FAMILY" in said and fact.about_child:
            return None  # "his brother's fine": nothing said of the child
        if kind == "reassure" and "HISTORICAL" in said and fact.unsure is not None:
            return Candidate(asked, fact.unsure, "past", False, *whole)  # "used to be fine"
        got = resolve(fact, base, said - {"HISTORICAL", "FAMILY"})
        if got is None:
            return None
        return Candidate(asked, got[0], got[1], got[2] and kind == "reassure", *whole)
    if (
        kind == "hedged_yes"
        and fact.unknown
        and (_KNOWS_BETTER.search(joined.text) or _ANOTHER_DID_IT.search(joined.text))
    ):
        # "I think so? the social worker would know better", "I think school rang him?": a
        # guess handed on, or a guess at what another did, is not known
        return Candidate(asked, UNKNOWN, "uncertain", False, *whole)
    if kind == "no_concerns":
        base = fact.reassuring[0] if fact.reassuring else fact.no
        kind = "no"
    else:
        base = fact.yes if kind in ("yes", "hedged_yes", "doubted_yes") else fact.no
    if base is None:
        return None
    categories: set[str] = set()
    if length:
        start, end = joined.token_span(-neg_start, -neg_start + length)
        categories, _ = categories_for(start, end, asked, modifiers, terminators, whole)
        for mod in modifiers:  # "nothing proven": the answer word inside a longer hedge
            if mod.start <= start and end <= mod.end and (mod.end - mod.start) > (end - start):
                categories |= mod.rule.categories
        categories -= {"HISTORICAL", "FAMILY", "TERMINATE", "PSEUDO"}
    if kind.startswith("hedged"):
        categories.add("POSSIBLE_EXISTENCE")
    if kind == "doubted_yes":
        categories |= {"POSSIBLE_EXISTENCE", "NEGATED_EXISTENCE"}
    if kind in ("no", "hedged_no") and "NEGATED_EXISTENCE" in categories:
        categories.discard("NEGATED_EXISTENCE")  # "no, not at all" stays no
    got = resolve(fact, base, categories)
    if got is None:
        return None
    word_at = joined.token_span(-neg_start, -neg_start + length)[0] if length else 0
    mid_sentence = word_at > 1 and len(joined.tokens) > 4  # "loads, mum never takes her"
    unread = not length and _words_beside_the_cues(joined, modifiers) >= 2  # "same flat, i think"
    confident = got[2] and not mid_sentence and not unread
    return Candidate(asked, got[0], got[1], confident, *whole, from_answer=True)


_FRACTION = re.compile(
    r"(?<![\w./])(\d+(?:\.\d+)?) ?/ ?(\d+)(?: ?(?:ths?|s))?(?![\w./])"
    r"|(?<![\w./])(\d+) (tenths|fifths|quarters|thirds|halves|sixths|eighths|twentieths)\b"
)
_PARTS = {"tenths": 10, "fifths": 5, "quarters": 4, "thirds": 3, "halves": 2, "sixths": 6,
          "eighths": 8, "twentieths": 20}  # fmt: skip
_MISSED_SAID = re.compile(r"\b(?:miss\w*|off|absent|away|out)\b(?: [\w']+){0,2}? ?$")


def _fraction_said(text: str) -> float | None:
    """A share of the sessions said as a fraction ("9/10ths", "4/5", "7 tenths"), as a percentage;
    the share missed when it follows "missed" or "off" ("off 1/5 of the time": 80 %)."""
    found = _FRACTION.search(text)
    if found is None:
        return None
    if found.group(1) is not None:
        part, whole = float(found.group(1)), float(found.group(2))
    else:
        part, whole = float(found.group(3)), float(_PARTS[found.group(4)])
    if whole <= 0 or part > whole:
        return None  # "14/11" is a date, not a share
    value = round(100 * part / whole, 1)
    if _MISSED_SAID.search(text[: found.start()]):
        value = round(100 - value, 1)
    return clean(value)


def _words_beside_the_cues(joined: Joined, modifiers: list[Modifier]) -> int:
    """Words outside every cue: what a hedge with no answer word leaves unread."""
    inside = {i for mod in modifiers for i in range(mod.start, mod.end)}
    return sum(
        1
        for i, token in enumerate(joined.tokens)
        if i not in inside and token.norm not in CLAUSE and token.norm not in _LITTLE_WORDS
    )


def _counts_things(tokens: list[Token], i: int) -> bool:
    """A number of things named after it ("2 mattresses", "3 cans"), not a share."""
    if i + 1 >= len(tokens):
        return False
    word = tokens[i + 1].norm
    return word.isalpha() and len(word) >= 4 and word.endswith("s") and word not in _NOT_THINGS


def _an_age_said(tokens: list[Token], i: int) -> bool:
    """A number said as the child's age ("not at school yet, she's 3"), not a count."""
    nxt = tokens[i + 1].norm if i + 1 < len(tokens) else None
    before = " ".join(t.norm for t in tokens[max(0, i - 3) : i])
    value = tokens[i].number
    then = tokens[i + 2] if i + 2 < len(tokens) else None
    said_and = (  # "he's 9 and was admitted twice": the age, then what happened
        nxt == "and" and then is not None and then.number is None
    )
    return (
        value is not None
        and value <= 17
        and (nxt in AGE_NEXT - {"times", "and", "in", "last", "this", "or", "-"} or said_and)
        and AGE_BEFORE.search(before) is not None
    )


def _part_of_a_count(tokens: list[Token], i: int) -> bool:
    """A number that counts some of another ("twice of those", "6" in "2 of his 6 reviews")."""
    after = " ".join(t.norm for t in tokens[i + 1 : i + 3])
    before = " ".join(t.norm for t in tokens[max(0, i - 3) : i])
    later = " ".join(t.norm for t in tokens[i + 1 : i + 6])
    return (
        after.startswith(("of those", "of them", "of these", "of which"))
        or bool(re.search(r"\d+(?:\.\d+)? of (?:his|her|their|the)$", before))
        or bool(
            re.match(
                r"(?:\w+ )?(?:in )?the (?:year|12 months) before"
                r"|(?:\w+ )?the previous year|(?:\w+ )?the year prior",
                later,
            )
        )
    )  # "3 in the year before, 9 in the last 12 months"


_UNRELATED = re.compile(
    r"\b(?:nothing to do with|not (?:for|about|related to|because of)|unrelated to) "
    r"(?:the |his |her |their )?(?:asthma|epilepsy|diabetes|sickle|sickle cell|cf|cystic fibrosis"
    r"|condition|chest)"
    r"|\bnot the (?:asthma|epilepsy|diabetes|sickle cell|cf)\b"
)
_ONE_MORE = re.compile(
    r"\b(?:plus|and|as well as|\+|on top of that) (?:an?|one|another|1) (?:[\w&]+ ){0,2}?(?:a&e|"
    r"admission|visit|attendance|trip|stay|appointment|clinic|dna|inhaler|prescription|script|"
    r"review|time)\b"
    r"|\b(?:plus|as well as|\+|on top of that) (?:the|that|an?|one) (?:[\w&]+ ){0,2}?(?:ambulance|"
    r"a&e|ed|admission|visit|attendance|trip|stay|dna|wnb|script|blue one|inhaler|prescription)\b"
)
_ADDED = re.compile(r"^(?:.* )?(?:and|plus|\+|as well as|then)(?: .*)?$")


def _counts_added(tokens: list[Token], indexes: list[int], asked: str) -> bool:
    """Whether several counts are of different events to add up: each with its own word of the
    fact ("admission", "A&E", "on script"), joined by "and" / "plus" / "+" and none a part of
    another ("2 admissions, one in PICU" is one count)."""
    if len(indexes) < 2 or len(indexes) > 4:
        return False
    anchor = anchor_regex().get(asked)
    for before, index in zip(indexes, indexes[1:], strict=False):
        between = " ".join(t.norm for t in tokens[before + 1 : index])
        if not _ADDED.match(between) and tokens[index - 1].norm not in ("+", "plus"):
            return False
        nxt = tokens[index + 1].norm if index + 1 < len(tokens) else ""
        if nxt in ("of", "was", "were", "is", "in") and not (
            nxt == "of"
            and index + 2 < len(tokens)
            and tokens[index + 2].norm not in POSSESSIVES
            and tokens[index + 2].norm not in ("them", "those", "these", "which", "the")
        ):
            return False  # "one was in PICU", "2 of them", "3 in the last year"
        around = " ".join(t.norm for t in tokens[max(0, index - 4) : index + 5])
        own = anchor is not None and anchor.search(around)
        if not own and tokens[index - 1].norm not in ("+", "plus"):
            return False
    return True


def _one_more_after_an_event(tokens: list[Token], i: int) -> bool:
    """A number of times after "and" that follows words of one event not counted.

    "went to A&E last week, and once in spring": the once is another time, so two.
    """
    if not _is_frequency(tokens, i) or i < 3:
        return False
    before = [t.norm for t in tokens[max(0, i - 3) : i]]
    if before[-1] not in ("and", "plus", "also") and before[-2:] != ["and", "also"]:
        return False
    said_before = [t for t in tokens[:i] if t.norm not in CLAUSE and t.norm != "and"]
    return len(said_before) >= 2


def _a_list_of_counts(tokens: list[Token], indexes: list[int]) -> bool:
    """Whether several numbers are a list of things counted, each after a comma or "and"."""
    if len(indexes) < 2:
        return False
    return all(
        tokens[i - 1].norm in (",", "and", "plus")
        and (i + 1 < len(tokens))
        and tokens[i + 1].number is None
        and tokens[i + 1].norm not in NOT_COUNT_NEXT
        and tokens[i + 1].norm not in ("in", "was", "were", "of")  # "2 admissions, one in PICU"
        for i in indexes[1:]
    )


def _about_someone_else(tokens: list[Token], i: int) -> bool:
    """Whether the number stands in words about another person ("his brother's been in 4 times")."""
    before = " ".join(t.norm for t in tokens[max(0, i - 5) : i])
    return bool(
        re.search(
            r"\b(?:his|her|their|the) (?:big |little |older |younger |baby )?"
            r"(?:brother|sister|sibling|cousin|mum|dad|twin)s?(?: 's)?\b(?!.*\b(?:him|her)\b)",
            before,
        )
    )


def _is_frequency(tokens: list[Token], i: int) -> bool:
    """Whether a number is a number of times ("twice", "3 times", "once")."""
    nxt = tokens[i + 1].norm if i + 1 < len(tokens) else ""
    return tokens[i].norm in ("once", "twice", "thrice") or nxt in ("times", "time", "x")


def _per_year(text: str) -> float:
    """How many a year "every month" / "a week" / "every couple of weeks" means (1 if none)."""
    every = re.search(r"every (\d+|couple of|few|other) (weeks?|months?)", text)
    if every:
        count = {"couple of": 2, "few": 3, "other": 2}.get(every.group(1))
        each = float(count if count else every.group(1)) or 1
        return (52 if every.group(2).startswith("week") else 12) / each
    if re.search(r"\b(?:a|every|each|per) fortnight\b|fortnightly", text):
        return 26
    return next((n for p, n in PER if p in text), 1)


def _counts_preventers(tokens: list[Token], i: int) -> bool:
    """A number of preventers ("2 preventers, 9 salbutamol"), not of relievers."""
    nxt = tokens[i + 1].norm if i + 1 < len(tokens) else ""
    return nxt in PREVENTER_WORDS or nxt.rstrip("s") in PREVENTER_WORDS


_THEN_NOW = re.compile(
    r"\b(?:was|were|used to be|it was) (?:about |around |on |at |in )?(\d+(?:\.\d+)?)\b[^.?]{0,30}?"
    r"(?:\bnow (?:only |just |down to |up to |at |about |around |on )?(\d+(?:\.\d+)?)\b"
    r"|\b(\d+(?:\.\d+)?) (?:%|percent )?(?:now|this (?:year|term)))"
)
_HALF_OF_BOOKED = re.compile(
    r"\bhalf (?:of )?(?:them|those|her|his|the)\b.*\b\d+ (?:booked|offered|arranged|sent|made"
    r"|scheduled|appointments booked)\b|\b\d+ (?:booked|offered|arranged|scheduled)\b.*\bhalf\b"
)
_SO_IN_ALL = re.compile(
    r"(?:^|\s)(?:so|leaving|leaves|making|makes|so that 's|so that is|so really|so only|so just"
    r"|that leaves|which leaves|that makes|which makes|total of|so in total)$"
)


_CALLED = {"rang", "rung", "ring", "rings", "ringing", "called", "calls", "call", "calling",
           "phoned", "phone", "phones", "phoning", "dialled", "dialed", "dial", "contacted",
           "tried"}  # fmt: skip


def _calls_made(tokens: list[Token], i: int) -> bool:
    """A phone number called (111, 999, 101) or how often it was ("mum's rung 111 twice")."""

    def called(j: int) -> bool:
        return tokens[j].number in (111, 999, 101) and j > 0 and tokens[j - 1].norm in _CALLED

    return called(i) or (i > 0 and called(i - 1))


def _counts_said_apart(tokens: list[Token], indexes: list[int]) -> bool:
    """Two counts each with words of its own, joined by "and" ("cancelled 4 on the day and
    didn't show for 2"), not a range ("2 and 3")."""
    if len(indexes) != 2:
        return False
    between = [t.norm for t in tokens[indexes[0] + 1 : indexes[1]]]
    return "and" in between and len(between) >= 3 and not {"or", "to", "between"} & set(between)


def _one_not_had(text: str, tokens: list[Token], i: int) -> bool:
    """The word "one" after a negation stands for the thing, not a count.

    "he hasn't needed one", "never been given one", "no one has": none, not 1.
    """
    typed = text[tokens[i].start : tokens[i].end].lower()
    before = {t.norm for t in tokens[max(0, i - 3) : i]}
    return typed == "one" and bool(before & {"not", "never", "no", "nor"})


def _negated_number(tokens: list[Token], i: int) -> bool:
    before = [t.norm for t in tokens[max(0, i - 2) : i]]
    if tokens[i].norm == "once" and _never_before(tokens, i):
        return True  # "I've never seen her use it once": "once" is the "never" said again
    return bool(before) and (
        before[-1] in ("not", "rather than") or before[-2:] == ["rather", "than"]
    )


def _never_before(tokens: list[Token], i: int) -> bool:
    """Whether "never" or "not" comes before token ``i`` in its clause."""
    for j in range(i - 1, max(-1, i - 12), -1):
        if tokens[j].norm in CLAUSE or tokens[j].norm in ("but", "and"):
            return False
        if tokens[j].norm in ("never", "not"):
            return True
    return False
