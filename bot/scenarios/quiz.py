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
    """Read a level from an id ("complex"), its rank ("3"), a unique start ("sig") or a label.

    Raises:
        ValueError: the text names no level (the message lists what is allowed).
    """
    word = text.strip().lower()
    if word.isdigit() and 1 <= int(word) <= len(LEVELS):
        return LEVELS[int(word) - 1]
    matches = [level for level in LEVELS if word and level.startswith(word)]
    if len(matches) == 1:
        return matches[0]
    by_label = [level for level in LEVELS if word and word.startswith(level)]
    by_label += [
        level for level, label in _labels().items() if word and _normal(label).startswith(word)
    ]
    if len(set(by_label)) == 1:
        return by_label[0]
    raise ValueError(f"{text.strip()!r} is not a level; give 1-5 or one of {', '.join(LEVELS)}")


def _labels() -> dict[str, str]:
    try:
        from bot import load_locality

        place = load_locality()
        return {level: place.level_label(level) for level in LEVELS}
    except Exception:  # noqa: BLE001 - labels only widen what is read
        return {}


def _normal(text: str) -> str:
    text = " ".join(text.lower().replace("’", "'").split())
    return text[4:] if text.startswith("the ") else text


def agency_aliases(known: Sequence[str], names: Mapping[str, str] | None = None) -> dict[str, str]:
    """Every way the quiz reads an agency: its id, its id in words, its local name, plain words."""
    from bot.conversation.presentation import words

    aliases: dict[str, str] = {}
    plain = words().get("agency_words") or {}
    for agency in known:
        for alias in (agency, agency.replace("_", " "), (names or {}).get(agency, "")):
            if alias:
                aliases[_normal(alias)] = agency
        for alias in plain.get(agency) or []:
            aliases[_normal(str(alias))] = agency
    return aliases


def parse_agencies(
    text: str, known: Sequence[str], names: Mapping[str, str] | None = None
) -> tuple[str, ...]:
    """Read agencies in plain words or ids ("social care, GP, school nurse"); blank is none.

    Agencies are separated by commas, "and", ";" or "/"; within a part, words
    that are each an agency ("police gp") are read one by one.

    Raises:
        ValueError: a part names no agency (the message names it).
    """
    cleaned = text
    for separator in (" and ", " & ", ";", "/", "\n"):
        cleaned = cleaned.replace(separator, ",")
    parts = [_normal(part) for part in cleaned.split(",") if part.strip()]
    if parts in ([], ["none"]):
        return ()
    aliases = agency_aliases(known, names)
    chosen: list[str] = []
    unknown: list[str] = []
    for part in parts:
        if part in aliases:
            chosen.append(aliases[part])
        elif all(word in aliases for word in part.split()):
            chosen += [aliases[word] for word in part.split()]
        else:
            unknown.append(part)
    if unknown:
        raise ValueError(
            f"{', '.join(unknown)} is not an agency; name them in plain words, comma-separated "
            '(for example "social care, GP, school nurse")'
        )
    return tuple(dict.fromkeys(chosen))


def compare(answer: Answer, decision: Mapping[str, Any], own: Sequence[str] = ()) -> Differences:
    """Compare the trainee's answer with the assistant's decision.

    Args:
        answer: what the trainee chose.
        decision: the assistant's decision.
        own: the reporter's own service (agency ids); never counted as left out.
    """
    decided = [str(agency["id"]) for agency in decision.get("agencies") or []]
    return Differences(
        chosen_level=answer.level,
        decided_level=str(decision["level"]),
        missed=tuple(a for a in decided if a not in answer.agencies and a not in own),
        extra=tuple(a for a in answer.agencies if a not in decided and a not in own),
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


def difference_lines(
    differences: Differences,
    decision: Mapping[str, Any],
    display: Mapping[str, Any] | None = None,
    own: Sequence[str] = (),
) -> list[str]:
    """Where the trainee differed, with the reason the rules give, in labels not ids."""
    display = display or {}
    names: Mapping[str, str] = display.get("agency_names") or {}
    labels: Mapping[str, str] = display.get("level_labels") or {}

    def name(agency: str) -> str:
        from bot.conversation.presentation import in_sentence

        return in_sentence(names.get(agency, agency.replace("_", " ")))

    def level(level_id: str) -> str:
        return labels.get(level_id, level_id)

    lines = []
    listed = {str(a["id"]) for a in decision.get("agencies") or []}
    for agency in own:
        if agency in listed:
            lines.append(
                f"  - {_sentence(name(agency))} is your own service: that is you, "
                "so it is not an agency you need to contact."
            )
    if differences.none:
        return ["You chose the same level and the same agencies as the rules.", *lines]
    lines.insert(0, "Where your answer differed:")
    steps = differences.level_steps
    if steps:
        direction = "higher" if steps > 0 else "lower"
        lines.insert(
            1,
            f"  - level: you chose {level(differences.chosen_level)}, {abs(steps)} "
            f"level{'s' if abs(steps) > 1 else ''} {direction} than the rules' "
            f"{level(differences.decided_level)}",
        )
        lines[2:2] = _level_reasons(differences, decision, level)
    else:
        lines.insert(1, f"  - level: same ({level(differences.decided_level)})")
    why = {
        str(a["id"]): f"{_when(a['when'])}: {a.get('why', '')}"
        for a in decision.get("agencies") or []
    }
    for agency in differences.missed:
        lines.append(f"  - you left out {name(agency)} ({why[agency]})")
    for agency in differences.extra:
        lines.append(f"  - you added {name(agency)}, which the rules do not list at this level")
    return lines


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _when(when: Any) -> str:
    from bot.conversation.presentation import when_words

    return when_words(when)


def _title(entry: Mapping[str, Any]) -> str:
    from bot.conversation.render import rule_title

    return str(entry.get("title") or rule_title(str(entry["rule"])))


def _level_reasons(differences: Differences, decision: Mapping[str, Any], level: Any) -> list[str]:
    """The rules that put the decision above the trainee's level, or why it is not higher."""
    from bot.conversation.presentation import words

    chosen = LEVELS.index(differences.chosen_level)
    fired = decision.get("fired") or []
    if differences.level_steps < 0:
        above = [entry for entry in fired if LEVELS.index(entry["level"]) > chosen]
        return [
            f"    {_title(entry)} ({level(entry['level'])}) puts it above your level"
            for entry in above
        ]
    top = "; ".join(_title(e) for e in fired if e["level"] == differences.decided_level)
    reached = f"; the highest rules that apply: {top}" if top else "; no rule applies"
    lines = [f"    no rule reaches {level(differences.chosen_level)} on these facts{reached}"]
    concerns = [e for e in fired if e["level"] != "universal"]
    data = words()
    if differences.level_steps == 1 and len(concerns) >= int(data["cumulative_harm_from"]):
        text = str(data["cumulative_harm"]).format(
            count=len(concerns), concerns="; ".join(_title(e).lower() for e in concerns)
        )
        lines.append("    " + " ".join(text.split()))
    return lines


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
    display = dict(display or {})
    labels: Mapping[str, str] = display.get("level_labels") or {}
    names: Mapping[str, str] = display.get("agency_names") or {}
    described = described_facts if described_facts is not None else plain_facts(scenario.quiz_facts)
    out = case_lines(scenario, described)
    out += ["", "Which level would you choose?"]
    out += [
        f"  {rank}. {labels.get(level, level)}  {meanings.get(level, '')}".rstrip()
        for rank, level in enumerate(LEVELS, 1)
    ]
    stdout.write("\n".join(out) + "\n")
    level = ask("Your level (1-5 or its name): ", parse_level, stdin, stdout)
    stdout.write(
        "\nWhich agencies would you involve? Name them in your own words, for example "
        '"social care, GP, school nurse". The agencies:\n'
        + "\n".join(f"  - {names.get(a, a.replace('_', ' '))}" for a in agency_ids)
        + "\n"
    )
    agencies = ask(
        "Your agencies (comma-separated, blank for none): ",
        lambda text: parse_agencies(text, agency_ids, names),
        stdin,
        stdout,
    )
    from bot.conversation.presentation import own_agencies

    own = own_agencies(scenario.quiz_facts.get("reporter_role"))
    differences = compare(Answer(level, agencies), decision, own)
    result = ["", "The assistant's decision", "------------------------"]
    result += decision_lines(decision, display.get("card"))
    result += [""] + difference_lines(differences, decision, display, own)
    result += ["", f"Learning point: {scenario.learning_point}"]
    stdout.write("\n".join(result) + "\n")
    return differences
