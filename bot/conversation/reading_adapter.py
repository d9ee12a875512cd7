"""The conversation's one call to ``bot.reading.read``, with a stopgap for what it lacks.

``hear(text, asked, known)`` reads a message once with ``bot.reading.read`` and
returns that ``Reading``. While ``bot.reading`` is still the thin adapter over
the answer parser, some capabilities are missing (danger now, asides, plain
yes/no, facts other than the asked one, hedges). Each is probed once, on the
real ``read``: a capability the reading has is used as it is; only a missing
one is filled in here, with small conservative patterns (``reading_stopgap.yml``).
When the faithful reading lands, every probe passes and this module only adds
the conversation's own commands (``change <answer>``, ``carry on``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.reading import Finding, Reading, read

STOPGAP_FILE = Path(__file__).with_name("reading_stopgap.yml")
COMMANDS = ("change", "carry_on")


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return dict(yaml.safe_load(STOPGAP_FILE.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    return {
        key: re.compile("|".join(f"(?:{p})" for p in value), re.IGNORECASE)
        for key, value in _data()["patterns"].items()
    }


@lru_cache(maxsize=1)
def capabilities() -> frozenset[str]:
    """What the installed reading does itself (probed once with sentences from the issue)."""
    has: set[str] = set()
    if read("he's not breathing").danger_now and not read("he had an attack last week").danger_now:
        has.add("danger")
    if read("why do you ask?", asked="child_age_years").aside == "why":
        has.add("asides")
    if read("yes").affirm is True and read("no").affirm is False:
        has.add("affirm")
    many = read("I'm a class teacher; she's 7 and has asthma")
    if len({f.fact for f in many.findings}) >= 2:
        has.add("many_facts")
    hedged = read("I think so, not confirmed", asked="carer_substance_misuse").findings
    if hedged and (not hedged[0].confident or hedged[0].assertion != "affirmed"):
        has.add("hedges")
    if read("sorry, he's 8", asked="condition", known={"child_age_years": 7}).correction:
        has.add("corrections")
    return frozenset(has)


def hear(text: str, asked: str | None = None, known: Mapping[str, Any] | None = None) -> Reading:
    """Read one message once; fill in what the installed reading cannot yet tell.

    Args:
        text: the message as typed (or a button's payload).
        asked: the fact whose question is open, if any.
        known: the answers recorded so far.

    Returns:
        The reading; ``extra`` may hold ``"change"`` (a fact to ask again) or
        ``"carry_on"`` (go on with the questions after an emergency).
    """
    raw = str(text or "")
    reading = read(raw, asked=asked, known=dict(known or {}))
    have = capabilities()
    pats = _patterns()
    extra: dict[str, Any] = dict(reading.extra)
    change = _change_command(raw)
    if change:
        extra["change"] = change
    if pats["carry_on"].fullmatch(raw.strip()):
        extra["carry_on"] = True
    updates: dict[str, Any] = {"extra": extra}
    if "danger" not in have and reading.danger_now is None:
        updates["danger_now"] = danger_words(raw)
    if "affirm" not in have and reading.affirm is None:
        updates["affirm"] = _affirm(raw)
    if "asides" not in have and reading.aside in (None, "emergency_question"):
        aside = _aside(raw)
        if aside:
            updates["aside"] = aside
            if aside == "explain_term":
                updates["term"] = _term(raw)
    findings = list(reading.findings)
    if "hedges" not in have:
        findings = [_hedged(f, raw) for f in findings]
    correction = reading.correction
    if "corrections" not in have and not correction:
        fixed = _correction(raw, asked, known or {})
        if fixed and (not findings or fixed.fact != asked):
            findings = [fixed]
            correction = True
            updates["problem"] = None
    if "many_facts" not in have:
        # Only facts not yet answered: a passing mention never changes an answer.
        seen = {f.fact for f in findings} | set(known or {})
        findings += [f for f in opening_facts(raw) if f.fact not in seen]
        if findings:
            updates["problem"] = None
    updates["findings"] = tuple(findings)
    updates["correction"] = correction
    return dataclasses.replace(reading, **updates)


def danger_words(text: str) -> str | None:
    """The words of ``text`` that state a danger happening now, or ``None`` (past, hypothetical)."""
    pats = _patterns()
    for clause in re.split(r"[.;!?]|\bbut\b", text):
        found = pats["danger"].search(clause)
        if found and not pats["not_now"].search(clause):
            return found.group(0)
    return None


def _affirm(text: str) -> bool | None:
    said = text.strip().lower().strip(" .!,")
    if said in _data()["affirm"]["yes"]:
        return True
    if said in _data()["affirm"]["no"]:
        return False
    return None


def _aside(text: str) -> str | None:
    pats = _patterns()
    for aside in (
        "undo",
        "start_again",
        "stop",
        "what_would_change",
        "summary",
        "why",
        "help",
        "explain_term",
        "greet",
        "thank",
        "goodbye",
    ):
        if aside in pats and pats[aside].search(text):
            if aside == "explain_term" and _term(text) is None:
                continue
            return aside
    return None


def _term(text: str) -> str | None:
    from bot.conversation.glossary import find_term

    found = find_term(text)
    return found[0] if found else None


def _change_command(text: str) -> str | None:
    """``change attendance`` (the card's Change button) names a fact to ask again."""
    from bot.conversation.correction import named_fact

    match = re.fullmatch(r"\s*(?:change|edit)\s+(?:the\s+|my\s+)?(.+?)\s*", text, re.IGNORECASE)
    if not match:
        return None
    from bot.conversation.questions import load_questions

    wanted = match.group(1).strip().lower()
    for fact, q in load_questions().items():
        if wanted in (fact, fact.replace("_", " "), q.label.lower()):
            return fact
    return named_fact(wanted)


def _hedged(finding: Finding, text: str) -> Finding:
    """A hedge ("I think", "not confirmed", "I doubt") makes a reading one to confirm."""
    if not _patterns()["hedge"].search(text) or finding.value == "unknown":
        return finding
    value = finding.value
    if finding.fact == "carer_substance_misuse" and value == "yes":
        value = "suspected"
    return dataclasses.replace(finding, value=value, assertion="hedged", confident=False)


def _correction(text: str, asked: str | None, known: Mapping[str, Any]) -> Finding | None:
    from bot.conversation.correction import correction_candidates, parse_correction

    lead_in = _patterns()["correction"].search(text)
    candidates = correction_candidates(text)
    if asked and asked in candidates:
        return None
    if not lead_in and not any(c in known for c in candidates):
        return None
    found = parse_correction(text)
    if found is None and not candidates and re.search(r"\bsuspect", text, re.IGNORECASE):
        found = ("carer_substance_misuse", "suspected")  # the only fact that can be suspected
    if found is None:
        return None
    return Finding(fact=found[0], value=found[1], evidence=text.strip())


def opening_facts(text: str, today: date | None = None) -> list[Finding]:
    """Facts a longer message states plainly: role, age (or birth date), condition, attendance."""
    found: list[Finding] = []
    lowered = text.lower()
    for value, phrases in _data()["roles"].items():
        match = re.search(rf"\bi(?:'m| am)\s+(?:a|an|the)?\s*(?:{'|'.join(phrases)})\b", lowered)
        if match:
            found.append(Finding("reporter_role", value, text[match.start() : match.end()]))
            break
    age = _age(text, today or date.today())
    if age:
        found.append(age)
    for value, phrases in _data()["conditions"].items():
        match = re.search(rf"\b(?:{'|'.join(phrases)})\b", lowered)
        before = lowered[: match.start()].split()[-3:] if match else []
        if match and not any(re.fullmatch(r"no|not|without|never|\w+n't", w) for w in before):
            found.append(Finding("condition", value, text[match.start() : match.end()]))
            break
    match = re.search(r"\battendance\D{0,20}?(\d{1,3})\s*(?:%|percent|per cent)", lowered)
    if match and int(match.group(1)) <= 100:
        found.append(
            Finding("school_attendance_pct", int(match.group(1)), text[match.start() : match.end()])
        )
    return found


def _age(text: str, today: date) -> Finding | None:
    lowered = text.lower()
    born = re.search(
        r"\b(?:born(?: on)?|dob|d\.o\.b\.?|date of birth(?: is)?)\s*:?\s*"
        r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b",
        lowered,
    )
    if born:
        day, month, year = (int(g) for g in born.groups())
        try:
            birth = date(year, month, day)
        except ValueError:
            return None
        years = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
        return Finding("child_age_years", years, "date of birth given") if years >= 0 else None
    match = re.search(r"\b(\d{1,2})[- ]?(?:years?|yrs?)[- ]?old\b|\baged?\s+(\d{1,2})\b", lowered)
    if match:
        years = int(match.group(1) or match.group(2))
        return Finding("child_age_years", years, text[match.start() : match.end()])
    return None
