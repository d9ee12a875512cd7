"""Record tests/conversation/test_stories.yml from real conversations (a tool, not a test).

    python -m tests.conversation.record_stories

Starts its own servers, holds each conversation below over REST, and writes
every tracker as a Rasa test story with Rasa's own story writer
(``bot.scenarios.record.story_steps``). Run it again when the conversation
changes, then read the diff.
"""

from __future__ import annotations

import json
import tempfile
import uuid
from pathlib import Path

from bot.scenarios.record import conversation_tracker, story_steps
from tests.servers import running_servers, say

OUT = Path(__file__).with_name("test_stories.yml")
ANSWERS = [
    "no", "I'm the DSL at a primary school", "she's seven", "asthma", "out of date",
    "about 15", "often missed", "twice", "none", "no", "about 85%", "attendance has dropped",
    "yes", "suspected", "no", "no", "don't know", "none, not known to social care",
]  # fmt: skip
CONVERSATIONS = {
    "a full asthma assessment in words, then why, changes, summary and a correction": [
        "hello", *ANSWERS, "why?", "what would change this?", "summary",
        "actually attendance is 60%", "thanks",
    ],
    "yes to immediate danger: 999, the kind of danger, then carry on and stop": [
        "hello", "yes", "medical", "carry on", "stop", "yes",
    ],
    "danger stated mid-form gets the 999 advice in the same reply": [
        "hi", "no", "school", "he's 9", "epilepsy", "he's been fitting for ten minutes now",
        "medical",
    ],
    "asides, a miss, a hedge confirmed, undo and a correction during the questions": [
        "hello", "no", "why do you ask", "I'm a GP", "what is significant harm", "help",
        "summary", "40", "the age is 4", "asthma", "I think it's out of date", "yes",
        "go back", "no plan", "start again", "no",
    ],
    "an opening paragraph is listed and confirmed, then only what is missing is asked": [
        "Hi, I'm a class teacher. I'm worried about a 7 year old with asthma, "
        "attendance is about 60%.",
        "yes", "no", "change age", "8",
    ],
}  # fmt: skip


def main() -> None:
    """Hold every conversation and write the test stories."""
    parts = [
        'version: "3.1"\n\n'
        "# Conversation tests: rasa test core --stories tests/conversation/test_stories.yml\n"
        "#   --fail-on-prediction-errors (tests/conversation/test_rasa_data.py).\n"
        "# Recorded from real conversations: python -m tests.conversation.record_stories\n\n"
        "stories:\n"
    ]
    with tempfile.TemporaryDirectory() as folder, running_servers("stories", Path(folder)) as srv:
        for name, messages in CONVERSATIONS.items():
            sender = f"story-{uuid.uuid4().hex[:8]}"
            for text in messages:
                say(srv, sender, text)
            steps = story_steps(conversation_tracker(srv.rasa_url, srv.settings.api_token, sender))
            parts.append(f"- story: {json.dumps(name)}\n  steps:\n{steps}")
    OUT.write_text("".join(parts), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
