"""The trainee quiz: read the case, choose a level and agencies, compare with the rules.

The quiz needs no servers: the assistant's decision is ``bot.decide`` on the
scenario's facts, the same call every channel ends in. Answers are read line
by line, so piped input works (``printf '4\\npolice,gp\\n' | python -m bot
replay --quiz review_weekend``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from bot.scenarios.library import LEVELS, Scenario
from bot.scenarios.transcript import decision_lines

MAX_TRIES = 3


class QuizInputError(ValueError):
    """The trainee's answers ran out or stayed unreadable; the message says what was expected."""


@dataclass(frozen=True)
class Answer:
    """What the trainee chose."""

    level: str
    agencies: tuple[str, ...]


@dataclass(frozen=True)
class Differences:
    """Where the trainee's answer and the assistant's decision differ.

    Attributes:
        chosen_level: the trainee's level.
        decided_level: the assistant's level.
        missed: agencies the decision lists that the trainee left out.
        extra: agencies the trainee chose that the decision does not list.
    """

    chosen_level: str
    decided_level: str
    missed: tuple[str, ...]
    extra: tuple[str, ...]

    @property
    def level_steps(self) -> int:
        """How many levels the trainee was above (positive) or below (negative) the decision."""
        return LEVELS.index(self.chosen_level) - LEVELS.index(self.decided_level)

    @property
    def none(self) -> bool:
        """Whether the trainee matched the decision exactly."""
        return self.level_steps == 0 and not self.missed and not self.extra


def parse_level(text: str) -> str:
    """Read a level from an id ("complex"), its rank ("3") or a unique start ("sig").

    Raises:
        ValueError: the text names no level (the message lists what is allowed).
    """
    word = text.strip().lower()
    if word.isdigit() and 1 <= int(word) <= len(LEVELS):
        return LEVELS[int(word) - 1]
    matches = [level for level in LEVELS if word and level.startswith(word)]
    if len(matches) == 1:
        return matches[0]
    raise ValueError(f"{text.strip()!r} is not a level; give 1-5 or one of {', '.join(LEVELS)}")


def parse_agencies(text: str, known: Sequence[str]) -> tuple[str, ...]:
    """Read agency ids separated by commas (or spaces); blank or "none" means none.

    Raises:
        ValueError: an id is not an agency id (the message names it).
    """
    words = [w.strip().lower() for w in text.replace(",", " ").split() if w.strip()]
    if words == ["none"]:
        return ()
    unknown = [word for word in words if word not in known]
    if unknown:
        raise ValueError(
            f"{', '.join(unknown)} is not an agency id; use ids from the list, comma-separated"
        )
    return tuple(dict.fromkeys(words))


def compare(answer: Answer, decision: Mapping[str, Any]) -> Differences:
    """Compare the trainee's answer with the assistant's decision."""
    decided = [str(agency["id"]) for agency in decision.get("agencies") or []]
    return Differences(
        chosen_level=answer.level,
        decided_level=str(decision["level"]),
        missed=tuple(agency for agency in decided if agency not in answer.agencies),
        extra=tuple(agency for agency in answer.agencies if agency not in decided),
    )


def case_lines(scenario: Scenario, described: Sequence[tuple[str, str]]) -> list[str]:
    """The case as the practitioner has it: narrative, then each fact in words."""
    lines = [f"Case: {scenario.title}", "", scenario.narrative, "", "What you know:"]
    lines += [f"  - {label}: {value}" for label, value in described]
    return lines


def plain_facts(facts: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Each fact as (name in words, value in words), when no question labels are at hand."""
    return [
        (
            name.replace("_", " "),
            "not known" if value == "unknown" else str(value).replace("_", " "),
        )
        for name, value in facts.items()
    ]


def difference_lines(differences: Differences, decision: Mapping[str, Any]) -> list[str]:
    """Where the trainee differed, with the reason the rules give."""
    if differences.none:
        return ["You chose the same level and the same agencies as the rules."]
    lines = ["Where your answer differed:"]
    steps = differences.level_steps
    if steps:
        direction = "higher" if steps > 0 else "lower"
        lines.append(
            f"  - level: you chose {differences.chosen_level}, {abs(steps)} "
            f"level{'s' if abs(steps) > 1 else ''} {direction} than the rules' "
            f"{differences.decided_level}"
        )
        lines += _level_reasons(differences, decision)
    else:
        lines.append(f"  - level: same ({differences.decided_level})")
    why = {str(a["id"]): f"{a['when']}: {a.get('why', '')}" for a in decision.get("agencies") or []}
    for agency in differences.missed:
        lines.append(f"  - you left out {agency} ({why[agency]})")
    for agency in differences.extra:
        lines.append(f"  - you added {agency}, which the rules do not list at this level")
    return lines


def _level_reasons(differences: Differences, decision: Mapping[str, Any]) -> list[str]:
    """The rules that put the decision above the trainee's level, or why it is not higher."""
    chosen = LEVELS.index(differences.chosen_level)
    fired = decision.get("fired") or []
    if differences.level_steps < 0:
        above = [entry for entry in fired if LEVELS.index(entry["level"]) > chosen]
        return [
            f"    {entry['rule']} ({entry['level']}) puts it above your level" for entry in above
        ]
    top = ", ".join(e["rule"] for e in fired if e["level"] == differences.decided_level)
    reached = f"; the highest rules that fired: {top}" if top else "; no rule fired"
    return [f"    no rule reaches {differences.chosen_level} on these facts{reached}"]


def ask(prompt: str, parse: Any, stdin: TextIO, stdout: TextIO) -> Any:
    """Ask until the answer parses, at most MAX_TRIES times.

    Raises:
        QuizInputError: the input ended, or every try was unreadable.
    """
    for _ in range(MAX_TRIES):
        stdout.write(prompt)
        stdout.flush()
        line = stdin.readline()
        if not line:
            raise QuizInputError(f"the answers ended before this question: {prompt.strip()}")
        if not stdin.isatty():
            stdout.write(line if line.endswith("\n") else line + "\n")
        try:
            return parse(line)
        except ValueError as error:
            stdout.write(f"\n{error}\n")
    raise QuizInputError(f"no readable answer after {MAX_TRIES} tries: {prompt.strip()}")


def run_quiz(
    scenario: Scenario,
    decision: Mapping[str, Any],
    stdin: TextIO,
    stdout: TextIO,
    agency_ids: Sequence[str],
    described_facts: Sequence[tuple[str, str]] | None = None,
    level_meanings: Mapping[str, str] | None = None,
    display: Mapping[str, Any] | None = None,
) -> Differences:
    """Show the case, read the trainee's level and agencies, show the decision and the differences.

    Args:
        scenario: the case.
        decision: the assistant's decision on the scenario's facts.
        stdin: where the trainee's answers come from.
        stdout: where the quiz is written.
        agency_ids: the agency ids the trainee may choose from.
        described_facts: each fact as (label, value) in words; plain names when None.
        level_meanings: a line for each level id.
        display: local labels for the decision (``level_label``, ``agency_names``...).

    Raises:
        QuizInputError: the answers ran out or stayed unreadable.
    """
    meanings = level_meanings or {}
    described = described_facts if described_facts is not None else plain_facts(scenario.quiz_facts)
    out = case_lines(scenario, described)
    out += ["", "Which level would you choose?"]
    out += [
        f"  {rank}. {level}  {meanings.get(level, '')}".rstrip()
        for rank, level in enumerate(LEVELS, 1)
    ]
    stdout.write("\n".join(out) + "\n")
    level = ask("Your level (1-5 or its id): ", parse_level, stdin, stdout)
    stdout.write(
        "\nWhich agencies would you involve? Agency ids:\n  " + ", ".join(agency_ids) + "\n"
    )
    agencies = ask(
        "Your agencies (comma-separated, blank for none): ",
        lambda text: parse_agencies(text, agency_ids),
        stdin,
        stdout,
    )
    differences = compare(Answer(level, agencies), decision)
    result = ["", "The assistant's decision", "------------------------"]
    result += decision_lines(decision, display)
    result += [""] + difference_lines(differences, decision)
    result += ["", f"Learning point: {scenario.learning_point}"]
    stdout.write("\n".join(result) + "\n")
    return differences
