"""The admin's pages as an editor or a moderator sees them, at the widths they work at: what
QA found out of line, out of view or out of order, measured on the screen."""

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.browser

# Where each of ``words`` is drawn in ``element``: [left, right] of its first occurrence.
WORD_EDGES = """(element, words) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const edges = {};
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of words) {
            const at = node.data.indexOf(word);
            if (at < 0 || word in edges) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + word.length);
            const box = range.getBoundingClientRect();
            edges[word] = [box.left, box.right];
        }
    }
    return edges;
}"""


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_hashtag_in_the_filter_starts_with_its_sign(open_tab, editor, prefix):
    """«#الساحل_الإفريقي» has its «#» on the right, where Arabic starts, in the English admin
    too (it was drawn on the left, after the name); «#COP31» has it on the left."""
    ArticleFactory(hashtags=["الساحل_الإفريقي", "COP31"])
    tab = open_tab(locale="en" if prefix else "ar")
    tab.login("editor", prefix=prefix)
    tab.goto(f"{prefix}/admin/articles/article/")
    filters = tab.page.locator("#changelist-filter")
    arabic = filters.get_by_role("link", name="الساحل_الإفريقي")
    edges = arabic.evaluate(WORD_EDGES, ["#", "الساحل"])
    assert edges["#"][0] >= edges["الساحل"][1] - 1, edges
    latin = filters.get_by_role("link", name="COP31")
    edges = latin.evaluate(WORD_EDGES, ["#", "COP31"])
    assert edges["#"][1] <= edges["COP31"][0] + 1, edges
    tab.check("stories", direction="ltr" if prefix else "rtl")
