"""Public pages meet WCAG 2.2 AA as far as axe-core can tell, in Arabic and in English."""

import json
from urllib.parse import quote

import pytest
from django.conf import settings
from django.urls import reverse

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


def axe_violations(tab) -> list[dict]:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make test` runs npm install")
    tab.page.add_script_tag(path=AXE)
    results = tab.page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"][:5]],
        }
        for violation in results["violations"]
    ]


@pytest.mark.parametrize("page_name", PAGES)
@pytest.mark.parametrize("language", ["ar", "en"])
def test_public_page_has_no_axe_violations(open_tab, newsroom, language, page_name):
    # The page's own CSP forbids inline scripts: bypassed so axe can be injected.
    tab = open_tab(locale=language, bypass_csp=True)
    prefix = "/en" if language == "en" else ""
    tab.goto(prefix + PAGES[page_name](newsroom), status=404 if page_name == "404" else 200)
    if page_name == "search":
        assert tab.page.locator(".search-result").count() >= 1
    tab.check(page_name, direction="rtl" if language == "ar" else "ltr")
    violations = axe_violations(tab)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)


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
