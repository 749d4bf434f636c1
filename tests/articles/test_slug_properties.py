"""Properties of article slugs on generated titles (hypothesis): URL-safe, reversible
through the URL resolver, never empty after save."""

import re
from urllib.parse import unquote

import pytest
from django.urls import resolve, reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles.models import Article, arabic_slug
from tests.factories import SectionFactory

PURE = settings(max_examples=400, deadline=None, database=None)
DB = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Titles as they arrive: any printable text (no NUL, which forms refuse), with Arabic,
# bidi controls, zero-width characters, emoji and URL-significant punctuation over-represented.
SPECIAL = [*"/?#%&=+ .-_\\'\"<>", "\u202e", "\u200b", "\u200f", "\ufeff", "\u0640", "🏳️‍🌈"]
title_chars = st.one_of(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
    st.sampled_from([chr(c) for c in range(0x0621, 0x0670)]),
    st.sampled_from(SPECIAL),
)
titles = st.lists(title_chars, max_size=80).map("".join)
SLUG = re.compile(r"^[\w-]*$")


@PURE
@given(titles)
@example("\u202eخبر\u202c عاجل")
@example("؟؟؟ ... !!!")
@example("ﷺ" * 30)  # NFKC turns one character into eighteen
def test_slug_is_url_safe_short_and_stable(title):
    slug = arabic_slug(title)
    assert SLUG.match(slug), slug
    assert not slug.startswith("-") and not slug.endswith("-")
    assert len(slug) <= 200
    assert arabic_slug(slug) == slug  # slugifying a slug changes nothing


@PURE
@given(titles)
def test_slug_survives_a_round_trip_through_the_url_resolver(title):
    slug = arabic_slug(title) or "news"
    url = reverse("articles:detail", kwargs={"pk": 7, "slug": slug})
    assert url.isascii()  # percent-encoded
    match = resolve(unquote(url))
    assert match.view_name == "articles:detail"
    assert match.kwargs == {"pk": 7, "slug": slug}


@pytest.mark.django_db
@DB
@given(titles)
@example("")
@example("\u200b\u200f\u202e")
def test_saved_article_always_has_a_working_address(title):
    article = Article(title=title[:255], body="<p>x</p>", section=SectionFactory(slug="s"))
    article.save()
    assert article.slug and SLUG.match(article.slug)
    assert resolve(unquote(article.get_absolute_url())).kwargs["slug"] == article.slug
