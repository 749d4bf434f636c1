"""A reporter reads their story once an editor has taken it on (published, archived): the
body as the story, its list with bullets, across the form; in both admins."""

import pytest
from playwright.sync_api import expect

from tests.articles.test_admin_roles import change_url
from tests.articles.test_story_read_only import own_story
from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("prefix", "viewport"),
    [("", DESKTOP), ("", PHONE), ("/en", DESKTOP)],
    ids=["arabic-desktop", "arabic-phone", "english-desktop"],
)
def test_a_reporter_reads_their_archived_story(open_tab, reporter, prefix, viewport):
    story = own_story(reporter, status="archived")
    tab = open_tab(viewport=viewport, phone=viewport is PHONE)
    tab.login("reporter", prefix=prefix)
    tab.goto(prefix + change_url(story))
    page = tab.page
    expect(page.locator(".read-only-note")).to_be_visible()
    body = page.locator(".story-as-written")
    expect(body).not_to_contain_text("<p>")
    bullets = body.locator("li")
    expect(bullets).to_have_count(2)
    assert bullets.first.evaluate("li => getComputedStyle(li).listStyleType") == "disc"
    # Across the form's row, as the other fields' values are, not shrunk to its longest line.
    widths = body.evaluate(
        "b => [b.getBoundingClientRect().width,"
        " b.closest('.form-row').getBoundingClientRect().width]"
    )
    assert widths[0] >= widths[1] - 40, widths
    assert body.evaluate("b => getComputedStyle(b).direction") == "rtl"
    tab.check("read-only", direction="ltr" if prefix else "rtl")


def test_a_reporter_saving_after_the_story_was_published_keeps_their_words(tab, reporter):
    story = own_story(reporter, status="review", publish_at=None)
    tab.login("reporter")
    tab.goto(change_url(story))
    page = tab.page
    story.change_status("published")  # an editor publishes it meanwhile
    story.save()

    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" جملة أضافها المراسل.")
    page.click("input[name=_continue]")

    expect(page.locator(".errornote")).to_contain_text("صار هذا المقال «منشور» بعد أن فتحته")
    expect(page.locator(".ProseMirror[contenteditable=true]")).to_contain_text(
        "جملة أضافها المراسل."
    )
    expect(page.locator(".submit-row input[type=submit]")).to_have_count(0)
    tab.check("late-save", direction="rtl")
