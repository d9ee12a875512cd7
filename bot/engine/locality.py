"""Locality: the local words for levels, agencies and the front door."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.engine.errors import LocalityError
from bot.engine.yaml_io import read_yaml

LOCALITY_DIR = Path(__file__).resolve().parent.parent / "locality"
LOCALITY_ENV = "SAFEGUARDING_LOCALITY"
DEFAULT_LOCALITY = "england"
_LEVEL_FIELDS = ("label", "meaning", "timescale")
_FRONT_DOOR_FIELDS = ("name", "phone", "out_of_hours", "emergency", "notes")


@dataclass(frozen=True)
class Locality:
    """The local configuration a decision is shown with.

    Attributes:
        name: the locality's name (its file name without ``.yml``).
        region: where it applies, in plain words.
        front_door: ``name``, ``phone``, ``out_of_hours``, ``emergency`` and ``notes``.
        levels: for each level id, its ``label``, ``meaning`` and ``timescale``.
        agencies: the local name of each agency id.
    """

    name: str
    region: str
    front_door: Mapping[str, str]
    levels: Mapping[str, Mapping[str, str]] = field(repr=False)
    agencies: Mapping[str, str] = field(repr=False)

    def level_label(self, level_id: str) -> str:
        """The local name of a level (``"Significant harm (child protection)"``)."""
        return self._level(level_id)["label"]

    def level_meaning(self, level_id: str) -> str:
        """What a level means, in one sentence."""
        return self._level(level_id)["meaning"]

    def timescale(self, level_id: str) -> str:
        """What to do by when at a level, in plain words."""
        return self._level(level_id)["timescale"]

    def agency_name(self, agency_id: str) -> str:
        """The local name of an agency, or the id in words when none is configured."""
        return self.agencies.get(agency_id, agency_id.replace("_", " "))

    def _level(self, level_id: str) -> Mapping[str, str]:
        try:
            return self.levels[level_id]
        except KeyError:
            raise LocalityError(
                f"locality {self.name}: level {level_id!r} is not known; "
                "use one of " + ", ".join(self.levels)
            ) from None


def available_localities() -> list[str]:
    """The names of the packaged locality files."""
    return sorted(path.stem for path in LOCALITY_DIR.glob("*.yml"))


def read_locality(name: str | None, levels: tuple[str, ...]) -> Locality:
    """Load a locality by name (or from SAFEGUARDING_LOCALITY, default england).

    Args:
        name: the locality's name, or ``None`` for the environment's choice.
        levels: the level ids every locality must describe.

    Returns:
        The locality.

    Raises:
        LocalityError: no locality has that name, or its file is incomplete.
    """
    chosen = (name or os.environ.get(LOCALITY_ENV) or DEFAULT_LOCALITY).strip().lower()
    path = LOCALITY_DIR / f"{chosen}.yml"
    if not chosen.replace("_", "").replace("-", "").isalnum() or not path.is_file():
        raise LocalityError(
            f"no locality called {chosen!r}; available: {', '.join(available_localities())}"
        )
    try:
        document = read_yaml(path)
    except (OSError, yaml.YAMLError) as error:
        raise LocalityError(f"{path}: cannot be read ({error})") from None
    if not isinstance(document, dict):
        raise LocalityError(f"{path}: must be a mapping of levels, agencies and front_door")
    return Locality(
        name=chosen,
        region=str(document.get("region", chosen)),
        front_door=_front_door(document.get("front_door"), path),
        levels=_levels(document.get("levels"), levels, path),
        agencies={str(k): str(v) for k, v in (document.get("agencies") or {}).items()},
    )


def _levels(raw: Any, levels: tuple[str, ...], path: Path) -> dict[str, dict[str, str]]:
    if not isinstance(raw, dict):
        raise LocalityError(f"{path}: levels is missing")
    clean: dict[str, dict[str, str]] = {}
    for level in levels:
        entry = raw.get(level)
        if not isinstance(entry, dict) or any(not entry.get(key) for key in _LEVEL_FIELDS):
            raise LocalityError(f"{path}: level {level!r} needs " + ", ".join(_LEVEL_FIELDS))
        clean[level] = {key: " ".join(str(entry[key]).split()) for key in _LEVEL_FIELDS}
    return clean


def _front_door(raw: Any, path: Path) -> dict[str, str]:
    if not isinstance(raw, dict) or not raw.get("name"):
        raise LocalityError(f"{path}: front_door needs at least a name")
    door = {key: " ".join(str(raw.get(key) or "").split()) for key in _FRONT_DOOR_FIELDS}
    door["emergency"] = door["emergency"] or "999"
    return door
