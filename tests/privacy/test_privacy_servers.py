"""Privacy end to end: the real Rasa and action servers over HTTP, Slack pointed at a fake API.

A careless practitioner types a name, an NHS number, a phone number, an email,
an address, a postcode and a date of birth into the web page and into Slack:
none of them may be found, byte for byte, in the tracker store, the servers'
logs (run at DEBUG) or the audit store. Each channel reaches only its own
conversations, REST needs its token, and no token shows in ``ps``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import secrets
import sqlite3
import stat
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from bot import decide
from bot.serve import ServerSet, private_settings
from bot.settings import PROJECT_ROOT, SettingsError, get_settings
from tests.servers import ACTION_TOKEN, ARTIFACTS, SLACK_SECRET, SlackServers, say, tracker
from tests.slack.fake_slack import FakeSlackApi, event_envelope, message, new_ts, signed_headers

pytestmark = pytest.mark.servers

DM = "D0PRIV0001"
PRACTITIONER = "U0PRIV0001"

CARELESS_MESSAGES = [
    "He is called Jayden Smith, NHS number 943 476 5919",
    "mum Sarah Okafor, 07700 900123, sarah.okafor@example.com",
    "they live at 14 Larkspur Road, Birmingham B12 9QR",
    "his date of birth is 12/03/2019",
]
"""Typed at the first question, one after another, before the plain answers."""

IDENTIFIERS = [
    "Jayden",
    "Smith",
    "943 476 5919",
    "9434765919",
    "Okafor",
    "07700 900123",
    "07700900123",
    "7700900123",
    "sarah.okafor@example.com",
    "Larkspur",
    "B12 9QR",
    "12/03/2019",
    "2019-03-12",
]
"""What must never be kept, in the forms it was typed or might be normalised to."""

CONTENT = ["they live at", "his date of birth is", "NHS number"]
"""Plain words of the messages: never in a log at any level."""

ANSWERS = {
    "immediate_danger": "no",
    "reporter_role": "school",
    "child_age_years": "7",
    "condition": "asthma",
    "management_plan": "out of date",
    "reliever_prescriptions_12m": "14",
    "medication_adherence": "poor",
    "unplanned_admissions_12m": "3",
    "missed_appointments_12m": "2",
    "medication_misuse": "no",
    "school_attendance_pct": "85%",
    "attendance_declining": "yes",
    "child_distress": "not sure",
    "carer_substance_misuse": "suspected",
    "living_situation_unstable": "no",
    "day_in_life_known": "no",
    "other_parent_involved": "don't know",
    "existing_involvement": "none",
}


@dataclass
class World:
    servers: ServerSet
    slack: FakeSlackApi
    log_dir: Path

    @property
    def url(self) -> str:
        return self.servers.rasa_url

    def web_session(self) -> str:
        response = requests.post(f"{self.url}/webhooks/web/session", timeout=10)
        response.raise_for_status()
        return str(response.json()["sender"])

    def web(self, sender: str, text: str) -> requests.Response:
        return requests.post(
            f"{self.url}/webhooks/web/webhook",
            json={"sender": sender, "message": text},
            timeout=60,
        )

    def rest(self, sender: str, text: str, token: str | None = None) -> requests.Response:
        headers = {} if token is None else {"Authorization": f"Bearer {token}"}
        return requests.post(
            f"{self.url}/webhooks/rest/webhook",
            json={"sender": sender, "message": text},
            headers=headers,
            timeout=60,
        )

    def slack_dm(self, text: str) -> None:
        event = message(PRACTITIONER, DM, text, new_ts(), channel_type="im")
        body = json.dumps(event_envelope(event)).encode()
        headers = signed_headers(SLACK_SECRET, body, "application/json")
        response = requests.post(
            f"{self.url}/webhooks/slack/webhook", data=body, headers=headers, timeout=30
        )
        assert response.ok, response.text

    def stored_senders(self) -> set[str]:
        with sqlite3.connect(self.servers.settings.tracker_db) as db:
            return {row[0] for row in db.execute("SELECT DISTINCT sender_id FROM events")}

    def kept_bytes(self) -> dict[str, bytes]:
        """Every file the servers keep: the tracker store, the audit store, the logs."""
        folder = self.servers.settings.tracker_db.parent
        files = [*folder.glob("*.db*"), *self.log_dir.glob("*.log")]
        return {str(path): path.read_bytes() for path in files}


@pytest.fixture(scope="module")
def world(slack_servers: SlackServers) -> World:
    return World(slack_servers.servers, slack_servers.api, slack_servers.log_dir)


def _texts(messages: list[dict[str, Any]]) -> list[str]:
    return [str(m.get("text", "")) for m in messages]


def _answer(world: World, sender: str, messages: list[dict[str, Any]]) -> dict[str, Any]:
    """Answer every question over the web channel; return the decision's payload."""
    for _ in range(3 * len(ANSWERS)):
        asked = tracker(world.servers, sender)["slots"].get("requested_slot")
        if asked is None:
            break
        response = world.web(sender, ANSWERS[asked])
        assert response.status_code == 200, response.text
        messages += response.json()
    cards = [m["custom"] for m in messages if isinstance(m.get("custom"), dict)]
    assert cards, "no decision was given"
    return dict(cards[-1])


def test_a_careless_web_conversation_keeps_no_identifier(world: World) -> None:
    sender = world.web_session()
    messages: list[dict[str, Any]] = []
    for text in ["start assessment", *CARELESS_MESSAGES]:
        response = world.web(sender, text)
        assert response.status_code == 200, response.text
        messages += response.json()
    notices = [t for t in _texts(messages) if t.startswith("I removed")]
    assert len(notices) == 1, "the practitioner is told once per conversation"
    assert "an NHS number" in notices[0] and "a name" in notices[0]
    payload = _answer(world, sender, messages)
    assert payload["assessment"] == decide(payload["facts"])
    user_texts = [
        e["text"] for e in tracker(world.servers, sender)["events"] if e["event"] == "user"
    ]
    assert "He is called [name], NHS number [NHS number]" in user_texts
    assert "his date of birth is [date of birth: age 7]" in user_texts or any(
        "[date of birth: age" in t for t in user_texts
    )
    _assert_nothing_kept(world)


def test_a_careless_slack_conversation_keeps_no_identifier(world: World) -> None:
    conversation = f"slack_{PRACTITIONER}"
    for count, text in enumerate(["hello", *CARELESS_MESSAGES], start=1):
        world.slack_dm(text)
        _wait_for_user_turns(world, conversation, count)
    posts = world.slack.settle()
    notices = [p for p in posts if "I removed" in p.text and p.body.get("channel") == DM]
    assert len(notices) == 1, [p.text[:80] for p in posts]
    assert all(identifier not in p.text for p in posts for identifier in IDENTIFIERS)
    _assert_nothing_kept(world)


def test_the_audit_trail_has_the_decision_without_free_text(world: World) -> None:
    env = {**os.environ, "AUDIT_DB": str(world.servers.settings.audit_db)}
    exported = subprocess.run(
        [sys.executable, "-m", "bot", "audit", "--format", "jsonl"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    records = [json.loads(line) for line in exported.splitlines()]
    web = [r for r in records if r["channel"] == "web"]
    assert web and web[-1]["level"] == decide(web[-1]["facts"])["level"]
    assert all(len(r["conversation_key"]) == 20 for r in records)
    assert not any(r["conversation_key"].startswith(("web-", "slack_")) for r in records)
    verified = subprocess.run(
        [sys.executable, "-m", "bot", "audit", "--verify"], cwd=PROJECT_ROOT, env=env
    )
    assert verified.returncode == 0


def test_made_up_and_other_channels_senders_are_refused_and_nothing_recorded(
    world: World,
) -> None:
    token = world.servers.settings.rest_token
    made_up = "web-" + "0" * 32 + "-" + "0" * 24
    assert world.web(made_up, "hello").status_code == 403
    assert world.web("web-" + secrets.token_hex(16), "hello").status_code == 403
    assert world.web("slack_U0PRIV0001", "hello").status_code == 403
    web_sender = world.web_session()
    assert world.rest(web_sender, "hello", token).status_code == 400
    assert world.rest(f"slack_{PRACTITIONER}", "what is the summary", token).status_code == 400
    assert world.rest(f"slack_{DM}_{new_ts()}", "hello", token).status_code == 400
    stored = world.stored_senders()
    assert made_up not in stored and web_sender not in stored


def test_rest_needs_its_bearer_token(world: World) -> None:
    assert world.rest("rest-check-1", "hello").status_code == 401
    assert world.rest("rest-check-1", "hello", token="wrong").status_code == 401
    assert "rest-check-1" not in world.stored_senders()
    assert say(world.servers, "rest-check-2", "hello")
    assert "rest-check-2" in world.stored_senders()


def test_no_token_shows_in_ps_and_the_api_takes_a_header(world: World) -> None:
    listing = subprocess.run(["ps", "axww", "-o", "args"], capture_output=True, text=True).stdout
    settings = world.servers.settings
    assert "bot.privacy.launch" in listing
    for token in (settings.api_token, settings.rest_token, ACTION_TOKEN):
        assert token and token not in listing
    url = f"{world.url}/conversations/rest-check-2/tracker"
    assert requests.get(url, timeout=10).status_code == 401
    bearer = {"Authorization": f"Bearer {settings.api_token}"}
    assert requests.get(url, headers=bearer, timeout=10).status_code == 200
    assert requests.get(url, headers={"token": settings.api_token}, timeout=10).status_code == 200


def test_stores_are_readable_by_their_owner_only(world: World) -> None:
    settings = world.servers.settings
    for path in (settings.tracker_db, settings.audit_db):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(settings.tracker_db.parent.stat().st_mode) == 0o700


def test_restarting_a_conversation_deletes_it_at_once(world: World) -> None:
    sender = world.web_session()
    assert world.web(sender, "start assessment").status_code == 200
    assert world.web(sender, "no").status_code == 200
    assert sender in world.stored_senders()
    response = requests.post(
        f"{world.url}/conversations/{sender}/tracker/events",
        json={"event": "restart"},
        headers={"Authorization": f"Bearer {world.servers.settings.api_token}"},
        timeout=30,
    )
    assert response.status_code == 200
    assert sender not in world.stored_senders()


def _wait_for_user_turns(world: World, conversation: str, count: int) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            events = tracker(world.servers, conversation).get("events") or []
        except requests.HTTPError:
            events = []
        users = sum(e["event"] == "user" for e in events)
        if users >= count and events[-1].get("name") == "action_listen":
            return
        time.sleep(0.3)
    raise AssertionError(f"Rasa never handled {count} messages in {conversation}")


def _assert_nothing_kept(world: World) -> None:
    kept = world.kept_bytes()
    assert any(name.endswith("conversations.db") for name in kept)
    assert any(name.endswith(".log") for name in kept)
    for name, content in kept.items():
        for identifier in IDENTIFIERS:
            assert identifier.encode() not in content, f"{identifier!r} kept in {name}"
        if name.endswith(".log"):
            for words in CONTENT:
                assert words.encode() not in content, f"message text {words!r} in {name}"


def test_the_action_server_needs_its_token_when_one_is_set(tmp_path: Path) -> None:
    settings = dataclasses.replace(
        private_settings(tmp_path / "conversations.db"), action_token=secrets.token_hex(16)
    )
    servers = ServerSet(settings, log_dir=ARTIFACTS / "logs" / "privacy-actions")
    try:
        servers.start_actions()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{servers.action_url}/health", timeout=2).ok:
                    break
            except requests.RequestException:
                time.sleep(0.3)
        call = {
            "next_action": "action_respond",
            "sender_id": "x",
            "tracker": {"latest_message": {"text": "mum Sarah Okafor drinks"}},
        }
        webhook = f"{servers.action_url}/webhook"
        assert requests.post(webhook, json=call, timeout=10).status_code == 401
        wrong = {"Authorization": "Bearer wrong"}
        assert requests.post(webhook, json=call, headers=wrong, timeout=10).status_code == 401
        right = {"Authorization": f"Bearer {settings.action_token}"}
        failed = requests.post(webhook, json=call, headers=right, timeout=10)
        assert failed.status_code == 500, "a broken tracker fails the action"
        assert "Okafor" not in failed.text and "request_body" not in failed.text
        listing = subprocess.run(["ps", "axww", "-o", "args"], capture_output=True, text=True)
        assert settings.action_token not in listing.stdout
    finally:
        servers.stop()


def test_opening_the_action_server_without_a_token_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ACTION_HOST", "0.0.0.0")
    monkeypatch.setenv("ACTION_TOKEN", "")
    with pytest.raises(SettingsError, match="ACTION_TOKEN"):
        get_settings()


def test_the_web_page_can_forget_its_conversation_at_once(world: World) -> None:
    sender = world.web_session()
    assert world.web(sender, "start assessment").status_code == 200
    assert world.web(sender, "no").status_code == 200
    assert sender in world.stored_senders()
    forget = f"{world.url}/webhooks/web/forget"
    other = world.web_session()
    assert requests.post(forget, json={"sender": "web-x"}, timeout=30).status_code == 403
    assert requests.post(forget, json={"sender": other}, timeout=30).json() == {"forgotten": True}
    assert sender in world.stored_senders()
    assert requests.post(forget, json={"sender": sender}, timeout=30).status_code == 200
    assert sender not in world.stored_senders()
    assert world.web(sender, "hello").status_code == 200, "the session may start afresh"


def test_rest_removes_identifiers_too_and_says_so_once(world: World) -> None:
    first = say(world.servers, "rest-ids-1", "hello, mum Sarah Okafor is worried")
    assert first[0]["text"].startswith("I removed a name")
    second = say(world.servers, "rest-ids-1", "dad Kevin Okafor rang me")
    assert not any(t.startswith("I removed") for t in _texts(second))
    events = tracker(world.servers, "rest-ids-1")["events"]
    typed = [e["text"] for e in events if e["event"] == "user"]
    assert typed == ["hello, mum [name] is worried", "dad [name] rang me"]
    _assert_nothing_kept(world)


def _stored_texts(world: World, sender: str) -> str:
    with sqlite3.connect(world.servers.settings.tracker_db) as db:
        rows = db.execute("SELECT data FROM events WHERE sender_id = ?", (sender,)).fetchall()
    return "\n".join(str(row[0]) for row in rows)


@pytest.mark.parametrize(
    ("clear", "then_asked"),
    [("start again", "immediate_danger"), ("forget this conversation", None)],
)
def test_typed_start_again_or_forget_deletes_what_was_said_once_confirmed(
    world: World, clear: str, then_asked: str | None
) -> None:
    sender = world.web_session()
    for text in ("start assessment", "no", "school", "she is seven years old", "asthma"):
        assert world.web(sender, text).status_code == 200
    assert "she is seven years old" in _stored_texts(world, sender)
    asked = world.web(sender, clear).json()
    assert any("clear" in t or "Delete" in t for t in _texts(asked))
    assert "she is seven years old" in _stored_texts(world, sender), "nothing before a yes"
    done = world.web(sender, "yes").json()
    assert any("deleted" in t for t in _texts(done))
    stored = _stored_texts(world, sender)
    assert "she is seven years old" not in stored and '"asthma"' not in stored
    slots = tracker(world.servers, sender)["slots"]
    assert slots.get("child_age_years") is None and slots.get("condition") is None
    assert slots.get("requested_slot") == then_asked
    if then_asked:  # the conversation goes on from the first question
        assert world.web(sender, "no").status_code == 200
        assert tracker(world.servers, sender)["slots"]["immediate_danger"] == "no"
