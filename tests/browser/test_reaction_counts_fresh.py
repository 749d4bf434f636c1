"""The reactions box shows the counts of when the reader reaches it, not of when the page
opened: it closes the story, and a breaking story's counts climb while it is read."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser


def count(box, kind: str):
    return box.locator(f'button[value="{kind}"] .reaction-count')


def test_the_counts_are_asked_for_when_the_reader_reaches_the_box_and_again_later(
    open_tab, newsroom
):
    from reactions.models import ReactionKind
    from reactions.services import react
    from tests.factories import ArticleFactory

    story = ArticleFactory(
        title="قمة طارئة لوزراء الخارجية العرب",
        body="".join(f"<p>فقرة {n} من خبر طويل يُقرأ على الهاتف دقائق.</p>" for n in range(60)),
        section=newsroom.politics,
    )
    kinds = {kind.slug: kind for kind in ReactionKind.objects.all()}

    def another_reader(n: int, kind: str) -> None:
        react(article=story, reader_key=f"reader-{n}", kind=kinds[kind], ip_hash=f"hash-{n}")

    tab = open_tab(viewport=PHONE, phone=True)
    page = tab.page
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.method) if "/reactions/" in r.url else None)
    page.clock.install()  # the page's clock, to move it past the box's 30 seconds
    tab.goto(story.get_absolute_url())
    box = page.locator(".reactions")
    page.wait_for_timeout(500)
    # A reader who stops at the top of a long story costs no request.
    assert asked == [] and box.get_attribute("data-ready") is None

    another_reader(1, "love")  # while this reader reads
    box.scroll_into_view_if_needed()
    expect(box).to_have_attribute("data-ready", "true")
    expect(count(box, "love")).to_have_text("1")
    assert asked == ["GET"]

    # Up to the title and back within half a minute: the counts are still fresh.
    another_reader(2, "wow")
    page.locator("h1").scroll_into_view_if_needed()
    box.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    assert asked == ["GET"]
    expect(count(box, "wow")).to_have_text("0")

    # Back to the box after longer: asked again.
    page.locator("h1").scroll_into_view_if_needed()
    page.clock.fast_forward("00:31")
    box.scroll_into_view_if_needed()
    expect(count(box, "wow")).to_have_text("1")
    assert asked == ["GET", "GET"]

    # Back to the tab after longer, the box in view: asked again.
    another_reader(3, "sad")
    page.clock.fast_forward("00:31")
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    expect(count(box, "sad")).to_have_text("1")
    expect(box.locator(".reactions-total-count")).to_have_text("3")
    assert asked == ["GET", "GET", "GET"]

    # A tap still counts at once, the reader's own among the others'.
    box.locator('button[value="love"]').tap()
    expect(count(box, "love")).to_have_text("2")
    expect(box.locator('button[value="love"]')).to_have_attribute("aria-pressed", "true")
    tab.check("fresh-counts", direction="rtl")
