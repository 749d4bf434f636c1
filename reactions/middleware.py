"""The reaction box's script requests, answered ahead of the page middleware.

Every story page's script asks ``/reactions/<id>/`` for the live counts, and every tap
posts there: under breaking-news load this is the busiest dynamic address of the site.
Those requests need none of what the page middleware does for pages (page cache, gzip,
sessions, language negotiation, CSRF tokens, messages, login lockouts), and passing
through it is about a sixth of a tap's Python. So the script's requests of anonymous
readers go straight to the view from here, listed after the security headers' and the
NUL-byte refusal's middleware.

Everything else takes the usual road: a browser without script (it asks for HTML and is
answered with pages that need the language and the templates' context) and a signed-in
reader (whose reactions are keyed by their account, read from the session).
"""

from __future__ import annotations

from django.conf import settings
from django.template.response import SimpleTemplateResponse
from django.urls import Resolver404, resolve

from newsroom.middleware import DatabaseUnavailableMiddleware
from reactions import views

API_PREFIX = "/reactions/"


class ReactionsApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.database_unavailable = DatabaseUnavailableMiddleware(get_response)

    def __call__(self, request):
        if not self._for_script(request):
            return self.get_response(request)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)  # a slash to append, or the 404 page
        if match.func is not views.reactions:
            return self.get_response(request)
        request.get_host()  # a host not in ALLOWED_HOSTS is refused, as CommonMiddleware does
        try:
            response = match.func(request, *match.args, **match.kwargs)
            # A form post without an Accept header is still answered with a page.
            if isinstance(response, SimpleTemplateResponse):
                response.render()
        except Exception as exception:
            response = self.database_unavailable.process_exception(request, exception)
            if response is None:
                raise
        return response

    @staticmethod
    def _for_script(request) -> bool:
        return (
            request.path_info.startswith(API_PREFIX)
            and not views.may_want_html(request)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )
