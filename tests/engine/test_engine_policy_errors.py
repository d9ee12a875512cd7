"""A broken rule file fails at load time with the file, the rule and what to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

import bot

RULES = Path(bot.__file__).resolve().parent / "policy" / "rules-v1.yml"


def broken(tmp_path: Path, old: str, new: str) -> Path:
    text = RULES.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path = tmp_path / "rules-v1.yml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def load_error(path: Path) -> bot.PolicyFileError:
    with pytest.raises(bot.PolicyFileError) as caught:
        bot.load_policy(path)
    error = caught.value
    assert error.file == str(path)
    assert "\n" not in str(error)
    assert str(error).startswith(f"{path}: {error.rule_id}: ")
    return error


def test_the_packaged_policy_loads_from_a_copy(tmp_path: Path) -> None:
    policy = bot.load_policy(broken(tmp_path, "version", "version"))
    assert [r.id for r in policy.rules] == [r.id for r in bot.load_policy().rules]
    assert bot.load_policy(tmp_path).version == "1"


def test_unknown_fact_in_a_condition(tmp_path: Path) -> None:
    error = load_error(
        broken(
            tmp_path,
            "condition: unplanned_admissions_12m >= 2",
            "condition: unplanned_admision_12m >= 2",
        )
    )
    assert error.rule_id == "H-ADMIT"
    assert "unplanned_admision_12m" in error.problem
    assert error.suggestion == "did you mean 'unplanned_admissions_12m'?"


def test_unknown_indicator(tmp_path: Path) -> None:
    error = load_error(
        broken(
            tmp_path,
            "condition: H-ADMIT and (H-ADHERENCE or H-WNB)",
            "condition: H-ADMIT and (H-ADHERANCE or H-WNB)",
        )
    )
    assert error.rule_id == "NEGLECT-PATTERN"
    assert "H-ADHERANCE" in error.problem
    assert "H-ADHERENCE" in error.suggestion


def test_unknown_indicator_kind(tmp_path: Path) -> None:
    error = load_error(
        broken(tmp_path, "condition: count(serious) >= 3", "condition: count(grave) >= 3")
    )
    assert error.rule_id == "CUMULATIVE-HEALTH"
    assert "serious" in error.suggestion


def test_unknown_level(tmp_path: Path) -> None:
    error = load_error(
        broken(
            tmp_path,
            "condition: P-DIVERT\n    level: significant",
            "condition: P-DIVERT\n    level: signficant",
        )
    )
    assert error.rule_id == "DIVERTED-MEDICATION"
    assert error.suggestion == "did you mean 'significant'?"


def test_unknown_level_in_an_agency_condition(tmp_path: Path) -> None:
    error = load_error(
        broken(tmp_path, "condition: level >= 'complex'", "condition: level >= 'complx'")
    )
    assert error.rule_id == "childrens_social_care"


def test_source_not_in_sources(tmp_path: Path) -> None:
    error = load_error(broken(tmp_path, "sources: [F8, F4]", "sources: [F8, F44]"))
    assert error.rule_id == "DIVERTED-MEDICATION"
    assert "F44" in error.problem


def test_duplicate_rule_id(tmp_path: Path) -> None:
    error = load_error(broken(tmp_path, "  - id: SUBSTANCE\n", "  - id: DISTRESS\n"))
    assert error.rule_id == "DISTRESS"
    assert "duplicate" in error.problem


def test_unknown_agency_id(tmp_path: Path) -> None:
    error = load_error(broken(tmp_path, "- id: school_nurse", "- id: school_nurses"))
    assert error.rule_id == "school_nurses"
    assert error.suggestion == "did you mean 'school_nurse'?"


@pytest.mark.parametrize(
    ("old", "new", "rule_id"),
    [
        (
            "condition: medication_adherence == 'poor'",
            "condition: medication_adherence == 'bad'",
            "H-ADHERENCE",
        ),
        (
            "condition: unplanned_admissions_12m >= 2",
            "condition: unplanned_admissions_12m >= 200",
            "H-ADMIT",
        ),
        (
            "condition: medication_adherence == 'poor'",
            "condition: medication_adherence == 'unknown'",
            "H-ADHERENCE",
        ),
        (
            "condition: medication_adherence == 'poor'",
            "condition: medication_adherence >= 'poor'",
            "H-ADHERENCE",
        ),
        (
            "condition: medication_adherence == 'poor'",
            "condition: medication_adherence == poor",
            "H-ADHERENCE",
        ),
        ("condition: child_distress == 'yes'", "condition: child_distress == 1", "C-DISTRESS"),
        (
            "condition: school_attendance_pct < 90",
            "condition: school_attendance_pct < 'often'",
            "C-ABSENT",
        ),
    ],
)
def test_value_not_allowed_for_the_fact(tmp_path: Path, old: str, new: str, rule_id: str) -> None:
    error = load_error(broken(tmp_path, old, new))
    assert error.rule_id == rule_id
    assert error.suggestion


@pytest.mark.parametrize(
    ("old", "new", "rule_id", "words"),
    [
        ("condition: P-SUBST\n", "condition: P-SUBST and\n", "SUBSTANCE", "expected"),
        ("condition: P-SUBST\n", "condition: not P-SUBST\n", "SUBSTANCE", "'not'"),
        ("condition: P-SUBST\n", "condition: (P-SUBST\n", "SUBSTANCE", "')'"),
        ("condition: P-SUBST\n", "condition: P-SUBST P-DIVERT\n", "SUBSTANCE", "unexpected"),
        ("condition: P-SUBST\n", "condition: P-SUBST & P-DIVERT\n", "SUBSTANCE", "cannot read"),
        ("condition: P-SUBST\n", "condition: level == 'complex'\n", "SUBSTANCE", "agency"),
        ("      - now: always", "      - asap: always", "emergency_services", "timing"),
        ("    kind: serious\n", "    kind: grave\n", "H-ADMIT", "kind"),
        ("    title: Drug or alcohol misuse by a parent or carer\n", "", "SUBSTANCE", "title"),
    ],
)
def test_other_mistakes(tmp_path: Path, old: str, new: str, rule_id: str, words: str) -> None:
    error = load_error(broken(tmp_path, old, new))
    assert error.rule_id == rule_id
    assert words in str(error)


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    error = load_error(broken(tmp_path, "rules:\n", "rules:\n  - id: [\n"))
    assert error.rule_id.startswith("line ")


def test_missing_file(tmp_path: Path) -> None:
    error = load_error(tmp_path / "nowhere.yml")
    assert "cannot read" in error.problem


def test_broken_facts_file_next_to_the_rules(tmp_path: Path) -> None:
    facts = (RULES.parent / "facts.yml").read_text(encoding="utf-8")
    (tmp_path / "facts.yml").write_text(
        facts.replace("most_concerning: poor", "most_concerning: awful")
    )
    with pytest.raises(bot.PolicyFileError) as caught:
        bot.load_policy(broken(tmp_path, "version", "version"))
    assert caught.value.rule_id == "medication_adherence"
    assert caught.value.file == str(tmp_path / "facts.yml")


def test_a_changed_rule_changes_the_decision(tmp_path: Path) -> None:
    policy = bot.load_policy(
        broken(
            tmp_path,
            "condition: condition == 'asthma' and reliever_prescriptions_12m > 12",
            "condition: condition == 'asthma' and reliever_prescriptions_12m >= 12",
        )
    )
    facts = {"reporter_role": "health", "condition": "asthma", "reliever_prescriptions_12m": 12}
    assert "ONE-SERIOUS" in {f["rule"] for f in bot.decide(facts, policy)["fired"]}
    assert "ONE-SERIOUS" not in {f["rule"] for f in bot.decide(facts)["fired"]}
