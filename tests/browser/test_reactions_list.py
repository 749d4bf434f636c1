"""The moderators' list of reactions on a laptop's screen: the links voiding a reaction or
a reader's reactions are in view beside the admin's menu and the filters, not scrolled out
of the table's box."""

import pytest

from tests.browser.conftest import DESKTOP

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("prefix", "direction"), [("", "rtl"), ("/en", "ltr")])
@pytest.mark.parametrize("width", [DESKTOP["width"], 1366])
def test_the_void_links_are_in_view(open_tab, moderator, newsroom, prefix, direction, width):
    from reactions.models import ReactionKind
    from reactions.services import react

    react(article=newsroom.lead, reader_key="r1", kind=ReactionKind.objects.get(slug="like"))
    tab = open_tab(viewport={"width": width, "height": 900})
    tab.login("moderator", prefix=prefix)
    tab.goto(prefix + "/admin/reactions/reaction/")
    page = tab.page
    box = page.locator("#changelist-form .results").bounding_box()
    links = page.locator("#result_list tbody tr").first.locator(".field-void_link a")
    assert links.count() == 2
    for link in links.all():
        edges = link.bounding_box()
        assert box["x"] <= edges["x"] and edges["x"] + edges["width"] <= box["x"] + box["width"]
    # Each link on one line, the row a title's two lines high at most.
    assert links.first.bounding_box()["height"] < 30
    row = page.locator("#result_list tbody tr").first.bounding_box()
    assert row["height"] < 60
    tab.check("reactions", direction=direction)
