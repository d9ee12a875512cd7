"""A replayed conversation and the two ways it is shown: plain text and an HTML page.

Both show what a practitioner sees: each question with its buttons, and the
decision as the card (level labels, "you", gaps with who to ask, agency
names), never ids. Every piece of text in the page comes from a scenario file,
the assistant or the rules, so all of it is escaped; the page has no scripts
and no outside resources, so a trainer can open it offline or mail it.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from bot.scenarios.library import Scenario


class Turn(NamedTuple):
    """One message: who said it, its text, and the buttons it offered."""

    speaker: str
    text: str
    buttons: tuple[str, ...] = ()
    card: bool = False


@dataclass
class Transcript:
    """What was said in one replay, and the decision it ended with.

    Attributes:
        scenario: the scenario replayed.
        turns: the messages; speaker is ``"practitioner"`` or ``"assistant"``.
        payload: the custom payload of the last decision message, if any.
    """

    scenario: Scenario
    turns: list[Turn] = field(default_factory=list)
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

    def say(self, text: str) -> None:
        """Record one practitioner message."""
        self.turns.append(Turn("practitioner", text))

    def add_bot_messages(self, messages: Sequence[Mapping[str, Any]]) -> None:
        """Record the assistant's messages of one turn; keep the latest decision payload."""
        for message in messages:
            custom = message.get("custom")
            if isinstance(custom, Mapping) and isinstance(custom.get("assessment"), Mapping):
                self.payload = dict(custom)
                self.turns.append(Turn("assistant", "", card=True))
            text = str(message.get("text") or "")
            titles = tuple(str(b.get("title", "")) for b in message.get("buttons") or [])
            if text or titles:
                self.turns.append(Turn("assistant", text, titles))

    def display(self) -> dict[str, Any]:
        """The decision in the practitioner's words (from the payload, or made from it)."""
        payload = self.payload or {}
        display = dict(payload.get("display") or {})
        if "find_out" not in display and payload.get("assessment"):
            from bot.conversation.payload import presentation

            facts = payload.get("facts") or self.scenario.facts
            display = {**presentation(payload["assessment"], facts), **display}
        return display


def card_lines(decision: Mapping[str, Any], display: Mapping[str, Any]) -> list[str]:
    """The decision as the card reads, in lines: labels, "you", gaps with who to ask."""
    level = str(decision["level"])
    urgent = display.get("emergency") or {}
    label = urgent.get("title") or display.get("level_label") or level
    rank = ["universal", "additional", "complex", "significant", "immediate"]
    lines = [f"Decision: {label} (level {rank.index(level) + 1} of 5)" if level in rank else label]
    if urgent.get("call"):
        lines.append(str(urgent["call"]))
        steps = urgent.get("first_steps") or []
        if steps:
            lines.append(f"{urgent.get('first_steps_heading', 'While help comes')}:")
            lines += [f"  {n}. {step}" for n, step in enumerate(steps, 1)]
        if urgent.get("then"):
            lines.append(str(urgent["then"]))
    for key in ("level_meaning", "timescale"):
        if display.get(key):
            lines.append(("When: " if key == "timescale" else "") + str(display[key]))
    highest = (decision.get("range") or {}).get("highest", level)
    if highest != level:
        reach = (display.get("range_labels") or {}).get("highest", highest)
        lines.append(f"Could be as high as {reach} if what is not yet known is concerning.")
    for change in display.get("changes") or []:
        lines.append(f"Changed: {change['label']} {change['from']} → {change['to']}")
    gaps = [_gap(item) for item in display.get("find_out") or []]
    if gaps and display.get("find_out_first"):
        lines += ["What to find out first:", *gaps]
    reasons = display.get("reasons") or []
    lines.append("Why:")
    lines += [
        f"  - {r['title']} ({r['level_label']})"
        + (f": {'; '.join(r['because'])}" if r.get("because") else "")
        for r in reasons
    ] or ["  - No rule raised a concern on the answers given."]
    people = [
        f"  - {y['name']}, {y['when_words']}: {y['does']}" for y in display.get("you") or []
    ] + [
        f"  - {c['name']}, {c['when_words']}" + (f": {c['why']}" if c.get("why") else "")
        for c in display.get("contacts") or []
    ]
    if people:
        lines += ["Who to involve, and when:", *people]
    if gaps and not display.get("find_out_first"):
        lines += ["What to find out:", *gaps]
    steps = decision.get("next_steps") or []
    if steps:
        lines.append("What to do next:")
        lines += [f"  {number}. {step}" for number, step in enumerate(steps, 1)]
    return lines


def decision_lines(
    decision: Mapping[str, Any], display: Mapping[str, Any] | None = None
) -> list[str]:
    """The decision as the card reads (made from the decision when no display is given)."""
    if not display or "find_out" not in display:
        from bot.conversation.payload import presentation

        display = {**presentation(decision, {}), **(display or {})}
    return card_lines(decision, display)


def _gap(item: Mapping[str, Any]) -> str:
    who = f" - {item['who']}" if item.get("who") else ""
    reach = (
        f" (could raise the level to {item['could_reach_label']})"
        if item.get("could_reach_label")
        else ""
    )
    name = str(item.get("label", ""))
    return f"  - {name[:1].upper()}{name[1:]}{who}{reach}: {item.get('ask', '')}"


def _buttons_text(buttons: Sequence[str]) -> str:
    return "  " + " ".join(f"[ {title} ]" for title in buttons)


def render_text(transcript: Transcript) -> str:
    """The transcript as plain text: questions with their buttons, then the decision card."""
    scenario = transcript.scenario
    lines = [f"Scenario: {scenario.name} - {scenario.title}", "", scenario.narrative, ""]
    for turn in transcript.turns:
        if turn.card:
            lines.append("Assistant: (the decision card, below)")
            continue
        who = "Practitioner" if turn.speaker == "practitioner" else "Assistant"
        if turn.text:
            lines.append(f"{who}: {turn.text}")
        if turn.buttons:
            lines.append(_buttons_text(turn.buttons))
    lines.append("")
    if transcript.decision is None:
        lines.append("The conversation ended without a decision.")
    else:
        lines += card_lines(transcript.decision, transcript.display())
    lines += [
        "",
        f"Expected level: {_level_label(scenario.expected_level)}",
        f"Learning point: {scenario.learning_point}",
    ]
    return "\n".join(lines)


def _level_label(level: str) -> str:
    try:
        from bot import load_locality

        return f"{load_locality().level_label(level)}"
    except Exception:  # noqa: BLE001 - a label is a nicety; the id still says it
        return level


_STYLE = """
body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;
color:#1d1d1d;line-height:1.45}
.case{background:#f4f4f8;border-left:4px solid #4a4a8a;padding:.75rem 1rem}
.turn{margin:.4rem 0;padding:.5rem .8rem;border-radius:.6rem;max-width:80%}
.turn p{margin:0;white-space:pre-wrap}
.practitioner{background:#dfefff;margin-left:auto}
.assistant{background:#efefef}
.choices{display:flex;flex-wrap:wrap;gap:.4rem;margin-top:.4rem}
.choices button{font:inherit;font-weight:600;padding:.3rem .8rem;border:2px solid #1d5a94;
border-radius:.3rem;background:#fff;color:#133c63}
.card{border:1px solid #b1b4b6;border-left:.6rem solid #5c0a2e;border-radius:.4rem;
margin-top:1.5rem;padding:0 1rem 1rem}
.card h2{margin:.75rem 0 .25rem}
.card h3{font-size:1.05rem;margin:1rem 0 .25rem}
.card ul,.card ol{margin:0;padding-left:1.3rem}
.emergency{background:#fbe9e9;border-bottom:3px solid #a31b1b;padding:.5rem .75rem}
.call{font-weight:700;color:#a31b1b;font-size:1.15rem}
.first{border:2px solid #8a4b00;border-radius:.3rem;padding:0 .75rem .5rem;background:#fdf1e2}
.you{border-left:.25rem solid #1d5a94;padding-left:.4rem;list-style:none}
.muted{color:#484949}
.learning{background:#fff6d6;padding:.75rem 1rem;margin-top:1rem}
.chat{display:flex;flex-direction:column}
"""


def _list(items: Sequence[str], tag: str = "ul") -> str:
    esc = html.escape
    return f"<{tag}>" + "".join(f"<li>{esc(item)}</li>" for item in items) + f"</{tag}>"


def _gap_items(display: Mapping[str, Any]) -> str:
    esc = html.escape
    items = []
    for item in display.get("find_out") or []:
        who = f" — {esc(item['who'])}" if item.get("who") else ""
        reach = (
            f"<br><b>Could raise the level to {esc(item['could_reach_label'])}.</b>"
            if item.get("could_reach_label")
            else ""
        )
        name = str(item.get("label", ""))
        items.append(
            f"<li><b>{esc(name[:1].upper() + name[1:])}</b>{who}"
            f'<br><span class="muted">{esc(str(item.get("ask", "")))}</span>{reach}</li>'
        )
    return "<ul>" + "".join(items) + "</ul>"


def card_html(decision: Mapping[str, Any], display: Mapping[str, Any]) -> str:
    """The decision as the web page's card, in static HTML (every text escaped)."""
    esc = html.escape
    level = str(decision["level"])
    urgent = display.get("emergency") or {}
    title = urgent.get("title") or display.get("level_label") or level
    parts = [
        '<section class="card" aria-label="The assistant\'s decision">',
        f"<h2>{esc(title)}</h2>",
    ]
    if display.get("level_meaning"):
        parts.append(f"<p>{esc(display['level_meaning'])}</p>")
    if display.get("timescale"):
        parts.append(f"<p><b>When:</b> {esc(display['timescale'])}</p>")
    highest = (decision.get("range") or {}).get("highest", level)
    if highest != level:
        reach = (display.get("range_labels") or {}).get("highest", highest)
        parts.append(
            f"<p>Could be as high as <b>{esc(reach)}</b> if what is not yet known is "
            "concerning.</p>"
        )
    if urgent.get("call"):
        parts.append(f'<div class="emergency"><p class="call">{esc(urgent["call"])}</p>')
        if urgent.get("first_steps"):
            parts.append(f"<h3>{esc(urgent.get('first_steps_heading', 'While help comes'))}</h3>")
            parts.append(_list(urgent["first_steps"], "ol"))
        if urgent.get("then"):
            parts.append(f"<p><b>{esc(urgent['then'])}</b></p>")
        parts.append("</div>")
    for change in display.get("changes") or []:
        parts.append(
            f"<p><b>Changed:</b> {esc(change['label'])} {esc(change['from'])} → "
            f"{esc(change['to'])}</p>"
        )
    has_gaps = bool(display.get("find_out"))
    if has_gaps and display.get("find_out_first"):
        parts.append(
            f'<div class="first"><h3>What to find out first</h3>{_gap_items(display)}</div>'
        )
    reasons = display.get("reasons") or []
    parts.append("<h3>Why</h3>")
    parts.append(
        "<ul>"
        + "".join(
            f"<li><b>{esc(r['title'])}</b> ({esc(r['level_label'])})"
            + (
                f'<br><span class="muted">{esc("; ".join(r["because"]))}</span>'
                if r.get("because")
                else ""
            )
            + "</li>"
            for r in reasons
        )
        + "</ul>"
        if reasons
        else _list(["No rule raised a concern on the answers given."])
    )
    people = [
        f'<li class="you"><b>{esc(y["name"])}</b> — {esc(y["when_words"])}<br>'
        f'<span class="muted">{esc(y["does"])}</span></li>'
        for y in display.get("you") or []
    ] + [
        f"<li><b>{esc(c['name'])}</b> — {esc(c['when_words'])}"
        + (f'<br><span class="muted">{esc(c["why"])}</span>' if c.get("why") else "")
        + "</li>"
        for c in display.get("contacts") or []
    ]
    if people:
        parts.append("<h3>Who to involve, and when</h3><ul>" + "".join(people) + "</ul>")
    if has_gaps and not display.get("find_out_first"):
        parts.append(f"<h3>What to find out</h3>{_gap_items(display)}")
    steps = decision.get("next_steps") or []
    if steps:
        parts.append("<h3>What to do next</h3>" + _list([str(s) for s in steps], "ol"))
    parts.append("</section>")
    return "\n".join(parts)


def _turn_html(turn: Turn) -> str:
    esc = html.escape
    who = "Practitioner" if turn.speaker == "practitioner" else "Assistant"
    if turn.card:
        return f'<div class="turn assistant"><p><b>{who}:</b> the decision card (below).</p></div>'
    buttons = (
        '<div class="choices">'
        + "".join(f'<button type="button" disabled>{esc(title)}</button>' for title in turn.buttons)
        + "</div>"
        if turn.buttons
        else ""
    )
    text = f"<p><b>{who}:</b> {esc(turn.text)}</p>" if turn.text else ""
    return f'<div class="turn {esc(turn.speaker)}">{text}{buttons}</div>'


def render_html(transcript: Transcript) -> str:
    """The transcript as one self-contained HTML page; every text is escaped."""
    scenario = transcript.scenario
    esc = html.escape
    turns = "\n".join(_turn_html(turn) for turn in transcript.turns)
    if transcript.decision is None:
        decision = "<p>The conversation ended without a decision.</p>"
    else:
        decision = card_html(transcript.decision, transcript.display())
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Training scenario: {esc(scenario.title)}</title>
<style>{_STYLE}</style>
</head>
<body>
<main>
<h1>{esc(scenario.title)}</h1>
<p class="case">{esc(scenario.narrative)}</p>
<h2>The conversation</h2>
<div class="chat">
{turns}
</div>
{decision}
<div class="learning"><b>Expected level:</b> {esc(_level_label(scenario.expected_level))}<br>
<b>Learning point:</b> {esc(scenario.learning_point)}</div>
<p><small>Scenario {esc(scenario.name)} ({esc(str(scenario.path.name))}). A training case,
not advice on a real child.</small></p>
</main>
</body>
</html>
"""
