"""The web page with the real assistant: Rasa server, action server and engine.

Uses the session's ``servers`` fixture (tests/conftest.py). The last test
stops and restarts the Rasa server, so it stays last in this module.
"""

from __future__ import annotations

import re

import pytest
import requests
from playwright.sync_api import Page, expect

import bot
from tests.web.conftest import ARTIFACTS, DESKTOP, PHONE, snapshot

pytestmark = [pytest.mark.servers]

XSS = "<img src=x onerror=alert(1)>"
STORAGE = "JSON.parse(sessionStorage.getItem('safeguarding-chat/v1'))"

# Question (a phrase of it) -> how to answer: ("click", button) or ("type", text).
ANSWERS: list[tuple[str, tuple[str, str]]] = [
    ("immediate danger", ("click", "No")),
    ("Which service", ("click", "School")),
    ("How old", ("type", "she's seven")),
    ("main long-term health condition", ("click", "Asthma")),
    ("admitted to hospital", ("click", "3 or more")),
    ("attendance this school year", ("type", "about 85%")),
    ("misuse by a parent or carer", ("type", "suspected")),
]


def page_url(servers) -> str:  # type: ignore[no-untyped-def]
    """The page's address on the running Rasa server."""
    return f"{servers.rasa_url}/webhooks/web/"


def last_question_choice(page: Page):  # type: ignore[no-untyped-def]
    """The first answer button of the latest bot message."""
    return page.locator("#transcript > li.message--bot").last.locator(".choice").first


def bot_count(page: Page) -> int:
    return page.locator("#transcript > li.message--bot").count()


def wait_for_reply(page: Page, before: int) -> None:
    """Wait until a bot message beyond the first ``before`` has arrived and nothing is pending."""
    page.wait_for_function(
        "(before) => document.querySelectorAll('#transcript > li.message--bot').length > before"
        " && document.getElementById('typing').hidden",
        arg=before,
        timeout=60_000,
    )


def how_to_answer(question: str, turn: int) -> tuple[str, str]:
    """The scripted answer to ``question``; otherwise "don't know", clicked or typed."""
    for phrase, answer in ANSWERS:
        if phrase.lower() in question.lower():
            return answer
    return ("type", "not sure") if turn % 2 else ("click", "Don't know")


def answer_one(page: Page, turn: int) -> None:
    """Answer the current question by mouse (a button) or by typing."""
    last = page.locator("#transcript > li.message--bot").last
    how, value = how_to_answer(last.inner_text(), turn)
    button = last.get_by_role("button", name=value, exact=True)
    before = bot_count(page)
    if how == "click" and button.count() and button.is_enabled():
        button.click()
    else:
        box = page.get_by_label("Your answer or question")
        box.fill(value if how == "type" else "don't know")
        box.press("Enter")
    wait_for_reply(page, before)


def answer_until_card(page: Page, first_turn: int = 0) -> None:
    """Answer question after question until the decision card shows."""
    for turn in range(first_turn, first_turn + 30):
        if page.locator(".card").count():
            return
        answer_one(page, turn)
    pytest.fail("no decision card after 30 answers")


def start(page: Page, servers) -> None:  # type: ignore[no-untyped-def]
    page.goto(page_url(servers))
    before = bot_count(page)
    page.get_by_role("button", name="Start an assessment").click()
    wait_for_reply(page, before)


def check_card_matches_engine(page: Page) -> dict:
    """The card shows the level ``bot.decide`` gives for the payload's facts."""
    payload = page.evaluate(
        f"{STORAGE}.entries.map(e => e.message && e.message.custom)"
        ".filter(c => c && c.assessment).pop()"
    )
    decision = bot.decide(payload["facts"])
    assert payload["assessment"] == decision
    label = bot.load_locality("england").level_label(decision["level"])
    expect(page.locator(".card__level").last).to_contain_text(label)
    return payload


@pytest.mark.browser
def test_buttons_and_free_text_to_the_card(page: Page, servers) -> None:  # type: ignore[no-untyped-def]
    start(page, servers)
    expect(page.locator("#emergency")).to_contain_text("Call 999 if a child is in immediate danger")
    answer_until_card(page)
    payload = check_card_matches_engine(page)
    assert payload["facts"]["child_age_years"] == 7
    assert payload["facts"]["reporter_role"] == "school"
    expect(page.locator(".choice:enabled")).to_have_count(0)
    expect(page.get_by_role("button", name="School", exact=True)).to_be_disabled()
    card = page.locator(".card").last
    expect(card.locator(".card__level")).to_contain_text(re.compile(r"Level \d of 5"))
    if payload["assessment"]["range"]["highest"] != payload["assessment"]["level"]:
        expect(card.locator(".card__range")).to_be_visible()
    reason = card.locator(".card__reasons details").first
    reason.locator("summary").click()
    expect(reason.locator(".card__sources li").first).to_be_visible()
    snapshot(page, "card", DESKTOP["width"])
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    expect(page.locator("#emergency")).to_be_in_viewport()
    snapshot(page, "card", PHONE["width"])
    page.set_viewport_size(PHONE)
    page.evaluate("window.scrollTo(0, 0)")
    card.locator(".card__level").focus()
    expect(card.locator(".card__level")).to_be_in_viewport(ratio=1)
    page.screenshot(path=str(ARTIFACTS / "card-360px-screen.png"))


@pytest.mark.browser
def test_reload_mid_form_and_carry_on(page: Page, servers) -> None:  # type: ignore[no-untyped-def]
    start(page, servers)
    for turn in range(3):
        answer_one(page, turn)
    sender = page.evaluate(f"{STORAGE}.sender")
    question = page.locator("#transcript > li.message--bot p").last.inner_text()
    page.reload()
    assert page.evaluate(f"{STORAGE}.sender") == sender
    expect(page.locator("#transcript > li.message--bot p").last).to_have_text(question)
    expect(last_question_choice(page)).to_be_enabled()
    expect(page.get_by_role("button", name="School", exact=True)).to_be_disabled()
    answer_until_card(page, first_turn=3)
    check_card_matches_engine(page)
    page.reload()
    expect(page.locator(".card__level")).to_be_visible()


@pytest.mark.browser
def test_markup_typed_is_shown_as_text_and_runs_nothing(page: Page, servers) -> None:  # type: ignore[no-untyped-def]
    start(page, servers)
    before = bot_count(page)
    box = page.get_by_label("Your answer or question")
    box.fill(XSS)
    box.press("Enter")
    wait_for_reply(page, before)
    expect(page.locator(".message--user", has_text=XSS)).to_be_visible()
    assert page.locator("#transcript img").count() == 0
    page.wait_for_timeout(500)
    assert page.problems == []  # type: ignore[attr-defined]


def keyboard_focus(page: Page, matches: str, key: str = "Tab", limit: int = 25) -> None:
    """Press ``key`` until the focused element matches the JS test ``matches``."""
    for _ in range(limit):
        if page.evaluate(f"(el => {matches})(document.activeElement)"):
            return
        page.keyboard.press(key)
    pytest.fail(f"focus never reached an element where {matches}")


@pytest.mark.browser
def test_whole_path_by_keyboard_alone(page: Page, servers) -> None:  # type: ignore[no-untyped-def]
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(page_url(servers))
    keyboard_focus(page, "el.id === 'start'")
    before = bot_count(page)
    page.keyboard.press("Enter")
    wait_for_reply(page, before)
    for turn in range(30):
        if page.locator(".card").count():
            break
        question = page.locator("#transcript > li.message--bot").last.inner_text()
        how, value = how_to_answer(question, turn)
        last_buttons = page.locator("#transcript > li.message--bot").last.locator(".choice")
        names = [b.inner_text() for b in last_buttons.all()]
        before = bot_count(page)
        if how == "click" and value in names:
            in_box = page.evaluate("document.activeElement.id === 'message-input'")
            keyboard_focus(
                page,
                f"el.classList.contains('choice') && el.textContent === {value!r}",
                key="Shift+Tab" if in_box else "Tab",
            )
            page.keyboard.press("Enter")
        else:
            keyboard_focus(page, "el.id === 'message-input'")
            page.keyboard.type(value if how == "type" else "don't know")
            page.keyboard.press("Enter")
        wait_for_reply(page, before)
    expect(page.locator(".card__level").last).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator(".card summary").first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".card__reasons details").first).to_have_attribute("open", "")
    keyboard_focus(page, "el.textContent === 'Copy summary'")
    page.keyboard.press("Enter")
    expect(page.locator(".card__confirm").last).to_contain_text("Summary copied")
    assert page.evaluate("navigator.clipboard.readText()").strip()


def test_page_headers_config_and_no_cors_for_other_origins(servers) -> None:  # type: ignore[no-untyped-def]
    page = requests.get(page_url(servers), timeout=10)
    assert page.status_code == 200
    assert page.headers["Content-Security-Policy"].startswith("default-src 'self'")
    config = requests.get(page_url(servers) + "config", timeout=10).json()
    assert config["front_door"]["emergency"] == "999"
    assert config["levels"]["significant"]["label"] == bot.load_locality("england").level_label(
        "significant"
    )
    for method in ("POST", "OPTIONS"):
        answer = requests.request(
            method,
            page_url(servers) + "webhook",
            json={"sender": "web-cors-check", "message": "hello"},
            headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"},
            timeout=30,
        )
        assert "Access-Control-Allow-Origin" not in answer.headers, method


@pytest.mark.browser
def test_server_stopped_shows_error_then_retry_works(page: Page, servers) -> None:  # type: ignore[no-untyped-def]
    start(page, servers)
    answer_one(page, 0)
    servers.stop_rasa()
    try:
        box = page.get_by_label("Your answer or question")
        last_question_choice(page).click()
        expect(page.get_by_role("alert")).to_contain_text("cannot be reached")
        expect(page.locator(".message--failed")).to_have_count(1)
        box.fill("kept while the server is down")
        box.press("Enter")
        expect(box).to_have_value("kept while the server is down")
    finally:
        servers.start_rasa()
        servers.wait_until_ready()
    before = bot_count(page)
    page.get_by_role("button", name="Retry").click()
    wait_for_reply(page, before)
    expect(page.get_by_role("alert")).to_be_hidden()
    expect(page.locator(".message--failed")).to_have_count(0)
    expect(last_question_choice(page)).to_be_enabled()
