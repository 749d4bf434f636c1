from django import template
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

register = template.Library()


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
