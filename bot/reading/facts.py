"""The facts stated in one sentence: lexicon targets resolved by ConText.

``target_candidates`` matches the lexicon's targets (lexicon.yml) and resolves
each by the modifiers around it (context.py, resolve.py), with the denials that
cancel ("not that she isn't given it") and the supposed-then-denied ones.
"""

from __future__ import annotations

import re
from typing import Any

from bot.reading.candidate import Candidate
from bot.reading.context import Modifier, categories_for, find_modifiers
from bot.reading.resolve import polarity, resolve
from bot.reading.rules import (
    FactReading,
    could_match,
    fact_readings,
    targets,
)
from bot.reading.text import Joined, Token


def target_candidates(
    text: str, tokens: list[Token], sentence: tuple[int, int], asked: str | None
) -> list[Candidate]:
    """The lexicon's targets said in one sentence, each resolved by its modifiers."""
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
        if not any(applies(m, k[2].fact) and m.start <= k[0] and k[1] <= m.end for m in modifiers)
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
        out.append(Candidate(rule.fact, value, assertion, confident, start, end))
    return out


_NOT_THAT_NOT = re.compile(
    r"\bnot that (?:[\w']+ ){0,3}?(?:is|are|was|were|does|do|did|has|have|had|can|could|will)"
    r" not(?: [\w']+){0,2}$"
)
_NOT_THE_CARERS = re.compile(
    r"\bnot (?:the |his |her |their )?(?:parents|mum|dad|mother|father|carers?|mum and dad"
    r"|mum or dad|mum nor dad)\b"
    r"|\b(?:does not|do not|did not|never) live (?:there|here|at home|with (?:them|him|her|the"
    r" family|the kids)) (?:or|and|nor) (?:look|looks|looked) after (?:her|him|them|the kids)\b"
    r"|\b(?:lives?|living|is|'s) (?:in [\w']+|abroad|overseas|away|miles away|in another country"
    r"|up north|down south)(?: [\w']+)? (?:and|so|,) (?:he |she |they )?(?:never|rarely|hardly ever"
    r"|does not|do not) (?:sees?|visits?|see|visit|has contact with|have contact with)"
    r" (?:her|him|them|the kids|the children)\b"
)  # "his uncle drinks but he doesn't live there or look after him": not a carer, to confirm
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


def applies(mod: Modifier, fact: str) -> bool:
    """Whether a modifier may apply to a fact (its allowed and excluded types)."""
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
