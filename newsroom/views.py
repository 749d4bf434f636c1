"""The project's own views, which belong to no app."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.views import i18n


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language, reading ``next`` in the language its own URL is in.

    set_language translates ``next`` by resolving it in the active language, and here,
    outside i18n_patterns, that is always Arabic (an unprefixed URL is LANGUAGE_CODE).
    An /en/ address would not resolve, so the switch from English back to Arabic would
    land on the English page again (Django ticket #28567, fix proposed but not released).
    """
    next_url = request.POST.get("next", request.GET.get("next")) or ""
    language = translation.get_language_from_path(urlsplit(next_url).path)
    with translation.override(language or settings.LANGUAGE_CODE):
        return i18n.set_language(request)
