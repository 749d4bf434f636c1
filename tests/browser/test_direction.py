"""Each text reads in its own direction: the page follows the interface language, a story
follows its own language, and mixed Arabic and Latin text keeps its order."""

import pytest

from tests.browser.conftest import WORD_EDGES

pytestmark = pytest.mark.browser


def direction(locator) -> str:
    return locator.evaluate("element => getComputedStyle(element).direction")


def test_english_story_in_the_arabic_site_reads_left_to_right(tab, newsroom):
    tab.goto(newsroom.english.get_absolute_url())
    story = tab.page.locator("article.story")
    assert story.get_attribute("lang") == "en"
    assert direction(story) == "ltr"
    assert direction(story.locator(".story-body p").first) == "ltr"
    assert story.locator(".story-title").evaluate("e => getComputedStyle(e).textAlign") in {
        "start",
        "left",
    }
    # The interface around it stays Arabic, right to left.
    assert direction(tab.page.locator(".reactions")) == "rtl"
    assert direction(tab.page.locator(".share")) == "rtl"
    tab.check("english-story", direction="rtl")


def test_arabic_stories_in_the_english_site_read_right_to_left(tab, newsroom):
    tab.goto("/en/")
    lead = tab.page.locator(".lead-story")
    assert (lead.get_attribute("lang"), direction(lead)) == ("ar", "rtl")
    cards = tab.page.locator(".card")
    titles = {card.locator(".card-title").inner_text(): direction(card) for card in cards.all()}
    assert titles[newsroom.stories[0].title] == "rtl"
    tab.check("home", direction="ltr")

    tab.goto("/en" + newsroom.lead.get_absolute_url())
    assert direction(tab.page.locator("article.story")) == "rtl"
    assert direction(tab.page.locator(".reactions")) == "ltr"
    tab.check("arabic-story", direction="ltr")


@pytest.mark.parametrize(("prefix", "rotation"), [("", -45), ("/en", 45)])
def test_section_chevrons_point_the_way_of_reading(tab, newsroom, prefix, rotation):
    tab.goto(prefix + "/")
    chevron = tab.page.locator(".block-title .chevron-forward").first
    matrix = chevron.evaluate("e => new DOMMatrix(getComputedStyle(e).transform)")
    # rotate(-45deg): b is negative; rotate(45deg): b is positive.
    assert (matrix["b"] < 0) == (rotation < 0)


def test_mixed_arabic_and_latin_names_keep_their_order(tab, newsroom):
    tab.goto(newsroom.lead.get_absolute_url())
    page = tab.page

    def right_edge(locator) -> float:
        box = locator.bounding_box()
        return box["x"] + box["width"]

    # Right to left, the agency (Latin) comes first, then the city (Arabic).
    agency, city = page.locator(".dateline bdi").all()
    assert agency.inner_text() == "Reuters"
    assert right_edge(agency) > right_edge(city)
    # Authors in their order, whatever their script: two Latin names side by side would
    # otherwise run left to right as one phrase.
    names = page.locator(".byline a")
    assert names.all_inner_texts() == ["John Smith", "Sarah Jones", "عمر الخطيب"]
    edges = [right_edge(name) for name in names.all()]
    assert edges == sorted(edges, reverse=True)
    for link in page.locator(".hashtags a").all():
        assert link.get_attribute("dir") == "auto"
    tab.check("mixed-scripts", direction="rtl")


STORY_FIELDS = (
    "title", "slug", "deck", "agency", "city", "image_caption", "image_credit", "image_alt", "tags",
)  # fmt: skip


def test_a_storys_fields_read_in_its_language_in_either_admin(tab, editor, newsroom):
    """The English admin is left to right, an Arabic story's fields right to left (the
    agency, the city, the photo texts and the hashtags were left to right: «عين للأنباء»
    sat on the left, and text with digits or brackets came out of order); and the other
    way round for an English story in the Arabic admin."""
    from django.urls import reverse

    from tests.factories import ArticleFactory

    arabic = ArticleFactory(
        title="قمة COP31 تبحث تمويل التكيف (الجلسة 2)",
        agency="عين للأنباء",
        city="دبي",
        image_caption="الجلسة الافتتاحية للقمة (2 ديسمبر)",
        image_credit="عين للأنباء",
        image_alt="قاعة المؤتمر في دبي",
        section=newsroom.politics,
        hashtags=["المناخ", "COP31"],
    )
    tab.login("editor", prefix="/en")
    tab.goto("/en" + reverse("admin:articles_article_change", args=[arabic.pk]))
    page = tab.page
    for name in STORY_FIELDS:
        assert direction(page.locator(f"#id_{name}")) == "rtl", name
    assert direction(page.locator(".prose-editor .ProseMirror[contenteditable=true]")) == "rtl"
    # The interface around them stays English.
    assert direction(page.locator("label[for=id_agency]")) == "ltr"
    tab.check("arabic-story-english-admin", direction="ltr")

    # A new story is Arabic until its language is changed, its empty boxes too.
    tab.goto("/en" + reverse("admin:articles_article_add"))
    for name in STORY_FIELDS:
        assert direction(page.locator(f"#id_{name}")) == "rtl", name
    page.select_option("#id_language", "en")
    for name in STORY_FIELDS:
        assert direction(page.locator(f"#id_{name}")) == "ltr", name

    tab.goto(reverse("admin:articles_article_change", args=[newsroom.english.pk]))
    for name in ("title", "deck", "agency", "city"):
        assert direction(page.locator(f"#id_{name}")) == "ltr", name
    tab.check("english-story-arabic-admin", direction="rtl")


def test_latest_news_times_read_in_the_interface_language(tab, newsroom):
    """«Latest news» beside the lead: under /en/ each story is Arabic, right to left, and its
    time English ("2 hours ago"), which must keep its own order inside it."""
    tab.goto("/en/")
    times = tab.page.locator(".latest-list time")
    two_hours = times.filter(has_text="2 hours ago")
    assert two_hours.count() == 1
    edges = two_hours.evaluate(WORD_EDGES, ["2", "hours", "ago"])
    assert edges["2"][1] <= edges["hours"][0] and edges["hours"][1] <= edges["ago"][0], edges
    assert direction(two_hours) == "ltr"
    # Under its story's headline, at the story's edge (the right), as a card's date is.
    title = two_hours.locator("xpath=..").locator("a").bounding_box()
    time = two_hours.bounding_box()
    assert abs((time["x"] + time["width"]) - (title["x"] + title["width"])) < 1
    tab.check("latest-english", direction="ltr")

    tab.goto("/")
    assert direction(tab.page.locator(".latest-list time").first) == "rtl"
