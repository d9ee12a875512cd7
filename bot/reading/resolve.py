"""From how a fact was said to the value recorded: hedges and negation never reassure.

- said plainly: a concern gives the concern, a reassurance the reassurance.
- negated: a concern gives the reassurance, a reassurance the concern.
- doubted ("I doubt", "not convinced"): a reassurance gives the concern; a
  concern gives the fact's hedged value, else unknown (not confident).
- hedged ("I think", "mum says"): a concern gives the fact's hedged value,
  else the concern; a reassurance gives the fact's unsure value, never a
  reassuring one (not confident).
- in the past: a concern gives the fact's past value (not confident), else nothing.
- hypothetical, or about someone else (for facts about the child): nothing.
- about someone who is not a carer (for facts about the carers: "his uncle
  uses but he doesn't live there"): the fact's ``other_person`` value, not
  confident, so the conversation asks; never the concern as it stands.
"""

from __future__ import annotations

from typing import Any

from bot.reading.rules import FactReading

UNKNOWN = "unknown"


def polarity(fact: FactReading, value: Any) -> str:
    """Whether a value is a ``concern``, a ``reassurance`` or ``neutral`` for its fact."""
    if value in fact.concerning:
        return "concern"
    if value in fact.reassuring:
        return "reassurance"
    return "neutral"


def resolve(
    fact: FactReading,
    value: Any,
    categories: set[str],
    *,
    negated_value: Any = None,
    confident: bool = True,
) -> tuple[Any, str, bool] | None:
    """Return (value, assertion, confident) for a target said in this way, or ``None``."""
    if "HYPOTHETICAL" in categories:
        return None
    if "FAMILY" in categories and fact.about_child:
        return None
    if "FAMILY" in categories and fact.other_person is not None:
        return fact.other_person, "other_person", False
    kind = polarity(fact, value)
    negated = "NEGATED_EXISTENCE" in categories
    possible = "POSSIBLE_EXISTENCE" in categories
    if "HISTORICAL" in categories:
        if kind in ("concern", "neutral") and fact.past is not None:
            return fact.past, "past", False
        return None
    if negated and possible:
        if kind == "reassurance":
            chosen = negated_value if negated_value not in (None, "skip") else fact.concerning[0]
            return chosen, "hedged", True
        if kind == "concern":
            if fact.hedged is not None:
                return fact.hedged, "hedged", True
            return (UNKNOWN, "uncertain", False) if fact.unknown else None
        return None
    if negated:
        if negated_value == "skip":
            return None
        if negated_value is not None:
            return negated_value, "negated", confident
        if kind == "concern" and fact.reassuring:
            return fact.reassuring[0], "negated", confident
        if kind == "concern":
            return None
        if kind == "reassurance" and fact.concerning:
            return fact.concerning[0], "negated", True
        return None
    if possible:
        if kind == "concern":
            return (fact.hedged if fact.hedged is not None else value), "hedged", True
        if kind == "reassurance":
            return fact.unsure, "hedged", False
        return value, "hedged", False
    return value, "affirmed", confident


def most_concerning(fact: FactReading, values: list[Any]) -> Any:
    """The most concerning of several values for one fact (the safer reading)."""

    def rank(value: Any) -> int:
        if value in fact.concerning:
            return len(fact.concerning) - fact.concerning.index(value) + 1
        if value == UNKNOWN:
            return 1
        return 0

    return max(values, key=rank)
