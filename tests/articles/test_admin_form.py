"""The story form and the stories list, as an editor types into them and reads them."""

import datetime
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.articles.test_admin_roles import CHANGELIST, form_data
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, image_file

pytestmark = pytest.mark.django_db

ADD = "/admin/articles/article/add/"


@pytest.mark.parametrize(
    "typed",
    ["تصوير: وكالة عين", "تصوير : وكالة عين", "Photo: وكالة عين", "تصوير: تصوير: وكالة عين"],
)
def test_a_credit_typed_with_its_label_shows_the_label_once(client, editor, typed):
    client.force_login(editor)
    photo = SimpleUploadedFile("photo.jpg", image_file().read(), content_type="image/jpeg")
    data = form_data(SectionFactory(), status="published", image=photo, image_credit=typed)
    response = client.post(ADD, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    article = Article.objects.get()
    assert article.image_credit == "وكالة عين"
    html = client.get(article.get_absolute_url()).content.decode()
    credit = re.search(r'<span class="credit"[^>]*>(.*?)</span>', html, re.S).group(1)
    assert credit == '(تصوير: <bdi lang="ar">وكالة عين</bdi>)'


def test_a_credit_without_a_label_is_kept_as_typed():
    article = ArticleFactory.build(image_credit="  مصوّر الوكالة ")
    article.clean()
    assert article.image_credit == "مصوّر الوكالة"


@pytest.mark.parametrize(
    ("day", "time"),
    [("٢٠٩٩-٠١-٠١", "٠٩:٣٠:٠٠"), ("۲۰۹۹-۰۱-۰۱", "۰۹:۳۰"), ("2099-٠١-01", "09:٣٠")],
    ids=["arabic-indic", "persian", "mixed"],
)
def test_publication_time_typed_in_arabic_digits_is_accepted(client, editor, day, time):
    client.force_login(editor)
    data = form_data(SectionFactory(), status="published", publish_at_0=day, publish_at_1=time)
    response = client.post(ADD, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    article = Article.objects.get()
    assert article.is_scheduled
    local = timezone.localtime(article.publish_at)
    assert (local.date(), local.time()) == (datetime.date(2099, 1, 1), datetime.time(9, 30))


def test_a_publication_time_that_is_no_time_is_still_refused(client, editor):
    client.force_login(editor)
    data = form_data(SectionFactory(), status="published", publish_at_0="٢٠٩٩-١٣-٤٠")
    response = client.post(ADD, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["publish_at"]
    assert not Article.objects.exists()


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "9999-12-31"])
def test_a_publication_time_outside_the_years_kept_is_refused(client, editor, day):
    """Year 1 in Riyadh's time zone is before year 1 in UTC: stored, it broke every read of
    the stories list; a story in 9999 broke the list's date links."""
    client.force_login(editor)
    data = form_data(SectionFactory(), status="published", publish_at_0=day, publish_at_1="00:00")
    response = client.post(ADD, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["publish_at"] == [
        "التاريخ خارج المدى المقبول (من \u20681900-01-01\u2069 إلى \u20689998-12-31\u2069)."
    ]  # each day set apart, drawn left to right in the Arabic sentence
    assert not Article.objects.exists()
    assert client.get(CHANGELIST).status_code == 200


@pytest.mark.parametrize("day", ["1900-01-01", "9998-12-31"])
def test_the_first_and_last_days_kept_are_accepted_and_listed(client, editor, day):
    client.force_login(editor)
    data = form_data(SectionFactory(), status="published", publish_at_0=day, publish_at_1="23:59")
    assert client.post(ADD, data).status_code == 302
    year = day[:4]
    listing = client.get(CHANGELIST)
    assert f"?publish_at__year={year}" in listing.content.decode()
    by_year = client.get(f"{CHANGELIST}?publish_at__year={year}")
    assert by_year.status_code == 200
    assert list(by_year.context["cl"].result_list) == [Article.objects.get()]


@pytest.mark.parametrize(
    "title",
    ["\u200b\u200c\u200d", "\u200f\ufeff", "\u202e \u202c", "\u064b\u064f\u0651"],
    ids=["zero-width", "marks", "overrides", "tashkeel"],
)
def test_a_title_with_nothing_to_see_is_refused_as_missing(client, editor, title):
    """Only spaces were refused: a title of invisible characters went out as an empty
    headline, with no title to click in the stories list."""
    client.force_login(editor)
    response = client.post(ADD, form_data(SectionFactory(), title=title))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["title"] == ["هذا الحقل مطلوب."]
    assert not Article.objects.exists()


def test_a_title_of_emoji_or_signs_is_kept_with_an_address_that_works(client, editor):
    client.force_login(editor)
    data = form_data(SectionFactory(), title="🔥🔥 !!! ؟", status="published")
    assert client.post(ADD, data).status_code == 302
    article = Article.objects.get()
    assert article.title == "🔥🔥 !!! ؟"
    assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "publish_at__year=9999",
        "publish_at__year=9999&publish_at__month=12",
        "publish_at__year=9999&publish_at__month=12&publish_at__day=31",
        "publish_at__year=" + "9" * 40,
        "publish_at__year=2026&publish_at__month=2&publish_at__day=30",
    ],
    ids=["year-9999", "december-9999", "last-day-9999", "forty-digits", "february-30"],
)
def test_a_date_link_the_list_cannot_count_from_shows_the_list(client, editor, query):
    client.force_login(editor)
    ArticleFactory()
    response = client.get(f"{CHANGELIST}?{query}")
    assert response.status_code == 302
    assert response["Location"] == f"{CHANGELIST}?e=1"
    listing = client.get(response["Location"])
    assert listing.status_code == 200
    assert len(listing.context["cl"].result_list) == 1


def test_a_long_unbroken_title_wraps_in_the_stories_list(client, editor):
    """A 200-letter title without a space would widen its column past the screen."""
    title = "ا" * 200
    ArticleFactory(title=title)
    client.force_login(editor)
    html = client.get(CHANGELIST).content.decode()
    assert re.search(rf'<td class="field-title"><a [^>]*>{title}</a> <a class="preview-link"', html)
    assert "/static/css/admin.css" in html

    with open(finders.find("css/admin.css"), encoding="utf-8") as file:
        stylesheet = file.read()
    rule = re.search(r"#result_list \.field-title\s*\{([^}]*)\}", stylesheet)
    assert rule and "overflow-wrap: anywhere" in rule.group(1)


def byline_shown(page) -> list[str]:
    select = re.search(r'<select name="authors".*?</select>', page.content.decode(), re.S)
    return re.findall(r"<option [^>]*selected>([^<]*)</option>", select.group(0))


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_a_new_story_is_bylined_to_its_writer(client, request, role, other_reporter):
    user = request.getfixturevalue(role)
    own = AuthorFactory(name="سلمى الحداد", user=user)
    AuthorFactory(name="كاتب آخر")
    client.force_login(user)

    assert byline_shown(client.get(ADD)) == ["سلمى الحداد"]

    # A suggestion: the writer may take their name off, or add a colleague's.
    colleague = AuthorFactory(name="عمر الخطيب")
    assert client.post(ADD, form_data(SectionFactory(), authors=[colleague.pk])).status_code == 302
    story = Article.objects.get()
    assert list(story.authors.all()) == [colleague]
    # Only a new story: one already written keeps the byline it has.
    story.authors.clear()
    assert byline_shown(client.get(reverse("admin:articles_article_change", args=[story.pk]))) == []
    assert own.articles.count() == 0

    client.force_login(other_reporter)  # no author profile: nobody chosen for them
    assert byline_shown(client.get(ADD)) == []


def test_credits_saved_with_their_label_lose_it_once_migrated():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("articles.migrations.0008_credit_without_label")
    labelled = ArticleFactory(image_credit="تصوير: وكالة عين")
    plain = ArticleFactory(image_credit="مصوّر الوكالة")
    Article.objects.filter(pk=labelled.pk).update(image_credit="تصوير: وكالة عين")
    migration.strip_labels(apps, None)
    labelled.refresh_from_db()
    plain.refresh_from_db()
    assert (labelled.image_credit, plain.image_credit) == ("وكالة عين", "مصوّر الوكالة")


def test_the_stories_list_links_each_title_to_its_form_and_its_preview(
    client, editor, django_assert_max_num_queries
):
    """The preview link stands beside the title (it had a column at the far end, out of
    view at 1280 px); the title's link keeps the list's filters for the way back, as
    Django's own does, and the list still sorts by title. Queries as before (14 with 1 or
    21 stories), none per row."""
    story = ArticleFactory(title="سد النهضة", status="published")
    ArticleFactory.create_batch(20, status="published")
    client.force_login(editor)
    client.get(CHANGELIST)  # the session's and the site's first reads
    with django_assert_max_num_queries(14):
        html = client.get(CHANGELIST, {"status__exact": "published"}).content.decode()
    change = reverse("admin:articles_article_change", args=[story.pk])
    preview = reverse("admin:articles_article_preview", args=[story.pk])
    cells = re.findall(r'<td class="field-title">(.*?)</td>', html)
    assert len(cells) == 21
    assert (
        f'<a href="{change}?_changelist_filters=status__exact%3Dpublished">سد النهضة</a>'
        f' <a class="preview-link" href="{preview}">معاينة</a>'
    ) in cells
    assert "column-preview_link" not in html
    assert '<th scope="col" class="sortable column-title">' in html


def test_the_stories_list_gives_times_as_a_date_and_an_hour(client, editor):
    from zoneinfo import ZoneInfo

    moment = datetime.datetime(2026, 9, 30, 14, 5, tzinfo=ZoneInfo("Asia/Riyadh"))
    ArticleFactory(publish_at=moment)
    client.force_login(editor)
    arabic = client.get(CHANGELIST).content.decode()
    english = client.get("/en" + CHANGELIST).content.decode()
    time = '<time datetime="2026-09-30T14:05:00+03:00">'
    assert f"{time}<span>30 سبتمبر 2026</span> <span>14:05</span></time>" in arabic
    assert f"{time}<span>30 Sep 2026</span> <span>14:05</span></time>" in english


def test_a_scheduled_story_says_so_on_its_form_and_how_to_publish_it_now(client, editor):
    """Its status reads «منشور» (the list says «مجدول»): an editor opening it could take it
    for live. The form says when it goes out, and how to publish it now."""
    from django.utils import formats

    when = timezone.now() + datetime.timedelta(days=1)
    story = ArticleFactory(publish_at=when)
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    shown = formats.date_format(timezone.localtime(when), "DATETIME_FORMAT")
    assert (
        f"هذا المقال مجدول: يظهر للقراء في {shown}. لنشره الآن امسح موعد النشر ثم احفظ."
    ) in page

    live = ArticleFactory()
    page = client.get(reverse("admin:articles_article_change", args=[live.pk])).content.decode()
    assert "هذا المقال مجدول" not in page


def test_clearing_a_scheduled_storys_time_publishes_it_now(client, editor):
    """What the note under its status says to do."""
    from tests.articles.test_conflicts import opened

    story = ArticleFactory(publish_at=timezone.now() + datetime.timedelta(days=1))
    client.force_login(editor)
    data = {**opened(client, story), "publish_at_0": "", "publish_at_1": ""}
    response = client.post(reverse("admin:articles_article_change", args=[story.pk]), data)
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.is_public
