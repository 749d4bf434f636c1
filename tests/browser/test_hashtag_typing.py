"""Hashtags typed on the story form as on social networks: «#مالي #النيجر»."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.conftest import PHONE
from tests.browser.test_admin import choose_autocomplete

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_a_hashtag_after_a_space_is_suggested_and_saved_on_its_own(
    open_tab, editor, newsroom, phone
):
    tab = open_tab(viewport=PHONE, phone=True) if phone else open_tab()
    page = tab.page
    tab.login("editor")
    tab.goto("/admin/articles/article/add/")
    page.fill("#id_title", "اجتماع أمني لدول الساحل")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type("اجتمع وزراء الدفاع اليوم.")
    choose_autocomplete(page, "section", "سياسة")

    existing = newsroom.hashtag.name
    box = page.locator("#id_tags")
    box.fill("#الساحل_الإفريقي #")
    box.press_sequentially(existing[:3])
    # The suggestion completes the hashtag being typed, keeping the one before it.
    options = page.locator("#hashtag-suggestions option")
    expect(options.first).to_have_attribute("value", f"#الساحل_الإفريقي #{existing}")
    box.fill(f"#الساحل_الإفريقي #{existing}")
    tab.check("hashtags-typed", direction="rtl")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/articles/article/")
    story = Article.objects.get(title="اجتماع أمني لدول الساحل")
    assert sorted(story.tags.names()) == sorted(["الساحل_الإفريقي", existing])
