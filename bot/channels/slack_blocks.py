"""Block Kit rendering for the Slack channel: questions, clicks, decisions.

Pure functions from the assistant's messages to Slack message bodies (``text``
plus ``blocks``); nothing here talks to Slack. Slack's limits are kept here:
at most 5 buttons per ``actions`` block (more are split into further blocks,
never dropped), 3000 characters per section, 150 per header, 75 per button
label and 50 blocks per message.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bot.conversation.render import FOLLOW_UPS, WHEN_WORDS, shown

Block = dict[str, Any]

BUTTONS_PER_BLOCK = 5
MAX_BLOCKS = 50
SECTION_LIMIT = 3000
HEADER_LIMIT = 150
BUTTON_LABEL_LIMIT = 75
BUTTON_VALUE_LIMIT = 2000
TEXT_LIMIT = 3900

PRIVACY_REMINDER = (
    "Reminder: this is a shared channel. Do not post names, dates of birth, addresses "
    "or any other detail that identifies the child or family; describe the concern only."
)

STALE_QUESTION = "This question was already answered; answer the latest question in the thread."


def escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _plain(text: str, limit: int) -> dict[str, Any]:
    return {"type": "plain_text", "text": _cut(text, limit) or " ", "emoji": True}


def _sections(text: str) -> list[Block]:
    """One or more mrkdwn sections holding ``text``, split at line ends where possible."""
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": chunk}}
        for chunk in _chunks(text, SECTION_LIMIT)
    ]


def _chunks(text: str, limit: int) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut at line ends where possible."""
    pieces: list[str] = []
    rest = text.strip()
    while rest:
        cut = len(rest) if len(rest) <= limit else rest.rfind("\n", 0, limit)
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut])
        rest = rest[cut:].lstrip("\n")
    return pieces


def _code(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": f"```{text}```"}}


def reminder_block() -> Block:
    """The context block that asks a channel not to post identifying details."""
    return {
        "type": "context",
        "block_id": "privacy-reminder",
        "elements": [{"type": "mrkdwn", "text": f":lock: {escape(PRIVACY_REMINDER)}"}],
    }


def text_blocks(text: str) -> list[Block]:
    """Sections for a plain bot message (only needed when blocks are required)."""
    return _sections(escape(text))


def button_blocks(buttons: Sequence[Mapping[str, Any]]) -> list[Block]:
    """Rasa buttons as ``actions`` blocks of at most 5 buttons each, in order.

    Each button's ``value`` is its Rasa payload (or its title when it has
    none), which the channel sends back to Rasa when it is clicked.
    """
    blocks: list[Block] = []
    for start in range(0, len(buttons), BUTTONS_PER_BLOCK):
        group = buttons[start : start + BUTTONS_PER_BLOCK]
        elements = [
            {
                "type": "button",
                "action_id": f"choice-{start + offset}",
                "text": _plain(str(button.get("title", "")), BUTTON_LABEL_LIMIT),
                "value": _cut(
                    str(button.get("payload") or button.get("title", "")), BUTTON_VALUE_LIMIT
                ),
            }
            for offset, button in enumerate(group)
        ]
        blocks.append(
            {
                "type": "actions",
                "block_id": f"choices-{start // BUTTONS_PER_BLOCK}",
                "elements": elements,
            }
        )
    return blocks


def question_blocks(text: str, buttons: Sequence[Mapping[str, Any]]) -> list[Block]:
    """A question: its text as sections, then every button, 5 per ``actions`` block."""
    return text_blocks(text) + button_blocks(buttons)


def note_block(text: str) -> Block:
    """A context block with a short note (plain words, escaped)."""
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": escape(text)}]}


def without_buttons(blocks: Iterable[Mapping[str, Any]], note: Block) -> list[Block]:
    """A posted question with its buttons replaced by ``note``, so it cannot be clicked again."""
    return [dict(block) for block in blocks if block.get("type") != "actions"] + [note]


def answered_blocks(blocks: Iterable[Mapping[str, Any]], user_id: str, choice: str) -> list[Block]:
    """A question after a click: the buttons replaced by who chose what."""
    note = {
        "type": "context",
        "block_id": "answered",
        "elements": [{"type": "mrkdwn", "text": f"<@{user_id}> chose *{escape(choice)}*"}],
    }
    return without_buttons(blocks, note)


LEVEL_ORDER = ("immediate", "significant", "complex", "additional", "universal")


def _reason(fired: Mapping[str, Any]) -> str:
    because = "; ".join(
        shown(str(fact), value) for fact, value in dict(fired.get("because") or {}).items()
    )
    title = str(fired.get("title") or fired.get("rule", ""))
    return f"{title} ({because})" if because else title


def _highest_first(fired: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    def rank(item: Mapping[str, Any]) -> int:
        level = item.get("level")
        return LEVEL_ORDER.index(level) if level in LEVEL_ORDER else len(LEVEL_ORDER)

    return sorted(fired, key=rank)


class DecisionView:
    """The lines of a decision, shared by its blocks and its plain-text fallback.

    Args:
        payload: the decision message's custom payload
            ``{"assessment": ..., "display": ..., "facts": ...}``.
    """

    def __init__(self, payload: Mapping[str, Any]) -> None:
        assessment: Mapping[str, Any] = payload.get("assessment") or {}
        display: Mapping[str, Any] = payload.get("display") or {}
        level = str(assessment.get("level", ""))
        self.label = str(display.get("level_label") or level or "Decision")
        self.meaning = str(display.get("level_meaning", ""))
        self.timescale = str(display.get("timescale", ""))
        highest = str((assessment.get("range") or {}).get("highest", level))
        range_labels: Mapping[str, str] = display.get("range_labels") or {}
        self.could_reach = (
            str(range_labels.get("highest") or highest) if highest and highest != level else ""
        )
        agency_names: Mapping[str, str] = display.get("agency_names") or {}
        self.reasons = [_reason(item) for item in _highest_first(assessment.get("fired") or [])]
        if isinstance(display.get("reasons"), list):
            self.reasons = [
                f"{r['title']} ({'; '.join(r['because'])})" if r.get("because") else r["title"]
                for r in display["reasons"]
            ]
        self.agencies = [
            f"{you['name']}, {you['when_words']}: {you['does']}" for you in display.get("you") or []
        ]
        if isinstance(display.get("contacts"), list):
            self.agencies += [
                f"{c['name']}, {c['when_words']}" + (f": {c['why']}" if c.get("why") else "")
                for c in display["contacts"]
            ]
        else:
            self.agencies += [
                f"{agency_names.get(item.get('id', ''), item.get('id', ''))}, "
                f"{WHEN_WORDS.get(str(item.get('when', '')), str(item.get('when', '')))}"
                + (f": {item['why']}" if item.get("why") else "")
                for item in assessment.get("agencies") or []
            ]
        if isinstance(display.get("find_out"), list):
            self.find_out = [_gap(item) for item in display["find_out"]]
        else:
            self.find_out = [
                str(gap.get("ask", gap.get("fact", ""))) for gap in assessment.get("gaps", [])
            ]
        self.find_out_first = bool(display.get("find_out_first", self.could_reach))
        self.changes = [
            f"Changed: {c['label']} {c['from']} → {c['to']}" for c in display.get("changes") or []
        ]
        self.next_steps = [str(step) for step in assessment.get("next_steps", [])]
        urgent: Mapping[str, Any] = display.get("emergency") or {}
        self.first_steps_heading = str(urgent.get("first_steps_heading", ""))
        self.first_steps = [str(step) for step in urgent.get("first_steps") or []]
        self.then = str(urgent.get("then", ""))
        if urgent.get("title"):
            self.label = str(urgent["title"])
        door: Mapping[str, Any] = display.get("front_door") or {}
        parts = [str(door.get("name", "")), str(door.get("phone", ""))]
        if door.get("out_of_hours"):
            parts.append(f"out of hours {door['out_of_hours']}")
        if door.get("emergency"):
            parts.append(f"emergency {door['emergency']}")
        self.front_door = ", ".join(part for part in parts if part)
        self.summary = str(display.get("summary", ""))
        self.policy_version = str(assessment.get("policy_version", ""))
        self.call_now = (
            str(urgent["call"])
            if urgent.get("call")
            else f"Call {door.get('emergency') or '999'} now (police or ambulance), then refer to "
            f"{door.get('name') or 'the front door'} the same day and tell your safeguarding lead."
            if level == "immediate"
            else ""
        )
        if urgent.get("kind") == "medical" and "childrens_social_care" not in {
            str(a.get("id")) for a in assessment.get("agencies") or []
        }:
            self.front_door = ""

    def headline(self) -> str:
        """The level with its meaning and timescale, in one line."""
        return " ".join(part for part in (f"{self.label}:", self.meaning, self.timescale) if part)

    def lists(self) -> list[tuple[str, list[str]]]:
        """The titled lists of the decision, in reading order, empty ones left out.

        In an emergency the first steps come first; when the range is wider
        than the level, what to find out comes before the reasons.
        """
        first = [(self.first_steps_heading or "While help comes", self.first_steps)]
        gaps = (
            "What to find out first" if self.find_out_first else "What to find out",
            self.find_out,
        )
        titled = [
            *first,
            *([gaps] if self.find_out_first else []),
            ("Why", self.reasons),
            ("Who to contact, and when", self.agencies),
            *([] if self.find_out_first else [gaps]),
            ("What you do next", self.next_steps),
        ]
        return [(title, items) for title, items in titled if items]


def _gap(item: Mapping[str, Any]) -> str:
    who = f" - {item['who']}" if item.get("who") else ""
    reach = item.get("could_reach_label")
    tail = f" Could raise the level to {reach}." if reach else ""
    name = str(item.get("label", ""))
    return f"{name[:1].upper()}{name[1:]}{who}: {item.get('ask', '')}{tail}"


def decision_text(payload: Mapping[str, Any]) -> str:
    """The decision as plain text: the notification and fallback of its blocks."""
    view = DecisionView(payload)
    lines = [view.call_now] if view.call_now else []
    lines.append(view.headline())
    lines += view.changes
    if view.could_reach:
        lines.append(f"Could be as high as {view.could_reach} if what is not known is concerning.")
    for title, items in view.lists():
        lines.append(f"{title}:")
        lines.extend(f"- {item}" for item in items)
    if view.then:
        lines.append(view.then)
    if view.front_door:
        lines.append(f"Front door: {view.front_door}")
    return _cut("\n".join(lines), TEXT_LIMIT)


def decision_blocks(payload: Mapping[str, Any]) -> list[Block]:
    """The decision as Block Kit: a header with the level, then a section per list."""
    view = DecisionView(payload)
    blocks: list[Block] = [{"type": "header", "text": _plain(view.label, HEADER_LIMIT)}]
    if view.call_now:
        blocks += _sections(f":rotating_light: *{escape(view.call_now)}*")
    blocks += _sections("\n".join(escape(p) for p in (view.meaning, view.timescale) if p))
    if view.could_reach:
        blocks += _sections(
            f"Could be as high as *{escape(view.could_reach)}* if what is not known is concerning."
        )
    if view.changes:
        blocks += _sections("\n".join(escape(change) for change in view.changes))
    for title, items in view.lists():
        blocks.append({"type": "divider"})
        bullet = "•" if title not in ("What you do next", view.first_steps_heading) else None
        lines = [
            f"{bullet or str(number) + '.'} {escape(item)}" for number, item in enumerate(items, 1)
        ]
        blocks += _sections(f"*{title}*\n" + "\n".join(lines))
    if view.then:
        blocks += _sections(f"*{escape(view.then)}*")
    if view.summary:
        blocks.append({"type": "divider"})
        blocks += _sections("*Referral summary (no names)*")
        blocks += [_code(chunk) for chunk in _chunks(escape(view.summary), SECTION_LIMIT - 6)]
    footer = [f"Front door: {escape(view.front_door)}"] if view.front_door else []
    if view.policy_version:
        footer.append(f"Rules version {escape(view.policy_version)}")
    if footer:
        blocks.append(
            {"type": "context", "elements": [{"type": "mrkdwn", "text": " · ".join(footer)}]}
        )
    blocks.append(
        {
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": escape(FOLLOW_UPS)}],
        }
    )
    if len(blocks) > MAX_BLOCKS:
        blocks = blocks[: MAX_BLOCKS - 1] + _sections(
            "_(shortened: see the web page for the rest)_"
        )
    return blocks
