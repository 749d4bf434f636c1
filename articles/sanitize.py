"""The allow-list for article bodies. Anything else never reaches a reader."""

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


def sanitize_html(html: str) -> str:
    """Return ``html`` reduced to the allow-list (no scripts, handlers, styles or js: URLs)."""
    cleaned = _cleaner.clean(html or "").strip()
    # Misnested input can come out misnested (nested <p>), which parses differently the
    # next time; clean until the output is stable, so what is stored is what is served.
    for _pass in range(3):
        again = _cleaner.clean(cleaned).strip()
        if again == cleaned:
            break
        cleaned = again
    # The editor leaves "<p></p>" in an empty document; store it as truly empty.
    return "" if cleaned in {"<p></p>", "<p><br></p>"} else cleaned
