"""A page's work does not grow with the archive or with a story's reactions.

The same pages are measured on a small newsroom and on one with 1,000 stories and a
hot story holding 100,000 reactions; both must stay within the same query budget.
"""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, bulk_published

pytestmark = pytest.mark.django_db

BUDGET = 7  # one of them only on a cold page cache (the next scheduled story)


def add_reactions(article, n):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO reactions_reaction (article_id, kind_id, reader_key, ip_hash, "
            "created_at, updated_at) SELECT %s, (SELECT id FROM reactions_reactionkind "
            "ORDER BY id LIMIT 1), 'r' || g, '', now(), now() FROM generate_series(1, %s) g",
            [article.pk, n],
        )
    call_command("recount", stdout=io.StringIO())


def queries_per_page(client, hot, section, author):
    pages = {
        "home": "/",
        "section": section.get_absolute_url(),
        "tag": reverse("articles:tag", args=["مالي"]),
        "author": author.get_absolute_url(),
        "article": hot.get_absolute_url(),
        "reactions": f"/reactions/{hot.pk}/",
    }
    counts = {}
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, name
        counts[name] = len(captured)
    return counts


@pytest.mark.parametrize(("archive", "reactions"), [(10, 0), (1000, 100_000)])
def test_page_costs_are_flat(client, archive, reactions):
    section = SectionFactory()
    author = AuthorFactory()
    hot = ArticleFactory(section=section, hashtags=["مالي"], authors=[author])
    bulk_published(section, archive, title="خبر من الأرشيف", minutes_ago=5)
    for article in Article.objects.exclude(pk=hot.pk)[:20]:
        article.tags.add("مالي")
    if reactions:
        add_reactions(hot, reactions)
        assert client.get(f"/reactions/{hot.pk}/").json()["total"] == reactions
    counts = queries_per_page(client, hot, section, author)
    assert max(counts.values()) <= BUDGET, counts
