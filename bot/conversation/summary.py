"""A referral summary with no names: facts, level, reasons, agencies, gaps.

Laid out as a Signs of Safety style request for support: what we are worried
about, what is working well, what needs to happen. Plain Python, no Rasa.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.conversation.questions import load_questions
from bot.conversation.render import locality, policy, rule_title, shown

_WORKING_WELL = {
    "management_plan": ("current",),
    "medication_adherence": ("good",),
    "unplanned_admissions_12m": (0,),
    "missed_appointments_12m": (0,),
    "medication_misuse": ("no",),
    "child_distress": ("no",),
    "carer_substance_misuse": ("no",),
    "living_situation_unstable": ("no",),
    "day_in_life_known": ("yes",),
    "other_parent_involved": ("yes",),
    "attendance_declining": ("no",),
}


def _working_well(facts: Mapping[str, Any]) -> list[str]:
    well = [shown(f, facts[f]) for f, good in _WORKING_WELL.items() if facts.get(f) in good]
    attendance = facts.get("school_attendance_pct")
    if isinstance(attendance, int | float) and attendance >= 95:
        well.append(shown("school_attendance_pct", attendance))
    return well


def referral_summary(
    decision: Mapping[str, Any],
    facts: Mapping[str, Any],
    place: Any | None = None,
    *,
    evidence: Mapping[str, str] | None = None,
) -> str:
    """Return a referral summary of one assessment; it never contains names.

    Args:
        decision: the contract's decision object.
        facts: the facts it was made from.
        place: the locality; the configured one when omitted.
    """
    place = place or locality()
    questions = load_questions()
    level = decision["level"]
    highest = (decision.get("range") or {}).get("highest", level)
    reach = (
        f"; could be as high as {place.level_label(highest)} ({_rank(highest)})"
        " while answers are unknown."
        if highest != level
        else "; no unknown answer could raise it."
    )
    lines = [
        "Referral summary (no names: add the child's details only in your secure referral form)",
        f"Reporter: {questions['reporter_role'].shown(facts.get('reporter_role'))}",
        f"Level: {place.level_label(level)}, {_rank(level)}{reach}",
        f"Timescale: {place.timescale(level)}",
        "",
        "What we know:",
    ]
    unknown: list[str] = []
    for fact, q in questions.items():
        if fact not in facts or fact == "reporter_role":
            continue
        if facts[fact] == "unknown":
            unknown.append(q.label)
        else:
            lines.append(f"- {q.label}: {q.shown(facts[fact])}")
    if unknown:
        lines += ["", "Not known yet:"] + [f"- {label}" for label in unknown]
    lines += ["", "What we are worried about:"]
    fired = [f for f in decision.get("fired") or [] if f.get("level") != "universal"]
    cited: list[str] = []
    if fired:
        for item in fired:
            sources = list(item.get("sources") or [])
            cited += [s for s in sources if s not in cited]
            lines.append(
                f"- {rule_title(item['rule'])} ({place.level_label(item['level'])}; "
                f"sources: {', '.join(sources) or 'none'})"
            )
    else:
        lines.append("- No rule raised a concern on the answers given.")
    well = _working_well(facts)
    if well:
        lines += ["", "What is working well:"] + [f"- {item}" for item in well]
    lines += ["", "What needs to happen (agencies):"]
    lines += [
        f"- {place.agency_name(a['id'])} ({a['when']}): {a.get('why', '')}".rstrip(": ")
        for a in decision.get("agencies") or []
    ] or ["- No agency needs to be contacted now."]
    gaps = decision.get("gaps") or []
    if gaps:
        lines += ["", "Still to find out:"] + [f"- {g['ask']}" for g in gaps]
    if cited:
        lines += ["", "Sources:"] + [f"- {source}: {_citation(source)}" for source in cited]
    lines += [
        "",
        f"Decision support, threshold policy version {decision.get('policy_version', '?')}; "
        "rule ids for audit: " + ", ".join(f["rule"] for f in fired) + "."
        if fired
        else f"Decision support, threshold policy version {decision.get('policy_version', '?')}.",
    ]
    return "\n".join(lines)


def _rank(level: str) -> str:
    levels = list(policy().levels)
    return f"level {levels.index(level) + 1} of {len(levels)}" if level in levels else level


def _citation(source_id: str) -> str:
    source = policy().sources.get(source_id)
    return str(source.citation) if source is not None else source_id
