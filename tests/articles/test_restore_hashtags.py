"""Restoring an old version of a story whose hashtags have changed since: one merged into
another comes back as the hashtag it became, one deleted comes back by its name, and one
whose name is lost is named on the form instead of vanishing."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.urls import reverse
from reversion.models import Version
from taggit.models import Tag

from articles.hashtag_merge import merge_hashtags
from articles.models import Article, TaggedArticle
from tests.articles.test_admin_history import ADD, as_shown, saved_as
from tests.articles.test_admin_roles import form_data
from tests.factories import SectionFactory

pytestmark = pytest.mark.django_db


def hashtags_of(article) -> list[str]:
    """The story's hashtags after the restore was saved. The foreign keys PostgreSQL
    checks at commit (which the test's transaction never reaches) are checked first: a
    row left naming a deleted hashtag would make the restore fail there."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    return sorted(article.tags.names())


@pytest.fixture
def story(client, editor):
    """A story added with «#غزة، #مالي», then retitled (its first version is the one to
    restore)."""
    client.force_login(editor)
    section = SectionFactory()
    client.post(ADD, form_data(section, title="العنوان الأول", tags="#غزة، #مالي"))
    article = Article.objects.get()
    article.first = Version.objects.get_for_object(article).get()
    return article


def restore_page(client, article, version=None):
    url = reverse("admin:articles_article_revision", args=[article.pk, article.first.pk])
    if version is not None:
        url = reverse("admin:articles_article_revision", args=[article.pk, version.pk])
    page = client.get(url)
    assert page.status_code == 200
    return url, page


def save_as_shown(client, url, page):
    response = client.post(url, as_shown(page.context["adminform"].form))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def shown_hashtags(page) -> str:
    return page.context["adminform"].form["tags"].value()


def messages_on(page) -> list[str]:
    """What the restore form says about hashtags (earlier saves' messages aside)."""
    return [str(m) for m in page.context["messages"] if "#" in str(m) or "وسم" in str(m)]


def test_a_merged_hashtag_comes_back_as_the_hashtag_it_was_merged_into(client, editor, story):
    kept = Tag.objects.create(name="قطاع_غزة", slug="قطاع_غزة")
    merge_hashtags(keep=kept.pk, merge=[Tag.objects.get(name="غزة").pk], user=editor)
    saved_as(client, story, story.section, title="العنوان الثاني", tags="#قطاع_غزة")

    url, page = restore_page(client, story)

    assert "#قطاع_غزة" in format_of(shown_hashtags(page))
    assert "#مالي" in format_of(shown_hashtags(page))
    assert any("#غزة" in m and "#قطاع_غزة" in m for m in messages_on(page))
    save_as_shown(client, url, page)
    story.refresh_from_db()
    assert story.title == "العنوان الأول"
    assert hashtags_of(story) == ["قطاع_غزة", "مالي"]
    assert not Tag.objects.filter(name="غزة").exists()


def test_a_deleted_hashtag_comes_back_by_its_name(client, editor, story):
    mali = Tag.objects.get(name="مالي")
    delete = reverse("admin:taggit_tag_delete", args=[mali.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert sorted(story.tags.names()) == ["غزة"]

    url, page = restore_page(client, story)

    assert format_of(shown_hashtags(page)) == "#غزة، #مالي"
    assert any("#مالي" in m for m in messages_on(page))
    save_as_shown(client, url, page)
    story.refresh_from_db()
    assert hashtags_of(story) == ["غزة", "مالي"]
    assert Tag.objects.filter(name="مالي", slug="مالي").exists()


def test_a_hashtag_deleted_outside_the_admin_comes_back_by_the_name_its_version_kept(
    client, editor, story
):
    Tag.objects.filter(name="مالي").delete()  # no log entry names it

    url, page = restore_page(client, story)

    assert format_of(shown_hashtags(page)) == "#غزة، #مالي"
    save_as_shown(client, url, page)
    assert hashtags_of(story) == ["غزة", "مالي"]


def test_a_hashtag_whose_name_is_lost_is_named_on_the_form(client, editor, story):
    Tag.objects.filter(name="مالي").delete()
    tagged = ContentType.objects.get_for_model(TaggedArticle)
    Version.objects.filter(content_type=tagged).update(object_repr="?")  # nothing to read

    url, page = restore_page(client, story)

    assert format_of(shown_hashtags(page)) == "#غزة"
    html = page.content.decode()
    assert "تعذّرت استعادة وسم واحد من هذه النسخة" in html
    save_as_shown(client, url, page)
    assert hashtags_of(story) == ["غزة"]


def test_recovering_a_deleted_story_brings_back_its_merged_hashtag(client, editor, story):
    kept = Tag.objects.create(name="قطاع_غزة", slug="قطاع_غزة")
    merge_hashtags(keep=kept.pk, merge=[Tag.objects.get(name="غزة").pk], user=editor)
    Tag.objects.filter(name="مالي").delete()
    client.post(reverse("admin:articles_article_delete", args=[story.pk]), {"post": "yes"})
    deleted = Version.objects.get_deleted(Article).get()
    url = reverse("admin:articles_article_recover", args=[deleted.pk])
    page = client.get(url)

    assert format_of(shown_hashtags(page)) == "#قطاع_غزة، #مالي"
    save_as_shown(client, url, page)
    assert hashtags_of(Article.objects.get()) == ["قطاع_غزة", "مالي"]


def test_restoring_the_merge_revision_itself_keeps_the_kept_hashtag(client, editor, story):
    """The merge's own revision holds the story already tagged with the kept hashtag."""
    kept = Tag.objects.create(name="قطاع_غزة", slug="قطاع_غزة")
    merge_hashtags(keep=kept.pk, merge=[Tag.objects.get(name="غزة").pk], user=editor)
    merged = Version.objects.get_for_object(story).first()
    saved_as(client, story, story.section, title="العنوان الثاني", tags="#مالي")

    url, page = restore_page(client, story, merged)

    assert format_of(shown_hashtags(page)) == "#قطاع_غزة، #مالي"
    assert not messages_on(page)
    save_as_shown(client, url, page)
    assert hashtags_of(story) == ["قطاع_غزة", "مالي"]


def format_of(value) -> str:
    """The hashtags box's text, however the form holds its value."""
    from articles.hashtags import format_hashtags

    return value if isinstance(value, str) else format_hashtags(value)


def test_restoring_one_story_to_a_merge_leaves_the_merges_other_stories_alone(
    client, editor, story
):
    """Each story moved by a merge keeps a revision of its own: restoring one of them to
    it must not put every other story of the merge back as it was then."""
    other = Article.objects.create(
        title="خبر آخر عن غزة", body="<p>نص</p>", section=story.section, status="draft"
    )
    other.tags.set(["غزة"])
    kept = Tag.objects.create(name="قطاع_غزة", slug="قطاع_غزة")
    merge_hashtags(keep=kept.pk, merge=[Tag.objects.get(name="غزة").pk], user=editor)
    merged = Version.objects.get_for_object(story).first()
    saved_as(client, other, other.section, title="خبر آخر عُدّل بعد الدمج", tags="#قطاع_غزة")

    url, page = restore_page(client, story, merged)
    save_as_shown(client, url, page)

    other.refresh_from_db()
    assert other.title == "خبر آخر عُدّل بعد الدمج"
    assert Version.objects.get_for_object(other).first().revision != merged.revision
