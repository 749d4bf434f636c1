"""Site-wide security plumbing: the admin's CSP, NUL-byte refusal, the login throttle's store.

The policies themselves live in settings (SECURE_CSP, NEWSROOM_ADMIN_CSP, AXES_*).
"""

from __future__ import annotations

import logging

from axes.backends import AxesStandaloneBackend
from axes.handlers.cache import AxesCacheHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class AdminContentSecurityPolicyMiddleware:
    """Give admin pages NEWSROOM_ADMIN_CSP instead of SECURE_CSP.

    The prose editor sets style attributes and adds a <style> element from script, which
    only 'unsafe-inline' in style-src allows; public pages keep the strict policy. Must
    sit below ContentSecurityPolicyMiddleware, which reads the choice made here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is not None and "admin" in match.namespaces:
            response._csp_config = settings.NEWSROOM_ADMIN_CSP
        return response


class RejectNullBytesMiddleware:
    """Answer 400 to a NUL byte in the path or the query string.

    PostgreSQL cannot hold NUL in text, so such a value reaching a query raises instead of
    matching nothing; no legitimate link carries one. (Form fields refuse NUL themselves.)
    Runs before LocaleMiddleware, so the answer's language is read from the path here:
    English under /en/, as every other page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or "\x00" in value
            for key, values in request.GET.lists()
            for value in values
        ):
            language = translation.get_language_from_path(request.path_info)
            with translation.override(language or settings.LANGUAGE_CODE):
                message = _("الرابط يحوي محرفًا غير مسموح به (NUL).")
            response = HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
            response["Content-Language"] = language or settings.LANGUAGE_CODE
            return response
        return self.get_response(request)


class FailOpenAxesCacheHandler(AxesCacheHandler):
    """django-axes' cache handler that lets logins through while the cache is down.

    Refusing every editor during a Redis outage would be worse than a short window with
    only password hashing slowing a guesser; each such moment is logged.
    """

    def get_failures(self, request, credentials=None) -> int:
        try:
            return super().get_failures(request, credentials)
        except Exception:
            logger.warning("Login throttle cache unavailable; not counting failures.")
            return 0

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        try:
            super().user_login_failed(sender, credentials, request, **kwargs)
        except Exception:
            logger.warning("Login throttle cache unavailable; failure not recorded.")

    def user_logged_in(self, sender, request, user, **kwargs):
        try:
            super().user_logged_in(sender, request, user, **kwargs)
        except Exception:
            logger.warning("Login throttle cache unavailable; failures not reset.")


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' gatekeeper, for logins that come with a request.

    Every login form passes its request; code calling ``authenticate()`` without one
    (a management command, the test client's ``login()``) is no remote guesser and has no
    address to count, so it is let through to the next backend instead of crashing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """The Arabic page a locked-out login gets (AXES_LOCKOUT_CALLABLE): 429, Retry-After."""
    cool_off = get_cool_off(request)
    minutes = max(1, int(cool_off.total_seconds() // 60)) if cool_off else None
    response = TemplateResponse(
        request,
        "admin/locked_out.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response.render()
