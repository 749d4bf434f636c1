"""The header's language switch: a form posting to set_language, which sets the language
cookie and sends the reader to the same page in the other language, on this site only."""

from urllib.parse import quote, urlsplit

import pytest
from django.conf import settings

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SWITCH = "/i18n/setlang/"


def switch(client, next_url: str, language: str, **headers):
    return client.post(SWITCH, {"next": next_url, "language": language}, headers=headers)


def test_switch_is_a_form_that_names_the_page_and_carries_no_token(client):
    article = ArticleFactory()
    url = article.get_absolute_url()
    html = client.get(url).content.decode()
    assert f'<form class="lang-switch" method="post" action="{SWITCH}" aria-label="اللغة">' in html
    assert f'<input type="hidden" name="next" value="{url}">' in html
    assert '<button type="submit" name="language" value="en" lang="en">English</button>' in html
    # A cached page is the same for every reader: no per-reader token in it.
    assert "csrfmiddlewaretoken" not in html
    # Crawlers do not post forms; the other language's page is linked in the head.
    assert f'<link rel="alternate" hreflang="en" href="http://testserver/en{url}">' in html
    assert f'<link rel="alternate" hreflang="ar" href="http://testserver{url}">' in html


def test_reader_switches_a_story_to_english_and_back(client):
    article = ArticleFactory()
    arabic_url = article.get_absolute_url()

    to_english = switch(client, arabic_url, "en")
    assert to_english.status_code == 302
    assert to_english["Location"] == "/en" + arabic_url
    cookie = to_english.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"

    english = client.get(to_english["Location"]).content.decode()
    assert '<html lang="en" dir="ltr"' in english
    assert f'name="next" value="/en{arabic_url}"' in english
    assert 'name="language" value="ar" lang="ar">العربيّة</button>' in english

    to_arabic = switch(client, "/en" + arabic_url, "ar")
    assert to_arabic["Location"] == arabic_url
    assert to_arabic.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    assert '<html lang="ar" dir="rtl"' in client.get(arabic_url).content.decode()


@pytest.mark.parametrize(
    ("next_url", "language", "landing"),
    [
        ("/", "en", "/en/"),
        ("/en/", "ar", "/"),
        # The query string comes along: the same search, the same page of a list.
        (f"/search/?q={quote('المناخ')}&page=2", "en", f"/en/search/?q={quote('المناخ')}&page=2"),
        (f"/en/search/?q={quote('المناخ')}", "ar", f"/search/?q={quote('المناخ')}"),
    ],
)
def test_switch_lands_on_the_same_page_in_the_other_language(client, next_url, language, landing):
    assert switch(client, next_url, language)["Location"] == landing


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/",
        "https://evil.example/en/",
        "/\\evil.example/",
        "javascript:alert(1)",
    ],
)
def test_hostile_next_never_leaves_the_site(client, next_url):
    response = switch(client, next_url, "en", referer="https://evil.example/")
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert (location.scheme, location.netloc) == ("", "")
    assert response["Location"].startswith("/") and not response["Location"].startswith("//")
    assert "evil" not in response["Location"]


def test_unknown_address_switches_to_the_other_home_page(client):
    html = client.get("/no-such-page/").content.decode()
    assert '<input type="hidden" name="next" value="/">' in html
    assert 'rel="alternate" hreflang' not in html


def test_language_cookie_does_not_change_a_page_language(client):
    """The URL decides: a reader who chose English still gets the Arabic page at /."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert '<html lang="ar" dir="rtl"' in client.get("/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    assert '<html lang="en" dir="ltr"' in client.get("/en/").content.decode()


def test_staff_pick_the_admin_language_on_the_login_page(client):
    login = client.get("/admin/login/").content.decode()
    assert f'action="{SWITCH}"' in login
    assert '<input type="hidden" name="next" value="/admin/login/">' in login

    to_english = switch(client, "/admin/login/", "en")
    assert to_english["Location"] == "/en/admin/login/"
    english = client.get(to_english["Location"]).content.decode()
    assert 'dir="ltr"' in english
    assert "Log in" in english


@pytest.mark.parametrize("language", ["fr", "de", "xx", "", "en/../fr"])
def test_a_language_the_site_does_not_offer_keeps_the_reader_on_the_page(client, language):
    """Django has a French catalogue, so its set_language alone would send the reader to
    /fr/…, a 404, and write "fr" in the cookie."""
    article = ArticleFactory()
    for page in (article.get_absolute_url(), "/en" + article.get_absolute_url()):
        response = switch(client, page, language)
        assert response.status_code == 302
        assert response["Location"] == page
        assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
        assert client.get(response["Location"]).status_code == 200


def test_a_regional_variant_switches_to_its_language(client):
    response = switch(client, "/", "en-GB")
    assert response["Location"] == "/en/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
