"""The hashtags box on the story form is as wide as the title's, in either admin language."""

import pytest
from django.urls import reverse

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "360"])
def test_the_hashtags_box_is_as_wide_as_the_title(open_tab, editor, newsroom, language, viewport):
    """Django leaves the box without a width: «#الساحل_الإفريقي، #مالي، #النيجر» did not
    fit in it while the title beside it spanned the form."""
    prefix = "/en" if language == "en" else ""
    phone = viewport is PHONE
    tab = open_tab(viewport=viewport, phone=phone, locale=language)
    page = tab.page
    tab.login("editor", prefix=prefix)
    tab.goto(prefix + reverse("admin:articles_article_change", args=[newsroom.lead.pk]))
    page.fill("#id_tags", "#الساحل_الإفريقي، #مالي، #النيجر، #بوركينا_فاسو، #الأمن_الإقليمي")
    page.locator("#id_tags").scroll_into_view_if_needed()
    tab.check(f"hashtags-{language}", direction="ltr" if language == "en" else "rtl")

    def box(selector: str) -> dict:
        return page.locator(selector).bounding_box()

    title, tags = box("#id_title"), box("#id_tags")
    assert abs(tags["width"] - title["width"]) <= 2, (tags, title)
    assert abs(tags["x"] - title["x"]) <= 2, (tags, title)  # lined up with it too
    if not phone:
        typed = page.locator("#id_tags")
        assert typed.evaluate("e => e.scrollWidth <= e.clientWidth")
