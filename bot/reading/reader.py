"""Read one message: danger now, asides, findings for every fact it states.

``read_message`` is what ``bot.reading.read`` runs. Steps, all over one list
of tokens (bot.reading.text): danger now (danger_screen.py: danger.yml, with
the cues of cues.yml setting aside past, hypothetical and negated events),
asides (asides.py), the facts stated (facts.py: lexicon.yml, resolved by
ConText and resolve.py), numbers near their anchors (counts.py), second looks
at what was read (qualify.py), and, when a question is open, the plain answer
to it (answer.py: "yes", "no idea", "twice"). The findings are made here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from bot.reading import Finding, Reading
from bot.reading.answer import SOMEONE_ELSE_NOT_THE_CHILD, plain_answer
from bot.reading.asides import asks_back, find_aside, glossary_terms
from bot.reading.candidate import CLAUSE, EVIDENCE_CHARS, Candidate, evidence_words
from bot.reading.counts import FULL_DATE, age_from_school_year, numbers_near_anchors
from bot.reading.danger_check import check_danger
from bot.reading.danger_screen import (
    help_has_come,
    help_only,
    kinds_said,
    safe_now,
    screen_danger,
    unsure_no,
)
from bot.reading.dates import plan_dated_long_ago
from bot.reading.facts import target_candidates
from bot.reading.language import english_words, is_not_english
from bot.reading.numbers import date_of_birth
from bot.reading.paragraph import (
    age_and_sex_as_a_record,
    ages_of_the_family_left,
    an_attendance_counted_by_its_order,
    attendance_then_higher,
    not_at_school_either,
    part_of_the_appointments,
    sibling_attendance_dropped,
    topic_answered,
)
from bot.reading.qualify import (
    a_team_named,
    misuse_is_not_use,
    present_over_past,
    qualified_now,
    recovered_for_years,
    scare_quoted,
)
from bot.reading.resolve import UNKNOWN, most_concerning, polarity
from bot.reading.rules import (
    FactReading,
    answer_regexes,
    aside_rules,
    fact_readings,
)
from bot.reading.said_apart import ages_apart, settled_apart
from bot.reading.shares import adherence_in_shares
from bot.reading.text import Joined, Token, sentences, words

MAX_READ_CHARS = 3000
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
_THE_CHILD_NOT = (
    re.compile(  # what the choice facts take of it: "not him", "she is not on anything"
        r"(?:not (?:him|her|his|hers|them|theirs)(?: own| himself| herself| though| as well)?"
        r"|(?:he|she) (?:is|was|'s) not on (?:anything|any plan|a plan|one|1)"
        r"|(?:he|she) (?:is|was|'s) not (?:named|listed|included|mentioned|down) (?:on|in)"
        r" (?:anything|any plan|a plan|it|the plan|any of it|any of them|hers|his)"
        r"|(?:this one|this child|this girl|this boy|our one|our child) (?:is|was|'s) not\b"
        r"(?:(?!\b(?:yet|but|though|pending|icpc|conference|strategy|s47|section|assessment)\b)"
        r"[^.!?])*)"
        r" ?[.!]?$"
    )
)
_THE_CHILD_IS_NOT = re.compile(  # "her brother's upset, she isn't": the same words denied of her
    r"(?:[,;] ?(?:but )?| but )(?:(?:he|she) (?:is not|was not|'s not)|(?:hers|his|theirs"
    r"|his own|her own) (?:has not|have not|is not|was not|did not|does not|'s not)"
    r"(?: [\w']+){0,2}?)"
    r"(?: though| really| at all)? ?[.!]?$"
)
_NO_LONGER = {
    "looked_after": r"(?:lac|cla|looked after|in care|a looked after child)",
    "child_protection_plan": r"(?:on (?:a |the )?(?:cp|child protection)(?: plan)?|on a plan|cp)",
    "child_in_need": r"(?:cin|child in need|on (?:a |the )?(?:cin|child in need)(?: plan)?)",
    "early_help": r"(?:open to early help|with early help|early help|eh)",
}


def _no_longer_so(candidates: list[Candidate], tokens: list[Token]) -> list[Candidate]:
    """A service said, then said to be over ("she's looked after... no wait, nan got an SGO so
    she's not LAC any more"): that service is not the child's now; none, to confirm."""
    said = Joined(tokens, 0, len(tokens))
    mine = [c for c in candidates if c.fact == "existing_involvement"]
    out = candidates
    for value, service in _NO_LONGER.items():
        over = re.search(
            rf"\b(?:(?:she|he|they) (?:is|'s|are) )?(?:not|no longer) {service}"
            rf"(?: any ?more| now| these days)\b|\bno longer {service}\b",
            said.text,
        )
        if over is None:
            continue
        at = said.token_span(over.start(), over.end())[0]
        gone = [c for c in mine if c.value == value and c.start <= at]
        if gone:
            out = [c for c in out if c not in gone]
            out.append(Candidate("existing_involvement", "none", "negated", False, at, at + 1))
    return out


_ONLY_SUSPECTED = re.compile(
    r"^(?:only |just |it 's |it is |its |still )?(?:suspected|a suspicion|suspicion|suspicions"
    r"|suspected only|suspicion only)\b(?! (?:and|but) (?:now )?(?:confirmed|proven|known))"
)
_ANOTHER_CHILD_IS_THE_ONE = re.compile(
    r"^(?:[^,.;]*? )?(?:it 's|it is|its|it was|that 's|thats) (?:his|her|their|the) (?:big |little"
    r" |older |younger |baby |eldest |youngest )?(?:brother|sister|sibling|cousin|twin)s?"
    r"(?: (?:with|from|in) (?:the |her |his |their )?[\w']+)?(?: who| that| whos| who 's)\b"
)
_SAID_OF_ANOTHER_CHILD = {"attendance_declining", "child_distress", "existing_involvement"}
_ASKS_WHAT_A_WORD_MEANS = re.compile(
    r"^(?:sorry ,? |sorry - |um ,? |erm ,? )?(?:what do you mean by"
    r"|what (?:counts|would count|do you count) as|what (?:is|does) (?:meant|mean) by|define"
    r"|what is meant by|meaning of)(?: [\w'&]+){1,5} ?\??$"
)
_TAKE_BACK = re.compile(
    r"^(?P<words>(?:[\w'&+]+ ){0,3}?)(?:[,.\-] )?(?:no(?: ,)? sorry|sorry(?: ,)? no|no wait"
    r"|(?P<bare>no [,\-] (?=\d))|"
    r"sorry|i mean|"
    r"i meant|actually|correction|scratch that|my mistake|my bad|wait)\b"
)


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
        while gone < len(tokens) and tokens[gone].norm in CLAUSE:
            gone += 1  # "75, sorry, 57": the figure, not the comma, follows the figure dropped
        if any(t.number is not None for t in tokens[gone : gone + 6]):
            # "3 admissions - no, 4": the words said with the figure stay, for the one put right
            kept = (
                tokens[i + 1 : i + 1 + len(taken.group("words").split())]
                if taken.group("bare")
                else []
            )
            return tokens[:i] + kept + _drop_taken_back(tokens[gone:])
    return tokens


_PUT_RIGHT = re.compile(
    r"\b(?:actually(?: ,)? no|no(?: ,)? actually|no(?: ,)? sorry|sorry(?: ,)? no|no(?: ,)? wait"
    r"|wait(?: ,)? no|sorry i mean|i mean|i meant"
    r"|correction|scratch that|my mistake|my bad|sorry wrong one|no hang on|hang on no)\b"
)


def _put_right_later(candidates: list[Candidate], tokens: list[Token]) -> list[Candidate]:
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
    danger_now, danger_kind, kinds_told = screen_danger(
        text, tokens, spans, kind_asked=asked == "danger_kind", kind_unsure=kind_unsure
    )
    extra: dict[str, Any] = {}
    if danger_kind:
        extra["danger_kind"] = danger_kind
    checked = None  # the danger check: words of an emergency now to ask about (not for sure)
    if danger_now is None and asked != "danger_kind":  # "what kind of danger?": it is known
        checked = check_danger(text, tokens, spans)
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
    aside, term = find_aside(joined_all, glossary_terms())
    candidates: list[Candidate] = []
    for sentence in spans:
        candidates += target_candidates(text, tokens, sentence, asked)
        candidates += numbers_near_anchors(tokens, sentence, asked, today, text)
    born = date_of_birth(text, today)
    if born and not any(c.fact == "child_age_years" for c in candidates):
        age, start, _, exact = born
        anchor_tokens = [i for i, t in enumerate(tokens) if t.start >= start]
        index = anchor_tokens[0] if anchor_tokens else 0
        candidates.append(Candidate("child_age_years", age, "affirmed", exact, index, index + 1))
        extra["date_of_birth_read"] = True
    if asked != "child_age_years" and not any(c.fact == "child_age_years" for c in candidates):
        for first, last in spans:
            school_year = age_from_school_year(Joined(tokens, first, last).text, today)
            if school_year is not None:  # "Year 5 lad with asthma": about 9, to confirm
                candidates.append(
                    Candidate("child_age_years", school_year, "affirmed", False, first, last)
                )
                break
    if asked != "child_age_years":  # "GP. 7M. Asthma": the age of a record's heading
        candidates = age_and_sex_as_a_record(candidates, tokens, spans, text)
    # "the 4th attendance this year": a visit counted by its order
    candidates = an_attendance_counted_by_its_order(candidates, tokens, spans)
    candidates = attendance_then_higher(candidates, tokens, spans)  # "84%, it used to be 95"
    candidates = not_at_school_either(candidates)  # not at school: no figure, no trend
    candidates = part_of_the_appointments(candidates, tokens)  # "missed 2 of her 4 clinics"
    candidates = sibling_attendance_dropped(candidates, tokens)  # "her brother's attendance"
    candidates = ages_of_the_family_left(candidates, tokens)  # "aged 4, 9 and 13 - the 9yo"
    if asked is None or len(tokens) > 12:  # an opening, or a paragraph given as an answer
        candidates = topic_answered(text, tokens, spans, candidates)  # "Care plan - out of date"
    if kind_unsure:  # "dunno, ambulance is here now": help called names no kind
        candidates = [c for c in candidates if not help_only(tokens, c)]
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
            candidates.append(Candidate(asked, UNKNOWN, "uncertain", False, 0, len(tokens)))
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
    candidates = _no_longer_so(candidates, tokens)
    hedged_word = asked is not None and fact_readings()[asked].hedged
    if hedged_word and _ONLY_SUSPECTED.match(joined_all):
        # "suspected - slurring on the phone twice": the practitioner's own word is the value
        candidates = [
            replace(c, value=hedged_word, assertion="hedged", confident=False)
            if c.fact == asked and polarity(fact_readings()[asked], c.value) == "concern"
            else c
            for c in candidates
        ]
    if (
        asked == "immediate_danger"
        and not danger_now
        and not any(c.fact == asked for c in candidates)
    ):
        calm = safe_now(tokens, spans)  # "he was yesterday, he's on the ward now and stable"
        if calm is not None:
            candidates.append(calm)
    contrasted: str | None = None
    if (
        asked in _SAID_OF_ANOTHER_CHILD
        and SOMEONE_ELSE_NOT_THE_CHILD.search(joined_all)
        and (
            _THE_CHILD_NOT.search(joined_all)
            or (asked != "existing_involvement" and _THE_CHILD_IS_NOT.search(joined_all))
        )
    ):  # "her cousin's attendance has slipped, not hers": the child's is not, to confirm
        fact = fact_readings()[asked]
        value = fact.reassuring[0] if fact.reassuring else fact.no
        candidates = [c for c in candidates if c.fact != asked]
        candidates.append(Candidate(asked, value, "negated", False, 0, len(tokens)))
        contrasted = asked  # its "but" sets the other child against this one: no qualifier
    if (
        asked in _SAID_OF_ANOTHER_CHILD | {"living_situation_unstable"}
        and asked != "existing_involvement"
        and not any(c.fact == asked for c in candidates)
        and _ANOTHER_CHILD_IS_THE_ONE.search(joined_all)
    ):  # "it's his little brother who's upset, he gets on with it": not this child, to confirm
        fact = fact_readings()[asked]
        value = fact.reassuring[0] if fact.reassuring else fact.no
        candidates.append(Candidate(asked, value, "negated", False, 0, len(tokens)))
    if asked and aside != "help" and not any(c.fact == asked for c in candidates):
        # "not sure what you mean" asks for help: its "not sure" answers nothing
        taken = [(c.start, c.end) for c in candidates if c.end > c.start]
        known_age = (known or {}).get("child_age_years")
        answer = plain_answer(
            text, tokens, asked, today, taken, known_age if isinstance(known_age, int) else None
        )
        if isinstance(answer, Candidate):
            candidates.append(answer)
        elif isinstance(answer, str):
            problem = answer
        elif aside is None:
            problem = "I could not match that to one of the answers"
    if (
        asked in ("immediate_danger", "danger_kind")
        and aside is None
        and not any(c.fact == asked for c in candidates)
        and asks_back(text, tokens)
    ):
        # "what counts as immediate?": whoever asks back does not know yet (asked again)
        candidates.append(Candidate(asked, UNKNOWN, "uncertain", False, 0, len(tokens)))
        problem = None
    if asked == "danger_kind":  # "both, no, actually just medical": the kind said last
        candidates = _put_right_later(candidates, tokens)
    named = {c.value for c in candidates if c.fact == "danger_kind"}
    not_known = UNKNOWN in named and danger_kind is None  # "dunno, I heard shouting"
    named.discard(UNKNOWN)
    told = set() if not_known else kinds_told
    if asked == "danger_kind":
        named |= kinds_said(joined_all, "kind_in_part")  # "not just harm, he's fitting too"
    if asked == "danger_kind" and (danger_kind or told or len(named) > 1):
        # "he's having a seizure" answers "what kind of danger?" by itself; the kind
        # the words name and the kind of the danger they state add up ("drunk" + "can't
        # breathe"), and so do words that tell a kind ("it's his sugars, he's clammy")
        said = named | told | {danger_kind or UNKNOWN}
        said.discard(UNKNOWN)
        if "both" in said:
            said = (said - {"both"}) | {"medical", "harm"}
        said -= kinds_said(joined_all, "kind_denied")  # "medical, not harm - dad's with him"
        kind = "both" if len(said) > 1 else next(iter(said), UNKNOWN)
        candidates = [c for c in candidates if c.fact != "danger_kind"]
        candidates.append(Candidate("danger_kind", kind, "affirmed", True, 0, len(tokens)))
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
    candidates = misuse_is_not_use(candidates, tokens, asked)
    candidates = [c for c in candidates if not a_team_named(c, tokens, asked)]
    candidates, settled = settled_apart(candidates, tokens, asked)  # the child's part, the present
    candidates = adherence_in_shares(candidates, tokens)  # "collected 3 out of 12 months"
    candidates = [
        c
        if any(c is s for s in settled) or c.fact == contrasted
        else qualified_now(c, tokens, spans)
        for c in candidates
    ]
    candidates = [plan_dated_long_ago(c, text, tokens, today) for c in candidates]
    candidates = _put_right_later(candidates, tokens)
    candidates = [unsure_no(c, tokens, spans) for c in candidates]
    candidates = [scare_quoted(c, text, tokens) for c in candidates]
    candidates = recovered_for_years(candidates, joined_all)
    candidates = present_over_past(candidates, tokens)
    if _ASKS_MEANING.search(joined_all):
        # "what do you mean by misused": the words are the question's, not an answer
        candidates = [c for c in candidates if c.fact in ("immediate_danger", "danger_kind")]
        if asked not in ("immediate_danger", "danger_kind"):
            problem = "that reads as a question to me, so I have recorded nothing for it"
    if (
        asked
        and fact_readings()[asked].kind in ("count", "percent")
        and (_DISBELIEF.search(joined_all) or _NOT_THE_REAL_FIGURE.search(joined_all))
    ):  # "it says 92 but I don't believe it": a figure doubted is not known
        candidates = [c for c in candidates if c.fact != asked]
        candidates.append(Candidate(asked, UNKNOWN, "uncertain", False, 0, len(tokens)))
    if (
        asked
        and fact_readings()[asked].kind in ("count", "percent", "age")
        and answer_regexes()["unknown"].search(joined_all)
    ):  # "94 I think, not sure": a number said with a doubt is asked back
        candidates = [
            Candidate(c.fact, c.value, c.assertion, False, c.start, c.end, c.from_answer)
            if c.fact == asked and isinstance(c.value, int | float)
            else c
            for c in candidates
        ]
    disagree = _parts_disagree(asked, joined_all)
    if disagree is not None:  # "1. care plan - yes 2. reviewed - no": the unsure value, to confirm
        candidates.append(disagree)
    candidates = _main_one(candidates, tokens)
    candidates = ages_apart(candidates, tokens)  # "the baby's 4 months ... he's six"
    if asked != "missed_appointments_12m" and not any(
        c.fact == "missed_appointments_12m" for c in candidates
    ):
        dated = _dated_not_brought(text, today)
        if dated:  # a chronology: "27/02/26 WNB. 18/05/26 WNB."
            candidates.append(Candidate("missed_appointments_12m", dated, "affirmed", True, 0, 0))
    if asks_back(text, tokens):
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
        candidates.append(Candidate("immediate_danger", "yes", "affirmed", True, 0, 0))
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
        said = next(c.value for c in candidates if c.fact == asked)
        if isinstance(said, (int, float)) and 1990 <= said <= 2099 and asked.endswith("_12m"):
            problem = f"{said:g} reads as a year to me; I need how many in the last 12 months"
    if asked and problem and aside is None and asks_back(text, tokens):
        problem = "that reads as a question to me, so I have recorded nothing for it"
    if any(f.fact == asked for f in findings) or danger_now:
        problem = None
    affirm = _affirm(joined_all, len(tokens))
    correction = _is_correction(joined_all, findings, asked, known)
    not_english = danger_now is None and is_not_english(text, tokens)
    if not_english and findings and english_words(tokens):
        not_english = False  # English with a foreign word or an accent in it
    if not_english:
        findings = []  # "no sé" is not "no"
        problem = "I can only read English"
    elif checked:
        findings = _checked(findings, checked, asked)
        extra["danger_check"] = checked
        problem = None
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


def _checked(findings: list[Finding], words: str, asked: str | None) -> list[Finding]:
    """The findings with ``immediate_danger`` "yes" to ask about (not confident), when the
    danger check found words of an emergency now the danger screen does not know
    ("his lips have gone a funny colour"): a "no" or a "don't know" read beside them is
    asked about too, the safer path; a "yes" read already stays."""
    if any(f.fact == "immediate_danger" and f.value == "yes" for f in findings):
        return findings
    check = Finding("immediate_danger", "yes", words, "hedged", confident=False)
    rest = [f for f in findings if f.fact != "immediate_danger"]
    if asked is None or asked == "immediate_danger":
        return [check, *rest]
    return [*(f for f in rest if f.fact == asked), check, *(f for f in rest if f.fact != asked)]


def _findings(
    text: str,
    tokens: list[Token],
    spans: list[tuple[int, int]],
    candidates: list[Candidate],
    asked: str | None,
    birth_date: bool,
) -> list[Finding]:
    facts = fact_readings()
    by_fact: dict[str, list[Candidate]] = {}
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
            evidence = evidence_words(text, tokens, chosen.start, chosen.end, sentence)
        else:
            evidence = text.strip()[:EVIDENCE_CHARS]
        if name == "child_age_years" and (birth_date or FULL_DATE.search(evidence)):
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


_ASKS_MEANING = re.compile(
    r"^(?:sorry ,? |sorry but |um ,? |erm ,? )?(?:what (?:do you mean|do you class|does "
    r"[\w' ]{1,30} mean|is meant|counts as|would count as|is classed as|do you count|counts\b"
    r"|is the difference|'s the difference)|define\b|"
    r"meaning of\b|do you mean\b)"
)
_NOT_THE_REAL_FIGURE = re.compile(  # "94 but a lot is coded off site when she's at home"
    r"\b(?:coded|marked|recorded|put down|logged|counted|registered) as (?:[\w']+ ){0,6}?"
    r"(?:when|but|while|whereas|though) (?:she|he|they) (?:'s|is|are|was|were|'re) (?:actually"
    r"|really|in fact|just|still) (?:at home|off|absent|not there|not in|in bed|home)\b"
    r"|\b(?:inflated|flattering|misleading|padded|fudged|massaged|does not reflect"
    r"|not the real (?:figure|number|picture)|not a true (?:figure|picture|reflection))\b"
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


def _parts_disagree(asked: str | None, joined_text: str) -> Candidate | None:
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
    if fact.unknown and answer_regexes()["unknown"].search(joined_text):
        return Candidate(asked, UNKNOWN, "uncertain", False, 0, 0)  # "yes, no - at home no idea"
    return Candidate(asked, fact.unsure, "uncertain", False, 0, 0)


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


def _main_one(candidates: list[Candidate], tokens: list[Token]) -> list[Candidate]:
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
