from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.shortcuts import redirect

# Arabic lives at the root, English under /en/: the language is in the URL, so every
# page is the same for every reader of that language and can be cached as a whole.


def favicon(request):
    return redirect(static_url("img/favicon.svg"), permanent=True)


urlpatterns = [path("favicon.ico", favicon)]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
