"""Reading the policy and locality YAML files.

The files are written by people, not programs: ``yes`` and ``no`` are words,
not booleans (YAML 1.1 would turn them into ``True`` and ``False``). Only
``true`` and ``false`` are booleans here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _WordsLoader(_BaseLoader):
    """A safe loader where yes/no/on/off stay strings."""


_WordsLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_WordsLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def read_yaml(path: Path) -> Any:
    """Parse one YAML file with yes/no kept as words.

    Args:
        path: the file to read.

    Returns:
        The parsed document.

    Raises:
        OSError: the file cannot be read.
        yaml.YAMLError: the file is not valid YAML.
    """
    with path.open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=_WordsLoader)  # noqa: S506 - a safe loader
