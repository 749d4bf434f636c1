"""Search snippets: the matched words are marked, and no character of the text is lost."""

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.search import highlight, parse_query

MARK = re.compile(r"<mark>(.*?)</mark>")
# Agency copy in pieces: Arabic letters, tashkeel, tatweel, digits, punctuation and quotes
# of both scripts, spaces; and the query word with punctuation stuck to it.
TEXT = st.text(alphabet="النفطسعرو\u064e\u0650\u0640٣3،؛؟.,!«»\"'()- \n", max_size=12)
PIECES = st.lists(st.one_of(TEXT, st.sampled_from(["النفط،", "«النفط»", "والنفطُ."])), max_size=30)


def shown(snippet: str) -> str:
    """What the reader sees of a snippet: its text, without the marks."""
    return html.unescape(re.sub(r"</?mark>", "", snippet))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ارتفعت أسعار النفط، ثم هبطت.", "ارتفعت أسعار <mark>النفط</mark>، ثم هبطت."),
        ("انتهى عصر النفط.", "انتهى عصر <mark>النفط</mark>."),
        ("قالوا «النفط» أولًا", "قالوا «<mark>النفط</mark>» أولًا"),
        ('قالوا "النفط" أولًا', "قالوا &quot;<mark>النفط</mark>&quot; أولًا"),
        ("هل يكفي النفط؟ لا؛ والنفط!", "هل يكفي <mark>النفط</mark>؟ لا؛ <mark>والنفط</mark>!"),
        ("(النفط) النفط-الخام", "(<mark>النفط</mark>) <mark>النفط</mark>-الخام"),
        ("أسعار النفطِ تصعد", "أسعار <mark>النفطِ</mark> تصعد"),  # its tashkeel is part of it
    ],
)
def test_punctuation_beside_a_match_stays_and_is_not_marked(text, expected):
    snippet = highlight(text, parse_query("النفط").words)
    assert snippet == expected
    assert shown(snippet) == text


@settings(max_examples=300, deadline=None, database=None)
@given(PIECES)
def test_a_snippet_keeps_every_character_of_a_short_text(pieces):
    text = " ".join(" ".join(pieces).split()[:36])  # short enough to be shown whole
    snippet = highlight(text, parse_query("النفط").words, max_words=36)
    assert shown(snippet) == text
    for marked in MARK.findall(snippet):
        assert marked and not re.search(r"[،.«»؟!؛\s]", html.unescape(marked)), marked
