"""Data that expires: conversations after CONVERSATION_DAYS, audit records after AUDIT_YEARS.

The running Rasa server calls :func:`expire_once` from a background thread
every ``EXPIRY_EVERY_SECONDS`` (default one hour); ``python -m bot forget``
does the same once, with its own age.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time

from bot.privacy.stores import forget_older_than, tracker_url
from bot.settings import Settings

logger = logging.getLogger(__name__)

DAY = 86400.0
YEAR = 365.25 * DAY
DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdwy])\s*$", re.IGNORECASE)
UNIT_SECONDS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": DAY, "w": 7 * DAY, "y": YEAR}


def parse_duration(text: str) -> float:
    """Seconds in a duration such as ``7d``, ``12h``, ``2w`` or ``7y``.

    Raises:
        ValueError: not a number followed by one of s, m, h, d, w, y.
    """
    match = DURATION.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a duration: use a number and s, m, h, d, w or y (7d)")
    return float(match.group(1)) * UNIT_SECONDS[match.group(2).lower()]


def expire_once(settings: Settings, now: float | None = None) -> tuple[int, int]:
    """Delete expired conversations and audit records; return how many of each."""
    from bot.audit.store import AuditStore

    conversations = forget_older_than(settings.conversation_days * DAY, tracker_url(settings), now)
    records = AuditStore.from_settings(settings).delete_older_than(settings.audit_years * YEAR, now)
    if conversations or records:
        logger.info(
            "privacy: expired %d conversations and %d audit records", len(conversations), records
        )
    return len(conversations), records


def start_expiry_task(settings: Settings) -> threading.Thread:
    """Run :func:`expire_once` now and then every ``EXPIRY_EVERY_SECONDS``, in a daemon thread."""
    every = float(os.environ.get("EXPIRY_EVERY_SECONDS", "") or 3600)

    def loop() -> None:
        while True:
            try:
                expire_once(settings)
            except Exception as error:  # the next round tries again
                logger.error("privacy: expiry failed (%s)", type(error).__name__)
            time.sleep(every)

    thread = threading.Thread(target=loop, name="privacy-expiry", daemon=True)
    thread.start()
    return thread
