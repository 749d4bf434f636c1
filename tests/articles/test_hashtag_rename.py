"""Renaming a hashtag in the hashtags admin: the pages naming it and its stories' search
documents follow, as after a merge."""

import pytest
from taggit.models import Tag

from articles import search
from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def found(words: str) -> list[str]:
    return [a.title for a in Article.objects.published().search(search.parse_query(words))]


def rename(client, editor, old, name, capture):
    """The editor renames the hashtag ``old`` in the hashtags admin (committed)."""
    tag = Tag.objects.get(name=old)
    client.force_login(editor)
    with capture(execute=True):
        response = client.post(f"/admin/taggit/tag/{tag.pk}/change/", {"name": name})
    assert response.status_code == 302
    client.logout()


@pytest.fixture
def timbuktu():
    """A public story tagged #تمبكتو (the word is nowhere else in it), and one that is not."""
    story = ArticleFactory(title="قافلة تصل إلى الشمال", hashtags=["تمبكتو"])
    other = ArticleFactory(title="أسعار القمح", hashtags=["الاقتصاد"])
    return story, other


def test_renaming_refreshes_the_pages_naming_the_hashtag(
    client, editor, timbuktu, django_capture_on_commit_callbacks
):
    story, other = timbuktu
    pages = [
        story.get_absolute_url(),
        "/",
        story.section.get_absolute_url(),
        "/feeds/rss/",
        "/en/feeds/atom/",
        f"{story.section.get_absolute_url()}rss/",
        "/tag/تمبكتو/",
        "/tag/تمبكتو/rss/",
    ]
    untouched = [other.get_absolute_url(), "/tag/الاقتصاد/"]
    for url in [*pages, *untouched]:
        assert client.get(url).status_code == 200, url
        assert client.get(url)["X-Page-Cache"] == "hit", url

    rename(client, editor, "تمبكتو", "غاو", django_capture_on_commit_callbacks)

    page = client.get(story.get_absolute_url())
    assert page["X-Page-Cache"] == "miss"
    assert "#غاو" in page.content.decode()
    assert "تمبكتو" not in page.content.decode()
    for feed in ["/feeds/rss/", "/en/feeds/atom/", f"{story.section.get_absolute_url()}rss/"]:
        xml = client.get(feed).content.decode()
        assert "غاو" in xml and "تمبكتو" not in xml, feed
    assert client.get("/tag/تمبكتو/").status_code == 301
    assert client.get("/tag/تمبكتو/rss/").status_code == 301
    assert "#غاو" in client.get("/tag/غاو/").content.decode()
    for url in untouched:
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_renaming_makes_search_find_the_stories_by_the_new_name(
    client, editor, timbuktu, django_capture_on_commit_callbacks
):
    assert found("تمبكتو") == ["قافلة تصل إلى الشمال"]

    rename(client, editor, "تمبكتو", "غاو", django_capture_on_commit_callbacks)

    assert found("غاو") == ["قافلة تصل إلى الشمال"]
    assert found("تمبكتو") == []


def test_a_change_of_case_alone_refreshes_the_story_page(
    client, editor, django_capture_on_commit_callbacks
):
    """«#cop31» to «#COP31»: the address stays, the name on the page changes."""
    story = ArticleFactory(title="قمة المناخ", hashtags=["cop31"])
    assert client.get(story.get_absolute_url())["X-Page-Cache"] == "miss"
    assert client.get(story.get_absolute_url())["X-Page-Cache"] == "hit"

    rename(client, editor, "cop31", "COP31", django_capture_on_commit_callbacks)

    assert Tag.objects.get().slug == "cop31"
    assert "#COP31" in client.get(story.get_absolute_url()).content.decode()
