"""Loading the rules as data, with every check a reviewer needs at load time.

A policy is three files in one folder: the rule file (``rules-v2.yml``), the
vocabulary (levels, agency ids, facts: ``facts.yml``, or the file the rule file
names with ``facts: facts-v2.yml``) and the sources (``sources.yml``). When the
rule file's folder has no such vocabulary or sources file the packaged ones are
used, so a reviewer can try a changed rule file on its own.

Each version is its own rule file, ``rules-v<version>.yml``; earlier versions stay
so that an earlier decision can be reproduced.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.engine.conditions import (
    PSEUDO_FACTS,
    ConditionError,
    Indicator,
    Node,
    Scope,
    compile_condition,
)
from bot.engine.errors import PolicyError, PolicyFileError
from bot.engine.facts import FactBook, FactSpec, FactValue
from bot.engine.yaml_io import read_yaml

POLICY_DIR = Path(__file__).resolve().parent.parent / "policy"
VERSION_ENV = "POLICY_VERSION"
TIMINGS = ("now", "today", "within 2 working days", "routine")


@dataclass(frozen=True)
class Source:
    """A finding or guidance document a rule rests on."""

    id: str
    citation: str
    summary: str
    seed: str = ""


@dataclass(frozen=True)
class Rule:
    """One threshold rule: when its condition holds, the level is at least ``level``."""

    id: str
    title: str
    explanation: str
    condition: str
    level: str
    rank: int
    sources: tuple[str, ...]
    node: Node
    unless: tuple[str, ...] = ()
    unless_nodes: tuple[Node, ...] = ()


@dataclass(frozen=True)
class Agency:
    """An agency to involve, when its condition holds, with a timing and a reason."""

    id: str
    condition: str
    node: Node
    timings: tuple[tuple[str, Node], ...]
    why: str


@dataclass(frozen=True)
class AlwaysGap:
    """A fact the review always asks to find out unless it has a closing value."""

    fact: str
    closed_by: frozenset[str]
    ask: str
    sources: tuple[str, ...]
    when: Node | None = None

    def is_open(self, value: Any, facts: Mapping[str, Any]) -> bool:
        """Whether the gap is open: its ``when`` holds and the value does not close it.

        With no ``closed_by`` values any known value closes it.
        """
        if self.when is not None and not self.when.test(facts):
            return False
        if self.closed_by:
            return value not in self.closed_by
        return value == "unknown"


@dataclass(frozen=True)
class MuchUnknown:
    """The first next step when the range reaches ``from_level`` or above the level."""

    from_rank: int
    step: str
    level_words: Mapping[str, str]


@dataclass(frozen=True, eq=False)
class Policy:
    """A loaded, checked rule set. Build it with ``load_policy``.

    Attributes:
        version: the rule set's version ("1"), given as ``policy_version``.
        levels: level ids from lowest to highest.
        agency_ids: every agency id the rules may name.
        facts: the facts and their validation.
        sources: findings and guidance by id.
        indicator_kinds: the kinds ``count(...)`` can count.
        indicators: derived conditions by id, in file order.
        rules: the rules, in file order.
        agencies: the agencies, in file order.
        always_gaps: the gaps the review asks for whatever the level.
        next_steps: the steps by level and reporter_role.
        next_steps_if_gaps: the step added when there are gaps.
        files: the rule, facts and sources files this was loaded from.
        concern_leaves_out: the rules the concern level does not count (the
            emergency rules): the concern level is the highest level of the others.
        next_steps_by_rule: steps by reporter_role that come first when the rule
            fires; the concern level's steps follow instead of the level's.
        much_unknown: the first step when much is unknown (None: no such step).
    """

    version: str
    levels: tuple[str, ...]
    agency_ids: tuple[str, ...]
    facts: FactBook
    sources: Mapping[str, Source]
    indicator_kinds: tuple[str, ...]
    indicators: Mapping[str, Indicator]
    rules: tuple[Rule, ...]
    agencies: tuple[Agency, ...]
    always_gaps: tuple[AlwaysGap, ...]
    next_steps: Mapping[str, Mapping[str, tuple[str, ...]]]
    next_steps_if_gaps: str
    files: tuple[Path, ...]
    concern_leaves_out: tuple[str, ...] = ()
    next_steps_by_rule: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    much_unknown: MuchUnknown | None = None

    def rank(self, level: str) -> int:
        """The rank of a level id (0 for the lowest)."""
        return self.levels.index(level)


def policy_versions(folder: Path = POLICY_DIR) -> tuple[str, ...]:
    """The versions of the rule files in a folder (``rules-v<version>.yml``), oldest first."""
    if folder == POLICY_DIR:
        return _packaged_versions()
    return _versions_in(folder)


@functools.lru_cache(maxsize=1)
def _packaged_versions() -> tuple[str, ...]:
    return _versions_in(POLICY_DIR)


def _versions_in(folder: Path) -> tuple[str, ...]:
    found = [p.stem.removeprefix("rules-v") for p in folder.glob("rules-v*.yml")]
    return tuple(sorted(found, key=lambda v: (len(v), v)))


def newest_version() -> str:
    """The newest packaged policy version (the default)."""
    return policy_versions()[-1]


def rules_file(version: object) -> Path:
    """The packaged rule file of a version.

    Raises:
        PolicyError: there is no such version (the message lists those there are).
    """
    text = str(version).strip().removeprefix("v")
    if text not in policy_versions():
        raise PolicyError(
            f"no policy version {str(version).strip()!r}; use one of {', '.join(policy_versions())}"
        )
    return POLICY_DIR / f"rules-v{text}.yml"


def configured_version() -> str:
    """The version the assistant uses: the POLICY_VERSION setting, else the newest."""
    return os.environ.get(VERSION_ENV, "").strip() or newest_version()


def load_policy_files(path: str | Path | None = None) -> Policy:
    """Load and check a policy.

    Args:
        path: the rule file, or a folder holding one rule file (the newest
            ``rules-v*.yml`` in it); the newest packaged policy when ``None``.

    Returns:
        The checked policy.

    Raises:
        PolicyFileError: a file is missing, unreadable or names something unknown.
    """
    rules_path = Path(path) if path is not None else rules_file(newest_version())
    if rules_path.is_dir():
        versions = policy_versions(rules_path)
        name = f"rules-v{versions[-1]}.yml" if versions else "rules-v1.yml"
        rules_path = rules_path / name
    document = _mapping(_read(rules_path), rules_path, "file", "the file")
    facts_path = _sibling(rules_path, _file_name(document, "facts", rules_path))
    sources_path = _sibling(rules_path, _file_name(document, "sources", rules_path))
    levels, agency_ids, book = _load_vocabulary(facts_path)
    sources = _load_sources(sources_path)
    return _PolicyReader(rules_path, levels, agency_ids, book, sources).read(
        document, (rules_path, facts_path, sources_path)
    )


def _file_name(document: Mapping[str, Any], key: str, rules_path: Path) -> str:
    name = document.get(key, f"{key}.yml")
    if not isinstance(name, str) or "/" in name or not name.endswith(".yml"):
        raise PolicyFileError(
            str(rules_path), key, f"{key} must name a .yml file in the policy folder"
        )
    return name


def _sibling(rules_path: Path, name: str) -> Path:
    candidate = rules_path.parent / name
    return candidate if candidate.exists() else POLICY_DIR / name


def _read(path: Path) -> Any:
    try:
        return read_yaml(path)
    except OSError as error:
        raise PolicyFileError(
            str(path), "file", f"cannot read it ({error.strerror})", "check the path"
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "file"
        problem = str(getattr(error, "problem", None) or "not valid YAML")
        raise PolicyFileError(
            str(path), where, f"not valid YAML ({problem})", "check indentation and quotes"
        ) from None


def _mapping(value: Any, file: Path, where: str, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise PolicyFileError(str(file), where, f"{what} must be a mapping (key: value)")
    return value


def _sequence(value: Any, file: Path, where: str, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise PolicyFileError(str(file), where, f"{what} must be a list (- item)")
    return value


def _section(
    document: Mapping[str, Any], key: str, file: Path, optional: bool = False
) -> list[Any]:
    if optional and document.get(key) is None:
        return []
    return _sequence(document.get(key), file, key, key)


def _text(entry: Mapping[str, Any], key: str, file: Path, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise PolicyFileError(str(file), where, f"'{key}' is missing or empty", f"add {key}: ...")
    return " ".join(value.split())


def _load_vocabulary(path: Path) -> tuple[tuple[str, ...], tuple[str, ...], FactBook]:
    document = _mapping(_read(path), path, "file", "the file")
    levels = tuple(str(level) for level in _section(document, "levels", path))
    agency_ids = tuple(str(agency) for agency in _section(document, "agency_ids", path))
    facts = _mapping(document.get("facts"), path, "facts", "facts")
    specs = {str(name): _fact_spec(str(name), entry, path) for name, entry in facts.items()}
    for name in specs:
        if name in PSEUDO_FACTS or not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            raise PolicyFileError(
                str(path),
                name,
                "a fact name must be lower_case_with_underscores and not "
                + ", ".join(PSEUDO_FACTS),
                "rename the fact",
            )
        for other, value in specs[name].optional_when:
            if other not in specs or value not in specs[other].values:
                raise PolicyFileError(
                    str(path), name, f"optional_when names {other}: {value}, which is not known"
                )
    return levels, agency_ids, FactBook(specs)


def _fact_spec(name: str, raw: Any, path: Path) -> FactSpec:
    entry = _mapping(raw, path, name, "a fact")
    kind = entry.get("kind")
    if kind not in ("enum", "integer", "number"):
        raise PolicyFileError(
            str(path), name, f"kind {kind!r} is not known", "use enum, integer or number"
        )
    required = bool(entry.get("required", False))
    values = tuple(str(v) for v in entry.get("values", []) or [])
    tokens = tuple(str(v) for v in entry.get("tokens", []) or [])
    tiers = tuple(
        tuple(str(v) for v in (tier if isinstance(tier, list) else [tier]))
        for tier in entry.get("concern_order", []) or []
    )
    more = entry.get("more_concerning")
    optional_when = _mapping(entry.get("optional_when") or {}, path, name, "optional_when")
    token_ranks = _mapping(entry.get("token_ranks") or {}, path, name, "token_ranks")
    if optional_when and not required:
        raise PolicyFileError(
            str(path), name, "optional_when is only for required facts", "add required: true"
        )
    if kind == "enum":
        if not values:
            raise PolicyFileError(str(path), name, "an enum needs values", "add values: [...]")
        ordered = [v for tier in tiers for v in tier]
        if not required and sorted(ordered) != sorted(values):
            raise PolicyFileError(
                str(path),
                name,
                "concern_order must list every value exactly once",
                "list " + ", ".join(values) + " from least to most concerning",
            )
    elif more not in ("higher", "lower"):
        raise PolicyFileError(
            str(path), name, "a number needs more_concerning", "use higher or lower"
        )
    spec = FactSpec(
        name=name,
        kind=kind,
        meaning=" ".join(str(entry.get("meaning", "")).split()),
        ask=" ".join(str(entry.get("ask", "")).split()),
        label=" ".join(str(entry.get("label", "")).split()),
        values=values,
        minimum=entry.get("minimum"),
        maximum=entry.get("maximum"),
        unit=str(entry.get("unit", "")),
        tokens=tokens,
        unknown_allowed=not required,
        required=required,
        concern_order=tiers,
        more_concerning=more,
        optional_when=tuple((str(k), str(v)) for k, v in optional_when.items()),
        token_ranks=tuple((str(k), float(v)) for k, v in token_ranks.items()),
    )
    concerning = entry.get("most_concerning")
    if concerning is None:
        if not required:
            raise PolicyFileError(
                str(path), name, "most_concerning is missing", "add the most concerning value"
            )
        return spec
    try:
        clean: FactValue = spec.validate(concerning)
    except Exception:
        raise PolicyFileError(
            str(path), name, f"most_concerning {concerning!r} is not allowed", spec.allowed
        ) from None
    return FactSpec(**{**_fields(spec), "most_concerning": clean})


def _fields(spec: FactSpec) -> dict[str, Any]:
    return {key: getattr(spec, key) for key in spec.__dataclass_fields__ if not key.startswith("_")}


def _load_sources(path: Path) -> dict[str, Source]:
    document = _mapping(_read(path), path, "file", "the file")
    sources = {}
    for source_id, raw in document.items():
        entry = _mapping(raw, path, str(source_id), "a source")
        sources[str(source_id)] = Source(
            id=str(source_id),
            citation=_text(entry, "citation", path, str(source_id)),
            summary=_text(entry, "summary", path, str(source_id)),
            seed=str(entry.get("seed", "")),
        )
    return sources


class _PolicyReader:
    def __init__(
        self,
        path: Path,
        levels: tuple[str, ...],
        agency_ids: tuple[str, ...],
        book: FactBook,
        sources: Mapping[str, Source],
    ) -> None:
        self.path = path
        self.file = str(path)
        self.levels = levels
        self.agency_ids = agency_ids
        self.book = book
        self.sources = sources
        self.indicators: dict[str, Indicator] = {}
        self.kinds: tuple[str, ...] = ()

    def read(self, document: Mapping[str, Any], files: tuple[Path, ...]) -> Policy:
        version = document.get("version")
        if version is None:
            raise PolicyFileError(
                self.file, "version", "the version is missing", 'add version: "1"'
            )
        self.kinds = tuple(str(kind) for kind in _section(document, "indicator_kinds", self.path))
        for raw in _section(document, "indicators", self.path):
            indicator = self._indicator(raw)
            self.indicators[indicator.id] = indicator
        rules = self._rules(_section(document, "rules", self.path))
        self.rule_ids = tuple(rule.id for rule in rules)
        leaves_out = self._rule_ids(document.get("concern_level_leaves_out"), rules)
        self._check_unless(rules, leaves_out)
        agencies = self._agencies(_section(document, "agencies", self.path))
        gaps = self._always_gaps(_section(document, "always_gaps", self.path, optional=True))
        raw_steps = _mapping(document.get("next_steps"), self.path, "next_steps", "next_steps")
        steps, if_gaps = self._next_steps(raw_steps)
        by_rule = self._steps_by_rule(raw_steps.get("when_rule_fires"), rules)
        much_unknown = self._much_unknown(raw_steps.get("if_much_unknown"))
        return Policy(
            version=str(version),
            levels=self.levels,
            agency_ids=self.agency_ids,
            facts=self.book,
            sources=dict(self.sources),
            indicator_kinds=self.kinds,
            indicators=dict(self.indicators),
            rules=rules,
            agencies=agencies,
            always_gaps=gaps,
            next_steps=steps,
            next_steps_if_gaps=if_gaps,
            files=files,
            concern_leaves_out=leaves_out,
            next_steps_by_rule=by_rule,
            much_unknown=much_unknown,
        )

    def _rule_ids(self, raw: Any, rules: Sequence[Rule]) -> tuple[str, ...]:
        names = [str(name) for name in _sequence(raw or [], self.path, "rules", "rule ids")]
        known = {rule.id: rule for rule in rules}
        for name in names:
            if name not in known:
                raise PolicyFileError(self.file, name, "no rule has this id", _suggest(name, known))
        return tuple(names)

    def _check_unless(self, rules: Sequence[Rule], leaves_out: Sequence[str]) -> None:
        by_id = {rule.id: rule for rule in rules}
        for rule in rules:
            for other_id in rule.unless:
                other = by_id.get(other_id)
                if other is None:
                    raise PolicyFileError(
                        self.file,
                        rule.id,
                        f"unless names {other_id!r}, which is not a rule",
                        _suggest(other_id, by_id),
                    )
                if other.rank < rule.rank or other.unless:
                    raise PolicyFileError(
                        self.file,
                        rule.id,
                        f"unless {other_id}: a rule can only give way to a rule of the same "
                        "or a higher level that gives way to none",
                        "so that leaving it out never lowers the level",
                    )
                if rule.id not in leaves_out and other_id in leaves_out:
                    raise PolicyFileError(
                        self.file,
                        rule.id,
                        f"unless {other_id}: the concern level counts this rule but not {other_id}",
                        "so that leaving it out never lowers the concern level",
                    )

    def _scope(self, allow_level: bool = False) -> Scope:
        rules = getattr(self, "rule_ids", ())
        return Scope(self.book.specs, self.indicators, self.kinds, self.levels, allow_level, rules)

    def _compile(self, text: Any, where: str, allow_level: bool = False) -> Node:
        try:
            return compile_condition(text, self._scope(allow_level))
        except ConditionError as error:
            raise PolicyFileError(self.file, where, error.problem, error.suggestion) from None

    def _id(self, raw: Any, section: str, seen: Mapping[str, object] | set[str]) -> str:
        entry = _mapping(raw, self.path, section, f"each entry of {section}")
        entry_id = entry.get("id") if entry.get("id") is not None else entry.get("fact")
        if not isinstance(entry_id, str) or not entry_id:
            raise PolicyFileError(self.file, section, "an entry has no id", "add id: ...")
        if entry_id in seen:
            raise PolicyFileError(
                self.file, entry_id, f"duplicate id in {section}", "give each entry its own id"
            )
        return entry_id

    def _sources(self, entry: Mapping[str, Any], where: str) -> tuple[str, ...]:
        cited = _sequence(entry.get("sources", []) or [], self.path, where, "sources")
        for source in cited:
            if str(source) not in self.sources:
                raise PolicyFileError(
                    self.file,
                    where,
                    f"source {source!r} is not in sources.yml",
                    _suggest(str(source), self.sources),
                )
        return tuple(str(s) for s in cited)

    def _indicator(self, raw: Any) -> Indicator:
        indicator_id = self._id(raw, "indicators", self.indicators)
        kind = raw.get("kind")
        if kind not in self.kinds:
            raise PolicyFileError(
                self.file,
                indicator_id,
                f"indicator kind {kind!r} is not known",
                "use one of " + ", ".join(self.kinds),
            )
        return Indicator(
            id=indicator_id,
            kind=str(kind),
            node=self._compile(raw.get("condition"), indicator_id),
            sources=self._sources(raw, indicator_id),
            title=str(raw.get("title", "")),
        )

    def _level(self, value: Any, where: str) -> str:
        if value not in self.levels:
            raise PolicyFileError(
                self.file,
                where,
                f"level {value!r} is not known",
                _suggest(str(value), dict.fromkeys(self.levels)),
            )
        return str(value)

    def _rules(self, raws: Sequence[Any]) -> tuple[Rule, ...]:
        rules: dict[str, Rule] = {}
        for raw in raws:
            rule_id = self._id(raw, "rules", rules)
            level = self._level(raw.get("level"), rule_id)
            rules[rule_id] = Rule(
                id=rule_id,
                title=_text(raw, "title", self.path, rule_id),
                explanation=_text(raw, "explanation", self.path, rule_id),
                condition=str(raw.get("condition")),
                level=level,
                rank=self.levels.index(level),
                sources=self._sources(raw, rule_id),
                node=self._compile(raw.get("condition"), rule_id),
                unless=tuple(
                    str(u) for u in _sequence(raw.get("unless") or [], self.path, rule_id, "unless")
                ),
            )
        by_id = dict(rules)
        return tuple(
            Rule(**{**rule.__dict__, "unless_nodes": tuple(by_id[u].node for u in rule.unless)})
            if rule.unless and all(u in by_id for u in rule.unless)
            else rule
            for rule in rules.values()
        )

    def _agencies(self, raws: Sequence[Any]) -> tuple[Agency, ...]:
        agencies: dict[str, Agency] = {}
        for raw in raws:
            agency_id = self._id(raw, "agencies", agencies)
            if agency_id not in self.agency_ids:
                raise PolicyFileError(
                    self.file,
                    agency_id,
                    "agency id is not in facts.yml agency_ids",
                    _suggest(agency_id, dict.fromkeys(self.agency_ids)),
                )
            timings = []
            for option in _sequence(raw.get("when"), self.path, agency_id, "when"):
                if not isinstance(option, dict) or len(option) != 1:
                    raise PolicyFileError(
                        self.file, agency_id, "each 'when' entry is one 'timing: condition'"
                    )
                ((timing, condition),) = option.items()
                if timing not in TIMINGS:
                    raise PolicyFileError(
                        self.file,
                        agency_id,
                        f"timing {timing!r} is not known",
                        "use one of " + ", ".join(TIMINGS),
                    )
                timings.append((str(timing), self._compile(condition, agency_id, True)))
            agencies[agency_id] = Agency(
                id=agency_id,
                condition=str(raw.get("condition")),
                node=self._compile(raw.get("condition"), agency_id, True),
                timings=tuple(timings),
                why=_text(raw, "why", self.path, agency_id),
            )
        return tuple(agencies.values())

    def _always_gaps(self, raws: Sequence[Any]) -> tuple[AlwaysGap, ...]:
        gaps: dict[str, AlwaysGap] = {}
        for raw in raws:
            fact = self._id(raw, "always_gaps", gaps)
            try:
                spec = self.book.spec(fact)
            except Exception as error:
                raise PolicyFileError(self.file, "always_gaps", str(error)) from None
            closed_by = frozenset(str(v) for v in raw.get("closed_by", []) or [])
            for value in closed_by:
                if value not in spec.values and value not in spec.tokens:
                    raise PolicyFileError(
                        self.file, fact, f"{value!r} is not a value of {fact}", spec.allowed
                    )
            when = raw.get("when")
            gaps[fact] = AlwaysGap(
                fact=fact,
                closed_by=closed_by,
                ask=_text(raw, "ask", self.path, fact),
                sources=self._sources(raw, fact),
                when=None if when is None else self._compile(when, fact),
            )
        return tuple(gaps.values())

    def _next_steps(
        self, raw: Mapping[str, Any]
    ) -> tuple[dict[str, dict[str, tuple[str, ...]]], str]:
        roles = self.book.spec("reporter_role").values
        steps: dict[str, dict[str, tuple[str, ...]]] = {}
        for level in self.levels:
            where = f"next_steps.{level}"
            by_level = _mapping(raw.get(level), self.path, where, where)
            for key in by_level:
                if key not in ("first", "then") and key not in roles:
                    raise PolicyFileError(
                        self.file,
                        where,
                        f"{key!r} is not a reporter_role",
                        "use first, then, or one of " + ", ".join(roles),
                    )
            first = self._steps(by_level.get("first"), where)
            then = self._steps(by_level.get("then"), where)
            steps[level] = {
                role: first + self._steps(by_level.get(role), f"{where}.{role}") + then
                for role in roles
            }
            for role, listed in steps[level].items():
                if not listed:
                    raise PolicyFileError(
                        self.file, where, f"no steps for {role}", "add at least one step"
                    )
        for key in raw:
            if key not in self.levels and key not in _STEP_EXTRAS:
                raise PolicyFileError(
                    self.file,
                    "next_steps",
                    f"level {key!r} is not known",
                    _suggest(str(key), dict.fromkeys(self.levels)),
                )
        return steps, " ".join(str(raw.get("if_gaps", "")).split())

    def _steps_by_rule(
        self, raw: Any, rules: Sequence[Rule]
    ) -> dict[str, dict[str, tuple[str, ...]]]:
        known = {rule.id for rule in rules}
        roles = self.book.spec("reporter_role").values
        steps: dict[str, dict[str, tuple[str, ...]]] = {}
        for rule_id, by_role in _mapping(raw or {}, self.path, "when_rule_fires", "it").items():
            where = f"next_steps.when_rule_fires.{rule_id}"
            if rule_id not in known:
                raise PolicyFileError(self.file, where, "no rule has this id")
            entry = _mapping(by_role, self.path, where, where)
            first = self._steps(entry.get("first"), where)
            then = self._steps(entry.get("then"), where)
            steps[str(rule_id)] = {
                role: first + self._steps(entry.get(role), f"{where}.{role}") + then
                for role in roles
            }
        return steps

    def _much_unknown(self, raw: Any) -> MuchUnknown | None:
        if raw is None:
            return None
        where = "next_steps.if_much_unknown"
        entry = _mapping(raw, self.path, where, where)
        step = _text(entry, "step", self.path, where)
        if "{unknowns}" not in step:
            raise PolicyFileError(self.file, where, "the step must name {unknowns}")
        words = {str(k): str(v) for k, v in (entry.get("level_words") or {}).items()}
        for level in words:
            self._level(level, where)
        return MuchUnknown(
            from_rank=self.levels.index(self._level(entry.get("from_level"), where)),
            step=step,
            level_words={level: words.get(level, level) for level in self.levels},
        )

    def _steps(self, raw: Any, where: str) -> tuple[str, ...]:
        if raw is None:
            return ()
        return tuple(
            " ".join(str(step).split()) for step in _sequence(raw, self.path, where, "steps")
        )


_STEP_EXTRAS = ("if_gaps", "if_much_unknown", "when_rule_fires")


def _suggest(name: str, known: Mapping[str, object]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    return "use one of " + ", ".join(known)
