"""The decision audit trail: a real SQLite store, exported and verified by the command line."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import stat
from pathlib import Path

import pytest

from bot import decide
from bot.audit import record_decision
from bot.audit.store import AuditStore
from bot.cli import main
from bot.conversation.payload import build_payload

FACTS = [
    {"immediate_danger": "no", "reporter_role": "school", "condition": "asthma"},
    {
        "immediate_danger": "no",
        "reporter_role": "health",
        "condition": "asthma",
        "carer_substance_misuse": "yes",
        "unplanned_admissions_12m": 3,
        "child_age_years": 7,
    },
    {"immediate_danger": "yes", "reporter_role": "police", "condition": "epilepsy"},
]
DAY = 86400.0


@pytest.fixture
def audit_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "private" / "audit.db"
    monkeypatch.setenv("AUDIT_DB", str(path))
    monkeypatch.delenv("AUDIT_URL", raising=False)
    return path


def _fill(store: AuditStore, start: float = 1_700_000_000.0) -> None:
    for number, facts in enumerate(FACTS):
        store.append(decide(facts), facts, "web", f"key{number:017d}", now=start + number * DAY)


def test_every_decision_is_exported_as_jsonl_without_free_text(
    audit_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert record_decision("web-abc", "web", build_payload(FACTS[1]))
    assert main(["audit"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    record = json.loads(line)
    decision = decide(FACTS[1])
    assert record["level"] == decision["level"]
    assert record["fired"] == [f["rule"] for f in decision["fired"]]
    assert record["agencies"] == [a["id"] for a in decision["agencies"]]
    assert record["policy_version"] == decision["policy_version"]
    assert record["channel"] == "web"
    assert record["conversation_key"] != "web-abc" and "web-abc" not in line
    assert set(record["facts"]) <= set(FACTS[1]) | {"immediate_danger"}


def test_facts_that_are_not_contract_values_are_never_stored(audit_db: Path) -> None:
    store = AuditStore.from_settings()
    facts = {
        "reporter_role": "school",
        "child_age_years": 7,
        "condition": "Jayden's asthma",
        "notes": "mum Sarah",
    }
    decision = decide({"reporter_role": "school", "condition": "asthma", "child_age_years": 7})
    store.append(decision, facts, "rest", "k" * 20)
    (record,) = store.records()
    assert record.facts == {"reporter_role": "school", "child_age_years": 7}
    assert b"Jayden" not in audit_db.read_bytes() and b"Sarah" not in audit_db.read_bytes()


def test_csv_export_and_since(audit_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fill(AuditStore.from_settings())
    assert main(["audit", "--format", "csv", "--since", "2023-11-15"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 2
    assert rows[0]["recorded_at"].startswith("2023-11-15")
    assert json.loads(rows[-1]["facts"]) == FACTS[2]
    with pytest.raises(SystemExit) as refused:
        main(["audit", "--since", "last tuesday"])
    assert refused.value.code == 2


def test_verify_remakes_each_decision_and_fails_on_any_difference(
    audit_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(AuditStore.from_settings())
    assert main(["audit", "--verify"]) == 0
    with sqlite3.connect(audit_db) as db:
        db.execute("UPDATE audit_decisions SET level = 'universal' WHERE id = 2")
    assert main(["audit", "--verify"]) == 1
    out = capsys.readouterr().out
    assert "record 2" in out and "level universal ->" in out
    with sqlite3.connect(audit_db) as db:
        db.execute("UPDATE audit_decisions SET policy_version = '99' WHERE id = 1")
    assert main(["audit", "--verify"]) == 1
    assert "record 1" in capsys.readouterr().out


def test_the_audit_store_is_owner_only_and_keeps_its_own_retention(audit_db: Path) -> None:
    store = AuditStore.from_settings()
    _fill(store)
    assert stat.S_IMODE(audit_db.stat().st_mode) == 0o600
    assert stat.S_IMODE(audit_db.parent.stat().st_mode) == 0o700
    now = 1_700_000_000.0 + 7 * 365.25 * DAY + 1.5 * DAY
    assert store.delete_older_than(7 * 365.25 * DAY, now=now) == 2
    assert [r.facts for r in store.records()] == [FACTS[2]]


def test_a_failing_audit_store_never_stops_the_conversation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("AUDIT_URL", f"sqlite:///{tmp_path}/a-file/audit.db")
    assert record_decision("web-abc", "web", build_payload(FACTS[0])) is False
    assert "audit: decision not recorded for conversation" in caplog.text
    assert "web-abc" not in caplog.text


def test_verify_remakes_a_version_1_decision_under_version_1(
    audit_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """12 relievers are serious only from version 2 (H-RELIEVER >= 12): the levels differ."""
    from bot import load_policy

    facts = {
        "immediate_danger": "no",
        "reporter_role": "school",
        "condition": "asthma",
        "reliever_prescriptions_12m": 12,
        "medication_adherence": "poor",
    }
    v1, v2 = decide(facts, policy=load_policy(version="1")), decide(facts)
    assert (v1["policy_version"], v2["policy_version"]) == ("1", "2")
    assert v1["level"] != v2["level"]
    store = AuditStore.from_settings()
    store.append(v1, facts, "web", "k" * 18)
    store.append(v2, facts, "web", "j" * 18)
    assert main(["audit", "--verify"]) == 0, capsys.readouterr().out
