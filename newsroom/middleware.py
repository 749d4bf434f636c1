"""Site-wide middleware."""

from django.urls import get_script_prefix


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
