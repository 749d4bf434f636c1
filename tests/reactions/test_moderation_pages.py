"""A moderator's void or undo shows on the story's kept page at once, for readers without
script too (the box's script fetches live counts; the page itself is cached)."""

import re

import pytest
from django.test import Client

from reactions.services import react, undo_void, void_reactions
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def shown_angry(page) -> int:
    html = page.content.decode()
    box = html[html.index('value="angry"') :]
    return int(re.search(r'data-count="(\d+)"', box).group(1))


def test_void_and_undo_refresh_the_storys_kept_page(
    kinds, moderator, django_capture_on_commit_callbacks
):
    story, other = ArticleFactory(), ArticleFactory()
    for i in range(5):
        react(article=story, reader_key=f"bot{i}", kind=kinds["angry"], ip_hash="flood")
    reader = Client()
    assert shown_angry(reader.get(story.get_absolute_url())) == 5
    assert reader.get(other.get_absolute_url())["X-Page-Cache"] == "miss"
    assert reader.get(story.get_absolute_url())["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        action = void_reactions(moderator=moderator, scope="ip_hash", target="flood", reason="آلي")
    page = reader.get(story.get_absolute_url())
    assert page["X-Page-Cache"] == "miss"
    assert shown_angry(page) == 0
    assert reader.get(other.get_absolute_url())["X-Page-Cache"] == "hit"  # only that story

    with django_capture_on_commit_callbacks(execute=True):
        undo_void(action=action, moderator=moderator)
    assert shown_angry(reader.get(story.get_absolute_url())) == 5


def test_a_void_that_touches_nothing_refreshes_nothing(
    kinds, moderator, django_capture_on_commit_callbacks
):
    story = ArticleFactory()
    Client().get(story.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        void_reactions(moderator=moderator, scope="reader", target="nobody", reason="لا شيء")
    assert callbacks == []
    assert Client().get(story.get_absolute_url())["X-Page-Cache"] == "hit"
