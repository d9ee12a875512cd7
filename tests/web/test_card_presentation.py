"""The decision card as a practitioner reads it (fake server, real channel, real Chromium).

``show medical`` and ``show school`` make the fake server send real payloads
built by ``bot.conversation.payload``: a version 2 medical emergency for a
child with asthma, and a school reporter's case whose range is wider than its
level. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from bot.conversation.first_steps import first_steps
from tests.web.conftest import ARTIFACTS, snapshot
from tests.web.fake_server import SHOWN

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def show(page: Page, url: str, name: str) -> None:
    """Open the page and have the fake server send the named decision card."""
    page.goto(url)
    page.get_by_label("Your answer or question").fill(f"show {name}")
    page.get_by_label("Your answer or question").press("Enter")
    expect(page.locator(".card")).to_be_visible()


@pytest.mark.browser
def test_a_medical_emergency_card_calls_an_ambulance_with_first_steps(
    page: Page, fake_url: str
) -> None:
    show(page, fake_url, "medical")
    card = page.locator(".card")
    expect(card.locator(".card__level")).to_contain_text("Medical emergency")
    expect(card.locator(".card__call")).to_have_text("Call 999 now and ask for an ambulance.")
    steps = card.locator(".card__first-steps li")
    expect(steps).to_have_count(len(first_steps("asthma")))
    expect(steps.first).to_have_text(first_steps("asthma")[0])
    agencies = card.locator(".card__agencies")
    expect(agencies).not_to_contain_text(re.compile("social care|police", re.IGNORECASE))
    expect(agencies).to_contain_text("999 for an ambulance")
    expect(card.locator(".card__meaning")).not_to_contain_text("social care")
    expect(card.locator(".card__front-door")).to_have_count(0)
    call_box = card.locator(".card__emergency").bounding_box()
    why_box = card.locator(".card__agencies").bounding_box()
    assert call_box and why_box and call_box["y"] < why_box["y"], "999 comes first"
    snapshot(page, "card-medical-emergency", 1280)
    snapshot(page, "card-medical-emergency", 360)


@pytest.mark.browser
def test_the_school_reporter_is_you_and_the_gaps_come_first(page: Page, fake_url: str) -> None:
    show(page, fake_url, "school")
    card = page.locator(".card")
    you = card.locator(".card__you")
    expect(you).to_have_count(1)
    expect(you).to_contain_text("You (the child's school)")
    expect(you).to_contain_text("Keep a close eye on attendance")
    others = card.locator(".card__agencies li:not(.card__you)")
    expect(others.first).to_be_visible()
    expect(others.filter(has_text=re.compile("^The child's school"))).to_have_count(0)
    expect(card.locator(".card__change")).to_have_text("Changed: attendance 85% → 45%")
    first = card.locator(".card__section--first")
    expect(first.locator(".card__heading")).to_have_text("What to find out first")
    expect(first.locator("li")).to_have_count(len(SHOWN["school"]["assessment"]["gaps"]))
    expect(first).to_contain_text("ask whoever visits the home")
    first_y = first.bounding_box()["y"]  # type: ignore[index]
    why_y = card.locator(".card__reasons").bounding_box()["y"]  # type: ignore[index]
    assert first_y < why_y, "a tired reader sees the gaps before the reasons"
    snapshot(page, "card-school-you", 1280)
    snapshot(page, "card-school-you", 360)

    card.get_by_text("Your answers (change any of them)").click()
    change = card.locator(".card__answers dd", has_text="45%").get_by_role("button")
    expect(change).to_have_accessible_name("Change school attendance this year")
    change.click()
    expect(page.locator(".message--user .message__text").last).to_have_text("change attendance")
    expect(page.locator(".message--bot").last).to_contain_text("You said: change attendance")


@pytest.mark.browser
@pytest.mark.parametrize("size", [{"width": 1280, "height": 800}, {"width": 360, "height": 800}])
def test_the_referral_summary_fits_one_screen(page: Page, fake_url: str, size: dict) -> None:
    page.set_viewport_size(size)
    show(page, fake_url, "school")
    card = page.locator(".card")
    card.get_by_text("Referral summary (text that").click()
    main = card.locator(".card__summary-main")
    expect(main).to_contain_text("Not known yet:")
    expect(main).to_contain_text("told me he's scared he'll die in his sleep")
    expect(main).not_to_contain_text("_")
    expect(card.locator(".card__summary-appendix")).to_contain_text("Sources:")
    for details in page.locator(".card details").all():
        details.evaluate("d => { d.open = true; }")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= size["width"], "nothing on the card scrolls sideways"
    height = main.bounding_box()["height"]  # type: ignore[index]
    assert height <= size["height"], f"{height:.0f} px is more than one screen"
    ARTIFACTS.mkdir(exist_ok=True)
    tall = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": tall})  # the composer stays below
    card.locator(".card__summary-text").screenshot(
        path=str(ARTIFACTS / f"summary-{size['width']}px.png")
    )
    print(f"summary main part: {height:.0f} px at {size['width']}x{size['height']}")


@pytest.mark.browser
@pytest.mark.parametrize("name", ["school", "medical"])
def test_the_page_with_a_decision_card_has_no_wcag_21_aa_violations(
    page: Page, fake_url: str, name: str
) -> None:
    show(page, fake_url, name)
    for details in page.locator(".card details").all():
        details.evaluate("d => { d.open = true; }")
    results = Axe().run(page, options=WCAG_21_AA)
    assert len(results.response["passes"]) > 10, "the audit ran its WCAG 2.1 AA rules"
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.browser
def test_the_training_page_shows_buttons_and_the_card_and_passes_the_audit(page: Page) -> None:
    from bot.conversation.payload import build_payload
    from bot.scenarios import find_scenario, load_scenarios
    from bot.scenarios.transcript import Transcript, render_html

    scenario = find_scenario("review_conference_week", load_scenarios())
    transcript = Transcript(scenario)
    transcript.say("hello")
    transcript.add_bot_messages(
        [
            {
                "text": "Is the child in immediate danger?",
                "buttons": [{"title": "Yes"}, {"title": "No"}, {"title": "Not sure"}],
            },
            {"custom": build_payload(scenario.facts)},
        ]
    )
    page.set_content(render_html(transcript))
    expect(page.get_by_role("button", name="Not sure")).to_be_disabled()
    card = page.get_by_role("region", name="The assistant's decision")
    expect(card.get_by_role("heading", level=2)).to_have_text("Significant harm (child protection)")
    expect(card).to_contain_text("You (health)")
    expect(card).not_to_contain_text("childrens_social_care")
    snapshot(page, "training-page", 1280)
    results = Axe().run(page, options=WCAG_21_AA)
    assert len(results.response["passes"]) > 5
    assert results.violations_count == 0, results.generate_report()
