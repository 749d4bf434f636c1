"""The allow-list for article bodies (anything else never reaches a reader), and the control
characters no stored text keeps."""

import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s",
    "a", "ul", "ol", "li", "blockquote", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
    clean_content_tags={"script", "style", "iframe", "object", "embed", "template", "svg", "math"},
)


# Control characters XML 1.0 cannot carry. Word writes a line break inside a paragraph as
# \x0b, and pasted text brings it along: one in a title made every feed showing the story
# answer 500 (Django refuses to write them). The breaks become spaces, the rest go.
_BREAKS = re.compile("[\x0b\x0c\x1c-\x1f]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x7f]")


def without_control_characters(text: str) -> str:
    """``text`` with its control characters gone (tab and line ends kept), the breaks among
    them (vertical tab, form feed, separators) turned into spaces."""
    return _CONTROLS.sub("", _BREAKS.sub(" ", text)) if text else text


def sanitize_html(html: str) -> str:
    """Return ``html`` reduced to the allow-list (no scripts, handlers, styles or js: URLs)."""
    cleaned = _cleaner.clean(without_control_characters(html or "")).strip()
    # Misnested input can come out misnested (nested <p>), which parses differently the
    # next time; clean until the output is stable, so what is stored is what is served.
    for _pass in range(3):
        again = _cleaner.clean(cleaned).strip()
        if again == cleaned:
            break
        cleaned = again
    # The editor leaves "<p></p>" in an empty document; store it as truly empty.
    return "" if cleaned in {"<p></p>", "<p><br></p>"} else cleaned
