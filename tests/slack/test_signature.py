"""Signature checks: Slack's own example, and every way a request can be wrong."""

from __future__ import annotations

import pytest

from bot.channels.slack_events import MAX_AGE_SECONDS, sign, signature_problem

# The worked example of Slack's "Verifying requests from Slack" guide.
SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
SLACK_TIMESTAMP = "1531420618"
SLACK_BODY = (
    b"token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
    b"&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
    b"&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands"
    b"%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
    b"&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
)
SLACK_SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
NOW = float(SLACK_TIMESTAMP) + 10


def test_sign_matches_slacks_worked_example() -> None:
    assert sign(SLACK_SECRET, SLACK_TIMESTAMP, SLACK_BODY) == SLACK_SIGNATURE


def test_genuine_request_passes() -> None:
    assert (
        signature_problem(SLACK_SECRET, SLACK_TIMESTAMP, SLACK_BODY, SLACK_SIGNATURE, NOW) is None
    )


@pytest.mark.parametrize(
    ("secret", "timestamp", "body", "signature", "expected"),
    [
        (SLACK_SECRET, None, SLACK_BODY, SLACK_SIGNATURE, "missing"),
        (SLACK_SECRET, SLACK_TIMESTAMP, SLACK_BODY, None, "missing"),
        (SLACK_SECRET, SLACK_TIMESTAMP, SLACK_BODY, "", "missing"),
        (SLACK_SECRET, "yesterday", SLACK_BODY, SLACK_SIGNATURE, "not a Unix time"),
        ("another-secret", SLACK_TIMESTAMP, SLACK_BODY, SLACK_SIGNATURE, "does not match"),
        (SLACK_SECRET, SLACK_TIMESTAMP, SLACK_BODY + b"&x=1", SLACK_SIGNATURE, "does not match"),
        (SLACK_SECRET, SLACK_TIMESTAMP, SLACK_BODY, SLACK_SIGNATURE.upper(), "does not match"),
    ],
    ids=[
        "no-timestamp",
        "no-signature",
        "empty-signature",
        "bad-timestamp",
        "wrong-secret",
        "tampered-body",
        "mangled-signature",
    ],
)
def test_wrong_requests_are_named(
    secret: str, timestamp: str | None, body: bytes, signature: str | None, expected: str
) -> None:
    problem = signature_problem(secret, timestamp, body, signature, NOW)
    assert problem is not None and expected in problem


@pytest.mark.parametrize("offset", [MAX_AGE_SECONDS + 1, -(MAX_AGE_SECONDS + 1), 3600])
def test_stale_or_future_timestamp_is_rejected_even_when_correctly_signed(offset: int) -> None:
    now = float(SLACK_TIMESTAMP) + offset
    problem = signature_problem(SLACK_SECRET, SLACK_TIMESTAMP, SLACK_BODY, SLACK_SIGNATURE, now)
    assert problem is not None and "5 minutes" in problem


def test_timestamp_just_inside_five_minutes_passes() -> None:
    now = float(SLACK_TIMESTAMP) + MAX_AGE_SECONDS
    assert (
        signature_problem(SLACK_SECRET, SLACK_TIMESTAMP, SLACK_BODY, SLACK_SIGNATURE, now) is None
    )
