"""The screening for danger now (danger.yml).

``screen_danger`` finds the danger phrases said of now in each sentence, the
cues of cues.yml setting aside past, hypothetical and negated events; beside it,
what tells the kind of danger (``kinds_said``), that help has come or the danger
is over (``help_has_come``), a plain "safe now" (``safe_now``), and a "no" said
unsure (``unsure_no``). All the phrases are read from danger.yml.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from bot.reading.candidate import CLAUSE, Candidate, evidence_words
from bot.reading.context import Modifier, categories_for, find_modifiers
from bot.reading.resolve import UNKNOWN
from bot.reading.rules import (
    ReadingDataError,
    could_match,
    danger_rules,
    fact_readings,
    keywords,
    phrase_regex,
)
from bot.reading.text import Joined, Token, sentences


def stated_phrases(
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
            serious = any(p.search(match.group(0)) for p in danger_phrases("never_a_figure"))
            if any(
                habit.match(joined.text, match.end())
                for habit, figure in _habits_after()
                if not (figure and serious)  # "going to stab her when she gets home"
            ):
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
                    for regex in danger_phrases("not_now_around")
                    for found in regex.finditer(joined.text)
                ]
            if any(a <= match.start() and match.end() <= b for a, b in told_otherwise):
                continue  # "I keep picturing him on the floor fitting": a memory
            if cues is None:
                cues = _danger_cues(joined, *find_modifiers(joined))
            start, end = joined.token_span(match.start(), match.end())
            held = cues
            if any(p.search(match.group(0)) for p in danger_phrases("poison_taken")):
                held = _poison_cues(joined, cues)  # "took all her tablets this morning"
            if rule.get("past"):  # "had her by the neck": the harm the danger comes from
                held = _timed_cues(joined, held)
            cats, _ = categories_for(start, end, "DANGER", *held, sentence)
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
            for regex in danger_phrases(key)
            for found in regex.finditer(joined.text)
        ]

    held = {end for _, end in spans("condition_holds")}
    pleas = spans("not_a_condition") + spans("not_cues")
    return (
        [m for m in modifiers if not _within(m.start, m.end, pleas)],
        [t for t in terminators if t.end not in held],
    )


def _poison_cues(
    joined: Joined, cues: tuple[list[Modifier], list[Modifier]]
) -> tuple[list[Modifier], list[Modifier]]:
    """The cues as a poison taken reads them: a time earlier today sets nothing aside
    (danger.yml ``poison_still_now``: "swallowed her pills an hour ago" is still a danger)."""
    recent = [
        joined.token_span(*found.span())
        for regex in danger_phrases("poison_still_now")
        for found in regex.finditer(joined.text)
    ]
    return [m for m in cues[0] if not _within(m.start, m.end, recent)], cues[1]


def _timed_cues(
    joined: Joined, cues: tuple[list[Modifier], list[Modifier]]
) -> tuple[list[Modifier], list[Modifier]]:
    """The cues without those telling only a tense ("had", "was"; danger.yml ``tense_cues``)."""
    tense = danger_phrases("tense_cues")
    return [
        m
        for m in cues[0]
        if not any(t.fullmatch(Joined(joined.tokens, m.start, m.end).text) for t in tense)
    ], cues[1]


def _within(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def screen_danger(
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
    tokens = [Token(danger_form(t.norm), t.start, t.end, t.number) for t in tokens]
    tokens, spans = list_as_one(text, tokens, spans)
    said: list[str] = []
    kinds: set[str] = set()
    told: set[str] = set()
    found = []
    past_from = told_as_past_from(Joined(tokens, 0, len(tokens)))
    if _told_as_past_ahead(Joined(tokens, 0, len(tokens))):
        past_from = len(tokens) + 1  # "that was yesterday - she collapsed ...": none is now
    settled = _settled(tokens, spans)
    for sentence in spans:
        joined = Joined(tokens, *sentence)
        present = stated_phrases(joined, sentence, danger_rules())
        if settled:  # "the ambulance is here now, she's ok": the help called has come
            come = _help_come_spans(joined)
            present = [p for p in present if not _within(p[0], p[1], come)]
        found.append((sentence, joined, [p for p in present if p[1] > past_from]))
    kind_words = _kind_words() if kind_asked or any(present for *_, present in found) else []
    if kind_unsure:
        kind_words = [w for w in kind_words if not w["help"]]
    for sentence, joined, present in found:
        words_told = stated_phrases(joined, sentence, kind_words)
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
            phrase = evidence_words(text, tokens, start, end, sentence)
            if phrase not in said:
                said.append(phrase)
    if not said:
        return None, None, told
    kinds |= told
    if not kinds:
        return "; ".join(said)[:300], None, told
    kind = "both" if len(kinds) > 1 else next(iter(kinds))
    return "; ".join(said)[:300], kind, told


def told_as_past_from(whole: Joined) -> int:
    """The token where words telling the story before them as an earlier day's begin ("... that
    was back in March", danger.yml ``told_as_past``), or -1; never when the message says the
    danger goes on or asks for help now (``told_as_past_unless``)."""
    past = danger_phrases("told_as_past")
    starts = [found.start() for regex in past for found in regex.finditer(whole.text)]
    if not starts or any(r.search(whole.text) for r in danger_phrases("told_as_past_unless")):
        return -1
    return whole.token_span(min(starts), min(starts) + 1)[0]


def _told_as_past_ahead(whole: Joined) -> bool:
    """Whether the message opens by telling what follows as an earlier day's ("that was
    yesterday - ...", danger.yml ``told_as_past_ahead``), saying neither that the danger goes on
    or is asked for help (``told_as_past_unless``) nor "now" or "today" of no calm child
    (``told_as_past_ahead_unless``)."""
    if not any(r.search(whole.text) for r in danger_phrases("told_as_past_ahead")):
        return False
    unless = danger_phrases("told_as_past_unless") + danger_phrases("told_as_past_ahead_unless")
    return not any(r.search(whole.text) for r in unless)


def list_as_one(
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
        if numbers or "\n" in gap or ":" in gap or tokens[i - 1].norm in CLAUSE:
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


def danger_form(norm: str) -> str:
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


def _habits_after() -> tuple[tuple[re.Pattern[str], bool], ...]:
    """What, said after a danger phrase, makes it a habit (danger.yml ``habit_after``), each with
    whether it tells a figure of speech (``figure``), which a weapon named is never."""
    figures = [bool(entry.get("figure")) for entry in _danger_data().get("habit_after", [])]
    return tuple(zip(_raw_patterns("habit_after"), figures, strict=True))


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
            {
                "regex": regex,
                "kind": entry["kind"],
                "needs": needs,
                "help": bool(entry.get("help")),
                "past": bool(entry.get("past")),
            }
        )
    return out


@lru_cache(maxsize=16)
def danger_phrases(key: str) -> tuple[re.Pattern[str], ...]:
    """The phrases under ``key`` of danger.yml (``unsure_no``, ``not_a_condition``, ...)."""
    return tuple(
        phrase_regex(entry, f"danger.yml {key} {number}")
        for number, entry in enumerate(_danger_data().get(key, []), 1)
    )


def help_only(tokens: list[Token], cand: Candidate) -> bool:
    """Whether a kind named rests only on words of help called ("ambulance")."""
    if cand.fact != "danger_kind" or cand.end <= cand.start:
        return False
    said = Joined(tokens, cand.start, cand.end).text
    return any(regex.fullmatch(said) for regex in danger_phrases("help_words"))


def kinds_said(joined_text: str, key: str) -> set[str]:
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
def settled_rules() -> list[dict[str, Any]]:
    """The words of a danger settled now (danger.yml ``settled``: "the ambulance has him, he's
    ok"), as rules for ``stated_phrases``."""
    return [
        {"regex": regex, "kind": "unknown", "needs": keywords(regex)}
        for regex in danger_phrases("settled")
    ]


def _settled(tokens: list[Token], spans: list[tuple[int, int]]) -> bool:
    """Whether the message says the child is safe, settled or with help now ("she's ok",
    "paramedics are with him"; danger.yml ``settled``), not past, hypothetical or negated."""
    return any(
        stated_phrases(Joined(tokens, *sentence), sentence, settled_rules()) for sentence in spans
    )


def _help_come_spans(joined: Joined) -> list[tuple[int, int]]:
    """The token spans of words saying help has come ("the ambulance is here now";
    danger.yml ``help_has_come``)."""
    return [
        joined.token_span(*found.span())
        for regex in danger_phrases("help_has_come")
        for found in regex.finditer(joined.text)
    ]


def help_has_come(text: str, tokens: list[Token], spans: list[tuple[int, int]]) -> bool:
    """Whether the message says the child is safe or with the help that came, danger aside."""
    del text
    tokens = [Token(danger_form(t.norm), t.start, t.end, t.number) for t in tokens]
    return _settled(tokens, spans)


@lru_cache(maxsize=1)
def _safe_now_rules() -> list[dict[str, Any]]:
    return [
        {"regex": regex, "kind": "unknown", "needs": keywords(regex)}
        for regex in danger_phrases("safe_now")
    ]


def safe_now(tokens: list[Token], spans: list[tuple[int, int]]) -> Candidate | None:
    """A "no" to immediate danger said as the child's state ("stable now"; danger.yml
    ``safe_now``), not known when hedged ("I think he's stable", "stable-ish")."""
    for sentence in spans:
        joined = Joined(tokens, *sentence)
        for start, end, _ in stated_phrases(joined, sentence, _safe_now_rules()):
            modifiers, terminators = find_modifiers(joined)
            hedges = set()
            for fact in ("DANGER", "immediate_danger"):
                cats, _ = categories_for(start, end, fact, modifiers, terminators, sentence)
                hedges |= cats
            if "POSSIBLE_EXISTENCE" in hedges:
                unsure = fact_readings()["immediate_danger"].unsure or UNKNOWN
                return Candidate("immediate_danger", unsure, "hedged", False, start, end)
            return Candidate("immediate_danger", "no", "affirmed", True, start, end)
    return None


def unsure_no(cand: Candidate, tokens: list[Token], spans: list[tuple[int, int]]) -> Candidate:
    """A "no" to immediate danger said with a hedge or without knowing is not known."""
    if cand.fact != "immediate_danger" or cand.value != "no":
        return cand
    sentence = next((s for s in spans if s[0] <= cand.start < s[1]), (0, len(tokens)))
    if cand.from_answer or cand.end <= cand.start:
        sentence = (0, len(tokens))  # a plain "no. well, not that I know of": the whole answer
    said = Joined(tokens, *sentence).text
    if cand.confident and not any(p.search(said) for p in danger_phrases("unsure_no")):
        return cand
    unsure = fact_readings()["immediate_danger"].unsure or UNKNOWN
    return Candidate(cand.fact, unsure, "hedged", False, cand.start, cand.end, cand.from_answer)
