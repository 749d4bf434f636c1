from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from articles.arabic import numbering_system, with_digits

register = template.Library()


@register.simple_tag
def numbering() -> str:
    """ "arab" or "latn": how this page writes numbers (scripts read it from <html>)."""
    return numbering_system(get_language(), settings.NEWSROOM_EASTERN_ARABIC_DIGITS)


@register.filter
def digits(value) -> str:
    """A date or count written in the page's digits (Eastern Arabic when configured)."""
    return with_digits(str(value), numbering())


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in each other language, for the header's switch."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = get_language()
    links = []
    for code in ("ar", "en"):
        if code == current:
            continue
        info = get_language_info(code)
        links.append({"code": code, "name": info["name_local"], "url": translate_url(path, code)})
    return links


@register.filter
def text_direction(language_code: str) -> str:
    try:
        return "rtl" if get_language_info(language_code)["bidi"] else "ltr"
    except KeyError:
        return "auto"
