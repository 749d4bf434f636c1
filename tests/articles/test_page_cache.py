"""Whole-page caching: shared by anonymous readers, refreshed exactly when a story changes."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.http import parse_http_date

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


def get(client, url, **headers):
    return client.get(url, headers=headers)


def test_second_anonymous_view_is_served_from_cache_without_queries(
    client, django_assert_num_queries
):
    article = ArticleFactory()
    first = get(client, article.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = get(client, article.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    cache_control = second["Cache-Control"]
    for directive in ("public", "max-age=60", "s-maxage=60", "stale-while-revalidate=30"):
        assert directive in cache_control
    assert second["ETag"] and second["Last-Modified"]


def test_conditional_get_answers_304(client):
    article = ArticleFactory()
    etag = get(client, article.get_absolute_url())["ETag"]
    assert get(client, article.get_absolute_url(), if_none_match=etag).status_code == 304


def test_staff_pages_are_never_cached_or_shared(client, editor):
    article = ArticleFactory()
    get(client, article.get_absolute_url())  # an anonymous copy exists
    client.force_login(editor)
    response = get(client, article.get_absolute_url())
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_odd_query_strings_bypass_the_cache(client):
    get(client, "/?utm_source=x")
    assert "X-Page-Cache" not in get(client, "/?utm_source=x")


def test_a_page_keeps_copies_only_for_the_parameters_it_reads(client):
    """A story page does not read ?page= or ?p=: a copy per value would let anyone fill
    the cache with the same page. A list reads ?page=, a sitemap ?p=."""
    article = ArticleFactory()
    for junk in ("?page=7", "?p=3", "?page=2&p=2"):
        url = article.get_absolute_url() + junk
        assert get(client, url).status_code == 200
        assert "X-Page-Cache" not in get(client, url), junk
    ArticleFactory.create_batch(12, section=article.section)
    second_page = article.section.get_absolute_url() + "?page=2"
    assert get(client, second_page)["X-Page-Cache"] == "miss"
    assert get(client, second_page)["X-Page-Cache"] == "hit"
    sitemap = reverse("sitemap-section", args=["articles"]) + "?p=1"
    assert get(client, sitemap)["X-Page-Cache"] == "miss"
    assert get(client, sitemap)["X-Page-Cache"] == "hit"


def test_editing_a_story_refreshes_its_pages_and_only_those(client):
    politics = SectionFactory(slug="سياسة", name="سياسة")
    sport = SectionFactory(slug="رياضة", name="رياضة")
    author = AuthorFactory(slug="laila")
    article = ArticleFactory(
        title="العنوان الأول", section=politics, hashtags=["مالي"], authors=[author]
    )
    ArticleFactory(title="خبر رياضي", section=sport)
    urls = {
        "article": article.get_absolute_url(),
        "home": "/",
        "section": politics.get_absolute_url(),
        "tag": reverse("articles:tag", args=["مالي"]),
        "author": author.get_absolute_url(),
        "feed": reverse("articles:feed-rss"),
    }
    for url in [*urls.values(), sport.get_absolute_url()]:
        get(client, url)

    article.title = "العنوان بعد التصحيح"
    article.save()

    for name, url in urls.items():
        response = get(client, url)
        assert response["X-Page-Cache"] == "miss", name
        assert "العنوان بعد التصحيح" in response.content.decode(), name
    assert get(client, sport.get_absolute_url())["X-Page-Cache"] == "hit"


def test_unpublishing_removes_the_story_everywhere_at_once(client):
    article = ArticleFactory(title="خبر سيُسحب", hashtags=["مالي"])
    pages = ["/", article.section.get_absolute_url(), reverse("articles:tag", args=["مالي"])]
    for url in pages:
        assert "خبر سيُسحب" in get(client, url).content.decode()
    assert get(client, article.get_absolute_url()).status_code == 200

    article.status = Article.Status.DRAFT
    article.save()

    assert get(client, article.get_absolute_url()).status_code == 404
    for url in [*pages, reverse("articles:feed-rss"), "/sitemap-articles.xml"]:
        assert "خبر سيُسحب" not in get(client, url).content.decode(), url


def test_hashtag_change_refreshes_old_and_new_hashtag_pages(client):
    article = ArticleFactory(title="خبر الوسوم", hashtags=["قديم"])
    old, new = reverse("articles:tag", args=["قديم"]), reverse("articles:tag", args=["جديد"])
    assert "خبر الوسوم" in get(client, old).content.decode()
    assert get(client, new).status_code == 404

    article.tags.set(["جديد"])

    assert "خبر الوسوم" in get(client, new).content.decode()
    assert "خبر الوسوم" not in get(client, old).content.decode()


def test_scheduled_story_appears_on_cached_pages_on_time(client, time_machine):
    time_machine.move_to(timezone.now())
    ArticleFactory(title="خبر منشور")
    ArticleFactory(title="خبر مجدول", publish_at=timezone.now() + timedelta(seconds=90))
    assert "خبر مجدول" not in get(client, "/").content.decode()
    assert get(client, "/")["X-Page-Cache"] == "hit"

    time_machine.shift(timedelta(seconds=91))
    assert "خبر مجدول" in get(client, "/").content.decode()


def test_section_rename_refreshes_every_pages_navigation(client):
    section = SectionFactory(name="اقتصاد")
    article = ArticleFactory(section=section)
    other = ArticleFactory()
    get(client, other.get_absolute_url())
    section.name = "المال والأعمال"
    section.save()
    assert "المال والأعمال" in get(client, other.get_absolute_url()).content.decode()
    assert article


def test_pages_are_served_when_the_cache_is_down(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    article = ArticleFactory()
    for _ in range(2):
        response = get(client, article.get_absolute_url())
        assert response.status_code == 200
        assert article.title in response.content.decode()


def test_retiring_a_reaction_kind_refreshes_article_pages(client):
    from reactions.models import ReactionKind

    article = ArticleFactory()
    assert "😡" in get(client, article.get_absolute_url()).content.decode()
    ReactionKind.objects.filter(slug="angry").update(active=False)  # no signal: still cached
    assert get(client, article.get_absolute_url())["X-Page-Cache"] == "hit"

    kind = ReactionKind.objects.get(slug="angry")
    kind.save()  # the admin saves the row: pages with the box are refreshed
    assert "😡" not in get(client, article.get_absolute_url()).content.decode()


def test_pages_do_not_vary_with_the_browser_language(client):
    """The URL decides the language, so one cached copy serves every browser."""
    article = ArticleFactory()
    for url in ("/", article.get_absolute_url(), "/en/"):
        response = client.get(url, headers={"accept-language": "en-GB,en;q=0.8"})
        assert "accept-language" not in response.get("Vary", "").lower(), url
    assert '<html lang="ar"' in client.get("/", headers={"accept-language": "en"}).content.decode()


def test_a_copy_served_long_after_rendering_may_still_be_kept_by_proxies(client, time_machine):
    """An Expires date in the past would stop a front proxy or CDN from keeping the page."""
    time_machine.move_to(timezone.now())
    url = ArticleFactory().get_absolute_url()
    get(client, url)
    time_machine.shift(timedelta(seconds=300))  # past max-age, within the cache's timeout

    response = get(client, url)

    assert response["X-Page-Cache"] == "hit"
    assert parse_http_date(response["Expires"]) >= timezone.now().timestamp() + 58
    assert "max-age=60" in response["Cache-Control"]


def test_readers_who_chose_a_language_share_the_cached_page(client):
    """The language cookie set by the switch neither bypasses nor splits the page cache."""
    article = ArticleFactory()
    url = article.get_absolute_url()
    first = get(client, url)
    assert first["X-Page-Cache"] == "miss"
    assert "csrfmiddlewaretoken" not in first.content.decode()

    switched = client.post("/i18n/setlang/", {"next": "/en" + url, "language": "ar"})
    assert switched.cookies["django_language"].value == "ar"
    for language in ("ar", "en"):
        client.cookies["django_language"] = language
        again = get(client, url)
        assert again["X-Page-Cache"] == "hit", language
        assert again.content == first.content
        assert "cookie" not in again.get("Vary", "").lower()


def test_pulling_a_story_removes_it_from_other_stories_related_lists(client, editor):
    story = ArticleFactory(title="الخبر الرئيسي", hashtags=["مالي"])
    pulled = ArticleFactory(title="خبر سيُسحب من الصلة", hashtags=["مالي"])
    url = story.get_absolute_url()
    assert "خبر سيُسحب من الصلة" in get(client, url).content.decode()
    assert get(client, url)["X-Page-Cache"] == "hit"

    pulled.status = Article.Status.DRAFT
    pulled.save()

    response = get(client, url)
    assert response["X-Page-Cache"] == "miss"
    assert "خبر سيُسحب من الصلة" not in response.content.decode()
    client.force_login(editor)  # the kept story behind signed-in views too
    assert "خبر سيُسحب من الصلة" not in get(client, url).content.decode()


def test_a_page_without_related_stories_is_still_one_cache_read(client, settings):
    from unittest import mock

    from django.core.cache import cache

    from articles import pagecache

    url = ArticleFactory(hashtags=["وحيد"]).get_absolute_url()
    get(client, url)
    pagecache.recheck_remembered()  # as RECHECK seconds later: checked again
    with mock.patch.object(cache, "get_many", wraps=cache.get_many) as reads:
        assert get(client, url)["X-Page-Cache"] == "hit"
    assert reads.call_count == 1


def test_a_story_pulled_by_another_process_leaves_related_lists_within_a_second(client):
    """Another app server's bump reaches this one's cache but not its memory: pages whose
    related stories changed are checked again after at most RECHECK seconds."""
    import time

    from django.core.cache import cache

    from articles import pagecache

    story = ArticleFactory(hashtags=["مالي"])
    pulled = ArticleFactory(title="خبر سحبه خادم آخر", hashtags=["مالي"])
    url = story.get_absolute_url()
    get(client, url)
    assert get(client, url)["X-Page-Cache"] == "hit"

    Article.objects.filter(pk=pulled.pk).update(status=Article.Status.DRAFT)  # no signal here
    # What the other server's bump leaves in the shared cache:
    cache.set(pagecache.generation_key(f"article:{pulled.pk}"), time.time_ns(), timeout=None)

    time.sleep(pagecache.RECHECK + 0.1)
    response = get(client, url)
    assert response["X-Page-Cache"] == "miss"
    assert "خبر سحبه خادم آخر" not in response.content.decode()


def test_pages_are_kept_compressed_for_browsers_that_accept_gzip(client):
    import gzip

    url = ArticleFactory(title="خبر مضغوط").get_absolute_url()
    plain = get(client, url)
    first = get(client, url, accept_encoding="gzip, deflate, br")
    assert first["X-Page-Cache"] == "miss"  # its own copy, compressed once
    again = get(client, url, accept_encoding="br, gzip")

    assert again["X-Page-Cache"] == "hit"
    assert again["Content-Encoding"] == "gzip"
    assert "accept-encoding" in again["Vary"].lower()
    assert gzip.decompress(again.content) == plain.content
    assert len(again.content) < len(plain.content) / 2
    assert "Content-Encoding" not in get(client, url)  # the plain copy stays plain
    assert get(client, url, if_none_match=again["ETag"], accept_encoding="gzip").status_code == 304


def test_a_forged_host_gets_a_400_and_no_cache_warning(client, caplog):
    url = ArticleFactory().get_absolute_url()
    with caplog.at_level("WARNING", logger="articles.pagecache"):
        response = client.get(url, headers={"host": "evil.example"})
    assert response.status_code == 400
    assert not [r for r in caplog.records if r.name == "articles.pagecache"]


def test_an_edit_on_another_server_reaches_pages_this_one_remembers(client, editor):
    """Each process remembers the pages it served last; another server's edit (its bump,
    seen only in the shared cache) refreshes them within RECHECK seconds, whole and kept
    alike."""
    import time

    from django.core.cache import cache

    from articles import pagecache

    article = ArticleFactory(title="العنوان الأول")
    url = article.get_absolute_url()
    get(client, url)
    assert get(client, url)["X-Page-Cache"] == "hit"
    editing = Client()
    editing.force_login(editor)
    assert "العنوان الأول" in editing.get(url).content.decode()  # the story is kept

    Article.objects.filter(pk=article.pk).update(title="العنوان بعد التحرير")  # no signal here
    cache.set(pagecache.generation_key(f"article:{article.pk}"), time.time_ns(), timeout=None)
    time.sleep(pagecache.RECHECK + 0.1)

    response = get(client, url)
    assert response["X-Page-Cache"] == "miss"
    assert "العنوان بعد التحرير" in response.content.decode()
    assert "العنوان بعد التحرير" in editing.get(url).content.decode()


def test_a_page_this_process_served_is_served_from_memory(client):
    """A repeat hit reads nothing from the cache while it was found current less than
    RECHECK seconds ago; then only the generations travel, not the 28 KB page again."""
    from unittest import mock

    from django.core.cache import cache

    from articles import pagecache

    url = ArticleFactory().get_absolute_url()
    get(client, url)
    with (
        mock.patch.object(cache, "get_many", wraps=cache.get_many) as reads,
        mock.patch.object(cache, "get", wraps=cache.get) as single_reads,
    ):
        assert get(client, url)["X-Page-Cache"] == "hit"
        assert reads.call_count == single_reads.call_count == 0

        pagecache.recheck_remembered()  # as RECHECK seconds later
        assert get(client, url)["X-Page-Cache"] == "hit"
    (keys,), _kwargs = reads.call_args
    assert reads.call_count == 1
    assert all(key.startswith("pagegen:") for key in keys)
    # (a local-memory cache reads many keys one by one: generations only, all the same)
    assert all(call.args[0].startswith("pagegen:") for call in single_reads.call_args_list)


def test_an_edit_in_this_process_is_served_at_once(client, editor):
    """The remembered copy never outlives this process's own change, RECHECK or not."""
    article = ArticleFactory(title="قبل التصحيح")
    url = article.get_absolute_url()
    get(client, url)
    assert get(client, url)["X-Page-Cache"] == "hit"

    article.title = "بعد التصحيح"
    article.save()

    response = get(client, url)
    assert response["X-Page-Cache"] == "miss"
    assert "بعد التصحيح" in response.content.decode()


def test_the_kept_story_has_an_etag_that_follows_its_counts(client, editor):
    article = ArticleFactory()
    url = article.get_absolute_url()
    client.force_login(editor)
    first = get(client, url)
    assert get(client, url, if_none_match=first["ETag"]).status_code == 304

    reader = Client()
    reader.post(
        f"/reactions/{article.pk}/", {"kind": "like"}, headers={"accept": "application/json"}
    )

    after = get(client, url)
    assert after.status_code == 200 and after["ETag"] != first["ETag"]
    assert get(client, url, if_none_match=first["ETag"]).status_code == 200


def test_a_new_release_never_serves_pages_the_previous_one_kept(client, settings):
    """After a deploy, readers get the new templates at once, not when old pages time out."""
    settings.NEWSROOM_RELEASE = "2026.11.1"
    article = ArticleFactory(title="العنوان كما صيغ أولًا")
    get(client, article.get_absolute_url())
    # What only a new release's code would show differently: the row changes, no signal.
    Article.objects.filter(pk=article.pk).update(title="العنوان كما يعرضه الإصدار الجديد")
    assert "العنوان كما صيغ أولًا" in get(client, article.get_absolute_url()).text

    settings.NEWSROOM_RELEASE = "2026.11.2"
    response = get(client, article.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "العنوان كما يعرضه الإصدار الجديد" in response.text


def test_release_is_a_digest_of_what_shapes_pages(tmp_path):
    """Without NEWSROOM_RELEASE: the same files give the same release on every machine;
    a changed template, style or string gives a new one; files that shape no page do not."""
    from articles.pagecache import source_digest

    def checkout(name: str) -> tuple:
        base = tmp_path / name
        (base / "templates").mkdir(parents=True)
        (base / "templates" / "page.html").write_text("<h1>{{ title }}</h1>")
        (base / "static" / "css").mkdir(parents=True)
        (base / "static" / "css" / "site.css").write_text("h1 { color: #b3121f; }")
        return base, [base / "templates", base / "static"]

    base, roots = checkout("one")
    release = source_digest(base, roots)
    assert source_digest(*checkout("elsewhere")) == release

    (base / "static" / "photo.png").write_bytes(b"\x89PNG")
    (base / "templates" / "__pycache__").mkdir()
    (base / "templates" / "__pycache__" / "x.py").write_text("cached = True")
    assert source_digest(base, roots) == release

    (base / "static" / "css" / "site.css").write_text("h1 { color: #0b5; }")
    assert source_digest(base, roots) != release
