"""The request checks every channel runs first (bot.channels.guard), without servers."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.channels import guard

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(body=st.binary(max_size=200) | JSON_VALUES.map(lambda v: json.dumps(v).encode()))
def test_any_body_is_an_object_or_a_4xx_with_a_reason(body: bytes) -> None:
    try:
        parsed = guard.read_json_object(body, "application/json")
    except guard.Rejected as rejected:
        assert 400 <= rejected.status < 500 and rejected.reason and "\n" not in rejected.reason
    else:
        assert isinstance(parsed, dict)


@settings(max_examples=300, deadline=None)
@given(value=JSON_VALUES)
def test_any_field_value_is_accepted_as_text_or_refused(value: object) -> None:
    for check in (guard.sender_id, guard.message_id, lambda v: guard.message_text(v, 2000)):
        try:
            result = check(value)
        except guard.Rejected as rejected:
            assert 400 <= rejected.status < 500
        else:
            assert result is None or isinstance(result, str)
            if isinstance(result, str):
                result.encode("utf-8")  # never a lone surrogate


@pytest.mark.parametrize(
    ("content_type", "status"),
    [("text/plain", 415), ("", 415), ("application/x-www-form-urlencoded", 415)],
)
def test_only_json_bodies_are_read(content_type: str, status: int) -> None:
    with pytest.raises(guard.Rejected) as rejected:
        guard.read_json_object(b'{"sender": "a", "message": "b"}', content_type)
    assert rejected.value.status == status


def test_oversize_bodies_and_messages_are_refused_with_the_limit() -> None:
    with pytest.raises(guard.Rejected) as big:
        guard.read_json_object(b" " * (guard.MAX_BODY_BYTES + 1), "application/json")
    assert big.value.status == 413
    with pytest.raises(guard.Rejected) as long:
        guard.message_text("x" * 2001, 2000)
    assert long.value.status == 413 and "at most 2000" in long.value.reason


@pytest.mark.parametrize(
    "text", ["/restart", "/back", "/session_start", '/affirm{"assessment_done": true}', "/x@0.9"]
)
def test_whole_commands_are_recognised(text: str) -> None:
    assert guard.looks_like_command(text)
    assert guard.as_plain_text(text).startswith(guard.COMMAND_GUARD)


@pytest.mark.parametrize("text", ["no", "about 85% / falling", "/ not sure", "and/or"])
def test_words_are_not_commands(text: str) -> None:
    assert not guard.looks_like_command(text)
