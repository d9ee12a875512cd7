"""A broken rule file fails at load time with the file, the rule and what to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

import bot

RULES = Path(bot.__file__).resolve().parent / "policy" / "rules-v2.yml"


def broken(tmp_path: Path, old: str, new: str) -> Path:
    text = RULES.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path = tmp_path / RULES.name
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
    assert bot.load_policy(tmp_path).version == "2"


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
        broken(
            tmp_path,
            "concern_level >= 'complex'\n    when",
            "concern_level >= 'complx'\n    when",
        )
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
    facts = (RULES.parent / "facts-v2.yml").read_text(encoding="utf-8")
    (tmp_path / "facts-v2.yml").write_text(
        facts.replace("most_concerning: poor", "most_concerning: awful")
    )
    with pytest.raises(bot.PolicyFileError) as caught:
        bot.load_policy(broken(tmp_path, "version", "version"))
    assert caught.value.rule_id == "medication_adherence"
    assert caught.value.file == str(tmp_path / "facts-v2.yml")


def test_a_changed_rule_changes_the_decision(tmp_path: Path) -> None:
    policy = bot.load_policy(
        broken(
            tmp_path,
            "condition: condition == 'asthma' and reliever_prescriptions_12m >= 12",
            "condition: condition == 'asthma' and reliever_prescriptions_12m >= 13",
        )
    )
    facts = {"reporter_role": "health", "condition": "asthma", "reliever_prescriptions_12m": 12}
    assert "ONE-SERIOUS" not in {f["rule"] for f in bot.decide(facts, policy)["fired"]}
    assert "ONE-SERIOUS" in {f["rule"] for f in bot.decide(facts)["fired"]}


@pytest.mark.parametrize(
    ("old", "new", "rule_id", "words"),
    [
        (
            "    unless: [MEDICAL-EMERGENCY]\n",
            "    unless: [MEDICAL-EMERGENCE]\n",
            "IMMEDIATE",
            "not a rule",
        ),
        (
            "    unless: [MEDICAL-EMERGENCY]\n",
            "    unless: [SUBSTANCE]\n",
            "IMMEDIATE",
            "same or a higher level",
        ),
        (
            "condition: P-SUBST\n",
            "condition: P-SUBST\n    unless: [IMMEDIATE]\n",
            "SUBSTANCE",
            "gives way to none",
        ),
        (
            "condition: P-SUBST\n",
            "condition: P-SUBST and concern_level >= 'complex'\n",
            "SUBSTANCE",
            "agency",
        ),
        ("condition: P-SUBST\n", "condition: fired(IMMEDIATE)\n", "SUBSTANCE", "agency"),
        (
            "condition: P-SUBST\n",
            "condition: carer_substance_misuse is not 'no'\n",
            "SUBSTANCE",
            "agency",
        ),
        (
            "now: fired(IMMEDIATE)",
            "now: fired(IMMEDIATLY)",
            "childrens_social_care",
            "did you mean 'IMMEDIATE'",
        ),
        (
            "concern_level_leaves_out: [IMMEDIATE, MEDICAL-EMERGENCY]",
            "concern_level_leaves_out: [IMMEDIATE, MEDICAL]",
            "MEDICAL",
            "no rule",
        ),
        (
            "from_level: complex",
            "from_level: compelx",
            "next_steps.if_much_unknown",
            "did you mean 'complex'",
        ),
        ("facts: facts-v2.yml", "facts: ../facts-v2.yml", "facts", ".yml file"),
    ],
)
def test_version_2_mistakes(tmp_path: Path, old: str, new: str, rule_id: str, words: str) -> None:
    error = load_error(broken(tmp_path, old, new))
    assert error.rule_id == rule_id
    assert words in str(error)


def test_unless_in_the_concern_level_must_not_lower_it(tmp_path: Path) -> None:
    path = broken(
        tmp_path,
        "concern_level_leaves_out: [IMMEDIATE, MEDICAL-EMERGENCY]",
        "concern_level_leaves_out: [MEDICAL-EMERGENCY]",
    )
    error = load_error(path)
    assert error.rule_id == "IMMEDIATE" and "concern level" in error.problem


def test_a_packaged_version_that_does_not_exist() -> None:
    with pytest.raises(bot.PolicyError) as caught:
        bot.load_policy(version="3")
    assert "use one of 1, 2" in str(caught.value)
    with pytest.raises(bot.PolicyError):
        bot.load_policy(RULES, version="2")
    assert bot.load_policy(version="1").version == "1"
    assert bot.load_policy(version="1") is bot.load_policy(version=1)
