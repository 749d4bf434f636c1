"""In a real browser, no payload of the catalogue runs on the article page.

Each payload is saved as an article body (hostile text goes into the titles and names as
well) and its page opened in headless Chromium: with CSP off, one payload per page, so the
sanitiser alone is shown to be enough; and from pytest-django's live server under the
site's Content-Security-Policy. Every payload would set ``window.__pwned`` or open a
dialog; neither may happen. Run alone with ``pytest -m browser``."""

from __future__ import annotations

import pytest

from tests.security.payloads import PWN, all_payloads

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


class Watcher:
    """One tab that notes every dialog and reads ``window.__pwned`` after each page."""

    def __init__(self, browser, *, bypass_csp: bool):
        self.context = browser.new_context(bypass_csp=bypass_csp, locale="ar")
        self.dialogs: list[str] = []
        self.fresh_page()

    def fresh_page(self) -> None:
        """A new page (a new window): nothing a payload left behind carries over."""
        if getattr(self, "page", None) is not None:
            self.page.close()
        self.dialogs.clear()
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def executed(self) -> bool:
        # page.evaluate runs over the DevTools protocol, outside the page's CSP.
        self.page.wait_for_timeout(30)  # let error events of broken images fire
        pwned = self.page.evaluate(
            "() => [window, ...Array.from(window.frames)].some(w => {"
            "  try { return typeof w.__pwned !== 'undefined'; } catch (e) { return false; } })"
        )
        return bool(pwned or self.dialogs)

    def close(self) -> None:
        self.context.close()


@pytest.mark.parametrize(
    ("html", "runs"),
    [
        (f"<img src=x onerror='{PWN}'>", True),
        ("<script>alert(1)</script>", True),
        ('<a id="__pwned">clobbered</a>', True),
        ("<p>آمن</p>", False),
    ],
    ids=["handler", "dialog", "clobbering", "harmless"],
)
def test_the_watcher_sees_a_payload_that_runs(browser, html, runs):
    watcher = Watcher(browser, bypass_csp=True)
    watcher.page.set_content(html)
    assert watcher.executed() is runs
    watcher.close()


def payload_articles(per_page: int) -> list[tuple[list[str], object]]:
    """The catalogue saved as article bodies, ``per_page`` payloads to an article."""
    from tests.factories import ArticleFactory, SectionFactory

    section = SectionFactory()
    payloads = all_payloads()
    articles = []
    for start in range(0, len(payloads), per_page):
        chunk = payloads[start : start + per_page]
        body = "<p>نص</p>" + "".join(html for _, html in chunk)
        articles.append(([name for name, _ in chunk], ArticleFactory(section=section, body=body)))
    return articles


def test_no_payload_executes_without_csp(browser, client):
    """Each payload on a page of its own, CSP off: the sanitiser alone must stop every one.
    The page is the site's own HTML for the article, loaded into the browser directly."""
    watcher = Watcher(browser, bypass_csp=True)
    ran = []
    for names, article in payload_articles(per_page=1):
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200, names
        watcher.page.set_content(response.content.decode())
        if watcher.executed():
            ran.append(names)
            watcher.fresh_page()
    watcher.close()
    assert ran == []


def test_no_payload_executes_on_the_live_site(browser, live_server):
    """The real article pages from the live server, with the site's CSP, ten payloads each."""
    watcher = Watcher(browser, bypass_csp=False)
    ran = []
    for names, article in payload_articles(per_page=10):
        response = watcher.page.goto(live_server.url + article.get_absolute_url())
        assert response.status == 200, names
        assert "script-src 'self'" in response.headers["content-security-policy"]
        if watcher.executed():
            ran.append(names)
            watcher.fresh_page()
    watcher.close()
    assert ran == []


def test_hostile_titles_and_names_do_not_execute(browser, live_server):
    from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

    hostile = f'"></title></script><script>{PWN}</script><img src=x onerror=alert(1)>'
    section = SectionFactory(name=hostile[:100], slug="قسم")
    author = AuthorFactory(name=hostile[:150], slug="كاتب")
    article = ArticleFactory(
        title=hostile,
        deck=hostile,
        city=hostile[:100],
        image_caption=hostile,
        section=section,
        authors=[author],
        hashtags=["وسم<svg onload=alert(1)>"],
    )
    watcher = Watcher(browser, bypass_csp=True)
    for path in (
        "/",
        article.get_absolute_url(),
        section.get_absolute_url(),
        author.get_absolute_url(),
        "/search/?q=" + hostile,
    ):
        watcher.page.goto(live_server.url + path)
        assert not watcher.executed(), path
    watcher.close()
