"""Print how the assistant reads a message: ``python -m bot.reading "text" [--asked FACT]``.

For a safeguarding lead checking a phrase, and for debugging::

    $ python -m bot.reading "dad drinks I think, not confirmed"
    carer_substance_misuse = suspected  (hedged)  <- "dad drinks I think, not confirmed"
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from bot.reading import Reading, read


def describe(reading: Reading) -> str:
    """A few plain lines saying what a reading recorded."""
    lines = []
    if reading.danger_now:
        kind = reading.extra.get("danger_kind", "?")
        lines.append(f"DANGER NOW ({kind}): {reading.danger_now}")
    for f in reading.findings:
        sure = "" if f.confident else ", not confident: ask to confirm"
        lines.append(f'{f.fact} = {f.value}  ({f.assertion}{sure})  <- "{f.evidence}"')
    if reading.aside:
        lines.append(f"aside: {reading.aside}" + (f" ({reading.term})" if reading.term else ""))
    if reading.correction:
        lines.append("a correction of an earlier answer")
    if reading.affirm is not None:
        lines.append(f"plain {'yes' if reading.affirm else 'no'}")
    if reading.not_english:
        lines.append("not in English")
    if reading.problem:
        lines.append(f"problem: {reading.problem}")
    return "\n".join(lines) or "nothing read"


def main(argv: list[str] | None = None) -> int:
    """Read each text given (or each line of standard input) and print the reading."""
    parser = argparse.ArgumentParser(
        prog="python -m bot.reading", description=__doc__.split("\n")[0]
    )
    parser.add_argument("text", nargs="*", help="message(s) to read; none = one per line of stdin")
    parser.add_argument("--asked", help="the fact whose question is open")
    parser.add_argument("--json", action="store_true", help="print the reading as JSON")
    args = parser.parse_args(argv)
    texts = args.text or [line.rstrip("\n") for line in sys.stdin]
    for text in texts:
        reading = read(text, asked=args.asked)
        if args.json:
            data = asdict(reading)
            data["extra"] = dict(reading.extra)
            print(json.dumps(data, default=str))
        else:
            print(f"> {text}\n{describe(reading)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
