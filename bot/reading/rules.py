"""Load the reading's data files, checking every key.

A mistyped key fails at load with the file, the rule and the allowed keys,
so a safeguarding lead who extends ``cues.yml`` or ``lexicon.yml`` learns at
once what went wrong::

    ReadingDataError: cues.yml rule 12: unknown key 'scope' (allowed: allowed_types, ...)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
CATEGORIES = (
    "NEGATED_EXISTENCE", "POSSIBLE_EXISTENCE", "HISTORICAL", "HYPOTHETICAL", "FAMILY",
    "TERMINATE", "PSEUDO",
)  # fmt: skip
DIRECTIONS = ("FORWARD", "BACKWARD", "BIDIRECTIONAL")
DEFAULT_SCOPE = 8
_CUE_KEYS = (
    "allowed_types", "category", "crosses_terminate", "crosses_weak", "direction",
    "excluded_types", "literal", "max_scope", "pattern", "stops", "strong",
)  # fmt: skip
_TARGET_KEYS = ("confident", "literal", "negated", "pattern", "value", "when_asked")
_FACT_KEYS = (
    "about_child", "anchors", "concerning", "hedged", "kind", "maximum", "no", "other_person",
    "past", "reassuring", "unknown", "unsure", "yes",
)  # fmt: skip
_DANGER_KEYS = ("kind", "literal", "pattern")
_ASIDE_KEYS = ("literal", "pattern", "whole")


class ReadingDataError(ValueError):
    """A data file of the reading has a mistake (named with its file and rule)."""


def _check_keys(entry: Any, allowed: tuple[str, ...], where: str) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise ReadingDataError(f"{where}: expected a mapping, got {entry!r}")
    for key in entry:
        if key not in allowed:
            raise ReadingDataError(
                f"{where}: unknown key {key!r} (allowed: {', '.join(sorted(allowed))})"
            )
    if ("literal" in entry) == ("pattern" in entry) and "literal" in allowed:
        raise ReadingDataError(f"{where}: give exactly one of 'literal' or 'pattern'")
    return entry


def keywords(regex: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which every match of ``regex`` contains, or ``None`` if none can be told.

    Worked out from the parsed pattern, so it is exact: a sentence that holds
    none of them cannot match, and the phrase is skipped (the reading's speed).
    """
    import sre_parse  # noqa: PLC0415 - Python 3.10's own parser of patterns

    try:
        tree = sre_parse.parse(regex.pattern, regex.flags)
    except Exception:  # noqa: BLE001 - an unparsable pattern is simply always tried
        return None
    found = _required(list(tree))  # type: ignore[call-overload]
    return frozenset(found) if found else None


def _required(items: list[Any]) -> set[str] | None:
    import sre_constants as c  # noqa: PLC0415

    best: set[str] | None = None
    run = ""

    def consider(candidate: set[str] | None) -> None:
        nonlocal best
        if candidate and (best is None or len(candidate) < len(best)):
            best = candidate

    for op, arg in items:
        if op is c.LITERAL:
            run += chr(arg)
            continue
        if len(run) >= 3:
            consider({run})
        run = ""
        if op is c.SUBPATTERN:
            consider(_required(list(arg[-1])))
        elif op is c.BRANCH:
            branches = [_required(list(branch)) for branch in arg[1]]
            if all(branches):
                consider(set().union(*[b for b in branches if b]))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[0] >= 1:
            consider(_required(list(arg[2])))
    if len(run) >= 3:
        consider({run})
    return best


def phrase_regex(entry: Mapping[str, Any], where: str) -> re.Pattern[str]:
    """Compile a rule's literal or pattern to match whole words of the joined reading form."""
    if "literal" in entry:
        body = r"\s+".join(re.escape(part) for part in str(entry["literal"]).split())
    else:
        body = str(entry["pattern"])
    try:
        return re.compile(rf"(?<![\w'&%])(?:{body})(?![\w'&%])")
    except re.error as error:
        raise ReadingDataError(f"{where}: bad pattern ({error})") from error


@dataclass(frozen=True)
class ContextRule:
    """A modifier of ConText: words that change how nearby facts were said."""

    regex: re.Pattern[str]
    needs: frozenset[str] | None
    name: str
    categories: frozenset[str]
    direction: str | None
    max_scope: int
    allowed_types: frozenset[str] | None
    excluded_types: frozenset[str]
    crosses_terminate: bool
    stops: frozenset[str]
    strong: bool = False
    crosses_weak: bool = False


@dataclass(frozen=True)
class TargetRule:
    """Words that state a fact's value."""

    regex: re.Pattern[str]
    needs: frozenset[str] | None
    fact: str
    value: Any
    negated: Any
    when_asked: bool
    confident: bool
    order: int


@dataclass(frozen=True)
class FactReading:
    """How one fact is read (facts.yml)."""

    name: str
    kind: str
    concerning: tuple[Any, ...]
    reassuring: tuple[Any, ...]
    yes: Any
    no: Any
    hedged: Any
    unsure: Any
    past: Any
    unknown: bool
    about_child: bool
    anchors: tuple[str, ...]
    maximum: int
    other_person: Any = None


def _load(name: str) -> Any:
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))


def build_cues(entries: list[Any], source: str = "cues.yml") -> tuple[ContextRule, ...]:
    """Build ConText rules from data, checking every key and value."""
    rules = []
    for number, raw in enumerate(entries, 1):
        where = f"{source} rule {number}"
        entry = _check_keys(raw, _CUE_KEYS, where)
        category = entry.get("category")
        categories = frozenset(category if isinstance(category, list) else [category])
        bad = sorted(str(c) for c in categories if c not in CATEGORIES)
        if bad:
            raise ReadingDataError(
                f"{where}: unknown category {bad[0]!r} (allowed: {', '.join(CATEGORIES)})"
            )
        special = categories & {"TERMINATE", "PSEUDO"}
        direction = entry.get("direction")
        if special and direction is not None:
            raise ReadingDataError(f"{where}: a {min(special)} rule takes no direction")
        if not special and direction not in DIRECTIONS:
            raise ReadingDataError(
                f"{where}: direction {direction!r} (allowed: {', '.join(DIRECTIONS)})"
            )
        stops = entry.get("stops", ["FORWARD", "BACKWARD"])
        if any(s not in ("FORWARD", "BACKWARD") for s in stops):
            raise ReadingDataError(f"{where}: stops takes FORWARD and/or BACKWARD")
        allowed = entry.get("allowed_types")
        regex = phrase_regex(entry, where)
        rules.append(
            ContextRule(
                regex=regex,
                needs=keywords(regex),
                name=str(entry.get("literal") or entry.get("pattern")),
                categories=categories,
                direction=direction,
                max_scope=int(entry.get("max_scope", DEFAULT_SCOPE)),
                allowed_types=frozenset(allowed) if allowed is not None else None,
                excluded_types=frozenset(entry.get("excluded_types", [])),
                crosses_terminate=bool(entry.get("crosses_terminate", False)),
                stops=frozenset(stops),
                strong=bool(entry.get("strong", False)),
                crosses_weak=bool(entry.get("crosses_weak", False)),
            )
        )
    return tuple(rules)


@lru_cache(maxsize=1)
def cues() -> tuple[ContextRule, ...]:
    """The modifiers of cues.yml."""
    return build_cues(_load("cues.yml")["rules"])


@lru_cache(maxsize=1)
def fact_readings() -> dict[str, FactReading]:
    """How each fact is read (facts.yml), checked against the contract's facts."""
    from bot import fact_specs

    specs = fact_specs()
    out: dict[str, FactReading] = {}
    for name, raw in _load("facts.yml")["facts"].items():
        entry = _check_keys(raw, _FACT_KEYS, f"facts.yml fact {name}")
        if name not in specs:
            raise ReadingDataError(f"facts.yml: {name!r} is not a fact of the contract")
        concerning = tuple(entry.get("concerning", ()))
        out[name] = FactReading(
            name=name,
            kind=str(entry["kind"]),
            concerning=concerning,
            reassuring=tuple(entry.get("reassuring", ())),
            yes=entry.get("yes"),
            no=entry.get("no"),
            hedged=entry.get("hedged"),
            unsure=entry.get("unsure", concerning[0] if concerning else None),
            past=entry.get("past"),
            unknown=bool(entry.get("unknown", True)),
            about_child=bool(entry.get("about_child", False)),
            anchors=tuple(entry.get("anchors", ())),
            maximum=int(entry.get("maximum", 100)),
            other_person=entry.get("other_person"),
        )
    return out


def build_targets(data: Mapping[str, Any], source: str = "lexicon.yml") -> tuple[TargetRule, ...]:
    """Build target rules from data, checking keys and that each value is the fact's."""
    from bot import FactError, validate_fact

    facts = fact_readings()
    rules = []
    order = 0
    for fact, entries in data.items():
        if fact not in facts:
            raise ReadingDataError(f"{source}: {fact!r} is not a fact (see facts.yml)")
        for number, raw in enumerate(entries, 1):
            where = f"{source} {fact} target {number}"
            entry = _check_keys(raw, _TARGET_KEYS, where)
            for key in ("value", "negated"):
                if key in entry and entry[key] != "skip":
                    try:
                        validate_fact(fact, entry[key])
                    except FactError as error:
                        raise ReadingDataError(f"{where}: {key}: {error}") from error
            order += 1
            regex = phrase_regex(entry, where)
            rules.append(
                TargetRule(
                    regex=regex,
                    needs=keywords(regex),
                    fact=fact,
                    value=entry["value"],
                    negated=entry.get("negated"),
                    when_asked=bool(entry.get("when_asked", False)),
                    confident=bool(entry.get("confident", True)),
                    order=order,
                )
            )
    return tuple(rules)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The raw lexicon (answers and targets)."""
    data: dict[str, Any] = _load("lexicon.yml")
    return data


@lru_cache(maxsize=1)
def targets() -> tuple[TargetRule, ...]:
    """The targets of lexicon.yml."""
    return build_targets(lexicon()["targets"])


@lru_cache(maxsize=1)
def answer_regexes() -> dict[str, re.Pattern[str]]:
    """One regex per kind of plain answer (yes, hedged_yes, no, hedged_no, unknown)."""
    out = {}
    for kind, phrases in lexicon()["answers"].items():
        bodies = sorted({_word(p) for p in phrases}, key=len, reverse=True)
        alternation = "|".join(
            r"\s+".join(re.escape(w) for w in " ".join(mend_all(b)).split()) for b in bodies
        )
        out[kind] = re.compile(rf"(?<![\w'&%])(?:{alternation})(?![\w'&%]){_NOT_A_CHILD}")
    return out


# "a little" is a hedge ("a little, yes"), but "a little one" or "a little girl" is a child
# ("bit worried about a little one" says no yes to the question asked)
_NOT_A_CHILD = (
    r"(?!(?<=\blittle) (?:one|ones|girl|girls|boy|boys|lad|lads|lass|baby|babies|kid|kids|"
    r"toddler|toddlers|sister|sisters|brother|brothers|man|mite|mites|un|uns)\b)"
)


def _word(value: Any) -> str:
    """A phrase of the data as text (YAML reads a bare yes/no as true/false)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


@lru_cache(maxsize=1)
def qualifier_regex() -> re.Pattern[str]:
    """Words that qualify a reassurance in the same sentence (lexicon.yml ``qualifiers``)."""
    phrases = sorted((_word(p) for p in lexicon().get("qualifiers", [])), key=len, reverse=True)
    body = "|".join(
        r"\s+".join(re.escape(w) for w in " ".join(mend_all(p)).split()) for p in phrases
    )
    return re.compile(rf"(?<![\w'&%])(?:{body})(?![\w'&%])")


def mend_all(phrase: str) -> list[str]:
    """Read a phrase of the data the way a message is read ("don't" -> "do not")."""
    from bot.reading.text import words

    return [tok.norm for tok in words(phrase)]


def could_match(needs: frozenset[str] | None, text: str) -> bool:
    """Whether a phrase with these required strings could match text at all."""
    return needs is None or any(word in text for word in needs)


def danger_rules() -> list[dict[str, Any]]:
    """The phrases of present danger (danger.yml), keys checked."""
    return _danger_rules()


@lru_cache(maxsize=1)
def _danger_rules() -> list[dict[str, Any]]:
    out = []
    for number, raw in enumerate(_load("danger.yml")["danger"], 1):
        where = f"danger.yml rule {number}"
        entry = _check_keys(raw, _DANGER_KEYS, where)
        if entry.get("kind") not in ("medical", "harm", "unknown"):
            raise ReadingDataError(f"{where}: kind must be medical, harm or unknown")
        regex = phrase_regex(entry, where)
        out.append({"regex": regex, "kind": entry["kind"], "needs": keywords(regex)})
    return out


@lru_cache(maxsize=1)
def aside_rules() -> list[tuple[Any, re.Pattern[str], bool]]:
    """The phrases of each aside (asides.yml): (aside, regex, whole message only)."""
    from typing import get_args

    from bot.reading import Aside

    allowed = get_args(Aside)
    out = []
    for aside, entries in _load("asides.yml")["asides"].items():
        if aside not in allowed:
            raise ReadingDataError(
                f"asides.yml: unknown aside {aside!r} (allowed: {', '.join(allowed)})"
            )
        for number, raw in enumerate(entries, 1):
            where = f"asides.yml {aside} phrase {number}"
            entry = _check_keys(raw, _ASIDE_KEYS, where)
            out.append((aside, phrase_regex(entry, where), bool(entry.get("whole", False))))
    return out
