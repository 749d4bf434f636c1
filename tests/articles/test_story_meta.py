"""The row under a story's headline (its byline and dates) appears only with something in it."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_preview_of_a_new_draft_has_no_empty_byline_row(client, editor, prefix):
    draft = ArticleFactory(title="مسودة لم تُنسب بعد", status=Article.Status.DRAFT, publish_at=None)
    client.force_login(editor)

    response = client.get(prefix + reverse("admin:articles_article_preview", args=[draft.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "مسودة لم تُنسب بعد" in html
    assert 'class="story-meta"' not in html
    assert 'class="byline"' not in html


def test_a_story_without_an_author_shows_its_date_alone(client):
    article = ArticleFactory(title="خبر من غير كاتب")

    html = client.get(article.get_absolute_url()).content.decode()

    assert html.count('class="story-meta"') == 1
    assert 'class="dates"' in html
    assert 'class="byline"' not in html


def test_a_draft_with_an_author_still_names_them_in_its_preview(client, editor):
    author = AuthorFactory(name="ليلى حداد", slug="ليلى-حداد")
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None, authors=[author])
    client.force_login(editor)

    html = client.get(reverse("admin:articles_article_preview", args=[draft.pk])).content.decode()

    assert html.count('class="story-meta"') == 1
    assert "ليلى حداد" in html
    assert 'class="dates"' not in html
