"""Site-wide middleware."""

import logging

from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import get_script_prefix

logger = logging.getLogger(__name__)


class LanguageInUrlVaryMiddleware:
    """Drop ``Vary: Accept-Language`` where the URL alone decides the language.

    With ``prefix_default_language=False``, LocaleMiddleware cannot tell that an
    unprefixed URL is Arabic by design, so it marks every Arabic page as varying with
    Accept-Language. Proxies and CDNs would then keep one copy per browser language
    header for pages that are identical. Listed before LocaleMiddleware, so that this
    runs after it on the way out.
    """

    # Paths outside i18n_patterns, whose answers may follow the browser's language.
    language_negotiated = ("reactions/",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        path = request.path_info.removeprefix(get_script_prefix().rstrip("/")).lstrip("/")
        if response.has_header("Vary") and not path.startswith(self.language_negotiated):
            kept = [
                v.strip()
                for v in response["Vary"].split(",")
                if v.strip().lower() != "accept-language"
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response


class DatabaseUnavailableMiddleware:
    """Answer 503 quickly, in Arabic, while PostgreSQL is unreachable.

    Without this a restart of the database server shows readers Django's generic 500.
    Nothing is half-written: every write runs in a transaction, which the failed
    connection rolls back. Django's connection health checks reconnect by themselves
    once the server is back, so no worker has to be restarted.
    """

    retry_after = "5"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import InterfaceError, OperationalError

        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("database unavailable: %s", exception.__class__.__name__)
        if request.path_info.startswith("/reactions/") or "json" in request.headers.get(
            "Accept", ""
        ):
            response = JsonResponse(
                {
                    "error": "unavailable",
                    "message": "الخدمة غير متاحة مؤقتًا. حاول مجددًا بعد لحظات.",
                    "message_en": "The service is briefly unavailable. Try again in a moment.",
                },
                status=503,
                json_dumps_params={"ensure_ascii": False},
            )
        else:
            response = HttpResponse(
                render_to_string("503.html"), status=503, content_type="text/html; charset=utf-8"
            )
        response["Retry-After"] = self.retry_after
        response["Cache-Control"] = "no-store"
        return response
