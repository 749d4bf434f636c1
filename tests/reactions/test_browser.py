"""A real reader in headless Chromium: tap, see the count, reload, still chosen, take back.

Run alone with ``pytest -m browser``. Skipped where Playwright or Chromium is missing.
"""

import os
import shutil

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.test.testcases import LiveServerThread

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

CHROMIUM = (
    os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
)


@pytest.fixture
def server(committed, settings):
    thread = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait(timeout=30)
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()


@pytest.fixture
def page(monkeypatch):
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM:
        pytest.skip("no Chromium on this machine")
    # Playwright's sync API runs an event loop in this thread; our ORM calls here are sync.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        context = browser.new_context(viewport={"width": 360, "height": 740}, locale="ar")
        yield context.new_page()
        browser.close()


def test_reader_taps_reloads_and_takes_back(server, committed, page):
    url = server + committed.articles[3].get_absolute_url()
    page.goto(url)
    box = page.locator(".reactions[data-ready=true]")
    like = box.locator('button[value="like"]')
    box.wait_for()
    assert like.get_attribute("aria-pressed") == "false"
    assert like.locator(".reaction-count").inner_text() == "0"

    like.click()
    page.wait_for_function(
        "document.querySelector('.reactions').getAttribute('aria-busy') === null"
    )
    assert like.get_attribute("aria-pressed") == "true"
    assert like.locator(".reaction-count").inner_text() == "1"
    page.wait_for_function("document.querySelector('.reactions-status').textContent !== ''")
    assert "أعجبني" in box.locator(".reactions-status").inner_text()

    page.reload()
    box.wait_for()
    assert like.get_attribute("aria-pressed") == "true"
    assert like.locator(".reaction-count").inner_text() == "1"

    like.click()
    page.wait_for_function(
        "document.querySelector('.reactions').getAttribute('aria-busy') === null"
    )
    assert like.get_attribute("aria-pressed") == "false"
    assert like.locator(".reaction-count").inner_text() == "0"
    page.screenshot(path="/tmp/reactions-phone.png", full_page=True)
