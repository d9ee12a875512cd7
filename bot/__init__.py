"""Decision support for safeguarding children with chronic conditions.

The threshold engine is plain Python (it never imports Rasa)::

    import bot

    decision = bot.decide({"reporter_role": "school", "condition": "asthma",
                           "reliever_prescriptions_12m": 14})
    decision["level"]          # "additional"
    decision["range"]          # {"lowest": "additional", "highest": "immediate"}
    decision["policy_version"] # "2" (the POLICY_VERSION setting, else the newest)
    bot.decide(facts, bot.load_policy(version="1"))   # reproduce a version 1 decision

Every channel ends in ``decide``; the rules are data in ``bot/policy/``, one
file per version.
"""

from bot.engine.api import (
    decide,
    fact_specs,
    load_locality,
    load_policy,
    validate_fact,
    validate_facts,
)
from bot.engine.errors import (
    BadValueError,
    EngineError,
    FactError,
    LocalityError,
    MissingFactError,
    PolicyError,
    PolicyFileError,
    UnknownFactError,
)
from bot.engine.facts import FactSpec
from bot.engine.locality import Locality
from bot.engine.policy import Policy

__all__ = [
    "BadValueError",
    "EngineError",
    "FactError",
    "FactSpec",
    "Locality",
    "LocalityError",
    "MissingFactError",
    "Policy",
    "PolicyError",
    "PolicyFileError",
    "UnknownFactError",
    "decide",
    "fact_specs",
    "load_locality",
    "load_policy",
    "validate_fact",
    "validate_facts",
]
