"""sitemap.xml, the Google News sitemap and robots.txt: valid XML, public pages only."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Section
from articles.sitemaps import ArticleSitemap
from tests.articles.test_public_pages import hidden_articles
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, bulk_published

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def absolute(path):
    return "http://testserver" + path


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def locations(client, url):
    return [loc.text for loc in xml(client, url).iter(f"{SM}loc")]


@pytest.fixture
def newsroom():
    """Public stories, and a section, hashtag and author that only hidden stories have."""
    section = SectionFactory(name="سياسة", slug="سياسة")
    author = AuthorFactory(name="ليلى منصور", slug="ليلى-منصور")
    story = ArticleFactory(section=section, authors=[author], hashtags=["الساحل_الإفريقي"])
    secret_section = SectionFactory(name="قسم مخفي", slug="قسم-مخفي")
    secret_author = AuthorFactory(slug="كاتب-مخفي")
    hidden = hidden_articles(secret_section, secret_author)
    return story, hidden


def test_sitemap_index_lists_each_part_with_absolute_urls(client, newsroom):
    index = xml(client, reverse("sitemap"))
    assert index.tag == f"{SM}sitemapindex"
    parts = [s.findtext(f"{SM}loc") for s in index.iter(f"{SM}sitemap")]
    assert parts == [
        absolute(f"/sitemap-{name}.xml") for name in ("articles", "sections", "hashtags", "authors")
    ]
    for sitemap in index.iter(f"{SM}sitemap"):
        datetime.fromisoformat(sitemap.findtext(f"{SM}lastmod"))
        assert len(xml(client, sitemap.findtext(f"{SM}loc").removeprefix("http://testserver")))


def test_sitemaps_list_exactly_what_the_public_may_see(client, newsroom):
    story, hidden = newsroom
    assert locations(client, "/sitemap-articles.xml") == [absolute(story.get_absolute_url())]
    assert locations(client, "/sitemap-sections.xml") == [
        absolute(reverse("articles:section", args=["سياسة"]))
    ]
    assert locations(client, "/sitemap-hashtags.xml") == [
        absolute(reverse("articles:tag", args=["الساحل_الإفريقي"]))
    ]
    assert locations(client, "/sitemap-authors.xml") == [
        absolute(reverse("articles:author", args=["ليلى-منصور"]))
    ]
    # The hidden stories' own section, author and hashtag («سري») exist but stay out.
    assert Tag.objects.filter(slug="سري").exists()
    assert Section.objects.filter(slug="قسم-مخفي").exists()
    everything = "".join(
        client.get(f"/sitemap-{part}.xml").content.decode()
        for part in ("articles", "sections", "hashtags", "authors")
    )
    for article in hidden:
        assert f"/news/{article.pk}/" not in everything


@pytest.mark.usefixtures("newsroom")
def test_arabic_urls_are_percent_encoded_and_resolve(client):
    for url in locations(client, "/sitemap-articles.xml") + locations(
        client, "/sitemap-hashtags.xml"
    ):
        assert url.isascii()
        assert client.get(url.removeprefix("http://testserver")).status_code == 200


def test_article_lastmod_is_its_last_public_change(client, newsroom):
    story, _ = newsroom
    (url,) = xml(client, "/sitemap-articles.xml").iter(f"{SM}url")
    lastmod = datetime.fromisoformat(url.findtext(f"{SM}lastmod"))
    assert lastmod == story.updated_at.replace(microsecond=0)


def test_article_sitemap_splits_into_pages(client, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    ArticleFactory.create_batch(3)
    parts = [loc.text for loc in xml(client, reverse("sitemap")).iter(f"{SM}loc")]
    assert absolute("/sitemap-articles.xml") in parts
    assert absolute("/sitemap-articles.xml?p=2") in parts
    assert len(locations(client, "/sitemap-articles.xml")) == 2
    assert len(locations(client, "/sitemap-articles.xml?p=2")) == 1
    assert client.get("/sitemap-articles.xml?p=3").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_news_sitemap_has_only_the_last_two_days(client, newsroom):
    now = timezone.now()
    story, hidden = newsroom
    yesterday = ArticleFactory(title="خبر الأمس", publish_at=now - timedelta(hours=47))
    ArticleFactory(title="خبر قديم", publish_at=now - timedelta(hours=49))

    urlset = xml(client, reverse("sitemap-news"))
    urls = urlset.findall(f"{SM}url")
    assert [u.findtext(f"{SM}loc") for u in urls] == [
        absolute(story.get_absolute_url()),
        absolute(yesterday.get_absolute_url()),
    ]
    news = urls[0].find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "غرفة الأخبار"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "ar"
    assert news.findtext(f"{NEWS}title") == story.title
    published = datetime.fromisoformat(news.findtext(f"{NEWS}publication_date"))
    assert published == story.publish_at.replace(microsecond=0)
    assert published.utcoffset() is not None
    body = client.get(reverse("sitemap-news")).content.decode()
    for article in hidden:
        assert article.title not in body


def test_a_story_stored_with_control_characters_keeps_the_news_sitemap_readable(client):
    """A title written without Article.save (an import, a row from before the rule) with
    Word's line break in it: the news sitemap was not XML any more, for every story."""
    from articles.models import Article

    story = ArticleFactory(title="خبر سليم")
    broken = ArticleFactory()
    Article.objects.filter(pk=broken.pk).update(title="عنوان\x0bمكسور\x07")

    titles = [title.text for title in xml(client, reverse("sitemap-news")).iter(f"{NEWS}title")]
    assert sorted(titles) == sorted([story.title, "عنوان مكسور"])


def test_news_sitemap_stops_at_one_thousand_newest(client, django_assert_max_num_queries):
    bulk_published(SectionFactory(), 1005, title="خبر عاجل")
    with django_assert_max_num_queries(4):
        urlset = xml(client, reverse("sitemap-news"))
    titles = [n.text for n in urlset.iter(f"{NEWS}title")]
    assert len(titles) == 1000
    assert titles[0] == "خبر عاجل 0"
    assert titles[-1] == "خبر عاجل 999"
    assert client.get(reverse("sitemap-news") + "?p=2").status_code == 404


def test_sitemap_query_counts_do_not_grow_with_the_archive(client, django_assert_max_num_queries):
    sections = [SectionFactory() for _ in range(3)]
    for n in range(12):
        ArticleFactory(
            section=sections[n % 3], authors=[AuthorFactory()], hashtags=[f"وسم{n}", "مالي"]
        )
    with django_assert_max_num_queries(9):
        xml(client, reverse("sitemap"))
    for part in ("articles", "sections", "hashtags", "authors"):
        with django_assert_max_num_queries(3):
            xml(client, f"/sitemap-{part}.xml")


def test_robots_txt_names_both_sitemaps_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines


def test_crawler_files_have_no_language_prefix(client):
    for path in ("/en/robots.txt", "/en/sitemap.xml", "/en/sitemap-news.xml"):
        assert client.get(path).status_code == 404
    assert client.get("/robots.txt", secure=True).content.decode().count("https://testserver/") == 2
