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


def background(locator) -> str:
    return style(locator, "backgroundColor")


def test_a_tapped_section_does_not_look_current_on_a_phone(open_tab, newsroom):
    tab = open_tab(viewport=PHONE, phone=True)
    page = tab.page
    tab.goto("/")
    nav = page.locator(".sections-nav")
    home, politics = nav.get_by_role("link", name="الرئيسية"), nav.get_by_role("link", name="سياسة")
    current, untouched = background(home), background(politics)
    assert current != untouched
    # The moment between the tap and the next page (held here for good), a slow network's.
    page.evaluate("document.addEventListener('click', event => event.preventDefault())")

    politics.tap()

    assert background(politics) == untouched  # it took the current page's red
    assert background(home) == current
    nav.screenshot(path=SCREENSHOTS / "sections-menu-tapped-on-a-phone.png")


def test_sections_menu_keeps_its_hover_for_a_mouse(tab, newsroom):
    tab.goto("/")
    nav = tab.page.locator(".sections-nav")
    home, politics = nav.get_by_role("link", name="الرئيسية"), nav.get_by_role("link", name="سياسة")

    politics.hover()

    assert background(politics) == background(home)


@pytest.mark.parametrize("phone", [False, True])
def test_sections_menu_shows_where_the_keyboard_is(open_tab, newsroom, phone):
    tab = open_tab(viewport=PHONE if phone else DESKTOP, phone=phone)
    page = tab.page
    tab.goto("/")
    nav = page.locator(".sections-nav")
    politics = nav.get_by_role("link", name="سياسة")
    nav.get_by_role("link", name="الرئيسية").focus()

    page.keyboard.press("Tab")

    assert page.evaluate("document.activeElement.textContent") == "سياسة"
    # A white ring, inset: the blue one is too faint on the dark bar.
    assert style(politics, "outlineStyle") == "solid"
    assert style(politics, "outlineColor") == "rgb(255, 255, 255)"
    assert px(politics, "outlineWidth") >= 2
    nav.screenshot(path=SCREENSHOTS / f"sections-menu-keyboard{'-phone' if phone else ''}.png")
