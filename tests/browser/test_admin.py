"""The newsroom's staff in the Arabic admin: an editor publishes, a reporter cannot, a
moderator reads the reactions dashboard."""

import io
from datetime import timedelta
from itertools import pairwise

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from PIL import Image
from playwright.sync_api import expect

from articles.models import Article
from reactions.identity import reader_key_for
from reactions.models import ReactionKind
from reactions.services import react, void_reactions
from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

TITLE = "قمة المناخ COP31 تبحث تمويل التكيف في المدن العربية"


def jpeg(path) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 675), (20, 110, 90)).save(buffer, format="JPEG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def choose_autocomplete(page, field: str, text: str) -> None:
    """Pick ``text`` in one of the admin's autocomplete (select2) fields."""
    page.locator(f".field-{field} .select2-selection").click()
    page.locator(".select2-dropdown .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).click()


def test_editor_writes_and_publishes_a_story_that_reaches_the_home_page(
    tab, editor, newsroom, tmp_path
):
    page = tab.page
    tab.login("editor")
    tab.check("admin-index", direction="rtl")

    page.locator("#content-main").get_by_role("link", name="أضف").and_(
        page.locator('[href$="/articles/article/add/"]')
    ).click()
    page.wait_for_url("**/admin/articles/article/add/")
    tab.check("add-form", direction="rtl")
    # Arabic content is written right to left, the rich-text editor included.
    editor_area = page.locator(".ProseMirror[contenteditable=true]")
    for element in (page.locator("#id_title"), editor_area):
        assert element.evaluate("e => getComputedStyle(e).direction") == "rtl"

    page.fill("#id_title", TITLE)
    page.fill("#id_deck", "وزراء البيئة العرب يعرضون خططًا لحماية المدن من موجات الحر.")
    page.fill("#id_agency", "المرصد الإخباري")
    page.fill("#id_city", "دبي")

    editor_area.click()
    page.keyboard.type("افتتحت القمة أعمالها اليوم ")
    page.locator(".prose-menubar__button[data-name=bold]").click()
    page.keyboard.type("بمشاركة واسعة")
    page.locator(".prose-menubar__button[data-name=bold]").click()
    page.keyboard.type(" من الوفود.")
    page.keyboard.press("Enter")
    page.locator(".prose-menubar__button[data-name=bulletList]").click()
    page.keyboard.type("تمويل التكيف")
    page.keyboard.press("Enter")
    page.keyboard.type("إنذار مبكر بموجات الحر")
    expect(editor_area.locator("strong")).to_have_text("بمشاركة واسعة")
    expect(editor_area.locator("ul li")).to_have_count(2)

    page.set_input_files("#id_image", jpeg(tmp_path / "summit.jpg"))
    page.fill("#id_image_alt", "قاعة المؤتمر قبل افتتاح القمة")
    choose_autocomplete(page, "section", "سياسة")
    page.fill("#id_tags", "#تمويل_المناخ")
    page.select_option("#id_status", label="منشور")
    tab.check("filled-in", direction="rtl")
    page.click("input[name=_save]")

    page.wait_for_url("**/admin/articles/article/")
    expect(page.locator(".messagelist .success")).to_contain_text(TITLE)
    tab.check("saved", direction="rtl")
    article = Article.objects.get(title=TITLE)
    assert article.status == Article.Status.PUBLISHED
    assert "<strong>بمشاركة واسعة</strong>" in article.body
    assert "<li><p>تمويل التكيف</p></li>" in article.body or "<li>تمويل التكيف</li>" in article.body
    assert list(article.tags.names()) == ["تمويل_المناخ"]
    assert article.image and article.image_renditions

    tab.goto("/")
    lead = page.locator(".lead-story")
    expect(lead.locator(".lead-title")).to_have_text(TITLE)
    tab.check("home", direction="rtl")
    lead.get_by_role("link", name=TITLE).click()
    page.wait_for_url(f"**{article.get_absolute_url()}")
    story = page.locator("article.story")
    expect(story.locator(".story-body strong")).to_have_text("بمشاركة واسعة")
    expect(story.locator(".story-figure img")).to_have_attribute(
        "alt", "قاعة المؤتمر قبل افتتاح القمة"
    )
    assert story.locator(".story-figure img").evaluate("img => img.naturalWidth") > 0
    expect(story.locator(".hashtags a")).to_have_text("#تمويل_المناخ")
    tab.check("published-story", direction="rtl")


def test_the_body_editor_speaks_arabic(tab, editor, newsroom):
    """The rich-text editor's buttons, block styles and link dialog are named in Arabic
    (django-prose-editor names them in English), to the eye and to a screen reader."""
    page = tab.page
    tab.login("editor")
    tab.goto(reverse("admin:articles_article_change", args=[newsroom.lead.pk]))
    bold = page.locator(".prose-menubar__button[data-name=bold]")
    expect(bold).to_have_attribute("title", "غامق")
    expect(bold).to_have_attribute("aria-label", "غامق")
    expect(page.locator(".prose-menubar__button[data-name=bulletList]")).to_have_attribute(
        "aria-label", "قائمة نقطية"
    )
    expect(page.locator(".prose-menubar").get_by_text("عنوان فرعي", exact=True)).to_have_count(1)
    expect(page.locator(".prose-menubar").get_by_text("Paragraph", exact=True)).to_have_count(0)

    # A word chosen with the keyboard: a double click can arrive as two clicks on a busy
    # machine, choosing nothing.
    page.locator(".ProseMirror > p").first.click()
    page.keyboard.press("End")
    page.keyboard.press("Control+Shift+ArrowLeft")
    page.locator(".prose-menubar__button[data-name=link]").click()
    dialog = page.locator("dialog[open]")
    expect(dialog).to_contain_text("تعديل الرابط")
    expect(dialog.get_by_role("button", name="إلغاء")).to_be_visible()
    tab.check("link-dialog", direction="rtl")


def test_reporter_cannot_choose_to_publish(tab, reporter, newsroom):
    page = tab.page
    tab.login("reporter")
    tab.goto(reverse("admin:articles_article_add"))
    tab.check("add-form", direction="rtl")
    statuses = page.locator("#id_status option").all_inner_texts()
    assert statuses == ["مسودة", "قيد المراجعة"]
    assert "منشور" not in statuses
    # Scheduling is an editor's right too: the publication time is not an input here.
    assert page.locator("#id_publish_at_0").count() == 0


@pytest.mark.parametrize(
    ("zone", "note"),
    [
        ("UTC", "(توقيتك متأخّر عنه بـ3 ساعات.)"),
        ("Asia/Dubai", "(توقيتك متقدّم عليه بساعة واحدة.)"),
    ],
    ids=["behind", "ahead"],
)
def test_editor_away_from_the_newsroom_is_told_its_time_zone_in_arabic(
    open_tab, editor, newsroom, settings, zone, note
):
    # Django 6.1's own Arabic catalogue lacks this note of the date and time widgets.
    assert settings.TIME_ZONE == "Asia/Riyadh"  # UTC+3 all year, as UTC+4 is Dubai
    tab = open_tab(timezone_id=zone)
    tab.login("editor")
    tab.goto(reverse("admin:articles_article_add"))
    warning = tab.page.locator(".field-publish_at .timezonewarning")
    # The zone by its city: Django's note named it «Asia/Riyadh».
    expect(warning).to_have_text(f"ملاحظة: أدخل الأوقات بتوقيت الرياض. {note}")
    tab.check("time-zone-note", direction="rtl")


def test_editor_away_from_the_newsroom_is_told_its_time_zone_in_english(open_tab, editor, newsroom):
    tab = open_tab(timezone_id="UTC", locale="en")
    tab.login("editor", prefix="/en")
    tab.goto("/en" + reverse("admin:articles_article_add"))
    warning = tab.page.locator(".field-publish_at .timezonewarning")
    expect(warning).to_have_text(
        "Note: Enter times in the Riyadh timezone. (You are 3 hours behind.)"
    )
    tab.check("time-zone-note", direction="ltr")


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_moderator_opens_the_reactions_dashboard(open_tab, phone, moderator, newsroom):
    """On a phone too: the per-story table scrolls inside its box, the page does not."""
    like = ReactionKind.objects.get(slug="like")
    for reader in range(3):
        react(article=newsroom.lead, reader_key=reader_key_for(anonymous_id=str(reader)), kind=like)
    for reader in range(20):  # one address as twenty readers: a burst the dashboard lists
        react(
            article=newsroom.stories[0],
            reader_key=reader_key_for(anonymous_id=f"burst-{reader}"),
            kind=like,
            ip_hash="b" * 64,
        )
    tab = open_tab(viewport=PHONE if phone else DESKTOP, phone=phone)
    page = tab.page
    tab.login("moderator")
    page.get_by_role("link", name="تفاعلات القراء").first.wait_for()
    tab.goto(reverse("admin:reactions_dashboard"))
    expect(page.locator("h1")).to_have_text("لوحة متابعة التفاعلات")
    counts = page.locator(".rx-grid > section:not(.rx-suspicious)")
    row = counts.locator("tbody tr", has_text=newsroom.lead.title)
    expect(row.locator("td").nth(1)).to_have_text("3")  # the total, next to the title
    # The burst first, above the chart: the story it hit, its counts and the void link in
    # view on a phone too (as a table they scrolled out of sight beside the title).
    burst = page.locator(".rx-suspicious tbody tr")
    expect(burst).to_have_count(1)
    expect(burst.locator(".rx-story a")).to_have_text(newsroom.stories[0].title)
    expect(burst.locator("td code", has_text="bbbb")).to_be_visible()
    void = burst.get_by_role("link", name="إلغاء تفاعلاتها في الفترة")
    viewport = page.viewport_size["width"]
    for cell in (void, burst.locator("strong").first, burst.locator(".rx-when")):
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= viewport, box
    chart = page.locator(".rx-chart")
    assert burst.bounding_box()["y"] < chart.bounding_box()["y"]
    # The last seven days by default, their total with its Arabic plural.
    today = timezone.localdate()
    with translation.override("ar"):
        first, last = (date_format(day, "j F Y") for day in (today - timedelta(days=6), today))
    expect(page.locator(".rx-grid h2").nth(1)).to_have_text(f"23 تفاعلًا من {first} إلى {last}")
    expect(page.locator(".rx-chart svg[role=img]")).to_be_visible()
    tab.check("dashboard", direction="rtl")


# Where the chart's marks are on screen: each line of marks, in time order, and the box.
CHART_MARKS = """() => {
    const box = document.querySelector(".rx-plot").getBoundingClientRect();
    const line = (name) => [...document.querySelectorAll(`.rx-plot .${name}`)]
        .map((text) => text.getBoundingClientRect())
        .filter((r) => r.width > 0)  // hidden on a phone
        .map((r) => ({left: r.left, right: r.right, height: r.height}));
    return {box: {left: box.left, right: box.right},
            dates: line("rx-date"), contexts: line("rx-date-context")};
}"""


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("period", ["week", "day"])
def test_reactions_chart_is_readable_on_a_phone(open_tab, moderator, newsroom, language, period):
    """At 390px the chart's marks keep their size, stay in its box without touching each
    other, and time runs the way the page reads: from the right in Arabic."""
    like = ReactionKind.objects.get(slug="like")
    for reader in range(5):
        react(article=newsroom.lead, reader_key=reader_key_for(anonymous_id=str(reader)), kind=like)
    prefix = "/en" if language == "en" else ""
    today = timezone.localdate().isoformat()
    query = f"?start={today}&end={today}" if period == "day" else ""  # a day: 24 hours
    tab = open_tab(viewport={"width": 390, "height": 844}, phone=True, locale=language)
    tab.login("moderator", prefix=prefix)
    with translation.override(language):
        tab.goto(reverse("admin:reactions_dashboard") + query)
    marks = tab.page.evaluate(CHART_MARKS)
    box, dates = marks["box"], marks["dates"]
    assert len(dates) >= 4
    for line in (dates, marks["contexts"]):
        for mark in line:
            assert mark["height"] >= 12, marks  # not a viewBox shrunk to 5px
            assert box["left"] - 2 <= mark["left"] and mark["right"] <= box["right"] + 2, marks
        ordered = sorted(line, key=lambda mark: mark["left"])
        for before, after in pairwise(ordered):
            assert before["right"] + 2 <= after["left"], marks  # apart, not overlapping
    first, last = dates[0], dates[-1]
    if language == "ar":
        assert first["left"] > last["left"]
    else:
        assert first["left"] < last["left"]
    tab.page.get_by_text("عرض الأرقام في جدول" if language == "ar" else "Show the figures").click()
    expect(tab.page.locator(".rx-chart-data table")).to_be_visible()
    tab.check(f"chart-{period}", direction="rtl" if language == "ar" else "ltr")


def test_article_form_suggests_hashtags_and_follows_the_story_language(tab, editor, newsroom):
    page = tab.page
    tab.login("editor")
    tab.goto("/admin/articles/article/add/")
    editor_area = page.locator(".prose-editor .ProseMirror[contenteditable=true]")
    assert editor_area.evaluate("e => getComputedStyle(e).direction") == "rtl"

    page.select_option("#id_language", "en")
    for element in (page.locator("#id_title"), editor_area):
        assert element.evaluate("e => getComputedStyle(e).direction") == "ltr"

    existing = newsroom.lead.tags.first().name
    page.locator("#id_tags").fill("#" + existing[:2])
    options = page.locator("#hashtag-suggestions option")
    expect(options.first).to_have_attribute("value", "#" + existing)
    tab.check("article-form-english", direction="rtl")


HEADLINE = (  # 102 characters: long, as agencies write them
    "وزراء خارجية دول الساحل الإفريقي يتفقون في نواكشوط على خطة مشتركة لتأمين الحدود "
    "وتمويل مشروعات التنمية"
)


@pytest.mark.parametrize(
    "viewport", [DESKTOP, {"width": 390, "height": 844}, PHONE], ids=["1280", "390", "360"]
)
def test_a_long_headline_is_typed_in_the_width_of_the_form(open_tab, editor, newsroom, viewport):
    """Django gives every text box 20em: a long Arabic headline was read a third at a
    time. The title and deck take the form's width, the dateline's two boxes share it."""
    phone = viewport["width"] < 768
    tab = open_tab(viewport=viewport, phone=phone)
    page = tab.page
    tab.login("editor")
    tab.goto(reverse("admin:articles_article_add"))
    page.fill("#id_title", HEADLINE)
    page.fill("#id_deck", "يشمل الاتفاق دوريات مشتركة وصندوقًا إقليميًا تسهم فيه الدول الأعضاء.")
    page.fill("#id_agency", "عين للأنباء")
    page.fill("#id_city", "نواكشوط")
    tab.check(f"add-form-{viewport['width']}", direction="rtl")

    def width(selector: str) -> float:
        return page.locator(selector).bounding_box()["width"]

    row = width(".form-row.field-title > .flex-container")
    for field in ("title", "slug", "deck"):
        assert width(f"#id_{field}") >= row - 2, field
    dateline = width(".form-row.field-agency")
    for field in ("agency", "city"):
        share = width(f"#id_{field}") / dateline
        assert share > (0.9 if phone else 0.4), (field, share)
    if not phone:  # the whole headline in view as it is typed
        title = page.locator("#id_title")
        assert title.evaluate("e => e.scrollWidth <= e.clientWidth")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_moderator_undoes_a_void_on_a_phone(open_tab, moderator, newsroom, language):
    """The undo page names the stories the void took reactions from, and fits a phone:
    the address hash, written out whole (64 characters), pushed the page sideways."""
    like = ReactionKind.objects.get(slug="like")
    address = "a" * 64
    for reader in range(3):
        react(article=newsroom.stories[0], reader_key=f"r{reader}", kind=like, ip_hash=address)
    react(article=newsroom.lead, reader_key="r9", kind=like, ip_hash=address)
    action = void_reactions(moderator=moderator, scope="ip_hash", target=address, reason="آلي")
    prefix = "/en" if language == "en" else ""
    tab = open_tab(viewport=PHONE, phone=True, locale=language)
    tab.login("moderator", prefix=prefix)
    with translation.override(language):
        tab.goto(reverse("admin:reactions_undo", args=[action.pk]))
    stories = tab.page.locator(".rx-void-stories li")
    expect(stories).to_have_count(2)
    expect(stories.first).to_contain_text(newsroom.stories[0].title)
    expect(stories.first).to_contain_text("3")
    tab.check("undo", direction="ltr" if language == "en" else "rtl")  # nothing sideways
    tab.page.locator("input[type=submit].default").click()
    expect(tab.page.locator(".messagelist")).to_contain_text(
        "4 reactions restored." if language == "en" else "استُعيدت 4 تفاعلات."
    )
    api = tab.base_url + reverse("reactions:react", args=[newsroom.lead.pk])
    assert tab.page.request.get(api).json()["counts"]["like"] == 1  # counted again at once
