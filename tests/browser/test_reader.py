"""A reader finds a story from the home page, reacts to it, and finds the reaction kept."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser


def wait_until_idle(page) -> None:
    # expect() polls from Playwright's side: the site's CSP forbids evaluating strings.
    expect(page.locator(".reactions[aria-busy]")).to_have_count(0)


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_reader_goes_home_section_article_reacts_and_reloads(open_tab, newsroom, phone):
    tab = open_tab(viewport=PHONE if phone else DESKTOP, phone=phone)
    page = tab.page
    tab.goto("/")
    assert page.locator(".lead-title").inner_text() == newsroom.lead.title
    tab.check("home", direction="rtl")

    page.locator(".sections-nav").get_by_role("link", name="سياسة").click()
    page.wait_for_url(f"**{newsroom.politics.get_absolute_url()}")
    assert page.locator("h1").inner_text() == "سياسة"
    assert page.locator(".sections-nav [aria-current=page]").inner_text() == "سياسة"
    tab.check("section", direction="rtl")

    page.get_by_role("link", name=newsroom.lead.title).click()
    page.wait_for_url(f"**{newsroom.lead.get_absolute_url()}")
    box = page.locator(".reactions[data-ready=true]")
    box.wait_for()
    like = box.locator('button[value="like"]')
    assert like.get_attribute("aria-pressed") == "false"
    assert like.locator(".reaction-count").inner_text() == "0"
    tab.check("article", direction="rtl")

    if phone:
        like.tap()
    else:
        like.click()
    wait_until_idle(page)
    assert like.get_attribute("aria-pressed") == "true"
    assert like.locator(".reaction-count").inner_text() == "1"
    assert box.locator(".reactions-total-count").inner_text() == "1"
    expect(box.locator(".reactions-status")).to_contain_text("أعجبني")
    tab.check("reacted", direction="rtl")

    page.reload()
    box.wait_for()
    assert like.get_attribute("aria-pressed") == "true"
    assert like.locator(".reaction-count").inner_text() == "1"
    assert box.locator("button[aria-pressed=true]").count() == 1
    tab.check("reloaded", direction="rtl")


def test_reader_moves_and_takes_back_a_reaction(tab, newsroom):
    page = tab.page
    tab.goto(newsroom.stories[0].get_absolute_url())
    box = page.locator(".reactions[data-ready=true]")
    box.wait_for()
    like, wow = box.locator('button[value="like"]'), box.locator('button[value="wow"]')

    like.click()
    wait_until_idle(page)
    wow.click()
    wait_until_idle(page)
    assert (like.get_attribute("aria-pressed"), wow.get_attribute("aria-pressed")) == (
        "false",
        "true",
    )
    assert box.locator(".reactions-total-count").inner_text() == "1"

    wow.click()
    wait_until_idle(page)
    assert box.locator("button[aria-pressed=true]").count() == 0
    assert box.locator(".reactions-total-count").inner_text() == "0"
    tab.check("taken-back", direction="rtl")


def test_english_reader_gets_the_english_interface_left_to_right(tab, newsroom):
    tab.goto("/en/")
    assert tab.page.locator("html").get_attribute("lang") == "en"
    tab.check("home", direction="ltr")
    tab.page.get_by_role("link", name=newsroom.english.title).first.click()
    tab.page.wait_for_url("**/en/news/**")
    tab.page.locator(".reactions[data-ready=true]").wait_for()
    tab.check("article", direction="ltr")


@pytest.mark.parametrize(
    ("prefix", "published", "ago"),
    [("", "نُشر", "قبل 30 دقيقة"), ("/en", "Published", "30 minutes ago")],
    ids=["arabic", "english"],
)
def test_a_recent_story_says_how_long_ago_it_was_published(tab, newsroom, prefix, published, ago):
    # «نُشر في» (published on) reads before a date; before «قبل 30 دقيقة» it must be «نُشر».
    tab.goto(prefix + newsroom.lead.get_absolute_url())
    dates = tab.page.locator(".story-meta .dates span").first
    expect(dates).to_have_text(f"{published} {ago}", use_inner_text=True)
    # The date it replaced stays at hand, as the time's tooltip, and is what prints.
    assert str(newsroom.lead.publish_at.year) in dates.locator("time").get_attribute("title")
    tab.page.emulate_media(media="print")
    printed = dates.inner_text()
    assert str(newsroom.lead.publish_at.year) in printed and ago not in printed
    assert printed.startswith(f"{published} ") and printed != f"{published} {ago}"


@pytest.mark.parametrize("language", ["ar", "en"])
def test_reader_without_script_reacts_and_sees_the_new_count(
    browser, live_server, newsroom, language
):
    """The story page may come back from the browser's cache after a tap, old counts and
    all: the tap lands on its own page, which shows the count and the choice."""
    prefix = "" if language == "ar" else "/en"
    story = prefix + newsroom.lead.get_absolute_url()
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(live_server.url + story)
        # Nothing to copy with: the control is not offered.
        expect(page.locator("[data-copy-link]")).to_be_hidden()
        haha = page.locator('.reactions button[value="haha"]')
        expect(haha.locator(".reaction-count")).to_have_text("0")
        haha.click()
        page.wait_for_url("**/reactions/**")
        assert page.locator("html").get_attribute("lang") == language
        haha = page.locator('.reactions button[value="haha"]')
        expect(haha).to_have_attribute("aria-pressed", "true")
        expect(haha.locator(".reaction-count")).to_have_text("1")
        chosen = {"ar": "اخترت: مضحك. العدد الآن 1.", "en": "You chose Haha. The count is now 1."}
        expect(page.locator(".reactions-status")).to_have_text(chosen[language])
        back = {"ar": "العودة إلى المقال", "en": "Back to the article"}
        page.get_by_role("link", name=back[language]).click()
        page.wait_for_url(live_server.url + story)
    finally:
        context.close()
