"""The custom payload of the decision message (docs/architecture.md).

``build_payload(facts)`` returns ``{"assessment": decide(facts), "display":
{...}, "facts": facts}``: the contract's decision exactly, presentation words
from the locality configuration, and the facts the decision was made from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from bot.conversation.presentation import decision_view, shown_value
from bot.conversation.presentation import label as fact_label
from bot.conversation.questions import fact_order, load_questions
from bot.conversation.render import locality
from bot.conversation.summary import summary_parts

ASSUMED_WHEN_IMMEDIATE = {"reporter_role": "other", "condition": "other"}


def facts_from_slots(slots: Mapping[str, Any]) -> dict[str, Any]:
    """Return the facts held in a conversation's slots, in the order they are asked.

    Slots that are empty are left out (the engine treats them as unknown). The
    reliever count is left out when the condition is known and is not asthma.
    """
    facts = {name: slots[name] for name in fact_order() if slots.get(name) is not None}
    if facts.get("condition") not in (None, "asthma"):
        facts.pop("reliever_prescriptions_12m", None)
    return facts


def change_text(fact: str) -> str:
    """Return the message that asks to change one answer ("change attendance")."""
    q = load_questions().get(fact)
    name = q.names[0] if q and q.names else fact_label(fact)
    return f"change {name}"


def recorded_answers(facts: Mapping[str, Any]) -> list[dict[str, str]]:
    """Return every recorded answer with its label, shown value and change text."""
    return [
        {
            "fact": fact,
            "label": fact_label(fact),
            "shown": shown_value(fact, value),
            "change": change_text(fact),
        }
        for fact, value in facts.items()
        if value is not None
    ]


def _changes(changes: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    out = []
    for change in changes:
        fact = str(change.get("fact", ""))
        out.append(
            {
                "fact": fact,
                "label": str(change.get("label") or fact_label(fact)),
                "from": str(change.get("from", "")),
                "to": str(change.get("to", "")),
            }
        )
    return out


def build_payload(
    facts: Mapping[str, Any],
    place: Any | None = None,
    *,
    changes: Iterable[Mapping[str, Any]] = (),
    evidence: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Decide on the facts and return the payload every channel renders.

    Args:
        facts: the facts of one assessment (contract section 1).
        place: the locality; the configured one when omitted.
        changes: answers changed since the last decision, each
            ``{"fact", "label", "from", "to"}`` with shown values ("85%" -> "45%").
        evidence: the practitioner's own short phrase for concerning findings,
            by fact; the referral summary quotes them.

    Returns:
        ``{"assessment": ..., "display": ..., "facts": ...}``. When the child is
        in immediate danger the questions stop before the reporter's role and
        the condition are asked; the engine needs both, so they are taken as
        ``"other"``, listed in ``display["assumed_facts"]`` and included in
        ``facts``, so ``decide(payload["facts"]) == payload["assessment"]``.
        ``display`` also holds ``changes``, ``evidence`` and ``answers`` (every
        recorded answer with the text that changes it; assumed facts are not
        answers and are left out).
    """
    from bot import decide

    place = place or locality()
    clean = dict(facts)
    assumed: dict[str, Any] = {}
    if clean.get("immediate_danger") == "yes":
        assumed = {k: v for k, v in ASSUMED_WHEN_IMMEDIATE.items() if k not in clean}
        clean.update(assumed)
    decision = decide(clean)
    display = presentation(decision, clean, place, evidence=evidence)
    display["assumed_facts"] = assumed
    display["changes"] = _changes(changes)
    display["answers"] = recorded_answers(facts)
    return {"assessment": decision, "display": display, "facts": clean}


def presentation(
    decision: Mapping[str, Any],
    facts: Mapping[str, Any],
    place: Any | None = None,
    *,
    evidence: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Return the ``display`` part of a payload for a decision already made.

    Locality words (labels, meanings, timescales, agency names, front door),
    the decision in the practitioner's words (``bot.conversation.presentation``:
    emergency, you, contacts, find_out, reasons, rests_on) and the referral
    summary, whole and in its two parts.
    """
    place = place or locality()
    level_range = decision.get("range") or {}
    main, appendix = summary_parts(decision, facts, place, evidence=evidence)
    view = decision_view(decision, facts, place, evidence)
    urgent = view["emergency"]
    display: dict[str, Any] = {
        "level_label": place.level_label(decision["level"]),
        "level_meaning": urgent.get("meaning") or place.level_meaning(decision["level"]),
        "timescale": urgent.get("timescale") or place.timescale(decision["level"]),
        "range_labels": {
            key: place.level_label(value) for key, value in level_range.items() if value
        },
        "agency_names": {a["id"]: place.agency_name(a["id"]) for a in decision["agencies"]},
        "front_door": {
            key: place.front_door.get(key, "")
            for key in ("name", "phone", "out_of_hours", "emergency")
        },
        **view,
        "summary": f"{main}\n\n{appendix}",
        "summary_main": main,
        "summary_appendix": appendix,
        "evidence": {str(k): str(v) for k, v in (evidence or {}).items() if v},
        "assumed_facts": {},
        "changes": [],
        "answers": recorded_answers(facts),
    }
    display["front_door"]["emergency"] = display["front_door"]["emergency"] or "999"
    return display
