"""The room's pages in a real browser: Debian's chromium, headless, driven by Playwright (as in
the planner's tests), against a real show with ``--serve`` on the dummy drivers. Given the
three pages open, when the remote gives the PIN and presses Next, then the lyrics page (another
tab, another client) follows to the next step; when the server goes away, the page says so.
Screenshots of each page on a phone and a tablet go to SHOTS."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(os.environ.get("SERVE_SHOTS", "/tmp/work/shots/serve"))
PHONE, TABLET = {"width": 390, "height": 844}, {"width": 820, "height": 1180}

pytestmark = [pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (tools/setup.sh installs it)"),
              pytest.mark.timeout(240)]


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield b
        b.close()


def open_page(browser, show, page: str, viewport=PHONE):
    tab = browser.new_page(viewport=viewport, bypass_csp=True)   # (Playwright waits by evaluating strings)
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(f"{show.url}{page}?c={show.code}")
    tab.wait_for_selector("body[data-ready='1'][data-live='1']")
    tab.errors = errors
    return tab


def step_of(tab) -> int:
    return int(tab.evaluate("document.body.dataset.step"))


def unlock(remote, pin: str) -> None:
    from playwright.sync_api import expect
    remote.fill("#pin", pin)
    remote.locator("#pinform button").click()
    expect(remote.locator("#pad button[data-action='next']")).to_be_enabled()


def test_next_on_the_remote_moves_the_lyrics_page(browser, show):
    from playwright.sync_api import expect
    lyrics = open_page(browser, show, "lyrics")
    stage = open_page(browser, show, "stage", TABLET)
    remote = open_page(browser, show, "remote")
    expect(lyrics.locator("#cardtitle")).to_have_text("Velkommen til helsekor!")   # the calm card
    expect(remote.locator("#next")).to_contain_text("Våkne, kropp!")
    assert remote.locator("#pad button[data-action='next']").is_disabled()         # a viewer until the PIN
    unlock(remote, show.pin)
    before = step_of(lyrics)
    remote.locator("#pad button[data-action='next']").click()
    lyrics.wait_for_function(f"Number(document.body.dataset.step) === {before + 1}", timeout=10000)
    expect(lyrics.locator("#cardtitle")).to_have_text("Våkne, kropp!")
    expect(stage.locator("#title")).to_have_text("Våkne, kropp!")
    for tab in (lyrics, stage, remote):
        assert tab.errors == []


def test_a_double_press_on_next_moves_one_step(browser, show):
    remote = open_page(browser, show, "remote")
    unlock(remote, show.pin)
    button = remote.locator("#pad button[data-action='next']")
    button.click()
    button.click(delay=0)                      # at once: the clicker's double-press guard
    remote.wait_for_function("Number(document.body.dataset.step) === 1", timeout=10000)
    remote.wait_for_timeout(800)
    assert step_of(remote) == 1


def test_a_lost_connection_is_said_and_mended_by_itself(browser, show):
    from playwright.sync_api import expect
    lyrics = open_page(browser, show, "lyrics")
    lyrics.route("**/api/events*", lambda route: route.abort())    # the network goes away
    lyrics.evaluate("HK.source.close(); listen()")
    expect(lyrics.locator("#lost")).to_be_visible()
    expect(lyrics.locator("#lost")).to_contain_text("Forbindelsen er borte")
    lyrics.unroute("**/api/events*")                               # and comes back
    expect(lyrics.locator("#lost")).to_be_hidden(timeout=15000)


def test_screenshots_of_the_three_pages_on_a_phone_and_a_tablet(browser, show):
    SHOTS.mkdir(parents=True, exist_ok=True)
    remote = open_page(browser, show, "remote")
    unlock(remote, show.pin)
    for name, size in (("phone", PHONE), ("tablet", TABLET)):
        tab = open_page(browser, show, "lyrics", size)
        tab.screenshot(path=str(SHOTS / f"lyrics-card-{name}.png"))
        tab.close()
    for k in range(10):                                            # to the first song
        remote.locator("#pad button[data-action='next']").click()
        remote.wait_for_function(f"Number(document.body.dataset.step) === {k + 1}", timeout=10000)
        remote.wait_for_timeout(350)
    remote.wait_for_function("HK.view && HK.view.singing", timeout=30000)
    remote.wait_for_timeout(4000)                                  # past the count-in
    for name, size in (("phone", PHONE), ("tablet", TABLET)):
        for page in ("lyrics", "stage", "remote"):
            tab = open_page(browser, show, page, size)
            if page == "remote":
                unlock(tab, show.pin)
            tab.wait_for_function("HK.view && HK.view.singing", timeout=15000)
            tab.wait_for_timeout(300)
            tab.screenshot(path=str(SHOTS / f"{page}-{name}.png"))
            assert tab.errors == []
            tab.close()
    assert len(list(SHOTS.glob("*.png"))) >= 8
