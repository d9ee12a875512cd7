"""Fixtures for the web page tests: headless Chromium and the scripted fake server.

The browser is Debian's Chromium at /usr/bin/chromium (``make browser``);
tests are skipped with a clear reason when it is missing.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from bot.serve import free_port

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


def wait_for(url: str, timeout: float = 120.0) -> None:
    """Wait until ``url`` answers 200, or fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    pytest.fail(f"{url} did not answer within {timeout:.0f} s")


def snapshot(page, name: str, width: int) -> Path:  # type: ignore[no-untyped-def]
    """Save the whole page at ``width`` px under test-artifacts/ and return the path.

    The viewport is made as tall as the page so that sticky parts (the 999
    line, the message box) sit where they belong instead of over the card.
    """
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": width, "height": 800})
    height = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": width, "height": max(800, height)})
    path = ARTIFACTS / f"{name}-{width}px.png"
    page.screenshot(path=str(path))
    return path


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """A headless Chromium shared by the session's browser tests."""
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: run `make browser` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture()
def context(chromium):  # type: ignore[no-untyped-def]
    """A fresh browser context (own sessionStorage) at desktop size."""
    ctx = chromium.new_context(viewport=DESKTOP)
    ctx.set_default_timeout(30_000)
    yield ctx
    ctx.close()


@pytest.fixture()
def page(context):  # type: ignore[no-untyped-def]
    """A page that fails the test on any JavaScript error or dialog."""
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    pg.on(
        "console",
        lambda msg: (
            problems.append(f"console: {msg.text}")
            if msg.type == "error" and "Security Policy" in msg.text
            else None
        ),
    )
    pg.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    pg.problems = problems  # type: ignore[attr-defined]
    yield pg
    assert not problems, problems


@pytest.fixture(scope="module")
def fake_url() -> Iterator[str]:
    """The page served by the real web channel over a scripted fake bot."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.web.fake_server", str(port)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/webhooks/web/health", timeout=60)
        yield f"http://127.0.0.1:{port}/webhooks/web/"
    finally:
        process.terminate()
        process.wait(timeout=10)
