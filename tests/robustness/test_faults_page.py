"""The web page when an answer cannot be saved: it says so, keeps the answer, Retry lands it once.

Drives headless Chromium (tests/web/conftest.py) against the robustness
suite's assistant: the page sends a ``message_id`` with each message; while
the store is locked the answer is shown as not saved and kept; after the lock
is gone, Retry sends it again and the conversation goes on from there.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.conversation.test_e2e import ASTHMA_ANSWERS
from tests.robustness.conftest import Launched, db_path
from tests.robustness.test_faults import _locked, _requested, _user_turns
from tests.servers import tracker
from tests.web.conftest import CHROMIUM, CHROMIUM_ARGS, context, page  # noqa: F401  (fixtures)
from tests.web.test_page_servers import bot_count, page_url, wait_for_reply

pytestmark = [pytest.mark.servers, pytest.mark.browser]


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """Headless Chromium for this module only: Playwright's loop is gone before later
    modules call ``asyncio.run``."""
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: run `make browser` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def test_a_not_saved_answer_is_kept_and_lands_once_on_retry(
    page: Page,  # noqa: F811
    robust_servers: Launched,
) -> None:
    sent: list[dict] = []
    page.on(
        "request",
        lambda r: sent.append(r.post_data_json) if r.url.endswith("/webhook") else None,
    )
    page.goto(page_url(robust_servers))
    before = bot_count(page)
    page.get_by_role("button", name="Start an assessment").click()
    wait_for_reply(page, before)
    sender = page.evaluate("JSON.parse(sessionStorage.getItem('safeguarding-chat/v1')).sender")
    assert _requested(robust_servers, sender) == "immediate_danger"
    with _locked(db_path(robust_servers)):
        before = bot_count(page)
        page.get_by_role("button", name="No", exact=True).click()
        wait_for_reply(page, before)
        expect(page.get_by_role("alert")).to_contain_text("not saved")
        expect(page.locator(".message--failed")).to_contain_text("No")
        expect(page.locator("#transcript > li.message--bot").last).to_contain_text("999")
    assert _requested(robust_servers, sender) == "immediate_danger"
    page.get_by_role("button", name="Retry").click()
    expect(page.locator(".message--failed")).to_have_count(0)
    expect(page.get_by_role("alert")).to_be_hidden()
    page.wait_for_function("() => document.getElementById('typing').hidden", timeout=30_000)
    state = tracker(robust_servers, sender)
    assert state["slots"]["immediate_danger"] == "no"
    assert state["slots"]["requested_slot"] == ASTHMA_ANSWERS[1][1]
    answers = [body for body in sent if body.get("message") != "start assessment"]
    assert len(answers) == 2 and answers[0]["message_id"] == answers[1]["message_id"]
    assert 0 < len(answers[0]["message_id"]) <= 64
    assert _user_turns(robust_servers, sender).count(answers[0]["message"]) == 1
