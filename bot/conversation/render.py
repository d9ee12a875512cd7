"""A decision as text for a practitioner.

Plain Python, no Rasa. Every function takes the contract's decision object
(``bot.decide``) and the facts it was made from, and reads words from the
locality configuration and the policy (rule titles, source citations).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from bot.conversation.questions import load_questions

WHEN_WORDS = {
    "now": "now",
    "today": "today",
    "within 2 working days": "within 2 working days",
    "routine": "as part of routine work",
}
MAX_MAIN_REASONS = 3
MAX_MAIN_GAPS = 3
FOLLOW_UPS = (
    'You can ask "why?", "what would change this?", or for a "summary"; correct an '
    'answer in your own words ("actually attendance is 60%"); or say "start again".'
)


@lru_cache(maxsize=1)
def policy() -> Any:
    """Return the threshold policy the engine decides with (loaded once)."""
    from bot import load_policy

    return load_policy()


def locality() -> Any:
    """Return the configured locality (SAFEGUARDING_LOCALITY, default England)."""
    from bot import load_locality

    return load_locality()


def rule_title(rule_id: str) -> str:
    """Return a rule's title from the policy, or its id when it has none."""
    for rule in getattr(policy(), "rules", ()):
        if getattr(rule, "id", None) == rule_id:
            return str(getattr(rule, "title", "") or rule_id)
    return rule_id


def rule_explanation(rule_id: str) -> str:
    """Return a rule's longer explanation from the policy, or an empty string."""
    for rule in getattr(policy(), "rules", ()):
        if getattr(rule, "id", None) == rule_id:
            return " ".join(str(getattr(rule, "explanation", "") or "").split())
    return ""


def source_citation(source_id: str) -> str:
    """Return a source's citation from the policy, or its id."""
    source = getattr(policy(), "sources", {}).get(source_id)
    if source is None:
        return source_id
    summary = getattr(source, "summary", "")
    citation = getattr(source, "citation", source_id)
    return f"{citation}: {summary}" if summary else str(citation)


def shown(fact: str, value: Any) -> str:
    """Return one fact as "label: value" in plain words."""
    questions = load_questions()
    if fact not in questions:
        return f"{fact.replace('_', ' ')}: {value}"
    q = questions[fact]
    return f"{q.label}: {q.shown(value)}"


def _because(fired: Mapping[str, Any]) -> str:
    because = fired.get("because") or {}
    return "; ".join(shown(fact, value) for fact, value in because.items())


def _title(fired: Mapping[str, Any]) -> str:
    return str(fired.get("title") or rule_title(str(fired["rule"])))


def _when(agency: Mapping[str, Any]) -> str:
    when = str(agency.get("when", ""))
    return WHEN_WORDS.get(when, when)


def _raising(decision: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Reasons ordered by level, highest first (the ones that set the level lead)."""
    order = ["immediate", "significant", "complex", "additional", "universal"]
    fired = list(decision.get("fired") or [])
    return sorted(
        fired,
        key=lambda f: order.index(f["level"]) if f.get("level") in order else len(order),
    )


def front_door_line(place: Any) -> str:
    """Return how to reach the local front door, in one line."""
    door = place.front_door
    parts = [str(door.get("name", "the children's social care front door"))]
    if door.get("phone"):
        parts.append(f"phone {door['phone']}")
    if door.get("out_of_hours"):
        parts.append(f"out of hours {door['out_of_hours']}")
    return ", ".join(parts)


def render_immediate(decision: Mapping[str, Any], place: Any | None = None) -> str:
    """The message for immediate danger: 999 now, then the front door the same day."""
    place = place or locality()
    lines = [
        "Call 999 now (police or ambulance).",
        f"Then refer to {front_door_line(place)} the same day, and tell your "
        "safeguarding lead. Do not wait for the next working day.",
        "",
        f"Decision: {place.level_label('immediate')}. {place.level_meaning('immediate')}",
        "I have stopped the questions. When the child is safe, you can say "
        '"start again" to assess the wider concerns.',
    ]
    return "\n".join(lines)


def render_decision(
    decision: Mapping[str, Any], facts: Mapping[str, Any], place: Any | None = None
) -> str:
    """The decision message: level, meaning, timescale, reasons, agencies, gaps, steps.

    Args:
        decision: the contract's decision object.
        facts: the facts it was made from (reporter_role tailors the steps).
        place: the locality; the configured one when omitted.
    """
    place = place or locality()
    level = decision["level"]
    if level == "immediate":
        return render_immediate(decision, place)
    lines = [
        f"Decision: {place.level_label(level)}",
        place.level_meaning(level),
        f"When: {place.timescale(level)}",
    ]
    highest = (decision.get("range") or {}).get("highest", level)
    if highest != level:
        lines.append(
            f"With the answers still unknown, this could be as high as "
            f"{place.level_label(highest)}: closing the gaps below matters."
        )
    reasons = [f for f in _raising(decision) if f.get("level") != "universal"] or _raising(decision)
    if reasons:
        lines += ["", "Main reasons:"]
        for fired in reasons[:MAX_MAIN_REASONS]:
            lines.append(f"- {_title(fired)} ({_because(fired)})")
        extra = len(decision.get("fired") or []) - min(len(reasons), MAX_MAIN_REASONS)
        if extra > 0:
            lines.append(f'- and {extra} more: ask "why?"')
    else:
        lines += ["", "No rule raised a concern on the answers given."]
    agencies = decision.get("agencies") or []
    if agencies:
        lines += ["", "Who to involve:"]
        lines += [f"- {place.agency_name(a['id'])}: {_when(a)}" for a in agencies]
    gaps = decision.get("gaps") or []
    if gaps:
        lines += ["", "Find out:"]
        lines += [f"- {g['ask']}" for g in gaps[:MAX_MAIN_GAPS]]
        if len(gaps) > MAX_MAIN_GAPS:
            lines.append(f'- and {len(gaps) - MAX_MAIN_GAPS} more: ask "what would change this?"')
    steps = decision.get("next_steps") or []
    if steps:
        role = load_questions()["reporter_role"].shown(facts.get("reporter_role", "other"))
        lines += ["", f"Next steps for you ({role}):"]
        lines += [f"{n}. {step}" for n, step in enumerate(steps, start=1)]
    lines += ["", FOLLOW_UPS]
    return "\n".join(lines)


def render_reasons(decision: Mapping[str, Any], place: Any | None = None) -> str:
    """Every reason (each rule that fired), with the facts and its sources."""
    place = place or locality()
    fired = _raising(decision)
    if not fired:
        return (
            f"No rule raised a concern, so the level is {place.level_label(decision['level'])}. "
            'Say "what would change this?" to see what is still unknown.'
        )
    lines = [f"Why {place.level_label(decision['level'])}: every rule that applies."]
    for item in fired:
        lines += [
            "",
            f"{_title(item)} [{item['rule']}] - {place.level_label(item['level'])}",
            f"Because: {_because(item)}",
        ]
        explanation = rule_explanation(item["rule"])
        if explanation:
            lines.append(explanation)
        sources = item.get("sources") or []
        if sources:
            lines.append("Sources: " + " | ".join(source_citation(s) for s in sources))
    return "\n".join(lines)


def render_changes(decision: Mapping[str, Any], place: Any | None = None) -> str:
    """What would change the decision: the range and every gap."""
    place = place or locality()
    level = decision["level"]
    highest = (decision.get("range") or {}).get("highest", level)
    lines = [f"On what you know, the level is {place.level_label(level)}."]
    if highest != level:
        lines.append(
            f"If every unknown answer turned out to be the most worrying, it would be "
            f"{place.level_label(highest)}."
        )
    else:
        lines.append("No unknown answer could raise it further.")
    gaps = decision.get("gaps") or []
    if gaps:
        lines += ["", "What to find out:"]
        for gap in gaps:
            reach = gap.get("could_reach")
            label = load_questions().get(gap["fact"])
            name = label.label if label else gap["fact"].replace("_", " ")
            raises = reach and reach != level
            tail = f" (could make it {place.level_label(reach)})" if raises else ""
            lines.append(f"- {name}{tail}: {gap['ask']}")
    lines += [
        "",
        "Answers you have given can change it too: correct one in your own words "
        '("actually attendance is 60%", "she had three admissions, not two").',
    ]
    return "\n".join(lines)
