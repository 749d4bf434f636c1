"""What search engines and share previews read from the pages, and the share links."""

from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from PIL import Image

from articles.models import Article
from articles.structured_data import LOGO_SIZE
from tests.articles.markup import PageParts
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, image_file

pytestmark = pytest.mark.django_db


def absolute(path):
    return "http://testserver" + path


@pytest.fixture
def story():
    return ArticleFactory(
        title="مشاورات الساحل الإفريقي تنطلق في موسكو",
        deck="يلتقي المفاوضون لبحث ملفات الأمن & التنمية.",
        section=SectionFactory(name="سياسة", slug="سياسة"),
        authors=[AuthorFactory(name="ليلى منصور", slug="ليلى-منصور")],
        hashtags=["الساحل_الإفريقي", "مالي"],
        image=image_file(size=(1200, 675)),
        image_alt="وفود حول طاولة المفاوضات",
    )


def page(client, url) -> PageParts:
    response = client.get(url)
    assert response.status_code == 200
    return PageParts(response.content.decode())


def test_article_json_ld_is_a_complete_news_article(client, story):
    data = page(client, story.get_absolute_url()).schema("NewsArticle")
    url = absolute(story.get_absolute_url())
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == story.title
    assert data["description"] == story.deck
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    published = datetime.fromisoformat(data["datePublished"])
    assert published == story.publish_at.replace(microsecond=0)
    assert datetime.fromisoformat(data["dateModified"]) >= published
    author_url = absolute(reverse("articles:author", args=["ليلى-منصور"]))
    assert data["author"] == [{"@type": "Person", "name": "ليلى منصور", "url": author_url}]
    assert data["image"] == [
        {"@type": "ImageObject", "url": absolute(story.image.url), "width": 1200, "height": 675}
    ]
    publisher = data["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["name"] == "غرفة الأخبار"
    assert publisher["logo"]["url"] == absolute("/static/img/logo.png")
    assert (publisher["logo"]["width"], publisher["logo"]["height"]) == LOGO_SIZE
    assert data["articleSection"] == "سياسة"
    assert sorted(data["keywords"]) == sorted(["الساحل_الإفريقي", "مالي"])
    assert data["inLanguage"] == "ar"


def test_publisher_logo_is_a_raster_of_the_declared_size():
    path = finders.find("img/logo.png")
    assert path
    with Image.open(path) as logo:
        assert logo.format == "PNG"
        assert logo.size == LOGO_SIZE


def test_article_page_has_breadcrumbs_home_section_story(client, story):
    crumbs = page(client, story.get_absolute_url()).schema("BreadcrumbList")
    items = crumbs["itemListElement"]
    assert [i["position"] for i in items] == [1, 2, 3]
    assert [i["name"] for i in items] == ["الرئيسية", "سياسة", story.title]
    assert items[-1]["item"] == absolute(story.get_absolute_url())


def test_json_ld_cannot_break_out_of_its_script(client):
    title = 'عنوان </script><script>alert("x")</script> & <!-- تعليق'
    article = ArticleFactory(title=title, deck="")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "<!--" not in html
    data = PageParts(html).schema("NewsArticle")
    assert data["headline"] == title
    assert data["description"] == title  # no deck: the title stands in
    assert data["author"][0]["@type"] == "NewsMediaOrganization"  # no byline: the newsroom
    assert "image" not in data


def test_article_page_has_opengraph_and_twitter_tags(client, story):
    parts = page(client, story.get_absolute_url())
    url = absolute(story.get_absolute_url())
    image = absolute(story.image.url)
    assert [link["href"] for link in parts.links if link.get("rel") == "canonical"] == [url]
    assert parts.prop("description") == story.deck
    expected = {
        "og:type": "article",
        "og:site_name": "غرفة الأخبار",
        "og:locale": "ar_AR",
        "og:title": story.title,
        "og:description": story.deck,
        "og:url": url,
        "og:image": image,
        "og:image:width": "1200",
        "og:image:height": "675",
        "og:image:alt": "وفود حول طاولة المفاوضات",
        "article:section": "سياسة",
        "twitter:card": "summary_large_image",
        "twitter:title": story.title,
        "twitter:description": story.deck,
        "twitter:image": image,
    }
    for name, value in expected.items():
        assert parts.prop(name) == value, name
    assert sorted(parts.properties("article:tag")) == sorted(["الساحل_الإفريقي", "مالي"])
    assert parts.properties("article:author") == [
        absolute(reverse("articles:author", args=["ليلى-منصور"]))
    ]
    published = datetime.fromisoformat(parts.prop("article:published_time"))
    assert published == story.publish_at.replace(microsecond=0)
    assert datetime.fromisoformat(parts.prop("article:modified_time")) >= published


def test_story_without_image_gets_a_small_card(client):
    parts = page(client, ArticleFactory().get_absolute_url())
    assert parts.prop("twitter:card") == "summary"
    assert parts.properties("og:image") == []


def test_share_links_are_plain_encoded_links_without_third_party_script(client, story):
    parts = page(client, story.get_absolute_url())
    url = absolute(f"/news/{story.pk}/")  # the short address, redirecting to the story
    links = {
        a["class"].split("--")[-1]: a
        for a in parts.anchors
        if "share-link" in a.get("class", "").split()
    }
    assert set(links) == {"whatsapp", "telegram", "x", "facebook", "copy"}

    def query(network, host, path):
        href = links[network]["href"]
        assert " " not in href and href.isascii(), href
        parsed = urlsplit(href)
        assert (parsed.scheme, parsed.netloc, parsed.path) == ("https", host, path)
        return {key: values[0] for key, values in parse_qs(parsed.query).items()}

    assert query("whatsapp", "wa.me", "/") == {"text": f"{story.title} {url}"}
    assert query("telegram", "t.me", "/share/url") == {"url": url, "text": story.title}
    assert query("x", "x.com", "/intent/post") == {"url": url, "text": story.title}
    assert query("facebook", "www.facebook.com", "/sharer/sharer.php") == {"u": url}
    for network in ("whatsapp", "telegram", "x", "facebook"):
        assert links[network]["target"] == "_blank"
        assert links[network]["rel"] == "noopener noreferrer"

    copy = links["copy"]
    assert copy["href"] == url
    assert copy["data-copied"] == "تم نسخ الرابط"
    scripts = [s["src"] for s in parts.scripts if "src" in s]
    assert "/static/js/share.js" in scripts
    assert all(src.startswith("/static/") for src in scripts)
    assert finders.find("js/share.js")


def test_share_links_encode_reserved_characters_in_titles(client):
    article = ArticleFactory(title="هل تنجح المفاوضات؟ 50% & أكثر #مالي")
    parts = page(client, article.get_absolute_url())
    href = next(a["href"] for a in parts.anchors if "share-link--x" in a.get("class", ""))
    assert parse_qs(urlsplit(href).query)["text"] == [article.title]


def test_section_page_has_breadcrumbs(client, story):
    crumbs = page(client, reverse("articles:section", args=["سياسة"])).schema("BreadcrumbList")
    assert crumbs["itemListElement"] == [
        {"@type": "ListItem", "position": 1, "name": "الرئيسية", "item": "http://testserver/"},
        {
            "@type": "ListItem",
            "position": 2,
            "name": "سياسة",
            "item": absolute(reverse("articles:section", args=["سياسة"])),
        },
    ]


def test_home_page_describes_the_site_and_its_search(client, story):
    site = page(client, reverse("articles:home")).schema("WebSite")
    assert site["name"] == "غرفة الأخبار"
    assert site["url"] == "http://testserver/"
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://testserver/search/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"


def test_admin_preview_of_a_draft_leaks_nothing_to_crawlers(client, editor):
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None, image=image_file())
    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_preview", args=[draft.pk]))
    assert response.status_code == 200
    parts = PageParts(response.content.decode())
    assert parts.prop("robots") == "noindex"
    assert parts.json_ld == []
    assert parts.properties("og:url") == []
    assert not [a for a in parts.anchors if "share-link" in a.get("class", "")]
