"""A long story is found by the phrases of its deck and hashtags, as a short one is."""

import pytest

from articles import search
from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("paragraphs", [5, 400, 1500])
def test_a_storys_deck_phrase_and_hashtag_find_it_however_long_it_is(paragraphs):
    body = "".join(
        f"<p>فقرة رقم {i} عن الاقتصاد والزراعة والطقس والتعليم في المدن الكبرى.</p>"
        for i in range(paragraphs)
    )
    story = ArticleFactory(
        title="تقرير", deck="مشاورات السلام تبدأ غدا", body=body, hashtags=["الساحل_الإفريقي"]
    )
    for query in ['"مشاورات السلام"', "#الساحل_الإفريقي"]:
        found = Article.objects.published().search(search.parse_query(query))
        assert story in found, (query, len(story.search_vector) if story.search_vector else 0)
