"""A reader, then an editor, switch language with the header's switch and switch back."""

import re

import pytest

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

ARABIC_LETTERS = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")

# Text a reader meets, outside whatever is marked as Arabic (a story, a card, the
# switch's own "العربيّة"): text nodes, and the labels, placeholders and alt texts.
VISIBLE_TEXT = """() => {
    const arabic = (node) => node.closest('[lang]')?.lang.startsWith('ar');
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const element = walker.currentNode.parentElement;
        if (!arabic(element) && !element.closest('script, style, template')) {
            found.push(walker.currentNode.textContent);
        }
    }
    for (const element of document.body.querySelectorAll(
        '[aria-label], [placeholder], [title], [alt], input[type=submit][value]'
    )) {
        if (arabic(element)) continue;
        for (const name of ['aria-label', 'placeholder', 'title', 'alt', 'value']) {
            if (element.hasAttribute(name)) found.push(element.getAttribute(name));
        }
    }
    found.push(document.title);
    return found;
}"""


def arabic_interface_text(page, content: list[str]) -> list[str]:
    """Arabic words on the page that are not the newsroom's own (names of sections...)."""
    found = []
    for text in page.evaluate(VISIBLE_TEXT):
        for words in sorted(content, key=len, reverse=True):
            text = text.replace(words, " ")
        if ARABIC_LETTERS.search(text):
            found.append(text.strip())
    return found


def site_content(newsroom) -> list[str]:
    stories = [newsroom.lead, *newsroom.stories, newsroom.english]
    words = [newsroom.politics.name, newsroom.economy.name, newsroom.hashtag.name]
    for story in stories:
        words += [story.title, story.image_alt, *story.authors.values_list("name", flat=True)]
        words += [story.section.name, *story.tags.values_list("name", flat=True)]
    return [words for words in words if words]


def switch_to(page, language_name: str, *, phone: bool = False) -> None:
    button = page.locator(".lang-switch").get_by_role("button", name=language_name)
    if phone:
        button.tap()
    else:
        button.click()


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_reader_switches_a_story_to_english_and_back(open_tab, newsroom, phone):
    tab = open_tab(viewport=PHONE if phone else DESKTOP, phone=phone)
    page = tab.page
    arabic_url = newsroom.lead.get_absolute_url()
    tab.goto(arabic_url)
    content = site_content(newsroom)
    assert arabic_interface_text(page, content) != []  # the check below can fail
    tab.check("arabic", direction="rtl")

    switch_to(page, "English", phone=phone)
    page.wait_for_url(f"{tab.base_url}/en{arabic_url}")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("article.story h1").inner_text() == newsroom.lead.title
    page.locator(".reactions[data-ready=true]").wait_for()
    assert arabic_interface_text(page, content) == []
    tab.check("english", direction="ltr")

    switch_to(page, "العربيّة", phone=phone)
    page.wait_for_url(tab.base_url + arabic_url)
    assert page.locator("html").get_attribute("lang") == "ar"
    tab.check("arabic-again", direction="rtl")


def test_reader_without_script_can_switch(browser, live_server, newsroom):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        switch_to(page, "English")
        page.wait_for_url(f"{live_server.url}/en/")
        assert page.locator("html").get_attribute("dir") == "ltr"
    finally:
        context.close()


def test_editor_switches_the_admin_to_english_and_back(tab, editor, newsroom):
    page = tab.page
    tab.login("editor")
    tab.goto("/admin/articles/article/")
    content = site_content(newsroom)
    assert arabic_interface_text(page, content) != []
    tab.check("arabic-admin", direction="rtl")

    page.locator("#user-tools").get_by_role("button", name="English").click()
    page.wait_for_url(f"{tab.base_url}/en/admin/articles/article/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert arabic_interface_text(page, content) == []
    tab.check("english-admin", direction="ltr")

    page.locator("#user-tools").get_by_role("button", name="العربيّة").click()
    page.wait_for_url(f"{tab.base_url}/admin/articles/article/")
    tab.check("arabic-admin-again", direction="rtl")
