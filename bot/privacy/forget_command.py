"""``python -m bot forget --older-than 7d``: delete conversations whose last message is older."""

from __future__ import annotations

import argparse
import sys

from bot.privacy.expiry import parse_duration
from bot.privacy.stores import forget_older_than


def _duration(text: str) -> float:
    try:
        return parse_duration(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``python -m bot forget``."""
    parser.add_argument(
        "--older-than",
        type=_duration,
        required=True,
        metavar="DURATION",
        help="e.g. 7d, 12h, 2w: delete conversations whose last message is older",
    )


def run(args: argparse.Namespace) -> int:
    """Delete the conversations and say how many went."""
    try:
        deleted = forget_older_than(args.older_than)
    except Exception as error:
        print(
            f"error: cannot reach the conversation store ({type(error).__name__})", file=sys.stderr
        )
        return 2
    print(f"Deleted {len(deleted)} conversation{'s' if len(deleted) != 1 else ''}.")
    return 0
