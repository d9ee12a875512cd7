"""Decision objects built by hand for the presentation tests.

Policy version 2 adds ``danger_kind`` and MEDICAL-EMERGENCY; these objects
follow the contract (shared/spec/assessment-contract.md section 3) so the
presentation can be tested whatever engine version is installed.
"""

from __future__ import annotations

from typing import Any

ALWAYS_GAPS = [
    {
        "fact": "day_in_life_known",
        "could_reach": "immediate",
        "ask": "Build a picture of a day and a night in the child's life.",
    },
    {
        "fact": "reliever_prescriptions_12m",
        "could_reach": "immediate",
        "ask": "Ask the GP practice or the community pharmacy how many reliever inhalers.",
    },
]


def medical_emergency(**extra_agencies: str) -> dict[str, Any]:
    """A version 2 medical emergency: an ambulance and the safeguarding lead, nothing else."""
    agencies = [
        {"id": "emergency_services", "when": "now", "why": "Call 999 for an ambulance."},
        {"id": "designated_safeguarding_lead", "when": "now", "why": "Tell your lead."},
    ]
    agencies += [
        {"id": a, "when": w, "why": "Listed by the policy."} for a, w in extra_agencies.items()
    ]
    return {
        "policy_version": "2",
        "level": "immediate",
        "range": {"lowest": "immediate", "highest": "immediate"},
        "fired": [
            {
                "rule": "MEDICAL-EMERGENCY",
                "level": "immediate",
                "because": {"immediate_danger": "yes", "danger_kind": "medical"},
                "sources": ["FIRST-AID"],
                "title": "A medical emergency",
            }
        ],
        "gaps": list(ALWAYS_GAPS),
        "agencies": agencies,
        "next_steps": ["Call 999 now and ask for an ambulance."],
    }


def harm_emergency() -> dict[str, Any]:
    """A version 2 emergency from a person: police, social care and ambulance now."""
    decision = medical_emergency(childrens_social_care="now", police="now")
    decision["fired"] = [
        {
            "rule": "IMMEDIATE",
            "level": "immediate",
            "because": {"immediate_danger": "yes", "danger_kind": "harm"},
            "sources": ["WT-2023-TIMESCALES"],
            "title": "Immediate danger",
        }
    ]
    return decision


MEDICAL_FACTS = {
    "immediate_danger": "yes",
    "danger_kind": "medical",
    "reporter_role": "school",
    "condition": "asthma",
}
