"""A story's history in the admin: restoring an old version or a deleted story, and the
pages django-reversion draws for it."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import formats, timezone
from reversion.models import Version

from articles.models import Article
from tests.articles.test_admin_roles import change_url, form_data
from tests.factories import SectionFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/articles/article/add/"


@pytest.fixture
def rewritten(client, editor):
    """A story saved twice by an editor: «العنوان الأول», then «العنوان الثاني»."""
    client.force_login(editor)
    section = SectionFactory()
    client.post(ADD, form_data(section, title="العنوان الأول"))
    article = Article.objects.get()
    client.post(
        change_url(article),
        form_data(section, title="العنوان الثاني", edit_version=article.version),
    )
    return article


def saved_on(version: Version) -> str:
    return formats.date_format(timezone.localtime(version.revision.date_created), "DATETIME_FORMAT")


def messages_after(client, url, section, title):
    """Submit the restore form as the editor sees it; the messages shown afterwards."""
    form = client.get(url).context["adminform"].form
    data = form_data(section, title=title, edit_version=form["edit_version"].value())
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    return [str(m) for m in response.context["messages"]]


def test_restoring_an_old_version_says_the_story_was_restored(client, rewritten):
    first = Version.objects.get_for_object(rewritten).last()
    url = reverse("admin:articles_article_revision", args=[rewritten.pk, first.pk])

    messages = messages_after(client, url, rewritten.section, "العنوان الأول")

    assert messages == [f"استُعيد المقال «العنوان الأول» إلى نسخته المحفوظة في {saved_on(first)}."]
    rewritten.refresh_from_db()
    assert rewritten.title == "العنوان الأول"


def test_recovering_a_deleted_story_says_the_story_was_restored(client, rewritten):
    delete = reverse("admin:articles_article_delete", args=[rewritten.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not Article.objects.exists()
    deleted = Version.objects.get_deleted(Article).get()
    url = reverse("admin:articles_article_recover", args=[deleted.pk])

    messages = messages_after(client, url, rewritten.section, "العنوان الثاني")

    assert messages == [
        f"استُعيد المقال «العنوان الثاني» إلى نسخته المحفوظة في {saved_on(deleted)}."
    ]
    assert Article.objects.get().title == "العنوان الثاني"


def test_an_ordinary_save_is_not_called_a_restore(client, rewritten):
    rewritten.refresh_from_db()
    data = form_data(rewritten.section, title="العنوان الثالث", edit_version=rewritten.version)
    response = client.post(change_url(rewritten), data, follow=True)
    assert Article.objects.get().title == "العنوان الثالث"
    assert not any("استُعيد" in str(m) for m in response.context["messages"])


def declarations(stylesheet: str, selector: str) -> str:
    rule = re.search(rf"(?:^|}})\s*{re.escape(selector)}\s*{{([^}}]*)}}", stylesheet, re.M)
    return rule.group(1) if rule else ""


def test_reversion_pages_keep_the_breadcrumbs_bar(client, rewritten):
    """django-reversion writes <div class="breadcrumbs">; Django 6 dresses only its own
    <ol class="breadcrumbs">, so the project's admin stylesheet gives the div the bar."""
    first = Version.objects.get_for_object(rewritten).last()
    pages = [client.get(reverse("admin:articles_article_revision", args=[rewritten.pk, first.pk]))]
    client.post(reverse("admin:articles_article_delete", args=[rewritten.pk]), {"post": "yes"})
    deleted = Version.objects.get_deleted(Article).get()
    pages.append(client.get(reverse("admin:articles_article_recoverlist")))
    pages.append(client.get(reverse("admin:articles_article_recover", args=[deleted.pk])))
    for page in pages:
        html = page.content.decode()
        assert page.status_code == 200
        assert '<div class="breadcrumbs">' in html, page.request["PATH_INFO"]
        assert "/static/css/admin.css" in html, page.request["PATH_INFO"]

    with open(finders.find("css/admin.css"), encoding="utf-8") as file:
        stylesheet = file.read()
    bar = declarations(stylesheet, "div.breadcrumbs")
    assert "background: var(--breadcrumbs-bg)" in bar
    assert "color: var(--breadcrumbs-fg)" in bar
    assert "var(--breadcrumbs-link-fg)" in declarations(stylesheet, "div.breadcrumbs a")
