"""A story's form that comes back unsaved keeps everything the reporter put in it: the
body with its list, the hashtags as typed and the lead image chosen from the disk, which
the browser's file box forgets on every page."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_admin import choose_autocomplete, jpeg

pytestmark = pytest.mark.browser

TITLE = "مقتل عشرة جنود في هجوم على قاعدة عسكرية شمال مالي"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_reporter_who_forgot_the_section_keeps_the_image_they_chose(
    open_tab, reporter, newsroom, tmp_path, viewport
):
    tab = open_tab(viewport=viewport, phone=viewport is PHONE)
    page = tab.page
    tab.login("reporter")
    tab.goto("/admin/articles/article/add/")
    page.fill("#id_title", TITLE)
    body = page.locator(".ProseMirror[contenteditable=true]")
    body.click()
    page.keyboard.type("قال الجيش إن عشرة جنود قتلوا فجر اليوم.")
    page.keyboard.press("Enter")
    page.locator(".prose-menubar__button[data-name=bulletList]").click()
    page.keyboard.type("عشرة قتلى")
    page.keyboard.press("Enter")
    page.keyboard.type("خمسة جرحى")
    page.set_input_files("#id_image", jpeg(tmp_path / "دورية.jpg"))
    page.fill("#id_image_caption", "جنود في دورية قرب غاو")
    page.fill("#id_tags", "#الساحل_الإفريقي، مالي")
    page.click("input[name=_save]")  # no section chosen

    expect(page.locator(".field-section .errorlist")).to_have_text("هذا الحقل مطلوب.")
    held = page.locator(".field-image .held-image")
    expect(held).to_contain_text("اخترتَ الصورة «دورية.jpg»")
    expect(held).to_contain_text("محفوظة مع النموذج")
    expect(held.get_by_label("لا تحفظها")).not_to_be_checked()
    expect(body.locator("ul li")).to_have_count(2)
    expect(page.locator("#id_tags")).to_have_value("#الساحل_الإفريقي، مالي")
    held.scroll_into_view_if_needed()
    tab.check("image-held", direction="rtl")

    choose_autocomplete(page, "section", "سياسة")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/articles/article/")
    article = Article.objects.get(title=TITLE)
    assert article.image and article.image_renditions
    assert article.image_caption == "جنود في دورية قرب غاو"
    assert sorted(article.tags.names()) == ["الساحل_الإفريقي", "مالي"]
