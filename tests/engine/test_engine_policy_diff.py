"""``python -m bot rules --diff``: what changed between two versions, and what it changes."""

from __future__ import annotations

from pathlib import Path

import pytest

import bot
from bot import cli
from bot.engine.policy_diff import Case, compare, golden_cases, impact, render, scenario_cases

FIXTURE = Path(__file__).resolve().parent / "diff_fixture"
OLD = bot.load_policy(FIXTURE / "old" / "rules-v1.yml")
NEW = bot.load_policy(FIXTURE / "new" / "rules-v2.yml")
V1, V2 = bot.load_policy(version="1"), bot.load_policy(version="2")
FIXTURE_CASES = [
    Case(
        "two admissions",
        "test",
        {"reporter_role": "health", "condition": "asthma", "unplanned_admissions_12m": 2},
    ),
    Case(
        "distressed child",
        "test",
        {"reporter_role": "school", "condition": "asthma", "child_distress": "yes"},
    ),
    Case("nothing known", "test", {"reporter_role": "school", "condition": "asthma"}),
]


def lines(old: bot.Policy, new: bot.Policy) -> dict[str, list[str]]:
    return {section.title: section.lines for section in compare(old, new)}


def test_fixture_changes_rule_by_rule() -> None:
    found = lines(OLD, NEW)
    assert found["Thresholds (indicators)"] == [
        "H-ADMIT: holds when `unplanned_admissions_12m >= 3` → `unplanned_admissions_12m >= 2`"
    ]
    rules = found["Rules"]
    assert any(line.startswith("new rule NEW-RULE:") and "significant" in line for line in rules)
    assert any(line.startswith("removed rule OLD-RULE") for line in rules)
    assert "DISTRESS: level `additional` → `complex`" in rules
    agencies = found["Agencies and their timing"]
    assert "new agency police: `fired(NEW-RULE)`" in agencies
    assert "gp: timing `within 2 working days` → `today`" in agencies
    assert found["Always-present gaps"][0].startswith(
        "new always-present gap other_parent_involved"
    )
    assert any("now cited: HIDDEN-HARM" in line for line in found["Sources"])
    assert "Facts" not in found and "Next steps" not in found


def test_fixture_impact_side_by_side() -> None:
    changed, total = impact(OLD, NEW, FIXTURE_CASES)
    assert total == 3
    by_name = {item.case.name: item for item in changed}
    assert set(by_name) == {"two admissions", "distressed child"}
    assert (by_name["two admissions"].old_level, by_name["two admissions"].new_level) == (
        "universal",
        "complex",
    )
    assert "+ gp (today)" in by_name["two admissions"].new_agencies
    assert "+ childrens_social_care (today)" in by_name["distressed child"].new_agencies


@pytest.mark.parametrize("markdown", [False, True])
def test_fixture_renders_for_a_terminal_and_as_markdown(markdown: bool) -> None:
    text = render(OLD, NEW, FIXTURE_CASES, markdown=markdown)
    assert "2 of 3 cases change level or agencies" in text
    assert "two admissions (test)" in text
    if markdown:
        assert text.startswith("# Threshold policy: what changed from version 1 to version 2")
        assert "## Rules" in text and "`unplanned_admissions_12m >= 2`" in text
        assert "| case | level v1 | level v2 |" in text
        assert "| two admissions (test) | universal | complex |" in text
    else:
        assert "`" not in text and "|" not in text
        assert "Rules\n-----" in text
        assert "level     v1 universal  →  v2 complex  (CHANGED)" in text


def test_no_change_says_so() -> None:
    text = render(V2, V2, FIXTURE_CASES)
    assert "No rule, threshold, agency, gap, step or source changed." in text
    assert "0 of 3 cases change" in text


def test_real_policies_name_what_version_2_changed() -> None:
    found = lines(V1, V2)
    assert any(
        line.startswith("H-RELIEVER:") and "> 12" in line and ">= 12" in line
        for line in found["Thresholds (indicators)"]
    )
    rules = found["Rules"]
    assert any(line.startswith("new rule MEDICAL-EMERGENCY:") for line in rules)
    assert any(line.startswith("new rule NOT-IN-SCHOOL:") for line in rules)
    assert any(
        line.startswith("IMMEDIATE: fires when") and "unless MEDICAL-EMERGENCY" in line
        for line in rules
    )
    assert "ON-CP-PLAN: sources `WNB` → `WT-2023-CP, WNB`" in rules
    agencies = " ".join(found["Agencies and their timing"])
    for agency in (
        "childrens_social_care",
        "police",
        "designated_safeguarding_lead",
        "allocated_social_worker",
        "school",
        "attendance_service",
        "early_help",
    ):
        assert f"{agency}:" in agencies, agency
    gaps = " ".join(found["Always-present gaps"])
    for fact in ("reliever_prescriptions_12m", "medication_misuse", "missed_appointments_12m"):
        assert f"new always-present gap {fact}" in gaps
    assert any(line.startswith("new fact danger_kind") for line in found["Facts"])
    assert any("now cited: FIRST-AID" in line for line in found["Sources"])
    assert any("now cited: WT-2023-CP" in line for line in found["Sources"])


def test_real_impact_names_the_golden_cases_and_scenarios_that_change() -> None:
    cases = golden_cases() + scenario_cases()
    assert {case.kind for case in cases} == {"golden v1", "golden v2", "scenario"}
    changed, _ = impact(V1, V2, cases)
    by_name = {item.case.name: item for item in changed}
    emergency = by_name["a medical emergency calls an ambulance, not the police or social care"]
    assert emergency.old_level == emergency.new_level == "immediate"
    assert "police (now)" in emergency.old_agencies
    assert "childrens_social_care (now)" in emergency.old_agencies
    school_age = by_name["a five-year-old on no school roll - find out where they are educated"]
    assert (school_age.old_level, school_age.new_level) == ("universal", "additional")
    assert "+ attendance_service (routine)" in school_age.new_agencies
    assert (
        "designated_safeguarding_lead routine → today"
        in by_name["cystic_fibrosis_severe_absence"].new_agencies
    )
    unchanged = {case.name for case in cases} - set(by_name)
    assert "well_managed_asthma" in unchanged


def test_only_the_scenario_made_for_not_in_school_changes_level_between_versions() -> None:
    """The scenarios written before version 2 keep their levels (their metadata stays);
    the one written for NOT-IN-SCHOOL shows the new rule: universal under 1, additional under 2."""
    changed, _ = impact(V1, V2, scenario_cases())
    moved = {item.case.name: (item.old_level, item.new_level) for item in changed}
    moved = {name: levels for name, levels in moved.items() if levels[0] != levels[1]}
    assert moved == {"home_educated_no_school": ("universal", "additional")}


def test_rules_diff_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["rules", "--diff", "1", "2"]) == 0
    text = capsys.readouterr().out
    for name in (
        "H-RELIEVER",
        "MEDICAL-EMERGENCY",
        "NOT-IN-SCHOOL",
        "childrens_social_care",
        "police",
        "Impact on the golden cases and training scenarios",
    ):
        assert name in text
    assert cli.main(["rules", "--diff", "1", "2", "--format", "md"]) == 0
    markdown = capsys.readouterr().out
    assert markdown.startswith("# ") and "\n## Agencies and their timing\n" in markdown
    old, new = FIXTURE / "old" / "rules-v1.yml", FIXTURE / "new" / "rules-v2.yml"
    assert cli.main(["rules", "--diff", str(old), str(new), "--format", "text"]) == 0
    assert "removed rule OLD-RULE" in capsys.readouterr().out
