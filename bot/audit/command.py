"""``python -m bot audit``: export the decision audit trail, or verify every decision.

- ``python -m bot audit [--since DATE] [--format csv|jsonl]`` prints the records
  (no free text: facts are contract values, rules and agencies are ids);
- ``python -m bot audit --verify`` remakes each decision with ``bot.decide`` from
  its recorded facts under its recorded policy version, and exits 1 if any
  level, rule or agency differs (each difference is named on its own line).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

from bot.audit.store import FIELDS, AuditRecord, AuditStore


def parse_since(text: str) -> float:
    """A ``YYYY-MM-DD`` (UTC) or ISO 8601 time as a Unix timestamp."""
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: use YYYY-MM-DD or YYYY-MM-DDTHH:MM"
        ) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.timestamp()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``python -m bot audit``."""
    parser.add_argument("--since", type=parse_since, help="only decisions from this date (UTC)")
    parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    parser.add_argument(
        "--verify",
        action="store_true",
        help="remake every decision from its facts and policy version; exit 1 on any difference",
    )


def _policy_for(version: str) -> Any:
    """The packaged policy of ``version``; ``LookupError`` when there is none."""
    import bot

    try:
        return bot.load_policy(version=version)
    except bot.PolicyError as error:
        raise LookupError(f"policy version {version} cannot be loaded: {error}") from None


def differences(record: AuditRecord) -> list[str]:
    """What differs between a record and the decision remade from its facts and version."""
    import bot

    try:
        remade = bot.decide(record.facts, policy=_policy_for(record.policy_version))
    except Exception as error:
        return [f"cannot remake it: {error}"]
    found = []
    if remade["level"] != record.level:
        found.append(f"level {record.level} -> {remade['level']}")
    fired = [str(f["rule"]) for f in remade["fired"]]
    if fired != record.fired:
        found.append(f"rules {record.fired} -> {fired}")
    agencies = [str(a["id"]) for a in remade["agencies"]]
    if agencies != record.agencies:
        found.append(f"agencies {record.agencies} -> {agencies}")
    if str(remade["policy_version"]) != record.policy_version:
        found.append(f"policy version {record.policy_version} -> {remade['policy_version']}")
    return found


def verify(records: Iterable[AuditRecord]) -> int:
    """Print each difference; return 1 if any record differs, else 0."""
    checked = bad = 0
    for record in records:
        checked += 1
        for difference in differences(record):
            bad += 1
            print(f"record {record.id} ({record.when}): {difference}")
    print(f"{checked} decisions checked, {bad} differences", file=sys.stderr)
    return 1 if bad else 0


def export(records: Iterable[AuditRecord], form: str) -> None:
    """Write the records to standard output as JSON lines or CSV."""
    if form == "jsonl":
        for record in records:
            print(json.dumps(record.as_dict(), sort_keys=True))
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=list(FIELDS))
    writer.writeheader()
    for record in records:
        row = record.as_dict()
        for name in ("facts", "fired", "agencies"):
            row[name] = json.dumps(row[name], sort_keys=True)
        writer.writerow(row)


def run(args: argparse.Namespace) -> int:
    """Export or verify; 2 with one line when the store cannot be read."""
    try:
        records = list(AuditStore.from_settings().records(args.since))
    except Exception as error:
        print(f"error: cannot read the audit store ({type(error).__name__})", file=sys.stderr)
        return 2
    if args.verify:
        return verify(records)
    export(records, args.format)
    return 0
