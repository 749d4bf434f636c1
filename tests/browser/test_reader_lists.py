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


TEXT_EDGES = """element => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const box = range.getBoundingClientRect();
    return [box.left, box.right];
}"""


def assert_one_block(header, *, side: str) -> None:
    """The name and the description start at the same edge of the header."""
    (name_left, name_right), (text_left, text_right) = (
        header.locator("h1").evaluate(TEXT_EDGES),
        header.locator(".page-description").evaluate(TEXT_EDGES),
    )
    if side == "right":
        assert abs(name_right - text_right) <= 2, (name_right, text_right)
    else:
        assert abs(name_left - text_left) <= 2, (name_left, text_left)


@pytest.mark.parametrize(("device", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_an_arabic_author_and_section_read_as_one_block_under_en(
    open_tab, newsroom, device, viewport
):
    from articles.models import Author
    from tests.factories import image_file

    omar = Author.objects.get(slug="عمر-الخطيب")
    omar.bio = "صحفي يغطي شؤون المناخ والطاقة في الخليج منذ عشر سنوات، وكتب عن قمة COP31."
    omar.photo = image_file("omar.jpg", size=(400, 400), colour=(90, 90, 90))
    omar.save()
    newsroom.politics.description = "أخبار السياسة العربية والدولية، من العواصم والمؤتمرات."
    newsroom.politics.save()
    tab = open_tab(viewport=viewport, phone=viewport is PHONE, locale="en")

    for name, path in [
        ("author", omar.get_absolute_url()),
        ("section", newsroom.politics.get_absolute_url()),
    ]:
        tab.goto("/en" + path)
        header = tab.page.locator(".page-header")
        # Both Arabic, both right to left, flush right: the name was at the left.
        assert style(header.locator("h1"), "direction") == "rtl"
        assert style(header.locator(".page-description"), "direction") == "rtl"
        assert_one_block(header, side="right")
        if name == "author":  # the photo above the name, at the same edge
            photo = header.locator(".author-photo").bounding_box()
            _, name_right = header.locator("h1").evaluate(TEXT_EDGES)
            assert abs(photo["x"] + photo["width"] - name_right) <= 2
        header.screenshot(path=SCREENSHOTS / f"header-{name}-en-{device}.png")
        # The page around it stays English.
        assert style(tab.page.locator(".sections-nav ul"), "direction") == "ltr"


def test_a_latin_name_with_an_arabic_bio_reads_with_its_bio(open_tab, newsroom):
    from articles.models import Author

    sarah = Author.objects.get(slug="sarah-jones")
    sarah.bio = "مراسلة تغطي أسواق الطاقة في الخليج."
    sarah.save()
    for locale, prefix in [("ar", ""), ("en", "/en")]:
        tab = open_tab(locale=locale)
        tab.goto(prefix + sarah.get_absolute_url())
        header = tab.page.locator(".page-header")
        name = header.locator("h1 bdi")
        assert (name.get_attribute("lang"), style(name, "direction")) == ("en", "ltr")
        assert_one_block(header, side="right")
        header.screenshot(path=SCREENSHOTS / f"header-latin-name-arabic-bio-{locale}.png")


def test_an_arabic_name_with_an_english_bio_reads_with_its_bio(open_tab, newsroom):
    from articles.models import Author

    omar = Author.objects.get(slug="عمر-الخطيب")
    omar.bio = "Covers climate and energy in the Gulf."
    omar.save()
    for locale, prefix in [("ar", ""), ("en", "/en")]:
        tab = open_tab(locale=locale)
        tab.goto(prefix + omar.get_absolute_url())
        header = tab.page.locator(".page-header")
        assert style(header.locator("h1 bdi"), "direction") == "rtl"
        assert_one_block(header, side="left")
        header.screenshot(path=SCREENSHOTS / f"header-arabic-name-english-bio-{locale}.png")
