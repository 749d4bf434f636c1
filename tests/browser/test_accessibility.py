"""Public pages meet WCAG 2.2 AA as far as axe-core can tell, in Arabic and in English, and
keep AA contrast in dark mode."""

import json
from urllib.parse import quote

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

AXE = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2, levels A and AA, plus axe's best practices (landmarks, heading
# order, one main, page headings), which our templates keep too.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

PAGES = {
    "home": lambda news: reverse("articles:home"),
    "section": lambda news: news.politics.get_absolute_url(),
    "hashtag": lambda news: reverse("articles:tag", args=[news.hashtag.slug]),
    "article": lambda news: news.lead.get_absolute_url(),
    "search": lambda news: reverse("articles:search") + "?q=" + quote("موجات الحر"),
    "404": lambda news: "/no-such-page/",
}


def axe_violations(tab, *, rules: list[str] | None = None) -> list[dict]:
    """axe's findings on the tab's page: every rule of AXE_TAGS, or only ``rules``."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make test` runs npm install")
    tab.page.add_script_tag(path=AXE)
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    results = tab.page.evaluate("runOnly => axe.run(document, {runOnly})", run_only)
    return [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"][:5]],
        }
        for violation in results["violations"]
    ]


# Every page of a language in one tab, one newsroom: a case per page built its own (six
# stories with pictures, then the live server's flush), most of each case's time. The
# findings of every page are gathered, so a failure still names each page and rule.


@pytest.mark.parametrize("language", ["ar", "en"])
def test_public_pages_have_no_axe_violations(open_tab, newsroom, language):
    # The page's own CSP forbids inline scripts: bypassed so axe can be injected.
    tab = open_tab(locale=language, bypass_csp=True)
    prefix = "/en" if language == "en" else ""
    found = {}
    for page_name, path in PAGES.items():
        tab.goto(prefix + path(newsroom), status=404 if page_name == "404" else 200)
        if page_name == "search":
            assert tab.page.locator(".search-result").count() >= 1
        tab.check(page_name, direction="rtl" if language == "ar" else "ltr")
        found[page_name] = axe_violations(tab)
    assert list(found) == list(PAGES)
    failing = {page: violations for page, violations in found.items() if violations}
    assert failing == {}, json.dumps(failing, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_dark_mode_keeps_aa_contrast(open_tab, newsroom, language):
    """A reader whose phone or computer is in dark mode gets the dark colours of site.css,
    every text readable on them: the reactions box with a reaction chosen, the search's
    highlighted words, the standalone error pages."""
    tab = open_tab(locale=language, bypass_csp=True, color_scheme="dark")
    prefix = "/en" if language == "en" else ""
    found = {}
    for page_name in [*PAGES, "500"]:
        if page_name == "500":
            # Rendered without a request, as Django's handler does; on the live server so
            # that its stylesheet loads.
            tab.goto(prefix + "/no-such-page/", status=404)
            tab.page.set_content(render_to_string("500.html"))
        else:
            path = PAGES[page_name](newsroom)
            tab.goto(prefix + path, status=404 if page_name == "404" else 200)
        if page_name == "article":
            chosen = tab.page.locator(".reaction").first
            chosen.click()
            expect(chosen).to_have_attribute("aria-pressed", "true")
        if page_name == "search":
            assert tab.page.locator(".search-result mark").count() >= 1
        direction = "ltr" if language == "en" and page_name != "500" else "rtl"
        tab.check(f"dark-{page_name}", direction=direction)
        found[page_name] = axe_violations(tab, rules=["color-contrast", "link-in-text-block"])
    assert list(found) == [*PAGES, "500"]
    failing = {page: violations for page, violations in found.items() if violations}
    assert failing == {}, json.dumps(failing, ensure_ascii=False, indent=1)


PAGE_COLOURS = """() => {
    // The relative luminance (WCAG) of the page's background and of its text.
    const luminance = colour => {
        const [r, g, b] = colour.match(/[\\d.]+/g).slice(0, 3).map(value => {
            const c = value / 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const body = getComputedStyle(document.body);
    const field = getComputedStyle(document.querySelector("#masthead-q"));
    return {
        page: luminance(body.backgroundColor),
        text: luminance(body.color),
        field: luminance(field.backgroundColor),
        scheme: document.querySelector('meta[name="color-scheme"]')?.content,
    };
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_page_follows_the_readers_colour_scheme(open_tab, newsroom, scheme):
    tab = open_tab(color_scheme=scheme, viewport=PHONE, phone=True)
    tab.goto(newsroom.lead.get_absolute_url())
    colours = tab.page.evaluate(PAGE_COLOURS)
    # Form controls and scrollbars the stylesheet does not colour follow this too.
    assert colours["scheme"] == "light dark"
    if scheme == "dark":
        assert colours["page"] < 0.02 and colours["field"] < 0.02, colours
        assert colours["text"] > 0.7, colours
    else:
        assert colours["page"] == 1 and colours["field"] == 1, colours
        assert colours["text"] < 0.02, colours
    tab.check(f"{scheme}-article", direction="rtl")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_keyboard_focus_is_always_visible(open_tab, newsroom, language):
    tab = open_tab(locale=language)
    tab.goto(("/en" if language == "en" else "") + newsroom.lead.get_absolute_url())
    page = tab.page
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("e => e === document.activeElement")
    assert skip.bounding_box()["y"] >= 0, "the skip link shows itself when focused"
    seen = set()
    for _ in range(25):
        focus = page.evaluate(
            """() => {
                const e = document.activeElement, style = getComputedStyle(e);
                return {
                    html: e.outerHTML.slice(0, 80),
                    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
                    width: e.getBoundingClientRect().width,
                };
            }"""
        )
        assert focus["outline"], f"no visible focus on {focus['html']}"
        assert focus["width"] > 0, f"focus on an invisible element: {focus['html']}"
        seen.add(focus["html"])
        page.keyboard.press("Tab")
    assert len(seen) > 20
    tab.check("focus", direction="rtl" if language == "ar" else "ltr")
