"""A story's form is never sent to be lost. A writer who signs in again in another tab
while a story is open (the sign-in renews the form's CSRF token), or whose session ends
while they write, pressed «احفظ» and lost the story: Django refused the first with its
CSRF page, the second went to the login page, and going back brought the title but an
empty body editor."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.conftest import PASSWORD
from tests.browser.test_admin import choose_autocomplete

pytestmark = pytest.mark.browser

TITLE = "الحكومة تقر خطة لإعادة تأهيل ميناء بيروت خلال عامين"
BODY = "أقر مجلس الوزراء خطة من ثلاث مراحل لإعادة تأهيل الميناء."


def sign_in_again(page, base_url: str, *, sign_out_first: bool) -> None:
    """In another tab of the same browser: sign out (if still signed in), then in."""
    if sign_out_first:
        page.goto(base_url + "/admin/")
        page.click("#logout-form [type=submit]")
        page.wait_for_load_state("load")
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


def write_a_story(tab) -> None:
    page = tab.page
    tab.goto("/admin/articles/article/add/")
    page.fill("#id_title", TITLE)
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type(BODY)
    choose_autocomplete(page, "section", "سياسة")


def test_a_story_open_while_its_writer_signs_in_again_elsewhere_is_saved(tab, editor, newsroom):
    tab.login("editor")
    write_a_story(tab)
    other = tab.page.context.new_page()
    sign_in_again(other, tab.base_url, sign_out_first=True)

    tab.page.click("input[name=_save]")
    tab.page.wait_for_url(re.compile(r"/admin/articles/article/$"))
    article = Article.objects.get(title=TITLE)
    assert BODY in article.body
    tab.check("saved", direction="rtl")


def test_a_story_whose_session_ended_stays_with_a_note_and_is_saved_after_signing_in(
    tab, editor, newsroom
):
    page = tab.page
    tab.login("editor")
    write_a_story(tab)
    page.context.clear_cookies(name="sessionid")  # the session ended while they wrote

    page.click("input[name=_save]")
    note = page.locator(".save-guard-note")
    expect(note).to_contain_text("انتهت جلستك، فلم يُرسَل النموذج، وما كتبتَه باقٍ هنا كما هو.")
    expect(note.get_by_role("link", name="سجّل الدخول في نافذة جديدة")).to_have_attribute(
        "target", "_blank"
    )
    assert page.url.endswith("/admin/articles/article/add/")
    expect(page.locator("#id_title")).to_have_value(TITLE)
    expect(page.locator(".ProseMirror[contenteditable=true]")).to_have_text(BODY)
    assert not Article.objects.filter(title=TITLE).exists()
    tab.check("signed-out-note", direction="rtl")

    sign_in_again(page.context.new_page(), tab.base_url, sign_out_first=False)
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/admin/articles/article/$"))
    assert BODY in Article.objects.get(title=TITLE).body


def test_a_story_kept_when_the_server_is_out_of_reach(tab, editor, newsroom):
    page = tab.page
    tab.login("editor")
    write_a_story(tab)
    page.route("**/admin/articles/article/session/", lambda route: route.abort())

    page.click("input[name=_save]")
    expect(page.locator(".save-guard-note")).to_contain_text(
        "تعذّر الاتصال بالخادم، فلم يُرسَل النموذج، وما كتبتَه باقٍ هنا كما هو."
    )
    expect(page.locator(".ProseMirror[contenteditable=true]")).to_have_text(BODY)
    assert not Article.objects.filter(title=TITLE).exists()
    tab.errors.clear()  # Chromium reports the aborted request in the console

    page.unroute("**/admin/articles/article/session/")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/admin/articles/article/$"))
    assert BODY in Article.objects.get(title=TITLE).body
