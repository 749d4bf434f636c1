"""The hottest public pages answered from the app server process's memory, in front of
Django's request handling (as WhiteNoise answers static files in front of it).

Under breaking news most requests are for a handful of pages, and each app process keeps
the pages it served last in memory (``articles.pagecache``): a page found current in the
shared cache less than ``RECHECK`` seconds ago is served again with no round trip. Django's
request handling around such a hit (the request and response objects, the request signals,
the conditional GET middleware) was most of its Python: 165-230 µs of CPU a hit on a
2-core EPYC, against about 50 µs answered here. Under gunicorn (4 sync workers, wrk with
32 connections on the benchmark's archive, two sets of six interleaved rounds), the
median went from 2,773 to 3,563 and from 2,481 to 3,372 hits a second.

Only what Django would answer with the very same bytes is answered here: an anonymous GET
(no session cookie) without a conditional or range header, of a page this process kept
and found current within RECHECK seconds, under the key the page cache middleware uses
(language, scheme, host, path and query, compressed or not), computed by the same
functions from the same request object. Everything else goes to Django: a HEAD, a
conditional GET (its 304), another host (refused there with a 400), plain http where https
is required (never kept: it is redirected), a signed-in editor, a page not remembered or
not checked lately, the reactions API and static files.
"""

from __future__ import annotations

from http import HTTPStatus

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest

from articles import pagecache
from reactions.middleware import API_PREFIX

# Requests whose answer depends on more than the page: Django's ConditionalGetMiddleware
# answers them (a 304, or a 412).
CONDITIONAL_HEADERS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
    "HTTP_RANGE",
)


class RememberedPages:
    """WSGI middleware: ``RememberedPages(get_wsgi_application())`` (newsroom/wsgi.py)."""

    def __init__(self, application):
        self.application = application
        # Never pages: the reaction box's counts and taps, static files.
        self.not_pages = (API_PREFIX, settings.STATIC_URL or "/static/")

    def __call__(self, environ, start_response):
        entry = None
        if (
            environ.get("REQUEST_METHOD") == "GET"
            and not environ.get("PATH_INFO", "").startswith(self.not_pages)
            and not any(header in environ for header in CONDITIONAL_HEADERS)
            # A signed-in editor's request, told apart before any parsing: they are never
            # answered from a kept page, and their pages are slower than most.
            and settings.SESSION_COOKIE_NAME not in environ.get("HTTP_COOKIE", "")
        ):
            try:
                # A copy: WSGIRequest rewrites PATH_INFO in the dict it is given, and
                # Django's handler must find it as the server sent it.
                entry = pagecache.remembered_page(WSGIRequest(environ.copy()))
            except Exception:
                # A request Django refuses (more query fields than it parses, say), or a
                # shared cache that fails: Django answers it, with its 400 and its log or
                # with the page rendered, rather than the server's 500.
                entry = None
        if entry is None:
            return self.application(environ, start_response)
        status = HTTPStatus(entry["status"])
        start_response(f"{status.value} {status.phrase}", pagecache.hit_headers(entry))
        return [entry["content"]]
