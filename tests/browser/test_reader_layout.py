"""How the public pages are laid out for a reader, phone and desktop, in both languages:
what a designer looking at the screenshots found out of place."""

from urllib.parse import unquote

import pytest

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS, WORD_EDGES

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


@LANGUAGES
def test_a_story_without_a_picture_keeps_its_row_level(open_tab, newsroom, prefix):
    """A brief without a picture had its headline at the top of its card, beside cards whose
    headlines start under a picture: a row of headlines at two heights on a desktop, and on
    a phone a headline starting where the others' thumbnails are."""
    from tests.factories import ArticleFactory

    brief = ArticleFactory(title="البرلمان يقر موازنة العام المقبل", section=newsroom.politics)
    brief.publish_at = newsroom.lead.publish_at + (newsroom.lead.publish_at - brief.publish_at)
    brief.save()  # the newest: first in the row
    direction = "ltr" if prefix else "rtl"

    tab = open_tab(viewport=DESKTOP)
    tab.goto(prefix + newsroom.politics.get_absolute_url())
    cards = tab.page.locator(".card")
    assert cards.first.locator(".card-title").inner_text() == brief.title
    assert cards.first.locator("img").count() == 0
    first_row = [box(card.locator(".card-title")) for card in cards.all()[:3]]
    assert {round(title["y"]) for title in first_row} == {round(first_row[0]["y"])}, first_row
    tab.check("row-desktop", direction=direction)

    phone = open_tab(viewport=PHONE, phone=True)
    phone.goto(prefix + newsroom.politics.get_absolute_url())
    # Right to left, every headline starts at one edge, beside a thumbnail's place.
    edges = {
        round(box(title)["x"] + box(title)["width"])
        for title in phone.page.locator(".card-title a").all()
    }
    assert len(edges) == 1, edges
    phone.check("row-phone", direction=direction)


@LANGUAGES
@DEVICES
def test_the_search_filters_line_up(open_tab, newsroom, prefix, viewport):
    """The section's list stood 5 px taller than the dates' boxes, each name sat at its own
    height, and on a phone each box started where its name ended, three edges down the page."""
    tab = open_tab(viewport=viewport, phone=viewport is PHONE)
    tab.goto(prefix + "/search/?q=المغرب")
    filters = tab.page.locator(".search-filters")
    boxes = [box(filters.locator(name)) for name in ("select", "[name=start]", "[name=end]")]
    assert {round(b["height"]) for b in boxes} == {round(boxes[0]["height"])}, boxes
    for label in filters.locator("label").all():
        name = label.evaluate(
            """label => { const range = document.createRange();
                range.selectNodeContents(label.firstChild);
                const r = range.getBoundingClientRect(); return r.y + r.height / 2; }"""
        )
        field = box(label.locator("select, input"))
        assert name == pytest.approx(field["y"] + field["height"] / 2, abs=2)
    if viewport is PHONE:
        # One filter a line, every box starting at one edge (the right in Arabic).
        starts = {round(b["x"] if prefix else b["x"] + b["width"]) for b in boxes}
        assert len(starts) == 1, boxes
        assert len({round(b["y"]) for b in boxes}) == 3
    else:
        assert len({round(b["y"]) for b in boxes}) == 1
    tab.check("search-filters", direction="ltr" if prefix else "rtl")


LONG_HASHTAG = "الهيئة_العليا_للتنسيق_الإنساني_والإغاثة_العاجلة_في_منطقة_الساحل_وغرب_إفريقيا"

# For page.evaluate on an element: on how many lines each of its words is drawn (the words
# of a hashtag are joined by "_"), and the rectangles of its text's lines.
WORD_LINES = """element => {
    const text = element.textContent;
    const lines = range => new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    const words = [];
    let from = 0;
    for (const word of text.split("_")) {
        const range = document.createRange();
        const at = text.indexOf(word, from);
        from = at + word.length;
        // The word within the element's text nodes: walk to the nodes holding it.
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        let seen = 0, start = null, end = null;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const length = node.data.length;
            if (start === null && at < seen + length) start = [node, at - seen];
            if (end === null && from <= seen + length) end = [node, from - seen];
            seen += length;
        }
        range.setStart(...start);
        range.setEnd(...end);
        words.push([word, lines(range).size]);
    }
    const all = document.createRange();
    all.selectNodeContents(element);
    return {words, rects: [...all.getClientRects()].map(r => [r.left, r.top, r.right, r.bottom])};
}"""


def inside_rounded_box(point, frame, radius) -> bool:
    x, y = point
    left, top = frame["x"], frame["y"]
    right, bottom = left + frame["width"], top + frame["height"]
    radius = min(radius, frame["width"] / 2, frame["height"] / 2)
    cx = min(max(x, left + radius), right - radius)
    cy = min(max(y, top + radius), bottom - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius**2 + 1


@LANGUAGES
def test_a_long_hashtag_wraps_between_its_words(open_tab, newsroom, prefix):
    """On a phone a long hashtag broke inside a word («العاج» / «لة»), in its chip under the
    story and in its page's heading, and its chip, a pill whatever its height, drew its
    corners across the words of its first and last lines."""
    from tests.factories import ArticleFactory

    story = ArticleFactory(section=newsroom.politics, hashtags=[LONG_HASHTAG])
    tab = open_tab(viewport=PHONE, phone=True)
    tab.goto(prefix + story.get_absolute_url())
    chip = tab.page.locator(".hashtags a")
    drawn = chip.evaluate(WORD_LINES)
    assert all(lines == 1 for _, lines in drawn["words"]), drawn["words"]
    assert len({top for _, top, _, _ in drawn["rects"]}) > 1  # it does wrap
    frame = box(chip)
    radius = float(chip.evaluate("a => getComputedStyle(a).borderTopLeftRadius").removesuffix("px"))
    for left, top, right, bottom in drawn["rects"]:
        for corner in ((left, top), (right, top), (left, bottom), (right, bottom)):
            assert inside_rounded_box(corner, frame, radius), (corner, frame, radius)
    chip.screenshot(path=SCREENSHOTS / f"long-hashtag-chip{prefix.replace('/', '-')}.png")
    tab.check("long-hashtag-story", direction="ltr" if prefix else "rtl")

    chip.click()
    heading = tab.page.locator("h1")
    assert heading.inner_text() == f"#{LONG_HASHTAG}"
    drawn = heading.evaluate(WORD_LINES)
    assert all(lines == 1 for _, lines in drawn["words"]), drawn["words"]
    tab.check("long-hashtag-page", direction="ltr" if prefix else "rtl")


@pytest.mark.parametrize(
    ("path", "interface"),
    [("/feeds/rss/", "rtl"), ("/en/feeds/atom/", "ltr")],
    ids=["rss", "atom-english"],
)
def test_a_feed_opened_in_a_browser_is_a_list_of_stories(open_tab, newsroom, path, interface):
    """The footer's «اشترك عبر RSS» led to the feed, which Chromium showed as a wall of raw
    XML (and Firefox offered to download): headlines lost among percent-encoded addresses."""
    tab = open_tab(viewport=PHONE, phone=True)
    tab.goto(path)
    page = tab.page
    assert page.evaluate("document.contentType") == "application/xml"
    items = page.locator("item, entry")
    assert items.count() == 6
    # Each story's headline comes first, as a link (an XHTML one the feed carries for
    # browsers: RSS's own <title> is not one).
    headline = items.first.locator("a")
    assert headline.text_content() == newsroom.lead.title
    shown = headline.evaluate(
        "e => [getComputedStyle(e).display, parseFloat(getComputedStyle(e).fontSize)]"
    )
    assert shown[0] == "block" and shown[1] >= 18, shown
    summary = items.first.locator("description, summary")
    assert box(headline)["y"] + box(headline)["height"] <= box(summary)["y"]
    # Addresses, identifiers, machine dates and the feed readers' copy of the headline are
    # not for reading.
    for hidden in ("title", "link", "guid, id", "pubDate, published"):
        for element in items.first.locator(hidden).all():
            assert not element.is_visible(), hidden
    heading = page.locator("channel > a, feed > a")
    assert heading.is_visible()
    assert heading.text_content() == page.locator("channel > title, feed > title").text_content()
    assert box(heading)["y"] < box(page.locator("channel > description, feed > subtitle"))["y"]
    assert heading.evaluate("e => getComputedStyle(e).direction") == "rtl"  # the feed's own
    # The feed's description is the interface's words, and starts at their side: English at
    # the left, Arabic at the right.
    description = page.locator("channel > description, feed > subtitle")
    first_word = description.text_content().split()[0]
    left, right = description.evaluate(WORD_EDGES, [first_word])[first_word]
    frame = box(description)
    if interface == "ltr":
        assert left == pytest.approx(frame["x"], abs=1)
    else:
        assert right == pytest.approx(frame["x"] + frame["width"], abs=1)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert tab.errors == []
    # A headline leads to its story, in the feed's language.
    headline.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == newsroom.lead.title
    language = path.removesuffix(path[path.index("/feeds/") :])  # "" or "/en"
    assert unquote(page.url).endswith(language + unquote(newsroom.lead.get_absolute_url()))


@LANGUAGES
def test_a_cards_deck_takes_the_cards_width_on_a_phone(open_tab, newsroom, prefix):
    """On a phone a list's card kept its deck in the column beside the thumbnail, a third of
    the screen: seven lines of two or three words, blank paper under the picture."""
    tab = open_tab(viewport=PHONE, phone=True)
    tab.goto(prefix + newsroom.politics.get_absolute_url())
    card = tab.page.locator(".card", has=tab.page.locator(".card-deck")).first
    frame, media = box(card), box(card.locator(".card-media"))
    deck, date = box(card.locator(".card-deck")), box(card.locator(".meta"))
    assert deck["width"] == pytest.approx(frame["width"], abs=1)
    assert deck["y"] >= media["y"] + media["height"]
    assert date["y"] >= deck["y"] + deck["height"]  # headline, deck, then the date
    tab.check("list-card", direction="ltr" if prefix else "rtl")

    # A card without a deck (the home page's) stays one row: its date beside the picture.
    tab.goto(prefix + "/")
    card = tab.page.locator(".section-block .card").first
    media, date = box(card.locator(".card-media")), box(card.locator(".meta"))
    beside = date["x"] + date["width"] <= media["x"] or date["x"] >= media["x"] + media["width"]
    assert beside, (date, media)


@LANGUAGES
def test_an_arabic_query_with_latin_words_keeps_its_order_in_the_heading(
    open_tab, newsroom, prefix
):
    """Under /en/ the heading “Search results for …” drew «المغرب 5G COP31» as
    “5 المغربG COP31”: the number ran into the Arabic word and «5G» fell apart."""
    tab = open_tab(viewport=PHONE, phone=True)
    tab.goto(prefix + "/search/?q=المغرب 5G COP31")
    heading = tab.page.locator("h1")
    edges = heading.evaluate(WORD_EDGES, ["المغرب", "5G", "COP31"])
    # As the Arabic query it is: «المغرب» first, at the right, then «5G COP31» left to right,
    # each word whole.
    assert edges["المغرب"][0] >= edges["COP31"][1] and edges["5G"][1] <= edges["COP31"][0], edges
    assert edges["5G"][1] - edges["5G"][0] < 60, edges  # 41 px whole, 153 px torn apart
    tab.check("query-heading", direction="ltr" if prefix else "rtl")
