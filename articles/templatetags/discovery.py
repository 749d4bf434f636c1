"""Tags for how stories are found and passed on: JSON-LD, OpenGraph, share links."""

import json
from urllib.parse import quote, urlencode

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from articles import structured_data
from articles.sanitize import without_control_characters

register = template.Library()

# Inside <script>, "</script>" or "<!--" in a headline would end or confuse the block:
# JSON allows these characters as \u escapes, which no HTML parser reads as markup.
JSON_LD_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

OG_LOCALES = {"ar": "ar_AR", "en": "en_US"}


@register.filter
def json_ld(data) -> str:
    """``data`` as JSON safe to print inside ``<script type="application/ld+json">``."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(JSON_LD_ESCAPES))


@register.filter
def xml_text(value) -> str:
    """``value`` as XML 1.0 can carry it. Stories keep no control characters once saved
    (Article.save), but one stored another way made the whole sitemap unreadable."""
    return without_control_characters(str(value))


@register.filter
def w3c_datetime(value) -> str:
    return structured_data.w3c_datetime(value)


@register.filter
def modified_at(article):
    return structured_data.modified_at(article)


@register.filter
def og_locale(language_code: str) -> str:
    return OG_LOCALES.get(language_code, "ar_AR")


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    return context["request"].build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def news_article_data(context, article) -> dict:
    return structured_data.news_article(article, context["request"])


@register.simple_tag(takes_context=True)
def breadcrumbs_data(context, *pages) -> dict:
    return structured_data.breadcrumbs(context["request"], *pages)


@register.simple_tag(takes_context=True)
def website_data(context) -> dict:
    return structured_data.website(context["request"])


def _query(**params: str) -> str:
    # %20 rather than "+" for spaces: not every share endpoint reads "+" as a space.
    return urlencode(params, quote_via=quote)


@register.simple_tag(takes_context=True)
def short_url(context, article) -> str:
    """The story's short address (/news/<id>/, redirecting to its page): what is shared and
    copied. The full one carries the Arabic title, 300-odd characters once percent-encoded."""
    short = reverse("articles:detail-short", args=[article.pk])
    return context["request"].build_absolute_uri(short)


@register.simple_tag(takes_context=True)
def share_links(context, article) -> list[dict[str, str]]:
    """Plain links to each network's own share page: no script of theirs runs here."""
    url = short_url(context, article)
    title = article.title
    return [
        {
            "network": "whatsapp",
            "label": _("واتساب"),
            "url": "https://wa.me/?" + _query(text=f"{title} {url}"),
        },
        {
            "network": "telegram",
            "label": _("تيليغرام"),
            "url": "https://t.me/share/url?" + _query(url=url, text=title),
        },
        {
            "network": "x",
            "label": _("إكس"),
            "url": "https://x.com/intent/post?" + _query(url=url, text=title),
        },
        {
            "network": "facebook",
            "label": _("فيسبوك"),
            "url": "https://www.facebook.com/sharer/sharer.php?" + _query(u=url),
        },
    ]
