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
    assert "Decision: Significant harm (child protection) (level 4 of 5)" in out
    assert (
        "you chose Complex needs (child in need), 1 level lower than the rules' "
        "Significant harm (child protection)" in out
    )
    assert (
        "Carer drug or alcohol misuse with a serious health indicator "
        "(Significant harm (child protection)) puts it above your level" in out
    )
    assert "you left out police (today" in out
    assert "you left out children's social care" not in out
    assert "_" not in out.split("The assistant's decision")[1], "labels, not ids"


def test_agencies_in_plain_words_are_read() -> None:
    result = quiz("review_conference_week", "4\nsocial care, GP, school nurse and the police\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "you left out police" not in out and "you left out school nurse" not in out
    assert "you left out children's social care" not in out
    assert "is not an agency;" not in out


def test_a_school_reporter_is_not_told_they_left_out_school() -> None:
    result = quiz("review_year_before", "additional\nGP\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "left out the child's school" not in out
    assert "The child's school is your own service: that is you" in out
    assert "You (the child's school)" in out


def test_a_defensible_higher_level_is_explained_as_cumulative_harm() -> None:
    result = quiz("review_year_before", "complex\nsocial care\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "1 level higher than the rules' Additional needs (early help)" in out, out[-3000:]
    assert "Your higher level is defensible" in out
    assert "cumulative harm" in out


def test_a_level_number_and_an_extra_agency_are_read() -> None:
    result = quiz("well_managed_asthma", "3\nchildren's social care\n")
    assert result.returncode == 0, result.stderr
    assert "you chose Complex needs (child in need), 2 levels higher than the rules' Universal" in (
        result.stdout
    )
    assert "no rule reaches Complex needs (child in need) on these facts; no rule applies" in (
        result.stdout
    )
    assert "Your higher level is defensible" not in result.stdout, "two levels, no concerns"
    assert "you added children's social care (front door)" in result.stdout


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
    assert parse_level("Complex needs") == "complex"
    with pytest.raises(ValueError):
        parse_level("6")
    assert parse_agencies("police, gp,police", AGENCIES) == ("police", "gp")
    assert parse_agencies("police gp", AGENCIES) == ("police", "gp")
    assert parse_agencies("none", AGENCIES) == ()
    assert parse_agencies("The GP and the school", AGENCIES) == ("gp", "school")
    with pytest.raises(ValueError, match="polce is not an agency"):
        parse_agencies("polce", AGENCIES)
