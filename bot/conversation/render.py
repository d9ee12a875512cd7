"""A decision as text for a practitioner.

Plain Python, no Rasa. Every function takes the contract's decision object
(``bot.decide``) and the facts it was made from, and reads words from the
locality configuration and the policy (rule titles, source citations).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from bot.conversation.presentation import WHEN_WORDS, decision_view, shown
from bot.conversation.questions import load_questions

MAX_MAIN_REASONS = 3
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


def _emergency_lines(
    decision: Mapping[str, Any], facts: Mapping[str, Any], place: Any
) -> list[str]:
    view = decision_view(decision, facts, place)
    urgent = view["emergency"]
    lines = [urgent["call"]]
    if urgent["first_steps"]:
        lines += ["", f"{urgent['first_steps_heading']}:"]
        lines += [f"{n}. {step}" for n, step in enumerate(urgent["first_steps"], start=1)]
    lines += ["", urgent["then"]]
    if urgent["kind"] != "medical":
        lines.append(f"Front door: {front_door_line(place)}.")
    meaning = urgent["meaning"] or place.level_meaning("immediate")
    lines += ["", f"Decision: {urgent['title']}. {meaning}"]
    return lines


def render_immediate(
    decision: Mapping[str, Any], place: Any | None = None, facts: Mapping[str, Any] | None = None
) -> str:
    """The message for an emergency: 999 now, for an ambulance or the police, then what next.

    A medical emergency (``danger_kind`` = medical) asks for an ambulance and
    gives the first steps for the child's condition; children's social care and
    the police are named only when the decision lists them.
    """
    place = place or locality()
    facts = facts or {}
    view = decision_view(decision, facts, place)
    lines = _emergency_lines(decision, facts, place)
    others = [c for c in view["contacts"] if c["id"] != "emergency_services"]
    if others or view["you"]:
        lines += ["", "Who to involve:"]
        lines += [f"- {y['name']}: {y['when_words']}. {y['does']}" for y in view["you"]]
        lines += [f"- {c['name']}: {c['when_words']}" for c in others]
    return "\n".join(lines)


def decision_title(
    decision: Mapping[str, Any], facts: Mapping[str, Any], place: Any | None = None
) -> str:
    """The decision's name as the practitioner reads it ("Medical emergency", a level's label)."""
    place = place or locality()
    if decision["level"] == "immediate":
        return str(decision_view(decision, facts, place)["emergency"]["title"])
    return str(place.level_label(decision["level"]))


def involved(
    decision: Mapping[str, Any], facts: Mapping[str, Any], place: Any | None = None
) -> list[str]:
    """Who to involve, by name, as the decision message lists them (999 is said apart)."""
    view = decision_view(decision, facts, place or locality())
    return [y["name"] for y in view["you"]] + [
        c["name"] for c in view["contacts"] if c["id"] != "emergency_services"
    ]


def render_update(
    before: tuple[Mapping[str, Any], Mapping[str, Any]],
    after: tuple[Mapping[str, Any], Mapping[str, Any]],
    place: Any | None = None,
) -> str | None:
    """What an answer changed in a decision given already, in one line, when its name is the
    same ("The decision is the same: Medical emergency; added to who to involve: ..."), or
    ``None`` when the decision itself changed (then it is given whole).

    Args:
        before: the decision given already and the facts it was made from.
        after: the decision now and its facts.
        place: the locality; the configured one when omitted.
    """
    place = place or locality()
    title = decision_title(after[0], after[1], place)
    if decision_title(before[0], before[1], place) != title:
        return None
    was, now = involved(*before, place), involved(*after, place)
    parts = [f"The decision is the same: {title}"]
    added = [name for name in now if name not in was]
    gone = [name for name in was if name not in now]
    if added:
        parts.append(f"added to who to involve: {', '.join(added)}")
    if gone:
        parts.append(f"no longer in who to involve: {', '.join(gone)}")
    return "; ".join(parts) + "."


def render_decision_changed(
    before: tuple[Mapping[str, Any], Mapping[str, Any]],
    after: tuple[Mapping[str, Any], Mapping[str, Any]],
    place: Any | None = None,
) -> str:
    """The line that leads a decision changed by an answer: "The decision has changed: X → Y"."""
    place = place or locality()
    return (
        f"The decision has changed: {decision_title(*before, place)} → "
        f"{decision_title(*after, place)}."
    )


def gap_line(item: Mapping[str, Any]) -> str:
    """One gap in a line: what to find out, who to ask, and what it could raise the level to."""
    who = f" - {item['who']}" if item.get("who") else ""
    tail = f" (could make it {item['could_reach_label']})" if item.get("could_reach_label") else ""
    return f"- {item['label'][:1].upper()}{item['label'][1:]}{who}{tail}"


def render_decision(
    decision: Mapping[str, Any],
    facts: Mapping[str, Any],
    place: Any | None = None,
    evidence: Mapping[str, str] | None = None,
) -> str:
    """The decision message: level, meaning, timescale, gaps, reasons, you and others, steps.

    When the range is wider than the level, "Find out first" comes straight
    after the level so a tired reader sees it. The reporter's own service is
    shown as "you" with what they do.

    Args:
        decision: the contract's decision object.
        facts: the facts it was made from (reporter_role tailors the steps).
        place: the locality; the configured one when omitted.
        evidence: the practitioner's own phrases for concerning findings.
    """
    place = place or locality()
    level = decision["level"]
    if level == "immediate":
        return render_immediate(decision, place, facts)
    view = decision_view(decision, facts, place, evidence)
    lines = [
        f"Decision: {place.level_label(level)}",
        place.level_meaning(level),
        f"When: {place.timescale(level)}",
    ]
    highest = (decision.get("range") or {}).get("highest", level)
    gaps = [gap_line(item) for item in view["find_out"]]
    if view["find_out_first"]:
        lines += [
            "",
            f"Find out first: with answers still unknown, this could be as high as "
            f"{place.level_label(highest)}.",
            *gaps,
        ]
    reasons = [r for r in view["reasons"] if r["level"] != "universal"] or view["reasons"]
    if reasons:
        lines += ["", "Main reasons:"]
        for item in reasons[:MAX_MAIN_REASONS]:
            lines.append(f"- {item['title']} ({'; '.join(item['because'])})")
        extra = len(view["reasons"]) - min(len(reasons), MAX_MAIN_REASONS)
        if extra > 0:
            lines.append(f'- and {extra} more: ask "why?"')
    else:
        lines += ["", "No rule raised a concern on the answers given."]
    if view["you"] or view["contacts"]:
        lines += ["", "Who to involve:"]
        lines += [f"- {y['name']}: {y['when_words']}. {y['does']}" for y in view["you"]]
        lines += [f"- {c['name']}: {c['when_words']}" for c in view["contacts"]]
    if gaps and not view["find_out_first"]:
        lines += ["", "What to find out:", *gaps]
    steps = decision.get("next_steps") or []
    if steps:
        role = view["reporter"] or load_questions()["reporter_role"].shown("other")
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


def render_changes(
    decision: Mapping[str, Any], place: Any | None = None, facts: Mapping[str, Any] | None = None
) -> str:
    """What would change the decision: what would raise it, and the answers it rests on.

    Args:
        decision: the contract's decision object.
        place: the locality; the configured one when omitted.
        facts: the facts it was made from (who "you" are when asking); optional.
    """
    place = place or locality()
    view = decision_view(decision, facts or {}, place)
    level = decision["level"]
    highest = (decision.get("range") or {}).get("highest", level)
    lines = [f"On what you know, the level is {place.level_label(level)}."]
    raising = [item for item in view["find_out"] if item["could_reach_label"]]
    lines += ["", "What would raise it:"]
    if highest != level:
        lines.append(
            f"If every unknown answer turned out to be the most worrying, it would be "
            f"{place.level_label(highest)}."
        )
    else:
        lines.append(
            "No unknown answer could raise it further; a new concern or a changed answer could."
        )
    for item in raising:
        lines.append(
            f"- {item['label']}, if it turns out to be concerning: could make it "
            f"{item['could_reach_label']}. {item['ask']}"
        )
    others = [item for item in view["find_out"] if not item["could_reach_label"]]
    if others:
        lines += ["", "Still to find out, whatever the level (the review asks for these):"]
        lines += [f"- {item['label']}: {item['ask']}" for item in others]
    lines += ["", "What the level rests on:"]
    if view["rests_on"]:
        top = [r["title"] for r in view["reasons"] if r["level"] == level]
        lines.append(
            f"{place.level_label(level)} comes from: {'; '.join(top)}. These answers set it:"
        )
        lines += [f"- {answer}" for answer in view["rests_on"]]
        lines.append(
            "If one of these is wrong, correct it in your own words "
            '("actually attendance is 60%", "she had three admissions, not two") '
            "and the decision is made again at once."
        )
    else:
        lines.append(
            "No rule raised a concern on the answers given, so nothing holds the level up; "
            "any new concern or corrected answer can change it."
        )
    return "\n".join(lines)
