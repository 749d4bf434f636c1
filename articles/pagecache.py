"""Whole-page caching for anonymous readers, refreshed exactly when a story changes.

Every public page is the same for every anonymous reader of a language, so it is
rendered once and kept in Django's cache (Redis when REDIS_URL is set), and sent with
Cache-Control so that a CDN or front proxy can keep it too. Views say they are public
pages with ``public_page``; ``PageCacheMiddleware`` serves and stores them.

Precise refresh: each page names the *surfaces* it shows ("home", "section:<slug>",
"article:<id>", ...), from its URL and, while rendering, from what it found (the related
stories, ``also_shows``). Each surface has a generation number in the cache, and a page is
kept with the generations it was rendered from. Publishing or editing a story bumps the
generations of the surfaces that show it (articles.signals); a kept page whose
generations no longer match is rendered afresh, and nothing else is.

Pages with a live part (the article's reactions box) keep the rest with ``kept_render``,
for requests the whole-page cache cannot answer.

Scheduled stories: no event fires when their time comes, so no cached copy outlives the
next scheduled publication time, and max-age is short enough for CDNs.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from functools import lru_cache, wraps
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import timezone, translation
from django.utils.cache import (
    get_max_age,
    patch_cache_control,
    patch_response_headers,
    set_response_etag,
)
from django.utils.http import http_date
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

# Query parameters any public page may read (a list's page, a sitemap's); each page says
# which it reads (``public_page(reads=...)``), and only those make copies of their own.
CACHEABLE_PARAMS = {"page", "p"}
# Part of every kept entry's key: bump it when _Lookup's or _entry_from's shape changes.
ENTRY_FORMAT = 4
GENERATION_PREFIX = "pagegen:"
# How stale a process's memory of the shared generations may be: a change made by another
# app server reaches this one's pages within RECHECK seconds (its own changes at once).
# A hot page is then served from memory with no cache round trip at all; proxies and CDNs
# hold pages far longer (max-age).
RECHECK = 1.0
CSRF_USED = "CSRF_COOKIE_NEEDS_UPDATE"  # set by django.middleware.csrf.get_token()


def _max_age() -> int:
    return settings.NEWSROOM_PAGE_MAX_AGE


def generation_key(surface: str) -> str:
    """The cache key of ``surface``'s generation, which ``bump`` renews: whatever is built
    from a surface (a page, the search's vocabulary) keeps the generation it was built at
    and is built again once it differs."""
    # Hashed: surfaces carry Arabic slugs, and cache keys are best kept ASCII.
    return GENERATION_PREFIX + hashlib.blake2s(surface.encode(), digest_size=12).hexdigest()


def bump(surfaces: Iterable[str]) -> None:
    """Mark the given surfaces changed: pages showing them are rendered afresh."""
    stamp = time.time_ns()
    keys = {generation_key(s): stamp for s in set(surfaces)}
    if not keys:
        return
    try:
        cache.set_many(keys, timeout=None)
        cache.delete(NEXT_SCHEDULED_KEY)
    except Exception:  # a cache that is down holds no stale pages either
        logger.warning("page cache unavailable; could not mark %s changed", list(keys))
    # This process sees its own change at once; others within RECHECK seconds.
    recheck_remembered()


def recheck_remembered() -> None:
    """Check every page this process remembers against the shared cache again on its
    next request: after a change made here, or the cache emptied."""
    _also_shown_checked.clear()
    _recent.forget_checks()


NEXT_SCHEDULED_KEY = "pagecache:next-scheduled"


def _seconds_until_next_scheduled() -> int | None:
    """Seconds until the next scheduled story goes public (None: nothing scheduled).

    Remembered between renders; any change to a story forgets it (see bump).
    """
    from articles.models import Article

    now = timezone.now()
    upcoming = cache.get(NEXT_SCHEDULED_KEY)
    if upcoming is None or (upcoming and upcoming <= now):
        upcoming = (
            Article.objects.filter(status=Article.Status.PUBLISHED, publish_at__gt=now)
            .order_by("publish_at")
            .values_list("publish_at", flat=True)
            .first()
        ) or False
        cache.set(NEXT_SCHEDULED_KEY, upcoming, timeout=settings.NEWSROOM_PAGE_CACHE_TIMEOUT)
    if not upcoming:
        return None
    return max(1, int((upcoming - now).total_seconds()))


def page_timeout() -> int:
    """How long Django keeps a public page: never past the next scheduled story's time."""
    try:
        until_next = _seconds_until_next_scheduled()
    except Exception:
        until_next = _max_age()
    return min(settings.NEWSROOM_PAGE_CACHE_TIMEOUT, until_next or 10**9)


def _is_cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    # Staff carry a session cookie; their pages (previews, toolbars) are never shared.
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return set(request.GET) <= CACHEABLE_PARAMS


def _page_key(request: HttpRequest, language: str | None = None) -> str:
    # The host too: pages name their own address (canonical links, feeds).
    language = language or get_language() or ""
    raw = f"{language}|{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return hashlib.sha256(raw.encode()).hexdigest()


def _page_language(request: HttpRequest) -> str:
    """The language a public page is in: its URL's (Arabic without a prefix)."""
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def _page_kind(request: HttpRequest) -> str:
    # Gzipped and plain copies are kept apart (GZipMiddleware runs inside).
    accepts_gzip = re_accepts_gzip.search(request.headers.get("Accept-Encoding", ""))
    return "page-gzip" if accepts_gzip else "page"


def _entry_key(kind: str, request: HttpRequest, language: str | None = None) -> str:
    return f"{kind}:{ENTRY_FORMAT}:{release()}:{_page_key(request, language)}"


def remembered_page(request: HttpRequest) -> dict | None:
    """The kept page this process found current for this request less than RECHECK
    seconds ago, or None: what newsroom.remembered_pages answers in front of Django. The
    same key and the same checks as the middleware's hits from memory (_Lookup)."""
    if not _is_cacheable_request(request):
        return None
    try:
        key = _entry_key(_page_kind(request), request, _page_language(request))
    except DisallowedHost:
        return None  # Django answers it with a 400
    recent, current = _remembered(key)
    return recent[2] if current else None


def _remembered(key: str) -> tuple[tuple | None, bool]:
    """The entry this process remembers under ``key`` (None past its timeout, as the
    cache's copy is), and whether it may be served as it is: found current in the shared
    cache less than RECHECK seconds ago, the surfaces found while rendering too."""
    recent, checked_lately = _recent.get(key)
    if recent is None or recent[3] <= time.time():
        return None, False
    return recent, checked_lately and _unchanged(recent[1])


RELEASE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".css", ".js", ".svg", ".po", ".json"}


def release() -> str:
    """The code that renders pages, as part of every kept page's key: a page one release
    rendered is never served by another (new templates, styles or wording show at once
    after a deploy, not when the old pages time out).

    ``settings.NEWSROOM_RELEASE`` when the deploy names its release; otherwise a digest of
    the project's own templates, code, static files and translations, the same on every
    machine that runs the same files.
    """
    return settings.NEWSROOM_RELEASE or _source_release()


@lru_cache(maxsize=1)
def _source_release() -> str:
    return source_digest(Path(settings.BASE_DIR), _release_sources())


def _release_sources() -> list[Path]:
    from django.apps import apps

    base = Path(settings.BASE_DIR)
    roots = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    roots += [Path(d[1] if isinstance(d, tuple) else d) for d in settings.STATICFILES_DIRS]
    roots += [Path(d) for d in settings.LOCALE_PATHS]
    roots += [
        Path(app.path)
        for app in apps.get_app_configs()  # the project's own apps, not installed packages
        if Path(app.path).is_relative_to(base) and "site-packages" not in Path(app.path).parts
    ]
    roots.append(Path(import_module(settings.ROOT_URLCONF).__file__).parent)  # the project's
    return sorted(set(roots))


def source_digest(base: Path, roots: list[Path]) -> str:
    """A digest of the files under ``roots`` that shape pages, named relative to ``base``."""
    files = {
        path
        for root in roots
        for path in root.rglob("*")
        if path.suffix in RELEASE_SUFFIXES and "__pycache__" not in path.parts and path.is_file()
    }
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(files):
        name = path.relative_to(base) if path.is_relative_to(base) else path.name
        digest.update(f"{name}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def article_surfaces(article) -> set[str]:
    """Every surface on which ``article`` appears (its page, lists, feeds, sitemaps)."""
    surfaces = {f"article:{article.pk}", "home", "sitemaps"}
    if article.section_id:
        from articles.models import Section

        slug = Section.objects.filter(pk=article.section_id).values_list("slug", flat=True)
        surfaces |= {f"section:{s}" for s in slug}
    if article.pk:
        surfaces |= {f"tag:{s}" for s in article.tags.values_list("slug", flat=True)}
        surfaces |= {f"author:{s}" for s in article.authors.values_list("slug", flat=True)}
    return surfaces


def stories_surfaces(ids: Iterable[int]) -> set[str]:
    """article_surfaces of many saved stories at once, in three queries (a hashtag merge
    moves thousands): those of the stories that are public or scheduled."""
    from articles.models import Article

    published = Article.objects.filter(pk__in=list(ids), status=Article.Status.PUBLISHED)
    rows = list(published.values_list("pk", "section__slug"))
    if not rows:
        return set()
    tags = published.values_list("taggedarticle__tag__slug", flat=True).distinct()
    authors = published.values_list("authors__slug", flat=True).distinct()
    return {
        "home",
        "sitemaps",
        *(f"article:{pk}" for pk, _section in rows),
        *(f"section:{section}" for _pk, section in rows if section),
        *(f"tag:{slug}" for slug in tags if slug),
        *(f"author:{slug}" for slug in authors if slug),
    }


def _reads_all_params(request: HttpRequest) -> bool:
    """Whether the page reads every query parameter the request has: one it ignores
    (``/news/1/…/?page=7``) would keep a copy of the same page per value."""
    return set(request.GET) <= getattr(request, "page_params", frozenset())


def public_page(surfaces: Callable[..., list[str]], *, reads: Iterable[str] = ()):
    """Mark a public view as cacheable; ``surfaces(**view_kwargs)`` names what it shows,
    ``reads`` the query parameters it reads (of CACHEABLE_PARAMS).

    The view sets the caching headers and says how long its page may be kept;
    PageCacheMiddleware, early in the middleware stack, serves and stores the pages.
    Every page also shows the site's navigation (the "nav" surface).
    """
    params = frozenset(reads)
    if not params <= CACHEABLE_PARAMS:
        raise ValueError(f"not a cacheable query parameter: {params - CACHEABLE_PARAMS}")

    def decorator(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            request.page_params = params
            response = view(request, *args, **kwargs)
            if not _is_cacheable_request(request):
                patch_cache_control(response, private=True, no_cache=True)
                return response
            if response.status_code != 200 or response.streaming:
                return response
            max_age = _max_age()
            timeout = page_timeout()
            patch_response_headers(response, cache_timeout=min(max_age, timeout))
            patch_cache_control(
                response,
                public=True,
                s_maxage=min(max_age, timeout),
                stale_while_revalidate=settings.NEWSROOM_PAGE_STALE_WHILE_REVALIDATE,
            )
            response.headers.setdefault("Last-Modified", http_date())
            if _reads_all_params(request):
                response.page_cache_timeout = timeout
            return response

        wrapper.page_surfaces = lambda **kwargs: ["nav", *surfaces(**kwargs)]
        return wrapper

    return decorator


class PageCacheMiddleware:
    """Serve and store whole public pages, before sessions, CSRF and the rest run.

    A page is kept under its URL and language together with the generations of its
    surfaces when it was rendered. One cache round trip fetches the page and the current
    generations; the page is served only if they still match, so a page rendered before a
    change is not served after it, whichever process stored it (a page this process
    remembers: within RECHECK seconds of another server's change). A hit runs no query
    and passes back only through the middleware above this one (ConditionalGet): the
    security headers and CSP the page was rendered with are kept with it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        lookup = None
        if _is_cacheable_request(request):
            # The URL decides the language; resolving needs it active (i18n prefixes).
            translation.activate(_page_language(request))
            lookup = _lookup(_page_kind(request), request)
        if lookup is not None and lookup.entry is not None:
            return _response_from(lookup.entry)
        response = self.get_response(request)
        timeout = getattr(response, "page_cache_timeout", None)
        if lookup is not None and timeout and _is_storable(response):
            if not response.has_header("ETag"):
                set_response_etag(response)  # once, here, rather than on every hit
            lookup.store(_entry_from(response), timeout, request)
            response["X-Page-Cache"] = "miss"
        return response


def kept_render(
    request: HttpRequest, render: Callable[[], dict | None], *, version: int
) -> dict | None:
    """``render()``'s result for this public page, kept like whole pages are.

    For pages with a live part, rendered on every request even when the whole page cannot
    come from the cache (a signed-in editor, a query string): the view keeps the rest
    here, under the same surfaces' generations as the page, so it is refreshed exactly
    when the page would be. ``None`` is not kept. Bump ``version`` whenever the shape of
    the value changes, so that a new release never reads what an older one kept.
    """
    # Query strings the page does not read would each keep a copy: render those afresh.
    lookup = _lookup(f"kept{version}", request) if _reads_all_params(request) else None
    if lookup is not None and lookup.entry is not None:
        also_shows(request, lookup.also_shown)  # for the whole page, if it is stored
        return lookup.entry
    value = render()
    # A render that asked for a CSRF token holds this reader's token: never share it.
    if lookup is not None and value is not None and not request.META.get(CSRF_USED):
        lookup.store(value, page_timeout(), request)
    return value


def also_shows(request: HttpRequest, surfaces: Iterable[str]) -> None:
    """While rendering: this page also shows ``surfaces`` (say, the related stories).

    Found only by rendering, so they are stored with the page and checked on a hit in a
    second cache round trip (at most once a second per process, see _unchanged): a
    change to any of them refreshes the page, as a change to the surfaces its URL names does.
    """
    request.page_also_shows = getattr(request, "page_also_shows", set()) | set(surfaces)


@lru_cache(maxsize=4096)
def _page_view(urlconf: str | None, language: str | None, path: str) -> tuple | None:
    """The public page view at ``path``: its surfaces function and URL kwargs, or None.

    Remembered per process: on a hit, resolving the URL was a tenth of the work. The
    answer depends only on the URL patterns and, through the language prefix, on the
    active language; bounded, so that made-up URLs cannot grow it without end.
    """
    try:
        return _public_view(resolve(path, urlconf))
    except Resolver404:
        return None


def _public_view(match) -> tuple | None:
    surfaces = getattr(match.func, "page_surfaces", None)
    return None if surfaces is None else (surfaces, match.kwargs)


def _lookup(kind: str, request: HttpRequest) -> _Lookup | None:
    if request.resolver_match is not None:
        view = _public_view(request.resolver_match)
    else:
        urlconf = get_urlconf() or settings.ROOT_URLCONF
        view = _page_view(urlconf, get_language(), request.path_info)
    if view is None:
        return None
    surfaces, kwargs = view
    try:
        key = _entry_key(kind, request)
    except DisallowedHost:
        return None  # answered with a 400 further in
    try:
        return _Lookup(key, surfaces(**kwargs))
    except Exception:
        logger.warning("page cache unavailable; rendering %s", request.path)
        return None


def _is_storable(response: HttpResponse) -> bool:
    # A page that sets a cookie belongs to one reader: never share it.
    return response.status_code == 200 and not response.streaming and not response.cookies


class _Lookup:
    """A kept entry and the current generations of the surfaces it depends on.

    ``entry`` is the kept value if every surface it was rendered from is unchanged since:
    those its URL names (read with the entry, in one round trip) and those it declared
    while rendering (``also_shows``; a second round trip, only for entries that have them).

    Each process also remembers the entries it served last (``_recent``). One found
    current less than RECHECK seconds ago is served with no round trip at all; after
    that, the round trip reads only the generations, not the page again (a hot page is
    28 KB to read and unpickle). A remembered entry is never served past its timeout, nor
    after this process's own change (``bump``); another server's, within RECHECK.
    """

    def __init__(self, key: str, surfaces: list[str]):
        self.key = key
        self.started = time.time_ns()
        self.entry, self.also_shown = None, {}
        recent, current = _remembered(key)
        if current:
            # Checked against the shared generations less than RECHECK seconds ago.
            self.generations, self.also_shown, self.entry = recent[0], recent[1], recent[2]
            return
        generation_keys = [generation_key(s) for s in surfaces]
        found = cache.get_many(generation_keys if recent else [key, *generation_keys])
        self.generations = _started(generation_keys, found, self.started)
        if recent is None:
            kept = found.get(key)
        elif recent[0] == self.generations:
            kept = recent
        else:  # changed since: another process may have kept the new copy already
            kept = cache.get(key)
        if kept and kept[0] == self.generations and kept[3] > time.time() and _unchanged(kept[1]):
            self.also_shown, self.entry = kept[1], kept[2]
            _recent.put(key, kept)

    def store(self, value, timeout: int, request: HttpRequest) -> None:
        surfaces = sorted(getattr(request, "page_also_shows", ()))
        try:
            keys = [generation_key(s) for s in surfaces]
            generations = _started(keys, cache.get_many(keys), self.started)
            if any(g > self.started for g in generations):
                return  # changed while this page was being rendered: it may show the old
            also_shown = dict(zip(surfaces, generations, strict=True))
            kept = (self.generations, also_shown, value, time.time() + timeout)
            cache.set(self.key, kept, timeout)
            _recent.put(self.key, kept)
        except Exception:
            logger.warning("page cache unavailable; not storing %s", self.key)


class _RecentEntries:
    """The last ``size`` entries this process found current in the shared cache, the most
    recent last (an LRU), each with when it was found so."""

    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict[str, tuple[tuple, float]] = OrderedDict()
        self._stale_before = 0.0  # entries found current before this are checked again
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[tuple | None, bool]:
        """The entry remembered under ``key`` (or None), and whether it was found current
        less than RECHECK seconds ago and since the last ``forget_checks``."""
        with self._lock:
            kept, checked = self._entries.get(key, (None, 0.0))
            stale_before = self._stale_before
        return kept, checked > stale_before and time.monotonic() - checked < RECHECK

    def put(self, key: str, kept: tuple) -> None:
        """Remember ``kept``, just found (or made) current."""
        with self._lock:
            self._entries[key] = (kept, time.monotonic())
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def forget_checks(self) -> None:
        """Check every entry against the shared cache again before serving it."""
        with self._lock:
            self._stale_before = time.monotonic()


# About 30 KB each: a few MB per process, for the pages read most.
_recent = _RecentEntries(size=256)


def _started(keys: list[str], found: dict, stamp: int) -> tuple[int, ...]:
    """The generations of ``keys`` from ``found``, starting those not there at ``stamp``.

    A missing generation was never bumped, or was evicted: starting it now means no page
    kept from before an eviction can match it again.
    """
    missing = [k for k in keys if k not in found]
    if missing:
        for key in missing:
            cache.add(key, stamp, timeout=None)
        found = {**found, **cache.get_many(missing)}
    return tuple(found.get(k, 0) for k in keys)


# Surfaces found only by rendering (related stories) are checked at most once every
# RECHECK seconds per process and entry, whole pages or not: a story pulled elsewhere
# leaves other pages' related lists within RECHECK (this process forgets at once).
_also_shown_checked: dict[tuple, float] = {}


def _unchanged(also_shown: dict[str, int]) -> bool:
    if not also_shown:
        return True
    memo = tuple(sorted(also_shown.items()))
    now = time.monotonic()
    if now - _also_shown_checked.get(memo, -RECHECK) < RECHECK:
        return True
    keys = {surface: generation_key(surface) for surface in also_shown}
    found = cache.get_many(list(keys.values()))
    unchanged = all(found.get(keys[s]) == generation for s, generation in also_shown.items())
    if unchanged:
        if len(_also_shown_checked) > 10_000:
            _also_shown_checked.clear()
        _also_shown_checked[memo] = now
    return unchanged


def _entry_from(response: HttpResponse) -> dict:
    return {
        "status": response.status_code,
        # Expires is written afresh on every hit: a copy served later than max-age after
        # it was rendered is still current (its generations say so), and an Expires in
        # the past would stop proxies and CDNs from keeping it at all.
        "headers": [(k, v) for k, v in response.headers.items() if k != "Expires"],
        "max_age": get_max_age(response),
        "content": response.content,
    }


def hit_headers(entry: dict) -> list[tuple[str, str]]:
    """The headers a kept page is served with: those it was kept with, a fresh Expires."""
    headers = list(entry["headers"])
    if entry["max_age"] is not None:
        headers.append(("Expires", http_date(time.time() + entry["max_age"])))
    headers.append(("X-Page-Cache", "hit"))
    return headers


def _response_from(entry: dict) -> HttpResponse:
    return HttpResponse(entry["content"], status=entry["status"], headers=hit_headers(entry))
