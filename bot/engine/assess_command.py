"""``python -m bot assess [--policy 1|2] [--jsonl] [FILE|-]``: decisions as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from typing import Any, TextIO

from bot.engine.api import choose_policy, decide
from bot.engine.errors import EngineError
from bot.engine.policy import Policy

_ONE_LINE = json.JSONEncoder(ensure_ascii=False)
_INDENTED = json.JSONEncoder(ensure_ascii=False, indent=2)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the assess command's arguments."""
    parser.add_argument(
        "file", nargs="?", default="-", help="JSON facts (standard input when absent or -)"
    )
    parser.add_argument(
        "--jsonl",
        action="store_true",
        help="one JSON object per line in, one decision per line out",
    )
    parser.add_argument(
        "--policy",
        metavar="VERSION",
        help="the policy version (1 or 2; default POLICY_VERSION, else the newest) or a rule file",
    )


def run(args: argparse.Namespace) -> int:
    """Print the decision(s); return 0, or 2 when any input was bad."""
    try:
        policy = choose_policy(args.policy)
        stream = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8")  # noqa: SIM115
    except EngineError as error:
        return _fail(str(error))
    except OSError as error:
        return _fail(f"cannot read {args.file}: {error.strerror}")
    with stream:
        if args.jsonl:
            return _assess_lines(stream, policy, sys.stdout)
        return _assess_one(stream, policy, sys.stdout)


def _assess_one(stream: TextIO, policy: Policy, out: TextIO) -> int:
    try:
        decision = _decide_text(stream.read(), policy)
    except _BadInput as error:
        return _fail(str(error))
    out.write(_INDENTED.encode(decision) + "\n")
    return 0


def _assess_lines(lines: Iterable[str], policy: Policy, out: TextIO) -> int:
    bad = total = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        total += 1
        try:
            result: dict[str, Any] = _decide_text(line, policy)
        except _BadInput as error:
            bad += 1
            result = {"error": f"line {number}: {error}"}
        out.write(_ONE_LINE.encode(result) + "\n")
    if bad:
        print(f"error: {bad} of {total} lines were bad (see the error lines)", file=sys.stderr)
        return 2
    return 0


class _BadInput(Exception):
    """One input could not be decided; the message is one line."""


def _decide_text(text: str, policy: Policy) -> dict[str, Any]:
    try:
        facts = json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise _BadInput(f"not valid JSON ({error.msg} at {where})") from None
    if not isinstance(facts, dict):
        raise _BadInput('give one JSON object of facts, for example {"reporter_role": "school"}')
    try:
        return decide(facts, policy)
    except EngineError as error:
        raise _BadInput(str(error)) from None


def _fail(message: str) -> int:
    print("error: " + " ".join(message.split()), file=sys.stderr)
    return 2
