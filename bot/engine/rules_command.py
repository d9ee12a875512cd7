"""``python -m bot rules [--policy V]`` and ``rules --diff OLD NEW [--format text|md]``."""

from __future__ import annotations

import argparse
import sys

from bot.engine.api import choose_policy
from bot.engine.errors import EngineError
from bot.engine.rules_table import rules_markdown


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the rules command's arguments."""
    parser.add_argument(
        "--policy",
        metavar="VERSION",
        help="the policy version to print (1 or 2; default the one in use) or a rule file",
    )
    parser.add_argument(
        "--diff",
        nargs=2,
        metavar=("OLD", "NEW"),
        help="what changed from version OLD to NEW, and which cases it changes",
    )
    parser.add_argument(
        "--format",
        choices=("text", "md"),
        default=None,
        help="for --diff: text for a terminal (default) or md for Markdown",
    )


def run(args: argparse.Namespace) -> int:
    """Print the rule table (Markdown) or a comparison; 0, or 2 with one line on bad input."""
    try:
        if args.diff:
            if args.policy:
                return _fail("give --policy or --diff, not both")
            return _diff(args.diff[0], args.diff[1], args.format == "md")
        if args.format:
            return _fail("--format is for --diff (the rule table is Markdown)")
        sys.stdout.write(rules_markdown(choose_policy(args.policy)))
    except EngineError as error:
        return _fail(str(error))
    return 0


def _diff(old_choice: str, new_choice: str, markdown: bool) -> int:
    from bot.engine.policy_diff import golden_cases, render, scenario_cases

    old, new = choose_policy(old_choice), choose_policy(new_choice)
    cases = golden_cases() + scenario_cases()
    sys.stdout.write(render(old, new, cases, markdown=markdown))
    return 0


def _fail(message: str) -> int:
    print("error: " + " ".join(message.split()), file=sys.stderr)
    return 2
