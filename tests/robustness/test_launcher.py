"""The launcher behind `make run` keeps the assistant up, and SIGTERM leaves no orphans.

Runs after the other server tests on the same launcher (tests/robustness/conftest.py):
a conversation is half answered, Rasa is killed mid-form and restarted by the
launcher, the conversation resumes (a repeated message_id still gets its
first reply), the action server is killed and restarted, the assessment
finishes with the facts that were said; then SIGTERM to the launcher's
process group, as a service manager sends it, stops everything.
"""

from __future__ import annotations

import os
import signal
import socket
import time
from pathlib import Path

import pytest

from tests.conversation.test_e2e import ASTHMA_ANSWERS
from tests.robustness.conftest import Launched, new_sender, send
from tests.robustness.test_faults import FACTS, _decision_facts, _user_turns

pytestmark = pytest.mark.servers


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _alive(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    try:
        return "zombie" not in status.read_text()
    except OSError:
        return False


def test_rasa_killed_mid_form_is_restarted_and_the_conversation_resumes(
    robust_servers: Launched,
) -> None:
    launched = robust_servers
    sender = new_sender(launched)
    assert send(launched, sender, "hello")[0] == 200
    for index, (text, _, _) in enumerate(ASTHMA_ANSWERS[:6]):
        assert send(launched, sender, text, message_id=f"l-{index}")[0] == 200
    before = send(launched, sender, ASTHMA_ANSWERS[5][0], message_id="l-5")
    turns = _user_turns(launched, sender)
    printed = launched.kill("rasa")
    launched.wait_restarted("rasa", printed)
    assert send(launched, sender, ASTHMA_ANSWERS[5][0], message_id="l-5") == before
    assert _user_turns(launched, sender) == turns
    replies: list[dict] = []
    for index, (text, _, _) in enumerate(ASTHMA_ANSWERS[6:], start=6):
        status, replies = send(launched, sender, text, message_id=f"l-{index}")
        assert status == 200
    assert _decision_facts(replies) == FACTS


def test_sigterm_to_the_launchers_group_stops_both_servers(robust_servers: Launched) -> None:
    launched = robust_servers
    servers = launched.servers()
    assert len(servers) == 2, servers
    os.killpg(launched.process.pid, signal.SIGTERM)  # what a service manager sends
    assert launched.process.wait(timeout=60) == 0
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(_alive(pid) for pid in servers):
        time.sleep(0.2)
    assert not [pid for pid in servers if _alive(pid)], "servers left running"
    assert not _listening(launched.rasa_port) and not _listening(launched.action_port)
