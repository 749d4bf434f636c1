"""The admin's pages as an editor or a moderator sees them, at the widths they work at: what
QA found out of line, out of view or out of order, measured on the screen."""

import pytest

from tests.browser.conftest import SCREENSHOTS, WORD_EDGES
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_hashtag_in_the_filter_starts_with_its_sign(open_tab, editor, prefix):
    """«#الساحل_الإفريقي» has its «#» on the right, where Arabic starts, in the English admin
    too (it was drawn on the left, after the name); «#COP31» has it on the left."""
    ArticleFactory(hashtags=["الساحل_الإفريقي", "COP31"])
    tab = open_tab(locale="en" if prefix else "ar")
    tab.login("editor", prefix=prefix)
    tab.goto(f"{prefix}/admin/articles/article/")
    filters = tab.page.locator("#changelist-filter")
    arabic = filters.get_by_role("link", name="الساحل_الإفريقي")
    edges = arabic.evaluate(WORD_EDGES, ["#", "الساحل"])
    assert edges["#"][0] >= edges["الساحل"][1] - 1, edges
    latin = filters.get_by_role("link", name="COP31")
    edges = latin.evaluate(WORD_EDGES, ["#", "COP31"])
    assert edges["#"][1] <= edges["COP31"][0] + 1, edges
    tab.check("stories", direction="ltr" if prefix else "rtl")


PHONE = {"width": 390, "height": 844}

# The start and end edge of each field's box on the story form (the agency's and the city's
# both), by the field's name; the publication time's boxes keep their «Today» and calendar
# links beside them, as Django has them, and are left out.
FIELD_BOXES = """() => {
    const boxes = {};
    for (const row of document.querySelectorAll("fieldset .form-row")) {
        const name = [...row.classList].find(c => c.startsWith("field-")).slice(6);
        if (name === "publish_at") continue;
        const controls = row.querySelectorAll(
            ".select2-container, .prose-editor, input.vTextField, input[name=tags], select"
        );
        for (const control of controls) {
            if (control.offsetParent === null) continue;  // select2's hidden <select>
            const box = control.getBoundingClientRect();
            const key = control.id ? control.id.replace("id_", "") : name;
            boxes[key] = [Math.round(box.left), Math.round(box.right)];
        }
    }
    return boxes;
}"""


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_every_box_of_the_story_form_lines_up_on_a_phone(open_tab, editor, prefix):
    """At 390px the authors' chooser and the photo's credit were narrower than the other
    boxes and stopped short of their edge; every box now spans the form."""
    from tests.factories import AuthorFactory, image_file

    story = ArticleFactory(
        authors=[AuthorFactory(name="عمر الخطيب", slug="عمر-الخطيب")],
        image=image_file("lead.jpg"),
        image_credit="عين للأنباء",
        hashtags=["المناخ"],
    )
    tab = open_tab(viewport=PHONE, locale="en" if prefix else "ar", phone=True)
    tab.login("editor", prefix=prefix)
    tab.goto(f"{prefix}/admin/articles/article/{story.pk}/change/")
    page = tab.page
    page.wait_for_selector(".field-authors .select2-container")
    boxes = page.evaluate(FIELD_BOXES)
    assert {"authors", "image_credit", "section", "title", "body"} <= set(boxes), boxes
    assert len({tuple(edges) for edges in boxes.values()}) == 1, boxes
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # Room to write a story in: the body's box was as short as its three lines.
    assert page.locator(".field-body [role=textbox]").bounding_box()["height"] >= 150
    # One element at a time: a whole-page shot makes Chromium act as if it had a mouse.
    for n in range(2):
        page.locator("fieldset.module").nth(n).screenshot(
            path=SCREENSHOTS / f"{tab.name}-story-form-{n + 1}.png"
        )
    assert tab.errors == []


def edges(locator) -> list[dict]:
    return locator.evaluate_all(
        "elements => elements.map(e => { const b = e.getBoundingClientRect();"
        " return {left: Math.round(b.left), right: Math.round(b.right),"
        " top: Math.round(b.top), bottom: Math.round(b.bottom)}; })"
    )


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_moderators_forms_line_up_on_a_phone(open_tab, moderator, prefix):
    """The void form: each label above its box and every box the form's width (each box
    started where its label ended). The dashboard's period: «من» and «إلى» above two boxes
    of one width; «عرض» and «تصدير CSV» one height."""
    tab = open_tab(viewport=PHONE, locale="en" if prefix else "ar", phone=True)
    tab.login("moderator", prefix=prefix)
    page = tab.page
    # The admin home, where signing in lands: the moderation module fits, each page's link
    # above what it is for, on one line (beside it, it was squeezed to a letter a line).
    tab.check("home", direction="ltr" if prefix else "rtl")
    links = edges(page.locator(".app-moderation th > a"))
    assert len(links) == 2 and all(link["bottom"] - link["top"] < 30 for link in links), links

    tab.goto(f"{prefix}/admin/reactions/reaction/void/")
    form = page.locator("#content-main form")
    boxes = edges(form.locator(".form-row :is(input, select, textarea)"))
    labels = edges(form.locator(".form-row label"))
    assert len(boxes) == len(labels) == 6
    assert len({(box["left"], box["right"]) for box in boxes}) == 1, boxes
    assert all(label["bottom"] <= box["top"] for label, box in zip(labels, boxes, strict=True))
    form.screenshot(path=SCREENSHOTS / f"{tab.name}-void.png")

    tab.goto(f"{prefix}/admin/reactions/reaction/dashboard/")
    period = page.locator("form.rx-period")
    boxes = edges(period.locator("label input"))
    labels = edges(period.locator("label"))
    assert boxes[0]["right"] - boxes[0]["left"] == boxes[1]["right"] - boxes[1]["left"], boxes
    assert boxes[0]["top"] == boxes[1]["top"], boxes
    assert all(label["top"] < box["top"] for label, box in zip(labels, boxes, strict=True))
    show, export = edges(period.locator("input[type=submit], a.button"))
    assert (show["top"], show["bottom"]) == (export["top"], export["bottom"]), (show, export)
    period.screenshot(path=SCREENSHOTS / f"{tab.name}-period.png")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert tab.errors == []


def test_the_period_forms_buttons_are_one_height_on_a_desktop(tab, moderator):
    tab.login("moderator")
    tab.goto("/admin/reactions/reaction/dashboard/")
    period = tab.page.locator("form.rx-period")
    show, export = edges(period.locator("input[type=submit], a.button"))
    assert (show["top"], show["bottom"]) == (export["top"], export["bottom"]), (show, export)
    # Each word on its box's middle line.
    for label in period.locator("label").all():
        word = label.evaluate(
            WORD_EDGES.replace("[box.left, box.right]", "[box.top, box.bottom]"),
            [label.inner_text().strip()],
        )
        box = edges(label.locator("input"))[0]
        middle = sum(next(iter(word.values()))) / 2
        assert abs(middle - (box["top"] + box["bottom"]) / 2) <= 2, (word, box)
    tab.check("dashboard", direction="rtl")


@pytest.mark.parametrize("order", ["", "?o=4.5"], ids=["unsorted", "by-both-times"])
@pytest.mark.parametrize("width", [1280, 1366])
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_stories_list_fits_beside_the_menu(open_tab, editor, newsroom, prefix, width, order):
    """With the admin's menu open and the filters beside it, the stories list was 120 px
    (English: 200 px) wider than its box: the preview links and the time of each story's
    last change scrolled out of view. Every column is now in view, and stays so when the
    list is sorted by both times (their headings then carry Django's sorting links: in
    English at 1280 px the list was 11 px wider than its box)."""
    from datetime import timedelta

    from django.utils import timezone

    # A scheduled story of September: a long month, two-digit day, its time in view too.
    ArticleFactory(
        title="محافظو البنوك المركزية العربية يجتمعون لبحث العملات الرقمية والمدفوعات",
        publish_at=timezone.now() + timedelta(days=300),
    )
    # A section of two words, as the demo newsroom's «علوم وتقنية».
    ArticleFactory(
        title="مركز أبحاث في نيروبي يستخدم الذكاء الاصطناعي للتنبؤ بالجفاف قبل وقوعه",
        section=SectionFactory(name="علوم وتقنية", slug="علوم-وتقنية"),
    )
    tab = open_tab(viewport={"width": width, "height": 900}, locale="en" if prefix else "ar")
    tab.login("editor", prefix=prefix)
    tab.goto(f"{prefix}/admin/articles/article/{order}")
    page = tab.page
    assert page.locator("#nav-sidebar").is_visible()
    if order:
        assert page.locator("#result_list thead th.sorted").count() == 2
    layout = page.evaluate(
        """() => {
            const box = document.querySelector("#changelist-form .results");
            const table = document.querySelector("#result_list");
            const edge = box.getBoundingClientRect();
            const outside = [...table.querySelectorAll(
                "thead th, .preview-link, .field-updated_time, .field-publish_time"
            )].filter(e => {
                const r = e.getBoundingClientRect();
                return r.left < edge.left - 1 || r.right > edge.right + 1;
            }).map(e => e.className || e.textContent);
            const content = document.querySelector("#content").getBoundingClientRect();
            const list = document.querySelector("#changelist").getBoundingClientRect();
            const root = document.documentElement;
            return {
                table: table.scrollWidth, box: box.clientWidth, outside,
                list: [list.left, list.right], content: [content.left, content.right],
                page: root.scrollWidth, window: root.clientWidth,
            };
        }"""
    )
    assert layout["table"] <= layout["box"], layout
    assert layout["page"] <= layout["window"], layout  # no scrolling sideways
    assert layout["content"][0] - 1 <= layout["list"][0], layout
    assert layout["list"][1] <= layout["content"][1] + 1, layout
    assert layout["outside"] == [], layout
    assert page.locator("#result_list .preview-link").count() == 8
    tab.check("stories", direction="ltr" if prefix else "rtl")


def test_the_days_and_times_in_moderators_sentences_read_left_to_right(tab, moderator):
    """Inside an Arabic sentence a day took the sentence's direction: the void form's
    example «2026-12-03 14:30» was drawn «14:30 03-12-2026», and the dashboard's
    «(من 1900-01-01 …)» drew «01-01-1900». Each is set apart and drawn as typed."""
    tab.login("moderator")
    tab.goto("/admin/reactions/reaction/void/?scope=reader&target=r1")
    help_text = tab.page.locator("#id_start_helptext")
    drawn = help_text.evaluate(WORD_EDGES, ["2026", "-12-03", "14:30"])
    assert drawn["2026"][1] <= drawn["-12-03"][0] + 1, drawn
    assert drawn["-12-03"][1] <= drawn["14:30"][0] + 1, drawn
    tab.page.fill("#id_start", "٣ ديسمبر")
    tab.page.fill("#id_reason", "تجربة")
    tab.page.click("input[type=submit].default")
    error = tab.page.locator(".errorlist", has_text="اكتب التاريخ والوقت")
    drawn = error.evaluate(WORD_EDGES, ["2026", "14:30"])
    assert drawn["2026"][1] <= drawn["14:30"][0] + 1, drawn
    tab.check("void-error", direction="rtl")

    tab.goto("/admin/reactions/reaction/dashboard/?end=0001-01-03")
    error = tab.page.locator(".errorlist", has_text="خارج المدى المقبول")
    drawn = error.evaluate(WORD_EDGES, ["1900", "-01-01", "9998", "-12-31"])
    assert drawn["1900"][1] <= drawn["-01-01"][0] + 1, drawn
    assert drawn["9998"][1] <= drawn["-12-31"][0] + 1, drawn
    assert drawn["-01-01"][0] > drawn["9998"][0]  # the first day on the right, as «من» reads
    tab.check("dashboard-error", direction="rtl")
