"""The ConText algorithm (Harkema et al. 2009; medSpaCy's ``ConText``) over the reading's data.

Within one sentence, each modifier of cues.yml reaches a number of words
forward, backward or both, stopped by a TERMINATE word ("but") unless it
crosses them; a PSEUDO phrase ("no doubt") hides the modifiers inside it.
A target (words stating a fact) in a modifier's reach takes its category:
NEGATED_EXISTENCE, POSSIBLE_EXISTENCE, HISTORICAL, HYPOTHETICAL, FAMILY.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.reading.rules import ContextRule, could_match, cues
from bot.reading.text import Joined


@dataclass(frozen=True)
class Modifier:
    """One modifier found in a sentence: its rule and its token span."""

    rule: ContextRule
    start: int
    end: int


def find_modifiers(
    joined: Joined, rules: Sequence[ContextRule] | None = None
) -> tuple[list[Modifier], list[Modifier]]:
    """Return (modifiers, terminators) of one sentence, longest match first, PSEUDO removed."""
    key = (joined.text, joined.first)
    if rules is None and key in _CACHE:
        return _CACHE[key]
    result = _find(joined, cues() if rules is None else rules)
    if rules is None:
        if len(_CACHE) > 256:
            _CACHE.clear()
        _CACHE[key] = result
    return result


_CACHE: dict[tuple[str, int], tuple[list[Modifier], list[Modifier]]] = {}


def _find(joined: Joined, rules: Sequence[ContextRule]) -> tuple[list[Modifier], list[Modifier]]:
    found: list[Modifier] = []
    for rule in rules:
        if not could_match(rule.needs, joined.text):
            continue
        for match in rule.regex.finditer(joined.text):
            start, end = joined.token_span(match.start(), match.end())
            found.append(Modifier(rule, start, end))
    pseudo = [m for m in found if "PSEUDO" in m.rule.categories]
    found = [
        m
        for m in found
        if "PSEUDO" not in m.rule.categories
        and not any(p.start <= m.start and m.end <= p.end for p in pseudo)
    ]
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Modifier] = []
    for m in found:
        longer = any(
            k.start <= m.start
            and m.end <= k.end
            and (k.end - k.start) > (m.end - m.start)
            and _covers(k.rule, m.rule)
            for k in kept
        )
        if not longer:
            kept.append(m)
    terminators = [m for m in kept if "TERMINATE" in m.rule.categories]
    modifiers = [m for m in kept if "TERMINATE" not in m.rule.categories]
    return modifiers, terminators


def _covers(longer: ContextRule, shorter: ContextRule) -> bool:
    """Whether a longer modifier stands in for a shorter one inside it: a modifier of every
    fact is kept inside one of a few ("used to be a", for drinking, leaves "used to" for
    the reporter's role)."""
    return longer.allowed_types is None or shorter.allowed_types is not None


def _scope(
    mod: Modifier, terminators: list[Modifier], first: int, last: int
) -> list[tuple[int, int]]:
    """The token ranges a modifier reaches: forward it stops at every terminator;
    backward too, unless the rule crosses them ("she gives it but I'm not convinced")."""
    rule = mod.rule
    spans = []
    if rule.direction in ("FORWARD", "BIDIRECTIONAL"):
        end = min(last, mod.end + rule.max_scope)
        stops = [
            t.start
            for t in terminators
            if "FORWARD" in t.rule.stops
            and t.start >= mod.end
            and (t.rule.strong or not rule.crosses_weak)
        ]
        spans.append((mod.end, min([end, *stops])))
    if rule.direction in ("BACKWARD", "BIDIRECTIONAL"):
        start = max(first, mod.start - rule.max_scope)
        stops = [
            t.end
            for t in terminators
            if "BACKWARD" in t.rule.stops and t.end <= mod.start and not rule.crosses_terminate
        ]
        spans.append((max([start, *stops]), mod.start))
    return spans


def categories_for(
    target_start: int,
    target_end: int,
    target_type: str,
    modifiers: list[Modifier],
    terminators: list[Modifier],
    sentence: tuple[int, int],
    inside_ok: Sequence[tuple[int, int]] = (),
) -> tuple[set[str], list[Modifier]]:
    """Return the categories that modify one target, and the modifiers that gave them.

    A modifier inside the target's own words is part of them ("not given") and
    does not count, unless it sits in a span listed in ``inside_ok`` (the gap
    of a pattern: "dad has *not* been told").
    """
    found: set[str] = set()
    used: list[Modifier] = []
    for mod in modifiers:
        rule = mod.rule
        if rule.allowed_types is not None and target_type not in rule.allowed_types:
            continue
        if target_type in rule.excluded_types:
            continue
        overlaps = mod.start < target_end and target_start < mod.end
        if overlaps:
            if any(mod.start < b and a < mod.end for a, b in inside_ok):
                found |= rule.categories
                used.append(mod)
            continue
        if mod.end + rule.max_scope <= target_start or target_end <= mod.start - rule.max_scope:
            continue  # too far to reach either way (keeps a long message linear)
        for a, b in _scope(mod, terminators, sentence[0], sentence[1]):
            if a < target_end and target_start < b:
                found |= rule.categories
                used.append(mod)
                break
    return found, used
