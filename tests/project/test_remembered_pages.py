"""newsroom.wsgi's front: the pages an app process remembers, answered before Django's
request handling, with the very bytes Django would send, and nothing else."""

from urllib.parse import unquote_to_bytes
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from articles import pagecache
from newsroom import wsgi
from newsroom.remembered_pages import RememberedPages
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


class CountingDjango:
    """Django's WSGI application, counting the requests that reach it. Made at the first
    request, so that its middleware reads the settings as the test left them."""

    def __init__(self):
        self.calls, self.handler = 0, None

    def __call__(self, environ, start_response):
        self.calls += 1
        self.handler = self.handler or WSGIHandler()
        return self.handler(environ, start_response)


@pytest.fixture
def django_app():
    # As Django's test client does: the request signals would close the connection that
    # holds this test's transaction.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield CountingDjango()
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def front(django_app):
    return RememberedPages(django_app)


def call(app, url, method="GET", scheme="http", **headers):
    """``url`` requested of the WSGI ``app`` as gunicorn would hand it over."""
    path, _, query = url.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        # WSGI's PATH_INFO: the URL's bytes, decoded as Latin-1 (PEP 3333).
        "PATH_INFO": unquote_to_bytes(path).decode("latin-1"),
        "QUERY_STRING": query,
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": scheme,
    }
    environ.update({"HTTP_" + name.upper(): value for name, value in headers.items()})
    setup_testing_defaults(environ)
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"], answer["headers"] = status, response_headers

    body = app(environ, start_response)
    try:
        content = b"".join(body)
    finally:
        getattr(body, "close", lambda: None)()
    return answer["status"], dict(answer["headers"]), content


def remembered(front, url, **call_kwargs):
    """A public page rendered once through the front: kept, and remembered by this
    process (the headers it was sent with)."""
    return call(front, url, **call_kwargs)[1]


def without_times(headers):
    return {name: value for name, value in headers.items() if name not in ("Date", "Expires")}


def test_a_page_read_again_is_answered_in_front_of_django_with_the_same_bytes(front, django_app):
    url = ArticleFactory(title="قمة الساحل تختتم أعمالها").get_absolute_url()
    status, headers, content = call(front, url)  # rendered, kept, remembered
    assert (status, headers["X-Page-Cache"]) == ("200 OK", "miss")
    django_hit = call(django_app, url)  # the page cache middleware's hit, for comparison
    assert django_app.calls == 2

    front_hit = call(front, url)

    assert django_app.calls == 2  # Django never saw it
    assert front_hit[0] == django_hit[0] == "200 OK"
    assert without_times(front_hit[1]) == without_times(django_hit[1])
    assert front_hit[2] == django_hit[2] == content
    assert "قمة الساحل تختتم أعمالها" in content.decode()
    assert front_hit[1]["X-Page-Cache"] == "hit"
    assert "Expires" in front_hit[1] and "Content-Security-Policy" in front_hit[1]


def test_the_compressed_and_the_english_copies_are_kept_apart(front, django_app):
    url = ArticleFactory().get_absolute_url()
    call(front, url)
    call(front, url, accept_encoding="gzip, br")
    calls = django_app.calls

    _, gzipped, body = call(front, url, accept_encoding="gzip, br")
    assert gzipped["Content-Encoding"] == "gzip" and body[:2] == b"\x1f\x8b"
    _, plain, body = call(front, url)
    assert "Content-Encoding" not in plain and body.startswith(b"<!doctype html>")
    assert django_app.calls == calls  # both from memory, each its own copy
    _, english, _ = call(front, "/en" + url)
    assert english["Content-Language"] == "en" and english["X-Page-Cache"] == "miss"
    assert django_app.calls == calls + 1


def test_a_change_made_here_reaches_readers_at_once(front, django_app):
    story = ArticleFactory(title="العنوان الأول")
    url = story.get_absolute_url()
    remembered(front, url)

    story.title = "العنوان بعد التصحيح"
    story.save()  # bumps the story's pages and forgets this process's checks

    _, headers, content = call(front, url)
    assert "العنوان بعد التصحيح" in content.decode()
    assert headers["X-Page-Cache"] == "miss"


def test_a_page_not_checked_lately_goes_to_django_to_be_checked(front, django_app, monkeypatch):
    """Another server's change reaches the shared cache, not this process's memory: after
    RECHECK seconds a remembered page is checked there again, by Django's middleware."""
    url = ArticleFactory().get_absolute_url()
    remembered(front, url)
    monkeypatch.setattr(pagecache, "RECHECK", 0)
    calls = django_app.calls
    call(front, url)
    assert django_app.calls == calls + 1


@pytest.mark.parametrize(
    ("method", "headers", "answer"),
    [
        ("GET", {"if_none_match": "ETAG"}, "304 Not Modified"),
        ("HEAD", {}, "200 OK"),
        ("GET", {"cookie": "sessionid=abc"}, "200 OK"),
        ("GET", {"host": "evil.example"}, "400 Bad Request"),
    ],
    ids=["conditional", "head", "signed-in", "another-host"],
)
def test_what_depends_on_more_than_the_page_is_answered_by_django(
    front, django_app, method, headers, answer
):
    url = ArticleFactory().get_absolute_url()
    kept = remembered(front, url)
    headers = {name: kept["ETag"] if value == "ETAG" else value for name, value in headers.items()}
    calls = django_app.calls

    status, _, _ = call(front, url, method=method, **headers)

    assert django_app.calls == calls + 1
    assert status == answer


def test_a_page_kept_over_https_is_not_served_over_http(front, django_app, settings):
    settings.SECURE_SSL_REDIRECT = True
    url = ArticleFactory().get_absolute_url()
    assert call(front, url, scheme="https")[0] == "200 OK"
    calls = django_app.calls

    status, headers, _ = call(front, url)

    assert django_app.calls == calls + 1
    assert status == "301 Moved Permanently" and headers["Location"].startswith("https://")


def test_a_shared_cache_that_fails_sends_the_page_to_django(front, django_app, monkeypatch):
    """Checking a remembered page's related stories reads the shared cache: when that
    fails, the reader still gets the page, from Django, not an error from the front."""
    url = ArticleFactory().get_absolute_url()
    remembered(front, url)

    def cache_down(also_shown):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(pagecache, "_unchanged", cache_down)
    calls = django_app.calls
    status, _, content = call(front, url)
    assert status == "200 OK" and content.startswith(b"<!doctype html>")
    assert django_app.calls == calls + 1


def test_a_request_django_refuses_is_refused_by_django(front, django_app):
    """More query fields than Django parses: its 400, not an error from the front."""
    url = ArticleFactory().get_absolute_url()
    remembered(front, url)
    status, _, _ = call(front, url + "?" + "&".join(["page=1"] * 1001))
    assert status == "400 Bad Request"


def test_a_query_string_no_page_reads_goes_to_django(front, django_app):
    url = ArticleFactory().get_absolute_url()
    remembered(front, url)
    calls = django_app.calls
    call(front, url + "?utm_source=x")
    assert django_app.calls == calls + 1


def test_the_app_servers_application_is_the_front():
    """gunicorn and the benchmark load newsroom.wsgi:application."""
    assert isinstance(wsgi.application, RememberedPages)
    assert wsgi.application.application is wsgi.django_application
