"""How the public pages are laid out for a reader, phone and desktop, in both languages:
what a designer looking at the screenshots found out of place."""

import pytest

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

LANGUAGES = pytest.mark.parametrize("prefix", ["", "/en"], ids=["arabic", "english"])
DEVICES = pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])


def box(locator) -> dict:
    found = locator.bounding_box()
    assert found is not None, locator
    return found


@LANGUAGES
@DEVICES
def test_the_footer_ends_the_window_on_a_short_page(open_tab, newsroom, prefix, viewport):
    """An empty section and the 404 page are shorter than the window: the footer stood in
    its middle with blank paper under it."""
    from tests.factories import SectionFactory

    empty = SectionFactory(name="منوعات", slug="منوعات")
    tab = open_tab(viewport=viewport, phone=viewport is PHONE)
    direction = "ltr" if prefix else "rtl"
    for path, status in ((empty.get_absolute_url(), 200), ("/no-such-page/", 404)):
        tab.goto(prefix + path, status=status)
        footer = box(tab.page.locator(".site-footer"))
        # The page is at least the window's height; nothing under the footer either way.
        page_height = tab.page.evaluate("document.documentElement.scrollHeight")
        assert footer["y"] + footer["height"] == pytest.approx(page_height, abs=1), path
        tab.check(f"short-page-{status}", direction=direction)

    # A long page is as it was: the footer after the story, below the window.
    tab.goto(prefix + newsroom.lead.get_absolute_url())
    footer, main = box(tab.page.locator(".site-footer")), box(tab.page.locator("main"))
    assert footer["y"] == pytest.approx(main["y"] + main["height"], abs=1)
    assert footer["y"] > viewport["height"]
