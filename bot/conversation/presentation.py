"""What a decision says to the practitioner who asked, shared by every channel.

``decision_view(decision, facts, place)`` turns the contract's decision object
into plain words: the emergency (an ambulance for a medical emergency, with
the first steps for the child's condition), the reporter's own service as
"you", the other agencies, every gap with who to ask, the reasons with their
facts in words, and the answers the level rests on. The decision itself is
never changed; the words come from ``presentation.yml``, the locality and the
policy.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.conversation.first_steps import first_steps
from bot.conversation.questions import load_questions

PRESENTATION_FILE = Path(__file__).with_name("presentation.yml")
LEVELS = ("universal", "additional", "complex", "significant", "immediate")
WHEN_WORDS = {
    "now": "now",
    "today": "today",
    "within 2 working days": "within 2 working days",
    "routine": "as part of routine work",
}


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    """Return the presentation words (presentation.yml), loaded once."""
    with PRESENTATION_FILE.open(encoding="utf-8") as handle:
        return dict(yaml.safe_load(handle))


def label(fact: str) -> str:
    """Return a fact's label in plain words."""
    q = load_questions().get(fact)
    return q.label if q else fact.replace("_", " ")


def shown_value(fact: str, value: Any) -> str:
    """Return a fact's value in plain words ("45%", "type 1 diabetes", "not known")."""
    q = load_questions().get(fact)
    if q is not None:
        return q.shown(value)
    if value is None or value == "unknown":
        return "not known"
    return str(value).replace("_", " ")


def shown(fact: str, value: Any) -> str:
    """Return one fact as "label: value" in plain words."""
    return f"{label(fact)}: {shown_value(fact, value)}"


def concern(fact: str, value: Any) -> str:
    """Return a concerning answer in a few words ("school attendance 45%")."""
    template = (words().get("concern_words") or {}).get(fact)
    if isinstance(template, dict):
        template = template.get(str(value))
    if not template:
        return shown(fact, value)
    return str(template).format(value=shown_value(fact, value))


def in_sentence(name: str) -> str:
    """Return a name as it reads inside a sentence: "Your designated..." -> "your designated...".

    A first word written in capitals ("GP", "MASH") keeps them.
    """
    first = name.split(" ", 1)[0]
    if len(first) > 1 and first[1].isupper():
        return name
    return name[:1].lower() + name[1:]


def when_words(when: Any) -> str:
    """Return an agency's ``when`` in words ("as part of routine work")."""
    return WHEN_WORDS.get(str(when), str(when).replace("_", " "))


def rank(level: Any) -> int:
    """Return a level's rank from 1 (universal) to 5 (immediate); 0 when unknown."""
    return LEVELS.index(level) + 1 if level in LEVELS else 0


def own_agencies(role: Any) -> tuple[str, ...]:
    """Return the agency ids that are the reporter's own service."""
    entry = (words()["own_service"] or {}).get(str(role)) or {}
    return tuple(str(a) for a in entry.get("agencies") or ())


def danger_kind(decision: Mapping[str, Any], facts: Mapping[str, Any]) -> str | None:
    """Return the kind of emergency: ``medical``, ``harm``, ``both``, ``unknown``, or None."""
    if decision.get("level") != "immediate":
        return None
    medical_rules = set(words()["emergency"]["medical_rules"])
    fired = {str(f.get("rule")) for f in decision.get("fired") or []}
    kind = str(facts.get("danger_kind") or "unknown")
    if fired & medical_rules:
        return "medical"
    return kind if kind in ("medical", "harm", "both") else "unknown"


def emergency(
    decision: Mapping[str, Any], facts: Mapping[str, Any], danger_words: str | None = None
) -> dict[str, Any]:
    """Return what to do now in an emergency (empty when the level is not immediate).

    A medical emergency calls an ambulance and gives the first steps for the
    child's condition (the general ones when ``danger_words``, the danger as told, name
    another cause); it names children's social care or the police only when the
    decision lists them.
    """
    kind = danger_kind(decision, facts)
    if kind is None:
        return {}
    spec = dict(words()["emergency"][kind])
    listed = {str(a.get("id")) for a in decision.get("agencies") or []}
    then = str(spec.get("then", ""))
    if kind == "medical":
        extra = [
            name
            for agency, name in (
                ("childrens_social_care", "children's social care"),
                ("police", "the police"),
            )
            if agency in listed
        ]
        if extra:
            then += " The answers also need " + " and ".join(extra) + ": see who to involve."
    condition = facts.get("condition")
    return {
        "kind": kind,
        "title": spec["title"],
        "call": spec["call"],
        "meaning": spec.get("meaning", ""),
        "timescale": spec.get("timescale", ""),
        "first_steps_heading": spec.get("first_steps_heading", "While help comes"),
        "first_steps": first_steps(condition if isinstance(condition, str) else None, danger_words)
        if kind in ("medical", "both", "unknown")
        else [],
        "then": then,
    }


def you_and_contacts(
    decision: Mapping[str, Any], facts: Mapping[str, Any], place: Any
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Split the decision's agencies into the reporter's own service ("you") and the others."""
    role = facts.get("reporter_role")
    own = own_agencies(role)
    entry = (words()["own_service"] or {}).get(str(role)) or {}
    kind = danger_kind(decision, facts)
    emergency_words = dict(words()["emergency"].get(kind) or {}) if kind else {}
    you: list[dict[str, str]] = []
    contacts: list[dict[str, str]] = []
    for agency in decision.get("agencies") or []:
        agency_id = str(agency.get("id", ""))
        item = {
            "id": agency_id,
            "name": place.agency_name(agency_id),
            "when": str(agency.get("when", "")),
            "when_words": when_words(agency.get("when", "")),
            "why": str(agency.get("why", "")),
        }
        if agency_id == "emergency_services":
            item["name"] = str(emergency_words.get("emergency_services") or item["name"])
            item["why"] = str(emergency_words.get("emergency_services_why") or item["why"])
        if agency_id in own:
            item["name"] = str(entry.get("name") or "You")
            does = entry.get("does") or agency.get("why", "")
            if kind:
                does = words().get("own_service_in_emergency") or does
            item["does"] = " ".join(str(does).split())
            you.append(item)
        else:
            contacts.append(item)
    return you, contacts


def who_to_ask(fact: str, role: Any) -> str:
    """Return who to ask about one fact, "you (...)" when the reporter's service holds it."""
    entry = (words()["who_to_ask"] or {}).get(fact) or {}
    return str(entry.get(str(role)) or entry.get("who") or "")


def gap_label(fact: str) -> str:
    """Return what to find out about one fact, in a few words."""
    entry = (words()["who_to_ask"] or {}).get(fact) or {}
    return str(entry.get("what") or label(fact))


def find_out(decision: Mapping[str, Any], facts: Mapping[str, Any], place: Any) -> list[dict]:
    """Return every gap the decision lists, with its label, who to ask and what it could reach."""
    level = decision.get("level")
    items = []
    for gap in decision.get("gaps") or []:
        fact = str(gap.get("fact", ""))
        reach = gap.get("could_reach")
        raises = bool(reach) and rank(reach) > rank(level)
        items.append(
            {
                "fact": fact,
                "label": gap_label(fact),
                "ask": str(gap.get("ask", "")),
                "who": who_to_ask(fact, facts.get("reporter_role")),
                "could_reach": str(reach or ""),
                "could_reach_label": place.level_label(reach) if raises else "",
            }
        )
    return items


def reasons(
    decision: Mapping[str, Any], place: Any, evidence: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """Return every rule that fired, highest first, with its facts in words."""
    from bot.conversation.render import rule_explanation, rule_title

    evidence = evidence or {}
    fired = sorted(
        decision.get("fired") or [], key=lambda f: -rank(f.get("level"))
    )  # stable: the engine's order within a level
    out = []
    for item in fired:
        because = dict(item.get("because") or {})
        out.append(
            {
                "rule": str(item.get("rule", "")),
                "title": str(item.get("title") or rule_title(str(item.get("rule", "")))),
                "level": str(item.get("level", "")),
                "level_label": place.level_label(item["level"])
                if item.get("level") in LEVELS
                else str(item.get("level", "")),
                "because": [shown(fact, value) for fact, value in because.items()],
                "evidence": [evidence[f] for f in because if evidence.get(f)],
                "explanation": rule_explanation(str(item.get("rule", ""))),
            }
        )
    return out


def rests_on(decision: Mapping[str, Any]) -> list[str]:
    """Return the answers the level rests on: the facts of the rules at the decided level."""
    level = decision.get("level")
    seen: dict[str, str] = {}
    for item in decision.get("fired") or []:
        if item.get("level") != level:
            continue
        for fact, value in (item.get("because") or {}).items():
            seen.setdefault(str(fact), shown(str(fact), value))
    return list(seen.values())


def working_well(facts: Mapping[str, Any]) -> list[str]:
    """Return what protects the child, never only the absence of a risk."""
    data = words()
    well = [
        str(phrases[str(facts[fact])])
        for fact, phrases in (data["working_well"] or {}).items()
        if fact in facts and str(facts[fact]) in phrases
    ]
    attendance = facts.get("school_attendance_pct")
    if isinstance(attendance, int | float) and attendance >= data["good_attendance_from"]:
        value = shown_value("school_attendance_pct", attendance)
        well.append(str(data["good_attendance"]).format(value=value))
    return well


def decision_view(
    decision: Mapping[str, Any],
    facts: Mapping[str, Any],
    place: Any,
    evidence: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Return the decision in the practitioner's words, for every channel.

    Args:
        decision: the contract's decision object.
        facts: the facts it was made from (``reporter_role`` decides who "you" are).
        place: the locality.
        evidence: the practitioner's own phrase for concerning findings, by fact.

    Returns:
        ``emergency`` (empty unless the level is immediate), ``you`` and
        ``contacts`` (the agencies), ``find_out`` (every gap) and
        ``find_out_first`` (the range is wider than the level, so the gaps go
        on top), ``reasons``, ``rests_on`` and ``reporter`` (the role in words).
    """
    level = decision.get("level")
    highest = (decision.get("range") or {}).get("highest", level)
    you, contacts = you_and_contacts(decision, facts, place)
    role = facts.get("reporter_role")
    return {
        "emergency": emergency(decision, facts, (evidence or {}).get("immediate_danger")),
        "you": you,
        "contacts": contacts,
        "find_out": find_out(decision, facts, place),
        "find_out_first": rank(highest) > rank(level),
        "reasons": reasons(decision, place, evidence),
        "rests_on": rests_on(decision),
        "reporter": shown_value("reporter_role", role) if role else "",
    }
