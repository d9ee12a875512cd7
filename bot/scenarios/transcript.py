"""A replayed conversation and the two ways it is shown: plain text and an HTML page.

Every piece of text in the page comes from a scenario file, the assistant or
the rules, so all of it is escaped; the page has no scripts and no outside
resources, so a trainer can open it offline or mail it.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.scenarios.library import Scenario


@dataclass
class Transcript:
    """What was said in one replay, and the decision it ended with.

    Attributes:
        scenario: the scenario replayed.
        turns: ``(speaker, text)`` pairs; speaker is ``"practitioner"`` or ``"assistant"``.
        payload: the custom payload of the last decision message, if any.
    """

    scenario: Scenario
    turns: list[tuple[str, str]] = field(default_factory=list)
    payload: dict[str, Any] | None = None

    @property
    def decision(self) -> dict[str, Any] | None:
        """The contract decision the conversation ended with, if it gave one."""
        return dict(self.payload["assessment"]) if self.payload else None

    @property
    def level(self) -> str | None:
        """The decided level id, if a decision was given."""
        decision = self.decision
        return str(decision["level"]) if decision else None

    def add_bot_messages(self, messages: Sequence[Mapping[str, Any]]) -> None:
        """Record the assistant's messages of one turn; keep the latest decision payload."""
        for message in messages:
            custom = message.get("custom")
            if isinstance(custom, Mapping) and isinstance(custom.get("assessment"), Mapping):
                self.payload = dict(custom)
                level = custom["assessment"].get("level", "?")
                self.turns.append(("assistant", f"[decision: {level}]"))
            text = message.get("text")
            if text:
                self.turns.append(("assistant", str(text)))
            buttons = message.get("buttons") or []
            if buttons:
                titles = " | ".join(str(button.get("title", "")) for button in buttons)
                self.turns.append(("assistant", f"[buttons: {titles}]"))


def decision_lines(
    decision: Mapping[str, Any], display: Mapping[str, Any] | None = None
) -> list[str]:
    """The decision as readable lines: level, range, reasons, agencies, next steps, gaps."""
    display = display or {}
    names: Mapping[str, str] = display.get("agency_names") or {}
    level = str(decision["level"])
    label = display.get("level_label")
    span = decision.get("range") or {}
    lines = [f"Decision: {level}" + (f" ({label})" if label else "")]
    if span and span.get("highest") != span.get("lowest"):
        highest = (display.get("range_labels") or {}).get("highest")
        shown = f"{span['highest']} ({highest})" if highest else span["highest"]
        lines.append(f"Could be as high as: {shown}, if the unknowns are the worst")
    if display.get("timescale"):
        lines.append(f"Timescale: {display['timescale']}")
    lines.append("Why (every rule that fired):")
    for entry in decision.get("fired") or []:
        because = ", ".join(
            f"{fact}={value}" for fact, value in (entry.get("because") or {}).items()
        )
        title = f" {entry['title']}." if entry.get("title") else ""
        reason = f" Because {because}." if because else ""
        lines.append(f"  - {entry['rule']} ({entry['level']}):{title}{reason}")
    if not decision.get("fired"):
        lines.append("  - no rule fired")
    lines.append("Who, and when:")
    for agency in decision.get("agencies") or []:
        name = f"{names[agency['id']]} [{agency['id']}]" if agency["id"] in names else agency["id"]
        lines.append(f"  - {name}, {agency['when']}: {agency.get('why', '')}")
    steps = decision.get("next_steps") or []
    if steps:
        lines.append("Next steps:")
        lines += [f"  {number}. {step}" for number, step in enumerate(steps, 1)]
    gaps = decision.get("gaps") or []
    if gaps:
        lines.append("Still to find out:")
        lines += [
            f"  - {gap['fact']} (could reach {gap['could_reach']}): {gap['ask']}" for gap in gaps
        ]
    return lines


def render_text(transcript: Transcript) -> str:
    """The transcript as plain text, ending with the decision."""
    scenario = transcript.scenario
    lines = [f"Scenario: {scenario.name} - {scenario.title}", "", scenario.narrative, ""]
    for speaker, text in transcript.turns:
        who = "Practitioner" if speaker == "practitioner" else "Assistant"
        lines.append(f"{who}: {text}")
    lines.append("")
    if transcript.decision is None:
        lines.append("The conversation ended without a decision.")
    else:
        lines += decision_lines(transcript.decision, (transcript.payload or {}).get("display"))
    lines += [
        "",
        f"Expected level: {scenario.expected_level}",
        f"Learning point: {scenario.learning_point}",
    ]
    return "\n".join(lines)


_STYLE = """
body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;
color:#1d1d1d;line-height:1.45}
.case{background:#f4f4f8;border-left:4px solid #4a4a8a;padding:.75rem 1rem}
.turn{margin:.4rem 0;padding:.5rem .8rem;border-radius:.6rem;max-width:80%;white-space:pre-wrap}
.practitioner{background:#dfefff;margin-left:auto}
.assistant{background:#efefef}
.decision{border:2px solid #8a1c1c;padding:.75rem 1rem;margin-top:1.5rem}
.decision pre{white-space:pre-wrap;font-family:inherit;margin:0}
.learning{background:#fff6d6;padding:.75rem 1rem;margin-top:1rem}
.chat{display:flex;flex-direction:column}
"""


def render_html(transcript: Transcript) -> str:
    """The transcript as one self-contained HTML page; every text is escaped."""
    scenario = transcript.scenario
    esc = html.escape
    turns = "\n".join(
        f'<div class="turn {esc(speaker)}"><b>'
        f"{'Practitioner' if speaker == 'practitioner' else 'Assistant'}:</b> {esc(text)}</div>"
        for speaker, text in transcript.turns
    )
    if transcript.decision is None:
        decision = "The conversation ended without a decision."
    else:
        display = (transcript.payload or {}).get("display")
        decision = "\n".join(decision_lines(transcript.decision, display))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Training scenario: {esc(scenario.title)}</title>
<style>{_STYLE}</style>
</head>
<body>
<h1>{esc(scenario.title)}</h1>
<p class="case">{esc(scenario.narrative)}</p>
<h2>The conversation</h2>
<div class="chat">
{turns}
</div>
<div class="decision"><h2>The assistant's decision</h2><pre>{esc(decision)}</pre></div>
<div class="learning"><b>Expected level:</b> {esc(scenario.expected_level)}<br>
<b>Learning point:</b> {esc(scenario.learning_point)}</div>
<p><small>Scenario {esc(scenario.name)} ({esc(str(scenario.path.name))}). A training case,
not advice on a real child.</small></p>
</body>
</html>
"""
