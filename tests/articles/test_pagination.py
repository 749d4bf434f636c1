"""A page number a list does not have leads to one it has: the first for a word, the last
for a number past the end, each at its one address (Paginator.get_page's rule)."""

from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, bulk_published

pytestmark = pytest.mark.django_db


@pytest.fixture
def lists():
    """Three lists of 13 stories each: two pages of 12 and 1."""
    section = SectionFactory(name="اقتصاد", slug="اقتصاد")
    author = AuthorFactory(slug="laila")
    for _ in range(13):
        ArticleFactory(section=section, authors=[author], hashtags=["النفط"])
    return {
        "section": section.get_absolute_url(),
        "tag": reverse("articles:tag", args=["النفط"]),
        "author": author.get_absolute_url(),
    }


@pytest.mark.parametrize("kind", ["section", "tag", "author"])
@pytest.mark.parametrize(
    ("asked", "landing"),
    [
        ("abc", ""),  # not a number: the first page
        ("", ""),
        ("1.5", ""),
        ("2", None),  # a page the list has, at its own address: shown
        ("1", ""),  # page 1 has one address, the list's own
        ("9", "?page=2"),  # past the end: the last page
        ("99999999999999999999", "?page=2"),
        ("0", "?page=2"),
        ("last", "?page=2"),
        ("02", "?page=2"),  # the same page under another spelling: its one address
        ("٢", "?page=2"),
    ],
)
def test_a_page_the_list_lacks_redirects_to_one_it_has(client, lists, kind, asked, landing):
    url = lists[kind]
    response = client.get(f"{url}?page={quote(asked)}")
    if landing is None:
        assert response.status_code == 200
        assert len(response.context["articles"]) == (1 if asked == "2" else 12)
    else:
        assert response.status_code == 302
        assert response["Location"] == url + landing
        assert client.get(response["Location"]).status_code == 200


def test_english_lists_redirect_within_english(client, lists):
    url = "/en" + lists["section"]
    assert client.get(url + "?page=abc")["Location"] == url
    assert client.get(url + "?page=7")["Location"] == url + "?page=2"


def test_a_section_that_does_not_exist_is_still_a_404_whatever_the_page(client):
    for page in ("abc", "2", "999"):
        response = client.get(f"/section/لا-يوجد/?page={page}")
        assert response.status_code == 404, page
        assert "الصفحة غير موجودة" in response.content.decode()


def test_the_last_page_follows_new_stories_and_redirects_are_never_kept(client):
    section = SectionFactory()
    bulk_published(section, 13, title="خبر قديم")
    url = section.get_absolute_url()
    cache.clear()

    first = client.get(url + "?page=50")
    assert first["Location"] == url + "?page=2"
    # Not kept: neither the redirect nor a copy of the last page under ?page=50.
    assert "X-Page-Cache" not in first
    assert "X-Page-Cache" not in client.get(url + "?page=50")
    kept = len(cache._cache)
    for junk in ("51", "0050", "abc", "xyz", "-1", "last"):
        assert client.get(f"{url}?page={junk}").status_code == 302
    assert len(cache._cache) == kept  # made-up page numbers add no cache entries

    for _ in range(12):
        ArticleFactory(section=section)
    assert client.get(url + "?page=50")["Location"] == url + "?page=3"


def test_the_home_page_has_no_pages(client):
    ArticleFactory()
    for asked in ("2", "abc"):
        response = client.get(f"/?page={asked}")
        assert response.status_code == 302
        assert response["Location"] == "/"
    assert client.get("/en/?page=3")["Location"] == "/en/"


def test_search_pages_keep_the_words_and_filters(client):
    section = SectionFactory(name="اقتصاد", slug="اقتصاد")
    for _ in range(13):
        ArticleFactory(title="أسعار النفط ترتفع", section=section)
    words = quote("النفط")
    base = f"/search/?q={words}&section={quote('اقتصاد')}"
    assert client.get(base + "&page=abc")["Location"] == base
    assert client.get(base + "&page=40")["Location"] == base + "&page=2"
    second = client.get(base + "&page=2")
    assert second.status_code == 200
    assert len(second.context["results"]) == 1
    # No words: nothing found, one page.
    assert client.get("/search/?page=3")["Location"] == "/search/"


def test_the_newer_link_from_page_two_leads_to_the_lists_own_address(client, lists):
    html = client.get(lists["section"] + "?page=2").content.decode()
    assert f'rel="prev" href="{lists["section"]}"' in html
