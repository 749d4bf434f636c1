"""The box inside the article page: server-rendered counts, same HTML for every reader."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from articles import pagecache
from reactions.box import TEMPLATE, box_context, box_skeleton
from reactions.models import Reaction, Tally
from reactions.services import react, recount_tallies
from tests.factories import ArticleFactory
from tests.reactions.conftest import SLUGS, api_url, tap

pytestmark = pytest.mark.django_db


def box_html(html: str) -> str:
    match = re.search(r'<section class="reactions".*?</section>', html, re.S)
    assert match, "no reactions box"
    return match.group(0)


def test_box_shows_heading_buttons_and_current_counts(client, article, kinds):
    for reader in ("a", "b", "c"):
        react(article=article, reader_key=reader, kind=kinds["love"])
    react(article=article, reader_key="d", kind=kinds["sad"])

    html = client.get(article.get_absolute_url()).content.decode()
    box = box_html(html)
    assert "ما هو رد فعلك؟" in box
    assert f'action="{api_url(article)}"' in box
    assert 'method="post"' in box
    assert 'aria-live="polite"' in box
    for slug in SLUGS:
        assert f'name="kind" value="{slug}" aria-pressed="false"' in box
    assert re.search(r"أحببته</span>\s*<span class=\"reaction-count\" data-count=\"3\">3<", box)
    assert re.search(r"حزين</span>\s*<span class=\"reaction-count\" data-count=\"1\">1<", box)
    assert 'data-count="4"' in box  # the total
    # An external script and stylesheet only: a strict CSP holds.
    assert re.search(r'<script src="/static/js/reactions\.js" defer></script>', html)
    assert "<script>" not in html
    assert "/static/css/reactions.css" in html
    assert "csrfmiddlewaretoken" not in html


def test_english_page_uses_english_labels(client, article):
    html = client.get("/en" + article.get_absolute_url()).content.decode()
    box = box_html(html)
    assert "Love" in box
    assert 'action="/reactions/' in box  # the endpoint has no language prefix


def test_retired_kind_disappears_from_the_box(client, article, kinds):
    kinds["angry"].active = False
    kinds["angry"].save()
    box = box_html(client.get(article.get_absolute_url()).content.decode())
    assert 'value="angry"' not in box
    assert 'value="like"' in box


def test_closed_article_shows_counts_and_inert_buttons(client, kinds):
    article = ArticleFactory(reactions_closed=True)
    box = box_html(client.get(article.get_absolute_url()).content.decode())
    assert "أُغلق التفاعل" in box
    assert box.count(" disabled") == len(SLUGS)
    assert "data-endpoint" not in box


def test_admin_preview_renders_the_box_read_only(client, editor, kinds):
    draft = ArticleFactory(status="draft", publish_at=None)
    client.force_login(editor)
    response = client.get(f"/admin/articles/article/{draft.pk}/preview/")
    assert response.status_code == 200
    box = box_html(response.content.decode())
    assert box.count(" disabled") == len(SLUGS)
    assert "data-endpoint" not in box
    assert "reactions.js" not in response.content.decode()


def test_article_html_is_identical_for_two_anonymous_readers(article):
    alice, bob = Client(), Client()
    tap(alice, article, "love")  # alice has a reader cookie and a reaction, bob nothing
    url = article.get_absolute_url()
    first, second = alice.get(url), bob.get(url)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert "Set-Cookie" not in first.headers
    assert "Cookie" not in first.get("Vary", "")


def forget_pages() -> None:
    """Render pages afresh: nothing kept in the cache, nor remembered by this process."""
    cache.clear()
    pagecache.recheck_remembered()


def page_queries(client, url) -> list[str]:
    forget_pages()  # render the page, not a cached copy of it
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_article_page_queries_do_not_grow_with_reactions(
    client, article, kinds, django_assert_max_num_queries
):
    url = article.get_absolute_url()
    empty = page_queries(client, url)
    Reaction.objects.bulk_create(
        Reaction(article=article, kind=kinds[SLUGS[i % len(SLUGS)]], reader_key=f"r{i}")
        for i in range(2000)
    )
    recount_tallies()
    busy = page_queries(client, url)

    assert len(busy) == len(empty)
    # The box costs one query, on the tallies, never on the reaction rows.
    box_queries = [sql for sql in busy if re.search(r'(FROM|JOIN) "reactions_', sql)]
    assert len(box_queries) == 1
    assert '"reactions_tally"' in box_queries[0]
    assert not re.search(r'(FROM|JOIN) "reactions_reaction"', box_queries[0])
    forget_pages()
    assert 'data-count="2000"' in client.get(url).content.decode()

    with django_assert_max_num_queries(2):
        assert client.get(api_url(article)).json()["total"] == 2000


@pytest.mark.parametrize(
    ("language", "eastern"), [("ar", False), ("ar", True), ("en", False), ("en", True)]
)
def test_kept_box_filled_with_counts_reads_as_a_full_render(kinds, settings, language, eastern):
    """The box kept with a story, its numbers written in per request, is the same HTML
    the template gives for those counts: grouped, in the page's digits, total included."""
    settings.NEWSROOM_EASTERN_ARABIC_DIGITS = eastern
    article = ArticleFactory()
    Tally.objects.create(article=article, kind=kinds["like"], count=1234567)
    Tally.objects.create(article=article, kind=kinds["sad"], count=8)
    with translation.override(language):
        url = article.get_absolute_url()
        skeleton, counts = box_skeleton(article_id=article.pk, url=url, closed=False)
        full = render_to_string(TEMPLATE, box_context(article_id=article.pk, url=url, closed=False))
        assert skeleton.fill(counts) == full
        assert "\x00" not in full
        grouped = "1٬234٬567" if eastern and language == "ar" else "1,234,567"
        if eastern and language == "ar":
            grouped = grouped.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
        assert f'data-count="1234567">{grouped}<' in full
        assert 'data-count="1234575"' in full  # the total

        # A later tap: the kept skeleton with the new counts is the new full render.
        Tally.objects.filter(article=article, kind=kinds["sad"]).update(count=9)
        later = render_to_string(
            TEMPLATE, box_context(article_id=article.pk, url=url, closed=False)
        )
        assert later != full
        assert skeleton.fill({**counts, kinds["sad"].pk: 9}) == later
