"""``python -m bot rules``: the rule table, printed from the rule file."""

from __future__ import annotations

import argparse
import sys

from bot.engine.api import load_policy
from bot.engine.errors import EngineError
from bot.engine.rules_table import rules_markdown


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the rules command's arguments."""
    parser.add_argument("--policy", help="a rule file to print instead of the packaged one")


def run(args: argparse.Namespace) -> int:
    """Print the rule table as Markdown; return 0, or 2 when the rule file is wrong."""
    try:
        policy = load_policy(args.policy)
    except EngineError as error:
        print("error: " + " ".join(str(error).split()), file=sys.stderr)
        return 2
    sys.stdout.write(rules_markdown(policy))
    return 0
