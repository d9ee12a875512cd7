"""The command line: python -m bot assess / rules, and the command registry."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import bot
from bot import cli

ROOT = Path(bot.__file__).resolve().parent.parent
SPEC = ROOT.parent / "shared" / "spec" / "threshold-policy.md"
FACTS = {"reporter_role": "school", "condition": "asthma", "medication_misuse": "yes"}


def run_cli(
    args: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_assess_prints_the_decision(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(["assess"], json.dumps(FACTS), monkeypatch, capsys)
    assert code == 0
    assert err == ""
    assert json.loads(out) == bot.decide(FACTS)


def test_assess_reads_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(FACTS))
    assert cli.main(["assess", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["level"] == "significant"


def test_assess_dash_reads_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(["assess", "-"], json.dumps(FACTS), monkeypatch, capsys)
    assert code == 0
    assert json.loads(out)["level"] == "significant"


@pytest.mark.parametrize(
    ("stdin", "words"),
    [
        (
            '{"reporter_role": "school", "condition": "asthma", "child_age_years": 25}',
            "child_age_years: 25 is not allowed",
        ),
        ('{"reporter_role": "school", "condition": "asthma", "attendance": 80}', "did you mean"),
        ('{"reporter_role": "school"}', "condition: is required"),
        (
            '{"reporter_role": "school", "condition": "asthma", "school_attendance_pct": 140}',
            "school_attendance_pct: 140 is not allowed",
        ),
        ("{not json", "not valid JSON"),
        ("", "not valid JSON"),
        ("[1, 2]", "give one JSON object"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    stdin: str, words: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(["assess"], stdin, monkeypatch, capsys)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert words in err
    assert "Traceback" not in err


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["assess", str(tmp_path / "none.json")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot read" in err


def test_jsonl_keeps_going_after_a_bad_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        json.dumps(FACTS),
        '{"reporter_role": "school", "condition": "asthma", "child_age_years": 25}',
        "not json",
        json.dumps({"reporter_role": "health", "condition": "epilepsy"}),
    ]
    code, out, err = run_cli(["assess", "--jsonl"], "\n".join(lines) + "\n", monkeypatch, capsys)
    assert code == 2
    results = [json.loads(line) for line in out.splitlines()]
    assert len(results) == 4
    assert results[0] == bot.decide(FACTS)
    assert set(results[1]) == {"error"} and "child_age_years" in results[1]["error"]
    assert set(results[2]) == {"error"}
    assert results[3]["level"] == "universal"
    assert err.count("\n") == 1


def test_jsonl_all_good_exits_0(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(["assess", "--jsonl"], json.dumps(FACTS) + "\n\n", monkeypatch, capsys)
    assert code == 0
    assert len(out.splitlines()) == 1


def test_broken_policy_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "rules-v1.yml"
    rules.write_text("version: '1'\nrules: [\n")
    assert cli.main(["rules", "--policy", str(rules)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def spec_rule_ids() -> set[str]:
    if not SPEC.exists():
        return {rule.id for rule in bot.load_policy().rules}
    text = SPEC.read_text(encoding="utf-8").split("## Rules", 1)[1].split("## Agencies", 1)[0]
    return set(re.findall(r"^\| ([A-Z][A-Z0-9-]+) \|", text, flags=re.MULTILINE))


def test_rules_table_lists_every_rule_of_the_policy_page(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["rules"]) == 0
    table = capsys.readouterr().out
    ids = spec_rule_ids()
    assert len(ids) == 25
    for rule_id in ids:
        assert re.search(rf"^\| {re.escape(rule_id)} \|", table, flags=re.MULTILINE), rule_id
    assert ids == {rule.id for rule in bot.load_policy().rules}
    assert "| DIVERTED-MEDICATION |" in table and "police (today)" in table
    assert "# Threshold rules, version 2" in table
    assert "unless MEDICAL-EMERGENCY fires" in table


def test_rules_table_of_version_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["rules", "--policy", "1"]) == 0
    table = capsys.readouterr().out
    assert "# Threshold rules, version 1" in table
    assert "MEDICAL-EMERGENCY" not in table and "NOT-IN-SCHOOL" not in table
    assert "reliever_prescriptions_12m > 12" in table


@pytest.mark.parametrize(
    "args",
    [
        ["assess", "--policy", "3"],
        ["rules", "--policy", "3"],
        ["rules", "--policy", "two"],
        ["rules", "--diff", "1", "7"],
        ["rules", "--format", "md"],
    ],
)
def test_bad_policy_version_exits_2_with_one_line(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(args, json.dumps(FACTS), monkeypatch, capsys)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("error: ")
    assert "Traceback" not in err


def test_assess_policy_1_and_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    facts = json.dumps(
        {"reporter_role": "school", "condition": "asthma", "reliever_prescriptions_12m": 12}
    )
    code, out, _ = run_cli(["assess", "--policy", "1"], facts, monkeypatch, capsys)
    assert code == 0
    old = json.loads(out)
    assert old["policy_version"] == "1" and old["level"] == "additional"
    assert "RELIEVER-ELEVATED" in {f["rule"] for f in old["fired"]}
    code, out, _ = run_cli(["assess", "--policy", "2"], facts, monkeypatch, capsys)
    new = json.loads(out)
    assert new["policy_version"] == "2"
    assert "ONE-SERIOUS" in {f["rule"] for f in new["fired"]}
    code, out, _ = run_cli(["assess"], facts, monkeypatch, capsys)
    assert json.loads(out) == new


def test_policy_version_setting_chooses_the_default(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("POLICY_VERSION", "1")
    assert bot.decide(FACTS)["policy_version"] == "1"
    code, out, _ = run_cli(["assess"], json.dumps(FACTS), monkeypatch, capsys)
    assert code == 0 and json.loads(out)["policy_version"] == "1"
    monkeypatch.setenv("POLICY_VERSION", "9")
    with pytest.raises(bot.PolicyError, match="POLICY_VERSION"):
        bot.decide(FACTS)
    code, out, err = run_cli(["assess"], json.dumps(FACTS), monkeypatch, capsys)
    assert code == 2 and err.count("\n") == 1 and "POLICY_VERSION" in err
    monkeypatch.delenv("POLICY_VERSION")
    assert bot.decide(FACTS)["policy_version"] == "2"


def test_settings_check_the_policy_version(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from bot.settings import SettingsError, get_settings

    env = tmp_path / "none.env"
    monkeypatch.delenv("POLICY_VERSION", raising=False)
    assert get_settings(env).policy_version == "2"
    monkeypatch.setenv("POLICY_VERSION", "1")
    assert get_settings(env).policy_version == "1"
    monkeypatch.setenv("POLICY_VERSION", "3")
    with pytest.raises(SettingsError, match="POLICY_VERSION"):
        get_settings(env)


def test_a_missing_command_module_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(cli.COMMANDS, "ghost", "bot.no_such_module_here")
    assert cli.main(["ghost"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bot.no_such_module_here" in err


def test_unknown_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["asses"]) == 2
    assert "assess" in capsys.readouterr().err


def test_registry_has_the_commands_of_the_architecture() -> None:
    assert {"assess", "rules", "serve", "replay", "scenarios"} <= set(cli.COMMANDS)
    assert cli.COMMANDS["serve"] == "bot.serve"
    assert cli.COMMANDS["replay"] == "bot.scenarios.replay"
    assert cli.COMMANDS["scenarios"] == "bot.scenarios.coverage"


def test_python_m_bot_assess_never_imports_rasa() -> None:
    script = (
        "import io, json, sys\n"
        "sys.stdin = io.StringIO(sys.argv[1])\n"
        "from bot.cli import main\n"
        "code = main(['assess', '--jsonl'])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('rasa', 'rasa_sdk', 'tensorflow', 'sanic'))\n"
        "print(json.dumps({'code': code, 'heavy': heavy}), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, json.dumps(FACTS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report == {"code": 0, "heavy": []}
    assert json.loads(done.stdout)["level"] == "significant"


def test_python_m_bot_exit_code_and_one_line_error() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "assess"],
        input='{"reporter_role": "school", "condition": "asthma", "child_age_years": 25}',
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert "child_age_years: 25 is not allowed" in done.stderr
