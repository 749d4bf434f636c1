"""Article pages outside the whole-page cache: the story is kept, the reactions box is live.

A signed-in editor (or any request the page cache cannot answer) gets the page rendered
from the kept story plus a freshly counted reactions box.
"""

import re

import pytest

from articles.models import Article
from reactions.models import ReactionKind
from reactions.services import react
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def like_count(response) -> int:
    html = response.content.decode()
    button = re.search(r'value="like".*?data-count="(\d+)"', html, re.S)
    return int(button.group(1))


@pytest.fixture
def signed_in(client, editor):
    client.force_login(editor)
    return client


def test_signed_in_readers_see_live_counts_on_a_kept_story(signed_in):
    article = ArticleFactory(title="خبر التفاعلات الحية")
    like = ReactionKind.objects.get(slug="like")
    url = article.get_absolute_url()
    assert like_count(signed_in.get(url)) == 0

    react(article=article, reader_key="reader-1", kind=like)
    react(article=article, reader_key="reader-2", kind=like)

    response = signed_in.get(url)
    assert like_count(response) == 2
    assert "خبر التفاعلات الحية" in response.content.decode()
    assert "private" in response["Cache-Control"]


def test_a_kept_story_costs_the_counts_query_only(signed_in, django_assert_max_num_queries):
    article = ArticleFactory(hashtags=["مالي"])
    ArticleFactory.create_batch(3, hashtags=["مالي"])
    url = article.get_absolute_url()
    signed_in.get(url)
    # The session and its user, then the counts: no story, related or navigation query.
    with django_assert_max_num_queries(3):
        assert signed_in.get(url).status_code == 200


def test_editing_the_story_refreshes_the_kept_render(signed_in):
    article = ArticleFactory(title="العنوان قبل التحرير")
    url = article.get_absolute_url()
    signed_in.get(url)

    article.title = "العنوان بعد التحرير"
    article.save()

    html = signed_in.get(url).content.decode()
    assert "العنوان بعد التحرير" in html
    assert "العنوان قبل التحرير" not in html


def test_unpublishing_takes_a_kept_story_down(signed_in):
    article = ArticleFactory()
    url = article.get_absolute_url()
    assert signed_in.get(url).status_code == 200

    article.status = Article.Status.DRAFT
    article.save()

    assert signed_in.get(url).status_code == 404


def test_an_old_slug_keeps_redirecting_to_the_current_one(signed_in):
    article = ArticleFactory(slug="الاسم-القديم")
    old = article.get_absolute_url()
    article.slug = "الاسم-الجديد"
    article.save()
    for _ in range(2):
        response = signed_in.get(old)
        assert response.status_code == 301
        assert response["Location"] == article.get_absolute_url()


def test_the_reactions_box_sits_where_the_story_puts_it(client):
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()
    assert "<!--reactions-box-->" not in html
    story, box, related = (
        html.index('class="story"'),
        html.index('id="reactions"'),
        html.find('class="related"'),
    )
    assert story < box
    assert related == -1 or box < related


def test_a_render_holding_a_csrf_token_is_never_kept(rf):
    from django.middleware.csrf import get_token
    from django.urls import resolve

    from articles.pagecache import kept_render

    url = ArticleFactory().get_absolute_url()
    renders = []

    def render(request):
        renders.append(get_token(request))
        return {"html": f"<input name=csrfmiddlewaretoken value={renders[-1]}>"}

    for _ in range(2):
        request = rf.get(url)
        request.resolver_match = resolve(url)
        kept_render(request, lambda request=request: render(request), version=1)
    assert len(renders) == 2  # rendered for each reader, not kept for the next
