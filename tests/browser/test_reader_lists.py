"""What QA noticed on the public lists and headers: search results whose titles do not
stand apart, an empty byline row, a phone's sticky hover in the sections menu, and author
and section headers whose parts lean different ways."""

import pytest

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS

pytestmark = pytest.mark.browser


def style(locator, prop: str) -> str:
    return locator.evaluate(f"element => getComputedStyle(element).{prop}")


def px(locator, prop: str = "fontSize") -> float:
    return float(style(locator, prop).removesuffix("px"))


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize(("device", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_search_result_titles_stand_apart_from_their_snippets(
    open_tab, newsroom, prefix, device, viewport
):
    tab = open_tab(viewport=viewport, phone=viewport is PHONE, locale=prefix[1:] or "ar")
    tab.goto(prefix + "/search/?q=المغرب")
    result = tab.page.locator(".search-result").first
    title, snippet = result.locator("h2"), result.locator(".snippet")
    size = px(title)
    # A clear step up, and bold: it was 17.6 px against the snippet's 17 px.
    assert size >= 1.2 * px(snippet), (size, px(snippet))
    assert int(style(title, "fontWeight")) >= 700
    result.screenshot(path=SCREENSHOTS / f"search-result-{device}{prefix.replace('/', '-')}.png")

    # No smaller than the headlines of a section's list on the same device.
    tab.goto(prefix + newsroom.politics.get_absolute_url())
    assert size >= px(tab.page.locator(".card-title").first)
