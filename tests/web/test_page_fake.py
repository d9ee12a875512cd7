"""The web page against the real channel code and a scripted fake bot (fast).

The fake (tests/web/fake_server.py) asks: immediate danger (buttons), role
(buttons), age (free text), then sends the assessment payload. These tests pin
the page's behaviour; test_page_servers.py proves it with the real assistant.
"""

from __future__ import annotations

import pytest
import requests
from playwright.sync_api import Page, expect

from tests.web.conftest import DESKTOP, PHONE, snapshot

XSS = "<img src=x onerror=alert(1)>"


def type_answer(page: Page, text: str) -> None:
    """Type ``text`` and press Enter once the last answer has its reply, as a person would."""
    expect(page.get_by_role("button", name="Send")).to_be_enabled()
    page.get_by_label("Your answer or question").fill(text)
    page.get_by_label("Your answer or question").press("Enter")


def answer_all(page: Page) -> None:
    """Go through the fake's three questions to the card."""
    page.get_by_role("button", name="No", exact=True).click()
    page.get_by_role("button", name="School").click()
    type_answer(page, "7")
    expect(page.locator(".card")).to_be_visible()


def start(page: Page, url: str) -> None:
    """Open the page and say hello."""
    page.goto(url)
    page.get_by_label("Your answer or question").fill("hello")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("button", name="No", exact=True)).to_be_enabled()


def test_routes_security_and_path_handling(fake_url: str) -> None:
    page = requests.get(fake_url, timeout=10)
    assert page.status_code == 200
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert "Access-Control-Allow-Origin" not in page.headers
    assert "<script>" not in page.text and " on" not in page.text.split("<body>")[1].split("=")[0]
    for bad in ["..%2Fapp.js", "%2E%2E%2F%2E%2E%2Fchannels%2Fweb.py", ".hidden", "x.py"]:
        assert requests.get(fake_url + "static/" + bad, timeout=10).status_code == 404, bad
    assert (
        requests.get(fake_url + "static/app.js", timeout=10)
        .headers["Content-Type"]
        .startswith("text/javascript")
    )
    config = requests.get(fake_url + "config", timeout=10).json()
    assert config["front_door"]["emergency"] == "999"
    assert set(config["levels"]) >= {"universal", "immediate"}
    sender = requests.post(fake_url + "session", timeout=10).json()["sender"]
    for body in [{"sender": "x", "message": "hi"}, {"sender": sender}, ["hi"]]:
        assert requests.post(fake_url + "webhook", json=body, timeout=10).status_code == 400
    made_up = {"sender": "web-12345678", "message": "hi"}  # a session this server never issued
    assert requests.post(fake_url + "webhook", json=made_up, timeout=10).status_code == 403
    cross = requests.post(
        fake_url + "webhook",
        json={"sender": sender, "message": "hi"},
        headers={"Origin": "http://evil.example"},
        timeout=10,
    )
    assert "Access-Control-Allow-Origin" not in cross.headers


@pytest.mark.browser
def test_finishes_to_a_card_with_every_part(page: Page, fake_url: str) -> None:
    requests_seen: list[str] = []
    page.on("request", lambda request: requests_seen.append(request.url))
    start(page, fake_url)
    expect(page.locator("#emergency")).to_contain_text("999")
    answer_all(page)
    assert all(url.startswith(fake_url) for url in requests_seen), requests_seen
    expect(page.get_by_role("button", name="School")).to_be_disabled()
    card = page.locator(".card")
    expect(card.locator(".card__level")).to_contain_text("Complex needs")
    expect(card.locator(".card__level")).to_contain_text("Level 3 of 5")
    expect(card.locator(".card__level")).to_be_focused()
    expect(card).to_contain_text("Could be as high as Significant harm")
    expect(card).to_contain_text("Children's social care")
    expect(card).to_contain_text("Ask the GP whether")
    expect(card.locator("ol.card__steps li")).to_have_count(2)
    reason = card.locator(".card__reasons details").first
    source = reason.get_by_text("serious case review (2022), finding 4")
    expect(source).to_be_hidden()
    reason.locator("summary").click()
    expect(source).to_be_visible()
    expect(reason.get_by_text("scr-finding-2")).to_be_visible()
    folded = page.locator("details.folded")
    expect(folded.locator("strong", has_text="level")).to_be_hidden()
    folded.locator("summary").click()
    expect(folded.locator("strong", has_text="level")).to_be_visible()
    expect(page.get_by_role("link", name="the guidance")).to_have_attribute(
        "href", "https://example.org/guidance"
    )
    snapshot(page, "fake-card", DESKTOP["width"])
    page.set_viewport_size(PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"page scrolls sideways at 360 px ({width} px wide)"
    snapshot(page, "fake-card", PHONE["width"])


@pytest.mark.browser
def test_markup_in_messages_is_only_text(page: Page, fake_url: str) -> None:
    start(page, fake_url)
    page.get_by_role("button", name="No", exact=True).click()
    page.get_by_role("button", name="School").click()
    type_answer(page, XSS)
    expect(page.locator(".choice:enabled")).to_have_count(0)
    expect(page.locator(".message--bot", has_text="You said: " + XSS)).to_be_visible()
    expect(page.locator(".message--user", has_text=XSS)).to_be_visible()
    assert page.locator("#transcript img").count() == 0
    page.wait_for_timeout(300)
    assert page.problems == []  # type: ignore[attr-defined]


@pytest.mark.browser
def test_reload_keeps_the_conversation(page: Page, fake_url: str) -> None:
    start(page, fake_url)
    page.get_by_role("button", name="No", exact=True).click()
    expect(page.get_by_role("button", name="School")).to_be_visible()
    page.reload()
    expect(page.get_by_role("button", name="No", exact=True)).to_be_disabled()
    page.get_by_role("button", name="School").click()
    type_answer(page, "7")
    expect(page.locator(".card__level")).to_contain_text("Complex needs")
    page.reload()
    expect(page.locator(".card__level")).to_contain_text("Complex needs")


@pytest.mark.browser
def test_unreachable_server_keeps_the_message_and_retries(page: Page, fake_url: str) -> None:
    start(page, fake_url)
    page.route("**/webhook", lambda route: route.abort())
    page.get_by_role("button", name="No", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("cannot be reached")
    expect(page.locator(".message--failed")).to_contain_text("No")
    box = page.get_by_label("Your answer or question")
    box.fill("typed while down")
    box.press("Enter")
    expect(box).to_have_value("typed while down")
    page.reload()
    expect(page.get_by_role("alert")).to_contain_text("may not have been sent")
    page.unroute("**/webhook")
    page.get_by_role("button", name="Retry").click()
    expect(page.get_by_role("button", name="School")).to_be_enabled()
    expect(page.get_by_role("alert")).to_be_hidden()
    expect(page.locator(".message--failed")).to_have_count(0)


@pytest.mark.browser
def test_server_error_and_slow_answers(page: Page, fake_url: str) -> None:
    start(page, fake_url)
    box = page.get_by_label("Your answer or question")
    box.fill("slow")
    box.press("Enter")
    expect(page.locator("#typing")).to_be_visible()
    expect(page.get_by_role("button", name="Send")).to_be_disabled()
    expect(page.get_by_role("button", name="School")).to_be_visible(timeout=10_000)
    expect(page.locator("#typing")).to_be_hidden()
    box.fill("fail")
    box.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Retry")


@pytest.mark.browser
def test_copy_summary_and_print(page: Page, fake_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    start(page, fake_url)
    answer_all(page)
    page.get_by_role("button", name="Copy summary").click()
    expect(page.locator(".card__confirm")).to_contain_text("Summary copied")
    assert page.evaluate("navigator.clipboard.readText()").startswith("Level: Complex needs.")
    page.evaluate("window.print = () => {}")  # headless: keep the print classes on
    page.get_by_role("button", name="Print").click()
    page.emulate_media(media="print")
    expect(page.locator(".card")).to_be_visible()
    expect(page.locator(".card__reasons details").first).to_have_attribute("open", "")
    expect(page.locator(".message--user").first).to_be_hidden()
    expect(page.locator(".composer")).to_be_hidden()
    expect(page.get_by_role("button", name="Copy summary")).to_be_hidden()
    snapshot(page, "fake-print", DESKTOP["width"])


@pytest.mark.browser
def test_copy_fallback_selects_the_summary(page: Page, fake_url: str) -> None:
    start(page, fake_url)
    answer_all(page)
    page.evaluate(
        "Object.defineProperty(navigator, 'clipboard', {value: undefined});"
        "document.execCommand = () => false;"
    )
    page.get_by_role("button", name="Copy summary").click()
    expect(page.locator(".card__confirm")).to_contain_text("press Ctrl+C")
    expect(page.locator(".card__summary-text")).to_be_visible()
    assert page.evaluate("window.getSelection().toString()").startswith("Level: Complex needs.")


@pytest.mark.browser
def test_new_conversation_starts_afresh(page: Page, fake_url: str) -> None:
    start(page, fake_url)
    sender = page.evaluate("JSON.parse(sessionStorage.getItem('safeguarding-chat/v1')).sender")
    page.get_by_role("button", name="New conversation").click()
    page.get_by_role("button", name="Keep this conversation").click()
    expect(page.locator("#transcript > li")).to_have_count(2)
    page.get_by_role("button", name="New conversation").click()
    with page.expect_request(lambda r: r.url.endswith("/forget")) as forget:
        page.get_by_role("button", name="Start again").click()
    assert forget.value.post_data_json == {"sender": sender}
    expect(page.locator("#transcript > li")).to_have_count(0)
    expect(page.get_by_role("button", name="Start an assessment")).to_be_focused()
    new_sender = page.evaluate("JSON.parse(sessionStorage.getItem('safeguarding-chat/v1')).sender")
    assert new_sender != sender


@pytest.mark.browser
def test_keyboard_alone(page: Page, fake_url: str) -> None:
    page.goto(fake_url)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to the message box")).to_be_focused()
    page.keyboard.press("Enter")
    box = page.get_by_label("Your answer or question")
    expect(box).to_be_focused()
    page.keyboard.type("hello")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Yes")).to_be_visible()
    expect(box).to_be_focused()
    page.keyboard.press("Shift+Tab")  # back from the box to the last choice
    expect(page.get_by_role("button", name="Don't know")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("button", name="No", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="School")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("#transcript").get_by_text("How old is the child?")).to_be_visible()
    expect(box).to_be_focused()
    page.keyboard.type("7")
    page.keyboard.press("Enter")
    expect(page.locator(".card__level")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator(".card summary").first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".card__reasons details").first).to_have_attribute("open", "")


CONTRAST_JS = """
() => {
  const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const c = rgb(getComputedStyle(node).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const failures = [];
  for (const el of document.querySelectorAll("body *")) {
    const hasText = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!hasText || !el.getClientRects().length || el.closest(".visually-hidden")) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden") continue;
    const a = lum(rgb(style.color).slice(0, 3));
    const b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) failures.push(el.textContent.trim().slice(0, 40) + " " + ratio.toFixed(2));
  }
  return failures;
}
"""


@pytest.mark.browser
def test_text_contrast_is_at_least_4_5(page: Page, fake_url: str) -> None:
    start(page, fake_url)
    answer_all(page)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    page.route("**/webhook", lambda route: route.abort())
    page.get_by_label("Your answer or question").fill("down")
    page.get_by_label("Your answer or question").press("Enter")
    expect(page.get_by_role("alert")).to_be_visible()
    assert page.evaluate(CONTRAST_JS) == []


def test_an_answered_choice_stays_readable_under_the_pointer(page: Page, fake_url: str) -> None:
    start(page, fake_url)
    page.get_by_role("button", name="No", exact=True).click()
    school = page.get_by_role("button", name="School")
    expect(school).to_be_enabled()
    answered = page.get_by_role("button", name="Yes", exact=True).first
    expect(answered).to_be_disabled()
    answered.hover(force=True)
    assert page.evaluate(CONTRAST_JS) == []
