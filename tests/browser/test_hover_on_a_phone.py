"""The public site's hovers under a reader's thumb: a phone keeps a tapped link or button
:hover until the next tap elsewhere, so each hover applies only where a pointer can hover;
a mouse still gets every one of them."""

import pytest

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS
from tests.factories import bulk_published

pytestmark = pytest.mark.browser


def look(locator) -> tuple[str, str, str]:
    return locator.evaluate(
        "element => { const s = getComputedStyle(element);"
        " return [s.color, s.backgroundColor, s.borderTopColor]; }"
    )


# Each page's controls whose look changes under a mouse: their own hover or the links'.
CONTROLS = {
    "article": {
        "language-switch": ".lang-switch button[lang=en]",
        "hashtag": ".hashtags a",
        "share-link": ".share-link--whatsapp",
        "copy-link": "[data-copy-item]:not([hidden]) [data-copy-link]",
        "related-story": ".related .card-title a",
        "footer-link": ".site-footer a",
    },
    "section": {"pagination": ".pagination a[rel=next]"},
    "search": {"button": ".search-main .button"},
}


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_a_tapped_control_does_not_keep_its_hover_look_but_a_mouse_sees_it(
    open_tab, newsroom, device
):
    phone = device == "phone"
    bulk_published(newsroom.politics, 12, title="خبر من الأرشيف")  # a second page
    tab = open_tab(viewport=PHONE if phone else DESKTOP, phone=phone)
    page = tab.page
    paths = {
        "article": newsroom.lead.get_absolute_url(),
        "section": newsroom.politics.get_absolute_url(),
        "search": "/search/?q=المغرب",
    }
    changed, kept = [], []
    for where, controls in CONTROLS.items():
        tab.goto(paths[where])
        # Held on this page: no new page, tab or form post after a tap or a click.
        page.evaluate("document.addEventListener('click', event => event.preventDefault())")
        for name, selector in controls.items():
            control = page.locator(selector).first
            control.scroll_into_view_if_needed()
            untouched = look(control)
            if phone:
                control.tap()
                # A hover that applies does so at once (the site's transitions last 0.1 s);
                # the time for a frame or two, then the colours are read.
                page.wait_for_timeout(250)
            else:
                control.hover()
            (changed if look(control) != untouched else kept).append(name)
            if tab.screenshots:
                # The element alone: a full-page screenshot makes Chromium act as if it had
                # a mouse. (After the blue flash a tap draws has faded.)
                page.wait_for_timeout(600 if phone else 0)
                control.screenshot(path=SCREENSHOTS / f"hover-{name}-{device}.png")

    assert len(changed + kept) == 8
    if phone:
        assert changed == []  # each kept its hover's colours after the tap
    else:
        assert kept == []  # a mouse sees each one's hover
