"""One part of a message read apart from the rest: the child's part beside someone else's,
the present beside the past, a condition the writer grants, the record the writer backs.

- ``settled_apart``: choice facts. A sibling's medicine beside the child's ("her brother's
  are all over the place but hers are fine"), an adult's own prescription ("that's mum's own
  script"), the child overusing her own inhaler (no adult misusing it), "was poor, isn't now",
  "if dad's right ... and I've no reason to doubt him": the child's part, the present, the
  condition granted. What it settles is not qualified again by its "but" or "if".
- ``ages_apart``: a sibling's age beside the child's ("the baby's 4 months, it's the older
  boy I'm on about, he's six").
- ``count_apart``: the plain answer to a count. "one out of the four", "2 out of 3", "more
  than I can count on one hand", a total then its parts ("four times, twice with X, twice
  with Y"), two sources and the one the writer backs, call-outs and the times taken in,
  "none since X, the one before over a year ago", the child's share of a family's record,
  inhalers held in places (devices, not prescriptions).
- ``part_not_whole``: "missed 2 of her 4 clinics" beside an anchor: the 2, not the 4.

Every value here that is worked out, not said, is recorded not confident (asked to confirm).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from bot.reading.candidate import Candidate
from bot.reading.facts import target_candidates
from bot.reading.resolve import UNKNOWN, polarity
from bot.reading.rules import fact_readings
from bot.reading.text import Joined, Token, sentences

_SIBLING = (
    r"(?:(?:his|her|their|the) (?:big |little |older |younger |baby |twin |half |step )?"
    r"(?:brother|sister|sibling|twin|cousin|stepbrother|stepsister)s?(?: 's|'s)?)"
)
_MEDICINE = (
    r"(?:meds|medication|medicines?|tablets|pills|inhalers?|insulin|pens?|creon|enzymes|"
    r"physio|nebs|injections|keppra|epilim|penicillin|[\w]+ tablets|[\w]+ meds)"
)
# "her brother's meds are all over the place but hers are fine": the child's part, after a
# sibling's, is said of her own ("hers", "she", "her own", "with her insulin")
_SIBLING_THEN_CHILD = re.compile(
    rf"\b{_SIBLING}(?: [\w']+){{0,8}}? (?:but|whereas|while|though) (?:(?:hers|his|hers are|his are"
    r"|she 's|he 's|she is|he is|her own|his own|her 's|she|he|nothing with (?:her|his)"
    r"|not (?:her|his|with her|with his)|none of (?:hers|his)|nothing of (?:hers|his))\b)"
)
_OWN_PART_AFTER = re.compile(
    r"\b(?:but|whereas|while|though) ((?:hers|his|hers are|his are|she|he|her own|his own"
    r"|nothing|not|none)\b.*)$"
)
_ADULTS_OWN = re.compile(
    r"\b(?:mum|mother|dad|father|nan|gran|partner|boyfriend|stepdad|carer|the adult)(?: 's|'s)"
    r" own (?:script|prescription|scripts|prescriptions|meds|medication|medicine|tablets|pills"
    r"|[\w]+(?= (?:(?:is|was|that|which) )?(?:what )?(?:the )?(?:pharmacist|pharmacy|gp|doctor)?"
    r" ?(?:flagged|was flagged|prescribed|got flagged)))"
    r"|\bnothing to do with (?:his|her|their|the child 's) (?:[\w]+ )?(?:meds|medication|medicines?"
    r"|tablets|inhalers?|insulin|prescriptions?)\b"
)
_CHILD_OVERUSES = re.compile(
    r"\b(?:she|he|they) (?:over ?uses?|is over ?using|'s over ?using|over ?used|takes too much of"
    r"|uses too much of|has too much of) (?:her|his|their) own\b"
    r"|\b(?:that 's|that is|it 's|it is) (?:just )?(?:her|him|them)(?:self)? ,? not (?:an adult"
    r"|a grown up|the adults?|mum|dad|the parents|a parent)\b"
)
_CONCERN_THEN = (
    r"(?:bad|poor|rubbish|awful|terrible|shocking|dreadful|patchy|hit and miss|all over the place"
    r"|a struggle|a nightmare|a battle|non existent|erratic|chaotic|not great|not good)"
)
_GOOD_NOW = (
    r"(?:fine|good|great|better|spot on|sorted|ok|okay|brilliant|much better|really good"
    r"|perfect|excellent|on track|back on track|100 %|bang on)"
)
# "used to be rubbish but since half term it's been spot on", "was poor. isn't now"
_THEN = (  # how it was: "used to be rubbish", "poor in the past", "she used to skip doses"
    r"(?:(?:^|[,.;-] |\b(?:it|that|she|he|they|adherence|compliance|meds|medication"
    r"|giving (?:it|them)) )(?:used to be|was|were|had been)(?: really| pretty| very| a bit)?"
    rf" {_CONCERN_THEN}|(?:^|[,.;-] ){_CONCERN_THEN} (?:before|in the past|at first|previously"
    r"|last (?:term|year|month|winter|summer|spring|autumn))"
    r"|\b(?:she|he|they|mum|dad|nan) used to (?:skip|miss|forget|refuse|not (?:do|give|take|have))"
    r"\w*)"
)
_NOW_FINE = (  # how it is now: "it's been spot on", "good now", "isn't now", "not any more"
    r"(?:(?:(?:since|from|after) [\w']+(?: [\w']+){0,3}?(?: ,)? |now(?: ,)? |these days(?: ,)? "
    r"|lately(?: ,)? |nowadays(?: ,)? )?(?:it|she|he|they|that|adherence|things)"
    rf" (?:'s|is|has|have|are)(?: been| now| been really| really)? {_GOOD_NOW}"
    rf"|{_GOOD_NOW} (?:now|these days|nowadays|lately|since)\b"
    r"|(?:it |she |he |that )?(?:is not|'s not|are not|not) (?:now|any more|anymore|these days)\b)"
)
# "used to be rubbish but since half term it's been spot on", "was poor. isn't now"
_THEN_NOT_NOW = re.compile(
    rf"{_THEN}(?: [\w']+){{0,4}}? ?[,.;-]* (?:but |though |and )?{_NOW_FINE}"
)
_QUALIFIED_AFTER = re.compile(  # "...now it's fine, but the levels say otherwise"
    r"\b(?:but|though|although|however|except|apart from|otherwise|still|again|not always"
    r"|sometimes|most days|mostly)\b"
)
_HEDGED_ANYWHERE = re.compile(
    r"\b(?:apparently|supposedly|allegedly|so (?:she|he|they|mum|dad) says|(?:mum|dad|she|he"
    r"|they|nan) (?:says|said|reckons|claims|tells me)|i think|i doubt|not sure|i hope"
    r"|hopefully|i am told|so i am told)\b"
)
# "if dad's right then ... - and I've no reason to doubt him": the condition granted
_IF_A_SOURCE = re.compile(
    r"\bif (?:what )?(?:mum|dad|nan|gran|the (?:nurse|school|carer|foster carer|gp)|she|he|they"
    r"|her mum|his mum|her dad|his dad|foster carer)(?:'s| 's| is| are| says| said| tells me)?"
    r" (?:right|correct|telling the truth|being honest|to be believed|true|accurate|is right)\b"
)
_GRANTED = re.compile(
    r"\b(?:no reason to (?:doubt|disbelieve|question|think otherwise|think (?:he|she|they) "
    r"(?:is|'s|are) (?:lying|not))|i (?:believe|trust) (?:him|her|them|it)|(?:he|she|they) "
    r"(?:'s|is|are) (?:usually|always|generally|very) (?:right|reliable|honest|accurate)"
    r"|i have no doubt|no doubt (?:he|she|they) (?:is|'s|are) right)\b"
)


def settled_apart(
    candidates: list[Candidate], tokens: list[Token], asked: str | None
) -> tuple[list[Candidate], list[Candidate]]:
    """The candidates, with the ones read here apart from the rest of the message; and the
    ones settled (not to be qualified again by their sentence's "but" or "if")."""
    joined = Joined(tokens, 0, len(tokens)).text
    settled: list[Candidate] = []
    out = list(candidates)
    out, done = _childs_adherence(out, joined, asked)
    settled += done
    out, done = _childs_medicine_misused(out, joined, tokens, asked)
    settled += done
    out, done = _present_wins(out, joined, tokens)
    settled += done
    out, done = _condition_granted(out, joined, tokens, asked)
    settled += done
    out, done = _plan_on_a_condition(out, joined, tokens, asked)
    settled += done
    return out, settled


def _set(
    out: list[Candidate], fact: str, value: Any, start: int, end: int
) -> tuple[list[Candidate], list[Candidate]]:
    chosen = Candidate(fact, value, "affirmed", False, start, end)
    return [c for c in out if c.fact != fact] + [chosen], [chosen]


def _childs_adherence(
    out: list[Candidate], joined: str, asked: str | None
) -> tuple[list[Candidate], list[Candidate]]:
    """A sibling's medicine given badly, then the child's said fine: the child's part."""
    fact = "medication_adherence"
    mine = [c for c in out if c.fact == fact]
    if not mine or not _SIBLING_THEN_CHILD.search(joined):
        return out, []
    own = _OWN_PART_AFTER.search(joined)
    if own is None:
        return out, []
    reading = fact_readings()[fact]
    said_good = [c for c in mine if c.value in reading.reassuring]
    if not said_good or re.search(r"\b(?:not|never|no|missed|skipped|forgets?)\b", own.group(1)):
        return out, []
    return _set(out, fact, reading.reassuring[0], said_good[0].start, said_good[0].end)


def _childs_medicine_misused(
    out: list[Candidate], joined: str, tokens: list[Token], asked: str | None
) -> tuple[list[Candidate], list[Candidate]]:
    """Misuse of a sibling's or an adult's own medicine, or the child overusing her own:
    no misuse of the child's medicine by an adult, to confirm. Never over a sign said of
    the child's own medicine."""
    fact = "medication_misuse"
    mine = [c for c in out if c.fact == fact]
    if not mine and asked != fact:
        return out, []
    start, end = (mine[0].start, mine[0].end) if mine else (0, 0)
    signs = [c for c in mine if c.value == "yes"]
    adults_own = _CHILD_OVERUSES.search(joined) or _ADULTS_OWN.search(joined)
    if not signs and adults_own and not _MISUSE_OF_CHILDS.search(joined):
        return _set(out, fact, "no", start, end)  # "that's mum's own script"
    sibling = re.search(rf"\b{_SIBLING} (?:[\w']+ ){{0,3}}?{_MEDICINE}\b", joined)
    if sibling is None or not signs:
        return out, []
    own = _OWN_PART_AFTER.search(joined[sibling.end() :])
    if own is None or not re.match(r"(?:nothing|not|none)\b", own.group(1)):
        return out, []
    whole = Joined(tokens, 0, len(tokens))
    said_from, _ = whole.token_span(sibling.start(), sibling.end())
    but_at, _ = whole.token_span(sibling.end() + own.start(), sibling.end() + own.end())
    if all(said_from <= c.start and c.end <= but_at + 1 for c in signs):
        return _set(out, fact, "no", start, end)  # "her brother's are sold, nothing with hers"
    return out, []


_MISUSE_OF_CHILDS = re.compile(
    r"\b(?:his|her|their|the child 's) (?:[\w]+ )?(?:meds|medication|medicine|tablets|inhalers?"
    r"|insulin|buccal|midazolam)\b(?: [\w']+){0,3}? (?:going missing|missing|sold|taken|used"
    r"|disappearing)\b"
)


def _present_wins(
    out: list[Candidate], joined: str, tokens: list[Token]
) -> tuple[list[Candidate], list[Candidate]]:
    """How the medicine is given said as it was, then as it is now: the present wins, to
    confirm, unless a concern is said after it ("...but she's skipping again")."""
    fact = "medication_adherence"
    found = _THEN_NOT_NOW.search(joined)
    if found is None or not any(c.fact == fact for c in out):
        return out, []
    if _QUALIFIED_AFTER.search(joined[found.end() :]) or _HEDGED_ANYWHERE.search(joined):
        return out, []  # a "but" after it, or a hedge: read as said, not settled here
    reading = fact_readings()[fact]
    joined_all = Joined(tokens, 0, len(tokens))
    start, end = joined_all.token_span(found.start(), found.end())
    affirmed_later = [
        c
        for c in out
        if c.fact == fact
        and polarity(reading, c.value) == "concern"
        and c.assertion in ("affirmed", "negated")
        and c.start >= end
    ]
    if affirmed_later:
        return out, []
    return _set(out, fact, reading.reassuring[0], start, end)


def _condition_granted(
    out: list[Candidate], joined: str, tokens: list[Token], asked: str | None
) -> tuple[list[Candidate], list[Candidate]]:
    """A reassurance on a condition the writer then grants ("if dad's right she does her nebs
    twice a day - and I've no reason to doubt him"): the reassurance, to confirm. The words
    are read again without the "if" and the grant, so neither hides nor doubts them."""
    condition, grant = _IF_A_SOURCE.search(joined), _GRANTED.search(joined)
    if condition is None or grant is None:
        return out, []
    said_before = " ".join(joined[: grant.start()].split()[-4:])
    if re.search(r"\b(?:not|never|doubt|unsure|whether|if)\b", said_before):
        return out, []  # "not sure I believe her": the condition is not granted
    if re.search(r"\bbut (?:the |her |his )?(?:pharmacy|chemist|gp|records?|levels?)\b", joined):
        return out, []  # "if mum's telling the truth ..., but the pharmacy says": not granted
    whole = Joined(tokens, 0, len(tokens))
    masked = list(tokens)
    for found in (condition, grant):
        first, last = whole.token_span(found.start(), found.end())
        for j in range(first, last):
            masked[j] = Token("\u00b7", tokens[j].start, tokens[j].end)
    again = [
        c
        for sentence in sentences(masked, "")
        for c in target_candidates("", masked, sentence, asked)
    ]
    settled = [
        replace(c, confident=False)
        for c in again
        if polarity(fact_readings()[c.fact], c.value) == "reassurance"
        and fact_readings()[c.fact].about_child
        and not any(
            o.fact == c.fact
            and polarity(fact_readings()[o.fact], o.value) == "concern"
            and o.assertion == "affirmed"
            and o.confident
            for o in again
        )
    ]
    facts = {c.fact for c in settled}
    kept = [c for c in out if c.fact not in facts]
    return kept + settled, settled


_IF_THEN_CURRENT = re.compile(
    r"\bif\b(?: [\w']+){1,16}? then (?:it 's|it is|it would be|it will be|it should be|that 's"
    r"|that is|the plan 's|the plan is) (?:current|up to date|in date|all fine|fine)\b"
)


def _plan_on_a_condition(
    out: list[Candidate], joined: str, tokens: list[Token], asked: str | None
) -> tuple[list[Candidate], list[Candidate]]:
    """A plan current only on a condition not granted ("if the DSN did it like she said she
    would then it's current, but I've not seen it"): whether it is current is not known."""
    fact = "management_plan"
    found = _IF_THEN_CURRENT.search(joined)
    if (
        found is None
        or _GRANTED.search(joined)
        or (asked != fact and not any(c.fact == fact for c in out))
    ):
        return out, []
    start, end = Joined(tokens, 0, len(tokens)).token_span(found.start(), found.end())
    return _set(out, fact, UNKNOWN, start, end)


# ---------------- ages ----------------

_ANOTHER_CHILDS_AGE = re.compile(
    r"\b(?:the baby|the little one|the youngest|the eldest|the older one|the younger one"
    r"|(?:his|her|their|the) (?:baby |little |big |older |younger )?(?:brother|sister|sibling"
    r"|twin|cousin))(?: 's|'s| is| was)$"
)
_THE_ONE_MEANT = re.compile(
    r"\b(?:i am|i 'm) (?:on about|talking about|ringing about|calling about|worried about"
    r"|asking about|referring to|meaning)\b|\bit 's (?:the|her|his) (?:older|younger|eldest|oldest"
    r"|youngest|big|little|other) (?:one|boy|girl|lad|lass|child)\b|\bnot the baby\b"
)


def ages_apart(candidates: list[Candidate], tokens: list[Token]) -> list[Candidate]:
    """Two ages, one a sibling's and one the child's the writer says they mean ("the baby's 4
    months but it's the older boy I'm on about, he's six"): the child's."""
    ages = [c for c in candidates if c.fact == "child_age_years"]
    if len(ages) < 2:
        return candidates
    joined = Joined(tokens, 0, len(tokens)).text
    if not _THE_ONE_MEANT.search(joined):
        return candidates

    def sibling(c: Candidate) -> bool:
        before = " ".join(t.norm for t in tokens[max(0, c.start - 4) : c.start])
        said = " ".join(t.norm for t in tokens[max(0, c.start - 4) : c.start + 1])
        return bool(_ANOTHER_CHILDS_AGE.search(before) or re.search(r"baby 's \S+$", said))

    others = [c for c in ages if sibling(c)]
    if not others or len(others) == len(ages):
        return candidates
    return [c for c in candidates if not any(c is o for o in others)]


# ---------------- counts said in parts ----------------

_ON_ONE_HAND = re.compile(
    r"\bmore than (?:i|we|you|anyone) (?:can|could) count on (?:1|one|2|two|both)"
    r" (?:hand|hands)\b"
)
_COUNT_ON_A_HAND = re.compile(r"\bcount (?:them )?on (?:1|one|2|two|both) (?:hand|hands)\b")
_A_WHOLE_OF_THESE = re.compile(  # "2 out of 3 asthma reviews", not "1 of 3 kids"
    r"(?:$| ?[,.;?!-]| (?:[\w']+ ){0,2}?(?:appointments?|appts?|clinics?|reviews?|visits?"
    r"|sessions?|check ?ups?|checks|scripts?|prescriptions?|inhalers?|admissions?|times|booked"
    r"|offered|sent)\b)"
)
_ATTENDED_OUT_OF = re.compile(  # never after a "not": "wasn't brought to 2 of his 6" missed 2
    r"(?<!not )(?<!never )(?<!nt )(?<!not been )(?<!never been )\b(?:been to|attended|went to"
    r"|gone to|made it to|made|brought to|taken to|turned up to|turned up for|kept|seen at|got to"
    r"|gets to|go to|goes to)(?: only| just)? (\d+)"
    r" (?:out of|of) (?:the |his |her |their )?(\d+)\b"
)
_OUT_OF = re.compile(r"(?<![\w.])(\d+) (?:out of|of) (?:the |his |her |their )?(\d+)\b")
_SOURCE_SAYS = (
    r"(?P<source>[\w']+) (?:(?P<kind>record|records|system|notes|letter) )?(?:says|said|say|reckons"
    r"|records?|has (?:her|him|them) (?:down )?(?:as|at)|have (?:her|him|them) (?:down )?(?:as|at)"
    r"|puts? (?:her|him|them) at|has|have|shows?|thinks|told me)"
    r"(?: it 's| it is| it was| (?:he|she) 's (?:had|been))? (?P<n>\d+)\b"
)
_BACKED = re.compile(
    r"\b(?:i 'd|i would|i will|i 'll|we 'd|we would|i am going to|i 'm going to|i am|i 'm)"
    r" (?:go|going|goes)? ?(?:with|trust|believe|take|stick with|side with|back|rely on)"
    r" (?:the |her |his |their )?(?P<backed>[\w']+)"
    r"|\b(?:the )?(?P<right>[\w]+)(?:'s| 's| is| are) (?:right|correct|more accurate|more reliable"
    r"|the accurate one|the one to go with)\b"
)
_BREAKDOWN_PART = re.compile(r"^(?:with|for|from|by|because|due|after|via|through|in a&e)\b")
_CALLED_OUT = re.compile(
    r"\b(?:paramedics?|ambulances?|999|111|called out|came out|been out|come out|crew)\b"
)
_TAKEN_IN = re.compile(
    r"\b(?:taken in|admitted|kept in|brought in|stayed in|went in|conveyed|taken to hospital)\b"
)
_NONE_SINCE_BEFORE_A_YEAR = re.compile(
    r"\b(?:none|nothing|not once|no admissions?|not been in|not admitted)(?: [\w']+){0,2}? since"
    r" .*\b(?:the one|the last one|the time|the last time|the admission|that) before (?:that|then)"
    r" (?:was|were)(?: well)? (?:(?:over|more than) (?:a|1) year|(?:over |more than )?(?:[2-9]|a"
    r" couple of|a few|several) years|(?:1[2-9]|[2-9]\d) months) ago\b"
)
_THE_REST_ARE_ANOTHERS = re.compile(
    r"\b(?:the )?(?:rest(?: of (?:the |them|those)?(?P<n>\d+)?)?|other (?P<m>\d+))"
    r"(?: [\w']+){0,5}? "
    rf"(?:are|were|is|was|belong to|for) {_SIBLING}"
)
_HELD_IN_PLACES = re.compile(
    r"\b(?:in (?:her|his|their|the) (?:school )?(?:bag|pocket|tray|locker|drawer|car|coat|room"
    r"|classroom)|in the (?:office|medical room|first aid|staff room|classroom)"
    r"|at (?:home|school|nan 's|dad 's|mum 's))\b"
)
_HELD_WORDS = re.compile(  # a device where it is kept: "a blue one in her bag", "a spare at nan's"
    r"\b(?:1|one|another|spare|blue one|inhaler|pump|puffer)(?: inhaler| pump| one)?"
    r" (?:in|at|on|kept in|kept at|left in|left at)\b"
)
_A_YEARS_COUNT = re.compile(
    r"\b\d+ (?:[\w]+ )?(?:this year|a year|in (?:the last |the past )?(?:12 months|year)"
    r"|over the year|since|a month|every month|a week)\b"
)
_SCRIPT_WORDS = re.compile(
    r"\b(?:prescri\w*|scripts?|issued|collected|dispensed|ordered|requested|picked up|repeats?)\b"
)


# "none collected - but she's on the blue every day": the record's none, whatever the worry beside
NONE_ON_RECORD = re.compile(
    r"^(?:none|zero|nil|0|not (?:one|any))(?: at all)? (?:collected|issued|dispensed|prescribed"
    r"|picked up|ordered|requested|on (?:the |her |his )?(?:record|system|emis|systmone|script))\b"
)


def count_apart(tokens: list[Token], asked: str) -> Candidate | None:
    """A count said in parts, out of a whole, from two sources or held in places, or ``None``."""
    joined = Joined(tokens, 0, len(tokens))
    text = joined.text
    whole = (0, len(tokens))
    if _ON_ONE_HAND.search(text):  # "more than I can count on one hand": 6 or more
        hands = 11 if re.search(r"\b(?:2|two|both) hands\b", text) else 6
        return Candidate(asked, hands, "affirmed", False, *whole)
    if _COUNT_ON_A_HAND.search(text):  # "I could count them on one hand": a few, not how many
        return Candidate(asked, UNKNOWN, "uncertain", False, *whole)
    if asked == "reliever_prescriptions_12m" and _devices_not_scripts(text):
        return Candidate(asked, UNKNOWN, "uncertain", False, *whole)
    attended = _ATTENDED_OUT_OF.search(text)
    if asked == "missed_appointments_12m" and attended:
        went, booked = float(attended.group(1)), float(attended.group(2))
        if went <= booked:  # "been to one out of the four": three missed
            return Candidate(asked, int(booked - went), "affirmed", False, *whole)
    part = _OUT_OF.search(text)
    if (
        part
        and float(part.group(1)) <= float(part.group(2))
        and not attended
        and _A_WHOLE_OF_THESE.match(text[part.end() :])
    ):
        at, _ = joined.token_span(*part.span(1))
        return Candidate(asked, int(float(part.group(1))), "affirmed", True, at, at + 1)
    backed = _backed_source(text)
    if backed is not None:
        return Candidate(asked, backed, "affirmed", False, *whole)
    if _NONE_SINCE_BEFORE_A_YEAR.search(text):
        return Candidate(asked, 0, "affirmed", False, *whole)
    rest = _THE_REST_ARE_ANOTHERS.search(text)
    if rest:
        before = [
            t.number for t in tokens[: joined.token_span(*rest.span())[0]] if t.number is not None
        ]
        named = rest.group("n") or rest.group("m")
        if len(before) == 1 and (not named or before[0] < float(named)):
            return Candidate(asked, int(before[0]), "affirmed", False, *whole)
    total = _total_then_parts(tokens)
    if total is not None:
        return Candidate(asked, total, "affirmed", True, *whole)
    called, taken = _CALLED_OUT.search(text), _TAKEN_IN.search(text)
    taken_in = (  # the call-outs said first, then the times taken in: not one more of them
        called is not None
        and taken is not None
        and called.start() < taken.start()
        and not re.search(r"\b(?:plus|as well as|on top of)\b", text)
    )
    if asked == "unplanned_admissions_12m" and taken_in:
        said = [t.number for t in tokens if t.number not in (None, 999, 111, 101)] + [
            {"once": 1.0, "twice": 2.0}[t.norm] for t in tokens if t.norm in ("once", "twice")
        ]
        if said:  # "paramedics out 3 times but only taken in once": not added, to confirm
            return Candidate(asked, int(max(said)), "affirmed", False, *whole)
    return None


def _devices_not_scripts(text: str) -> bool:
    """Inhalers counted where they are kept ("one in her bag and a spare in the office"), with
    no word of a prescription: devices, not prescriptions issued."""
    places = _HELD_IN_PLACES.findall(text)
    return (
        len(places) >= 2
        and bool(_HELD_WORDS.search(text))
        and not _SCRIPT_WORDS.search(text)
        and not _A_YEARS_COUNT.search(text)
    )


def _backed_source(text: str) -> int | None:
    """Two sources' figures and the one the writer backs ("the hospital says 2, mum says 5,
    I'd go with the hospital record"): the figure of the source backed."""
    said = {
        m.group("source"): int(m.group("n"))
        for m in re.finditer(_SOURCE_SAYS, text)
        if m.group("source") not in ("it", "that", "he", "she", "i", "we")
    }
    said |= {  # "the GP record has him as 10 ... the record's right": backed by its kind too
        m.group("kind"): int(m.group("n"))
        for m in re.finditer(_SOURCE_SAYS, text)
        if m.group("kind") and m.group("kind") not in said
    }
    if len(said) < 2:
        return None
    for backed in _BACKED.finditer(text):
        name = backed.group("backed") or backed.group("right")
        if name in said:
            return said[name]
    return None


def _total_then_parts(tokens: list[Token]) -> int | None:
    """A total said first, then its parts that add up to it ("four times this year, twice with
    chest infections, twice with crises"): the total, never the parts added to it."""
    counts = [
        (i, t.number if t.number is not None else {"once": 1.0, "twice": 2.0}.get(t.norm))
        for i, t in enumerate(tokens)
    ]
    said = [(i, v) for i, v in counts if v is not None]
    if len(said) < 3:
        return None
    (first_at, first), parts = said[0], said[1:]
    first_clause = " ".join(t.norm for t in tokens[first_at + 1 : parts[0][0]])
    if re.search(r"\b(?:with|for|from|by|because|due|after|via|and)\b", first_clause) or re.search(
        r"\b(?:in|on|during|at|over) (?:the )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
        r"|spring|summer|autumn|winter|easter|christmas|half term)",
        first_clause,
    ):
        return None  # "twice with asthma, once ...", "twice in April, ...": a part itself
    for at, _ in parts:
        after = " ".join(t.norm for t in tokens[at + 1 : at + 3])
        if tokens[at].norm not in ("once", "twice") and not after.startswith(("times", "time")):
            return None
        if not _BREAKDOWN_PART.match(re.sub(r"^times? ", "", after)):
            return None
    if sum(v for _, v in parts) != first:
        return None
    return int(first)


def part_not_whole(tokens: list[Token], index: int, fact: str) -> tuple[int, float] | None:
    """The number at ``index`` as the whole of "2 of her 4 clinics": the part (the 2) in its
    place, or for missed appointments after "been to 1 of the 4", the ones missed."""
    before = " ".join(t.norm for t in tokens[max(0, index - 4) : index])
    part = re.search(r"(?:^| )(\d+) (?:out of|of)(?: the| his| her| their)?$", before)
    if part is None:
        return None
    at = index - len(before[part.start(1) :].split())
    value = float(part.group(1))
    whole = tokens[index].number or 0.0
    if value > whole:
        return None
    went = re.search(
        r"(?<!not )(?<!never )(?<!nt )(?:been to|attended|went to|made it to|brought to|taken to"
        r"|kept)(?: only| just)?$",
        " ".join(t.norm for t in tokens[max(0, at - 4) : at]),
    )
    if went and fact == "missed_appointments_12m":
        return at, whole - value
    return at, value
