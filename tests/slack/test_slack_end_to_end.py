"""Slack end to end: the real Rasa and action servers, a fake Slack Web API.

The project's Slack channel is pointed at the fake API with
``SLACK_API_BASE_URL``; the tests send the signed events and clicks Slack
would send, and read what the assistant posted. No internet is used.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

import pytest
import requests

from bot import decide
from bot.channels import slack_blocks
from bot.serve import ServerSet
from bot.settings import get_settings
from tests.servers import SLACK_SECRET, SLACK_TOKEN, SlackServers, tracker
from tests.slack.fake_slack import (
    ApiCall,
    FakeSlackApi,
    click_payload,
    event_envelope,
    form_body,
    mention,
    message,
    new_ts,
    signed_headers,
)

pytestmark = pytest.mark.servers

TOKEN, SECRET = SLACK_TOKEN, SLACK_SECRET
CHANNEL, DM = "C0CASES01", "D0PRACT01"
PRACTITIONER, COLLEAGUE = "U0PRACT01", "U0COLL001"

# What the practitioner answers to each question: ("click", button value) or
# ("type", free text), and the fact value the answer means.
ANSWERS: dict[str, tuple[str, str, Any]] = {
    "immediate_danger": ("click", "no", "no"),
    "reporter_role": ("click", "school", "school"),
    "child_age_years": ("type", "she's seven", 7),
    "condition": ("click", "asthma", "asthma"),
    "management_plan": ("click", "out of date", "out_of_date"),
    "reliever_prescriptions_12m": ("type", "about 14", 14),
    "medication_adherence": ("click", "no", "poor"),
    "unplanned_admissions_12m": ("click", "3", 3),
    "missed_appointments_12m": ("type", "2", 2),
    "medication_misuse": ("click", "no", "no"),
    "school_attendance_pct": ("type", "85%", 85),
    "attendance_declining": ("click", "yes", "yes"),
    "child_distress": ("type", "not sure", "unknown"),
    "carer_substance_misuse": ("click", "suspected", "suspected"),
    "living_situation_unstable": ("click", "no", "no"),
    "day_in_life_known": ("type", "no", "no"),
    "other_parent_involved": ("click", "don't know", "unknown"),
    "existing_involvement": ("click", "none", "none"),
}
# Answers the assistant cannot use, typed first: after two of them it offers
# every button (6 or more for the condition), split over two rows in Slack.
UNUSABLE_FIRST = {"condition": ["purple", "purple"]}


@dataclass
class SlackWorld:
    """The fake Slack API and the servers, with Slack's side of the conversation."""

    api: FakeSlackApi
    servers: ServerSet

    @property
    def webhook(self) -> str:
        return f"{self.servers.rasa_url}/webhooks/slack/webhook"

    def send_event(
        self,
        event: dict[str, Any],
        *,
        envelope: dict[str, Any] | None = None,
        secret: str = SECRET,
        timestamp: int | None = None,
        extra_headers: dict[str, str] | None = None,
    ) -> requests.Response:
        body = json.dumps(envelope or event_envelope(event)).encode()
        headers = {
            **signed_headers(secret, body, "application/json", timestamp),
            **(extra_headers or {}),
        }
        return requests.post(self.webhook, data=body, headers=headers, timeout=30)

    def click(self, user: str, question: ApiCall, value: str) -> requests.Response:
        title = next(
            element["text"]["text"]
            for block in question.blocks
            if block["type"] == "actions"
            for element in block["elements"]
            if element["value"] == value
        )
        body = form_body(click_payload(user, question, title))
        headers = signed_headers(SECRET, body, "application/x-www-form-urlencoded")
        return requests.post(self.webhook, data=body, headers=headers, timeout=30)

    def events(self, conversation: str) -> list[dict[str, Any]]:
        return list(tracker(self.servers, conversation).get("events") or [])

    def wait_for_turns(self, conversation: str, user_turns: int, timeout: float = 90) -> dict:
        """Wait until Rasa has handled ``user_turns`` user messages and listens again."""
        deadline = time.monotonic() + timeout
        while True:
            state = tracker(self.servers, conversation)
            events = state.get("events") or []
            users = sum(e["event"] == "user" for e in events)
            listening = bool(events) and events[-1].get("name") == "action_listen"
            if users >= user_turns and listening:
                assert users == user_turns, f"{users} user turns, expected {user_turns}"
                return dict(state)
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"Rasa handled {users} of {user_turns} turns in {conversation}"
                )
            time.sleep(0.3)

    def thread_posts(self, thread: str) -> list[ApiCall]:
        return [p for p in self.api.posts(CHANNEL) if p.body.get("thread_ts") == thread]

    def wait_for_posts(self, thread: str, more_than: int, timeout: float = 30) -> list[ApiCall]:
        """Wait until the thread has more than ``more_than`` posts (Slack posts after the turn)."""
        deadline = time.monotonic() + timeout
        while len(posts := self.thread_posts(thread)) <= more_than:
            if time.monotonic() > deadline:
                raise AssertionError(f"no reply posted in the thread after {more_than} posts")
            time.sleep(0.2)
        while True:  # a turn may post several messages: wait until they have all come
            time.sleep(0.5)
            again = self.thread_posts(thread)
            if len(again) == len(posts) or time.monotonic() > deadline:
                return again
            posts = again


@pytest.fixture(scope="module")
def slack(slack_servers: SlackServers) -> SlackWorld:
    return SlackWorld(slack_servers.api, slack_servers.servers)


def _buttons(post: ApiCall) -> list[tuple[str, str]]:
    return [
        (element["text"]["text"], element["value"])
        for block in post.blocks
        if block["type"] == "actions"
        for element in block["elements"]
    ]


def _bot_button_lists(events: list[dict[str, Any]]) -> list[list[tuple[str, str]]]:
    return [
        [(b["title"], b["payload"]) for b in e["data"]["buttons"]]
        for e in events
        if e["event"] == "bot" and (e.get("data") or {}).get("buttons")
    ]


def test_full_assessment_in_a_thread_matches_decide(slack: SlackWorld) -> None:
    root = new_ts()
    conversation = f"slack_{CHANNEL}_{root}"
    assert slack.send_event(
        mention(PRACTITIONER, CHANNEL, "I have a concern about a child", root)
    ).ok
    turns = 1
    state = slack.wait_for_turns(conversation, turns)
    posted = len(slack.wait_for_posts(root, 0))
    clicks = typed = 0
    unusable = {fact: list(texts) for fact, texts in UNUSABLE_FIRST.items()}
    for _ in range(3 * len(ANSWERS)):
        asked = state["slots"].get("requested_slot")
        if asked is None:
            break
        how, answer, _ = ANSWERS[asked]
        question = slack.thread_posts(root)[-1]  # the posts of this turn are all in
        if unusable.get(asked):
            text = unusable[asked].pop()
            assert slack.send_event(message(PRACTITIONER, CHANNEL, text, new_ts(), root)).ok
        elif how == "click" and answer in [value for _, value in _buttons(question)]:
            assert slack.click(PRACTITIONER, question, answer).ok
            clicks += 1
        elif asked == "child_age_years":
            ts = new_ts()  # one message delivered twice: as a thread message and a mention
            assert slack.send_event(message(PRACTITIONER, CHANNEL, answer, ts, root)).ok
            assert slack.send_event(mention(PRACTITIONER, CHANNEL, answer, ts, root)).ok
            typed += 1
        else:
            assert slack.send_event(message(PRACTITIONER, CHANNEL, answer, new_ts(), root)).ok
            typed += 1
        turns += 1
        state = slack.wait_for_turns(conversation, turns)
        posted = len(slack.wait_for_posts(root, posted))
    assert state["slots"].get("requested_slot") is None, "the questions never finished"
    assert clicks >= 8 and typed >= 4, (clicks, typed)

    posts = slack.thread_posts(root)
    assert [p for p in slack.api.posts(CHANNEL) if p.body.get("thread_ts") != root] == []
    assert all(p.token == TOKEN for p in posts)
    reminders = [p for p in posts if slack_blocks.PRIVACY_REMINDER in p.text]
    assert reminders == [posts[0]], "only the first reply in the channel carries the reminder"

    events = slack.events(conversation)
    rasa_buttons = _bot_button_lists(events)
    posted_buttons = [_buttons(p) for p in posts if _buttons(p)]
    assert posted_buttons == rasa_buttons, "every question's buttons are posted, none dropped"
    assert any(len(buttons) > 5 for buttons in posted_buttons), "a question had 6+ buttons"
    for post in posts:
        assert all(len(b["elements"]) <= 5 for b in post.blocks if b["type"] == "actions")
    updates = [c for c in slack.api.calls if c.method == "chat.update"]
    assert len(updates) == clicks and all("actions" not in json.dumps(u.blocks) for u in updates)

    [payload] = [
        e["data"]["custom"]
        for e in events
        if e["event"] == "bot" and "assessment" in ((e.get("data") or {}).get("custom") or {})
    ]
    facts = {fact: value for fact, (_, _, value) in ANSWERS.items()}
    assert payload["facts"] == facts
    assert payload["assessment"] == decide(facts)
    [decision] = [p for p in posts if p.blocks and p.blocks[0]["type"] == "header"]
    assert decision.blocks == slack_blocks.decision_blocks(payload)
    assert decision.text == slack_blocks.escape(slack_blocks.decision_text(payload))
    assert decision.blocks[0]["text"]["text"] == payload["display"]["level_label"]


def test_forged_stale_and_replayed_requests_post_nothing(slack: SlackWorld) -> None:
    forged_root, stale_root, root = new_ts(), new_ts(), new_ts()
    forged = slack.send_event(mention(PRACTITIONER, CHANNEL, "hello", forged_root), secret="guess")
    stale = slack.send_event(
        mention(PRACTITIONER, CHANNEL, "hello", stale_root), timestamp=int(time.time()) - 6 * 60
    )
    assert (forged.status_code, stale.status_code) == (401, 401)

    envelope = event_envelope(mention(PRACTITIONER, CHANNEL, "hello", root))
    assert slack.send_event({}, envelope=envelope).ok
    slack.wait_for_turns(f"slack_{CHANNEL}_{root}", 1)
    posts_before = len(slack.api.settle(quiet=1.0))
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    replay = slack.send_event({}, envelope=envelope, extra_headers=retry)
    assert replay.ok and replay.headers.get("X-Slack-No-Retry") == "1"

    assert len(slack.api.settle(quiet=2.0)) == posts_before
    assert slack.thread_posts(forged_root) == [] and slack.thread_posts(stale_root) == []
    for thread, expected in ((forged_root, 0), (stale_root, 0), (root, 1)):
        events = slack.events(f"slack_{CHANNEL}_{thread}")
        assert sum(e["event"] == "user" for e in events) == expected


def test_colleague_chat_in_a_thread_is_not_answered(slack: SlackWorld) -> None:
    root = new_ts()
    conversation = f"slack_{CHANNEL}_{root}"
    assert slack.send_event(mention(PRACTITIONER, CHANNEL, "hello", root)).ok
    slack.wait_for_turns(conversation, 1)
    before = len(slack.api.settle(quiet=1.0))
    assert slack.send_event(message(COLLEAGUE, CHANNEL, "I know the family", new_ts(), root)).ok
    assert len(slack.api.settle(quiet=2.0)) == before
    assert sum(e["event"] == "user" for e in slack.events(conversation)) == 1


def test_direct_message_is_answered_in_the_dm_without_reminder(slack: SlackWorld) -> None:
    conversation = f"slack_{COLLEAGUE}"
    assert slack.send_event(message(COLLEAGUE, DM, "hello", new_ts(), channel_type="im")).ok
    slack.wait_for_turns(conversation, 1)
    posts = slack.api.posts(DM)
    assert posts and all("thread_ts" not in p.body for p in posts)
    assert all(slack_blocks.PRIVACY_REMINDER not in p.text for p in posts)


def test_rasa_without_slack_settings_runs_and_the_webhook_says_so(servers: ServerSet) -> None:
    if get_settings().slack_configured:
        pytest.skip("Slack is configured in this environment's .env")
    reply = requests.post(f"{servers.rasa_url}/webhooks/slack/webhook", data=b"{}", timeout=30)
    assert reply.status_code == 503
    assert (
        reply.text
        == "Slack is not configured (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET in .env)"
    )
