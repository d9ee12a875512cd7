"""`python -m bot replay` against a stand-in assistant: --list, turns, --check, --html escaping."""

from __future__ import annotations

from pathlib import Path

import pytest

import bot
from bot.cli import main
from bot.scenarios import SCENARIO_DIR, find_scenario, load_scenarios
from bot.serve import free_port
from tests.scenarios.fake_rasa import fake_rasa

SCENARIOS = load_scenarios()
WEEKEND = find_scenario("review_weekend", SCENARIOS)


def test_list_shows_every_scenario_with_its_learning_point(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["replay", "--list"]) == 0
    out = capsys.readouterr().out
    for scenario in SCENARIOS:
        assert f"{scenario.name}  [{scenario.expected_level}]" in out
        assert scenario.learning_point[:60] in out


def test_replay_sends_the_story_user_turns_and_ends_with_the_decision(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with fake_rasa(bot.decide(WEEKEND.facts)) as fake:
        assert main(["replay", "review_weekend", "--url", fake.url, "--check"]) == 0
    assert [message for _, message in fake.received] == list(WEEKEND.user_turns)
    assert len({sender for sender, _ in fake.received}) == 1, "one conversation"
    out = capsys.readouterr().out
    assert out.index("Practitioner: " + WEEKEND.user_turns[0]) < out.index(
        "Decision: Immediate danger (level 5 of 5)"
    )


def test_check_exits_1_when_the_level_differs(capsys: pytest.CaptureFixture[str]) -> None:
    wrong = bot.decide({"reporter_role": "school", "condition": "asthma"})
    with fake_rasa(wrong) as fake:
        assert main(["replay", "review_weekend", "--url", fake.url, "--check"]) == 1
        assert main(["replay", "review_weekend", "--url", fake.url]) == 0
    assert "the assistant decided universal, the scenario expects immediate" in (
        capsys.readouterr().err
    )


def test_html_is_one_self_contained_page_with_every_text_escaped(tmp_path: Path) -> None:
    stories = tmp_path / "stories"
    stories.mkdir()
    source = next(SCENARIO_DIR.glob("test_*_review_weekend.yml"))
    text = source.read_text().replace(
        "Saturday night.", 'Saturday <script>alert("night")</script> &amp; night.'
    )
    (stories / source.name).write_text(text)
    page = tmp_path / "weekend.html"
    with fake_rasa(bot.decide(WEEKEND.facts)) as fake:
        code = main(
            [
                "replay",
                "review_weekend",
                "--url",
                fake.url,
                "--dir",
                str(stories),
                "--html",
                str(page),
            ]
        )
    assert code == 0
    html = page.read_text()
    assert html.startswith("<!DOCTYPE html>")
    assert "<script" not in html and "<i>" not in html
    assert "&lt;script&gt;alert(&quot;night&quot;)&lt;/script&gt; &amp;amp; night" in html
    assert "&lt;i&gt;" in html and "&amp; so" in html
    assert "http" not in html.lower().replace("http-equiv", ""), "no outside resources"
    assert "Immediate danger" in html and "Decision: immediate" not in html
    assert '<button type="button" disabled>Not &lt;b&gt;sure&lt;/b&gt;</button>' in html
    assert "Call 999 now" in html and "What to do next" in html, "the decision as the card"


def test_replay_text_shows_buttons_and_the_card_in_labels(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with fake_rasa(bot.decide(WEEKEND.facts)) as fake:
        assert main(["replay", "review_weekend", "--url", fake.url]) == 0
    out = capsys.readouterr().out
    assert "[ Yes ] [ Not <b>sure</b> ]" in out
    card = out.split("Assistant: (the decision card, below)")[-1]
    assert "Who to involve, and when:" in card
    assert "emergency_services" not in card and "childrens_social_care" not in card


def test_replay_uses_the_configured_rasa_port_by_default(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with fake_rasa(bot.decide(WEEKEND.facts)) as fake:
        monkeypatch.setenv("RASA_PORT", fake.url.rsplit(":", 1)[1])
        assert main(["replay", "review_weekend", "--check"]) == 0
    assert [message for _, message in fake.received] == list(WEEKEND.user_turns)
    assert "starting one" not in capsys.readouterr().err


def test_an_explicit_url_that_does_not_answer_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    assert main(["replay", "review_weekend", "--url", url]) == 2
    assert f"no assistant answers at {url}" in capsys.readouterr().err


def test_an_unknown_scenario_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["replay", "no_such_case"]) == 2
    assert "no scenario named 'no_such_case'" in capsys.readouterr().err
