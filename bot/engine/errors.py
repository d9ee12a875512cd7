"""Errors the threshold engine raises.

Every error is one line that says what was wrong and what to do::

    EngineError
    ├── PolicyError                 the rules as data cannot be used
    │   └── PolicyFileError         a policy file is wrong (file, rule id, suggestion)
    ├── FactError                   a fact given to the engine is wrong (fact, allowed)
    │   ├── UnknownFactError        no fact has that name ("did you mean ...")
    │   └── BadValueError           the value is not allowed for that fact
    │       └── MissingFactError    a required fact (reporter_role, condition) is absent
    └── LocalityError               no locality configuration of that name, or a broken one
"""

from __future__ import annotations


class EngineError(Exception):
    """Base class of every error the engine raises."""


class PolicyError(EngineError):
    """The policy (rules, facts, sources) cannot be loaded or used."""


class PolicyFileError(PolicyError):
    """A policy file is wrong.

    Attributes:
        file: the file that is wrong.
        rule_id: the rule, indicator, agency or section where the problem is.
        problem: what is wrong.
        suggestion: what to change, for example ``did you mean "unplanned_admissions_12m"?``.
    """

    def __init__(self, file: str, rule_id: str, problem: str, suggestion: str = "") -> None:
        self.file = file
        self.rule_id = rule_id
        self.problem = problem
        self.suggestion = suggestion
        message = f"{file}: {rule_id}: {problem}"
        if suggestion:
            message += f"; {suggestion}"
        super().__init__(message)


class FactError(EngineError):
    """A fact given to the engine is wrong.

    Attributes:
        fact: the name of the fact as given.
        allowed: human text of what is allowed.
    """

    def __init__(self, fact: str, message: str, allowed: str) -> None:
        self.fact = fact
        self.allowed = allowed
        super().__init__(message)


class UnknownFactError(FactError):
    """No fact has this name.

    Attributes:
        suggestion: the closest fact name, or ``None``.
    """

    def __init__(self, fact: str, known: list[str], suggestion: str | None) -> None:
        self.suggestion = suggestion
        allowed = "one of " + ", ".join(known)
        if suggestion:
            message = f'{fact}: not a known fact; did you mean "{suggestion}"?'
        else:
            message = f"{fact}: not a known fact; give {allowed}"
        super().__init__(fact, message, allowed)


class BadValueError(FactError):
    """The value is not allowed for this fact.

    Attributes:
        value: the value as given.
    """

    def __init__(self, fact: str, value: object, allowed: str) -> None:
        self.value = value
        super().__init__(fact, f"{fact}: {_show(value)} is not allowed; {allowed}", allowed)


class MissingFactError(BadValueError):
    """A required fact has no value."""

    def __init__(self, fact: str, allowed: str) -> None:
        self.value = None
        FactError.__init__(self, fact, f"{fact}: is required; {allowed}", allowed)


class LocalityError(EngineError):
    """The locality configuration does not exist or cannot be used."""


def _show(value: object) -> str:
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return '"' + text.replace("\n", " ") + '"'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
