"""Properties of the body sanitiser on generated HTML (hypothesis): whatever goes in, what
comes out is a fixpoint and holds nothing executable."""

from hypothesis import example, given, settings
from hypothesis import strategies as st

from articles.sanitize import sanitize_html
from tests.security.html_checks import elements, scheme, unsafe_bits_in_body
from tests.security.payloads import HTML_PAYLOADS, URL_PAYLOADS

PROPERTY = settings(max_examples=400, deadline=None, database=None)

TAGS = [
    "p", "a", "b", "i", "ul", "ol", "li", "h2", "blockquote", "br", "hr", "script", "style",
    "img", "svg", "math", "iframe", "form", "button", "input", "object", "embed", "base",
    "meta", "link", "template", "noscript", "textarea", "title", "select", "table", "mglyph",
    "mtext", "xmp", "plaintext", "noembed", "div", "span", "details", "video",
]  # fmt: skip
ATTRIBUTES = [
    "href", "src", "title", "style", "onclick", "onerror", "onload", "start",
    "formaction", "action", "xlink:href", "srcdoc", "id", "name", "class", "rel",
]  # fmt: skip
VALUES = [url for _, url in URL_PAYLOADS] + [
    "https://example.org/", "x", "1", "\"><script>alert(1)</script>", "alert(1)",
    "expression(alert(1))", "url(javascript:alert(1))", "&quot;", "&#x22;", "'",
]  # fmt: skip
TEXT = st.lists(st.sampled_from([*"<>&\"'/=!-[]; xاب\u202e\n", "&lt;", "&#", "<!--", "-->"])).map(
    "".join
)

attribute = st.builds(
    lambda name, value, quote: f" {name}={quote}{value}{quote}",
    st.sampled_from(ATTRIBUTES),
    st.sampled_from(VALUES),
    st.sampled_from(['"', "'", ""]),
)


def element(children):
    return st.builds(
        lambda tag, attrs, inner, close: (
            f"<{tag}{''.join(attrs)}>{inner}" + (f"</{tag}>" if close else "")
        ),
        st.sampled_from(TAGS),
        st.lists(attribute, max_size=3),
        children,
        st.booleans(),
    )


fragments = st.recursive(
    st.one_of(TEXT, st.sampled_from([html for _, html in HTML_PAYLOADS])),
    lambda children: st.lists(st.one_of(element(children), children), max_size=4).map("".join),
    max_leaves=12,
)
html_inputs = st.one_of(fragments, st.text(max_size=200))


@PROPERTY
@given(html_inputs)
@example("<p></p>")
@example("<a href='https://x/'><a href='https://y/'>nested</a></a>")
def test_output_is_a_fixpoint(html):
    once = sanitize_html(html)
    assert sanitize_html(once) == once


@PROPERTY
@given(html_inputs)
def test_output_holds_nothing_executable(html):
    out = sanitize_html(html)
    # Parsed as a browser would: only allow-listed tags and attributes (so no on*= handler
    # and no style=), and only http(s)/mailto/tel addresses.
    assert unsafe_bits_in_body(out) == [], out
    for tag, attrs in elements(out):
        assert tag not in {"script", "style", "iframe", "svg", "math"}
        for name, value in attrs:
            assert not name.startswith("on") and name != "style"
            if name == "href":
                assert scheme(value or "") in {None, "http", "https", "mailto", "tel"}
    # Markup in text stays text: every "<" that is not a tag is escaped.
    assert "<script" not in out.lower()
