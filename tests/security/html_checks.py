"""What in a piece of HTML could run script, found with the standard library's parser."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from articles.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS
from tests.security.payloads import SAFE_SCHEMES

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
DANGEROUS_TAGS = {
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "svg", "math",
    "style", "template", "noscript", "isindex", "portal",
}  # fmt: skip
# Browsers drop these before reading a scheme (WHATWG URL parsing strips C0 and space,
# removes tab and newlines anywhere).
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")


def scheme(url: str) -> str | None:
    """The scheme a browser would see in ``url`` (already entity-decoded), or None if relative."""
    cleaned = _IGNORED_IN_URLS.sub("", url)
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", cleaned)
    return match.group(1).lower() if match else None


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    handle_startendtag = handle_starttag


def elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Collector()
    parser.feed(html)
    parser.close()
    return parser.elements


def unsafe_bits_in_body(html: str) -> list[str]:
    """Anything in a stored article body outside the allow-list, or able to run script."""
    problems = []
    for tag, attrs in elements(html):
        if tag not in ALLOWED_TAGS:
            problems.append(f"tag <{tag}>")
        # nh3 keeps lang and title on every element (ammonia's generic attributes): text.
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | {"lang", "title"}
        allowed |= {"rel"} if tag == "a" else set()
        for name, value in attrs:
            if name not in allowed:
                problems.append(f"<{tag} {name}=>")
            if name in URL_ATTRIBUTES and scheme(value or "") not in SAFE_SCHEMES | {None}:
                problems.append(f"<{tag} {name}={value!r}>")
    return problems


def unsafe_bits_in_page(html: str) -> list[str]:
    """Anything in a whole public page that could run script that is not ours."""
    problems = []
    for tag, attrs in elements(html):
        attributes = dict(attrs)
        if tag in DANGEROUS_TAGS:
            problems.append(f"tag <{tag}>")
        if tag == "script":
            src, kind = attributes.get("src") or "", attributes.get("type") or ""
            if not (src.startswith("/static/") or kind == "application/ld+json"):
                problems.append(f"script {attributes}")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            problems.append("meta refresh")
        if tag == "form" and not (attributes.get("action") or "").startswith("/"):
            problems.append(f"form {attributes}")
        for name, value in attrs:
            if name.startswith("on") or name == "style" or name == "srcdoc":
                problems.append(f"<{tag} {name}=>")
            if name in URL_ATTRIBUTES and scheme(value or "") not in SAFE_SCHEMES | {None}:
                problems.append(f"<{tag} {name}={value!r}>")
    return problems
