"""A story's history in the admin: restoring an old version or a deleted story, and the
pages django-reversion draws for it."""

import re

import pytest
from django import forms
from django.contrib.auth.models import Permission
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import formats, timezone, translation
from reversion.models import Version

from articles.arabic import isolated
from articles.models import Article
from tests.articles.test_admin_roles import CHANGELIST, change_url, form_data
from tests.factories import SectionFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/articles/article/add/"


@pytest.fixture
def rewritten(client, editor):
    """A story saved twice by an editor: «العنوان الأول», then «العنوان الثاني»."""
    client.force_login(editor)
    section = SectionFactory()
    client.post(ADD, form_data(section, title="العنوان الأول"))
    article = Article.objects.get()
    client.post(
        change_url(article),
        form_data(section, title="العنوان الثاني", edit_version=article.version),
    )
    return article


def saved_on(version: Version) -> str:
    return formats.date_format(timezone.localtime(version.revision.date_created), "DATETIME_FORMAT")


def messages_after(client, url, section, title):
    """Submit the restore form as the editor sees it; the messages shown afterwards."""
    form = client.get(url).context["adminform"].form
    data = form_data(section, title=title, edit_version=form["edit_version"].value())
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    return [str(m) for m in response.context["messages"]]


def test_restoring_an_old_version_says_the_story_was_restored(client, rewritten):
    first = Version.objects.get_for_object(rewritten).last()
    url = reverse("admin:articles_article_revision", args=[rewritten.pk, first.pk])

    messages = messages_after(client, url, rewritten.section, "العنوان الأول")

    assert messages == [
        f"استُعيد المقال «{isolated('العنوان الأول')}» إلى نسخته المحفوظة في {saved_on(first)}."
    ]
    rewritten.refresh_from_db()
    assert rewritten.title == "العنوان الأول"


def test_recovering_a_deleted_story_says_the_story_was_restored(client, rewritten):
    delete = reverse("admin:articles_article_delete", args=[rewritten.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not Article.objects.exists()
    deleted = Version.objects.get_deleted(Article).get()
    url = reverse("admin:articles_article_recover", args=[deleted.pk])

    messages = messages_after(client, url, rewritten.section, "العنوان الثاني")

    assert messages == [
        f"استُعيد المقال «{isolated('العنوان الثاني')}» إلى نسخته المحفوظة في {saved_on(deleted)}."
    ]
    assert Article.objects.get().title == "العنوان الثاني"


def test_an_ordinary_save_is_not_called_a_restore(client, rewritten):
    rewritten.refresh_from_db()
    data = form_data(rewritten.section, title="العنوان الثالث", edit_version=rewritten.version)
    response = client.post(change_url(rewritten), data, follow=True)
    assert Article.objects.get().title == "العنوان الثالث"
    assert not any("استُعيد" in str(m) for m in response.context["messages"])


def declarations(stylesheet: str, selector: str) -> str:
    rule = re.search(rf"(?:^|}})\s*{re.escape(selector)}\s*{{([^}}]*)}}", stylesheet, re.M)
    return rule.group(1) if rule else ""


def as_shown(form) -> dict:
    """The restore form submitted as the editor sees it, nothing changed on it."""
    data = {}
    for field in form:
        widget, value = getattr(field.field.widget, "widget", field.field.widget), field.value()
        if isinstance(widget, forms.MultiWidget):  # the publication time's date and time
            for i, (part, box) in enumerate(
                zip(widget.decompress(value), widget.widgets, strict=True)
            ):
                data[f"{field.html_name}_{i}"] = box.format_value(part) or ""
        elif isinstance(widget, forms.CheckboxInput):
            if value:
                data[field.html_name] = "on"
        elif not isinstance(widget, forms.FileInput):  # no upload keeps the image
            shown = widget.format_value(value)
            if shown not in (None, "", []):
                data[field.html_name] = shown
    return data


PUBLISHED_AT = {"publish_at_0": "2026-03-01", "publish_at_1": "09:30:00"}


def publish_time(article) -> tuple:
    local = timezone.localtime(article.publish_at)
    return local.date().isoformat(), local.time().isoformat()


def saved_as(client, article, section, **fields):
    """The editor saves the story's form with these changes; the story as saved."""
    article.refresh_from_db()
    data = form_data(section, edit_version=article.version, **fields)
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    return article


def restore(client, article, version) -> tuple:
    """Open an old version from the story's history and save it as shown: the page the
    editor saw, and the story afterwards."""
    url = reverse("admin:articles_article_revision", args=[article.pk, version.pk])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, as_shown(page.context["adminform"].form))
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    return page, article


def test_restoring_a_drafts_wording_keeps_a_live_story_published(client, editor):
    client.force_login(editor)
    section = SectionFactory()
    client.post(ADD, form_data(section, title="الصياغة الأولى للمسودة"))
    article = Article.objects.get()
    drafted = Version.objects.get_for_object(article).get()
    saved_as(
        client, article, section, title="العنوان كما نُشر", status="published",
        reactions_closed="on", **PUBLISHED_AT,
    )  # fmt: skip
    assert article.is_public

    page, article = restore(client, article, drafted)

    form = page.context["adminform"].form
    assert form["status"].value() == "published"
    assert form["reactions_closed"].value() is True
    html = page.content.decode()
    assert "يُستعاد من هذه النسخة محتوى المقال" in html
    assert "أما حالته الآن («منشور») وموعد نشره وإغلاق التفاعلات فتبقى كما هي" in html

    assert article.title == "الصياغة الأولى للمسودة"
    assert article.status == Article.Status.PUBLISHED
    assert publish_time(article) == ("2026-03-01", "09:30:00")
    assert article.reactions_closed
    assert client.get(article.get_absolute_url()).status_code == 200


def test_restoring_a_published_wording_does_not_republish_a_story_taken_down(client, editor):
    client.force_login(editor)
    section = SectionFactory()
    client.post(
        ADD, form_data(section, title="العنوان المنشور", status="published", **PUBLISHED_AT)
    )
    article = Article.objects.get()
    published = Version.objects.get_for_object(article).get()
    saved_as(client, article, section, title="العنوان بعد سحبه", status="archived")

    page, article = restore(client, article, published)

    assert "(«مؤرشف»)" in page.content.decode()
    assert article.title == "العنوان المنشور"
    assert article.status == Article.Status.ARCHIVED
    assert not Article.objects.published().exists()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_the_recover_form_says_the_story_returns_with_the_status_it_had(client, editor):
    client.force_login(editor)
    client.post(ADD, form_data(SectionFactory(), title="خبر حُذف وهو منشور", status="published"))
    article = Article.objects.get()
    client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
    deleted = Version.objects.get_deleted(Article).get()

    page = client.get(reverse("admin:articles_article_recover", args=[deleted.pk]))

    assert page.status_code == 200
    assert "كانت حالته عند حذفه «منشور»، وسيعود بهذه الحالة" in page.content.decode()
    assert page.context["adminform"].form["status"].value() == "published"


def test_a_reporter_can_neither_open_nor_save_a_restore(client, editor, reporter):
    """A reporter may not publish: no old version of theirs, once published by an editor,
    may come back through the history, not even by posting the form without opening it."""
    client.force_login(reporter)
    section = SectionFactory()
    client.post(ADD, form_data(section, title="صياغة المراسل"))
    article = Article.objects.get()
    client.force_login(editor)
    saved_as(client, article, section, title="العنوان كما نشره المحرر", status="published")
    published = Version.objects.get_for_object(article).first()
    saved_as(client, article, section, title="أُعيد إلى المراسل", status="draft")
    client.force_login(reporter)
    url = reverse("admin:articles_article_revision", args=[article.pk, published.pk])
    data = form_data(section, title="العنوان كما نشره المحرر", status="published")

    assert client.get(url).status_code == 403
    assert client.post(url, {**data, "edit_version": article.version}).status_code == 403

    article.refresh_from_db()
    assert (article.title, article.status) == ("أُعيد إلى المراسل", Article.Status.DRAFT)
    assert not Article.objects.published().exists()

    client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
    assert not Article.objects.exists()
    recover = reverse("admin:articles_article_recover", args=[published.pk])
    assert client.get(recover).status_code == 403
    assert client.post(recover, data).status_code == 403
    assert not Article.objects.exists()


def history_lines(client, url) -> list[str]:
    html = client.get(url).content.decode()
    rows = re.findall(r"<tr>.*?</tr>", html.split("<tbody>")[1], re.S)
    return [re.findall(r"<td>(.*?)</td>", row, re.S)[-1].strip() for row in rows]


def test_the_history_reads_in_the_language_of_whoever_opens_it(client, editor):
    """An editor working in English adds a story, edits it, publishes it from the list and
    restores its first version: an editor working in Arabic reads each line in Arabic (they
    were kept in English), and one in English reads them in English."""
    client.force_login(editor)
    section = SectionFactory()
    client.post("/en" + ADD, form_data(section, title="العنوان الأول"))
    article = Article.objects.get()
    first = Version.objects.get_for_object(article).get()
    with translation.override("ar"):  # addresses without the /en/ of the requests made
        change, history, revision = (
            reverse(f"admin:articles_article_{view}", args=args)
            for view, args in [
                ("change", [article.pk]),
                ("history", [article.pk]),
                ("revision", [article.pk, first.pk]),
            ]
        )
    data = form_data(
        section, title="العنوان الثاني", slug=article.slug, edit_version=article.version
    )
    client.post("/en" + change, data)
    client.post("/en" + CHANGELIST, {"action": "publish", "_selected_action": [article.pk]})
    form = client.get("/en" + revision).context["adminform"].form
    assert client.post("/en" + revision, as_shown(form)).status_code == 302

    with translation.override("ar"):
        assert history_lines(client, history) == [
            "أُضيف.",
            "تم تغيير العنوان.",
            "نُشر من قائمة المقالات.",
            f"أُعيد إلى نسخته المحفوظة في {saved_on(first)}.",
        ]
    with translation.override("en"):
        assert history_lines(client, "/en" + history) == [
            "Added.",
            "Changed Title.",
            "Published from the story list.",
            f"Restored to its version saved on {saved_on(first)}.",
        ]


def test_reversion_pages_keep_the_breadcrumbs_bar(client, rewritten):
    """django-reversion writes <div class="breadcrumbs">; Django 6 dresses only its own
    <ol class="breadcrumbs">, so the project's admin stylesheet gives the div the bar."""
    first = Version.objects.get_for_object(rewritten).last()
    pages = [client.get(reverse("admin:articles_article_revision", args=[rewritten.pk, first.pk]))]
    client.post(reverse("admin:articles_article_delete", args=[rewritten.pk]), {"post": "yes"})
    deleted = Version.objects.get_deleted(Article).get()
    pages.append(client.get(reverse("admin:articles_article_recoverlist")))
    pages.append(client.get(reverse("admin:articles_article_recover", args=[deleted.pk])))
    for page in pages:
        html = page.content.decode()
        assert page.status_code == 200
        assert '<div class="breadcrumbs">' in html, page.request["PATH_INFO"]
        assert "/static/css/admin.css" in html, page.request["PATH_INFO"]

    with open(finders.find("css/admin.css"), encoding="utf-8") as file:
        stylesheet = file.read()
    bar = declarations(stylesheet, "div.breadcrumbs")
    assert "background: var(--breadcrumbs-bg)" in bar
    assert "color: var(--breadcrumbs-fg)" in bar
    assert "var(--breadcrumbs-link-fg)" in declarations(stylesheet, "div.breadcrumbs a")


def test_fields_changed_together_are_listed_as_each_language_writes_a_list(client, editor):
    """Django's «تم تغيير العنوان و نص الخبر.» leaves «و» apart from the word it joins."""
    client.force_login(editor)
    section = SectionFactory()
    client.post(ADD, form_data(section, title="العنوان الأول"))
    article = Article.objects.get()
    kept = {"slug": article.slug}
    saved_as(client, article, section, title="العنوان الثاني", body="<p>نص آخر</p>", **kept)
    saved_as(
        client, article, section, title="العنوان الثالث", deck="موجز آخر", body="<p>نص ثالث</p>",
        **kept,
    )  # fmt: skip
    history = reverse("admin:articles_article_history", args=[article.pk])

    with translation.override("ar"):
        assert history_lines(client, history)[1:] == [
            "تم تغيير العنوان ونص الخبر.",
            "تم تغيير العنوان والموجز ونص الخبر.",
        ]
    with translation.override("en"):
        assert history_lines(client, "/en" + history)[1:] == [
            "Changed Title and Body.",
            "Changed Title, Deck and Body.",
        ]


def test_other_histories_list_their_fields_the_same_way(client, superuser):
    from reactions.models import ReactionKind

    section = SectionFactory(name="رياضة", slug="رياضة")
    kind = ReactionKind.objects.order_by("order").first()
    client.force_login(superuser)
    client.post(
        reverse("admin:articles_section_change", args=[section.pk]),
        {"name": "الرياضة", "slug": "الرياضة", "description": "", "order": 3},
    )
    client.post(
        reverse("admin:reactions_reactionkind_change", args=[kind.pk]),
        {"emoji": kind.emoji, "label_ar": "مدهش", "label_en": "Amazing", "order": 9, "active": 1},
    )

    section_history = reverse("admin:articles_section_history", args=[section.pk])
    kind_history = reverse("admin:reactions_reactionkind_history", args=[kind.pk])
    assert "تم تغيير الاسم والمعرّف في الرابط والترتيب." in client.get(section_history).text
    assert "تم تغيير الاسم بالعربية والاسم بالإنجليزية والترتيب." in client.get(kind_history).text


def test_staff_accounts_and_roles_histories_list_their_fields_the_same_way(
    client, superuser, django_user_model
):
    from django.contrib.auth.models import Group

    reporter = django_user_model.objects.create_user("salma", password="pw-for-tests-only")
    role = Group.objects.create(name="مراسلون")
    client.force_login(superuser)
    edited = {  # a form Django's admin would post
        "username": "salma",
        "first_name": "سلمى",
        "last_name": "الحسيني",
        "email": "",
        "is_active": "on",
        "date_joined_0": "2026-12-01",
        "date_joined_1": "09:00:00",
    }
    client.post(reverse("admin:auth_user_change", args=[reporter.pk]), edited)
    client.post(
        reverse("admin:auth_group_change", args=[role.pk]),
        {"name": "المراسلون", "permissions": [Permission.objects.first().pk]},
    )

    user_history = reverse("admin:auth_user_history", args=[reporter.pk])
    group_history = reverse("admin:auth_group_history", args=[role.pk])
    with translation.override("ar"):
        assert history_lines(client, user_history) == [
            "تم تغيير الاسم الأول والاسم الأخير وتاريخ الانضمام."
        ]
        assert history_lines(client, group_history) == ["تم تغيير الاسم والصلاحيات."]
        client.post(
            reverse("admin:auth_group_change", args=[role.pk]),
            {"name": "فريق المراسلين", "permissions": [Permission.objects.first().pk]},
        )
        assert history_lines(client, group_history)[-1] == "تم تغيير الاسم."
    with translation.override("en"):
        assert history_lines(client, "/en" + user_history) == [
            "Changed First name, Last name and Date joined."
        ]


@pytest.mark.parametrize("object_id", ["987654", "not-a-number"])
def test_the_history_of_a_story_that_is_not_there_says_so(client, editor, object_id):
    """A deleted story's history page, opened from a bookmark or the browser's history,
    was a server error; it says the story is not there, as its form does."""
    client.force_login(editor)
    history = f"/admin/articles/article/{object_id}/history/"
    response = client.get(history, follow=True)
    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert messages == [f"لا يوجد مقال بالمعرّف «{object_id}»، فربما حُذف."]


@pytest.mark.parametrize(
    ("prefix", "revert", "recover"),
    [
        ("", "إعادة المقال إلى نسخة سابقة", "استعادة المقال المحذوف"),
        ("/en", "Revert the story to an earlier version", "Recover the deleted story"),
    ],
)
def test_restore_pages_are_headed_by_what_they_do_and_name_the_story_once(
    client, rewritten, prefix, revert, recover
):
    """django-reversion headed them «Revert <title>» with the title again beneath: the
    headline twice, and in the English admin «Revert» drawn at the Arabic title's end."""
    first = Version.objects.get_for_object(rewritten).last()
    revision = reverse("admin:articles_article_revision", args=[rewritten.pk, first.pk])
    delete = reverse("admin:articles_article_delete", args=[rewritten.pk])
    pages = {revert: client.get(prefix + revision).content.decode()}
    client.post(prefix + delete, {"post": "yes"})
    deleted = Version.objects.get_deleted(Article).get()
    recovery = f"{prefix}/admin/articles/article/recover/{deleted.pk}/"
    pages[recover] = client.get(recovery).content.decode()
    for heading, page in pages.items():
        assert re.search(r"<h1>(.*?)</h1>", page).group(1) == heading
        named = re.search(r"<h2>\u2068(.*?)\u2069</h2>", page).group(1)  # the story beneath
        assert named in {"العنوان الأول", "العنوان الثاني"}
        assert re.search(r"<title>(.*?)</title>", page, re.S).group(1).count(named) == 1
