"""First steps while help comes, for a medical emergency, by condition.

The wording is data (``first_steps.yml``); this module only picks the list::

    first_steps("asthma")   # ["Help them sit up ...", ..., "Follow the child's own care plan ..."]
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

FIRST_STEPS_FILE = Path(__file__).with_name("first_steps.yml")


@lru_cache(maxsize=1)
def _steps() -> dict[str, list[str]]:
    with FIRST_STEPS_FILE.open(encoding="utf-8") as handle:
        return {str(k): [str(s) for s in v] for k, v in yaml.safe_load(handle).items()}


def first_steps(condition: str | None) -> list[str]:
    """Return what to do while the ambulance comes, for the child's condition.

    Args:
        condition: the contract's ``condition`` value, or ``None``/``"unknown"``.

    Returns:
        The steps in order; the general ones when the condition has no list of its own.
        The last step always says to follow the care plan and call 999 again if worried.
    """
    steps = _steps()
    own = steps.get(condition or "", steps["default"])
    always = [s for s in steps["always"] if s not in own]
    return [*own, *always]
