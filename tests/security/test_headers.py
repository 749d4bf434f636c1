"""Security headers: a strict Content-Security-Policy everywhere, relaxed for the admin's
editor styles only; clickjacking, sniffing, referrer and cookie flags."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

CSP = "Content-Security-Policy"
STRICT_DIRECTIVES = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def directives(header: str) -> dict[str, str]:
    parts = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return dict(parts)


@pytest.fixture
def public_urls():
    section = SectionFactory(name="سياسة", slug="سياسة")
    author = AuthorFactory(name="كاتب", slug="كاتب")
    article = ArticleFactory(section=section, authors=[author], hashtags=["المناخ"])
    return [
        "/",
        "/en/",
        article.get_absolute_url(),
        f"/news/{article.pk}/",  # the redirect to the canonical address
        section.get_absolute_url(),
        reverse("articles:tag", args=["المناخ"]),
        author.get_absolute_url(),
        "/search/?q=المناخ",
        "/feeds/rss/",
        "/sitemap.xml",
        "/robots.txt",
        "/section/لا-يوجد/",  # the 404 page
        f"/reactions/{article.pk}/",
    ]


def test_public_pages_have_the_strict_policy_and_no_unsafe_inline(client, public_urls):
    for url in public_urls:
        for attempt in ("first", "cached"):
            response = client.get(url)
            policy = directives(response[CSP])
            for name, value in STRICT_DIRECTIVES.items():
                assert policy[name] == value, (url, attempt, name)
            # No nonce either: a cached page is byte-for-byte the same for every reader.
            assert policy["script-src"] == "'self'", (url, attempt)
            assert policy["style-src"] == "'self'", (url, attempt)
            assert "unsafe" not in response[CSP], (url, attempt)


def test_public_html_has_no_inline_script_or_style(client, public_urls):
    """What the strict policy would block must not be in our own templates either."""
    for url in public_urls:
        response = client.get(url)
        if "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/ld+json"' in tag, (url, tag)
        assert not re.search(r"<style\b", html), url
        assert not re.search(r"\sstyle\s*=", html), url
        assert not re.search(r"\son[a-z]+\s*=", html), url


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/add/",
        "/admin/reactions/reaction/dashboard/",
        "/en/admin/",
    ],
)
def test_admin_pages_allow_inline_styles_and_nonced_scripts_only(client, superuser, url):
    client.force_login(superuser)
    response = client.get(url)
    assert response.status_code == 200
    policy = directives(response[CSP])
    for name, value in STRICT_DIRECTIVES.items():
        assert policy[name] == value, name
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    script_src = policy["script-src"].split()
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    nonces = [s for s in script_src if s.startswith("'nonce-")]
    assert script_src[0] == "'self'" and len(nonces) <= 1


def test_article_editor_importmap_carries_the_requests_nonce(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    nonce = re.search(r"'nonce-([^']+)'", response[CSP]).group(1)
    html = response.content.decode()
    importmap = re.search(r"<script[^>]*type=\"importmap\"[^>]*>", html).group(0)
    assert f'nonce="{nonce}"' in importmap
    # Every inline script of the page is nonced; external ones come from our origin.
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert f'nonce="{nonce}"' in tag or re.search(r'src="/', tag), tag
    # A fresh nonce on every response.
    again = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert re.search(r"'nonce-([^']+)'", again[CSP]).group(1) != nonce


def test_admin_login_page_is_covered_too(client):
    response = client.get("/admin/login/")
    assert directives(response[CSP])["frame-ancestors"] == "'none'"
    assert directives(response[CSP])["style-src"] == "'self' 'unsafe-inline'"


def test_other_security_headers_on_public_pages(client, public_urls):
    response = client.get(public_urls[2])
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.fixture
def https_only(settings):
    """Production's transport settings: https required, HSTS."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True


SECURITY_HEADERS = (
    CSP, "Strict-Transport-Security", "X-Frame-Options", "X-Content-Type-Options",
    "Referrer-Policy", "Cross-Origin-Opener-Policy",
)  # fmt: skip


def test_a_page_from_the_page_cache_carries_every_security_header(https_only):
    """A hit runs no middleware but the conditional GET: the page keeps the headers it
    was rendered with."""
    article = ArticleFactory()
    reader = Client()
    first = reader.get(article.get_absolute_url(), secure=True)
    second = reader.get(article.get_absolute_url(), secure=True)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    for header in SECURITY_HEADERS:
        assert second[header] == first[header], header
    assert second["Strict-Transport-Security"].startswith("max-age=31536000")


def test_what_the_page_cache_holds_is_never_served_over_http_to_another_host_or_with_nul(
    https_only,
):
    article = ArticleFactory()
    reader = Client()
    url = article.get_absolute_url()
    reader.get(url, secure=True)
    assert reader.get(url, secure=True)["X-Page-Cache"] == "hit"
    plain = reader.get(url)
    assert plain.status_code == 301
    assert plain["Location"] == f"https://testserver{url}"
    assert reader.get(url, secure=True, headers={"host": "evil.example"}).status_code == 400
    assert reader.get(url + "?utm_source=a%00", secure=True).status_code == 400
    assert reader.get("/?q=%00", secure=True).status_code == 400


def test_session_and_csrf_cookies_are_http_only(client, superuser, settings):
    response = client.post(
        "/admin/login/", {"username": "root", "password": "pw-for-tests-only", "next": "/admin/"}
    )
    assert response.status_code == 302
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["httponly"]
    assert session["samesite"] == "Lax"
    assert settings.CSRF_COOKIE_HTTPONLY


def test_reader_cookie_is_http_only_same_site_and_scoped_to_the_api(client):
    from reactions.models import ReactionKind

    for slug in ("like", "love"):
        ReactionKind.objects.get_or_create(
            slug=slug, defaults={"emoji": "👍", "label_ar": slug, "label_en": slug}
        )
    article = ArticleFactory()
    response = client.post(
        f"/reactions/{article.pk}/", {"kind": "like"}, headers={"accept": "application/json"}
    )
    assert response.status_code == 200
    cookie = response.cookies["newsroom_reader"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["path"] == "/reactions/"
    # Served over HTTPS, it is Secure as well.
    secure = Client().post(
        f"/reactions/{article.pk}/",
        {"kind": "love"},
        headers={"accept": "application/json"},
        secure=True,
    )
    assert secure.cookies["newsroom_reader"]["secure"]
