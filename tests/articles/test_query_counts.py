"""Pages cost a fixed number of queries, whatever the size of the archive."""

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

# A cold page cache adds one query (the next scheduled story); a warm one needs none.
MAX_QUERIES = {"home": 7, "section": 7, "tag": 7, "author": 7, "article": 7}


def build_archive(n_per_section):
    sections = [SectionFactory() for _ in range(4)]
    author = AuthorFactory(slug="kateb")
    article = None
    for section in sections:
        for _ in range(n_per_section):
            article = ArticleFactory(section=section, hashtags=["مالي", "اقتصاد"], authors=[author])
    return sections[0], article


def pages(section, article):
    return {
        "home": reverse("articles:home"),
        "section": section.get_absolute_url(),
        "tag": reverse("articles:tag", args=["مالي"]),
        "author": reverse("articles:author", args=["kateb"]),
        "article": article.get_absolute_url(),
    }


@pytest.mark.parametrize("n_per_section", [3, 15])
def test_public_pages_query_count_is_bounded(client, django_assert_max_num_queries, n_per_section):
    section, article = build_archive(n_per_section)
    for name, url in pages(section, article).items():
        with django_assert_max_num_queries(MAX_QUERIES[name]):
            assert client.get(url).status_code == 200, name
