"""The assistant's fixed messages, from messages.yml."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

MESSAGES_FILE = Path(__file__).with_name("messages.yml")


@lru_cache(maxsize=1)
def _messages() -> dict[str, str]:
    data = yaml.safe_load(MESSAGES_FILE.read_text(encoding="utf-8"))
    return {key: " ".join(str(value).split()) for key, value in data.items()}


def message(key: str, **values: Any) -> str:
    """Return one message, with ``{placeholders}`` filled from ``values``."""
    text = _messages()[key]
    return text.format(**values) if values else text
