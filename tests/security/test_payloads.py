"""The hostile HTML catalogue (tests/security/payloads.py) is neutralised on save, through
the ORM and through the admin, and nothing executable reaches any page."""

import re

import pytest
from django.urls import reverse

from articles.models import Article
from articles.sanitize import sanitize_html
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory
from tests.security.html_checks import scheme, unsafe_bits_in_body, unsafe_bits_in_page
from tests.security.payloads import HTML_PAYLOADS, PWN, URL_PAYLOADS, all_payloads

pytestmark = pytest.mark.django_db

PAYLOADS = all_payloads()
IDS = [name for name, _ in PAYLOADS]


def test_the_catalogue_is_big_and_unique():
    assert len(PAYLOADS) >= 60
    assert len(set(IDS)) == len(IDS)
    assert len({html for _, html in PAYLOADS}) == len(PAYLOADS)


def test_the_checker_sees_what_it_must():
    """The checks are not vacuous: raw payloads are flagged."""
    flagged = [name for name, html in HTML_PAYLOADS if unsafe_bits_in_body(html)]
    assert len(flagged) >= 60
    assert all(scheme(url) not in {"http", "https"} for _, url in URL_PAYLOADS)
    assert scheme(" java\tscript:x") == "javascript"


@pytest.mark.parametrize(("name", "payload"), PAYLOADS, ids=IDS)
def test_payload_is_neutralised_on_save(name, payload):
    article = ArticleFactory(body=f"<p>قبل</p>{payload}<p>بعد</p>")
    stored = Article.objects.get(pk=article.pk).body
    assert unsafe_bits_in_body(stored) == [], stored
    assert "<script" not in stored.lower() and "<style" not in stored.lower()
    assert sanitize_html(stored) == stored  # a fixpoint: saving again changes nothing
    # The article's own paragraphs survive around the payload.
    assert "قبل" in stored


@pytest.mark.parametrize(("name", "payload"), PAYLOADS, ids=IDS)
def test_payload_never_reaches_the_page(client, name, payload):
    article = ArticleFactory(body=payload)
    html = client.get(article.get_absolute_url()).content.decode()
    assert unsafe_bits_in_page(html) == []
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", html, flags=re.S)
    assert not any("__pwned" in script for script in scripts)


def test_all_payloads_at_once_through_the_admin_form(client, editor):
    section = SectionFactory()
    # Form fields refuse NUL outright (a form error, tested in test_bad_input); the rest goes in.
    body = "".join(payload.replace("\x00", "") for _, payload in PAYLOADS)
    client.force_login(editor)
    response = client.post(
        "/admin/articles/article/add/",
        {
            "title": "اختبار",
            "slug": "",
            "body": body,
            "section": section.pk,
            "tags": "",
            "language": "ar",
            "status": "published",
            "publish_at_0": "",
            "publish_at_1": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    stored = Article.objects.get().body
    assert unsafe_bits_in_body(stored) == []


HOSTILE_TEXT = f'"><script>{PWN}</script><img src=x onerror={PWN}></script><!--'


def test_hostile_plain_text_fields_are_escaped_everywhere(client):
    """Titles, decks, captions, bylines, section and hashtag names are text, never markup."""
    section = SectionFactory(name=HOSTILE_TEXT[:100], slug="قسم-خبيث")
    author = AuthorFactory(name=HOSTILE_TEXT[:150], bio=HOSTILE_TEXT, slug="كاتب-خبيث")
    article = ArticleFactory(
        title=HOSTILE_TEXT,
        deck=HOSTILE_TEXT,
        agency=HOSTILE_TEXT[:100],
        city=HOSTILE_TEXT[:100],
        image_caption=HOSTILE_TEXT,
        image_alt=HOSTILE_TEXT,
        section=section,
        authors=[author],
        hashtags=["وسم<script>"],
    )
    tag_slug = article.tags.get().slug
    for url in (
        "/",
        article.get_absolute_url(),
        section.get_absolute_url(),
        author.get_absolute_url(),
        reverse("articles:tag", args=[tag_slug]),
        "/search/?q=" + HOSTILE_TEXT,
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert unsafe_bits_in_page(response.content.decode()) == [], url
