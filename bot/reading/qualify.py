"""Second looks at a value read: how it is qualified by what is said around it.

A reassurance in scare quotes is doubted (``scare_quoted``); misuse over for
years is not now (``recovered_for_years``); a condition or a story after a
plain answer (``qualified_now``); a team named is involvement
(``a_team_named``); a child's own medicine is not misuse (``misuse_is_not_use``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.reading.candidate import CLAUSE, Candidate
from bot.reading.context import find_modifiers
from bot.reading.danger_screen import danger_phrases
from bot.reading.resolve import polarity
from bot.reading.rules import (
    fact_readings,
    qualifier_regex,
)
from bot.reading.text import Joined, Token

_ADULT_USES = re.compile(
    r"\b(?:mum|mother|dad|father|partner|boyfriend|girlfriend|step ?dad|step ?mum|uncle|aunt|"
    r"lodger|adults?|someone|somebody|anyone|anybody)"
    r"(?: 's (?:partner|boyfriend|girlfriend|friend|mate))?"
    r"(?: \w+){0,3} (?:using|uses|used|taking|takes|took|smoking|smokes|selling|sells)\b"
)
_OWN_MEDICINE = re.compile(
    r"\b(?:he (?:[\w']+ )?(?:takes|took|taking|has|had|uses|used) his|"
    r"she (?:[\w']+ )?(?:takes|took|taking|has|had|uses|used) her)\b"
)
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


_SCARE_QUOTE = re.compile(  # "she says she's 'fine'": a reassurance the writer puts in quotes
    r"(?:(?<=[\s(])|^)['‘\"“](?!(?:i|i'm|im|we|my|me)\b)([^'‘’\"“”\n]{1,30}?)['’\"”](?=[\s.,;:!?)]|$)",
    re.IGNORECASE,
)


def scare_quoted(cand: Candidate, text: str, tokens: list[Token]) -> Candidate:
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
_NOT_OF_NOW = re.compile(  # "was a heavy drinker", "no concerns since": no use said of now
    r"\b(?:was|were|used to be|had been) (?:a |an )?(?:really |very )?(?:heavy |big |bad |problem"
    r" |dependent |chronic )?(?:drinker|user|addict|alcoholic)\b"
    r"|\bno (?:concerns?|worries|issues|problems)(?: at all| whatsoever)?(?: since| now| these days"
    r"| since then| raised since)?\b"
)
_A_CARER = re.compile(
    r"\b(?:mum|mom|mother|dad|father|stepdad|stepmum|partner|boyfriend|girlfriend|nan|gran"
    r"|grandad|grandma|carers?|parents|both|they)\b"
)


def recovered_for_years(candidates: list[Candidate], said: str) -> list[Candidate]:
    """A carer's misuse told as over for years ("in recovery, clean 2 years") is not now.

    The past clause does not win over the present: years clean with nothing said of use
    since is read as no misuse now, to confirm. Months clean, a relapse or a worry beside it
    keep the past reading (suspected).
    """
    fact = "carer_substance_misuse"
    mine = [c for c in candidates if c.fact == fact]
    no = fact_readings()[fact].reassuring[0]
    if (
        not any(c.value == "suspected" for c in mine)
        or any((c.value != "suspected" or c.confident) and c.value != no for c in mine)
        or not _YEARS_CLEAN.search(said)
        or _USING_NOW.search(_NOT_OF_NOW.sub(" ", said))
        or len(set(_A_CARER.findall(said))) > 1
    ):
        return candidates
    return [
        replace(c, value=no, assertion="past", confident=False) if c.fact == fact else c
        for c in candidates
    ]


_CONTRAST = frozenset({"but", "though", "although", "-"})  # a past clause before "she's fine"
_SAID_OF_THEN = re.compile(
    r"\b(?:last (?:year|term|month|winter|summer|spring|autumn|school year)|the year before"
    r"|in the (?:autumn|summer|spring|winter)|over the (?:summer|winter)|in year \d+|used to"
    r"|was|were|had been|at first|previously|before (?:that|then|christmas|easter|half term"
    r"|the summer))\b"
)
_SAID_OF_NOW = re.compile(
    r"\b(?:now|since|these days|nowadays|ever since|at the moment|this term|for (?:\d+|a few"
    r"|several|two|three) (?:years|months))\b|\bpicked (?:back )?up\b"
)


def present_over_past(candidates: list[Candidate], tokens: list[Token]) -> list[Candidate]:
    """A worry told of a time gone by, beside a present that is fine ("it was dropping last
    year, it's much better now", "settled now, they were homeless last year"): the present is
    the answer, to confirm. A worry with nothing of then about it stays the worry."""
    out = candidates
    for name in _PAST_THEN_NOW_FACTS:
        fact = fact_readings()[name]
        mine = [c for c in out if c.fact == name and c.end > c.start]
        worries = [c for c in mine if polarity(fact, c.value) == "concern"]
        fine = [c for c in mine if polarity(fact, c.value) == "reassurance"]
        if not worries or not fine or len(mine) < len(out_of(out, name)):
            continue

        def said(c: Candidate) -> str:  # the clause the words are in
            first, last = c.start, c.end
            while first > 0 and tokens[first - 1].norm not in (*CLAUSE, "but"):
                first -= 1
            while last < len(tokens) and tokens[last].norm not in (*CLAUSE, "but"):
                last += 1
            return Joined(tokens, first, last).text

        if all(
            _SAID_OF_THEN.search(said(c)) and not _SAID_OF_NOW.search(said(c)) for c in worries
        ) and all(_SAID_OF_NOW.search(said(c)) for c in fine):
            out = [replace(c, confident=False) if c in fine else c for c in out if c not in worries]
    return out


def out_of(candidates: list[Candidate], name: str) -> list[Candidate]:
    return [c for c in candidates if c.fact == name]


def qualified_now(cand: Candidate, tokens: list[Token], spans: list[tuple[int, int]]) -> Candidate:
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
        if tokens[i].norm in CLAUSE or tokens[i].norm in _CONTRAST:
            if i > first:
                clauses.append((first, i))
            first = i + 1
    masked = list(tokens)
    told_past = any(  # "that was yesterday - she collapsed ... but she's fine today"
        r.search(Joined(tokens, 0, len(tokens)).text) for r in danger_phrases("told_as_past_ahead")
    )
    for clause in clauses:
        text = Joined(tokens, *clause).text
        past = told_past or any(
            "HISTORICAL" in m.rule.categories
            and (m.rule.allowed_types is None or "DANGER" in m.rule.allowed_types)
            and clause[0] <= m.start < clause[1]
            for m in modifiers
        )
        strong = any(t.rule.strong and clause[0] <= t.start < clause[1] for t in terminators)
        apology = any(p.search(text) for p in danger_phrases("not_a_condition"))
        if (past or apology) and not strong:
            for j in range(*clause):
                masked[j] = Token("\u00b7", tokens[j].start, tokens[j].end)
            after = clause[1]  # "collapsed yesterday but she's fine today": the "but" is the past's
            if after < cand.start and tokens[after].norm in _CONTRAST:
                masked[after] = Token("\u00b7", tokens[after].start, tokens[after].end)
    return _qualified(cand, masked, spans)


def _worry_later_masked(tokens: list[Token]) -> list[Token]:
    """The tokens with a worry about later or in general, or the time the child was seen,
    blanked (danger.yml ``not_a_condition_after``): "no, just worried about tonight" is a "no"."""
    joined = Joined(tokens, 0, len(tokens))
    masked = list(tokens)
    for regex in danger_phrases("not_a_condition_after"):
        for found in regex.finditer(joined.text):
            start, end = joined.token_span(found.start(), found.end())
            for j in range(start, end):
                if tokens[j].norm not in CLAUSE or tokens[j].norm == ",":
                    masked[j] = Token("\u00b7", tokens[j].start, tokens[j].end)
    return masked


def misuse_is_not_use(
    candidates: list[Candidate], tokens: list[Token], asked: str | None
) -> list[Candidate]:
    """An adult "using his inhaler" is misuse, not the medicine given.

    Dropped: the medicine read as given where the words are misuse, and, while
    another question is open, the medicine read from an adult using or taking it
    ("mum's partner may be using them"); and misuse read from the child taking
    their own ("mum says he takes his inhaler").
    """
    misuse = [
        (c.start, c.end) for c in candidates if c.fact == "medication_misuse" and c.value == "yes"
    ]

    def adult_uses(c: Candidate) -> bool:
        if asked == "medication_adherence":
            return False
        before = " ".join(t.norm for t in tokens[max(0, c.start - 6) : c.end])
        return _ADULT_USES.search(before) is not None

    def own_medicine(c: Candidate) -> bool:
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


def a_team_named(cand: Candidate, tokens: list[Token], asked: str | None) -> bool:
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
    clause = next((i for i, w in enumerate(after) if w in CLAUSE), len(after))
    before = {t.norm for t in tokens[max(0, cand.start - 3) : cand.start]}
    said = set(after[1:clause]) | before
    return bool(after) and after[0] in _TEAM_WORDS and not said & _INVOLVED


def _qualified(cand: Candidate, tokens: list[Token], spans: list[tuple[int, int]]) -> Candidate:
    """A reassurance qualified in its sentence ("yes, but ...") becomes the unsure value."""
    fact = fact_readings()[cand.fact]
    if (
        cand.from_answer
        and cand.confident
        and _TAKEN_BACK.search(Joined(tokens, 0, len(tokens)).text)
    ):
        cand = Candidate(cand.fact, cand.value, "hedged", False, cand.start, cand.end, True)
    if polarity(fact, cand.value) != "reassurance" or fact.unsure is None:
        return cand
    said_tokens = tokens  # as said, before any words are blanked
    if _PRESENT_WINS.search(Joined(tokens, 0, len(tokens)).text):
        return replace(cand, confident=False)  # "fine now, it wasn't before Christmas"
    if _FINE_TAKEN_BACK.search(Joined(tokens, 0, len(tokens)).text):
        return Candidate(cand.fact, fact.unsure, "hedged", False, cand.start, cand.end)
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
    past_set_against = cand.fact in _PAST_THEN_NOW_FACTS and _past_then_now(
        Joined(said_tokens, 0, len(said_tokens)).text
    )
    if past_set_against:
        tokens = _past_then_now_masked(tokens, said_tokens)
    if not qualifier_regex().search(Joined(tokens, *sentence).text):
        return replace(cand, confident=False) if past_set_against else cand  # to confirm
    return Candidate(cand.fact, fact.unsure, "hedged", False, cand.start, cand.end)


_PAST_THEN_NOW_FACTS = frozenset(
    {
        "attendance_declining",
        "child_distress",
        "carer_substance_misuse",
        "living_situation_unstable",
    }
)
_PAST_THEN_NOW = (
    re.compile(  # "she used to cry at drop-off but she's settled since half term"
        r"^(?:[^,.;]*? )?(?:used to|was|were|had been|at first|in the past|previously|before)"
        r"\b[^.;]*?(?P<but>(?: ,)? but)(?= (?:\S+ ){0,8}?(?:since|now|these days|nowadays"
        r"|ever since|for (?:months|weeks|ages|a while|the last|the past))\b)"
    ),
    re.compile(  # "his sister's attendance has tanked but his is fine": the other child's "but"
        r"\b(?:brother|sister|sibling|cousin|twin)s?\b[^.;]*?(?P<but>(?: ,)? but)"
        r"(?= (?:his|hers|his own|her own|theirs|he|she|this one|this child) )"
    ),
    re.compile(  # "overcrowded but stable": a lesser fault set against the home being stable
        r"\b(?:overcrowded|cramped|small|tiny|crowded|damp|basic|not ideal|not great|a squeeze"
        r"|tight|a squash|too small|poky) (?P<but>but|though)(?= (?:it 's |it is |they 're "
        r"|they are )?(?:stable|settled|secure|permanent|long term)\b)"
    ),
    re.compile(  # "not anymore, they got a council house in May": the concern is over
        r"^(?:no ,? )?(?P<but>not any ?more|no longer|not now|not these days)\b"
    ),
)


def _past_then_now(text: str) -> re.Match[str] | None:
    return next((m for m in (r.search(text) for r in _PAST_THEN_NOW) if m), None)


def _past_then_now_masked(tokens: list[Token], said: list[Token]) -> list[Token]:
    """The words that set a past or another child against the present of this one ("used to
    bounce around, but they've been in the same house since Christmas") blanked: they are no
    condition on the present."""
    joined = Joined(said, 0, len(said))
    masked = list(tokens)
    for regex in _PAST_THEN_NOW:
        found = regex.search(joined.text)
        if found is None:
            continue
        words_at = found.end("but") - len(found.group("but").lstrip(" ,"))
        first, last = joined.token_span(words_at, found.end("but"))
        for j in range(first, last):
            masked[j] = Token("\u00b7", tokens[j].start, tokens[j].end)
    return masked


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
