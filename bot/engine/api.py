"""The functions ``bot`` exports."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bot.engine.decide import Decider
from bot.engine.errors import PolicyError, PolicyFileError
from bot.engine.facts import FactSpec, FactValue
from bot.engine.locality import Locality, read_locality
from bot.engine.policy import (
    VERSION_ENV,
    Policy,
    configured_version,
    load_policy_files,
    policy_versions,
    rules_file,
)


def load_policy(path: str | Path | None = None, *, version: str | int | None = None) -> Policy:
    """Load and check a policy (rules, facts and sources).

    Args:
        path: a rule file, or a folder holding one (``rules-v<version>.yml``).
        version: a packaged version (``"1"``, ``"2"``), loaded once and cached.
            With neither, the version the assistant uses: the POLICY_VERSION
            setting, else the newest.

    Returns:
        The checked policy; its ``version`` is given in every decision it makes.

    Raises:
        PolicyError: there is no packaged policy of that version.
        PolicyFileError: a file is missing, unreadable, or names something unknown
            (the error names the file, the rule and what to change).
    """
    if path is not None and version is not None:
        raise PolicyError("give a rule file or a version, not both")
    if path is not None:
        return load_policy_files(path)
    return _packaged(str(version).strip() if version is not None else configured_version())


@functools.lru_cache(maxsize=8)
def _packaged(version: str) -> Policy:
    return load_policy_files(rules_file(version))


def _default_policy() -> Policy:
    version = configured_version()
    try:
        return _packaged(version)
    except PolicyFileError:
        raise
    except PolicyError as error:
        raise PolicyError(f"{VERSION_ENV}: {error}") from None


def choose_policy(choice: str | None) -> Policy:
    """The policy a command-line ``--policy`` names: a version, or a rule file.

    ``None`` gives the version the assistant uses (POLICY_VERSION, else the newest).

    Raises:
        PolicyError: no such version and no such file (one line).
    """
    if choice is None:
        return _default_policy()
    text = choice.strip()
    if text.removeprefix("v") in policy_versions():
        return load_policy(version=text.removeprefix("v"))
    if text.endswith((".yml", ".yaml")) or "/" in text or Path(text).exists():
        return load_policy(text)
    raise PolicyError(
        f"--policy {text!r}: no such version; use one of {', '.join(policy_versions())} "
        "(or give a rule file)"
    )


def _decider(policy: Policy) -> Decider:
    decider = policy.__dict__.get("_decider")
    if decider is None:
        decider = Decider(policy)
        object.__setattr__(policy, "_decider", decider)
    return decider


def decide(facts: Mapping[str, object], policy: Policy | None = None) -> dict[str, Any]:
    """Decide the level, reasons, agencies, gaps and next steps for some facts.

    Args:
        facts: the facts as given (names from the contract; absent means unknown).
            They are validated first, so raw answers such as ``"7"`` are fine.
        policy: the policy to apply; when ``None``, the version the assistant uses
            (POLICY_VERSION, else the newest).

    Returns:
        The contract's decision object as a JSON-serialisable dict: ``policy_version``,
        ``level``, ``range``, ``fired``, ``gaps``, ``agencies`` and ``next_steps``.
        Each ``fired`` entry also carries the rule's plain-language ``title``.

    Raises:
        UnknownFactError: a fact name is not known.
        BadValueError: a value is not allowed (MissingFactError: a required fact is absent).
    """
    chosen = policy if policy is not None else _default_policy()
    return _decider(chosen).decide(chosen.facts.validate(facts))


def validate_facts(raw: Mapping[str, object], policy: Policy | None = None) -> dict[str, FactValue]:
    """Return clean facts: ``"7"`` becomes ``7``, ``" Yes "`` becomes ``"yes"``.

    ``None`` means not asked yet and becomes ``"unknown"``.

    Args:
        raw: the facts as given.
        policy: the policy whose facts apply; the packaged one when ``None``.

    Returns:
        The clean facts, in the contract's order.

    Raises:
        UnknownFactError: a fact name is not known ("did you mean ...").
        BadValueError: a value is not allowed; MissingFactError when
            ``reporter_role`` or ``condition`` is absent.
    """
    return (policy or _default_policy()).facts.validate(raw)


def validate_fact(name: str, value: object, policy: Policy | None = None) -> FactValue:
    """Return the clean value of one answer (used to check one answer in the conversation).

    Args:
        name: the fact's name.
        value: the answer as given (``"85"``, ``85.0``, ``"Not applicable"``).
        policy: the policy whose facts apply; the packaged one when ``None``.

    Returns:
        The clean value.

    Raises:
        UnknownFactError: the fact name is not known.
        BadValueError: the value is not allowed; the error's ``allowed`` says what is.
    """
    return (policy or _default_policy()).facts.validate_one(name, value)


def fact_specs(policy: Policy | None = None) -> Mapping[str, FactSpec]:
    """What each fact may take, in the contract's order.

    Args:
        policy: the policy whose facts apply; the packaged one when ``None``.

    Returns:
        A read-only mapping of fact name to FactSpec.
    """
    return _ReadOnly((policy or _default_policy()).facts.specs)


def load_locality(name: str | None = None) -> Locality:
    """Load the local labels, agency names and front door.

    Args:
        name: the locality (a file in ``bot/locality/``); when ``None``, the
            environment variable SAFEGUARDING_LOCALITY, else ``"england"``.

    Returns:
        The locality.

    Raises:
        LocalityError: no locality has that name (the message lists those available).
    """
    return read_locality(name, _default_policy().levels)


class _ReadOnly(Mapping[str, FactSpec]):
    def __init__(self, data: Mapping[str, FactSpec]) -> None:
        self._data = data

    def __getitem__(self, key: str) -> FactSpec:
        return self._data[key]

    def __iter__(self) -> Any:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)
