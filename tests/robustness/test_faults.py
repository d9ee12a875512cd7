"""Faults over the real servers: what the user sees, and that the facts equal what was said.

Each test breaks one thing (action server killed or hung, store locked or
deleted, Rasa restarted), checks the reply and the stored conversation, then
repairs it, finishes the assessment and compares the decision's facts with
the answers given.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import requests

import bot
from tests.conversation.test_e2e import ASTHMA_ANSWERS
from tests.robustness.conftest import Launched, db_path, new_sender, send, texts
from tests.servers import tracker

pytestmark = pytest.mark.servers

FACTS = {fact: value for _, fact, value in ASTHMA_ANSWERS}


def _requested(servers: Launched, sender: str) -> Any:
    return tracker(servers, sender)["slots"]["requested_slot"]


def _user_turns(servers: Launched, sender: str) -> list[str]:
    return [e["text"] for e in tracker(servers, sender)["events"] if e["event"] == "user"]


def _decision_facts(messages: list[dict]) -> dict:
    [payload] = [m["custom"] for m in messages if "assessment" in (m.get("custom") or {})]
    assert payload["assessment"] == bot.decide(payload["facts"])
    return dict(payload["facts"])


def _start(servers: Launched, answers: int) -> str:
    """A new conversation with the first ``answers`` answers given."""
    sender = new_sender(servers)
    assert send(servers, sender, "hello")[0] == 200
    for text, fact, _ in ASTHMA_ANSWERS[:answers]:
        assert _requested(servers, sender) == fact
        status, _ = send(servers, sender, text, message_id=uuid.uuid4().hex)
        assert status == 200
    return sender


def _finish(servers: Launched, sender: str, start: int) -> dict:
    """Give the answers from ``start`` on; return the decision's facts."""
    replies: list[dict] = []
    for text, fact, _ in ASTHMA_ANSWERS[start:]:
        assert _requested(servers, sender) == fact
        status, replies = send(servers, sender, text, message_id=uuid.uuid4().hex)
        assert status == 200, texts(replies)
    return _decision_facts(replies)


def _health(servers: Launched) -> tuple[int, dict]:
    response = requests.get(f"{servers.rasa_url}/webhooks/web/health", timeout=30)
    return response.status_code, response.json()


def _assert_told_cannot_decide(status: int, replies: list[dict]) -> None:
    said = texts(replies)
    assert status == 503
    assert "cannot decide right now" in said and "999" in said
    assert "front door" in said.lower() or "contact" in said


def test_action_server_killed_mid_form_says_so_and_keeps_the_answer(robust_servers) -> None:
    servers = robust_servers
    sender = _start(servers, 3)
    fact = ASTHMA_ANSWERS[3][1]
    printed = servers.kill("actions")
    started = time.monotonic()
    status, replies = send(servers, sender, ASTHMA_ANSWERS[3][0], message_id="killed-1")
    assert time.monotonic() - started < 10
    _assert_told_cannot_decide(status, replies)
    state = tracker(servers, sender)
    assert state["slots"]["requested_slot"] == fact and state["slots"][fact] is None
    servers.wait_restarted("actions", printed)  # the launcher brings it back
    assert _finish(servers, sender, 3) == FACTS


def test_hung_action_server_answers_within_10_seconds(robust_servers) -> None:
    servers = robust_servers
    sender = _start(servers, 2)
    fact = ASTHMA_ANSWERS[2][1]
    other_sender = new_sender(servers)
    os.killpg(servers.pid("actions"), signal.SIGSTOP)
    try:
        started = time.monotonic()
        status, replies = send(servers, sender, ASTHMA_ANSWERS[2][0])
        waited = time.monotonic() - started
        started = time.monotonic()
        other_status, other = send(servers, other_sender, "hello")  # another user meanwhile
        other_waited = time.monotonic() - started
    finally:
        os.killpg(servers.pid("actions"), signal.SIGCONT)
    assert waited < 10, f"the user waited {waited:.1f} s"
    _assert_told_cannot_decide(status, replies)
    assert other_waited < 4, f"the next user waited {other_waited:.1f} s"
    _assert_told_cannot_decide(other_status, other)
    assert tracker(servers, sender)["slots"][fact] is None
    assert _finish(servers, sender, 2) == FACTS


@contextmanager
def _locked(path: os.PathLike) -> Iterator[None]:
    """Hold the SQLite file's write lock (another program writing, a stuck backup)."""
    connection = sqlite3.connect(path, timeout=1, isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        connection.execute("ROLLBACK")
        connection.close()


def test_a_store_that_cannot_save_says_not_saved_and_stays_on_the_question(
    robust_servers,
) -> None:
    servers = robust_servers
    sender = _start(servers, 4)
    fact = ASTHMA_ANSWERS[4][1]
    printed = len(servers.lines)
    with _locked(db_path(servers)):
        status, replies = send(servers, sender, ASTHMA_ANSWERS[4][0], message_id="locked-1")
        assert status == 503
        assert "not saved" in texts(replies) and "send it again" in texts(replies)
        assert "999" in texts(replies)
        code, report = _health(servers)
        assert code == 503 and report["status"] == "failing", report
        servers.wait_for("warning: failing: conversations cannot be saved", 20, printed)
    code, report = _health(servers)
    assert code == 200 and report["status"] == "ok", report
    servers.wait_for("The conversation store is saving again", 20, printed)
    assert _requested(servers, sender) == fact
    assert tracker(servers, sender)["slots"][fact] is None
    assert _finish(servers, sender, 4) == FACTS


def test_a_repeated_message_id_returns_the_first_reply_and_records_nothing(
    robust_servers,
) -> None:
    servers = robust_servers
    sender = _start(servers, 1)
    first = send(servers, sender, ASTHMA_ANSWERS[1][0], message_id="dup-1")
    turns = _user_turns(servers, sender)
    again = send(servers, sender, ASTHMA_ANSWERS[1][0], message_id="dup-1")
    assert again == first
    assert _user_turns(servers, sender) == turns
    assert _requested(servers, sender) == ASTHMA_ANSWERS[2][1]
    assert _finish(servers, sender, 2) == FACTS


def test_a_repeat_after_the_turn_was_saved_but_its_reply_not_kept_is_answered_once(
    robust_servers,
) -> None:
    """A server that saved the turn and stopped before keeping the reply by its
    message_id: the repeat gets the same reply back from the saved conversation."""
    servers = robust_servers
    sender = _start(servers, 1)
    first = send(servers, sender, ASTHMA_ANSWERS[1][0], message_id="saved-1")
    turns = _user_turns(servers, sender)
    with sqlite3.connect(db_path(servers), timeout=5) as connection:
        forgotten = connection.execute(
            "DELETE FROM message_replies WHERE conversation_id = ? AND message_id = ?",
            (sender, "saved-1"),
        ).rowcount
    assert forgotten == 1
    again = send(servers, sender, ASTHMA_ANSWERS[1][0], message_id="saved-1")
    assert again == first
    assert _user_turns(servers, sender) == turns
    assert _requested(servers, sender) == ASTHMA_ANSWERS[2][1]
    assert _finish(servers, sender, 2) == FACTS


def test_concurrent_sends_to_one_conversation_land_once_in_order(robust_servers) -> None:
    servers = robust_servers
    sender = _start(servers, 0)
    results: dict[int, tuple[int, list[dict]]] = {}

    def answer(index: int, text: str) -> None:
        results[index] = send(servers, sender, text, message_id=f"c-{index}")

    threads = []
    for index, (text, _, _) in enumerate(ASTHMA_ANSWERS):
        threads.append(threading.Thread(target=answer, args=(index, text)))
        threads[-1].start()
        time.sleep(0.05)  # arrival order: one after the other, none waiting for a reply
    for thread in threads:
        thread.join(120)
    assert all(status == 200 for status, _ in results.values()), results
    assert _user_turns(servers, sender)[1:] == [text for text, _, _ in ASTHMA_ANSWERS]
    assert _decision_facts(results[len(ASTHMA_ANSWERS) - 1][1]) == FACTS
    # the last answer sent again at once, three times: one reply, nothing recorded
    turns = _user_turns(servers, sender)
    last_id = f"c-{len(ASTHMA_ANSWERS) - 1}"
    replies = []

    def repeat() -> None:
        replies.append(send(servers, sender, ASTHMA_ANSWERS[-1][0], message_id=last_id))

    repeats = [threading.Thread(target=repeat) for _ in range(3)]
    for thread in repeats:
        thread.start()
    for thread in repeats:
        thread.join(60)
    assert replies == [results[len(ASTHMA_ANSWERS) - 1]] * 3
    assert _user_turns(servers, sender) == turns


def test_rasa_commands_typed_by_a_person_are_plain_text(robust_servers) -> None:
    servers = robust_servers
    sender = _start(servers, 2)
    turns = _user_turns(servers, sender)
    for command in (
        '/affirm{"assessment_done": true}',
        "/restart",
        "/session_start",
        "/back",
        '/inform{"immediate_danger": "yes"}',
    ):
        status, replies = send(servers, sender, command)
        assert status == 200 and "plain words" in texts(replies), command
        assert "Call 999 now" not in texts(replies)
    assert _user_turns(servers, sender) == turns
    assert _requested(servers, sender) == ASTHMA_ANSWERS[2][1]
    # a slash then words is read as words: here a request for help, so the question stays
    status, replies = send(servers, sender, "/ what do you mean?")
    latest = tracker(servers, sender)["latest_message"]
    assert status == 200 and latest["text"].endswith("/ what do you mean?")
    assert "Back to the question" in texts(replies) and "How old is the child" in texts(replies)
    assert latest["entities"] == [] and not latest["intent"]["name"].startswith("/")
    assert _requested(servers, sender) == ASTHMA_ANSWERS[2][1]
    assert _finish(servers, sender, 2) == FACTS


def test_the_start_button_text_still_starts_an_assessment(robust_servers) -> None:
    sender = new_sender(robust_servers)
    status, replies = send(robust_servers, sender, "start assessment")
    assert status == 200 and "immediate danger" in texts(replies)
    assert _requested(robust_servers, sender) == "immediate_danger"


def test_too_long_a_message_is_refused_with_the_limit(robust_servers) -> None:
    sender = _start(robust_servers, 0)
    status, reply = send_raw(robust_servers, sender, "x" * 2001)
    assert status == 413 and "at most 2000 characters" in reply["error"]
    assert _requested(robust_servers, sender) == "immediate_danger"


def send_raw(servers: Launched, sender: str, text: str) -> tuple[int, Any]:
    from tests.robustness.conftest import post

    return post(servers, {"sender": sender, "message": text}, channel="web")


def test_a_deleted_store_is_recreated_and_the_user_told(robust_servers) -> None:
    servers = robust_servers
    sender = _start(servers, 3)
    path = db_path(servers)
    for suffix in ("", "-journal", "-wal", "-shm"):
        if os.path.exists(f"{path}{suffix}"):
            os.remove(f"{path}{suffix}")
    status, replies = send(servers, sender, ASTHMA_ANSWERS[3][0])
    assert status == 200
    assert "conversation store was reset" in replies[0]["text"]
    assert "start the" in replies[0]["text"]
    assert path.exists()
    code, report = _health(servers)
    assert code == 200 and report["status"] == "degraded", report
    fresh = _start(servers, 0)
    assert _finish(servers, fresh, 0) == FACTS
