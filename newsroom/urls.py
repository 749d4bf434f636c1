from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.shortcuts import redirect
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView

from articles.pagecache import public_page
from articles.sitemaps import SITEMAPS, NewsSitemap
from newsroom.views import set_language

crawler_file = public_page(lambda **kwargs: ["sitemaps"], reads=["p"])

# Arabic lives at the root, English under /en/: the language is in the URL, so every
# page is the same for every reader of that language and can be cached as a whole.


def favicon(request):
    return redirect(static_url("img/favicon.svg"), permanent=True)


urlpatterns = [
    path("favicon.ico", favicon),
    # Crawlers' files: one address each, whatever the reader's language.
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots",
    ),
    path(
        "sitemap.xml",
        crawler_file(sitemap_views.index),
        {
            "sitemaps": SITEMAPS,
            "sitemap_url_name": "sitemap-section",
            "template_name": "sitemaps/index.xml",
        },
        name="sitemap",
    ),
    path(
        "sitemap-news.xml",
        crawler_file(sitemap_views.sitemap),
        {"sitemaps": {"news": NewsSitemap}, "template_name": "sitemaps/news.xml"},
        name="sitemap-news",
    ),
    path(
        "sitemap-<str:section>.xml",
        crawler_file(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS, "template_name": "sitemaps/sitemap.xml"},
        name="sitemap-section",
    ),
    # The language switch: sets the language cookie and redirects to the same page in the
    # chosen language, on this host only. Exempt from CSRF by design: public pages are
    # cached whole, the same for every reader, so they carry no token; and a forged post
    # can do no harm, because the URL alone decides a page's language (LocaleMiddleware
    # takes the /en/ prefix, or Arabic without one, never the cookie), so the most it can
    # do is change which language that cookie names.
    path("i18n/setlang/", csrf_exempt(set_language), name="set-language"),
    # The reactions API answers scripts in any language: no language prefix. Before the
    # pages' patterns, so that a tap (the busiest POST) is resolved in a few steps.
    path("reactions/", include("reactions.urls")),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
    prefix_default_language=False,
)

handler403 = "newsroom.views.permission_denied"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
