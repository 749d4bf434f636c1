"""RSS and Atom: valid XML, published stories only, with what feed readers show."""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import unquote

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from articles import feeds
from tests.articles.markup import PageParts
from tests.articles.test_public_pages import hidden_articles
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, image_file

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
XHTML = "{http://www.w3.org/1999/xhtml}"
TAG = "الساحل_الإفريقي"


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Image sizes are remembered in the cache; every test stores its own files.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def newsroom():
    """One public story with everything a feed shows, and one story in every hidden state."""
    section = SectionFactory(name="سياسة", slug="سياسة")
    authors = [AuthorFactory(name="ليلى منصور"), AuthorFactory(name="سامر حداد")]
    story = ArticleFactory(
        title="مشاورات الساحل الإفريقي تنطلق في موسكو",
        deck="يلتقي المفاوضون لبحث ملفات الأمن والتنمية.",
        section=section,
        authors=authors,
        hashtags=[TAG, "مالي"],
        image=image_file(size=(1200, 675)),
    )
    hidden = hidden_articles(section, authors[0])
    for article in hidden:
        article.tags.add(TAG)
    return story, hidden


def feed_urls(section_slug="سياسة", tag=TAG):
    return {
        "site": (reverse("articles:feed-rss"), reverse("articles:feed-atom")),
        "section": (
            reverse("articles:section-rss", kwargs={"slug": section_slug}),
            reverse("articles:section-atom", kwargs={"slug": section_slug}),
        ),
        "tag": (
            reverse("articles:tag-rss", kwargs={"slug": tag}),
            reverse("articles:tag-atom", kwargs={"slug": tag}),
        ),
    }


def absolute(path):
    return "http://testserver" + path


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    # application/xml, which browsers render with the feed's stylesheet (test_browser_feeds).
    assert response["Content-Type"] == feeds.FEED_CONTENT_TYPE
    channel = ET.fromstring(response.content).find("channel")
    return channel, channel.findall("item")


def atom_entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    # application/xml, which browsers render with the feed's stylesheet (test_browser_feeds).
    assert response["Content-Type"] == feeds.FEED_CONTENT_TYPE
    feed = ET.fromstring(response.content)
    return feed, feed.findall(f"{ATOM}entry")


def test_arabic_feed_urls_are_percent_encoded_and_resolve(client):
    assert reverse("articles:section-rss", kwargs={"slug": "سياسة"}) == (
        "/section/%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9/rss/"
    )
    assert reverse("articles:feed-atom") == "/feeds/atom/"
    assert client.get("/section/لا-يوجد/rss/").status_code == 404
    assert client.get("/tag/لا-يوجد/atom/").status_code == 404


def test_every_feed_lists_exactly_the_public_stories(client, newsroom):
    story, hidden = newsroom
    expected = [absolute(story.get_absolute_url())]
    for rss, atom in feed_urls().values():
        _, items = rss_items(client, rss)
        assert [item.findtext("link") for item in items] == expected, rss
        _, entries = atom_entries(client, atom)
        links = [e.find(f"{ATOM}link[@rel='alternate']").get("href") for e in entries]
        assert links == expected, atom
        for article in hidden:
            body = client.get(rss).content.decode() + client.get(atom).content.decode()
            assert article.title not in body
            assert f"/news/{article.pk}/" not in body


def test_rss_item_carries_summary_dates_authors_hashtags_and_image(client, newsroom):
    story, _ = newsroom
    channel, (item,) = rss_items(client, reverse("articles:feed-rss"))
    assert channel.findtext("language") == "ar"
    assert channel.findtext("title") == "غرفة الأخبار"
    assert channel.findtext("link") == "http://testserver/"

    url = absolute(story.get_absolute_url())
    assert item.findtext("title") == story.title
    assert item.findtext("description") == story.deck
    assert item.findtext("guid") == url
    assert parsedate_to_datetime(item.findtext("pubDate")) == story.publish_at.replace(
        microsecond=0
    )
    assert sorted(c.text for c in item.findall(f"{DC}creator")) == ["سامر حداد", "ليلى منصور"]
    assert sorted(c.text for c in item.findall("category")) == sorted([TAG, "مالي"])

    enclosure = item.find("enclosure")
    assert enclosure.get("url") == absolute(story.image.url)
    assert enclosure.get("type") == "image/jpeg"
    assert int(enclosure.get("length")) == default_storage.size(story.image.name) > 0


def test_atom_entry_has_published_updated_authors_and_enclosure(client, newsroom):
    story, _ = newsroom
    feed, (entry,) = atom_entries(client, reverse("articles:section-atom", args=["سياسة"]))
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
    assert feed.findtext(f"{ATOM}title") == "سياسة — غرفة الأخبار"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "غرفة الأخبار"

    assert entry.findtext(f"{ATOM}title") == story.title
    assert entry.findtext(f"{ATOM}summary") == story.deck
    assert entry.findtext(f"{ATOM}id") == absolute(story.get_absolute_url())
    published = entry.findtext(f"{ATOM}published")
    updated = entry.findtext(f"{ATOM}updated")
    assert published and updated >= published
    names = [a.findtext(f"{ATOM}name") for a in entry.findall(f"{ATOM}author")]
    assert sorted(names) == ["سامر حداد", "ليلى منصور"]
    uris = [a.findtext(f"{ATOM}uri") for a in entry.findall(f"{ATOM}author")]
    assert all(uri.startswith("http://testserver/author/") for uri in uris)
    assert {c.get("term") for c in entry.findall(f"{ATOM}category")} == {TAG, "مالي"}
    enclosure = entry.find(f"{ATOM}link[@rel='enclosure']")
    assert enclosure.get("href") == absolute(story.image.url)
    assert int(enclosure.get("length")) == story.image.size


def test_a_story_published_on_schedule_is_not_dated_as_modified_before_it_went_out(
    client, time_machine
):
    time_machine.move_to(timezone.now())
    story = ArticleFactory(publish_at=timezone.now() + timedelta(hours=1))
    time_machine.shift(timedelta(hours=2))
    _, (entry,) = atom_entries(client, reverse("articles:feed-atom"))
    assert entry.findtext(f"{ATOM}updated") == entry.findtext(f"{ATOM}published")
    assert story.updated_at < story.publish_at


def test_feeds_hold_the_latest_stories_newest_first(client, monkeypatch):
    monkeypatch.setattr(feeds, "FEED_LENGTH", 3)
    now = timezone.now()
    stories = [ArticleFactory(publish_at=now - timedelta(hours=h)) for h in range(1, 6)]
    _, items = rss_items(client, reverse("articles:feed-rss"))
    assert [i.findtext("link") for i in items] == [
        absolute(s.get_absolute_url()) for s in stories[:3]
    ]


def test_feed_query_count_does_not_grow_with_the_stories(client, django_assert_max_num_queries):
    section = SectionFactory(slug="اقتصاد")
    authors = [AuthorFactory(), AuthorFactory()]
    for _ in range(12):
        ArticleFactory(section=section, authors=authors, hashtags=["مالي", "النيجر"])
    for rss, atom in feed_urls(section_slug="اقتصاد", tag="مالي").values():
        for url in (rss, atom):
            with django_assert_max_num_queries(5):
                assert client.get(url).status_code == 200, url


def test_pages_announce_their_own_feeds(client, newsroom):
    urls = feed_urls()
    pages = {
        "site": reverse("articles:home"),
        "section": reverse("articles:section", args=["سياسة"]),
        "tag": reverse("articles:tag", args=[TAG]),
    }
    for kind, page in pages.items():
        alternates = PageParts(client.get(page).content.decode()).alternates()
        rss, atom = urls[kind]
        assert alternates["application/rss+xml"] == rss, kind
        assert alternates["application/atom+xml"] == atom, kind
        assert client.get(rss).status_code == client.get(atom).status_code == 200


def footer_feed(html: str) -> tuple[str, str]:
    footer = html[html.index('<footer class="site-footer">') :]
    link = re.search(r'<a href="([^"]+)" type="application/rss\+xml">([^<]+)</a>', footer)
    assert link, "no feed link in the footer"
    return link.group(1), link.group(2)


def test_readers_see_a_link_to_the_pages_feed_at_its_foot(client, newsroom):
    """Browsers no longer show a page's <link rel="alternate">: the footer offers its feed
    (a section's own, the whole site's elsewhere), in the page's language."""
    story, _hidden = newsroom
    urls = feed_urls()
    pages = {
        reverse("articles:home"): urls["site"][0],
        reverse("articles:section", args=["سياسة"]): urls["section"][0],
        story.get_absolute_url(): urls["site"][0],
    }
    for page, feed in pages.items():
        assert footer_feed(client.get(page).content.decode()) == (feed, "اشترك عبر RSS"), page
    english = client.get("/en/").content.decode()
    assert footer_feed(english) == ("/en" + urls["site"][0], "Subscribe via RSS")
    assert client.get("/en" + urls["site"][0]).status_code == 200


WORD_LINE_BREAK = "\x0b"  # how Word writes a line break inside a paragraph
CONTROLS = f"{WORD_LINE_BREAK}\x0c\x08\x1b\x7f"


def every_feed_showing(article) -> list[str]:
    section, tag = article.section.slug, article.tags.order_by("name").first().slug
    return [
        "/feeds/rss/",
        "/feeds/atom/",
        f"/section/{section}/rss/",
        f"/section/{section}/atom/",
        f"/tag/{tag}/rss/",
        f"/tag/{tag}/atom/",
        "/sitemap-news.xml",
    ]


def test_a_story_pasted_from_word_is_stored_without_control_characters(client, editor):
    from articles.models import Article
    from tests.articles.test_admin_roles import form_data

    client.force_login(editor)
    data = form_data(
        SectionFactory(name=f"سيا{WORD_LINE_BREAK}سة"),
        title=f"عنوان{WORD_LINE_BREAK}من سطرين",
        deck=f"موجز{CONTROLS}الخبر",
        city=f"الدار{WORD_LINE_BREAK}البيضاء",
        body=f"<p>فقرة{WORD_LINE_BREAK}ثانية\x08</p>",
        image_caption="تعليق\x0cالصورة",
        status="published",
    )
    assert client.post("/admin/articles/article/add/", data).status_code == 302
    article = Article.objects.get()
    assert article.title == "عنوان من سطرين"
    assert article.deck == "موجز  الخبر"  # each break a space, the rest gone
    assert article.city == "الدار البيضاء"
    assert article.body == "<p>فقرة ثانية</p>"
    assert article.image_caption == "تعليق الصورة"
    assert article.section.name == "سيا سة"
    client.logout()
    for url in every_feed_showing(article):
        response = client.get(url)
        assert response.status_code == 200, url
        ET.fromstring(response.content)  # well-formed XML


def test_a_story_stored_with_control_characters_does_not_take_the_feeds_down(client):
    """A row written without Article.save (an import, an update made before the rule):
    every feed showing it answered 500, Django refusing to write the character."""
    from articles.models import Article

    author = AuthorFactory(name="كاتب")
    article = ArticleFactory(hashtags=[TAG], authors=[author])
    Article.objects.filter(pk=article.pk).update(
        title=f"عنوان{WORD_LINE_BREAK}مكسور", deck=f"موجز{CONTROLS}"
    )
    type(author).objects.filter(pk=author.pk).update(name=f"كا{WORD_LINE_BREAK}تب")
    for url in every_feed_showing(article)[:-1]:
        response = client.get(url)
        assert response.status_code == 200, url
        root = ET.fromstring(response.content)
        text = "".join(root.itertext())
        assert "عنوان مكسور" in text, url
        assert "كا تب" in text, url


@pytest.mark.parametrize("name", ["feed-rss", "feed-atom"])
def test_a_feed_names_the_stylesheet_browsers_show_it_with(client, name):
    """Before its root element, as XML requires, so a browser applies it."""
    ArticleFactory()
    xml = client.get(reverse(f"articles:{name}")).content.decode()
    head = xml[: xml.index("<rss" if name == "feed-rss" else "<feed")]
    assert '<?xml-stylesheet href="/static/css/feed.css" media="screen" type="text/css"?>' in head


def test_a_feed_carries_its_headlines_as_links_for_browsers(client, newsroom):
    """A browser showing a feed (its stylesheet) could not follow a headline to its story:
    RSS's <title> and <link> are two elements, which no stylesheet joins into a link. Each
    story and the feed itself carry an XHTML link that browsers follow and feed readers skip."""
    story, _ = newsroom
    story.title = "«الساحل» & <الأمن>"
    story.save()
    path = unquote(story.get_absolute_url())
    for rss, atom in feed_urls().values():
        for prefix in ("", "/en"):
            for url in (rss, atom):
                root = ET.fromstring(client.get(prefix + url).content)
                links = list(root.iter(f"{XHTML}a"))
                assert len(links) == 2, url
                feed_link, story_link = links
                # The story's own page, under the feed's language, in letters a browser
                # resolves against the feed's address.
                assert story_link.text == "«الساحل» & <الأمن>"
                assert story_link.get("href") == prefix + path
                assert client.get(story_link.get("href")).status_code == 200
                # The feed's name leads to its page.
                page = root.findtext("channel/link") or root.find(
                    f"{ATOM}link[@rel='alternate']"
                ).get("href")
                assert feed_link.get("href") == page
                assert feed_link.text == (
                    root.findtext("channel/title") or root.findtext(f"{ATOM}title")
                )
