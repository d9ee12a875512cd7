"""Facts: what each fact may take, and turning raw answers into clean values."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from bot.engine.errors import BadValueError, MissingFactError, UnknownFactError

UNKNOWN = "unknown"
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")

FactKind = Literal["enum", "integer", "number"]
FactValue = str | int | float


@dataclass(frozen=True)
class FactSpec:
    """What one fact may take.

    Attributes:
        name: the fact's name, as in the contract.
        kind: ``"enum"``, ``"integer"`` or ``"number"``.
        meaning: what the fact means, in one line.
        label: a few plain words naming the fact ("the reliever count").
        ask: what to find out, and from whom, when the fact is unknown.
        values: the allowed words of an enum.
        minimum: the smallest allowed number.
        maximum: the largest allowed number.
        unit: what a number counts ("years"), used in messages.
        tokens: extra allowed words for a number (``"not_applicable"``).
        unknown_allowed: whether ``"unknown"`` is allowed (false for required facts).
        required: whether the fact must be given.
        most_concerning: the value an unknown takes for the range and the gaps.
        concern_order: enum values from least to most concerning, in tiers of
            equally concerning values.
        more_concerning: for numbers, ``"higher"`` or ``"lower"``.
        optional_when: for a required fact, the facts (name, value) under which it
            may be left out (then it is treated as unknown), e.g. when
            ``immediate_danger`` is ``yes`` the questions may stop before it is asked.
        token_ranks: for numbers, the number each token counts as when ordering
            values by concern (a token not listed is less concerning than any number).
    """

    name: str
    kind: FactKind
    meaning: str = ""
    ask: str = ""
    label: str = ""
    values: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    unit: str = ""
    tokens: tuple[str, ...] = ()
    unknown_allowed: bool = True
    required: bool = False
    most_concerning: FactValue | None = None
    concern_order: tuple[tuple[str, ...], ...] = ()
    more_concerning: Literal["higher", "lower"] | None = None
    optional_when: tuple[tuple[str, str], ...] = ()
    token_ranks: tuple[tuple[str, float], ...] = ()
    _words: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    def __post_init__(self) -> None:
        words = set(self.values) | set(self.tokens)
        if self.unknown_allowed:
            words.add(UNKNOWN)
        object.__setattr__(self, "_words", frozenset(words))

    @property
    def allowed(self) -> str:
        """What the fact may take, as one line of advice ("give ...")."""
        extras = [f'"{token}"' for token in self.tokens]
        if self.unknown_allowed:
            extras.append(f'"{UNKNOWN}"')
        if self.kind == "enum":
            return "give one of " + _or_list([f'"{value}"' for value in self.values] + extras)
        noun = "a whole number" if self.kind == "integer" else "a number"
        if self.kind == "integer" and self.unit:
            noun += f" of {self.unit}"
        span = f"{noun} from {_number(self.minimum)} to {_number(self.maximum)}"
        return "give " + _or_list([span, *extras])

    def validate(self, value: object) -> FactValue:
        """Return the clean value of one answer, or raise.

        Args:
            value: the answer as given (``"7"``, ``7``, ``" Yes "``, ``"85%"``).

        Returns:
            The clean value: an enum word, an ``int``, a number, a token or ``"unknown"``.

        Raises:
            MissingFactError: a required fact is ``None``.
            BadValueError: the value is not allowed for this fact.
        """
        if type(value) is str and value in self._words:
            return value
        if type(value) is int and self.kind == "integer" and self._in_range(value):
            return value
        if value is None:
            if self.required:
                raise MissingFactError(self.name, self.allowed)
            return UNKNOWN
        if isinstance(value, str):
            word = _word(value)
            if word in self._words:
                return word
            if self.kind == "enum":
                raise BadValueError(self.name, value, self.allowed)
            number = _parse_number(value.strip().removesuffix("%").strip())
            if number is None:
                raise BadValueError(self.name, value, self.allowed)
            return self._check_number(number, value)
        if isinstance(value, bool) or not isinstance(value, int | float) or self.kind == "enum":
            raise BadValueError(self.name, value, self.allowed)
        return self._check_number(value, value)

    def concern_rank(self, value: FactValue) -> float:
        """How concerning a known value is, for ordering (higher is more concerning).

        Args:
            value: a clean value of this fact (not ``"unknown"``).

        Returns:
            A number that orders values from least to most concerning; equally
            concerning values get the same number.
        """
        if self.kind == "enum":
            for rank, tier in enumerate(self.concern_order):
                if value in tier:
                    return float(rank)
            return 0.0
        if isinstance(value, str):
            number = dict(self.token_ranks).get(value)
            if number is None:
                return -math.inf
            value = number
        return float(value) if self.more_concerning == "higher" else -float(value)

    def _in_range(self, number: float) -> bool:
        return (self.minimum is None or number >= self.minimum) and (
            self.maximum is None or number <= self.maximum
        )

    def _check_number(self, number: float, given: object) -> FactValue:
        if not self._in_range(number) or not math.isfinite(number):
            raise BadValueError(self.name, given, self.allowed)
        if number == int(number):
            return int(number)
        if self.kind == "integer":
            raise BadValueError(self.name, given, self.allowed)
        return number


class FactBook:
    """The facts of a policy, and validation of raw answers against them."""

    def __init__(self, specs: Mapping[str, FactSpec]) -> None:
        self.specs: dict[str, FactSpec] = dict(specs)
        self.names: tuple[str, ...] = tuple(specs)
        self.required: tuple[str, ...] = tuple(n for n, s in specs.items() if s.required)

    def spec(self, name: object) -> FactSpec:
        """Return the spec of a fact, or raise UnknownFactError with a close name."""
        if isinstance(name, str) and name in self.specs:
            return self.specs[name]
        given = str(name)
        close = difflib.get_close_matches(given.strip().lower(), self.names, n=1, cutoff=0.6)
        raise UnknownFactError(given, list(self.names), close[0] if close else None)

    def validate_one(self, name: str, value: object) -> FactValue:
        """Return the clean value of one fact, or raise a FactError."""
        return self.spec(name).validate(value)

    def validate(self, raw: Mapping[str, object]) -> dict[str, FactValue]:
        """Return the clean facts, in the policy's order, or raise a FactError.

        Unknown names and bad values raise; a required fact that is absent raises.
        """
        if not isinstance(raw, Mapping):
            raise BadValueError("facts", raw, "give a JSON object of facts")
        clean: dict[str, FactValue] = {}
        left_out: dict[str, object] = {}
        for name, value in raw.items():
            spec = self.spec(name)
            if spec.optional_when and (value is None or value == UNKNOWN):
                left_out[spec.name] = value
                continue
            clean[spec.name] = spec.validate(value)
        for name in self.required:
            if name in clean:
                continue
            spec = self.specs[name]
            if spec.optional_when and all(clean.get(f) == v for f, v in spec.optional_when):
                continue
            if left_out.get(name) == UNKNOWN:
                raise BadValueError(name, UNKNOWN, self._allowed_when_required(spec))
            raise MissingFactError(name, self._allowed_when_required(spec))
        return {name: clean[name] for name in self.names if name in clean}

    @staticmethod
    def _allowed_when_required(spec: FactSpec) -> str:
        if not spec.optional_when:
            return spec.allowed
        return f"{spec.allowed} (it may be left out only when {_unless(spec)})"


def _unless(spec: FactSpec) -> str:
    return " and ".join(f"{name} is {value}" for name, value in spec.optional_when)


def _word(text: str) -> str:
    return "_".join(text.strip().lower().replace("-", " ").split())


def _parse_number(text: str) -> float | None:
    return float(text) if _NUMBER.fullmatch(text) else None


def _number(value: float | None) -> str:
    if value is None:
        return "?"
    return str(int(value)) if value == int(value) else str(value)


def _or_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + ", or " + items[-1]
