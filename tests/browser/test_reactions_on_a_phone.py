"""The reactions box under a reader's thumb: a phone has no hover, and a tapped button
stays :hover until the next tap elsewhere."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, SCREENSHOTS

pytestmark = pytest.mark.browser


def border(locator) -> str:
    return locator.evaluate("button => getComputedStyle(button).borderColor")


def test_a_reaction_taken_back_on_a_phone_no_longer_looks_chosen(open_tab, newsroom):
    tab = open_tab(viewport=PHONE, phone=True)
    page = tab.page
    tab.goto(newsroom.lead.get_absolute_url())
    box = page.locator(".reactions[data-ready=true]")
    box.wait_for()
    like, love = box.locator('button[value="like"]'), box.locator('button[value="love"]')
    untouched = border(like)

    like.tap()
    expect(like).to_have_attribute("aria-pressed", "true")
    assert border(like) != untouched  # chosen: the accent border
    like.tap()
    expect(like).to_have_attribute("aria-pressed", "false")
    expect(box.locator(".reactions-status")).to_contain_text("سحبت تفاعلك")
    # Taken back, it looks like the buttons never touched (it kept the red border).
    assert border(like) == border(love) == untouched
    box.screenshot(path=SCREENSHOTS / "reaction-taken-back-on-a-phone.png")
    # (check()'s full-page screenshot resizes the window, during which Chromium reports a
    # hovering pointer: the border it shows there is red.)
    tab.check("taken-back-on-a-phone", direction="rtl")
