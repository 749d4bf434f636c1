"""An editor merges two hashtags from the hashtags list, as in a browser: ticks them,
chooses «دمج الوسوم المحددة», picks the one to keep on the confirmation page."""

import pytest
from taggit.models import Tag

from tests.browser.conftest import PHONE
from tests.factories import ArticleFactory

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_editor_merges_two_hashtags_and_the_old_address_leads_to_the_kept_one(
    open_tab, editor, newsroom, viewport
):
    ArticleFactory(title="موجة حر تضرب المدن الساحلية", hashtags=["التغير_المناخي"])
    ArticleFactory(title="قمة المناخ تختتم أعمالها", hashtags=["التغير_المناخي", "المناخ"])
    tab = open_tab(**({"viewport": viewport, "phone": True} if viewport else {}))
    page = tab.page
    tab.login("editor")
    tab.goto("/admin/taggit/tag/")
    for name in ("المناخ", "التغير_المناخي"):
        pk = Tag.objects.get(name=name).pk
        page.check(f'input.action-select[value="{pk}"]')
    page.select_option("select[name=action]", label="دمج الوسوم المحددة")
    page.locator("button[name=index]").click()

    page.wait_for_selector(".merge-selected-confirmation")
    tab.check("confirmation", direction="rtl")
    rows = page.locator("#content-main tbody tr")
    assert rows.all_inner_texts() == ["\t#المناخ\t4", "\t#التغير_المناخي\t2"]
    assert page.locator("input[name=keep]:checked").get_attribute("value") == str(
        Tag.objects.get(name="المناخ").pk
    )

    page.get_by_label("#المناخ").check()
    page.get_by_role("button", name="دمج الوسوم").click()
    page.wait_for_url("**/admin/taggit/tag/")
    tab.check("merged", direction="rtl")
    assert (
        page.locator(".messagelist .success").inner_text()
        == "دُمج الوسم #التغير_المناخي في الوسم #المناخ. للوسم #المناخ الآن 5 مقالات."
    )

    tab.goto("/tag/التغير_المناخي/")
    assert page.url.endswith("/tag/%D8%A7%D9%84%D9%85%D9%86%D8%A7%D8%AE/")
    assert page.get_by_text("موجة حر تضرب المدن الساحلية").count() == 1
