"""A story's title keeps its own order in the admin of the other language: an Arabic
headline with Latin letters in it («5G») took the English page's direction and came out
scrambled, in the lists, the breadcrumbs, the headings and the messages naming it."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.browser.conftest import WORD_EDGES
from tests.factories import ArticleFactory

pytestmark = pytest.mark.browser

TITLE = "المغرب يطلق خدمات 5G تجاريًا في ثماني مدن"


def reads_right_to_left(locator) -> bool:
    """Right to left, «المغرب» comes first: to the right of «5G», on the same line."""
    edges = locator.evaluate(WORD_EDGES, ["المغرب", "5G"])
    return edges["المغرب"][0] >= edges["5G"][1]


def test_an_arabic_title_keeps_its_order_in_the_english_admin(tab, editor, moderator):
    from reactions.models import ReactionKind
    from reactions.services import react

    story = ArticleFactory(title=TITLE)
    react(article=story, reader_key="r1", kind=ReactionKind.objects.get(slug="like"))
    with translation.override("en"):
        change = reverse("admin:articles_article_change", args=[story.pk])
        history = reverse("admin:articles_article_history", args=[story.pk])
        stories = reverse("admin:articles_article_changelist")
        reactions = reverse("admin:reactions_reaction_changelist")
    page = tab.page
    tab.login("editor", prefix="/en")

    tab.goto(stories)
    assert reads_right_to_left(page.locator("#result_list .field-title").first)
    tab.check("stories", direction="ltr")

    tab.goto(change)
    assert reads_right_to_left(page.locator(".breadcrumbs [aria-current=page]"))
    assert reads_right_to_left(page.locator("#content h2").first)
    tab.check("story-form", direction="ltr")
    # The message after a save names it in a sentence: «The story “…” was archived.»
    page.select_option("#id_status", "archived")
    page.click("input[name=_continue]")
    message = page.locator(".messagelist .success")
    assert "was archived" in message.inner_text()
    assert reads_right_to_left(message)

    tab.goto(history)
    assert reads_right_to_left(page.locator("#content h1"))
    assert reads_right_to_left(page.locator(".breadcrumbs a").last)
    tab.check("history", direction="ltr")

    page.context.clear_cookies()
    tab.login("moderator", prefix="/en")
    tab.goto(reactions)
    assert reads_right_to_left(page.locator("#result_list .field-article").first)
    tab.check("reactions", direction="ltr")
