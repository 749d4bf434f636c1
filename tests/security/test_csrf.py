"""Every view checks Django's CSRF token, except a short list, each exempt for a reason."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# URL name: why posting to it without a token is safe.
EXEMPT = {
    # Cached article pages carry no token; the endpoint refuses cross-site posts by their
    # Origin and Sec-Fetch-Site headers instead (reactions/views.py).
    "reactions:react": "same-origin check instead of a token",
    # Posted from cached pages too; it only sets the language cookie and redirects on
    # this site, and the URL alone decides a page's language (newsroom/urls.py).
    "set-language": "a forged post changes nothing a reader sees",
}


def all_views(resolver=None, namespace=""):
    """(namespaced URL name, view) for every URL of the site."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from all_views(pattern, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name or pattern.pattern}", pattern.callback


def test_only_the_listed_views_are_exempt_from_csrf():
    exempt = {name for name, view in all_views() if getattr(view, "csrf_exempt", False)}
    assert exempt == set(EXEMPT)


def test_language_switch_works_without_a_token():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"next": "/", "language": "en"})
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert response.cookies["django_language"].value == "en"


def test_other_posts_without_a_token_are_refused(editor):
    client = Client(enforce_csrf_checks=True)
    login = {"username": "editor", "password": "pw-for-tests-only"}
    assert client.post("/admin/login/", login).status_code == 403
    assert client.post("/en/admin/login/", login).status_code == 403
    client.force_login(editor)
    assert client.post("/admin/articles/article/add/", {"title": "x"}).status_code == 403
    assert client.post("/admin/logout/").status_code == 403


def test_the_story_forms_token_is_given_to_its_writer_only_and_works(editor):
    """What the story form's script asks before sending it (articles/admin/save_guard.js):
    the token as it stands, never kept by a cache; to a visitor signed out, the login page."""
    from articles.models import Article
    from tests.articles.test_admin_roles import form_data
    from tests.factories import SectionFactory

    url = "/admin/articles/article/session/"
    client = Client(enforce_csrf_checks=True)
    signed_out = client.get(url)
    assert signed_out.status_code == 302
    assert signed_out["Location"].startswith("/admin/login/")

    client.force_login(editor)
    answer = client.get(url, headers={"accept": "application/json"})
    assert answer.status_code == 200
    assert "no-store" in answer["Cache-Control"] and "private" in answer["Cache-Control"]
    token = answer.json()["csrf_token"]
    data = form_data(SectionFactory(), csrfmiddlewaretoken=token)
    assert client.post("/admin/articles/article/add/", data).status_code == 302
    assert Article.objects.filter(title=data["title"]).exists()


@pytest.mark.parametrize("url", ["/admin/login/", "/en/admin/login/", "/admin/taggit/tag/add/"])
def test_a_refused_form_says_in_plain_words_that_nothing_was_saved(editor, url):
    """Django's page spoke of «كعكة CSRF» and told readers to set «DEBUG=True»."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(url, {"username": "editor", "name": "وسم"})
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "انتهت صلاحية هذه الصفحة" in html
    assert "فلم يُحفظ شيء" in html and "so nothing was saved" in html
    assert "CSRF" not in html and "DEBUG" not in html
