"""The condition language of the rule files, compiled to Python closures.

A condition is one line a safeguarding lead can read and edit::

    unplanned_admissions_12m >= 2
    condition == 'asthma' and reliever_prescriptions_12m > 12
    management_plan in ['none', 'out_of_date']
    H-ADMIT and (H-ADHERENCE or H-WNB)
    count(serious) >= 3
    count(serious, minor) >= 1
    always

Agency conditions (which never set a level) may also use:

    level >= 'significant'          the decided level
    concern_level >= 'complex'      the concern level: the highest level among the
                                    fired rules other than the emergency rules the
                                    policy names (version 2: IMMEDIATE and
                                    MEDICAL-EMERGENCY), so what the facts say apart
                                    from the emergency
    fired(IMMEDIATE)                a rule fired
    school_attendance_pct is not 'not_applicable'
                                    true when the fact is unknown or any other value

Names in lower case are facts, names in capitals are indicators. There is no
``not``: in rules and indicators a comparison on an unknown or absent fact is
false, so an unknown can never make a rule's condition true, and knowing more
can only raise a level. ``is not`` (which an unknown makes true) is for agency
conditions only, because an agency never raises a level.
"""

from __future__ import annotations

import difflib
import operator
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.engine.facts import UNKNOWN, FactSpec, FactValue

Facts = Mapping[str, Any]
Test = Callable[[Facts], bool]

LEVEL_NAME = "level"
"""The pseudo-fact holding the decided level's rank, in agency conditions."""
CONCERN_NAME = "concern_level"
"""The pseudo-fact holding the concern level's rank, in agency conditions."""
FIRED_NAME = "fired"
"""The pseudo-fact holding the ids of the rules that fired, in agency conditions."""
PSEUDO_FACTS = (LEVEL_NAME, CONCERN_NAME, FIRED_NAME)

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<number>-?\d+(?:\.\d+)?)
      | (?P<string>'[^']*'|"[^"]*")
      | (?P<op>==|!=|>=|<=|>|<)
      | (?P<punct>[()\[\],])
      | (?P<name>[A-Za-z_][A-Za-z0-9_-]*)
    )""",
    re.VERBOSE,
)
_INDICATOR_NAME = re.compile(r"^[A-Z][A-Z0-9-]*$")
_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
}


class ConditionError(Exception):
    """A condition cannot be compiled.

    Attributes:
        problem: what is wrong.
        suggestion: what to change.
    """

    def __init__(self, problem: str, suggestion: str = "") -> None:
        self.problem = problem
        self.suggestion = suggestion
        super().__init__(problem + (f"; {suggestion}" if suggestion else ""))


class Node:
    """A compiled condition: ``test(facts)`` and the facts that made it true."""

    __slots__ = ("test", "text")

    def __init__(self, test: Test, text: str) -> None:
        self.test = test
        self.text = text

    def collect(self, facts: Facts, out: dict[str, Any]) -> None:
        """Add to ``out`` the facts referenced by the true comparisons."""

    def facts(self) -> set[str]:
        """Every fact this condition reads."""
        return set()


class _Compare(Node):
    __slots__ = ("fact",)

    def __init__(self, test: Test, text: str, fact: str) -> None:
        super().__init__(test, text)
        self.fact = fact

    def collect(self, facts: Facts, out: dict[str, Any]) -> None:
        if self.test(facts):
            out[self.fact] = facts[self.fact]

    def facts(self) -> set[str]:
        return {self.fact}


class _Group(Node):
    __slots__ = ("parts", "joiner")

    def __init__(self, test: Test, text: str, parts: Sequence[Node], joiner: str) -> None:
        super().__init__(test, text)
        self.parts = tuple(parts)
        self.joiner = joiner

    def collect(self, facts: Facts, out: dict[str, Any]) -> None:
        for part in self.parts:
            if part.test(facts):
                part.collect(facts, out)

    def facts(self) -> set[str]:
        return set().union(*(part.facts() for part in self.parts))


class _Reference(Node):
    """An indicator used in a condition; reads its value when it was computed already."""

    __slots__ = ("target",)

    def __init__(self, test: Test, text: str, target: Node) -> None:
        super().__init__(test, text)
        self.target = target

    def collect(self, facts: Facts, out: dict[str, Any]) -> None:
        self.target.collect(facts, out)

    def facts(self) -> set[str]:
        return self.target.facts()


@dataclass(frozen=True)
class Indicator:
    """A named, derived condition (``H-ADMIT``) of one kind (``serious``)."""

    id: str
    kind: str
    node: Node
    sources: tuple[str, ...] = ()
    title: str = ""


@dataclass
class Scope:
    """What a condition may refer to while it is compiled."""

    facts: Mapping[str, FactSpec]
    indicators: Mapping[str, Indicator]
    kinds: Sequence[str]
    levels: Sequence[str]
    allow_level: bool = False
    rules: Sequence[str] = ()


def compile_condition(text: object, scope: Scope) -> Node:
    """Compile one condition to a Node.

    Args:
        text: the condition as written in the rule file.
        scope: the facts, indicators, indicator kinds and levels it may use.

    Returns:
        The compiled condition.

    Raises:
        ConditionError: the condition cannot be read, or names something unknown.
    """
    if isinstance(text, bool) and text:
        text = "always"
    if not isinstance(text, str) or not text.strip():
        raise ConditionError("the condition is empty or not text", "write it as one line")
    return _Parser(text, scope).parse()


class _Parser:
    def __init__(self, text: str, scope: Scope) -> None:
        self.text = text
        self.scope = scope
        self.tokens = self._tokenise(text)
        self.position = 0

    @staticmethod
    def _tokenise(text: str) -> list[tuple[str, str]]:
        tokens: list[tuple[str, str]] = []
        index = 0
        while index < len(text):
            if text[index:].strip() == "":
                break
            match = _TOKEN.match(text, index)
            if not match or match.end() == index:
                raise ConditionError(
                    f"cannot read {text[index:].strip()[:20]!r} in {text!r}",
                    "use fact names, numbers, 'quoted words', and/or, ==, >=, in [...]",
                )
            kind = match.lastgroup or ""
            tokens.append((kind, match.group(kind)))
            index = match.end()
        return tokens

    def parse(self) -> Node:
        node = self._or()
        if self.position != len(self.tokens):
            raise ConditionError(
                f"unexpected {self.tokens[self.position][1]!r} in {self.text!r}",
                "join comparisons with 'and' or 'or'",
            )
        return node

    def _peek(self) -> tuple[str, str]:
        return self.tokens[self.position] if self.position < len(self.tokens) else ("end", "")

    def _take(self, expected: str | None = None) -> tuple[str, str]:
        kind, value = self._peek()
        if kind == "end" or (expected is not None and value != expected):
            wanted = f"{expected!r}" if expected else "more"
            found = "the end" if kind == "end" else repr(value)
            raise ConditionError(f"expected {wanted} but found {found} in {self.text!r}")
        self.position += 1
        return kind, value

    def _or(self) -> Node:
        parts = [self._and()]
        while self._peek() == ("name", "or"):
            self._take()
            parts.append(self._and())
        if len(parts) == 1:
            return parts[0]
        tests = tuple(part.test for part in parts)
        return _Group(lambda f: any(t(f) for t in tests), self.text, parts, "or")

    def _and(self) -> Node:
        parts = [self._primary()]
        while self._peek() == ("name", "and"):
            self._take()
            parts.append(self._primary())
        if len(parts) == 1:
            return parts[0]
        if len(parts) == 2:
            first, second = parts[0].test, parts[1].test
            return _Group(lambda f: first(f) and second(f), self.text, parts, "and")
        tests = tuple(part.test for part in parts)
        return _Group(lambda f: all(t(f) for t in tests), self.text, parts, "and")

    def _primary(self) -> Node:
        kind, value = self._take()
        if value == "(":
            node = self._or()
            self._take(")")
            return node
        if kind != "name":
            raise ConditionError(
                f"expected a fact or indicator but found {value!r} in {self.text!r}"
            )
        if value == "always":
            return Node(lambda f: True, "always")
        if value == "not":
            raise ConditionError(
                f"'not' is not allowed in {self.text!r}",
                "say what must hold (for example management_plan in ['none', 'out_of_date'])",
            )
        if value == "count" and self._peek() == ("punct", "("):
            return self._count()
        if value in (LEVEL_NAME, CONCERN_NAME):
            return self._level(value)
        if value == FIRED_NAME and self._peek() == ("punct", "("):
            return self._fired()
        if _INDICATOR_NAME.match(value):
            return self._indicator(value)
        return self._comparison(value)

    def _indicator(self, name: str) -> Node:
        indicator = self.scope.indicators.get(name)
        if indicator is None:
            raise ConditionError(
                f"unknown indicator {name!r}", _did_you_mean(name, self.scope.indicators)
            )
        target = indicator.node.test

        def test(f: Facts) -> bool:
            known = f.get(name)
            return target(f) if known is None else known

        return _Reference(test, name, indicator.node)

    def _count(self) -> Node:
        self._take("(")
        kinds = [self._kind()]
        while self._peek() == ("punct", ","):
            self._take()
            kinds.append(self._kind())
        self._take(")")
        compare = self._operator()
        number = self._number()
        counted = [self._indicator(i.id) for i in self.scope.indicators.values() if i.kind in kinds]
        tests = tuple(node.test for node in counted)
        threshold = number

        def test(f: Facts) -> bool:
            holding = 0
            for indicator_test in tests:
                if indicator_test(f):
                    holding += 1
            return compare(holding, threshold)

        return _Group(test, self.text, counted, "count")

    def _kind(self) -> str:
        _, kind = self._take()
        if kind not in self.scope.kinds:
            raise ConditionError(
                f"unknown indicator kind {kind!r} in count(...)",
                "use one of " + ", ".join(self.scope.kinds),
            )
        return kind

    def _agency_only(self, what: str) -> None:
        if not self.scope.allow_level:
            raise ConditionError(
                f"{what} can only be used in agency conditions",
                "use facts and indicators in rules",
            )

    def _fired(self) -> Node:
        self._agency_only("'fired(...)'")
        self._take("(")
        _, rule = self._take()
        self._take(")")
        if rule not in self.scope.rules:
            known = dict.fromkeys(self.scope.rules)
            raise ConditionError(f"unknown rule {rule!r} in fired(...)", _did_you_mean(rule, known))
        return Node(lambda f: rule in f[FIRED_NAME], self.text)

    def _level(self, name: str) -> Node:
        self._agency_only(f"{name!r}")
        compare = self._operator()
        kind, value = self._take()
        level = value[1:-1] if kind == "string" else value
        if level not in self.scope.levels:
            raise ConditionError(
                f"unknown level {level!r}",
                "use one of " + ", ".join(self.scope.levels),
            )
        rank = self.scope.levels.index(level)
        return Node(lambda f: compare(f[name], rank), self.text)

    def _comparison(self, name: str) -> Node:
        spec = self.scope.facts.get(name)
        if spec is None:
            raise ConditionError(f"unknown fact {name!r}", _did_you_mean(name, self.scope.facts))
        if self._peek() == ("name", "in"):
            self._take()
            values = self._list(spec)
            allowed = frozenset(values)
            return _Compare(lambda f: f[name] in allowed, self.text, name)
        if self._peek() == ("name", "is"):
            return self._is_not(name, spec)
        symbol = self._peek()[1]
        compare = self._operator()
        value = self._literal(spec)
        if isinstance(value, str):
            if symbol not in ("==", "!="):
                raise ConditionError(
                    f"{name} {symbol} {value!r} compares a word by size",
                    "use == or != with words",
                )
            if symbol == "==":
                return _Compare(lambda f: f[name] == value, self.text, name)
            return _Compare(lambda f: f[name] != value and f[name] != UNKNOWN, self.text, name)
        return _Compare(
            lambda f: (v := f[name]).__class__ is not str and compare(v, value), self.text, name
        )

    def _is_not(self, name: str, spec: FactSpec) -> Node:
        self._take("is")
        self._take("not")
        self._agency_only(f"'{name} is not ...'")
        kind, _ = self._peek()
        if kind != "string":
            raise ConditionError(f"'is not' takes a quoted word in {self.text!r}")
        value = self._literal(spec)
        return Node(lambda f: f[name] != value, self.text)

    def _operator(self) -> Callable[[Any, Any], bool]:
        kind, value = self._take()
        if kind != "op":
            raise ConditionError(
                f"expected a comparison (==, !=, >=, <=, >, <) but found {value!r} in {self.text!r}"
            )
        return _COMPARE[value]

    def _number(self) -> float:
        kind, value = self._take()
        if kind != "number":
            raise ConditionError(f"expected a number but found {value!r} in {self.text!r}")
        return float(value)

    def _list(self, spec: FactSpec) -> list[FactValue]:
        self._take("[")
        values = [self._literal(spec)]
        while self._peek() == ("punct", ","):
            self._take()
            values.append(self._literal(spec))
        self._take("]")
        return values

    def _literal(self, spec: FactSpec) -> FactValue:
        kind, raw = self._take()
        if kind == "string":
            word = raw[1:-1]
            if word == UNKNOWN:
                raise ConditionError(
                    f"{spec.name} is compared with 'unknown'",
                    "an unknown fact never makes a condition true; compare with a known value",
                )
            if word in spec.values or word in spec.tokens:
                return word
            raise ConditionError(
                f"{word!r} is not a value of {spec.name}",
                spec.allowed.replace(', or "unknown"', "").replace(' or "unknown"', ""),
            )
        if kind == "number":
            if spec.kind == "enum":
                raise ConditionError(f"{raw} is not a value of {spec.name}", spec.allowed)
            number = float(raw)
            if (
                (spec.minimum is not None and number < spec.minimum)
                or (spec.maximum is not None and number > spec.maximum)
                or (spec.kind == "integer" and number != int(number))
            ):
                raise ConditionError(f"{raw} is not a value of {spec.name}", spec.allowed)
            return int(number) if number == int(number) else number
        if kind == "name":
            raise ConditionError(
                f"{raw!r} after {spec.name} must be quoted", f"write '{raw}' in quotes"
            )
        raise ConditionError(f"expected a value but found {raw!r} in {self.text!r}")


def example_facts(
    node: Node, candidates: Mapping[str, Sequence[Any]], blank: Mapping[str, Any]
) -> dict[str, Any] | None:
    """Find some facts that make a condition true (for examples in the rule table).

    Args:
        node: the compiled condition.
        candidates: values to try for each fact, least concerning first.
        blank: every fact unknown (and ``level`` at its lowest, for agency conditions).

    Returns:
        The facts that make it true, or ``None`` when none of the candidates do.
    """
    if isinstance(node, _Reference):
        return example_facts(node.target, candidates, blank)
    if isinstance(node, _Compare):
        for value in candidates.get(node.fact, ()):
            if node.test({**blank, node.fact: value}):
                return {node.fact: value}
        return None
    if not isinstance(node, _Group):
        return {} if node.test(blank) else None
    if node.joiner == "or":
        for part in node.parts:
            found = example_facts(part, candidates, blank)
            if found is not None:
                return found
        return None
    merged: dict[str, Any] = {}
    clashes: set[str] = set()
    for part in node.parts:
        found = example_facts(part, candidates, blank)
        if found is None:
            if node.joiner == "and":
                return None
            continue
        clashes.update(k for k, v in found.items() if merged.get(k, v) != v)
        merged.update(found)
        if node.joiner == "count" and node.test({**blank, **merged}):
            return merged
    for fact in clashes:
        for value in candidates.get(fact, ()):
            if node.test({**blank, **merged, fact: value}):
                merged[fact] = value
                break
    return merged if node.test({**blank, **merged}) else None


def _did_you_mean(name: str, known: Mapping[str, object]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    return "known names: " + ", ".join(known)
