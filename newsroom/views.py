"""The project's own views, which belong to no app."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
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
    chosen = request.POST.get(i18n.LANGUAGE_QUERY_PARAMETER)
    if chosen is not None:
        # Django takes any language it has a catalogue for (French, say), not only ours:
        # it would send the reader to /fr/…, which is no page, and name it in the cookie.
        # A language we do not offer leaves the reader where they were.
        request.POST = request.POST.copy()
        request.POST[i18n.LANGUAGE_QUERY_PARAMETER] = supported_language(chosen) or ""
    with translation.override(language or settings.LANGUAGE_CODE):
        return i18n.set_language(request)


def supported_language(code: str) -> str | None:
    """The language of LANGUAGES that ``code`` names ("en-GB" is English), or None."""
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """403 in the reader's language: inside the admin, as an admin page with the way back;
    elsewhere, as the site's own page (Django's default is a bare English heading)."""
    in_admin = request.path.startswith(reverse("admin:index"))
    context = {"title": _("لا تملك صلاحية هذه الصفحة")}
    if in_admin:
        context.update(admin.site.each_context(request))
    template = "admin/403.html" if in_admin else "403.html"
    return TemplateResponse(request, template, context, status=403).render()
