from datetime import timedelta
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


def hidden_articles(section, author):
    """One story in every state the public must not see."""
    future = timezone.now() + timedelta(hours=3)
    stories = [
        ArticleFactory(
            title="مسودة سرية", status=Article.Status.DRAFT, publish_at=None, section=section
        ),
        ArticleFactory(title="خبر قيد المراجعة", status=Article.Status.REVIEW, section=section),
        ArticleFactory(title="خبر مؤرشف", status=Article.Status.ARCHIVED, section=section),
        ArticleFactory(title="خبر مجدول", publish_at=future, section=section),
    ]
    for story in stories:
        story.tags.set(["سري"])
        story.authors.set([author])
    return stories


def test_article_page_shows_the_whole_agency_story(client):
    author = AuthorFactory(name="ليلى منصور")
    article = ArticleFactory(
        title="مشاورات الساحل الإفريقي تنطلق في موسكو",
        hashtags=["الساحل_الإفريقي"],
        authors=[author],
    )
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl"' in html
    for text in (
        article.title,
        article.deck,
        # Agency and city isolated apart: a Latin agency name keeps its place before the city.
        "<bdi>عين للأنباء</bdi> – <bdi>موسكو</bdi>",
        "ليلى منصور",
        "#الساحل_<wbr>الإفريقي",  # free to wrap between its words, not inside one
        "<li>الأمن</li>",
    ):
        assert text in html
    assert reverse("articles:tag", args=["الساحل_الإفريقي"]) in html


def test_arabic_slug_is_kept_and_other_slugs_redirect_permanently(client):
    article = ArticleFactory(title="القمة العربية: نتائج الجلسة الأولى")
    assert article.slug == "القمة-العربية-نتائج-الجلسة-الأولى"
    canonical = article.get_absolute_url()
    assert client.get(canonical).status_code == 200

    for wrong in (f"/news/{article.pk}/", f"/news/{article.pk}/old-title/"):
        response = client.get(wrong)
        assert response.status_code == 301
        assert response["Location"] == canonical


def test_title_change_keeps_the_old_url_working(client):
    article = ArticleFactory(title="عنوان أول")
    old_url = article.get_absolute_url()
    article.title, article.slug = "عنوان معدل بعد التحقق", ""
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_unpublished_stories_are_invisible_everywhere(client):
    section = SectionFactory(name="سياسة", slug="سياسة")
    author = AuthorFactory()
    visible = ArticleFactory(title="خبر منشور للجميع", section=section, authors=[author])
    visible.tags.set(["سري"])
    hidden = hidden_articles(section, author)

    for story in hidden:
        assert client.get(f"/news/{story.pk}/{story.slug}/").status_code == 404
        assert client.get(f"/news/{story.pk}/").status_code == 404

    pages = [
        reverse("articles:home"),
        section.get_absolute_url(),
        reverse("articles:tag", args=["سري"]),
        author.get_absolute_url(),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert visible.title in html, url
        for story in hidden:
            assert story.title not in html, url


def test_scheduled_story_goes_public_by_itself(client, time_machine):
    time_machine.move_to(timezone.now())
    story = ArticleFactory(title="خبر ينتظر موعده", publish_at=timezone.now() + timedelta(hours=2))
    assert client.get(story.get_absolute_url()).status_code == 404
    assert story.title not in client.get("/").content.decode()

    time_machine.shift(timedelta(hours=2, minutes=1))
    assert client.get(story.get_absolute_url()).status_code == 200
    assert story.title in client.get("/").content.decode()


def test_lists_are_paginated_and_past_the_end_is_the_last_page(client):
    section = SectionFactory()
    ArticleFactory.create_batch(13, section=section)
    first = client.get(section.get_absolute_url())
    assert len(first.context["articles"]) == 12
    assert 'rel="next"' in first.content.decode()
    assert len(client.get(section.get_absolute_url() + "?page=2").context["articles"]) == 1
    past_the_end = client.get(section.get_absolute_url() + "?page=9")
    assert past_the_end.status_code == 302  # tests/articles/test_pagination.py
    assert past_the_end["Location"] == section.get_absolute_url() + "?page=2"


def test_unknown_section_tag_author_and_article_are_arabic_404s(client):
    for url in ("/section/لا-يوجد/", "/tag/لا-يوجد/", "/author/nobody/", "/news/999999/x/"):
        response = client.get(url)
        assert response.status_code == 404
        assert 'dir="rtl"' in response.content.decode()


def test_english_interface_lives_under_en(client):
    article = ArticleFactory()
    response = client.get("/en" + article.get_absolute_url())
    assert response.status_code == 200
    assert '<html lang="en" dir="ltr"' in response.content.decode()
    # An Arabic story still reads right to left inside the English interface.
    assert 'lang="ar" dir="rtl"' in response.content.decode()


def test_related_articles_prefer_shared_hashtags(client):
    section = SectionFactory()
    other = SectionFactory()
    article = ArticleFactory(section=section, hashtags=["مالي", "النيجر"])
    shares_two = ArticleFactory(
        section=other, hashtags=["مالي", "النيجر"], publish_at=timezone.now() - timedelta(days=3)
    )
    shares_one = ArticleFactory(section=other, hashtags=["مالي"])
    same_section = ArticleFactory(section=section)
    ArticleFactory(section=other)  # unrelated
    related = list(client.get(article.get_absolute_url()).context["related"])
    assert related == [shares_two, shares_one, same_section]


def test_server_error_page_is_arabic_and_standalone():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert 'lang="ar" dir="rtl"' in html
    assert "حدث خطأ غير متوقع" in html


def test_home_shows_the_newest_stories_of_each_section():
    from articles.models import Article

    politics, sport = SectionFactory(), SectionFactory()
    old = timezone.now() - timedelta(days=2)
    newest_politics = [ArticleFactory(section=politics) for _ in range(5)]
    ArticleFactory(section=politics, publish_at=old)
    only_sport = ArticleFactory(section=sport, publish_at=old)
    picked = Article.objects.published().latest_per_section([politics.pk, sport.pk], 4)
    assert set(picked) == {*newest_politics[1:], only_sport}


def test_a_wrong_slug_redirects_with_its_query_string(client):
    """A campaign's utm_* tags survive the move to the story's own address."""
    article = ArticleFactory()
    response = client.get(f"/news/{article.pk}/old-title/?utm_source=newsletter&utm_medium=email")
    assert response.status_code == 301
    assert response["Location"] == (
        article.get_absolute_url() + "?utm_source=newsletter&utm_medium=email"
    )
    short = client.get(f"/news/{article.pk}/?utm_source=x")
    assert short["Location"] == article.get_absolute_url() + "?utm_source=x"


def test_a_story_is_shared_by_its_short_address(client):
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    short = f"http://testserver/news/{article.pk}/"
    assert f'href="{short}" data-copy-link' in html
    assert "wa.me/?text=" in html and quote(short, safe="") in html


def test_the_latest_list_dates_its_stories(client):
    """After midnight, yesterday's 23:00 is not today's: the list gives the day too."""
    article, *_ = ArticleFactory.create_batch(3)
    html = client.get("/").content.decode()
    latest = html[html.index('class="latest-list"') :]
    assert str(article.publish_at.year) in latest[: latest.index("</ol>")]


def lead_and_latest(client) -> tuple[str, list[str]]:
    import re

    html = client.get("/").content.decode()
    lead = re.search(r'<h2 id="lead-title" class="lead-title"><a [^>]*>([^<]*)</a>', html)
    latest = html[html.index('class="latest-list"') : html.index("</ol>")]
    return lead.group(1), re.findall(r"<a [^>]*>([^<]*)</a>", latest)


def test_a_story_with_a_picture_leads_the_home_page(client):
    """A brief without a picture, the newest, led the home page with half of its top block
    blank beside the latest list; it heads that list, and a story with a picture leads."""
    from tests.factories import image_file

    now = timezone.now()
    pictured = ArticleFactory(
        title="قمة نواكشوط", image=image_file(), publish_at=now - timedelta(hours=2)
    )
    brief = ArticleFactory(title="البرلمان يقر الموازنة", publish_at=now - timedelta(hours=1))
    older = ArticleFactory(title="خبر أقدم", publish_at=now - timedelta(hours=3))
    assert lead_and_latest(client) == (pictured.title, [brief.title, older.title])


def test_without_a_recent_picture_the_newest_story_leads(client):
    """The top block holds the seven newest stories, whatever leads it: a picture days old
    does not bring its story back to the top."""
    from tests.factories import image_file

    now = timezone.now()
    ArticleFactory(title="صورة قديمة", image=image_file(), publish_at=now - timedelta(days=3))
    briefs = [
        ArticleFactory(title=f"موجز {n}", publish_at=now - timedelta(hours=n)) for n in range(1, 8)
    ]
    assert lead_and_latest(client) == (briefs[0].title, [b.title for b in briefs[1:]])


def test_the_lead_is_not_repeated_in_its_sections_row(client):
    """The story leading the home page filled the first card of its section's row too, a
    screen below: the row shows the section's next four."""
    import re

    section = SectionFactory(name="سياسة")
    now = timezone.now()
    stories = [
        ArticleFactory(title=f"خبر سياسي {n}", section=section, publish_at=now - timedelta(hours=n))
        for n in range(1, 7)
    ]
    html = client.get("/").content.decode()
    row = html[html.index('class="section-block"') :]
    assert lead_and_latest(client)[0] == stories[0].title
    assert re.findall(r"خبر سياسي \d", row) == [s.title for s in stories[1:5]]


def test_a_hashtag_may_wrap_only_between_its_words(client):
    """<wbr> after each «_» that joins its words (the browser test shows the wrapping), the
    name itself escaped as ever."""
    from django.template import Context, Template

    shown = Template("{% load newsroom %}{{ name|wrap_at_joins }}").render(
        Context({"name": "الأمن_<b>الغذائي</b>_العربي"})
    )
    assert shown == "الأمن_<wbr>&lt;b&gt;الغذائي&lt;/b&gt;_<wbr>العربي"
    ArticleFactory(hashtags=["الأمن_الغذائي"])
    html = client.get(reverse("articles:tag", args=["الأمن_الغذائي"])).content.decode()
    assert '<h1><bdi lang="ar">#الأمن_<wbr>الغذائي</bdi></h1>' in html


def test_a_sections_own_list_does_not_name_it_on_every_card(client):
    """On «سياسة», each card said «سياسة» above its headline; hashtag and author lists,
    whose stories come from any section, still name theirs."""
    politics = SectionFactory(name="سياسة", slug="سياسة")
    author = AuthorFactory(name="ليلى منصور", slug="ليلى-منصور")
    ArticleFactory.create_batch(3, section=politics, hashtags=["الساحل"], authors=[author])
    kicker = f'<a class="kicker" href="{politics.get_absolute_url()}"'
    assert client.get(politics.get_absolute_url()).content.decode().count(kicker) == 0
    for url in (reverse("articles:tag", args=["الساحل"]), author.get_absolute_url()):
        assert client.get(url).content.decode().count(kicker) == 3, url
