"""Schema.org data (JSON-LD) for search engines, built as plain dicts.

Templates print these with the ``json_ld`` filter. Every URL is absolute, taken from
the request's scheme and host, so the same code serves any domain behind any proxy.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article

# static/img/logo.png, drawn by `manage.py draw_logo`: the publisher logo search engines show.
LOGO_PATH = "img/logo.png"
LOGO_SIZE = (600, 60)


def w3c_datetime(value: datetime | None) -> str:
    """A W3C/ISO 8601 date-time in the site's time zone, to the second."""
    if value is None:
        return ""
    return timezone.localtime(value).isoformat(timespec="seconds")


def modified_at(article: Article) -> datetime:
    """When the public version last changed: a story scheduled ahead was saved before it
    went out, and must not look modified before it was published."""
    if article.publish_at and article.updated_at:
        return max(article.publish_at, article.updated_at)
    return article.updated_at or article.publish_at


def search_url_template(request: HttpRequest) -> str:
    try:
        path = reverse("articles:search")
    except NoReverseMatch:
        path = "/search/"
    return request.build_absolute_uri(path) + "?q={search_term_string}"


def lead_image(article: Article, request: HttpRequest) -> dict | None:
    if not article.image:
        return None
    image = {"@type": "ImageObject", "url": request.build_absolute_uri(article.image.url)}
    if article.image_width and article.image_height:
        image |= {"width": article.image_width, "height": article.image_height}
    return image


def publisher(request: HttpRequest) -> dict:
    width, height = LOGO_SIZE
    return {
        "@type": "NewsMediaOrganization",
        "name": str(settings.SITE_NAME),
        "url": request.build_absolute_uri(reverse("articles:home")),
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static(LOGO_PATH)),
            "width": width,
            "height": height,
        },
    }


def news_article(article: Article, request: HttpRequest) -> dict:
    """A ``NewsArticle`` for one published story (authors and tags prefetched)."""
    url = request.build_absolute_uri(article.get_absolute_url())
    organisation = publisher(request)
    authors = [
        {
            "@type": "Person",
            "name": author.name,
            "url": request.build_absolute_uri(author.get_absolute_url()),
        }
        for author in article.authors.all()
    ]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title,
        "description": article.deck or article.title,
        "datePublished": w3c_datetime(article.publish_at),
        "dateModified": w3c_datetime(modified_at(article)),
        # An agency story with no byline is credited to the newsroom itself.
        "author": authors or [organisation],
        "publisher": organisation,
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "inLanguage": article.language,
    }
    image = lead_image(article, request)
    if image:
        data["image"] = [image]
    return data


def breadcrumbs(request: HttpRequest, *pages) -> dict:
    """A ``BreadcrumbList`` from the home page through ``pages`` (objects with
    ``get_absolute_url()``; their ``str()`` is the crumb's name)."""
    trail = [(_("الرئيسية"), reverse("articles:home"))]
    trail += [(str(page), page.get_absolute_url()) for page in pages]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": str(name),
                "item": request.build_absolute_uri(path),
            }
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


def website(request: HttpRequest) -> dict:
    """The site itself, with the search box search engines may offer for it."""
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": str(settings.SITE_NAME),
        "url": request.build_absolute_uri(reverse("articles:home")),
        "inLanguage": settings.LANGUAGE_CODE,
        "publisher": publisher(request),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": search_url_template(request)},
            "query-input": "required name=search_term_string",
        },
    }
