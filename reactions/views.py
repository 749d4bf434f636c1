"""The reactions endpoint: ``GET`` the counts and the reader's choice, ``POST`` a tap.

Article pages are cached and carry no CSRF token, so this endpoint is exempt from
Django's token check and refuses cross-site posts by their Origin / Sec-Fetch-Site
headers instead; the reader cookie is SameSite=Lax as a second line.
"""

from __future__ import annotations

import json
import logging

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.db import DatabaseError
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
    UnreadablePostError,
)
from django.http.multipartparser import MultiPartParserError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from articles.models import Article
from reactions import ratelimit
from reactions.box import box_context, format_count
from reactions.errors import error_response
from reactions.forms import ReactForm
from reactions.identity import client_ip, current_reader, ip_hash, remember_reader
from reactions.services import (
    ArticleUnavailableError,
    KindRetiredError,
    ReactionConflictError,
    ReactionsClosedError,
    ReactionState,
    TappedArticle,
    reaction_state,
    tap,
    tap_target,
)

logger = logging.getLogger(__name__)

SAFE_FETCH_SITES = {"same-origin", "none"}
# What reading a posted form raises when its body cannot be read as one: too big, too many
# fields, a broken multipart body, a connection cut, or (BadRequest) a form declared in
# another charset than UTF-8, which Django refuses to decode.
UNREADABLE_FORM = (
    RequestDataTooBig,
    SuspiciousOperation,
    MultiPartParserError,
    UnreadablePostError,
    BadRequest,
)


def _published_article(article_id: int) -> Article | None:
    return (
        Article.objects.published()
        .only("pk", "slug", "title", "language", "reactions_closed", "status", "publish_at")
        .filter(pk=article_id)
        .first()
    )


def _state_response(state: ReactionState) -> JsonResponse:
    return JsonResponse({**state.as_json(), "closed": state.closed})


def is_same_origin(request: HttpRequest) -> bool:
    """Whether a POST comes from our own pages (or from no browser page at all).

    Browsers send Origin on every POST and Sec-Fetch-Site on modern ones; a request with
    neither is not a browser acting for a victim, whose cookies are what CSRF abuses.
    """
    origin = request.headers.get("Origin")
    if origin is not None:
        own = f"{request.scheme}://{request.get_host()}"
        return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS
    fetch_site = request.headers.get("Sec-Fetch-Site")
    return fetch_site is None or fetch_site in SAFE_FETCH_SITES


def _parse(request: HttpRequest) -> ReactForm:
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body.decode("utf-8"))
        except RecursionError:  # deeply nested arrays: hostile, not a tap
            raise ValueError("nested too deeply") from None
        if not isinstance(data, dict):
            raise ValueError("not an object")
        return ReactForm(data)
    return ReactForm(request.POST)


def _story_url(
    request: HttpRequest, next_url: str, article: Article | TappedArticle | None = None
) -> str:
    """The story page a reader without script came from: ``next_url`` if it is ours, else
    the article's page ("" if the article is not known)."""
    if next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url.split("#", 1)[0]
    return article.get_absolute_url() if article else ""


def _back_url(
    request: HttpRequest, next_url: str, article: Article | TappedArticle | None = None
) -> str:
    """Where an error page sends a reader without script back to: the story's box."""
    story = _story_url(request, next_url, article)
    return story + "#reactions" if story else ""


def _speak_the_language_of(request: HttpRequest, url: str) -> None:
    """Answer a page in the language of the story it is about: /reactions/ has no language
    prefix of its own, and a reader of /en/... expects English whatever their browser
    asks for."""
    language = translation.get_language_from_path(url) or settings.LANGUAGE_CODE
    translation.activate(language)
    request.LANGUAGE_CODE = language


def may_want_html(request: HttpRequest) -> bool:
    """Whether the Accept header names HTML at all: the box's script asks for JSON only,
    and its requests need no header parsing (a tenth of a tap)."""
    accept = request.headers.get("Accept", "")
    return "html" in accept or "text/*" in accept


def _wants_html(request: HttpRequest) -> bool:
    # A browser without script posts the form and prefers HTML; fetch() asks for JSON.
    if not may_want_html(request):
        return False
    return request.get_preferred_type(["application/json", "text/html"]) == "text/html"


def _form_next(request: HttpRequest) -> str:
    """The form's ``next`` before the form is read, for refusals made without reading it."""
    if request.content_type not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return ""
    try:
        return request.POST.get("next", "")
    except UNREADABLE_FORM:
        return ""


def _result_page(request: HttpRequest, article: Article, reader_key: str | None) -> HttpResponse:
    """Where a reader without script lands after a tap: the box with the counts as they are
    now and their own choice marked, and the way back to the story.

    Not the story page itself: the browser may show its kept copy of that, counts and all.
    """
    story = _story_url(request, request.GET.get("next", ""), article)
    _speak_the_language_of(request, story)
    box = box_context(article_id=article.pk, url=story, closed=article.reactions_closed)
    mine = reaction_state(article=article, reader_key=reader_key, kinds=[]).mine
    status = _("لم تختر تفاعلًا مع هذا المقال.")
    # Tapping one's own choice again takes it back: say so, as the box's script does.
    taken_back = request.GET.get("undone") if mine is None else None
    for kind in box["kinds"]:
        if kind.slug == mine:
            status = _("اخترت: %(label)s. العدد الآن %(count)s.") % {
                "label": kind.display_label,
                "count": format_count(kind.count),
            }
        elif kind.slug == taken_back:
            status = _("سحبت تفاعلك: %(label)s. العدد الآن %(count)s.") % {
                "label": kind.display_label,
                "count": format_count(kind.count),
            }
    context = {
        **box,
        "article": article,
        "story": story,
        "mine": mine,
        "status": status,
        "language_switch_next": story,
    }
    return TemplateResponse(request, "reactions/result.html", context)


@csrf_exempt
@never_cache
def reactions(request: HttpRequest, article_id: int) -> HttpResponse:
    if request.method in ("GET", "HEAD"):
        html = _wants_html(request)
        if html:
            _speak_the_language_of(request, request.GET.get("next", ""))
        article = _published_article(article_id)
        if article is None:
            return error_response(request, "not_found", html=html)
        reader = current_reader(request, create=False)
        if html:
            return _result_page(request, article, reader and reader.key)
        return _state_response(reaction_state(article=article, reader_key=reader and reader.key))
    if request.method == "POST":
        return _post(request, article_id)
    return error_response(request, "method_not_allowed", Allow="GET, HEAD, POST")


def _post(request: HttpRequest, article_id: int) -> HttpResponse:
    html = _wants_html(request)
    if html:
        _speak_the_language_of(request, _form_next(request))
    if not is_same_origin(request):
        return error_response(request, "cross_site", html=html)

    reader = current_reader(request, create=True)
    address_hash = ip_hash(client_ip(request))
    wait = ratelimit.hit(
        [
            ("ip", address_hash, settings.REACTIONS_RATE_LIMIT_IP),
            ("reader", reader.key, settings.REACTIONS_RATE_LIMIT_READER),
        ]
    )
    if wait is not None:
        back = _back_url(request, _form_next(request)) if html else ""
        return error_response(request, "rate_limited", html=html, back=back, retry_after=wait)

    try:
        form = _parse(request)
    except RequestDataTooBig:
        form = None
        refusal = "too_large"
    except (ValueError, *UNREADABLE_FORM):
        form, refusal = None, "malformed"
    if form is None or not form.is_valid():
        # Refused before reading the article: still a 404 if there is none to react to.
        if tap_target(article_id)[0] is None:
            return error_response(request, "not_found", html=html)
        back = _back_url(request, _form_next(request)) if html else ""
        return error_response(
            request, refusal if form is None else "malformed", html=html, back=back
        )
    next_url = form.cleaned_data["next"]
    if next_url and not html:  # a form post that did not say what it accepts
        html = True
        _speak_the_language_of(request, next_url)

    try:
        article, state = tap(
            article_id=article_id,
            kind_slug=form.cleaned_data["kind"],
            reader_key=reader.key,
            user=reader.user,
            ip_hash=address_hash,
        )
    except ArticleUnavailableError:
        return error_response(request, "not_found", html=html)
    except (KindRetiredError, ReactionsClosedError) as refused:
        code = "closed" if isinstance(refused, ReactionsClosedError) else "unknown_kind"
        back = _back_url(request, next_url, refused.article)
        return error_response(request, code, html=html, back=back)
    except (ReactionConflictError, DatabaseError):
        logger.exception("Reaction not recorded on article %s", article_id)
        back = _back_url(request, next_url)  # the connection may be broken: no query
        return error_response(request, "busy", html=html, back=back, retry_after=1)

    if html:
        story = _story_url(request, next_url, article)
        query = {"next": story}
        if state.mine is None:
            query["undone"] = form.cleaned_data["kind"]
        result = reverse("reactions:react", args=[article.pk]) + "?" + urlencode(query)
        response: HttpResponse = HttpResponseRedirect(result)
        response.status_code = 303  # "see other": the browser GETs the result page
    else:
        response = _state_response(state)
    remember_reader(request, response, reader)
    return response
