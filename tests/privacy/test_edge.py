"""Signed web sessions, the REST token and senders, owner-only secrets, content-free logs."""

from __future__ import annotations

import logging
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.privacy import files, keys
from bot.privacy.edge import clean_text, rest_sender_problem, rest_token_problem
from bot.privacy.launch import WITHHELD, install_log_scrubber


@pytest.fixture(autouse=True)
def private_run_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    run = tmp_path / "run"
    monkeypatch.setattr(files, "RUN_DIR", run)
    monkeypatch.delenv("WEB_SESSION_SECRET", raising=False)
    monkeypatch.delenv("AUDIT_SECRET", raising=False)
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "conversations.db"))
    monkeypatch.delenv("STATE_URL", raising=False)
    monkeypatch.delenv("TRACKER_URL", raising=False)
    return run


def test_the_server_verifies_the_session_ids_it_issued(private_run_dir: Path) -> None:
    sender = keys.new_web_sender()
    assert keys.is_issued_web_sender(sender)
    assert len(sender) <= 64
    forged = sender[:-1] + ("0" if sender[-1] != "0" else "1")
    assert not keys.is_issued_web_sender(forged)
    assert not keys.is_issued_web_sender("web-" + "a" * 32)
    assert not keys.is_issued_web_sender("slack_U0123")
    assert not keys.is_issued_web_sender(None)


def test_the_generated_session_secret_is_owner_only_and_kept(private_run_dir: Path) -> None:
    sender = keys.new_web_sender()
    secret_file = private_run_dir / "web_session.key"
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(private_run_dir.stat().st_mode) == 0o700
    assert keys.is_issued_web_sender(sender), "the same secret is used again"


def test_a_configured_session_secret_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEB_SESSION_SECRET", "one")
    sender = keys.new_web_sender()
    monkeypatch.setenv("WEB_SESSION_SECRET", "two")
    assert not keys.is_issued_web_sender(sender)


def test_the_conversation_key_is_a_keyed_hash() -> None:
    key = keys.conversation_key("slack_U0123")
    assert key == keys.conversation_key("slack_U0123") != keys.conversation_key("slack_U0124")
    assert "U0123" not in key and len(key) == 20


def test_rest_is_off_without_a_token_and_needs_the_bearer_token() -> None:
    assert rest_token_problem("Bearer anything", expected="") == "off"
    assert rest_token_problem(None, expected="s3cret") == "unauthorized"
    assert rest_token_problem("Bearer nope", expected="s3cret") == "unauthorized"
    assert rest_token_problem("Basic s3cret", expected="s3cret") == "unauthorized"
    assert rest_token_problem("Bearer s3cret", expected="s3cret") is None


@pytest.mark.parametrize("sender", ["slack_U0123", "slack_C01_1700.1", "web-abc", "", None, "a b"])
def test_rest_refuses_other_channels_and_malformed_senders(sender: object) -> None:
    assert rest_sender_problem(sender)


def test_rest_takes_its_own_senders() -> None:
    assert rest_sender_problem("replay-review_weekend-1a2b3c4d") is None


def test_the_practitioner_is_told_once_per_conversation() -> None:
    text, notice = clean_text("rest-1", "mum Sarah drinks")
    assert text == "mum [name] drinks" and notice and "a name" in notice
    assert clean_text("rest-1", "NHS 943 476 5919")[1] is None
    assert clean_text("rest-1", "no")[1] is None
    assert clean_text("rest-2", "dad Kevin")[1]
    assert clean_text("rest-3", "no") == ("no", None)


@pytest.fixture
def scrubbed() -> Iterator[None]:
    factory = logging.getLogRecordFactory()
    install_log_scrubber()
    try:
        yield
    finally:
        logging.setLogRecordFactory(factory)


def test_logs_carry_no_message_content(scrubbed: None, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    logging.getLogger("rasa.core.processor").debug("Received user message 'they live at home'")
    logging.getLogger("sanic.error").error("bad request ?token=abc123 from mum Sarah Okafor")
    logging.getLogger("bot.channels.web").info("web.webhook: the message timed out")
    assert "they live at home" not in caplog.text and WITHHELD in caplog.text
    assert "abc123" not in caplog.text and "Okafor" not in caplog.text
    assert "the message timed out" in caplog.text


def test_an_error_names_the_kind_of_failure_not_its_message(
    scrubbed: None, caplog: pytest.LogCaptureFixture
) -> None:
    typed = "my own " + "words here"
    try:
        raise ValueError(f"could not read {typed!r}")
    except ValueError:
        logging.getLogger("rasa.core.processor").exception("handling failed")
    assert "ValueError (message withheld)" in caplog.text
    assert "my own words here" not in caplog.text
