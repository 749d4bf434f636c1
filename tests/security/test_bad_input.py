"""Malformed input on every public URL answers 2xx/3xx/4xx with a message, never a 500.

Very long values, NUL and other control bytes, invalid UTF-8, right-to-left overrides and
zero-width characters, wrong types, unknown ids and absurd page numbers go into path
segments and query strings of every public page, feed, sitemap and the reactions API.
"""

from urllib.parse import quote, urlencode

import pytest
from django.test import Client

from reactions.models import ReactionKind
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

# (id, value): quoted into paths and query strings as they are.
ODD_VALUES = [
    ("long-arabic", "ا" * 3000),
    ("long-latin", "x" * 20_000),
    ("nul", "\x00"),
    ("nul-inside", "سياسة\x00"),
    ("control-bytes", "\x01\x02\x1b[31m\x7f"),
    ("rtl-override", "\u202eسياسة\u202c"),
    ("zero-width", "سيا\u200bسة\u200d\ufeff"),
    ("bidi-isolates", "\u2066abc\u2069\u061c"),
    ("emoji-zwj", "👩‍👩‍👧‍👦🏳️‍🌈"),
    ("combining-flood", "a" + "\u0301" * 500),
    ("tashkeel-only", "\u064b\u064c\u064d\u0640"),
    ("html", "<script>alert(1)</script>"),
    ("sql", "' OR 1=1; DROP TABLE articles_article; --"),
    ("traversal", "../../../etc/passwd"),
    ("percent", "%"),
    ("format-string", "%(x)s %s {0} {}"),
    ("negative", "-1"),
    ("float", "1.5"),
    ("exponent", "1e309"),
    ("huge-int", "9" * 40),
    ("int64-overflow", "9223372036854775808"),
    ("zero", "0"),
    ("empty", ""),
    ("whitespace", " \t\n"),
    ("unicode-digits", "٣"),
    ("json", '{"kind": ["like"]}'),
]
# Raw bytes that are not UTF-8 at all (percent-encoded as such).
RAW_SEGMENTS = [("invalid-utf8", "%FF%FE"), ("lone-surrogate", "%ED%A0%80"), ("overlong", "%C0%AF")]

ODD_IDS = [value for _, value in ODD_VALUES]
ODD_NAMES = [name for name, _ in ODD_VALUES]


def segment(value: str) -> str:
    return quote(value, safe="")


@pytest.fixture
def site():
    section = SectionFactory(name="سياسة", slug="سياسة")
    author = AuthorFactory(name="كاتب", slug="كاتب")
    article = ArticleFactory(section=section, authors=[author], hashtags=["المناخ"])
    return article


PATH_TEMPLATES = [
    "/section/{}/",
    "/section/{}/rss/",
    "/section/{}/atom/",
    "/tag/{}/",
    "/tag/{}/rss/",
    "/tag/{}/atom/",
    "/author/{}/",
    "/news/{}/",
    "/news/1/{}/",
    "/sitemap-{}.xml",
    "/reactions/{}/",
    "/en/section/{}/",
    "/{}/",
]

QUERY_PAGES = [
    "/",
    "/en/",
    "/section/سياسة/",
    "/tag/المناخ/",
    "/author/كاتب/",
    "/feeds/rss/",
    "/feeds/atom/",
    "/sitemap.xml",
    "/sitemap-news.xml",
    "/sitemap-articles.xml",
    "/robots.txt",
    "/favicon.ico",
]


def assert_answered(response, url):
    assert response.status_code < 500, f"{url} → {response.status_code}"
    if response.status_code >= 400:
        assert response.content.strip(), f"{url}: {response.status_code} without a message"


@pytest.mark.parametrize("template", PATH_TEMPLATES)
def test_odd_path_segments_never_fail(client, site, template):
    for _, value in ODD_VALUES:
        url = template.format(segment(value))
        assert_answered(client.get(url), url)
    for _, raw in RAW_SEGMENTS:
        url = template.format(raw)
        assert_answered(client.get(url), url)


@pytest.mark.parametrize("path", QUERY_PAGES)
@pytest.mark.parametrize("param", ["page", "p"])  # search has its own test below
def test_odd_query_values_never_fail(client, site, path, param):
    for _, value in ODD_VALUES:
        url = f"{path}?{urlencode({param: value})}"
        assert_answered(client.get(url), url)
    for _, raw in RAW_SEGMENTS:
        url = f"{path}?{param}={raw}"
        assert_answered(client.get(url), url)


@pytest.mark.parametrize(("name", "value"), ODD_VALUES, ids=ODD_NAMES)
def test_search_with_odd_parameters_answers(client, site, name, value):
    for params in (
        {"q": value},
        {"q": "المناخ", "section": value},
        {"q": "المناخ", "start": value, "end": value},
        {"q": value, "page": value},
        {value: value},
    ):
        url = "/search/?" + urlencode(params)
        assert_answered(client.get(url), url)


def test_search_repeated_and_huge_parameters(client, site):
    url = "/search/?" + "&".join(["q=ا"] * 500 + ["page=1"] * 100)
    assert_answered(client.get(url), url)
    url = "/search/?q=" + "المناخ+" * 2000
    assert_answered(client.get(url), url)


def test_huge_page_numbers_lead_to_the_last_page(client, site):
    for value in ("99999999", "9" * 40, "last", "-5", "0"):
        response = client.get("/section/سياسة/?page=" + value)
        assert response.status_code == 302, value
        assert client.get(response["Location"]).status_code == 200, value


def test_nul_in_a_query_string_is_a_clear_400(client, site):
    for url in ("/search/?q=%00", "/section/سياسة/?page=1%00", "/?%00=1"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert "NUL" in response.content.decode()


def test_nul_in_a_path_is_a_clear_400(client, site):
    response = client.get("/section/%00/")
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


@pytest.mark.parametrize(
    ("url", "language", "message"),
    [
        ("/section/%00/", "ar", "الرابط يحوي محرفًا غير مسموح به (NUL)."),
        ("/en/section/%00/", "en", "The address contains a character that is not allowed (NUL)."),
        ("/en/search/?q=%00", "en", "The address contains a character that is not allowed (NUL)."),
    ],
)
def test_nul_is_refused_in_the_language_of_the_address(client, url, language, message):
    response = client.get(url)
    assert response.status_code == 400
    assert response.content.decode() == message
    assert response["Content-Language"] == language


@pytest.mark.parametrize(("name", "value"), ODD_VALUES, ids=ODD_NAMES)
def test_reactions_api_refuses_odd_kinds_with_4xx(client, site, name, value):
    ReactionKind.objects.get_or_create(
        slug="like", defaults={"emoji": "👍", "label_ar": "أعجبني", "label_en": "Like"}
    )
    url = f"/reactions/{site.pk}/"
    for response in (
        client.post(url, {"kind": value}, headers={"accept": "application/json"}),
        client.post(url, {"kind": value, "next": value}),
        client.post(url, f'{{"kind": {_json_str(value)}}}', content_type="application/json"),
        client.post(url, value, content_type="application/json"),
        client.post(url, value.encode("utf-8", "surrogatepass"), content_type="text/plain"),
        client.get(url + "?" + urlencode({"kind": value})),
    ):
        assert_answered(response, url)


def _json_str(value: str) -> str:
    import json

    return json.dumps(value)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("[" * 50_000 + "]" * 50_000, "application/json"),
        ('{"kind": ' * 20_000 + "1" + "}" * 20_000, "application/json"),
        (b"\xff\xfe\x00\x00garbage", "application/json"),
        (b'{"kind": "like"}', "application/json; charset=latin-1"),
        ("kind=like&" * 2000, "application/x-www-form-urlencoded"),
        ("--xyz\r\nContent-Disposition: form-data; name=kind\r\n\r\nlike", "multipart/form-data"),
        ("--xyz\r\ngarbage", "multipart/form-data; boundary=xyz"),
        ("kind=%00", "application/x-www-form-urlencoded"),
        ("kind=like", "application/xml"),
        ("", ""),
        ("null", "application/json"),
        ("1e999999", "application/json"),
        ('"like"', "application/json"),
        ('{"kind": null}', "application/json"),
        ('{"kind": {"$ne": 1}}', "application/json"),
        ('{"kind": "like", "next": "javascript:alert(1)"}', "application/json"),
        ('{"kind": "like", "next": "//evil.example/"}', "application/json"),
    ],
    ids=lambda v: str(v)[:24],
)
def test_reactions_api_survives_hostile_bodies(site, body, content_type):
    ReactionKind.objects.get_or_create(
        slug="like", defaults={"emoji": "👍", "label_ar": "أعجبني", "label_en": "Like"}
    )
    client = Client()
    url = f"/reactions/{site.pk}/"
    response = client.post(url, body, content_type=content_type)
    assert_answered(response, url)
    if response.status_code in (302, 303):
        assert response["Location"].startswith("/"), response["Location"]
        assert not response["Location"].startswith("//")


def test_reactions_api_unknown_and_odd_methods(client, site):
    for method in ("put", "patch", "delete", "options"):
        response = getattr(client, method)(f"/reactions/{site.pk}/")
        assert response.status_code in (200, 405), method
    assert client.get("/reactions/999999999/").status_code == 404
    assert client.post("/reactions/999999999/", {"kind": "like"}).status_code == 404
    assert_answered(client.get("/reactions/" + "9" * 40 + "/"), "huge id")


def as_wsgi(text: str) -> str:
    """What a WSGI server puts in the environ for these UTF-8 bytes (latin-1 decoded)."""
    return text.encode().decode("latin-1")


def test_odd_cookies_and_headers_do_not_break_pages(site):
    client = Client(
        headers={
            "accept-language": as_wsgi("\u202e" + "x" * 5000),
            "user-agent": "\x00" * 10,
            "referer": "javascript:alert(1)",
            "x-forwarded-for": "not-an-ip, ::1, 999.1.1.1",
            "origin": "null",
        }
    )
    client.cookies["newsroom_reader"] = as_wsgi("\u202e" * 10)
    client.cookies["sessionid"] = "x" * 5000
    client.cookies["csrftoken"] = "%00"
    for url in ("/", site.get_absolute_url(), f"/reactions/{site.pk}/", "/search/?q=x"):
        assert_answered(client.get(url), url)
    assert_answered(client.post(f"/reactions/{site.pk}/", {"kind": "like"}), "post")


FORM = "application/x-www-form-urlencoded"


@pytest.mark.parametrize(
    ("method", "url", "body", "content_type", "headers"),
    [
        # A form in another charset than UTF-8, which Django refuses to decode.
        ("POST", "/i18n/setlang/", "language=en".encode("utf-16"), f"{FORM}; charset=utf-16", {}),
        ("POST", "/admin/login/", "username=x".encode("utf-16"), f"{FORM}; charset=utf-16", {}),
        # More fields than Django reads.
        ("POST", "/admin/login/", "&".join(f"f{i}=1" for i in range(1500)).encode(), FORM, {}),
        # A host this site does not serve.
        ("GET", "/", b"", FORM, {"host": "news.example.invalid"}),
    ],
    ids=["setlang-utf16", "login-utf16", "too-many-fields", "unknown-host"],
)
def test_a_request_django_cannot_read_gets_a_page_in_arabic_and_english(
    site, method, url, body, content_type, headers
):
    """Django's own answer was «Bad Request (400)», in English only."""
    response = Client().generic(method, url, data=body, content_type=content_type, headers=headers)
    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "لم نفهم هذا الطلب" in html
    assert "Your browser sent a request we could not read." in html
    assert "Bad Request (400)" not in html
