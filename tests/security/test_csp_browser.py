"""Under the real Content-Security-Policy, in headless Chromium: the reader's pages, the
reactions box, the share control and the admin's article editor all still work, and the
browser reports no CSP violation anywhere. Run alone with ``pytest -m browser``."""

import re

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def tab(browser, live_server):
    context = browser.new_context(locale="ar")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.violations = []
    page.on(
        "console",
        lambda m: page.violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda error: page.violations.append(f"uncaught: {error}"))
    yield page
    context.close()


def test_reader_pages_reactions_and_share_work_under_csp(tab, live_server):
    from tests.factories import ArticleFactory

    article = ArticleFactory(hashtags=["المناخ"])
    for path in ("/", article.section.get_absolute_url(), "/search/?q=مشاورات", "/tag/المناخ/"):
        tab.goto(live_server.url + path)
    response = tab.goto(live_server.url + article.get_absolute_url())
    assert "script-src 'self'" in response.headers["content-security-policy"]

    box = tab.locator(".reactions[data-ready=true]")
    box.wait_for()  # reactions.js ran and fetched the reader's state
    tab.locator('.reactions button[value="like"]').click()
    tab.locator(".reactions-status").filter(has_text="أعجبني").wait_for()
    assert tab.locator('button[value="like"]').get_attribute("aria-pressed") == "true"

    tab.locator("[data-copy-link]").click()  # share.js shows it (hidden without script)
    status = tab.locator("[data-copy-status]")
    status.filter(has_text=re.compile(".+")).wait_for()
    assert status.is_visible()  # said on screen, not only to screen readers
    assert tab.violations == []


def test_article_editor_works_under_the_admin_policy(tab, live_server, editor):
    from tests.factories import ArticleFactory

    article = ArticleFactory(created_by=editor)
    tab.goto(live_server.url + "/admin/login/")
    tab.fill("#id_username", "editor")
    tab.fill("#id_password", "pw-for-tests-only")
    tab.click("input[type=submit]")
    tab.wait_for_url(re.compile(r"/admin/$"))

    response = tab.goto(live_server.url + f"/admin/articles/article/{article.pk}/change/")
    policy = response.headers["content-security-policy"]
    assert "'nonce-" in policy and "style-src 'self' 'unsafe-inline'" in policy
    editor_area = tab.locator(".ProseMirror[contenteditable=true]")
    editor_area.wait_for()  # the import map (nonced) and the editor's modules loaded
    editor_area.click()
    tab.keyboard.press("End")
    tab.keyboard.type(" سطر أضافه المحرر")
    tab.locator("button[data-name=bold]").click()
    assert "سطر أضافه المحرر" in editor_area.inner_text()
    assert tab.violations == []
