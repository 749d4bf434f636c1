from urllib.parse import unquote, urlsplit

from django import template
from django.conf import settings
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info

from articles import arabic
from articles.arabic import numbering_system, script_language, with_digits

register = template.Library()


@register.simple_tag
def numbering() -> str:
    """ "arab" or "latn": how this page writes numbers (scripts read it from <html>)."""
    return numbering_system(get_language(), settings.NEWSROOM_EASTERN_ARABIC_DIGITS)


@register.filter(is_safe=True)  # digits are not markup: safe text stays safe
def digits(value) -> str:
    """A date or count written in the page's digits (Eastern Arabic when configured)."""
    return with_digits(str(value), numbering())


@register.simple_tag(takes_context=True)
def language_switch(context) -> dict:
    """What the language switch needs; the same for every reader of a URL (no token).

    ``next`` is the page that set_language translates into the chosen language,
    ``languages`` the other languages, each named in itself, and ``alternates`` this
    page's address in every language, for ``<link rel="alternate" hreflang>``.
    """
    request = context.get("request")
    # A page about another one (a reader's reaction to a story) switches that one.
    path = context.get("language_switch_next") or (request.get_full_path() if request else "/")
    try:
        resolve(unquote(urlsplit(path).path))
        translatable = True
    except Resolver404:
        translatable = False
    current = get_language()
    codes = [code for code, _name in settings.LANGUAGES]
    return {
        # set_language would leave a path it cannot resolve as it is: go home instead.
        "next": path if translatable else reverse("articles:home"),
        "languages": [
            {"code": code, "name": get_language_info(code)["name_local"]}
            for code in codes
            if code != current
        ],
        # Crawlers do not post forms: these links lead them to the other language's pages.
        "alternates": [
            {"code": code, "url": request.build_absolute_uri(translate_url(path, code))}
            for code in codes
        ]
        if translatable and request
        else [],
    }


@register.filter
def name_lang(name: str) -> str:
    """The language to mark a section's, hashtag's or author's name with (its script's)."""
    return script_language(name)


@register.filter
def text_direction(language_code: str) -> str:
    try:
        return "rtl" if get_language_info(language_code)["bidi"] else "ltr"
    except KeyError:
        return "auto"


@register.filter(needs_autoescape=True)
def wrap_at_joins(name: str, autoescape: bool = True) -> str:
    """A hashtag too long for its line wraps after a «_» that joins its words (<wbr>), not
    inside one of them."""
    escape = conditional_escape if autoescape else str
    return mark_safe("_<wbr>".join(escape(word) for word in str(name).split("_")))


@register.filter(is_safe=True)  # two invisible characters: safe text stays safe
def isolated(text) -> str:
    """Text set apart from the sentence it is put in (articles.arabic.isolated), where no
    <bdi> can go: a variable of a translated sentence, a page's title."""
    return arabic.isolated(str(text))
