"""Real-browser tests: Debian's Chromium, driven by Playwright, against pytest-django's
live server. Every test here is marked ``browser`` (``make test-browser`` runs them alone).

The live server needs a transactional database: each test's rows are committed for real
and every table is emptied afterwards. Emptying also removes what the data migrations put
there (roles, reaction kinds), so they are put back before each test and after each
module, leaving the reused test database as the migrations made it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Response

from tests.support import launched_chromium, seed_migration_rows

SCREENSHOTS = Path(__file__).parent / "screenshots"

# For page.evaluate on an element: where each of ``words`` is drawn in it, [left, right]
# of its first occurrence (to check the order a line of mixed scripts is drawn in).
WORD_EDGES = """(element, words) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const edges = {};
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of words) {
            const at = node.data.indexOf(word);
            if (at < 0 || word in edges) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + word.length);
            const box = range.getBoundingClientRect();
            edges[word] = [box.left, box.right];
        }
    }
    return edges;
}"""

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "pw-for-tests-only"  # tests/conftest.py's staff users


@pytest.fixture(scope="module", autouse=True)
def _reseed_after_last_flush(django_db_setup, django_db_blocker):
    # After each module, so that tests elsewhere that run next find the rows too.
    yield
    with django_db_blocker.unblock():
        seed_migration_rows()


@pytest.fixture(autouse=True)
def _browser_test_settings(live_server, settings):
    """Migration rows present, uploads served."""
    seed_migration_rows()
    settings.ROOT_URLCONF = "tests.browser.urls"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Per module, not per session: Playwright's sync API refuses to start while another
    # instance's event loop is running, and other modules (tests/security) start their own.
    with launched_chromium() as chromium:
        yield chromium


@dataclass
class Tab:
    """One browser tab on the live server, noting every console error and script error."""

    page: Page
    base_url: str
    name: str
    errors: list[str] = field(default_factory=list)
    shots: int = 0
    screenshots: bool = False  # pytest --screenshots

    def goto(self, path: str, *, status: int = 200) -> Response:
        response = self.page.goto(self.base_url + path)
        assert response is not None
        assert response.status == status, f"{path}: HTTP {response.status}"
        if status >= 400:
            # Chromium reports the page's own error status in the console; that one is expected.
            own = f"status of {status}"
            self.errors[:] = [e for e in self.errors if not (own in e and response.url in e)]
        return response

    def path(self) -> str:
        return self.page.url.removeprefix(self.base_url)

    def check(self, label: str, *, direction: str) -> None:
        """The checks every page of every scenario passes, and a screenshot to look at."""
        self.page.wait_for_load_state("load")
        self.shots += 1
        if self.screenshots:
            self.page.screenshot(
                path=SCREENSHOTS / f"{self.name}-{self.shots:02d}-{label}.png", full_page=True
            )
        layout = self.page.evaluate(
            """() => ({
                direction: getComputedStyle(document.documentElement).direction,
                scrollWidth: document.documentElement.scrollWidth,
                // The layout viewport: on a phone, innerWidth grows to fit what overflows.
                viewportWidth: document.documentElement.clientWidth,
            })"""
        )
        assert layout["direction"] == direction, f"{label}: {layout}"
        assert layout["scrollWidth"] <= layout["viewportWidth"] + 1, f"{label} overflows: {layout}"
        assert self.errors == [], f"{label}: console errors {self.errors}"

    def login(self, username: str, *, password: str = PASSWORD, prefix: str = "") -> None:
        self.goto(f"{prefix}/admin/login/")
        self.check("login", direction="ltr" if prefix == "/en" else "rtl")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.page.click("input[type=submit]")
        self.page.wait_for_url(re.compile(r"/admin/$"))


def _note_console(errors: list[str]):
    def listener(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"{message.text} ({message.location.get('url', '')})")

    return listener


@pytest.fixture
def open_tab(request, browser, live_server) -> Iterator:
    """``open_tab(viewport=PHONE, locale="ar")``: a fresh tab (own cookies) on the live server;
    ``timezone_id`` sets the browser's clock's zone (the machine's by default),
    ``color_scheme="dark"`` a reader whose system is in dark mode (light by default)."""
    tabs: list[Tab] = []
    test_name = re.sub(r"[^\w-]+", "-", request.node.name.removeprefix("test_")).strip("-")

    def open_tab(
        *,
        viewport=DESKTOP,
        locale="ar",
        phone=False,
        bypass_csp=False,
        timezone_id=None,
        color_scheme="light",
    ) -> Tab:
        context = browser.new_context(
            viewport=viewport,
            locale=locale,
            timezone_id=timezone_id,
            color_scheme=color_scheme,
            is_mobile=phone,
            has_touch=phone,
            device_scale_factor=2 if phone else 1,
            bypass_csp=bypass_csp,
        )
        suffix = f"-{len(tabs) + 1}" if tabs else ""
        tab = Tab(
            page=context.new_page(),
            base_url=live_server.url,
            name=test_name + suffix,
            screenshots=request.config.getoption("screenshots"),
        )
        tabs.append(tab)
        tab.page.on("console", _note_console(tab.errors))
        tab.page.on("pageerror", lambda error: tab.errors.append(f"uncaught: {error}"))
        tab.page.set_default_timeout(15_000)
        return tab

    yield open_tab
    failed = getattr(request.node, "failed_call", False)
    for tab in tabs:
        try:
            if failed or tab.screenshots:
                # Where each tab ended: the first thing to look at when a test fails. Chromium
                # never finishes a full-page shot of an XML document (a feed): its view only.
                whole = tab.page.evaluate("document.contentType") == "text/html"
                tab.page.screenshot(path=SCREENSHOTS / f"{tab.name}-last.png", full_page=whole)
        finally:
            tab.page.context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Note on the test whether its body failed, for open_tab's last screenshots."""
    report = yield
    if report.when == "call" and report.failed:
        item.failed_call = True
    return report


@pytest.fixture
def tab(open_tab) -> Tab:
    return open_tab()


# The stories' pictures: 800 pixels wide makes two renditions (480w, 800w) where a
# 1,600-pixel photo makes three, a quarter of a second per story saved.
PICTURE = (800, 450)


@dataclass
class Newsroom:
    """A small newsroom on the live server: two sections, mixed-script stories, hashtags."""

    politics: object
    economy: object
    lead: object
    stories: list
    english: object
    hashtag: object


@pytest.fixture
def newsroom() -> Newsroom:
    from datetime import timedelta

    from django.utils import timezone
    from taggit.models import Tag

    from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, image_file

    now = timezone.now()
    politics = SectionFactory(name="سياسة", slug="سياسة", order=1)
    economy = SectionFactory(name="اقتصاد", slug="اقتصاد", order=2)
    omar = AuthorFactory(name="عمر الخطيب", slug="عمر-الخطيب")
    sarah = AuthorFactory(name="Sarah Jones", slug="sarah-jones")
    john = AuthorFactory(name="John Smith", slug="john-smith")
    lead = ArticleFactory(
        title="تقرير يحذر من تضاعف موجات الحر في المدن العربية قبل COP31",
        deck="باحثون من 12 مؤسسة يرصدون ارتفاعًا متسارعًا في عدد الأيام شديدة الحرارة.",
        agency="Reuters",
        city="جنيف",
        body=(
            "<p>صدر التقرير اليوم في جنيف، وينشر ملخصه على موقع example.org قبل مؤتمر COP31.</p>"
            "<ul><li>ارتفاع متوسط درجات الحرارة الصيفية</li><li>موجات أطول وأكثر تكرارًا</li></ul>"
        ),
        section=politics,
        image=image_file("heat.jpg", size=PICTURE),
        image_alt="خريطة حرارية لمدينة عربية",
        image_caption="خريطة حرارية لمدينة عربية في الصيف",
        image_credit="Newsroom Photo",
        publish_at=now - timedelta(minutes=30),
        hashtags=["المناخ", "COP31"],
        authors=[omar, sarah, john],
    )
    stories = [
        ArticleFactory(
            title=f"المغرب يطلق خدمات 5G تجاريًا في {n} مدن كبرى",
            section=section,
            image=image_file(f"story-{n}.jpg", size=PICTURE, colour=(30, 90, 160)),
            image_alt="أبراج اتصالات فوق مدينة",
            publish_at=now - timedelta(hours=n),
            hashtags=["المناخ"] if n % 2 else [],
        )
        for n, section in enumerate([politics, economy, politics, economy], start=1)
    ]
    english = ArticleFactory(
        title="Gulf ports brace for a busy shipping season",
        deck="Port operators expect record container traffic after the Red Sea reopens.",
        agency="Newsroom Wire",
        city="Dubai",
        body="<p>Operators in Jebel Ali and Dammam said bookings rose 14% in October.</p>",
        language="en",
        section=economy,
        publish_at=now - timedelta(hours=6),
    )
    return Newsroom(
        politics=politics,
        economy=economy,
        lead=lead,
        stories=stories,
        english=english,
        hashtag=Tag.objects.get(name="المناخ"),
    )
