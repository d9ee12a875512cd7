"""The command line: ``python -m bot <command>``.

Each command is a module with ``add_arguments(parser)`` and ``run(args) -> int``,
imported only when that command runs (so ``assess`` never loads Rasa). To add a
command, add one line to COMMANDS.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

COMMANDS: dict[str, str] = {
    "assess": "bot.engine.assess_command",
    "audit": "bot.audit.command",
    "forget": "bot.privacy.forget_command",
    "replay": "bot.scenarios.replay",
    "rules": "bot.engine.rules_command",
    "scenarios": "bot.scenarios.coverage",
    "serve": "bot.serve",
}

_HELP = {
    "assess": "decide on facts given as JSON (one object, or one per line with --jsonl)",
    "audit": "export the decision audit trail (no free text), or --verify every decision",
    "forget": "delete conversations whose last message is older than --older-than (e.g. 7d)",
    "replay": "replay training scenarios against the running assistant",
    "rules": "print the threshold rules as a Markdown table",
    "scenarios": "show which rules the training scenarios cover",
    "serve": "start the action server and the Rasa server",
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code.

    Args:
        argv: the arguments after ``python -m bot``; ``sys.argv[1:]`` when ``None``.

    Returns:
        The exit code: 0 on success, 2 on bad input or an unavailable command.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(
        prog="python -m bot", description="Safeguarding decision support."
    )
    commands = parser.add_subparsers(dest="command", metavar="command")
    wanted = arguments[0] if arguments else None
    for name in sorted(COMMANDS):
        sub = commands.add_parser(name, help=_HELP.get(name, ""))
        if name == wanted:
            module = _load(name)
            if module is None:
                return 2
            module.add_arguments(sub)
            sub.set_defaults(run=module.run)
    if wanted is None or wanted in ("-h", "--help"):
        parser.print_help()
        return 0 if wanted else 2
    if wanted not in COMMANDS:
        print(
            f"error: no command {wanted!r}; use one of {', '.join(sorted(COMMANDS))}",
            file=sys.stderr,
        )
        return 2
    args = parser.parse_args(arguments)
    return int(args.run(args))


def _load(name: str) -> ModuleType | None:
    module_path = COMMANDS[name]
    try:
        module = importlib.import_module(module_path)
    except ModuleNotFoundError as error:
        if error.name and module_path.startswith(error.name):
            print(
                f"error: the {name} command is not available ({module_path} is missing)",
                file=sys.stderr,
            )
            return None
        raise
    if not hasattr(module, "add_arguments") or not hasattr(module, "run"):
        print(f"error: {module_path} has no add_arguments(parser) and run(args)", file=sys.stderr)
        return None
    return module
