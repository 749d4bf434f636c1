"""What each role can and cannot do in the admin, checked through real HTTP requests."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"


def form_data(section, **overrides):
    data = {
        "title": "تقرير من الميدان",
        "slug": "",
        "deck": "موجز التقرير",
        "agency": "عين للأنباء",
        "city": "نواكشوط",
        "body": "<p>فقرة أولى</p>",
        "section": section.pk,
        "tags": "#الساحل_الإفريقي، #موريتانيا",
        "language": "ar",
        "status": "draft",
    }
    data.update(overrides)
    return data


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def test_reporter_writes_a_draft_and_submits_it_for_review(client, reporter):
    client.force_login(reporter)
    section = SectionFactory()
    response = client.post("/admin/articles/article/add/", form_data(section))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.created_by == reporter
    assert article.status == Article.Status.DRAFT
    assert sorted(t.name for t in article.tags.all()) == ["الساحل_الإفريقي", "موريتانيا"]

    response = client.post(
        change_url(article), form_data(section, status="review", edit_version=article.version)
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW


@pytest.mark.parametrize("status", ["published", "archived"])
def test_reporter_cannot_publish_even_by_forging_the_form(client, reporter, status):
    client.force_login(reporter)
    section = SectionFactory()
    response = client.post("/admin/articles/article/add/", form_data(section, status=status))
    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    assert not Article.objects.exists()


def test_reporter_cannot_touch_others_or_published_stories(client, reporter, other_reporter):
    theirs = ArticleFactory(status=Article.Status.DRAFT, publish_at=None, created_by=other_reporter)
    mine_published = ArticleFactory(created_by=reporter)
    client.force_login(reporter)

    assert client.get(change_url(theirs)).status_code == 403
    listing = client.get(CHANGELIST).content.decode()
    assert theirs.title not in listing

    response = client.post(
        change_url(mine_published), form_data(mine_published.section, title="تعديل بعد النشر")
    )
    # Refused by the form, which says why and keeps what was typed (test_story_read_only).
    assert response.status_code == 200
    assert "فلم يُحفظ تعديلك" in response.content.decode()
    mine_published.refresh_from_db()
    assert mine_published.title != "تعديل بعد النشر"


def test_a_story_not_theirs_is_refused_to_a_reporter_not_said_to_be_deleted(
    client, reporter, editor
):
    published = ArticleFactory(created_by=editor)
    client.force_login(reporter)

    refused = client.get(change_url(published))

    assert refused.status_code == 403
    html = refused.content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert "لا تملك صلاحية هذه الصفحة" in html
    assert "حُذف" not in html
    delete = reverse("admin:articles_article_delete", args=[published.pk])
    assert client.get(delete).status_code == 403

    # A story that does not exist is still said not to.
    missing = client.get(reverse("admin:articles_article_change", args=[published.pk + 1000]))
    assert missing.status_code == 302
    assert missing["Location"] == reverse("admin:index")
    told = [str(m) for m in client.get(missing["Location"]).context["messages"]]
    assert len(told) == 1
    assert "لا يوجد مقال" in told[0]

    client.force_login(editor)
    assert client.get(change_url(published)).status_code == 200


def test_reporter_cannot_run_the_publish_action(client, reporter):
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None, created_by=reporter)
    client.force_login(reporter)
    choices = client.get(CHANGELIST).context["action_form"].fields["action"].choices
    assert "publish" not in {value for value, _label in choices}
    client.post(CHANGELIST, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_editor_publishes_unpublishes_and_archives_in_bulk(client, editor):
    drafts = ArticleFactory.create_batch(3, status=Article.Status.DRAFT, publish_at=None)
    client.force_login(editor)
    ids = [a.pk for a in drafts]

    client.post(CHANGELIST, {"action": "publish", "_selected_action": ids})
    assert Article.objects.published().count() == 3

    client.post(CHANGELIST, {"action": "unpublish", "_selected_action": ids[:1]})
    client.post(CHANGELIST, {"action": "archive", "_selected_action": ids[1:2]})
    statuses = dict(Article.objects.values_list("pk", "status"))
    assert statuses == {
        ids[0]: Article.Status.DRAFT,
        ids[1]: Article.Status.ARCHIVED,
        ids[2]: Article.Status.PUBLISHED,
    }


def test_editor_schedules_a_story(client, editor):
    client.force_login(editor)
    section = SectionFactory()
    data = form_data(
        section, status="published", publish_at_0="2099-01-01", publish_at_1="09:00:00"
    )
    assert client.post("/admin/articles/article/add/", data).status_code == 302
    article = Article.objects.get()
    assert article.is_scheduled
    assert not Article.objects.published().exists()


def test_editor_publishes_now_when_no_time_is_given(client, editor):
    client.force_login(editor)
    data = form_data(SectionFactory(), status="published", publish_at_0="", publish_at_1="")
    assert client.post("/admin/articles/article/add/", data).status_code == 302
    assert Article.objects.published().get().title == "تقرير من الميدان"


def test_moderator_has_no_article_rights(client, moderator):
    article = ArticleFactory()
    client.force_login(moderator)
    assert client.get(CHANGELIST).status_code == 403
    assert client.get(change_url(article)).status_code == 403
    assert client.get("/admin/articles/article/add/").status_code == 403
    assert client.get(reverse("admin:articles_article_preview", args=[article.pk])).status_code in (
        403,
        404,
    )


def test_preview_shows_unpublished_story_to_its_staff_only(client, reporter, other_reporter):
    draft = ArticleFactory(
        title="مسودة للمعاينة", status=Article.Status.DRAFT, publish_at=None, created_by=reporter
    )
    url = reverse("admin:articles_article_preview", args=[draft.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page

    client.force_login(reporter)
    response = client.get(url)
    assert response.status_code == 200
    assert "مسودة للمعاينة" in response.content.decode()
    assert "معاينة" in response.content.decode()

    client.force_login(other_reporter)
    assert client.get(url).status_code == 403
    missing = reverse("admin:articles_article_preview", args=[draft.pk + 1000])
    assert client.get(missing).status_code == 404


def test_every_save_keeps_a_revision_and_editors_can_restore(client, editor):
    from reversion.models import Version

    client.force_login(editor)
    section = SectionFactory()
    client.post("/admin/articles/article/add/", form_data(section, title="العنوان الأول"))
    article = Article.objects.get()
    client.post(
        change_url(article),
        form_data(section, title="العنوان الثاني", tags="#جديد", edit_version=article.version),
    )
    versions = Version.objects.get_for_object(article)
    assert versions.count() == 2

    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert history.status_code == 200

    first = versions.last()
    url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
    revision_form = client.get(url).context["adminform"].form
    assert revision_form["title"].value() == "العنوان الأول"
    client.post(
        url,
        form_data(
            section,
            title="العنوان الأول",
            tags="#الساحل_الإفريقي، #موريتانيا",
            edit_version=revision_form["edit_version"].value(),
        ),
    )
    article.refresh_from_db()
    assert article.title == "العنوان الأول"
    assert sorted(t.name for t in article.tags.all()) == ["الساحل_الإفريقي", "موريتانيا"]


def test_reporter_cannot_open_history_and_is_not_shown_the_way(client, reporter):
    article = ArticleFactory(status=Article.Status.DRAFT, publish_at=None, created_by=reporter)
    client.force_login(reporter)
    history = reverse("admin:articles_article_history", args=[article.pk])
    refused = client.get(history)
    assert refused.status_code == 403
    # An Arabic admin page with the way back, not Django's bare "403 Forbidden".
    html = refused.content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert "لا تملك صلاحية هذه الصفحة" in html
    assert reverse("admin:index") in html

    form = client.get(change_url(article)).content.decode()
    assert history not in form
    listing = client.get(CHANGELIST).content.decode()
    assert "recoverlink" not in listing
    assert reverse("admin:articles_article_add") in listing


def test_editor_is_shown_history_and_deleted_stories(client, editor):
    article = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    client.force_login(editor)
    form = client.get(change_url(article)).content.decode()
    assert reverse("admin:articles_article_history", args=[article.pk]) in form
    assert "recoverlink" in client.get(CHANGELIST).content.decode()


def test_view_on_site_opens_the_preview_until_the_story_is_public(client, editor):
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    public = ArticleFactory()
    client.force_login(editor)
    preview = reverse("admin:articles_article_preview", args=[draft.pk])
    html = client.get(change_url(draft)).content.decode()
    assert f'href="{preview}" class="viewsitelink"' in html
    html = client.get(change_url(public)).content.decode()
    assert f'href="{public.get_absolute_url()}" class="viewsitelink"' in html


def test_a_refusal_on_the_public_site_is_an_arabic_page(client, reporter, settings):
    from django.core.exceptions import PermissionDenied
    from django.test import override_settings
    from django.urls import path

    def forbidden(request):
        raise PermissionDenied

    from newsroom import urls

    class Urls:
        urlpatterns = [path("forbidden/", forbidden), *urls.urlpatterns]
        handler403 = urls.handler403

    with override_settings(ROOT_URLCONF=Urls):
        response = client.get("/forbidden/")
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert "لا تملك صلاحية هذه الصفحة" in html


def test_admin_speaks_arabic_right_to_left(client, editor):
    client.force_login(editor)
    html = client.get(CHANGELIST).content.decode()
    assert 'dir="rtl"' in html
    assert "المقالات" in html


def test_form_rule_refuses_publishing_for_a_user_without_the_right(reporter):
    """The rule itself, beneath the narrowed status menu."""
    from articles.forms import ArticleAdminForm

    form_class = type("Form", (ArticleAdminForm,), {"user": reporter})
    form = form_class(data=form_data(SectionFactory(), status="published"))
    form.fields["status"].choices = Article.Status.choices  # as if the menu were forged
    assert not form.is_valid()
    assert "لا تملك صلاحية النشر" in str(form.errors["status"])


def test_hashtag_suggestions_for_staff_only(client, reporter, moderator):
    ArticleFactory(hashtags=["الساحل_الإفريقي", "الاقتصاد_الأخضر", "مالي"])
    url = reverse("admin:articles_article_hashtags")
    assert client.get(url, {"q": "ال"}).status_code == 302  # anonymous: to login

    client.force_login(moderator)
    assert client.get(url, {"q": "ال"}).status_code == 403

    client.force_login(reporter)
    # Hashtags starting with what was typed come before those merely containing it.
    assert client.get(url, {"q": "#ال"}).json() == {
        "results": ["الاقتصاد_الأخضر", "الساحل_الإفريقي", "مالي"]
    }
    assert client.get(url, {"q": "  "}).json() == {"results": []}
    form = client.get("/admin/articles/article/add/").content.decode()
    assert f'data-suggest-url="{url}"' in form


def test_second_of_two_editors_is_stopped_and_shown_what_changed(client, editor, django_user_model):
    from django.contrib.auth.models import Group

    article = ArticleFactory(title="العنوان الأصلي")
    other = django_user_model.objects.create_user("editor2", password="x", is_staff=True)
    other.groups.add(Group.objects.get(name="Editors"))
    section = article.section

    client.force_login(editor)
    opened = client.get(change_url(article)).context["adminform"].form
    stale_version = opened["edit_version"].value()

    second = client.__class__()
    second.force_login(other)
    first_save = form_data(
        section,
        title="عنوان المحرر الثاني",
        status="published",
        edit_version=second.get(change_url(article))
        .context["adminform"]
        .form["edit_version"]
        .value(),
        publish_at_0="2026-01-01",
        publish_at_1="10:00:00",
    )
    assert second.post(change_url(article), first_save).status_code == 302

    late = form_data(
        section,
        title="عنوان المحرر الأول",
        status="published",
        edit_version=stale_version,
        publish_at_0="2026-01-01",
        publish_at_1="10:00:00",
    )
    response = client.post(change_url(article), late)
    assert response.status_code == 200
    errors = str(response.context["adminform"].form.non_field_errors())
    assert "عدّل شخص آخر هذا المقال" in errors
    assert "العنوان" in errors
    article.refresh_from_db()
    assert article.title == "عنوان المحرر الثاني"


def test_staff_switch_the_admin_language(client, editor):
    client.force_login(editor)
    changelist = "/admin/articles/article/?status__exact=draft&q=x"
    arabic = client.get(changelist).content.decode()
    assert '<form class="lang-switch" method="post" action="/i18n/setlang/"' in arabic
    assert f'name="next" value="{changelist.replace("&", "&amp;")}"' in arabic
    assert '<button type="submit" name="language" value="en" lang="en">English</button>' in arabic

    to_english = client.post("/i18n/setlang/", {"next": changelist, "language": "en"})
    assert to_english.status_code == 302
    assert to_english["Location"] == "/en" + changelist
    english = client.get(to_english["Location"])
    assert english.status_code == 200
    assert '<html lang="en" dir="ltr"' in english.content.decode()
    assert 'value="ar" lang="ar">العربيّة</button>' in english.content.decode()

    to_arabic = client.post("/i18n/setlang/", {"next": "/en/admin/", "language": "ar"})
    assert to_arabic["Location"] == "/admin/"


@pytest.mark.parametrize(
    "body", ["<p></p><p></p><p>   </p>", "<p>&nbsp;</p>", "<ul><li></li></ul>", "<p><br></p>"]
)
def test_a_story_without_words_is_not_saved(client, editor, body):
    client.force_login(editor)
    data = form_data(SectionFactory(), body=body, status="published")
    response = client.post("/admin/articles/article/add/", data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["body"] == [
        "اكتب نص الخبر: فقرة واحدة على الأقل."
    ]
    assert not Article.objects.exists()


def test_a_reporters_form_says_how_a_story_gets_published(client, reporter, editor):
    """The publication time and closing reactions are the editors' (a reporter's form left
    them as a «-» and a red cross under help on scheduling); the status says what the
    reporter does instead. Editors keep them."""
    story = ArticleFactory(status=Article.Status.DRAFT, publish_at=None, created_by=reporter)
    for url in ("/admin/articles/article/add/", change_url(story)):
        client.force_login(reporter)
        page = client.get(url).content.decode()
        assert "field-publish_at" not in page
        assert "field-reactions_closed" not in page
        assert "وقت في المستقبل يجعل الخبر مجدولًا" not in page
        assert (
            "حين ينتهي الخبر اختر «قيد المراجعة» واحفظه: يراجعه محرر ثم ينشره أو يجدوله. "
            "النشر والجدولة للمحررين وحدهم."
        ) in page

        client.force_login(editor)
        page = client.get(url).content.decode()
        assert 'name="publish_at_0"' in page
        assert 'name="reactions_closed"' in page
        assert "حين ينتهي الخبر" not in page


def test_a_reporter_still_cannot_schedule_by_sending_the_time(client, reporter):
    client.force_login(reporter)
    data = form_data(SectionFactory(), publish_at_0="2099-01-01", publish_at_1="09:30")
    response = client.post("/admin/articles/article/add/", {**data, "reactions_closed": "on"})
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.publish_at is None
    assert not article.reactions_closed
