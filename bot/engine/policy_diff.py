"""What changed between two policy versions, rule by rule, and what it changes in practice.

``python -m bot rules --diff 1 2`` prints it; it is what a safeguarding lead reads
before signing a version off. The first part compares the data (facts,
thresholds, rules, agencies, gaps, next steps, sources); the second decides the
golden cases and the training scenarios with both versions and shows every case
whose level or agencies change, old and new side by side.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.engine.api import decide
from bot.engine.errors import EngineError
from bot.engine.facts import FactSpec
from bot.engine.policy import AlwaysGap, Policy
from bot.engine.yaml_io import read_yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
GOLDEN_DIR = PROJECT_ROOT / "tests" / "engine"


@dataclass(frozen=True)
class Case:
    """Facts to decide with both versions, and where they come from."""

    name: str
    kind: str
    facts: Mapping[str, Any]


@dataclass
class Section:
    """One part of the comparison: a heading and one line per change."""

    title: str
    lines: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Impact:
    """One case whose decision changes."""

    case: Case
    old_level: str
    new_level: str
    old_agencies: str
    new_agencies: str


def golden_cases(directory: Path = GOLDEN_DIR) -> list[Case]:
    """The golden cases of every version (``golden_cases_v*.yml``), each facts set once."""
    cases: list[Case] = []
    seen: set[str] = set()
    for path in sorted(directory.glob("golden_cases_v*.yml")):
        version = path.stem.removeprefix("golden_cases_")
        for entry in read_yaml(path) or []:
            key = repr(sorted(entry["facts"].items()))
            if key in seen:
                continue
            seen.add(key)
            cases.append(Case(str(entry["name"]), f"golden {version}", entry["facts"]))
    return cases


def scenario_cases() -> list[Case]:
    """The training scenarios' facts (and what the practitioner knows, when it differs)."""
    from bot.scenarios.library import ScenarioError, load_scenarios

    try:
        scenarios = load_scenarios()
    except ScenarioError:
        return []
    cases = []
    for scenario in scenarios:
        cases.append(Case(scenario.name, "scenario", scenario.facts))
        if scenario.known_facts and scenario.known_facts != scenario.facts:
            cases.append(Case(f"{scenario.name} (what is known)", "scenario", scenario.known_facts))
    return cases


def compare(old: Policy, new: Policy) -> list[Section]:
    """The changes from ``old`` to ``new``, section by section (empty sections left out)."""
    sections = [
        Section("Facts", _facts(old, new)),
        Section("Thresholds (indicators)", _indicators(old, new)),
        Section("Rules", _rules(old, new)),
        Section("The concern level", _concern(old, new)),
        Section("Agencies and their timing", _agencies(old, new)),
        Section("Always-present gaps", _gaps(old, new)),
        Section("Next steps", _next_steps(old, new)),
        Section("Sources", _sources(old, new)),
    ]
    return [section for section in sections if section.lines]


def impact(old: Policy, new: Policy, cases: Iterable[Case]) -> tuple[list[Impact], int]:
    """Decide each case with both versions (a fact a version does not have is left out).

    Returns:
        The cases whose level or agencies (or their timing) change, and how many
        cases were decided in all.
    """
    changed: list[Impact] = []
    total = 0
    for case in cases:
        total += 1
        before, after = _outcome(case.facts, old), _outcome(case.facts, new)
        if before != after:
            changed.append(Impact(case, before[0], after[0], *_agency_change(before[1], after[1])))
    return changed, total


def render(old: Policy, new: Policy, cases: Sequence[Case], markdown: bool = False) -> str:
    """The whole comparison as text for a terminal, or as Markdown."""
    out: list[str] = []
    title = f"Threshold policy: what changed from version {old.version} to version {new.version}"
    out += _heading(title, 1, markdown)
    sections = compare(old, new)
    if not sections:
        out += ["No rule, threshold, agency, gap, step or source changed.", ""]
    for section in sections:
        out += _heading(section.title, 2, markdown)
        out += [f"- {_code(line, markdown)}" for line in section.lines] + [""]
    changed, total = impact(old, new, cases)
    out += _heading("Impact on the golden cases and training scenarios", 2, markdown)
    out.append(
        f"{len(changed)} of {total} cases change level or agencies "
        f"(version {old.version} → version {new.version})."
    )
    out.append("")
    if changed:
        out += _impact_table(changed, old.version, new.version, markdown)
    return "\n".join(out).rstrip() + "\n"


def _heading(text: str, depth: int, markdown: bool) -> list[str]:
    if markdown:
        return ["#" * depth + " " + text, ""]
    return [text, ("=" if depth == 1 else "-") * len(text), ""]


def _code(line: str, markdown: bool) -> str:
    return line if markdown else line.replace("`", "")


def _impact_table(changed: Sequence[Impact], old: str, new: str, markdown: bool) -> list[str]:
    header = [
        "case",
        f"level v{old}",
        f"level v{new}",
        f"agencies added or re-timed in v{new}",
        f"agencies no longer listed in v{new}",
    ]
    rows = [
        [
            f"{item.case.name} ({item.case.kind})",
            item.old_level,
            item.new_level,
            item.new_agencies or "no change",
            item.old_agencies or "-",
        ]
        for item in changed
    ]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
        return lines + [""]
    lines = []
    for row in rows:
        same = "  (same)" if row[1] == row[2] else "  (CHANGED)"
        lines.append(row[0])
        lines.append(f"    level     v{old} {row[1]}  →  v{new} {row[2]}{same}")
        lines.append(f"    agencies  {row[3]}")
        if row[4] != "-":
            lines.append(f"    dropped   {row[4]}")
    return lines + [""]


def _outcome(facts: Mapping[str, Any], policy: Policy) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The level and agencies; facts the version does not have are left out (not asked)."""
    known = {name: value for name, value in facts.items() if name in policy.facts.specs}
    try:
        decision = decide(known, policy)
    except EngineError as error:
        reason = str(error).split(";", 1)[0]
        return f"cannot be decided ({reason})", ()
    return decision["level"], tuple((a["id"], a["when"]) for a in decision["agencies"])


def _agency_change(
    before: Sequence[tuple[str, str]], after: Sequence[tuple[str, str]]
) -> tuple[str, str]:
    old, new = dict(before), dict(after)
    gone = [f"{a} ({old[a]})" for a in old if a not in new]
    changed = [f"{a} {old[a]} → {new[a]}" for a in new if a in old and old[a] != new[a]]
    added = [f"+ {a} ({new[a]})" for a in new if a not in old]
    return ", ".join(gone), ", ".join(added + changed)


def _by_id(
    old: Iterable[Any], new: Iterable[Any], key: Callable[[Any], str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    return {key(item): item for item in old}, {key(item): item for item in new}


def _added_removed(
    old: Mapping[str, Any], new: Mapping[str, Any], what: str, describe: Callable[[Any], str]
) -> list[str]:
    lines = [f"new {what} {name}: {describe(new[name])}" for name in new if name not in old]
    lines += [
        f"removed {what} {name} (was: {describe(old[name])})" for name in old if name not in new
    ]
    return lines


def _changed(name: str, field_name: str, before: object, after: object) -> list[str]:
    if before == after:
        return []
    return [f"{name}: {field_name} `{before}` → `{after}`"]


def _facts(old: Policy, new: Policy) -> list[str]:
    before, after = old.facts.specs, new.facts.specs
    lines = _added_removed(before, after, "fact", _describe_fact)
    for name in after:
        if name not in before:
            continue
        a, b = before[name], after[name]
        lines += _changed(name, "values", _allowed(a), _allowed(b))
        lines += _changed(name, "requirement", _requirement(a), _requirement(b))
        lines += _changed(name, "most concerning value", a.most_concerning, b.most_concerning)
        lines += _changed(name, "more concerning when", a.more_concerning, b.more_concerning)
    return lines


def _describe_fact(spec: FactSpec) -> str:
    return f"{spec.meaning} ({_allowed(spec)}; {_requirement(spec)})"


def _allowed(spec: FactSpec) -> str:
    if spec.kind == "enum":
        return ", ".join(spec.values)
    tokens = "".join(f" or {t}" for t in spec.tokens)
    return f"{spec.kind} {spec.minimum:g}-{spec.maximum:g}{tokens}"


def _requirement(spec: FactSpec) -> str:
    if not spec.required:
        return "optional"
    if spec.optional_when:
        held = " and ".join(f"{k} = {v}" for k, v in spec.optional_when)
        return f"required unless {held}"
    return "required"


def _indicators(old: Policy, new: Policy) -> list[str]:
    before, after = old.indicators, new.indicators
    lines = _added_removed(before, after, "indicator", lambda i: f"`{i.node.text}`")
    for name in after:
        if name in before:
            lines += _changed(name, "holds when", before[name].node.text, after[name].node.text)
            lines += _changed(name, "kind", before[name].kind, after[name].kind)
    return lines


def _rules(old: Policy, new: Policy) -> list[str]:
    before, after = _by_id(old.rules, new.rules, lambda r: r.id)
    lines = _added_removed(
        before,
        after,
        "rule",
        lambda r: f"{r.title}: `{_fires_when(r)}` → {r.level} ({', '.join(r.sources) or '-'})",
    )
    for name, rule in after.items():
        if name not in before:
            continue
        was = before[name]
        lines += _changed(name, "fires when", _fires_when(was), _fires_when(rule))
        lines += _changed(name, "level", was.level, rule.level)
        lines += _changed(name, "sources", ", ".join(was.sources), ", ".join(rule.sources))
        if was.title != rule.title:
            lines.append(f"{name}: title now “{rule.title}” (was “{was.title}”)")
    return lines


def _fires_when(rule: Any) -> str:
    unless = f" unless {', '.join(rule.unless)} fires" if rule.unless else ""
    return rule.condition + unless


def _concern(old: Policy, new: Policy) -> list[str]:
    if old.concern_leaves_out == new.concern_leaves_out:
        return []
    left_out = ", ".join(new.concern_leaves_out) or "none"
    return [
        "the concern level (the highest level among the fired rules other than "
        f"{left_out}) decides agencies; version {old.version} left out: "
        f"{', '.join(old.concern_leaves_out) or 'none'}"
    ]


def _agencies(old: Policy, new: Policy) -> list[str]:
    before, after = _by_id(old.agencies, new.agencies, lambda a: a.id)
    lines = _added_removed(before, after, "agency", lambda a: f"`{a.condition}`")
    for name, agency in after.items():
        if name not in before:
            continue
        was = before[name]
        lines += _changed(name, "listed when", was.condition, agency.condition)
        lines += _changed(name, "timing", _timings(was), _timings(agency))
        if was.why != agency.why:
            lines.append(f"{name}: why now “{agency.why}”")
    return lines


def _timings(agency: Any) -> str:
    return "; ".join(
        timing if node.text == "always" else f"{timing} if {node.text}"
        for timing, node in agency.timings
    )


def _gaps(old: Policy, new: Policy) -> list[str]:
    before, after = _by_id(old.always_gaps, new.always_gaps, lambda g: g.fact)
    lines = _added_removed(before, after, "always-present gap", _describe_gap)
    for name, gap in after.items():
        if name in before and _describe_gap(before[name]) != _describe_gap(gap):
            lines.append(f"{name}: now {_describe_gap(gap)}")
    return lines


def _describe_gap(gap: AlwaysGap) -> str:
    when = f" when `{gap.when.text}`" if gap.when is not None else ""
    closed = ", ".join(sorted(gap.closed_by)) if gap.closed_by else "any known value"
    return f"open{when} until {closed}; ask: {gap.ask} ({', '.join(gap.sources) or '-'})"


def _next_steps(old: Policy, new: Policy) -> list[str]:
    lines: list[str] = []
    for level in new.levels:
        was = {s for steps in old.next_steps.get(level, {}).values() for s in steps}
        now = {s for steps in new.next_steps.get(level, {}).values() for s in steps}
        lines += [f"{level}: new step “{step}”" for step in sorted(now - was)]
        lines += [f"{level}: step removed “{step}”" for step in sorted(was - now)]
    for rule_id, by_role in new.next_steps_by_rule.items():
        if old.next_steps_by_rule.get(rule_id) != by_role:
            first = next(iter(by_role.values()), ())
            lines.append(
                f"when {rule_id} fires, its steps come first, then the concern level's: "
                + " ".join(f"“{step}”" for step in first)
            )
    if new.much_unknown is not None and old.much_unknown != new.much_unknown:
        lines.append(
            f"when the range reaches {new.levels[new.much_unknown.from_rank]} or above and is "
            f"higher than the level, the first step for every role is: “{new.much_unknown.step}”"
        )
    return lines


def _sources(old: Policy, new: Policy) -> list[str]:
    before, after = _cited(old), _cited(new)
    lines = [
        f"now cited: {name} - {new.sources[name].citation}" for name in after if name not in before
    ]
    lines += [f"no longer cited: {name}" for name in before if name not in after]
    for name in after:
        if name in before and old.sources[name] != new.sources[name]:
            lines.append(f"{name}: citation or summary changed")
    return lines


def _cited(policy: Policy) -> dict[str, None]:
    groups: list[Iterable[str]] = [i.sources for i in policy.indicators.values()]
    groups += [rule.sources for rule in policy.rules]
    groups += [gap.sources for gap in policy.always_gaps]
    return {source: None for group in groups for source in group}
