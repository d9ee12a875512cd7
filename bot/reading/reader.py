"""Read one message: danger now, asides, findings for every fact it states.

``read_message`` is what ``bot.reading.read`` runs. Steps, all over one list
of tokens (bot.reading.text): danger now (danger.yml, with the cues of
cues.yml setting aside past, hypothetical and negated events), asides
(asides.yml), the facts stated (lexicon.yml, resolved by ConText and
resolve.py), numbers near their anchors (numbers.py), and, when a question is
open, the plain answer to it ("yes", "no idea", "twice").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from bot.reading import Aside, Finding, Reading
from bot.reading.context import Modifier, categories_for, find_modifiers
from bot.reading.numbers import age_from_birth, bound, date_of_birth, number_at
from bot.reading.resolve import UNKNOWN, most_concerning, polarity, resolve
from bot.reading.rules import (
    FactReading,
    ReadingDataError,
    answer_regexes,
    aside_rules,
    could_match,
    danger_rules,
    fact_readings,
    keywords,
    mend_all,
    phrase_regex,
    qualifier_regex,
    targets,
)
from bot.reading.text import Joined, Token, sentences, words

MAX_READ_CHARS = 3000
EVIDENCE_CHARS = 140
_CLAUSE = {",", ";", ".", "!", "?", "\n"}
_ADULT_USES = re.compile(
    r"\b(?:mum|mother|dad|father|partner|boyfriend|girlfriend|step ?dad|step ?mum|uncle|aunt|"
    r"lodger|adults?|someone|somebody)(?: 's (?:partner|boyfriend|girlfriend|friend|mate))?"
    r"(?: \w+){0,3} (?:using|uses|used|taking|takes|took|smoking|smokes|selling|sells)\b"
)
_OWN_MEDICINE = re.compile(
    r"\b(?:he (?:\w+ )?(?:takes|took|taking|has|had|uses|used) his|"
    r"she (?:\w+ )?(?:takes|took|taking|has|had|uses|used) her)\b"
)
_NOT_THINGS = frozenset({"percents", "plus", "this", "says", "does", "yes", "thus"})
_ONE_AS_A_THING_AFTER = frozenset(
    {"has", "have", "got", "gets", "a", "an", "the", "new", "any", "another", "written", "done",
     "made", "need", "needs", "using", "use", "uses", "carrying", "carries", "with"}
)  # fmt: skip
_AFTER_A_THING = frozenset({"on", "at", "from", "but", "and", "which", "that", "though", "i", "we"})
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "our", "us"})
_INVOLVED = frozenset(
    {"are", "is", "has", "have", "had", "were", "was", "involved", "open", "working", "allocated",
     "know", "knows", "supporting", "closed", "visiting", "visit", "visits", "see", "sees", "got",
     "with", "gets", "get", "known", "referred", "under", "supported", "support", "input", "by"}
)  # fmt: skip
_TEAM_WORDS = frozenset(
    {"team", "teams", "service", "services", "nurse", "worker", "workers", "unit", "manager",
     "lead", "coordinator", "co-ordinator", "officer", "practitioner", "department", "hub", "panel"}
)  # fmt: skip
_PEOPLE_FIRST = frozenset(
    {"mum", "dad", "mother", "father", "she", "he", "they", "carer", "carers", "parents",
     "partner", "nan", "gran", "grandad", "stepdad", "boyfriend", "girlfriend", "mam"}
)  # fmt: skip
_LITTLE_WORDS = frozenset(
    {"i", "it", "is", "and", "but", "so", "that", "the", "a", "well", "er", "um", "ok", "yes", "no"}
)
_LEAD_IN = re.compile(
    r"^(?:actually|sorry|correction|oops|no wait|wait|i meant|i mean|my mistake|my bad|"
    r"apologies|to correct|can you change|change|update|please change|please update|"
    r"scrap that|ignore that|not quite|i got that wrong|that is wrong|that 's wrong|"
    r"it should be|it should say|should have said|i should have said)\b"
)
_CORRECTION_INSIDE = re.compile(
    r"\b(?:it 's only|it is only|only suspected|rather than|instead of|not \d+ but|i said .* but)\b"
    r"|\b(?:he|she|they) (?:does|do|did|is|are|has|have) (?:actually |in fact )?(?!not\b)\w+"
)
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
_AGE_NEXT = {None, ",", ".", "and", "with", "years", "year", "years old", "old", "now", "but",
             "who", "has", "!", "?", ";", "next", "in", "this", "so", "yrs", "or", "soon",
             "going", "turning", "&", "she", "he", "boy", "girl", "at", "not", "sorry",
             "actually", "-", "last"}  # fmt: skip
_AGE_BEFORE = re.compile(
    r"(?:^| )(?:she|he|child|son|daughter|boy|girl|baby|they|one|youngest|eldest|oldest|lad|pupil"
    r"|kid|toddler|brother|sister|young person|yp|cyp|teenager|teen|young man|young woman"
    r"|young lady|little one|infant|student) (?:'s|is|was|turned|turns|are)"
    r"(?: actually| really| definitely)?(?: only| just| nearly| almost| about| around)?$"
)
_CHILD_NOUNS = {"lad", "boy", "girl", "child", "son", "daughter", "kid", "pupil", "toddler",
                "student", "yp", "cyp", "lass", "kids", "teenager", "teen", "lads",
                "lasses"}  # fmt: skip
_CHILD_NOUNS_WITH_S = frozenset(f"{noun}'s" for noun in _CHILD_NOUNS | {"baby", "son", "daughter"})
_PAST_AGE = re.compile(
    r"(?:^| )(?:since|when|until|till|from|before|after) (?:she|he|they) (?:was|were)$"
)
_SAID_CONDITION_LAST = {"asthmatic", "epileptic", "diabetic", "fibrosis", "cell", "t1dm"}
_CONDITION_NEXT = {"asthma", "asthmatic", "epilepsy", "epileptic", "cf", "cystic", "diabetes",
                   "diabetic", "type", "t1d", "t1dm", "t1", "sickle", "scd"}  # fmt: skip
_MEASURES = {"hba1c", "weight", "height", "score", "level", "sats", "temp", "temperature", "sugar",
             "sugars", "bm", "glucose", "ketones", "dose", "pulse", "rate", "count", "total",
             "result", "reading", "number", "flow", "attendance", "mum", "dad"}  # fmt: skip
_NOT_COUNT_NEXT = {"%", "years", "year", "years old", "months", "month", "weeks", "week",
                   "days", "day", "hours", "minutes", "am", "pm", "o'clock", "yrs", "mins", "min",
                   "secs", "sec", "seconds", "moments", "ticks"}  # fmt: skip
_TAKEN_BACK = re.compile(  # "no, well, his cousin had one": the plain answer, then a story
    r"^(?:no|nope|nah|yes|yeah|yep|not really)\b[ ,.]*(?:well|but|although|though|except|"
    r"actually|mind you|saying that|having said that|then again)\b(?:\W+\w+){3,}"
)
_GOOD_WORDS = r"(?:fine|good|great|better|spot on|sorted|ok|okay|brilliant|much better|really good)"
_PRESENT_WINS = re.compile(  # "fine now, it wasn't before Christmas but it's been spot on since"
    rf"^(?:[\w']+ ){{0,3}}?{_GOOD_WORDS} (?:now|these days|at the moment) (?:, )?"
    r"(?:it|she|he|they|mum|dad) (?:was not|were not|did not|has not|used to be (?:bad|poor"
    r"|rubbish|awful|a struggle)|was (?:bad|poor|rubbish|awful|terrible|a struggle))"
    r"(?: [\w']+){0,4}? (?:, )?(?:but |though |and )?"
    rf"(?:it|she|he|they) (?:'s|is|has|have|are) (?:been )?{_GOOD_WORDS}(?: since| now| ever since"
    r"| since then)?(?: \.)?$"
)
_FINE_TAKEN_BACK = re.compile(  # "fine. well... she did say ...": a reassurance, then a story
    r"^(?:fine|ok|okay|alright|all right|all good|all fine|good|seems fine|she is fine|he is fine"
    r"|she 's fine|he 's fine)\b[ ,.!]*(?:well|but|although|though|except|actually|mind you|"
    r"saying that|having said that|then again|thinking about it)\b(?:\W+\w+){3,}"
)
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
_AGE_GUESSED = re.compile(
    r"\b(?:looks?|looking|seems?|seemed|appears?|would (?:say|guess)|at a guess|guessing|guess)"
    r"(?: (?:about|around|like|maybe|roughly|approx|approximately|to be|older than|younger than))?"
    r" (?:\d|an? )"
)
_SCHOOL_YEAR_ANSWER = re.compile(r"\b(?:year|yr|y) (\d{1,2})\b|\b(reception|nursery)\b")
_QUESTION_WORDS = {"would", "could", "can", "do", "does", "did", "is", "are", "was", "were",
                   "should", "what", "how", "why", "who", "when", "where", "which", "will",
                   "have", "has", "shall", "am"}  # fmt: skip
_IN_MONTH = re.compile(
    r"\b(?:in|during|over) (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
)
_PART_OF_YEAR = re.compile(
    r"\b(?:none|nothing|not once|not any|no more|not one|no admissions?|no visits?) since\b"
    r"|\bbefore (?:that|then)\b|\bup until\b|\buntil (?:recently|the summer|christmas|easter)\b"
)
_OVER_A_YEAR_AGO = re.compile(
    r"^(?:[\w']+ ){0,2}?(?:(?:1[2-9]|[2-9]\d|\d{3}) months|(?:\d+|a few|a couple of|two|several)"
    r" years|over a year|more than a year) ago\b"
)
_SOMEONE_ELSE_NOT_THE_CHILD = re.compile(  # "his brother's attendance has dropped, not his"
    r"\b(?:brother|sister|sibling|cousin|twin|friend|classmate|step ?brother|step ?sister"
    r"|half ?brother|half ?sister)s?\b"
    r"(?:(?!\b(?:not|no|never|none|fine|ok|okay|good|happy|settled|well|alright|great)\b)[^,;])*"
    r"(?:[,;] ?| but | and | though )(?:but )?"
    r"(?:not (?:him|her|his|hers|them|theirs)(?: own| himself| herself| though| as well)?"
    r"|(?:he|she|him|her|this one|this child|this girl|this boy|our one|our child)"
    r"(?: himself| herself)? (?:has not|have not|has never|had not|never|is not"
    r"|was not|were not|did not|does not|'s not)\b(?:(?! but |said|say|told|tell|mention).)*)"
    r" ?[.!]?$"
)
_THE_CHILD_NOT = (
    re.compile(  # what the choice facts take of it: "not him", "she is not on anything"
        r"(?:not (?:him|her|his|hers|them|theirs)(?: own| himself| herself| though| as well)?"
        r"|(?:he|she) (?:is|was|'s) not on (?:anything|any plan|a plan|one|1)"
        r"|(?:this one|this child|this girl|this boy|our one|our child) (?:is|was|'s) not\b"
        r"(?:(?!\b(?:yet|but|though|pending|icpc|conference|strategy|s47|section|assessment)\b)"
        r"[^.!?])*)"
        r" ?[.!]?$"
    )
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
_THE_CHILD_IS_NOT = re.compile(  # "her brother's upset, she isn't": the same words denied of her
    r"[,;] ?(?:but )?(?:he|she) (?:is not|was not|'s not)(?: though| really| at all)? ?[.!]?$"
)
_SAID_OF_ANOTHER_CHILD = {"attendance_declining", "child_distress", "existing_involvement"}
_MONTH_NUMBERS = {"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
                  "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
                  "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
                  "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12}  # fmt: skip
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
_ASKS_WHAT_A_WORD_MEANS = re.compile(
    r"^(?:sorry ,? |sorry - |um ,? |erm ,? )?(?:what do you mean by"
    r"|what (?:counts|would count|do you count) as|what (?:is|does) (?:meant|mean) by|define"
    r"|what is meant by|meaning of)(?: [\w'&]+){1,5} ?\??$"
)
_PREVENTER_WORDS = {
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
_NONE_OF_THE_COUNT = re.compile(
    r"\b(?:no|never|none|not|zero|nil)\b(?: \w+){0,2} (?:missed|missing|admitted|admissions?|"
    r"been in|been to a&e|appointments?|inhalers?|prescriptions?|scripts?|visits?|attendances?|"
    r"times?)\b"
)
_DAYS_AND_TIMES = {"days", "day", "weeks", "week", "sessions", "times", "lates", "absences",
                   "hours", "months", "years", "mornings", "afternoons", "mins", "min",
                   "minutes", "secs", "sec", "seconds", "moments", "ticks"}  # fmt: skip
_POSSESSIVES = {"his", "her", "their", "my", "your", "our", "its"}
_FEW: dict[str, Any] = {"just the one": 1, "only the one": 1, "just one": 1, "only one": 1,
        "a few": UNKNOWN, "few": UNKNOWN, "quite a few": 3, "several": 3, "a couple": 2,
        "couple": 2, "a handful": 5, "handful": 5, "a couple of times": 2, "multiple": 3,
        "numerous": 4}  # fmt: skip
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10}  # fmt: skip
_SHARES = (("3 quarters", 75), ("a quarter", 25), ("1 quarter", 25), ("2 thirds", 67),
           ("a third", 33), ("1 third", 33),
           ("half(?! term| terms| an hour| a day| the morning| the afternoon)", 50))  # fmt: skip
_DECADES = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
            "seventies": 70, "eighties": 80, "nineties": 90}  # fmt: skip
_MONTH_NAMES = (
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\b"
)
_MANY = re.compile(r"\b(?:lots|loads|many|countless|tons|too many|so many|hundreds)\b")
_PER = (("a month", 12), ("per month", 12), ("every month", 12), ("monthly", 12),
        ("a week", 52), ("per week", 52), ("every week", 52), ("weekly", 52))  # fmt: skip


@dataclass
class _Candidate:
    fact: str
    value: Any
    assertion: str
    confident: bool
    start: int
    end: int
    from_answer: bool = False
    own_words: bool = False  # evidence is its own words only (a name said before an age is not)


@lru_cache(maxsize=1)
def _anchor_regex() -> dict[str, re.Pattern[str]]:
    out = {}
    for name, fact in fact_readings().items():
        if fact.anchors:
            alternation = "|".join(
                rf"{re.escape(a)}" for a in sorted(fact.anchors, key=len, reverse=True)
            )
            out[name] = phrase_regex({"pattern": f"(?:{alternation})"}, f"facts.yml {name}")
    return out


def _evidence(
    text: str, tokens: list[Token], start: int, end: int, sentence: tuple[int, int]
) -> str:
    """The typed words a finding rests on: its clause, or its own words if that is long."""
    first, last = start, end
    while first > sentence[0] and tokens[first - 1].norm not in _CLAUSE:
        first -= 1
    while last < sentence[1] and tokens[last].norm not in _CLAUSE:
        last += 1
    phrase = text[tokens[first].start : tokens[last - 1].end].strip()
    if len(phrase) > EVIDENCE_CHARS:
        phrase = text[tokens[start].start : tokens[end - 1].end].strip()
    return phrase


def _stated(
    joined: Joined, sentence: tuple[int, int], rules: list[dict[str, Any]]
) -> list[tuple[int, int, str]]:
    """The phrases of ``rules`` said of now in one sentence: (start, end, kind)."""
    cues: tuple[list[Modifier], list[Modifier]] | None = None  # read once a phrase is found
    told_otherwise: list[tuple[int, int]] | None = None
    later: list[tuple[int, int]] | None = None
    out: list[tuple[int, int, str]] = []
    for rule in rules:
        if not could_match(rule["needs"], joined.text):
            continue
        for match in rule["regex"].finditer(joined.text):
            if any(habit.match(joined.text, match.end()) for habit in _habits_after()):
                continue  # "dad's violent when he drinks": a habit, not now
            if later is None:
                later = [
                    m.span() for regex in _later_not_now() for m in regex.finditer(joined.text)
                ]
            if any(a <= match.start() and match.end() <= b for a, b in later):
                continue  # "safe here now but scared to go home tonight": later, not now
            if told_otherwise is None:
                told_otherwise = [
                    found.span()
                    for regex in _danger_phrases("not_now_around")
                    for found in regex.finditer(joined.text)
                ]
            if any(a <= match.start() and match.end() <= b for a, b in told_otherwise):
                continue  # "I keep picturing him on the floor fitting": a memory
            if cues is None:
                cues = _danger_cues(joined, *find_modifiers(joined))
            start, end = joined.token_span(match.start(), match.end())
            cats, _ = categories_for(start, end, "DANGER", *cues, sentence)
            if not cats & {"NEGATED_EXISTENCE", "HISTORICAL", "HYPOTHETICAL"}:
                out.append((start, end, rule["kind"]))
    return out


def _danger_cues(
    joined: Joined, modifiers: list[Modifier], terminators: list[Modifier]
) -> tuple[list[Modifier], list[Modifier]]:
    """The cues of a sentence as danger reads them (danger.yml): a "still" or "now" held by
    a condition ends nothing ("if she is still fitting after 5 minutes", ``condition_holds``),
    and the cues of a plea, an apology or an earlier event are none ("if anyone's there
    please help", ``not_a_condition`` and ``not_cues``)."""

    def spans(key: str) -> list[tuple[int, int]]:
        return [
            joined.token_span(*found.span())
            for regex in _danger_phrases(key)
            for found in regex.finditer(joined.text)
        ]

    held = {end for _, end in spans("condition_holds")}
    pleas = spans("not_a_condition") + spans("not_cues")
    return (
        [m for m in modifiers if not _within(m.start, m.end, pleas)],
        [t for t in terminators if t.end not in held],
    )


def _within(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _screen_danger(
    text: str,
    tokens: list[Token],
    spans: list[tuple[int, int]],
    kind_asked: bool = False,
    kind_unsure: bool = False,
) -> tuple[str | None, str | None, set[str]]:
    """Danger now: (the words that state it, its kind, the kinds the words tell).

    The kind is "both" when harm and medical words are in one message ("mum's
    off her head and he can't breathe"); the kinds told (kind_words of
    danger.yml and the danger phrases) also answer "what kind of danger?".
    Words typed without their apostrophe are read as meant first ("hes" is
    "he 's", ``forms`` of danger.yml). The kind words are read only when a
    danger is stated or its kind asked (``kind_asked``); the words of help called
    ("ambulance") tell no kind when the practitioner says they do not know it
    (``kind_unsure``).
    """
    tokens = [Token(_danger_form(t.norm), t.start, t.end, t.number) for t in tokens]
    tokens, spans = _list_as_one(text, tokens, spans)
    said: list[str] = []
    kinds: set[str] = set()
    told: set[str] = set()
    found = []
    past_from = _told_as_past_from(Joined(tokens, 0, len(tokens)))
    settled = _settled(tokens, spans)
    for sentence in spans:
        joined = Joined(tokens, *sentence)
        present = _stated(joined, sentence, danger_rules())
        if settled:  # "the ambulance is here now, she's ok": the help called has come
            come = _help_come_spans(joined)
            present = [p for p in present if not _within(p[0], p[1], come)]
        found.append((sentence, joined, [p for p in present if p[1] > past_from]))
    kind_words = _kind_words() if kind_asked or any(present for *_, present in found) else []
    if kind_unsure:
        kind_words = [w for w in kind_words if not w["help"]]
    for sentence, joined, present in found:
        words_told = _stated(joined, sentence, kind_words)
        harm = [(a, b) for a, b, kind in present if kind == "harm"]
        harm_told = harm + [(a, b) for a, b, kind in words_told if kind == "harm"]
        for start, end, kind in words_told:
            if not (kind == "medical" and _within(start, end, harm_told)):
                told.add(kind)  # "mum is unconscious" tells harm, not medical
        for start, end, kind in present:
            if kind == "medical" and _within(start, end, harm):
                continue  # "mum has collapsed": danger from being left without care
            if kind != "unknown" and not (kind == "medical" and _within(start, end, harm_told)):
                kinds.add(kind)
                told.add(kind)
            phrase = _evidence(text, tokens, start, end, sentence)
            if phrase not in said:
                said.append(phrase)
    if not said:
        return None, None, told
    kinds |= told
    if not kinds:
        return "; ".join(said)[:300], None, told
    kind = "both" if len(kinds) > 1 else next(iter(kinds))
    return "; ".join(said)[:300], kind, told


def _told_as_past_from(whole: Joined) -> int:
    """The token where words telling the story before them as an earlier day's begin ("... that
    was back in March", danger.yml ``told_as_past``), or -1; never when the message says the
    danger goes on or asks for help now (``told_as_past_unless``)."""
    past = _danger_phrases("told_as_past")
    starts = [found.start() for regex in past for found in regex.finditer(whole.text)]
    if not starts or any(r.search(whole.text) for r in _danger_phrases("told_as_past_unless")):
        return -1
    return whole.token_span(min(starts), min(starts) + 1)[0]


def _list_as_one(
    text: str, tokens: list[Token], spans: list[tuple[int, int]]
) -> tuple[list[Token], list[tuple[int, int]]]:
    """A numbered list read as one sentence, its numbers as commas, for danger.

    "1. seizure 2. not stopping 3. no buccal here" states one danger in
    fragments, and no fragment says it alone. A list is numbered from 1 (at
    the start of the message, of a line or after a colon or a full stop), then
    2, 3, ..., each number followed by "." or ")"; anything else is left as it is.
    """
    numbers: list[int] = []
    for i, tok in enumerate(tokens):
        if tok.norm != str(len(numbers) + 1) or text[tok.end : tok.end + 1] not in (".", ")"):
            continue
        gap = text[tokens[i - 1].end : tok.start] if i else "\n"
        if numbers or "\n" in gap or ":" in gap or tokens[i - 1].norm in _CLAUSE:
            numbers.append(i)
    if len(numbers) < 2:
        return tokens, spans
    stops = {i + 1 for i in numbers if i + 1 < len(tokens) and tokens[i + 1].norm == "."}
    out: list[Token] = []
    items: list[int] = []
    for i, tok in enumerate(tokens):
        if i in numbers:
            items.append(len(out))
            out.append(Token(",", tok.start, tok.end))
        elif i not in stops:
            out.append(tok)
    merged: list[tuple[int, int]] = []
    for span in sentences(out, text):
        if merged and span[0] in items[1:] and merged[-1][1] > items[0]:
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    return out, merged


def _danger_form(norm: str) -> str:
    """A word as the danger phrases read it: "hes" is "he 's", "sugar's" is "sugar 's"."""
    forms = _danger_data().get("forms", {})
    norm = forms.get(norm, norm)
    if norm.endswith("'s") and len(norm) > 2 and " " not in norm:
        return forms.get(norm[:-2], norm[:-2]) + " 's"  # "mom's" is "mum 's"
    if norm.endswith("in") and norm + "g" in _ing_words():
        return norm + "g"  # "slurrin" is "slurring"
    return norm


@lru_cache(maxsize=1)
def _ing_words() -> frozenset[str]:
    """The words ending in -ing that the danger phrases and kind words use."""
    data = _danger_data()
    found: set[str] = set()
    for key in ("danger", "kind_words"):
        for entry in data.get(key, []):
            found.update(re.findall(r"[a-z]{3,}ing\b", str(entry.get("pattern", ""))))
    return frozenset(found)


@lru_cache(maxsize=1)
def _danger_data() -> dict[str, Any]:
    from pathlib import Path

    import yaml

    data = yaml.safe_load((Path(__file__).parent / "danger.yml").read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def _habits_after() -> tuple[re.Pattern[str], ...]:
    """What, said after a danger phrase, makes it a habit (danger.yml ``habit_after``)."""
    return _raw_patterns("habit_after")


def _later_not_now() -> tuple[re.Pattern[str], ...]:
    """Words that put a danger inside them later (danger.yml ``later_not_now``)."""
    return _raw_patterns("later_not_now")


@lru_cache(maxsize=4)
def _raw_patterns(key: str) -> tuple[re.Pattern[str], ...]:
    """The patterns under ``key`` of danger.yml, compiled as written (matched at a position)."""
    out = []
    for number, entry in enumerate(_danger_data().get(key, []), 1):
        try:
            out.append(re.compile(str(entry["pattern"])))
        except re.error as error:
            raise ReadingDataError(f"danger.yml {key} {number}: bad pattern ({error})") from error
    return tuple(out)


@lru_cache(maxsize=1)
def _kind_words() -> list[dict[str, Any]]:
    """The words that tell a danger's kind without being one (danger.yml ``kind_words``)."""
    out = []
    for number, entry in enumerate(_danger_data().get("kind_words", []), 1):
        where = f"danger.yml kind word {number}"
        if entry.get("kind") not in ("medical", "harm"):
            raise ReadingDataError(f"{where}: kind must be medical or harm")
        regex = phrase_regex(entry, where)
        needs = keywords(regex)
        out.append(
            {"regex": regex, "kind": entry["kind"], "needs": needs, "help": bool(entry.get("help"))}
        )
    return out


@lru_cache(maxsize=16)
def _danger_phrases(key: str) -> tuple[re.Pattern[str], ...]:
    """The phrases under ``key`` of danger.yml (``unsure_no``, ``not_a_condition``, ...)."""
    return tuple(
        phrase_regex(entry, f"danger.yml {key} {number}")
        for number, entry in enumerate(_danger_data().get(key, []), 1)
    )


def _help_only(tokens: list[Token], cand: _Candidate) -> bool:
    """Whether a kind named rests only on words of help called ("ambulance")."""
    if cand.fact != "danger_kind" or cand.end <= cand.start:
        return False
    said = Joined(tokens, cand.start, cand.end).text
    return any(regex.fullmatch(said) for regex in _danger_phrases("help_words"))


def _kinds_said(joined_text: str, key: str) -> set[str]:
    """The kinds an answer denies (``kind_denied``: "not harm") or says in part
    (``kind_in_part``: "not just harm") in danger.yml."""
    return {kind for regex, kind in _kind_rules(key) if regex.search(joined_text)}


@lru_cache(maxsize=2)
def _kind_rules(key: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (phrase_regex(entry, f"danger.yml {key} {number}"), str(entry["kind"]))
        for number, entry in enumerate(_danger_data().get(key, []), 1)
    )


@lru_cache(maxsize=1)
def _settled_rules() -> list[dict[str, Any]]:
    return [
        {"regex": regex, "kind": "unknown", "needs": keywords(regex)}
        for regex in _danger_phrases("settled")
    ]


def _settled(tokens: list[Token], spans: list[tuple[int, int]]) -> bool:
    """Whether the message says the child is safe, settled or with help now ("she's ok",
    "paramedics are with him"; danger.yml ``settled``), not past, hypothetical or negated."""
    return any(_stated(Joined(tokens, *sentence), sentence, _settled_rules()) for sentence in spans)


def _help_come_spans(joined: Joined) -> list[tuple[int, int]]:
    """The token spans of words saying help has come ("the ambulance is here now";
    danger.yml ``help_has_come``)."""
    return [
        joined.token_span(*found.span())
        for regex in _danger_phrases("help_has_come")
        for found in regex.finditer(joined.text)
    ]


def help_has_come(text: str, tokens: list[Token], spans: list[tuple[int, int]]) -> bool:
    """Whether the message says the child is safe or with the help that came, danger aside."""
    del text
    tokens = [Token(_danger_form(t.norm), t.start, t.end, t.number) for t in tokens]
    return _settled(tokens, spans)


@lru_cache(maxsize=1)
def _safe_now_rules() -> list[dict[str, Any]]:
    return [
        {"regex": regex, "kind": "unknown", "needs": keywords(regex)}
        for regex in _danger_phrases("safe_now")
    ]


def _safe_now(tokens: list[Token], spans: list[tuple[int, int]]) -> _Candidate | None:
    """A "no" to immediate danger said as the child's state ("stable now"; danger.yml
    ``safe_now``), not known when hedged ("I think he's stable", "stable-ish")."""
    for sentence in spans:
        joined = Joined(tokens, *sentence)
        for start, end, _ in _stated(joined, sentence, _safe_now_rules()):
            modifiers, terminators = find_modifiers(joined)
            hedges = set()
            for fact in ("DANGER", "immediate_danger"):
                cats, _ = categories_for(start, end, fact, modifiers, terminators, sentence)
                hedges |= cats
            if "POSSIBLE_EXISTENCE" in hedges:
                unsure = fact_readings()["immediate_danger"].unsure or UNKNOWN
                return _Candidate("immediate_danger", unsure, "hedged", False, start, end)
            return _Candidate("immediate_danger", "no", "affirmed", True, start, end)
    return None


def _unsure_no(cand: _Candidate, tokens: list[Token], spans: list[tuple[int, int]]) -> _Candidate:
    """A "no" to immediate danger said with a hedge or without knowing is not known."""
    if cand.fact != "immediate_danger" or cand.value != "no":
        return cand
    sentence = next((s for s in spans if s[0] <= cand.start < s[1]), (0, len(tokens)))
    if cand.from_answer or cand.end <= cand.start:
        sentence = (0, len(tokens))  # a plain "no. well, not that I know of": the whole answer
    said = Joined(tokens, *sentence).text
    if cand.confident and not any(p.search(said) for p in _danger_phrases("unsure_no")):
        return cand
    unsure = fact_readings()["immediate_danger"].unsure or UNKNOWN
    return _Candidate(cand.fact, unsure, "hedged", False, cand.start, cand.end, cand.from_answer)


_SCARE_QUOTE = re.compile(  # "she says she's 'fine'": a reassurance the writer puts in quotes
    r"(?:(?<=[\s(])|^)['‘\"“](?!(?:i|i'm|im|we|my|me)\b)([^'‘’\"“”\n]{1,30}?)['’\"”](?=[\s.,;:!?)]|$)",
    re.IGNORECASE,
)


def _scare_quoted(cand: _Candidate, text: str, tokens: list[Token]) -> _Candidate:
    """A reassurance said in scare quotes ("'fine'", "just 'social drinking'") is doubted.

    The quotes are the writer's: the words are someone's claim the writer does not believe,
    so the reassurance is read as the concern (the fact's hedged value where it has one),
    to confirm, as "I doubt she's fine" is. A child's own words quoted whole ("'I'm fine'")
    are reported speech, not a doubt, and stay as read.
    """
    fact = fact_readings()[cand.fact]
    if cand.end <= cand.start or polarity(fact, cand.value) != "reassurance" or not fact.concerning:
        return cand
    first, last = tokens[cand.start].start, tokens[cand.end - 1].end
    for quoted in _SCARE_QUOTE.finditer(text):
        if len(quoted.group(1).split()) <= 4 and quoted.start(1) < last and first < quoted.end(1):
            doubted = fact.hedged if fact.hedged is not None else fact.concerning[0]
            return replace(cand, value=doubted, assertion="hedged", confident=False)
    return cand


_YEARS_CLEAN = re.compile(  # "clean 2 years", "sober for over a year now"
    r"\b(?:clean|sober|dry|abstinent|not used|not drunk|not had a drink)(?: for| since)?"
    r" (?:over |more than |nearly |almost |about |well over )?(?:\d+|a|a few|several|a couple of)"
    r" (?:years?|yrs?)\b"
)
_USING_NOW = re.compile(
    r"\b(?:relapsed|relapse|relapsing|again|still (?:drinks|drinking|uses|using)|back on|slipped"
    r"|worried|concerns?|suspect|smelt|smelled|smells|drunk|but|drinks|drinking|drinker|uses|using"
    r"|user|addict|alcoholic|high|stoned|dealing|deals)\b"
)
_A_CARER = re.compile(
    r"\b(?:mum|mom|mother|dad|father|stepdad|stepmum|partner|boyfriend|girlfriend|nan|gran"
    r"|grandad|grandma|carers?|parents|both|they)\b"
)


def _recovered_for_years(candidates: list[_Candidate], said: str) -> list[_Candidate]:
    """A carer's misuse told as over for years ("in recovery, clean 2 years") is not now.

    The past clause does not win over the present: years clean with nothing said of use
    since is read as no misuse now, to confirm. Months clean, a relapse or a worry beside it
    keep the past reading (suspected).
    """
    fact = "carer_substance_misuse"
    mine = [c for c in candidates if c.fact == fact]
    if (
        not mine
        or any(c.value != "suspected" or c.confident for c in mine)
        or not _YEARS_CLEAN.search(said)
        or _USING_NOW.search(said)
        or len(set(_A_CARER.findall(said))) > 1
    ):
        return candidates
    no = fact_readings()[fact].reassuring[0]
    return [
        replace(c, value=no, assertion="past", confident=False) if c.fact == fact else c
        for c in candidates
    ]


def _qualified_now(
    cand: _Candidate, tokens: list[Token], spans: list[tuple[int, int]]
) -> _Candidate:
    """``_qualified``, but an apology or a past clause before "she's fine" is no condition on it.

    "no no sorry if I gave that impression, she's fine": the "if" is the
    apology's; "the scary bit was last week when she went down, she's ok now":
    the "when" is the past's.
    """
    if cand.fact == "immediate_danger" and cand.value == "no":
        tokens = _worry_later_masked(tokens)
    if cand.fact != "immediate_danger" or cand.from_answer or cand.end <= cand.start:
        return _qualified(cand, tokens, spans)
    sentence = next((s for s in spans if s[0] <= cand.start < s[1]), (0, len(tokens)))
    joined = Joined(tokens, *sentence)
    modifiers, terminators = find_modifiers(joined)
    clauses, first = [], sentence[0]
    for i in range(sentence[0], cand.start):
        if tokens[i].norm in _CLAUSE:
            if i > first:
                clauses.append((first, i))
            first = i + 1
    masked = list(tokens)
    for clause in clauses:
        text = Joined(tokens, *clause).text
        past = any(
            "HISTORICAL" in m.rule.categories
            and (m.rule.allowed_types is None or "DANGER" in m.rule.allowed_types)
            and clause[0] <= m.start < clause[1]
            for m in modifiers
        )
        strong = any(t.rule.strong and clause[0] <= t.start < clause[1] for t in terminators)
        apology = any(p.search(text) for p in _danger_phrases("not_a_condition"))
        if (past or apology) and not strong:
            for j in range(*clause):
                masked[j] = Token("\u00b7", tokens[j].start, tokens[j].end)
    return _qualified(cand, masked, spans)


def _worry_later_masked(tokens: list[Token]) -> list[Token]:
    """The tokens with a worry about later or in general, or the time the child was seen,
    blanked (danger.yml ``not_a_condition_after``): "no, just worried about tonight" is a "no"."""
    joined = Joined(tokens, 0, len(tokens))
    masked = list(tokens)
    for regex in _danger_phrases("not_a_condition_after"):
        for found in regex.finditer(joined.text):
            start, end = joined.token_span(found.start(), found.end())
            for j in range(start, end):
                if tokens[j].norm not in _CLAUSE or tokens[j].norm == ",":
                    masked[j] = Token("\u00b7", tokens[j].start, tokens[j].end)
    return masked


def _aside(
    joined_text: str, glossary: Mapping[str, re.Pattern[str]]
) -> tuple[Aside | None, str | None]:
    bare = re.sub(r"[^\w' &%]+", " ", joined_text).strip()
    bare = (
        re.sub(
            r"\s+",
            " ",
            re.sub(r"\b(?:please|pls|thanks|thank you|sorry|ok|okay|um|erm)\b", " ", bare),
        ).strip()
        or bare
    )
    term = next((key for key, regex in glossary.items() if regex.search(joined_text)), None)
    for aside, regex, whole in aside_rules():
        if whole:
            if regex.fullmatch(bare) or regex.fullmatch(joined_text.strip(" ?.!")):
                return aside, None
            continue
        if regex.search(joined_text):
            if aside == "explain_term":
                if term is not None and len(bare.split()) <= 12:
                    return aside, term
                continue
            return aside, None
    if term and re.fullmatch(r"[\w' &%]+\s*\?", joined_text.strip()) and len(bare.split()) <= 5:
        return "explain_term", term
    return None, None


@lru_cache(maxsize=1)
def _glossary() -> dict[str, re.Pattern[str]]:
    from pathlib import Path

    import yaml

    path = Path(__file__).parents[1] / "conversation" / "glossary.yml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out = {}
        for key, entry in data["terms"].items():
            names = sorted(
                (" ".join(mend_all(str(n))) for n in entry["names"]), key=len, reverse=True
            )
            body = "|".join(re.escape(n) for n in names)
            out[key] = re.compile(rf"(?<![\w'])(?:{body})(?![\w'])")
        return out
    except (OSError, KeyError, TypeError):
        return {}


def _target_candidates(
    text: str, tokens: list[Token], sentence: tuple[int, int], asked: str | None
) -> list[_Candidate]:
    joined = Joined(tokens, *sentence)
    facts = fact_readings()
    raw: list[tuple[int, int, Any, list[tuple[int, int]]]] = []
    for rule in targets():
        if (rule.when_asked and rule.fact != asked) or not could_match(rule.needs, joined.text):
            continue
        for match in rule.regex.finditer(joined.text):
            if match.end() == match.start():
                continue
            start, end = joined.token_span(match.start(), match.end())
            gaps = []
            if "gap" in rule.regex.groupindex and match.group("gap"):
                gaps.append(joined.token_span(match.start("gap"), match.end("gap")))
            raw.append((start, end, rule, gaps))
    kept: list[tuple[int, int, Any, list[tuple[int, int]]]] = []
    for item in sorted(raw, key=lambda r: (-(r[1] - r[0]), r[2].when_asked, r[2].order)):
        start, end, rule, _ = item
        clash = any(k[2].fact == rule.fact and k[0] < end and start < k[1] for k in kept)
        if not clash:
            kept.append(item)
    modifiers, terminators = find_modifiers(joined)
    kept = [
        k
        for k in kept
        if not any(_applies(m, k[2].fact) and m.start <= k[0] and k[1] <= m.end for m in modifiers)
    ]  # words that are a modifier ("not confirmed") state nothing themselves
    out = []
    for start, end, rule, gaps in kept:
        # a negation in another fact's words over a reassurance ("not" in "she's not fine"
        # read for distress) still says how the reassurance is said
        reassures = polarity(facts[rule.fact], rule.value) == "reassurance"
        own = _unconsumed(
            modifiers,
            [
                k
                for k in kept
                if not reassures or k[:2] == (start, end) or k[1] <= start or end <= k[0]
            ],
        )
        cats, used = categories_for(start, end, rule.fact, own, terminators, sentence, gaps)
        cats, sure = _denial_denied(cats, used, tokens, start, end)
        if rule.fact == "reporter_role" and "POSSIBLE_EXISTENCE" in cats:
            cats -= {"POSSIBLE_EXISTENCE", "NEGATED_EXISTENCE"}  # "I'm a TA, not sure this is…"
        denial_denied = "NEGATED_EXISTENCE" in cats and bool(
            _NOT_THAT_NOT.search(Joined(tokens, sentence[0], start).text)
        )
        if denial_denied:  # "it's not that she isn't given them, she is": not negated
            cats -= {"NEGATED_EXISTENCE"}
        start = min([start, *(m.start for m in used)])
        end = max([end, *(m.end for m in used)])
        got = resolve(
            facts[rule.fact],
            rule.value,
            cats,
            negated_value=rule.negated,
            confident=rule.confident and sure,
        )
        if got is None and "HYPOTHETICAL" in cats:
            got = _supposed_then_denied(facts[rule.fact], rule.value, tokens, end, sentence)
        if (
            got is not None
            and got[1] == "other_person"
            and facts[rule.fact].reassuring
            and _NOT_THE_CARERS.search(joined.text)
        ):  # "his brother uses, not the parents"
            got = (facts[rule.fact].reassuring[0], "other_person", False)
        if got is not None and denial_denied:
            got = (got[0], got[1], False)
        if got is None:
            continue
        value, assertion, confident = got
        out.append(_Candidate(rule.fact, value, assertion, confident, start, end))
    return out


_NOT_THAT_NOT = re.compile(
    r"\bnot that (?:[\w']+ ){0,3}?(?:is|are|was|were|does|do|did|has|have|had|can|could|will)"
    r" not(?: [\w']+){0,2}$"
)
_NOT_THE_CARERS = re.compile(
    r"\bnot (?:the |his |her |their )?(?:parents|mum|dad|mother|father|carers?|mum and dad"
    r"|mum or dad|mum nor dad)\b"
)
_DENIED_HEDGED = re.compile(
    r"\bbut (?:i do not think|i do not believe|i doubt|i would be surprised|i am not sure"
    r"|not sure|i have no reason to think|i would not have thought|i would not think)"
    r"(?: (?:she|he|they|it|that|so|mum|dad|there)\b|$)"
)
_DENIED = re.compile(
    r"\bbut (?:she|he|they|mum|dad|it|there) (?:is|are|does|do|has|have|was|were) not\b"
    r"|\bbut (?:she|he|they|mum|dad) (?:never|does not|do not)\b"
    r"|\bbut (?:i have|we have) (?:not|never) (?:seen|noticed|heard of) (?:any|anything|it)\b"
)


def _supposed_then_denied(
    fact: FactReading, value: Any, tokens: list[Token], end: int, sentence: tuple[int, int]
) -> tuple[Any, str, bool] | None:
    """A concern supposed, then denied ("if mum was drinking I'd tell you, but I don't think
    she is"): the denial is the answer, never a sure reassurance (asked to confirm)."""
    if polarity(fact, value) != "concern" or not fact.reassuring:
        return None
    rest = Joined(tokens, end, sentence[1]).text
    if _DENIED_HEDGED.search(rest):
        got = resolve(fact, fact.reassuring[0], {"POSSIBLE_EXISTENCE"})
    elif _DENIED.search(rest):
        got = resolve(fact, fact.reassuring[0], set())
    else:
        return None
    return (got[0], "hedged", False) if got else None


_FULL_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\d/.-])")
_SOFT_DENIAL = re.compile(r"would not say|would not go")
_NOT_THAT = re.compile(r"not that$")


def _denial_denied(
    cats: set[str], used: list[Modifier], tokens: list[Token], start: int, end: int
) -> tuple[set[str], bool]:
    """Two negations of one statement, and whether the reading may still be sure: "I wouldn't
    say it's never given" leaves it hedged (never given, said softly); "it's not that she
    isn't given it" cancels (she is, to confirm); "we don't have no plan" is dialect for one
    negation."""
    said = {id(m): Joined(tokens, m.start, m.end).text for m in used}
    target = Joined(tokens, start, end).text
    if re.match(r"(?:no|none|nothing|nobody|no one)\b", target) and any(
        said[id(m)] in ("not", "never") and 0 <= start - m.end <= 2 for m in used
    ):  # "we don't have no plan": a negation said twice in dialect is one
        return cats - {"NEGATED_EXISTENCE"}, True
    soft = [m for m in used if _SOFT_DENIAL.search(said[id(m)])]
    not_that = [m for m in used if _NOT_THAT.search(said[id(m)])]
    inner = any(
        "NEGATED_EXISTENCE" in m.rule.categories and m not in soft and m not in not_that
        for m in used
    ) or bool(re.match(r"(?:not|never|no)\b", target))
    if not inner:
        return cats, True
    if soft:
        return (cats - {"NEGATED_EXISTENCE"}) | {"POSSIBLE_EXISTENCE"}, True
    if not_that:
        return cats - {"NEGATED_EXISTENCE"}, False
    return cats, True


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


def _applies(mod: Modifier, fact: str) -> bool:
    rule = mod.rule
    allowed = rule.allowed_types is None or fact in rule.allowed_types
    return allowed and fact not in rule.excluded_types


def _unconsumed(modifiers: list[Modifier], kept: list[Any]) -> list[Modifier]:
    """Drop modifiers that are part of a target's own words ("no" in "no plan")."""
    out = []
    for mod in modifiers:
        inside = False
        for start, end, _, gaps in kept:
            if (
                start <= mod.start
                and mod.end <= end
                and not any(mod.start < b and a < mod.end for a, b in gaps)
            ):
                inside = True
                break
        if not inside:
            out.append(mod)
    return out


def _numbers(
    tokens: list[Token], sentence: tuple[int, int], asked: str | None, today: dt.date, text: str
) -> list[_Candidate]:
    joined = Joined(tokens, *sentence)
    facts = fact_readings()
    modifiers, terminators = find_modifiers(joined)
    out: list[_Candidate] = []
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
            or _AGE_BEFORE.search(said_before)
            or (before and before[-1] in (*_CHILD_NOUNS, "baby", "aged"))
            or (  # "Baby boy, 11 months, sickle cell"
                len(before) >= 2
                and before[-1] == ","
                and before[-2] in (*_CHILD_NOUNS, "baby", "infant")
                and nxt2 in _AGE_NEXT
            )
        ):
            age = value // 12
        elif nxt in ("weeks", "week", "days", "day") and nxt2 == "old" and value < 104:
            age = value // 52 if nxt in ("weeks", "week") else value // 365  # "3 weeks old"
        elif (
            before
            and before[-1] in _CHILD_NOUNS
            and (
                nxt in _AGE_NEXT
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
            and (nxt in (*_AGE_NEXT, ")", "ish") or _hedged_age_then_a_word(tokens, i, last))
            and value <= 17
        ):
            age = value  # "one of my kids (8)", "a lass about 8 with asthma"
        elif (
            len(before) >= 2
            and before[-1] == "one"
            and before[-2] in ("middle", "eldest", "youngest", "oldest", "older", "younger")
            and nxt in _AGE_NEXT
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
            and nxt in _AGE_NEXT
            and value <= 17
        ):
            age = value  # "a girl of 12 with CF"
        elif (
            (before and before[-1] in ("aged", "age", "ages"))
            or said_before.endswith(("age is", "age 's", "age was"))
        ) or (_AGE_BEFORE.search(said_before) and nxt in _AGE_NEXT):
            age = value
        named = (
            age is None
            and value <= 17
            and (nxt in _AGE_NEXT or nxt in _CONDITION_NEXT)
            and i - 2 >= first
            and tokens[i - 1].norm in ("is", "'s", "was", "turned", "turns")
            and _a_name(text, tokens, i - 2, first)
        )
        said_with_name = (  # "Sam's 7": the name and its "'s" typed as one word
            age is None
            and not named
            and value <= 17
            and (nxt in _AGE_NEXT or nxt in _CONDITION_NEXT)
            and i - 1 >= first
            and tokens[i - 1].norm.endswith("'s")
            and _a_name(text, tokens, i - 1, first)
        )
        if said_with_name:
            age = value
        if (  # "lad's 10, CF": a child noun typed with its 's
            age is None
            and value <= 17
            and nxt in _AGE_NEXT
            and i - 1 >= first
            and tokens[i - 1].norm in _CHILD_NOUNS_WITH_S
        ):
            age = value
        then = said_before.endswith((" was", " were")) and "when" in {
            t.norm for t in tokens[i + 1 : min(last, i + 5)]
        }  # "she was 3 months old when diagnosed"
        if age is not None and (_PAST_AGE.search(said_before) or then):
            continue  # "type 1 since she was 2": an age of then, not of now
        said_as_age = age is not None or _AGE_BEFORE.search(said_before)
        corrected = _age_said_again(tokens, i, last) if said_as_age else None
        if corrected is not None:  # "she's 7 - no sorry, 8 last week": the second, to confirm
            got = resolve(facts["child_age_years"], int(corrected[1]), set())
            if got:
                out.append(
                    _Candidate("child_age_years", got[0], got[1], False, i, corrected[0] + 1)
                )
                used.update((i, corrected[0]))
                skip.add(corrected[0])
            continue
        if named:
            age = value  # "Leo is 5, asthma": the age is read, the name is not kept
        ahead = _birthday_ahead(tokens, i, last) if age is not None else None
        if ahead is not None:  # "she's 8 in march, so 7 now": the age of now
            got = resolve(facts["child_age_years"], ahead[0], cats(i, i + 1, "child_age_years"))
            if got:
                out.append(_Candidate("child_age_years", got[0], got[1], ahead[1], i, i + 1))
                used.add(i)
            continue
        if age is not None and 0 <= age <= 25:
            got = resolve(facts["child_age_years"], int(age), cats(i, i + 1, "child_age_years"))
            if got and (named or said_with_name):
                at = i - 1 if named else i
                out.append(
                    _Candidate("child_age_years", got[0], got[1], False, at, i + 1, own_words=True)
                )
                used.add(i)
            elif got:
                second = _age_or_age(tokens, i, last)  # "girl 12-13": the younger, to confirm
                sure = got[2] and second is None
                out.append(_Candidate("child_age_years", got[0], got[1], sure, i, i + 1))
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
                out.append(_Candidate("child_age_years", got[0], got[1], False, i, i + 1))
                used.update((i, _age_or_age(tokens, i, last) or i))
    # percentages and attendance
    anchors = _anchor_regex()
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
            facts["school_attendance_pct"], _clean(value), cats(j, i + 1, "school_attendance_pct")
        )
        if got:
            confident = got[2] and (
                attendance_anchor is not None or asked == "school_attendance_pct"
            )
            out.append(_Candidate("school_attendance_pct", got[0], got[1], confident, j, i + 1))
    if attendance_anchor is not None and (asked is None or asked == "school_attendance_pct"):
        out.extend(_attendance_from_to(tokens, sentence, out, cats))
    out = _attendance_then_and_now(out, tokens, sentence, attendance_anchor is not None)
    if not any(c.fact == "school_attendance_pct" for c in out):
        bare = _bare_attendance(tokens, sentence)
        if bare is not None:
            got = resolve(
                facts["school_attendance_pct"],
                _clean(bare[1]),
                cats(bare[0], bare[0] + 1, "school_attendance_pct"),
            )
            if got:  # "Attendance 88, no sorry, 68": a figure without "%", to confirm
                out.append(
                    _Candidate("school_attendance_pct", got[0], got[1], False, bare[0], bare[0] + 1)
                )
                used.add(bare[0])
    near_none = re.search(
        r"attendance (?:is |'s |of |at |was )?(?:near|nearly|almost|practically|basically|virtually"
        r"|close to) (?:0|nil|nothing|none)\b",
        joined.text,
    )
    if near_none and not any(c.fact == "school_attendance_pct" for c in out):
        start, end = joined.token_span(near_none.start(), near_none.end())
        out.append(_Candidate("school_attendance_pct", 0, "affirmed", False, start, end))
    if attendance_anchor or asked == "school_attendance_pct":
        match = re.search(
            r"(?<![\w])(\d+(?:\.\d+)?) (?:days? )?(?:out of|in|of|/|a|per) (?:every )?(\d+)"
            r"(?: days?| sessions?)?",
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
                _clean(value),
                cats(start, end, "school_attendance_pct"),
            )
            if got:
                out.append(_Candidate("school_attendance_pct", got[0], got[1], got[2], start, end))
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
                out.append(_Candidate("unplanned_admissions_12m", got[0], got[1], got[2], i, i + 2))
    pair = _BOTH_MISSED.search(joined.text)
    if pair and asked != "missed_appointments_12m":  # "wasn't brought to either follow-up"
        start, end = joined.token_span(pair.start(), pair.end())
        got = resolve(
            facts["missed_appointments_12m"], 2, cats(start, end, "missed_appointments_12m")
        )
        if got:
            out.append(_Candidate("missed_appointments_12m", got[0], got[1], got[2], start, end))
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
                and tokens[start - 1].norm in _PREVENTER_WORDS
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
                    out.append(_Candidate(name, 0, "negated", True, start, end))
                continue
            index, value = found
            if _cancelled_by_service(tokens, index):
                continue  # "1 cancelled by the hospital" is no admission
            window = " ".join(t.norm for t in tokens[start : min(last, end + 4)])
            per = (
                next((n for p, n in _PER if p in window), 1)
                if name == "reliever_prescriptions_12m"
                else 1
            )
            span = (min(start, index), max(end, index + 1))
            got = resolve(
                facts[name], _clean(value * per), cats(*span, name) - {"NEGATED_EXISTENCE"}
            )
            if got:
                out.append(_Candidate(name, got[0], got[1], got[2], *span))
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
            out.append(_Candidate("unplanned_admissions_12m", got[0], got[1], False, start, end))
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
        and nxt.norm not in _NOT_COUNT_NEXT | _DAYS_AND_TIMES
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
        if value is None or not 0 <= value <= 100 or nxt in _DAYS_AND_TIMES | _NOT_COUNT_NEXT:
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
    tokens: list[Token], sentence: tuple[int, int], out: list[_Candidate], cats: Any
) -> list[_Candidate]:
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
            or (i + 2 < last and tokens[i + 2].norm in _DAYS_AND_TIMES | {"%"})
            or any(c.fact == "school_attendance_pct" for c in out)
        ):
            continue
        got = resolve(
            fact_readings()["school_attendance_pct"],
            _clean(now),
            cats(i + 1, i + 2, "school_attendance_pct"),
        )
        if got:
            found.append(_Candidate("school_attendance_pct", got[0], got[1], got[2], i - 2, i + 2))
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
    out: list[_Candidate], tokens: list[Token], sentence: tuple[int, int], anchored: bool
) -> list[_Candidate]:
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

    def reads(cand: _Candidate, at: int) -> bool:
        return cand.fact == "school_attendance_pct" and cand.start <= at < cand.end

    if any(reads(c, now_at) for c in out):  # the figure of now is read: the earlier one is not
        out = [c for c in out if not reads(c, then_at)]
    if now_value < then_value:
        start, end = min(then_at, now_at), max(then_at, now_at) + 2
        out.append(_Candidate("attendance_declining", "yes", "affirmed", True, start, end))
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


def _parts_of_a_count_dropped(out: list[_Candidate], tokens: list[Token]) -> list[_Candidate]:
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
    out: list[_Candidate], tokens: list[Token], sentence: tuple[int, int]
) -> list[_Candidate]:
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
        added = _clean(float(part.value) + extra)
        out.append(_Candidate(name, added, "affirmed", False, part.start, part.end + at))
    return out


def _counts_added_up(
    out: list[_Candidate], tokens: list[Token], sentence: tuple[int, int], used: set[int]
) -> list[_Candidate]:
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
            out.append(
                _Candidate(name, _clean(float(total.group(1))), "affirmed", True, start, stop)
            )
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
            added = _clean(sum(c.value for c in parts))
            out.append(_Candidate(name, added, "affirmed", False, start, end))
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
    return k if after in _AGE_NEXT or after in _CONDITION_NEXT else None


def _a_name(text: str, tokens: list[Token], j: int, first: int) -> bool:
    """Whether the word at ``j`` looks like a child's first name ("Leo is 5"): capitalised as
    typed, a word the reading does not know, at a sentence's start or after "our", "my"."""
    typed = re.sub(r"['’]s$", "", text[tokens[j].start : tokens[j].end])
    if not (typed.isalpha() and typed[0].isupper() and typed[1:].islower() and len(typed) > 1):
        return False
    word = typed.lower()
    if word in _MEASURES or word in _known_words():
        return False
    return j == first or tokens[j - 1].norm in ("our", "my", "little", "and", ",", "so", "but")


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
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


def _bare_age_allowed(asked: str | None) -> bool:
    """Whether a bare number ("Girl, 9, T1DM") may be an age: not when a number is asked for."""
    return asked is None or asked == "child_age_years" or fact_readings()[asked].kind == "choice"


def _age_from_school_year(text: str, today: dt.date, asked: bool = False) -> int | None:
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


def _clean(value: float) -> Any:
    return int(value) if float(value).is_integer() else value


def _one_as_a_thing(tokens: list[Token], i: int) -> bool:
    """ "one" standing for a thing ("the hospital has one", "a new one"), not a count."""
    if tokens[i].norm not in ("1", "one") or i == 0:
        return False
    nxt = tokens[i + 1].norm if i + 1 < len(tokens) else ","
    return tokens[i - 1].norm in _ONE_AS_A_THING_AFTER and (nxt in _CLAUSE or nxt in _AFTER_A_THING)


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
            if norm in _CLAUSE or norm in ("and", "but"):
                said = " ".join(t.norm for t in tokens[i + 1 : i + 4]) if direction > 0 else ""
                counted = re.match(r"(?:i|we) (?:count|counted|make it|have counted) (\d+)", said)
                if counted:  # "lots of missed appts - i count 5 -"
                    best = (steps, i + 3, float(counted.group(1)))
                break
            value = number_at(tokens, i)
            nxt = tokens[i + 1].norm if i + 1 < last else None
            partitive = nxt == "of" and i + 2 < last and tokens[i + 2].norm in _POSSESSIVES
            if (
                value is not None
                and i not in used
                and nxt not in _NOT_COUNT_NEXT
                and value != 999
                and not partitive  # "one of his inhalers" is an inhaler, not a count
                and not _one_as_a_thing(tokens, i)
                and not _a_year(tokens, i)  # "review last done Nov 2024": a date, not a count
            ):
                if best is None or steps < best[0]:
                    best = (steps, i, value + bound(tokens, i))
                break
            i += direction
            steps += 1
    return (best[1], best[2]) if best else None


def _answer(
    text: str, tokens: list[Token], asked: str, today: dt.date, taken: list[tuple[int, int]]
) -> _Candidate | str | None:
    """The plain answer to the asked fact, a reason it cannot be used, or ``None``."""
    fact = fact_readings()[asked]
    joined = Joined(tokens, 0, len(tokens))
    whole = (0, len(tokens))
    if fact.kind == "age":
        born = date_of_birth(text, today)
        if born:
            age, _, _, exact = born
            return _Candidate(asked, age, "affirmed", exact, 0, 1)
        dated = _FULL_DATE.search(text)
        got = dated and age_from_birth(
            int(dated.group(1)), int(dated.group(2)), int(dated.group(3)), today
        )
        if got:  # a whole date given for "how old?" is a date of birth: to confirm
            return _Candidate(asked, got[0], "affirmed", False, 0, 1)
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
            school_year = _age_from_school_year(joined.text, today, asked=True)
            if school_year is None:
                return "that looks like a school year group; I need the age in years"
            return _Candidate(asked, school_year, "affirmed", False, *whole)
        ages = [(i, v) for i, v in ages if not _negated_number(tokens, i)] or ages
        if (
            ages
            and _AGE_GUESSED.search(joined.text)
            and answer_regexes()["unknown"].search(joined.text)
        ):  # "no idea, looks about 10": a guess beside a "don't know" is not known
            return _Candidate(asked, UNKNOWN, "uncertain", False, *whole)
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
            return _Candidate(asked, _clean(value), "affirmed", not guessed, i, i + 1)
        if re.search(r"\b(?:newborn|new born|baby|infant)\b", joined.text):
            return _Candidate(asked, 0, "affirmed", False, 0, len(tokens))
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
            return _Candidate(asked, named[0][1], "affirmed", False, *whole)
    if fact.kind == "count":
        if "%" in joined.text:
            return "that looks like a percentage, and this question needs a number of times"
        numbers = [
            (i, number_at(tokens, i))
            for i in range(len(tokens))
            if number_at(tokens, i) is not None
            and not _negated_number(tokens, i)
            and not _one_not_had(text, tokens, i)
            and not _one_as_a_thing(tokens, i)
            and not (asked == "reliever_prescriptions_12m" and _counts_preventers(tokens, i))
            and not (i > 0 and tokens[i - 1].norm == "every")
            and not _part_of_a_count(tokens, i)
            and not (i + 1 < len(tokens) and tokens[i + 1].norm in _NOT_COUNT_NEXT)
            and not _an_age_said(tokens, i)
            and not (tokens[i].norm == "both" and any(number_at(tokens, j) for j in range(i)))
            and not _calls_made(tokens, i)
        ]  # "twice, both DKA": the both are the two; "rung 111 twice": calls, not visits
        month_dates = _months_dated(tokens, today)
        numbers = [n for n in numbers if n[0] not in month_dates]  # "August 2025": a date
        if not numbers and re.search(
            r"\b(?:never|not|not ever) (?:once )?(?:seen|noticed|spotted|seen (?:her|him|them)"
            r" with)\b",
            joined.text,
        ):  # "I've never seen the inhaler in her bag": what the writer saw is not a count
            return _Candidate(asked, UNKNOWN, "uncertain", False, *whole)
        days = _days_listed(text, today)
        if days and not numbers:  # "WNB 12/01/26, 03/04/26", "issued 14/01, 02/03": one a date
            this_year = sum(1 for day in days if (today - day).days < 365)
            return _Candidate(asked, this_year, "affirmed", False, *whole)
        if month_dates and not numbers:  # "only time was August 2025, nothing since": 0 this year
            recent = sum(1 for ago in month_dates.values() if ago < 12)
            recent += len(re.findall(r"\bagain\b", joined.text))  # "... and again last month"
            return _Candidate(asked, recent, "affirmed", False, *whole)
        own = [n for n in numbers if not _about_someone_else(tokens, n[0])]
        if not own and _SOMEONE_ELSE_NOT_THE_CHILD.search(joined.text):
            return _Candidate(
                asked, 0, "negated", False, *whole
            )  # "his twin's missed lots, not him"
        if numbers and not own and _ANOTHER_CHILD.search(joined.text):
            return None  # "his brother's been admitted twice": no count of the child's own
        numbers = own or numbers  # "his brother's been in 4 times, him just the once"
        numbers = [n for n in numbers if not _cancelled_by_service(tokens, n[0])] or numbers
        part_of_year = _PART_OF_YEAR.search(joined.text) is not None
        listed = False
        if numbers and _UNRELATED.search(joined.text):
            # "one eye clinic, nothing to do with the epilepsy": to confirm, never as said
            return _Candidate(asked, 0 if len(numbers) == 1 else UNKNOWN, "hedged", False, *whole)
        half = _HALF_OF_BOOKED.search(joined.text)
        if half and len(numbers) == 1 and (numbers[0][1] or 0) >= 2:
            # "half of them, and she had 8 booked": half the ones booked, to confirm
            return _Candidate(asked, _clean((numbers[0][1] or 0) // 2), "affirmed", False, *whole)
        if len(numbers) >= 2:
            last, said_last = numbers[-1]
            if _SO_IN_ALL.search(" ".join(t.norm for t in tokens[max(0, last - 3) : last])):
                # "3 attendances but one was a broken wrist, so 2 for the asthma": the last said
                return _Candidate(asked, _clean(said_last or 0), "affirmed", False, last, last + 1)
        if numbers:
            i, highest = max(numbers, key=lambda n: n[1] or 0)
            value = highest or 0.0
            if _counts_added(tokens, [j for j, _ in numbers], asked):
                # "one admission in April and A&E twice since", "24 on script + 3 from OOH"
                total = sum(n or 0 for _, n in numbers)
                return _Candidate(asked, _clean(total), "affirmed", False, i, i + 1)
            if len(numbers) == 1:
                value += len(re.findall(r"\bagain\b", joined.text))
                one_more = _ONE_MORE.search(joined.text)
                if one_more and one_more.start() > joined.offsets[i]:
                    # "two admissions plus an A&E visit": one more, to confirm
                    return _Candidate(asked, _clean(value + 1), "affirmed", False, i, i + 1)
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
            return _Candidate(
                asked, _clean(((value or 0) + bound(tokens, i)) * per), "affirmed", sure, i, i + 1
            )
        one = re.search(r"\b(?:just|only) (?:the )?one\b", joined.text)
        if one and not re.search(r"\b(?:not|never)\b", joined.text):
            return _Candidate(asked, 1, "affirmed", False, *whole)  # "just the one, rebooked"
        missed_in = _MISSED_IN_MONTHS.findall(joined.text)
        if (
            asked == "missed_appointments_12m"
            and len(missed_in) >= 2
            and _MISSED.search(joined.text)
        ):
            # "missed the review in feb and the one rebooked for march": one a month named
            return _Candidate(asked, len(missed_in), "affirmed", False, *whole)
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
            return _Candidate(asked, UNKNOWN, "uncertain", False, *whole)
        if re.search(
            r"(?:brought to|attended|been to|went to|made|taken to) (?:all|every one|every single"
            r" one|each|all of them|every appointment)"
            r"|(?:has not|have not|not|never|'s) missed (?:any|a single one|one)|none missed"
            r"|(?:does not|do not|has not|have not|never|did not) (?:have|had|got|use|used|need|"
            r"needed|been prescribed) (?:a|any|one|the) (?:blue|reliever|salbutamol|ventolin)"
            r"|(?:brings?|takes?|gets?|got|took|brought) (?:him|her|them) to (?:all|every|each)",
            joined.text,
        ):
            return _Candidate(asked, 0, "affirmed", True, *whole)
        if asked == "missed_appointments_12m" and re.search(
            r"\ball (?:of )?(?:his|her|their|the) (?:[\w']+ ){0,2}?(?:reviews|appointments|appts"
            r"|clinics|check ?ups|follow ?ups)(?: have| were| got| has)?(?: all)?(?: been)?"
            r" (?:attended|kept|gone to|made)",
            joined.text,
        ):  # "missed the dentist but all her diabetes clinics were attended": none of these
            return _Candidate(asked, 0, "affirmed", False, *whole)
        if re.search(
            r"\b(?:half|most|majority|all|loads|lots|many) of (?:them|those|her|his)\b"
            r"|\b(?:not brought to|did not attend|missed) (?:any|all|every)\b"
            r"|\bdischarged (?:from (?:the )?clinic )?(?:for|because of|after) (?:not attending|non"
            r" attendance|dna|missed)"
            r"|\bdischarged (?:[\w']+ ){1,6}?(?:for|because of|after|due to) (?:not attending|non"
            r" ?attendance|dna|dnas|missed|not being brought|repeated)",
            joined.text,
        ) and not re.search(r"\b(?:never|has not|have not|not|'s) missed any\b", joined.text):
            return _Candidate(asked, UNKNOWN, "uncertain", False, *whole)
        rate = _per_year(joined.text)
        if rate > 1 and not re.search(r"\b(?:no|not|never|none)\b", joined.text):
            return _Candidate(asked, _clean(rate), "hedged", False, *whole)  # "about monthly"
        months = re.findall(_MONTH_NAMES, joined.text)
        if len(months) >= 2:
            return _Candidate(asked, len(months), "affirmed", False, *whole)
        times = len(_ON_OCCASIONS.findall(joined.text))
        times = times if times >= 2 else times + len(re.findall(r"\bagain\b", joined.text))
        if times >= 2 and not re.search(r"\b(?:no|not|never|none)\b", joined.text):
            return _Candidate(asked, times, "affirmed", False, *whole)  # "at easter and in october"
        for phrase, vague in sorted(_FEW.items(), key=lambda kv: -len(kv[0])):
            if re.search(rf"\b{phrase}\b", joined.text):
                return _Candidate(asked, vague, "uncertain", False, 0, len(tokens))
    if fact.kind == "percent":
        decade = re.search(
            rf"\b(low|mid|high) (?:({'|'.join(_DECADES)})|([1-9]0) s)\b", joined.text
        )
        if decade:  # "high eighties", "high 80s": near enough to record, to be confirmed
            tens = _DECADES[decade.group(2)] if decade.group(2) else int(decade.group(3))
            low = 2 if decade.group(2) else 0  # "low 70s": the number said, the safer side
            value = tens + {"low": low, "mid": 5, "high": 7}[decade.group(1)]
            return _Candidate(asked, value, "affirmed", False, *whole)
        for words_said, share in _SHARES[:-1]:
            if re.search(rf"\b{words_said}\b", joined.text):
                return _Candidate(asked, share, "affirmed", True, 0, len(tokens))
        week = re.search(
            r"(?<![\w.])(\d) days? (?:a|per|each|every|of the|out of the|in (?:a |the )?) ?week",
            joined.text,
        )
        if week:
            return _Candidate(asked, int(week.group(1)) * 20, "affirmed", True, *whole)
        said_age = {
            i
            for i in range(2, len(tokens))
            if _AGE_BEFORE.search(" ".join(t.norm for t in tokens[max(0, i - 3) : i]))
        }
        numbers = [
            (i, t.number)
            for i, t in enumerate(tokens)
            if t.number is not None
            and not _negated_number(tokens, i)
            and i not in said_age
            and not (i + 1 < len(tokens) and tokens[i + 1].norm in _DAYS_AND_TIMES)
            and not _counts_things(tokens, i)
        ]  # "she's been in 2 days since half term", "2 mattresses" are not 2 %
        if numbers:
            i, lowest = min(numbers, key=lambda n: n[1] or 0)
            return _Candidate(
                asked, _clean((lowest or 0) + bound(tokens, i)), "affirmed", True, i, i + 1
            )
        for words_said, share in _SHARES:
            if re.search(rf"\b{words_said}\b", joined.text):
                return _Candidate(asked, share, "affirmed", True, 0, len(tokens))
    if asked == "management_plan":
        stage = _plan_from_an_earlier_school_stage(joined.text)
        if stage is not None:  # "it's from reception and she's in year 5 now"
            return _Candidate(asked, stage, "affirmed", False, *whole)
        if re.search(
            r"\b(?:no|not any|without (?:a|any)) date\b"
            r"|\b(?:not|never) (?:been )?dated\b|\bundated\b",
            joined.text,
        ) and not re.search(r"\bno (?:plan|care plan|one)\b", joined.text):
            # "the file mentions a plan but there's no date on it": current or not is not known
            return _Candidate(asked, UNKNOWN, "uncertain", False, *whole)
        weeks = re.search(
            r"\b(?:plan|one|it|written|done|made|reviewed|updated|redone|drawn up|wrote|did)"
            r"(?: [\w']+){0,4}? (?:\d+|a few|a couple of|a|two|three|few) (?:weeks?|days?) ago\b",
            joined.text,
        )
        if weeks and not re.search(r"\bno (?:plan|one)\b", joined.text):
            return _Candidate(asked, "current", "affirmed", True, *whole)  # "did it 6 weeks ago"
        season = re.search(
            r"\b(?:updated|reviewed|redone|renewed|revised|rewritten|done|written|last one was"
            r"|last reviewed|last updated|last done)(?: [\w']+){0,3}? (?:in|over|during) (?:the )?"
            r"(?:spring|summer|autumn|this term|last term|the summer holidays|september|october"
            r"|november)\b",
            joined.text,
        )
        if season and not re.search(r"\bno (?:plan|one)\b|\blast year\b|\b20[12]\d\b", joined.text):
            return _Candidate(
                asked, "current", "affirmed", False, *whole
            )  # "updated in the spring"
        ago = re.search(
            r"\b(?:plan|one|1 from|it|written|done|made|reviewed|updated|redone|drawn up|wrote|did)"
            r"(?: [\w']+){0,4}? (?:(\d+) (months?|years?)|(?:over|more than) a year) ago\b",
            joined.text,
        )
        if ago and not re.search(r"\bno (?:plan|one)\b", joined.text):
            plan_age = 13.0 if not ago.group(1) else float(ago.group(1))
            plan_age *= 12 if (ago.group(2) or "").startswith("year") else 1
            if plan_age >= 12:  # "one from the discharge 18 months ago, nothing since"
                return _Candidate(asked, "out_of_date", "affirmed", True, *whole)
            return _Candidate(asked, "current", "affirmed", False, *whole)
        months_ago = _months_ago_said(text, tokens, today)
        if months_ago and not re.search(r"\bno (?:plan|one)\b", joined.text):  # "14/10/2024"
            plan = "out_of_date" if min(months_ago) >= 12 else "current"
            return _Candidate(asked, plan, "affirmed", min(months_ago) >= 24, *whole)
        years = [int(t.number) for t in tokens if t.number and 1990 <= t.number <= today.year]
        if years and not re.search(r"\bno (?:plan|one)\b", joined.text):
            year = max(years)
            if year <= today.year - 2:
                return _Candidate(asked, "out_of_date", "affirmed", True, *whole)
            return _Candidate(
                asked, "out_of_date" if year < today.year else "current", "affirmed", False, *whole
            )
    if asked == "attendance_declining":
        went = re.search(r"\bfrom (\d+(?:\.\d+)?) ?%? (?:down )?to (\d+(?:\.\d+)?)\b", joined.text)
        if went and float(went.group(1)) != float(went.group(2)):
            dropped_to = "yes" if float(went.group(2)) < float(went.group(1)) else "no"
            return _Candidate(asked, dropped_to, "affirmed", True, *whole)  # "gone from 96 to 71"
        then_now = _THEN_NOW.search(joined.text)
        if then_now:  # "was 96 last year, 81 now", "was 5 days out of 5, now 3"
            now = float(then_now.group(2) or then_now.group(3))
            if now != float(then_now.group(1)):
                fell = "yes" if now < float(then_now.group(1)) else "no"
                return _Candidate(asked, fell, "affirmed", False, *whole)
        percents = [t.number for i, t in enumerate(tokens[:-1]) if tokens[i + 1].norm == "%"]
        numbers_said = [p for p in percents if p is not None]
        if len(numbers_said) >= 2 and numbers_said[0] != numbers_said[-1]:
            said_first = "down from" not in joined.text and "from" not in joined.text
            dropped = numbers_said[-1] < numbers_said[0] if said_first else True
            if dropped:
                return _Candidate(asked, "yes", "affirmed", True, *whole)
    found: list[tuple[int, int, str]] = []
    short_message = len([t for t in tokens if t.norm not in _CLAUSE]) <= 4
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
            inside = any(a < end and start < b for a, b in taken)
            if inside and (kind != "unknown" or joined.text[match.end() :].startswith(" to ")):
                continue  # "no" in "no concerns about drinking", "not known to social care"
            found.append((-match.start(), match.end() - match.start(), kind))
    modifiers, terminators = find_modifiers(joined)
    about_another = any(a == 0 and b >= len(tokens) for a, b in taken)
    if not found and not about_another:  # a hedge in words all about another fact is theirs
        hedges = {
            c
            for m in modifiers
            if _applies(m, asked)
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
            return _Candidate(asked, UNKNOWN, "uncertain", False, *whole)
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
    if fact.kind == "count" and any(isinstance(r, _Candidate) for r in readings):
        readings = [r for r in readings if isinstance(r, _Candidate)]  # "none, mum's good at it"
    if any(isinstance(r, str) for r in readings):
        return next(r for r in readings if isinstance(r, str))
    values = [r.value for r in readings if isinstance(r, _Candidate)]
    if len({str(v) for v in values}) == 1:
        first = readings[-1] if len(readings) > 1 else readings[0]
        if isinstance(first, _Candidate) and _a_bare_word_before_another_fact(
            joined, chosen, taken, asked == "immediate_danger"
        ):
            return replace(first, confident=False)
        return first
    # "yes at school, no idea at home": answers that disagree give the safer one, to confirm
    safer = most_concerning(fact, values)
    return _Candidate(asked, safer, "uncertain", False, *whole, from_answer=True)


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
    said_after = [t for t in joined.tokens[end:] if t.norm not in _CLAUSE]
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
) -> _Candidate | str | None:
    """Read one answer phrase ("yes", "no idea", "i think so") against the asked fact."""
    neg_start, length, kind = found
    whole = (0, len(joined.tokens))
    if kind == "unknown":
        if not fact.unknown:
            return 'this question needs an answer; choose "other" if none fits'
        return _Candidate(asked, UNKNOWN, "uncertain", True, *whole)
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
            if kind == "no" and _NONE_THIS_YEAR.search(said_text):
                return _Candidate(asked, 0, "affirmed", False, *whole)  # "none this year, 3 before"
            sure = kind == "no" and not qualifier_regex().search(said_text)
            return _Candidate(
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
            return _Candidate(asked, fact.unsure, "past", False, *whole)  # "used to be fine"
        got = resolve(fact, base, said - {"HISTORICAL", "FAMILY"})
        if got is None:
            return None
        return _Candidate(asked, got[0], got[1], got[2] and kind == "reassure", *whole)
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
    return _Candidate(asked, got[0], got[1], confident, *whole, from_answer=True)


def _words_beside_the_cues(joined: Joined, modifiers: list[Modifier]) -> int:
    """Words outside every cue: what a hedge with no answer word leaves unread."""
    inside = {i for mod in modifiers for i in range(mod.start, mod.end)}
    return sum(
        1
        for i, token in enumerate(joined.tokens)
        if i not in inside and token.norm not in _CLAUSE and token.norm not in _LITTLE_WORDS
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
    return (
        value is not None
        and value <= 17
        and nxt in _AGE_NEXT - {"times", "and", "in", "last", "this", "or", "-"}
        and _AGE_BEFORE.search(before) is not None
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
_TAKE_BACK = re.compile(
    r"^(?:[\w']+ ){0,3}?(?:[,.\-] )?(?:no(?: ,)? sorry|sorry(?: ,)? no|no wait|sorry|i mean|"
    r"i meant|actually|correction|scratch that|my mistake|my bad|wait)\b"
)
_ADDED = re.compile(r"^(?:.* )?(?:and|plus|\+|as well as|then)(?: .*)?$")


def _drop_taken_back(tokens: list[Token]) -> list[Token]:
    """Leave out a number the practitioner takes back for another ("fourteen, no sorry
    thirteen", "5 times, no sorry that's over two years. 3 in the last year")."""
    for i, tok in enumerate(tokens):
        if tok.number is None or (i > 0 and tokens[i - 1].norm == "type"):
            continue  # "type 2 diabetes actually, not type 1": a name, not a figure taken back
        after = " ".join(t.norm for t in tokens[i + 1 : i + 8])
        taken = _TAKE_BACK.match(after)
        if not taken or re.match(r" (?:to|about|for|if)\b", after[taken.end() :]):
            continue
        gone = i + 1 + len(after[: taken.end()].split())
        while gone < len(tokens) and tokens[gone].norm in _CLAUSE:
            gone += 1  # "75, sorry, 57": the figure, not the comma, follows the figure dropped
        if any(t.number is not None for t in tokens[gone : gone + 6]):
            return tokens[:i] + _drop_taken_back(tokens[gone:])
    return tokens


_PUT_RIGHT = re.compile(
    r"\b(?:actually no|no actually|no sorry|sorry no|no wait|wait no|sorry i mean|i mean|i meant"
    r"|correction|scratch that|my mistake|my bad|sorry wrong one|no hang on|hang on no)\b"
)


def _put_right_later(candidates: list[_Candidate], tokens: list[Token]) -> list[_Candidate]:
    """A choice said, then put right ("CIN. Actually no, CP"): only the one said after."""
    joined = Joined(tokens, 0, len(tokens))
    put_right = _PUT_RIGHT.search(joined.text)
    if put_right is None:
        return candidates
    at, after = joined.token_span(*put_right.span())
    out = candidates
    for fact in {c.fact for c in candidates}:
        if fact_readings()[fact].kind != "choice":
            continue
        later = [c for c in out if c.fact == fact and c.start >= after]
        if later and any(c.fact == fact and c.end <= at for c in out):
            out = [c for c in out if c.fact != fact or c.start >= after]
    return out


def _cancelled_by_service(tokens: list[Token], i: int) -> bool:
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


def _counts_added(tokens: list[Token], indexes: list[int], asked: str) -> bool:
    """Whether several counts are of different events to add up: each with its own word of the
    fact ("admission", "A&E", "on script"), joined by "and" / "plus" / "+" and none a part of
    another ("2 admissions, one in PICU" is one count)."""
    if len(indexes) < 2 or len(indexes) > 4:
        return False
    anchor = _anchor_regex().get(asked)
    for before, index in zip(indexes, indexes[1:], strict=False):
        between = " ".join(t.norm for t in tokens[before + 1 : index])
        if not _ADDED.match(between) and tokens[index - 1].norm not in ("+", "plus"):
            return False
        nxt = tokens[index + 1].norm if index + 1 < len(tokens) else ""
        if nxt in ("of", "was", "were", "is", "in") and not (
            nxt == "of"
            and index + 2 < len(tokens)
            and tokens[index + 2].norm not in _POSSESSIVES
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
    said_before = [t for t in tokens[:i] if t.norm not in _CLAUSE and t.norm != "and"]
    return len(said_before) >= 2


def _a_list_of_counts(tokens: list[Token], indexes: list[int]) -> bool:
    """Whether several numbers are a list of things counted, each after a comma or "and"."""
    if len(indexes) < 2:
        return False
    return all(
        tokens[i - 1].norm in (",", "and", "plus")
        and (i + 1 < len(tokens))
        and tokens[i + 1].number is None
        and tokens[i + 1].norm not in _NOT_COUNT_NEXT
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
    return next((n for p, n in _PER if p in text), 1)


def _counts_preventers(tokens: list[Token], i: int) -> bool:
    """A number of preventers ("2 preventers, 9 salbutamol"), not of relievers."""
    nxt = tokens[i + 1].norm if i + 1 < len(tokens) else ""
    return nxt in _PREVENTER_WORDS or nxt.rstrip("s") in _PREVENTER_WORDS


def _months_dated(tokens: list[Token], today: dt.date) -> dict[int, int]:
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


_THEN_NOW = re.compile(
    r"\b(?:was|were|used to be|it was) (?:about |around |on |at |in )?(\d+(?:\.\d+)?)\b[^.?]{0,30}?"
    r"(?:\bnow (?:only |just |down to |up to |at |about |around |on )?(\d+(?:\.\d+)?)\b"
    r"|\b(\d+(?:\.\d+)?) (?:%|percent )?(?:now|this (?:year|term)))"
)
_MISSED_BEFORE = re.compile(r"\b(?:miss\w*|off|absent|away)\b(?: [\w']+){0,2}? ?$")
_HALF_OF_BOOKED = re.compile(
    r"\bhalf (?:of )?(?:them|those|her|his|the)\b.*\b\d+ (?:booked|offered|arranged|sent|made"
    r"|scheduled|appointments booked)\b|\b\d+ (?:booked|offered|arranged|scheduled)\b.*\bhalf\b"
)
_SO_IN_ALL = re.compile(
    r"(?:^|\s)(?:so|leaving|leaves|making|makes|so that 's|so that is|so really|so only|so just"
    r"|that leaves|which leaves|that makes|which makes|total of|so in total)$"
)
_DAY_DATE = re.compile(r"(?<![\d/.:])(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?![\d/.:])")


_CALLED = {"rang", "rung", "ring", "rings", "ringing", "called", "calls", "call", "calling",
           "phoned", "phone", "phones", "phoning", "dialled", "dialed", "dial", "contacted",
           "tried"}  # fmt: skip


def _calls_made(tokens: list[Token], i: int) -> bool:
    """A phone number called (111, 999, 101) or how often it was ("mum's rung 111 twice")."""

    def called(j: int) -> bool:
        return tokens[j].number in (111, 999, 101) and j > 0 and tokens[j - 1].norm in _CALLED

    return called(i) or (i > 0 and called(i - 1))


def _days_listed(text: str, today: dt.date) -> list[dt.date]:
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


def _months_ago_said(text: str, tokens: list[Token], today: dt.date) -> list[int]:
    """How many months ago each dated month was ("Nov 2025", "03/02/26"), none in the future."""
    ago = list(_months_dated(tokens, today).values())
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
)


def _plan_from_an_earlier_school_stage(text: str) -> str | None:
    """``out_of_date`` when a plan is said to be from a school stage the child has since left
    ("one from reception, she's in year 5 now", "when he was at primary, he's in year 8")."""
    then = _PLAN_STAGE.search(text)
    now = _STAGE_NOW.search(text[then.end() :]) if then else None
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


def _plan_dated_long_ago(
    cand: _Candidate, text: str, tokens: list[Token], today: dt.date
) -> _Candidate:
    """A plan read as current whose every date is a year or more ago ("last reviewed
    Nov 2025" at the end of 2026) is out of date, to confirm."""
    if cand.fact != "management_plan" or cand.value != "current":
        return cand
    ago = _months_ago_said(text, tokens, today)
    if not ago or min(ago) < 12:
        return cand
    return _Candidate(cand.fact, "out_of_date", "affirmed", False, cand.start, cand.end)


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
        if tokens[j].norm in _CLAUSE or tokens[j].norm in ("but", "and"):
            return False
        if tokens[j].norm in ("never", "not"):
            return True
    return False


def _english_words(tokens: list[Token]) -> int:
    """How many words of a message are common English words (not counting yes and no)."""
    return sum(1 for t in tokens if t.norm in _ENGLISH and t.norm not in ("no", "yes"))


def _not_english(text: str, tokens: list[Token]) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if letters and sum(1 for ch in letters if not ch.isascii()) >= max(1, len(letters) // 10):
        return True
    norms = [t.norm for t in tokens if t.norm.isalpha()]
    foreign = sum(1 for w in norms if w in _FOREIGN)
    english = sum(1 for w in norms if w in _ENGLISH)
    return foreign >= 1 and foreign > english


def read_message(
    text: str,
    asked: str | None = None,
    known: Mapping[str, Any] | None = None,
    today: dt.date | None = None,
) -> Reading:
    """Read one message (see ``bot.reading.read``); ``today`` is injectable for dates of birth."""
    text = "" if text is None else str(text)
    today = today or dt.date.today()
    known = known or {}
    if asked is not None and asked not in fact_readings():
        asked = None
    if not text.strip():
        return Reading(text=text, problem="the message was empty")
    too_long = len(text) > MAX_READ_CHARS
    tokens = words(text)
    spans = sentences(tokens, text)
    kind_unsure = asked == "danger_kind" and bool(
        answer_regexes()["unknown"].search(Joined(tokens, 0, len(tokens)).text)
    )
    danger_now, danger_kind, kinds_told = _screen_danger(
        text, tokens, spans, kind_asked=asked == "danger_kind", kind_unsure=kind_unsure
    )
    extra: dict[str, Any] = {}
    if danger_kind:
        extra["danger_kind"] = danger_kind
    if danger_now is None and help_has_come(text, tokens, spans):
        extra["safe_now"] = True  # "paramedics are with him", "she's ok now"
    if too_long:
        return Reading(
            text=text,
            danger_now=danger_now,
            problem=f"that is longer than I can read at once (over {MAX_READ_CHARS} characters); "
            "please send it in shorter parts",
            extra=extra,
        )
    tokens = _drop_taken_back(tokens)
    spans = sentences(tokens, text)
    joined_all = Joined(tokens, 0, len(tokens)).text
    aside, term = _aside(joined_all, _glossary())
    candidates: list[_Candidate] = []
    for sentence in spans:
        candidates += _target_candidates(text, tokens, sentence, asked)
        candidates += _numbers(tokens, sentence, asked, today, text)
    born = date_of_birth(text, today)
    if born and not any(c.fact == "child_age_years" for c in candidates):
        age, start, _, exact = born
        anchor_tokens = [i for i, t in enumerate(tokens) if t.start >= start]
        index = anchor_tokens[0] if anchor_tokens else 0
        candidates.append(_Candidate("child_age_years", age, "affirmed", exact, index, index + 1))
        extra["date_of_birth_read"] = True
    if asked != "child_age_years" and not any(c.fact == "child_age_years" for c in candidates):
        for first, last in spans:
            school_year = _age_from_school_year(Joined(tokens, first, last).text, today)
            if school_year is not None:  # "Year 5 lad with asthma": about 9, to confirm
                candidates.append(
                    _Candidate("child_age_years", school_year, "affirmed", False, first, last)
                )
                break
    if kind_unsure:  # "dunno, ambulance is here now": help called names no kind
        candidates = [c for c in candidates if not _help_only(tokens, c)]
    problem = None
    asked_found = [c for c in candidates if c.fact == asked]
    if (
        asked is not None
        and asked_found
        and all(polarity(fact_readings()[asked], c.value) == "reassurance" for c in asked_found)
    ):
        doubt = answer_regexes()["unknown"].search(Joined(tokens, 0, len(tokens)).text)
        if doubt and fact_readings()[asked].unknown:
            # "collected yes, given who knows": a reassurance beside a "don't know" is not sure
            candidates.append(_Candidate(asked, UNKNOWN, "uncertain", False, 0, len(tokens)))
    if asked is not None and asked_found and fact_readings()[asked].hedged is not None:
        joined = Joined(tokens, 0, len(tokens))
        doubt = answer_regexes()["unknown"].search(joined.text)
        if (
            doubt
            and joined.token_span(*doubt.span())[0] <= 1
            and all(
                polarity(fact_readings()[asked], c.value) == "concern"
                and not (
                    c.start < joined.token_span(*doubt.span())[1]
                    and joined.token_span(*doubt.span())[0] < c.end
                )
                for c in asked_found
            )
        ):  # "dunno, but there's empty cans everywhere": a sign beside a "don't know" is suspected
            hedged = fact_readings()[asked].hedged
            candidates = [
                replace(c, value=hedged, assertion="hedged", confident=False)
                if c.fact == asked
                else c
                for c in candidates
            ]
    if (
        asked == "immediate_danger"
        and not danger_now
        and not any(c.fact == asked for c in candidates)
    ):
        calm = _safe_now(tokens, spans)  # "he was yesterday, he's on the ward now and stable"
        if calm is not None:
            candidates.append(calm)
    if (
        asked in _SAID_OF_ANOTHER_CHILD
        and _SOMEONE_ELSE_NOT_THE_CHILD.search(joined_all)
        and (
            _THE_CHILD_NOT.search(joined_all)
            or (asked != "existing_involvement" and _THE_CHILD_IS_NOT.search(joined_all))
        )
    ):  # "her cousin's attendance has slipped, not hers": the child's is not, to confirm
        fact = fact_readings()[asked]
        value = fact.reassuring[0] if fact.reassuring else fact.no
        candidates = [c for c in candidates if c.fact != asked]
        candidates.append(_Candidate(asked, value, "negated", False, 0, len(tokens)))
    if asked and aside != "help" and not any(c.fact == asked for c in candidates):
        # "not sure what you mean" asks for help: its "not sure" answers nothing
        taken = [(c.start, c.end) for c in candidates if c.end > c.start]
        answer = _answer(text, tokens, asked, today, taken)
        if isinstance(answer, _Candidate):
            candidates.append(answer)
        elif isinstance(answer, str):
            problem = answer
        elif aside is None:
            problem = "I could not match that to one of the answers"
    if (
        asked in ("immediate_danger", "danger_kind")
        and aside is None
        and not any(c.fact == asked for c in candidates)
        and _asks_back(text, tokens)
    ):
        # "what counts as immediate?": whoever asks back does not know yet (asked again)
        candidates.append(_Candidate(asked, UNKNOWN, "uncertain", False, 0, len(tokens)))
        problem = None
    named = {c.value for c in candidates if c.fact == "danger_kind"}
    not_known = UNKNOWN in named and danger_kind is None  # "dunno, I heard shouting"
    named.discard(UNKNOWN)
    told = set() if not_known else kinds_told
    if asked == "danger_kind":
        named |= _kinds_said(joined_all, "kind_in_part")  # "not just harm, he's fitting too"
    if asked == "danger_kind" and (danger_kind or told or len(named) > 1):
        # "he's having a seizure" answers "what kind of danger?" by itself; the kind
        # the words name and the kind of the danger they state add up ("drunk" + "can't
        # breathe"), and so do words that tell a kind ("it's his sugars, he's clammy")
        said = named | told | {danger_kind or UNKNOWN}
        said.discard(UNKNOWN)
        if "both" in said:
            said = (said - {"both"}) | {"medical", "harm"}
        said -= _kinds_said(joined_all, "kind_denied")  # "medical, not harm - dad's with him"
        kind = "both" if len(said) > 1 else next(iter(said), UNKNOWN)
        candidates = [c for c in candidates if c.fact != "danger_kind"]
        candidates.append(_Candidate("danger_kind", kind, "affirmed", True, 0, len(tokens)))
        problem = None
    if aside == "pause":  # "fire drill, back in 5": the 5 is minutes, not an answer
        joined = Joined(tokens, 0, len(tokens))
        held = [
            joined.token_span(m.start(), m.end())
            for kind, regex, _ in aside_rules()
            if kind == "pause"
            for m in regex.finditer(joined.text)
        ]
        candidates = [
            c for c in candidates if not any(a <= c.start and c.end <= b for a, b in held)
        ]
    if asked not in ("immediate_danger", "danger_kind") and _ASKS_WHAT_A_WORD_MEANS.search(
        joined_all
    ):
        candidates = []  # "what do you mean by misused?": the word asked about is not an answer
    candidates = _misuse_is_not_use(candidates, tokens, asked)
    candidates = [c for c in candidates if not _a_team_named(c, tokens, asked)]
    candidates = [_qualified_now(c, tokens, spans) for c in candidates]
    candidates = [_plan_dated_long_ago(c, text, tokens, today) for c in candidates]
    candidates = _put_right_later(candidates, tokens)
    candidates = [_unsure_no(c, tokens, spans) for c in candidates]
    candidates = [_scare_quoted(c, text, tokens) for c in candidates]
    candidates = _recovered_for_years(candidates, joined_all)
    if _ASKS_MEANING.search(joined_all):
        # "what do you mean by misused": the words are the question's, not an answer
        candidates = [c for c in candidates if c.fact in ("immediate_danger", "danger_kind")]
        if asked not in ("immediate_danger", "danger_kind"):
            problem = "that reads as a question to me, so I have recorded nothing for it"
    if (
        asked
        and fact_readings()[asked].kind in ("count", "percent")
        and _DISBELIEF.search(joined_all)
    ):  # "it says 92 but I don't believe it": a figure doubted is not known
        candidates = [c for c in candidates if c.fact != asked]
        candidates.append(_Candidate(asked, UNKNOWN, "uncertain", False, 0, len(tokens)))
    if (
        asked
        and fact_readings()[asked].kind in ("count", "percent", "age")
        and answer_regexes()["unknown"].search(joined_all)
    ):  # "94 I think, not sure": a number said with a doubt is asked back
        candidates = [
            _Candidate(c.fact, c.value, c.assertion, False, c.start, c.end, c.from_answer)
            if c.fact == asked and isinstance(c.value, int | float)
            else c
            for c in candidates
        ]
    disagree = _parts_disagree(asked, joined_all)
    if disagree is not None:  # "1. care plan - yes 2. reviewed - no": the unsure value, to confirm
        candidates.append(disagree)
    candidates = _main_one(candidates, tokens)
    if asked != "missed_appointments_12m" and not any(
        c.fact == "missed_appointments_12m" for c in candidates
    ):
        dated = _dated_not_brought(text, today)
        if dated:  # a chronology: "27/02/26 WNB. 18/05/26 WNB."
            candidates.append(_Candidate("missed_appointments_12m", dated, "affirmed", True, 0, 0))
    if _asks_back(text, tokens):
        # "would you be happy living like that?": a question back reassures of nothing
        candidates = [
            replace(c, confident=False)
            for c in candidates
            if polarity(fact_readings()[c.fact], c.value) != "reassurance"
        ]
    if danger_now and not any(
        c.fact == "immediate_danger" and c.value == "yes" for c in candidates
    ):  # "I'm sure it'll be fine, but he's struggling to breathe now": the danger said wins
        candidates = [c for c in candidates if c.fact != "immediate_danger"]
        candidates.append(_Candidate("immediate_danger", "yes", "affirmed", True, 0, 0))
    findings = _findings(text, tokens, spans, candidates, asked, born is not None)
    if (
        asked
        and not any(f.fact == asked for f in findings)
        and problem is None
        and aside is None
        and not findings
    ):
        problem = "I could not match that to one of the answers"
    if (
        asked
        and not any(f.fact == asked for f in findings)
        and any(c.fact == asked for c in candidates)
    ):
        problem = "that is outside what this question can take"
    if asked and problem and aside is None and _asks_back(text, tokens):
        problem = "that reads as a question to me, so I have recorded nothing for it"
    if any(f.fact == asked for f in findings) or danger_now:
        problem = None
    affirm = _affirm(joined_all, len(tokens))
    correction = _is_correction(joined_all, findings, asked, known)
    not_english = danger_now is None and _not_english(text, tokens)
    if not_english and findings and _english_words(tokens):
        not_english = False  # English with a foreign word or an accent in it
    if not_english:
        findings = []  # "no sé" is not "no"
        problem = "I can only read English"
    return Reading(
        text=text,
        danger_now=danger_now,
        findings=tuple(findings),
        aside=aside,
        term=term,
        correction=correction,
        affirm=affirm,
        not_english=not_english,
        problem=problem,
        extra=extra,
    )


def _findings(
    text: str,
    tokens: list[Token],
    spans: list[tuple[int, int]],
    candidates: list[_Candidate],
    asked: str | None,
    birth_date: bool,
) -> list[Finding]:
    facts = fact_readings()
    by_fact: dict[str, list[_Candidate]] = {}
    for cand in candidates:
        by_fact.setdefault(cand.fact, []).append(cand)
    names = {
        re.sub(r"['’]s$", "", text[tokens[c.start - 1].start : tokens[c.start - 1].end])
        for c in candidates
        if c.own_words and c.start > 0
    }  # "Leo is 5", "Sam's 7": the name is in no evidence
    out: list[Finding] = []
    for name, cands in by_fact.items():
        fact = facts[name]
        values = [c.value for c in cands]
        value = (
            most_concerning(fact, values) if fact.kind == "choice" else _safer_number(fact, values)
        )
        chosen = next(c for c in cands if c.value == value)
        if polarity(fact, value) != "reassurance":  # "Type 1 since she was 2" after "DKA"
            chosen = next((c for c in cands if c.value == value and c.confident), chosen)
        conflict = len({str(v) for v in values}) > 1
        confident = chosen.confident and not (
            conflict and any(polarity(fact, v) == "reassurance" for v in values)
        )
        if chosen.own_words and chosen.end > chosen.start:
            evidence = text[tokens[chosen.start].start : tokens[chosen.end - 1].end]
        elif chosen.end > chosen.start:
            sentence = next((s for s in spans if s[0] <= chosen.start < s[1]), (0, len(tokens)))
            evidence = _evidence(text, tokens, chosen.start, chosen.end, sentence)
        else:
            evidence = text.strip()[:EVIDENCE_CHARS]
        if name == "child_age_years" and (birth_date or _FULL_DATE.search(evidence)):
            evidence = re.sub(r"\d{1,4}(?:st|nd|rd|th)?[/.\- ]*", "", evidence)
            evidence = re.sub(
                r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b",
                "",
                evidence,
                flags=re.IGNORECASE,
            )
            evidence = " ".join(evidence.split()) or "date of birth"
        if not _valid(name, value):
            continue  # "she's 25": not a value the contract allows, so nothing is recorded
        for child_name in names:
            found = re.search(rf"\b{re.escape(child_name)}\b", evidence)
            if found:
                rest = re.sub(r"^(?:['’]s)?[ ,]*", "", evidence[found.end() :])
                evidence = rest or evidence.replace(child_name, "")
        out.append(Finding(name, value, evidence, chosen.assertion, confident))  # type: ignore[arg-type]
    out.sort(key=lambda f: (f.fact != asked, list(facts).index(f.fact)))
    return out


def _misuse_is_not_use(
    candidates: list[_Candidate], tokens: list[Token], asked: str | None
) -> list[_Candidate]:
    """An adult "using his inhaler" is misuse, not the medicine given.

    Dropped: the medicine read as given where the words are misuse, and, while
    another question is open, the medicine read from an adult using or taking it
    ("mum's partner may be using them"); and misuse read from the child taking
    their own ("mum says he takes his inhaler").
    """
    misuse = [
        (c.start, c.end) for c in candidates if c.fact == "medication_misuse" and c.value == "yes"
    ]

    def adult_uses(c: _Candidate) -> bool:
        if asked == "medication_adherence":
            return False
        before = " ".join(t.norm for t in tokens[max(0, c.start - 6) : c.end])
        return _ADULT_USES.search(before) is not None

    def own_medicine(c: _Candidate) -> bool:
        said = " ".join(t.norm for t in tokens[max(0, c.start - 3) : c.end])
        return _OWN_MEDICINE.search(said) is not None

    return [
        c
        for c in candidates
        if not (
            c.fact == "medication_adherence"
            and (
                (c.value == "good" and any(a < c.end and c.start < b for a, b in misuse))
                or adult_uses(c)
            )
        )
        and not (c.fact == "medication_misuse" and c.value == "yes" and own_medicine(c))
    ]


def _a_team_named(cand: _Candidate, tokens: list[Token], asked: str | None) -> bool:
    """The reporter's own team or role ("I'm in the child in need team"), not the child's plan."""
    if cand.fact != "existing_involvement":
        return False
    sentence_before = [t.norm for t in tokens[: cand.start]]
    last_stop = max((i for i, w in enumerate(sentence_before) if w in ".!?\n"), default=-1)
    if asked != "reporter_role" and not set(sentence_before[last_stop + 1 :]) & _FIRST_PERSON:
        return False
    after = [t.norm for t in tokens[cand.end :]]
    if after[:1] in (["children"], ["child"]):
        after = after[1:]
    clause = next((i for i, w in enumerate(after) if w in _CLAUSE), len(after))
    before = {t.norm for t in tokens[max(0, cand.start - 3) : cand.start]}
    said = set(after[1:clause]) | before
    return bool(after) and after[0] in _TEAM_WORDS and not said & _INVOLVED


def _qualified(cand: _Candidate, tokens: list[Token], spans: list[tuple[int, int]]) -> _Candidate:
    """A reassurance qualified in its sentence ("yes, but ...") becomes the unsure value."""
    fact = fact_readings()[cand.fact]
    if (
        cand.from_answer
        and cand.confident
        and _TAKEN_BACK.search(Joined(tokens, 0, len(tokens)).text)
    ):
        cand = _Candidate(cand.fact, cand.value, "hedged", False, cand.start, cand.end, True)
    if polarity(fact, cand.value) != "reassurance" or fact.unsure is None:
        return cand
    if _PRESENT_WINS.search(Joined(tokens, 0, len(tokens)).text):
        return replace(cand, confident=False)  # "fine now, it wasn't before Christmas"
    if _FINE_TAKEN_BACK.search(Joined(tokens, 0, len(tokens)).text):
        return _Candidate(cand.fact, fact.unsure, "hedged", False, cand.start, cand.end)
    sentence = next((s for s in spans if s[0] <= cand.start < s[1]), (0, len(tokens)))
    if cand.from_answer or cand.end <= cand.start or len(tokens) <= 15:
        sentence = (0, len(tokens))  # "we know who drops him off, that's about it"
    if cand.fact == "management_plan":
        tokens = _time_of_update_masked(tokens)  # "updated it when his meds changed": a time
    if (
        cand.end > cand.start
        and not cand.from_answer
        and cand.end - cand.start < len(tokens)
        and tokens[cand.start].norm not in _PEOPLE_FIRST
    ):
        # a target's own words qualify nothing ("drinking but not problem drinking"); one that
        # starts with a person holds a clause of its own ("mum is exhausted but no drink")
        tokens = [
            Token("\u00b7", t.start, t.end) if cand.start <= i < cand.end else t
            for i, t in enumerate(tokens)
        ]
    if not qualifier_regex().search(Joined(tokens, *sentence).text):
        return cand
    return _Candidate(cand.fact, fact.unsure, "hedged", False, cand.start, cand.end)


_TIME_OF_UPDATE = re.compile(
    r"\b(?:updated|reviewed|redone|renewed|revised|rewritten|changed|done|written) "
    r"(?:(?:it|them|the plan|her plan|his plan) )?(?:(?:in|over|during|at) (?:the )?[\w']+ )?"
    r"(when (?:[\w']+ ){1,4}?(?:changed|started|was changed|were changed|came out|came home|moved"
    r"|switched|went up|went down|increased|was diagnosed|got diagnosed|was discharged|got"
    r" discharged|was admitted|joined|left)\b)"
)


def _time_of_update_masked(tokens: list[Token]) -> list[Token]:
    """The "when" that dates an update of a plan ("redone when the meds changed") blanked."""
    joined = Joined(tokens, 0, len(tokens))
    masked = list(tokens)
    for found in _TIME_OF_UPDATE.finditer(joined.text):
        start, end = joined.token_span(found.start(1), found.end(1))
        for j in range(start, end):
            masked[j] = Token("\u00b7", tokens[j].start, tokens[j].end)
    return masked


_ASKS_MEANING = re.compile(
    r"^(?:sorry ,? |sorry but |um ,? |erm ,? )?(?:what (?:do you mean|do you class|does "
    r"[\w' ]{1,30} mean|is meant|counts as|would count as|is classed as|do you count|counts\b"
    r"|is the difference|'s the difference)|define\b|"
    r"meaning of\b|do you mean\b)"
)
_DISBELIEF = re.compile(
    r"\b(?:i do not|i can not|do not|can not|i would not) (?:believe|trust|buy) (?:it|that|them|the"
    r" (?:figures?|numbers?|data|register|system))\b|\b(?:can not|could not) be right\b"
    r"|\b(?:is not|'s not|are not|not) (?:accurate|reliable|correct|true)\b|\binaccurate\b"
    r"|\bnot sure (?:i |we )?(?:believe|trust|buy) (?:it|that|them|the [\w%]+)\b"
    r"|\b(?:do not|can not) (?:think|reckon) (?:that|it|this|those|the [\w%]+) (?:'s|is|are) "
    r"(?:right|accurate|correct|true|real)\b"
    r"|\b(?:that|it|this|the [\w%]+) (?:'s|is) (?:wrong|rubbish|nonsense|made up|a fiction)\b"
)
_PART_ANSWER = re.compile(r"(?<![\w'])(yes|yeah|yep|no|nope|nah)(?= \d| ,| \.| -|$)")
_MAIN = re.compile(r"\b(?:main|mainly|primary|primarily|principal)\b")
_NOW = re.compile(r"\b(?:now|these days|currently|at the moment|nowadays)\b")


def _parts_disagree(asked: str | None, joined_text: str) -> _Candidate | None:
    """A yes and a no to the parts of one question ("1. knows - yes 2. considered - no"):
    the fact's unsure value (never its reassurance), to be confirmed."""
    if asked in (None, "immediate_danger", "danger_kind"):
        return None
    fact = fact_readings()[asked]
    if fact.kind != "choice" or fact.yes is None or fact.no is None or fact.unsure is None:
        return None
    said = {m.group(1)[0] for m in _PART_ANSWER.finditer(joined_text)}
    if said != {"y", "n"}:
        return None
    return _Candidate(asked, fact.unsure, "uncertain", False, 0, 0)


_DATED_NOT_BROUGHT = re.compile(
    r"(?:^|[.;:,\n-]\s*)(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\s*[:-]?\s*"
    r"(?:wnb|dna|dna'd|was not brought|not brought|did not attend)\b",
    re.IGNORECASE,
)


def _dated_not_brought(text: str, today: dt.date) -> int:
    """How many dated entries of a chronology, in the last 12 months, say the child was not
    brought ("12/01/26 WNB asthma clinic. 03/04/26 DNA."); two or more, else 0."""
    count = 0
    for day, month, year in _DATED_NOT_BROUGHT.findall(text):
        try:
            when = dt.date(int(year) + (2000 if len(year) == 2 else 0), int(month), int(day))
        except ValueError:
            continue
        count += 0 <= (today - when).days <= 365
    return count if count >= 2 else 0


def _main_one(candidates: list[_Candidate], tokens: list[Token]) -> list[_Candidate]:
    """Of two conditions or roles, the one said to be the main one or the one now ("the
    sickle is the main one", "was a health visitor, I'm now the early help coordinator")."""
    out = candidates
    for fact in ("condition", "reporter_role"):
        cands = [c for c in out if c.fact == fact]
        if len({str(c.value) for c in cands}) < 2:
            continue
        marked = {
            str(c.value)
            for c in cands
            if _MAIN.search(Joined(tokens, max(0, c.start - 4), min(len(tokens), c.end + 5)).text)
            or _NOW.search(Joined(tokens, max(0, c.start - 4), c.start).text)
        }
        if len(marked) == 1:
            out = [c for c in out if c.fact != fact or str(c.value) in marked]
    return out


def _asks_back(text: str, tokens: list[Token]) -> bool:
    """Whether the message is a question put back to the assistant ("is that the brown one?",
    "what counts as immediate? like today")."""
    if not tokens:
        return False
    first = tokens[0].norm
    return (text.rstrip().endswith("?") and first in _QUESTION_WORDS) or (
        first in ("what", "whats", "how", "which", "define") and "?" in text
    )


def _valid(fact: str, value: Any) -> bool:
    from bot import FactError, validate_fact

    try:
        validate_fact(fact, value)
    except FactError:
        return False
    return True


def _safer_number(fact: FactReading, values: list[Any]) -> Any:
    numbers = [v for v in values if isinstance(v, int | float)]
    if not numbers:
        return values[0]
    if fact.name in ("school_attendance_pct", "child_age_years"):
        return min(numbers)
    return max(numbers)


def _affirm(joined_text: str, length: int) -> bool | None:
    if length > 8:
        return None
    bare = re.sub(r"[^\w' ]+", " ", joined_text)
    bare = " ".join(bare.split())
    if re.fullmatch(
        r"(?:yes|yeah|yep|yup|y|aye|correct|that is right|that 's right|right|exactly|spot on|"
        r"that is correct|yes that is right|yes that 's right|yes correct|yes please|ok|okay|"
        r"sure|confirm|confirmed|that 's it|that is it|go on|carry on|yes it is|it is)"
        r"(?: thanks| thank you)?",
        bare,
    ):
        return True
    if re.fullmatch(
        r"(?:no|nope|nah|n|wrong|that is wrong|that 's wrong|not right|that is not right|"
        r"that 's not right|incorrect|no that is wrong|no that 's wrong|no not quite|not quite|"
        r"no it is not|no that is not right|no that 's not right|it is not)(?: sorry)?",
        bare,
    ):
        return False
    return None


def _is_correction(
    joined_text: str, findings: list[Finding], asked: str | None, known: Mapping[str, Any]
) -> bool:
    if not findings:
        return False
    if _LEAD_IN.search(joined_text):
        return True
    changed = any(
        f.fact != asked and known.get(f.fact) is not None and known.get(f.fact) != f.value
        for f in findings
    )
    if changed:
        return True
    return (
        bool(known)
        and bool(_CORRECTION_INSIDE.search(joined_text))
        and any(f.fact != asked and f.fact in known for f in findings)
    )
