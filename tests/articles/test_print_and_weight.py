"""A printed story is the story alone; and the page stays light with everything it loads."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

from tests.factories import ArticleFactory, AuthorFactory, image_file

pytestmark = pytest.mark.django_db

BUDGET = 20 * 1024  # compressed HTML, CSS and JS of the article page together


@pytest.fixture
def story_page(client):
    article = ArticleFactory(
        authors=[AuthorFactory()], hashtags=["الساحل_الإفريقي", "مالي"], image=image_file()
    )
    return client.get(article.get_absolute_url()).content.decode()


def print_rules() -> str:
    with open(finders.find("css/site.css"), encoding="utf-8") as file:
        block = re.search(r"@media print \{(.*?)\n\}", file.read(), re.S)
    assert block, "site.css has no @media print block"
    return block.group(1)


def test_a_printed_story_leaves_out_navigation_sharing_and_the_reactions(story_page):
    rules = print_rules()
    hidden = re.search(r"([^{}]*)\{\s*display:\s*none", rules).group(1)
    hidden = {selector.strip() for selector in hidden.split(",")}
    for selector, markup in [
        (".sections-nav", 'class="sections-nav"'),
        (".share", 'class="share"'),
        (".reactions", 'class="reactions"'),  # the whole box: counts without buttons mean nothing
        (".site-footer a", 'class="site-footer"'),
        (".masthead-search", 'class="masthead-search"'),
        (".lang-switch", 'class="lang-switch"'),
        # Its red bar printed as nothing (print drops every background) but kept its room: the
        # site's name stood 1.5rem in from the story's edge.
        (".brand-mark", 'class="brand-mark"'),
    ]:
        assert selector in hidden, selector
        assert markup in story_page, markup  # the selector still names the page's markup
    # Black on white, the story across the whole sheet, links printed as their words only.
    assert "color: #000" in rules and "background: none" in rules
    assert re.search(r"\.story\b[^{}]*\{[^}]*max-inline-size: none", rules)
    assert "attr(href)" not in rules


def test_article_page_with_its_styles_and_scripts_stays_within_budget(story_page):
    assets = set(re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js))"', story_page))
    assert {"css/site.css", "css/reactions.css", "js/reactions.js"} <= assets
    total = len(gzip.compress(story_page.encode(), 6))
    for asset in assets:
        with open(finders.find(asset), "rb") as file:
            total += len(gzip.compress(file.read(), 6))
    assert total <= BUDGET, f"{total / 1024:.1f} KB"
