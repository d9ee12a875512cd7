"""`python -m bot replay --quiz`: piped answers, then the decision and where they differed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.scenarios.quiz import parse_agencies, parse_level

ROOT = Path(__file__).resolve().parents[2]
AGENCIES = ("police", "gp", "school")


def quiz(scenario: str, answers: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "replay", "--quiz", scenario],
        cwd=ROOT,
        input=answers,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_lower_level_and_missing_agencies_are_shown_as_differences() -> None:
    result = quiz("review_conference_week", "complex\nchildrens_social_care, school\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "1,000% scared" in out, "the case narrative is shown"
    assert "reliever inhalers in the last 12 months: 14" in out, "the facts are shown in words"
    assert "Decision: significant" in out
    assert "you chose complex, 1 level lower than the rules' significant" in out
    assert "SUBSTANCE-AND-HEALTH (significant) puts it above your level" in out
    assert "you left out police" in out
    assert "you left out childrens_social_care" not in out


def test_a_level_number_and_an_extra_agency_are_read() -> None:
    result = quiz("well_managed_asthma", "3\nchildrens_social_care\n")
    assert result.returncode == 0, result.stderr
    assert "you chose complex, 2 levels higher than the rules' universal" in result.stdout
    assert "no rule reaches complex on these facts; no rule fired" in result.stdout
    assert "you added childrens_social_care" in result.stdout


def test_the_same_answer_as_the_rules_shows_no_difference() -> None:
    result = quiz("well_managed_asthma", "universal\n\n")
    assert result.returncode == 0, result.stderr
    assert "You chose the same level and the same agencies as the rules." in result.stdout


def test_an_unreadable_answer_is_asked_again_and_running_out_exits_2() -> None:
    retried = quiz("review_weekend", "seven\n5\nemergency_services,childrens_social_care,police\n")
    assert "'seven' is not a level; give 1-5" in retried.stdout
    assert retried.returncode == 0
    ended = quiz("review_weekend", "5\n")
    assert ended.returncode == 2
    assert "the answers ended" in ended.stderr


def test_levels_and_agencies_parse_strictly() -> None:
    assert parse_level("4") == "significant"
    assert parse_level(" Immediate ") == "immediate"
    assert parse_level("sig") == "significant"
    with pytest.raises(ValueError):
        parse_level("6")
    assert parse_agencies("police, gp,police", AGENCIES) == ("police", "gp")
    assert parse_agencies("none", AGENCIES) == ()
    with pytest.raises(ValueError, match="polce is not an agency id"):
        parse_agencies("polce", AGENCIES)
